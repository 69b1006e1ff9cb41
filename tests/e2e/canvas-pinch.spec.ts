/**
 * Two fingers on a touchscreen: their spread zooms about their midpoint and the midpoint's travel pans (the map
 * point first under the midpoint stays under it), with the body's picture scaled while they move, as a Ctrl+wheel
 * zoom does; lifting a finger ends the pinch and nothing else happens — no card selected, moved or dragged.
 * The fingers are Chromium's own touch input (CDP Input.dispatchTouchEvent); what is checked is read from the
 * app's layout (window.waymarkCanvas), the map as the host stores it, and the page's pixels.
 */
import type { CDPSession, Page } from '@playwright/test';
import type { MapDocument } from '../../electron/api/types.ts';
import { CARD_FILL } from '../../renderer/src/canvas/palette.ts';
import { cardCenter, colourAt, geometry, onScreen, visibleCardId, zoomSettled } from './support/canvas.ts';
import { expect, test } from './support/fixtures.ts';
import type { Host } from './support/host.ts';

test.use({ hasTouch: true });

interface Point {
  x: number;
  y: number;
}

/** Fingers on the page, the nth finger always touch point n: put down, moved, lifted. */
class Fingers {
  private readonly cdp: CDPSession;
  constructor(cdp: CDPSession) {
    this.cdp = cdp;
  }
  private send(type: 'touchStart' | 'touchMove' | 'touchEnd', points: readonly Point[], first = 0) {
    return this.cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map((p, i) => ({ x: p.x, y: p.y, id: first + i })) });
  }
  down(points: readonly Point[]) {
    return this.send('touchStart', points);
  }
  /** Move from `from` to `to` in `steps` touch events, a frame apart. */
  async move(page: Page, from: readonly Point[], to: readonly Point[], steps: number) {
    for (let i = 1; i <= steps; i++) {
      const t = i / steps;
      await this.send('touchMove', from.map((p, k) => ({ x: p.x + ((to[k]?.x ?? p.x) - p.x) * t, y: p.y + ((to[k]?.y ?? p.y) - p.y) * t })));
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    }
  }
  /** Lift every finger, or all but the first `keep` (a touch end that names the fingers it lifts). */
  lift(points: readonly Point[], keep = 0) {
    return keep === 0 ? this.send('touchEnd', []) : this.send('touchEnd', points.slice(keep), keep);
  }
}

const spread = (c: Point, half: number): Point[] => [
  { x: c.x - half, y: c.y },
  { x: c.x + half, y: c.y },
];

/** What a pinch must leave as it was: every card's lane, stage and order as stored, and the selection. */
async function untouched(page: Page, doc: MapDocument, host: Host, selection: string) {
  const stored = await host.call('maps.get', { id: doc.map.id });
  const where = (d: MapDocument) => d.cards.map((c) => `${c.id} ${c.laneId} ${c.stageId} ${c.position}`).sort();
  expect(where(stored)).toEqual(where(doc));
  await expect(page.locator('#canvas-selection')).toHaveText(selection);
}

/** The sample map on the canvas at 100%, settled: its document, what the selection line says, and two fingers. */
async function openAt100(page: Page, host: Host): Promise<{ doc: MapDocument; selection: string; fingers: Fingers }> {
  const [summary] = await host.call('maps.list', {});
  const doc = await host.call('maps.get', { id: summary?.id ?? '' });
  await page.goto(host.url);
  await expect(page.getByRole('application', { name: /Journey map canvas/ })).toBeVisible();
  await expect.poll(async () => Object.keys((await geometry(page)).cards).length).toBeGreaterThan(10);
  await page.getByRole('button', { name: 'Zoom to 100%' }).click();
  await zoomSettled(page);
  const selection = (await page.locator('#canvas-selection').textContent()) ?? '';
  return { doc, selection, fingers: new Fingers(await page.context().newCDPSession(page)) };
}

test('two fingers zoom about their midpoint and pan, and change nothing on the map', async ({ page, sampleHost }, testInfo) => {
  const { doc, selection, fingers } = await openAt100(page, sampleHost);

  // The fingers come down either side of a card's centre: one finger there would press the card.
  const before = await geometry(page);
  expect(before.viewport.scale).toBe(1);
  const thoughts = doc.lanes.find((l) => l.title === 'Thoughts')?.id ?? '';
  const cardId = visibleCardId(before, (id) => {
    const c = cardCenter(before, id);
    return before.cards[id]?.laneId === thoughts && c.x > before.canvas.x + before.header.width + 150 && c.x < before.canvas.x + before.canvas.width - 300;
  });
  const start = cardCenter(before, cardId);
  const box = before.cards[cardId];
  if (!box) throw new Error('card not laid out');
  // The map point under the midpoint (the card's centre), and where the midpoint ends: up and left a little.
  const anchor = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const end = { x: start.x - 40, y: start.y - 30 };
  const from = spread(start, 60);
  const to = spread(end, 120);

  await fingers.down(from);
  // Halfway: the zoom follows the fingers, and the body is its picture from before, scaled by the browser.
  const half = spread({ x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 }, 90);
  await fingers.move(page, from, half, 6);
  const during = await page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const api = window.waymarkCanvas;
    if (!api) throw new Error('no canvas');
    return { live: api.viewport().scale, body: api.bodyView().scale, transforms: [...document.querySelectorAll<HTMLCanvasElement>('.canvas-box canvas')].map((c) => c.style.transform) };
  });
  expect(during.live).toBeCloseTo(1.5, 2);
  expect(during.body).toBe(1);
  const scaledBy = during.transforms.map((t) => Number(/^matrix\(([-\d.e]+),/.exec(t)?.[1] ?? NaN)).filter((k) => !Number.isNaN(k));
  expect(scaledBy).toHaveLength(2);
  for (const k of scaledBy) expect(k).toBeCloseTo(during.live, 5);
  const mid = await geometry(page);
  const midCard = mid.cards[cardId];
  if (!midCard) throw new Error('card not laid out');
  const midEdge = onScreen(mid, midCard.x, midCard.y + midCard.height / 2);
  await page.screenshot({ path: testInfo.outputPath('pinch-during.png') });
  // The scaled picture has the card where the layout puts it at the live zoom.
  expect(await colourAt(page, { x: midEdge.x + 5, y: midEdge.y })).toBe(CARD_FILL.text);

  await fingers.move(page, half, to, 6);
  await fingers.lift(to);
  await zoomSettled(page);
  const after = await geometry(page);
  // Twice as far apart: twice the zoom, and the card's centre under the fingers' midpoint where it ended.
  expect(after.viewport.scale).toBeCloseTo(2, 2);
  const under = onScreen(after, anchor.x, anchor.y);
  expect(Math.abs(under.x - end.x)).toBeLessThan(1);
  expect(Math.abs(under.y - end.y)).toBeLessThan(1);
  const edge = onScreen(after, box.x, box.y + box.height / 2);
  expect(await colourAt(page, { x: edge.x + 6, y: edge.y })).toBe(CARD_FILL.text);
  await page.screenshot({ path: testInfo.outputPath('pinch-after.png') });
  await untouched(page, doc, sampleHost, selection);

  // A second pinch, inwards, back to half the spread: back to 100%. One finger lifts first; the other then
  // sweeps across the cards and nothing follows it — no pan, no rectangle, no drag.
  const inward = spread(end, 60);
  await fingers.down(to);
  await fingers.move(page, to, inward, 8);
  await expect.poll(async () => (await geometry(page)).viewport.scale).toBeCloseTo(1, 2);
  const pinched = await geometry(page);
  await fingers.lift(inward, 1);
  const sweep = [{ x: (inward[0]?.x ?? 0) + 250, y: (inward[0]?.y ?? 0) + 120 }];
  await fingers.move(page, inward.slice(0, 1), sweep, 8);
  await fingers.lift(sweep);
  await zoomSettled(page);
  const last = await geometry(page);
  expect(last.viewport).toEqual(pinched.viewport);
  const back = onScreen(last, anchor.x, anchor.y);
  expect(Math.abs(back.x - end.x)).toBeLessThan(1);
  expect(Math.abs(back.y - end.y)).toBeLessThan(1);
  await untouched(page, doc, sampleHost, selection);

  // One finger still does what it did: a tap on the card selects it.
  const tap = cardCenter(last, cardId);
  await fingers.down([tap]);
  await fingers.lift([tap]);
  await expect(page.locator('#canvas-selection')).toHaveText(/^Card /);
});

test('a second finger while the first drags a card drops the drag: the card stays where it was', async ({ page, sampleHost }) => {
  const { doc, selection, fingers } = await openAt100(page, sampleHost);
  const g = await geometry(page);
  const thoughts = doc.lanes.find((l) => l.title === 'Thoughts')?.id ?? '';
  const cardId = visibleCardId(g, (id) => g.cards[id]?.laneId === thoughts && cardCenter(g, id).x < g.canvas.x + g.canvas.width - 500);
  const grab = cardCenter(g, cardId);
  // One finger presses the card and drags it a stage to the right: the card's ghost follows it.
  const dragged = { x: grab.x + 360, y: grab.y };
  await fingers.down([grab]);
  await fingers.move(page, [grab], [dragged], 8);
  // (A drag of a card selects it as it starts.)
  await expect(page.locator('#canvas-selection')).toHaveText(/^Card /);
  const dragging = (await page.locator('#canvas-selection').textContent()) ?? '';
  expect(dragging).not.toBe(selection);
  // A second finger comes down: a pinch, out to twice the spread, and both lift where the drag would drop.
  const second = { x: dragged.x + 80, y: dragged.y + 60 };
  await fingers.down([dragged, second]);
  await fingers.move(page, [dragged, second], [{ x: dragged.x - 40, y: dragged.y - 30 }, { x: second.x + 40, y: second.y + 30 }], 6);
  await fingers.lift([]);
  await zoomSettled(page);
  expect((await geometry(page)).viewport.scale).toBeCloseTo(2, 2);
  await untouched(page, doc, sampleHost, dragging);
  await expect(page.getByRole('button', { name: /Undo/ })).toBeDisabled();
});
