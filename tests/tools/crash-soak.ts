/**
 * The long crash-safety run: `node tests/tools/crash-soak.ts [kills=200] [hostKills=40]`. Kills a core
 * worker and the browser host with SIGKILL at random moments and checks after each kill that the workspace
 * opens, passes integrity_check, and holds every acknowledged edit. Prints a summary; exits 1 on a loss.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Workspace } from '../../electron/core/workspace.ts';
import { Ledger, ROOT, WORKER, readBack, runAndKill, runHostAndKill } from '../unit/reliability/crashHarness.ts';

const kills = Number(process.argv[2] ?? 200);
const hostKills = Number(process.argv[3] ?? 40);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-soak-'));
let failures = 0;
const started = Date.now();

async function soak(label: string, count: number, once: (i: number, file: string, ledger: Ledger) => Promise<string>): Promise<void> {
  const file = path.join(dir, `${label}.waymark`);
  const ledger = new Ledger();
  let mostAcked = 0;
  for (let i = 0; i < count; i++) {
    const mapId = await once(i, file, ledger);
    Workspace.open(file, { create: false, backupsDir: path.join(dir, 'backups'), keepBackups: 3 }).close();
    const { integrity, cards } = readBack(file, mapId);
    const problems = ledger.check(cards);
    if (integrity !== 'ok' || problems.length > 0) {
      failures++;
      console.error(`${label} kill ${i + 1}: integrity ${integrity}; ${problems.slice(0, 5).join('; ')}`);
    }
    ledger.settle(cards);
    mostAcked = Math.max(mostAcked, cards.size);
  }
  console.log(`${label}: ${count} kills, ${failures} failures, up to ${mostAcked} cards on the map`);
}

try {
  await soak('core', kills, async (i, file, ledger) => {
    const { ready } = await runAndKill({ worker: WORKER, workerArgs: ['core', file, String(i + 1)], killAfterMs: Math.floor(Math.random() * 400), ledger, cwd: ROOT });
    return ready?.type === 'ready' ? ready.mapId : '';
  });
  await soak('browser host', hostKills, async (i, file, ledger) => {
    const { ready } = await runHostAndKill({ file, killAfterMs: Math.floor(Math.random() * 400), ledger, seed: 1000 + i });
    return ready?.type === 'ready' ? ready.mapId : '';
  });
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(`${kills + hostKills} kills in ${Math.round((Date.now() - started) / 1000)} s: ${failures === 0 ? 'nothing acknowledged was lost' : `${failures} kills lost acknowledged edits`}`);
process.exit(failures === 0 ? 0 : 1);
