/**
 * Regenerates the canvas screenshots (the README's among them):
 *   npm run build && node tests/tools/screenshot.ts
 * It starts the browser host on a fresh workspace with the sample map, opens it in Chromium, and writes to
 * resources/screenshots/: sample-map.png (1440×900, a card selected, the inspector open), canvas-1024.png
 * (1024×768, nothing selected, the map list hidden) and context-menu.png (a card's context menu).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../e2e/support/browser.ts';
import { startHost } from '../e2e/support/host.ts';

const out = path.resolve(import.meta.dirname, '../../resources/screenshots/sample-map.png');
const host = await startHost({ sample: true });
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  await page.addInitScript(() => localStorage.setItem('waymark.view', 'canvas'));
  await page.goto(host.url);
  await page.waitForFunction(() => performance.getEntriesByName('waymark:canvas-frame').length > 0);
  // Show the whole map, with a card selected so the inspector shows what it edits.
  await page.getByRole('button', { name: 'Fit map to window' }).click();
  await page.waitForTimeout(300);
  const target = await page.evaluate(() => {
    const api = window.waymarkCanvas;
    const box = document.querySelector('.canvas-box')?.getBoundingClientRect();
    if (!api || !box) throw new Error('no canvas');
    const v = api.viewport();
    // A card in an early stage: the inspector opens beside it without the view having to move.
    const card = [...api.layout().cards.values()][2];
    if (!card) throw new Error('no card');
    return { x: box.left + (184 + card.x + 20 - v.x) * v.scale, y: box.top + (64 + card.y + 10 - v.y) * v.scale };
  });
  await page.mouse.click(target.x, target.y);
  await page.waitForTimeout(300);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  console.log(`wrote ${path.relative(process.cwd(), out)}`);

  // The card's context menu, opened with a right-click.
  await page.mouse.click(target.x, target.y, { button: 'right' });
  await page.getByRole('menu').waitFor();
  await page.screenshot({ path: path.join(path.dirname(out), 'context-menu.png') });
  await page.keyboard.press('Escape');

  // A projector-sized window: the map list hidden, nothing selected, an empty cell under the pointer.
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.getByRole('button', { name: 'Maps', exact: true }).click();
  await page.getByRole('application').focus();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Zoom to 100%' }).click();
  await page.waitForTimeout(300);
  const empty = await page.evaluate(() => {
    const api = window.waymarkCanvas;
    const box = document.querySelector('.canvas-box')?.getBoundingClientRect();
    if (!api || !box) throw new Error('no canvas');
    const v = api.viewport();
    const cell = [...api.layout().cells.values()].find((c) => c.cardIds.length === 0 && c.x > 0 && c.x < 500 && c.height > 40);
    if (!cell) throw new Error('no empty cell');
    return { x: box.left + (184 + cell.x + cell.width / 2 - v.x) * v.scale, y: box.top + (64 + cell.y + cell.height / 2 - v.y) * v.scale };
  });
  await page.mouse.move(empty.x, empty.y);
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(path.dirname(out), 'canvas-1024.png') });
  console.log('wrote context-menu.png and canvas-1024.png');
} finally {
  await browser.close();
  await host.stop();
}
