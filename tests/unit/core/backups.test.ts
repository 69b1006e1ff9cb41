import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { WaymarkError } from '../../../electron/api/errors.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { tempDir } from './helpers.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A temp folder (removed after the test) and the path of a workspace in it. */
function fresh(): { dir: string; file: string } {
  const dir = tempDir();
  dirs.push(dir);
  return { dir, file: path.join(dir, 'w.waymark') };
}

/** A clock the test moves by hand. */
function clock(start = Date.parse('2026-11-24T09:00:00.000Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

describe('backups', () => {
  it('takes one when an existing workspace opens, none for a brand-new one', async () => {
    const { file } = fresh();
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
    const { file } = fresh();
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
    const { file } = fresh();
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
    const { file } = fresh();
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

describe('backups that fail, and restores that fail', () => {
  it('never fails or loses an edit when the periodic backup cannot be written; says so, and tries again later', async () => {
    const { dir, file } = fresh();
    const backupsDir = path.join(dir, 'backups');
    const c = clock();
    const ws = Workspace.open(file, { now: c.now, backupsDir, backupIntervalMs: 60_000, backupRetryMs: 30_000 });
    const events: string[] = [];
    ws.subscribe((e) => events.push(e.type));
    const { maps } = await ws.call('maps.create', { title: 'M', template: 'blank' });
    const id = maps[0]?.id ?? '';
    // The backups folder cannot be written: a file stands where it should be (root ignores permissions).
    fs.rmSync(backupsDir, { recursive: true, force: true });
    fs.writeFileSync(backupsDir, 'not a folder');
    c.advance(61_000);
    const changes = await ws.call('maps.update', { id, title: 'saved although the backup fails' });
    expect(changes.maps[0]?.title).toBe('saved although the backup fails');
    await ws.idle();
    const info = await ws.call('workspace.info', {});
    expect(info.backupProblem).toMatch(/backups folder|not a directory|ENOTDIR|EEXIST|file already exists/i);
    expect(events).toContain('backup-problem');
    expect(ws.ctx.db.prepare('SELECT title FROM maps WHERE id = ?').pluck().get(id)).toBe('saved although the backup fails');
    // Not retried on every edit…
    c.advance(10_000);
    await ws.call('maps.update', { id, title: 'second edit' });
    await ws.idle();
    expect(events.filter((e) => e === 'backup-problem')).toHaveLength(1);
    // …but once the retry interval has passed, and then it works again.
    fs.rmSync(backupsDir);
    c.advance(30_000);
    await ws.call('maps.update', { id, title: 'third edit' });
    await ws.idle();
    expect((await ws.call('workspace.info', {})).backupProblem).toBeNull();
    const list = await ws.call('workspace.backups', {});
    expect(list.map((b) => b.reason)).toEqual(['periodic']);
    ws.close();
    const reopened = Workspace.open(file, { backupsDir });
    expect(reopened.ctx.db.prepare('SELECT title FROM maps WHERE id = ?').pluck().get(id)).toBe('third edit');
    reopened.close();
  });

  it('keeps the safety backups of restores apart, so restores never push out the rolling backups', async () => {
    const { file } = fresh();
    const c = clock();
    Workspace.open(file, { now: c.now }).close();
    c.advance(1000);
    const ws = Workspace.open(file, { now: c.now, keepBackups: 2 });
    const [wanted] = await ws.call('workspace.backups', {});
    for (let i = 0; i < 6; i++) {
      c.advance(1000);
      await ws.call('workspace.restore', { id: wanted?.id ?? '' });
    }
    const list = await ws.call('workspace.backups', {});
    expect(list.map((b) => b.id)).toContain(wanted?.id);
    expect(list.filter((b) => b.reason === 'before-restore')).toHaveLength(6);
    expect(list.filter((b) => b.reason === 'open')).toHaveLength(1); // a restore does not add an 'open' backup
    ws.close();
  });

  it('a restore that fails leaves the workspace as it was, open and usable', async () => {
    const { file } = fresh();
    const c = clock();
    Workspace.open(file, { now: c.now }).close();
    c.advance(1000);
    const ws = Workspace.open(file, { now: c.now });
    await ws.call('maps.create', { title: 'Kept', template: 'blank' });
    const [backup] = await ws.call('workspace.backups', {});
    // Where the restore stages its copy, a folder stands: the copy cannot be written.
    fs.mkdirSync(`${file}.restoring`);
    await expect(ws.call('workspace.restore', { id: backup?.id ?? '' })).rejects.toThrow(/could not be restored .*the workspace is as it was/);
    expect((await ws.call('maps.list', {})).map((m) => m.title)).toEqual(['Kept']);
    await ws.call('maps.create', { title: 'Still editable', template: 'blank' });
    expect(fs.statSync(`${file}.restoring`).isDirectory()).toBe(true); // not ours: left alone
    fs.rmdirSync(`${file}.restoring`);
    // A damaged backup is refused before anything happens, with its name.
    const damaged = path.join(`${file}.backups`, '2026-11-24T09-00-05-000Z_manual.waymark');
    fs.writeFileSync(damaged, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4096, 7)]));
    await expect(ws.call('workspace.restore', { id: path.basename(damaged) })).rejects.toThrow(/damaged/);
    expect((await ws.call('maps.list', {})).map((m) => m.title).sort()).toEqual(['Kept', 'Still editable']);
    ws.close();
  });

  it('refuses every call after close, and calls during a restore', async () => {
    const { file } = fresh();
    Workspace.open(file).close();
    const ws = Workspace.open(file);
    const [backup] = await ws.call('workspace.backups', {});
    const restoring = ws.call('workspace.restore', { id: backup?.id ?? '' });
    await expect(ws.call('maps.list', {})).rejects.toThrow(/A backup is being restored/);
    await restoring;
    expect(await ws.call('maps.list', {})).toEqual([]);
    ws.close();
    for (const name of ['maps.list', 'workspace.info', 'workspace.backups'] as const) {
      await expect(ws.call(name, {})).rejects.toThrow(/has been closed/);
    }
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

describe('a backup on demand', () => {
  it('is written while other calls go on, named "manual", and says clearly when it cannot be written', async () => {
    const { file } = fresh();
    const ws = Workspace.open(file, { sample: true });
    // Enough content that the online backup takes several steps.
    const [summary] = await ws.call('maps.list', {});
    const doc = await ws.call('maps.get', { id: summary?.id ?? '' });
    const lane = doc.lanes.find((l) => l.kind === 'text')?.id ?? '';
    const steps = Array.from({ length: 3000 }, (_, i) => ({ name: 'cards.create', input: { laneId: lane, stageId: doc.stages[i % doc.stages.length]?.id ?? '', text: `card ${i} `.repeat(20) } }));
    await ws.call('batch.run', { steps });
    const order: string[] = [];
    const backup = ws.call('workspace.backup', {}).then((b) => (order.push('backup'), b));
    await new Promise((resolve) => setImmediate(resolve)); // the backup has started writing
    const info = ws.call('workspace.info', {}).then((i) => (order.push('info'), i));
    const [made] = await Promise.all([backup, info]);
    expect(order).toEqual(['info', 'backup']); // the quick call was not held up by the backup
    expect(made.reason).toBe('manual');
    const copy = new Database(path.join(`${file}.backups`, made.id), { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM cards').pluck().get()).toBe(ws.ctx.db.prepare('SELECT count(*) FROM cards').pluck().get());
    copy.close();
    fs.rmSync(`${file}.backups`, { recursive: true, force: true });
    fs.writeFileSync(`${file}.backups`, 'a file where the folder should be');
    await expect(ws.call('workspace.backup', {})).rejects.toThrow(/The backup could not be written \(.*\)\. Your workspace is unchanged/);
    ws.close();
  });

  it('several at once take turns: each is written whole, to its own file', async () => {
    const { file } = fresh();
    const fixed = () => new Date('2026-11-24T09:00:00.000Z'); // all in the same millisecond
    const ws = Workspace.open(file, { sample: true, now: fixed });
    const made = await Promise.all([ws.call('workspace.backup', {}), ws.call('workspace.backup', {}), ws.call('workspace.backup', {})]);
    expect(new Set(made.map((b) => b.id)).size).toBe(3);
    for (const b of made) {
      const copy = new Database(path.join(`${file}.backups`, b.id), { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.prepare('SELECT count(*) FROM maps').pluck().get()).toBe(1);
      copy.close();
    }
    expect(fs.readdirSync(`${file}.backups`).filter((f) => f.endsWith('.partial'))).toEqual([]);
    ws.close();
  });
});

describe('the backups folder', () => {
  it('ignores and never deletes files it did not write; lists newest first; keeps two backups of the same moment apart', async () => {
    const { file } = fresh();
    const c = clock();
    Workspace.open(file, { now: c.now }).close();
    const folder = `${file}.backups`;
    fs.mkdirSync(folder, { recursive: true });
    const foreign = ['notes.txt', 'my copy.waymark', '2026-01-01T00-00-00-000Z_Periodic.waymark', '2026-01-01T00-00-00-000Z_periodic.waymark.partial'];
    for (const f of foreign) fs.writeFileSync(path.join(folder, f), 'mine');
    const ws = Workspace.open(file, { now: c.now, keepBackups: 2 });
    ws.backupNow('manual');
    ws.backupNow('manual'); // the same millisecond, the same reason
    c.advance(5);
    for (let i = 0; i < 4; i++) {
      c.advance(1000);
      ws.backupNow('open');
    }
    const list = await ws.call('workspace.backups', {});
    expect(list.map((b) => b.createdAt)).toEqual([...list.map((b) => b.createdAt)].sort().reverse());
    expect(list.filter((b) => b.reason === 'open')).toHaveLength(2); // the rolling ones are pruned to keepBackups
    const manual = list.filter((b) => b.reason === 'manual');
    expect(manual).toHaveLength(2);
    expect(new Set(manual.map((b) => b.id)).size).toBe(2);
    expect(manual.every((b) => b.createdAt === '2026-11-24T09:00:00.000Z')).toBe(true);
    for (const f of foreign) expect(fs.readFileSync(path.join(folder, f), 'utf8')).toBe('mine');
    expect(list.map((b) => b.id)).not.toEqual(expect.arrayContaining(foreign));
    ws.close();
  });

  it('backs up every 15 minutes by default while edits happen, and never for reads', async () => {
    const { file } = fresh();
    const c = clock();
    Workspace.open(file, { now: c.now }).close();
    const ws = Workspace.open(file, { now: c.now });
    const { maps } = await ws.call('maps.create', { title: 'M', template: 'blank' });
    const count = async () => (await ws.call('workspace.backups', {})).length;
    expect(await count()).toBe(1); // the one taken at open
    c.advance(16 * 60_000);
    for (const read of ['maps.list', 'workspace.info', 'templates.list', 'workspace.backups'] as const) await ws.call(read, {});
    await ws.call('maps.get', { id: maps[0]?.id ?? '' });
    await ws.idle();
    expect(await count()).toBe(1); // reads never take a backup, however long it has been
    c.advance(-2 * 60_000); // 14 minutes after the last one
    await ws.call('maps.update', { id: maps[0]?.id ?? '', title: 'at 14 minutes' });
    await ws.idle();
    expect(await count()).toBe(1);
    c.advance(2 * 60_000); // 16 minutes after
    await ws.call('maps.update', { id: maps[0]?.id ?? '', title: 'at 16 minutes' });
    await ws.idle();
    expect((await ws.call('workspace.backups', {})).map((b) => b.reason)).toEqual(['periodic', 'open']);
    ws.close();
  });

  it('refuses to restore a damaged or a newer backup, with its name, changing nothing', async () => {
    const { file } = fresh();
    const ws = Workspace.open(file, { sample: true });
    const newer = ws.backupNow('manual');
    const db = new Database(path.join(`${file}.backups`, newer.id));
    db.pragma('user_version = 99');
    db.close();
    const titles = async () => (await ws.call('maps.list', {})).map((m) => m.title);
    const before = await titles();
    await expect(ws.call('workspace.restore', { id: newer.id })).rejects.toThrow(new RegExp(`"${newer.id}" was written by a newer version of Waymark`));
    expect(await titles()).toEqual(before);
    expect((await ws.call('workspace.backups', {})).filter((b) => b.reason === 'before-restore')).toEqual([]); // refused before anything happened
    ws.close();
  });
});

describe('backup names, order and what is kept', () => {
  const listed = (ws: Workspace) => ws.backups.list();

  it('names each backup by its time and reason, and gives its size', () => {
    const { file } = fresh();
    const ws = Workspace.open(file, { now: clock().now });
    const made = ws.backupNow('manual');
    expect(made).toEqual({
      id: '2026-11-24T09-00-00-000Z_manual.waymark',
      createdAt: '2026-11-24T09:00:00.000Z',
      reason: 'manual',
      sizeBytes: fs.statSync(path.join(`${file}.backups`, made.id)).size,
    });
    expect(made.sizeBytes).toBeGreaterThan(0);
    ws.close();
  });

  it('lists newest first whatever order they were written in; of one millisecond with one reason, the one written last first', () => {
    const { file } = fresh();
    const c = clock();
    const ws = Workspace.open(file, { now: c.now });
    for (const minute of [3, 1, 4, 2]) {
      c.advance(minute * 60_000);
      ws.backupNow(`at-${minute}`);
      c.advance(-minute * 60_000);
    }
    expect(listed(ws).map((b) => b.reason)).toEqual(['at-4', 'at-3', 'at-2', 'at-1']);
    c.advance(5 * 60_000);
    for (let i = 0; i < 9; i++) ws.backupNow('manual'); // all in one millisecond: numbered in the order written
    const manual = listed(ws).filter((b) => b.reason === 'manual');
    expect(manual.map((b) => b.id.slice(24, -'_manual.waymark'.length))).toEqual(['-9', '-8', '-7', '-6', '-5', '-4', '-3', '-2', '']);
    ws.close();
  });

  it('does not list a file named like a backup that cannot be read (a link to nothing)', () => {
    const { dir, file } = fresh();
    const ws = Workspace.open(file, { now: clock().now });
    const kept = ws.backupNow('manual');
    fs.symlinkSync(path.join(dir, 'gone.waymark'), path.join(`${file}.backups`, '2026-11-25T09-00-00-000Z_manual.waymark'));
    expect(listed(ws)).toEqual([kept]);
    ws.close();
  });

  it('keeps the 20 newest rolling backups by default, and the 10 newest safety backups apart from them', () => {
    const { file } = fresh();
    const c = clock();
    const ws = Workspace.open(file, { now: c.now });
    const stamps = (reason: string) => listed(ws).filter((b) => b.reason === reason).map((b) => b.createdAt);
    const made = (reason: string, count: number) =>
      Array.from({ length: count }, () => {
        c.advance(1000);
        return ws.backupNow(reason).createdAt;
      }).reverse();
    const rolling = made('open', 22);
    expect(stamps('open')).toEqual(rolling.slice(0, 20));
    const safety = made('manual', 12);
    expect(stamps('manual')).toEqual(safety.slice(0, 10));
    expect(stamps('open')).toEqual(rolling.slice(0, 20)); // safety backups never push out rolling ones
    ws.close();
  });

  it('always keeps the backup just written, also when the clock was set back behind the ones kept', () => {
    const { file } = fresh();
    const c = clock();
    const ws = Workspace.open(file, { now: c.now, keepBackups: 2 });
    for (let i = 0; i < 3; i++) {
      c.advance(60_000);
      ws.backupNow('open');
    }
    c.advance(-3_600_000);
    const late = ws.backupNow('open');
    expect(late.createdAt).toBe('2026-11-24T08:03:00.000Z');
    expect(listed(ws).map((b) => b.createdAt)).toEqual(['2026-11-24T09:03:00.000Z', '2026-11-24T09:02:00.000Z', '2026-11-24T08:03:00.000Z']);
    ws.close();
  });

  it('refuses a reason that cannot be part of a backup name, before anything is written', () => {
    const { file } = fresh();
    const ws = Workspace.open(file);
    for (const reason of ['Manual', 'manual backup', 'manual/../../w', '']) {
      expect(() => ws.backupNow(reason)).toThrow(`A backup reason must be lower-case letters, digits and dashes: "${reason}"`);
    }
    expect(fs.existsSync(`${file}.backups`)).toBe(false);
    ws.close();
  });

  it('refuses an id that names no backup, saying so, while other backups exist', async () => {
    const { file } = fresh();
    Workspace.open(file).close();
    const ws = Workspace.open(file);
    const [atOpen] = await ws.call('workspace.backups', {});
    await ws.call('maps.create', { title: 'Kept', template: 'blank' });
    for (const id of ['nope.waymark', `../${atOpen?.id ?? ''}`, `${atOpen?.id ?? ''}.partial`]) {
      await expect(ws.call('workspace.restore', { id })).rejects.toMatchObject({ code: 'NotFound', message: `There is no backup called "${id}".` });
    }
    expect((await ws.call('maps.list', {})).map((m) => m.title)).toEqual(['Kept']);
    expect(await ws.call('workspace.backups', {})).toEqual([atOpen]);
    ws.close();
  });
});
