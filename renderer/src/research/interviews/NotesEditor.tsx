/**
 * Notes typed in Waymark: a text area saved as the interview's body (interviews.setBody, format 'notes') a
 * moment after typing stops and when it is left. The words selected in it can be quoted, as in a transcript.
 */
import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../../store/AppStoreContext.tsx';
import { useRun } from '../common/useRun.ts';
import { QUOTE_KEY_ARIA, QUOTE_KEY_TEXT, isQuoteKey } from './quoteKey.ts';
import { selectionRange } from './transcriptText.ts';

interface Props {
  interviewId: string;
  body: string;
  onSaved: () => void;
  onQuote: (start: number, end: number) => Promise<void>;
  onDone: () => void;
}

const SAVE_AFTER_MS = 800;

export function NotesEditor({ interviewId, body, onSaved, onQuote, onDone }: Props) {
  const call = useAppStore((s) => s.call);
  const run = useRun();
  const [text, setText] = useState(body);
  const [status, setStatus] = useState<'saved' | 'editing' | 'saving' | 'failed'>('saved');
  const saved = useRef(body);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);

  const save = async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const value = area.current?.value ?? text;
    if (value === saved.current) return true;
    setStatus('saving');
    const done = await run(() => call('interviews.setBody', { id: interviewId, text: value, format: 'notes' }));
    if (!done) {
      setStatus('failed');
      return false;
    }
    saved.current = value;
    setStatus((area.current?.value ?? value) === value ? 'saved' : 'editing');
    onSaved();
    return true;
  };
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });
  // Leaving the screen saves what was typed.
  useEffect(() => () => void saveRef.current(), []);

  const quoteSelection = async () => {
    const el = area.current;
    if (!el) return;
    const range = selectionRange(el.value, el.selectionStart, el.selectionEnd);
    if (!range || !(await save())) return;
    await onQuote(range.start, range.end);
  };

  return (
    <div className="notes-editor">
      <div className="transcript-toolbar">
        <button type="button" className="primary" title={`Quote selection (${QUOTE_KEY_TEXT})`} aria-keyshortcuts={QUOTE_KEY_ARIA} onClick={() => void quoteSelection()}>
          Quote selection
        </button>
        <span className="muted" role="status">
          {status === 'saved' ? 'Saved' : status === 'saving' ? 'Saving…' : status === 'failed' ? 'Not saved' : 'Editing…'}
        </span>
        <span className="toolbar-gap" />
        <button type="button" onClick={() => void save().then((ok) => ok && onDone())}>
          Done
        </button>
      </div>
      <textarea
        ref={area}
        className="notes-text"
        aria-label="Notes"
        value={text}
        autoFocus
        onChange={(e) => {
          setText(e.target.value);
          setStatus('editing');
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => void save(), SAVE_AFTER_MS);
        }}
        onBlur={() => void save()}
        onKeyDown={(e) => {
          if (isQuoteKey(e)) {
            e.preventDefault();
            void quoteSelection();
          }
        }}
      />
    </div>
  );
}
