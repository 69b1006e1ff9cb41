import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW, fitToDisplays, loadWindowState, parseWindowState, saveWindowState } from '../../../electron/main/windowState.ts';

const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];

describe('remembered window size and position', () => {
  it('reads back what it saved', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-window-'));
    const file = path.join(dir, 'window-state.json');
    saveWindowState(file, { x: 100, y: 80, width: 1300, height: 850, maximized: true });
    expect(loadWindowState(file, screen)).toEqual({ x: 100, y: 80, width: 1300, height: 850, maximized: true });
    expect(fs.readdirSync(dir)).toEqual(['window-state.json']); // written whole, no partial file left
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ignores garbage, impossible sizes and a missing file', () => {
    for (const text of ['', 'not json', 'null', '[]', '{"width": "wide"}', '{"width": 300, "height": 200}', '{"width": 1e9, "height": 900}', '{"width": 1200.5, "height": 900}']) {
      expect(parseWindowState(text)).toEqual(DEFAULT_WINDOW);
    }
    expect(parseWindowState('{"width": 1200, "height": 900, "x": "left"}')).toEqual({ width: 1200, height: 900, maximized: false });
    expect(loadWindowState('/no/such/file.json', screen)).toEqual(DEFAULT_WINDOW);
  });

  it('brings a window back onto a display that exists (a monitor was unplugged)', () => {
    const offscreen = { x: 3000, y: 200, width: 1200, height: 800, maximized: false };
    expect(fitToDisplays(offscreen, screen)).toEqual({ width: 1200, height: 800, maximized: false });
    const twoScreens = [...screen, { x: 1920, y: 0, width: 2560, height: 1440 }];
    expect(fitToDisplays(offscreen, twoScreens)).toEqual(offscreen);
    expect(fitToDisplays({ x: 100, y: -500, width: 1200, height: 800, maximized: false }, screen)).toEqual({ width: 1200, height: 800, maximized: false });
  });
});
