import { useEffect } from 'react';
import { titleOf } from './actions/dispatch.ts';
import { windowAction } from './actions/table.ts';
import { useDesktopMenu } from './actions/desktopMenu.ts';
import { useWindowActions } from './actions/useWindowActions.ts';
import { Notices } from './components/Notices.tsx';
import { InterviewsScreen } from './research/interviews/InterviewsScreen.tsx';
import { PersonasScreen } from './research/personas/PersonasScreen.tsx';
import { QuoteBoard } from './research/quotes/QuoteBoard.tsx';
import { BundleImportHost } from './exports/BundleDialogs.tsx';
import { MapImportHost } from './exports/MapImportDialog.tsx';
import { BackupsDialog } from './screens/BackupsDialog.tsx';
import { MapList } from './screens/MapList.tsx';
import { MapScreen } from './screens/MapScreen.tsx';
import { ShortcutSheet } from './screens/ShortcutSheet.tsx';
import { useAppStore } from './store/AppStoreContext.tsx';
import { useUiStore, type Section } from './store/uiStore.ts';

const SECTION_LABELS: Record<Section, string> = { map: 'Map', personas: 'Personas', interviews: 'Interviews', quotes: 'Quotes' };

export function App() {
  const load = useAppStore((s) => s.load);
  const loaded = useAppStore((s) => s.loaded);
  const openMapId = useAppStore((s) => s.openMapId);
  const mapListOpen = useUiStore((s) => s.mapListOpen);
  const toggleMapList = useUiStore((s) => s.toggleMapList);
  const section = useUiStore((s) => s.section);
  const show = useUiStore((s) => s.show);
  useWindowActions();
  useDesktopMenu();

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className={mapListOpen && section === 'map' ? 'app' : 'app maps-hidden'}>
      <header className="topbar">
        <button
          type="button"
          className="topbar-toggle"
          aria-pressed={mapListOpen}
          aria-controls={section === 'map' ? 'map-list' : undefined}
          disabled={section !== 'map'}
          title={titleOf('Show or hide the map list', windowAction('panels.mapList'))}
          onClick={toggleMapList}
        >
          Maps
        </button>
        <span className="brand">Waymark</span>
        <nav className="sections" aria-label="Screens">
          {(Object.keys(SECTION_LABELS) as Section[]).map((s) => (
            <button key={s} type="button" className="section-tab" aria-current={section === s ? 'page' : undefined} onClick={() => show(s)}>
              {SECTION_LABELS[s]}
            </button>
          ))}
        </nav>
        <span className="toolbar-gap" />
        <BackupsDialog />
        <BundleImportHost />
        <MapImportHost />
        <ShortcutSheet />
      </header>
      {section === 'map' && <MapList />}
      <main className="main">
        {!loaded ? (
          <p className="loading">Opening the workspace…</p>
        ) : section === 'personas' ? (
          <PersonasScreen />
        ) : section === 'interviews' ? (
          <InterviewsScreen />
        ) : section === 'quotes' ? (
          <QuoteBoard />
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
