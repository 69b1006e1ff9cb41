/**
 * The long crash-safety run: `node tests/tools/crash-soak.ts [kills=200] [hostKills=40]`. Kills a core
 * worker and the browser host with SIGKILL at random moments and checks after each kill that the workspace
 * opens, passes integrity_check, and holds every acknowledged edit. Prints a summary per phase (each with
 * its own failures) and in all; exits 1 on a loss.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Workspace } from '../../electron/core/workspace.ts';
import { Ledger, ROOT, WORKER, readBack, runAndKill, runHostAndKill } from '../unit/reliability/crashHarness.ts';

/** One kill: run something that edits `file`, kill it; resolves the id of the map it edited ('' if none). */
export type KillOnce = (i: number, file: string, ledger: Ledger) => Promise<string>;

/** After a kill: what is wrong with the file (nothing, when every acknowledged edit is there), and how many cards it holds. */
export type CheckAfterKill = (file: string, mapId: string, ledger: Ledger) => { problems: string[]; cards: number };

export interface PhaseReport {
  label: string;
  kills: number;
  /** Kills after which this phase found a problem: this phase's own, never counted with another's. */
  failures: number;
  mostAcked: number;
}

/** Open the workspace (as the app would after a crash), then compare the file with what was acknowledged. */
export function checkAfterKill(backupsDir: string): CheckAfterKill {
  return (file, mapId, ledger) => {
    Workspace.open(file, { create: false, backupsDir, keepBackups: 3 }).close();
    const { integrity, cards } = readBack(file, mapId);
    const problems = [...(integrity === 'ok' ? [] : [`integrity ${integrity}`]), ...ledger.check(cards)];
    ledger.settle(cards);
    return { problems, cards: cards.size };
  };
}

/** One phase of the soak: `count` kills on one workspace file, each checked. */
export async function soak(label: string, count: number, file: string, once: KillOnce, check: CheckAfterKill, log: Pick<Console, 'log' | 'error'> = console): Promise<PhaseReport> {
  const ledger = new Ledger();
  let failures = 0;
  let mostAcked = 0;
  for (let i = 0; i < count; i++) {
    const mapId = await once(i, file, ledger);
    const { problems, cards } = check(file, mapId, ledger);
    if (problems.length > 0) {
      failures++;
      log.error(`${label} kill ${i + 1}: ${problems.slice(0, 5).join('; ')}`);
    }
    mostAcked = Math.max(mostAcked, cards);
  }
  log.log(`${label}: ${count} kills, ${failures} failures, up to ${mostAcked} cards on the map`);
  return { label, kills: count, failures, mostAcked };
}

/** The closing line, over every phase. */
export function summary(phases: readonly PhaseReport[], seconds: number): string {
  const kills = phases.reduce((n, p) => n + p.kills, 0);
  const failures = phases.reduce((n, p) => n + p.failures, 0);
  return `${kills} kills in ${seconds} s: ${failures === 0 ? 'nothing acknowledged was lost' : `${failures} kills lost acknowledged edits`}`;
}

if (import.meta.main) {
  const kills = Number(process.argv[2] ?? 200);
  const hostKills = Number(process.argv[3] ?? 40);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-soak-'));
  const check = checkAfterKill(path.join(dir, 'backups'));
  const started = Date.now();
  const phases: PhaseReport[] = [];
  try {
    phases.push(
      await soak('core', kills, path.join(dir, 'core.waymark'), async (i, file, ledger) => {
        const { ready } = await runAndKill({ worker: WORKER, workerArgs: ['core', file, String(i + 1)], killAfterMs: Math.floor(Math.random() * 400), ledger, cwd: ROOT });
        return ready?.type === 'ready' ? ready.mapId : '';
      }, check),
    );
    phases.push(
      await soak('browser host', hostKills, path.join(dir, 'browser host.waymark'), async (i, file, ledger) => {
        const { ready } = await runHostAndKill({ file, killAfterMs: Math.floor(Math.random() * 400), ledger, seed: 1000 + i });
        return ready?.type === 'ready' ? ready.mapId : '';
      }, check),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(summary(phases, Math.round((Date.now() - started) / 1000)));
  process.exit(phases.every((p) => p.failures === 0) ? 0 : 1);
}
