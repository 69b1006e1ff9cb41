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

export const DEFAULT_WINDOW: Readonly<WindowState> = Object.freeze({ width: 1440, height: 900, maximized: false });
export const MIN_WINDOW_SIZE = Object.freeze({ width: 800, height: 560 });
const MIN = MIN_WINDOW_SIZE;
const defaults = (): WindowState => ({ ...DEFAULT_WINDOW });

/**
 * Stored JSON carries its format version. Files of the first release have none and are read as format 1; a
 * newer format (a newer Waymark wrote it) is not guessed at: the defaults are used, and the file is rewritten
 * only when the window closes.
 */
export const WINDOW_STATE_FORMAT = 1;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 100_000;

export function parseWindowState(text: string): WindowState {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return defaults();
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return defaults();
  const d = data as Record<string, unknown>;
  if (d.format !== undefined && d.format !== WINDOW_STATE_FORMAT) return defaults();
  if (!isInt(d.width) || !isInt(d.height) || d.width < MIN.width || d.height < MIN.height) return defaults();
  const state: WindowState = { width: d.width, height: d.height, maximized: d.maximized === true };
  if (isInt(d.x) && isInt(d.y)) {
    state.x = d.x;
    state.y = d.y;
  }
  return state;
}

/**
 * Keep the window on a display that exists now (a monitor may have been unplugged, or the resolution
 * lowered): no larger than the largest work area, and its title bar on one of them; otherwise the saved
 * position is dropped and the window opens centred.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Area[]): WindowState {
  let largest: Area | null = null;
  for (const a of workAreas) if (!largest || a.width * a.height > largest.width * largest.height) largest = a;
  const width = largest ? Math.max(MIN.width, Math.min(state.width, largest.width)) : state.width;
  const height = largest ? Math.max(MIN.height, Math.min(state.height, largest.height)) : state.height;
  const sized: WindowState = { width, height, maximized: state.maximized };
  if (state.x === undefined || state.y === undefined) return sized;
  const { x, y } = state;
  // At least 100 px of the title bar's width, and its top edge, inside one work area.
  const visible = workAreas.some((a) => x + 100 <= a.x + a.width && x + width - 100 >= a.x && y >= a.y && y + 40 <= a.y + a.height);
  return visible ? { x, y, ...sized } : sized;
}

export function loadWindowState(file: string, workAreas: readonly Area[]): WindowState {
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    // first run, or unreadable: the default size
  }
  return fitToDisplays(parseWindowState(text), workAreas);
}

/** Written whole (a partial file, then renamed), so that a crash never leaves half a file behind. */
export function saveWindowState(file: string, state: WindowState): void {
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, JSON.stringify({ format: WINDOW_STATE_FORMAT, ...state }));
  fs.renameSync(partial, file);
}
