import { useEffect, useState, type ReactNode } from 'react';
import { CanvasView } from '../canvas/CanvasView.tsx';
import { LIMITS, type Call } from '../../../electron/api/contract.ts';
import { titleOf } from '../actions/dispatch.ts';
import { windowAction } from '../actions/table.ts';
import { messageOf } from '../api/errors.ts';
import { InlineEditor } from '../components/InlineEditor.tsx';
import { ExportMenu } from '../exports/ExportMenu.tsx';
import { ImportMetricsButton } from '../research/imports/ImportButtons.tsx';
import { MapPersonas } from '../research/personas/MapPersonas.tsx';
import { useAppStore } from '../store/AppStoreContext.tsx';
import { updateMap } from '../store/commands.ts';
import { createMapStore, type MapStore } from '../store/mapStore.ts';
import { MapStoreContext, useMapStore, usePerform } from '../store/MapStoreContext.tsx';
import { useUiStore, type ViewMode } from '../store/uiStore.ts';
import { MapTable } from '../table/MapTable.tsx';
import { HistoryControls } from './HistoryControls.tsx';

function SaveStatus() {
  const pending = useMapStore((s) => s.pending);
  return (
    <span className="save-status" role="status">
      {pending > 0 ? 'Saving…' : 'All changes saved'}
    </span>
  );
}

function ViewToggle({ mode, onChange }: { mode: ViewMode; onChange: (m: ViewMode) => void }) {
  return (
    <div className="view-toggle" role="group" aria-label="View">
      <button type="button" aria-pressed={mode === 'canvas'} title={titleOf('Canvas', windowAction('view.canvas'))} onClick={() => onChange('canvas')}>
        Canvas
      </button>
      <button type="button" aria-pressed={mode === 'table'} title={titleOf('Table', windowAction('view.table'))} onClick={() => onChange('table')}>
        Table
      </button>
    </div>
  );
}

/**
 * The map's title and description, edited in place; both go through the map's history (undo). `children` (the
 * map's personas) sit beside the description, so the title has the whole first line.
 */
function MapTitle({ children }: { children?: ReactNode }) {
  const map = useMapStore((s) => s.map);
  const perform = usePerform();
  const [editing, setEditing] = useState<'title' | 'description' | null>(null);
  const save = (patch: { title?: string; description?: string }, label: string) => {
    setEditing(null);
    void perform((m) => updateMap(m, patch, label));
  };
  return (
    <div className="map-title-block">
      {editing === 'title' ? (
        <InlineEditor label="Map title" initial={map.title} maxLength={LIMITS.title} className="inline-editor map-title-editor" onCommit={(title) => (title.trim() !== '' ? save({ title }, 'Rename map') : setEditing(null))} onCancel={() => setEditing(null)} />
      ) : (
        <div className="map-title-row">
          <h1 onDoubleClick={() => setEditing('title')}>{map.title}</h1>
          <button type="button" className="icon-button" aria-label="Rename this map" title="Rename this map" onClick={() => setEditing('title')}>
            ✎
          </button>
        </div>
      )}
      <div className="map-subline">
        {editing === 'description' ? (
          <InlineEditor label="Map description" initial={map.description} multiline maxLength={LIMITS.description} className="inline-editor map-description-editor" onCommit={(description) => save({ description }, 'Describe map')} onCancel={() => setEditing(null)} />
        ) : (
          <button type="button" className={map.description ? 'map-description' : 'map-description muted'} aria-label={map.description ? `Edit the description: ${map.description}` : undefined} title={map.description || undefined} onClick={() => setEditing('description')}>
            {map.description || 'Add a description'}
          </button>
        )}
        {children}
      </div>
    </div>
  );
}

function MapHeader({ mode, onMode }: { mode: ViewMode; onMode: (m: ViewMode) => void }) {
  return (
    <header className="map-header">
      <MapTitle>
        <MapPersonas />
      </MapTitle>
      <ViewToggle mode={mode} onChange={onMode} />
      <HistoryControls />
      <ImportMetricsButton />
      <ExportMenu />
      <SaveStatus />
    </header>
  );
}

async function loadStore(call: Call, mapId: string, report: (m: string) => void, onMapChanged: () => void): Promise<MapStore> {
  const doc = await call('maps.get', { id: mapId });
  performance.mark('waymark:map-data');
  return createMapStore(doc, { call, report, onMapChanged });
}

/** When the map list knows a newer version of the open map (renamed from the list, say), reload it. */
function useFollowSummary(mapId: string, store: MapStore | null) {
  const summaryUpdatedAt = useAppStore((s) => s.maps.find((m) => m.id === mapId)?.updatedAt);
  useEffect(() => {
    if (store && summaryUpdatedAt && summaryUpdatedAt > store.getState().map.updatedAt) void store.getState().reload();
  }, [store, summaryUpdatedAt]);
}

/** Changes made in other windows or by other people reach the open map as they are committed. */
function useRemoteChanges(store: MapStore | null) {
  const events = useAppStore((s) => s.events);
  const clientId = useAppStore((s) => s.clientId);
  useEffect(() => {
    if (!store) return;
    return events((event) => {
      // This window's own changes are applied from the reply; a reset (a restore, a reconnect) always reloads.
      if (event.type === 'changes' && event.clientId !== null && event.clientId === clientId) return;
      store.getState().receive(event);
    });
  }, [store, events, clientId]);
}

/** One open map: loads it into its own store and shows it. */
export function MapScreen({ mapId }: { mapId: string }) {
  const call = useAppStore((s) => s.call);
  const report = useAppStore((s) => s.report);
  const refreshMaps = useAppStore((s) => s.refreshMaps);
  const mode = useUiStore((s) => s.viewMode);
  const setMode = useUiStore((s) => s.setViewMode);
  const [loaded, setLoaded] = useState<{ id: string; store: MapStore } | { id: string; error: string } | null>(null);

  useEffect(() => {
    let cancelled = false;
    loadStore(call, mapId, report, () => void refreshMaps()).then(
      (store) => !cancelled && setLoaded({ id: mapId, store }),
      (error: unknown) => !cancelled && setLoaded({ id: mapId, error: messageOf(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [call, mapId, report, refreshMaps]);

  const store = loaded && 'store' in loaded && loaded.id === mapId ? loaded.store : null;
  useFollowSummary(mapId, store);
  useRemoteChanges(store);
  // Window-wide actions (undo, the map list's rename) reach the open map through this.
  const setMapStore = useUiStore((s) => s.setMapStore);
  useEffect(() => {
    setMapStore(store);
    return () => setMapStore(null);
  }, [store, setMapStore]);

  if (!loaded || loaded.id !== mapId) return <p className="loading">Opening the map…</p>;
  if ('error' in loaded) return <p className="load-error" role="alert">{loaded.error}</p>;
  return (
    <MapStoreContext.Provider value={loaded.store}>
      <section className={`map-screen map-screen-${mode}`} aria-label="Map">
        <MapHeader mode={mode} onMode={setMode} />
        {mode === 'canvas' ? <CanvasView /> : <MapTable />}
      </section>
    </MapStoreContext.Provider>
  );
}
