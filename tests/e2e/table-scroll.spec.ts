import type { Locator, Page } from '@playwright/test';
import type { Host } from './support/host.ts';
import { expect, test } from './support/fixtures.ts';

/** A "Purchase journey" map (seven lanes) with nine stages, opened in the table view. */
async function openWideTable(page: Page, host: Host): Promise<string> {
  const created = await host.call('maps.create', { title: 'Renewing home insurance', template: 'purchase-journey' });
  const mapId = created.maps[0]?.id ?? '';
  for (const name of ['Renewal notice', 'Compare quotes', 'Switch or stay', 'Claims']) await host.call('stages.create', { mapId, name });
  await page.addInitScript(() => localStorage.setItem('waymark.view', 'table'));
  await page.goto(host.url);
  await expect(page.getByRole('columnheader', { name: /Claims/ })).toBeVisible();
  return mapId;
}

type Box = { x: number; y: number; width: number; height: number };
const box = async (locator: Locator): Promise<Box> => {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not on screen');
  return b;
};

/** What the person sees at a point: the element there, described by where it sits in the table. */
function hitAt(page: Page, x: number, y: number) {
  return page.evaluate(
    ([px, py]) => {
      const el = document.elementFromPoint(px, py);
      const cell = el?.closest('th, td');
      const row = cell?.closest('tr');
      return {
        inTable: !!el?.closest('table'),
        cellTag: cell?.tagName.toLowerCase() ?? null,
        cellText: cell?.textContent ?? null,
        rowIndex: row ? row.rowIndex : -1,
        what: el ? `${el.tagName.toLowerCase()}.${el.className}` : 'nothing',
      };
    },
    [x, y] as const,
  );
}

for (const [width, height] of [
  [1440, 900],
  [1024, 768],
] as const) {
  test(`at ${width}×${height}, the table scrolls inside its own box; the title, the toolbar and the lane column stay put`, async ({ page, host }) => {
    await page.setViewportSize({ width, height });
    await openWideTable(page, host);
    const title = page.getByRole('heading', { level: 1, name: 'Renewing home insurance' });
    const toolbar = page.getByRole('group', { name: 'View' });
    const scroller = page.getByRole('region', { name: 'Map table' });
    const laneHeader = page.getByRole('rowheader', { name: /Pain points/ });
    const titleBefore = await box(title);
    const toolbarBefore = await box(toolbar);

    // Scroll right the way a person does, with the wheel over the table (shift+wheel or a trackpad).
    const frame = await box(scroller);
    await page.mouse.move(frame.x + frame.width / 2, frame.y + frame.height / 2);
    for (let i = 0; i < 12; i++) await page.mouse.wheel(400, 0);
    // Something scrolled (the wheel does not wait for it)…
    const scrolled = () =>
      page.getByRole('table').evaluate((el) => {
        let most = 0;
        for (let node: Element | null = el; node; node = node.parentElement) most = Math.max(most, node.scrollLeft);
        return most;
      });
    await expect.poll(scrolled).toBeGreaterThan(300);
    // …but not the page: nothing outside the table's box moved.
    expect(await box(title)).toEqual(titleBefore);
    expect(await box(toolbar)).toEqual(toolbarBefore);
    expect(await page.evaluate(() => [document.scrollingElement?.scrollLeft, document.querySelector('main')?.scrollLeft])).toEqual([0, 0]);
    expect(await scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(300);

    // The box ends inside the window, and scrolled to its end it shows the last stage and "+ Add stage" whole.
    const inner = await scroller.evaluate((el) => {
      el.scrollLeft = el.scrollWidth;
      const r = el.getBoundingClientRect();
      return { left: r.left + el.clientLeft, top: r.top + el.clientTop, right: r.left + el.clientLeft + el.clientWidth };
    });
    expect(inner.right).toBeLessThanOrEqual(width);
    const addStage = await box(page.getByRole('button', { name: '+ Add stage' }));
    expect(addStage.x + addStage.width).toBeLessThanOrEqual(inner.right);
    await expect(page.getByRole('button', { name: 'Rename stage Claims' })).toBeInViewport();

    // The lane column stays flush at the box's left edge, the corner above it at the top-left corner.
    const lane = await box(laneHeader);
    expect(Math.abs(lane.x - inner.left)).toBeLessThanOrEqual(0.5);
    const corner = await box(page.getByRole('columnheader', { name: 'Lane' }));
    expect(Math.abs(corner.x - inner.left)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(corner.y - inner.top)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(corner.width - lane.width)).toBeLessThanOrEqual(0.5);

    // The sticky cells are opaque (an rgba() colour would let scrolled cards show through).
    for (const cell of [laneHeader, page.getByRole('columnheader', { name: 'Lane' }), page.getByRole('columnheader', { name: /Claims/ })]) {
      expect(await cell.evaluate((el) => getComputedStyle(el).backgroundColor)).toMatch(/^rgb\(/);
    }

    // Nothing shows through beside the sticky column: just inside it is the lane's header, just right of it a
    // cell of the same row, and just left of it the box's own edge (no gap where scrolled cards appear).
    const y = lane.y + lane.height / 2;
    const laneRow = await laneHeader.evaluate((el) => (el.closest('tr') as HTMLTableRowElement).rowIndex);
    for (const x of [lane.x + 1, lane.x + lane.width - 1]) {
      const hit = await hitAt(page, x, y);
      expect(hit, `inside the lane column at x=${x}`).toMatchObject({ cellTag: 'th', rowIndex: laneRow });
    }
    const beside = await hitAt(page, lane.x + lane.width + 1, y);
    expect(beside.inTable, `just right of the lane column: ${beside.what}`).toBe(true);
    expect(beside.rowIndex, `just right of the lane column: ${beside.what}`).toBe(laneRow);
    const outside = await hitAt(page, inner.left - 1, y);
    expect(outside.cellTag, `left of the lane column: ${outside.what}`).toBeNull();
    // The same at the corner: just right of it is a stage header, never a card scrolled under it.
    const besideCorner = await hitAt(page, corner.x + corner.width + 1, corner.y + corner.height / 2);
    expect(besideCorner, `just right of the corner: ${besideCorner.what}`).toMatchObject({ cellTag: 'th', rowIndex: 0 });

    // Scrolled down inside the box, the stage headers stay at its top, above the cards.
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    const claims = await box(page.getByRole('columnheader', { name: /Claims/ }));
    expect(Math.abs(claims.y - inner.top)).toBeLessThanOrEqual(0.5);
    expect(await box(title)).toEqual(titleBefore);
    const underHeader = await hitAt(page, claims.x + claims.width / 2, claims.y + claims.height - 2);
    expect(underHeader, `at the bottom of a stage header: ${underHeader.what}`).toMatchObject({ cellTag: 'th', rowIndex: 0 });
  });
}

test('the owners lane shows each owner, or a dash, on one line with its edit button', async ({ page, host }) => {
  const mapId = await openWideTable(page, host);
  const doc = await host.call('maps.get', { id: mapId });
  await host.call('stages.update', { id: doc.stages[1]?.id ?? '', owner: 'Pricing team' });
  const owned = page.getByRole('button', { name: 'Set owner of Consideration' });
  const unowned = page.getByRole('button', { name: 'Set owner of Awareness' });
  await expect(page.getByRole('row', { name: /Owners/ })).toContainText('Pricing team');
  for (const [button, text] of [
    [owned, 'Pricing team'],
    [unowned, '—'],
  ] as const) {
    const cell = page.getByRole('cell').filter({ has: button });
    const label = cell.getByText(text, { exact: true });
    const [b, l] = [await box(button), await box(label)];
    // Side by side, centred on the same line: the button right of the text, not below it.
    expect(b.x).toBeGreaterThanOrEqual(l.x + l.width);
    expect(Math.abs(b.y + b.height / 2 - (l.y + l.height / 2))).toBeLessThanOrEqual(2);
  }
});

test('an empty cell offers "+ Add card" on hover and on focus, named for its lane and stage', async ({ page, host }) => {
  const mapId = await openWideTable(page, host);
  const add = page.getByRole('button', { name: 'Add card to Pain points in Claims' });
  await expect(add).toHaveText('+ Add card');
  const opacity = () => add.evaluate((el) => Number(getComputedStyle(el).opacity));
  const cell = page.getByRole('cell').filter({ has: add });
  // Quiet until the pointer is over the cell or the keyboard reaches the button…
  await page.mouse.move(0, 0);
  await expect.poll(opacity).toBeLessThan(0.5);
  await cell.hover();
  await expect.poll(opacity).toBe(1);
  await page.mouse.move(0, 0);
  await expect.poll(opacity).toBeLessThan(0.5);
  await add.focus();
  await expect.poll(opacity).toBe(1);
  // …and it adds a card there.
  await page.keyboard.press('Enter');
  await page.getByRole('textbox', { name: 'New card in Pain points, Claims' }).fill('No one calls back');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Pain points in Claims' })).toContainText('No one calls back');
  const doc = await host.call('maps.get', { id: mapId });
  const claims = doc.stages.find((s) => s.name === 'Claims');
  const pains = doc.lanes.find((l) => l.title === 'Pain points');
  expect(doc.cards.map((c) => [c.laneId, c.stageId, c.text])).toEqual([[pains?.id, claims?.id, 'No one calls back']]);
});

test("a lane's subtitle names its kind only when the title does not already say it", async ({ page, host }) => {
  const mapId = await openWideTable(page, host);
  await host.call('lanes.create', { mapId, kind: 'backstage', title: 'Support processes' });
  const subtitle = (title: string) => page.getByRole('rowheader', { name: new RegExp(`^${title}`) }).locator('.header-sub');
  await expect(page.getByRole('rowheader', { name: /Support processes/ })).toBeVisible();
  await expect(subtitle('Support processes')).toHaveText('Backstage');
  for (const title of ['Pain points', 'Touchpoints', 'Opportunities', 'Owners', 'Emotion', 'Customer actions', 'Thoughts']) {
    await expect(subtitle(title), title).toHaveCount(0);
  }
});
