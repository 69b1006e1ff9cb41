/**
 * A full disk, for real: the workspace and its backups live on a small tmpfs, edits go on until the disk refuses
 * them, with periodic backups due all the time (a fake clock), so that the backups fill the disk too.
 * - every refused edit is a WaymarkError saying the disk is full (never an internal error), and changes nothing;
 * - every acknowledged edit is in the file (read back through a second connection, and after reopening);
 * - SQLite's integrity check passes;
 * - a periodic backup that fails for lack of space never fails an edit: it is reported (workspace.info, an event);
 * - editing resumes once space is freed (backups deleted), and backups resume once there is room for them.
 * Mounting needs root (or CAP_SYS_ADMIN) on Linux; where it is not allowed the tests are skipped, loudly.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WaymarkError } from '../../../electron/api/errors.ts';
import { Workspace } from '../../../electron/core/workspace.ts';

const SIZE = '3m';
const mnt = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-diskfull-'));

function sh(command: string, args: string[]): string | null {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.error) return r.error.message;
  return r.status === 0 ? null : `${command} ${args.join(' ')}: ${(r.stderr || r.stdout).trim() || `exit ${String(r.status)}`}`;
}

const mountProblem = process.platform !== 'linux' ? `a tmpfs needs Linux (this is ${process.platform})` : sh('mount', ['-t', 'tmpfs', '-o', `size=${SIZE}`, 'tmpfs', mnt]);
const canMount = mountProblem === null;
if (!canMount) {
  fs.rmSync(mnt, { recursive: true, force: true }); // nothing runs here, and hooks of a skipped file may not run
  console.warn(`\n!!! SKIPPED: the disk-full tests did not run: no small tmpfs could be mounted (${mountProblem}). Run them as root on Linux.\n`);
}

afterAll(() => {
  // A lazy unmount when something still holds a file open there (see the known defect below: a failed create leaks its connection).
  if (canMount && sh('umount', [mnt]) !== null) sh('umount', ['-l', mnt]);
  fs.rmSync(mnt, { recursive: true, force: true });
});

beforeEach(() => {
  if (!canMount) return;
  for (const f of fs.readdirSync(mnt)) fs.rmSync(path.join(mnt, f), { recursive: true, force: true });
  expect(sh('mount', ['-o', `remount,size=${SIZE}`, mnt])).toBeNull();
});

const opened: Workspace[] = [];
afterEach(() => {
  for (const ws of opened.splice(0)) ws.close();
});

/** A clock the test moves: periodic backups come due as often as the test likes. */
function clock() {
  let t = Date.parse('2026-11-24T09:00:00.000Z');
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

const BACKUP_INTERVAL_MS = 1000;
const STEP_MS = 700; // so a periodic backup is due every second edit

function openOn(file: string, c: ReturnType<typeof clock>): Workspace {
  const ws = Workspace.open(file, { backupsDir: path.join(mnt, 'backups'), backupIntervalMs: BACKUP_INTERVAL_MS, backupRetryMs: BACKUP_INTERVAL_MS, keepBackups: 20, now: c.now });
  opened.push(ws);
  return ws;
}

function closeWs(ws: Workspace): void {
  ws.close();
  opened.splice(opened.indexOf(ws), 1);
}

const isDiskFull = (error: unknown) => error instanceof WaymarkError && error.code === 'Conflict' && /^The disk is full; the change was not saved\./.test(error.message);
const describeError = (error: unknown) => {
  const e = error as { constructor?: { name?: string }; code?: unknown; message?: unknown };
  return `${e.constructor?.name ?? typeof error} ${String(e.code)}: ${String(e.message)}`;
};

/** Cards as they are in the file, by id: through a connection of its own, not the workspace's. */
function cardsInFile(file: string): { cards: Map<string, string>; integrity: unknown; foreignKeys: unknown[] } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT id, text FROM cards').all() as { id: string; text: string }[];
    return { cards: new Map(rows.map((r) => [r.id, r.text])), integrity: db.pragma('integrity_check', { simple: true }), foreignKeys: db.pragma('foreign_key_check') as unknown[] };
  } finally {
    db.close();
  }
}

interface Session {
  ws: Workspace;
  c: ReturnType<typeof clock>;
  laneId: string;
  stageId: string;
  /** What the file must hold: every acknowledged create, update and delete applied, nothing else. */
  expected: Map<string, string>;
  backupProblems: string[];
  n: number;
}

/**
 * One edit: mostly card creates with 3,000 characters of text, and now and then an update, a delete or a batch of
 * two creates. Applied to `expected` only when the call resolved. Returns the error of a refused edit.
 */
async function edit(s: Session): Promise<{ op: string; error: unknown } | null> {
  const n = s.n++;
  const text = (tag: string) => `${tag} ${n} `.padEnd(3000, String.fromCharCode(97 + (n % 26)));
  const ids = [...s.expected.keys()];
  const pick = ids[n % Math.max(1, ids.length)];
  const cell = { laneId: s.laneId, stageId: s.stageId };
  let op = 'cards.create';
  try {
    if (n % 7 === 3 && pick) {
      op = 'cards.update';
      const t = text('updated');
      await s.ws.call('cards.update', { id: pick, text: t });
      s.expected.set(pick, t);
    } else if (n % 11 === 5 && pick) {
      op = 'cards.delete';
      await s.ws.call('cards.delete', { id: pick });
      s.expected.delete(pick);
    } else if (n % 13 === 8) {
      op = 'batch.run';
      const steps = ['a', 'b'].map((k) => ({ name: 'cards.create', input: { ...cell, id: `c${n}${k}`, text: text(`batch ${k}`) } }));
      await s.ws.call('batch.run', { steps });
      for (const step of steps) s.expected.set(step.input.id, step.input.text);
    } else {
      const t = text('card');
      await s.ws.call('cards.create', { ...cell, id: `c${n}`, text: t });
      s.expected.set(`c${n}`, t);
    }
    return null;
  } catch (error) {
    return { op, error };
  }
}

async function startSession(file: string): Promise<Session> {
  const c = clock();
  const ws = openOn(file, c);
  const backupProblems: string[] = [];
  ws.subscribe((e) => {
    if (e.type === 'backup-problem') backupProblems.push(e.message);
  });
  const { maps } = await ws.call('maps.create', { title: 'Filling the disk', template: 'blank' });
  const doc = await ws.call('maps.get', { id: maps[0]?.id ?? '' });
  const laneId = doc.lanes.find((l) => l.kind === 'text')?.id ?? '';
  const stageId = doc.stages[0]?.id ?? '';
  expect(laneId && stageId).toBeTruthy();
  return { ws, c, laneId, stageId, expected: new Map(), backupProblems, n: 0 };
}

/** Edit until the disk has refused 30 edits in a row. */
async function fill(s: Session) {
  const refusals: { op: string; error: unknown }[] = [];
  let acked = 0;
  let ackedWhileBackupFailing = 0;
  let inARow = 0;
  for (let i = 0; i < 5000 && inARow < 30; i++) {
    s.c.advance(STEP_MS);
    const refused = await edit(s);
    if (refused) {
      refusals.push(refused);
      inARow++;
    } else {
      acked++;
      inARow = 0;
      if (s.ws.info().backupProblem !== null) ackedWhileBackupFailing++;
    }
    // Between a person's edits the event loop runs: the rolling backup under way takes its next steps.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await s.ws.idle();
  return { refusals, acked, ackedWhileBackupFailing, full: inARow >= 30 };
}

function backupFiles(): string[] {
  const dir = path.join(mnt, 'backups');
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : [];
}

describe.skipIf(!canMount)(`a full disk (tmpfs of ${SIZE})`, () => {
  it('refuses edits with a clear message, keeps every acknowledged one, and resumes once space is freed', { timeout: 120_000 }, async () => {
    const started = performance.now();
    const file = path.join(mnt, 'w.waymark');
    const s = await startSession(file);
    const { refusals, acked, ackedWhileBackupFailing, full } = await fill(s);

    // 1. Every refusal says the disk is full, whatever the edit was.
    expect(refusals.filter((r) => !isDiskFull(r.error)).map((r) => `${r.op}: ${describeError(r.error)}`)).toEqual([]);
    expect(s.ws.ctx.db.inTransaction).toBe(false);

    // 2. What was acknowledged is what the file holds (read through the workspace and through a second connection).
    const doc = await s.ws.call('maps.get', { id: (await s.ws.call('maps.list', {}))[0]?.id ?? '' });
    expect(new Map(doc.cards.map((card) => [card.id, card.text]))).toEqual(s.expected);
    const onDisk = cardsInFile(file);
    expect(onDisk.cards).toEqual(s.expected);
    expect(onDisk.integrity).toBe('ok');
    expect(s.ws.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(full, 'the disk never filled up').toBe(true);
    expect(acked).toBeGreaterThan(10);
    expect(new Set(refusals.map((r) => r.op)).size).toBeGreaterThan(1);

    // 3. A backup on the full disk fails in words and leaves no partial file. Whether a rolling backup was due
    //    just as the disk filled depends on the file's size (they are taken after edits that were saved); any that
    //    failed were reported in the same words (that no such failure fails an edit is the next test).
    await expect(s.ws.backupOnline('manual')).rejects.toThrow(/The backup could not be written \(the disk is full\)\. Your workspace is unchanged/);
    expect(s.backupProblems.every((m) => m === 'the disk is full')).toBe(true);
    if (s.backupProblems.length > 0) expect([null, 'the disk is full']).toContain(s.ws.info().backupProblem);
    expect(backupFiles().filter((f) => f.endsWith('.partial'))).toEqual([]); // a failed backup leaves no partial file

    // 4. Freeing space (the backups, which took much of it) lets editing go on in the same session. The clock
    //    stands still meanwhile, so no backup is due that would take the space back.
    const freed = backupFiles().reduce((sum, f) => sum + fs.statSync(f).size, 0);
    expect(freed).toBeGreaterThan(100_000);
    for (const f of backupFiles()) fs.rmSync(f);
    for (let i = 0; i < 3; i++) {
      const refused = await edit(s);
      expect(refused && `${refused.op}: ${describeError(refused.error)}`).toBeNull();
    }

    // 5. With room enough, periodic backups succeed again and the problem is cleared.
    expect(sh('mount', ['-o', 'remount,size=64m', mnt])).toBeNull();
    for (let i = 0; i < 4; i++) {
      s.c.advance(STEP_MS);
      const refused = await edit(s);
      expect(refused && `${refused.op}: ${describeError(refused.error)}`).toBeNull();
      await s.ws.idle();
    }
    expect(s.ws.info().backupProblem).toBeNull();
    expect(backupFiles().some((f) => f.endsWith('_periodic.waymark'))).toBe(true);

    // 6. Closed and opened again: everything acknowledged is there, and nothing refused.
    closeWs(s.ws);
    const again = openOn(file, s.c);
    const reopened = await again.call('maps.get', { id: doc.map.id });
    expect(new Map(reopened.cards.map((card) => [card.id, card.text]))).toEqual(s.expected);
    const final = cardsInFile(file);
    expect(final.cards).toEqual(s.expected);
    expect(final.integrity).toBe('ok');
    expect(final.foreignKeys).toEqual([]);
    console.log(
      `disk-full run: ${acked} edits acknowledged (${ackedWhileBackupFailing} while the last backup had failed), ${refusals.length} refused ` +
        `(${[...new Set(refusals.map((r) => r.op))].join(', ')}), ${s.backupProblems.length} backup failures reported, ${(freed / 1024).toFixed(0)} KiB of backups freed, ` +
        `${(performance.now() - started).toFixed(0)} ms`,
    );
  });

  it('a periodic backup that fails for lack of space fails no edit: it is reported, retried, and cleared once there is room', async () => {
    const file = path.join(mnt, 'w.waymark');
    const s = await startSession(file);
    // About 600 KiB of cards in one transaction (the clock stands still: no backup is due), checkpointed into the
    // file: 75 cards of 3,900 characters, each text held in the table and in the index of the answer's order.
    const steps = Array.from({ length: 75 }, (_, i) => ({ name: 'cards.create', input: { laneId: s.laneId, stageId: s.stageId, id: `big${i}`, text: `big ${i} `.padEnd(3900, 'b') } }));
    await s.ws.call('batch.run', { steps });
    for (const step of steps) s.expected.set(step.input.id, step.input.text);
    s.ws.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    // Room for a few edits, not for a copy of the workspace.
    leaveOnly(256 * 1024);
    const problems: (string | null)[] = [];
    for (let i = 0; i < 5; i++) {
      s.c.advance(STEP_MS);
      const refused = await edit(s); // a backup is due every other edit: it starts after the answer
      expect(refused && `${refused.op}: ${describeError(refused.error)}`).toBeNull();
      await s.ws.idle(); // ... and fails, while the workspace goes on
      problems.push(s.ws.info().backupProblem);
    }
    expect(problems.filter((p) => p !== null)).not.toEqual([]);
    expect(problems.every((p) => p === null || p === 'the disk is full')).toBe(true);
    expect(s.backupProblems.length).toBeGreaterThanOrEqual(2); // reported, and tried again after backupRetryMs
    expect(backupFiles()).toEqual([]); // no partial copy left behind to take the space
    expect(cardsInFile(file).cards).toEqual(s.expected);
    // Room again: the next backup due succeeds and the problem is cleared.
    fs.rmSync(path.join(mnt, 'ballast'));
    s.c.advance(STEP_MS * 2);
    expect(await edit(s)).toBeNull();
    await s.ws.idle();
    expect(s.ws.info().backupProblem).toBeNull();
    expect(backupFiles().map((f) => path.basename(f))).toEqual([expect.stringMatching(/_periodic\.waymark$/)]);
  });
});

/** Fill what is left of the tmpfs with a ballast file, leaving about `leave` bytes. */
function leaveOnly(leave: number): void {
  const { bavail, bsize } = fs.statfsSync(mnt);
  fs.writeFileSync(path.join(mnt, 'ballast'), Buffer.alloc(Math.max(0, bavail * bsize - leave)));
}

function openFdsUnder(dir: string): string[] {
  return fs.readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = fs.readlinkSync(`/proc/self/fd/${fd}`);
      return target.startsWith(dir) ? [target] : [];
    } catch {
      return [];
    }
  });
}

/** Opening and creating on a full disk: found by this suite, fixed in core, kept as regression tests. */
describe.skipIf(!canMount)('a full disk: opening and creating', () => {
  const reopenCases = [
    { leave: 16 * 1024, now: 'the read-only check cannot create its 32 KiB -shm: once called "damaged"' },
    { leave: 128 * 1024, now: 'the backup taken at open cannot be written: once a raw SQLITE_FULL' },
  ];
  for (const { leave, now } of reopenCases) {
    it(`opening an existing workspace with ${leave / 1024} KiB free opens it or refuses saying the disk is full (${now})`, async () => {
      const file = path.join(mnt, 'existing.waymark');
      const c = clock();
      const ws = openOn(file, c);
      await ws.call('maps.create', { title: 'Kept', template: 'purchase-journey' });
      closeWs(ws);
      leaveOnly(leave);
      let error: unknown = null;
      try {
        closeWs(openOn(file, c));
      } catch (e) {
        error = e;
      }
      if (error !== null) expect(describeError(error)).toMatch(/^WaymarkError \w+: .*disk is full/);
    });
  }

  it('creating a workspace on a full disk is refused with a clear message, leaves nothing behind and holds no file open (once a raw SQLITE_FULL and a leaked connection)', () => {
    leaveOnly(64 * 1024);
    const file = path.join(mnt, 'new.waymark');
    let error: unknown = null;
    try {
      closeWs(openOn(file, clock()));
    } catch (e) {
      error = e;
    }
    expect(error).not.toBeNull();
    expect(fs.readdirSync(mnt).sort()).toEqual(['ballast']);
    expect(openFdsUnder(mnt)).toEqual([]);
    expect(describeError(error)).toMatch(/^WaymarkError \w+: .*disk is full/);
  });
});
