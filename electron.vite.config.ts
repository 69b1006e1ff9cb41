import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { DEV_META_CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from './electron/api/csp.ts';

/** The page's CSP meta tag, from the one copy of the policy (the dev server's allows Vite's inline scripts). */
const contentSecurityPolicy = (): Plugin => ({
  name: 'waymark-content-security-policy',
  transformIndexHtml: (html, ctx) => html.replace('%WAYMARK_CSP%', ctx.server ? DEV_META_CONTENT_SECURITY_POLICY : META_CONTENT_SECURITY_POLICY),
});

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The main process, and the workspace engine it starts in a utility process.
      rollupOptions: { input: { index: resolve(root, 'electron/main/index.ts'), engine: resolve(root, 'electron/main/engine.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require nothing but 'electron': bundle everything else into it.
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        // A sandboxed preload cannot be an ES module.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), contentSecurityPolicy()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
