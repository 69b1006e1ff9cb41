/**
 * `npm run bench`: performance figures for the workspace engine (in-process and over HTTP) and for the
 * canvas in headless Chromium. Prints a table and JSON (also written to bench-results/latest.json).
 * Targets are shown beside the figures; nothing here fails a build. Each canvas frame row is checked for
 * its input having taken effect (the viewport moved, the card landed in another cell in the workspace);
 * a row whose input did not is marked INVALID, with what was seen.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { Workspace } from '../../electron/core/workspace.ts';
import { CHROMIUM_ARGS, findChromium } from '../e2e/support/browser.ts';
import { spawnHost } from '../e2e/support/host.ts';
import { createBigMap } from './bigMap.ts';
import { addEvidence } from './evidence.ts';
import { measureAction, openByUrl, openFromList, type OpenTiming } from './canvas.ts';
import { benchQuoteImport } from './quoteImport.ts';
import { benchQuoteBoard } from './quoteBoard.ts';
import { benchPng } from './pngExport.ts';
import { benchXlsxExport } from './xlsxExport.ts';
import type { FrameAction } from './frames.ts';
import { printReport, round, stats, timeIt, type Row } from './report.ts';
import { benchCanvasScale } from './canvasScale.ts';

const rows: Row[] = [];
const BIG_TITLE = 'Benchmark 5000 cards';
const SMALL_TITLE = 'Benchmark 1000 cards';
const OPEN_RUNS = 5;

const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-bench-'));
const file = path.join(dir, 'bench.waymark');
try {
  // ---- Engine, in-process ------------------------------------------------------------------------
  log('building maps of 5,000 and 1,000 cards');
  let ws = Workspace.open(file);
  const big = await createBigMap(ws, 5000, BIG_TITLE);
  log('adding 20,000 quotes linked to its stages');
  await addEvidence(ws, big, 20_000);
  const small = await createBigMap(ws, 1000, SMALL_TITLE);
  // An empty map to open the app on, so that the big ones are opened by a click in the map list.
  const start = (await ws.call('maps.create', { title: 'Bench start', template: 'blank' })).maps[0]?.id ?? '';
  ws.close();

  const open = await timeIt(5, () => Workspace.open(file, { backupsDir: path.join(dir, 'backups') }).close());
  rows.push({ name: 'open workspace (quick_check + backup), 6,000 cards', ...stats(open), unit: 'ms' });
  ws = Workspace.open(file, { backupsDir: path.join(dir, 'backups') });
  rows.push({ name: 'maps.get 12×10×5,000 + 20,000 linked quotes (their totals, each stage’s newest 20), in-process', ...stats(await timeIt(30, () => ws.call('maps.get', { id: big }))), unit: 'ms', target: '≤ 50' });
  rows.push({ name: 'maps.evidence of that map (read again after an evidence change), in-process', ...stats(await timeIt(30, () => ws.call('maps.evidence', { id: big }))), unit: 'ms' });
  rows.push({ name: 'maps.get 12×10×1,000, in-process', ...stats(await timeIt(30, () => ws.call('maps.get', { id: small }))), unit: 'ms' });
  const cards = (await ws.call('maps.get', { id: big })).cards.map((c) => c.id);
  const edits = await timeIt(1000, (i) => ws.call('cards.update', { id: cards[(i * 37) % cards.length] ?? '', text: `edited ${i}` }));
  rows.push({ name: 'cards.update, in-process', ...stats(edits), unit: 'ms', target: 'p95 ≤ 2' });
  const imported = await benchQuoteImport(dir);
  rows.push({ name: 'quotes.import of 10,000 CSV rows (interviews, tags, stage links; one transaction), in-process', ...stats(imported.import), unit: 'ms', target: '≤ 1000' });
  rows.push({ name: 'quotes.previewImport of the same 10,000 rows, in-process', ...stats(imported.preview), unit: 'ms' });
  log('exporting a 5,000-card map with 10,000 linked quotes to Excel');
  const xlsx = await benchXlsxExport(dir);
  rows.push({ name: `exports.workbook (.xlsx) of 12×10×5,000 + 10,000 linked quotes, in-process (${Math.round(xlsx.bytes / 1024)} KB)`, ...stats(xlsx.runs), unit: 'ms', target: '≤ 1500' });
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
    rows.push({ name: 'maps.get 12×10×5,000 + 20,000 linked quotes (their totals, each stage’s newest 20), over HTTP', ...stats(await timeIt(20, () => post('maps.get', { id: big }))), unit: 'ms' });
    await timeIt(50, (i) => post('cards.update', { id: cards[i] ?? '', text: `warm ${i}` }));
    const httpEdits = await timeIt(1000, (i) => post('cards.update', { id: cards[(i * 41) % cards.length] ?? '', text: `over http ${i}` }));
    rows.push({ name: 'cards.update, over HTTP', ...stats(httpEdits), unit: 'ms', target: 'p95 ≤ 10' });

    // The engine runs on its own thread and backs up online: a quick call is answered while a backup of the
    // whole workspace is being written. Each backup is timed too, so the figure says how long it overlapped.
    const during: number[] = [];
    const backups: number[] = [];
    for (let round = 0; round < 5; round++) {
      const started = performance.now();
      const state = { writing: true };
      const writing = (): boolean => state.writing; // read through a call: it changes while the loop awaits
      const backup = post('workspace.backup', {}).then(() => {
        state.writing = false;
        backups.push(performance.now() - started);
      });
      while (writing()) {
        const t = performance.now();
        await post('workspace.info', {});
        if (writing()) during.push(performance.now() - t);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      await backup;
    }
    rows.push({ name: 'workspace.backup of 6,000 cards over HTTP (online, while answering)', ...stats(backups), unit: 'ms' });
    rows.push({ name: `workspace.info over HTTP while that backup is written (${during.length} calls)`, ...stats(during), unit: 'ms', target: '≤ 50' });

    // ---- Canvas in headless Chromium ----------------------------------------------------------------
    const cellOf = async (mapId: string, cardId: string) => {
      const doc = (await post('maps.get', { id: mapId })) as { result?: { cards: { id: string; laneId: string; stageId: string }[] } };
      const card = doc.result?.cards.find((c) => c.id === cardId);
      return card && { laneId: card.laneId, stageId: card.stageId };
    };
    const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    try {
      for (const [label, mapId, title] of [
        ['5,000', big, BIG_TITLE],
        ['1,000', small, SMALL_TITLE],
      ] as const) {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        await page.addInitScript(() => localStorage.setItem('waymark.view', 'canvas'));
        log(`canvas ${label} cards: opening from the map list, ${OPEN_RUNS} times`);
        const opens: OpenTiming[] = [];
        for (let i = 0; i < OPEN_RUNS; i++) opens.push(await openFromList(page, url, start, title));
        const few = (samples: number[]) => {
          const s = stats(samples);
          return { p50: s.p50, worst: s.worst, runs: samples.length, samples: samples.map(round) };
        };
        rows.push({ name: `canvas ${label} cards: click in map list → first complete frame (fetch, parse, layout, draw)`, ...few(opens.map((o) => o.frame - o.click)), unit: 'ms', target: label === '5,000' ? '≤ 1000' : undefined });
        rows.push({ name: `canvas ${label} cards: data → first complete frame (layout, draw)`, ...few(opens.map((o) => o.frame - o.data)), unit: 'ms', target: label === '5,000' ? '≤ 1000' : undefined });
        rows.push({ name: `canvas ${label} cards: click → data (fetch, parse)`, ...few(opens.map((o) => o.data - o.click)), unit: 'ms' });
        const first = await openByUrl(page, url, mapId);
        rows.push({ name: `canvas ${label} cards: page start (?map=) → first complete frame`, value: round(first.frame), unit: 'ms' });
        for (const action of ['pan', 'zoom', 'drag'] as FrameAction[]) {
          const { figures, check } = await measureAction(page, action, (cardId) => cellOf(mapId, cardId));
          const name = `canvas ${label} cards: frame time while ${action === 'drag' ? 'dragging a card' : action === 'pan' ? 'panning' : 'zooming'}`;
          if (!check.ok) log(`INVALID: ${name}: ${check.note}`);
          rows.push({ name, ...figures, unit: 'ms', target: action === 'zoom' ? undefined : 'p95 ≤ 16.7', valid: check.ok, check: check.note });
        }
        await page.close();
      }
      // ---- Quote board: search and scrolling over 100,000 quotes (its own workspace and host) ----------
      rows.push(...(await benchQuoteBoard(dir, browser, log)));
      // ---- PNG export: a 12-stage map at 2×, a 40-stage 5,000-card map at 3× (its own workspace and host) --
      rows.push(...(await benchPng(dir, browser, log)));
      // ---- Canvas at scale: maps of 5,500, 27,500 and 55,000 cards in four lanes (issue 13; its own workspace and host) --
      rows.push(...(await benchCanvasScale(dir, browser, log)));
    } finally {
      await browser.close();
    }
  } finally {
    host.kill('SIGTERM');
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

// ---- Report ---------------------------------------------------------------------------------------
printReport(rows, 'latest.json');
