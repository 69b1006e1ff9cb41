/**
 * Regenerates the README's screenshot of the sample map on the canvas:
 *   npm run build && node tests/tools/screenshot.ts
 * It starts the browser host on a fresh workspace with the sample map, opens it in Chromium at 1440×900,
 * and writes resources/screenshots/sample-map.png.
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
    const card = [...api.layout().cards.values()][8];
    if (!card) throw new Error('no card');
    return { x: box.left + (184 + card.x + 20 - v.x) * v.scale, y: box.top + (64 + card.y + 10 - v.y) * v.scale };
  });
  await page.mouse.click(target.x, target.y);
  await page.waitForTimeout(300);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
} finally {
  await browser.close();
  await host.stop();
}
