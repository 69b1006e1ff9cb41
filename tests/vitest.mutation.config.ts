/**
 * The unit tests that hold the engine and the renderer's pure logic to their behaviour, as StrykerJS runs
 * them for each mutant (npm run test:mutation). Suites that need other processes, mounts or a browser stay
 * out: a mutant in a worker thread or a child process would run unmutated and only cost time.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['tests/unit/core/**/*.test.ts', 'tests/unit/renderer/**/*.test.ts', 'tests/unit/properties/model.test.ts', 'tests/unit/io/**/*.test.ts'],
    // engine.test.ts drives a real worker thread: the worker runs unmutated code, and a mutant that stops a
    // reply makes its tests wait out their timeout (tens of seconds each), so it stays out; `npm test` runs it.
    // The protocol itself is held here by engineProtocol.test.ts (both ends in this thread, two-second waits).
    exclude: ['tests/unit/core/engine.test.ts'],
    environment: 'node',
    pool: 'threads',
    testTimeout: 30_000,
  },
});
