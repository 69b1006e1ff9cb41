/**
 * Screenshots of the backups dialog, for the README and for judging the layout:
 *   npm run build && node tests/tools/screenshot-backups.ts
 * It makes a workspace with the sample map, opens it a second time (a backup "when opened"), takes one by hand,
 * renames the map and restores the backup taken by hand (a backup "before restore"), then writes
 * resources/screenshots/backups-dialog.png (1440×900, after the restore) and backups-dialog-1024.png
 * (1024×768, asking whether to restore).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import type { OperationInput, OperationName, OperationResult } from '../../electron/api/contract.ts';
import { CHROMIUM_ARGS, findChromium } from '../e2e/support/browser.ts';
import { spawnHost } from '../e2e/support/host.ts';

const shots = path.resolve(import.meta.dirname, '../../resources/screenshots');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-shot-'));
const workspace = path.join(dir, 'workspace.waymark');
const token = randomBytes(24).toString('base64url');

async function stop(child: import('node:child_process').ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

// First run: the sample workspace is made. Second run: it is opened again, which backs it up.
await stop((await spawnHost({ workspace, token, sample: true })).child);
const { child, url, origin } = await spawnHost({ workspace, token });
const call = async <K extends OperationName>(name: K, input: OperationInput<K>): Promise<OperationResult<K>> => {
  const res = await fetch(`${origin}/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
  const body = (await res.json()) as { result?: OperationResult<K>; error?: { message: string } };
  if (!res.ok || body.result === undefined) throw new Error(`${name} failed: ${body.error?.message ?? res.status}`);
  return body.result;
};

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
async function openDialog(width: number, height: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
  await page.addInitScript(() => localStorage.setItem('waymark.view', 'canvas'));
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('waymark:canvas-frame').length > 0);
  await page.getByRole('banner').getByRole('button', { name: 'Backups' }).click();
  await page.getByRole('dialog', { name: 'Backups' }).getByRole('table').waitFor();
  return page;
}
try {
  const [map] = await call('maps.list', {});
  const byHand = await call('workspace.backup', {});
  await call('maps.update', { id: map?.id ?? '', title: 'First online grocery order (draft 2)' });

  const wide = await openDialog(1440, 900);
  const dialog = wide.getByRole('dialog', { name: 'Backups' });
  await dialog.getByRole('row').filter({ hasText: 'taken by hand' }).getByRole('button', { name: /^Restore the backup of/ }).click();
  await wide.getByRole('dialog', { name: 'Restore this backup?' }).getByRole('button', { name: 'Restore' }).click();
  await dialog.getByRole('status').getByText('Restored the backup of').waitFor();
  await wide.waitForTimeout(300);
  fs.mkdirSync(shots, { recursive: true });
  await wide.screenshot({ path: path.join(shots, 'backups-dialog.png') });

  const narrow = await openDialog(1024, 768);
  await narrow.getByRole('button', { name: new RegExp(`^Restore the backup of .*\\(when opened\\)$`) }).click();
  await narrow.getByRole('dialog', { name: 'Restore this backup?' }).waitFor();
  await narrow.waitForTimeout(300);
  await narrow.screenshot({ path: path.join(shots, 'backups-dialog-1024.png') });
  console.log(`wrote resources/screenshots/backups-dialog.png and backups-dialog-1024.png (restored ${byHand.id})`);
} finally {
  await browser.close();
  await stop(child);
  fs.rmSync(dir, { recursive: true, force: true });
}
