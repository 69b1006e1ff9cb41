// Loaded with `node --import`: Electronegativity downloads translations with `got`, which crashes offline
// (a retry after a time-out throws from a timer). Give it a `got` that fails at once; it then uses its
// bundled English texts.
import { registerHooks } from 'node:module';

const OFFLINE = 'data:text/javascript,offline-got';

registerHooks({
  resolve: (specifier, context, nextResolve) => (specifier === 'got' ? { url: OFFLINE, format: 'commonjs', shortCircuit: true } : nextResolve(specifier, context)),
  load: (url, context, nextLoad) =>
    url === OFFLINE
      ? { format: 'commonjs', source: 'module.exports = () => Promise.reject(new Error("offline"));', shortCircuit: true }
      : nextLoad(url, context),
});
