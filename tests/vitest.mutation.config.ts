/**
 * The unit tests that hold the engine and the renderer's pure logic to their behaviour, as StrykerJS runs
 * them for each mutant (npm run test:mutation). Suites that need other processes, mounts or a browser stay
 * out. The engine's worker thread runs unmutated code; its tests still hold the host side (RemoteSession) and
 * the session's ordering to their behaviour.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['tests/unit/core/**/*.test.ts', 'tests/unit/renderer/**/*.test.ts', 'tests/unit/properties/model.test.ts'],
    environment: 'node',
    pool: 'threads',
    testTimeout: 30_000,
  },
});
