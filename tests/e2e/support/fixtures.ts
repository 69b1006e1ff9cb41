import { test as base } from '@playwright/test';
import { startHost, type Host } from './host.ts';

/** `host`: a browser host on a fresh empty workspace; `sampleHost`: one that starts with the sample map. */
export const test = base.extend<{ host: Host; sampleHost: Host }>({
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
});

export { expect } from '@playwright/test';
