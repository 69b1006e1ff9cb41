import { Circle, Group, Layer, Line, Rect, Text } from 'react-konva';
import { useStore } from 'zustand';
import { useMapStore } from '../store/MapStoreContext.tsx';
import type { GestureStore } from './gesture.ts';
import { METRICS, holdsCards, scoreToY, type MapLayout } from './layout.ts';
import { PALETTE, emotionColor } from './palette.ts';
import { headerScale } from './viewport.ts';

interface InteractionLayerProps {
  gestures: GestureStore;
  layout: MapLayout;
  bodyX: number;
  bodyY: number;
  scale: number;
}

/** Ghosts, drop indicators and the selection rectangle: redrawn on every pointer move of a gesture. */
export function InteractionLayer({ gestures, layout, bodyX, bodyY, scale }: InteractionLayerProps) {
  const g = useStore(gestures, (s) => s.gesture);
  const hover = useStore(gestures, (s) => s.hover);
  const selection = useMapStore((s) => s.selection);
  const cards = useMapStore((s) => s.cards);
  const stages = useMapStore((s) => s.stages);
  const lanes = useMapStore((s) => s.lanes);

  let content: React.ReactNode = null;
  let inHeaders: React.ReactNode = null;
  const hs = headerScale(scale);
  if (g.kind === 'cards') {
    const first = layout.cards.get(g.ids[0] ?? '');
    const target = g.target ? layout.cells.get(`${g.target.laneId}|${g.target.stageId}`) : undefined;
    // The drop line: between the cards of the target cell at the drop index.
    let lineY = 0;
    if (g.target && target) {
      const others = target.cardIds.filter((id) => !g.ids.includes(id));
      const before = layout.cards.get(others[g.target.index - 1] ?? '');
      const after = layout.cards.get(others[g.target.index] ?? '');
      lineY = after ? after.y - METRICS.cardGap / 2 : before ? before.y + before.height + METRICS.cardGap / 2 : target.y + METRICS.cellPaddingY / 2;
    }
    content = (
      <Group>
        {target && <Rect x={target.x} y={target.y} width={target.width} height={target.height} fill={PALETTE.dropTarget} />}
        {target && <Line points={[target.x + 8, lineY, target.x + target.width - 8, lineY]} stroke={PALETTE.accent} strokeWidth={3 / scale} lineCap="round" />}
        {first &&
          g.ids.slice(0, 5).map((id, i) => {
            const box = layout.cards.get(id);
            if (!box) return null;
            return (
              <Group key={id} x={g.x - g.grabX + i * 6} y={g.y - g.grabY + i * 6} opacity={0.9}>
                <Rect width={box.width} height={box.height} fill="#fffbe6" cornerRadius={6} stroke={PALETTE.accent} strokeWidth={1.5} shadowColor="black" shadowOpacity={0.2} shadowBlur={10} shadowOffsetY={3} />
                <Text x={METRICS.cardPaddingX} y={METRICS.cardPaddingY} width={box.width - 2 * METRICS.cardPaddingX} height={box.lines * METRICS.lineHeight} text={cards.get(id)?.text ?? ''} fontSize={METRICS.fontSize} lineHeight={METRICS.lineHeight / METRICS.fontSize} fill={PALETTE.ink} ellipsis />
              </Group>
            );
          })}
        {g.ids.length > 1 && <Text x={g.x - g.grabX + 8} y={g.y - g.grabY - 20} text={`${g.ids.length} cards`} fontSize={12} fontStyle="bold" fill={PALETTE.accent} />}
      </Group>
    );
  } else if (g.kind === 'marquee') {
    content = (
      <Rect x={Math.min(g.x0, g.x1)} y={Math.min(g.y0, g.y1)} width={Math.abs(g.x1 - g.x0)} height={Math.abs(g.y1 - g.y0)} fill={PALETTE.selection} stroke={PALETTE.accent} strokeWidth={1 / scale} dash={[4 / scale, 3 / scale]} />
    );
  } else if (g.kind === 'emotion') {
    const lane = layout.lanes.find((l) => l.id === g.laneId);
    const stage = layout.stages.find((s) => s.id === g.stageId);
    if (lane && stage) {
      const { min, max } = layout.emotionScale;
      const y = scoreToY(g.score, lane, min, max);
      content = (
        <Group x={stage.x + stage.width / 2} y={y}>
          <Circle radius={14} fill={emotionColor(g.score, min, max)} stroke={PALETTE.accent} strokeWidth={3} />
          <Text text={g.score > 0 ? `+${g.score}` : String(g.score)} x={-14} y={-7} width={28} align="center" fontSize={13} fontStyle="bold" fill="white" />
        </Group>
      );
    }
  } else if (g.kind === 'stage') {
    const box = layout.stages.find((s) => s.id === g.id);
    const others = layout.stages.filter((s) => s.id !== g.id);
    const at = others[g.index];
    const prev = others[g.index - 1];
    const lineX = bodyX + (at ? at.x : prev ? prev.x + prev.width : 0) * scale;
    if (box) {
      // In the sticky header row, at the headers' scale, whatever the scroll and the zoom (screen coordinates).
      inHeaders = (
        <Group>
          <Line points={[lineX, 0, lineX, bodyY + layout.height * scale]} stroke={PALETTE.accent} strokeWidth={3} />
          <Group x={bodyX + (g.x - g.grabX) * scale} y={0} scaleX={hs} scaleY={hs} opacity={0.9}>
            <Rect width={(box.width * scale) / hs} height={METRICS.stageHeaderHeight} fill={PALETTE.headerActive} stroke={PALETTE.accent} strokeWidth={1.5} shadowColor="black" shadowOpacity={0.2} shadowBlur={10} />
            <Text x={12} y={14} width={Math.max(0, (box.width * scale) / hs - 24)} text={stages[g.id]?.name ?? ''} fontSize={15} fontStyle="bold" fill={PALETTE.ink} wrap="none" ellipsis />
          </Group>
        </Group>
      );
    }
  } else if (g.kind === 'lane') {
    const box = layout.lanes.find((l) => l.id === g.id);
    const others = layout.lanes.filter((l) => l.id !== g.id);
    const at = others[g.index];
    const prev = others[g.index - 1];
    const lineY = bodyY + (at ? at.y : prev ? prev.y + prev.height : 0) * scale;
    if (box) {
      // In the sticky header column, at the headers' scale (screen coordinates).
      inHeaders = (
        <Group>
          <Line points={[0, lineY, bodyX + layout.width * scale, lineY]} stroke={PALETTE.accent} strokeWidth={3} />
          <Group x={0} y={bodyY + (g.y - g.grabY) * scale} scaleX={hs} scaleY={hs} opacity={0.9}>
            <Rect width={METRICS.laneHeaderWidth} height={Math.min((box.height * scale) / hs, 80)} fill={PALETTE.headerActive} stroke={PALETTE.accent} strokeWidth={1.5} shadowColor="black" shadowOpacity={0.2} shadowBlur={10} />
            <Text x={26} y={13} width={METRICS.laneHeaderWidth - 36} text={lanes[g.id]?.title ?? ''} fontSize={14} fontStyle="bold" fill={PALETTE.ink} wrap="none" ellipsis />
          </Group>
        </Group>
      );
    }
  } else if (g.kind === 'stage-resize') {
    const box = layout.stages.find((s) => s.id === g.id);
    if (box) content = <Line points={[box.x + g.width, -METRICS.stageHeaderHeight, box.x + g.width, layout.height]} stroke={PALETTE.accent} strokeWidth={2 / scale} dash={[6 / scale, 4 / scale]} />;
  } else if (g.kind === 'lane-resize') {
    const box = layout.lanes.find((l) => l.id === g.id);
    if (box) content = <Line points={[-METRICS.laneHeaderWidth, box.y + g.height, layout.width, box.y + g.height]} stroke={PALETTE.accent} strokeWidth={2 / scale} dash={[6 / scale, 4 / scale]} />;
  }

  // An empty cell under the pointer, or selected, says how a card is added there.
  const hinted = g.kind === 'idle' ? (selection.kind === 'cell' ? selection.cell : hover) : null;
  const cell = hinted ? layout.cells.get(`${hinted.laneId}|${hinted.stageId}`) : undefined;
  const lane = hinted ? lanes[hinted.laneId] : undefined;
  const hint =
    cell && lane && cell.cardIds.length === 0 && holdsCards(lane.kind) && !lane.collapsed ? (
      <Text
        x={cell.x + METRICS.cellPaddingX}
        y={cell.y + METRICS.cellPaddingY + 4}
        width={cell.width - 2 * METRICS.cellPaddingX}
        text={selection.kind === 'cell' && selection.cell.laneId === hinted?.laneId && selection.cell.stageId === hinted.stageId ? 'Press Enter or double-click to add a card' : 'Double-click to add a card'}
        fontSize={12}
        fill={PALETTE.muted}
        align="center"
        wrap="word"
        perfectDrawEnabled={false}
      />
    ) : null;

  return (
    <Layer listening={false}>
      <Group x={bodyX} y={bodyY} scaleX={scale} scaleY={scale}>
        {hint}
        {content}
      </Group>
      {inHeaders}
    </Layer>
  );
}
