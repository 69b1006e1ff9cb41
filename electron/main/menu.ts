/** The application menu, built from callbacks so its shape can be checked without Electron. */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  newWorkspace: () => void;
  openWorkspace: () => void;
  restoreBackup: () => void;
  showWorkspaceFolder: () => void;
  about: () => void;
}

export function buildMenuTemplate(platform: NodeJS.Platform, actions: MenuActions): MenuItemConstructorOptions[] {
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
  const help: MenuItemConstructorOptions = { role: 'help', submenu: [{ label: 'About Waymark', click: actions.about }] };
  return [...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []), file, edit, { role: 'viewMenu' }, { role: 'windowMenu' }, help];
}
