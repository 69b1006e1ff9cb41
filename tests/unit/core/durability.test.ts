/**
 * "Nothing lost" rests on a few SQLite settings that are per connection, not stored in the file: WAL,
 * synchronous = FULL (with WAL, NORMAL would let a power cut lose the last commits; better-sqlite3 is built with
 * SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so FULL holds only because Waymark asks for it), foreign keys on. Every
 * connection the engine writes through must have them: one for a new workspace, one for an existing one, and the
 * one a restore opens after it has moved the backup into place.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/core/database.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { tempDir } from './helpers.ts';

const dirs: string[] = [];
const open: Workspace[] = [];
afterEach(() => {
  for (const ws of open.splice(0)) ws.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function workspaceIn(dir: string, options: Parameters<typeof Workspace.open>[1] = {}): Workspace {
  const ws = Workspace.open(path.join(dir, 'w.waymark'), { backupsDir: path.join(dir, 'backups'), ...options });
  open.push(ws);
  return ws;
}

function expectDurable(db: Db, where: string): void {
  const settings = {
    journal_mode: db.pragma('journal_mode', { simple: true }),
    synchronous: db.pragma('synchronous', { simple: true }),
    foreign_keys: db.pragma('foreign_keys', { simple: true }),
  };
  expect(settings, where).toEqual({ journal_mode: 'wal', synchronous: 2, foreign_keys: 1 });
  // F_FULLFSYNC exists only on macOS, where a plain fsync does not reach the platter; elsewhere the pragma is
  // accepted and does nothing. Recorded everywhere, required only on darwin.
  const fullfsync = db.pragma('fullfsync', { simple: true });
  expect(typeof fullfsync, `${where}: PRAGMA fullfsync answers`).toBe('number');
  if (process.platform === 'darwin') expect(fullfsync, `${where}: fullfsync on macOS`).toBe(1);
  else console.log(`${where}: PRAGMA fullfsync = ${String(fullfsync)} (only matters on darwin; this is ${process.platform})`);
}

describe('durability settings', () => {
  it('are in force on a newly created workspace', () => {
    const dir = tempDir();
    dirs.push(dir);
    expectDurable(workspaceIn(dir).ctx.db, 'new workspace');
  });

  it('are in force on an existing workspace opened again (sample content, after its open backup)', () => {
    const dir = tempDir();
    dirs.push(dir);
    workspaceIn(dir, { sample: true }).close();
    open.splice(0);
    const ws = workspaceIn(dir);
    expect(ws.backups.list().map((b) => b.reason)).toEqual(['open']);
    expectDurable(ws.ctx.db, 'reopened workspace');
  });

  it('are in force on the connection a restore opens', async () => {
    const dir = tempDir();
    dirs.push(dir);
    let t = Date.parse('2026-11-24T09:00:00.000Z');
    const ws = workspaceIn(dir, { now: () => new Date((t += 1000)) });
    await ws.call('maps.create', { title: 'Before the backup', template: 'blank' });
    const backup = ws.backupNow('manual');
    await ws.call('maps.create', { title: 'After the backup', template: 'blank' });
    const before = ws.ctx.db;
    await ws.call('workspace.restore', { id: backup.id });
    const after = ws.ctx.db;
    expect(after).not.toBe(before); // the restore really replaced the connection
    expect((await ws.call('maps.list', {})).map((m) => m.title)).toEqual(['Before the backup']);
    expectDurable(after, 'connection after restore');
  });
});
