/**
 * `npm run bench`: performance figures for the workspace engine (in-process and over HTTP) and for the
 * canvas in headless Chromium. Prints a table and JSON (also written to bench-results/latest.json).
 * Targets are shown beside the figures; nothing here fails a build.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from '@playwright/test';
import { Workspace } from '../../electron/core/workspace.ts';
import { CHROMIUM_ARGS, findChromium } from '../e2e/support/browser.ts';
import { spawnHost } from '../e2e/support/host.ts';
import { createBigMap } from './bigMap.ts';
import { driveFrames, type FrameAction } from './frames.ts';

interface Row {
  name: string;
  p50?: number;
  p95?: number;
  worst?: number;
  value?: number;
  unit: string;
  target?: string;
}
const rows: Row[] = [];
const ROOT = path.resolve(import.meta.dirname, '../..');

function stats(samples: number[]): { p50: number; p95: number; worst: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), worst: s.at(-1) ?? NaN };
}
const round = (n: number) => Math.round(n * 100) / 100;
async function timeIt(times: number, fn: (i: number) => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}
const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-bench-'));
const file = path.join(dir, 'bench.waymark');
try {
  // ---- Engine, in-process ------------------------------------------------------------------------
  log('building maps of 5,000 and 1,000 cards');
  let ws = Workspace.open(file);
  const big = await createBigMap(ws, 5000);
  const small = await createBigMap(ws, 1000);
  ws.close();

  const open = await timeIt(5, () => Workspace.open(file, { backupsDir: path.join(dir, 'backups') }).close());
  rows.push({ name: 'open workspace (quick_check + backup), 6,000 cards', ...stats(open), unit: 'ms' });
  ws = Workspace.open(file, { backupsDir: path.join(dir, 'backups') });
  rows.push({ name: 'maps.get 12×10×5,000, in-process', ...stats(await timeIt(30, () => ws.call('maps.get', { id: big }))), unit: 'ms', target: '≤ 50' });
  rows.push({ name: 'maps.get 12×10×1,000, in-process', ...stats(await timeIt(30, () => ws.call('maps.get', { id: small }))), unit: 'ms' });
  const cards = (await ws.call('maps.get', { id: big })).cards.map((c) => c.id);
  const edits = await timeIt(1000, (i) => ws.call('cards.update', { id: cards[(i * 37) % cards.length] ?? '', text: `edited ${i}` }));
  rows.push({ name: 'cards.update, in-process', ...stats(edits), unit: 'ms', target: 'p95 ≤ 2' });
  ws.close();

  // ---- Engine over HTTP (the browser host in its own process) -------------------------------------
  const token = randomBytes(24).toString('base64url');
  const { child: host, url, origin } = await spawnHost({ workspace: file, token, stderr: 'inherit' });
  const post = async (name: string, input: unknown) => {
    const res = await fetch(`${origin}/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
    if (!res.ok) throw new Error(`${name}: ${res.status}`);
    return res.json() as Promise<unknown>;
  };
  try {
    rows.push({ name: 'maps.get 12×10×5,000, over HTTP', ...stats(await timeIt(20, () => post('maps.get', { id: big }))), unit: 'ms' });
    await timeIt(50, (i) => post('cards.update', { id: cards[i] ?? '', text: `warm ${i}` }));
    const httpEdits = await timeIt(1000, (i) => post('cards.update', { id: cards[(i * 41) % cards.length] ?? '', text: `over http ${i}` }));
    rows.push({ name: 'cards.update, over HTTP', ...stats(httpEdits), unit: 'ms', target: 'p95 ≤ 10' });

    // ---- Canvas in headless Chromium ----------------------------------------------------------------
    const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    try {
      for (const [label, mapId] of [
        ['5,000', big],
        ['1,000', small],
      ] as const) {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        await page.addInitScript(() => localStorage.setItem('waymark.view', 'canvas'));
        const u = new URL(url);
        u.searchParams.set('map', mapId);
        await page.goto(u.href);
        await page.waitForFunction(() => performance.getEntriesByName('waymark:canvas-frame').length > 0, undefined, { timeout: 60_000 });
        const marks = await page.evaluate(() => {
          const at = (n: string) => performance.getEntriesByName(n)[0]?.startTime ?? NaN;
          return { data: at('waymark:map-data'), frame: at('waymark:canvas-frame') };
        });
        rows.push({ name: `canvas ${label} cards: data → first complete frame`, value: round(marks.frame - marks.data), unit: 'ms', target: label === '5,000' ? '≤ 1000' : undefined });
        rows.push({ name: `canvas ${label} cards: page start → first complete frame`, value: round(marks.frame), unit: 'ms' });
        for (const action of ['pan', 'zoom', 'drag'] as FrameAction[]) {
          await page.getByRole('button', { name: 'Zoom to 100%' }).click();
          await page.waitForTimeout(200);
          const grab = action === 'drag' ? await cardGrabPoint(page) : null;
          const deltas = await page.evaluate(driveFrames, { action, durationMs: 2000, grab });
          rows.push({ name: `canvas ${label} cards: frame time while ${action === 'drag' ? 'dragging a card' : action === 'pan' ? 'panning' : 'zooming'}`, ...stats(deltas), unit: 'ms', target: action === 'zoom' ? undefined : 'p95 ≤ 16.7' });
          if (action === 'drag') await page.keyboard.press('Control+z'); // leave the map as it was
        }
        await page.close();
      }
    } finally {
      await browser.close();
    }
  } finally {
    host.kill('SIGTERM');
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

async function cardGrabPoint(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(() => {
    const api = window.waymarkCanvas;
    const box = document.querySelector('.canvas-box')?.getBoundingClientRect();
    if (!api || !box) throw new Error('no canvas');
    const v = api.viewport();
    const card = [...api.layout().cards.values()].find((c) => c.y > v.y + 20 && c.x > v.x + 20);
    if (!card) throw new Error('no card on screen');
    return { x: box.left + 184 * v.scale + (card.x + 20 - v.x) * v.scale, y: box.top + 64 * v.scale + (card.y + 10 - v.y) * v.scale };
  });
}

// ---- Report ---------------------------------------------------------------------------------------
const cell = (n: number | undefined) => (n === undefined ? '' : round(n).toFixed(2));
const header = ['measure', 'p50', 'p95', 'worst', 'value', 'unit', 'target'];
const table = rows.map((r) => [r.name, cell(r.p50), cell(r.p95), cell(r.worst), cell(r.value), r.unit, r.target ?? '']);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => (t[i] ?? '').length)));
const line = (cols: string[]) => cols.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const t of table) console.log(line(t));
const json = { machine: { cpus: os.cpus().length, node: process.version, platform: `${process.platform}-${process.arch}` }, date: new Date().toISOString(), results: rows.map((r) => ({ ...r, p50: r.p50 && round(r.p50), p95: r.p95 && round(r.p95), worst: r.worst && round(r.worst) })) };
console.log(JSON.stringify(json, null, 2));
fs.mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'bench-results', 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
