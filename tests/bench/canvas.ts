/**
 * The canvas benchmarks in headless Chromium: opening a map from the map list as a person would, and the
 * frame times while panning, zooming and dragging a card, each checked for having done what it says.
 *
 * "A complete frame" is the renderer's own signal: CanvasView marks `waymark:canvas-frame` two animation
 * frames after the canvas first commits (Konva draws on the first of them); MapScreen marks
 * `waymark:map-data` when `maps.get` has returned and been parsed.
 */
import type { Page } from '@playwright/test';
import type {} from '../../renderer/src/canvas/CanvasView.tsx';
import { PINCH_INPUT, driveFrames, pinchAt, nudgePan, ZOOM_INPUT, type FrameAction, type FrameRun, type Point } from './frames.ts';

/** One open from the map list: the click's time and the renderer's marks, all on the page's clock (ms). */
export interface OpenTiming {
  click: number;
  data: number;
  frame: number;
}

const FRAME = 'waymark:canvas-frame';
const DATA = 'waymark:map-data';

export function mapUrl(url: string, mapId: string): string {
  const u = new URL(url);
  u.searchParams.set('map', mapId);
  return u.href;
}

export async function waitForFrames(page: Page, count: number): Promise<void> {
  await page.waitForFunction(([name, n]) => performance.getEntriesByName(name).length >= n, [FRAME, count] as const, { timeout: 60_000 });
}

/**
 * Load the app on `fromMapId`, then click the map called `title` in the map list (by role and name) and
 * wait for the canvas's next complete frame.
 */
export async function openFromList(page: Page, url: string, fromMapId: string, title: string): Promise<OpenTiming> {
  await page.goto(mapUrl(url, fromMapId));
  await waitForFrames(page, 1);
  await page.waitForTimeout(300); // let the first map settle, so the click does not race its loading
  const before = await page.evaluate((name) => performance.getEntriesByName(name).length, FRAME);
  await page.evaluate(() => {
    document.addEventListener(
      'click',
      (e) => {
        // The event's own time stamp is when the input happened; use it unless it is off the page's clock.
        const now = performance.now();
        performance.mark('bench:click', { startTime: e.timeStamp > 0 && e.timeStamp <= now && now - e.timeStamp < 1000 ? e.timeStamp : now });
      },
      { capture: true, once: true },
    );
  });
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page
    .getByRole('navigation', { name: 'Maps' })
    .getByRole('button', { name: new RegExp(`^${escaped}\\b`) })
    .click();
  await waitForFrames(page, before + 1);
  return page.evaluate(
    ([frame, data]) => {
      const last = (n: string) => performance.getEntriesByName(n).at(-1)?.startTime ?? NaN;
      return { click: last('bench:click'), data: last(data), frame: last(frame) };
    },
    [FRAME, DATA] as const,
  );
}

/** Load the app straight on a map (`?map=`) and read the marks of its first frame. */
export async function openByUrl(page: Page, url: string, mapId: string): Promise<{ data: number; frame: number }> {
  await page.goto(mapUrl(url, mapId));
  await waitForFrames(page, 1);
  return page.evaluate(
    ([frame, data]) => {
      const first = (n: string) => performance.getEntriesByName(n)[0]?.startTime ?? NaN;
      return { data: first(data), frame: first(frame) };
    },
    [FRAME, DATA] as const,
  );
}

/** A card on screen whose next stage is on screen too: where to grab it and where to drop it (page points). */
export interface DragPlan {
  cardId: string;
  laneId: string;
  stageId: string;
  toStageId: string;
  grab: Point;
  drop: Point;
}

export async function planDrag(page: Page): Promise<DragPlan> {
  return page.evaluate(() => {
    const api = window.waymarkCanvas;
    const box = document.querySelector('.canvas-box')?.getBoundingClientRect();
    if (!api || !box) throw new Error('no canvas');
    const v = api.viewport();
    const layout = api.layout();
    const { width: hw, height: hh } = api.header();
    const sx = (x: number) => box.left + hw + (x - v.x) * v.scale;
    const sy = (y: number) => box.top + hh + (y - v.y) * v.scale;
    for (const card of layout.cards.values()) {
      if (card.y < v.y + 20 || card.x < v.x + 20) continue;
      const at = layout.stages.findIndex((s) => s.id === card.stageId);
      const next = layout.stages[at + 1];
      if (at < 0 || !next) continue;
      const grab = { x: sx(card.x + 20), y: sy(card.y + 10) };
      const drop = { x: sx(next.x + next.width / 2), y: grab.y };
      if (drop.x > box.right - 20 || grab.y > box.bottom - 20) continue;
      return { cardId: card.id, laneId: card.laneId, stageId: card.stageId, toStageId: next.id, grab, drop };
    }
    throw new Error('no card on screen with its next stage on screen');
  });
}

export interface FrameFigures {
  p50: number;
  p95: number;
  worst: number;
  over16: number;
  over33: number;
  frames: number;
}

/**
 * Intervals between animation frames come in whole vsyncs at 60 Hz (16.7, 33.3, 50 ms …) plus a little
 * jitter, so "over 16.7 ms" means at least one vsync was missed (interval ≥ 1.5 vsyncs, 25 ms) and
 * "over 33 ms" at least two (≥ 2.5 vsyncs, 41.7 ms).
 */
const VSYNC = 1000 / 60;
export function frameFigures(deltas: number[]): FrameFigures {
  const s = [...deltas].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))] ?? NaN;
  const share = (limit: number) => (s.length === 0 ? NaN : (100 * s.filter((d) => d > limit).length) / s.length);
  return { p50: at(0.5), p95: at(0.95), worst: s.at(-1) ?? NaN, over16: share(1.5 * VSYNC), over33: share(2.5 * VSYNC), frames: s.length };
}

/** What a check found: `ok` false makes the row INVALID; `note` says what was seen either way. */
export interface Check {
  ok: boolean;
  note: string;
}

const shot = (page: Page) => page.locator('.canvas-box').screenshot();

/**
 * Run one timed action and check that it took effect. `cellOf` reads a card's cell from the workspace (HTTP).
 * The action runs at 100% unless `atZoom` is 'as is' (the view the page has: a pan zoomed out, say).
 */
export async function measureAction(
  page: Page,
  action: FrameAction,
  cellOf: (cardId: string) => Promise<{ laneId: string; stageId: string } | undefined>,
  atZoom: '100%' | 'as is' = '100%',
): Promise<{ figures: FrameFigures; check: Check }> {
  if (atZoom === '100%') await page.getByRole('button', { name: 'Zoom to 100%' }).click();
  await page.waitForTimeout(200);
  const plan = action === 'drag' ? await planDrag(page) : null;
  const before = await shot(page);
  const zoom = action === 'zoom' || action === 'zoom-deep' ? ZOOM_INPUT[action] : undefined;
  const run: FrameRun = await page.evaluate(driveFrames, { action, durationMs: 2000, grab: plan?.grab ?? null, drop: plan?.drop ?? null, ...(zoom ? { zoom } : {}), ...(action === 'pinch' ? { pinch: PINCH_INPUT } : {}) });
  const figures = frameFigures(run.deltas);
  let check: Check;
  if (action === 'pan') check = await checkPan(page, run);
  else if (action === 'zoom' || action === 'zoom-deep') check = await checkZoom(page, run, before, ZOOM_INPUT[action], await page.evaluate(() => window.waymarkCanvas?.minZoom() ?? NaN));
  else if (action === 'pinch') check = await checkPinch(page, run, before, await page.evaluate(() => window.waymarkCanvas?.minZoom() ?? NaN));
  else if (plan) check = await checkDrag(page, plan, cellOf);
  else check = { ok: false, note: 'no drag plan' };
  return { figures, check };
}

/** Share (%) of frames at which the viewport differs from the frame before. */
function changedShare(values: number[]): number {
  const changed = values.filter((v, i) => i > 0 && Math.abs(v - (values[i - 1] ?? v)) > 1e-6).length;
  return values.length > 1 ? (100 * changed) / (values.length - 1) : 0;
}
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const pctOf = (part: number, whole: number) => Math.round((100 * part) / whole);

/** How much of the input must show in the viewport: a little lag at the end is fine, lost events are not. */
const APPLIED = 0.9;

async function checkPan(page: Page, run: FrameRun): Promise<Check> {
  const vs = run.viewports;
  if (vs.length < 2 || vs.some((v) => Number.isNaN(v.y))) return { ok: false, note: 'window.waymarkCanvas.viewport() not readable' };
  // driveFrames scrolls (6, 24) px per event, 60 events one way then 60 back: the viewport's path on
  // screen should be as long as the input's (the map is taller than 1,440 px, so nothing is clamped).
  const expected = run.events * Math.hypot(6, 24);
  const path = sum(vs.slice(1).map((v, i) => Math.hypot((v.x - (vs[i]?.x ?? v.x)) * v.scale, (v.y - (vs[i]?.y ?? v.y)) * v.scale)));
  const changed = changedShare(vs.map((v) => v.y));
  // And on screen: scroll 200 px further down and compare the pixels.
  const a = await shot(page);
  const y0 = await page.evaluate(() => window.waymarkCanvas?.viewport().y ?? NaN);
  await page.evaluate(nudgePan, { count: 5, deltaY: 40 });
  const b = await shot(page);
  const y1 = await page.evaluate(() => window.waymarkCanvas?.viewport().y ?? NaN);
  const note = `viewport travelled ${Math.round(path)} px for ${Math.round(expected)} px of wheel input (${pctOf(path, expected)}%), changed in ${Math.round(changed)}% of frames; 200 px more scrolled ${Math.round(y1 - y0)} px, pixels ${a.equals(b) ? 'unchanged' : 'changed'}`;
  return { ok: path >= APPLIED * expected && changed >= 50 && y1 - y0 >= APPLIED * 200 && !a.equals(b), note };
}

/** The scales the app reported at each frame, or null when they cannot be read (a broken page, no minZoom). */
function scalesOf(run: FrameRun, minZoom: number): number[] | null {
  const scales = run.viewports.map((v) => v.scale);
  return scales.length < 2 || scales.some((s) => Number.isNaN(s)) || Number.isNaN(minZoom) ? null : scales;
}

/**
 * Whether a zoom took effect: the scale travelled at least APPLIED of the zoom path the input asked for
 * (`expected`, the sum of |log| steps), ended within 10% of where the input ends (`asked`), changed in at
 * least half the frames, and, if it moved, the pixels changed too. `what` names the input in the note.
 */
async function zoomTookEffect(page: Page, scales: number[], before: Buffer, expected: number, asked: number, what: { prefix: string; input: string; asks: string }): Promise<Check> {
  const first = scales[0] ?? 1;
  const path = sum(scales.slice(1).map((v, i) => Math.abs(Math.log(v / (scales[i] ?? v)))));
  const last = scales.at(-1) ?? first;
  const changed = changedShare(scales);
  const after = await shot(page);
  const scaleMoved = Math.abs(last / first - 1) > 0.05;
  const pixels = scaleMoved ? (after.equals(before) ? 'unchanged' : 'changed') : 'not compared (same scale at the end)';
  const note = `${what.prefix}zoom path ${pctOf(path, expected)}% of ${what.input}, scale ${first.toFixed(2)} → ${last.toFixed(2)} (${what.asks} ${asked.toFixed(2)}), changed in ${Math.round(changed)}% of frames; pixels ${pixels}`;
  const ok = expected > 0 && path >= APPLIED * expected && Math.abs(Math.log(last / asked)) <= 0.1 && changed >= 50 && (!scaleMoved || !after.equals(before));
  return { ok, note };
}

async function checkZoom(page: Page, run: FrameRun, before: Buffer, input: { deltaY: number; turn: number }, minZoom: number): Promise<Check> {
  const scales = scalesOf(run, minZoom);
  if (!scales) return { ok: false, note: 'window.waymarkCanvas.viewport() or minZoom() not readable' };
  // The app zooms by exp(-deltaY × 0.0025) per wheel event, between the map's smallest zoom and 300%
  // (useViewport.ts, viewport.ts): replay driveFrames' input to know the zoom path it asked for.
  let s = scales[0] ?? 1;
  let expected = 0;
  for (let i = 0; i < run.events; i++) {
    const deltaY = Math.floor(i / input.turn) % 2 === 0 ? input.deltaY : -input.deltaY;
    const next = Math.min(3, Math.max(minZoom, s * Math.exp(-deltaY * 0.0025)));
    expected += Math.abs(Math.log(next / s));
    s = next;
  }
  return zoomTookEffect(page, scales, before, expected, s, { prefix: '', input: "the input's", asks: 'input asks' });
}

/**
 * A pinch's zoom follows the fingers' spread from where they came down (useViewport's pinchView: the start zoom
 * × spread ÷ first spread, within the map's zoom range): replay pinchAt to know the zoom path it asked for.
 */
async function checkPinch(page: Page, run: FrameRun, before: Buffer, minZoom: number): Promise<Check> {
  const scales = scalesOf(run, minZoom);
  if (!scales) return { ok: false, note: 'window.waymarkCanvas.viewport() or minZoom() not readable' };
  const first = scales[0] ?? 1;
  const at = (i: number) => Math.min(3, Math.max(minZoom, (first * pinchAt(i).spread) / pinchAt(0).spread));
  let expected = 0;
  for (let i = 1; i < run.events; i++) expected += Math.abs(Math.log(at(i) / at(i - 1)));
  return zoomTookEffect(page, scales, before, expected, at(run.events - 1), { prefix: 'two fingers: ', input: "the fingers'", asks: 'the fingers ask' });
}

async function checkDrag(page: Page, plan: DragPlan, cellOf: (cardId: string) => Promise<{ laneId: string; stageId: string } | undefined>): Promise<Check> {
  // The move is committed over HTTP after the release: wait for it to land in the workspace.
  const inPlace = (c: { laneId: string; stageId: string } | undefined) => c?.stageId === plan.stageId && c.laneId === plan.laneId;
  let cell = await cellOf(plan.cardId);
  for (let i = 0; i < 50 && inPlace(cell); i++) {
    await page.waitForTimeout(100);
    cell = await cellOf(plan.cardId);
  }
  const moved = cell?.stageId === plan.toStageId && cell.laneId === plan.laneId;
  const where = cell === undefined ? 'the card is gone' : inPlace(cell) ? 'still in its cell' : moved ? 'moved to the next stage' : 'moved to an unexpected cell';
  // Leave the map as it was.
  let undone = 'nothing to undo';
  if (cell !== undefined && !inPlace(cell)) {
    await page.locator('.canvas-box').focus();
    await page.keyboard.press('Control+z');
    let back = await cellOf(plan.cardId);
    for (let i = 0; i < 50 && !inPlace(back); i++) {
      await page.waitForTimeout(100);
      back = await cellOf(plan.cardId);
    }
    undone = inPlace(back) ? 'undo put it back' : 'undo did not put it back';
  }
  return { ok: moved, note: `workspace: ${where}; ${undone}` };
}
