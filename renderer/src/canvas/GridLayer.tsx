import { memo } from 'react';
import { Group, Layer, Line, Rect } from 'react-konva';
import { LANE_TINT, PALETTE } from './palette.ts';
import { METRICS, scoreToY, type MapLayout, type VisibleSet } from './layout.ts';
import type { Selection } from '../store/selection.ts';
import { BODY_LAYER } from './useZoomPreview.ts';

interface GridLayerProps {
  layout: MapLayout;
  visible: VisibleSet;
  x: number;
  y: number;
  scale: number;
  selection: Selection;
}

/** The static grid: lane backgrounds, column and row lines, emotion scale guides. Never listens for events. */
export const GridLayer = memo(function GridLayer({ layout, visible, x, y, scale, selection }: GridLayerProps) {
  const first = visible.stages[0];
  const last = visible.stages.at(-1);
  const x0 = first?.x ?? 0;
  const x1 = last ? last.x + last.width : 0;
  const cell =
    selection.kind === 'cell' || selection.kind === 'emotion' ? layout.cells.get(`${selection.cell.laneId}|${selection.cell.stageId}`) : undefined;
  const stageSel = selection.kind === 'stage' ? layout.stages.find((s) => s.id === selection.id) : undefined;
  const laneSel = selection.kind === 'lane' ? layout.lanes.find((l) => l.id === selection.id) : undefined;
  return (
    <Layer listening={false} name={BODY_LAYER}>
      <Group x={x} y={y} scaleX={scale} scaleY={scale}>
        {visible.lanes.map((lane) => (
          <Group key={lane.id}>
            <Rect x={x0} y={lane.y} width={x1 - x0} height={lane.height} fill={LANE_TINT[lane.kind] ?? PALETTE.paper} perfectDrawEnabled={false} />
            {lane.kind === 'emotion' && !lane.collapsed &&
              [layout.emotionScale.max, 0, layout.emotionScale.min].map((score) => {
                const gy = scoreToY(score, lane, layout.emotionScale.min, layout.emotionScale.max);
                return <Line key={score} points={[x0, gy, x1, gy]} stroke={PALETTE.line} strokeWidth={1} dash={score === 0 ? undefined : [4, 6]} perfectDrawEnabled={false} />;
              })}
            <Line points={[x0, lane.y + lane.height, x1, lane.y + lane.height]} stroke={PALETTE.line} strokeWidth={1} perfectDrawEnabled={false} />
          </Group>
        ))}
        {visible.stages.map((stage) => (
          <Line
            key={stage.id}
            points={[stage.x + stage.width, visible.lanes[0]?.y ?? 0, stage.x + stage.width, layout.height]}
            stroke={PALETTE.line}
            strokeWidth={1}
            perfectDrawEnabled={false}
          />
        ))}
        {stageSel && <Rect x={stageSel.x} y={0} width={stageSel.width} height={layout.height} fill={PALETTE.selection} perfectDrawEnabled={false} />}
        {laneSel && <Rect x={0} y={laneSel.y} width={layout.width} height={laneSel.height} fill={PALETTE.selection} perfectDrawEnabled={false} />}
        {cell && (
          <Rect x={cell.x + 1} y={cell.y + 1} width={cell.width - 2} height={cell.height - 2} stroke={PALETTE.accent} strokeWidth={2 / scale} fill={PALETTE.selection} perfectDrawEnabled={false} />
        )}
        {layout.lanes.length === 0 && <Rect x={0} y={0} width={Math.max(layout.width, METRICS.stageWidth)} height={METRICS.minLaneHeight} fill={PALETTE.paper} />}
      </Group>
    </Layer>
  );
});
