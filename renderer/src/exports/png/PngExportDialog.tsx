import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useModal } from '../../components/useModal.ts';
import { useAppStore } from '../../store/AppStoreContext.tsx';
import type { MapStore } from '../../store/mapStore.ts';
import { useUiStore } from '../../store/uiStore.ts';
import { saveFile } from '../save.ts';
import { ClipboardRefused, copyPng } from './clipboard.ts';
import { preparePng, type OnScreen, type PngWhat } from './prepare.ts';
import { PngDrawError, renderPng, type PngProgress } from './renderPng.ts';
import { PNG_SCALES, type PngScale } from './tilePlan.ts';

const WHAT_LABELS: Record<PngWhat, string> = {
  map: 'The whole map, with its title, personas and legend',
  selection: 'The selection',
  view: 'The current view',
};

/** Progress shows only once drawing takes longer than this (ms): a small picture just appears. */
const PROGRESS_AFTER = 300;

const grouped = (n: number) => n.toLocaleString('en-US');

function messageOfFailure(error: unknown): string {
  if (error instanceof PngDrawError || error instanceof ClipboardRefused) return error.message;
  if (error instanceof Error) return `The picture could not be made: ${error.message}`;
  return 'The picture could not be made.';
}

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

type Busy = { kind: 'save' | 'copy'; progress: PngProgress | null } | null;

/**
 * Export a PNG: the whole map (not the viewport) with its title, personas and legend, the selection or the
 * current view, at 1×, 2× or 3×, on paper or a transparent background; saved as a file or copied to the
 * clipboard. The size is shown before starting, and a picture past the stated maximum is refused then, with
 * the largest scale that fits. Drawing shows its progress and can be cancelled: nothing is written then.
 */
export function PngExportDialog({ onClose }: { onClose: () => void }) {
  const store = useUiStore((s) => s.mapStore);
  if (!store) return <NoMap onClose={onClose} />;
  return <ExportDialog store={store} onClose={onClose} />;
}

function NoMap({ onClose }: { onClose: () => void }) {
  const ref = useModal();
  const titleId = useId();
  return (
    <dialog ref={ref} className="export-dialog" aria-labelledby={titleId} onCancel={(e) => (e.preventDefault(), onClose())}>
      <h2 id={titleId}>Export a PNG image</h2>
      <p>Open a map first: the picture is of the open map.</p>
      <div className="confirm-actions">
        <button type="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}

function ExportDialog({ store, onClose }: { store: MapStore; onClose: () => void }) {
  const ref = useModal();
  const titleId = useId();
  const report = useAppStore((s) => s.report);
  const canvas = useUiStore((s) => s.canvas);
  const hasSelection = useStore(store, (s) => s.selection.kind !== 'none');
  const [what, setWhat] = useState<PngWhat>('map');
  const [scale, setScale] = useState<PngScale>(2);
  const [transparent, setTransparent] = useState(false);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const [showProgress, setShowProgress] = useState(false);
  const running = useRef<AbortController | null>(null);

  const onScreen = (): OnScreen | null => {
    const ctx = canvas?.() ?? null;
    return ctx ? { layout: ctx.layout, viewport: ctx.view.viewport, screen: ctx.view.screen } : null;
  };
  const hasView = canvas?.() != null;
  // The plan for the options as they are: the size to show, or why it cannot be made.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const prepared = useMemo(() => preparePng(store, { what, scale, transparent }, onScreen()), [store, what, scale, transparent]);

  const working = busy !== null;
  useEffect(() => {
    if (!working) return;
    const timer = setTimeout(() => setShowProgress(true), PROGRESS_AFTER);
    return () => {
      clearTimeout(timer);
      setShowProgress(false);
    };
  }, [working]);
  // Closing the dialog (or the map) while drawing cancels the drawing.
  useEffect(() => () => running.current?.abort(), []);

  const start = async (kind: 'save' | 'copy') => {
    if (!prepared.ok || running.current) return;
    const { job } = prepared;
    const controller = new AbortController();
    running.current = controller;
    setBusy({ kind, progress: null });
    setError(null);
    const drawing = renderPng(job, { signal: controller.signal, onProgress: (progress) => setBusy({ kind, progress }) });
    try {
      if (kind === 'copy') {
        await copyPng(drawing);
        if (controller.signal.aborted) return;
        report(`Copied a picture of ${what === 'view' ? 'the current view' : 'the selection'} (${grouped(job.plan.width)} × ${grouped(job.plan.height)} pixels) to the clipboard.`, 'info');
      } else {
        const png = await drawing;
        if (controller.signal.aborted) return;
        const saved = await saveFile({ name: job.fileName, type: 'image/png', data: png });
        if (saved) report(`Exported ${job.fileName} (${grouped(job.plan.width)} × ${grouped(job.plan.height)} pixels).`, 'info');
      }
      running.current = null;
      onClose();
    } catch (e) {
      // Cancelled by the person (or the dialog closed): nothing to say, nothing was written.
      const cancelled = controller.signal.aborted;
      controller.abort();
      if (running.current === controller) running.current = null;
      if (cancelled || isAbort(e)) return;
      setError(messageOfFailure(e));
      setBusy(null);
    }
  };
  const cancel = () => {
    if (running.current) {
      // Stop drawing; nothing has been written, and nothing will be.
      running.current.abort();
      running.current = null;
      setBusy(null);
      return;
    }
    onClose();
  };

  const canCopy = what !== 'map';
  const progress = busy?.progress ?? null;
  return (
    <dialog ref={ref} className="export-dialog" aria-labelledby={titleId} aria-busy={busy !== null} onCancel={(e) => (e.preventDefault(), cancel())}>
      <h2 id={titleId}>Export a PNG image</h2>
      <fieldset disabled={busy !== null}>
        <legend>What to draw</legend>
        {(['map', 'selection', 'view'] as const).map((w) => {
          const unavailable = (w === 'selection' && !hasSelection) || (w === 'view' && !hasView);
          return (
            <label key={w}>
              <input type="radio" name="png-what" checked={what === w} disabled={unavailable} onChange={() => setWhat(w)} /> {WHAT_LABELS[w]}
              {unavailable && <span className="muted"> ({w === 'selection' ? 'nothing is selected' : 'shown on the canvas only'})</span>}
            </label>
          );
        })}
      </fieldset>
      <fieldset disabled={busy !== null}>
        <legend>Scale</legend>
        <div role="radiogroup" aria-label="Scale" className="png-scales" style={{ display: 'flex', gap: 20 }}>
          {PNG_SCALES.map((s) => (
            <label key={s}>
              <input type="radio" name="png-scale" checked={scale === s} onChange={() => setScale(s)} /> {s}×
            </label>
          ))}
        </div>
        <label>
          <input type="checkbox" checked={transparent} onChange={(e) => setTransparent(e.target.checked)} /> Transparent background
        </label>
      </fieldset>
      {prepared.ok ? (
        <p className="muted" role="status">
          {grouped(prepared.job.plan.width)} × {grouped(prepared.job.plan.height)} pixels
          {prepared.job.plan.count > 1 ? `, drawn in ${grouped(prepared.job.plan.count)} parts` : ''}.
        </p>
      ) : (
        <p role="alert" className="import-error">
          {prepared.message}
        </p>
      )}
      {busy && showProgress && (
        <p role="status" className="export-progress">
          <progress aria-label="Drawing the picture" value={progress?.done ?? 0} max={progress?.total ?? 1} />
          {progress && progress.done < progress.total ? `Drawing part ${grouped(progress.done + 1)} of ${grouped(progress.total)}…` : 'Compressing…'}
        </p>
      )}
      {error !== null && (
        <p role="alert" className="import-error">
          {error}
        </p>
      )}
      <div className="confirm-actions">
        <button type="button" onClick={cancel}>
          Cancel
        </button>
        <button
          type="button"
          disabled={busy !== null || !prepared.ok || !canCopy}
          title={canCopy ? undefined : 'Copy the current view or the selection; the whole map is saved as a file'}
          onClick={() => void start('copy')}
        >
          Copy to clipboard
        </button>
        <button type="button" className="primary" disabled={busy !== null || !prepared.ok} onClick={() => void start('save')} autoFocus>
          Export PNG…
        </button>
      </div>
    </dialog>
  );
}
