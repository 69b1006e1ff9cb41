/**
 * `node electron/preflight.ts`, which `npm start` and `npm run dev` run before electron-vite: one sentence and a
 * non-zero exit when there is no Electron binary to start, nothing at all when there is. Each case runs a copy of
 * the script in a folder laid out like a checkout (electron/preflight.ts beside node_modules/), so it finds that
 * folder's electron package, or none, the way it finds this checkout's.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from './helpers.ts';

const SCRIPT = path.resolve(import.meta.dirname, '../../../electron/preflight.ts');

afterEach(removeTempDirs);

/** A checkout with the script and, when asked, an electron package (with or without its binary). */
function checkout(electron: { pathTxt?: string; binary?: boolean } | null): string {
  const root = tempDir('waymark-preflight-');
  fs.mkdirSync(path.join(root, 'electron'));
  fs.copyFileSync(SCRIPT, path.join(root, 'electron', 'preflight.ts'));
  if (electron) {
    const pkg = path.join(root, 'node_modules', 'electron');
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1', main: 'index.js' }));
    fs.writeFileSync(path.join(pkg, 'install.js'), '');
    if (electron.pathTxt !== undefined) fs.writeFileSync(path.join(pkg, 'path.txt'), electron.pathTxt);
    if (electron.binary) {
      const binary = path.join(pkg, 'dist', electron.pathTxt ?? 'electron');
      fs.mkdirSync(path.dirname(binary), { recursive: true });
      fs.writeFileSync(binary, '');
    }
  }
  return root;
}

function preflight(root: string, env: Record<string, string> = {}) {
  const { ELECTRON_EXEC_PATH: _ignored, ...rest } = process.env;
  return spawnSync(process.execPath, ['electron/preflight.ts'], { cwd: root, encoding: 'utf8', env: { ...rest, ...env }, timeout: 20_000 });
}

/** One line on stderr, nothing on stdout, exit 1, and the way to the browser host named. */
function expectOneSentence(result: ReturnType<typeof preflight>): string {
  expect(result.status).toBe(1);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  const [line = ''] = lines;
  expect(line).toMatch(/^Waymark's desktop app cannot start: /);
  expect(line).toContain('`npm run web` to use the same app in a browser.');
  expect(line).not.toMatch(/\bat \S+ \(|Error:/); // no stack trace
  return line;
}

describe('npm start without Electron', () => {
  it('says that the binary is missing and how to download it when the package has never fetched it', () => {
    const line = expectOneSentence(preflight(checkout({})));
    expect(line).toContain('Electron is not installed here');
    expect(line).toContain('`node node_modules/electron/install.js`');
  });

  it('says the same when path.txt names a binary that is not there (a dist folder removed or half downloaded)', () => {
    const line = expectOneSentence(preflight(checkout({ pathTxt: 'electron' })));
    expect(line).toContain('`node node_modules/electron/install.js`');
  });

  it('says to install the dependencies when there is no electron package at all', () => {
    const line = expectOneSentence(preflight(checkout(null)));
    expect(line).toContain('there is no electron package in node_modules');
    expect(line).toContain('`npm ci`');
  });

  it('names an ELECTRON_EXEC_PATH that does not exist, and accepts one that does', () => {
    const root = checkout({});
    const missing = path.join(root, 'no-such-electron');
    expect(expectOneSentence(preflight(root, { ELECTRON_EXEC_PATH: missing }))).toContain(`ELECTRON_EXEC_PATH names ${missing}, which does not exist`);
    const present = path.join(root, 'my-electron');
    fs.writeFileSync(present, '');
    expect(preflight(root, { ELECTRON_EXEC_PATH: present })).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });

  it('stays silent and lets electron-vite go on when the binary is there', () => {
    expect(preflight(checkout({ pathTxt: 'electron', binary: true }))).toMatchObject({ status: 0, stdout: '', stderr: '' });
    // macOS names the binary inside an app bundle.
    expect(preflight(checkout({ pathTxt: 'Electron.app/Contents/MacOS/Electron', binary: true }))).toMatchObject({ status: 0, stderr: '' });
  });
});
