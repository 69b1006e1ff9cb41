/**
 * A recording stand-in for the 'electron' module (Electron itself cannot run on the build machines). The
 * desktop host runs against it unchanged; once it has created its window, this module probes every handler
 * the host registered — as Electron would call them — and prints one JSON report on stdout.
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';

type Fn = (...args: unknown[]) => unknown;
const userData = process.env.WAYMARK_TEST_USER_DATA ?? '/nonexistent';
const handlers = new Map<string, Fn>();
const webContentsListeners = new Map<string, Fn>();
const appListeners = new Map<string, Fn>();
let windowOptions: Record<string, unknown> | null = null;
let windowOpenHandler: Fn | null = null;
let permissionRequest: Fn | null = null;
let permissionCheck: Fn | null = null;
let headersReceived: Fn | null = null;
let menuTemplate: unknown = null;
let loaded: string | null = null;
let singleInstance = false;
let appReady = false;

export const app = {
  /** WAYMARK_TEST_PACKAGED=1: run as the packaged app would (app.isPackaged). */
  isPackaged: process.env.WAYMARK_TEST_PACKAGED === '1',
  getPath: (name: string) => (name === 'userData' ? userData : '/tmp'),
  getVersion: () => '0.0.0-test',
  setName: () => undefined,
  requestSingleInstanceLock: () => (singleInstance = true),
  quit: () => undefined,
  on: (event: string, fn: Fn) => appListeners.set(event, fn),
  whenReady: () => Promise.resolve().then(() => (appReady = true)),
};

const windows: BrowserWindow[] = [];
const sent: string[] = [];

export class BrowserWindow {
  static getAllWindows = () => windows;
  webContents = {
    on: (event: string, fn: Fn) => webContentsListeners.set(event, fn),
    setWindowOpenHandler: (fn: Fn) => (windowOpenHandler = fn),
    send: (channel: string) => sent.push(channel),
  };
  constructor(options: Record<string, unknown>) {
    windowOptions = options;
    windows.push(this);
    setTimeout(() => void probe(), 50);
  }
  isDestroyed = () => false;
  once = () => this;
  on = () => this;
  maximize = () => undefined;
  setTitle = () => undefined;
  loadFile = (file: string) => {
    loaded = file;
    return Promise.resolve();
  };
  loadURL = (url: string) => {
    loaded = url;
    return Promise.resolve();
  };
  reload = () => undefined;
}

/** One-way messages from the page (its share of the native menu). */
const listeners = new Map<string, Fn>();
export const ipcMain = {
  handle: (channel: string, fn: Fn) => handlers.set(channel, fn),
  removeHandler: (channel: string) => handlers.delete(channel),
  on: (channel: string, fn: Fn) => listeners.set(channel, fn),
};
export const Menu = { buildFromTemplate: (t: unknown) => (menuTemplate = t), setApplicationMenu: () => undefined };
export const dialog = {
  showMessageBox: (options: unknown) => {
    console.error('unexpected dialog', options);
    return Promise.resolve({ response: 2 });
  },
  showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
  showSaveDialog: () => Promise.resolve({ canceled: true }),
};
export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };
export const shell = { openExternal: () => Promise.resolve(), showItemInFolder: () => undefined };
export const session = {
  defaultSession: {
    setPermissionRequestHandler: (fn: Fn) => (permissionRequest = fn),
    setPermissionCheckHandler: (fn: Fn) => (permissionCheck = fn),
    webRequest: { onHeadersReceived: (fn: Fn) => (headersReceived = fn) },
  },
};
/**
 * utilityProcess.fork: the engine runs for real, on a worker thread that is given the `process.parentPort`
 * a utility process has (messages arrive as `{ data }`).
 */
let forked: string | null = null;
const PARENT_PORT_SHIM = `
const { parentPort, workerData } = require('node:worker_threads');
process.parentPort = {
  on: (event, listener) => parentPort.on(event, (data) => listener({ data })),
  postMessage: (message) => parentPort.postMessage(message),
};
import(require('node:url').pathToFileURL(workerData).href);
`;
export const utilityProcess = {
  fork: (modulePath: string) => {
    // As Electron: a utility process can only be created once the app is ready.
    if (!appReady) throw new Error('utilityProcess cannot be created before app is ready');
    forked = modulePath;
    const worker = new Worker(PARENT_PORT_SHIM, { eval: true, workerData: modulePath });
    return {
      postMessage: (message: unknown) => worker.postMessage(message),
      on: (event: string, fn: Fn) => {
        if (event === 'message' || event === 'exit') worker.on(event, fn);
      },
      kill: () => void worker.terminate(),
    };
  },
};
export const contextBridge = { exposeInMainWorld: () => undefined };
export const ipcRenderer = { invoke: () => Promise.resolve(), on: () => undefined, removeListener: () => undefined };
export default { app, BrowserWindow, ipcMain, Menu, dialog, screen, shell, session, contextBridge, ipcRenderer, utilityProcess };

async function probe(): Promise<void> {
  const indexUrl = !loaded ? '' : /^https?:/.test(loaded) ? loaded : new URL(`file://${loaded}`).href;
  const navigate = (url: string) => {
    let prevented = false;
    webContentsListeners.get('will-navigate')?.({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  const own = { getURL: () => indexUrl };
  const foreign = { getURL: () => 'https://example.com/' };
  const request = (contents: unknown, name: string, details: unknown = {}) => new Promise((resolve) => permissionRequest?.(contents, name, resolve, details));
  const permission = await request(own, 'media');
  const permissions = {
    clipboardWriteOwn: await request(own, 'clipboard-sanitized-write'),
    clipboardWriteForeign: await request(foreign, 'clipboard-sanitized-write'),
    clipboardWriteForeignFrame: await request(own, 'clipboard-sanitized-write', { requestingUrl: 'https://example.com/frame' }),
    clipboardReadOwn: await request(own, 'clipboard-read'),
    checkClipboardWriteOwn: permissionCheck?.(own, 'clipboard-sanitized-write', 'file://', {}),
    checkClipboardWriteForeign: permissionCheck?.(foreign, 'clipboard-sanitized-write', 'https://example.com', {}),
  };
  let headers: unknown = null;
  headersReceived?.({ responseHeaders: { 'X-Test': ['1'] } }, (r: unknown) => (headers = r));
  const ipc = (url: string, parent: unknown = null) => handlers.get('waymark:maps.list')?.({ senderFrame: { url, parent } }, {});
  const report = {
    singleInstance,
    windowOptions,
    loaded,
    channels: [...handlers.keys()].sort(),
    windowOpen: ['https://example.com', 'file:///etc/passwd', 'javascript:alert(1)'].map((url) => windowOpenHandler?.({ url })),
    navigationPrevented: {
      foreign: navigate('https://example.com/'),
      otherFile: navigate('file:///etc/passwd'),
      own: navigate(indexUrl),
    },
    permissionGranted: permission,
    permissionCheck: permissionCheck?.(own, 'geolocation', 'file://', {}),
    permissions,
    headers,
    ipc: {
      trusted: await ipc(indexUrl),
      foreign: await ipc('https://example.com/'),
      subframe: await ipc(indexUrl, {}),
      noFrame: await handlers.get('waymark:maps.list')?.({ senderFrame: null }, {}),
    },
    menu: menuTemplate,
    workspaceCreated: fs.existsSync(`${userData}/workspace.waymark`),
    engine: forked,
    // A change made through IPC reaches the window as a pushed event.
    pushed: await (async () => {
      const [map] = ((await handlers.get('waymark:maps.list')?.({ senderFrame: { url: indexUrl, parent: null } }, {})) as { result?: { id: string }[] }).result ?? [];
      await handlers.get('waymark:maps.update')?.({ senderFrame: { url: indexUrl, parent: null } }, { id: map?.id ?? '', title: 'Pushed' }, { clientId: 'probe' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      return sent;
    })(),
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exit(0);
}
