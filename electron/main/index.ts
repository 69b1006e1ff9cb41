/**
 * The desktop host: app lifecycle, the window, the menu, native dialogs, and the IPC bridge that serves the
 * contract from core. Thin on purpose: everything with logic lives in core or in testable modules here.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, Menu, app, dialog, ipcMain, screen, session, shell } from 'electron';
import { WaymarkError } from '../api/errors.ts';
import { Workspace } from '../core/workspace.ts';
import { serveContract } from './ipc.ts';
import { buildMenuTemplate } from './menu.ts';
import { CONTENT_SECURITY_POLICY, isOwnUrl, isTrustedFrame } from './security.ts';
import { loadWindowState, saveWindowState } from './windowState.ts';

const here = import.meta.dirname;
const INDEX_HTML = path.join(here, '../renderer/index.html');
const INDEX_URL = pathToFileURL(INDEX_HTML).href;
const DEV_URL = process.env.ELECTRON_RENDERER_URL;
const FILTERS = [{ name: 'Waymark workspace', extensions: ['waymark'] }];

let workspace: Workspace | null = null;
let window: BrowserWindow | null = null;

const userData = () => app.getPath('userData');
const stateFile = () => path.join(userData(), 'window-state.json');

function currentWorkspace(): Workspace {
  if (!workspace) throw new WaymarkError('Conflict', 'No workspace is open.');
  return workspace;
}

/** Open a workspace, or explain why not and offer the ways out: another file, a backup, or quitting. */
async function openWorkspace(file: string, sample: boolean): Promise<boolean> {
  try {
    const next = Workspace.open(file, { sample });
    workspace?.close();
    workspace = next;
    window?.setTitle(`Waymark — ${path.basename(file)}`);
    return true;
  } catch (error) {
    const message = error instanceof WaymarkError ? error.message : String(error);
    const { response } = await dialog.showMessageBox({
      type: 'error',
      message: 'Waymark could not open this workspace',
      detail: `${message}\n\nThe file was not changed.`,
      buttons: ['Open Another…', 'Restore a Backup…', workspace ? 'Cancel' : 'Quit'],
      defaultId: 0,
      cancelId: 2,
    });
    if (response === 0) return chooseAndOpen();
    if (response === 1) return restoreFromBackupFile(file);
    if (!workspace) app.quit();
    return false;
  }
}

async function chooseAndOpen(): Promise<boolean> {
  const result = await dialog.showOpenDialog({ title: 'Open Workspace', filters: FILTERS, properties: ['openFile'] });
  const file = result.filePaths[0];
  if (result.canceled || !file) return false;
  const ok = await openWorkspace(file, false);
  if (ok) window?.reload();
  return ok;
}

async function createNew(): Promise<void> {
  const result = await dialog.showSaveDialog({ title: 'New Workspace', defaultPath: 'Journeys.waymark', filters: FILTERS });
  if (result.canceled || !result.filePath) return;
  if (await openWorkspace(result.filePath, false)) window?.reload();
}

/** Pick a backup file of a workspace that cannot be opened; it is opened read-write as a copy. */
async function restoreFromBackupFile(file: string): Promise<boolean> {
  const result = await dialog.showOpenDialog({ title: 'Choose a Backup', defaultPath: `${file}.backups`, filters: FILTERS, properties: ['openFile'] });
  const backup = result.filePaths[0];
  if (result.canceled || !backup) return false;
  const ok = await openWorkspace(backup, false);
  if (ok) window?.reload();
  return ok;
}

async function restoreBackup(): Promise<void> {
  const ws = currentWorkspace();
  const backups = ws.backups.list();
  if (backups.length === 0) {
    await dialog.showMessageBox({ type: 'info', message: 'There are no backups of this workspace yet.' });
    return;
  }
  const choices = backups.slice(0, 8);
  const { response } = await dialog.showMessageBox({
    type: 'question',
    message: 'Restore which backup?',
    detail: 'The current state is backed up first, so you can go back.',
    buttons: [...choices.map((b) => `${new Date(b.createdAt).toLocaleString()} (${b.reason})`), 'Cancel'],
    cancelId: choices.length,
  });
  const chosen = choices[response];
  if (!chosen) return;
  await ws.call('workspace.restore', { id: chosen.id });
  window?.reload();
}

function createWindow(): BrowserWindow {
  const state = loadWindowState(stateFile(), screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    ...state,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'Waymark',
    backgroundColor: '#f4f6f9',
    // Electron's security checklist, written out here so that static scanners can see it.
    webPreferences: {
      preload: path.join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => saveWindowState(stateFile(), { ...win.getNormalBounds(), maximized: win.isMaximized() }));
  win.webContents.on('will-navigate', (event, url) => {
    if (!isOwnUrl(url, INDEX_URL, DEV_URL)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  if (DEV_URL) void win.loadURL(DEV_URL);
  else void win.loadFile(INDEX_HTML);
  return win;
}

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.setName('Waymark');
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('window-all-closed', () => {
    workspace?.close();
    app.quit();
  });
  void app.whenReady().then(async () => {
    hardenSession();
    serveContract(ipcMain, currentWorkspace, (event) => isTrustedFrame(event.senderFrame, INDEX_URL, DEV_URL));
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate(process.platform, {
          newWorkspace: () => void createNew(),
          openWorkspace: () => void chooseAndOpen(),
          restoreBackup: () => void restoreBackup(),
          showWorkspaceFolder: () => workspace && shell.showItemInFolder(workspace.path),
          about: () => void dialog.showMessageBox({ type: 'info', message: `Waymark ${app.getVersion()}`, detail: 'Customer-journey mapping that works offline.' }),
        }),
      ),
    );
    const opened = await openWorkspace(path.join(userData(), 'workspace.waymark'), true);
    if (!opened && !workspace) return;
    window = createWindow();
  });
}
