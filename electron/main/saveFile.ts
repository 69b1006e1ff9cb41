/**
 * Saving an exported file on the desktop: the page hands over a name and the bytes; the main process asks
 * the person where, in a native save dialog, and writes the file there whole (a partial file beside it, then
 * renamed). The page never sees or chooses a path (DESIGN rule 3). No value imports from 'electron', so it
 * is tested in plain Node.
 */
import path from 'node:path';
import { HOST_SAVE_CHANNEL, saveRequestSchema, type SaveResult } from '../api/host.ts';
import { writeFileAtomically } from '../core/io/files.ts';
import type { IpcMainLike, SenderEvent } from './ipc.ts';

/** The part of Electron's dialog.showSaveDialog the host uses (bound to the window by the caller). */
export type ShowSaveDialog = (options: { defaultPath: string; filters: { name: string; extensions: string[] }[] }) => Promise<{ canceled: boolean; filePath?: string }>;

/** What the save dialog offers for a file of this name: its own kind first, then any file. */
export function filtersFor(name: string): { name: string; extensions: string[] }[] {
  const lower = name.toLowerCase();
  const kinds: [string, string, string][] = [
    ['.waymark.json', 'Waymark map bundle', 'json'],
    ['.xlsx', 'Excel workbook', 'xlsx'],
    ['.png', 'PNG image', 'png'],
  ];
  const kind = kinds.find(([ending]) => lower.endsWith(ending));
  return [...(kind ? [{ name: kind[1], extensions: [kind[2]] }] : []), { name: 'All files', extensions: ['*'] }];
}

export interface SaveHandlerOptions {
  isTrustedSender: (event: SenderEvent) => boolean;
  showSaveDialog: (event: SenderEvent, options: Parameters<ShowSaveDialog>[0]) => ReturnType<ShowSaveDialog>;
  /** Where the dialog opens: the person's documents folder. */
  defaultFolder: () => string;
  write?: (target: string, data: Uint8Array) => void;
}

/** Answer the page's save requests; returns the function that stops. Refusals are thrown as plain errors with a message. */
export function serveSave(ipcMain: IpcMainLike, options: SaveHandlerOptions): () => void {
  const write = options.write ?? writeFileAtomically;
  ipcMain.handle(HOST_SAVE_CHANNEL, async (event, request): Promise<SaveResult> => {
    if (!options.isTrustedSender(event)) throw new Error('This page is not allowed to save files.');
    const parsed = saveRequestSchema.safeParse(request);
    if (!parsed.success) throw new Error(`The file cannot be saved: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'file'} ${i.message}`).join('; ')}.`);
    const { name, data } = parsed.data;
    const chosen = await options.showSaveDialog(event, { defaultPath: path.join(options.defaultFolder(), name), filters: filtersFor(name) });
    if (chosen.canceled || !chosen.filePath) return { saved: false };
    write(chosen.filePath, data);
    return { saved: true, fileName: path.basename(chosen.filePath) };
  });
  return () => ipcMain.removeHandler(HOST_SAVE_CHANNEL);
}
