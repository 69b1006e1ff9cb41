/**
 * Drive the canvas as a person would: points on screen come from the app's own layout (read through
 * window.waymarkCanvas), and the mouse and keyboard do the rest.
 */
import type { Page } from '@playwright/test';
import { PNG } from 'pngjs';
import type {} from '../../../renderer/src/canvas/CanvasView.tsx';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Geometry {
  stages: { id: string; x: number; width: number }[];
  lanes: { id: string; y: number; height: number; kind: string }[];
  cards: Record<string, Box & { laneId: string; stageId: string }>;
  curves: Record<string, { stageId: string; x: number; y: number; score: number }[]>;
  viewport: { x: number; y: number; scale: number };
  canvas: Box;
  header: { width: number; height: number };
}

export async function geometry(page: Page): Promise<Geometry> {
  await page.waitForFunction(() => window.waymarkCanvas !== undefined);
  return page.evaluate(() => {
    const api = window.waymarkCanvas;
    if (!api) throw new Error('The canvas is not on screen');
    const layout = api.layout();
    const v = api.viewport();
    const box = document.querySelector('.canvas-box')?.getBoundingClientRect();
    if (!box) throw new Error('No canvas box');
    return {
      stages: layout.stages.map((s) => ({ id: s.id, x: s.x, width: s.width })),
      lanes: layout.lanes.map((l) => ({ id: l.id, y: l.y, height: l.height, kind: l.kind })),
      cards: Object.fromEntries([...layout.cards.entries()].map(([id, c]) => [id, { x: c.x, y: c.y, width: c.width, height: c.height, laneId: c.laneId, stageId: c.stageId }])),
      curves: Object.fromEntries([...layout.curves.entries()].map(([id, points]) => [id, points.map((p) => ({ stageId: p.stageId, x: p.x, y: p.y, score: p.score }))])),
      viewport: { x: v.x, y: v.y, scale: v.scale },
      canvas: { x: box.x, y: box.y, width: box.width, height: box.height },
      header: api.header(),
    };
  });
}

/** A map point (grid body units) as a page point. */
export function onScreen(g: Geometry, x: number, y: number): { x: number; y: number } {
  const v = g.viewport;
  return { x: g.canvas.x + g.header.width + (x - v.x) * v.scale, y: g.canvas.y + g.header.height + (y - v.y) * v.scale };
}

export function cellCenter(g: Geometry, laneId: string, stageId: string): { x: number; y: number } {
  const stage = g.stages.find((s) => s.id === stageId);
  const lane = g.lanes.find((l) => l.id === laneId);
  if (!stage || !lane) throw new Error('No such cell');
  return onScreen(g, stage.x + stage.width / 2, lane.y + lane.height - 12);
}

export function cardCenter(g: Geometry, cardId: string): { x: number; y: number } {
  const c = g.cards[cardId];
  if (!c) throw new Error(`Card ${cardId} is not laid out`);
  return onScreen(g, c.x + c.width / 2, c.y + c.height / 2);
}

export function stageHeaderCenter(g: Geometry, stageId: string): { x: number; y: number } {
  const s = g.stages.find((st) => st.id === stageId);
  if (!s) throw new Error('No such stage');
  const p = onScreen(g, s.x + s.width / 2, 0);
  return { x: p.x, y: g.canvas.y + g.header.height / 2 };
}

/** Press, move in steps (so the app sees a drag), release. */
export async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + (to.x - from.x) * 0.25, from.y + (to.y - from.y) * 0.25, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
}

/** The colour drawn at a page point, read from a screenshot of the page (what a person sees), as #rrggbb. */
export async function colourAt(page: Page, at: { x: number; y: number }): Promise<string> {
  const png = PNG.sync.read(await page.screenshot({ clip: { x: Math.round(at.x), y: Math.round(at.y), width: 1, height: 1 }, animations: 'disabled' }));
  const hex = (i: number) => (png.data[i] ?? 0).toString(16).padStart(2, '0');
  return `#${hex(0)}${hex(1)}${hex(2)}`;
}

/** The id of a card drawn wholly inside the canvas's visible body (optionally one that passes `pick`). */
export function visibleCardId(g: Geometry, pick: (id: string) => boolean = () => true): string {
  for (const [id, c] of Object.entries(g.cards)) {
    const a = onScreen(g, c.x, c.y);
    const b = onScreen(g, c.x + c.width, c.y + c.height);
    const inside = a.x >= g.canvas.x + g.header.width && a.y >= g.canvas.y + g.header.height && b.x <= g.canvas.x + g.canvas.width && b.y <= g.canvas.y + g.canvas.height;
    if (inside && pick(id)) return id;
  }
  throw new Error('No card is wholly on screen');
}

/**
 * Wait until the canvas's body is drawn at the live viewport: after a Ctrl+wheel zoom it shows its last picture
 * scaled until the zoom pauses (useZoomPreview), and what Konva holds is that picture's until then.
 */
export async function zoomSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const api = window.waymarkCanvas;
    if (!api) return false;
    const [a, b] = [api.bodyView(), api.viewport()];
    const canvases = [...document.querySelectorAll<HTMLCanvasElement>('.canvas-box canvas')];
    return a.x === b.x && a.y === b.y && a.scale === b.scale && canvases.every((c) => c.style.transform === '' || c.style.transform === 'none');
  });
}

/** The texts of the canvas's Konva text nodes (what it draws). */
export const canvasTexts = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const konva = (window as unknown as { Konva?: { stages: { find: (selector: string) => { text: () => string }[] }[] } }).Konva;
    return (konva?.stages[0]?.find('Text') ?? []).map((t) => t.text());
  });
