import { memo } from 'react';
import { Group, Rect, Text } from 'react-konva';
import type { Metric } from '../../../electron/api/types.ts';
import { formatChange, formatDrop, formatNumber, formatPercent, formatTransition, formatValue } from '../store/funnel.ts';
import { useMapStore } from '../store/MapStoreContext.tsx';
import { METRICS } from './layout.ts';
import type { MetricLineBox, MetricsLaneLayout } from './metricsLayout.ts';
import { FUNNEL_COLOURS } from './metricsPalette.ts';
import { PALETTE } from './palette.ts';

const FONT = 12;

function MetricLine({ box, metric }: { box: MetricLineBox; metric: Metric }) {
  const value = formatValue(metric);
  // The value is kept whole; the name gives way (ellipsis) when both do not fit.
  const valueWidth = Math.min(box.width * 0.62, value.length * 7.2 + 4);
  return (
    <Group>
      <Text x={box.x} y={box.y} width={box.width - valueWidth - 6} height={box.height} verticalAlign="middle" text={metric.name} fontSize={FONT} fill={PALETTE.muted} wrap="none" ellipsis perfectDrawEnabled={false} />
      <Text
        x={box.x + box.width - valueWidth}
        y={box.y}
        width={valueWidth}
        height={box.height}
        align="right"
        verticalAlign="middle"
        text={value}
        fontSize={FONT}
        fontStyle="bold"
        fill={PALETTE.ink}
        wrap="none"
        ellipsis
        perfectDrawEnabled={false}
      />
    </Group>
  );
}

/**
 * The banner's words: in full ("Biggest drop: Checkout −42 % (1,200 → 700)") when it has two columns of room,
 * shorter when a tied neighbour keeps it to its own column (the column names the stage).
 */
function bannerText(b: MetricsLaneLayout['banners'][number], tied: boolean, stageName: (id: string) => string): string {
  if (b.width > METRICS.stageWidth) return `${tied ? 'Tied biggest drop' : 'Biggest drop'}: ${formatTransition(b.transition, stageName)}`;
  return `${tied ? 'Tied biggest drop' : 'Biggest drop'} ${formatChange(b.transition)} (${formatDrop(b.transition)})`;
}

interface MetricsLaneProps {
  block: MetricsLaneLayout;
  /** The stages the viewport shows: only their cells (and the boundaries after them) are drawn. */
  stageIds: ReadonlySet<string>;
  /** Draw the numbers and words; the overview draws the bars and marks only (text there is a few pixels high). */
  words?: boolean;
}

/** In place of a Text the overview leaves out. */
const NoText = (_props: React.ComponentProps<typeof Text>): null => null;

/** A metrics lane: the funnel (bars, shares, drops, the biggest drop marked in words) and each stage's numbers. */
export const MetricsLane = memo(function MetricsLane({ block, stageIds, words = true }: MetricsLaneProps) {
  const Label = words ? Text : NoText;
  const metrics = useMapStore((s) => s.metrics);
  const stages = useMapStore((s) => s.stages);
  const stageName = (id: string) => stages[id]?.name ?? '';
  const tied = block.banners.length > 1;
  return (
    <Group>
      {block.bars
        .filter((b) => stageIds.has(b.stageId))
        .map((b) => (
          <Group key={`bar-${b.stageId}`}>
            <Rect x={b.x} y={b.y} width={b.width} height={b.height} cornerRadius={3} fill={b.biggestDrop ? FUNNEL_COLOURS.barDrop : FUNNEL_COLOURS.bar} perfectDrawEnabled={false} />
            <Label
              x={b.x + b.width / 2 - 60}
              y={b.y}
              width={120}
              height={b.height}
              align="center"
              verticalAlign="middle"
              text={formatNumber(b.value)}
              fontSize={FONT}
              fontStyle="bold"
              fill={PALETTE.ink}
              wrap="none"
              perfectDrawEnabled={false}
            />
          </Group>
        ))}
      {block.shares
        .filter((s) => stageIds.has(s.transition.fromStageId))
        .map((s) => (
          <Group key={`share-${s.transition.fromStageId}`}>
            <Rect
              x={s.x}
              y={s.y}
              width={s.width}
              height={s.height}
              cornerRadius={s.height / 2}
              fill={s.biggestDrop ? FUNNEL_COLOURS.drop : FUNNEL_COLOURS.share}
              stroke={s.biggestDrop ? FUNNEL_COLOURS.drop : FUNNEL_COLOURS.shareLine}
              strokeWidth={1}
              perfectDrawEnabled={false}
            />
            <Label
              x={s.x}
              y={s.y}
              width={s.width}
              height={s.height}
              align="center"
              verticalAlign="middle"
              text={`→ ${s.transition.share === null ? 'from 0' : formatPercent(s.transition.share)}`}
              fontSize={11}
              fontStyle="bold"
              fill={s.biggestDrop ? '#ffffff' : PALETTE.ink}
              wrap="none"
              perfectDrawEnabled={false}
            />
            <Label
              {...s.drop}
              align="center"
              verticalAlign="middle"
              text={formatDrop(s.transition)}
              fontSize={11}
              fontStyle={s.biggestDrop ? 'bold' : 'normal'}
              fill={s.biggestDrop ? FUNNEL_COLOURS.drop : PALETTE.muted}
              wrap="none"
              perfectDrawEnabled={false}
            />
          </Group>
        ))}
      {block.banners
        .filter((b) => stageIds.has(b.transition.fromStageId))
        .map((b) => (
          <Group key={`banner-${b.transition.fromStageId}`}>
            <Rect x={b.x} y={b.y + 1} width={b.width} height={b.height - 2} cornerRadius={3} fill={FUNNEL_COLOURS.banner} perfectDrawEnabled={false} />
            <Label
              x={b.x + 6}
              y={b.y}
              width={b.width - 12}
              height={b.height}
              verticalAlign="middle"
              text={bannerText(b, tied, stageName)}
              fontSize={FONT}
              fontStyle="bold"
              fill={FUNNEL_COLOURS.bannerText}
              wrap="none"
              ellipsis
              perfectDrawEnabled={false}
            />
          </Group>
        ))}
      {words &&
        block.lines
        .filter((l) => stageIds.has(l.stageId))
        .map((l) => {
          const m = metrics[l.metricId];
          return m ? <MetricLine key={l.metricId} box={l} metric={m} /> : null;
        })}
      {block.empty
        .filter((e) => stageIds.has(e.stageId))
        .map((e) => (
          <Label key={`empty-${e.stageId}`} {...e} verticalAlign="middle" text="No metrics" fontSize={FONT} fill={PALETTE.muted} wrap="none" perfectDrawEnabled={false} />
        ))}
    </Group>
  );
});
