/**
 * Import a transcript from a file or pasted text: first a preview (interviews.previewTranscript) that says
 * how it was read — format, turns, speakers, warnings — or why it cannot be, with the line; only then
 * "Import" stores it (interviews.setBody). A refused file changes nothing.
 */
import { useId, useState } from 'react';
import { RESEARCH_LIMITS, TRANSCRIPT_FORMAT_CHOICES, type TranscriptPreview } from '../../../../electron/api/research.ts';
import { useAppStore } from '../../store/AppStoreContext.tsx';
import { useRun } from '../common/useRun.ts';
import { readTextFile } from './decodeText.ts';
import { formatTime, speakersOf } from './transcriptText.ts';
import { count, FORMAT_NAMES } from './words.ts';
import { Field } from '../common/Field.tsx';

type FormatChoice = (typeof TRANSCRIPT_FORMAT_CHOICES)[number];
const CHOICES = TRANSCRIPT_FORMAT_CHOICES.filter((c) => c !== 'notes');
const CHOICE_NAMES: Record<FormatChoice, string> = { auto: 'Tell from the file', notes: 'Notes', text: 'Plain text', markdown: 'Markdown', vtt: 'WebVTT', srt: 'SRT' };

interface Props {
  interviewId: string;
  /** Quotes the interview has: replacing its body looks for each of them in the new text. */
  quoteCount: number;
  onImported: () => void;
  onCancel: () => void;
}

interface Source {
  text: string;
  fileName?: string;
  encoding?: string;
}

export function TranscriptImport({ interviewId, quoteCount, onImported, onCancel }: Props) {
  const call = useAppStore((s) => s.call);
  const run = useRun();
  const pasteId = useId();
  const [source, setSource] = useState<Source | null>(null);
  const [pasted, setPasted] = useState('');
  const [format, setFormat] = useState<FormatChoice>('auto');
  const [preview, setPreview] = useState<TranscriptPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [tooBig, setTooBig] = useState(false);

  const read = async (next: Source, as: FormatChoice = format) => {
    setSource(next);
    setPreview(null);
    setTooBig(next.text.length > RESEARCH_LIMITS.body);
    if (next.text.length > RESEARCH_LIMITS.body) return;
    const result = await run(() => call('interviews.previewTranscript', { text: next.text, format: as, ...(next.fileName ? { fileName: next.fileName } : {}) }));
    if (result) setPreview(result);
  };

  const chooseFile = async (file: File | undefined) => {
    if (!file) return;
    const decoded = await run(() => readTextFile(file));
    if (decoded) await read({ text: decoded.text, fileName: file.name, encoding: decoded.encoding });
  };

  const importIt = async () => {
    if (!source || !preview?.ok) return;
    setBusy(true);
    const done = await run(() => call('interviews.setBody', { id: interviewId, text: source.text, format, ...(source.fileName ? { fileName: source.fileName } : {}) }));
    setBusy(false);
    if (done) onImported();
  };

  const speakers = preview?.ok ? speakersOf(preview.turns) : [];
  const firstTimed = preview?.ok ? preview.turns.find((t) => t.start !== null) : undefined;

  return (
    <section className="transcript-import" aria-label="Import a transcript">
      <h3>Import a transcript</h3>
      <p className="muted">WebVTT or SRT as video-call tools export them (Zoom, Teams, Meet), or plain text and Markdown with “Name:” before each turn.</p>
      <div className="import-sources">
        <label className="field">
          From a file
          <input type="file" accept=".vtt,.srt,.txt,.md,text/*" onChange={(e) => void chooseFile(e.target.files?.[0])} />
        </label>
        <div className="field">
          <label htmlFor={pasteId}>Or paste it here</label>
          <textarea id={pasteId} rows={4} value={pasted} onChange={(e) => setPasted(e.target.value)} />
          <button type="button" disabled={pasted.trim() === ''} onClick={() => void read({ text: pasted })}>
            Preview pasted text
          </button>
        </div>
        <Field label="Read as">
          {(id) => (
            <select
              id={id}
              value={format}
              onChange={(e) => {
                const next = e.target.value as FormatChoice;
                setFormat(next);
                if (source) void read(source, next);
              }}
            >
              {CHOICES.map((c) => (
                <option key={c} value={c}>
                  {CHOICE_NAMES[c]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {tooBig && (
        <div className="import-refused" role="alert">
          <strong>{source?.fileName ?? 'The pasted text'} is too long to import</strong>: an interview holds at most {RESEARCH_LIMITS.body.toLocaleString('en-US')} characters (a
          two-hour call is about 150,000). Nothing was imported.
        </div>
      )}
      {preview && !preview.ok && (
        <div className="import-refused" role="alert">
          <strong>{source?.fileName ?? 'The pasted text'} cannot be imported.</strong> Line {preview.line}: {preview.message} Nothing was imported.
        </div>
      )}
      {preview?.ok && (
        <div className="import-preview" role="status" aria-label="Preview">
          <p>
            <strong>{source?.fileName ?? 'Pasted text'}</strong> reads as {FORMAT_NAMES[preview.format]}: {count(preview.turns.length, 'turn')}
            {firstTimed ? `, from ${formatTime(firstTimed.start ?? 0)}` : ''}.
          </p>
          {source?.encoding && source.encoding !== 'utf-8' && <p className="muted">The file is not UTF-8: it was read as {source.encoding === 'windows-1252' ? 'Windows-1252' : source.encoding.toUpperCase()} text.</p>}
          <p>{speakers.length > 0 ? `Speakers: ${speakers.join(', ')}.` : 'No speakers are named in it.'}</p>
          {preview.warnings.length > 0 && (
            <ul className="import-warnings" aria-label="Warnings">
              {preview.warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          )}
          <ol className="import-turns" aria-label="First turns">
            {preview.turns.slice(0, 3).map((t, i) => (
              <li key={i}>
                {t.speaker && <span className="turn-speaker">{t.speaker}</span>} {t.start !== null && <span className="turn-time">{formatTime(t.start)}</span>} {t.text.slice(0, 140)}
              </li>
            ))}
          </ol>
          {quoteCount > 0 && <p className="muted">This replaces the interview’s text; its {count(quoteCount, 'quote')} are looked for in the new text and keep their words either way.</p>}
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="primary" disabled={!preview?.ok || busy} onClick={() => void importIt()}>
          Import
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
