/**
 * Issue 13's figures: the canvas at 5,500, 27,500 and 55,000 cards (12 stages; lanes Actions, Touchpoints, Thoughts
 * and Emotion), in `npm run bench` and on its own:
 *   npm run build && node tests/bench/canvasScale.ts [cards …]
 * (the same table and JSON for these rows only, the JSON also in bench-results/canvas-scale.json, then the README's
 * table in Markdown; sizes other than the three may be given, e.g. `node tests/bench/canvasScale.ts 5500` to try it).
 *
 * For each map, in headless Chromium at 1440 × 900 on the browser host:
 * - `maps.get` over HTTP;
 * - click in the map list → first complete frame, and → fully rendered: the later of that frame and the end of the
 *   last long task (≥ 50 ms, the browser's Long Tasks API) after the click, once no long task has run for
 *   QUIET_MS; with the long tasks over 100 ms of each load; and → every card measured: the frame of the exact
 *   layout (`waymark:canvas-exact`), when the map opened measured only where the opening view shows and measured
 *   the rest in idle slices (that frame, else the first);
 * - edit → visible: a card's text changed in the canvas's inline editor, from the Enter key's event to the first
 *   animation frame after Konva drew the content layer with the new text in it (the layer's own `draw` event, on
 *   the Konva global the library sets; nothing in the renderer is changed for it); undo → visible the same way for
 *   Ctrl+Z and the old text. Each pair is checked: the editor showed the card's text, every change reached the
 *   screen, the workspace held the new text after the first edit and every old text after the last undo;
 * - delete → visible: a card selected with a click and deleted with the Delete key, to the first frame after its
 *   layer was drawn without it; undo of a delete → visible, Ctrl+Z to the first frame with it again; checked alike;
 * - pan at 100% and at the smallest zoom (Fit's, or the least above it at which there is a pan to measure), and
 *   Ctrl+wheel zoom (pinch, as browsers report it) from 100% to 300% and back, and from 100% through the overview
 *   to 2.5% and back, each checked as canvas.ts checks the frame rows;
 * then the ratios 55,000 ÷ 5,500 of edit → visible and undo → visible (p50).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page, type Request } from '@playwright/test';
import type Konva from 'konva';
import Database from 'better-sqlite3';
import { decodeMapColumns, type MapColumnsDocument } from '../../electron/api/mapColumns.ts';
import type { MapDocument } from '../../electron/api/types.ts';
import { Workspace } from '../../electron/core/workspace.ts';
import { CHROMIUM_ARGS, findChromium } from '../e2e/support/browser.ts';
import { spawnHost } from '../e2e/support/host.ts';
import { measureAction, openFromList, type OpenTiming } from './canvas.ts';
import { printReport, ROOT, round, stats, timeIt, type Row } from './report.ts';
import { createScaleMap } from './scaleMap.ts';
import { pannableZoom, view, zoomInTo } from './zoom.ts';

export const SCALE_SIZES = [5500, 27_500, 55_000] as const;
const OPEN_RUNS = 5;
/** Edit and undo pairs timed per map (after one not timed). */
const EDITS = 12;
const GET_RUNS = 15;
/** How long the main thread must have run no long task for the load to count as over. */
const QUIET_MS = 1000;

/** Targets from issue 13, by map size. */
const TARGETS: Record<string, Partial<Record<'open' | 'edit' | 'get', string>>> = {
  '27,500': { open: '≤ 300' },
  '55,000': { open: '≤ 500', edit: '≤ 33', get: '≤ 60' },
};

interface LongTask {
  start: number;
  duration: number;
}
/** What this benchmark keeps in the page: the long tasks seen, and the watch for a change reaching the screen. */
interface BenchWindow {
  Konva?: typeof Konva;
  waymarkBench?: { longTasks: LongTask[]; seen?: Promise<Seen> };
}
/** The key's event time, Konva's draw with the change and the next animation frame: on the page's clock (ms). */
interface Seen {
  key: number;
  drawn: number;
  frame: number;
}

const label = (cards: number) => cards.toLocaleString('en-GB');
const titleOf = (cards: number) => `Scale ${label(cards)} cards`;

/** In the page, from its start: keep every long task the browser reports. */
function observeLongTasks(): void {
  const w = window as unknown as BenchWindow;
  const bench = { longTasks: [] as LongTask[] };
  w.waymarkBench = bench;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/** In the page: resolve when no long task has ended for `quietMs` since `since`, at an idle callback; the long tasks that ended after `since`. */
function waitQuiet(args: { since: number; quietMs: number; timeoutMs: number }): Promise<LongTask[]> {
  const bench = (window as unknown as BenchWindow).waymarkBench;
  const t0 = performance.now();
  return new Promise((resolve) => {
    const idle = () => {
      const tasks = (bench?.longTasks ?? []).filter((t) => t.start + t.duration > args.since);
      const lastEnd = Math.max(args.since, ...tasks.map((t) => t.start + t.duration));
      const now = performance.now();
      if (now - lastEnd >= args.quietMs || now - t0 > args.timeoutMs) resolve(tasks);
      else setTimeout(check, 50);
    };
    const check = () => requestIdleCallback(idle, { timeout: 1000 });
    check();
  });
}

/**
 * In the page: watch for the key `key` (with Ctrl or not) and then for the first draw of a Konva layer that holds a
 * Text showing `show` and none showing `hide` (`show` null: of a layer that showed `hide` when the watch began, its
 * first draw without it); `waymarkBench.seen` resolves at the animation frame after that draw.
 */
function watchChange(args: { key: string; ctrl: boolean; show: string | null; hide: string; timeoutMs: number }): void {
  const w = window as unknown as BenchWindow;
  const stage = w.Konva?.stages[0];
  const bench = w.waymarkBench;
  if (!stage || !bench) throw new Error('no Konva stage or no bench state in the page');
  bench.seen = new Promise<Seen>((resolve, reject) => {
    let key = NaN;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== args.key || e.ctrlKey !== args.ctrl) return;
      key = e.timeStamp;
      document.removeEventListener('keydown', onKey, true);
    };
    document.addEventListener('keydown', onKey, true);
    const showsHidden = (layer: Konva.Layer) => layer.find<Konva.Text>('Text').some((node) => node.text() === args.hide);
    const layers = args.show === null ? stage.getLayers().filter(showsHidden) : stage.getLayers();
    if (layers.length === 0) throw new Error(`no layer shows "${args.hide}"`);
    const stop = () => {
      clearTimeout(timer);
      document.removeEventListener('keydown', onKey, true);
      for (const layer of layers) layer.off('draw.waymarkBench');
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(args.show === null ? `"${args.hide}" was still drawn ${args.timeoutMs} ms after the key` : `"${args.show}" was not drawn within ${args.timeoutMs} ms of the key`));
    }, args.timeoutMs);
    for (const layer of layers) {
      layer.on('draw.waymarkBench', () => {
        if (Number.isNaN(key)) return;
        let shown = false;
        for (const node of layer.find<Konva.Text>('Text')) {
          const text = node.text();
          if (text === args.hide) return;
          if (text === args.show) shown = true;
        }
        if (!shown && args.show !== null) return;
        const drawn = performance.now();
        stop();
        requestAnimationFrame((frame) => resolve({ key, drawn, frame }));
      });
    }
  });
}

/** In the page: a card of a text lane wholly in the body of the canvas (the `n`th of them, round), its id and centre. */
function pickCard(n: number): { id: string; x: number; y: number } {
  const api = window.waymarkCanvas;
  const box = document.querySelector('.canvas-box')?.getBoundingClientRect();
  if (!api || !box) throw new Error('no canvas');
  const v = api.viewport();
  const layout = api.layout();
  const header = api.header();
  const textLanes = new Set(layout.lanes.filter((l) => l.kind === 'text').map((l) => l.id));
  const sx = (x: number) => box.left + header.width + (x - v.x) * v.scale;
  const sy = (y: number) => box.top + header.height + (y - v.y) * v.scale;
  const inView = [...layout.cards.values()].filter(
    (c) => textLanes.has(c.laneId) && sx(c.x) >= box.left + header.width + 8 && sy(c.y) >= box.top + header.height + 8 && sx(c.x + c.width) <= box.right - 8 && sy(c.y + c.height) <= box.bottom - 8,
  );
  const card = inView[n % Math.max(1, inView.length)];
  if (!card) throw new Error('no card of a text lane on screen');
  return { id: card.id, x: sx(card.x + card.width / 2), y: sy(card.y + card.height / 2) };
}

/**
 * In the page: a stage whose header is wholly on screen (the `n`th of them, round), the centre of its header, and the
 * text of a card of a text lane of it wholly on screen (what its delete takes off the screen, and its undo brings back).
 */
function pickStage(n: number): { id: string; x: number; y: number; cardId: string } {
  const api = window.waymarkCanvas;
  const box = document.querySelector('.canvas-box')?.getBoundingClientRect();
  if (!api || !box) throw new Error('no canvas');
  const v = api.viewport();
  const layout = api.layout();
  const header = api.header();
  const textLanes = new Set(layout.lanes.filter((l) => l.kind === 'text').map((l) => l.id));
  const sx = (x: number) => box.left + header.width + (x - v.x) * v.scale;
  const sy = (y: number) => box.top + header.height + (y - v.y) * v.scale;
  const onScreen = layout.stages.filter((s) => sx(s.x) >= box.left + header.width && sx(s.x + s.width) <= box.right);
  for (let k = 0; k < onScreen.length; k++) {
    const stage = onScreen[(n + k) % onScreen.length];
    if (!stage) continue;
    const card = [...layout.cards.values()].find(
      (c) => c.stageId === stage.id && textLanes.has(c.laneId) && sy(c.y) >= box.top + header.height + 8 && sy(c.y + c.height) <= box.bottom - 8 && sx(c.x) >= sx(stage.x),
    );
    if (card) return { id: stage.id, x: sx(stage.x + stage.width / 2), y: box.top + header.height / 2, cardId: card.id };
  }
  throw new Error('no stage on screen with a card of a text lane in view');
}

const waitSaved = (page: Page) => page.locator('.save-status').filter({ hasText: /^All changes saved$/ }).waitFor({ timeout: 30_000 });

/** Open the map from the map list `OPEN_RUNS` times: each open's marks, when it was fully rendered and its long tasks. */
async function opens(page: Page, url: string, startMapId: string, cards: number): Promise<{ timing: OpenTiming; full: number; exact: number; tasks: LongTask[] }[]> {
  const out: { timing: OpenTiming; full: number; exact: number; tasks: LongTask[] }[] = [];
  for (let i = 0; i < OPEN_RUNS; i++) {
    const timing = await openFromList(page, url, startMapId, titleOf(cards));
    const tasks = await page.evaluate(waitQuiet, { since: timing.click, quietMs: QUIET_MS, timeoutMs: 30_000 });
    // The frame of the layout made once the cards put off at the opening were measured (none: it was exact at once).
    const exact = await page.evaluate((since) => performance.getEntriesByName('waymark:canvas-exact').find((e) => e.startTime > since)?.startTime ?? 0, timing.click);
    const full = Math.max(timing.frame, ...tasks.map((t) => t.start + t.duration));
    out.push({ timing, full, exact: Math.max(timing.frame, exact), tasks });
  }
  return out;
}

interface EditFigures {
  edit: number[];
  undo: number[];
  ok: boolean;
  note: string;
}

/**
 * The page's contract calls (POSTs to /api/) under way, and how many of them read the whole map (`maps.get` or
 * `maps.getColumns`): `settle` waits until
 * none is under way and the main thread has run no long task for a while, so that one step's aftermath (the map
 * list read again, say, or the map) is not timed as part of the next.
 */
function watchCalls(page: Page): { settle: () => Promise<void>; gets: () => number; stop: () => void } {
  const open = new Set<Request>();
  let gets = 0;
  const started = (r: Request) => {
    if (r.method() !== 'POST' || !new URL(r.url()).pathname.startsWith('/api/')) return;
    open.add(r);
    if (['/api/maps.get', '/api/maps.getColumns'].includes(new URL(r.url()).pathname)) gets++;
  };
  const ended = (r: Request) => open.delete(r);
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  const settle = async () => {
    const until = Date.now() + 30_000;
    while (Date.now() < until) {
      await page.evaluate(waitQuiet, { since: 0, quietMs: 300, timeoutMs: 10_000 });
      if (open.size === 0) return;
      await page.waitForTimeout(50);
    }
    throw new Error(`calls still under way after 30 s: ${[...open].map((r) => new URL(r.url()).pathname).join(', ')}`);
  };
  const stop = () => {
    page.off('request', started);
    page.off('requestfinished', ended);
    page.off('requestfailed', ended);
  };
  return { settle, gets: () => gets, stop };
}

/**
 * Press `key` (Enter, Delete or Control+z) with the watch for its change set (see watchChange), wait until the change is
 * saved, and give the time from the key's event to the frame with the change on screen (undefined if none was seen).
 */
async function pressAndSee(page: Page, key: 'Enter' | 'Delete' | 'Control+z', change: { show: string | null; hide: string }): Promise<number | undefined> {
  await page.evaluate(watchChange, { key: key === 'Control+z' ? 'z' : key, ctrl: key === 'Control+z', ...change, timeoutMs: 10_000 });
  await page.keyboard.press(key);
  const seen = await page.evaluate(() => (window as unknown as BenchWindow).waymarkBench?.seen);
  await waitSaved(page);
  return seen ? seen.frame - seen.key : undefined;
}

/** Edit a card's text in place and undo it, EDITS + 1 times (the first not timed), each timed to the screen. */
async function editsAndUndos(page: Page, readMap: () => Promise<MapDocument>): Promise<EditFigures> {
  await page.getByRole('button', { name: 'Zoom to 100%' }).click();
  const calls = watchCalls(page);
  await calls.settle();
  const edit: number[] = [];
  const undo: number[] = [];
  const edited = new Map<string, string>();
  const problems: string[] = [];
  let landed = 'not checked';
  for (let i = 0; i <= EDITS; i++) {
    const card = await page.evaluate(pickCard, i * 7);
    await page.mouse.dblclick(card.x, card.y);
    const editor = page.getByRole('textbox', { name: 'Card text' });
    await editor.waitFor({ timeout: 10_000 });
    const old = await editor.inputValue();
    const next = `${old} (edit ${i + 1})`;
    if (!edited.has(card.id)) edited.set(card.id, old);
    await editor.fill(next);
    try {
      const shown = await pressAndSee(page, 'Enter', { show: next, hide: old });
      if (i > 0 && shown !== undefined) edit.push(shown);
      if (i === 0) {
        const stored = (await readMap()).cards.find((c) => c.id === card.id)?.text;
        landed = stored === next ? 'the first edit was in the workspace' : `the first edit was not in the workspace (it held ${JSON.stringify(stored)})`;
        if (stored !== next) problems.push(landed);
      }
      await calls.settle();
      const back = await pressAndSee(page, 'Control+z', { show: old, hide: next });
      if (i > 0 && back !== undefined) undo.push(back);
      await calls.settle();
    } catch (error) {
      problems.push(`pair ${i + 1}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      await page.keyboard.press('Escape');
    }
  }
  calls.stop();
  const stored = new Map((await readMap()).cards.map((c) => [c.id, c.text]));
  const restored = [...edited].filter(([id, text]) => stored.get(id) === text).length;
  if (restored !== edited.size) problems.push(`${edited.size - restored} of ${edited.size} cards did not get their text back`);
  const note = `${edit.length} edits and ${undo.length} undos seen on screen (${edited.size} cards), the page read the whole map (maps.get or maps.getColumns) ${calls.gets()} times meanwhile (not timed: each step waits for the calls before it); ${landed}; after the last undo ${restored} of ${edited.size} cards held their old text in the workspace${problems.length > 0 ? `; ${problems.join('; ')}` : ''}`;
  return { edit, undo, ok: problems.length === 0 && edit.length === EDITS && undo.length === EDITS, note };
}

/**
 * Select a card with a click, delete it with the Delete key and undo that with Ctrl+Z, EDITS + 1 times (the first not
 * timed), each timed to the screen: the first frame after the card's layer was drawn without its text, and with it.
 */
async function deletesAndUndos(page: Page, readMap: () => Promise<MapDocument>): Promise<EditFigures> {
  const calls = watchCalls(page);
  await calls.settle();
  const edit: number[] = [];
  const undo: number[] = [];
  const deleted = new Map<string, string>();
  const problems: string[] = [];
  let landed = 'not checked';
  for (let i = 0; i <= EDITS; i++) {
    const card = await page.evaluate(pickCard, i * 5 + 3);
    const text = (await readMap()).cards.find((c) => c.id === card.id)?.text ?? '';
    deleted.set(card.id, text);
    await page.mouse.click(card.x, card.y);
    try {
      const gone = await pressAndSee(page, 'Delete', { show: null, hide: text });
      if (i > 0 && gone !== undefined) edit.push(gone);
      if (i === 0) {
        const still = (await readMap()).cards.some((c) => c.id === card.id);
        landed = still ? 'the first delete was not in the workspace' : 'the first deleted card was gone from the workspace';
        if (still) problems.push(landed);
      }
      await calls.settle();
      const back = await pressAndSee(page, 'Control+z', { show: text, hide: '\u0000' });
      if (i > 0 && back !== undefined) undo.push(back);
      await calls.settle();
    } catch (error) {
      problems.push(`pair ${i + 1}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      await page.keyboard.press('Escape');
    }
  }
  calls.stop();
  const stored = new Map((await readMap()).cards.map((c) => [c.id, c.text]));
  const back = [...deleted].filter(([id, text]) => stored.get(id) === text).length;
  if (back !== deleted.size) problems.push(`${deleted.size - back} of ${deleted.size} deleted cards were not back`);
  const note = `${edit.length} deletes and ${undo.length} undos seen on screen (${deleted.size} cards), the page read the whole map ${calls.gets()} times meanwhile; ${landed}; after the last undo ${back} of ${deleted.size} cards were back in the workspace${problems.length > 0 ? `; ${problems.join('; ')}` : ''}`;
  return { edit, undo, ok: problems.length === 0 && edit.length === EDITS && undo.length === EDITS, note };
}

/** Stage delete and undo pairs timed per map (after one not timed): each takes and brings back a twelfth of the map. */
const STAGE_EDITS = 5;

/**
 * Select a stage by its header, press Delete, confirm with Enter on "Delete stage", and undo that with Ctrl+Z,
 * STAGE_EDITS + 1 times (the first not timed): each timed from the key to the first frame after the cards' layer was
 * drawn without a card of the stage that was in view, and with it again; checked against the workspace.
 */
async function stageDeletesAndUndos(page: Page, readMap: () => Promise<MapDocument>): Promise<EditFigures> {
  const calls = watchCalls(page);
  await calls.settle();
  const edit: number[] = [];
  const undo: number[] = [];
  const problems: string[] = [];
  const before = await readMap();
  const countOf = (doc: MapDocument) => new Map(doc.stages.map((s) => [s.id, doc.cards.filter((c) => c.stageId === s.id).length]));
  const counts = countOf(before);
  let landed = 'not checked';
  for (let i = 0; i <= STAGE_EDITS; i++) {
    try {
      const stage = await page.evaluate(pickStage, i * 3);
      const doc = await readMap();
      const name = doc.stages.find((s) => s.id === stage.id)?.name ?? '';
      const text = doc.cards.find((c) => c.id === stage.cardId)?.text ?? '';
      await page.mouse.click(stage.x, stage.y);
      await page.keyboard.press('Delete');
      const confirm = page.getByRole('dialog', { name: `Delete the stage "${name}"?` }).getByRole('button', { name: 'Delete stage' });
      await confirm.focus();
      const gone = await pressAndSee(page, 'Enter', { show: null, hide: text });
      if (i > 0 && gone !== undefined) edit.push(gone);
      if (i === 0) {
        const after = await readMap();
        const still = after.stages.some((s) => s.id === stage.id) || after.cards.some((c) => c.stageId === stage.id);
        landed = still ? 'the first stage delete was not in the workspace' : `the first deleted stage and its ${counts.get(stage.id) ?? 0} cards were gone from the workspace`;
        if (still) problems.push(landed);
      }
      await calls.settle();
      await page.getByRole('application').focus();
      const back = await pressAndSee(page, 'Control+z', { show: text, hide: '\u0000' });
      if (i > 0 && back !== undefined) undo.push(back);
      await calls.settle();
    } catch (error) {
      problems.push(`pair ${i + 1}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      await page.keyboard.press('Escape');
    }
  }
  calls.stop();
  const after = countOf(await readMap());
  const same = [...counts].filter(([id, n]) => after.get(id) === n).length;
  if (same !== counts.size || after.size !== counts.size) problems.push(`after the last undo ${same} of ${counts.size} stages held their cards`);
  const note = `${edit.length} stage deletes and ${undo.length} undos seen on screen, the page read the whole map ${calls.gets()} times meanwhile; ${landed}; after the last undo ${same} of ${counts.size} stages were back with all their cards${problems.length > 0 ? `; ${problems.join('; ')}` : ''}`;
  return { edit, undo, ok: problems.length === 0 && edit.length === STAGE_EDITS && undo.length === STAGE_EDITS, note };
}

/** Seed, serve and measure every size; rows in the shape run.ts prints. */
export async function benchCanvasScale(dir: string, browser: Browser, log: (msg: string) => void, sizes: readonly number[] = SCALE_SIZES): Promise<Row[]> {
  const file = path.join(dir, 'canvas-scale.waymark');
  const ws = Workspace.open(file, { backupsDir: path.join(dir, 'canvas-scale-backups') });
  const maps = new Map<number, string>();
  let start: string;
  try {
    start = (await ws.call('maps.create', { title: 'Scale start', template: 'blank' })).maps[0]?.id ?? '';
    for (const cards of sizes) {
      const t = performance.now();
      maps.set(cards, await createScaleMap(ws, cards, titleOf(cards)));
      log(`canvas at scale: made the ${label(cards)}-card map in ${Math.round(performance.now() - t)} ms`);
    }
  } finally {
    ws.close();
  }
  const token = randomBytes(24).toString('base64url');
  const { child: host, url, origin } = await spawnHost({ workspace: file, token, stderr: 'inherit' });
  const post = async (name: string, input: unknown): Promise<{ text: string }> => {
    const res = await fetch(`${origin}/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
    if (!res.ok) throw new Error(`${name}: ${res.status}`);
    return { text: await res.text() };
  };
  const rows: Row[] = [];
  const editP50 = new Map<number, { edit: number; undo: number }>();
  try {
    for (const cards of sizes) {
      const mapId = maps.get(cards) ?? '';
      const size = label(cards);
      const target = TARGETS[size] ?? {};
      const what = `canvas ${size} cards (12 stages × 4 lanes)`;
      // maps.get over HTTP: the response read whole, as the page reads it.
      let bytes = 0;
      await timeIt(3, async () => (bytes = (await post('maps.get', { id: mapId })).text.length));
      const gets = await timeIt(GET_RUNS, () => post('maps.get', { id: mapId }));
      rows.push({ name: `maps.get ${size} cards (12 stages × 4 lanes), over HTTP (${(bytes / 1e6).toFixed(1)} MB of JSON)`, ...stats(gets), unit: 'ms', target: target.get });
      // What the page reads: maps.getColumns, parsed and decoded back into the MapDocument as renderer/src/api/client.ts
      // does. Warm: the engine holds the answer (the map read before, or brought up to date after an edit). Whole:
      // another connection committed to the file just before (another window, untimed), so it is read from SQLite.
      let columnBytes = 0;
      const pageRead = async () => {
        const { text } = await post('maps.getColumns', { id: mapId });
        columnBytes = text.length;
        return decodeMapColumns((JSON.parse(text) as { result: MapColumnsDocument }).result);
      };
      await timeIt(2, pageRead);
      const warm = await timeIt(GET_RUNS, pageRead);
      const otherWindow = new Database(file);
      const whole: number[] = [];
      try {
        for (let i = 0; i < GET_RUNS; i++) {
          otherWindow.prepare('UPDATE maps SET updated_at = ? WHERE id = ?').run(new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), mapId);
          whole.push(...(await timeIt(1, pageRead)));
        }
      } finally {
        otherWindow.close();
      }
      const columnsName = (which: string) => `maps.getColumns ${size} cards over HTTP, the page's read (fetch, JSON.parse, decode; ${(columnBytes / 1e6).toFixed(1)} MB): ${which}`;
      rows.push({ name: columnsName('warm, the answer the engine holds'), ...stats(warm), unit: 'ms', target: target.get });
      rows.push({ name: columnsName('whole, read from SQLite after another connection’s commit'), ...stats(whole), unit: 'ms', target: target.get });

      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      try {
        await page.addInitScript(() => localStorage.setItem('waymark.view', 'canvas'));
        await page.addInitScript(observeLongTasks);
        page.on('crash', () => log(`canvas at scale, ${size} cards: the page crashed`));
        log(`canvas at scale, ${size} cards: opening from the map list, ${OPEN_RUNS} times`);
        const opened = await opens(page, url, start, cards);
        const few = (samples: number[]) => {
          const s = stats(samples);
          return { p50: s.p50, worst: s.worst, runs: samples.length, samples: samples.map(round) };
        };
        rows.push({ name: `${what}: click in map list → first complete frame`, ...few(opened.map((o) => o.timing.frame - o.timing.click)), unit: 'ms' });
        rows.push({
          name: `${what}: click in map list → fully rendered (that frame, and no long task for ${QUIET_MS} ms)`,
          ...few(opened.map((o) => o.full - o.timing.click)),
          unit: 'ms',
          target: target.open,
        });
        rows.push({ name: `${what}: click in map list → every card measured (the exact layout's frame, the cards below the opening view measured in idle slices)`, ...few(opened.map((o) => o.exact - o.timing.click)), unit: 'ms' });
        const over100 = opened.map((o) => o.tasks.filter((t) => t.duration > 100));
        const listed = over100.map((t) => (t.length === 0 ? 'none' : t.map((x) => Math.round(x.duration)).join(' + '))).join('; ');
        rows.push({ name: `${what}: long tasks over 100 ms per load`, ...few(over100.map((t) => t.length)), unit: 'tasks', valid: true, check: `each load's long tasks over 100 ms (ms): ${listed}` });
        rows.push({ name: `${what}: the longest task of each load`, ...few(opened.map((o) => Math.max(0, ...o.tasks.map((t) => t.duration)))), unit: 'ms' });
        log(`canvas at scale, ${size} cards: ${EDITS} edits and undos`);
        const readMap = async () => (JSON.parse((await post('maps.get', { id: mapId })).text) as { result: MapDocument }).result;
        const edits = await editsAndUndos(page, readMap);
        if (!edits.ok) log(`INVALID: ${what}: edit/undo: ${edits.note}`);
        const editStats = stats(edits.edit);
        const undoStats = stats(edits.undo);
        editP50.set(cards, { edit: editStats.p50, undo: undoStats.p50 });
        rows.push({ name: `${what}: edit → visible (Enter in the inline editor → first frame with the new text)`, ...editStats, runs: edits.edit.length, unit: 'ms', target: target.edit, valid: edits.ok, check: edits.note });
        rows.push({ name: `${what}: undo → visible (Ctrl+Z → first frame with the old text)`, ...undoStats, runs: edits.undo.length, unit: 'ms', target: target.edit, valid: edits.ok, check: edits.note });

        log(`canvas at scale, ${size} cards: ${EDITS} deletes and undos`);
        const deletes = await deletesAndUndos(page, readMap);
        if (!deletes.ok) log(`INVALID: ${what}: delete/undo: ${deletes.note}`);
        rows.push({ name: `${what}: delete → visible (Delete on a selected card → first frame without it)`, ...stats(deletes.edit), runs: deletes.edit.length, unit: 'ms', target: target.edit, valid: deletes.ok, check: deletes.note });
        rows.push({ name: `${what}: undo of a delete → visible (Ctrl+Z → first frame with the card again)`, ...stats(deletes.undo), runs: deletes.undo.length, unit: 'ms', target: target.edit, valid: deletes.ok, check: deletes.note });

        log(`canvas at scale, ${size} cards: ${STAGE_EDITS} stage deletes and undos`);
        const stageDeletes = await stageDeletesAndUndos(page, readMap);
        if (!stageDeletes.ok) log(`INVALID: ${what}: stage delete/undo: ${stageDeletes.note}`);
        const perStage = `a stage of ${Math.round(cards / 12).toLocaleString('en-US')} cards`;
        rows.push({ name: `${what}: stage delete → visible (Enter on "Delete stage" → first frame without its cards; ${perStage})`, ...stats(stageDeletes.edit), runs: stageDeletes.edit.length, unit: 'ms', target: target.edit, valid: stageDeletes.ok, check: stageDeletes.note });
        rows.push({ name: `${what}: undo of a stage delete → visible (Ctrl+Z → first frame with its cards again)`, ...stats(stageDeletes.undo), runs: stageDeletes.undo.length, unit: 'ms', target: target.edit, valid: stageDeletes.ok, check: stageDeletes.note });

        log(`canvas at scale, ${size} cards: panning at 100% and at the smallest zoom`);
        const none = () => Promise.resolve(undefined);
        const full = await measureAction(page, 'pan', none, '100%');
        rows.push({ name: `${what}: frame time while panning at 100%`, ...full.figures, unit: 'ms', target: 'p95 ≤ 16.7', valid: full.check.ok, check: full.check.note });
        log(`canvas at scale, ${size} cards: zooming with Ctrl+wheel`);
        const zoomNear = await measureAction(page, 'zoom', none, '100%');
        rows.push({ name: `${what}: frame time while zooming with Ctrl+wheel (100% to 300% and back)`, ...zoomNear.figures, unit: 'ms', target: 'p95 ≤ 16.7', valid: zoomNear.check.ok, check: zoomNear.check.note });
        const zoomDeep = await measureAction(page, 'zoom-deep', none, '100%');
        rows.push({ name: `${what}: frame time while zooming with Ctrl+wheel through the overview (100% to 2.5% and back)`, ...zoomDeep.figures, unit: 'ms', target: 'p95 ≤ 16.7', valid: zoomDeep.check.ok, check: zoomDeep.check.note });
        const pinch = await measureAction(page, 'pinch', none, '100%');
        rows.push({ name: `${what}: frame time while pinching with two fingers on a touchscreen (100% to 300% and back, panning)`, ...pinch.figures, unit: 'ms', target: 'p95 ≤ 16.7', valid: pinch.check.ok, check: pinch.check.note });
        for (const r of [zoomNear, zoomDeep, pinch]) if (!r.check.ok) log(`INVALID: ${what}: zoom: ${r.check.note}`);
        await page.getByRole('button', { name: 'Fit map to window' }).click();
        await page.waitForTimeout(500);
        const fit = await view(page);
        await zoomInTo(page, pannableZoom(fit));
        const at = await view(page);
        const out = await measureAction(page, 'pan', none, 'as is');
        const zoom = `${(at.scale * 100).toFixed(1)}%`;
        const why = Math.abs(at.scale - fit.scale) < 1e-9 ? 'Fit' : `Fit is ${(fit.scale * 100).toFixed(1)}%, too small a map there to pan`;
        rows.push({ name: `${what}: frame time while panning at the smallest zoom (${zoom}, ${at.detail}; ${why})`, ...out.figures, unit: 'ms', target: 'p95 ≤ 16.7', valid: out.check.ok, check: out.check.note });
        for (const r of [full, out]) if (!r.check.ok) log(`INVALID: ${what}: pan: ${r.check.note}`);
      } finally {
        await page.close();
      }
    }
  } finally {
    host.kill('SIGTERM');
  }
  const small = editP50.get(5500);
  const big = editP50.get(55_000);
  if (small && big) {
    rows.push({ name: 'canvas edit → visible, 55,000 ÷ 5,500 cards (p50)', value: big.edit / small.edit, unit: '×', target: '≤ 1.5' });
    rows.push({ name: 'canvas undo → visible, 55,000 ÷ 5,500 cards (p50)', value: big.undo / small.undo, unit: '×', target: '≤ 1.5' });
  }
  return rows;
}

/** The README's table of these figures: one line per size, as issue 13 gives them. */
export function readmeTable(rows: Row[], sizes: readonly number[]): string {
  const find = (size: number, part: string) => rows.find((r) => r.name.startsWith(`canvas ${label(size)} cards`) && r.name.includes(part));
  const get = (size: number) => rows.find((r) => r.name.startsWith(`maps.get ${label(size)} cards`));
  const columns = (size: number, which: string) => rows.find((r) => r.name.startsWith(`maps.getColumns ${label(size)} cards`) && r.name.includes(which));
  const ms = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '—' : `${Math.round(n)}`);
  const bad = (r: Row | undefined) => (r?.valid === false ? ' (INVALID)' : '');
  const lines = [
    '| cards | `maps.get` over HTTP, p50 / p95 | the page\'s read (`maps.getColumns` + decode) over HTTP, warm / whole, p50 | click → first frame, p50 | click → fully rendered, p50 / worst | long tasks > 100 ms per load, p50 | edit → visible, p50 / p95 / worst | undo → visible, p50 / p95 / worst | pan at 100%, p95 / worst | pan at the smallest zoom, p95 / worst | Ctrl+wheel zoom 100–300%, p95 / worst | Ctrl+wheel zoom 100% → 2.5% → 100%, p95 / worst | two-finger pinch 100–300%, p95 / worst |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const size of sizes) {
    const g = get(size);
    const first = find(size, 'first complete frame');
    const full = find(size, 'fully rendered');
    const tasks = find(size, 'long tasks over 100 ms');
    const edit = find(size, 'edit → visible');
    const undo = find(size, 'undo → visible');
    const pan = find(size, 'panning at 100%');
    const out = find(size, 'panning at the smallest zoom');
    const zoom = /smallest zoom \(([\d.]+%)/.exec(out?.name ?? '')?.[1] ?? '';
    const near = find(size, 'zooming with Ctrl+wheel (100%');
    const deep = find(size, 'zooming with Ctrl+wheel through the overview');
    const pinch = find(size, 'pinching with two fingers');
    const frames = (r: Row | undefined) => `${r?.p95?.toFixed(1) ?? '—'} / ${r?.worst?.toFixed(1) ?? '—'} ms${bad(r)}`;
    lines.push(
      `| ${label(size)} | ${ms(g?.p50)} / ${ms(g?.p95)} ms | ${ms(columns(size, 'warm')?.p50)} / ${ms(columns(size, 'whole')?.p50)} ms | ${ms(first?.p50)} ms | ${ms(full?.p50)} / ${ms(full?.worst)} ms | ${tasks?.p50 ?? '—'} | ${ms(edit?.p50)} / ${ms(edit?.p95)} / ${ms(edit?.worst)} ms${bad(edit)} | ${ms(undo?.p50)} / ${ms(undo?.p95)} / ${ms(undo?.worst)} ms${bad(undo)} | ${pan?.p95?.toFixed(1) ?? '—'} / ${pan?.worst?.toFixed(1) ?? '—'} ms${bad(pan)} | ${out?.p95?.toFixed(1) ?? '—'} / ${out?.worst?.toFixed(1) ?? '—'} ms at ${zoom}${bad(out)} | ${frames(near)} | ${frames(deep)} | ${frames(pinch)} |`,
    );
  }
  const ratio = (part: string) => rows.find((r) => r.name.startsWith(`canvas ${part}, 55,000 ÷ 5,500`))?.value;
  const r1 = ratio('edit → visible');
  const r2 = ratio('undo → visible');
  if (r1 !== undefined && r2 !== undefined) lines.push('', `55,000 ÷ 5,500 cards (p50): edit → visible ${r1.toFixed(2)}×, undo → visible ${r2.toFixed(2)}× (target ≤ 1.5×).`);
  return lines.join('\n');
}

if (import.meta.main) {
  const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : SCALE_SIZES;
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`Give the maps' sizes as whole numbers of cards, e.g. 5500 27500 55000 (got ${process.argv.slice(2).join(' ')}).`);
  if (!fs.existsSync(path.join(ROOT, 'out', 'renderer', 'index.html'))) throw new Error('Build the app first: npm run build');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-bench-scale-'));
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    const rows = await benchCanvasScale(dir, browser, (m) => process.stderr.write(`bench: ${m}\n`), sizes);
    printReport(rows, 'canvas-scale.json');
    const table = readmeTable(rows, sizes);
    fs.writeFileSync(path.join(ROOT, 'bench-results', 'canvas-scale.md'), `${table}\n`);
    console.log('');
    console.log(table);
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
