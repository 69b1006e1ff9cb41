import { memo } from 'react';
import { Group, Rect, Text } from 'react-konva';
import { dayText, formatScore } from '../labels.ts';
import { formatMean, quoteCountWords, stageEvidence, stageFlags, stageQuotes } from '../store/evidence.ts';
import { useMapStore } from '../store/MapStoreContext.tsx';
import type { EvidenceCell } from './evidenceLayout.ts';
import { EVIDENCE_STYLE as S } from './evidenceStyle.ts';
import { PALETTE, emotionColor } from './palette.ts';

/** Room for the day a quote was said ("31 Mar 2026"), at the right of its row's first line, and the least left for the name beside it. */
const DAY_WIDTH = 72;
const MIN_NAME_WIDTH = 40;

/** The first words of a quote, on one line (Konva adds the ellipsis where it stops). */
const firstWords = (text: string): string => `“${text.replace(/\s+/g, ' ').trim()}”`;

function SentimentChip({ sentiment }: { sentiment: number | null }) {
  const fill = sentiment === null ? S.noneTint : emotionColor(sentiment, -2, 2);
  return (
    <Group>
      <Rect width={24} height={15} cornerRadius={7.5} fill={fill} stroke={sentiment === null ? S.none : 'rgba(0,0,0,0.08)'} strokeWidth={1} dash={sentiment === null ? [2, 2] : undefined} perfectDrawEnabled={false} />
      <Text text={sentiment === null ? '?' : formatScore(sentiment)} width={24} y={2.5} align="center" fontSize={10} fontStyle="bold" fill={sentiment === null ? S.none : 'white'} perfectDrawEnabled={false} />
    </Group>
  );
}

/** The line over a cell's quotes: how many and what they say on average, or the flag in words. */
function Summary({ cell }: { cell: EvidenceCell }) {
  const evidence = useMapStore((s) => stageEvidence(s).get(cell.stageId));
  const flag = useMapStore((s) => stageFlags(s).get(cell.stageId));
  const r = cell.summary;
  if (flag?.flag === 'no-evidence' || !evidence) {
    return <Text x={r.x} y={r.y + 3} width={r.width} text="No evidence yet · click to find quotes" fontSize={11} fill={S.none} wrap="none" ellipsis perfectDrawEnabled={false} />;
  }
  const mean = evidence.mapped === null ? 'no sentiment' : `mean ${formatMean(evidence.mapped)} (n=${evidence.n})`;
  if (flag?.flag === 'differs' && flag.teamScore !== null && evidence.mapped !== null) {
    return (
      <Group x={r.x} y={r.y}>
        <Rect width={r.width} height={r.height} cornerRadius={4} fill={S.warnTint} perfectDrawEnabled={false} />
        <Text x={6} y={3} width={r.width - 12} text={`⚠ Workshop ${formatScore(flag.teamScore)} · evidence ${formatMean(evidence.mapped)} (n=${evidence.n})`} fontSize={11} fontStyle="bold" fill={S.warn} wrap="none" ellipsis perfectDrawEnabled={false} />
      </Group>
    );
  }
  return <Text x={r.x} y={r.y + 3} width={r.width} text={`❝ ${quoteCountWords(evidence.quoteCount)} · ${mean}`} fontSize={11} fontStyle="bold" fill={S.ink} wrap="none" ellipsis perfectDrawEnabled={false} />;
}

/** One stage's cell of the evidence lane: the quotes linked to it, newest first, as many as fit. */
export const EvidenceCellView = memo(function EvidenceCellView({ cell }: { cell: EvidenceCell }) {
  const quotes = useMapStore((s) => stageQuotes(s, cell.stageId));
  const byId = new Map(quotes.map((q) => [q.quote.id, q]));
  return (
    <Group>
      <Summary cell={cell} />
      {cell.rows.map((row) => {
        const placed = byId.get(row.quoteId);
        if (!placed) return null;
        // The day only where the name keeps room of its own (a narrow stage shows the name alone).
        const whoWidth = Math.max(0, row.width - 44);
        const day = whoWidth - DAY_WIDTH >= MIN_NAME_WIDTH ? dayText(placed.quote.saidOn) : '';
        return (
          <Group key={row.quoteId} x={row.x} y={row.y}>
            <Rect width={row.width} height={row.height} cornerRadius={6} fill={S.rowFill} stroke={S.rowLine} strokeWidth={1} perfectDrawEnabled={false} />
            <Group x={7} y={5}>
              <SentimentChip sentiment={placed.quote.sentiment} />
            </Group>
            <Text x={37} y={7} width={whoWidth - (day === '' ? 0 : DAY_WIDTH)} text={placed.who} fontSize={11} fontStyle="bold" fill={PALETTE.muted} wrap="none" ellipsis perfectDrawEnabled={false} />
            {day !== '' && <Text x={row.width - 8 - DAY_WIDTH} y={8} width={DAY_WIDTH} text={day} fontSize={10} align="right" fill={PALETTE.muted} wrap="none" ellipsis perfectDrawEnabled={false} />}
            <Text x={8} y={22} width={row.width - 16} text={firstWords(placed.quote.text)} fontSize={12} fill={PALETTE.ink} wrap="none" ellipsis perfectDrawEnabled={false} />
          </Group>
        );
      })}
      {cell.more > 0 && (
        <Text x={cell.summary.x} y={cell.moreY + 2} width={cell.summary.width} text={`+${cell.more} more · open the quote board`} fontSize={11} fontStyle="bold" fill={PALETTE.accent} wrap="none" ellipsis perfectDrawEnabled={false} />
      )}
    </Group>
  );
});
