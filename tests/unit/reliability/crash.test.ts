/**
 * Nothing the UI showed as saved is lost: edits acknowledged by core, or by the browser host over HTTP,
 * survive the process being killed with SIGKILL at a random moment. A longer run (≥ 200 kills) is
 * `node tests/tools/crash-soak.ts`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../../electron/core/workspace.ts';
import { Ledger, ROOT, WORKER, readBack, runAndKill, runHostAndKill } from './crashHarness.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-crash-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** After a kill: the workspace opens (quick_check, backup), SQLite's integrity check passes, every ack is there. */
function verify(file: string, mapId: string, ledger: Ledger): void {
  Workspace.open(file, { create: false, backupsDir: path.join(dir, 'backups'), keepBackups: 3 }).close();
  const { integrity, cards } = readBack(file, mapId);
  expect(integrity).toBe('ok');
  expect(ledger.check(cards)).toEqual([]);
  ledger.settle(cards);
}

describe('crash safety', () => {
  it('keeps every edit acknowledged by core across 30 SIGKILLs', { timeout: 120_000 }, async () => {
    const file = path.join(dir, 'crash.waymark');
    const ledger = new Ledger();
    let mapId = '';
    let acked = 0;
    for (let i = 0; i < 30; i++) {
      const { ready } = await runAndKill({ worker: WORKER, workerArgs: ['core', file, String(i + 1)], killAfterMs: 5 + ((i * 37) % 250), ledger, cwd: ROOT });
      if (ready?.type === 'ready') mapId = ready.mapId;
      verify(file, mapId, ledger);
      acked = Math.max(acked, ledger.ackedCount);
    }
    expect(mapId).not.toBe('');
    expect(acked).toBeGreaterThan(30); // the workers really were editing when they were killed
  });

  it('keeps every edit acknowledged over HTTP when the browser host is killed, 10 times', { timeout: 120_000 }, async () => {
    const file = path.join(dir, 'host.waymark');
    const ledger = new Ledger();
    let mapId = '';
    for (let i = 0; i < 10; i++) {
      const { ready } = await runHostAndKill({ file, killAfterMs: 30 + ((i * 53) % 300), ledger, seed: 100 + i });
      if (ready?.type === 'ready') mapId = ready.mapId;
      verify(file, mapId, ledger);
    }
    expect(mapId).not.toBe('');
    expect(ledger.ackedCount).toBeGreaterThan(5);
  });
});
