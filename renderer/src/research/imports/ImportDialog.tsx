/**
 * Import quotes or metrics from a CSV, TSV or workbook: choose a file, see how it was read (encoding,
 * separator, sheet — each can be changed), map its columns to fields, see every row as it would be imported
 * with its problems, then import. Import stays disabled, saying why, while any problem remains; the import
 * itself is one transaction in the workspace.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { DELIMITERS, ENCODINGS, type Delimiter, type Encoding } from '../../../../electron/api/imports.ts';
import { messageOf } from '../../api/errors.ts';
import { useModal } from '../../components/useModal.ts';
import { useAppStore } from '../../store/AppStoreContext.tsx';
import { base64Of } from './fileBytes.ts';
import { DELIMITER_LABELS, ENCODING_LABELS, FIELD_LABELS, FIELDS, REQUIRED, summary, type ImportKind, type PreviewView } from './kinds.ts';
import { PreviewTable } from './PreviewTable.tsx';

interface Choices {
  encoding?: Encoding;
  delimiter?: Delimiter;
  sheet?: string;
}

export function ImportDialog({ kind, mapId: initialMap, onClose }: { kind: ImportKind; mapId?: string | undefined; onClose: () => void }) {
  const ref = useModal();
  const titleId = useId();
  const call = useAppStore((s) => s.call);
  const report = useAppStore((s) => s.report);
  const maps = useAppStore((s) => s.maps);
  const [file, setFile] = useState<{ name: string; data: string } | null>(null);
  const [choices, setChoices] = useState<Choices>({});
  const [mapping, setMapping] = useState<Record<string, number | null> | undefined>(undefined);
  const [mapId, setMapId] = useState<string | undefined>(initialMap);
  const [result, setResult] = useState<{ for: object | null; preview: PreviewView | null; error: string | null }>({ for: null, preview: null, error: null });
  const [committing, setCommitting] = useState<string | null>(null);
  const fields = FIELDS[kind];

  const args = useMemo(
    () => (file === null ? null : { file: file.data, fileName: file.name, ...choices, ...(mapping ? { mapping } : {}), ...(mapId ? { mapId } : {}) }),
    [file, choices, mapping, mapId],
  );

  useEffect(() => {
    if (args === null) return;
    let stale = false;
    const run = kind === 'quotes' ? call('quotes.previewImport', args) : call('metrics.previewImport', { ...args, mapId: args.mapId ?? '' });
    run.then(
      (p: PreviewView) => !stale && setResult({ for: args, preview: p, error: null }),
      (e: unknown) => !stale && setResult({ for: args, preview: null, error: messageOf(e) }),
    );
    return () => {
      stale = true;
    };
  }, [call, args, kind]);

  const { preview } = result;
  const busy = args !== null && result.for !== args;
  const error = committing ?? result.error;
  const setError = (message: string) => setResult({ for: args, preview: null, error: message });

  const choose = async (chosen: File | undefined) => {
    if (!chosen) return;
    if (chosen.size > 6 * 1024 * 1024) {
      setError(`“${chosen.name}” is ${(chosen.size / 1024 / 1024).toFixed(1)} MB; at most 6 MB can be imported at once. Split it into smaller files.`);
      return;
    }
    setChoices({});
    setMapping(undefined);
    setFile({ name: chosen.name, data: await base64Of(chosen) });
  };

  const missing = preview ? REQUIRED[kind].filter((f) => preview.mapping[f] === null) : [];
  const why =
    preview === null
      ? 'Choose a file first.'
      : preview.blockers[0] ?? (missing.length > 0 ? `Choose the column for ${missing.map((f) => FIELD_LABELS[f] ?? f).join(', ')}.` : preview.counts.withProblems ? `Fix the ${preview.counts.withProblems} rows with problems in the file first: nothing is imported while any row has one.` : busy ? 'Reading the file…' : null);

  const commit = async () => {
    if (args === null || preview === null) return;
    setCommitting(null);
    try {
      const full = { ...args, mapping: { ...preview.mapping } };
      const changes = kind === 'quotes' ? await call('quotes.import', { ...full, mapping: { text: null, ...full.mapping } }) : await call('metrics.import', { ...full, mapId: args.mapId ?? '', mapping: { stage: null, name: null, value: null, ...full.mapping } });
      report(kind === 'quotes' ? `Imported ${changes.quotes.length} quotes from ${args.fileName}.` : `Imported ${changes.metrics.length} metrics from ${args.fileName}.`, 'info');
      onClose();
    } catch (e) {
      setCommitting(messageOf(e));
    }
  };

  const source = preview?.source;
  return (
    <dialog ref={ref} className="import-dialog" aria-labelledby={titleId} onCancel={(e) => (e.preventDefault(), onClose())}>
      <h2 id={titleId}>{kind === 'quotes' ? 'Import quotes' : 'Import metrics'}</h2>
      <div className="import-file">
        <label>
          File (CSV, TSV, Excel or OpenDocument)
          <input type="file" accept=".csv,.tsv,.txt,.xlsx,.xls,.ods,text/csv" onChange={(e) => void choose(e.target.files?.[0])} />
        </label>
        {kind === 'quotes' && (
          <label>
            Map for the stage column
            <select value={mapId ?? ''} onChange={(e) => setMapId(e.target.value || undefined)}>
              <option value="">No map</option>
              {maps.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.title}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {source && (
        <div className="import-source" role="group" aria-label="How the file is read">
          {source.kind === 'csv' ? (
            <>
              <label>
                Encoding
                <select value={source.encoding ?? ''} onChange={(e) => setChoices({ ...choices, encoding: e.target.value as Encoding })}>
                  {ENCODINGS.map((v) => (
                    <option key={v} value={v}>
                      {ENCODING_LABELS[v]}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Separator
                <select value={source.delimiter ?? ''} onChange={(e) => setChoices({ ...choices, delimiter: e.target.value as Delimiter })}>
                  {DELIMITERS.map((v) => (
                    <option key={v} value={v}>
                      {DELIMITER_LABELS[v]}
                    </option>
                  ))}
                </select>
              </label>
            </>
          ) : (
            <label>
              Sheet
              <select value={source.sheet ?? ''} onChange={(e) => (setChoices({ ...choices, sheet: e.target.value }), setMapping(undefined))}>
                {source.sheets.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
      )}
      {preview && preview.columns.length > 0 && (
        <fieldset className="import-mapping">
          <legend>Columns</legend>
          {fields.map((f) => (
            <label key={f}>
              {FIELD_LABELS[f] ?? f}
              {REQUIRED[kind].includes(f) ? ' (required)' : ''}
              <select value={preview.mapping[f] ?? ''} onChange={(e) => setMapping({ ...preview.mapping, [f]: e.target.value === '' ? null : Number(e.target.value) })}>
                <option value="">Not imported</option>
                {preview.columns.map((c, i) => (
                  <option key={i} value={i}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </fieldset>
      )}
      {error !== null && (
        <p role="alert" className="import-error">
          {error}
        </p>
      )}
      {preview && preview.blockers.length > 0 && (
        <ul role="alert" className="import-blockers">
          {preview.blockers.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      )}
      {preview && preview.rows.length > 0 && (
        <>
          <p role="status" className="import-summary">
            {summary(kind, preview.counts)}
          </p>
          <PreviewTable fields={fields} preview={preview} />
        </>
      )}
      <div className="confirm-actions">
        {why !== null && <p className="import-why" id={`${titleId}-why`}>{why}</p>}
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={why !== null} aria-describedby={why !== null ? `${titleId}-why` : undefined} onClick={() => void commit()}>
          Import
        </button>
      </div>
    </dialog>
  );
}
