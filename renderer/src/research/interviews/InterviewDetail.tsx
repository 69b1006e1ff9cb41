/**
 * One interview: its fields, its body (notes to type, a transcript to read and quote from, or an import),
 * and its quotes. Kept current with every committed change that concerns it.
 */
import { useCallback, useEffect, useState } from 'react';
import { newId } from '../../../../electron/api/ids.ts';
import type { ChangeSet, Persona } from '../../../../electron/api/types.ts';
import { useAppStore } from '../../store/AppStoreContext.tsx';
import { touches, useLiveQuery } from '../common/useLiveQuery.ts';
import { useRun } from '../common/useRun.ts';
import { InterviewHeader } from './InterviewHeader.tsx';
import { NotesEditor } from './NotesEditor.tsx';
import type { Undoable } from './QuoteItem.tsx';
import { QuotesPanel } from './QuotesPanel.tsx';
import { TranscriptImport } from './TranscriptImport.tsx';
import { TranscriptView } from './TranscriptView.tsx';

interface Props {
  id: string;
  personas: readonly Persona[];
  /** A quote to show when the interview opens (a jump from the quote board or the map). */
  focusQuoteId: string | null;
  /** Changes with every new request to show `focusQuoteId` (the same quote may be asked for again). */
  focusKey: number;
  onUndoable: (u: Undoable & { interviewId?: string }) => void;
  onGone: () => void;
}

type Mode = 'read' | 'notes' | 'import';

export function InterviewDetail({ id, personas, focusQuoteId, focusKey, onUndoable, onGone }: Props) {
  const call = useAppStore((s) => s.call);
  const run = useRun();
  const load = useCallback(async () => {
    const [body, quotes] = await Promise.all([call('interviews.get', { id }), call('quotes.list', { interviewId: id })]);
    return { ...body, ...quotes };
  }, [call, id]);
  const concerns = useCallback(
    (c: ChangeSet) =>
      c.interviews.some((i) => i.id === id) ||
      c.deleted.interviews.includes(id) ||
      c.quotes.some((q) => q.interviewId === id) ||
      touches(c, ['quoteLinks']) ||
      c.deleted.quotes.length > 0,
    [id],
  );
  const { data, error, errorCode, reload } = useLiveQuery(load, concerns);
  const [mode, setMode] = useState<Mode>('read');
  const [selectedQuoteId, setSelectedQuoteId] = useState<string | null>(focusQuoteId);
  // Bumped when the selected quote should be scrolled to (not when it changes through an edit).
  const [scrollKey, setScrollKey] = useState(focusQuoteId ? 1 : 0);

  useEffect(() => {
    if (errorCode === 'NotFound') onGone();
  }, [errorCode, onGone]);
  const [seenFocus, setSeenFocus] = useState(focusKey);
  if (seenFocus !== focusKey) {
    setSeenFocus(focusKey);
    if (focusQuoteId) {
      setSelectedQuoteId(focusQuoteId);
      setScrollKey((n) => n + 1);
    }
  }

  if (!data) return <div className="interview-detail">{error ? <p className="load-error">{error}</p> : <p className="loading">Opening the interview…</p>}</div>;
  const { interview, body, turns, quotes, links } = data;
  const select = (quoteId: string) => {
    setSelectedQuoteId(quoteId);
    setScrollKey((n) => n + 1);
  };
  const makeQuote = async (startOffset: number, endOffset: number) => {
    const quoteId = newId();
    const done = await run(() => call('quotes.create', { id: quoteId, interviewId: id, startOffset, endOffset }));
    await reload();
    if (done) select(quoteId);
  };
  const empty = body === '' && mode === 'read';

  return (
    <div className="interview-detail">
      <InterviewHeader
        interview={interview}
        quoteCount={quotes.length}
        hasBody={body !== ''}
        personas={personas}
        onChanged={() => void reload()}
        onDelete={() => {
          const tombstone = newId();
          void run(async () => {
            await call('interviews.delete', { id, tombstone });
            const also = quotes.length === 0 ? '' : ` and its ${quotes.length === 1 ? 'quote' : `${quotes.length} quotes`}`;
            onUndoable({ text: `Deleted the interview “${interview.title}”${also}.`, tombstone, interviewId: id });
            onGone();
          });
        }}
      />
      <div className="interview-work">
        <div className="interview-body">
          {mode === 'import' ? (
            <TranscriptImport
              interviewId={id}
              quoteCount={quotes.length}
              onCancel={() => setMode('read')}
              onImported={() => {
                setMode('read');
                void reload();
              }}
            />
          ) : mode === 'notes' ? (
            <NotesEditor interviewId={id} body={body} onSaved={() => void reload()} onQuote={makeQuote} onDone={() => setMode('read')} />
          ) : empty ? (
            <div className="body-empty">
              <p>This interview has no notes or transcript yet.</p>
              <div className="form-actions">
                <button type="button" onClick={() => setMode('notes')}>
                  Type notes
                </button>
                <button type="button" className="primary" onClick={() => setMode('import')}>
                  Import a transcript
                </button>
              </div>
            </div>
          ) : (
            <TranscriptView body={body} turns={turns} quotes={quotes} selectedQuoteId={selectedQuoteId} scrollKey={scrollKey} onSelectQuote={select} onQuote={makeQuote}>
              {interview.format === 'notes' && (
                <button type="button" onClick={() => setMode('notes')}>
                  Edit notes
                </button>
              )}
              <button type="button" onClick={() => setMode('import')}>
                {interview.format === 'notes' ? 'Import a transcript' : 'Replace transcript'}
              </button>
            </TranscriptView>
          )}
        </div>
        <QuotesPanel
          quotes={quotes}
          links={links}
          participant={interview.participant}
          selectedQuoteId={selectedQuoteId}
          scrollKey={scrollKey}
          onSelect={select}
          onChanged={reload}
          onUndoable={onUndoable}
        />
      </div>
    </div>
  );
}
