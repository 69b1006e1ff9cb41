/**
 * The desktop host against Electron's security checklist, read from the code that really runs: the built
 * main bundle (out/main/index.js) is started in plain Node with a recording stand-in for 'electron', and
 * every window option and session handler it registers is checked. Also the preload and the page's CSP.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../../electron/api/csp.ts';
import { OPERATION_NAMES } from '../../../electron/api/contract.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const MAIN = path.join(ROOT, 'out/main/index.js');

interface Report {
  singleInstance: boolean;
  windowOptions: { webPreferences: Record<string, unknown> } & Record<string, unknown>;
  loaded: string;
  channels: string[];
  windowOpen: { action: string }[];
  navigationPrevented: { foreign: boolean; otherFile: boolean; own: boolean };
  permissionGranted: boolean;
  permissionCheck: boolean;
  permissions: Record<string, boolean>;
  headers: { responseHeaders: Record<string, string[]> };
  ipc: Record<'trusted' | 'foreign' | 'subframe' | 'noFrame', { ok: boolean; error?: { code: string }; result?: unknown[] }>;
  menu: { label?: string; role?: string; submenu?: { label?: string; accelerator?: string; role?: string }[] }[];
  workspaceCreated: boolean;
  engine: string | null;
  pushed: string[];
}

const DEV_SERVER = 'http://localhost:5173/';
const DEVELOPER_ROLES = ['toggleDevTools', 'reload', 'forceReload', 'viewMenu'];

type MenuItem = Report['menu'][number];
/** Every role anywhere in the menu, submenus included. */
const roles = (menu: MenuItem[]): string[] => menu.flatMap((m) => [...(m.role ? [m.role] : []), ...(m.submenu ? roles(m.submenu) : [])]);

/** Start the built host; `packaged` as app.isPackaged, and ELECTRON_RENDERER_URL as the environment has it. */
function runDesktopHost(options: { packaged: boolean; rendererUrl: string }): Report {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does).`);
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-desktop-'));
  try {
    const run = spawnSync(process.execPath, ['--import', './tests/unit/security/electron-standin/register.ts', MAIN], {
      cwd: ROOT,
      env: { ...process.env, WAYMARK_TEST_USER_DATA: userData, WAYMARK_TEST_PACKAGED: options.packaged ? '1' : '0', ELECTRON_RENDERER_URL: options.rendererUrl },
      encoding: 'utf8',
      timeout: 30_000,
    });
    const line = run.stdout.trim().split('\n').at(-1) ?? '';
    if (run.status !== 0 || !line.startsWith('{')) throw new Error(`desktop host did not report (status ${run.status}):\n${run.stderr}`);
    return JSON.parse(line) as Report;
  } finally {
    fs.rmSync(userData, { recursive: true, force: true });
  }
}

describe('desktop host security (built main bundle, packaged)', () => {
  // A packaged app started with a dev server's URL in its environment: it must not follow it.
  const report = runDesktopHost({ packaged: true, rendererUrl: DEV_SERVER });

  it('creates its window with context isolation, a sandbox, no Node and web security on', () => {
    const prefs = report.windowOptions.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false, // Chromium would download dictionaries; Waymark makes no network requests
    });
    expect(String(prefs.preload)).toMatch(/out\/preload\/index\.cjs$/);
    expect(report.loaded).toMatch(/out\/renderer\/index\.html$/);
    expect(report.singleInstance).toBe(true);
  });

  it('denies new windows, foreign navigation and every permission request but the clipboard write of its own page', () => {
    expect(report.windowOpen).toEqual([{ action: 'deny' }, { action: 'deny' }, { action: 'deny' }]);
    expect(report.navigationPrevented).toEqual({ foreign: true, otherFile: true, own: false });
    expect(report.permissionGranted).toBe(false);
    expect(report.permissionCheck).toBe(false);
    // The one exception: our own page may write a picture to the clipboard (Copy the view), no other page.
    expect(report.permissions).toEqual({
      clipboardWriteOwn: true,
      clipboardWriteForeign: false,
      clipboardWriteForeignFrame: false,
      clipboardReadOwn: false,
      checkClipboardWriteOwn: true,
      checkClipboardWriteForeign: false,
    });
  });

  it('sets a strict CSP on every response', () => {
    const csp = report.headers.responseHeaders['Content-Security-Policy']?.[0] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("style-src 'self';");
    expect(csp).not.toContain('unsafe');
    expect(report.headers.responseHeaders['X-Test']).toEqual(['1']);
  });

  it('serves exactly the contract over IPC and the host save dialog, only to its own main frame', () => {
    expect(report.channels).toEqual([...OPERATION_NAMES.map((n) => `waymark:${n}`), 'waymark-host:open-recent', 'waymark-host:recent', 'waymark-host:save'].sort());
    expect(report.ipc.trusted.ok).toBe(true);
    expect(report.ipc.trusted.result).toHaveLength(1); // the sample map of the new default workspace
    for (const untrusted of [report.ipc.foreign, report.ipc.subframe, report.ipc.noFrame]) {
      expect(untrusted.ok).toBe(false);
      expect(untrusted.error?.code).toBe('Unauthorized');
      expect(untrusted.result).toBeUndefined();
    }
    expect(report.workspaceCreated).toBe(true);
  });

  it('runs the workspace engine in a utility process, relays to it, and pushes every commit to the windows', () => {
    expect(report.engine).toMatch(/out\/main\/engine\.js$/);
    expect(report.pushed).toEqual(['waymark-host:event']);
  });

  it('has a native menu with the standard roles and workspace commands', () => {
    const file = report.menu.find((m) => m.label === '&File');
    expect(file?.submenu?.map((i) => i.label ?? i.role)).toEqual(['New Workspace…', 'Open Workspace…', 'Open Recent', 'Save a Copy As…', 'Restore from Backup…', 'Show Workspace File', undefined, 'quit']);
    expect(file?.submenu?.find((i) => i.label === 'Open Workspace…')?.accelerator).toBe('CmdOrCtrl+O');
    expect(report.menu.map((m) => m.role).filter(Boolean)).toEqual(['editMenu', 'windowMenu', 'help']);
  });

  it('loads its own built file even when ELECTRON_RENDERER_URL is set, and its menu has no developer tools', () => {
    expect(report.loaded).toMatch(/out\/renderer\/index\.html$/);
    expect(report.loaded).not.toContain('localhost');
    expect(report.ipc.trusted.ok).toBe(true);
    expect(roles(report.menu).filter((r) => DEVELOPER_ROLES.includes(r))).toEqual([]);
    expect(report.menu.find((m) => m.label === '&View')?.submenu?.map((i) => i.role).filter(Boolean)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
  });
});

describe('desktop host in development (built main bundle, not packaged)', () => {
  const report = runDesktopHost({ packaged: false, rendererUrl: DEV_SERVER });

  it('loads the dev server electron-vite started, and keeps reload and the developer tools in the menu', () => {
    expect(report.loaded).toBe(DEV_SERVER);
    expect(roles(report.menu)).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
    expect(report.windowOptions.webPreferences.spellcheck).toBe(false);
  });
});

describe('renderer page and preload', () => {
  it('the built page carries the one strict CSP of its own (for file:// loads)', () => {
    const html = fs.readFileSync(path.join(ROOT, 'out/renderer/index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toBe(META_CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY.startsWith(csp)).toBe(true); // the header is the same policy, plus frame-ancestors
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe');
  });

  it('the built preload requires nothing but electron and exposes the contract and the host capabilities', () => {
    const preload = fs.readFileSync(path.join(ROOT, 'out/preload/index.cjs'), 'utf8');
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect([...preload.matchAll(/exposeInMainWorld\(/g)]).toHaveLength(2);
    // What is exposed is the bridge built from the contract and the host's own small channel, never ipcRenderer itself.
    expect(preload).toMatch(/exposeInMainWorld\("waymark", createBridge\([\w.]*ipcRenderer\)\)/);
    expect(preload).toMatch(/exposeInMainWorld\("waymarkHost", createHostBridge\([\w.]*ipcRenderer\)\)/);
  });
});
