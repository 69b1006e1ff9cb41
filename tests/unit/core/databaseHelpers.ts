/** Workspace files for the tests of opening one: healthy, edited by hand, or in a place that cannot be written. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { WaymarkError } from '../../../electron/api/errors.ts';
import { Workspace } from '../../../electron/core/workspace.ts';

/** The sample workspace at `dir/name`, closed, optionally edited by hand afterwards (as another program would). */
export function goodWorkspace(dir: string, name: string, edit?: (db: Database.Database) => void): string {
  const file = path.join(dir, name);
  const scratch = path.join(dir, `${name}.scratch-backups`);
  Workspace.open(file, { sample: true, backupsDir: scratch }).close();
  fs.rmSync(scratch, { recursive: true, force: true });
  if (edit) {
    const db = new Database(file);
    edit(db);
    db.close();
  }
  return file;
}

/** The WaymarkError an open is refused with; fails the test when it opened, or threw anything else. */
export function refusal(open: () => unknown): WaymarkError {
  try {
    open();
  } catch (error) {
    expect(error).toBeInstanceOf(WaymarkError);
    return error as WaymarkError;
  }
  throw new Error('the file was opened');
}

export const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const IS_ROOT = process.getuid?.() === 0;

/**
 * Make a file or folder impossible to write, even for root (who ignores file modes): immutable (chattr +i) as
 * root, read-only by its mode otherwise. Returns what undoes it. Where neither can be done, the test that asked
 * fails saying what it needs (it is never skipped).
 */
export function closedForWriting(p: string): () => void {
  if (process.platform === 'win32') throw new Error('File modes do not make a file read-only on Windows: run these tests on Linux or macOS.');
  if (IS_ROOT) {
    const chattr = spawnSync('chattr', ['+i', p], { encoding: 'utf8' });
    if (chattr.status !== 0) {
      throw new Error(`As root, only an immutable file (chattr +i) cannot be written, and chattr +i is not allowed here (${chattr.error?.message ?? (chattr.stderr.trim() || `exit ${String(chattr.status)}`)}). Run the tests as a user without privilege, or where root may set the immutable flag.`);
    }
    return () => void spawnSync('chattr', ['-i', p]);
  }
  const mode = fs.statSync(p).mode & 0o777;
  fs.chmodSync(p, fs.statSync(p).isDirectory() ? 0o555 : 0o444);
  return () => fs.chmodSync(p, mode);
}
