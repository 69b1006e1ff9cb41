import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { WaymarkError } from '../../../electron/api/errors.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { BAD_FILES } from './badFiles.ts';
import { snapshot, tempDir } from './helpers.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function refusal(open: () => unknown): WaymarkError {
  try {
    open();
  } catch (error) {
    expect(error).toBeInstanceOf(WaymarkError);
    return error as WaymarkError;
  }
  throw new Error('the file was opened');
}

describe('bad workspace files', () => {
  for (const bad of BAD_FILES) {
    it(`refuses ${bad.name} with a clear message and leaves it as it was`, () => {
      const dir = tempDir();
      dirs.push(dir);
      const file = bad.make(dir);
      const before = snapshot(dir);
      const error = refusal(() => Workspace.open(file));
      expect(error.code).toBe('Unsupported');
      expect(error.message).toMatch(bad.message);
      expect(snapshot(dir)).toEqual(before); // the file is byte-for-byte unchanged and nothing was created
    });
  }

  it('refuses a path whose folder does not exist, creating nothing', () => {
    const dir = tempDir();
    dirs.push(dir);
    const error = refusal(() => Workspace.open(path.join(dir, 'missing', 'w.waymark')));
    expect(error.message).toMatch(/The folder ".*missing" does not exist/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses to create a workspace when told not to', () => {
    const dir = tempDir();
    dirs.push(dir);
    const error = refusal(() => Workspace.open(path.join(dir, 'w.waymark'), { create: false }));
    expect(error.code).toBe('NotFound');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses a read-only workspace before anything is written', (ctx) => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'readonly.waymark');
    Workspace.open(file, { backupsDir: path.join(dir, 'b') }).close();
    fs.rmSync(path.join(dir, 'b'), { recursive: true, force: true });
    // Root ignores file modes, so make the file immutable, which even root cannot write.
    if (spawnSync('chattr', ['+i', file]).status !== 0) {
      ctx.skip('this filesystem cannot mark a file immutable (chattr +i), so a read-only file cannot be made here');
      return;
    }
    try {
      const before = snapshot(dir);
      const error = refusal(() => Workspace.open(file));
      expect(error.message).toMatch(/"readonly.waymark" is read-only, and Waymark saves every edit as it is made/);
      expect(snapshot(dir)).toEqual(before);
    } finally {
      spawnSync('chattr', ['-i', file]);
    }
  });

  it('says so when another program holds the workspace locked', () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'locked.waymark');
    Workspace.open(file, { backupsDir: path.join(dir, 'b') }).close();
    const holder = new Database(file);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const started = Date.now();
      const error = refusal(() => Workspace.open(file, { backupsDir: path.join(dir, 'b') }));
      expect(error.message).toMatch(/locked by another program|cannot be opened/);
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    // Once the other program lets go, it opens.
    Workspace.open(file, { backupsDir: path.join(dir, 'b') }).close();
  });
});
