import { useState } from 'react';
import { LIMITS } from '../../../electron/api/contract.ts';
import type { MapSummary, TemplateId } from '../../../electron/api/types.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ImportBundleButton } from '../exports/BundleDialogs.tsx';
import { ImportSpreadsheetButton } from '../exports/MapImportDialog.tsx';
import { RecentWorkspaces } from './RecentWorkspaces.tsx';
import { InlineEditor } from '../components/InlineEditor.tsx';
import { useAppStore } from '../store/AppStoreContext.tsx';
import { renameMap as renameCommand } from '../store/commands.ts';
import { useUiStore } from '../store/uiStore.ts';

function NewMapForm() {
  const templates = useAppStore((s) => s.templates);
  const createMap = useAppStore((s) => s.createMap);
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState<TemplateId>('purchase-journey');

  const submit = async (e: { preventDefault: () => void }) => {
    e.preventDefault();
    if (await createMap(title, template)) setTitle('');
  };

  return (
    <form className="new-map" onSubmit={(e) => void submit(e)} aria-label="New map">
      <label>
        Title
        <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={LIMITS.title} placeholder="e.g. Renewing a policy" />
      </label>
      <label>
        Template
        <select value={template} onChange={(e) => setTemplate(e.target.value as TemplateId)}>
          {templates.map((t) => (
            <option key={t.id} value={t.id} title={t.description}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Create map</button>
    </form>
  );
}

function MapItem({ map, open }: { map: MapSummary; open: boolean }) {
  const openMap = useAppStore((s) => s.openMap);
  const renameMap = useAppStore((s) => s.renameMap);
  const deleteMap = useAppStore((s) => s.deleteMap);
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);

  return (
    <li className={open ? 'map-item open' : 'map-item'}>
      {renaming ? (
        <InlineEditor
          label={`Title of map ${map.title}`}
          initial={map.title}
          maxLength={LIMITS.title}
          onCommit={(title) => {
            setRenaming(false);
            // The open map is renamed through its own history, so the rename can be undone.
            const open = useUiStore.getState().mapStore;
            if (open?.getState().map.id === map.id) void open.getState().perform((m) => renameCommand(m, title));
            else void renameMap(map.id, title);
          }}
          onCancel={() => setRenaming(false)}
        />
      ) : (
        <button type="button" className="map-open" aria-current={open ? 'page' : undefined} onClick={() => openMap(map.id)}>
          <span className="map-title">{map.title}</span>
          <span className="map-meta">
            {map.stageCount} stages · {map.cardCount} cards
          </span>
        </button>
      )}
      <div className="map-actions">
        <button type="button" aria-label={`Rename map ${map.title}`} title="Rename" onClick={() => setRenaming(true)}>
          ✎
        </button>
        <button type="button" aria-label={`Delete map ${map.title}`} title="Delete" onClick={() => setConfirming(true)}>
          ✕
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title={`Delete "${map.title}"?`}
          message={`This deletes the map with its ${map.stageCount} stages and ${map.cardCount} cards. A backup of the workspace is kept.`}
          confirmLabel="Delete map"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void deleteMap(map.id);
          }}
        />
      )}
    </li>
  );
}

export function MapList() {
  const maps = useAppStore((s) => s.maps);
  const openMapId = useAppStore((s) => s.openMapId);
  return (
    <nav className="sidebar" id="map-list" aria-label="Maps">
      <h2>Maps</h2>
      <NewMapForm />
      <ImportBundleButton />
      <ImportSpreadsheetButton />
      {maps.length === 0 ? (
        <p className="empty">No maps yet. Create one from a template above.</p>
      ) : (
        <ul className="map-list">
          {maps.map((m) => (
            <MapItem key={m.id} map={m} open={m.id === openMapId} />
          ))}
        </ul>
      )}
      <RecentWorkspaces />
    </nav>
  );
}
