/**
 * The desktop host: app lifecycle, one window, the native menu, and the IPC bridge that relays the contract
 * to the workspace engine, which runs in a utility process (engine.ts) so that long work never freezes the
 * window. Thin on purpose: the logic lives in core and in modules here that tests reach without Electron
 * (ipc.ts, security.ts, windowState.ts, menu.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, Menu, app, dialog, ipcMain, session as electronSession, utilityProcess, type UtilityProcess } from 'electron';
import { HOST_EVENT_CHANNEL } from '../api/host.ts';
import { DEFAULT_WORKSPACE_FILE, RemoteSession } from '../core/index.ts';
import { serveContract } from './ipc.ts';
import { HOST_ACTION_CHANNEL, HOST_MENU_CHANNEL, pageMenuSchema } from '../api/host.ts';
import { buildMenuTemplate } from './menu.ts';
import { recentWorkspaces, serveRecent } from './recentWorkspaces.ts';
import { serveSave } from './saveFile.ts';
import { devServerUrl, isTrustedFrame } from './security.ts';
import { createMainWindow, hardenSession, type RendererSource } from './window.ts';
import { workspaceCommands } from './workspaceCommands.ts';

// Main is an ES module in out/main; the preload and the renderer are built beside it.
const here = import.meta.dirname;
const indexHtml = path.join(here, '../renderer/index.html');
const renderer: RendererSource = {
  indexHtml,
  indexUrl: pathToFileURL(indexHtml).href,
  devUrl: devServerUrl(app.isPackaged, process.env),
};
const PRELOAD = path.join(here, '../preload/index.cjs');

let mainWindow: BrowserWindow | null = null;
let quitting = false;
/** The engine's process and the session relayed to it: started once the app is ready (Electron's rule). */
let engine: UtilityProcess | null = null;
let session: RemoteSession | null = null;

/** The engine: its own process, reached through messages; if it stops, every call says so clearly. */
function startEngine(): RemoteSession {
  const child = utilityProcess.fork(path.join(here, 'engine.js'), [], { serviceName: 'Waymark workspace engine' });
  engine = child;
  const remote = new RemoteSession({
    postMessage: (message) => child.postMessage(message),
    on: (_event, listener) => child.on('message', listener),
  });
  child.on('exit', (code) => {
    remote.fail(`exit code ${code}`);
    if (!quitting) dialog.showErrorBox('Waymark’s workspace engine stopped', 'Your edits up to the last one shown as saved are in the workspace file. Restart Waymark to go on.');
  });
  // Every committed change reaches every window (a second window, a live session's view stay in step).
  remote.subscribe((event) => {
    for (const win of BrowserWindow.getAllWindows()) if (!win.isDestroyed()) win.webContents.send(HOST_EVENT_CHANNEL, event);
  });
  return remote;
}

function focusWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function start(): Promise<void> {
  const remote = startEngine();
  session = remote;
  await remote.ready;
  const userData = app.getPath('userData');
  fs.mkdirSync(userData, { recursive: true });
  const recent = recentWorkspaces(path.join(userData, 'recent-workspaces.json'));
  let pageMenu: Parameters<typeof buildMenuTemplate>[3] | undefined;
  const setMenu = (page = pageMenu) => {
    pageMenu = page;
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(process.platform, commands, { developerTools: !app.isPackaged, recent: recent.files() }, page)));
  };
  const commands = workspaceCommands({
    session: remote,
    window: () => mainWindow,
    afterSwitch: () => mainWindow?.reload(),
    recent,
    onRecentChanged: () => setMenu(),
  });
  hardenSession(electronSession.defaultSession, renderer);
  serveContract(ipcMain, () => remote, (event) => isTrustedFrame(event.senderFrame, renderer.indexUrl, renderer.devUrl));
  serveSave(ipcMain, {
    isTrustedSender: (event) => isTrustedFrame(event.senderFrame, renderer.indexUrl, renderer.devUrl),
    showSaveDialog: (_event, options) => (mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options)),
    defaultFolder: () => app.getPath('documents'),
  });
  serveRecent(ipcMain, {
    isTrustedSender: (event) => isTrustedFrame(event.senderFrame, renderer.indexUrl, renderer.devUrl),
    recent,
    openPath: () => remote.path,
    open: (file) => commands.openRecentFile(file),
  });
  setMenu();
  // The page sends its share of the menu (from its table of actions); a pick is sent back to run there.
  ipcMain.on(HOST_MENU_CHANNEL, (event, items: unknown) => {
    if (!isTrustedFrame(event.senderFrame, renderer.indexUrl, renderer.devUrl)) return;
    const parsed = pageMenuSchema.safeParse(items);
    if (!parsed.success) return;
    const sender = event.sender;
    setMenu({
      items: parsed.data,
      run: (name) => {
        if (!sender.isDestroyed()) sender.send(HOST_ACTION_CHANNEL, name);
      },
    });
  });

  const opened = await commands.openOrExplain(path.join(userData, DEFAULT_WORKSPACE_FILE), { sample: true });
  if (!opened && !remote.isOpen) {
    app.quit();
    return;
  }
  mainWindow = createMainWindow({
    renderer,
    preload: PRELOAD,
    stateFile: path.join(userData, 'window-state.json'),
    workspaceName: () => (remote.path ? path.basename(remote.path) : null),
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
    quitting = true;
    void (session?.close() ?? Promise.resolve())
      .catch((error: unknown) => console.error('waymark: could not close the workspace:', error))
      .finally(() => {
        engine?.kill();
        app.quit();
      });
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
