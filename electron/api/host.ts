/**
 * Host capabilities: what only a host can do, kept apart from the contract (DESIGN rule 8) and typed on its
 * own. No operation of the contract ever takes a file path; what needs the person's files or a push from the
 * host goes through here: the push of committed changes, the native menu's share of the page's actions, and
 * saving an exported file (a native save dialog on the desktop; in a browser, a download). Files to import
 * are chosen with the page's own file input, which is the native open dialog on the desktop too.
 */
import { z } from 'zod';
import type { WorkspaceEvent } from './types.ts';

/** Which client made a call: lets each client skip the events of its own calls. */
export interface CallMeta {
  clientId?: string;
}

export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** A client id from outside, or undefined when it is missing or malformed (then the call has no client). */
export function clientIdOf(value: unknown): string | undefined {
  return typeof value === 'string' && CLIENT_ID_PATTERN.test(value) ? value : undefined;
}

/** Desktop: the IPC channel on which the main process pushes every WorkspaceEvent to each window. */
export const HOST_EVENT_CHANNEL = 'waymark-host:event';

/** Browser host: a server-sent-event stream of WorkspaceEvents (GET, with the token like every API call). */
export const HOST_EVENTS_PATH = '/host/events';

/** Browser host: a copy of the workspace as a download (GET, with the token like every API call). */
export const HOST_WORKSPACE_COPY_PATH = '/host/workspace-copy';

/** Browser host: the request header that names the calling client. */
export const CLIENT_HEADER = 'x-waymark-client';

/** Desktop: the page tells the main process which of its actions the native menu shows (renderer → main). */
export const HOST_MENU_CHANNEL = 'waymark-host:menu';

/** Desktop: the main process asks the page to run one of those actions, picked in the menu (main → renderer). */
export const HOST_ACTION_CHANNEL = 'waymark-host:action';

/** An action of the page's table of actions, as the native menu shows it. */
export const pageMenuItemSchema = z
  .object({
    name: z.string().regex(/^[a-z][A-Za-z.]{0,63}$/),
    label: z.string().min(1).max(80),
    /** In Electron's accelerator syntax; shown beside the item (the page itself handles the key). */
    accelerator: z.string().max(40).optional(),
    menu: z.enum(['File', 'Map', 'View', 'Help']),
  })
  .strict();
export const pageMenuSchema = z.array(pageMenuItemSchema).max(100);
export type PageMenuItem = z.infer<typeof pageMenuItemSchema>;

/** Desktop: the page asks the main process to save a file the person names in a native dialog (renderer → main). */
export const HOST_SAVE_CHANNEL = 'waymark-host:save';

/** The largest file the page may hand over to be saved (a PNG of a big map at 3×). */
export const SAVE_MAX_BYTES = 1024 * 1024 * 1024;

/** A file to save: the name to offer (never a path), its media type, its bytes. */
export const saveRequestSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(255)
      .refine((n) => !/[\\/]/.test(n) && !Array.from({ length: n.length }, (_, i) => n.charCodeAt(i)).some((c) => c < 32) && n !== '.' && n !== '..', 'must be a file name, not a path'),
    type: z.string().max(100),
    data: z.instanceof(Uint8Array).refine((d) => d.byteLength <= SAVE_MAX_BYTES, `must be at most ${SAVE_MAX_BYTES / 1024 / 1024} MB`),
  })
  .strict();
export type SaveRequest = z.infer<typeof saveRequestSchema>;

/** What became of a save: written (under this file name), or the person cancelled the dialog. */
export type SaveResult = { saved: true; fileName: string } | { saved: false };

/** Desktop: the page asks for the workspaces opened lately (renderer → main), and to open one of them. */
export const HOST_RECENT_CHANNEL = 'waymark-host:recent';
export const HOST_OPEN_RECENT_CHANNEL = 'waymark-host:open-recent';

/** A recent workspace as the page sees it: its file's name, where it is (shortened), and a key to open it by. */
export interface RecentWorkspace {
  key: string;
  name: string;
  folder: string;
}

/** What the desktop preload puts on `window.waymarkHost`. */
export interface WaymarkHostBridge {
  /** Called with every committed change of the workspace; returns the function that stops it. */
  onEvent(listener: (event: WorkspaceEvent) => void): () => void;
  /** Show these of the page's actions in the native menu. */
  setMenu(items: PageMenuItem[]): void;
  /** Called with an action's name when the person picks it in the native menu; returns the function that stops it. */
  onAction(listener: (name: string) => void): () => void;
  /** Save a file where the person chooses in a native dialog; written beside it first, then renamed. */
  saveFile(file: SaveRequest): Promise<SaveResult>;
  /** The other workspaces opened lately, newest first. */
  recentWorkspaces(): Promise<RecentWorkspace[]>;
  /** Open one of them (the page reloads on it); false when it could not be opened (the host said why). */
  openRecentWorkspace(key: string): Promise<boolean>;
}
