import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from './api/client.ts';
import { App } from './App.tsx';
import { createAppStore } from './store/appStore.ts';
import { AppStoreContext } from './store/AppStoreContext.tsx';
import './styles.css';

const MAP_PARAM = 'map';

function initialMapId(): string | null {
  return new URLSearchParams(window.location.search).get(MAP_PARAM);
}

const client = createClient();
const store = createAppStore(client.call, initialMapId(), { events: client.events, clientId: client.clientId, ...(client.copyWorkspace ? { copyWorkspace: client.copyWorkspace } : {}) });

// Keep the open map in the address, so a reload comes back to it.
store.subscribe((state, previous) => {
  if (state.openMapId === previous.openMapId) return;
  const url = new URL(window.location.href);
  if (state.openMapId) url.searchParams.set(MAP_PARAM, state.openMapId);
  else url.searchParams.delete(MAP_PARAM);
  window.history.replaceState(null, '', url);
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <AppStoreContext.Provider value={store}>
      <App />
    </AppStoreContext.Provider>
  </StrictMode>,
);
