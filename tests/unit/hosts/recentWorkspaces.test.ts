/** The desktop's recent workspaces: newest first, each once, at most ten, only files that exist, kept whole. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_RECENT, recentForPage, recentKey, recentWorkspaces, serveRecent, shortFolder } from '../../../electron/main/recentWorkspaces.ts';
import type { SenderEvent } from '../../../electron/main/ipc.ts';
import { tempDir } from '../core/helpers.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function setup() {
  const dir = tempDir('waymark-recent-');
  dirs.push(dir);
  const file = (name: string) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, '');
    return f;
  };
  return { dir, file, list: recentWorkspaces(path.join(dir, 'recent-workspaces.json')) };
}

describe('recent workspaces', () => {
  it('keeps them newest first, each once, and forgets files that are gone', () => {
    const { file, list } = setup();
    const [a, b, c] = [file('a.waymark'), file('b.waymark'), file('c.waymark')];
    expect(list.files()).toEqual([]);
    list.remember(a);
    list.remember(b);
    list.remember(c);
    list.remember(a);
    expect(list.files()).toEqual([a, c, b]);
    fs.rmSync(c);
    expect(list.files()).toEqual([a, b]);
    list.clear();
    expect(list.files()).toEqual([]);
  });

  it(`keeps at most ${MAX_RECENT}`, () => {
    const { file, list } = setup();
    const made = Array.from({ length: MAX_RECENT + 3 }, (_, i) => file(`w${i}.waymark`));
    for (const f of made) list.remember(f);
    expect(list.files()).toEqual(made.slice(3).reverse());
  });

  it('starts again from an unreadable list, ignoring what is not an absolute path, and writes it whole', () => {
    const { dir, file, list } = setup();
    const listFile = path.join(dir, 'recent-workspaces.json');
    fs.writeFileSync(listFile, '{ not json');
    expect(list.files()).toEqual([]);
    const a = file('a.waymark');
    fs.writeFileSync(listFile, JSON.stringify({ version: 1, files: ['relative.waymark', 7, a] }));
    expect(list.files()).toEqual([a]);
    list.remember(a);
    expect(JSON.parse(fs.readFileSync(listFile, 'utf8'))).toEqual({ version: 1, files: [a] });
    expect(fs.readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('reads exactly what it wrote: the list as stored, Clear an empty one, at most ten however many are stored', () => {
    const { dir } = setup();
    const listFile = path.join(dir, 'recent-workspaces.json');
    const everything = recentWorkspaces(listFile, () => true); // every file "exists": the list itself is seen
    expect(everything.files()).toEqual([]);
    fs.writeFileSync(listFile, JSON.stringify({ version: 1, files: ['/a.waymark', 'relative.waymark', 7, null, '/b.waymark'] }));
    expect(everything.files()).toEqual(['/a.waymark', '/b.waymark']);
    for (const stored of ['null', '"text"', '7', '[]', '{"files":"not a list"}']) {
      fs.writeFileSync(listFile, stored);
      expect(everything.files(), stored).toEqual([]);
    }
    fs.writeFileSync(listFile, JSON.stringify({ version: 1, files: Array.from({ length: 14 }, (_, i) => `/w${i}.waymark`) }));
    expect(everything.files()).toHaveLength(MAX_RECENT);
    everything.remember('/new.waymark');
    expect((JSON.parse(fs.readFileSync(listFile, 'utf8')) as { files: string[] }).files).toEqual(['/new.waymark', ...Array.from({ length: 9 }, (_, i) => `/w${i}.waymark`)]);
    everything.clear();
    expect(JSON.parse(fs.readFileSync(listFile, 'utf8'))).toEqual({ version: 1, files: [] });
  });

  it('shows the page names, short folders and keys — never the open one, never a path', () => {
    const home = '/home/ana';
    const files = ['/home/ana/Documents/Journeys.waymark', '/home/ana/Open.waymark', '/srv/shared/Team.waymark'];
    const shown = recentForPage(files, '/home/ana/Open.waymark', home);
    expect(shown).toEqual([
      { key: recentKey(files[0] ?? ''), name: 'Journeys.waymark', folder: '~/Documents' },
      { key: recentKey(files[2] ?? ''), name: 'Team.waymark', folder: '/srv/shared' },
    ]);
    expect(shown.every((r) => !r.key.includes('/') && r.key.length === 16)).toBe(true);
    expect(recentKey('/a/b.waymark')).not.toBe(recentKey('/a/c.waymark'));
    expect(shortFolder('/home/ana/x.waymark', home)).toBe('~');
    expect(shortFolder('/home/anabel/x.waymark', home)).toBe('/home/anabel');
  });
});

describe('recent workspaces for the page (desktop IPC)', () => {
  type Handler = (event: SenderEvent, ...args: unknown[]) => unknown;
  const OWN: SenderEvent = { senderFrame: { url: 'file:///app/index.html' } };
  const FOREIGN: SenderEvent = { senderFrame: { url: 'https://example.com/' } };

  it('lists the others by name and opens one by its key; an unknown key or a foreign page opens nothing', async () => {
    const { file, list } = setup();
    const [a, b] = [file('a.waymark'), file('b.waymark')];
    list.remember(a);
    list.remember(b);
    const handlers = new Map<string, Handler>();
    const opened: string[] = [];
    const stop = serveRecent(
      { handle: (c, h) => void handlers.set(c, h), removeHandler: (c) => void handlers.delete(c) },
      { isTrustedSender: (e) => e.senderFrame?.url === 'file:///app/index.html', recent: list, openPath: () => b, open: (f) => (opened.push(f), Promise.resolve(true)) },
    );
    const ask = (channel: string, event: SenderEvent, ...args: unknown[]) => Promise.resolve(handlers.get(channel)?.(event, ...args));
    expect(await ask('waymark-host:recent', OWN)).toEqual([{ key: recentKey(a), name: 'a.waymark', folder: path.dirname(a) }]);
    expect(await ask('waymark-host:open-recent', OWN, recentKey(a))).toBe(true);
    expect(await ask('waymark-host:open-recent', OWN, 'no-such-key')).toBe(false);
    expect(await ask('waymark-host:open-recent', OWN, { key: recentKey(a) })).toBe(false);
    await expect(ask('waymark-host:recent', FOREIGN)).rejects.toThrow('not allowed');
    await expect(ask('waymark-host:open-recent', FOREIGN, recentKey(a))).rejects.toThrow('not allowed');
    expect(opened).toEqual([a]);
    stop();
    expect(handlers.size).toBe(0);
  });
});
