import { useId, useRef, useState } from 'react';
import { messageOf } from '../api/errors.ts';
import { useModal } from '../components/useModal.ts';
import { countOf } from '../labels.ts';
import { useAppStore } from '../store/AppStoreContext.tsx';
import { blobFromBase64, saveFile } from './save.ts';

type Scope = 'map' | 'all';

/**
 * Export to Excel: the open map, or every map of the workspace in one workbook. The workspace writes the
 * workbook; the host saves it where the person chooses. Writing can be cancelled: nothing is saved then.
 */
export function WorkbookDialog({ mapId, mapTitle, onClose }: { mapId: string; mapTitle: string; onClose: () => void }) {
  const ref = useModal();
  const titleId = useId();
  const call = useAppStore((s) => s.call);
  const report = useAppStore((s) => s.report);
  const mapCount = useAppStore((s) => s.maps.length);
  const [scope, setScope] = useState<Scope>('map');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The export under way; a cancelled one is forgotten, and its workbook never saved. */
  const running = useRef(0);

  const start = async () => {
    const mine = ++running.current;
    setBusy(true);
    setError(null);
    try {
      const file = await call('exports.workbook', scope === 'map' ? { mapIds: [mapId] } : { all: true });
      if (running.current !== mine) return;
      const saved = await saveFile({ name: file.fileName, type: file.mediaType, data: blobFromBase64(file.base64, file.mediaType) });
      if (running.current !== mine) return;
      if (saved) report(`Exported ${scope === 'map' ? `“${mapTitle}”` : countOf(mapCount, 'map')} to ${file.fileName}.`, 'info');
      onClose();
    } catch (e) {
      if (running.current === mine) {
        setError(messageOf(e));
        setBusy(false);
      }
    }
  };
  const cancel = () => {
    running.current++;
    onClose();
  };

  return (
    <dialog ref={ref} className="export-dialog" aria-labelledby={titleId} aria-busy={busy} onCancel={(e) => (e.preventDefault(), cancel())}>
      <h2 id={titleId}>Export to Excel</h2>
      <fieldset disabled={busy}>
        <legend>What to export</legend>
        <label>
          <input type="radio" name="workbook-scope" checked={scope === 'map'} onChange={() => setScope('map')} /> This map, “{mapTitle}”
        </label>
        <label>
          <input type="radio" name="workbook-scope" checked={scope === 'all'} onChange={() => setScope('all')} /> Every map in the workspace ({countOf(mapCount, 'map')}), one sheet each
        </label>
      </fieldset>
      <p className="muted">
        The workbook has the map as it is drawn (stages across, lanes down) and tables of its cards, emotions, quotes, personas and metrics, ready to filter.
      </p>
      {busy && (
        <p role="status" className="export-progress">
          <progress aria-label="Writing the workbook" /> Writing the workbook…
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
        <button type="button" className="primary" disabled={busy} onClick={() => void start()} autoFocus>
          Export
        </button>
      </div>
    </dialog>
  );
}
