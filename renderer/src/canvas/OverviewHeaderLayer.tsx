/**
 * The stage row and lane column in the overview (zoomed out below DETAIL_MIN_SCALE). Drawn in screen pixels at
 * a fixed size (headerWidth/headerHeight of the zoom: OVERVIEW_HEADER_SCALE), so a stage's or lane's name is
 * always 12–13 px: a stage's cut to its column, a lane's in its row or, when the row is too short, as near
 * it as the other names allow (placeLabels): the names stay readable however far the body is zoomed out.
 * Positions along the map come from the layout at the body's zoom, as everywhere else.
 */
import { memo } from 'react';
import { Group, Layer, Line, Rect, Text } from 'react-konva';
import { useMapStore } from '../store/MapStoreContext.tsx';
import type { Selection } from '../store/selection.ts';
import type { MapLayout, VisibleSet } from './layout.ts';
import { placeLabels } from './overview.ts';
import { PALETTE } from './palette.ts';
import { headerHeight, headerWidth } from './viewport.ts';

interface OverviewHeaderLayerProps {
  layout: MapLayout;
  visible: VisibleSet;
  bodyX: number;
  bodyY: number;
  scale: number;
  selection: Selection;
  /** The canvas's height (px): names are placed between the stage row and it. */
  bottom: number;
  /** The canvas's width (px): stage names spread out (see below) are placed between the lane column and it. */
  right: number;
}

export const STAGE_FONT = 13;
/**
 * Below this column width (px) a stage's name no longer fits its column at all (a huge map at Fit: 4 px a
 * stage). The names then spread along the header row instead, each as close above its column as the others
 * allow (placeLabels, across), joined to its column by a short line: still readable, still in stage order.
 */
const SPREAD_BELOW = 44;
/** A spread name's room along the row (px), at most; less when the row holds many stages. */
const SPREAD_LABEL = 120;
const SPREAD_MIN = 36;
export const LANE_FONT = 12;
/** The room a lane's name takes in the column (px). */
const LANE_LABEL = 16;
/** The mark along each lane's row in the column, and the line to a name moved off its row. */
const MARK = '#9fb3d1';

let measuring: CanvasRenderingContext2D | null | undefined;
/** Does every word of a stage's name fit the width (px) on a line of its own? Konva would split a word that does not. */
function wordsFit(text: string, width: number): boolean {
  measuring ??= document.createElement('canvas').getContext('2d');
  if (!measuring) return false;
  measuring.font = `bold ${STAGE_FONT}px Arial`; // Konva's default family, which these names are drawn in
  const ctx = measuring;
  return text.split(/\s+/).every((word) => ctx.measureText(word).width <= width);
}

export const OverviewHeaderLayer = memo(function OverviewHeaderLayer({ layout, visible, bodyX, bodyY, scale, selection, bottom, right }: OverviewHeaderLayerProps) {
  const stages = useMapStore((s) => s.stages);
  const lanes = useMapStore((s) => s.lanes);
  const hw = headerWidth(scale);
  const hh = headerHeight(scale);
  const labels = placeLabels(
    visible.lanes.map((l) => ({ top: bodyY + l.y * scale, height: l.height * scale })),
    LANE_LABEL,
    hh,
    bottom,
  );
  // Spread when most columns are too narrow (one narrow stage among wide ones keeps its name cut instead).
  const spread = visible.stages.filter((b) => b.width * scale < SPREAD_BELOW).length * 2 > visible.stages.length;
  const slot = Math.max(SPREAD_MIN, Math.min(SPREAD_LABEL, (right - hw) / Math.max(1, visible.stages.length)));
  const columns = visible.stages.map((b) => ({ top: bodyX + b.x * scale, height: b.width * scale }));
  const spreadAt = spread ? placeLabels(columns, slot, hw, right, 0) : [];
  return (
    <Layer listening={false}>
      {spread && <Rect x={hw} y={0} width={Math.max(0, right - hw)} height={hh} fill={PALETTE.header} perfectDrawEnabled={false} />}
      {visible.stages.map((box) => {
        const stage = stages[box.id];
        if (!stage) return null;
        const w = box.width * scale;
        const active = selection.kind === 'stage' && selection.id === box.id;
        return (
          <Group key={box.id} x={bodyX + box.x * scale} y={0} clipX={0} clipY={0} clipWidth={w} clipHeight={hh}>
            <Rect width={w} height={hh} fill={active ? PALETTE.headerActive : PALETTE.header} perfectDrawEnabled={false} />
            <Rect width={w} height={3} fill={stage.color ?? '#9fb3d1'} perfectDrawEnabled={false} />
            {/* Two lines when the column is narrow and each word fits it; else one line cut with an ellipsis. */}
            {!spread && <Text
              x={5}
              y={4}
              width={Math.max(1, w - 8)}
              height={hh - 6}
              verticalAlign="middle"
              text={stage.name}
              fontSize={STAGE_FONT}
              lineHeight={1.1}
              fontStyle="bold"
              fill={PALETTE.ink}
              wrap={wordsFit(stage.name, w - 8) ? 'word' : 'none'}
              ellipsis
              perfectDrawEnabled={false}
            />}
            <Line points={[w - 0.5, 4, w - 0.5, hh]} stroke={PALETTE.line} strokeWidth={1} perfectDrawEnabled={false} />
            <Line points={[0, hh - 0.5, w, hh - 0.5]} stroke="#c3cad6" strokeWidth={1} perfectDrawEnabled={false} />
          </Group>
        );
      })}
      {spread &&
        visible.stages.map((box, i) => {
          const x = spreadAt[i];
          const stage = stages[box.id];
          if (x === null || x === undefined || !stage) return null;
          const column = bodyX + (box.x + box.width / 2) * scale;
          const active = selection.kind === 'stage' && selection.id === box.id;
          return (
            <Group key={box.id}>
              <Rect x={x + 1} y={3} width={slot - 2} height={hh - 16} cornerRadius={3} fill={active ? PALETTE.headerActive : PALETTE.header} perfectDrawEnabled={false} />
              <Rect x={x + 1} y={3} width={3} height={hh - 16} fill={stage.color ?? MARK} perfectDrawEnabled={false} />
              <Text x={x + 7} y={3} width={Math.max(1, slot - 10)} height={hh - 16} verticalAlign="middle" text={stage.name} fontSize={STAGE_FONT} fontStyle="bold" fill={PALETTE.ink} wrap="none" ellipsis perfectDrawEnabled={false} />
              {/* One straight line from the name to its column's middle at the row's foot: in stage order, so the lines fan out and never cross. */}
              <Line points={[x + slot / 2, hh - 13, column, hh - 1]} stroke={MARK} strokeWidth={1} perfectDrawEnabled={false} />
            </Group>
          );
        })}
      {visible.lanes.map((box) => {
        const h = box.height * scale;
        const active = selection.kind === 'lane' && selection.id === box.id;
        return (
          <Group key={box.id} x={0} y={bodyY + box.y * scale} clipX={0} clipY={0} clipWidth={hw} clipHeight={h}>
            <Rect width={hw} height={h} fill={active ? PALETTE.headerActive : PALETTE.header} perfectDrawEnabled={false} />
            <Rect x={3} y={1} width={3} height={Math.max(1, h - 2)} fill={MARK} perfectDrawEnabled={false} />
            <Line points={[0, h - 0.5, hw, h - 0.5]} stroke={PALETTE.line} strokeWidth={1} perfectDrawEnabled={false} />
            <Line points={[hw - 0.5, 0, hw - 0.5, h]} stroke="#c3cad6" strokeWidth={1} perfectDrawEnabled={false} />
          </Group>
        );
      })}
      <Group clipX={0} clipY={hh} clipWidth={hw} clipHeight={Math.max(0, bottom - hh)}>
        {visible.lanes.map((box, i) => {
          const y = labels[i];
          const lane = lanes[box.id];
          if (y === null || y === undefined || !lane) return null;
          // A name moved off its row (the row is too short for it) is joined to the row by a short line.
          const rowTop = bodyY + box.y * scale;
          const rowBottom = rowTop + box.height * scale;
          const mid = y + LANE_LABEL / 2;
          const off = mid < rowTop || mid > rowBottom;
          return (
            <Group key={box.id}>
              {off && <Line points={[6, Math.min(rowBottom, Math.max(rowTop, mid)), 9, mid]} stroke={MARK} strokeWidth={1} perfectDrawEnabled={false} />}
              <Text x={11} y={y} width={hw - 16} height={LANE_LABEL} verticalAlign="middle" text={lane.title} fontSize={LANE_FONT} fontStyle="bold" fill={PALETTE.ink} wrap="none" ellipsis perfectDrawEnabled={false} />
            </Group>
          );
        })}
      </Group>
      <Rect x={0} y={0} width={hw} height={hh} fill={PALETTE.header} perfectDrawEnabled={false} />
      <Text x={8} y={3} width={hw - 12} height={hh - 4} verticalAlign="middle" text={`${layout.stages.length} stages · ${layout.lanes.length} lanes`} fontSize={11} fill={PALETTE.muted} wrap="word" ellipsis perfectDrawEnabled={false} />
      <Line points={[0, hh - 0.5, hw, hh - 0.5]} stroke="#c3cad6" strokeWidth={1} perfectDrawEnabled={false} />
      <Line points={[hw - 0.5, 0, hw - 0.5, hh]} stroke="#c3cad6" strokeWidth={1} perfectDrawEnabled={false} />
    </Layer>
  );
});
