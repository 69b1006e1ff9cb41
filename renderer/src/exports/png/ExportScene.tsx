/**
 * The Konva drawing of a PNG export: the canvas's own layers (GridLayer, ContentLayer, HeaderLayer — the
 * same components and styles as on screen), culled to one tile at a time, and for the whole map the band
 * above it (title, description, personas, legend). It is mounted off screen on a detached element; each
 * tile is drawn by renderPng.ts onto a canvas of the tile's size at the export's pixel ratio, as
 * `stage.toCanvas({ x, y, width, height, pixelRatio })` does: every shape is drawn again at that scale, so
 * text is drawn at the export's size and never scaled up from a bitmap.
 *
 * A transparent picture leaves out the paper: the band's and the lanes' fills (the grid's lines, cards,
 * curves and headers stay), drawn here instead of by GridLayer, which always fills its lanes.
 */
import type Konva from 'konva';
import { Group, Layer, Line, Rect, Stage, Text } from 'react-konva';
import { ContentLayer } from '../../canvas/ContentLayer.tsx';
import { CurveMarker } from '../../canvas/PersonaCurves.tsx';
import { EVIDENCE_STYLE, personaColor, personaShape } from '../../canvas/evidenceStyle.ts';
import { GridLayer } from '../../canvas/GridLayer.tsx';
import { HeaderLayer } from '../../canvas/HeaderLayer.tsx';
import { WarnBadge } from '../../canvas/EvidenceCurve.tsx';
import { scoreToY, type MapLayout, type VisibleSet } from '../../canvas/layout.ts';
import { CARD_FONT } from '../../canvas/measure.ts';
import { PALETTE } from '../../canvas/palette.ts';
import { MapStoreContext } from '../../store/MapStoreContext.tsx';
import type { MapStore } from '../../store/mapStore.ts';
import { NOTHING } from '../../store/selection.ts';
import type { BandLayout, SceneFrame } from './scene.ts';

const FONT_FAMILY = CARD_FONT.slice(CARD_FONT.indexOf(' ') + 1);
const NO_CARDS: ReadonlySet<string> = new Set();

export interface ExportSceneProps {
  store: MapStore;
  layout: MapLayout;
  frame: SceneFrame;
  /** What the tile being drawn shows (culled as the canvas culls its viewport). */
  visible: VisibleSet;
  /** The band above the whole map (drawn at negative y), or none. */
  band: BandLayout | null;
  transparent: boolean;
  /** The area to back with paper when the picture is not transparent (scene units). */
  paper: { x: number; y: number; width: number; height: number };
  stageRef: React.Ref<Konva.Stage>;
}

/** The grid's lines without the lanes' fills: GridLayer for a transparent picture. */
function GridLines({ layout, visible, frame }: { layout: MapLayout; visible: VisibleSet; frame: SceneFrame }) {
  const first = visible.stages[0];
  const last = visible.stages.at(-1);
  const x0 = first?.x ?? 0;
  const x1 = last ? last.x + last.width : 0;
  return (
    <Layer listening={false}>
      <Group x={frame.bodyX} y={frame.bodyY} scaleX={frame.zoom} scaleY={frame.zoom}>
        {visible.lanes.map((lane) => (
          <Group key={lane.id}>
            {lane.kind === 'emotion' &&
              !lane.collapsed &&
              [layout.emotionScale.max, 0, layout.emotionScale.min].map((score) => {
                const gy = scoreToY(score, lane, layout.emotionScale.min, layout.emotionScale.max);
                return <Line key={score} points={[x0, gy, x1, gy]} stroke={PALETTE.line} strokeWidth={1} dash={score === 0 ? undefined : [4, 6]} perfectDrawEnabled={false} />;
              })}
            <Line points={[x0, lane.y + lane.height, x1, lane.y + lane.height]} stroke={PALETTE.line} strokeWidth={1} perfectDrawEnabled={false} />
          </Group>
        ))}
        {visible.stages.map((stage) => (
          <Line key={stage.id} points={[stage.x + stage.width, visible.lanes[0]?.y ?? 0, stage.x + stage.width, layout.height]} stroke={PALETTE.line} strokeWidth={1} perfectDrawEnabled={false} />
        ))}
      </Group>
    </Layer>
  );
}

/** The key to the map's marks: card outlines and dots, and the emotion lane's curves. */
function Legend({ x, y, curves }: { x: number; y: number; curves: boolean }) {
  const muted = { fontSize: 12, fontFamily: FONT_FAMILY, fill: PALETTE.muted, perfectDrawEnabled: false } as const;
  return (
    <Group x={x} y={y}>
      <Text text="Cards:" y={3} {...muted} />
      <Rect x={46} y={2} width={20} height={14} cornerRadius={3} stroke="rgba(60,70,90,0.45)" strokeWidth={1} dash={[5, 3]} perfectDrawEnabled={false} />
      <Text text="assumed" x={72} y={3} {...muted} />
      <Text text="● observed" x={130} y={3} {...muted} />
      <Text text="○ proposed" x={206} y={3} {...muted} />
      {curves && (
        <Group x={300}>
          <Text text="Curves:" y={3} {...muted} />
          <Line points={[52, 9, 78, 9]} stroke={EVIDENCE_STYLE.team} strokeWidth={2} perfectDrawEnabled={false} />
          <CurveMarker shape="circle" x={65} y={9} size={4.5} fill={EVIDENCE_STYLE.team} stroke="white" strokeWidth={1} />
          <Text text="team (workshop)" x={84} y={3} {...muted} />
          <Line points={[190, 9, 216, 9]} stroke={EVIDENCE_STYLE.ink} strokeWidth={2} dash={[5, 3]} perfectDrawEnabled={false} />
          <CurveMarker shape="diamond" x={203} y={9} size={4.5} fill="white" stroke={EVIDENCE_STYLE.ink} strokeWidth={1.8} />
          <Text text="evidence (quotes)" x={222} y={3} {...muted} />
          <WarnBadge x={340} y={9} r={6} />
          <Text text="differs by ≥ 1" x={352} y={3} {...muted} />
        </Group>
      )}
    </Group>
  );
}

/** Title, description, the personas (each with its curve's colour and marker) and the legend. */
function Band({ band, transparent }: { band: BandLayout; transparent: boolean }) {
  const top = -band.height;
  return (
    <Layer listening={false}>
      <Group y={top}>
        {!transparent && <Rect width={band.width} height={band.height} fill={PALETTE.paper} perfectDrawEnabled={false} />}
        <Text {...band.title} text={band.title.text} fontSize={24} fontStyle="bold" fontFamily={FONT_FAMILY} fill={PALETTE.ink} wrap="none" ellipsis verticalAlign="middle" perfectDrawEnabled={false} />
        {band.description && (
          <Text {...band.description} text={band.description.text} fontSize={13} fontFamily={FONT_FAMILY} fill={PALETTE.muted} wrap="none" ellipsis verticalAlign="middle" perfectDrawEnabled={false} />
        )}
        {band.chips.map((chip) => {
          const colour = personaColor(chip.persona, chip.index);
          return (
            <Group key={chip.persona.id} x={chip.x} y={chip.y}>
              <Rect width={chip.width} height={chip.height} cornerRadius={8} fill={transparent ? undefined : PALETTE.header} stroke={colour} strokeWidth={1.5} perfectDrawEnabled={false} />
              <CurveMarker shape={personaShape(chip.index)} x={18} y={chip.height / 2} size={6} fill={colour} stroke="white" strokeWidth={1.5} />
              <Text x={34} y={5} width={chip.width - 44} text={chip.persona.name} fontSize={13} fontStyle="bold" fontFamily={FONT_FAMILY} fill={PALETTE.ink} wrap="none" ellipsis perfectDrawEnabled={false} />
              <Text x={34} y={22} width={chip.width - 44} text={chip.persona.role || 'Persona'} fontSize={11} fontFamily={FONT_FAMILY} fill={PALETTE.muted} wrap="none" ellipsis perfectDrawEnabled={false} />
            </Group>
          );
        })}
        <Legend x={band.legend.x} y={band.legend.y} curves={band.legend.curves} />
      </Group>
    </Layer>
  );
}

/**
 * The scene for one tile. The stage itself is 1 × 1: its layers' own canvases are never looked at (each
 * tile is drawn afresh), so they cost nothing to keep.
 */
export function ExportScene({ store, layout, frame, visible, band, transparent, paper, stageRef }: ExportSceneProps) {
  return (
    <MapStoreContext.Provider value={store}>
      <Stage ref={stageRef} width={1} height={1} listening={false}>
        {!transparent && (
          <Layer listening={false}>
            <Rect {...paper} fill={PALETTE.paper} perfectDrawEnabled={false} />
          </Layer>
        )}
        {band && <Band band={band} transparent={transparent} />}
        {transparent ? (
          <GridLines layout={layout} visible={visible} frame={frame} />
        ) : (
          <GridLayer layout={layout} visible={visible} x={frame.bodyX} y={frame.bodyY} scale={frame.zoom} selection={NOTHING} />
        )}
        <ContentLayer layout={layout} visible={visible} x={frame.bodyX} y={frame.bodyY} scale={frame.zoom} selection={NOTHING} draggingCards={NO_CARDS} draggingEmotion={null} />
        <HeaderLayer layout={layout} visible={visible} bodyX={frame.bodyX} bodyY={frame.bodyY} scale={frame.zoom} selection={NOTHING} draggingStage={null} draggingLane={null} viewTop={frame.viewTop} />
      </Stage>
    </MapStoreContext.Provider>
  );
}
