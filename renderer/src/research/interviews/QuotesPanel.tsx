/** The interview's quotes, in the order of its text; the selected one is scrolled into view. */
import { useEffect, useRef } from 'react';
import type { Quote, QuoteLink } from '../../../../electron/api/types.ts';
import { useMapOutlines } from '../common/useMapOutlines.ts';
import { useTags } from '../common/useResearchLists.ts';
import { QuoteItem, type Undoable } from './QuoteItem.tsx';

interface Props {
  quotes: readonly Quote[];
  links: readonly QuoteLink[];
  participant: string;
  selectedQuoteId: string | null;
  scrollKey: number;
  onSelect: (id: string) => void;
  onChanged: () => Promise<void>;
  onUndoable: (u: Undoable) => void;
}

export function QuotesPanel({ quotes, links, participant, selectedQuoteId, scrollKey, onSelect, onChanged, onUndoable }: Props) {
  const tags = useTags();
  const outlines = useMapOutlines(links.map((l) => l.mapId));
  const items = useRef(new Map<string, HTMLElement>());

  useEffect(() => {
    if (selectedQuoteId && scrollKey > 0) items.current.get(selectedQuoteId)?.scrollIntoView({ block: 'nearest' });
  }, [selectedQuoteId, scrollKey]);

  return (
    <section className="quotes-panel" aria-labelledby="interview-quotes-title">
      <h3 id="interview-quotes-title">Quotes ({quotes.length})</h3>
      {quotes.length === 0 && <p className="empty">{`No quotes yet: select words in the text and press “Quote selection”.`}</p>}
      <div className="quote-items">
        {quotes.map((q) => (
          <QuoteItem
            key={q.id}
            ref={(el) => {
              if (el) items.current.set(q.id, el);
              else items.current.delete(q.id);
            }}
            quote={q}
            links={links.filter((l) => l.quoteId === q.id)}
            participant={participant}
            tags={tags}
            outlines={outlines}
            selected={q.id === selectedQuoteId}
            onSelect={() => onSelect(q.id)}
            onChanged={onChanged}
            onUndoable={onUndoable}
          />
        ))}
      </div>
    </section>
  );
}
