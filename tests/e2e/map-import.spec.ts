/**
 * Maps from spreadsheets through the UI in Chromium: a grid written by LibreOffice imported through the
 * preview (a lane's kind set, the problem it makes shown at its cells, fixed by choosing another kind), the map
 * opened with its stages and cards; and Waymark's own workbook, edited as in Excel, updating the map it came
 * from after the preview of what changes, then undone — each checked against what the workspace stored, every
 * state of the dialog screenshot, and axe-core on it.
 */
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import * as XLSX from 'xlsx';
import { expect, test } from './support/fixtures.ts';

const fixture = (name: string) => path.join(import.meta.dirname, '../fixtures/spreadsheets/maps', name);
const shot = (page: Page, name: string) => page.screenshot({ path: `reports/scratch/map-import-${name}.png` });

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).include('dialog').analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

test('import a spreadsheet grid through the preview: set a lane’s kind, see its problem, fix it with another kind, import; the map opens', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Import a map from a spreadsheet…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a map from a spreadsheet' });
  const importButton = dialog.getByRole('button', { name: 'Import', exact: true });
  await expect(importButton).toBeDisabled();
  await expect(importButton).toHaveAccessibleDescription('Choose a file first.');
  await shot(page, '1-empty');

  await dialog.getByLabel('Spreadsheet (CSV, TSV, Excel or OpenDocument)').setInputFiles(fixture('journey.xlsx'));
  const grid = dialog.getByRole('table', { name: 'The grid as it would be imported' });
  await expect(grid).toBeVisible();
  await expect(dialog.getByRole('status', { name: 'What the import makes' })).toHaveText('A new map with 3 stages, 6 lanes, 14 cards, 3 emotion scores, 3 metric values.');
  await expect(dialog.getByRole('combobox', { name: /^Sheet/ })).toHaveValue('journey');
  await expect(dialog.getByLabel('Title of the new map')).toHaveValue('journey');
  await expect(grid.getByRole('columnheader')).toHaveText(['Lane', 'Kind', 'Discover (B)', 'Sign up (C)', 'First week (D)']);
  const lane = (title: string) => grid.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${title} `) }) });
  await expect(lane('Actions')).toContainText('Hears about us from a friend');
  await expect(dialog.getByLabel('Kind of the lane Feeling')).toHaveValue('emotion');
  await expect(dialog.getByLabel('Kind of the lane Touchpoints')).toHaveValue('touchpoints');
  await expect(importButton).toBeEnabled();
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, '2-preview');

  // Touchpoints as an emotion curve: its cells are no scores, and the preview says so cell by cell.
  await dialog.getByLabel('Kind of the lane Touchpoints').selectOption('emotion');
  const problems = dialog.getByRole('list', { name: 'Problems, cell by cell' });
  await expect(problems.getByRole('listitem')).toHaveText([
    'B4 “Website” is not a whole number, as a score of the emotion lane “Touchpoints” must be.',
    'C4 “Sign-up form” is not a whole number, as a score of the emotion lane “Touchpoints” must be.',
    'D4 “Welcome email” is not a whole number, as a score of the emotion lane “Touchpoints” must be.',
  ]);
  await expect(lane('Touchpoints').locator('td.import-cell-bad')).toHaveCount(3);
  await expect(importButton).toBeDisabled();
  await expect(importButton).toHaveAccessibleDescription('Fix the 3 problems in the file first: nothing is imported while any is left.');
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, '3-problems');
  expect(await host.call('maps.list', {})).toEqual([]);

  // Another kind fixes it; the title is the person's.
  await dialog.getByLabel('Kind of the lane Touchpoints').selectOption('backstage');
  await expect(problems).toBeHidden();
  await expect(lane('Touchpoints')).toContainText('Sign-up form');
  await dialog.getByLabel('Title of the new map').fill('Onboarding from Excel');
  await expect(importButton).toBeEnabled();
  await importButton.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Onboarding from Excel' })).toBeVisible();
  await expect(page.getByText('Imported “Onboarding from Excel” from journey.xlsx: 3 stages, 6 lanes, 14 cards, 3 emotion scores, 3 metric values.')).toBeVisible();
  await shot(page, '4-opened');

  const [map] = await host.call('maps.list', {});
  expect(map).toMatchObject({ title: 'Onboarding from Excel', stageCount: 3, cardCount: 14 });
  const doc = await host.call('maps.get', { id: map?.id ?? '' });
  expect(doc.stages.map((s) => s.name)).toEqual(['Discover', 'Sign up', 'First week']);
  expect(doc.lanes.map((l) => [l.title, l.kind])).toEqual([
    ['Actions', 'text'],
    ['Touchpoints', 'backstage'],
    ['Feeling', 'emotion'],
    ['Pain points', 'pains'],
    ['Opportunities', 'opportunities'],
    ['Customers', 'metrics'],
  ]);
  const cell = (laneTitle: string, stage: string) =>
    doc.cards
      .filter((c) => c.laneId === doc.lanes.find((l) => l.title === laneTitle)?.id && c.stageId === doc.stages.find((s) => s.name === stage)?.id)
      .sort((a, b) => (a.position < b.position ? -1 : 1))
      .map((c) => c.text);
  expect(cell('Actions', 'Discover')).toEqual(['Hears about us from a friend', 'Reads reviews', 'Compares plans']);
  expect(cell('Touchpoints', 'Sign up')).toEqual(['Sign-up form']);
  expect(doc.emotions.map((e) => e.score).sort()).toEqual([-2, 1, 2]);

  // The table view shows the imported map as the workspace stored it.
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Table' }).click();
  await expect(page.getByRole('table')).toContainText('Hears about us from a friend');
  await expect(page.getByRole('table')).toContainText('Welcome email');
});

test('Waymark’s workbook edited in Excel updates the map it came from after a preview of what changes, and the update can be undone', async ({ page, sampleHost: host }, info) => {
  const [map] = await host.call('maps.list', {});
  const mapId = map?.id ?? '';
  const before = await host.call('maps.get', { id: mapId });
  const book = await host.call('exports.workbook', { mapIds: [mapId] });
  // Edited as a person edits it: a card's text in the Cards sheet, a row of Cards deleted, a card typed into the grid.
  const wb = XLSX.read(Buffer.from(book.base64, 'base64'), { type: 'buffer' });
  const cardsSheet = wb.Sheets.Cards;
  const mapSheet = wb.Sheets.Map;
  if (!cardsSheet || !mapSheet) throw new Error('not an exported workbook');
  const rows = XLSX.utils.sheet_to_json<(string | number | null)[]>(cardsSheet, { header: 1, defval: null });
  const [first, second] = [rows[1], rows[2]];
  if (!first || !second) throw new Error('the sample map has too few cards');
  const changedText = `${String(first[2])} (edited in Excel)`;
  cardsSheet.C2 = { t: 's', v: changedText };
  const removedText = String(second[2]);
  const kept = rows.filter((_, i) => i !== 2);
  const edited = XLSX.utils.aoa_to_sheet(kept);
  edited.C2 = { t: 's', v: changedText };
  wb.Sheets.Cards = edited;
  const gridRows = XLSX.utils.sheet_to_json<(string | null)[]>(mapSheet, { header: 1, defval: null });
  const actionsRow = gridRows.findIndex((r, i) => i > 0 && r[0] === before.lanes.find((l) => l.kind === 'text')?.title) + 1;
  const lastColumn = XLSX.utils.encode_col(1 + before.stages.length);
  const ref = `${lastColumn}${actionsRow}`;
  const old = mapSheet[ref] as XLSX.CellObject | undefined;
  mapSheet[ref] = { t: 's', v: `${old?.v === undefined ? '' : `${String(old.v)}\n`}Calls the shop to ask` };
  const file = info.outputPath('edited.xlsx');
  fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);

  await page.goto(host.url);
  await page.getByRole('button', { name: 'Import a map from a spreadsheet…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a map from a spreadsheet' });
  await dialog.getByLabel('Spreadsheet (CSV, TSV, Excel or OpenDocument)').setInputFiles(file);
  const mode = dialog.getByRole('group', { name: /A workbook exported from Waymark/ });
  await expect(mode).toBeVisible();
  await mode.getByRole('radio', { name: `Update “${before.map.title}”` }).check();
  const summary = dialog.getByRole('status', { name: 'What the update changes' });
  await expect(summary).toHaveText(`Updating “${before.map.title}”: 1 card added, 1 card changed, 1 card removed.`);
  await expect(dialog.getByRole('region', { name: 'Cards added' })).toContainText('Calls the shop to ask');
  await expect(dialog.getByRole('region', { name: 'Cards changed' })).toContainText(`text: “${String(first[2])}” → “${changedText}”`);
  await expect(dialog.getByRole('region', { name: 'Cards removed' })).toContainText(`“${removedText}” Its row is not in the Cards sheet.`);
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, '5-update-preview');
  expect((await host.call('maps.get', { id: mapId })).cards).toHaveLength(before.cards.length);

  await dialog.getByRole('button', { name: 'Update map' }).click();
  await expect(dialog.getByRole('status')).toHaveText(`Updated “${before.map.title}” from edited.xlsx: 1 card added, 1 card changed, 1 card removed.`);
  await shot(page, '6-updated');
  const after = await host.call('maps.get', { id: mapId });
  expect(after.cards.map((c) => c.text)).toContain(changedText);
  expect(after.cards.map((c) => c.text)).toContain('Calls the shop to ask');
  expect(after.cards.map((c) => c.text)).not.toContain(removedText);

  await dialog.getByRole('button', { name: 'Undo the update' }).click();
  await expect(dialog.getByRole('status')).toHaveText(`The update of “${before.map.title}” was undone: the map is as it was before.`);
  await shot(page, '7-undone');
  const undone = await host.call('maps.get', { id: mapId });
  expect(undone.cards.map((c) => [c.id, c.text]).sort()).toEqual(before.cards.map((c) => [c.id, c.text]).sort());
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});
