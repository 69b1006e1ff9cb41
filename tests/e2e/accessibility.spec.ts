/**
 * Accessibility as a test: axe-core on every screen and dialog, with no serious or critical violation. The
 * canvas itself is a labelled application region, described by its live region and driven by keys.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { geometry, stageHeaderCenter } from './support/canvas.ts';
import { expect, test } from './support/fixtures.ts';

async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact ?? ''}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

test('the map list, the canvas screen and the table view have no serious violations', async ({ page, sampleHost }) => {
  await page.goto(sampleHost.url);
  await expect.poll(async () => Object.keys((await geometry(page)).cards).length).toBeGreaterThan(10);
  expect(await seriousViolations(page)).toEqual([]);

  // With a selection, the inspector is on screen too.
  const g = await geometry(page);
  const first = g.stages[0];
  if (!first) throw new Error('no stage');
  const header = stageHeaderCenter(g, first.id);
  await page.mouse.click(header.x, header.y);
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Table' }).click();
  await expect(page.getByRole('table')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('every dialog and the context menu have no serious violations', async ({ page, sampleHost }) => {
  await page.goto(sampleHost.url);
  await expect.poll(async () => Object.keys((await geometry(page)).cards).length).toBeGreaterThan(10);

  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  expect(await seriousViolations(page, 'dialog')).toEqual([]);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Backups' }).click();
  const backups = page.getByRole('dialog', { name: /Backups/ });
  await expect(backups).toBeVisible();
  await backups.getByRole('button', { name: 'Back up now' }).click();
  await expect(backups.getByRole('table')).toBeVisible();
  expect(await seriousViolations(page, 'dialog')).toEqual([]);
  await backups.getByRole('button', { name: /Restore/ }).first().click();
  await expect(page.getByRole('dialog', { name: /Restore/ }).last()).toBeVisible();
  expect(await seriousViolations(page, 'dialog')).toEqual([]);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  const [summary] = await sampleHost.call('maps.list', {});
  await page.getByRole('button', { name: `Delete map ${summary?.title ?? ''}` }).click();
  await expect(page.getByRole('dialog', { name: /Delete/ })).toBeVisible();
  expect(await seriousViolations(page, 'dialog')).toEqual([]);
  await page.getByRole('button', { name: 'Cancel' }).click();

  // The canvas: a labelled application that describes its selection, with a context menu from the keyboard.
  const canvas = page.getByRole('application', { name: /Journey map canvas/ });
  await canvas.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('#canvas-selection')).toHaveText(/^(Cell|Card|Emotion)/);
  await page.keyboard.press('Shift+F10');
  await expect(page.getByRole('menu')).toBeVisible();
  expect(await seriousViolations(page, '.context-menu')).toEqual([]);
});
