// `node --import ./register.ts out/main/index.js`: the built desktop host, with 'electron' replaced by the
// recording stand-in next to this file.
import { registerHooks } from 'node:module';

const standIn = new URL('./electron.ts', import.meta.url).href;

registerHooks({
  resolve: (specifier, context, nextResolve) => (specifier === 'electron' ? { url: standIn, shortCircuit: true } : nextResolve(specifier, context)),
});
