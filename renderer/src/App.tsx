import { useEffect } from 'react';
import { titleOf } from './actions/dispatch.ts';
import { windowAction } from './actions/table.ts';
import { useDesktopMenu } from './actions/desktopMenu.ts';
import { useWindowActions } from './actions/useWindowActions.ts';
import { Notices } from './components/Notices.tsx';
import { BackupsDialog } from './screens/BackupsDialog.tsx';
import { MapList } from './screens/MapList.tsx';
import { MapScreen } from './screens/MapScreen.tsx';
import { ShortcutSheet } from './screens/ShortcutSheet.tsx';
import { useAppStore } from './store/AppStoreContext.tsx';
import { useUiStore } from './store/uiStore.ts';

export function App() {
  const load = useAppStore((s) => s.load);
  const loaded = useAppStore((s) => s.loaded);
  const openMapId = useAppStore((s) => s.openMapId);
  const mapListOpen = useUiStore((s) => s.mapListOpen);
  const toggleMapList = useUiStore((s) => s.toggleMapList);
  useWindowActions();
  useDesktopMenu();

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className={mapListOpen ? 'app' : 'app maps-hidden'}>
      <header className="topbar">
        <button type="button" className="topbar-toggle" aria-pressed={mapListOpen} aria-controls="map-list" title={titleOf('Show or hide the map list', windowAction('panels.mapList'))} onClick={toggleMapList}>
          Maps
        </button>
        <span className="brand">Waymark</span>
        <span className="toolbar-gap" />
        <BackupsDialog />
        <ShortcutSheet />
      </header>
      <MapList />
      <main className="main">
        {!loaded ? (
          <p className="loading">Opening the workspace…</p>
        ) : openMapId ? (
          <MapScreen key={openMapId} mapId={openMapId} />
        ) : (
          <p className="empty">This workspace has no maps yet. Create one from a template.</p>
        )}
      </main>
      <Notices />
    </div>
  );
}
