/**
 * The workspaces a person opened lately, for File › Open Recent and the map list: newest first, each once,
 * at most MAX_RECENT, only files that still exist. Kept in a small JSON file in the app's data folder,
 * written whole (a partial file, then renamed). No value imports from 'electron', so it is tested in Node.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { writeFileAtomically } from '../core/io/files.ts';

export const MAX_RECENT = 10;

import { HOST_OPEN_RECENT_CHANNEL, HOST_RECENT_CHANNEL, type RecentWorkspace } from '../api/host.ts';
import type { IpcMainLike, SenderEvent } from './ipc.ts';

export interface RecentList {
  /** Newest first; files that are gone are left out. */
  files(): string[];
  /** Put `file` first (it was just opened). */
  remember(file: string): void;
  clear(): void;
}

export function recentWorkspaces(listFile: string, exists: (file: string) => boolean = (f) => fs.existsSync(f)): RecentList {
  const read = (): string[] => {
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(listFile, 'utf8'));
      const files = typeof parsed === 'object' && parsed !== null ? (parsed as { files?: unknown }).files : undefined;
      return Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string' && path.isAbsolute(f)) : [];
    } catch {
      return []; // no list yet, or one that cannot be read: start a new one
    }
  };
  const write = (files: string[]) => writeFileAtomically(listFile, new TextEncoder().encode(`${JSON.stringify({ version: 1, files }, null, 2)}\n`));
  return {
    files: () => read().filter((f) => exists(f)).slice(0, MAX_RECENT),
    remember: (file) => {
      const resolved = path.resolve(file);
      write([resolved, ...read().filter((f) => f !== resolved && exists(f))].slice(0, MAX_RECENT));
    },
    clear: () => write([]),
  };
}

/** A key for a recent file that says nothing of its path. */
export const recentKey = (file: string): string => createHash('sha256').update(path.resolve(file)).digest('base64url').slice(0, 16);

/** Where a file is, as a person reads it: the home folder as ~. */
export function shortFolder(file: string, home = os.homedir()): string {
  const folder = path.dirname(file);
  return folder === home ? '~' : folder.startsWith(home + path.sep) ? `~${folder.slice(home.length)}` : folder;
}

/** The recent workspaces other than the open one, as the page sees them. */
export function recentForPage(files: readonly string[], open: string | null, home?: string): RecentWorkspace[] {
  return files.filter((f) => f !== open).map((f) => ({ key: recentKey(f), name: path.basename(f), folder: shortFolder(f, home) }));
}

export interface RecentIpcOptions {
  isTrustedSender: (event: SenderEvent) => boolean;
  recent: RecentList;
  /** The workspace open now (left out of the page's list). */
  openPath: () => string | null;
  /** Open a recent workspace and show it; resolves whether it was opened. */
  open: (file: string) => Promise<boolean>;
}

/** Answer the page's questions about recent workspaces: which there are (names only), and open one by its key. */
export function serveRecent(ipcMain: IpcMainLike, options: RecentIpcOptions): () => void {
  ipcMain.handle(HOST_RECENT_CHANNEL, (event): Promise<RecentWorkspace[]> => {
    if (!options.isTrustedSender(event)) return Promise.reject(new Error('This page is not allowed to list workspaces.'));
    return Promise.resolve(recentForPage(options.recent.files(), options.openPath()));
  });
  ipcMain.handle(HOST_OPEN_RECENT_CHANNEL, async (event, key): Promise<boolean> => {
    if (!options.isTrustedSender(event)) throw new Error('This page is not allowed to open workspaces.');
    const file = typeof key === 'string' ? options.recent.files().find((f) => recentKey(f) === key) : undefined;
    return file === undefined ? false : options.open(file);
  });
  return () => {
    ipcMain.removeHandler(HOST_RECENT_CHANNEL);
    ipcMain.removeHandler(HOST_OPEN_RECENT_CHANNEL);
  };
}
