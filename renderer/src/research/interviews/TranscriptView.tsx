/**
 * The body as a person reads it: each turn with its speaker and time, and its text with the interview's
 * quotes highlighted (click one to select it). The text can be selected with the mouse, or with the
 * keyboard: the region is focusable and caret-browsable (contenteditable, with every edit refused), so
 * Shift+arrows select; "Quote selection" (or Ctrl/⌘+Shift+Q) makes a quote of what is selected.
 */
import { useEffect, useRef, useState } from 'react';
import type { Quote, TranscriptTurn } from '../../../../electron/api/types.ts';
import { QUOTE_KEY_ARIA, QUOTE_KEY_TEXT, isQuoteKey } from './quoteKey.ts';
import { selectedOffsets } from './selectionDom.ts';
import { formatTime, pieces, selectionRange, spokenTime, type PlacedQuote } from './transcriptText.ts';
import { count, firstWords } from './words.ts';

interface Props {
  body: string;
  /** null: notes, shown as one block of text. */
  turns: readonly TranscriptTurn[] | null;
  quotes: readonly Quote[];
  selectedQuoteId: string | null;
  /** Scroll the selected quote into view (after a jump from elsewhere or a pick in the quotes panel). */
  scrollKey: number;
  onSelectQuote: (id: string) => void;
  onQuote: (start: number, end: number) => Promise<void>;
  /** Buttons beside "Quote selection" (edit notes, import). */
  children?: React.ReactNode;
}

const refuse = (e: React.SyntheticEvent) => e.preventDefault();

export function TranscriptView({ body, turns, quotes, selectedQuoteId, scrollKey, onSelectQuote, onQuote, children }: Props) {
  const root = useRef<HTMLDivElement>(null);
  const [selection, setSelection] = useState<{ start: number; end: number } | null>(null);
  // An input method's composition cannot be refused; drawing the region again undoes what it typed.
  const [redraw, setRedraw] = useState(0);
  const placed: PlacedQuote[] = quotes.flatMap((q) => (q.startOffset !== null && q.endOffset !== null ? [{ id: q.id, start: q.startOffset, end: q.endOffset }] : []));
  const segments = turns ?? [{ speaker: null, start: null, end: null, from: 0, to: body.length }];

  useEffect(() => {
    const update = () => {
      const el = root.current;
      const sel = document.getSelection();
      if (!el || !sel || sel.rangeCount === 0) return;
      // Only a selection made in the transcript counts. Moving to a button keeps the last one; selecting
      // words elsewhere on the page drops it, so the button never quotes what is no longer shown selected.
      if (!sel.anchorNode || !el.contains(sel.anchorNode)) {
        if (!sel.isCollapsed) setSelection(null);
        return;
      }
      const ends = selectedOffsets(el, sel);
      setSelection(ends ? selectionRange(body, ends[0], ends[1]) : null);
    };
    document.addEventListener('selectionchange', update);
    return () => document.removeEventListener('selectionchange', update);
  }, [body]);

  useEffect(() => {
    if (!selectedQuoteId || scrollKey === 0) return;
    const mark = root.current?.querySelector(`mark[data-quote-ids~="${CSS.escape(selectedQuoteId)}"]`);
    mark?.scrollIntoView({ block: 'center' });
  }, [selectedQuoteId, scrollKey]);

  const quoteSelection = async () => {
    if (!selection) return;
    await onQuote(selection.start, selection.end);
    document.getSelection()?.removeAllRanges();
    setSelection(null);
  };

  return (
    <div className="transcript-pane">
      <div className="transcript-toolbar">
        <button
          type="button"
          className="primary"
          disabled={!selection}
          title={`Quote selection (${QUOTE_KEY_TEXT})`}
          aria-keyshortcuts={QUOTE_KEY_ARIA}
          onMouseDown={refuse}
          onClick={() => void quoteSelection()}
        >
          Quote selection
        </button>
        <span className="muted selection-status" aria-live="polite">
          {selection ? `${count(selection.end - selection.start, 'character')} selected: “${firstWords(body.slice(selection.start, selection.end), 48)}”` : 'Select words to quote them.'}
        </span>
        <span className="toolbar-gap" />
        {children}
      </div>
      <div
        key={redraw}
        ref={root}
        className="transcript"
        role="textbox"
        aria-label={turns ? 'Transcript' : 'Notes'}
        aria-readonly="true"
        aria-multiline="true"
        aria-description={`Select words with the mouse or with Shift and the arrow keys, then press ${QUOTE_KEY_TEXT} to quote them.`}
        contentEditable
        suppressContentEditableWarning
        spellCheck={false}
        onBeforeInput={refuse}
        onPaste={refuse}
        onCut={refuse}
        onDrop={refuse}
        onCompositionEnd={() => setRedraw((n) => n + 1)}
        onKeyDown={(e) => {
          if (isQuoteKey(e)) {
            e.preventDefault();
            void quoteSelection();
          }
        }}
      >
        {segments.map((t) => (
          <div className="turn" key={t.from}>
            {turns && (
              <div className="turn-head" contentEditable={false}>
                {/* A cue without a voice is mostly the same person going on: only its time is shown. */}
                {t.speaker ? <span className="turn-speaker">{t.speaker}</span> : <span className="visually-hidden">Speaker not named</span>}
                {t.start !== null && (
                  <time className="turn-time" dateTime={`PT${Math.floor(t.start)}S`} aria-label={`at ${spokenTime(t.start)}`}>
                    {formatTime(t.start)}
                  </time>
                )}
              </div>
            )}
            <p className="turn-text" data-from={t.from} data-to={t.to}>
              {pieces(t.from, t.to, placed).map((p) =>
                p.quoteIds.length === 0 ? (
                  body.slice(p.from, p.to)
                ) : (
                  <mark
                    key={p.from}
                    data-quote-ids={p.quoteIds.join(' ')}
                    className={selectedQuoteId && p.quoteIds.includes(selectedQuoteId) ? 'quote-mark selected' : 'quote-mark'}
                    title={p.quoteIds.length > 1 ? `${p.quoteIds.length} quotes overlap here: click to select the first` : 'Quote: click to select it'}
                    onClick={() => {
                      const first = p.quoteIds[0];
                      if (first && document.getSelection()?.isCollapsed !== false) onSelectQuote(first);
                    }}
                  >
                    {body.slice(p.from, p.to)}
                  </mark>
                ),
              )}
            </p>
          </div>
        ))}
      </div>
    </div>
  );
}
