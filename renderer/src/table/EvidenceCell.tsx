import { memo } from 'react';
import type { Stage } from '../../../electron/api/types.ts';
import { dayText, formatScore } from '../labels.ts';
import { quoteCountWords, stageEvidence, stageQuotes } from '../store/evidence.ts';
import { useMapStore } from '../store/MapStoreContext.tsx';
import { useUiStore } from '../store/uiStore.ts';

const SHOWN = 3;

/** The evidence lane in the table: the quotes linked to a stage, newest first, and the way to all of them. */
export const EvidenceCell = memo(function EvidenceCell({ stage }: { stage: Stage }) {
  const mapId = useMapStore((s) => s.map.id);
  const quotes = useMapStore((s) => stageQuotes(s, stage.id));
  const count = useMapStore((s) => stageEvidence(s).get(stage.id)?.quoteCount ?? 0);
  return (
    <div className="cell evidence-cell">
      {quotes.length === 0 ? (
        <span className="muted">No evidence yet</span>
      ) : (
        <ul className="linked-quotes" aria-label={`Quotes for ${stage.name}`}>
          {quotes.slice(0, SHOWN).map(({ quote, who }) => (
            <li key={quote.id}>
              <span className="who">{who}</span>
              {quote.saidOn !== null && (
                <>
                  , <time dateTime={quote.saidOn}>{dayText(quote.saidOn)}</time>
                </>
              )}{' '}
              ({quote.sentiment === null ? 'no sentiment' : `sentiment ${formatScore(quote.sentiment)}`}): “{quote.text}”
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={() => useUiStore.getState().show('quotes', { quotes: { mapId, stageId: stage.id } })}>
        {count > SHOWN ? `All ${quoteCountWords(count)} for ${stage.name}…` : `Find quotes for ${stage.name}…`}
      </button>
    </div>
  );
});
