/**
 * A workspace from open to close: what `workspace.info` says about its backups, when the rolling backup runs
 * (and when it does not), restoring a backup (older, damaged, vanished, or with no room for the safety copy),
 * refusals after close and during a restore, and no file left open behind it. Real files in a temp folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkspaceEvent } from '../../../electron/api/types.ts';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/migrations/index.ts';
import { Workspace, type OpenOptions } from '../../../electron/core/workspace.ts';
import { filesHeldOpenIn, sha256, tempDir } from './helpers.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/workspaces');
const dirs: string[] = [];
const opened: Workspace[] = [];
afterEach(() => {
  for (const ws of opened.splice(0)) ws.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A temp folder (removed after the test) and the path of a workspace in it. */
function fresh(): { dir: string; file: string } {
  const dir = tempDir('waymark-lifecycle-');
  dirs.push(dir);
  return { dir, file: path.join(dir, 'w.waymark') };
}

/** A clock the test moves by hand. */
function clock(start = Date.parse('2026-11-24T09:00:00.000Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms), iso: () => new Date(t).toISOString() };
}

function open(file: string, options: OpenOptions = {}): Workspace {
  const ws = Workspace.open(file, options);
  opened.push(ws);
  return ws;
}

/** An existing workspace with one map, opened again (so it has its 'open' backup); returns it and the map's id. */
async function existing(file: string, options: OpenOptions = {}): Promise<{ ws: Workspace; mapId: string }> {
  const first = Workspace.open(file, options);
  const { maps } = await first.call('maps.create', { title: 'M', template: 'blank' });
  first.close();
  return { ws: open(file, options), mapId: maps[0]?.id ?? '' };
}

/** A copy of the workspace written by schema 1 (tests/fixtures/workspaces). */
function schema1Copy(target: string): string {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(path.join(FIXTURES, 'schema-1.waymark'), target);
  return target;
}

const BACKUP_NAME = '2026-11-20T08-00-00-000Z_manual.waymark';
const titles = async (ws: Workspace) => (await ws.call('maps.list', {})).map((m) => m.title).sort();
const reasons = async (ws: Workspace) => (await ws.call('workspace.backups', {})).map((b) => b.reason);
const leftovers = (file: string) => fs.readdirSync(path.dirname(file)).filter((f) => f.startsWith(`${path.basename(file)}.restoring`));

/** The files under `dir` this process holds open (Linux: /proc/self/fd). */
/** A workspace large enough that its online backup takes several steps. */
async function large(file: string): Promise<Workspace> {
  const ws = open(file, { sample: true });
  const [summary] = await ws.call('maps.list', {});
  const doc = await ws.call('maps.get', { id: summary?.id ?? '' });
  const lane = doc.lanes.find((l) => l.kind === 'text')?.id ?? '';
  const steps = Array.from({ length: 150 }, (_, i) => ({ name: 'cards.create', input: { laneId: lane, stageId: doc.stages[0]?.id ?? '', text: `card ${i} `.repeat(400) } }));
  await ws.call('batch.run', { steps });
  return ws;
}

/** Until the backup being written has its partial file in the backups folder. */
async function partialWritten(file: string): Promise<void> {
  while (!fs.existsSync(`${file}.backups`) || fs.readdirSync(`${file}.backups`).length === 0) await new Promise((resolve) => setImmediate(resolve));
}

describe('what workspace.info says about backups', () => {
  it('an existing workspace opened: the time of the backup taken at open, then of each later one, and no problem', async () => {
    const { file } = fresh();
    const c = clock();
    open(file, { now: c.now }).close();
    c.advance(1000);
    const ws = open(file, { now: c.now });
    expect(await ws.call('workspace.info', {})).toMatchObject({ name: 'w.waymark', lastBackupAt: '2026-11-24T09:00:01.000Z', backupProblem: null });
    c.advance(60_000);
    await ws.call('workspace.backup', {});
    expect((await ws.call('workspace.info', {})).lastBackupAt).toBe('2026-11-24T09:01:01.000Z');
    c.advance(60_000);
    ws.backupNow('manual');
    expect(ws.info().lastBackupAt).toBe('2026-11-24T09:02:01.000Z');
  });

  it('when the backup at open cannot be written, the workspace still opens and says why; tried again a minute later, not on every edit', async () => {
    const { dir, file } = fresh();
    const backupsDir = path.join(dir, 'backups');
    const c = clock();
    open(file, { now: c.now, backupsDir }).close();
    fs.rmSync(backupsDir, { recursive: true, force: true });
    fs.writeFileSync(backupsDir, 'a file where the backups folder should be');
    const ws = open(file, { now: c.now, backupsDir });
    expect(await ws.call('workspace.info', {})).toMatchObject({ lastBackupAt: null, backupProblem: 'the backups folder cannot be written' });
    const problems: string[] = [];
    ws.subscribe((e) => {
      if (e.type === 'backup-problem') problems.push(e.message);
    });
    const { maps } = await ws.call('maps.create', { title: 'Saved', template: 'blank' });
    const id = maps[0]?.id ?? '';
    c.advance(60_000 - 1);
    await ws.call('maps.update', { id, title: 'Saved a minute later, less a millisecond' });
    await ws.idle();
    expect(problems).toEqual([]); // not tried yet
    c.advance(1);
    await ws.call('maps.update', { id, title: 'Saved a minute later' });
    await ws.idle();
    expect(problems).toEqual(['the backups folder cannot be written']);
    fs.rmSync(backupsDir);
    c.advance(60_000);
    await ws.call('maps.update', { id, title: 'Saved once the folder is back' });
    await ws.idle();
    expect(await ws.call('workspace.info', {})).toMatchObject({ lastBackupAt: c.iso(), backupProblem: null });
    expect(await reasons(ws)).toEqual(['periodic']);
    expect(await titles(ws)).toEqual(['Saved once the folder is back']);
  });
  it('says the backups folder cannot be written when a file stands in its path', async () => {
    const { dir, file } = fresh();
    fs.writeFileSync(path.join(dir, 'a file'), 'not a folder');
    open(file).close();
    const ws = open(file, { backupsDir: path.join(dir, 'a file', 'backups') });
    expect((await ws.call('workspace.info', {})).backupProblem).toBe('the backups folder cannot be written');
  });
});

describe('the rolling backup while edits happen', () => {
  it('is due exactly 15 minutes after the last one, by default', async () => {
    const { file } = fresh();
    const c = clock();
    const { ws, mapId } = await existing(file, { now: c.now });
    c.advance(15 * 60_000 - 1);
    await ws.call('maps.update', { id: mapId, title: 'a millisecond before' });
    await ws.idle();
    expect(await reasons(ws)).toEqual(['open']);
    c.advance(1);
    await ws.call('maps.update', { id: mapId, title: 'at 15 minutes' });
    await ws.idle();
    expect(await reasons(ws)).toEqual(['periodic', 'open']);
  });

  it('follows a short interval edit after edit: the one-minute retry delay only follows a failure', async () => {
    const { file } = fresh();
    const c = clock();
    const { ws, mapId } = await existing(file, { now: c.now, backupIntervalMs: 10_000 });
    for (const at of [10, 20, 30]) {
      c.advance(10_000);
      await ws.call('maps.update', { id: mapId, title: `at ${at} seconds` });
      await ws.idle();
    }
    expect(await reasons(ws)).toEqual(['periodic', 'periodic', 'periodic', 'open']);
  });

  it('is not started by an edit while another backup is being written', async () => {
    const { file } = fresh();
    const c = clock();
    const { ws, mapId } = await existing(file, { now: c.now });
    c.advance(16 * 60_000);
    const manual = ws.call('workspace.backup', {});
    await ws.call('maps.update', { id: mapId, title: 'edited while the backup is written' });
    await manual;
    await ws.idle();
    expect(await reasons(ws)).toEqual(['manual', 'open']);
    expect((await ws.call('workspace.info', {})).lastBackupAt).toBe(c.iso());
  });
  it('says the backups folder is missing when it is deleted while a backup is written, and writes the next one', async () => {
    const { file } = fresh();
    const ws = await large(file);
    const backup = ws.call('workspace.backup', {});
    await partialWritten(file);
    fs.rmSync(`${file}.backups`, { recursive: true });
    await expect(backup).rejects.toMatchObject({
      code: 'Conflict',
      message: 'The backup could not be written (the backups folder is missing). Your workspace is unchanged and every edit is saved.',
    });
    expect((await ws.call('maps.list', {})).map((m) => m.title)).toEqual(['First online grocery order']);
    const next = await ws.call('workspace.backup', {});
    expect(fs.readdirSync(`${file}.backups`)).toEqual([next.id]);
  });
});

describe('a closed workspace', () => {
  it('refuses every way in, saying it has been closed (closing again is harmless)', async () => {
    const { file } = fresh();
    const { ws } = await existing(file);
    const [backup] = await ws.call('workspace.backups', {});
    ws.close();
    ws.close();
    const closed = { code: 'Conflict', message: 'This workspace has been closed.' };
    expect(() => ws.ctx).toThrow(expect.objectContaining(closed));
    expect(() => ws.info()).toThrow(expect.objectContaining(closed));
    expect(() => ws.backupNow('manual')).toThrow(expect.objectContaining(closed));
    await expect(ws.backupOnline('manual')).rejects.toMatchObject(closed);
    await expect(ws.restore(backup?.id ?? '')).rejects.toMatchObject(closed);
    await expect(ws.call('maps.create', { title: 'Never', template: 'blank' })).rejects.toMatchObject(closed);
    expect(fs.readdirSync(`${file}.backups`)).toEqual([backup?.id]);
  });

  it('abandons the backups still waiting for their turn, with that answer rather than a failed write', async () => {
    const { file } = fresh();
    const { ws } = await existing(file);
    const first = ws.backupOnline('manual');
    const second = ws.backupOnline('manual');
    ws.close();
    for (const b of [first, second]) await expect(b).rejects.toMatchObject({ code: 'Conflict', message: 'This workspace has been closed.' });
    expect(fs.readdirSync(`${file}.backups`).filter((f) => !f.endsWith('_open.waymark'))).toEqual([]);
  });

  it('abandons a backup being written when it closes: refused in words, and no partial file is left', async () => {
    const { file } = fresh();
    const ws = await large(file);
    const backup = ws.backupOnline('manual');
    await partialWritten(file);
    ws.close();
    await expect(backup).rejects.toThrow(/^The backup could not be written \(.+\)\. Your workspace is unchanged and every edit is saved\.$/);
    expect(fs.readdirSync(`${file}.backups`)).toEqual([]);
  });

  it('does not blame the backups folder for a backup that close stopped before it wrote anything', async () => {
    const { file } = fresh();
    const { ws } = await existing(file);
    const backup = ws.backupOnline('manual');
    await Promise.resolve(); // its turn has come: it is preparing the copy
    ws.close();
    const refused = await backup.then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ code: 'Conflict', message: expect.stringMatching(/^The backup could not be written \(.+\)\. Your workspace is unchanged/) as unknown });
    expect((refused as Error).message).not.toMatch(/backups folder/);
    expect(fs.readdirSync(`${file}.backups`).filter((f) => !f.endsWith('_open.waymark'))).toEqual([]);
  });

  it('tells nobody anything after close, even when a backup under way fails because of it', async () => {
    const { file } = fresh();
    const c = clock();
    const { ws, mapId } = await existing(file, { now: c.now });
    const events: WorkspaceEvent[] = [];
    ws.subscribe((e) => events.push(e));
    c.advance(16 * 60_000);
    await ws.call('maps.update', { id: mapId, title: 'starts the rolling backup' });
    await Promise.resolve(); // the backup has started: it is waiting for its first step
    ws.close();
    await ws.idle();
    expect(events.map((e) => e.type)).toEqual(['changes']);
    expect(fs.readdirSync(`${file}.backups`).filter((f) => !f.endsWith('_open.waymark'))).toEqual([]);
  });
});

describe('restoring a backup', () => {
  it('answers with the backup asked for, also when newer ones exist, and announces the reset in words', async () => {
    const { file } = fresh();
    const c = clock();
    const { ws } = await existing(file, { now: c.now });
    c.advance(1000);
    const middle = ws.backupNow('manual');
    c.advance(1000);
    ws.backupNow('manual');
    const events: WorkspaceEvent[] = [];
    ws.subscribe((e) => events.push(e));
    c.advance(1000);
    const { restored, safetyBackup } = await ws.call('workspace.restore', { id: middle.id }, { clientId: 'window-1' });
    expect(restored).toEqual(middle);
    expect(safetyBackup).toMatchObject({ reason: 'before-restore', createdAt: c.iso() });
    expect(events).toEqual([{ type: 'reset', seq: 1, session: ws.session, clientId: 'window-1', reason: 'A backup was restored.' }]);
  });

  it('brings an older backup up to this version of Waymark as it restores it, leaving the backup as it was', async () => {
    const { file } = fresh();
    const { ws } = await existing(file);
    const older = schema1Copy(path.join(`${file}.backups`, BACKUP_NAME));
    const hash = sha256(older);
    await ws.call('workspace.restore', { id: BACKUP_NAME });
    expect((await ws.call('workspace.info', {})).schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(await titles(ws)).toEqual(['First online grocery order', 'Fixture: returns journey']);
    await ws.call('maps.create', { title: 'Edited after the restore', template: 'blank' });
    expect(sha256(older)).toBe(hash);
    expect(leftovers(file)).toEqual([]);
  });

  it('refuses a backup that cannot be brought up to date: the workspace is as it was, and nothing is left beside it', async () => {
    const { file } = fresh();
    const { ws } = await existing(file);
    const broken = schema1Copy(path.join(`${file}.backups`, BACKUP_NAME));
    const db = new Database(broken);
    db.pragma('foreign_keys = OFF'); // a reference to nothing, which only the update checks
    db.prepare("UPDATE cards SET lane_id = 'a lane that is gone' WHERE rowid = (SELECT min(rowid) FROM cards)").run();
    db.close();
    await expect(ws.call('workspace.restore', { id: BACKUP_NAME })).rejects.toThrow(/1 broken reference/);
    expect(await titles(ws)).toEqual(['M']);
    expect((await ws.call('workspace.info', {})).schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(leftovers(file)).toEqual([]);
    await ws.call('maps.create', { title: 'Still editable', template: 'blank' });
  });

  it('clears what an interrupted restore left beside the workspace before it starts', async () => {
    const { file } = fresh();
    const { ws } = await existing(file);
    const backup = ws.backupNow('manual');
    await ws.call('maps.create', { title: 'Undone by the restore', template: 'blank' });
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.writeFileSync(`${file}.restoring${suffix}`, 'left by a restore that was cut short');
    await ws.call('workspace.restore', { id: backup.id });
    expect(await titles(ws)).toEqual(['M']);
    expect(leftovers(file)).toEqual([]);
    expect(ws.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('never lets the write-ahead log of a restore cut short into the next one', async () => {
    const { dir, file } = fresh();
    const { ws } = await existing(file);
    const backup = ws.backupNow('manual');
    // The app was killed while a restore had its copy open: the copy's log, full of the copy's pages, is left behind.
    const cut = Workspace.open(path.join(dir, 'cut short.waymark'), { sample: true });
    fs.copyFileSync(path.join(dir, 'cut short.waymark-wal'), `${file}.restoring-wal`);
    cut.close();
    await ws.call('workspace.restore', { id: backup.id });
    expect(await titles(ws)).toEqual(['M']);
    expect(ws.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(leftovers(file)).toEqual([]);
  });

  it('does not restore a backup that was removed after it was chosen as an empty workspace: refused, nothing changed', async () => {
    const { file } = fresh();
    const { ws } = await existing(file);
    const backup = ws.backupNow('manual');
    await ws.call('maps.create', { title: 'Kept', template: 'blank' });
    const restoring = ws.call('workspace.restore', { id: backup.id });
    fs.rmSync(path.join(`${file}.backups`, backup.id)); // removed (in a file manager) while the restore starts
    await expect(restoring).rejects.toThrow(/^The backup could not be restored \(.+\); the workspace is as it was\.$/);
    expect(await titles(ws)).toEqual(['Kept', 'M']);
    expect(leftovers(file)).toEqual([]);
  });

  it('restores nothing when the current state cannot be backed up first, and the workspace stays usable', async () => {
    const { file } = fresh();
    const { ws } = await existing(file);
    const [backup] = await ws.call('workspace.backups', {});
    await ws.call('maps.create', { title: 'Kept', template: 'blank' });
    const restoring = ws.call('workspace.restore', { id: backup?.id ?? '' });
    fs.rmSync(`${file}.backups`, { recursive: true });
    fs.writeFileSync(`${file}.backups`, 'a file where the backups folder should be');
    await expect(restoring).rejects.toMatchObject({
      code: 'Conflict',
      message: 'The current state could not be backed up (the backups folder cannot be written), so nothing was restored.',
    });
    expect(await titles(ws)).toEqual(['Kept', 'M']);
    await ws.call('maps.create', { title: 'Still editable', template: 'blank' });
  });

  it('refuses a second restore, a backup and any call while one is under way; one safety backup is taken', async () => {
    const { file } = fresh();
    const { ws } = await existing(file);
    const [backup] = await ws.call('workspace.backups', {});
    const first = ws.call('workspace.restore', { id: backup?.id ?? '' });
    const busy = { code: 'Conflict', message: 'A backup is being restored; try again in a moment.' };
    await expect(ws.call('workspace.restore', { id: backup?.id ?? '' })).rejects.toMatchObject(busy);
    await expect(ws.call('workspace.backup', {})).rejects.toMatchObject(busy);
    await expect(ws.call('workspace.info', {})).rejects.toMatchObject(busy);
    await first;
    expect((await reasons(ws)).sort()).toEqual(['before-restore', 'open']);
  });
});

describe('opening and creating', () => {
  it('refuses a missing file when asked not to create one, naming it, and creates nothing', () => {
    const { dir, file } = fresh();
    expect(() => Workspace.open(file, { create: false })).toThrow(expect.objectContaining({ code: 'NotFound', message: `There is no workspace at "${file}".` }));
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('leaves no file behind when creating a workspace fails half-way, so the next try starts afresh', async () => {
    const { dir, file } = fresh();
    const broken = () => {
      throw new Error('the clock stopped');
    };
    expect(() => Workspace.open(file, { now: broken })).toThrow('the clock stopped');
    expect(fs.readdirSync(dir)).toEqual([]);
    const ws = open(file);
    expect(await ws.call('maps.list', {})).toEqual([]);
  });

  it('says so when the folder of a new workspace does not exist', () => {
    const { dir } = fresh();
    const folder = path.join(dir, 'missing folder');
    expect(() => Workspace.open(path.join(folder, 'w.waymark'))).toThrow(`The folder "${folder}" does not exist, so "w.waymark" cannot be opened or created there.`);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('does not update an older workspace when the backup kept from before cannot be written; says so in words', () => {
    const { dir } = fresh();
    const file = schema1Copy(path.join(dir, 'old.waymark'));
    const hash = sha256(file);
    const backupsDir = path.join(dir, 'backups');
    fs.writeFileSync(backupsDir, 'a file where the backups folder should be');
    expect(() => Workspace.open(file, { backupsDir })).toThrow(
      expect.objectContaining({
        code: 'Conflict',
        message:
          '"old.waymark" was not opened: it must be updated for this version of Waymark, and the backup kept from before the update could not be written (the backups folder cannot be written). The file was not changed.',
      }),
    );
    expect(sha256(file)).toBe(hash);
    expect(fs.readdirSync(dir).sort()).toEqual(['backups', 'old.waymark']);
  });
});

describe('files held open', () => {
  it('none is left open once the workspace is closed: after updating an older file, a restore and a failed one', async () => {
    const { dir } = fresh();
    const file = schema1Copy(path.join(dir, 'w.waymark'));
    const ws = Workspace.open(file); // backed up read-only, then updated
    const before = (await ws.call('workspace.backups', {})).find((b) => b.reason === 'before-migration-1');
    expect(before).toBeDefined();
    await ws.call('workspace.restore', { id: before?.id ?? '' });
    fs.mkdirSync(`${file}.restoring`); // where the restore stages its copy: this one fails
    await expect(ws.call('workspace.restore', { id: before?.id ?? '' })).rejects.toThrow(/could not be restored/);
    expect(filesHeldOpenIn(dir).every((f) => f.startsWith(file) && !f.includes('.backups'))).toBe(true);
    ws.close();
    expect(filesHeldOpenIn(dir)).toEqual([]);
  });
});
