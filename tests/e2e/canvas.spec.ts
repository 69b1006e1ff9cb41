import type { Page } from '@playwright/test';
import type { MapDocument } from '../../electron/api/types.ts';
import { CARD_FILL } from '../../renderer/src/canvas/palette.ts';
import { canvasTexts, cardCenter, cellCenter, colourAt, drag, geometry, onScreen, stageHeaderCenter, visibleCardId } from './support/canvas.ts';
import { expect, test } from './support/fixtures.ts';
import type { Host } from './support/host.ts';

async function openSampleCanvas(page: Page, host: Host): Promise<MapDocument> {
  const [summary] = await host.call('maps.list', {});
  const doc = await host.call('maps.get', { id: summary?.id ?? '' });
  await page.goto(host.url);
  await expect(page.getByRole('application', { name: /Journey map canvas/ })).toBeVisible();
  await expect.poll(async () => Object.keys((await geometry(page)).cards).length).toBeGreaterThan(10);
  return doc;
}

const saved = (page: Page) => expect(page.getByRole('status').filter({ hasText: /changes saved|Saving/ })).toHaveText('All changes saved');
const laneOf = (doc: MapDocument, title: string) => doc.lanes.find((l) => l.title === title)?.id ?? '';
const stageOf = (doc: MapDocument, name: string) => doc.stages.find((s) => s.name === name)?.id ?? '';

test('add a card by double-clicking a cell, edit it in place, and find it after a reload', async ({ page, sampleHost }) => {
  const doc = await openSampleCanvas(page, sampleHost);
  const thoughts = laneOf(doc, 'Thoughts');
  const signup = stageOf(doc, 'Sign up');
  let g = await geometry(page);
  const cell = cellCenter(g, thoughts, signup);
  await page.mouse.dblclick(cell.x, cell.y);
  const editor = page.getByRole('textbox', { name: 'New card text' });
  await expect(editor).toBeFocused();
  await page.keyboard.type('"Do I really need an account for this?"');
  await page.keyboard.press('Enter');
  await saved(page);

  let stored = await sampleHost.call('maps.get', { id: doc.map.id });
  const card = stored.cards.find((c) => c.laneId === thoughts && c.stageId === signup);
  expect(card?.text).toBe('"Do I really need an account for this?"');

  // Edit it where it is.
  g = await geometry(page);
  const at = cardCenter(g, card?.id ?? '');
  await page.mouse.dblclick(at.x, at.y);
  await expect(page.getByRole('textbox', { name: 'Card text' })).toHaveValue('"Do I really need an account for this?"');
  await page.keyboard.press('End');
  await page.keyboard.type(' (asked twice)');
  await page.keyboard.press('Enter');
  await saved(page);
  stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.cards.find((c) => c.id === card?.id)?.text).toBe('"Do I really need an account for this?" (asked twice)');

  // After a reload the canvas lays the card out in the same cell, and draws it there.
  await page.reload();
  await expect.poll(async () => (await geometry(page)).cards[card?.id ?? '']?.stageId).toBe(signup);
  g = await geometry(page);
  const box = g.cards[card?.id ?? ''];
  if (!box) throw new Error('card not laid out');
  const topLeft = onScreen(g, box.x, box.y);
  // Drawn: the pixel just inside its corner has the Thoughts lane's card fill (a canvas that draws nothing,
  // or draws it elsewhere, shows the cell's white there).
  expect(await colourAt(page, { x: topLeft.x + 6, y: topLeft.y + 4 })).toBe(CARD_FILL.text);
  await page.mouse.click(topLeft.x + 10, topLeft.y + 10);
  // The card's own quotation marks are not doubled.
  await expect(page.locator('#canvas-selection')).toHaveText(/^Card "Do I really need an account for this\?"… in Thoughts, Sign up$/);
});

test('drag a card to another stage, then undo and redo the move', async ({ page, sampleHost }) => {
  const doc = await openSampleCanvas(page, sampleHost);
  const card = doc.cards.find((c) => c.text === 'Compares prices with her usual store');
  if (!card) throw new Error('sample card missing');
  const discover = stageOf(doc, 'Discover');
  const g = await geometry(page);
  await drag(page, cardCenter(g, card.id), cellCenter(g, card.laneId, discover));
  await saved(page);
  let stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.cards.find((c) => c.id === card.id)?.stageId).toBe(discover);
  await expect.poll(async () => (await geometry(page)).cards[card.id]?.stageId).toBe(discover);

  await page.keyboard.press('Control+z');
  await saved(page);
  stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.cards.find((c) => c.id === card.id)?.stageId).toBe(card.stageId);
  await expect.poll(async () => (await geometry(page)).cards[card.id]?.stageId).toBe(card.stageId);

  await page.keyboard.press('Control+Shift+z');
  await saved(page);
  stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.cards.find((c) => c.id === card.id)?.stageId).toBe(discover);

  // Undo survives switching to the table view and back.
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Table' }).click();
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await saved(page);
  stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.cards.find((c) => c.id === card.id)?.stageId).toBe(card.stageId);
});

test('a dropped card is in its new cell before the workspace answers; a drop that cannot be saved goes back, with a message', async ({ page, sampleHost }) => {
  const doc = await openSampleCanvas(page, sampleHost);
  const card = doc.cards.find((c) => c.text === 'Compares prices with her usual store');
  if (!card) throw new Error('sample card missing');
  const discover = stageOf(doc, 'Discover');
  const storedStage = async () => (await sampleHost.call('maps.get', { id: doc.map.id })).cards.find((c) => c.id === card.id)?.stageId;
  // Every save is held back until the test lets it go (it still reaches the workspace then, unchanged).
  const held: import('@playwright/test').Route[] = [];
  for (const op of ['batch.run', 'cards.move']) await page.route(`**/api/${op}`, (route) => void held.push(route));
  let g = await geometry(page);
  await drag(page, cardCenter(g, card.id), cellCenter(g, card.laneId, discover));
  await expect.poll(() => held.length).toBe(1);
  // Drawn where it was dropped while the save is under way: the layout places it there, the workspace not yet.
  await expect.poll(async () => (await geometry(page)).cards[card.id]?.stageId).toBe(discover);
  expect(await storedStage()).toBe(card.stageId);
  await page.getByRole('status').filter({ hasText: /Saving/ }).waitFor();
  await held.shift()?.continue();
  await saved(page);
  expect(await storedStage()).toBe(discover);
  expect((await geometry(page)).cards[card.id]?.stageId).toBe(discover);

  // Dropped back, and the connection fails before the save arrives: the card goes back to Discover, and the person is told.
  g = await geometry(page);
  await drag(page, cardCenter(g, card.id), cellCenter(g, card.laneId, card.stageId));
  await expect.poll(() => held.length).toBe(1);
  await expect.poll(async () => (await geometry(page)).cards[card.id]?.stageId).toBe(card.stageId);
  await held.shift()?.abort('connectionfailed');
  await expect(page.getByRole('alert')).toContainText('cannot reach its workspace server');
  await expect.poll(async () => (await geometry(page)).cards[card.id]?.stageId).toBe(discover);
  expect(await storedStage()).toBe(discover);
});

test('a deleted card is gone before the workspace answers, and its undo brings it back so; a delete that cannot be saved puts it back, with a message', async ({ page, sampleHost }) => {
  const doc = await openSampleCanvas(page, sampleHost);
  const card = doc.cards.find((c) => c.text === 'Compares prices with her usual store');
  if (!card) throw new Error('sample card missing');
  const stored = async () => (await sampleHost.call('maps.get', { id: doc.map.id })).cards.find((c) => c.id === card.id);
  const shown = async () => (await geometry(page)).cards[card.id];
  const held: import('@playwright/test').Route[] = [];
  await page.route('**/api/batch.run', (route) => void held.push(route));
  const select = async () => {
    const at = cardCenter(await geometry(page), card.id);
    await page.mouse.click(at.x, at.y);
  };
  await select();
  await expect(page.locator('#canvas-selection')).toHaveText(/Card “Compares prices with her usual store”/);
  const before = await shown();
  await page.keyboard.press('Delete');
  await expect.poll(() => held.length).toBe(1);
  // Gone from the canvas while the save is under way; the workspace still holds it.
  await expect.poll(shown).toBeUndefined();
  expect(await stored()).toEqual(card);
  await held.shift()?.continue();
  await saved(page);
  expect(await stored()).toBeUndefined();

  // Undo: drawn again in its place at once, before the workspace has it back.
  await page.keyboard.press('Control+z');
  await expect.poll(() => held.length).toBe(1);
  await expect.poll(shown).toEqual(before);
  expect(await stored()).toBeUndefined();
  await held.shift()?.continue();
  await saved(page);
  expect(await stored()).toEqual(card);

  // Deleted again, and the connection fails before the save arrives: the card comes back, and the person is told.
  await select();
  await page.keyboard.press('Delete');
  await expect.poll(() => held.length).toBe(1);
  await expect.poll(shown).toBeUndefined();
  await held.shift()?.abort('connectionfailed');
  await expect(page.getByRole('alert')).toContainText('cannot reach its workspace server');
  await expect.poll(shown).toEqual(before);
  expect(await stored()).toEqual(card);
});

test('the drawing surface stays as wide as the canvas has been while the inspector opens and closes, and follows the window', async ({ page, sampleHost }) => {
  const doc = await openSampleCanvas(page, sampleHost);
  const card = doc.cards.find((c) => c.text === 'Compares prices with her usual store');
  if (!card) throw new Error('sample card missing');
  const widths = () =>
    page.evaluate(() => ({
      box: document.querySelector('.canvas-box')?.clientWidth ?? 0,
      canvases: [...document.querySelectorAll('.canvas-box canvas')].map((c) => (c as HTMLCanvasElement).getBoundingClientRect().width),
    }));
  const wide = await widths();
  expect(wide.canvases.length).toBeGreaterThan(1);
  for (const w of wide.canvases) expect(w).toBe(wide.box);
  // A card selected: the inspector opens and the box narrows; the canvases keep their size, clipped by the box.
  const at = cardCenter(await geometry(page), card.id);
  await page.mouse.click(at.x, at.y);
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toBeVisible();
  await expect.poll(async () => (await widths()).box).toBeLessThan(wide.box);
  expect((await widths()).canvases).toEqual(wide.canvases);
  // Nothing selected: the box is as wide as before, and so are the canvases.
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await widths()).box).toBe(wide.box);
  expect((await widths()).canvases).toEqual(wide.canvases);
  // A narrower window: the canvases follow the box.
  await page.setViewportSize({ width: 1100, height: 800 });
  await expect.poll(async () => (await widths()).canvases[0]).toBeLessThan(wide.box);
  const narrow = await widths();
  for (const w of narrow.canvases) expect(w).toBe(narrow.box);
});

test('set an emotion score by dragging its point, and by keyboard', async ({ page, sampleHost }) => {
  const doc = await openSampleCanvas(page, sampleHost);
  const emotionLane = doc.lanes.find((l) => l.kind === 'emotion')?.id ?? '';
  const basket = stageOf(doc, 'Build the basket');
  let g = await geometry(page);
  const point = g.curves[emotionLane]?.find((p) => p.stageId === basket);
  const lane = g.lanes.find((l) => l.id === emotionLane);
  if (!point || !lane) throw new Error('no emotion point');
  expect(point.score).toBe(-1);
  // Drag it to the top of the lane: the best score on the scale.
  await drag(page, onScreen(g, point.x, point.y), onScreen(g, point.x, lane.y + 10));
  await saved(page);
  let stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.emotions.find((e) => e.stageId === basket)?.score).toBe(2);
  g = await geometry(page);
  expect(g.curves[emotionLane]?.find((p) => p.stageId === basket)?.score).toBe(2);

  // The point stays selected: the arrow keys move it one step at a time.
  await expect(page.locator('#canvas-selection')).toHaveText('Emotion at Build the basket: +2');
  await page.keyboard.press('ArrowDown');
  await saved(page);
  await page.keyboard.press('ArrowDown');
  await saved(page);
  stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.emotions.find((e) => e.stageId === basket)?.score).toBe(0);
});

test('reorder stages by dragging a header', async ({ page, sampleHost }) => {
  const doc = await openSampleCanvas(page, sampleHost);
  const discover = stageOf(doc, 'Discover');
  const basket = stageOf(doc, 'Build the basket');
  const g = await geometry(page);
  const from = stageHeaderCenter(g, discover);
  const target = g.stages.find((s) => s.id === basket);
  if (!target) throw new Error('no stage');
  // Drop it just past the middle of "Build the basket": it lands after it.
  const to = { x: onScreen(g, target.x + target.width * 0.75, 0).x, y: from.y };
  await drag(page, from, to);
  await saved(page);
  const stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.stages.map((s) => s.name)).toEqual(['Sign up', 'Build the basket', 'Discover', 'Checkout & slot', 'Delivery', 'After delivery']);
  await expect.poll(async () => (await geometry(page)).stages.map((s) => s.id)).toEqual(stored.stages.map((s) => s.id));
});

test('zoom at the pointer and pan with the wheel, the buttons and space-drag', async ({ page, sampleHost }) => {
  await openSampleCanvas(page, sampleHost);
  const box = (await geometry(page)).canvas;
  await page.mouse.move(box.x + 600, box.y + 300);
  await page.mouse.wheel(0, 300);
  await expect.poll(async () => (await geometry(page)).viewport.y).toBeGreaterThan(100);
  await page.mouse.wheel(250, 0);
  await expect.poll(async () => (await geometry(page)).viewport.x).toBeGreaterThan(100);

  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -200);
  await page.keyboard.up('Control');
  await expect.poll(async () => (await geometry(page)).viewport.scale).toBeGreaterThan(1.2);
  await expect(page.getByRole('button', { name: 'Zoom to 100%' })).not.toHaveText('100%');

  await page.getByRole('button', { name: 'Zoom to 100%' }).click();
  await expect.poll(async () => (await geometry(page)).viewport.scale).toBeCloseTo(1, 5);
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await expect.poll(async () => (await geometry(page)).viewport.scale).toBeLessThan(1);
  await page.getByRole('button', { name: 'Fit map to window' }).click();
  await expect.poll(async () => (await geometry(page)).viewport).toMatchObject({ x: 0, y: 0 });

  // Space + drag pans.
  await page.getByRole('button', { name: 'Zoom to 100%' }).click();
  await page.getByRole('application').focus();
  const before = (await geometry(page)).viewport;
  await page.keyboard.down(' ');
  await drag(page, { x: box.x + 700, y: box.y + 500 }, { x: box.x + 500, y: box.y + 300 });
  await page.keyboard.up(' ');
  await expect.poll(async () => (await geometry(page)).viewport.x).toBeGreaterThan(before.x + 100);
});

test('keyboard: select a cell, add cards with Enter, move between them, delete, copy and paste', async ({ page, sampleHost }) => {
  const doc = await openSampleCanvas(page, sampleHost);
  const actions = laneOf(doc, 'Customer actions');
  const signup = stageOf(doc, 'Sign up');
  const discover = stageOf(doc, 'Discover');
  const g = await geometry(page);
  const cell = cellCenter(g, actions, signup);
  await page.mouse.click(cell.x, cell.y);
  await expect(page.locator('#canvas-selection')).toHaveText('Cell Customer actions, Sign up');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Gets a verification email');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Clicks the link on her phone');
  await page.keyboard.press('Enter');
  await saved(page);
  let stored = await sampleHost.call('maps.get', { id: doc.map.id });
  const texts = (stageId: string) =>
    stored.cards.filter((c) => c.laneId === actions && c.stageId === stageId).sort((a, b) => (a.position < b.position ? -1 : 1)).map((c) => c.text);
  expect(texts(signup)).toEqual(['Enters postcode to check delivery area', 'Creates account with email', 'Gets a verification email', 'Clicks the link on her phone']);

  await page.keyboard.press('ArrowDown');
  await expect(page.locator('#canvas-selection')).toHaveText('Card “Enters postcode to check delivery area” in Customer actions, Sign up');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('#canvas-selection')).toHaveText(/Card “Gets a verification email”/);
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Delete');
  await saved(page);
  await expect(page.locator('#canvas-selection')).toHaveText('Cell Customer actions, Sign up');
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('#canvas-selection')).toHaveText('Cell Customer actions, Discover');
  await page.keyboard.press('Control+v');
  await saved(page);
  await expect(page.locator('#canvas-selection')).toHaveText(/Card “Gets a verification email” in Customer actions, Discover/);
  stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(texts(signup)).toEqual(['Enters postcode to check delivery area', 'Creates account with email', 'Clicks the link on her phone']);
  expect(texts(discover).at(-1)).toBe('Gets a verification email');

  // Duplicate with Ctrl+D, move with Alt+Arrow.
  await page.keyboard.press('Control+d');
  await saved(page);
  await page.keyboard.press('Alt+ArrowRight');
  await saved(page);
  stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(texts(discover).filter((t) => t === 'Gets a verification email')).toHaveLength(1);
  expect(texts(signup)).toContain('Gets a verification email');
});

test('select several cards with a rectangle, recolour them from the inspector, and delete them', async ({ page, sampleHost }) => {
  const doc = await openSampleCanvas(page, sampleHost);
  const touchpoints = laneOf(doc, 'Touchpoints');
  const discover = stageOf(doc, 'Discover');
  const inCell = doc.cards.filter((c) => c.laneId === touchpoints && c.stageId === discover);
  expect(inCell).toHaveLength(2);
  const g = await geometry(page);
  const first = g.cards[inCell[0]?.id ?? ''];
  const second = g.cards[inCell[1]?.id ?? ''];
  if (!first || !second) throw new Error('cards not laid out');
  const start = onScreen(g, first.x - 6, first.y - 4);
  const end = onScreen(g, second.x + second.width * 0.5, second.y + second.height * 0.5);
  await drag(page, start, end);
  await expect(page.locator('#canvas-selection')).toHaveText('2 cards selected');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByRole('button', { name: 'Colour: Pink' }).click();
  await saved(page);
  let stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.cards.filter((c) => inCell.some((x) => x.id === c.id)).map((c) => c.color)).toEqual(['#fbe0f0', '#fbe0f0']);
  await page.keyboard.press('Control+z');
  await saved(page);
  stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.cards.filter((c) => inCell.some((x) => x.id === c.id)).map((c) => c.color)).toEqual([null, null]);
  await inspector.getByRole('button', { name: 'Delete 2 cards' }).click();
  await saved(page);
  stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.cards.filter((c) => c.laneId === touchpoints && c.stageId === discover)).toEqual([]);
});

test('resize a stage by its header edge, collapse a lane, and label an emotion point', async ({ page, sampleHost }) => {
  const doc = await openSampleCanvas(page, sampleHost);
  const discover = stageOf(doc, 'Discover');
  let g = await geometry(page);
  const stage = g.stages.find((s) => s.id === discover);
  if (!stage) throw new Error('no stage');
  const edge = { x: onScreen(g, stage.x + stage.width, 0).x - 1, y: g.canvas.y + g.header.height / 2 };
  await drag(page, edge, { x: edge.x + 80, y: edge.y });
  await saved(page);
  let stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.stages.find((s) => s.id === discover)?.width).toBeGreaterThan(300);
  await expect.poll(async () => (await geometry(page)).stages.find((s) => s.id === discover)?.width).toBeGreaterThan(300);

  // Collapse "Thoughts" with the triangle in its header.
  const thoughts = laneOf(doc, 'Thoughts');
  g = await geometry(page);
  const lane = g.lanes.find((l) => l.id === thoughts);
  if (!lane) throw new Error('no lane');
  const toggle = onScreen(g, 0, lane.y + 18);
  await page.mouse.click(g.canvas.x + 12, toggle.y);
  await saved(page);
  stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.lanes.find((l) => l.id === thoughts)?.collapsed).toBe(true);
  await expect.poll(async () => (await geometry(page)).lanes.find((l) => l.id === thoughts)?.height).toBe(34);

  // Double-click an emotion point to label it.
  const emotionLane = doc.lanes.find((l) => l.kind === 'emotion')?.id ?? '';
  const signup = stageOf(doc, 'Sign up');
  g = await geometry(page);
  const point = g.curves[emotionLane]?.find((p) => p.stageId === signup);
  if (!point) throw new Error('no point');
  const at = onScreen(g, point.x, point.y);
  await page.mouse.dblclick(at.x, at.y);
  const label = page.getByRole('textbox', { name: 'Emotion label' });
  await expect(label).toHaveValue('Mild friction');
  await label.fill('Annoyed by the account wall');
  await page.keyboard.press('Enter');
  await saved(page);
  stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.emotions.find((e) => e.stageId === signup)).toMatchObject({ score: 0, label: 'Annoyed by the account wall' });
});

test('delete a stage from the keyboard after a confirmation that says what goes with it, then undo', async ({ page, sampleHost }) => {
  const doc = await openSampleCanvas(page, sampleHost);
  const signup = stageOf(doc, 'Sign up');
  const cardsInStage = doc.cards.filter((c) => c.stageId === signup).length;
  const g = await geometry(page);
  const header = stageHeaderCenter(g, signup);
  await page.mouse.click(header.x, header.y);
  await expect(page.locator('#canvas-selection')).toHaveText(/^Stage Sign up: \d+ quotes?/);
  await page.keyboard.press('Delete');
  const dialog = page.getByRole('dialog', { name: 'Delete the stage "Sign up"?' });
  await expect(dialog).toContainText(`This also deletes ${cardsInStage} cards.`);
  await dialog.getByRole('button', { name: 'Delete stage' }).click();
  await saved(page);
  let stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.stages.map((s) => s.name)).not.toContain('Sign up');
  expect(stored.cards.filter((c) => c.stageId === signup)).toEqual([]);

  await page.getByRole('application').focus();
  await page.keyboard.press('Control+z');
  await saved(page);
  stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.stages.map((s) => s.name)).toEqual(doc.stages.map((s) => s.name));
  expect(stored.cards.filter((c) => c.stageId === signup).map((c) => c.text).sort()).toEqual(doc.cards.filter((c) => c.stageId === signup).map((c) => c.text).sort());
  expect(stored.emotions.find((e) => e.stageId === signup)?.score).toBe(0);
});

test('copy cards in one map and paste them into another', async ({ page, sampleHost }) => {
  const doc = await openSampleCanvas(page, sampleHost);
  const card = doc.cards.find((c) => c.text === 'Enters postcode to check delivery area');
  if (!card) throw new Error('no card');
  let g = await geometry(page);
  const at = cardCenter(g, card.id);
  await page.mouse.click(at.x, at.y);
  await page.keyboard.press('Control+c');

  // A new map, made in the app, opens at once.
  const form = page.getByRole('form', { name: 'New map' });
  await form.getByRole('textbox', { name: 'Title' }).fill('Second map');
  await form.getByRole('combobox', { name: 'Template' }).selectOption({ label: 'Blank' });
  await form.getByRole('button', { name: 'Create map' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Second map' })).toBeVisible();
  await expect.poll(async () => (await geometry(page)).stages.length).toBe(3);
  const secondId = (await sampleHost.call('maps.list', {})).find((m) => m.title === 'Second map')?.id ?? '';
  const second = await sampleHost.call('maps.get', { id: secondId });
  const laneId = second.lanes.find((l) => l.kind === 'text')?.id ?? '';
  const stageId = second.stages[1]?.id ?? '';
  g = await geometry(page);
  const cell = cellCenter(g, laneId, stageId);
  await page.mouse.click(cell.x, cell.y);
  await page.keyboard.press('Control+v');
  await saved(page);
  const stored = await sampleHost.call('maps.get', { id: secondId });
  expect(stored.cards.map((c) => [c.text, c.stageId])).toEqual([['Enters postcode to check delivery area', stageId]]);
  // The original is still where it was.
  const first = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(first.cards.find((c) => c.id === card.id)?.stageId).toBe(card.stageId);
});

test('five cards typed as fast as the keyboard allows land in the order they were typed', async ({ page, sampleHost }) => {
  const doc = await openSampleCanvas(page, sampleHost);
  const thoughts = laneOf(doc, 'Thoughts');
  const delivery = stageOf(doc, 'Sign up');
  const before = doc.cards.filter((c) => c.laneId === thoughts && c.stageId === delivery).sort((a, b) => (a.position < b.position ? -1 : 1)).map((c) => c.text);
  const g = await geometry(page);
  const cell = cellCenter(g, thoughts, delivery);
  await page.mouse.dblclick(cell.x, cell.y);
  await expect(page.getByRole('textbox', { name: 'New card text' })).toBeFocused();
  // No waiting between cards: each Enter saves one and the next Enter starts another while saves are in flight.
  for (let i = 1; i <= 5; i++) {
    await page.keyboard.type(`quick ${i}`, { delay: 0 });
    await page.keyboard.press('Enter');
    if (i < 5) await page.keyboard.press('Enter');
  }
  await saved(page);
  const stored = await sampleHost.call('maps.get', { id: doc.map.id });
  const texts = stored.cards.filter((c) => c.laneId === thoughts && c.stageId === delivery).sort((a, b) => (a.position < b.position ? -1 : 1)).map((c) => c.text);
  expect(texts).toEqual([...before, 'quick 1', 'quick 2', 'quick 3', 'quick 4', 'quick 5']);
  // The canvas shows them in the same order.
  const laidOut = Object.entries((await geometry(page)).cards)
    .filter(([, c]) => c.laneId === thoughts && c.stageId === delivery)
    .sort(([, a], [, b]) => a.y - b.y)
    .map(([id]) => stored.cards.find((c) => c.id === id)?.text);
  expect(laidOut).toEqual(texts);
});

test('every card’s text wraps into exactly the lines the layout made room for', async ({ page, host }) => {
  // Texts of every length around a line's width (words of 1–14 letters), so that many lines end within a
  // pixel of the card's width: the layout's measure (word widths added up, a near line measured whole) must
  // wrap them as Konva does, or a card is cut with an ellipsis or left with an empty line.
  const created = await host.call('maps.create', { title: 'Wrapping', template: 'blank' });
  const mapId = created.maps[0]?.id ?? '';
  const laneId = created.lanes.find((l) => l.kind === 'text')?.id ?? created.lanes[0]?.id ?? '';
  const stageIds = created.stages.map((s) => s.id);
  const word = (n: number) => 'abcdefghijklmnopqrstuvwxyz'.slice(n % 7, (n % 7) + 1 + ((n * 5) % 14));
  const steps = Array.from({ length: 120 }, (_, i) => ({
    name: 'cards.create' as const,
    // Half of them start with a number, as numbered steps do (its width is added up from its figures).
    input: { laneId, stageId: stageIds[i % stageIds.length] ?? '', text: `${i % 2 === 0 ? `${(i * 7919) % 100_000}. ` : ''}${Array.from({ length: 3 + (i % 11) }, (_, k) => word(i * 3 + k)).join(i % 4 === 0 ? '  ' : ' ')}` },
  }));
  await host.call('batch.run', { steps });
  const url = new URL(host.url);
  url.searchParams.set('map', mapId);
  await page.goto(url.href);
  await expect(page.getByRole('application', { name: /Journey map canvas/ })).toBeVisible();
  await expect.poll(async () => Object.keys((await geometry(page)).cards).length).toBe(120);
  const doc = await host.call('maps.get', { id: mapId });
  const result = await page.evaluate(
    (cards) => {
      interface KonvaText {
        text: () => string;
        isVisible: () => boolean;
        textArr: { text: string }[];
      }
      const konva = (window as unknown as { Konva?: { stages: { find: (s: string) => KonvaText[] }[] } }).Konva;
      const layout = window.waymarkCanvas?.layout();
      if (!konva || !layout) throw new Error('no canvas');
      // The lines the layout made room for, by text (every stage here has the same width: equal texts wrap alike).
      const expected = new Map<string, number>();
      for (const [id, text] of cards) {
        const box = layout.cards.get(id);
        if (box) expected.set(text, box.lines);
      }
      const wrong: string[] = [];
      let checked = 0;
      for (const node of konva.stages.flatMap((s) => s.find('Text'))) {
        const lines = expected.get(node.text());
        if (lines === undefined || !node.isVisible()) continue;
        checked++;
        const drawn = node.textArr;
        if (drawn.length !== lines || (drawn.at(-1)?.text ?? '').endsWith('…')) wrong.push(`${JSON.stringify(node.text())}: layout ${lines} lines, Konva ${drawn.map((l) => l.text).join(' / ')}`);
      }
      return { checked, wrong };
    },
    doc.cards.map((c) => [c.id, c.text] as [string, string]),
  );
  expect(result.checked).toBeGreaterThan(40);
  expect(result.wrong).toEqual([]);
});

test('a cell of more cards than a map opens measured is measured whole after the first frame: its top stays, its deep cards wrap as drawn', async ({ page, host }) => {
  const created = await host.call('maps.create', { title: 'Deep cell', template: 'blank' });
  const mapId = created.maps[0]?.id ?? '';
  const laneId = created.lanes.find((l) => l.kind === 'text')?.id ?? created.lanes[0]?.id ?? '';
  const stageId = created.stages[0]?.id ?? '';
  const word = (n: number) => 'abcdefghijklmnopqrstuvwxyz'.slice(n % 7, (n % 7) + 1 + ((n * 5) % 14));
  // 260 cards in one cell, each text its own and of any length: the cards below the first 96 are guessed at first.
  const steps = Array.from({ length: 260 }, (_, i) => ({
    name: 'cards.create' as const,
    input: { laneId, stageId, text: `${i + 1}. ${Array.from({ length: 2 + ((i * 7) % 13) }, (_, k) => word(i * 3 + k)).join(' ')}` },
  }));
  await host.call('batch.run', { steps });
  const url = new URL(host.url);
  url.searchParams.set('map', mapId);
  await page.goto(url.href);
  await expect(page.getByRole('application', { name: /Journey map canvas/ })).toBeVisible();
  await expect.poll(async () => Object.keys((await geometry(page)).cards).length).toBe(260);
  const topOfCell = async () => Object.values((await geometry(page)).cards).filter((c) => c.y < 2000).sort((a, b) => a.y - b.y);
  const opened = await topOfCell();
  // The cards put off are measured in idle time, and the cell laid out again once (the frame the canvas marks).
  await page.waitForFunction(() => performance.getEntriesByName('waymark:canvas-exact').length === 1, undefined, { timeout: 10_000 });
  expect(await topOfCell()).toEqual(opened);
  // Deep in the cell, each card's drawn text has exactly the lines the layout made room for.
  const box = (await geometry(page)).canvas;
  await page.mouse.move(box.x + 300, box.y + 300);
  for (let i = 0; i < 30; i++) await page.mouse.wheel(0, 400);
  await expect.poll(async () => (await geometry(page)).viewport.y).toBeGreaterThan(8000);
  await page.waitForTimeout(200);
  const doc = await host.call('maps.get', { id: mapId });
  const result = await page.evaluate(
    (cards) => {
      interface KonvaText {
        text: () => string;
        isVisible: () => boolean;
        textArr: { text: string }[];
      }
      const konva = (window as unknown as { Konva?: { stages: { find: (s: string) => KonvaText[] }[] } }).Konva;
      const layout = window.waymarkCanvas?.layout();
      if (!konva || !layout) throw new Error('no canvas');
      const expected = new Map<string, { lines: number; index: number }>();
      for (const [id, text] of cards) {
        const b = layout.cards.get(id);
        if (b) expected.set(text, { lines: b.lines, index: b.index });
      }
      const wrong: string[] = [];
      let deep = 0;
      for (const node of konva.stages.flatMap((s) => s.find('Text'))) {
        const card = expected.get(node.text());
        if (card === undefined || !node.isVisible()) continue;
        if (card.index >= 96) deep++;
        const drawn = node.textArr;
        if (drawn.length !== card.lines || (drawn.at(-1)?.text ?? '').endsWith('…')) wrong.push(`${JSON.stringify(node.text())}: layout ${card.lines} lines, Konva ${drawn.map((l) => l.text).join(' / ')}`);
      }
      return { deep, wrong };
    },
    doc.cards.map((c) => [c.id, c.text] as [string, string]),
  );
  expect(result.deep).toBeGreaterThan(5);
  expect(result.wrong).toEqual([]);
});

test('an edit and its undo are drawn before the workspace answers; an edit that fails to save goes back, with a message', async ({ page, sampleHost }) => {
  const doc = await openSampleCanvas(page, sampleHost);
  const thoughts = laneOf(doc, 'Thoughts');
  const shown = visibleCardId(await geometry(page), (id) => doc.cards.find((c) => c.id === id)?.laneId === thoughts);
  const card = doc.cards.find((c) => c.id === shown);
  if (!card) throw new Error('no card in Thoughts on screen');
  const storedText = async () => (await sampleHost.call('maps.get', { id: doc.map.id })).cards.find((c) => c.id === card.id)?.text;
  // Every save is held back until the test lets it go (it still reaches the workspace then, unchanged).
  const held: import('@playwright/test').Route[] = [];
  await page.route('**/api/batch.run', (route) => void held.push(route));
  const edit = async (text: string) => {
    const at = cardCenter(await geometry(page), card.id);
    await page.mouse.dblclick(at.x, at.y);
    const editor = page.getByRole('textbox', { name: 'Card text' });
    await editor.fill(text);
    await editor.press('Enter');
  };

  await edit('Drawn before it is saved');
  await expect.poll(() => held.length).toBe(1);
  await expect.poll(() => canvasTexts(page)).toContain('Drawn before it is saved');
  expect(await canvasTexts(page)).not.toContain(card.text);
  expect(await storedText()).toBe(card.text);
  await page.getByRole('status').filter({ hasText: /Saving/ }).waitFor();
  await held.shift()?.continue();
  await saved(page);
  expect(await storedText()).toBe('Drawn before it is saved');

  await page.keyboard.press('Control+z');
  await expect.poll(() => held.length).toBe(1);
  await expect.poll(() => canvasTexts(page)).toContain(card.text);
  expect(await storedText()).toBe('Drawn before it is saved');
  await held.shift()?.continue();
  await saved(page);
  expect(await storedText()).toBe(card.text);

  // The connection drops before this save reaches the workspace: the card shows what is saved, and the person is told.
  await edit('Never saved');
  await expect.poll(() => held.length).toBe(1);
  await expect.poll(() => canvasTexts(page)).toContain('Never saved');
  await held.shift()?.abort('connectionfailed');
  await expect(page.getByRole('alert')).toContainText('cannot reach its workspace server');
  await expect.poll(() => canvasTexts(page)).toContain(card.text);
  expect(await canvasTexts(page)).not.toContain('Never saved');
  expect(await storedText()).toBe(card.text);
});

/** Where the canvas's interaction layer draws a text (its ghosts), in page pixels; null when it draws none. */
const ghostText = (page: Page, text: string) =>
  page.evaluate((wanted) => {
    type Node = { text: () => string; getClientRect: () => { x: number; y: number; width: number; height: number } };
    const konva = (window as unknown as { Konva?: { stages: { getLayers: () => { find: (s: string) => Node[] }[] }[] } }).Konva;
    const layers = konva?.stages[0]?.getLayers() ?? [];
    const box = document.querySelector('.canvas-box')?.getBoundingClientRect();
    const found = layers.at(-1)?.find('Text').find((t) => t.text() === wanted);
    if (!found || !box) return null;
    const r = found.getClientRect();
    return { x: box.x + r.x, y: box.y + r.y, width: r.width, height: r.height };
  }, text);

test('a stage and a lane are renamed, and dragged, in their sticky headers wherever the map is scrolled and zoomed', async ({ page, sampleHost }) => {
  const doc = await openSampleCanvas(page, sampleHost);
  let g = await geometry(page);
  // Scrolled down and across: the header row and column stay, and their fields and ghosts with them.
  await page.mouse.move(g.canvas.x + 600, g.canvas.y + 400);
  await page.mouse.wheel(120, 300);
  await expect.poll(async () => (await geometry(page)).viewport.y).toBeGreaterThan(100);
  g = await geometry(page);
  const before = g.viewport;
  const stage = g.stages.find((s) => onScreen(g, s.x, 0).x >= g.canvas.x + g.header.width);
  if (!stage) throw new Error('no stage wholly on screen');
  const at = stageHeaderCenter(g, stage.id);
  await page.mouse.dblclick(at.x, at.y);
  const field = page.getByRole('textbox', { name: 'Stage name' });
  await expect(field).toBeFocused();
  const box = await field.boundingBox();
  if (!box) throw new Error('no field');
  expect(box.y).toBeGreaterThanOrEqual(g.canvas.y);
  expect(box.y + box.height).toBeLessThanOrEqual(g.canvas.y + g.header.height + 1);
  expect(Math.abs(box.x - onScreen(g, stage.x, 0).x)).toBeLessThan(12);
  // The view did not jump to the top to show it.
  expect((await geometry(page)).viewport).toMatchObject({ x: before.x, y: before.y });
  await field.fill('Renamed while scrolled');
  await field.press('Enter');
  await saved(page);
  expect((await sampleHost.call('maps.get', { id: doc.map.id })).stages.find((s) => s.id === stage.id)?.name).toBe('Renamed while scrolled');

  // A lane whose title is well inside the window (a field near an edge is scrolled into view, with a margin).
  const lane = g.lanes.find((l) => onScreen(g, 0, l.y).y >= g.canvas.y + g.header.height + 60 && onScreen(g, 0, l.y).y + 150 < g.canvas.y + g.canvas.height);
  if (!lane) throw new Error('no lane on screen');
  const laneTop = onScreen(g, 0, lane.y).y;
  await page.mouse.dblclick(g.canvas.x + g.header.width / 2, laneTop + 20);
  const title = page.getByRole('textbox', { name: 'Lane title' });
  await expect(title).toBeFocused();
  const tb = await title.boundingBox();
  if (!tb) throw new Error('no field');
  expect(tb.x + tb.width).toBeLessThanOrEqual(g.canvas.x + g.header.width + 1);
  expect(Math.abs(tb.y - laneTop)).toBeLessThan(12);
  expect((await geometry(page)).viewport).toMatchObject({ x: before.x, y: before.y });
  await title.press('Escape');

  // A stage's ghost, mid-drag, is in the header row.
  const name = 'Renamed while scrolled';
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.move(at.x + 40, at.y, { steps: 5 });
  const ghost = await ghostText(page, name);
  expect(ghost).not.toBeNull();
  expect(ghost?.y ?? -1).toBeGreaterThanOrEqual(g.canvas.y);
  expect((ghost?.y ?? 0) + (ghost?.height ?? 0)).toBeLessThanOrEqual(g.canvas.y + g.header.height);
  await page.keyboard.press('Escape');
  await page.mouse.up();

  // Zoomed out to the overview, the headers have their own fixed size: the field is over its header there too.
  for (let i = 0; i < 12 && (await page.evaluate(() => window.waymarkCanvas?.detail())) !== 'overview'; i++) await page.getByRole('button', { name: 'Zoom out' }).click();
  g = await geometry(page);
  expect(g.header.height).toBeGreaterThan(0);
  const far = g.stages.find((s) => onScreen(g, s.x, 0).x >= g.canvas.x + g.header.width);
  if (!far) throw new Error('no stage on screen');
  const farAt = stageHeaderCenter(g, far.id);
  await page.mouse.dblclick(farAt.x, farAt.y);
  await expect(field).toBeFocused();
  const fb = await field.boundingBox();
  if (!fb) throw new Error('no field');
  expect(fb.y).toBeGreaterThanOrEqual(g.canvas.y);
  expect(fb.y + fb.height).toBeLessThanOrEqual(g.canvas.y + g.header.height + 1);
  await field.press('Escape');
});

/** A text node as the page's Konva has it (window.Konva): what the card-text test reads and makes. */
interface PageText {
  attrs: Record<string, unknown>;
  textArr: { text: string; width: number; lastInParagraph: boolean }[];
  _baselineShift: number;
  destroy(): void;
}
type PageKonva = {
  stages: { find: (selector: string) => PageText[] }[];
  Text: new (attrs: Record<string, unknown>) => PageText;
  CardText: new (attrs: Record<string, unknown>) => PageText;
};

test('a card’s text has the very lines Konva’s own Text gives it, worked out once per text and width', async ({ page, sampleHost }) => {
  await openSampleCanvas(page, sampleHost);
  const result = await page.evaluate(() => {
    const konva = (window as unknown as { Konva: PageKonva }).Konva;
    const lines = (t: PageText) => t.textArr.map((l) => ({ text: l.text, width: Math.round(l.width * 1000) / 1000, last: l.lastInParagraph }));
    /** A plain Text of these attributes against `card` (a new CardText of them, by default): null when they agree. */
    const compare = (attrs: Record<string, unknown>, shownCard?: PageText) => {
      const plain = new konva.Text(attrs);
      const card = shownCard ?? new konva.CardText(attrs);
      const same = JSON.stringify(lines(plain)) === JSON.stringify(lines(card)) && plain._baselineShift === card._baselineShift;
      const [a, b] = [lines(plain), lines(card)];
      const at = a.findIndex((l, i) => JSON.stringify(l) !== JSON.stringify(b[i]));
      const seen = { text: attrs.text, width: attrs.width, height: attrs.height, lines: [a.length, b.length], at, plain: a[at] ?? a.at(-1), card: b[at] ?? b.at(-1) };
      plain.destroy();
      if (!shownCard) card.destroy();
      return same ? null : seen;
    };
    // The cards on screen: their nodes are CardTexts, with the lines a plain Text makes of the same attributes.
    const shown = konva.stages[0]?.find('Text').filter((t) => t instanceof konva.CardText) ?? [];
    const cardsDiffering = shown.flatMap((t) => [compare({ ...t.attrs }, t), compare({ ...t.attrs })]).filter((d) => d !== null);
    // Any text and width, the height its lines take (a card's) and shorter ones (cut, with an ellipsis: Konva's own way).
    const words = ['a', 'To', 'AVAV', 'delivery', 'checkout', 'e-mail', 'Wwwmm', 'illill', 'supercalifragilisticexpialidocious', '—', '🙂', 'naïve', 'x-y-z', '181.', '3,500', 'Ünïcödé'];
    const seps = [' ', ' ', ' ', '  ', '-', '\n', ' - ', '   '];
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >>> 8) % n;
    const card = shown[0]?.attrs ?? {};
    const madeDiffering: unknown[] = [];
    // The card's font, and another size and weight (each font keeps its own measures).
    const made: Record<string, unknown>[] = [];
    const fonts: Record<string, unknown>[] = [{}, { fontSize: 17, fontStyle: 'bold' }];
    for (const font of fonts) {
      const base: Record<string, unknown> = { ...card, ...font };
      for (let i = 0; i < 300; i++) {
        let text = '';
        for (let k = next(16); k >= 0; k--) text += (words[next(words.length)] ?? '') + (seps[next(seps.length)] ?? '');
        const width = 20 + next(260);
        const lineHeight = Number(base.lineHeight ?? 1.4) * Number(base.fontSize ?? 13);
        const count = new konva.Text({ ...base, text, width, height: undefined }).textArr.length;
        for (const height of new Set([count * lineHeight, Math.max(1, count - 1) * lineHeight, 1000])) {
          const attrs = { ...base, text, width, height };
          const d = compare(attrs);
          if (d) madeDiffering.push(d);
          if (height === count * lineHeight) made.push(attrs);
        }
      }
    }
    // A node whose font and text change after it is made lays out as one made so.
    const changed = new konva.CardText({ ...card, text: 'Checks the delivery slot twice', width: 120, height: 1000 }) as PageText & { setAttrs: (a: Record<string, unknown>) => void };
    const plainChanged = new konva.Text({ ...card, text: 'Checks the delivery slot twice', width: 120, height: 1000 }) as PageText & { setAttrs: (a: Record<string, unknown>) => void };
    for (const node of [changed, plainChanged]) {
      node.setAttrs({ fontSize: 19 });
      node.setAttrs({ fontFamily: 'serif', fontStyle: 'italic', text: 'A longer text, wrapped on other words at another size' });
    }
    const changedSame = JSON.stringify(lines(changed)) === JSON.stringify(lines(plainChanged)) && changed._baselineShift === plainChanged._baselineShift;
    // Measured once: a second node of the same text and width measures nothing.
    const proto = CanvasRenderingContext2D.prototype;
    const measure: (this: CanvasRenderingContext2D, text: string) => TextMetrics = Reflect.get(proto, 'measureText');
    let calls = 0;
    proto.measureText = function (this: CanvasRenderingContext2D, s: string) {
      calls++;
      return measure.call(this, s);
    };
    const count = (make: () => PageText) => {
      calls = 0;
      make().destroy();
      return calls;
    };
    const attrs = { ...(shown[0]?.attrs ?? {}) };
    const plainCalls = count(() => new konva.Text(attrs));
    const cardCalls = count(() => new konva.CardText(attrs));
    // Made again at the height of its lines, most texts measure nothing (their lines kept: CardText's own way, not Konva's).
    const measuredAgain = made.filter((a) => count(() => new konva.CardText(a)) > 0).length;
    proto.measureText = measure;
    return { shown: shown.length, cardsDiffering, madeDiffering: madeDiffering.slice(0, 3), madeDifferingCount: madeDiffering.length, plainCalls, cardCalls, made: made.length, measuredAgain, changedSame };
  });
  expect(result.shown).toBeGreaterThan(10);
  expect(result.cardsDiffering).toEqual([]);
  expect(result.madeDiffering).toEqual([]);
  expect(result.madeDifferingCount).toBe(0);
  expect(result.cardCalls).toBe(0);
  expect(result.plainCalls).toBeGreaterThan(1);
  expect(result.made).toBe(600);
  expect(result.measuredAgain).toBeLessThan(result.made / 5);
  expect(result.changedSame).toBe(true);
});
