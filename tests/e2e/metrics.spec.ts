/**
 * Metrics on the map: a person adds a metrics lane, types the customers entering three stages into the
 * inspector, sees the funnel drawn (the biggest drop in red on the canvas and in words in the table view),
 * and undoes an edit; every step checked against what the workspace stored.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { MapDocument, Metric } from '../../electron/api/types.ts';
import { FUNNEL_COLOURS } from '../../renderer/src/canvas/metricsPalette.ts';
import { cellCenter, colourAt, geometry, onScreen } from './support/canvas.ts';
import { expect, test } from './support/fixtures.ts';
import type { Host } from './support/host.ts';

const saved = (page: Page) => expect(page.getByRole('status').filter({ hasText: /changes saved|Saving/ })).toHaveText('All changes saved');

/** Serious or critical accessibility problems inside one part of the page (axe-core). */
async function seriousViolations(page: Page, include: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).include(include).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** The funnel as the canvas laid it out (map units), read from the app's own layout. */
async function funnelBoxes(page: Page, laneId: string) {
  return page.evaluate((id) => {
    const block = window.waymarkCanvas?.layout().metrics.get(id);
    if (!block) return null;
    const box = (b: { x: number; y: number; width: number; height: number }) => ({ x: b.x, y: b.y, width: b.width, height: b.height });
    return {
      bars: block.bars.map((b) => ({ ...box(b), stageId: b.stageId, biggestDrop: b.biggestDrop })),
      shares: block.shares.map((s) => ({ ...box(s), from: s.transition.fromStageId, biggestDrop: s.biggestDrop })),
      banners: block.banners.map((b) => ({ ...box(b), from: b.transition.fromStageId })),
    };
  }, laneId);
}

/** Scroll the canvas until the lane's bottom is in view; its box (map units) and the geometry after. */
async function showLane(page: Page, laneId: string) {
  const g = await geometry(page);
  const lane = g.lanes.find((l) => l.id === laneId);
  if (!lane) throw new Error('no metrics lane');
  await page.mouse.move(g.canvas.x + g.canvas.width / 2, g.canvas.y + g.canvas.height / 2);
  await page.mouse.wheel(0, lane.y + lane.height - g.canvas.height + g.header.height + 40);
  await page.waitForTimeout(300);
  return { lane, g: await geometry(page) };
}

async function counts(host: Host, mapId: string): Promise<Record<string, number>> {
  const doc = await host.call('maps.get', { id: mapId });
  const name = (id: string) => doc.stages.find((s) => s.id === id)?.name ?? id;
  return Object.fromEntries(doc.metrics.filter((m: Metric) => m.name === 'entered stage').map((m: Metric) => [name(m.stageId), m.value]));
}

/** A map with three stages (the blank template's, renamed through the contract); the metrics lane is added in the UI. */
async function threeStageMap(host: Host): Promise<MapDocument> {
  const made = await host.call('maps.create', { title: 'Online checkout' });
  const mapId = made.maps[0]?.id ?? '';
  const blank = await host.call('maps.get', { id: mapId });
  const names = ['Visit', 'Checkout', 'Paid'];
  for (const [i, s] of blank.stages.entries()) {
    const name = names[i];
    if (name) await host.call('stages.update', { id: s.id, name });
    else await host.call('stages.delete', { id: s.id });
  }
  for (const name of names.slice(blank.stages.length)) await host.call('stages.create', { mapId, name });
  return host.call('maps.get', { id: mapId });
}

test('enter customers per stage in the inspector, see the funnel and its biggest drop, undo an edit', async ({ page, host }) => {
  const doc = await threeStageMap(host);
  const stage = (name: string) => doc.stages.find((s) => s.name === name)?.id ?? '';
  await page.addInitScript(() => localStorage.setItem('waymark.view', 'table'));
  await page.goto(host.url);

  // Add the metrics lane in the table view.
  const addLane = page.getByRole('form', { name: 'Add lane' });
  await addLane.getByRole('textbox', { name: 'Lane title' }).fill('Funnel');
  await addLane.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Metrics' });
  await addLane.getByRole('button', { name: 'Add lane' }).click();
  await saved(page);
  const laneId = (await host.call('maps.get', { id: doc.map.id })).lanes.find((l) => l.kind === 'metrics')?.id ?? '';
  expect(laneId).not.toBe('');

  // On the canvas: select each stage's metrics cell and add its count in the inspector.
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Canvas' }).click();
  await expect(page.getByRole('application', { name: /Journey map canvas/ })).toBeVisible();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const entered: [string, string][] = [
    ['Visit', '1,500'],
    ['Checkout', '1200'],
    ['Paid', '700'],
  ];
  for (const [name, value] of entered) {
    const at = cellCenter(await geometry(page), laneId, stage(name));
    await page.mouse.click(at.x, at.y);
    await expect(inspector.getByRole('heading', { name: `Metrics at ${name}` })).toBeVisible();
    const form = inspector.getByRole('form', { name: `Add a metric to ${name}` });
    await form.getByRole('combobox', { name: 'New metric' }).fill('entered stage');
    // The usual unit of a common name fills itself in.
    await expect(form.getByRole('combobox', { name: 'Unit' })).toHaveValue('customers');
    if (name === 'Checkout') {
      // Not a number: refused in words, nothing stored.
      await form.getByRole('textbox', { name: 'Value' }).fill('lots');
      await form.getByRole('button', { name: 'Add metric' }).click();
      await expect(form.getByRole('alert')).toHaveText('"lots" is not a number. Type digits, like 1200, 1,200 or 12.5.');
      expect(await counts(host, doc.map.id)).toEqual({ Visit: 1500 });
    }
    await form.getByRole('textbox', { name: 'Value' }).fill(value);
    await form.getByRole('button', { name: 'Add metric' }).click();
    await expect(inspector.getByRole('group', { name: /entered stage/ })).toBeVisible();
    await saved(page);
  }
  expect(await counts(host, doc.map.id)).toEqual({ Visit: 1500, Checkout: 1200, Paid: 700 });
  const stored = (await host.call('maps.get', { id: doc.map.id })).metrics;
  expect(stored.every((m) => m.unit === 'customers')).toBe(true);

  // The inspector of the stage that loses the most says so.
  await expect(inspector.getByText('Funnel (entered stage)')).toHaveCount(0); // Paid is the last stage: nothing continues from it
  let at = cellCenter(await geometry(page), laneId, stage('Checkout'));
  await page.mouse.click(at.x, at.y);
  await expect(inspector.getByText('Biggest drop: Checkout −42 % (1,200 → 700)')).toBeVisible();

  // The canvas draws it: Checkout's bar and the share after it in red, Visit's bar in the plain colour.
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await funnelBoxes(page, laneId))?.banners.map((b) => b.from)).toEqual([stage('Checkout')]);
  const g = await geometry(page);
  const boxes = await funnelBoxes(page, laneId);
  const bar = (id: string) => boxes?.bars.find((b) => b.stageId === id);
  const share = boxes?.shares.find((s) => s.from === stage('Checkout'));
  if (!boxes || !share) throw new Error('no funnel laid out');
  const left = (b: { x: number; y: number; height: number } | undefined) => onScreen(g, (b?.x ?? 0) + 4, (b?.y ?? 0) + (b?.height ?? 0) / 2);
  expect(await colourAt(page, left(bar(stage('Checkout'))))).toBe(FUNNEL_COLOURS.barDrop);
  expect(await colourAt(page, left(bar(stage('Visit'))))).toBe(FUNNEL_COLOURS.bar);
  expect(await colourAt(page, onScreen(g, share.x + 7, share.y + share.height / 2))).toBe(FUNNEL_COLOURS.drop);
  const banner = boxes.banners[0];
  expect(await colourAt(page, onScreen(g, (banner?.x ?? 0) + 2, (banner?.y ?? 0) + (banner?.height ?? 0) / 2))).toBe(FUNNEL_COLOURS.banner);
  const lane = g.lanes.find((l) => l.id === laneId);
  await page.screenshot({ path: 'reports/scratch/h6-metrics-canvas.png', clip: { x: g.canvas.x, y: g.canvas.y, width: Math.min(g.canvas.width, 1000), height: Math.min(g.canvas.height, g.header.height + (lane ? lane.y + lane.height : 300) + 20) } });

  // Edit a value in the inspector, then undo it.
  at = cellCenter(g, laneId, stage('Paid'));
  await page.mouse.click(at.x, at.y);
  const row = inspector.getByRole('group', { name: /entered stage/ });
  await row.getByRole('textbox', { name: 'Value' }).fill('abc');
  await row.getByRole('textbox', { name: 'Value' }).press('Enter');
  await expect(row.getByRole('alert')).toHaveText('"abc" is not a number. Type digits, like 1200, 1,200 or 12.5.');
  await expect(row.getByRole('textbox', { name: 'Value' })).toHaveAttribute('aria-invalid', 'true');
  expect(await seriousViolations(page, '.inspector')).toEqual([]);
  await row.getByRole('textbox', { name: 'Value' }).fill('900');
  await row.getByRole('textbox', { name: 'Value' }).press('Enter');
  await saved(page);
  expect(await counts(host, doc.map.id)).toEqual({ Visit: 1500, Checkout: 1200, Paid: 900 });
  await page.screenshot({ path: 'reports/scratch/h6-metrics-inspector.png' });
  await page.getByRole('application', { name: /Journey map canvas/ }).focus();
  await page.keyboard.press('Control+z');
  await saved(page);
  expect(await counts(host, doc.map.id)).toEqual({ Visit: 1500, Checkout: 1200, Paid: 700 });
  await expect(row.getByRole('textbox', { name: 'Value' })).toHaveValue('700');

  // Delete one, and undo brings the same record back.
  const before = (await host.call('maps.get', { id: doc.map.id })).metrics.find((m) => m.stageId === stage('Paid'));
  await row.getByRole('button', { name: 'Delete metric entered stage' }).click();
  await saved(page);
  expect(await counts(host, doc.map.id)).toEqual({ Visit: 1500, Checkout: 1200 });
  await page.getByRole('application', { name: /Journey map canvas/ }).focus();
  await page.keyboard.press('Control+z');
  await saved(page);
  expect((await host.call('maps.get', { id: doc.map.id })).metrics.find((m) => m.stageId === stage('Paid'))).toEqual(before);

  // The table view reads the same in words.
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Table' }).click();
  const table = page.getByRole('table');
  await expect(table.getByRole('list', { name: 'Metrics at Visit' })).toHaveText('entered stage 1,500 customers');
  await expect(table.getByText('80 % continue to Checkout (1,200 of 1,500; −300)')).toBeVisible();
  await expect(table.getByText('58 % continue to Paid (700 of 1,200; −500)')).toBeVisible();
  await expect(table.getByText('Biggest drop: Checkout −42 % (1,200 → 700)')).toBeVisible();
  await expect(table.getByText(/Biggest drop/)).toHaveCount(1);
  // The table edits them too.
  await table.getByRole('button', { name: 'Edit metrics of Checkout' }).click();
  await expect(table.getByRole('form', { name: 'Add a metric to Checkout' })).toBeVisible();
  expect(await seriousViolations(page, 'tr.lane-metrics')).toEqual([]);
  await page.screenshot({ path: 'reports/scratch/h6-metrics-table.png' });
});

test('the sample map’s funnel: every stage measured, the biggest drop named on the canvas', async ({ page, sampleHost }) => {
  const [summary] = await sampleHost.call('maps.list', {});
  const doc = await sampleHost.call('maps.get', { id: summary?.id ?? '' });
  const laneId = doc.lanes.find((l) => l.kind === 'metrics')?.id ?? '';
  await page.setViewportSize({ width: 2000, height: 1000 }); // all six stages side by side
  await page.addInitScript(() => localStorage.setItem('waymark.view', 'canvas'));
  await page.goto(sampleHost.url);
  await expect(page.getByRole('application', { name: /Journey map canvas/ })).toBeVisible();
  await expect.poll(async () => (await funnelBoxes(page, laneId))?.bars.length).toBe(6);
  const boxes = await funnelBoxes(page, laneId);
  const discover = doc.stages.find((s) => s.name === 'Discover')?.id;
  // 12,000 → 4,300 loses the most.
  expect(boxes?.banners.map((b) => b.from)).toEqual([discover]);
  expect(boxes?.bars.filter((b) => b.biggestDrop).map((b) => b.stageId)).toEqual([discover]);
  // Bring the lane into view and look.
  const { lane, g: now } = await showLane(page, laneId);
  const top = onScreen(now, 0, lane.y - 250);
  await page.screenshot({ path: 'reports/scratch/h6-metrics-sample.png', clip: { x: now.canvas.x, y: top.y, width: now.canvas.width, height: onScreen(now, 0, lane.y + lane.height).y - top.y + 4 } });
  const after = now;
  const banner = boxes?.banners[0];
  expect(await colourAt(page, onScreen(after, (banner?.x ?? 0) + 2, (banner?.y ?? 0) + (banner?.height ?? 0) / 2))).toBe(FUNNEL_COLOURS.banner);
});

test('a metric’s number is edited in place on the canvas: a double-click on its line or its bar, a wrong value refused in words, undo', async ({ page, sampleHost }) => {
  const [summary] = await sampleHost.call('maps.list', {});
  const doc = await sampleHost.call('maps.get', { id: summary?.id ?? '' });
  const laneId = doc.lanes.find((l) => l.kind === 'metrics')?.id ?? '';
  await page.setViewportSize({ width: 2000, height: 1000 });
  await page.addInitScript(() => localStorage.setItem('waymark.view', 'canvas'));
  await page.goto(sampleHost.url);
  await expect(page.getByRole('application', { name: /Journey map canvas/ })).toBeVisible();
  await expect.poll(async () => (await funnelBoxes(page, laneId))?.bars.length).toBe(6);
  // Bring the metrics lane into view.
  let { g } = await showLane(page, laneId);
  const line = await page.evaluate((id) => {
    const l = window.waymarkCanvas?.layout().metrics.get(id)?.lines[0];
    return l ? { metricId: l.metricId, x: l.x, y: l.y, width: l.width, height: l.height } : null;
  }, laneId);
  if (!line) throw new Error('no metric line laid out');
  const metric = doc.metrics.find((m) => m.id === line.metricId);
  if (!metric) throw new Error('the line is no metric of the map');
  const valueOf = async (id: string) => (await sampleHost.call('maps.get', { id: doc.map.id })).metrics.find((m) => m.id === id)?.value;

  const at = onScreen(g, line.x + line.width / 2, line.y + line.height / 2);
  await page.mouse.dblclick(at.x, at.y);
  const field = page.getByRole('textbox', { name: 'Metric value' });
  await expect(field).toBeVisible();
  await expect(field).toHaveValue(String(metric.value));
  // A value that is no number is refused in words; the field stays, nothing is written.
  await field.fill('twelve');
  await field.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: '"twelve" is not a number' })).toBeVisible();
  await expect(field).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  expect(await valueOf(metric.id)).toBe(metric.value);
  // Put right, it is saved and drawn; the alert goes as soon as the value is typed anew.
  await field.fill('1,234');
  await expect(page.getByRole('alert').filter({ hasText: 'is not a number' })).toHaveCount(0);
  await field.press('Enter');
  await expect(field).toHaveCount(0);
  await saved(page);
  expect(await valueOf(metric.id)).toBe(1234);
  await expect.poll(() => page.evaluate((id) => window.waymarkCanvas?.layout().metrics.get(id)?.funnel?.steps.map((s) => s.value), laneId)).toContain(1234);
  // Ctrl+Z puts the number back.
  await page.keyboard.press('Control+z');
  await saved(page);
  expect(await valueOf(metric.id)).toBe(metric.value);

  // A stage's bar in the funnel edits the count it draws. Escape keeps what was typed, as in every field on the
  // canvas, but gives up a value that is no number: nothing changes.
  g = await geometry(page); // the inspector opened beside the canvas for the metrics cell: read where things are now
  const inView = (b: { x: number; width: number }) => onScreen(g, b.x, 0).x > g.canvas.x + g.header.width && onScreen(g, b.x + b.width, 0).x < g.canvas.x + g.canvas.width;
  const bar = (await funnelBoxes(page, laneId))?.bars.filter(inView).find((b) => b.stageId !== metric.stageId);
  if (!bar) throw new Error('no funnel bar in view');
  const barMetric = await page.evaluate(([id, stageId]) => window.waymarkCanvas?.layout().metrics.get(id)?.bars.find((b) => b.stageId === stageId)?.metricId ?? '', [laneId, bar.stageId] as const);
  const before = doc.metrics.find((m) => m.id === barMetric)?.value;
  const barAt = onScreen(g, bar.x + Math.min(bar.width / 2, 20), bar.y + bar.height / 2);
  await page.mouse.dblclick(barAt.x, barAt.y);
  await expect(field).toHaveValue(String(before));
  await field.fill('12..5');
  await field.press('Escape');
  await expect(field).toHaveCount(0);
  await expect(page.getByRole('alert').filter({ hasText: '"12..5" is not a number' })).toContainText('The metric keeps its value.');
  expect(await valueOf(barMetric)).toBe(before);
  // Left with a click elsewhere, the same: given up, and said.
  await page.mouse.dblclick(barAt.x, barAt.y);
  await field.fill('12 000');
  await page.mouse.click(g.canvas.x + g.header.width + 10, g.canvas.y + g.header.height + 10);
  await expect(field).toHaveCount(0);
  await expect(page.getByRole('alert').filter({ hasText: '"12 000" is not a number' })).toBeVisible();
  expect(await valueOf(barMetric)).toBe(before);
  await page.mouse.dblclick(barAt.x, barAt.y);
  await field.fill('950');
  await page.screenshot({ path: 'reports/scratch/metric-in-place.png' });
  await field.press('Escape');
  await expect(field).toHaveCount(0);
  await saved(page);
  expect(await valueOf(barMetric)).toBe(950);
  await page.keyboard.press('Control+z');
  await saved(page);
  expect(await valueOf(barMetric)).toBe(before);
});
