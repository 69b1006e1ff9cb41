import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'vitest';
import { WaymarkError } from '../../../electron/api/errors.ts';
import { migrate, openConnection, type Db } from '../../../electron/core/database.ts';

export function tempDir(prefix = 'waymark-core-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * A real workspace database at today's schema in a temp folder, with foreign keys off: for tests that write cards
 * in cells whose lanes, stages and maps are not written (only the cards are read). `dispose` closes and removes it.
 */
export function cardsOnlyDb(): { db: Db; dispose: () => void } {
  const dir = tempDir();
  const db = openConnection(path.join(dir, 'cards.waymark'));
  migrate(db, () => new Date());
  db.pragma('foreign_keys = OFF');
  return {
    db,
    dispose: () => {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Every file in a folder with its hash: to prove that nothing was written or created. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    out[name] = fs.statSync(full).isDirectory() ? 'dir' : sha256(full);
  }
  return out;
}

/**
 * The files under `dir` this process holds open: from /proc/self/fd on Linux, from lsof elsewhere. A machine
 * with neither cannot answer, and the test that asks fails saying so (it is never skipped).
 */
export function filesHeldOpenIn(dir: string): string[] {
  if (fs.existsSync('/proc/self/fd')) {
    const held: string[] = [];
    for (const fd of fs.readdirSync('/proc/self/fd')) {
      try {
        const target = fs.readlinkSync(`/proc/self/fd/${fd}`);
        if (target.startsWith(dir)) held.push(target);
      } catch {
        // closed while listing
      }
    }
    return held;
  }
  const lsof = spawnSync('lsof', ['-p', String(process.pid), '-Fn'], { encoding: 'utf8' });
  if (lsof.status !== 0 && lsof.stdout === '') {
    throw new Error(`Cannot list the files this process holds open: no /proc/self/fd and no working lsof (${lsof.error?.message ?? lsof.stderr.trim()}).`);
  }
  return lsof.stdout
    .split('\n')
    .filter((line) => line.startsWith('n') && line.slice(1).startsWith(dir))
    .map((line) => line.slice(1));
}

/** The typed error a call was refused with; fails the test if the call was accepted. */
export async function refusal(call: Promise<unknown>): Promise<WaymarkError> {
  try {
    await call;
  } catch (error) {
    expect(error).toBeInstanceOf(WaymarkError);
    return error as WaymarkError;
  }
  throw new Error('the call was accepted');
}
