import { test as base, expect } from '@playwright/test';
import { startHost, type Host } from './host.ts';

/**
 * `host`: a browser host on a fresh empty workspace; `sampleHost`: one that starts with the sample map.
 * Every test also fails if the page logs an error or throws (a CSP violation included).
 */
export const test = base.extend<{ host: Host; sampleHost: Host; pageErrors: string[] }>({
  host: async ({}, use) => {
    const host = await startHost();
    await use(host);
    await host.stop();
  },
  sampleHost: async ({}, use) => {
    const host = await startHost({ sample: true });
    await use(host);
    await host.stop();
  },
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console: ${message.text()}`);
      });
      await use(errors);
      expect(errors, 'the page logged errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
