/** The application menu, built from callbacks so its shape can be checked without Electron. */
import type { MenuItemConstructorOptions } from 'electron';
import type { PageMenuItem } from '../api/host.ts';

export interface MenuActions {
  newWorkspace: () => void;
  openWorkspace: () => void;
  restoreBackup: () => void;
  showWorkspaceFolder: () => void;
  about: () => void;
}

export interface MenuOptions {
  /** Reload, force reload and the developer tools in the View menu: in development only (`!app.isPackaged`). */
  developerTools: boolean;
}

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
  // The page's exports and imports (its table of actions) sit under the workspace's own commands.
  const pageFile = pageItems(page.items, 'File', page.run);
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New Workspace…', accelerator: 'CmdOrCtrl+Shift+N', click: actions.newWorkspace },
      { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: actions.openWorkspace },
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
