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
import { headerScale } from './viewport.ts';

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
  // The headers' own scale (never below the overview's): stage columns are as wide as the body draws them, in
  // header units that is their width on screen ÷ hs; lane rows likewise tall.
  const hs = headerScale(scale);
  const across = scale / hs;
  return (
    <Layer listening={false}>
      {visible.stages.map((box) => {
        const stage = stages[box.id];
        if (!stage) return null;
        const active = selection.kind === 'stage' && selection.id === box.id;
        const sub = [stage.owner, stage.goal].filter(Boolean).join(' · ');
        const width = box.width * across;
        return (
          <Group key={box.id} x={bodyX + box.x * scale} y={0} scaleX={hs} scaleY={hs} opacity={draggingStage === box.id ? 0.35 : 1}>
            <Rect width={width} height={SH} fill={active ? PALETTE.headerActive : PALETTE.header} perfectDrawEnabled={false} />
            <Rect width={width} height={4} fill={stage.color ?? '#9fb3d1'} perfectDrawEnabled={false} />
            <Text x={12} y={14} width={Math.max(0, width - 24 - STAGE_BADGE_ROOM)} text={stage.name} fontSize={15} fontStyle="bold" fill={PALETTE.ink} wrap="none" ellipsis perfectDrawEnabled={false} />
            <StageEvidenceBadge stageId={box.id} width={width} />
            {sub && <Text x={12} y={36} width={Math.max(0, width - 24)} text={sub} fontSize={11} fill={PALETTE.muted} wrap="none" ellipsis perfectDrawEnabled={false} />}
            <Line points={[width, 8, width, SH]} stroke={PALETTE.line} strokeWidth={1} perfectDrawEnabled={false} />
            <Line points={[0, SH, width, SH]} stroke="#c3cad6" strokeWidth={1} perfectDrawEnabled={false} />
          </Group>
        );
      })}
      {visible.lanes.map((box) => {
        const lane = lanes[box.id];
        if (!lane) return null;
        const active = selection.kind === 'lane' && selection.id === box.id;
        const height = box.height * across;
        // Pin the title to the top of the lane's visible part, until the lane's end pushes it up.
        const pin = box.collapsed ? 0 : Math.max(0, Math.min((viewTop - box.y) * across, height - 52));
        return (
          <Group key={box.id} x={0} y={bodyY + box.y * scale} scaleX={hs} scaleY={hs} opacity={draggingLane === box.id ? 0.35 : 1}>
            <Rect width={LW} height={height} fill={active ? PALETTE.headerActive : PALETTE.header} perfectDrawEnabled={false} />
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
                  <CurveLegend height={height - 56} />
                </Group>
              )}
            </Group>
            <Line points={[0, height, LW, height]} stroke={PALETTE.line} strokeWidth={1} perfectDrawEnabled={false} />
            <Line points={[LW, 0, LW, height]} stroke="#c3cad6" strokeWidth={1} perfectDrawEnabled={false} />
          </Group>
        );
      })}
      <Rect x={0} y={0} width={LW * hs} height={SH * hs} fill={PALETTE.header} perfectDrawEnabled={false} />
      <CardStatusLegend scale={hs} />
      <Text x={12 * hs} y={(SH - 20) * hs} text={`${layout.stages.length} stages · ${layout.lanes.length} lanes`} fontSize={11 * hs} fill={PALETTE.muted} perfectDrawEnabled={false} />
      <Line points={[0, SH * hs, LW * hs, SH * hs]} stroke="#c3cad6" strokeWidth={1} perfectDrawEnabled={false} />
      <Line points={[LW * hs, 0, LW * hs, SH * hs]} stroke="#c3cad6" strokeWidth={1} perfectDrawEnabled={false} />
    </Layer>
  );
});
