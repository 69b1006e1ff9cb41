import { memo } from 'react';
import { Group, Layer, Line, Rect, Text } from 'react-konva';
import { laneSubtitle } from '../labels.ts';
import { useMapStore } from '../store/MapStoreContext.tsx';
import type { Selection } from '../store/selection.ts';
import { CurveLegend } from './CurveLegend.tsx';
import { CardStatusLegend, STAGE_BADGE_ROOM, StageEvidenceBadge } from './EvidenceBadges.tsx';
import { COLLAPSE_TOGGLE_WIDTH } from './hits.ts';
import { METRICS, type MapLayout, type VisibleSet } from './layout.ts';
import { PALETTE } from './palette.ts';

interface HeaderLayerProps {
  layout: MapLayout;
  visible: VisibleSet;
  bodyX: number;
  bodyY: number;
  scale: number;
  selection: Selection;
  /** A stage or lane being dragged is drawn faded; its ghost follows the pointer. */
  draggingStage: string | null;
  draggingLane: string | null;
  /** Top of the visible body (map units): a tall lane keeps its title in view. */
  viewTop: number;
}

const SH = METRICS.stageHeaderHeight;
const LW = METRICS.laneHeaderWidth;

/** Stage header row and lane header column: they stay on screen while the body scrolls under them. */
export const HeaderLayer = memo(function HeaderLayer({ layout, visible, bodyX, bodyY, scale, selection, draggingStage, draggingLane, viewTop }: HeaderLayerProps) {
  const stages = useMapStore((s) => s.stages);
  const lanes = useMapStore((s) => s.lanes);
  return (
    <Layer listening={false}>
      <Group x={bodyX} y={SH * scale} scaleX={scale} scaleY={scale}>
        {visible.stages.map((box) => {
          const stage = stages[box.id];
          if (!stage) return null;
          const active = selection.kind === 'stage' && selection.id === box.id;
          const sub = [stage.owner, stage.goal].filter(Boolean).join(' · ');
          return (
            <Group key={box.id} x={box.x} y={-SH} opacity={draggingStage === box.id ? 0.35 : 1}>
              <Rect width={box.width} height={SH} fill={active ? PALETTE.headerActive : PALETTE.header} perfectDrawEnabled={false} />
              <Rect width={box.width} height={4} fill={stage.color ?? '#9fb3d1'} perfectDrawEnabled={false} />
              <Text x={12} y={14} width={box.width - 24 - STAGE_BADGE_ROOM} text={stage.name} fontSize={15} fontStyle="bold" fill={PALETTE.ink} wrap="none" ellipsis perfectDrawEnabled={false} />
              <StageEvidenceBadge stageId={box.id} width={box.width} />
              {sub && <Text x={12} y={36} width={box.width - 24} text={sub} fontSize={11} fill={PALETTE.muted} wrap="none" ellipsis perfectDrawEnabled={false} />}
              <Line points={[box.width, 8, box.width, SH]} stroke={PALETTE.line} strokeWidth={1} perfectDrawEnabled={false} />
              <Line points={[0, SH, box.width, SH]} stroke="#c3cad6" strokeWidth={1} perfectDrawEnabled={false} />
            </Group>
          );
        })}
      </Group>
      <Group x={0} y={bodyY} scaleX={scale} scaleY={scale}>
        {visible.lanes.map((box) => {
          const lane = lanes[box.id];
          if (!lane) return null;
          const active = selection.kind === 'lane' && selection.id === box.id;
          // Pin the title to the top of the lane's visible part, until the lane's end pushes it up.
          const pin = box.collapsed ? 0 : Math.max(0, Math.min(viewTop - box.y, box.height - 52));
          return (
            <Group key={box.id} y={box.y} opacity={draggingLane === box.id ? 0.35 : 1}>
              <Rect width={LW} height={box.height} fill={active ? PALETTE.headerActive : PALETTE.header} perfectDrawEnabled={false} />
              <Group y={pin}>
                <Text x={8} y={box.collapsed ? 10 : 14} text={box.collapsed ? '▸' : '▾'} fontSize={13} fill={PALETTE.muted} perfectDrawEnabled={false} />
                <Text
                  x={COLLAPSE_TOGGLE_WIDTH}
                  y={box.collapsed ? 10 : 13}
                  width={LW - COLLAPSE_TOGGLE_WIDTH - 10}
                  text={lane.title}
                  fontSize={14}
                  fontStyle="bold"
                  fill={PALETTE.ink}
                  wrap="none"
                  ellipsis
                  perfectDrawEnabled={false}
                />
                {!box.collapsed && (
                  <Text x={COLLAPSE_TOGGLE_WIDTH} y={33} width={LW - COLLAPSE_TOGGLE_WIDTH - 10} text={laneSubtitle(lane)} fontSize={11} fill={PALETTE.muted} wrap="none" ellipsis perfectDrawEnabled={false} />
                )}
                {!box.collapsed && lane.kind === 'emotion' && (
                  <Group x={COLLAPSE_TOGGLE_WIDTH - 10} y={56}>
                    <CurveLegend height={box.height - 56} />
                  </Group>
                )}
              </Group>
              <Line points={[0, box.height, LW, box.height]} stroke={PALETTE.line} strokeWidth={1} perfectDrawEnabled={false} />
              <Line points={[LW, 0, LW, box.height]} stroke="#c3cad6" strokeWidth={1} perfectDrawEnabled={false} />
            </Group>
          );
        })}
      </Group>
      <Rect x={0} y={0} width={LW * scale} height={SH * scale} fill={PALETTE.header} perfectDrawEnabled={false} />
      <CardStatusLegend scale={scale} />
      <Text x={12 * scale} y={(SH - 20) * scale} text={`${layout.stages.length} stages · ${layout.lanes.length} lanes`} fontSize={11 * scale} fill={PALETTE.muted} perfectDrawEnabled={false} />
      <Line points={[0, SH * scale, LW * scale, SH * scale]} stroke="#c3cad6" strokeWidth={1} perfectDrawEnabled={false} />
      <Line points={[LW * scale, 0, LW * scale, SH * scale]} stroke="#c3cad6" strokeWidth={1} perfectDrawEnabled={false} />
    </Layer>
  );
});
