/**
 * PNG export through the UI in Chromium: the sample map at 2× from Export ▾ › PNG image…, taken as the browser's
 * download and decoded with pngjs (CRCs checked) — its size is the layout's full bounds and the band, times
 * two, and its pixels show the map (ink in the title's region, a card's fill where the layout puts it); the
 * current view copied to the clipboard and read back from it; a map too wide for 3× refused before
 * starting, with the scale that fits; and a cancelled export that saves nothing.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { PNG } from 'pngjs';
import type { MapDocument } from '../../electron/api/types.ts';
import { CARD_FILL, PALETTE } from '../../renderer/src/canvas/palette.ts';
import { bandLayout } from '../../renderer/src/exports/png/scene.ts';
import { expect, test } from './support/fixtures.ts';
import type { Host } from './support/host.ts';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const LW = 184;
const SH = 64;

interface Laid {
  width: number;
  height: number;
  cards: [string, { x: number; y: number; width: number; height: number; laneId: string }][];
}

async function openCanvas(page: Page, host: Host, mapId?: string): Promise<void> {
  const url = new URL(host.url);
  if (mapId) url.searchParams.set('map', mapId);
  await page.goto(url.href);
  await page.waitForFunction(() => performance.getEntriesByName('waymark:canvas-frame').length > 0);
}

const laidOut = (page: Page) =>
  page.evaluate((): Laid => {
    const layout = window.waymarkCanvas?.layout();
    if (!layout) throw new Error('no canvas');
    return { width: layout.width, height: layout.height, cards: [...layout.cards.entries()].map(([id, c]) => [id, { x: c.x, y: c.y, width: c.width, height: c.height, laneId: c.laneId }]) };
  });

/** Export ▾ › PNG image…, as a person opens it. */
async function openPngDialog(page: Page) {
  await page.getByRole('button', { name: 'Export ▾' }).click();
  await page.getByRole('menu', { name: 'Export this map' }).getByRole('menuitem', { name: 'PNG image…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export a PNG image' });
  await expect(dialog).toBeVisible();
  return dialog;
}

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const pixelAt = (png: PNG, x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 4)];
const near = (a: number[], b: number[], tolerance = 6) => a.every((v, i) => Math.abs(v - (b[i] ?? 0)) <= tolerance);

/** Pixels in a rectangle that are not the paper's white: ink. */
function inkIn(png: PNG, x0: number, y0: number, w: number, h: number): number {
  let ink = 0;
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) if (!near(pixelAt(png, x, y), [255, 255, 255, 255], 24)) ink++;
  return ink;
}

test('export the sample map to PNG at 2× from the Export menu: the download is the whole map, title and all', async ({ page, sampleHost: host }) => {
  const [summary] = await host.call('maps.list', {});
  const doc: MapDocument = await host.call('maps.get', { id: summary?.id ?? '' });
  await openCanvas(page, host);
  const layout = await laidOut(page);

  const dialog = await openPngDialog(page);
  await expect(dialog.getByRole('radio', { name: 'The whole map, with its title, personas and legend' })).toBeChecked();
  // Nothing is selected, so the selection cannot be drawn; the view can.
  await expect(dialog.getByRole('radio', { name: 'The selection' })).toBeDisabled();
  await expect(dialog.getByRole('radio', { name: 'The current view' })).toBeEnabled();
  await dialog.getByRole('radio', { name: '2×' }).check();

  // The size the picture will have, from the layout: the map's full bounds and the band above them.
  const band = bandLayout({
    title: doc.map.title,
    description: doc.map.description,
    personas: doc.personas.map((p) => ({ id: p.id, name: p.name, role: p.role, color: p.color })),
    curves: doc.lanes.some((l) => l.kind === 'emotion' && !l.collapsed),
    width: LW + layout.width,
  });
  const width = (LW + layout.width) * 2;
  const height = (band.height + SH + layout.height) * 2;
  await expect(dialog.getByRole('status')).toHaveText(`${width.toLocaleString('en-US')} × ${height.toLocaleString('en-US')} pixels.`);
  await page.screenshot({ path: 'reports/scratch/png-export-dialog.png' });

  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export PNG…' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${doc.map.title}.png`);
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Exported ${doc.map.title}.png (${width.toLocaleString('en-US')} × ${height.toLocaleString('en-US')} pixels).`)).toBeVisible();

  const file = fs.readFileSync(await download.path());
  fs.mkdirSync('reports/scratch', { recursive: true });
  fs.writeFileSync('reports/scratch/sample-map-2x.png', file);
  const png = PNG.sync.read(file, { checkCRC: true });
  expect([png.width, png.height]).toEqual([width, height]);
  // The title's region has ink (its letters), on white paper; the band's far right has none.
  const t = band.title;
  expect(inkIn(png, t.x * 2, t.y * 2, 120, t.height * 2)).toBeGreaterThan(400);
  expect(pixelAt(png, width - 4, 4)).toEqual([255, 255, 255, 255]);
  // Every card is where the layout puts it, in its fill (a card's own colour, or its lane's).
  const kindOf = new Map(doc.lanes.map((l) => [l.id, l.kind]));
  const colourOf = new Map(doc.cards.map((c) => [c.id, c.color]));
  expect(layout.cards.length).toBe(doc.cards.length);
  for (const [id, c] of layout.cards) {
    const fill = rgb(colourOf.get(id) ?? CARD_FILL[kindOf.get(c.laneId) ?? 'text']);
    const at = pixelAt(png, (LW + c.x + c.width - 6) * 2, (band.height + SH + c.y + 4) * 2);
    expect(near(at, [...fill, 255]), `card ${id} at ${c.x}, ${c.y}: ${at.join(',')}`).toBe(true);
  }
  // The stage header row is below the band, in the header's colour.
  expect(near(pixelAt(png, (LW + 100) * 2, (band.height + 50) * 2), [...rgb(PALETTE.header), 255])).toBe(true);
});

test('copy the current view to the clipboard: the image read back is the canvas as on screen', async ({ page, sampleHost: host }) => {
  await openCanvas(page, host);
  const box = await page.getByRole('application').evaluate((el) => ({ width: el.clientWidth, height: el.clientHeight }));
  const dialog = await openPngDialog(page);
  await dialog.getByRole('radio', { name: 'The current view' }).check();
  await dialog.getByRole('radio', { name: '1×' }).check();
  await expect(dialog.getByRole('status')).toHaveText(`${box.width.toLocaleString('en-US')} × ${box.height.toLocaleString('en-US')} pixels.`);
  await dialog.getByRole('button', { name: 'Copy to clipboard' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Copied a picture of the current view (${box.width.toLocaleString('en-US')} × ${box.height.toLocaleString('en-US')} pixels) to the clipboard.`)).toBeVisible();

  const base64 = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    if (!item?.types.includes('image/png')) throw new Error(`the clipboard holds ${item?.types.join(', ') ?? 'nothing'}`);
    const bytes = new Uint8Array(await (await item.getType('image/png')).arrayBuffer());
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary);
  });
  const png = PNG.sync.read(Buffer.from(base64, 'base64'));
  expect([png.width, png.height]).toEqual([box.width, box.height]);
  // The stage header row along the top and the lane headers down the left, as the canvas draws them.
  expect(near(pixelAt(png, LW + 100, SH - 6), [...rgb(PALETTE.header), 255])).toBe(true);
  expect(near(pixelAt(png, 20, SH + 60), [...rgb(PALETTE.header), 255])).toBe(true);
  expect(inkIn(png, LW + 8, 8, 180, 30)).toBeGreaterThan(100); // the first stage's name
});

test('a map too wide for 3× is refused before starting, with the scale that fits; a cancelled export saves nothing', async ({ page, host }) => {
  const created = await host.call('maps.create', { title: 'Forty-five stages', template: 'blank' });
  const mapId = created.maps[0]?.id ?? '';
  const lane = created.lanes.find((l) => l.kind === 'text')?.id ?? '';
  const have = created.stages.length;
  await host.call('batch.run', { steps: Array.from({ length: 45 - have }, (_, i) => ({ name: 'stages.create', input: { mapId, name: `Stage ${have + i + 1}` } })) });
  const doc = await host.call('maps.get', { id: mapId });
  const cards = doc.stages.flatMap((s) => Array.from({ length: 40 }, (_, k) => ({ name: 'cards.create', input: { laneId: lane, stageId: s.id, text: `Card ${k + 1} of ${s.name}: a line or two of what happens here` } })));
  for (let i = 0; i < cards.length; i += 500) await host.call('batch.run', { steps: cards.slice(i, i + 500) });
  await openCanvas(page, host, mapId);
  const layout = await laidOut(page);
  expect(layout.width).toBe(45 * 248);

  const dialog = await openPngDialog(page);
  await dialog.getByRole('radio', { name: '3×' }).check();
  const wide = ((LW + layout.width) * 3).toLocaleString('en-US');
  await expect(dialog.getByRole('alert')).toHaveText(new RegExp(`^This map at 3× would be ${wide} × [\\d,]+ pixels, more than the 32,767 pixels a side that image viewers open\\. Export it at 2× instead\\.$`));
  await expect(dialog.getByRole('button', { name: 'Export PNG…' })).toBeDisabled();

  // At 2× it is drawn in parts, with progress; Cancel stops it and nothing is downloaded.
  await dialog.getByRole('radio', { name: '2×' }).check();
  await expect(dialog.getByRole('status')).toHaveText(/^[\d,]+ × [\d,]+ pixels, drawn in \d+ parts\.$/);
  let downloads = 0;
  page.on('download', () => downloads++);
  await dialog.getByRole('button', { name: 'Export PNG…' }).click();
  const progress = dialog.getByRole('progressbar', { name: 'Drawing the picture' });
  await expect(dialog.getByText(/^Drawing part \d+ of \d+…$/)).toBeVisible();
  await expect(progress).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toBeHidden();
  await expect(dialog.getByRole('button', { name: 'Export PNG…' })).toBeEnabled();
  await page.waitForTimeout(1500);
  expect(downloads).toBe(0);
  // Cancel again closes the dialog.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(downloads).toBe(0);
});
