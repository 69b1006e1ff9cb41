/**
 * Screenshots of the table view scrolled right, at a laptop and a projector size:
 *   npm run build && node tests/tools/table-screenshots.ts
 * It starts the browser host on a fresh workspace, makes a "Purchase journey" map with nine stages and a few
 * cards, opens the table view, scrolls the table's box to the right and writes
 * resources/screenshots/table-scrolled-1440.png and table-scrolled-1024.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../e2e/support/browser.ts';
import { startHost } from '../e2e/support/host.ts';

const dir = path.resolve(import.meta.dirname, '../../resources/screenshots');
const host = await startHost();
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  const created = await host.call('maps.create', { title: 'Renewing home insurance', template: 'purchase-journey' });
  const mapId = created.maps[0]?.id ?? '';
  for (const name of ['Renewal notice', 'Compare quotes', 'Switch or stay', 'Claims']) await host.call('stages.create', { mapId, name });
  const doc = await host.call('maps.get', { id: mapId });
  const lane = (title: string) => doc.lanes.find((l) => l.title === title)?.id ?? '';
  const stage = (i: number) => doc.stages[i]?.id ?? '';
  await host.call('cards.create', { laneId: lane('Customer actions'), stageId: stage(5), text: 'Gets the renewal letter and compares prices' });
  await host.call('cards.create', { laneId: lane('Pain points'), stageId: stage(6), text: 'The price went up without a reason' });
  await host.call('cards.create', { laneId: lane('Opportunities'), stageId: stage(7), text: 'Explain the new price in one line' });
  await host.call('stages.update', { id: stage(6), owner: 'Pricing team' });

  for (const [width, height] of [
    [1440, 900],
    [1024, 768],
  ] as const) {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
    await page.addInitScript(() => localStorage.setItem('waymark.view', 'table'));
    await page.goto(host.url);
    const scroller = page.getByRole('region', { name: 'Map table' });
    await page.getByRole('table').waitFor();
    // Most of the way right, the way a person scrolls it: the lane column stays, the first stages go under it.
    await scroller.evaluate((el) => (el.scrollLeft = el.scrollWidth - el.clientWidth - 120));
    await page.waitForTimeout(200);
    const out = path.join(dir, `table-scrolled-${width}.png`);
    fs.mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: out });
    console.log(`wrote ${path.relative(process.cwd(), out)}`);
    await page.close();
  }
} finally {
  await browser.close();
  await host.stop();
}
