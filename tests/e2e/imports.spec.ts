/**
 * Importing quotes and metrics from spreadsheets in Chromium: a real CSV (with a stage column) imported into
 * the sample map through the dialog, a bad file's problems shown row by row with nothing written, each quote's
 * day shown on the board, and what the workspace stored checked through the contract.
 */
import path from 'node:path';
import { expect, test } from './support/fixtures.ts';

const fixture = (name: string) => path.join(import.meta.dirname, '../fixtures/spreadsheets', name);

test('quotes from a CSV with a stage column land in the sample map; a bad file shows its problems row by row and writes nothing', async ({ page, sampleHost: host }) => {
  const [map] = await host.call('maps.list', {});
  const mapId = map?.id ?? '';
  const before = await host.call('quotes.search', { limit: 1 });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Quotes', exact: true }).click();
  await page.getByRole('button', { name: 'Import quotes…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import quotes' });
  await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
  await expect(dialog).toContainText('Choose a file first.');

  // A bad file: every problem is shown beside its row, and Import says why it is disabled.
  await dialog.getByLabel('Map for the stage column').selectOption({ label: 'First online grocery order' });
  await dialog.getByLabel('File (CSV, TSV, Excel or OpenDocument)').setInputFiles(fixture('bad-quotes.csv'));
  const table = dialog.getByRole('table', { name: 'Rows as they would be imported' });
  await expect(table.getByRole('row')).toHaveCount(7);
  await expect(dialog.getByRole('status')).toContainText('6 rows: 1 ready, 5 with problems');
  const row = (n: number) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: String(n), exact: true }) });
  await expect(row(3)).toContainText('The text is empty.');
  await expect(row(4)).toContainText('“Shopping” is not a stage of the map “First online grocery order”');
  await expect(row(5)).toContainText('The sentiment “3” is not a whole number from −2 to +2.');
  await expect(row(6)).toContainText('The sentiment “-1.5” is not a whole number');
  await expect(row(7)).toContainText('“2026-02-30” is not a date');
  await expect(row(2)).toContainText('OK');
  const importButton = dialog.getByRole('button', { name: 'Import', exact: true });
  await expect(importButton).toBeDisabled();
  await expect(importButton).toHaveAccessibleDescription('Fix the 5 rows with problems in the file first: nothing is imported while any row has one.');
  await page.screenshot({ path: 'reports/scratch/import-quotes-problems.png' });
  const after = await host.call('quotes.search', { limit: 1 });
  expect(after.total).toBe(before.total);

  // A real file: detected as UTF-8 with commas, columns mapped from its header, imported in one go.
  await dialog.getByLabel('File (CSV, TSV, Excel or OpenDocument)').setInputFiles(fixture('quotes-windows-1252.csv'));
  await expect(dialog.getByLabel('Encoding')).toHaveValue('windows-1252');
  await expect(dialog.getByLabel('Separator')).toHaveValue(',');
  await expect(dialog.getByRole('combobox', { name: 'Stage', exact: true })).toHaveValue('3');
  await expect(dialog.getByRole('status')).toContainText('5 rows: 5 ready, 0 with problems');
  await expect(table).toContainText('Delivery was 4,50 € — more than the café round the corner charges.');
  // Read in the wrong encoding, the words break; back to the detected one they are whole again.
  await dialog.getByLabel('Encoding').selectOption('utf-8');
  await expect(table).toContainText('\uFFFD');
  await dialog.getByLabel('Encoding').selectOption('windows-1252');
  await expect(table).toContainText('café');
  await importButton.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Imported 5 quotes from quotes-windows-1252.csv.')).toBeVisible();
  // Each quote keeps its row's day, shown on the board beside who said it as the page writes days — the
  // sample's own interview ("Maya, first order walkthrough") gets rows too, and they keep their day as well.
  const said = (day: string) => page.evaluate((d) => new Date(`${d}T00:00:00Z`).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }), day);
  const boardRow = (words: string) => page.getByRole('listbox').getByRole('option').filter({ hasText: words });
  await expect(boardRow('I saw the ad and thought').locator('time')).toHaveText(await said('2026-03-02'));
  await expect(boardRow('I saw the ad and thought').locator('time')).toHaveAttribute('datetime', '2026-03-02');
  await expect(boardRow('Delivery was 4,50 €').locator('time')).toHaveText(await said('2026-03-05'));
  await expect(boardRow('Half the basket was swapped')).toBeVisible();
  await expect(boardRow('Half the basket was swapped').locator('time')).toHaveCount(0);
  // Newest first, the rows of one import as the file has them, top to bottom.
  const firstWords = ['I saw the ad and thought', 'The sign-up asked for my card', 'Delivery was 4,50 €', 'The driver called ahead.', 'Half the basket was swapped'];
  const options = page.getByRole('listbox').getByRole('option');
  for (const [i, words] of firstWords.entries()) await expect(options.nth(i)).toContainText(words);
  await page.screenshot({ path: 'reports/scratch/import-quotes-board-days.png' });

  const found = await host.call('quotes.search', { query: 'café' });
  expect(found.hits.map((h) => [h.quote.text, h.quote.sentiment, h.participant, h.quote.saidOn])).toEqual([['Delivery was 4,50 € — more than the café round the corner charges.', -2, 'Renée', '2026-03-05']]);
  const doc = await host.call('maps.get', { id: mapId });
  const stageOf = new Map(doc.stages.map((s) => [s.id, s.name]));
  const renee = found.hits[0]?.quote.id ?? '';
  expect(doc.quoteLinks.filter((l) => l.quoteId === renee).map((l) => stageOf.get(l.stageId))).toEqual(['Checkout & slot']);
  const total = await host.call('quotes.search', { limit: 1 });
  expect(total.total).toBe(before.total + 5);
});

test('metrics from a workbook sheet go into the open map', async ({ page, sampleHost: host }) => {
  const [map] = await host.call('maps.list', {});
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Import metrics…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import metrics' });
  await dialog.getByLabel('File (CSV, TSV, Excel or OpenDocument)').setInputFiles(fixture('libreoffice.xlsx'));
  await expect(dialog.getByRole('alert')).toContainText('Choose the columns for the metric name and the value.');
  await dialog.getByLabel('Sheet').selectOption('Metrics');
  await expect(dialog.getByRole('status')).toContainText('2 rows: 2 ready, 0 with problems. Would add 2 metrics');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden();
  const doc = await host.call('maps.get', { id: map?.id ?? '' });
  expect(doc.metrics.filter((m) => m.source === 'Imported from libreoffice.xlsx').map((m) => [m.name, m.value, m.unit, m.measuredAt]).sort()).toEqual([
    ['conversion', 12.5, '%', '2026-02-28'],
    ['entered stage', 1200, '', '2026-02-28'],
  ]);
});
