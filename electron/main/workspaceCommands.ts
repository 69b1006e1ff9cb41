/**
 * The File menu's workspace commands, with native dialogs: new, open, restore a backup, and what to do when a
 * workspace cannot be opened (say why, change nothing, offer another file or a copy of a backup). The
 * renderer never sees a path: every path here comes from the person, through a dialog.
 */
import path from 'node:path';
import { app, dialog, shell, type BrowserWindow, type MessageBoxOptions, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { WaymarkError } from '../api/errors.ts';
import { defaultBackupsDir } from '../core/index.ts';
import type { MenuActions } from './menu.ts';
import type { RecentList } from './recentWorkspaces.ts';
import type { OpenRequest, SessionApi } from '../core/index.ts';

const FILTERS = [{ name: 'Waymark workspace', extensions: ['waymark'] }];
const EXTENSION = '.waymark';

export interface CommandContext {
  session: SessionApi;
  window: () => BrowserWindow | null;
  /** After the open workspace changed: reload the page so it shows the new one. */
  afterSwitch: () => void;
  /** The workspaces opened lately (File › Open Recent, the map list), and what to do when it changes. */
  recent?: RecentList;
  onRecentChanged?: () => void;
}

export interface WorkspaceCommands extends MenuActions {
  /** Open `file`; on failure explain why and offer the ways out. Resolves whether a workspace was opened. */
  openOrExplain: (file: string, request?: OpenRequest) => Promise<boolean>;
  /** Open a recent workspace and show it (the map list's way in); resolves whether it was opened. */
  openRecentFile: (file: string) => Promise<boolean>;
}

/** Words for a person. Core's errors already are; anything else (a disk error, say) keeps its own message. */
function messageOf(error: unknown): string {
  if (error instanceof WaymarkError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

const withExtension = (file: string) => (path.extname(file) ? file : `${file}${EXTENSION}`);

export function workspaceCommands(ctx: CommandContext): WorkspaceCommands {
  const { session } = ctx;
  // Dialogs are sheets of the window when there is one.
  const messageBox = (options: MessageBoxOptions) => {
    const win = ctx.window();
    return win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options);
  };
  const openDialog = (options: OpenDialogOptions) => {
    const win = ctx.window();
    return win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options);
  };
  const saveDialog = (options: SaveDialogOptions) => {
    const win = ctx.window();
    return win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options);
  };
  const showError = async (message: string, error: unknown) => {
    await messageBox({ type: 'error', message, detail: messageOf(error) });
  };
  /** The workspace now open goes first among the recent ones. */
  const rememberOpen = () => {
    if (!session.path || !ctx.recent) return;
    try {
      ctx.recent.remember(session.path);
      ctx.onRecentChanged?.();
    } catch (error) {
      console.error('waymark: could not keep the list of recent workspaces:', error); // the open itself went well
    }
  };

  async function pickAndOpen(): Promise<boolean> {
    const result = await openDialog({ title: 'Open Workspace', filters: FILTERS, properties: ['openFile'] });
    const file = result.filePaths[0];
    if (result.canceled || !file) return false;
    return openOrExplain(file);
  }

  /** A workspace that cannot be opened: pick one of its backups, save a copy of it under a new name, open the copy. */
  async function openBackupCopy(brokenFile: string): Promise<boolean> {
    const picked = await openDialog({ title: 'Choose a Backup', defaultPath: defaultBackupsDir(brokenFile), filters: FILTERS, properties: ['openFile'] });
    const backup = picked.filePaths[0];
    if (picked.canceled || !backup) return false;
    const base = path.basename(brokenFile, path.extname(brokenFile));
    const saved = await saveDialog({
      title: 'Save the Restored Workspace As',
      defaultPath: path.join(path.dirname(brokenFile), `${base} (restored)${EXTENSION}`),
      filters: FILTERS,
      properties: ['createDirectory'],
    });
    if (saved.canceled || !saved.filePath) return false;
    try {
      await session.openBackupCopy(backup, withExtension(saved.filePath));
      rememberOpen();
      return true;
    } catch (error) {
      await showError('Waymark could not restore this backup', error);
      return false;
    }
  }

  async function openOrExplain(file: string, request: OpenRequest = {}): Promise<boolean> {
    try {
      await session.open(file, request);
      rememberOpen();
      return true;
    } catch (error) {
      const { response } = await messageBox({
        type: 'error',
        message: `Waymark could not open “${path.basename(file)}”`,
        detail: `${messageOf(error)}\n\nThe file was not changed. You can open another workspace, or start again from a copy of one of this workspace's backups.`,
        buttons: ['Open Another…', 'Restore a Backup…', session.isOpen ? 'Cancel' : 'Quit'],
        defaultId: 0,
        cancelId: 2,
        noLink: true,
      });
      if (response === 0) return pickAndOpen();
      if (response === 1) return openBackupCopy(file);
      return false;
    }
  }

  async function newWorkspace(): Promise<void> {
    const result = await saveDialog({
      title: 'New Workspace',
      defaultPath: path.join(app.getPath('documents'), `Journeys${EXTENSION}`),
      filters: FILTERS,
      properties: ['createDirectory'],
    });
    if (result.canceled || !result.filePath) return;
    try {
      await session.open(withExtension(result.filePath), { mustBeNew: true });
      rememberOpen();
      ctx.afterSwitch();
    } catch (error) {
      await showError('Waymark could not create this workspace', error);
    }
  }

  /** File › Save a Copy As…: a copy under a new name, beside the workspace by default; the original stays open. */
  async function saveCopy(): Promise<void> {
    const current = session.path;
    if (!current) return;
    const base = path.basename(current, path.extname(current));
    const result = await saveDialog({
      title: 'Save a Copy of the Workspace',
      defaultPath: path.join(path.dirname(current), `${base} copy${EXTENSION}`),
      filters: FILTERS,
      properties: ['createDirectory'],
    });
    if (result.canceled || !result.filePath) return;
    try {
      await session.saveCopy(withExtension(result.filePath));
    } catch (error) {
      await showError('Waymark could not save the copy', error);
    }
  }

  async function openRecentFile(file: string): Promise<boolean> {
    if (file === session.path) return true;
    const opened = await openOrExplain(file);
    if (opened) ctx.afterSwitch();
    return opened;
  }

  async function restoreBackup(): Promise<void> {
    try {
      const backups = await session.call('workspace.backups', {});
      if (backups.length === 0) {
        await messageBox({ type: 'info', message: 'There are no backups of this workspace yet.' });
        return;
      }
      const choices = backups.slice(0, 8);
      const { response } = await messageBox({
        type: 'question',
        message: 'Restore which backup?',
        detail: 'The workspace is replaced by the backup you choose. Its current state is backed up first, so you can come back to it.',
        buttons: [...choices.map((b) => `${new Date(b.createdAt).toLocaleString()} (${b.reason})`), 'Cancel'],
        cancelId: choices.length,
        noLink: true,
      });
      const chosen = choices[response];
      if (!chosen) return;
      await session.call('workspace.restore', { id: chosen.id });
      ctx.afterSwitch();
    } catch (error) {
      await showError('Waymark could not restore the backup', error);
    }
  }

  return {
    openOrExplain,
    openRecentFile,
    openRecent: (file) => void openRecentFile(file),
    clearRecent: () => {
      ctx.recent?.clear();
      ctx.onRecentChanged?.();
    },
    saveCopy: () => void saveCopy(),
    newWorkspace: () => void newWorkspace(),
    openWorkspace: () =>
      void pickAndOpen().then((opened) => {
        if (opened) ctx.afterSwitch();
      }),
    restoreBackup: () => void restoreBackup(),
    showWorkspaceFolder: () => {
      if (session.path) shell.showItemInFolder(session.path);
    },
    about: () =>
      void messageBox({
        type: 'info',
        message: `Waymark ${app.getVersion()}`,
        detail: 'Customer-journey mapping that works offline: a swimlane canvas backed by interview evidence, stored in a local workspace file.',
      }),
  };
}
