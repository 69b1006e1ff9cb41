/**
 * Map bundles through the UI in Chromium: the sample map exported from the Export menu (the download is the
 * bundle), imported again from the map list as a copy that opens (the sample's interviews and quotes used as they
 * are, not copied), and a broken file refused with its
 * problems and nothing written — each checked against what the workspace stored.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './support/fixtures.ts';

test('export the sample map as a bundle, import it back as a copy that opens; a broken bundle writes nothing', async ({ page, sampleHost: host }, info) => {
  const [map] = await host.call('maps.list', {});
  const doc = await host.call('maps.get', { id: map?.id ?? '' });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Export ▾' }).click();
  await page.getByRole('menuitem', { name: 'Map bundle (.waymark.json)…' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export a map bundle' });
  const downloading = page.waitForEvent('download');
  await exportDialog.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${doc.map.title}.waymark.json`);
  await expect(exportDialog).toBeHidden();
  const saved = info.outputPath(download.suggestedFilename());
  await download.saveAs(saved);
  const bundle = JSON.parse(fs.readFileSync(saved, 'utf8')) as { format: string; version: number; cards: unknown[] };
  expect([bundle.format, bundle.version, bundle.cards.length]).toEqual(['waymark-map-bundle', 1, doc.cards.length]);

  // A broken file: its problems are listed, Import stays disabled, and no map is made.
  const broken = info.outputPath('broken.waymark.json');
  fs.writeFileSync(broken, fs.readFileSync(saved, 'utf8').slice(0, 400));
  await page.getByRole('button', { name: 'Import a map bundle…' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import a map bundle' });
  await importDialog.getByLabel('Bundle file (.waymark.json)').setInputFiles(broken);
  await expect(importDialog.getByRole('alert')).toBeVisible();
  const importButton = importDialog.getByRole('button', { name: 'Import', exact: true });
  await expect(importButton).toBeDisabled();
  await expect(importButton).toHaveAccessibleDescription('The file has problems: nothing can be imported from it.');
  expect(await host.call('maps.list', {})).toHaveLength(1);

  // The real file: the preview says what the copy holds; Import makes it and opens it.
  await importDialog.getByLabel('Bundle file (.waymark.json)').setInputFiles(saved);
  const summary = importDialog.getByRole('status', { name: 'What the import makes' });
  await expect(summary).toContainText(`A new map, “${doc.map.title} (imported)” (a map called “${doc.map.title}” is here already)`);
  await expect(summary).toContainText(`${doc.cards.length} cards`);
  // The sample's interviews and quotes are here already: used as they are, not copied.
  const quotesBefore = (await host.call('quotes.search', {})).total;
  const linked = new Set(doc.quoteLinks.map((l) => l.quoteId)).size;
  await expect(summary.getByText(/^Already in this workspace and used as they are: /)).toContainText(new RegExp(`the interview “[^”]+”.*, ${linked} quotes of them`));
  await page.screenshot({ path: 'reports/scratch/bundle-import-preview.png' });
  await importButton.click();
  await expect(importDialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: `${doc.map.title} (imported)` })).toBeVisible();
  await expect(page.getByText(`Imported “${doc.map.title} (imported)” from ${path.basename(saved)}.`)).toBeVisible();

  const maps = await host.call('maps.list', {});
  const copy = maps.find((m) => m.title === `${doc.map.title} (imported)`);
  expect(copy?.cardCount).toBe(doc.cards.length);
  const copied = await host.call('maps.get', { id: copy?.id ?? '' });
  expect(copied.stages.map((s) => s.name).sort()).toEqual(doc.stages.map((s) => s.name).sort());
  expect(copied.stages.some((s) => doc.stages.some((o) => o.id === s.id))).toBe(false); // new ids
  expect(copied.evidence.stages.map((t) => t.quoteCount).reduce((a, b) => a + b, 0)).toBe(doc.evidence.stages.map((t) => t.quoteCount).reduce((a, b) => a + b, 0));
  expect((await host.call('quotes.search', {})).total).toBe(quotesBefore);
});
