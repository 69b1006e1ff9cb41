import { test as base, expect } from '@playwright/test';
import { startHost, type Host } from './host.ts';

/**
 * `host`: a browser host on a fresh empty workspace; `sampleHost`: one that starts with the sample map.
 * Every test also fails if the page logs an error or throws (a CSP violation, a missing file), apart from
 * the browser's own note on API refusals, which the app reports to the person itself.
 */
export const test = base.extend<{ host: Host; sampleHost: Host; pageErrors: string[] }>({
  // The page is closed before its host stops: a page left open would see its event stream end and reconnect.
  host: async ({ page }, use) => {
    const host = await startHost();
    await use(host);
    await page.close();
    await host.stop();
  },
  sampleHost: async ({ page }, use) => {
    const host = await startHost({ sample: true });
    await use(host);
    await page.close();
    await host.stop();
  },
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        // The browser logs every 4xx answer; an API refusal is expected in some tests and the app shows it.
        if (message.text().startsWith('Failed to load resource') && message.location().url.includes('/api/')) return;
        errors.push(`console: ${message.text()} (${message.location().url})`);
      });
      await use(errors);
      expect(errors, 'the page logged errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
