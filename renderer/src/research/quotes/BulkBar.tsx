/** What can be done with the selected quotes (link, tag) and with the one in focus (open it in its transcript), and what was done. */
import type { QuoteHit } from '../../../../electron/api/types.ts';
import { firstWords } from '../../labels.ts';
import { countOf } from './words.ts';

interface BulkBarProps {
  count: number;
  /** The quote the keyboard or the last click is on. */
  active: QuoteHit | undefined;
  /** What the last bulk edit did. */
  said: string;
  onLink: () => void;
  onTag: () => void;
  onClear: () => void;
  onOpen: () => void;
}


export function BulkBar({ count, active, said, onLink, onTag, onClear, onOpen }: BulkBarProps) {
  return (
    <div className={`quote-bulk${count > 0 ? ' has-selection' : ''}`} role="toolbar" aria-label="Selected quotes">
      <span className="quote-bulk-count">{count === 0 ? 'No quotes selected' : `${countOf(count, 'quote')} selected`}</span>
      <button type="button" disabled={count === 0} onClick={onLink}>
        Link to stage…
      </button>
      <button type="button" disabled={count === 0} onClick={onTag}>
        Tag…
      </button>
      <button type="button" disabled={count === 0} onClick={onClear}>
        Clear selection
      </button>
      <button
        type="button"
        disabled={active === undefined}
        aria-label={active ? `Open in transcript: “${firstWords(active.quote.text)}”` : 'Open in transcript'}
        onClick={onOpen}
      >
        Open in transcript
      </button>
      <span role="status" className="quote-said">
        {said}
      </span>
    </div>
  );
}
