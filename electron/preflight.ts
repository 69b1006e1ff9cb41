/**
 * Run before `npm start` and `npm run dev`: is there an Electron binary to start? The electron package downloads
 * its binary lazily (on first launch, or through its install.js), which a machine without internet access never
 * does; electron-vite then stops with a bare stack trace ("Error: Electron uninstall"). This says instead, in one
 * sentence, what is missing, how to get it and that `npm run web` serves the same app in a browser.
 *
 *   node electron/preflight.ts && electron-vite preview
 *
 * It finds Electron the way electron-vite does: $ELECTRON_EXEC_PATH if set, else the binary named by the
 * electron package's path.txt under its dist/ folder. Plain Node, no dependencies; exits 0 when all is there.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const BROWSER = 'or run `npm run web` to use the same app in a browser';

function problem(): string | null {
  const override = process.env.ELECTRON_EXEC_PATH;
  if (override) {
    if (fs.existsSync(override)) return null;
    return `Waymark's desktop app cannot start: ELECTRON_EXEC_PATH names ${override}, which does not exist; point it at an Electron binary or unset it, ${BROWSER}.`;
  }
  let dir: string;
  try {
    dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return `Waymark's desktop app cannot start: Electron is not installed here (there is no electron package in node_modules); run \`npm ci\` to install it, ${BROWSER}.`;
  }
  const pathFile = path.join(dir, 'path.txt');
  const name = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  if (name && fs.existsSync(path.join(dir, 'dist', name))) return null;
  const install = path.relative(process.cwd(), path.join(dir, 'install.js')) || path.join(dir, 'install.js');
  return (
    `Waymark's desktop app cannot start: Electron is not installed here (the electron package is, but not the binary it downloads on first use); ` +
    `download it with \`node ${install}\` (it needs access to github.com), ${BROWSER}.`
  );
}

const message = problem();
if (message) {
  console.error(message);
  process.exit(1);
}
