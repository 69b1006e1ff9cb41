/**
 * Saving an export on the desktop: the main process asks where (a native dialog), writes the file whole
 * beside the target and renames it, and refuses untrusted pages and anything but a file name and bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { partialPathFor, writeFileAtomically } from '../../../electron/core/io/files.ts';
import { filtersFor, serveSave, type SaveHandlerOptions } from '../../../electron/main/saveFile.ts';
import type { SenderEvent } from '../../../electron/main/ipc.ts';
import { tempDir } from '../core/helpers.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const folder = () => {
  const d = tempDir('waymark-save-');
  dirs.push(d);
  return d;
};

type Handler = (event: SenderEvent, ...args: unknown[]) => unknown;
function fakeIpc() {
  const handlers = new Map<string, Handler>();
  return { handlers, ipc: { handle: (channel: string, h: Handler) => void handlers.set(channel, h), removeHandler: (channel: string) => void handlers.delete(channel) } };
}
const OWN: SenderEvent = { senderFrame: { url: 'file:///app/index.html' } };
const FOREIGN: SenderEvent = { senderFrame: { url: 'https://example.com/' } };

function serve(dir: string, chosen: { canceled: boolean; filePath?: string }, overrides: Partial<SaveHandlerOptions> = {}) {
  const { ipc, handlers } = fakeIpc();
  const asked: unknown[] = [];
  const stop = serveSave(ipc, {
    isTrustedSender: (e) => e.senderFrame?.url === 'file:///app/index.html',
    showSaveDialog: (_e, options) => {
      asked.push(options);
      return Promise.resolve(chosen);
    },
    defaultFolder: () => dir,
    ...overrides,
  });
  const save = handlers.get('waymark-host:save');
  if (!save) throw new Error('no save handler');
  return { save: (event: SenderEvent, request: unknown) => Promise.resolve(save(event, request)), asked, stop, handlers };
}

describe('saving an export on the desktop', () => {
  it('asks where in the documents folder with the kind of file first, writes it there whole, and says under what name', async () => {
    const dir = folder();
    const target = path.join(dir, 'Chosen name.xlsx');
    const { save, asked } = serve(dir, { canceled: false, filePath: target });
    const data = new Uint8Array([80, 75, 3, 4, 9, 9]);
    expect(await save(OWN, { name: 'Onboarding.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data })).toEqual({ saved: true, fileName: 'Chosen name.xlsx' });
    expect(asked).toEqual([{ defaultPath: path.join(dir, 'Onboarding.xlsx'), filters: [{ name: 'Excel workbook', extensions: ['xlsx'] }, { name: 'All files', extensions: ['*'] }] }]);
    expect([...fs.readFileSync(target)]).toEqual([...data]);
    expect(fs.readdirSync(dir)).toEqual(['Chosen name.xlsx']); // no partial file left beside it
  });

  it('writes nothing when the person cancels the dialog', async () => {
    const dir = folder();
    const { save } = serve(dir, { canceled: true });
    expect(await save(OWN, { name: 'Map.png', type: 'image/png', data: new Uint8Array([1]) })).toEqual({ saved: false });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses a page that is not our own, a path for a name, and anything but bytes — asking nothing', async () => {
    const dir = folder();
    const { save, asked } = serve(dir, { canceled: false, filePath: path.join(dir, 'x') });
    await expect(save(FOREIGN, { name: 'Map.png', type: 'image/png', data: new Uint8Array([1]) })).rejects.toThrow('This page is not allowed to save files.');
    await expect(save(OWN, { name: '../../etc/passwd', type: 'text/plain', data: new Uint8Array([1]) })).rejects.toThrow(/name must be a file name, not a path/);
    await expect(save(OWN, { name: 'a\\b.png', type: 'image/png', data: new Uint8Array([1]) })).rejects.toThrow(/not a path/);
    await expect(save(OWN, { name: 'a\u0001b.png', type: 'image/png', data: new Uint8Array([1]) })).rejects.toThrow(/not a path/);
    await expect(save(OWN, { name: 'Map.png', type: 'image/png', data: 'not bytes' })).rejects.toThrow(/data/);
    await expect(save(OWN, { name: 'Map.png', type: 'image/png', data: new Uint8Array([1]), path: '/tmp/x' })).rejects.toThrow(/cannot be saved/);
    await expect(save(OWN, null)).rejects.toThrow(/cannot be saved/);
    expect(asked).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('offers each kind of export its own filter', () => {
    expect(filtersFor('Map.waymark.json')[0]).toEqual({ name: 'Waymark map bundle', extensions: ['json'] });
    expect(filtersFor('Map.PNG')[0]).toEqual({ name: 'PNG image', extensions: ['png'] });
    expect(filtersFor('notes.txt')).toEqual([{ name: 'All files', extensions: ['*'] }]);
  });

  it('stops answering when stopped', () => {
    const { stop, handlers } = serve(folder(), { canceled: true });
    stop();
    expect(handlers.size).toBe(0);
  });
});

describe('writing a file whole', () => {
  it('replaces what was at the target only once every byte is written', () => {
    const dir = folder();
    const target = path.join(dir, 'map.xlsx');
    fs.writeFileSync(target, 'old');
    writeFileAtomically(target, new TextEncoder().encode('new content'));
    expect(fs.readFileSync(target, 'utf8')).toBe('new content');
    expect(fs.readdirSync(dir)).toEqual(['map.xlsx']);
  });

  it('leaves the old file and no partial one when writing fails', () => {
    const dir = folder();
    const target = path.join(dir, 'missing-folder', 'map.xlsx');
    // The error is the one that stopped the write (opening the partial file), not one from cleaning up.
    expect(() => writeFileAtomically(target, new Uint8Array([1]))).toThrow(expect.objectContaining({ code: 'ENOENT', syscall: 'open' }) as Error);
    const existing = path.join(dir, 'map.png');
    fs.writeFileSync(existing, 'old');
    fs.mkdirSync(path.join(dir, 'a-folder'));
    // Renaming a file over a folder fails: the partial file is removed, the folder stays.
    expect(() => writeFileAtomically(path.join(dir, 'a-folder'), new Uint8Array([1, 2]))).toThrow();
    expect(fs.readdirSync(dir).sort()).toEqual(['a-folder', 'map.png']);
    expect(fs.readFileSync(existing, 'utf8')).toBe('old');
  });

  it('closes every file it opened, whether the write succeeds or fails', () => {
    const dir = folder();
    const target = (fd: string) => {
      try {
        return fs.readlinkSync(`/proc/self/fd/${fd}`, { encoding: 'utf8' });
      } catch {
        return ''; // the listing's own descriptor, gone by now
      }
    };
    const openFds = () => fs.readdirSync('/proc/self/fd').filter((fd) => target(fd).startsWith(dir)).length;
    writeFileAtomically(path.join(dir, 'a.png'), new Uint8Array(1024));
    fs.mkdirSync(path.join(dir, 'b.png'));
    expect(() => writeFileAtomically(path.join(dir, 'b.png'), new Uint8Array(8))).toThrow();
    expect(openFds()).toBe(0);
    expect(fs.statSync(path.join(dir, 'a.png')).size).toBe(1024);
  });

  it('names the partial file beside the target, hidden and unique', () => {
    expect(partialPathFor('/home/ana/Map.xlsx', 'abc')).toBe('/home/ana/.Map.xlsx.abc.waymark-partial');
    expect(partialPathFor('/x/y.png')).not.toBe(partialPathFor('/x/y.png'));
  });
});
