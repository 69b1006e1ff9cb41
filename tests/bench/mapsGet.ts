/**
 * `maps.get` of a big map, in-process and over HTTP: the plain MapDocument and the compact wire form
 * (`maps.getColumns`, decoded back into the MapDocument as the renderer's client does).
 * The engine keeps the JSON text of the last few maps.getColumns answers (electron/core/mapJsonCache.ts) and brings
 * one up to date after this connection's writes, so each of its rows says which read it times: whole (the answers
 * held were dropped just before, untimed — in-process by the cache itself, over HTTP by another connection's commit
 * to the file, as another window's would — so the map is read whole from SQLite), after an edit (a card of the map
 * was edited just before, untimed: the answer held is brought up to date, that card read again) or warm (the same
 * map again, unchanged: answered from the text the engine holds).
 * `benchMapsGet()` returns the rows (for a caller such as `npm run bench`); run alone, it prints them:
 *   node tests/bench/mapsGet.ts [cards]        (default 55,000)
 * The map is seeded through the contract: 12 stages, four lanes (actions, touchpoints, thoughts, emotion),
 * the cards spread over the three card lanes, touchpoints with channels, a few colours, votes and evidence.
 */
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { MapColumnsDocument } from '../../electron/api/mapColumns.ts';
import { decodeMapColumns } from '../../electron/api/mapColumns.ts';
import { CHANNELS, EVIDENCE_STATUSES } from '../../electron/api/types.ts';
import { Workspace } from '../../electron/core/workspace.ts';
import { spawnHost } from '../e2e/support/host.ts';

const WORDS = 'customer opens app compares price delivery slot basket checkout fee refund driver late substitute search account email'.split(' ');
const COLORS = ['#fde68a', '#bfdbfe', '#fecaca'] as const;

/** A map of 12 stages × actions/touchpoints/thoughts/emotion with `cards` cards; returns its id. */
export async function createWideMap(ws: Workspace, cards: number, title = `Benchmark ${cards} cards`): Promise<string> {
  const created = await ws.call('maps.create', { title, template: 'blank' });
  const mapId = created.maps[0]?.id ?? '';
  for (const l of created.lanes) await ws.call('lanes.delete', { id: l.id });
  for (const s of created.stages) await ws.call('stages.delete', { id: s.id });
  const stages: string[] = [];
  for (let i = 0; i < 12; i++) stages.push((await ws.call('stages.create', { mapId, name: `Stage ${i + 1}` })).stages[0]?.id ?? '');
  const lanes = [
    { kind: 'text', title: 'Actions' },
    { kind: 'touchpoints', title: 'Touchpoints' },
    { kind: 'text', title: 'Thoughts' },
    { kind: 'emotion', title: 'Emotion' },
  ] as const;
  const laneIds: string[] = [];
  for (const lane of lanes) laneIds.push((await ws.call('lanes.create', { mapId, ...lane })).lanes[0]?.id ?? '');
  const cardLanes = laneIds.slice(0, 3);
  let steps: { name: string; input: unknown }[] = [];
  for (let i = 0; i < cards; i++) {
    const lane = i % cardLanes.length;
    const words = Array.from({ length: 3 + (i % 9) }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(' ');
    steps.push({
      name: 'cards.create',
      input: {
        laneId: cardLanes[lane],
        stageId: stages[Math.floor(i / cardLanes.length) % stages.length],
        text: `${i + 1}. ${words}`,
        ...(lane === 1 ? { channel: CHANNELS[i % CHANNELS.length] } : {}),
        ...(i % 5 === 0 ? { color: COLORS[i % COLORS.length] } : {}),
        ...(i % 7 === 0 ? { votes: i % 4 } : {}),
        evidence: EVIDENCE_STATUSES[i % EVIDENCE_STATUSES.length],
      },
    });
    if (steps.length === 1000) {
      await ws.call('batch.run', { steps });
      steps = [];
    }
  }
  if (steps.length > 0) await ws.call('batch.run', { steps });
  for (const [i, stageId] of stages.entries()) await ws.call('emotions.set', { laneId: laneIds[3] ?? '', stageId, score: (i % 5) - 2 });
  return mapId;
}

export interface MapsGetRow {
  name: string;
  /** One figure per run, in ms. */
  samples: number[];
  unit: 'ms';
  target?: string;
  /** The size of the answer's JSON text, where it has one. */
  bytes?: number;
}

export interface MapsGetOptions {
  cards?: number;
  /** Timed runs of each row (after two untimed ones). */
  runs?: number;
  log?: (message: string) => void;
}

/** `fn` timed `times` times after two untimed runs; `before` (untimed) runs before each of them. */
async function timeIt(times: number, fn: () => unknown, before: () => unknown = () => undefined): Promise<number[]> {
  for (let i = 0; i < 2; i++) {
    await before();
    await fn();
  }
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    await before();
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

const WHOLE = 'whole: the answers held dropped just before, so read from SQLite';
const COLD = 'after an edit: a card edited just before, the answer held brought up to date';
const WARM = 'warm: unchanged, from the engine’s cached JSON text';

/** The rows: maps.get and maps.getColumns (+ decode) of one map of `cards` cards, in-process and over HTTP. */
export async function benchMapsGet(options: MapsGetOptions = {}): Promise<MapsGetRow[]> {
  const cards = options.cards ?? 55_000;
  const runs = options.runs ?? 15;
  const log = options.log ?? (() => undefined);
  const label = cards.toLocaleString('en-GB');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-bench-maps-get-'));
  const file = path.join(dir, 'maps-get.waymark');
  const rows: MapsGetRow[] = [];
  try {
    log(`maps.get: building a map of ${label} cards`);
    let ws = Workspace.open(file);
    const id = await createWideMap(ws, cards);
    ws.close();
    ws = Workspace.open(file, { backupsDir: path.join(dir, 'backups') });
    let cardId = '';
    let edits = 0;
    try {
      const doc = await ws.call('maps.get', { id });
      cardId = doc.cards[0]?.id ?? '';
      const edit = () => ws.call('cards.update', { id: cardId, text: `Bench edit ${++edits}` });
      const bytes = Buffer.byteLength(JSON.stringify(doc));
      const columnBytes = Buffer.byteLength(JSON.stringify(await ws.call('maps.getColumns', { id })));
      const json = () => ws.callJson('maps.getColumns', { id });
      rows.push({ name: `maps.get ${label} cards, in-process (objects, always read)`, samples: await timeIt(runs, () => ws.call('maps.get', { id })), unit: 'ms', bytes });
      const objects = () => ws.call('maps.getColumns', { id });
      const drop = () => ws.mapJson.clear();
      rows.push({ name: `maps.getColumns ${label} cards, in-process objects (ws.call), ${WHOLE} (its text then kept)`, samples: await timeIt(runs, objects, drop), unit: 'ms', bytes: columnBytes });
      rows.push({ name: `maps.getColumns ${label} cards, in-process objects (ws.call), ${COLD} (parsed)`, samples: await timeIt(runs, objects, edit), unit: 'ms', bytes: columnBytes });
      rows.push({ name: `maps.getColumns ${label} cards, in-process objects (ws.call), ${WARM} (parsed)`, samples: await timeIt(runs, objects), unit: 'ms', bytes: columnBytes });
      rows.push({ name: `maps.getColumns ${label} cards, in-process JSON text (ws.callJson), ${WHOLE}`, samples: await timeIt(runs, json, drop), unit: 'ms', bytes: columnBytes });
      rows.push({ name: `maps.getColumns ${label} cards, in-process JSON text (ws.callJson), ${COLD}`, samples: await timeIt(runs, json, edit), unit: 'ms', bytes: columnBytes });
      rows.push({ name: `maps.getColumns ${label} cards, in-process JSON text (ws.callJson), ${WARM}`, samples: await timeIt(runs, json), unit: 'ms', bytes: columnBytes });
    } finally {
      ws.close();
    }

    const token = randomBytes(24).toString('base64url');
    const { child, origin } = await spawnHost({ workspace: file, token, stderr: 'inherit' });
    try {
      const post = async (name: string, input: unknown = { id }): Promise<{ value: unknown; bytes: number }> => {
        const res = await fetch(`${origin}/api/${name}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(input),
        });
        const text = await res.text();
        if (!res.ok) throw new Error(`${name}: ${res.status} ${text.slice(0, 200)}`);
        return { value: (JSON.parse(text) as { result: unknown }).result, bytes: Buffer.byteLength(text) };
      };
      const plain = await post('maps.get');
      rows.push({ name: `maps.get ${label} cards over HTTP (fetch, JSON.parse)`, samples: await timeIt(runs, () => post('maps.get')), unit: 'ms', bytes: plain.bytes });
      const compact = await post('maps.getColumns');
      const decoded = async () => decodeMapColumns((await post('maps.getColumns')).value as MapColumnsDocument);
      const edit = () => post('cards.update', { id: cardId, text: `Bench edit ${++edits}` });
      // Another connection to the file (another window's host) commits: the engine's answers are all dropped.
      const otherWindow = new Database(file);
      try {
        // A write that changes the row (SQLite commits no page for one that writes the same bytes again).
        const commitElsewhere = () => otherWindow.prepare('UPDATE maps SET updated_at = ? WHERE id = ?').run(new Date(Date.UTC(2026, 0, 1) + ++edits).toISOString(), id);
        for (const [which, before] of [
          [WHOLE, commitElsewhere],
          [COLD, edit],
          [WARM, () => undefined],
        ] as const) {
          rows.push({
            name: `maps.getColumns ${label} cards over HTTP (fetch, JSON.parse, decode to the MapDocument), ${which}`,
            samples: await timeIt(runs, decoded, before),
            unit: 'ms',
            target: '≤ 60',
            bytes: compact.bytes,
          });
        }
      } finally {
        otherWindow.close();
      }
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    return rows;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const cards = Number(process.argv[2] ?? 55_000);
  const rows = await benchMapsGet({ cards, log: (m) => process.stderr.write(`bench: ${m}\n`) });
  const at = (s: number[], q: number) => [...s].sort((a, b) => a - b)[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))] ?? NaN;
  for (const row of rows) {
    const kb = row.bytes === undefined ? '' : `  ${(row.bytes / 1e6).toFixed(2)} MB`;
    console.log(`${row.name}: p50 ${at(row.samples, 0.5).toFixed(1)} ms, p95 ${at(row.samples, 0.95).toFixed(1)} ms${row.target ? ` (target ${row.target})` : ''}${kb}`);
  }
  console.log(JSON.stringify(rows.map((r) => ({ name: r.name, p50: at(r.samples, 0.5), p95: at(r.samples, 0.95), unit: r.unit, target: r.target, bytes: r.bytes }))));
}
