/**
 * The benchmarks' rows and how they are printed: a table, the notes on the frame rows and their checks, then the
 * JSON (also written to a file under bench-results/). Shared by `npm run bench` (run.ts) and the benchmarks
 * that also run on their own (canvasScale.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export interface Row {
  name: string;
  p50?: number;
  p95?: number;
  worst?: number;
  value?: number;
  unit: string;
  target?: string;
  /** How many runs p50 and worst are taken over, when there are few (the open-from-list rows). */
  runs?: number;
  samples?: number[];
  /** Frame rows: share (%) of frames that missed a vsync (over 16.7 ms) and two (over 33 ms). */
  over16?: number;
  over33?: number;
  frames?: number;
  /** Frame rows: false when the input did not take effect (the figures then say nothing). */
  valid?: boolean;
  check?: string;
}

export const ROOT = path.resolve(import.meta.dirname, '../..');

export function stats(samples: number[]): { p50: number; p95: number; worst: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), worst: s.at(-1) ?? NaN };
}

export const round = (n: number) => Math.round(n * 100) / 100;

export async function timeIt(times: number, fn: (i: number) => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

/** Print the rows as a table, the notes and the JSON; write the JSON to bench-results/`jsonName`. */
export function printReport(rows: Row[], jsonName: string): void {
  const cell = (n: number | undefined) => (n === undefined ? '' : round(n).toFixed(2));
  const pct = (n: number | undefined) => (n === undefined ? '' : `${n.toFixed(1)}%`);
  const header = ['measure', 'p50', 'p95', 'worst', 'value', 'runs', '>16.7ms', '>33ms', 'unit', 'target', 'check'];
  const verdict = (r: Row) => (r.valid === undefined ? '' : r.valid ? 'ok' : 'INVALID');
  const table = rows.map((r) => [r.name, cell(r.p50), cell(r.p95), cell(r.worst), cell(r.value), r.runs === undefined ? '' : String(r.runs), pct(r.over16), pct(r.over33), r.unit, r.target ?? '', verdict(r)]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => (t[i] ?? '').length)));
  const line = (cols: string[]) => cols.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const t of table) console.log(line(t));
  console.log('');
  console.log('Frame times are intervals between animation frames; >16.7ms and >33ms are the shares of frames that missed one vsync (interval ≥ 25 ms) and two (≥ 41.7 ms).');
  console.log('The click rows time a click on the map in the map list until the canvas marks its first complete frame; p50 and worst over the runs.');
  for (const r of rows) if (r.check !== undefined) console.log(`${r.valid ? 'ok     ' : 'INVALID'}  ${r.name}: ${r.check}`);
  console.log('');
  const round1 = (n: number | undefined) => n && Math.round(n * 10) / 10;
  const json = {
    machine: { cpus: os.cpus().length, node: process.version, platform: `${process.platform}-${process.arch}`, loadAverage: os.loadavg().map(round) },
    date: new Date().toISOString(),
    results: rows.map((r) => ({ ...r, p50: r.p50 && round(r.p50), p95: r.p95 && round(r.p95), worst: r.worst && round(r.worst), over16: round1(r.over16), over33: round1(r.over33) })),
  };
  console.log(JSON.stringify(json, null, 2));
  fs.mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench-results', jsonName), `${JSON.stringify(json, null, 2)}\n`);
}
