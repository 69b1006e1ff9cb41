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
      openRecent: (file: string) => void called.push(`openRecent ${file}`),
      clearRecent: record('clearRecent'),
      saveCopy: record('saveCopy'),
      restoreBackup: record('restoreBackup'),
      showWorkspaceFolder: record('showWorkspaceFolder'),
      about: record('about'),
    },
  };
}

const PRODUCTION = { developerTools: false };
const DEVELOPMENT = { developerTools: true };

/** Every role anywhere in the template, submenus included. */
function roles(template: MenuItemConstructorOptions[]): string[] {
  return template.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);
}
/** Electron's own roles that hold the developer tools: the items, and the default View menu that contains them. */
const DEVELOPER_ROLES = ['toggleDevTools', 'reload', 'forceReload', 'viewMenu'];

const items = (menu: MenuItemConstructorOptions | undefined) => (Array.isArray(menu?.submenu) ? menu.submenu : []);
const click = (item: MenuItemConstructorOptions | undefined) =>
  (item?.click as ((...args: unknown[]) => void) | undefined)?.({}, undefined, {});

describe('application menu', () => {
  it('on Windows and Linux: File, Edit, View, Window, Help, with the standard roles', () => {
    const { actions } = recording();
    const template = buildMenuTemplate('linux', actions, PRODUCTION);
    expect(template.map((m) => m.role ?? m.label)).toEqual(['&File', 'editMenu', '&View', 'windowMenu', 'help']);
    const file = items(template[0]);
    expect(file.map((i) => i.label ?? i.type ?? i.role)).toEqual(['New Workspace…', 'Open Workspace…', 'Open Recent', 'Save a Copy As…', 'Restore from Backup…', 'Show Workspace File', 'separator', 'quit']);
    expect(file.find((i) => i.label === 'Save a Copy As…')?.accelerator).toBe('CmdOrCtrl+Shift+S');
    // No recent workspaces yet: only a disabled Clear.
    expect(items(file.find((i) => i.label === 'Open Recent')).map((i) => [i.label, i.enabled])).toEqual([['Clear Recently Opened', false]]);
    expect(file.find((i) => i.label === 'New Workspace…')?.accelerator).toBe('CmdOrCtrl+Shift+N');
    expect(file.find((i) => i.label === 'Open Workspace…')?.accelerator).toBe('CmdOrCtrl+O');
  });

  it('on macOS: the app menu first, and Close instead of Quit in File (Quit lives in the app menu)', () => {
    const template = buildMenuTemplate('darwin', recording().actions, PRODUCTION);
    expect(template.map((m) => m.role ?? m.label)).toEqual(['appMenu', '&File', 'editMenu', '&View', 'windowMenu', 'help']);
    expect(items(template[1]).at(-1)?.role).toBe('close');
  });

  it('runs the command of each item', () => {
    const { actions, called } = recording();
    const template = buildMenuTemplate('win32', actions, PRODUCTION);
    for (const item of items(template[0])) click(item);
    click(items(template.find((m) => m.role === 'help')).find((i) => i.label === 'About Waymark'));
    expect(called).toEqual(['newWorkspace', 'openWorkspace', 'saveCopy', 'restoreBackup', 'showWorkspaceFolder', 'about']);
  });

  it('lists recent workspaces by name, then where they are, newest first; each opens, and Clear empties the list', () => {
    const { actions, called } = recording();
    const template = buildMenuTemplate('linux', actions, { ...PRODUCTION, recent: ['/home/ana/Documents/Journeys.waymark', '/srv/Team.waymark', 'C:\\Maps\\Old.waymark'] });
    const recent = items(items(template[0]).find((i) => i.label === 'Open Recent'));
    expect(recent.map((i) => i.label ?? i.type)).toEqual(['Journeys.waymark — /home/ana/Documents', 'Team.waymark — /srv', 'Old.waymark — C:\\Maps', 'separator', 'Clear Recently Opened']);
    expect(recent.at(-1)?.enabled).toBe(true);
    click(recent[1]);
    click(recent.at(-1));
    expect(called).toEqual(['openRecent /srv/Team.waymark', 'clearRecent']);
  });

  it('has no developer tools in the packaged app, on every platform; only zoom and full screen in View', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const template = buildMenuTemplate(platform, recording().actions, PRODUCTION);
      expect(roles(template).filter((r) => DEVELOPER_ROLES.includes(r)), platform).toEqual([]);
      const view = items(template.find((m) => m.label === '&View'));
      expect(view.map((i) => i.role ?? i.type)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'separator', 'togglefullscreen']);
    }
  });

  it('keeps reload and the developer tools in development', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const view = items(buildMenuTemplate(platform, recording().actions, DEVELOPMENT).find((m) => m.label === '&View'));
      expect(view.map((i) => i.role ?? i.type), platform).toEqual(['reload', 'forceReload', 'toggleDevTools', 'separator', 'resetZoom', 'zoomIn', 'zoomOut', 'separator', 'togglefullscreen']);
    }
  });

  it("shows the page's actions in a Map menu, the View menu and Help, with their keys shown but left to the page", () => {
    const { actions } = recording();
    const ran: string[] = [];
    const template = buildMenuTemplate('linux', actions, PRODUCTION, {
      items: [
        { name: 'stage.add', label: 'Add Stage', menu: 'Map' },
        { name: 'view.fit', label: 'Fit Map to Window', accelerator: 'Shift+1', menu: 'View' },
        { name: 'help.shortcuts', label: 'Keyboard Shortcuts', accelerator: '?', menu: 'Help' },
      ],
      run: (name) => ran.push(name),
    });
    expect(template.map((m) => m.role ?? m.label)).toEqual(['&File', 'editMenu', '&Map', '&View', 'windowMenu', 'help']);
    const map = items(template[2]);
    expect(map.map((i) => i.label)).toEqual(['Add Stage']);
    const view = items(template[3]);
    expect(view[0]).toMatchObject({ label: 'Fit Map to Window', accelerator: 'Shift+1', registerAccelerator: false });
    expect(view[1]?.type).toBe('separator');
    expect(roles([template[3] ?? {}])).toContain('resetZoom');
    expect(items(template[5]).map((i) => i.label)).toEqual(['Keyboard Shortcuts', 'About Waymark']);
    click(map[0]);
    click(view[0]);
    expect(ran).toEqual(['stage.add', 'view.fit']);
    // Without page items there is no empty Map menu.
    expect(buildMenuTemplate('linux', actions, PRODUCTION).map((m) => m.role ?? m.label)).not.toContain('&Map');
  });

  it("puts the page's exports and imports in File, under the workspace's commands, above Quit", () => {
    const ran: string[] = [];
    const template = buildMenuTemplate('linux', recording().actions, PRODUCTION, {
      items: [
        { name: 'export.workbook', label: 'Export to Excel…', menu: 'File' },
        { name: 'import.bundle', label: 'Import Map Bundle…', menu: 'File' },
      ],
      run: (name) => ran.push(name),
    });
    const file = items(template[0]);
    expect(file.map((i) => i.label ?? i.type ?? i.role)).toEqual([
      'New Workspace…',
      'Open Workspace…',
      'Open Recent',
      'Save a Copy As…',
      'Restore from Backup…',
      'Show Workspace File',
      'separator',
      'Export to Excel…',
      'Import Map Bundle…',
      'separator',
      'quit',
    ]);
    click(file[7]);
    expect(ran).toEqual(['export.workbook']);
  });
});
