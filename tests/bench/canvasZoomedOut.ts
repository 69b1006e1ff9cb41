/**
 * The canvas zoomed out, on its own (not part of `npm run bench` yet):
 *   npm run build && node tests/bench/canvasZoomedOut.ts [cards]
 * Seeds a map of 12 stages × 10 lanes and 5,000 cards (bigMap.ts), serves it from the browser host, opens it in
 * headless Chromium at 1440 × 900 and reports: the zoom Fit chose (the smallest zoom: the whole map in the
 * window) and whether it shows the last lane; the frame times while panning in the overview (cards as blocks)
 * at the most zoomed-out level at which the map can still be panned by driveFrames' 1,440 px (at Fit the whole
 * map is in the window, so there is nothing to pan); and at 20%, the old floor (issue 13 measured 67–83 ms at
 * 27,500 cards there). Each pan row is checked for having moved the view (checkPan: its path on screen, the
 * frames that changed, the pixels).
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
import { measureAction, openByUrl, type FrameFigures } from './canvas.ts';
import { pannableZoom, view, zoomInTo } from './zoom.ts';

const CARDS = Number(process.argv[2] ?? 5000);
const label = CARDS.toLocaleString('en-GB');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-bench-zoom-'));
const file = path.join(dir, 'bench.waymark');
const ws = Workspace.open(file);
const mapId = await createBigMap(ws, CARDS);
ws.close();

const token = randomBytes(24).toString('base64url');
const { child: host, url, origin } = await spawnHost({ workspace: file, token, stderr: 'inherit' });
const cellOf = async (cardId: string) => {
  const res = await fetch(`${origin}/api/maps.get`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ id: mapId }) });
  const doc = (await res.json()) as { result?: { cards: { id: string; laneId: string; stageId: string }[] } };
  const card = doc.result?.cards.find((c) => c.id === cardId);
  return card && { laneId: card.laneId, stageId: card.stageId };
};

interface Row {
  name: string;
  figures?: FrameFigures;
  value?: string;
  check: { ok: boolean; note: string };
}
const rows: Row[] = [];
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.addInitScript(() => localStorage.setItem('waymark.view', 'canvas'));
  await openByUrl(page, url, mapId);
  await page.getByRole('button', { name: 'Fit map to window' }).click();
  await page.waitForTimeout(500);
  const fit = await view(page);
  rows.push({
    name: `canvas ${label} cards: Fit (the smallest zoom)`,
    value: `${(fit.scale * 100).toFixed(2)}%`,
    check: { ok: fit.shownTo >= fit.lastEnd && Math.abs(fit.scale - fit.minZoom) < 1e-9 && fit.detail === 'overview', note: `shows map units 0–${Math.round(fit.shownTo)} of ${Math.round(fit.lastEnd)} (last lane's end); smallest zoom ${(fit.minZoom * 100).toFixed(2)}%; ${fit.detail}` },
  });
  const pannable = pannableZoom(fit);
  for (const [what, target] of [
    ['the most zoomed-out level that can pan', pannable],
    ['20% (the old floor)', 0.2],
  ] as const) {
    await page.getByRole('button', { name: 'Fit map to window' }).click();
    await page.waitForTimeout(200);
    await zoomInTo(page, target);
    const at = await view(page);
    const { figures, check } = await measureAction(page, 'pan', cellOf, 'as is');
    rows.push({ name: `canvas ${label} cards: frame time while panning at ${(at.scale * 100).toFixed(1)}% (${at.detail}), ${what}`, figures, check });
  }
  const full = await measureAction(page, 'pan', cellOf, '100%');
  rows.push({ name: `canvas ${label} cards: frame time while panning at 100% (full detail)`, figures: full.figures, check: full.check });
} finally {
  await browser.close();
  host.kill('SIGTERM');
  fs.rmSync(dir, { recursive: true, force: true });
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
console.log('| figure | p50 ms | p95 ms | worst ms | frames > 16.7 ms | value | check |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  const f = r.figures;
  console.log(`| ${r.name} | ${f ? fmt(f.p50) : ''} | ${f ? fmt(f.p95) : ''} | ${f ? fmt(f.worst) : ''} | ${f ? `${fmt(f.over16)}%` : ''} | ${r.value ?? ''} | ${r.check.ok ? 'ok' : 'INVALID'}: ${r.check.note} |`);
}
console.log(JSON.stringify(rows, null, 2));
