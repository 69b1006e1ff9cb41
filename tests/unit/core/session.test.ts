/**
 * The hosts' workspace session: one queue for every access, switching files without losing the open
 * one, and starting again from a copy of a backup. Real workspace files in a temp folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../../electron/core/workspace.ts';
import { serialQueue } from '../../../electron/api/queue.ts';
import type { WorkspaceEvent } from '../../../electron/api/types.ts';
import { WorkspaceSession } from '../../../electron/core/session.ts';
import { delay, removeTempDirs, sha256, tempDir } from '../hosts/helpers.ts';

const sessions: WorkspaceSession[] = [];
function newSession(): WorkspaceSession {
  const session = new WorkspaceSession();
  sessions.push(session);
  return session;
}
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
  removeTempDirs();
});

const titles = async (session: WorkspaceSession) => (await session.call('maps.list', {})).map((m) => m.title);

describe('serial queue', () => {
  it('runs tasks one at a time in the order they were queued, past failures', async () => {
    const { run } = serialQueue();
    const events: string[] = [];
    const task = (name: string, ms: number, fail = false) => async () => {
      events.push(`start ${name}`);
      await delay(ms);
      events.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([run(task('a', 20)), run(task('b', 1, true)), run(task('c', 5))]);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});

describe('workspace session', () => {
  it('answers a typed error before a workspace is open, and after it is closed', async () => {
    const session = newSession();
    await expect(session.call('maps.list', {})).rejects.toMatchObject({ code: 'Conflict' });
    await session.open(path.join(tempDir('waymark-session-'), 'w.waymark'));
    expect(await titles(session)).toEqual([]);
    await session.close();
    expect(session.isOpen).toBe(false);
    await expect(session.call('maps.list', {})).rejects.toMatchObject({ code: 'Conflict' });
  });

  it('creates the default workspace with the sample map', async () => {
    const session = newSession();
    const file = path.join(tempDir('waymark-session-'), 'workspace.waymark');
    await session.open(file, { sample: true });
    expect(session.path).toBe(file);
    expect(await titles(session)).toEqual(['First online grocery order']);
  });

  it('switches to another workspace and closes the old one', async () => {
    const dir = tempDir('waymark-session-');
    const session = newSession();
    await session.open(path.join(dir, 'a.waymark'));
    await session.call('maps.create', { title: 'In A', template: 'blank' });
    await session.open(path.join(dir, 'b.waymark'));
    expect(session.path).toBe(path.join(dir, 'b.waymark'));
    expect(await titles(session)).toEqual([]);
    // A was closed properly: its WAL was checkpointed away and its map is in the file.
    expect(fs.existsSync(path.join(dir, 'a.waymark-wal'))).toBe(false);
    const a = Workspace.open(path.join(dir, 'a.waymark'), { create: false });
    expect((await a.call('maps.list', {})).map((m) => m.title)).toEqual(['In A']);
    a.close();
  });

  it('keeps the open workspace when another file cannot be opened, and leaves that file alone', async () => {
    const dir = tempDir('waymark-session-');
    const session = newSession();
    await session.open(path.join(dir, 'good.waymark'));
    await session.call('maps.create', { title: 'Still here', template: 'blank' });
    const notes = path.join(dir, 'notes.waymark');
    fs.writeFileSync(notes, 'meeting notes, not a workspace\n');
    const hash = sha256(notes);
    await expect(session.open(notes)).rejects.toThrow('"notes.waymark" is not a Waymark workspace (it looks like a text file).');
    expect(session.path).toBe(path.join(dir, 'good.waymark'));
    expect(await titles(session)).toEqual(['Still here']);
    expect(sha256(notes)).toBe(hash);
    expect(fs.existsSync(`${notes}.backups`)).toBe(false);
  });

  it('refuses an existing file for a new workspace rather than opening or replacing it', async () => {
    const dir = tempDir('waymark-session-');
    const existing = path.join(dir, 'taken.waymark');
    fs.writeFileSync(existing, 'someone else’s file');
    const session = newSession();
    await expect(session.open(existing, { mustBeNew: true })).rejects.toMatchObject({ code: 'Conflict' });
    await expect(session.open(existing, { mustBeNew: true })).rejects.toThrow(/already exists/);
    expect(fs.readFileSync(existing, 'utf8')).toBe('someone else’s file');
    await session.open(path.join(dir, 'fresh.waymark'), { mustBeNew: true });
    expect(await titles(session)).toEqual([]); // a new workspace is empty: the sample is only for the first run
  });

  it('lets calls that arrive during a restore wait for it instead of failing', async () => {
    const session = newSession();
    await session.open(path.join(tempDir('waymark-session-'), 'w.waymark'));
    await session.call('maps.create', { title: 'Kept', template: 'blank' });
    expect(await session.call('workspace.backups', {})).toEqual([]);
    Workspace.open(session.path ?? '', { create: false }).close(); // opening an existing workspace takes a backup
    const [taken] = await session.call('workspace.backups', {});
    expect(taken).toBeDefined();
    await session.call('maps.create', { title: 'Undone by the restore', template: 'blank' });
    const [restored, listed, created] = await Promise.all([
      session.call('workspace.restore', { id: taken?.id ?? '' }),
      session.call('maps.list', {}),
      session.call('maps.create', { title: 'After the restore', template: 'blank' }),
    ]);
    expect(restored.restored.id).toBe(taken?.id);
    expect(listed.map((m) => m.title).sort()).toEqual(['Kept']);
    expect(created.maps[0]?.title).toBe('After the restore');
    expect((await titles(session)).sort()).toEqual(['After the restore', 'Kept']);
  });

  it('starts again from a copy of a backup, leaving the backup and the damaged file alone', async () => {
    const dir = tempDir('waymark-session-');
    const file = path.join(dir, 'w.waymark');
    const ws = Workspace.open(file);
    await ws.call('maps.create', { title: 'Saved before the damage', template: 'blank' });
    ws.close();
    Workspace.open(file).close(); // takes the 'open' backup
    const backup = path.join(`${file}.backups`, fs.readdirSync(`${file}.backups`)[0] ?? '');
    const backupHash = sha256(backup);
    fs.writeFileSync(file, 'overwritten by accident');

    const session = newSession();
    await expect(session.open(file)).rejects.toMatchObject({ code: 'Unsupported' });
    const copy = path.join(dir, 'w (restored).waymark');
    await session.openBackupCopy(backup, copy);
    expect(session.path).toBe(copy);
    expect(await titles(session)).toEqual(['Saved before the damage']);
    await session.call('maps.create', { title: 'Edited in the copy', template: 'blank' });
    expect(sha256(backup)).toBe(backupHash);
    expect(fs.readFileSync(file, 'utf8')).toBe('overwritten by accident');
  });

  it('saves a copy under another name: whole, openable, replacing a file there only with a whole copy, never the open one', async () => {
    const dir = tempDir('waymark-session-');
    const file = path.join(dir, 'w.waymark');
    const session = newSession();
    await expect(session.saveCopy(path.join(dir, 'none.waymark'))).rejects.toMatchObject({ code: 'Conflict', message: 'No workspace is open, so there is nothing to copy.' });
    await session.open(file);
    await session.call('maps.create', { title: 'In the copy', template: 'blank' });
    const copy = path.join(dir, 'Copy of w.waymark');
    fs.writeFileSync(copy, 'an older file the person chose to replace');
    await session.saveCopy(copy);
    expect(session.path).toBe(file);
    const opened = Workspace.open(copy);
    try {
      expect((await opened.call('maps.list', {})).map((m) => m.title)).toEqual(['In the copy']);
    } finally {
      opened.close();
    }
    for (const own of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
      await expect(session.saveCopy(own)).rejects.toMatchObject({ code: 'Conflict', message: `"${path.basename(own)}" is the open workspace itself; save the copy under another name.` });
    }
    // A folder where the copy should go: SQLite cannot write it, said in words, and no partial file stays.
    fs.mkdirSync(path.join(dir, 'a folder.waymark'));
    await expect(session.saveCopy(path.join(dir, 'a folder.waymark'))).rejects.toMatchObject({ code: 'Conflict', message: expect.stringMatching(/^The copy could not be written \(.+\)\. The workspace is unchanged\.$/) as string });
    await expect(session.saveCopy(path.join(dir, 'no-such-folder', 'x.waymark'))).rejects.toMatchObject({
      code: 'Conflict',
      message: `The copy could not be written (the folder ${path.join(dir, 'no-such-folder')} is missing). The workspace is unchanged.`,
    });
    expect(fs.readdirSync(dir).filter((f) => f.includes('waymark-partial'))).toEqual([]);
    expect(await titles(session)).toEqual(['In the copy']);
  });

  it('never writes a backup copy over an existing file, and leaves nothing behind when the backup is damaged', async () => {
    const dir = tempDir('waymark-session-');
    const session = newSession();
    const target = path.join(dir, 'existing.waymark');
    fs.writeFileSync(target, 'precious');
    const damaged = path.join(dir, 'damaged-backup.waymark');
    fs.writeFileSync(damaged, 'SQLite format 3\u0000 but then nothing useful');
    await expect(session.openBackupCopy(damaged, target)).rejects.toMatchObject({ code: 'Conflict' });
    expect(fs.readFileSync(target, 'utf8')).toBe('precious');
    const fresh = path.join(dir, 'fresh.waymark');
    await expect(session.openBackupCopy(damaged, fresh)).rejects.toMatchObject({ code: 'Unsupported' });
    expect(fs.existsSync(fresh)).toBe(false);
    expect(session.isOpen).toBe(false);
  });
});

describe('the order of calls, switches and restores', () => {
  it('runs calls in arrival order; a restore waits for calls before it, and calls after it wait for it', async () => {
    const session = new WorkspaceSession();
    const file = path.join(tempDir('waymark-session-'), 'w.waymark');
    await session.open(file);
    await session.close();
    await session.open(file); // opening an existing workspace takes a backup to restore
    const [backup] = await session.call('workspace.backups', {});
    const done: string[] = [];
    const track = <T>(name: string, p: Promise<T>) => p.then((v) => (done.push(name), v));
    const results = await Promise.all([
      track('create', session.call('maps.create', { title: 'Before the restore', template: 'blank' })),
      track('restore', session.call('workspace.restore', { id: backup?.id ?? '' })),
      track('list', session.call('maps.list', {})),
    ]);
    expect(done).toEqual(['create', 'restore', 'list']);
    expect(results[2]).toEqual([]); // the map made before the restore is gone with it
    await session.close();
  });

  it('switching files announces a reset, and events then come from the new workspace', async () => {
    const session = new WorkspaceSession();
    const dir = tempDir('waymark-session-');
    await session.open(path.join(dir, 'a.waymark'));
    const events: WorkspaceEvent[] = [];
    session.subscribe((e) => events.push(e));
    await session.open(path.join(dir, 'b.waymark'));
    await session.call('maps.create', { title: 'In b', template: 'blank' });
    expect(events.map((e) => e.type)).toEqual(['reset', 'changes']);
    await session.close();
  });
});

describe('what a session says, and what it keeps', () => {
  const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/workspaces');

  it('says which workspace is open, and in words that none is', async () => {
    const session = newSession();
    expect([session.path, session.isOpen]).toEqual([null, false]);
    await expect(session.call('maps.list', {})).rejects.toMatchObject({ code: 'Conflict', message: 'No workspace is open. Open or create one from the File menu.' });
    const file = path.join(tempDir('waymark-session-'), 'w.waymark');
    await session.open(file);
    expect([session.path, session.isOpen]).toEqual([file, true]);
    await session.close();
    expect([session.path, session.isOpen]).toEqual([null, false]);
  });

  it('opens every workspace with its options, a copy of a backup too', async () => {
    const dir = tempDir('waymark-session-');
    const backupsDir = path.join(dir, 'all backups');
    const file = path.join(dir, 'w.waymark');
    Workspace.open(file, { backupsDir }).close();
    const session = new WorkspaceSession({ backupsDir });
    sessions.push(session);
    await session.open(file); // an existing workspace: backed up as it opens
    const [atOpen] = await session.call('workspace.backups', {});
    expect(atOpen?.reason).toBe('open');
    const copy = path.join(dir, 'copy.waymark');
    await session.openBackupCopy(path.join(backupsDir, atOpen?.id ?? ''), copy);
    expect((await session.call('workspace.backups', {})).map((b) => b.reason)).toEqual(['open', 'open']);
    expect(fs.readdirSync(dir).sort()).toEqual(['all backups', 'copy.waymark', 'copy.waymark-shm', 'copy.waymark-wal', 'w.waymark']);
  });

  it('opening the workspace that is open already changes nothing: no reset, no backup, the same session', async () => {
    const file = path.join(tempDir('waymark-session-'), 'w.waymark');
    Workspace.open(file).close();
    const session = newSession();
    await session.open(file);
    const events: WorkspaceEvent[] = [];
    session.subscribe((e) => events.push(e));
    await session.call('maps.create', { title: 'Before', template: 'blank' });
    await session.open(file);
    await session.call('maps.create', { title: 'After', template: 'blank' });
    expect(events.map((e) => [e.type, e.seq])).toEqual([
      ['changes', 1],
      ['changes', 2],
    ]);
    expect(new Set(events.map((e) => e.session)).size).toBe(1);
    expect(await session.call('workspace.backups', {})).toHaveLength(1);
  });

  it('announces a switch only when a workspace was open before it, in words, under the new one’s session', async () => {
    const dir = tempDir('waymark-session-');
    const session = newSession();
    const events: WorkspaceEvent[] = [];
    session.subscribe((e) => events.push(e));
    await session.open(path.join(dir, 'a.waymark'));
    expect(events).toEqual([]);
    await session.open(path.join(dir, 'b.waymark'));
    await session.call('maps.create', { title: 'In b', template: 'blank' });
    const [reset, change] = events;
    expect(reset).toEqual({ type: 'reset', seq: 0, session: change?.session, clientId: null, reason: 'Another workspace was opened.' });
    expect(events).toHaveLength(2);
  });

  it('stops telling a listener that stopped listening', async () => {
    const session = newSession();
    await session.open(path.join(tempDir('waymark-session-'), 'w.waymark'));
    const heard: string[] = [];
    const stop = session.subscribe((e) => heard.push(e.type));
    await session.call('maps.create', { title: 'Heard', template: 'blank' });
    stop();
    await session.call('maps.create', { title: 'Not heard', template: 'blank' });
    expect(heard).toEqual(['changes']);
  });

  it('says in words why a copy of a backup cannot be made: the file exists, or the backup (named) is damaged', async () => {
    const dir = tempDir('waymark-session-');
    const session = newSession();
    const target = path.join(dir, 'existing.waymark');
    fs.writeFileSync(target, 'precious');
    const damaged = path.join(dir, 'damaged-backup.waymark');
    fs.writeFileSync(damaged, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4096, 7)]));
    await expect(session.openBackupCopy(damaged, target)).rejects.toThrow('"existing.waymark" already exists, and Waymark never replaces a file. Choose another name.');
    await expect(session.openBackupCopy(damaged, path.join(dir, 'copy.waymark'))).rejects.toThrow(/^"damaged-backup\.waymark" is damaged/);
    expect(fs.readdirSync(dir).sort()).toEqual(['damaged-backup.waymark', 'existing.waymark']);
  });

  it('removes a copy of a backup that cannot be opened, and keeps the workspace that is open', async () => {
    const dir = tempDir('waymark-session-');
    const session = newSession();
    const open = path.join(dir, 'open.waymark');
    await session.open(open);
    const older = path.join(dir, 'older-backup.waymark');
    fs.copyFileSync(path.join(FIXTURES, 'schema-1.waymark'), older); // needs updating, so it is backed up first…
    const copy = path.join(dir, 'copy.waymark');
    fs.writeFileSync(`${copy}.backups`, 'a file where the copy’s backups folder should be'); // …which cannot be written
    const refused = session.openBackupCopy(older, copy);
    await expect(refused).rejects.toMatchObject({ code: 'Conflict' });
    await expect(refused).rejects.toThrow(/^"copy\.waymark" was not opened/);
    expect(fs.existsSync(copy)).toBe(false);
    expect(session.path).toBe(open);
    expect(await titles(session)).toEqual([]);
  });

  it('answers a quick call while a backup is being written', async () => {
    const session = newSession();
    await session.open(path.join(tempDir('waymark-session-'), 'w.waymark'), { sample: true });
    const order: string[] = [];
    const backup = session.call('workspace.backup', {}).then(() => order.push('backup'));
    const info = session.call('workspace.info', {}).then(() => order.push('info'));
    await Promise.all([backup, info]);
    expect(order).toEqual(['info', 'backup']);
  });

  it('switches files only once a backup asked for before is written whole, from the workspace it was asked of', async () => {
    const dir = tempDir('waymark-session-');
    const session = newSession();
    const a = path.join(dir, 'a.waymark');
    await session.open(a, { sample: true });
    const backup = session.call('workspace.backup', {});
    const switched = session.open(path.join(dir, 'b.waymark'));
    const made = await backup;
    await switched;
    expect(session.path).toBe(path.join(dir, 'b.waymark'));
    const copy = new Database(path.join(`${a}.backups`, made.id), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT title FROM maps').pluck().all()).toEqual(['First online grocery order']);
    copy.close();
  });
});
