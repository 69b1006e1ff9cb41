import { useId, useRef, useState } from 'react';
import { BUNDLE_LIMITS, type BundleCollection, type BundlePreview } from '../../../electron/api/bundles.ts';
import { messageOf } from '../api/errors.ts';
import { useModal } from '../components/useModal.ts';
import { countOf } from '../labels.ts';
import { base64Of } from '../research/imports/fileBytes.ts';
import { useAppStore } from '../store/AppStoreContext.tsx';
import { useUiStore } from '../store/uiStore.ts';
import { ExportFooter, useExportRun } from './exportRun.tsx';
import { saveFile } from './save.ts';

/** What a bundle's counts are called, in the order the preview lists them. */
const KINDS: readonly [BundleCollection | 'tags', string, string][] = [
  ['stages', 'stage', 'stages'],
  ['lanes', 'lane', 'lanes'],
  ['cards', 'card', 'cards'],
  ['emotions', 'emotion score', 'emotion scores'],
  ['metrics', 'metric', 'metrics'],
  ['personas', 'persona', 'personas'],
  ['interviews', 'interview', 'interviews'],
  ['quotes', 'quote', 'quotes'],
  ['quoteLinks', 'quote link', 'quote links'],
  ['tags', 'tag', 'tags'],
];

/**
 * Export the open map as a bundle (.waymark.json): the map with its personas, the quotes linked to it and
 * their interviews, to open in another workspace. The host saves it where the person chooses.
 */
export function BundleExportDialog({ mapId, mapTitle, onClose }: { mapId: string; mapTitle: string; onClose: () => void }) {
  const ref = useModal();
  const titleId = useId();
  const call = useAppStore((s) => s.call);
  const report = useAppStore((s) => s.report);
  const run = useExportRun(onClose);
  const start = () =>
    run.start(async (wanted) => {
      const file = await call('bundles.export', { mapId });
      if (!wanted()) return;
      const saved = await saveFile({ name: file.fileName, type: file.mediaType, data: new Blob([file.text], { type: file.mediaType }) });
      if (wanted() && saved) report(`Exported “${mapTitle}” as ${file.fileName}.`, 'info');
    });

  return (
    <dialog ref={ref} className="export-dialog" aria-labelledby={titleId} aria-busy={run.busy} onCancel={(e) => (e.preventDefault(), run.cancel())}>
      <h2 id={titleId}>Export a map bundle</h2>
      <p>
        One file (.waymark.json) with “{mapTitle}”: its stages, lanes, cards, emotions and metrics, its personas with their pictures, and the quotes linked to it with their
        tags and interviews. Import it into any workspace as a copy.
      </p>
      <ExportFooter run={run} progress="Writing the bundle…" onStart={() => void start()} />
    </dialog>
  );
}

/** What an import uses as the workspace has it, in words: personas, interviews, their quotes, tags. */
function reusedWords(reuse: Extract<BundlePreview, { ok: true }>['reuse']): string[] {
  return [
    ...reuse.personas.map((p) => `the persona ${p}`),
    ...reuse.interviews.map((i) => `the interview “${i}”`),
    ...(reuse.quotes > 0 ? [`${countOf(reuse.quotes, 'quote', 'quotes')} of them`] : []),
    ...reuse.tags.map((t) => `the tag “${t}”`),
  ];
}

/**
 * Import a map bundle: the file is read and checked first (nothing written), the preview says what the
 * copy will hold and what is reused, or every problem that stops it; Import makes the copy in one go and
 * opens it.
 */
export function BundleImportDialog({ onClose }: { onClose: () => void }) {
  const ref = useModal();
  const titleId = useId();
  const call = useAppStore((s) => s.call);
  const report = useAppStore((s) => s.report);
  const refreshMaps = useAppStore((s) => s.refreshMaps);
  const openMap = useAppStore((s) => s.openMap);
  const [file, setFile] = useState<{ name: string; data: string } | null>(null);
  const [preview, setPreview] = useState<BundlePreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chosenAt = useRef(0);

  const choose = async (chosen: File | undefined) => {
    const mine = ++chosenAt.current;
    setPreview(null);
    setError(null);
    setFile(null);
    if (!chosen) return;
    if (chosen.size > BUNDLE_LIMITS.bytes) {
      setError(`“${chosen.name}” is ${(chosen.size / 1024 / 1024).toFixed(1)} MB; a map bundle can be at most ${BUNDLE_LIMITS.bytes / 1024 / 1024} MB.`);
      return;
    }
    setBusy(true);
    try {
      const data = await base64Of(chosen);
      const read = await call('bundles.preview', { file: data, fileName: chosen.name });
      if (chosenAt.current !== mine) return;
      setFile({ name: chosen.name, data });
      setPreview(read);
    } catch (e) {
      if (chosenAt.current === mine) setError(messageOf(e));
    } finally {
      if (chosenAt.current === mine) setBusy(false);
    }
  };

  const commit = async () => {
    if (!file || !preview?.ok) return;
    setBusy(true);
    setError(null);
    try {
      const made = await call('bundles.import', { file: file.data, fileName: file.name });
      await refreshMaps();
      openMap(made.mapId);
      useUiStore.getState().show('map');
      report(`Imported “${preview.importedTitle}” from ${file.name}.`, 'info');
      onClose();
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };

  const why = preview === null ? 'Choose a bundle file first.' : preview.ok ? null : 'The file has problems: nothing can be imported from it.';
  const reused = preview?.ok === true ? reusedWords(preview.reuse) : [];
  return (
    <dialog ref={ref} className="import-dialog bundle-import" aria-labelledby={titleId} aria-busy={busy} onCancel={(e) => (e.preventDefault(), onClose())}>
      <h2 id={titleId}>Import a map bundle</h2>
      <div className="import-file">
        <label>
          Bundle file (.waymark.json)
          <input type="file" accept=".json,application/json" onChange={(e) => void choose(e.target.files?.[0])} />
        </label>
      </div>
      {busy && preview === null && (
        <p role="status" className="export-progress">
          <progress aria-label="Reading the bundle" /> Reading the bundle…
        </p>
      )}
      {preview?.ok === true && (
        <section role="status" aria-label="What the import makes" className="import-summary">
          <p>
            A new map, <strong>“{preview.importedTitle}”</strong>
            {preview.importedTitle !== preview.title ? ` (a map called “${preview.title}” is here already)` : ''}, with{' '}
            {KINDS.filter(([kind]) => preview.create[kind] > 0)
              .map(([kind, one, many]) => countOf(preview.create[kind], one, many))
              .join(', ') || 'nothing on it yet'}
            .
          </p>
          {reused.length > 0 && <p className="muted">Already in this workspace and used as they are: {reused.join(', ')}.</p>}
        </section>
      )}
      {preview?.ok === false && (
        <div role="alert" className="import-blockers">
          <p>{preview.message}</p>
          {preview.problems.length > 1 && (
            <ul aria-label="Problems in the file">
              {preview.problems.map((p, i) => (
                <li key={i}>
                  {p.path === '' ? '' : <code>{p.path}</code>} {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {error !== null && (
        <p role="alert" className="import-error">
          {error}
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
        <button type="button" className="primary" disabled={busy || preview?.ok !== true} aria-describedby={why !== null ? `${titleId}-why` : undefined} onClick={() => void commit()}>
          Import
        </button>
      </div>
    </dialog>
  );
}

/** The import dialog, wherever it was asked for (the map list's button, the desktop's File menu). */
export function BundleImportHost() {
  const open = useUiStore((s) => s.fileDialog === 'import.bundle');
  return open ? <BundleImportDialog onClose={() => useUiStore.getState().openFileDialog(null)} /> : null;
}

/** The map list's way in: the same action as the desktop's File › Import Map Bundle…. */
export function ImportBundleButton() {
  return (
    <button type="button" className="import-bundle" onClick={() => useUiStore.getState().openFileDialog('import.bundle')}>
      Import a map bundle…
    </button>
  );
}
