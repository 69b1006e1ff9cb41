/**
 * The tile plan of a PNG export (pure): from the region to draw (scene units: map units for the whole map or
 * a selection, screen pixels for the current view) and the scale, the output's size and the tiles it is drawn
 * in, row by row, left to right.
 *
 * Chromium's canvas draws nothing at all past about 16,384 px a side or 268 M pixels in area, silently. So
 * no tile is bigger than a safe part of that, and a row of tiles holds at most `rowBytes` of RGBA, since its
 * scanlines are encoded only once every tile of the row is drawn. Tile edges fall on whole scene units, so a
 * tile's canvas is exactly its width × scale pixels at every scale (a fraction would lose a column).
 *
 * The output itself is refused, before anything is drawn, past `maxSide` pixels a side (PNG allows 2^31 − 1,
 * but common viewers and image libraries stop at 32,767) or `maxPixels` in area (the time and the file a
 * person would wait for), with the largest scale that fits.
 */

export const PNG_LIMITS = {
  /** The longest side of an exported image, in pixels. */
  maxSide: 32_767,
  /** The most pixels in one exported image. */
  maxPixels: 1_000_000_000,
  /** The longest side of one tile's canvas: half of Chromium's 16,384. */
  tileSide: 8_192,
  /** The most pixels in one tile's canvas (Konva draws each layer on a canvas of this size too). */
  tilePixels: 4_096 * 4_096,
  /** The most RGBA bytes of one row of tiles, held while its scanlines are encoded. */
  rowBytes: 64 * 1024 * 1024,
} as const;

export type PngLimits = { readonly [K in keyof typeof PNG_LIMITS]: number };

export const PNG_SCALES = [1, 2, 3] as const;
export type PngScale = (typeof PNG_SCALES)[number];

/** A rectangle in scene units. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Tile {
  /** Place in drawing order (row-major). */
  index: number;
  row: number;
  column: number;
  /** Where it goes in the output, in pixels. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** What it shows, in scene units: exactly its pixels divided by the scale. */
  source: Region;
}

export interface TileRow {
  index: number;
  /** Its first scanline and how many it holds. */
  y: number;
  height: number;
  tiles: readonly Tile[];
}

export interface TilePlan {
  /** Output size in pixels. */
  width: number;
  height: number;
  scale: PngScale;
  /** The region drawn, on whole scene units. */
  region: Region;
  rows: readonly TileRow[];
  /** How many tiles in all. */
  count: number;
}

export type Refusal = 'empty' | 'side' | 'pixels';

export type PlanResult =
  | { ok: true; plan: TilePlan }
  | {
      ok: false;
      reason: Refusal;
      /** The output size that was asked for, in pixels. */
      width: number;
      height: number;
      scale: PngScale;
      /** The largest scale at which the region fits, or null when not even 1× does. */
      largestScale: PngScale | null;
    };

/** The region widened to whole scene units (an edge inside a unit takes the whole unit). */
export function wholeUnits(region: Region): Region {
  const x = Math.floor(region.x);
  const y = Math.floor(region.y);
  return { x, y, width: Math.max(0, Math.ceil(region.x + region.width) - x), height: Math.max(0, Math.ceil(region.y + region.height) - y) };
}

/** The output's size in pixels at a scale. */
export function outputSize(region: Region, scale: PngScale): { width: number; height: number } {
  const r = wholeUnits(region);
  return { width: r.width * scale, height: r.height * scale };
}

function refusalAt(region: Region, scale: PngScale, limits: PngLimits): Refusal | null {
  const { width, height } = outputSize(region, scale);
  if (width < 1 || height < 1) return 'empty';
  if (width > limits.maxSide || height > limits.maxSide) return 'side';
  if (width * height > limits.maxPixels) return 'pixels';
  return null;
}

/** The largest of 1×, 2× and 3× at which the region can be exported; null when none can. */
export function largestScale(region: Region, limits: PngLimits = PNG_LIMITS): PngScale | null {
  for (let i = PNG_SCALES.length - 1; i >= 0; i--) {
    const scale = PNG_SCALES[i] ?? 1;
    if (refusalAt(region, scale, limits) === null) return scale;
  }
  return null;
}

/** Cut [0, total) into spans of `size`, the last one what is left. */
function spans(total: number, size: number): { start: number; size: number }[] {
  const out: { start: number; size: number }[] = [];
  for (let start = 0; start < total; start += size) out.push({ start, size: Math.min(size, total - start) });
  return out;
}

/** The plan for a region at a scale, or why it cannot be exported (and the largest scale that can). */
export function planTiles(region: Region, scale: PngScale, limits: PngLimits = PNG_LIMITS): PlanResult {
  const r = wholeUnits(region);
  const refused = refusalAt(r, scale, limits);
  const { width, height } = outputSize(r, scale);
  if (refused !== null) return { ok: false, reason: refused, width, height, scale, largestScale: largestScale(r, limits) };

  // Columns: as few as the tile side allows (a narrow image is drawn in strips of its full width).
  const sideUnits = Math.max(1, Math.floor(limits.tileSide / scale));
  // As many columns as the side needs, all as wide as the first but the last.
  const columnUnits = Math.ceil(r.width / Math.ceil(r.width / sideUnits));
  const columns = spans(r.width, columnUnits);
  // Rows: as tall as the tile side, the tile's area and the row's share of memory allow, at least one unit.
  const rowUnits = Math.max(
    1,
    Math.min(sideUnits, Math.floor(limits.tilePixels / (columnUnits * scale * scale)), Math.floor(limits.rowBytes / (width * 4 * scale))),
  );
  const rows: TileRow[] = [];
  let index = 0;
  for (let top = 0, row = 0; top < r.height; top += rowUnits, row++) {
    const rowHeight = Math.min(rowUnits, r.height - top);
    const tiles = columns.map((c, column): Tile => ({
      index: index++,
      row,
      column,
      x: c.start * scale,
      y: top * scale,
      width: c.size * scale,
      height: rowHeight * scale,
      source: { x: r.x + c.start, y: r.y + top, width: c.size, height: rowHeight },
    }));
    rows.push({ index: row, y: top * scale, height: rowHeight * scale, tiles });
  }
  return { ok: true, plan: { width, height, scale, region: r, rows, count: index } };
}

const grouped = (n: number): string => Math.round(n).toLocaleString('en-US');

/** What the dialog says, before starting, when a plan is refused. */
export function refusalMessage(result: Extract<PlanResult, { ok: false }>, what = 'This map', limits: PngLimits = PNG_LIMITS): string {
  if (result.reason === 'empty') return 'There is nothing to draw: the picture would be empty.';
  const size = `${grouped(result.width)} × ${grouped(result.height)} pixels`;
  const limit =
    result.reason === 'side'
      ? `more than the ${grouped(limits.maxSide)} pixels a side that image viewers open`
      : `${grouped((result.width * result.height) / 1e6)} million pixels, more than the ${grouped(limits.maxPixels / 1e6)} million an export may have`;
  const instead = result.largestScale === null ? 'Export the selection or the current view instead.' : `Export it at ${result.largestScale}× instead.`;
  return `${what} at ${result.scale}× would be ${size}, ${limit}. ${instead}`;
}
