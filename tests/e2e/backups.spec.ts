import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import type { Host } from './support/host.ts';

/** A map made through the contract, the page open on it, and the backups dialog opened from the top bar. */
async function openBackups(page: Page, host: Host, title: string): Promise<{ mapId: string; dialog: Locator }> {
  const created = await host.call('maps.create', { title, template: 'purchase-journey' });
  const mapId = created.maps[0]?.id ?? '';
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.getByRole('banner').getByRole('button', { name: 'Backups' }).click();
  const dialog = page.getByRole('dialog', { name: 'Backups' });
  await expect(dialog).toBeVisible();
  return { mapId, dialog };
}

const rows = (dialog: Locator) => dialog.getByRole('table').getByRole('row').filter({ has: dialog.page().getByRole('cell') });
const backupsDir = (host: Host) => `${host.workspace}.backups`;

test('back up now, change the map, restore the earlier backup after confirming: the workspace and the page are as they were', async ({ page, host }) => {
  const { mapId, dialog } = await openBackups(page, host, 'Renewing home insurance');
  // A workspace made just now has nothing to go back to yet.
  await expect(dialog).toContainText('There are no backups of this workspace yet.');

  await dialog.getByRole('button', { name: 'Back up now' }).click();
  await expect(dialog.getByRole('status')).toContainText('Backed up:');
  const table = dialog.getByRole('table', { name: 'Backups of this workspace, newest first' });
  for (const header of ['When', 'Why', 'Size']) await expect(table.getByRole('columnheader', { name: header })).toBeVisible();
  await expect(rows(dialog)).toHaveCount(1);
  const byHand = rows(dialog).first();
  await expect(byHand).toContainText('taken by hand');
  await expect(byHand).toContainText('just now');
  await expect(byHand.getByRole('cell').nth(2)).toHaveText(/^\d+(\.\d)? kB$/);
  const [manual] = await host.call('workspace.backups', {});
  expect(manual?.reason).toBe('manual');

  // Someone changes the map meanwhile; the page follows.
  await host.call('maps.update', { id: mapId, title: 'Renamed after the backup' });
  await host.call('stages.create', { mapId, name: 'Renewal' });
  await expect(page.getByRole('heading', { level: 1, name: 'Renamed after the backup' })).toBeVisible();

  await byHand.getByRole('button', { name: /^Restore the backup of .*\(taken by hand\)$/ }).click();
  const confirm = page.getByRole('dialog', { name: 'Restore this backup?' });
  await expect(confirm).toContainText('current state is backed up first');
  await expect(confirm).toContainText('Every open window reloads');
  await confirm.getByRole('button', { name: 'Restore' }).click();
  await expect(confirm).toBeHidden();
  await expect(dialog.getByRole('status')).toContainText('Restored the backup of');

  // The workspace holds the old content, and the open map reloaded from it.
  const [summary] = await host.call('maps.list', {});
  expect(summary?.title).toBe('Renewing home insurance');
  const doc = await host.call('maps.get', { id: mapId });
  expect(doc.stages.map((s) => s.name)).not.toContain('Renewal');
  await expect(page.getByRole('heading', { level: 1, name: 'Renewing home insurance' })).toBeVisible();
  const maps = page.getByRole('navigation', { name: 'Maps' });
  await expect(maps.getByRole('button', { name: 'Rename map Renewing home insurance' })).toBeVisible();
  await expect(maps.getByText('Renamed after the backup')).toHaveCount(0);

  // The state before the restore is the newest backup, so the restore itself can be undone.
  await expect(rows(dialog)).toHaveCount(2);
  await expect(rows(dialog).first()).toContainText('before restore');
  const reasons = (await host.call('workspace.backups', {})).map((b) => b.reason);
  expect(reasons).toEqual(['before-restore', 'manual']);

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('a restore that cannot be done says why and changes nothing; cancelling the question changes nothing either', async ({ page, host }) => {
  const taken = await host.call('workspace.backup', {});
  const { mapId, dialog } = await openBackups(page, host, 'Opening a bank account');
  await host.call('maps.update', { id: mapId, title: 'Changed since' });
  await expect(page.getByRole('heading', { level: 1, name: 'Changed since' })).toBeVisible();

  const row = rows(dialog).filter({ hasText: 'taken by hand' });
  // Cancel: the question goes away, nothing is restored.
  await row.getByRole('button', { name: /^Restore the backup of/ }).click();
  const confirm = page.getByRole('dialog', { name: 'Restore this backup?' });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(dialog).toBeVisible();

  // The backup's file goes away meanwhile (deleted by hand, pruned by another window).
  fs.rmSync(path.join(backupsDir(host), taken.id));
  await row.getByRole('button', { name: /^Restore the backup of/ }).click();
  await confirm.getByRole('button', { name: 'Restore' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'Not restored' })).toContainText(`There is no backup called "${taken.id}"`);
  await expect(dialog.getByRole('status')).toHaveText('');

  // Nothing changed: the same title, no safety backup, and the list no longer offers the missing backup.
  const [summary] = await host.call('maps.list', {});
  expect(summary?.title).toBe('Changed since');
  expect(await host.call('workspace.backups', {})).toEqual([]);
  await expect(page.getByRole('heading', { level: 1, name: 'Changed since' })).toBeVisible();
  await expect(dialog).toContainText('There are no backups of this workspace yet.');
});

test('the dialog says when the last automatic backup did not work, and a failed backup in words', async ({ page, host }) => {
  // The workspace's own refusals are covered in core's tests; here the page is handed them as a host sends them.
  await page.route('**/api/workspace.info', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { result: Record<string, unknown> };
    await route.fulfill({ response, json: { result: { ...body.result, backupProblem: 'the disk is full' } } });
  });
  await page.route('**/api/workspace.backup', (route) =>
    route.fulfill({
      status: 409,
      json: { error: { code: 'Conflict', message: 'The backup could not be written (the disk is full). Your workspace is unchanged and every edit is saved.' } },
    }),
  );
  const { dialog } = await openBackups(page, host, 'Moving house');
  await expect(dialog.getByRole('alert').filter({ hasText: 'last automatic backup did not work' })).toContainText('the disk is full');

  await dialog.getByRole('button', { name: 'Back up now' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'could not be written' })).toContainText('every edit is saved');
  await expect(dialog.getByRole('button', { name: 'Back up now' })).toBeEnabled();
  await expect(dialog).toContainText('There are no backups of this workspace yet.');
});

test('restoring a backup from before the open map existed opens a map the backup has, not the one that is gone', async ({ page, host }) => {
  await host.call('maps.create', { title: 'Older map', template: 'blank' });
  const taken = await host.call('workspace.backup', {});
  await host.call('maps.create', { title: 'Newer map', template: 'blank' });
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Maps' }).getByRole('button', { name: /^Newer map/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Newer map' })).toBeVisible();

  await page.getByRole('banner').getByRole('button', { name: 'Backups' }).click();
  const dialog = page.getByRole('dialog', { name: 'Backups' });
  await rows(dialog).filter({ hasText: 'taken by hand' }).getByRole('button', { name: /^Restore the backup of/ }).click();
  await page.getByRole('dialog', { name: 'Restore this backup?' }).getByRole('button', { name: 'Restore' }).click();
  await expect(dialog.getByRole('status')).toContainText('Restored the backup of');
  await dialog.getByRole('button', { name: 'Close' }).click();

  expect((await host.call('maps.list', {})).map((m) => m.title)).toEqual(['Older map']);
  await expect(page.getByRole('heading', { level: 1, name: 'Older map' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Newer map' })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Maps' })).not.toContainText('Newer map');
  expect(taken.reason).toBe('manual');
});

test('download a copy of the workspace from the Backups dialog: a whole workspace that opens with what the page showed', async ({ page, host }) => {
  const { dialog } = await openBackups(page, host, 'Kept in the copy');
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download a copy of the workspace' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${path.basename(host.workspace, '.waymark')} copy.waymark`);
  await expect(dialog.getByRole('status')).toContainText(`Saved a copy of the workspace as ${download.suggestedFilename()}.`);
  const saved = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(saved);
  expect(fs.readFileSync(saved).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');
  const { Workspace } = await import('../../electron/core/workspace.ts');
  const copy = Workspace.open(saved, { backupsDir: test.info().outputPath('copy-backups') });
  try {
    expect((await copy.call('maps.list', {})).map((m) => m.title)).toEqual(['Kept in the copy']);
  } finally {
    copy.close();
  }
});
