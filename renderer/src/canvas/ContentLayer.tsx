import { memo, useMemo } from 'react';
import { Group, Layer, Text } from 'react-konva';
import { useMapStore } from '../store/MapStoreContext.tsx';
import { selectedCards, type Selection } from '../store/selection.ts';
import { Blocks, CardBlocks } from './CardBlocks.tsx';
import { CardNode } from './CardNode.tsx';
import { EvidenceEmotionLane, EvidenceLaneCells } from './EvidenceEmotionLane.tsx';
import type { MapLayout, VisibleSet } from './layout.ts';
import { MetricsLane } from './MetricsLane.tsx';
import { BLOCK_FILL, quoteBlocks } from './overview.ts';
import { OverviewCurve } from './OverviewCurve.tsx';
import { PALETTE } from './palette.ts';
import type { Detail } from './viewport.ts';
import { BODY_LAYER } from './useZoomPreview.ts';

interface ContentLayerProps {
  layout: MapLayout;
  visible: VisibleSet;
  x: number;
  y: number;
  scale: number;
  selection: Selection;
  /** Cards and emotion point being dragged: drawn faded here, and as a ghost on the interaction layer. */
  draggingCards: ReadonlySet<string>;
  draggingEmotion: string | null;
  /**
   * The overview draws cards and quotes as blocks, the curve being edited alone, and leaves out the owners'
   * names; full detail (the default, and what the PNG export always draws) draws everything.
   */
  detail?: Detail;
}

function OwnerText({ stageId, x, y, width, height }: { stageId: string; x: number; y: number; width: number; height: number }) {
  const owner = useMapStore((s) => s.stages[stageId]?.owner ?? '');
  return (
    <Text
      x={x + 10}
      y={y}
      width={width - 20}
      height={height}
      verticalAlign="middle"
      text={owner || '—'}
      fontSize={13}
      fontStyle={owner ? 'bold' : 'normal'}
      fill={owner ? PALETTE.ink : PALETTE.muted}
      wrap="none"
      ellipsis
      perfectDrawEnabled={false}
    />
  );
}

/** Cards, emotion curves and owners: only what the viewport shows is created. */
export const ContentLayer = memo(function ContentLayer({ layout, visible, x, y, scale, selection, draggingCards, draggingEmotion, detail = 'full' }: ContentLayerProps) {
  const overview = detail === 'overview';
  // One set per selection, not per render: the overview's blocks are redrawn only when it changes.
  const selected = useMemo(() => new Set(selectedCards(selection)), [selection]);
  const laneKind = new Map(layout.lanes.map((l) => [l.id, l.kind]));
  const visibleStageIds = new Set(visible.stages.map((s) => s.id));
  return (
    <Layer listening={false} name={BODY_LAYER}>
      <Group x={x} y={y} scaleX={scale} scaleY={scale}>
        {overview ? (
          <CardBlocks layout={layout} visible={visible} selected={selected} scale={scale} />
        ) : (
          visible.cardIds.map((id) => {
            const box = layout.cards.get(id);
            if (!box) return null;
            return <CardNode key={id} id={id} box={box} kind={laneKind.get(box.laneId) ?? 'text'} selected={selected.has(id)} dimmed={draggingCards.has(id)} />;
          })
        )}
        {visible.lanes.map((lane) => {
          if (lane.collapsed) return null;
          if (lane.kind === 'emotion' && overview) {
            return <OverviewCurve key={lane.id} points={layout.curves.get(lane.id) ?? []} min={layout.emotionScale.min} max={layout.emotionScale.max} scale={scale} />;
          }
          if (lane.kind === 'emotion') {
            return (
              <EvidenceEmotionLane
                key={lane.id}
                layout={layout}
                lane={lane}
                selectedStageId={selection.kind === 'emotion' && selection.cell.laneId === lane.id ? selection.cell.stageId : null}
                draggingStageId={draggingEmotion}
              />
            );
          }
          if (lane.kind === 'evidence' && overview) return <Blocks key={lane.id} byFill={new Map([[BLOCK_FILL.evidence, quoteBlocks(layout, lane, visible.stages)]])} scale={scale} />;
          if (lane.kind === 'evidence') return <EvidenceLaneCells key={lane.id} layout={layout} lane={lane} stages={visible.stages} />;
          if (lane.kind === 'metrics') {
            const block = layout.metrics.get(lane.id);
            return block ? <MetricsLane key={lane.id} block={block} stageIds={visibleStageIds} words={!overview} /> : null;
          }
          if (lane.kind === 'owners' && !overview) {
            return visible.stages.map((s) => <OwnerText key={`${lane.id}-${s.id}`} stageId={s.id} x={s.x} y={lane.y} width={s.width} height={lane.height} />);
          }
          return null;
        })}
      </Group>
    </Layer>
  );
});
