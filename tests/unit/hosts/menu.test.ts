/** The native application menu, built from callbacks: its shape per platform, and that each item runs its command. */
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, type MenuActions } from '../../../electron/main/menu.ts';

function recording(): { actions: MenuActions; called: string[] } {
  const called: string[] = [];
  const record = (name: string) => () => void called.push(name);
  return {
    called,
    actions: {
      newWorkspace: record('newWorkspace'),
      openWorkspace: record('openWorkspace'),
      restoreBackup: record('restoreBackup'),
      showWorkspaceFolder: record('showWorkspaceFolder'),
      about: record('about'),
    },
  };
}

const items = (menu: MenuItemConstructorOptions | undefined) => (Array.isArray(menu?.submenu) ? menu.submenu : []);
const click = (item: MenuItemConstructorOptions | undefined) =>
  (item?.click as ((...args: unknown[]) => void) | undefined)?.({}, undefined, {});

describe('application menu', () => {
  it('on Windows and Linux: File, Edit, View, Window, Help, with the standard roles', () => {
    const { actions } = recording();
    const template = buildMenuTemplate('linux', actions);
    expect(template.map((m) => m.role ?? m.label)).toEqual(['&File', 'editMenu', 'viewMenu', 'windowMenu', 'help']);
    const file = items(template[0]);
    expect(file.map((i) => i.label ?? i.type ?? i.role)).toEqual(['New Workspace…', 'Open Workspace…', 'Restore from Backup…', 'Show Workspace File', 'separator', 'quit']);
    expect(file.find((i) => i.label === 'New Workspace…')?.accelerator).toBe('CmdOrCtrl+Shift+N');
    expect(file.find((i) => i.label === 'Open Workspace…')?.accelerator).toBe('CmdOrCtrl+O');
  });

  it('on macOS: the app menu first, and Close instead of Quit in File (Quit lives in the app menu)', () => {
    const template = buildMenuTemplate('darwin', recording().actions);
    expect(template.map((m) => m.role ?? m.label)).toEqual(['appMenu', '&File', 'editMenu', 'viewMenu', 'windowMenu', 'help']);
    expect(items(template[1]).at(-1)?.role).toBe('close');
  });

  it('runs the command of each item', () => {
    const { actions, called } = recording();
    const template = buildMenuTemplate('win32', actions);
    for (const item of items(template[0])) click(item);
    click(items(template.find((m) => m.role === 'help')).find((i) => i.label === 'About Waymark'));
    expect(called).toEqual(['newWorkspace', 'openWorkspace', 'restoreBackup', 'showWorkspaceFolder', 'about']);
  });
});
