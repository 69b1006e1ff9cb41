/**
 * Exports through the UI in Chromium: the sample map to Excel from the map header's Export menu, taken as the
 * browser's download and read back with SheetJS; every map in one workbook.
 */
import fs from 'node:fs';
import * as XLSX from 'xlsx';
import { expect, test } from './support/fixtures.ts';

test('export the sample map to Excel from the Export menu: the download is a workbook with the map as drawn', async ({ page, sampleHost: host }) => {
  const [map] = await host.call('maps.list', {});
  const doc = await host.call('maps.get', { id: map?.id ?? '' });
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: doc.map.title })).toBeVisible();

  const menuButton = page.getByRole('button', { name: 'Export ▾' });
  await menuButton.click();
  await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
  const menu = page.getByRole('menu', { name: 'Export this map' });
  await expect(menu.getByRole('menuitem', { name: 'Excel workbook (.xlsx)…' })).toBeFocused();
  // Escape closes the menu and gives the focus back to its button.
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(menuButton).toBeFocused();
  await menuButton.click();
  await menu.getByRole('menuitem', { name: 'Excel workbook (.xlsx)…' }).click();

  const dialog = page.getByRole('dialog', { name: 'Export to Excel' });
  await expect(dialog.getByRole('radio', { name: `This map, “${doc.map.title}”` })).toBeChecked();
  await page.screenshot({ path: 'reports/scratch/export-workbook-dialog.png' });
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${doc.map.title}.xlsx`);
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Exported “${doc.map.title}” to ${doc.map.title}.xlsx.`)).toBeVisible();

  const book = XLSX.read(fs.readFileSync(await download.path()), { type: 'buffer' });
  expect(book.SheetNames.slice(0, 2)).toEqual(['Map', 'Cards']);
  const grid = XLSX.utils.sheet_to_json<string[]>(book.Sheets.Map ?? {}, { header: 1, defval: '' });
  const stages = [...doc.stages].sort((a, b) => (a.position < b.position ? -1 : 1)).map((s) => s.name);
  expect(grid.flat()).toEqual(expect.arrayContaining(stages));
  const cards = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.Cards ?? {});
  expect(cards).toHaveLength(doc.cards.length);
});

test('every map of the workspace in one workbook, a sheet each under its title', async ({ page, sampleHost: host }) => {
  await host.call('maps.create', { title: 'Second journey', template: 'purchase-journey' });
  const titles = (await host.call('maps.list', {})).map((m) => m.title);
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Export ▾' }).click();
  await page.getByRole('menuitem', { name: 'Excel workbook (.xlsx)…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export to Excel' });
  await dialog.getByRole('radio', { name: /Every map in the workspace \(2 maps\)/ }).check();
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const book = XLSX.read(fs.readFileSync(await (await downloading).path()), { type: 'buffer' });
  expect(book.SheetNames).toEqual(expect.arrayContaining([...titles, 'Cards', 'Quotes']));
});
