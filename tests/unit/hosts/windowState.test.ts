/** The desktop window's remembered size and position (userData/window-state.json). */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW, fitToDisplays, loadWindowState, parseWindowState, saveWindowState } from '../../../electron/main/windowState.ts';
import { removeTempDirs, tempDir } from './helpers.ts';

const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
afterEach(removeTempDirs);

describe('remembered window size and position', () => {
  it('reads back what it saved, written whole', () => {
    const dir = tempDir('waymark-window-');
    const file = path.join(dir, 'window-state.json');
    saveWindowState(file, { x: 100, y: 80, width: 1300, height: 850, maximized: true });
    expect(loadWindowState(file, screen)).toEqual({ x: 100, y: 80, width: 1300, height: 850, maximized: true });
    expect(fs.readdirSync(dir)).toEqual(['window-state.json']); // no partial file left
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ format: 1 });
  });

  it('reads files without a format version as the first format, and ignores a newer format', () => {
    expect(parseWindowState('{"width": 1200, "height": 900}')).toEqual({ width: 1200, height: 900, maximized: false });
    expect(parseWindowState('{"format": 1, "width": 1200, "height": 900}')).toEqual({ width: 1200, height: 900, maximized: false });
    expect(parseWindowState('{"format": 2, "width": 1200, "height": 900}')).toEqual(DEFAULT_WINDOW);
  });

  it('ignores garbage, impossible sizes and a missing file', () => {
    const garbage = ['', 'not json', 'null', '[]', '[1200, 900]', '"1200x900"', '{"width": "wide"}', '{"width": 300, "height": 200}', '{"width": 1e9, "height": 900}', '{"width": 1200.5, "height": 900}', '{"width": 1200}'];
    for (const text of garbage) expect(parseWindowState(text), text).toEqual(DEFAULT_WINDOW);
    expect(parseWindowState('{"width": 1200, "height": 900, "x": "left", "y": 3}')).toEqual({ width: 1200, height: 900, maximized: false });
    expect(parseWindowState('{"width": 1200, "height": 900, "maximized": "yes"}')).toEqual({ width: 1200, height: 900, maximized: false });
    expect(loadWindowState('/no/such/file.json', screen)).toEqual(DEFAULT_WINDOW);
    const dir = tempDir('waymark-window-');
    fs.writeFileSync(path.join(dir, 'window-state.json'), '\u0000\u0001garbage');
    expect(loadWindowState(path.join(dir, 'window-state.json'), screen)).toEqual(DEFAULT_WINDOW);
    expect(Object.isFrozen(DEFAULT_WINDOW)).toBe(true);
  });

  it('brings a window back onto a display that exists (a monitor was unplugged)', () => {
    const offscreen = { x: 3000, y: 200, width: 1200, height: 800, maximized: false };
    expect(fitToDisplays(offscreen, screen)).toEqual({ width: 1200, height: 800, maximized: false });
    const twoScreens = [...screen, { x: 1920, y: 0, width: 2560, height: 1440 }];
    expect(fitToDisplays(offscreen, twoScreens)).toEqual(offscreen);
    // The title bar above the top of the screen cannot be grabbed: centre the window instead.
    expect(fitToDisplays({ x: 100, y: -500, width: 1200, height: 800, maximized: false }, screen)).toEqual({ width: 1200, height: 800, maximized: false });
    // A screen to the left, at negative coordinates, is a real place.
    const leftScreen = [...screen, { x: -1280, y: 0, width: 1280, height: 1024 }];
    expect(fitToDisplays({ x: -1200, y: 10, width: 1000, height: 700, maximized: false }, leftScreen)).toEqual({ x: -1200, y: 10, width: 1000, height: 700, maximized: false });
  });

  it('shrinks a window larger than any display now attached, but never below the minimum', () => {
    const laptop = [{ x: 0, y: 0, width: 1366, height: 728 }];
    expect(fitToDisplays({ x: 0, y: 0, width: 2400, height: 1300, maximized: false }, laptop)).toEqual({ x: 0, y: 0, width: 1366, height: 728, maximized: false });
    expect(loadWindowState('/no/such/file.json', laptop)).toEqual({ width: 1366, height: 728, maximized: false });
    const tiny = [{ x: 0, y: 0, width: 640, height: 480 }];
    expect(fitToDisplays(DEFAULT_WINDOW, tiny)).toEqual({ width: 800, height: 560, maximized: false });
    expect(fitToDisplays(DEFAULT_WINDOW, [])).toEqual(DEFAULT_WINDOW);
  });
});
