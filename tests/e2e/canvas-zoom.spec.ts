/**
 * The canvas zoomed out: Fit shows the whole of a map taller than the window (the smallest zoom is the one at
 * which it fits, and zooming out stops there), and below 40% the canvas draws the overview — cards as blocks
 * in their lane's colour, stage and lane names still drawn at a readable size in their own column and row.
 * What was drawn is read from Konva's stage in the page (its text nodes) and from the page's pixels.
 */
import type { Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { METRICS } from '../../renderer/src/canvas/layout.ts';
import { BLOCK_FILL } from '../../renderer/src/canvas/overview.ts';
import { CARD_FILL } from '../../renderer/src/canvas/palette.ts';
import { colourAt, geometry, onScreen, visibleCardId, zoomSettled } from './support/canvas.ts';
import { expect, test } from './support/fixtures.ts';
import type { Host } from './support/host.ts';

interface DrawnText {
  text: string;
  /** On the page (px). */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The font size on screen (px): the node's own times every scale above it. */
  fontPx: number;
}

/** Every text node the canvas's Konva stage would draw now (visible, inside the canvas), in page pixels. */
async function drawnTexts(page: Page): Promise<DrawnText[]> {
  return page.evaluate(() => {
    interface KonvaText {
      text: () => string;
      fontSize: () => number;
      isVisible: () => boolean;
      getAbsoluteScale: () => { x: number; y: number };
      getClientRect: () => { x: number; y: number; width: number; height: number };
    }
    interface KonvaStage {
      container: () => HTMLElement;
      find: (selector: string) => KonvaText[];
    }
    const konva = (window as unknown as { Konva?: { stages: KonvaStage[] } }).Konva;
    const box = document.querySelector('.canvas-box');
    const stage = konva?.stages.find((s) => box?.contains(s.container()));
    if (!stage || !box) throw new Error('No Konva stage in the canvas');
    const at = box.getBoundingClientRect();
    return stage
      .find('Text')
      .filter((t) => t.isVisible() && t.text() !== '')
      .map((t) => {
        const r = t.getClientRect();
        return { text: t.text(), x: at.x + r.x, y: at.y + r.y, width: r.width, height: r.height, fontPx: t.fontSize() * t.getAbsoluteScale().y };
      })
      .filter((t) => t.x < at.right && t.x + t.width > at.left && t.y < at.bottom && t.y + t.height > at.top);
  });
}

/** Pixels in a page rectangle that are ink (dark text), counted from a screenshot. */
async function inkIn(page: Page, r: { x: number; y: number; width: number; height: number }): Promise<number> {
  const png = PNG.sync.read(await page.screenshot({ clip: { x: Math.round(r.x), y: Math.round(r.y), width: Math.max(1, Math.round(r.width)), height: Math.max(1, Math.round(r.height)) } }));
  let ink = 0;
  for (let i = 0; i < png.data.length; i += 4) if ((png.data[i] ?? 255) + (png.data[i + 1] ?? 255) + (png.data[i + 2] ?? 255) < 3 * 110) ink++;
  return ink;
}

async function openMap(page: Page, host: Host, mapId: string): Promise<void> {
  const url = new URL(host.url);
  url.searchParams.set('map', mapId);
  await page.goto(url.href);
  await expect(page.getByRole('application', { name: /Journey map canvas/ })).toBeVisible();
  await page.waitForFunction(() => (window.waymarkCanvas?.layout().cards.size ?? 0) > 0);
}

/** A map of four stages whose first lane holds 300 cards in one cell, so it is many windows tall. */
async function seedTallMap(host: Host): Promise<{ mapId: string; lastLane: string }> {
  const created = await host.call('maps.create', { title: 'A tall map', template: 'blank' });
  const mapId = created.maps[0]?.id ?? '';
  for (const l of created.lanes) await host.call('lanes.delete', { id: l.id });
  for (const s of created.stages) await host.call('stages.delete', { id: s.id });
  const stages: string[] = [];
  for (const name of ['Discover', 'Compare', 'Buy', 'Use']) stages.push((await host.call('stages.create', { mapId, name })).stages[0]?.id ?? '');
  const actions = (await host.call('lanes.create', { mapId, kind: 'text', title: 'Actions' })).lanes[0]?.id ?? '';
  await host.call('lanes.create', { mapId, kind: 'emotion', title: 'Feelings' });
  const lastLane = 'Pains at the end';
  await host.call('lanes.create', { mapId, kind: 'pains', title: lastLane });
  const steps = Array.from({ length: 300 }, (_, i) => ({ name: 'cards.create', input: { laneId: actions, stageId: stages[0], text: `Step ${i + 1}: the customer reads the next screen` } }));
  await host.call('batch.run', { steps });
  return { mapId, lastLane };
}

test('Fit on a map taller than the window shows its last lane', async ({ page, host }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const { mapId, lastLane } = await seedTallMap(host);
  await openMap(page, host, mapId);
  const tall = await geometry(page);
  const layoutHeight = await page.evaluate(() => window.waymarkCanvas?.layout().height ?? 0);
  // Even at the old floor of 20% the map would not fit the window.
  expect(layoutHeight * 0.2).toBeGreaterThan(tall.canvas.height);

  await page.getByRole('button', { name: 'Fit map to window' }).click();
  await expect.poll(async () => (await geometry(page)).viewport.scale).toBeLessThan(0.2);
  const g = await geometry(page);
  const minZoom = await page.evaluate(() => window.waymarkCanvas?.minZoom() ?? NaN);
  expect(g.viewport.scale).toBeCloseTo(minZoom, 9);
  expect(await page.evaluate(() => window.waymarkCanvas?.detail())).toBe('overview');
  // At the smallest zoom − has nothing left to do and is off; + is on, and once used, − is on again.
  const zoomOut = page.getByRole('button', { name: 'Zoom out' });
  const zoomIn = page.getByRole('button', { name: 'Zoom in' });
  await expect(zoomOut).toBeDisabled();
  await expect(zoomIn).toBeEnabled();
  await zoomIn.click();
  await expect(zoomOut).toBeEnabled();
  // From the keyboard: − pressed down to the smallest zoom keeps the focus (the button says it is off, and stays focused).
  await zoomOut.focus();
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await geometry(page)).viewport.scale).toBeCloseTo(minZoom, 9);
  await expect(zoomOut).toBeDisabled();
  await expect(zoomOut).toBeFocused();
  await page.keyboard.press('Enter'); // nothing left to do
  expect((await geometry(page)).viewport.scale).toBeCloseTo(minZoom, 9);
  const last = g.lanes.at(-1);
  if (!last) throw new Error('no lanes');
  // The last lane's bottom edge is inside the canvas, and so is the right edge of the last stage.
  const bottom = onScreen(g, 0, last.y + last.height).y;
  expect(bottom).toBeLessThanOrEqual(g.canvas.y + g.canvas.height);
  const lastStage = g.stages.at(-1);
  if (!lastStage) throw new Error('no stages');
  expect(onScreen(g, lastStage.x + lastStage.width, 0).x).toBeLessThanOrEqual(g.canvas.x + g.canvas.width);
  // Its name is drawn in the lane column, readable, inside the canvas.
  const names = await drawnTexts(page);
  const name = names.find((t) => t.text === lastLane);
  expect(name, `drawn: ${names.map((t) => t.text).join(', ')}`).toBeDefined();
  expect(name?.fontPx).toBeGreaterThanOrEqual(12);
  expect((name?.y ?? Infinity) + (name?.height ?? 0)).toBeLessThanOrEqual(g.canvas.y + g.canvas.height);
  expect(name?.x).toBeLessThan(g.canvas.x + g.header.width);
  // No two lane names overlap, however short their rows are on screen.
  const laneNames = names.filter((t) => ['Actions', 'Feelings', lastLane].includes(t.text)).sort((a, b) => a.y - b.y);
  expect(laneNames.map((t) => t.text)).toEqual(['Actions', 'Feelings', lastLane]);
  for (let i = 1; i < laneNames.length; i++) expect(laneNames[i]?.y ?? 0).toBeGreaterThanOrEqual((laneNames[i - 1]?.y ?? 0) + (laneNames[i - 1]?.height ?? 0) - 0.5);
  // The stage columns are a few pixels wide here, too narrow for any name: the names spread along the header
  // row instead, at 12 px or more, in stage order, none over another, each near its column, and they show as ink.
  expect(g.stages.every((s) => s.width * g.viewport.scale < 44)).toBe(true);
  const stageNames = ['Discover', 'Compare', 'Buy', 'Use'].map((text) => {
    const drawn = names.find((t) => t.text === text && t.y + t.height <= g.canvas.y + g.header.height + 0.5);
    if (!drawn) throw new Error(`${text} is not drawn in the header row; drawn: ${names.map((t) => t.text).join(', ')}`);
    return drawn;
  });
  for (const [i, drawn] of stageNames.entries()) {
    expect(drawn.fontPx).toBeGreaterThanOrEqual(12);
    expect(drawn.x).toBeGreaterThanOrEqual(g.canvas.x + g.header.width);
    expect(drawn.x + drawn.width).toBeLessThanOrEqual(g.canvas.x + g.canvas.width);
    const previous = stageNames[i - 1];
    if (previous) expect(drawn.x).toBeGreaterThanOrEqual(previous.x + previous.width);
    const column = g.stages[i];
    if (!column) throw new Error('no stage box');
    expect(Math.abs(drawn.x + drawn.width / 2 - onScreen(g, column.x + column.width / 2, 0).x)).toBeLessThan(4 * 120);
    expect(await inkIn(page, { x: drawn.x, y: drawn.y, width: drawn.width, height: drawn.height }), `${drawn.text} shows`).toBeGreaterThan(10);
  }

  // Zooming out stops at Fit: the button is off, and the keys and Ctrl+wheel (pinch) leave the zoom where it is.
  await expect(page.getByRole('button', { name: 'Zoom out' })).toBeDisabled();
  expect((await geometry(page)).viewport.scale).toBeCloseTo(minZoom, 9);
  const canvas = page.getByRole('application', { name: /Journey map canvas/ });
  await canvas.focus();
  await page.keyboard.press('Control+Minus');
  await page.mouse.move(g.canvas.x + 400, g.canvas.y + 300);
  await page.keyboard.down('Control');
  for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 200);
  await page.keyboard.up('Control');
  await page.waitForTimeout(100);
  expect((await geometry(page)).viewport.scale).toBeCloseTo(minZoom, 9);
  // Zooming in from there works, and back into full detail (cards' text drawn again) at 40% and above.
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect.poll(async () => (await geometry(page)).viewport.scale).toBeGreaterThan(minZoom * 1.1);
  await page.getByRole('button', { name: 'Zoom to 100%' }).click();
  await expect.poll(async () => page.evaluate(() => window.waymarkCanvas?.detail())).toBe('full');
  await expect.poll(async () => (await drawnTexts(page)).filter((t) => t.text.startsWith('Step ')).length).toBeGreaterThan(3);
});

test('a zoomed-out map still shows stage names', async ({ page, sampleHost }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const [summary] = await sampleHost.call('maps.list', {});
  const doc = await sampleHost.call('maps.get', { id: summary?.id ?? '' });
  await openMap(page, sampleHost, doc.map.id);
  const canvas = page.getByRole('application', { name: /Journey map canvas/ });
  // At 100% a lane's header names its kind only where its title does not: never "Notes" under a text lane's title.
  const atFull = await drawnTexts(page);
  const textLanes = doc.lanes.filter((l) => l.kind === 'text');
  expect(textLanes.length).toBeGreaterThan(0);
  for (const lane of textLanes) expect(atFull.map((t) => t.text)).toContain(lane.title);
  expect(atFull.map((t) => t.text)).not.toContain('Notes');
  // Ctrl+wheel out at the middle of the canvas as far as it goes.
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no canvas');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.down('Control');
  for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 200);
  await page.keyboard.up('Control');
  const minZoom = await page.evaluate(() => window.waymarkCanvas?.minZoom() ?? NaN);
  await expect.poll(async () => (await geometry(page)).viewport.scale).toBeCloseTo(minZoom, 9);
  await zoomSettled(page);
  expect(minZoom).toBeLessThan(0.4);
  expect(await page.evaluate(() => window.waymarkCanvas?.detail())).toBe('overview');
  const g = await geometry(page);

  // Every stage's name is drawn at 12 px or more inside its own column of the header row, and it shows as ink.
  const texts = await drawnTexts(page);
  for (const stage of doc.stages) {
    const box = g.stages.find((s) => s.id === stage.id);
    if (!box) throw new Error(`no box for ${stage.name}`);
    const left = onScreen(g, box.x, 0).x;
    const right = onScreen(g, box.x + box.width, 0).x;
    const drawn = texts.find((t) => t.text === stage.name && t.x >= left - 0.5 && t.x < right && t.y + t.height <= g.canvas.y + g.header.height + 0.5);
    expect(drawn, `${stage.name} is drawn in its header`).toBeDefined();
    expect(drawn?.fontPx).toBeGreaterThanOrEqual(12);
    expect(await inkIn(page, { x: left + 2, y: g.canvas.y + 4, width: right - left - 4, height: g.header.height - 6 }), `${stage.name} shows`).toBeGreaterThan(10);
  }
  // And the lanes' titles, in the lane column.
  for (const lane of doc.lanes) expect(texts.some((t) => t.text === lane.title && t.x < g.canvas.x + g.header.width), lane.title).toBe(true);

  // Cards are blocks in their lane's colour, with no text drawn for them.
  const cardTexts = new Set(doc.cards.map((c) => c.text));
  expect(texts.filter((t) => cardTexts.has(t.text))).toEqual([]);
  // No words at all are drawn in the body at a size nobody can read (the funnel's numbers and names neither).
  const inBody = (t: { x: number; y: number }) => t.x >= g.canvas.x + g.header.width && t.y >= g.canvas.y + g.header.height;
  expect(texts.filter((t) => inBody(t) && t.fontPx < 9).map((t) => `${t.text} at ${t.fontPx.toFixed(1)} px`)).toEqual([]);
  const card = doc.cards.find((c) => doc.lanes.find((l) => l.id === c.laneId)?.kind === 'pains' && c.color === null);
  const cardBox = card ? g.cards[card.id] : undefined;
  if (!card || !cardBox) throw new Error('no pain card on the map');
  const centre = onScreen(g, cardBox.x + cardBox.width / 2, cardBox.y + cardBox.height / 2);
  expect(await colourAt(page, centre)).toBe(BLOCK_FILL.pains);
  // The emotion curve is still drawn: its line's grey-blue crosses the emotion lane.
  const emotion = g.lanes.find((l) => l.kind === 'emotion');
  if (!emotion) throw new Error('no emotion lane');
  const top = onScreen(g, 0, emotion.y);
  const bottom = onScreen(g, g.stages.at(-1)?.x ?? 0, emotion.y + emotion.height);
  expect(await curveInk(page, { x: top.x, y: top.y, width: bottom.x - top.x, height: bottom.y - top.y })).toBeGreaterThan(20);
});

/** Pixels of the overview's curve colour (#5f6f8a, give or take antialiasing) in a page rectangle. */
async function curveInk(page: Page, r: { x: number; y: number; width: number; height: number }): Promise<number> {
  const png = PNG.sync.read(await page.screenshot({ clip: { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) } }));
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [red, green, blue] = [png.data[i] ?? 0, png.data[i + 1] ?? 0, png.data[i + 2] ?? 0];
    if (Math.abs(red - 0x5f) < 24 && Math.abs(green - 0x6f) < 24 && Math.abs(blue - 0x8a) < 24) n++;
  }
  return n;
}

test('a wheel zoom scales the picture while it goes on, and draws it anew once it pauses', async ({ page, sampleHost }) => {
  const [summary] = await sampleHost.call('maps.list', {});
  const doc = await sampleHost.call('maps.get', { id: summary?.id ?? '' });
  await openMap(page, sampleHost, doc.map.id);
  await page.getByRole('button', { name: 'Zoom to 100%' }).click();
  await zoomSettled(page);
  const before = await geometry(page);
  const thoughts = doc.lanes.find((l) => l.title === 'Thoughts')?.id ?? '';
  const cardId = visibleCardId(before, (id) => doc.cards.find((c) => c.id === id)?.laneId === thoughts);
  // Four Ctrl+wheel steps out, one a frame, at the canvas's top-left area (×0.914 each: to 70%); then, before the
  // zoom has paused, what the page shows.
  const during = await page.evaluate(async () => {
    const box = document.querySelector<HTMLElement>('.canvas-box');
    const api = window.waymarkCanvas;
    if (!box || !api) throw new Error('no canvas');
    const r = box.getBoundingClientRect();
    for (let i = 0; i < 4; i++) {
      box.dispatchEvent(new WheelEvent('wheel', { deltaY: 36, ctrlKey: true, clientX: r.left + 300, clientY: r.top + 250, bubbles: true, cancelable: true }));
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return { live: api.viewport().scale, body: api.bodyView().scale, transforms: [...box.querySelectorAll('canvas')].map((c) => c.style.transform) };
  });
  expect(during.live).toBeCloseTo(Math.exp(-4 * 36 * 0.0025), 6);
  expect(during.body).toBe(1);
  // The grid's and the cards' canvases are scaled by the browser; the headers' and the interaction's are drawn.
  const scaledBy = during.transforms.map((t) => Number(/^matrix\(([-\d.e]+),/.exec(t)?.[1] ?? NaN)).filter((k) => !Number.isNaN(k));
  expect(scaledBy).toHaveLength(2);
  for (const k of scaledBy) expect(k).toBeCloseTo(during.live, 5);
  expect(during.transforms.filter((t) => t === '').length).toBe(during.transforms.length - 2);
  // The scaled picture has the card where the layout puts it at the live zoom.
  const g = await geometry(page);
  const box = g.cards[cardId];
  if (!box) throw new Error('card not laid out');
  const corner = onScreen(g, box.x, box.y);
  expect(await colourAt(page, { x: corner.x + 5, y: corner.y + 3 })).toBe(CARD_FILL.text);

  // Once the zoom pauses, the body is drawn anew at the live zoom, with no transform, the card in the same place.
  await zoomSettled(page);
  const after = await geometry(page);
  expect(after.viewport.scale).toBeCloseTo(during.live, 9);
  const settled = after.cards[cardId];
  if (!settled) throw new Error('card not laid out');
  const at = onScreen(after, settled.x, settled.y);
  expect(at.x).toBeCloseTo(corner.x, 6);
  expect(await colourAt(page, { x: at.x + 5, y: at.y + 3 })).toBe(CARD_FILL.text);
  const texts = await drawnTexts(page);
  const card = doc.cards.find((c) => c.id === cardId);
  expect(texts.find((t) => t.text === card?.text)?.fontPx).toBeCloseTo(METRICS.fontSize * during.live, 1);

  // A zoom by the toolbar in the middle of a wheel zoom ends it: the body is drawn at the new zoom at once.
  const reset = await page.evaluate(async () => {
    const box = document.querySelector<HTMLElement>('.canvas-box');
    const api = window.waymarkCanvas;
    const button = [...document.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === 'Zoom to 100%' || b.title.startsWith('Zoom to 100%'));
    if (!box || !api || !button) throw new Error('no canvas or no Zoom to 100% button');
    const r = box.getBoundingClientRect();
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    // The wheel starts a zoom (its picture held) and the click comes in the same moment: had it not ended the
    // wheel zoom, the body would show the held picture, scaled, when the view first is at 100%.
    box.dispatchEvent(new WheelEvent('wheel', { deltaY: 36, ctrlKey: true, clientX: r.left + 300, clientY: r.top + 250, bubbles: true, cancelable: true }));
    button.click();
    for (let i = 0; i < 20 && api.viewport().scale !== 1; i++) await frame();
    const body = api.bodyView().scale;
    await frame();
    await frame();
    return { live: api.viewport().scale, body, transforms: [...box.querySelectorAll('canvas')].map((c) => c.style.transform) };
  });
  expect(reset).toEqual({ live: 1, body: 1, transforms: reset.transforms.map(() => '') });
});
