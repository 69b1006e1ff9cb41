/** The application menu, built from callbacks so its shape can be checked without Electron. */
import type { MenuItemConstructorOptions } from 'electron';

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

export function buildMenuTemplate(platform: NodeJS.Platform, actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New Workspace…', accelerator: 'CmdOrCtrl+Shift+N', click: actions.newWorkspace },
      { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: actions.openWorkspace },
      { label: 'Restore from Backup…', click: actions.restoreBackup },
      { label: 'Show Workspace File', click: actions.showWorkspaceFolder },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  // Undo and redo stay with the page: the map's own history handles Ctrl+Z when no text field has focus.
  const edit: MenuItemConstructorOptions = { role: 'editMenu' };
  // Written out rather than Electron's 'viewMenu' role, which always holds the developer tools.
  const view: MenuItemConstructorOptions = { label: '&View', submenu: [...(options.developerTools ? DEVELOPER_ITEMS : []), ...VIEW_ITEMS] };
  const help: MenuItemConstructorOptions = { role: 'help', submenu: [{ label: 'About Waymark', click: actions.about }] };
  return [...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []), file, edit, view, { role: 'windowMenu' }, help];
}
