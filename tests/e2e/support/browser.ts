/**
 * Which Chromium the tests drive: $WAYMARK_CHROMIUM (or $CHROMIUM_PATH), then Debian's /usr/bin/chromium,
 * then Playwright's own download. Fails with a message that says how to get one.
 */
import fs from 'node:fs';
import { chromium } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const candidates: [string, string | undefined][] = [
    ['$WAYMARK_CHROMIUM', env.WAYMARK_CHROMIUM],
    ['$CHROMIUM_PATH', env.CHROMIUM_PATH],
    ["Debian's chromium", '/usr/bin/chromium'],
    ["Playwright's chromium", safeExecutablePath()],
  ];
  for (const [, file] of candidates) if (file && fs.existsSync(file)) return file;
  throw new Error(
    `No Chromium found for the end-to-end tests. Looked at: ${candidates.map(([what, file]) => `${what} (${file ?? 'unset'})`).join(', ')}. ` +
      'Install one (Debian: apt-get install -y chromium) or point WAYMARK_CHROMIUM at a Chromium binary.',
  );
}

function safeExecutablePath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}
