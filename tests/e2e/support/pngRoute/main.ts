/**
 * The test route to the PNG dialog (see ../pngRoute.ts): the app exactly as renderer/src/main.tsx starts it,
 * and beside it one button that opens PngExportDialog, until the Export menu lists "PNG image…".
 */
import { StrictMode, createElement, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '../../../../renderer/src/styles.css';
import { createClient } from '../../../../renderer/src/api/client.ts';
import { App } from '../../../../renderer/src/App.tsx';
import { PngExportDialog } from '../../../../renderer/src/exports/png/PngExportDialog.tsx';
import { createAppStore } from '../../../../renderer/src/store/appStore.ts';
import { AppStoreContext } from '../../../../renderer/src/store/AppStoreContext.tsx';

const ROUTE_BUTTON = 'PNG image… (test route)';

function PngRoute() {
  const [open, setOpen] = useState(false);
  return open
    ? createElement(PngExportDialog, { onClose: () => setOpen(false) })
    : createElement('button', { type: 'button', style: { position: 'fixed', right: 8, bottom: 8, zIndex: 50 }, onClick: () => setOpen(true) }, ROUTE_BUTTON);
}

const client = createClient();
const store = createAppStore(client.call, new URLSearchParams(window.location.search).get('map'), { events: client.events, clientId: client.clientId });
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(createElement(StrictMode, null, createElement(AppStoreContext.Provider, { value: store }, createElement(App), createElement(PngRoute))));
