/**
 * The page's side of the desktop host's capabilities, in Chromium: with a stand-in for the preload's
 * `window.waymarkHost` (the real one needs Electron, which these machines cannot run), an export is handed to
 * the host's save dialog as a name and bytes (no download), the native menu gets the File actions, and the
 * map list offers the recent workspaces the host lists and asks it to open one by its key.
 */
import * as XLSX from 'xlsx';
import { expect, test } from './support/fixtures.ts';

interface Recorded {
  saved: { name: string; type: string; bytes: number[] }[];
  opened: string[];
  menu: { name: string; label: string; menu: string }[];
}

test('exports go to the host’s save dialog, the File menu lists them, and the map list opens a recent workspace', async ({ page, sampleHost: host }) => {
  await page.addInitScript(() => {
    const recorded: Recorded = { saved: [], opened: [], menu: [] };
    (window as unknown as { recorded: Recorded }).recorded = recorded;
    (window as unknown as { waymarkHost: unknown }).waymarkHost = {
      onEvent: () => () => undefined,
      setMenu: (items: Recorded['menu']) => void (recorded.menu = items),
      onAction: () => () => undefined,
      saveFile: (file: { name: string; type: string; data: Uint8Array }) => {
        recorded.saved.push({ name: file.name, type: file.type, bytes: [...file.data] });
        return Promise.resolve({ saved: true, fileName: file.name });
      },
      recentWorkspaces: () => Promise.resolve([{ key: 'k-team', name: 'Team journeys.waymark', folder: '~/Shared' }]),
      openRecentWorkspace: (key: string) => {
        recorded.opened.push(key);
        return Promise.resolve(true);
      },
    };
  });
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  await page.goto(host.url);
  const [map] = await host.call('maps.list', {});

  await page.getByRole('button', { name: 'Export ▾' }).click();
  await page.getByRole('menuitem', { name: 'Excel workbook (.xlsx)…' }).click();
  await page.getByRole('dialog', { name: 'Export to Excel' }).getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByText(`Exported “${map?.title ?? ''}” to ${map?.title ?? ''}.xlsx.`)).toBeVisible();
  const recorded = await page.evaluate(() => (window as unknown as { recorded: Recorded }).recorded);
  expect(recorded.saved.map((f) => [f.name, f.type])).toEqual([[`${map?.title ?? ''}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']]);
  const book = XLSX.read(new Uint8Array(recorded.saved[0]?.bytes ?? []), { type: 'array' });
  expect(book.SheetNames[0]).toBe('Map');
  expect(downloads).toEqual([]); // the host saved it; the browser downloaded nothing
  expect(recorded.menu.filter((i) => i.menu === 'File').map((i) => i.label)).toEqual(expect.arrayContaining(['Export to Excel…', 'Export as PNG…', 'Export Map Bundle…', 'Import Map Bundle…']));

  const other = page.getByRole('region', { name: 'Other workspaces' });
  await other.getByRole('button', { name: 'Open the workspace Team journeys.waymark in ~/Shared' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { recorded: Recorded }).recorded.opened)).toEqual(['k-team']);
  await page.screenshot({ path: 'reports/scratch/desktop-recent.png' });
});
