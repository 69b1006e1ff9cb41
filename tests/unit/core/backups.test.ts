import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WaymarkError } from '../../../electron/api/errors.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { tempDir } from './helpers.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A clock the test moves by hand. */
function clock(start = Date.parse('2026-11-24T09:00:00.000Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

describe('backups', () => {
  it('takes one when an existing workspace opens, none for a brand-new one', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'w.waymark');
    const c = clock();
    const ws = Workspace.open(file, { now: c.now });
    expect(await ws.call('workspace.backups', {})).toEqual([]);
    ws.close();
    c.advance(1000);
    const again = Workspace.open(file, { now: c.now });
    const backups = await again.call('workspace.backups', {});
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatchObject({ reason: 'open', createdAt: '2026-11-24T09:00:01.000Z' });
    expect(fs.existsSync(path.join(`${file}.backups`, backups[0]?.id ?? ''))).toBe(true);
    again.close();
  });

  it('backs up while edits happen at most once per interval, and keeps a bounded set', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'w.waymark');
    const c = clock();
    Workspace.open(file, { now: c.now }).close();
    const ws = Workspace.open(file, { now: c.now, keepBackups: 3, backupIntervalMs: 15 * 60_000 });
    const { maps } = await ws.call('maps.create', { title: 'M', template: 'blank' });
    const id = maps[0]?.id ?? '';
    expect(await ws.call('workspace.backups', {})).toHaveLength(1); // only the one taken at open
    c.advance(14 * 60_000);
    await ws.call('maps.update', { id, title: 'edited at 14 minutes' });
    expect(await ws.call('workspace.backups', {})).toHaveLength(1);
    c.advance(2 * 60_000);
    await ws.call('maps.update', { id, title: 'edited at 16 minutes' });
    await ws.idle(); // the backup runs after the edit has been answered
    const list = await ws.call('workspace.backups', {});
    expect(list.map((b) => b.reason)).toEqual(['periodic', 'open']); // newest first
    for (let i = 0; i < 5; i++) {
      c.advance(16 * 60_000);
      await ws.call('maps.update', { id, title: `edit ${i}` });
      await ws.idle();
    }
    expect(await ws.call('workspace.backups', {})).toHaveLength(3);
    ws.close();
  });

  it('restores a backup after backing up the current state, and that restore can be undone', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'w.waymark');
    const c = clock();
    const first = Workspace.open(file, { now: c.now });
    await first.call('maps.create', { title: 'Original', template: 'blank' });
    first.close();
    c.advance(1000);
    const ws = Workspace.open(file, { now: c.now });
    const [atOpen] = await ws.call('workspace.backups', {});
    await ws.call('maps.create', { title: 'Added later', template: 'blank' });
    c.advance(1000);
    const result = await ws.call('workspace.restore', { id: atOpen?.id ?? '' });
    expect(result.restored.id).toBe(atOpen?.id);
    expect(result.safetyBackup.reason).toBe('before-restore');
    expect((await ws.call('maps.list', {})).map((m) => m.title)).toEqual(['Original']);
    c.advance(1000);
    await ws.call('workspace.restore', { id: result.safetyBackup.id });
    expect((await ws.call('maps.list', {})).map((m) => m.title).sort()).toEqual(['Added later', 'Original']);
    expect(ws.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    ws.close();
  });

  it('refuses unknown and path-like backup ids, changing nothing', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'w.waymark');
    const ws = Workspace.open(file);
    await ws.call('maps.create', { title: 'Kept', template: 'blank' });
    for (const id of ['nope.waymark', '../w.waymark', file, '..']) {
      await expect(ws.call('workspace.restore', { id })).rejects.toBeInstanceOf(WaymarkError);
    }
    expect((await ws.call('maps.list', {})).map((m) => m.title)).toEqual(['Kept']);
    expect(await ws.call('workspace.backups', {})).toEqual([]);
    ws.close();
  });
});

describe('the sample workspace', () => {
  it('holds a realistic first online grocery order with research behind it', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const ws = Workspace.open(path.join(dir, 'w.waymark'), { sample: true });
    const [summary] = await ws.call('maps.list', {});
    expect(summary?.title).toBe('First online grocery order');
    const doc = await ws.call('maps.get', { id: summary?.id ?? '' });
    expect(doc.stages.length).toBeGreaterThanOrEqual(5);
    expect(doc.stages.length).toBeLessThanOrEqual(6);
    expect(doc.cards.length).toBeGreaterThanOrEqual(28);
    expect(doc.emotions).toHaveLength(doc.stages.length);
    expect(doc.personas.map((p) => p.name)).toEqual(['Maya Okafor']);
    const db = ws.ctx.db;
    expect(db.prepare('SELECT count(*) FROM interviews').pluck().get()).toBe(2);
    const linked = db.prepare('SELECT count(DISTINCT quote_id) FROM quote_links WHERE map_id = ?').pluck().get(summary?.id);
    expect(linked).toBe(db.prepare('SELECT count(*) FROM quotes').pluck().get());
    const offsets = db.prepare('SELECT q.text, q.start_offset, q.end_offset, i.transcript FROM quotes q JOIN interviews i ON i.id = q.interview_id').all() as {
      text: string;
      start_offset: number;
      end_offset: number;
      transcript: string;
    }[];
    for (const q of offsets) expect(q.transcript.slice(q.start_offset, q.end_offset)).toBe(q.text);
    expect(db.prepare("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'milk'").pluck().get()).toBe(1);
    expect(db.prepare("SELECT count(*) FROM interviews_fts WHERE interviews_fts MATCH 'neighbour'").pluck().get()).toBe(1);
    ws.close();
  });
});
