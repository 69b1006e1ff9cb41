/**
 * A new facilitator's first hour (issue 10): each defect found then, driven by role and name and checked
 * against what the workspace stored and, on the canvas, against what is drawn.
 */
import type { Page } from '@playwright/test';
import { PALETTE } from '../../renderer/src/canvas/palette.ts';
import { headerHeight, headerWidth } from '../../renderer/src/canvas/viewport.ts';
import { cardCenter, cellCenter, colourAt, geometry, onScreen, stageHeaderCenter, visibleCardId } from './support/canvas.ts';
import { expect, test } from './support/fixtures.ts';
import type { Host } from './support/host.ts';

const saved = (page: Page) => expect(page.getByRole('status').filter({ hasText: /changes saved|Saving/ })).toHaveText('All changes saved');

/** Make a map from the Purchase journey template in the app, and return its id. */
async function purchaseMap(page: Page, host: Host, title = 'Renewing home insurance'): Promise<string> {
  await page.goto(host.url);
  const form = page.getByRole('form', { name: 'New map' });
  await form.getByRole('textbox', { name: 'Title' }).fill(title);
  await form.getByRole('combobox', { name: 'Template' }).selectOption({ label: 'Purchase journey' });
  await form.getByRole('button', { name: 'Create map' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect.poll(async () => (await geometry(page)).stages.length).toBe(5);
  return (await host.call('maps.list', {})).find((m) => m.title === title)?.id ?? '';
}

test('"+ Stage" keeps the map drawn, scrolls to the new stage, names it on its header, and is one undo step', async ({ page, host }) => {
  const mapId = await purchaseMap(page, host);
  await page.getByRole('button', { name: '+ Stage' }).click();
  const name = page.getByRole('textbox', { name: 'Name of the new stage' });
  await expect(name).toBeFocused();
  await expect(name).toHaveValue('New stage');

  // The canvas is still drawn: the lane headers' fill at the left edge, and the field sits on the new
  // stage's header, which the view has scrolled to.
  let g = await geometry(page);
  expect(g.stages).toHaveLength(6);
  const draft = g.stages[5];
  if (!draft) throw new Error('no draft stage');
  expect(g.viewport.x).toBeGreaterThan(0);
  expect(await colourAt(page, { x: g.canvas.x + 8, y: g.canvas.y + g.header.height + 40 })).toBe(PALETTE.header);
  const header = stageHeaderCenter(g, draft.id);
  const field = await name.boundingBox();
  if (!field) throw new Error('no field');
  expect(header.x).toBeGreaterThan(field.x);
  expect(header.x).toBeLessThan(field.x + field.width);
  expect(field.x + field.width).toBeLessThanOrEqual(g.canvas.x + g.canvas.width);
  expect((await host.call('maps.get', { id: mapId })).stages).toHaveLength(5); // nothing is written yet

  await name.fill('Renewal');
  await page.keyboard.press('Enter');
  await saved(page);
  let stored = await host.call('maps.get', { id: mapId });
  expect(stored.stages.map((s) => s.name).at(-1)).toBe('Renewal');
  // The view stays on the stage the person just added.
  g = await geometry(page);
  const renewal = stored.stages.at(-1)?.id ?? '';
  const at = stageHeaderCenter(g, renewal);
  expect(at.x).toBeLessThan(g.canvas.x + g.canvas.width);

  // One Ctrl+Z takes the named stage away (not only its name).
  await page.keyboard.press('Control+z');
  await saved(page);
  stored = await host.call('maps.get', { id: mapId });
  expect(stored.stages.map((s) => s.name)).toEqual(['Awareness', 'Consideration', 'Purchase', 'Onboarding / Use', 'Loyalty / Advocacy']);
});

test('Escape on a new stage with nothing typed creates nothing; with a name typed it keeps it', async ({ page, host }) => {
  const mapId = await purchaseMap(page, host);
  await page.getByRole('button', { name: '+ Stage' }).click();
  await expect(page.getByRole('textbox', { name: 'Name of the new stage' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('textbox', { name: 'Name of the new stage' })).toHaveCount(0);
  await expect.poll(async () => (await geometry(page)).stages.length).toBe(5);
  expect((await host.call('maps.get', { id: mapId })).stages).toHaveLength(5);

  await page.getByRole('button', { name: '+ Lane' }).click();
  const lane = page.getByRole('textbox', { name: 'Name of the new lane' });
  await lane.fill('Staff actions');
  // The new lane's field is inside the canvas, not clipped at its bottom edge.
  const g = await geometry(page);
  const box = await lane.boundingBox();
  expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(g.canvas.y + g.canvas.height);
  await page.keyboard.press('Escape');
  await saved(page);
  expect((await host.call('maps.get', { id: mapId })).lanes.map((l) => l.title).at(-1)).toBe('Staff actions');
});

test('Escape keeps the words typed into a card, as the sheet says', async ({ page, host }) => {
  const mapId = await purchaseMap(page, host);
  const doc = await host.call('maps.get', { id: mapId });
  const lane = doc.lanes.find((l) => l.title === 'Customer actions')?.id ?? '';
  const stage = doc.stages[1]?.id ?? '';
  const g = await geometry(page);
  const cell = cellCenter(g, lane, stage);
  await page.mouse.dblclick(cell.x, cell.y);
  await page.getByRole('textbox', { name: 'New card text' }).fill('Reads three comparison sites');
  await page.keyboard.press('Escape');
  await saved(page);
  expect((await host.call('maps.get', { id: mapId })).cards.map((c) => c.text)).toEqual(['Reads three comparison sites']);

  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet.getByRole('region', { name: 'Editing text' })).toContainText('Finish editing; what was typed is kept');
  await expect(sheet.getByRole('region', { name: 'Editing text' })).toContainText('Enter · Escape');
});

test('renaming the map and editing its description go through undo', async ({ page, host }) => {
  const mapId = await purchaseMap(page, host);
  await page.getByRole('button', { name: 'Rename this map' }).click();
  await page.getByRole('textbox', { name: 'Map title' }).fill('Renewing car insurance');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Renewing car insurance' })).toBeVisible();
  await page.getByRole('button', { name: /^Edit the description/ }).click();
  await page.getByRole('textbox', { name: 'Map description' }).fill('From the renewal letter to the first claim.');
  await page.getByRole('textbox', { name: 'Map description' }).press('Enter');
  await saved(page);
  let stored = await host.call('maps.get', { id: mapId });
  expect(stored.map).toMatchObject({ title: 'Renewing car insurance', description: 'From the renewal letter to the first claim.' });
  // The map list follows.
  await expect(page.getByRole('navigation', { name: 'Maps' }).getByRole('button', { name: /^Renewing car insurance/ })).toBeVisible();

  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await saved(page);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await saved(page);
  stored = await host.call('maps.get', { id: mapId });
  expect(stored.map.title).toBe('Renewing home insurance');
  await expect(page.getByRole('heading', { level: 1, name: 'Renewing home insurance' })).toBeVisible();

  // A rename from the map list is undoable too.
  await page.getByRole('button', { name: 'Rename map Renewing home insurance' }).click();
  await page.getByRole('textbox', { name: 'Title of map Renewing home insurance' }).fill('Renewals');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Renewals' })).toBeVisible();
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Renewing home insurance' })).toBeVisible();
});

test('100% after Fit keeps the top-left corner of the map in place', async ({ page, sampleHost }) => {
  await page.goto(sampleHost.url);
  await expect.poll(async () => Object.keys((await geometry(page)).cards).length).toBeGreaterThan(10);
  await page.getByRole('button', { name: 'Fit map to window' }).click();
  await expect.poll(async () => (await geometry(page)).viewport.scale).toBeLessThan(1);
  // One step in from Fit, so the map is wider than the window and can be scrolled sideways.
  const fit = (await geometry(page)).viewport.scale;
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect.poll(async () => (await geometry(page)).viewport.scale).toBeGreaterThan(fit);
  expect((await geometry(page)).viewport.scale).toBeLessThan(1);
  // Scroll away from the corner first, so that "kept in place" is something a wrong zoom could break.
  const g = await geometry(page);
  await page.mouse.move(g.canvas.x + g.canvas.width / 2, g.canvas.y + g.canvas.height / 2);
  await page.mouse.wheel(300, 120);
  await expect.poll(async () => (await geometry(page)).viewport.x).toBeGreaterThan(0);
  const before = (await geometry(page)).viewport;
  await page.getByRole('button', { name: 'Zoom to 100%' }).click();
  await expect.poll(async () => (await geometry(page)).viewport).toEqual({ x: before.x, y: before.y, scale: 1 });

  // From the keyboard, Ctrl+0 keeps the map point under the pointer where it is (near the map's start, so
  // that the view need not stop at the map's far edge).
  await page.getByRole('button', { name: 'Fit map to window' }).click();
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await expect.poll(async () => (await geometry(page)).viewport.scale).toBeLessThan(0.6);
  const zoomed = await geometry(page);
  const at = { x: zoomed.canvas.x + 300, y: zoomed.canvas.y + 200 };
  await page.mouse.move(at.x, at.y);
  // The headers are 184 × 64 at 100% and scale with the map, never below their 60% size.
  const mapPoint = (v: { x: number; y: number; scale: number }) => ({ x: (at.x - zoomed.canvas.x - headerWidth(v.scale)) / v.scale + v.x, y: (at.y - zoomed.canvas.y - headerHeight(v.scale)) / v.scale + v.y });
  const under = mapPoint(zoomed.viewport);
  await page.getByRole('application').focus();
  await page.keyboard.press('Control+0');
  await expect.poll(async () => (await geometry(page)).viewport.scale).toBe(1);
  const after = mapPoint((await geometry(page)).viewport);
  expect(after.x).toBeCloseTo(under.x, 0);
  expect(after.y).toBeCloseTo(under.y, 0);
});

test('a right-click opens the actions that apply there; the menu key opens them from the keyboard', async ({ page, sampleHost }) => {
  await page.goto(sampleHost.url);
  const [summary] = await sampleHost.call('maps.list', {});
  const doc = await sampleHost.call('maps.get', { id: summary?.id ?? '' });
  await expect.poll(async () => Object.keys((await geometry(page)).cards).length).toBeGreaterThan(10);
  const card = doc.cards.find((c) => c.text === 'Compares prices with her usual store');
  if (!card) throw new Error('sample card missing');
  let g = await geometry(page);
  const at = cardCenter(g, card.id);
  await page.mouse.click(at.x, at.y, { button: 'right' });
  const menu = page.getByRole('menu', { name: 'Card actions' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem')).toHaveText([/Edit text/, /Add card here/, /Insert stage before/, /Insert stage after/, /Insert lane above/, /Insert lane below/, /Copy/, /Cut/, /Duplicate/, /Delete 1 card/]);
  await expect(menu.getByRole('menuitem', { name: /Duplicate/ })).toContainText('Ctrl+D');
  await menu.getByRole('menuitemradio', { name: 'Colour: Green' }).click();
  await saved(page);
  let stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.cards.find((c) => c.id === card.id)?.color).toBe('#dff5e3');
  expect(await colourAt(page, { x: onScreen(g, g.cards[card.id]?.x ?? 0, 0).x + 6, y: onScreen(g, 0, g.cards[card.id]?.y ?? 0).y + 4 })).toBe('#dff5e3');

  await page.mouse.click(at.x, at.y, { button: 'right' });
  await page.getByRole('menuitem', { name: /Duplicate/ }).click();
  await saved(page);
  stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.cards.filter((c) => c.text === card.text)).toHaveLength(2);
  await expect(page.getByRole('menu')).toHaveCount(0);

  // From the keyboard: select a stage, press the menu key, insert a stage after it and name it.
  g = await geometry(page);
  const discover = doc.stages.find((s) => s.name === 'Discover')?.id ?? '';
  const header = stageHeaderCenter(g, discover);
  await page.mouse.click(header.x, header.y);
  await page.keyboard.press('Shift+F10');
  const stageMenu = page.getByRole('menu', { name: 'Stage actions' });
  await expect(stageMenu.getByRole('menuitem', { name: /Rename stage/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(stageMenu.getByRole('menuitem', { name: /Insert stage after/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.getByRole('textbox', { name: 'Name of the new stage' }).fill('Hears about it again');
  await page.keyboard.press('Enter');
  await saved(page);
  stored = await sampleHost.call('maps.get', { id: doc.map.id });
  expect(stored.stages.map((s) => s.name).slice(0, 3)).toEqual(['Discover', 'Hears about it again', 'Sign up']);

  // Escape closes a menu and gives the canvas its focus back.
  await page.mouse.click(header.x, header.y, { button: 'right' });
  await expect(page.getByRole('menu', { name: 'Stage actions' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(page.getByRole('application')).toBeFocused();
});

test('the map list and the inspector can be hidden, the inspector opens on a selection, and the window remembers', async ({ page, sampleHost }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(sampleHost.url);
  await expect.poll(async () => Object.keys((await geometry(page)).cards).length).toBeGreaterThan(10);
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector).toHaveCount(0); // nothing selected: the canvas has the room
  const wide = (await geometry(page)).canvas.width;

  await page.getByRole('button', { name: 'Maps', exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Maps' })).toBeHidden();
  await expect.poll(async () => (await geometry(page)).canvas.width).toBeGreaterThan(wide + 200);

  const g = await geometry(page);
  const at = cardCenter(g, visibleCardId(g));
  await page.mouse.click(at.x, at.y);
  await expect(inspector).toBeVisible();
  await page.keyboard.press('Control+i');
  await expect(inspector).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Inspector' })).toHaveAttribute('aria-pressed', 'false');

  await page.reload();
  await expect.poll(async () => Object.keys((await geometry(page)).cards).length).toBeGreaterThan(10);
  await expect(page.getByRole('navigation', { name: 'Maps' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Inspector' })).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Control+b');
  await expect(page.getByRole('navigation', { name: 'Maps' })).toBeVisible();
});

test('small things: the lane-colour swatch shows the lane colour, the delete-map dialog has a real title', async ({ page, sampleHost }) => {
  await page.goto(sampleHost.url);
  await expect.poll(async () => Object.keys((await geometry(page)).cards).length).toBeGreaterThan(10);
  const [summary] = await sampleHost.call('maps.list', {});
  const doc = await sampleHost.call('maps.get', { id: summary?.id ?? '' });
  const g = await geometry(page);
  const plain = (id: string) => {
    const c = doc.cards.find((x) => x.id === id);
    return c?.color === null && doc.lanes.find((l) => l.id === c.laneId)?.kind === 'text';
  };
  const at = cardCenter(g, visibleCardId(g, plain));
  await page.mouse.click(at.x, at.y);
  const swatch = page.getByRole('button', { name: 'Colour: Lane colour' });
  await expect(swatch).toHaveAttribute('aria-pressed', 'true');
  await expect(swatch).toHaveCSS('background-color', 'rgb(255, 246, 199)'); // the notes lane's yellow

  await page.getByRole('button', { name: `Delete map ${doc.map.title}` }).click();
  const title = page.getByRole('dialog').getByRole('heading', { level: 2 });
  await expect(title).toHaveCSS('text-transform', 'none');
  await expect(title).toHaveCSS('font-size', '17px');
  await page.getByRole('button', { name: 'Cancel' }).click();
});
