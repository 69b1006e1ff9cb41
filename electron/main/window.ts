/**
 * The main window and the session it runs in, set up along Electron's security checklist: isolated,
 * sandboxed, no Node, no navigation away from our page, no new windows, no permissions, a strict CSP.
 */
import { BrowserWindow, screen, type Session } from 'electron';
import { contentSecurityPolicyFor, grantsPermission, isOwnUrl } from './security.ts';
import { loadWindowState, MIN_WINDOW_SIZE, saveWindowState } from './windowState.ts';

/** Where the renderer comes from: the built file, or the dev server electron-vite started (`npm run dev`). */
export interface RendererSource {
  indexHtml: string;
  indexUrl: string;
  devUrl: string | undefined;
}

export interface MainWindowOptions {
  renderer: RendererSource;
  preload: string;
  /** userData/window-state.json */
  stateFile: string;
  /** The open workspace's file name, shown after the page's title. */
  workspaceName: () => string | null;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { renderer } = options;
  const state = loadWindowState(options.stateFile, screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'Waymark',
    backgroundColor: '#f4f6f9',
    // Electron's security checklist, written out in full so that reviewers and static scanners can see it.
    webPreferences: {
      preload: options.preload,
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
      // Chromium may download spellcheck dictionaries, and Waymark makes no network requests.
      spellcheck: false,
    },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('page-title-updated', (event, title) => {
    event.preventDefault();
    const name = options.workspaceName();
    win.setTitle(name ? `${title} — ${name}` : title);
  });
  win.on('close', () => {
    try {
      saveWindowState(options.stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (error) {
      console.error('waymark: could not remember the window size:', error); // not worth stopping the quit for
    }
  });
  const stayOnOurPage = (event: { preventDefault: () => void }, url: string) => {
    if (!isOwnUrl(url, renderer.indexUrl, renderer.devUrl)) event.preventDefault();
  };
  win.webContents.on('will-navigate', stayOnOurPage);
  win.webContents.on('will-redirect', stayOnOurPage);
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  if (renderer.devUrl) void win.loadURL(renderer.devUrl);
  else void win.loadFile(renderer.indexHtml);
  return win;
}

/**
 * No permission is granted but writing to the clipboard, to our own page (see grantsPermission); every
 * http(s) response gets our CSP (the page carries its own as well).
 */
export function hardenSession(ses: Session, renderer: Pick<RendererSource, 'indexUrl' | 'devUrl'>): void {
  const grants = (permission: string, url: string | undefined) => grantsPermission(permission, url, renderer.indexUrl, renderer.devUrl);
  ses.setPermissionRequestHandler((contents, permission, callback, details) => callback(grants(permission, details.requestingUrl || contents.getURL())));
  ses.setPermissionCheckHandler((contents, permission, _origin, details) => grants(permission, details.requestingUrl || contents?.getURL()));
  const devUrl = renderer.devUrl;
  ses.webRequest.onHeadersReceived((details, callback) => {
    const policy = contentSecurityPolicyFor(details.url, devUrl);
    if (!policy) return callback({});
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
}
