import { memo } from 'react';
import { Group, Rect } from 'react-konva';
import type { LaneKind } from '../../../electron/api/types.ts';
import { CHANNEL_NAMES, EVIDENCE_NAMES } from '../labels.ts';
import { cardQuoteCounts } from '../store/evidence.ts';
import { useMapStore } from '../store/MapStoreContext.tsx';
import { METRICS, hasMetaLine, type CardBox } from './layout.ts';
import { CardTextNode } from './cardText.ts';
import { CARD_FONT } from './measure.ts';
import { CARD_FILL, PALETTE } from './palette.ts';

const CHANNEL_GLYPH: Record<string, string> = {
  web: '◎',
  app: '▭',
  email: '✉',
  phone: '☎',
  store: '⌂',
  chat: '❝',
  social: '☺',
  mail: '✉',
  other: '•',
};

/** Observed: a solid dot; proposed: a hollow one (assumed cards show a dashed outline instead). */
const EVIDENCE_GLYPH: Record<'observed' | 'proposed', string> = { observed: '●', proposed: '○' };

const FONT_FAMILY = CARD_FONT.slice(CARD_FONT.indexOf(' ') + 1);

interface CardNodeProps {
  id: string;
  box: CardBox;
  kind: LaneKind;
  selected: boolean;
  /** Drawn elsewhere (e.g. as the ghost of a drag in progress). */
  dimmed: boolean;
}

/** One card: subscribes to its own record only, so an edit redraws one card. */
export const CardNode = memo(
  function CardNode({ id, box, kind, selected, dimmed }: CardNodeProps) {
    const card = useMapStore((s) => s.cards.get(id));
    const quotes = useMapStore((s) => cardQuoteCounts(s).get(id) ?? 0);
    if (!card) return null;
    const meta = hasMetaLine(card, kind, quotes);
    const metaParts: string[] = [];
    if (card.channel) metaParts.push(`${CHANNEL_GLYPH[card.channel] ?? '•'} ${CHANNEL_NAMES[card.channel]}`);
    if (kind === 'opportunities') metaParts.push(`▲ ${card.votes}`);
    if (card.evidence !== 'assumed') metaParts.push(`${EVIDENCE_GLYPH[card.evidence]} ${EVIDENCE_NAMES[card.evidence]}`);
    if (quotes > 0) metaParts.push(`❝ ${quotes}`);
    // An assumed card (nobody has seen it happen yet) has a dashed outline: the map shows what is a guess.
    const assumed = card.evidence === 'assumed';
    const textHeight = box.lines * METRICS.lineHeight;
    return (
      <Group x={box.x} y={box.y} opacity={dimmed ? 0.35 : 1}>
        <Rect
          width={box.width}
          height={box.height}
          fill={card.color ?? CARD_FILL[kind]}
          cornerRadius={6}
          stroke={selected ? PALETTE.accent : assumed ? 'rgba(60,70,90,0.45)' : 'rgba(0,0,0,0.10)'}
          strokeWidth={selected ? 2 : 1}
          dash={selected || !assumed ? undefined : [5, 3]}
          perfectDrawEnabled={false}
        />
        {kind === 'pains' && <Rect width={4} height={box.height} fill="#d64541" cornerRadius={[6, 0, 0, 6]} perfectDrawEnabled={false} />}
        {kind === 'opportunities' && <Rect width={4} height={box.height} fill="#3c9d5d" cornerRadius={[6, 0, 0, 6]} perfectDrawEnabled={false} />}
        <CardTextNode
          x={METRICS.cardPaddingX}
          y={METRICS.cardPaddingY}
          width={box.width - 2 * METRICS.cardPaddingX}
          height={textHeight}
          text={card.text}
          fontFamily={FONT_FAMILY}
          fontSize={METRICS.fontSize}
          lineHeight={METRICS.lineHeight / METRICS.fontSize}
          fill={PALETTE.ink}
          wrap="word"
          ellipsis
          perfectDrawEnabled={false}
        />
        {meta && metaParts.length > 0 && (
          <CardTextNode
            x={METRICS.cardPaddingX}
            y={METRICS.cardPaddingY + textHeight + 3}
            width={box.width - 2 * METRICS.cardPaddingX}
            text={metaParts.join('   ')}
            fontFamily={FONT_FAMILY}
            fontSize={11}
            fill={PALETTE.muted}
            wrap="none"
            ellipsis
            perfectDrawEnabled={false}
          />
        )}
      </Group>
    );
  },
  (a, b) =>
    a.id === b.id &&
    a.kind === b.kind &&
    a.selected === b.selected &&
    a.dimmed === b.dimmed &&
    a.box.x === b.box.x &&
    a.box.y === b.box.y &&
    a.box.width === b.box.width &&
    a.box.height === b.box.height &&
    a.box.lines === b.box.lines,
);
