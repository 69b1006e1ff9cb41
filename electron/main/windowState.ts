/** The window's size and place, remembered between runs; anything odd in the file is ignored. */
import fs from 'node:fs';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW: WindowState = { width: 1440, height: 900, maximized: false };
const MIN = { width: 800, height: 560 };

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 100_000;

export function parseWindowState(text: string): WindowState {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return DEFAULT_WINDOW;
  }
  if (typeof data !== 'object' || data === null) return DEFAULT_WINDOW;
  const d = data as Record<string, unknown>;
  if (!isInt(d.width) || !isInt(d.height) || d.width < MIN.width || d.height < MIN.height) return DEFAULT_WINDOW;
  const state: WindowState = { width: d.width, height: d.height, maximized: d.maximized === true };
  if (isInt(d.x) && isInt(d.y)) {
    state.x = d.x;
    state.y = d.y;
  }
  return state;
}

/** Keep the window on a display that exists now (a monitor may have been unplugged). */
export function fitToDisplays(state: WindowState, workAreas: readonly Area[]): WindowState {
  if (state.x === undefined || state.y === undefined) return state;
  const { x, y } = state;
  const visible = workAreas.some((a) => x + 100 <= a.x + a.width && x + state.width - 100 >= a.x && y >= a.y && y + 40 <= a.y + a.height);
  if (visible) return state;
  return { width: state.width, height: state.height, maximized: state.maximized };
}

export function loadWindowState(file: string, workAreas: readonly Area[]): WindowState {
  try {
    return fitToDisplays(parseWindowState(fs.readFileSync(file, 'utf8')), workAreas);
  } catch {
    return DEFAULT_WINDOW;
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, JSON.stringify(state));
  fs.renameSync(partial, file);
}
