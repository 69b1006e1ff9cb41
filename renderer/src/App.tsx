import { useEffect } from 'react';
import { Notices } from './components/Notices.tsx';
import { BackupsDialog } from './screens/BackupsDialog.tsx';
import { MapList } from './screens/MapList.tsx';
import { MapScreen } from './screens/MapScreen.tsx';
import { ShortcutSheet } from './screens/ShortcutSheet.tsx';
import { useAppStore } from './store/AppStoreContext.tsx';

export function App() {
  const load = useAppStore((s) => s.load);
  const loaded = useAppStore((s) => s.loaded);
  const openMapId = useAppStore((s) => s.openMapId);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="app">
      <header className="topbar">
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
