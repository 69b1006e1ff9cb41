import { formatScore, snippet } from '../labels.ts';
import { quoteCountWords, stageEvidence, stageFlags } from '../store/evidence.ts';
import { emotionAt } from '../store/mapModel.ts';
import type { MapState } from '../store/mapStore.ts';

/** Text in quotation marks, unless it is already quoted (a card that holds a quote: “Why can't it…”). */
const quoted = (text: string): string => (/^["“‘']/.test(text) ? text : `“${text}”`);

/** The selection in words, announced to screen readers (and handy to check in tests). `curve`: the persona whose emotion curve is edited. */
export function describeSelection(s: MapState, curve: string | null = null): string {
  const sel = s.selection;
  const cellName = (laneId: string, stageId: string) => `${s.lanes[laneId]?.title ?? '?'}, ${s.stages[stageId]?.name ?? '?'}`;
  switch (sel.kind) {
    case 'cards': {
      if (sel.ids.length > 1) return `${sel.ids.length} cards selected`;
      const card = s.cards.get(sel.ids[0] ?? '');
      return card ? `Card ${quoted(snippet(card.text))} in ${cellName(card.laneId, card.stageId)}` : 'Nothing selected';
    }
    case 'cell':
      return `Cell ${cellName(sel.cell.laneId, sel.cell.stageId)}`;
    case 'emotion': {
      const point = emotionAt(s.emotions, sel.cell.laneId, sel.cell.stageId, curve);
      const whose = curve === null ? '' : ` for ${s.personas.find((p) => p.id === curve)?.name ?? '?'}`;
      return `Emotion${whose} at ${s.stages[sel.cell.stageId]?.name ?? '?'}: ${point ? formatScore(point.score) : 'not set'}`;
    }
    case 'stage': {
      const quotes = stageEvidence(s).get(sel.id)?.quoteCount ?? 0;
      const flag = stageFlags(s).get(sel.id)?.words;
      return `Stage ${s.stages[sel.id]?.name ?? '?'}: ${quoteCountWords(quotes)}${flag ? `. ${flag}` : ''}`;
    }
    case 'lane':
      return `Lane ${s.lanes[sel.id]?.title ?? '?'}`;
    default:
      return 'Nothing selected';
  }
}
