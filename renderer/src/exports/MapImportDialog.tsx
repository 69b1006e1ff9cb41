/**
 * Import a map from a spreadsheet: choose a file (and the sheet of a workbook, or a CSV's encoding and
 * separator), see its grid as the map it would be — stages across, lanes down with a kind to choose for each,
 * the cells' cards — and every problem cell by cell; Import stays disabled, saying why, while any is left.
 * A workbook Waymark exported can instead update the map it came from: the dialog shows what would be added,
 * changed and removed before anything is written, and after the update offers to undo it.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { DELIMITERS, ENCODINGS, IMPORT_LIMITS, type Delimiter, type Encoding } from '../../../electron/api/imports.ts';
import type { MapImportPreview, MapUpdate, MapUpdatePreview } from '../../../electron/api/mapImports.ts';
import type { LaneKind } from '../../../electron/api/types.ts';
import { messageOf } from '../api/errors.ts';
import { useModal } from '../components/useModal.ts';
import { countOf } from '../labels.ts';
import { base64Of } from '../research/imports/fileBytes.ts';
import { DELIMITER_LABELS, ENCODING_LABELS } from '../research/imports/kinds.ts';
import { useAppStore } from '../store/AppStoreContext.tsx';
import { useUiStore } from '../store/uiStore.ts';
import { GridPreview, ProblemList } from './GridPreview.tsx';
import { MapUpdateDiff, updateSummary } from './MapUpdateDiff.tsx';

interface Choices {
  sheet?: string;
  encoding?: Encoding;
  delimiter?: Delimiter;
}

type Result<T> = { for: object | null; value: T | null; error: string | null };
const none = { for: null, value: null, error: null };

const problemsWhy = (n: number) => (n === 1 ? 'Fix the problem in the file first: nothing is imported while it is left.' : `Fix the ${n} problems in the file first: nothing is imported while any is left.`);

function summaryOf(p: MapImportPreview): string {
  const c = p.counts;
  const parts = [countOf(c.stages, 'stage', 'stages'), countOf(c.lanes, 'lane', 'lanes'), countOf(c.cards, 'card', 'cards')];
  if (c.emotions > 0) parts.push(countOf(c.emotions, 'emotion score', 'emotion scores'));
  if (c.metrics > 0) parts.push(countOf(c.metrics, 'metric value', 'metric values'));
  if (c.owners > 0) parts.push(countOf(c.owners, 'stage owner', 'stage owners'));
  return `${parts.join(', ')}.`;
}

export function MapImportDialog({ onClose }: { onClose: () => void }) {
  const ref = useModal();
  const titleId = useId();
  const call = useAppStore((s) => s.call);
  const report = useAppStore((s) => s.report);
  const refreshMaps = useAppStore((s) => s.refreshMaps);
  const openMap = useAppStore((s) => s.openMap);
  const [file, setFile] = useState<{ name: string; data: string } | null>(null);
  const [choices, setChoices] = useState<Choices>({});
  const [kinds, setKinds] = useState<Record<number, LaneKind>>({});
  const [title, setTitle] = useState<string | null>(null);
  const [mode, setMode] = useState<'new' | 'update'>('new');
  const [result, setResult] = useState<Result<MapImportPreview>>(none);
  const [diff, setDiff] = useState<Result<MapUpdatePreview>>(none);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [applied, setApplied] = useState<{ update: MapUpdate; summary: string; undone: boolean } | null>(null);
  const chosenAt = useRef(0);

  const args = useMemo(
    () => (file === null ? null : { file: file.data, fileName: file.name, ...choices, lanes: Object.entries(kinds).map(([row, kind]) => ({ row: Number(row), kind })) }),
    [file, choices, kinds],
  );
  useEffect(() => {
    if (args === null) return;
    let stale = false;
    call('maps.previewImport', args).then(
      (p) => !stale && setResult({ for: args, value: p, error: null }),
      (e: unknown) => !stale && setResult({ for: args, value: null, error: messageOf(e) }),
    );
    return () => {
      stale = true;
    };
  }, [call, args]);
  const preview = result.for === args ? result.value : null;
  const origin = preview?.workbook?.map ?? null;
  const updateArgs = useMemo(
    () => (mode === 'update' && file !== null && origin !== null ? { mapId: origin.id, file: file.data, fileName: file.name, ...(choices.sheet ? { sheet: choices.sheet } : {}) } : null),
    [mode, file, origin, choices.sheet],
  );
  useEffect(() => {
    if (updateArgs === null) return;
    let stale = false;
    call('maps.previewUpdate', updateArgs).then(
      (p) => !stale && setDiff({ for: updateArgs, value: p, error: null }),
      (e: unknown) => !stale && setDiff({ for: updateArgs, value: null, error: messageOf(e) }),
    );
    return () => {
      stale = true;
    };
  }, [call, updateArgs]);
  const update = diff.for === updateArgs ? diff.value : null;

  const choose = async (chosen: File | undefined) => {
    const mine = ++chosenAt.current;
    setFailure(null);
    setApplied(null);
    if (!chosen) return;
    if (chosen.size > IMPORT_LIMITS.bytes) {
      setFile(null);
      setFailure(`“${chosen.name}” is ${(chosen.size / 1024 / 1024).toFixed(1)} MB; at most ${IMPORT_LIMITS.bytes / 1024 / 1024} MB can be imported at once.`);
      return;
    }
    const data = await base64Of(chosen);
    if (chosenAt.current !== mine) return;
    setChoices({});
    setKinds({});
    setTitle(null);
    setMode('new');
    setFile({ name: chosen.name, data });
  };

  const shownTitle = title ?? preview?.title ?? '';
  const reading = args !== null && result.for !== args;
  let why: string | null;
  if (file === null) why = 'Choose a file first.';
  else if (mode === 'update') {
    why = update === null ? (diff.error ?? 'Reading what the update changes…') : update.problems.length > 0 ? problemsWhy(update.problems.length) : update.changes === 0 ? 'The workbook and the map are the same: there is nothing to update.' : null;
  } else {
    why = reading ? 'Reading the file…' : preview === null ? (result.error ?? 'The file cannot be read.') : preview.problems.length > 0 ? problemsWhy(preview.problems.length) : shownTitle.trim() === '' ? 'Give the new map a title.' : null;
  }

  const importMap = async () => {
    if (args === null || preview === null) return;
    setBusy(true);
    setFailure(null);
    try {
      const made = await call('maps.import', { ...args, title: shownTitle.trim(), lanes: preview.lanes.map((l) => ({ row: l.row, kind: l.kind })) });
      await refreshMaps();
      openMap(made.mapId);
      useUiStore.getState().show('map');
      report(`Imported “${shownTitle.trim()}” from ${args.fileName}: ${summaryOf(preview)}`, 'info');
      onClose();
    } catch (e) {
      setFailure(messageOf(e));
      setBusy(false);
    }
  };
  const applyUpdate = async () => {
    if (updateArgs === null || update === null) return;
    setBusy(true);
    setFailure(null);
    try {
      const done = await call('maps.applyUpdate', { ...updateArgs, token: update.token });
      await refreshMaps();
      openMap(done.mapId);
      useUiStore.getState().show('map');
      setApplied({ update: done, summary: updateSummary(update), undone: false });
    } catch (e) {
      setFailure(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const undoUpdate = async () => {
    if (applied === null) return;
    setBusy(true);
    setFailure(null);
    try {
      await call('batch.run', { steps: applied.update.undo });
      await refreshMaps();
      setApplied({ ...applied, undone: true });
    } catch (e) {
      setFailure(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const source = preview?.source ?? null;
  if (applied !== null) {
    return (
      <dialog ref={ref} className="import-dialog map-import" aria-labelledby={titleId} onCancel={(e) => (e.preventDefault(), onClose())}>
        <h2 id={titleId}>Import a map from a spreadsheet</h2>
        <p role="status" className="import-summary">
          {applied.undone ? `The update of “${update?.title ?? ''}” was undone: the map is as it was before.` : `Updated “${update?.title ?? ''}” from ${file?.name ?? ''}: ${applied.summary}`}
        </p>
        {failure !== null && (
          <p role="alert" className="import-error">
            {failure}
          </p>
        )}
        <div className="confirm-actions">
          {!applied.undone && applied.update.undo.length > 0 && (
            <button type="button" disabled={busy} onClick={() => void undoUpdate()}>
              Undo the update
            </button>
          )}
          <button type="button" className="primary" onClick={onClose} autoFocus>
            Close
          </button>
        </div>
      </dialog>
    );
  }

  return (
    <dialog ref={ref} className="import-dialog map-import" aria-labelledby={titleId} aria-busy={reading || busy} onCancel={(e) => (e.preventDefault(), onClose())}>
      <h2 id={titleId}>Import a map from a spreadsheet</h2>
      <p className="muted map-import-help">
        Stages across the first row, lanes down the first column, one card per line of a cell — or a workbook exported from Waymark.
      </p>
      <div className="import-file">
        <label>
          Spreadsheet (CSV, TSV, Excel or OpenDocument)
          <input type="file" accept=".csv,.tsv,.txt,.xlsx,.xlsm,.xls,.ods,text/csv" onChange={(e) => void choose(e.target.files?.[0])} />
        </label>
        {source && source.kind !== 'csv' && (
          <label>
            Sheet
            <select value={source.sheet ?? ''} onChange={(e) => (setChoices({ ...choices, sheet: e.target.value }), setKinds({}), setMode('new'))}>
              {source.sheets.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
        )}
        {source?.kind === 'csv' && (
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
        )}
      </div>
      {reading && (
        <p role="status" className="export-progress">
          <progress aria-label="Reading the file" /> Reading the file…
        </p>
      )}
      {result.error !== null && result.for === args && (
        <p role="alert" className="import-error">
          {result.error}
        </p>
      )}
      {preview?.workbook && (
        <fieldset className="import-mapping map-import-mode">
          <legend>A workbook exported from Waymark{preview.workbook.title !== '' ? `: “${preview.workbook.title}”` : ''}</legend>
          <label>
            <input type="radio" name={`${titleId}-mode`} checked={mode === 'new'} onChange={() => setMode('new')} /> As a new map
          </label>
          {origin !== null ? (
            <label>
              <input type="radio" name={`${titleId}-mode`} checked={mode === 'update'} onChange={() => setMode('update')} /> Update “{origin.title}”
            </label>
          ) : (
            <p className="muted">The map it was exported from is not in this workspace, so it comes in as a new map.</p>
          )}
        </fieldset>
      )}
      {preview && mode === 'new' && (
        <>
          <div className="import-file">
            <label>
              Title of the new map
              <input value={shownTitle} maxLength={200} size={40} onChange={(e) => setTitle(e.target.value)} />
            </label>
          </div>
          <p role="status" aria-label="What the import makes" className="import-summary">
            A new map with {summaryOf(preview)}
          </p>
          {preview.stages.length > 0 && <GridPreview preview={preview} onKind={(row, kind) => setKinds({ ...kinds, [row]: kind })} />}
          <ProblemList label="Problems, cell by cell" items={preview.problems} className="import-blockers" />
          <ProblemList label="Warnings" items={preview.warnings} className="import-warnings" />
        </>
      )}
      {mode === 'update' && update && (
        <>
          <p role="status" aria-label="What the update changes" className="import-summary">
            Updating “{update.title}”: {updateSummary(update)}
          </p>
          <MapUpdateDiff preview={update} />
          <ProblemList label="Problems, cell by cell" items={update.problems} className="import-blockers" />
          <ProblemList label="Warnings" items={update.warnings} className="import-warnings" />
        </>
      )}
      {failure !== null && (
        <p role="alert" className="import-error">
          {failure}
        </p>
      )}
      <div className="confirm-actions">
        {why !== null && (
          <p className="import-why" id={`${titleId}-why`}>
            {why}
          </p>
        )}
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        {mode === 'update' ? (
          <button type="button" className="primary" disabled={busy || why !== null} aria-describedby={why !== null ? `${titleId}-why` : undefined} onClick={() => void applyUpdate()}>
            Update map
          </button>
        ) : (
          <button type="button" className="primary" disabled={busy || why !== null} aria-describedby={why !== null ? `${titleId}-why` : undefined} onClick={() => void importMap()}>
            Import
          </button>
        )}
      </div>
    </dialog>
  );
}

/** The dialog, wherever it was asked for (the map list's button, the desktop's File menu). */
export function MapImportHost() {
  const open = useUiStore((s) => s.fileDialog === 'import.spreadsheet');
  return open ? <MapImportDialog onClose={() => useUiStore.getState().openFileDialog(null)} /> : null;
}

/** The map list's way in: the same action as the desktop's File › Import Map from Spreadsheet…. */
export function ImportSpreadsheetButton() {
  return (
    <button type="button" className="import-bundle" onClick={() => useUiStore.getState().openFileDialog('import.spreadsheet')}>
      Import a map from a spreadsheet…
    </button>
  );
}
