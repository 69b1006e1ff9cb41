import { useId, useState } from 'react';
import { useModal } from '../components/useModal.ts';
import { countOf } from '../labels.ts';
import { useAppStore } from '../store/AppStoreContext.tsx';
import { ExportFooter, useExportRun } from './exportRun.tsx';
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
  const run = useExportRun(onClose);
  const start = () =>
    run.start(async (wanted) => {
      const file = await call('exports.workbook', scope === 'map' ? { mapIds: [mapId] } : { all: true });
      if (!wanted()) return;
      const saved = await saveFile({ name: file.fileName, type: file.mediaType, data: blobFromBase64(file.base64, file.mediaType) });
      if (wanted() && saved) report(`Exported ${scope === 'map' ? `“${mapTitle}”` : countOf(mapCount, 'map')} to ${file.fileName}.`, 'info');
    });

  return (
    <dialog ref={ref} className="export-dialog" aria-labelledby={titleId} aria-busy={run.busy} onCancel={(e) => (e.preventDefault(), run.cancel())}>
      <h2 id={titleId}>Export to Excel</h2>
      <fieldset disabled={run.busy}>
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
      <ExportFooter run={run} progress="Writing the workbook…" onStart={() => void start()} />
    </dialog>
  );
}
