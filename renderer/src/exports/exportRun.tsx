/**
 * What every export dialog shares: a run that can be cancelled (a cancelled run is forgotten, and what it
 * made is never saved), its progress while it writes, its refusal in words, and Cancel / Export.
 */
import { useRef, useState } from 'react';
import { messageOf } from '../api/errors.ts';

export interface ExportRun {
  busy: boolean;
  error: string | null;
  /** Run `task`; it asks `wanted()` before each step that saves or says something, and stops when false. */
  start: (task: (wanted: () => boolean) => Promise<void>) => Promise<void>;
  /** Forget the run under way and close. */
  cancel: () => void;
}

export function useExportRun(onClose: () => void): ExportRun {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(0);
  return {
    busy,
    error,
    start: async (task) => {
      const mine = ++running.current;
      const wanted = () => running.current === mine;
      setBusy(true);
      setError(null);
      try {
        await task(wanted);
        if (wanted()) onClose();
      } catch (e) {
        if (wanted()) {
          setError(messageOf(e));
          setBusy(false);
        }
      }
    },
    cancel: () => {
      running.current++;
      onClose();
    },
  };
}

/** The dialog's foot: progress while it runs, the refusal, and the two buttons. */
export function ExportFooter({ run, progress, onStart, startLabel = 'Export' }: { run: ExportRun; progress: string; onStart: () => void; startLabel?: string }) {
  return (
    <>
      {run.busy && (
        <p role="status" className="export-progress">
          <progress aria-label={progress.replace(/…$/, '')} /> {progress}
        </p>
      )}
      {run.error !== null && (
        <p role="alert" className="import-error">
          {run.error}
        </p>
      )}
      <div className="confirm-actions">
        <button type="button" onClick={run.cancel}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={run.busy} onClick={onStart} autoFocus>
          {startLabel}
        </button>
      </div>
    </>
  );
}
