/** The application menu, built from callbacks so its shape can be checked without Electron. */
import type { MenuItemConstructorOptions } from 'electron';
import type { PageMenuItem } from '../api/host.ts';

export interface MenuActions {
  newWorkspace: () => void;
  openWorkspace: () => void;
  openRecent: (file: string) => void;
  clearRecent: () => void;
  saveCopy: () => void;
  restoreBackup: () => void;
  showWorkspaceFolder: () => void;
  about: () => void;
}

export interface MenuOptions {
  /** Reload, force reload and the developer tools in the View menu: in development only (`!app.isPackaged`). */
  developerTools: boolean;
  /** Workspaces opened lately, newest first (full paths: the menu is the main process's own). */
  recent?: readonly string[];
}

/** "Journeys.waymark — /home/ana/Documents": the name first, then where it is. */
const recentLabel = (file: string): string => {
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return slash < 0 ? file : `${file.slice(slash + 1)} — ${file.slice(0, slash) || file.slice(0, 1)}`;
};

const DEVELOPER_ITEMS: MenuItemConstructorOptions[] = [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
const VIEW_ITEMS: MenuItemConstructorOptions[] = [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }];

/**
 * The page's own actions (from its table of actions) as menu items. Their keys stay with the page, which
 * knows when each applies (a text field keeps Ctrl+Z): the accelerator is shown, not registered.
 */
function pageItems(items: readonly PageMenuItem[], menu: PageMenuItem['menu'], runPageAction: (name: string) => void): MenuItemConstructorOptions[] {
  return items
    .filter((i) => i.menu === menu)
    .map((i) => ({ label: i.label, ...(i.accelerator ? { accelerator: i.accelerator, registerAccelerator: false } : {}), click: () => runPageAction(i.name) }));
}

export function buildMenuTemplate(
  platform: NodeJS.Platform,
  actions: MenuActions,
  options: MenuOptions,
  page: { items: readonly PageMenuItem[]; run: (name: string) => void } = { items: [], run: () => undefined },
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const recent = options.recent ?? [];
  // The page's exports and imports (its table of actions) sit under the workspace's own commands.
  const pageFile = pageItems(page.items, 'File', page.run);
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New Workspace…', accelerator: 'CmdOrCtrl+Shift+N', click: actions.newWorkspace },
      { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: actions.openWorkspace },
      {
        label: 'Open Recent',
        submenu: [
          ...recent.map((file): MenuItemConstructorOptions => ({ label: recentLabel(file), click: () => actions.openRecent(file) })),
          ...(recent.length > 0 ? [{ type: 'separator' } as const] : []),
          { label: 'Clear Recently Opened', enabled: recent.length > 0, click: actions.clearRecent },
        ],
      },
      { label: 'Save a Copy As…', accelerator: 'CmdOrCtrl+Shift+S', click: actions.saveCopy },
      { label: 'Restore from Backup…', click: actions.restoreBackup },
      { label: 'Show Workspace File', click: actions.showWorkspaceFolder },
      { type: 'separator' },
      ...(pageFile.length > 0 ? [...pageFile, { type: 'separator' } as const] : []),
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  // Undo and redo stay with the page: the map's own history handles Ctrl+Z when no text field has focus.
  const edit: MenuItemConstructorOptions = { role: 'editMenu' };
  // Written out rather than Electron's 'viewMenu' role, which always holds the developer tools.
  const pageView = pageItems(page.items, 'View', page.run);
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [...pageView, ...(pageView.length > 0 ? [{ type: 'separator' } as const] : []), ...(options.developerTools ? DEVELOPER_ITEMS : []), ...VIEW_ITEMS],
  };
  const pageMap = pageItems(page.items, 'Map', page.run);
  const map: MenuItemConstructorOptions[] = pageMap.length > 0 ? [{ label: '&Map', submenu: pageMap }] : [];
  const help: MenuItemConstructorOptions = { role: 'help', submenu: [...pageItems(page.items, 'Help', page.run), { label: 'About Waymark', click: actions.about }] };
  return [...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []), file, edit, ...map, view, { role: 'windowMenu' }, help];
}
