/**
 * The PNG export's benchmarks in headless Chromium, through the UI as a person exports (Export ▾ › PNG
 * image…, a scale, Export PNG…), timed from the click to the browser's download: the 12-stage, 1,000-card
 * map at 2× (target ≤ 3 s), and a 40-stage, 5,000-card map at 3× — far bigger than one canvas — with its
 * time and the page's peak memory (the JS heap from CDP's Performance.getMetrics, polled, and the renderer
 * process's peak resident memory, VmHWM, from /proc).
 *
 * Each file is checked while it is read, without holding its pixels: every chunk's CRC, the zlib stream
 * inflated to exactly height × (1 + width × 3) bytes, the rows unfiltered as they come, and each card's
 * fill found where the layout puts it. A picture that is not complete and correct marks its row INVALID.
 *
 * Runs inside `npm run bench` (its own workspace and host), or alone: `npm run build && node tests/bench/pngExport.ts`.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import type {} from '../../renderer/src/canvas/CanvasView.tsx';
import { Workspace } from '../../electron/core/workspace.ts';
import { CHROMIUM_ARGS, findChromium } from '../e2e/support/browser.ts';
import { spawnHost } from '../e2e/support/host.ts';
import { createBigMap } from './bigMap.ts';

export interface PngBenchRow {
  name: string;
  p50?: number;
  worst?: number;
  value?: number;
  runs?: number;
  samples?: number[];
  unit: string;
  target?: string;
  valid?: boolean;
  check?: string;
}

const WORDS = 'customer opens app compares price delivery slot basket checkout fee refund driver late substitute search account email'.split(' ');

/** A map of `stageCount` stages × 10 lanes (as bigMap.ts's, which has 12 stages) and `cards` cards. */
async function createWideMap(ws: Workspace, stageCount: number, cards: number, title: string): Promise<string> {
  const created = await ws.call('maps.create', { title, template: 'blank' });
  const mapId = created.maps[0]?.id ?? '';
  for (const l of created.lanes) await ws.call('lanes.delete', { id: l.id });
  for (const s of created.stages) await ws.call('stages.delete', { id: s.id });
  const stages = (await ws.call('batch.run', { steps: Array.from({ length: stageCount }, (_, i) => ({ name: 'stages.create', input: { mapId, name: `Stage ${i + 1}` } })) })).stages.map((s) => s.id);
  const kinds = ['text', 'touchpoints', 'text', 'pains', 'opportunities', 'text', 'emotion', 'backstage', 'text', 'evidence'] as const;
  const lanes: string[] = [];
  for (const [i, kind] of kinds.entries()) lanes.push((await ws.call('lanes.create', { mapId, kind, title: `Lane ${i + 1}` })).lanes[0]?.id ?? '');
  const cardLanes = lanes.filter((_, i) => kinds[i] !== 'emotion' && kinds[i] !== 'evidence');
  const emotionLane = lanes[kinds.indexOf('emotion')] ?? '';
  const steps = Array.from({ length: cards }, (_, i) => ({
    name: 'cards.create',
    input: {
      laneId: cardLanes[i % cardLanes.length],
      stageId: stages[Math.floor(i / cardLanes.length) % stages.length],
      text: `${i + 1}. ${Array.from({ length: 3 + (i % 9) }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(' ')}`,
    },
  }));
  for (let i = 0; i < steps.length; i += 1000) await ws.call('batch.run', { steps: steps.slice(i, i + 1000) });
  await ws.call('batch.run', { steps: stages.map((stageId, i) => ({ name: 'emotions.set', input: { laneId: emotionLane, stageId, score: (i % 5) - 2 } })) });
  return mapId;
}

/** Chromium's renderer processes now running (their pids), from /proc. */
function rendererPids(): Set<number> {
  const pids = new Set<number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'latin1');
      if (cmd.includes('--type=renderer')) pids.add(Number(entry));
    } catch {
      // gone while listing
    }
  }
  return pids;
}

/** The peak resident memory of a process so far (VmHWM), in MB; NaN when it cannot be read. */
function peakRss(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'latin1'));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

interface CardProbe {
  x: number;
  y: number;
  fill: number[];
}

/**
 * Read a PNG file as a viewer would, a piece at a time: CRCs, IHDR, one zlib stream of exactly the size the
 * header says, rows unfiltered as they arrive (any filter type), and the pixels at the probes compared.
 */
async function checkPng(file: string, probes: CardProbe[]): Promise<{ ok: boolean; note: string; width: number; height: number }> {
  const fd = fs.openSync(file, 'r');
  const read = (at: number, n: number) => {
    const b = Buffer.alloc(n);
    fs.readSync(fd, b, 0, n, at);
    return b;
  };
  try {
    const size = fs.fstatSync(fd).size;
    if (!read(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { ok: false, note: 'no PNG signature', width: 0, height: 0 };
    const ihdr = read(16, 13);
    const width = ihdr.readUInt32BE(0);
    const height = ihdr.readUInt32BE(4);
    const bpp = ihdr[9] === 6 ? 4 : 3;
    const stride = width * bpp;
    const inflate = zlib.createInflate();
    let line = Buffer.alloc(stride + 1);
    let prior = Buffer.alloc(stride);
    let filled = 0;
    let row = 0;
    let bad = 0;
    const byRow = new Map<number, CardProbe[]>();
    for (const p of probes) byRow.set(p.y, [...(byRow.get(p.y) ?? []), p]);
    inflate.on('data', (chunk: Buffer) => {
      for (let at = 0; at < chunk.length; ) {
        const n = Math.min(stride + 1 - filled, chunk.length - at);
        chunk.copy(line, filled, at, at + n);
        filled += n;
        at += n;
        if (filled < stride + 1) continue;
        const f = line[0] ?? 0;
        const cur = line.subarray(1);
        for (let i = 0; i < stride; i++) {
          const a = i >= bpp ? (cur[i - bpp] ?? 0) : 0;
          const b = prior[i] ?? 0;
          const c = i >= bpp ? (prior[i - bpp] ?? 0) : 0;
          const p = a + b - c;
          const pred = f === 1 ? a : f === 2 ? b : f === 3 ? (a + b) >> 1 : f === 4 ? (Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c) : 0;
          cur[i] = ((cur[i] ?? 0) + pred) & 0xff;
        }
        for (const probe of byRow.get(row) ?? []) {
          const px = [...cur.subarray(probe.x * bpp, probe.x * bpp + 3)];
          if (!px.every((v, i) => Math.abs(v - (probe.fill[i] ?? 0)) <= 6)) bad++;
        }
        prior = Buffer.from(cur);
        line = Buffer.alloc(stride + 1);
        filled = 0;
        row++;
      }
    });
    const done = new Promise<void>((resolve, reject) => {
      inflate.on('end', resolve);
      inflate.on('error', reject);
    });
    let chunks = 0;
    let idat = 0;
    let last = '';
    for (let at = 8; at < size; ) {
      const length = read(at, 4).readUInt32BE(0);
      const typeAndData = read(at + 4, 4 + length);
      const crc = read(at + 8 + length, 4).readUInt32BE(0);
      if (zlib.crc32(typeAndData) !== crc) return { ok: false, note: `chunk ${chunks} fails its CRC`, width, height };
      last = typeAndData.toString('latin1', 0, 4);
      if (last === 'IDAT') {
        idat++;
        if (!inflate.write(typeAndData.subarray(4))) await new Promise((resolve) => inflate.once('drain', resolve));
      }
      chunks++;
      at += 12 + length;
    }
    inflate.end();
    await done;
    const ok = last === 'IEND' && row === height && filled === 0 && bad === 0;
    return { ok, note: `${width.toLocaleString('en')} × ${height.toLocaleString('en')} px, ${idat} IDAT chunks with good CRCs, ${row.toLocaleString('en')} of ${height.toLocaleString('en')} rows decoded, ${probes.length - bad} of ${probes.length} cards' fills where the layout puts them`, width, height };
  } finally {
    fs.closeSync(fd);
  }
}

const FILLS: Record<string, number[]> = { text: [0xff, 0xf6, 0xc7], touchpoints: [0xe3, 0xed, 0xfd], pains: [0xfd, 0xe2, 0xe1], opportunities: [0xdf, 0xf5, 0xe3], backstage: [0xec, 0xe8, 0xf7] };

/** Where cards' fills must be in the picture at `scale`: a point inside each of (up to) 400 cards, near its top right. */
async function cardProbes(page: Page, bandHeight: number, scale: number): Promise<CardProbe[]> {
  const cards = await page.evaluate(() => {
    const layout = window.waymarkCanvas?.layout();
    if (!layout) throw new Error('no canvas');
    const kind = new Map(layout.lanes.map((l) => [l.id, l.kind]));
    return [...layout.cards.values()].map((c) => ({ x: c.x + c.width - 6, y: c.y + 4, kind: kind.get(c.laneId) ?? 'text' }));
  });
  const step = Math.max(1, Math.floor(cards.length / 400));
  return cards.filter((_, i) => i % step === 0).map((c) => ({ x: (184 + c.x) * scale, y: (bandHeight + 64 + c.y) * scale, fill: FILLS[c.kind] ?? [0, 0, 0] }));
}

/** Export the open map at `scale` through the dialog; the time from the click to the download, and the file. */
async function exportOnce(page: Page, scale: number, out: string): Promise<{ ms: number; size: string }> {
  await page.getByRole('button', { name: 'Export ▾' }).click();
  await page.getByRole('menuitem', { name: 'PNG image…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export a PNG image' });
  await dialog.getByRole('radio', { name: `${scale}×` }).check();
  const size = (await dialog.getByRole('status').first().textContent()) ?? '';
  const downloading = page.waitForEvent('download', { timeout: 30 * 60_000 });
  const started = performance.now();
  await dialog.getByRole('button', { name: 'Export PNG…' }).click();
  const download = await downloading;
  const ms = performance.now() - started;
  await download.saveAs(out);
  await dialog.waitFor({ state: 'hidden' });
  return { ms, size };
}

export async function benchPng(dir: string, browser: Browser, log: (msg: string) => void): Promise<PngBenchRow[]> {
  const file = path.join(dir, 'png-export.waymark');
  let ws = Workspace.open(file, { backupsDir: path.join(dir, 'png-backups') });
  log('PNG: building a 12-stage, 1,000-card map and a 40-stage, 5,000-card map');
  const twelve = await createBigMap(ws, 1000, 'PNG 12 stages');
  const forty = await createWideMap(ws, 40, 5000, 'PNG 40 stages');
  ws.close();
  ws = Workspace.open(file, { backupsDir: path.join(dir, 'png-backups') });
  const titles = new Map((await ws.call('maps.list', {})).map((m) => [m.id, m.title]));
  ws.close();
  const token = randomBytes(24).toString('base64url');
  const { child: host, url } = await spawnHost({ workspace: file, token, stderr: 'inherit' });
  const rows: PngBenchRow[] = [];
  try {
    for (const [mapId, scale, runs, label] of [
      [twelve, 2, 3, '12 stages × 10 lanes, 1,000 cards'],
      [forty, 3, 1, '40 stages × 10 lanes, 5,000 cards'],
    ] as const) {
      const before = rendererPids();
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
      const workers: string[] = [];
      page.on('worker', (w) => workers.push(w.url()));
      try {
        const u = new URL(url);
        u.searchParams.set('map', mapId);
        await page.goto(u.href);
        await page.waitForFunction(() => performance.getEntriesByName('waymark:canvas-frame').length > 0, undefined, { timeout: 120_000 });
        const renderer = [...rendererPids()].find((pid) => !before.has(pid));
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Performance.enable');
        let heap = 0;
        const sampling = setInterval(() => {
          cdp.send('Performance.getMetrics').then(
            (m) => (heap = Math.max(heap, m.metrics.find((x) => x.name === 'JSHeapUsedSize')?.value ?? 0)),
            () => undefined,
          );
        }, 200);
        const times: number[] = [];
        let size = '';
        const out = path.join(dir, `png-${scale}x.png`);
        for (let run = 0; run < runs; run++) {
          log(`PNG: ${titles.get(mapId) ?? ''} at ${scale}×, run ${run + 1} of ${runs}`);
          const once = await exportOnce(page, scale, out);
          times.push(once.ms);
          size = once.size;
        }
        clearInterval(sampling);
        // The band's height is what the picture has above the stage headers: its height less the map's.
        const laid = await page.evaluate(() => {
          const l = window.waymarkCanvas?.layout();
          return l ? { width: l.width, height: l.height } : null;
        });
        const header = await checkPngHeader(out);
        const bandHeight = laid ? header.height / scale - 64 - laid.height : 0;
        const probes = await cardProbes(page, bandHeight, scale);
        log(`PNG: reading back ${path.basename(out)} (${(fs.statSync(out).size / 1e6).toFixed(1)} MB)`);
        const check = await checkPng(out, probes);
        const expectedWidth = laid ? (184 + laid.width) * scale : NaN;
        const valid = check.ok && check.width === expectedWidth;
        const mb = (fs.statSync(out).size / 1024 / 1024).toFixed(1);
        const sorted = [...times].sort((a, b) => a - b);
        const name = `PNG export of ${label} at ${scale}× (${size.replace(/\.$/, '')}; ${mb} MB): click → download`;
        if (workers.length === 0) log('PNG: the encoder ran in the window (no worker started)');
        rows.push(
          runs > 1
            ? { name, p50: sorted[Math.floor((sorted.length - 1) / 2)], worst: sorted.at(-1), runs, samples: times.map((t) => Math.round(t)), unit: 'ms', target: scale === 2 ? '≤ 3000' : undefined, valid, check: check.note }
            : { name, value: times[0], unit: 'ms', valid, check: check.note },
        );
        rows.push({ name: `PNG export of ${label} at ${scale}×: peak JS heap (CDP JSHeapUsedSize)`, value: heap / 1024 / 1024, unit: 'MB' });
        if (renderer !== undefined) rows.push({ name: `PNG export of ${label} at ${scale}×: peak memory of the page's renderer process (VmHWM)`, value: peakRss(renderer), unit: 'MB' });
        fs.rmSync(out, { force: true });
      } finally {
        await page.close();
      }
    }
  } finally {
    host.kill('SIGTERM');
  }
  return rows;
}

async function checkPngHeader(file: string): Promise<{ width: number; height: number }> {
  const head = Buffer.alloc(24);
  const fd = await fs.promises.open(file, 'r');
  try {
    await fd.read(head, 0, 24, 0);
  } finally {
    await fd.close();
  }
  return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
}

if (import.meta.main) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-bench-png-'));
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    for (const row of await benchPng(dir, browser, (m) => process.stderr.write(`bench: ${m}\n`))) {
      const figure = row.p50 === undefined ? `${(row.value ?? NaN).toFixed(0)} ${row.unit}` : `p50 ${row.p50.toFixed(0)} ${row.unit}, worst ${(row.worst ?? NaN).toFixed(0)} ${row.unit} over ${row.runs ?? 0} runs`;
      console.log(`${row.valid === false ? 'INVALID ' : ''}${row.name}: ${figure}${row.target ? ` (target ${row.target})` : ''}${row.check ? ` — ${row.check}` : ''}`);
    }
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
