/**
 * A temporary route to the PNG export dialog for the end-to-end test and the benchmark, until the map
 * header's Export menu lists "PNG image…" (its action belongs to the table of actions, which the PNG export
 * does not edit). The app is built once more with Vite from pngRoute/ — renderer/src/main.tsx's start, plus
 * a button that opens PngExportDialog — and the page's own files are served from that build through
 * Playwright's routing; the API and the event stream stay the real browser host's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../../../electron/api/csp.ts';

const HARNESS = path.join(import.meta.dirname, 'pngRoute');
const ROUTE_BUTTON = 'PNG image… (test route)';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' };

let built: Promise<string> | null = null;

/** Build the route's app (once per process); the folder it was built into. */
export function buildPngRoute(): Promise<string> {
  built ??= (async () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-png-route-'));
    process.once('exit', () => fs.rmSync(outDir, { recursive: true, force: true }));
    await build({ root: HARNESS, configFile: false, logLevel: 'error', plugins: [react()], build: { outDir, emptyOutDir: true } });
    return outDir;
  })();
  return built;
}

/** Serve the route's app in place of the host's own files (pages and workers alike); the API is untouched. */
export async function routePng(target: Page | BrowserContext, origin: string, outDir: string): Promise<void> {
  await target.route(
    (url) => url.origin === origin && !url.pathname.startsWith('/api/') && !url.pathname.startsWith('/host/'),
    async (route) => {
      const pathname = new URL(route.request().url()).pathname;
      const file = path.join(outDir, pathname === '/' ? 'index.html' : pathname);
      if (!file.startsWith(outDir + path.sep) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
      await route.fulfill({
        status: 200,
        body: fs.readFileSync(file),
        contentType: TYPES[path.extname(file)] ?? 'application/octet-stream',
        headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
      });
    },
  );
}

/** Open the PNG dialog as a person would: from the Export menu where it lists PNG image…, else by the route's button. */
export async function openPngDialog(page: Page) {
  const menu = page.getByRole('button', { name: 'Export ▾' });
  await menu.click();
  const item = page.getByRole('menu', { name: 'Export this map' }).getByRole('menuitem', { name: 'PNG image…' });
  if ((await item.count()) > 0) await item.click();
  else {
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: ROUTE_BUTTON }).click();
  }
  const dialog = page.getByRole('dialog', { name: 'Export a PNG image' });
  await dialog.waitFor();
  return dialog;
}
