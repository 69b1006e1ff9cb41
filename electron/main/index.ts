/**
 * The desktop host: app lifecycle, one window, the native menu, and the IPC bridge that serves the contract
 * from core. Thin on purpose: the logic lives in core and in modules here that tests reach without Electron
 * (ipc.ts, security.ts, windowState.ts, menu.ts, workspaceSession.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, Menu, app, dialog, ipcMain, session as electronSession } from 'electron';
import { DEFAULT_WORKSPACE_FILE } from '../core/paths.ts';
import { serveContract } from './ipc.ts';
import { buildMenuTemplate } from './menu.ts';
import { devServerUrl, isTrustedFrame } from './security.ts';
import { createMainWindow, hardenSession, type RendererSource } from './window.ts';
import { workspaceCommands } from './workspaceCommands.ts';
import { WorkspaceSession } from './workspaceSession.ts';

// Main is an ES module in out/main; the preload and the renderer are built beside it.
const here = import.meta.dirname;
const indexHtml = path.join(here, '../renderer/index.html');
const renderer: RendererSource = {
  indexHtml,
  indexUrl: pathToFileURL(indexHtml).href,
  devUrl: devServerUrl(app.isPackaged, process.env),
};
const PRELOAD = path.join(here, '../preload/index.cjs');

const session = new WorkspaceSession();
let mainWindow: BrowserWindow | null = null;

const commands = workspaceCommands({
  session,
  window: () => mainWindow,
  afterSwitch: () => mainWindow?.reload(),
});

function focusWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function start(): Promise<void> {
  hardenSession(electronSession.defaultSession, renderer.devUrl);
  serveContract(ipcMain, () => session, (event) => isTrustedFrame(event.senderFrame, renderer.indexUrl, renderer.devUrl));
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(process.platform, commands, { developerTools: !app.isPackaged })));

  const userData = app.getPath('userData');
  fs.mkdirSync(userData, { recursive: true });
  const opened = await commands.openOrExplain(path.join(userData, DEFAULT_WORKSPACE_FILE), { sample: true });
  if (!opened && !session.isOpen) {
    app.quit();
    return;
  }
  mainWindow = createMainWindow({
    renderer,
    preload: PRELOAD,
    stateFile: path.join(userData, 'window-state.json'),
    workspaceName: () => (session.path ? path.basename(session.path) : null),
  });
  mainWindow.on('closed', () => (mainWindow = null));
}

if (!app.requestSingleInstanceLock()) {
  app.quit(); // another Waymark is running; it focuses its window (second-instance below)
} else {
  app.on('second-instance', focusWindow);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  app.on('window-all-closed', () => {
    void session
      .close()
      .catch((error: unknown) => console.error('waymark: could not close the workspace:', error))
      .finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('waymark: could not start:', error);
      dialog.showErrorBox('Waymark could not start', error instanceof Error ? error.message : String(error));
      app.quit();
    });
}
