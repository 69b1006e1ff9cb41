/**
 * Crash safety: a worker process makes a random stream of edits and reports each one twice — `intent`
 * before it is sent, `ack` once the workspace has acknowledged it — and is killed with SIGKILL at a random
 * moment. Afterwards every acknowledged edit must be in the file; the one edit in flight may or may not be.
 */
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import path from 'node:path';
import { spawnHost } from '../../e2e/support/host.ts';

export interface CardState {
  text: string;
  stageId: string;
}

/** What a worker says on stdout, one JSON object a line. */
export type WorkerLine =
  | { type: 'ready'; mapId: string; laneId: string; stageIds: string[] }
  | { type: 'intent' | 'ack'; seq: number; card: string; state: CardState | null };

/** The truth as the parent knows it: per card, the acknowledged state and any unacknowledged newer one. */
export class Ledger {
  private readonly acked = new Map<string, CardState | null>();
  private readonly pending = new Map<string, CardState | null>();

  apply(line: WorkerLine): void {
    if (line.type === 'intent') this.pending.set(line.card, line.state);
    else if (line.type === 'ack') {
      this.acked.set(line.card, line.state);
      this.pending.delete(line.card);
    }
  }

  get ackedCount(): number {
    return this.acked.size;
  }

  /** After a check, the file is the truth: the edit that was in flight either landed or did not. */
  settle(found: ReadonlyMap<string, CardState>): void {
    for (const id of this.pending.keys()) this.acked.set(id, found.get(id) ?? null);
    this.pending.clear();
    for (const [id, state] of this.acked) if (state === null) this.acked.delete(id);
  }

  /** Compare with the cards found in the file; returns the problems (empty when every ack survived). */
  check(found: ReadonlyMap<string, CardState>): string[] {
    const problems: string[] = [];
    const same = (a: CardState | null | undefined, b: CardState | undefined) => (a ?? undefined)?.text === b?.text && (a ?? undefined)?.stageId === b?.stageId;
    for (const [id, state] of this.acked) {
      const actual = found.get(id);
      const ok = same(state, actual) || (this.pending.has(id) && same(this.pending.get(id), actual));
      if (!ok) problems.push(`card ${id}: acknowledged ${JSON.stringify(state)}, found ${JSON.stringify(actual ?? null)}`);
    }
    for (const [id, actual] of found) {
      if (!this.acked.has(id) && !(this.pending.has(id) && same(this.pending.get(id), actual))) problems.push(`card ${id} exists but was never acknowledged`);
    }
    return problems;
  }
}

/** Read the cards of a map straight from the file, after SQLite's own integrity check. */
export function readBack(file: string, mapId: string): { integrity: string; cards: Map<string, CardState> } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check', { simple: true }) as string) || '';
    const rows = db.prepare('SELECT id, text, stage_id AS stageId FROM cards WHERE map_id = ?').all(mapId) as { id: string; text: string; stageId: string }[];
    return { integrity, cards: new Map(rows.map((r) => [r.id, { text: r.text, stageId: r.stageId }])) };
  } finally {
    db.close();
  }
}

/** Call `onLine` with each complete JSON line a worker writes. A partial last line (cut by a kill) is dropped. */
function readLines(stream: NodeJS.ReadableStream, onLine: (line: WorkerLine) => void): void {
  let buffer = '';
  stream.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const text = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (text) onLine(JSON.parse(text) as WorkerLine);
    }
  });
}

/** Run one worker until a random moment, kill it with SIGKILL, and return what it reported. */
export async function runAndKill(args: { worker: string; workerArgs: string[]; killAfterMs: number; ledger: Ledger; cwd: string }): Promise<{ ready: WorkerLine | null }> {
  const child = spawn(process.execPath, [args.worker, ...args.workerArgs], { cwd: args.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let ready: WorkerLine | null = null;
  let stderr = '';
  let killTimer: NodeJS.Timeout | undefined;
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  readLines(child.stdout, (line) => {
    if (line.type === 'ready') {
      ready = line;
      killTimer = setTimeout(() => child.kill('SIGKILL'), args.killAfterMs);
    } else args.ledger.apply(line);
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(killTimer);
  if (code !== null) throw new Error(`worker exited by itself with ${code} instead of being killed:\n${stderr}`);
  // A partial last line is an intent or ack that never fully reached us: like an edit in flight, ignore it.
  return { ready };
}

/** The browser host variant: the server is killed while a client process edits through it. */
export async function runHostAndKill(args: { file: string; killAfterMs: number; ledger: Ledger; seed: number }): Promise<{ ready: WorkerLine | null }> {
  const token = `crash-harness-${args.seed}-${Date.now()}-0123456789abcdef`; // the host wants 32 characters or more
  const { child: host, url } = await spawnHost({ workspace: args.file, token });
  const hostExit = new Promise<void>((resolve) => host.once('exit', () => resolve()));
  const client = spawn(process.execPath, [WORKER, 'http', url, token, String(args.seed)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
  const clientExit = new Promise<void>((resolve) => client.once('exit', () => resolve()));
  let ready: WorkerLine | null = null;
  readLines(client.stdout, (line) => {
    if (line.type === 'ready') {
      ready = line;
      setTimeout(() => host.kill('SIGKILL'), args.killAfterMs);
    } else args.ledger.apply(line);
  });
  await hostExit;
  // No acknowledgement can come from a dead server; stop the client too.
  client.kill('SIGKILL');
  await clientExit;
  return { ready };
}

export const WORKER = path.resolve(import.meta.dirname, 'crashWorker.ts');
export const ROOT = path.resolve(import.meta.dirname, '../../..');
