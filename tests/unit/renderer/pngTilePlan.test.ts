/**
 * The PNG tile plan: output sizes at 1×, 2× and 3× up to the stated maximum, tiles within Chromium's canvas
 * limits and the row's memory budget, edge tiles, exact coverage of the picture (no gap, no overlap, in
 * row-major order, each tile's pixels exactly its scene units × the scale), and the refusal — with the
 * largest scale that fits — of pictures past the maximum.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PNG_LIMITS, largestScale, outputSize, planTiles, refusalMessage, wholeUnits, type PlanResult, type PngLimits, type PngScale, type Region, type TilePlan } from '../../../renderer/src/exports/png/tilePlan.ts';

function planOf(region: Region, scale: PngScale, limits: PngLimits = PNG_LIMITS): TilePlan {
  const result = planTiles(region, scale, limits);
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.plan;
}

function refusalOf(region: Region, scale: PngScale, limits: PngLimits = PNG_LIMITS): Extract<PlanResult, { ok: false }> {
  const result = planTiles(region, scale, limits);
  if (result.ok) throw new Error('planned');
  return result;
}

/** Every pixel of the picture is in exactly one tile, and the tiles keep the limits and their order. */
function checkPlan(plan: TilePlan, limits: PngLimits = PNG_LIMITS): void {
  const { width, height, scale, region } = plan;
  let index = 0;
  let y = 0;
  let area = 0;
  plan.rows.forEach((row, r) => {
    expect(row.index).toBe(r);
    expect(row.y).toBe(y);
    let x = 0;
    row.tiles.forEach((tile, c) => {
      expect(tile.index).toBe(index++);
      expect([tile.row, tile.column]).toEqual([r, c]);
      expect([tile.x, tile.y, tile.height]).toEqual([x, y, row.height]);
      expect(tile.width).toBeGreaterThan(0);
      expect(tile.height).toBeGreaterThan(0);
      // Chromium's limits, with the plan's margin, and whole units.
      expect(Math.max(tile.width, tile.height)).toBeLessThanOrEqual(Math.max(limits.tileSide, scale));
      expect(tile.width * tile.height).toBeLessThanOrEqual(Math.max(limits.tilePixels, tile.width * scale));
      expect(tile.source).toEqual({ x: region.x + tile.x / scale, y: region.y + tile.y / scale, width: tile.width / scale, height: tile.height / scale });
      for (const v of Object.values(tile.source)) expect(Number.isInteger(v)).toBe(true);
      x += tile.width;
      area += tile.width * tile.height;
    });
    expect(x).toBe(width);
    // A row of tiles holds at most its memory budget (a one-unit row is the least there can be).
    if (row.height > scale) expect(width * row.height * 4).toBeLessThanOrEqual(limits.rowBytes);
    y += row.height;
  });
  expect(y).toBe(height);
  expect(area).toBe(width * height);
  expect(plan.count).toBe(index);
}

describe('PNG tile plan: sizes', () => {
  it('is the region in whole units times the scale', () => {
    expect(outputSize({ x: 0, y: -120, width: 1672, height: 1400 }, 2)).toEqual({ width: 3344, height: 2800 });
    expect(outputSize({ x: 0.5, y: 0.25, width: 10, height: 10 }, 3)).toEqual({ width: 33, height: 33 });
    expect(wholeUnits({ x: 0.5, y: -0.5, width: 10, height: 10.25 })).toEqual({ x: 0, y: -1, width: 11, height: 11 });
    expect(wholeUnits({ x: 3, y: 4, width: 0, height: -2 })).toEqual({ x: 3, y: 4, width: 0, height: 0 });
  });

  it('draws a small map in one tile, at each scale', () => {
    for (const scale of [1, 2, 3] as const) {
      const plan = planOf({ x: 0, y: -100, width: 1672, height: 900 }, scale);
      expect(plan.count).toBe(1);
      expect(plan.rows[0]?.tiles[0]).toMatchObject({ x: 0, y: 0, width: 1672 * scale, height: 900 * scale, source: { x: 0, y: -100, width: 1672, height: 900 } });
      checkPlan(plan);
    }
  });

  it('draws a narrow tall picture in strips of its full width, each within the memory of a row', () => {
    const plan = planOf({ x: 0, y: 0, width: 3000, height: 9000 }, 2);
    expect(plan.rows.every((r) => r.tiles.length === 1)).toBe(true);
    // 6,000 px wide: 4 bytes × 6,000 × rows ≤ 64 MiB and rows × 6,000 ≤ 16 M pixels → 2,796 rows, in whole units.
    expect(plan.rows[0]?.height).toBe(2796);
    expect(plan.rows.at(-1)?.height).toBe(18000 - 6 * 2796);
    checkPlan(plan);
  });

  it('cuts a picture wider than a tile into even columns, the last one narrower', () => {
    // 40 stages at 3×: 10,104 units = 30,312 px, more than 8,192 px a tile.
    const plan = planOf({ x: 0, y: -130, width: 10104, height: 8600 }, 3);
    const first = plan.rows[0];
    expect(first?.tiles.map((t) => t.width)).toEqual([7578, 7578, 7578, 7578]);
    // 64 MiB over 30,312 px × 4 bytes is 553 rows: 184 whole units at 3×.
    expect(first?.height).toBe(552);
    expect(plan.width).toBe(30312);
    expect(plan.height).toBe(25800);
    checkPlan(plan);
    const uneven = planOf({ x: 0, y: 0, width: 10001, height: 50 }, 3);
    expect(uneven.rows[0]?.tiles.map((t) => t.width)).toEqual([7503, 7503, 7503, 7494]);
    checkPlan(uneven);
  });

  it('keeps each tile within the tile area when tiles are square-ish', () => {
    const limits = { ...PNG_LIMITS, tileSide: 100, tilePixels: 2500, rowBytes: 1 << 30 };
    const plan = planOf({ x: 0, y: 0, width: 250, height: 130 }, 1, limits);
    expect(plan.rows[0]?.tiles.map((t) => [t.width, t.height])).toEqual([
      [84, 29],
      [84, 29],
      [82, 29],
    ]);
    expect(plan.rows.at(-1)?.height).toBe(130 - 4 * 29);
    checkPlan(plan, limits);
  });

  it('never makes a row less than one unit tall, however wide the picture', () => {
    const limits = { ...PNG_LIMITS, rowBytes: 100 };
    const plan = planOf({ x: 0, y: 0, width: 40, height: 3 }, 3, limits);
    expect(plan.rows.map((r) => r.height)).toEqual([3, 3, 3]);
    checkPlan(plan, limits);
  });

  it('covers every pixel exactly once, for any region and scale', () => {
    const limits = { ...PNG_LIMITS, tileSide: 64, tilePixels: 1500, rowBytes: 60_000 };
    fc.assert(
      fc.property(
        fc.integer({ min: -500, max: 500 }),
        fc.integer({ min: -500, max: 500 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 400 }),
        fc.constantFrom<PngScale>(1, 2, 3),
        (x, y, width, height, scale) => {
          const plan = planOf({ x, y, width, height }, scale, limits);
          expect([plan.width, plan.height]).toEqual([width * scale, height * scale]);
          checkPlan(plan, limits);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('plans the largest picture allowed, 32,767 pixels a side within a billion pixels', () => {
    const plan = planOf({ x: 0, y: 0, width: 32767, height: 30518 }, 1);
    expect([plan.width, plan.height]).toEqual([32767, 30518]);
    expect(plan.width * plan.height).toBeLessThanOrEqual(PNG_LIMITS.maxPixels);
    checkPlan(plan);
    const tall = planOf({ x: 0, y: 0, width: 3, height: 10922 }, 3);
    expect(tall.height).toBe(32766);
    checkPlan(tall);
    expect(planOf({ x: 0, y: 0, width: 2, height: 32767 }, 1).height).toBe(32767);
    // And the smallest: one pixel.
    expect(planOf({ x: 5, y: 5, width: 1, height: 1 }, 1)).toMatchObject({ width: 1, height: 1, count: 1 });
  });
});

describe('PNG tile plan: refusals, said before starting', () => {
  it('refuses past 32,767 pixels a side, with the largest scale that fits', () => {
    expect(planTiles({ x: 0, y: 0, width: 32767, height: 10 }, 1).ok).toBe(true);
    expect(refusalOf({ x: 0, y: 0, width: 32768, height: 10 }, 1)).toMatchObject({ reason: 'side', width: 32768, height: 10, scale: 1, largestScale: null });
    expect(refusalOf({ x: 0, y: 0, width: 10, height: 10923 }, 3)).toMatchObject({ reason: 'side', width: 30, height: 32769, largestScale: 2 });
    expect(refusalOf({ x: 0, y: 0, width: 16384, height: 100 }, 2)).toMatchObject({ reason: 'side', largestScale: 1 });
    expect(planTiles({ x: 0, y: 0, width: 16383, height: 100 }, 2).ok).toBe(true);
  });

  it('refuses past the pixel budget', () => {
    expect(refusalOf({ x: 0, y: 0, width: 32767, height: 30519 }, 1)).toMatchObject({ reason: 'pixels', largestScale: null });
    // 12,000 × 9,000 at 3× is 972 M pixels (fits); 12,000 × 9,300 is 1,004 M (does not), 2× fits.
    expect(planTiles({ x: 0, y: 0, width: 10000, height: 10000 }, 3).ok).toBe(true);
    expect(refusalOf({ x: 0, y: 0, width: 10800, height: 10300 }, 3)).toMatchObject({ reason: 'pixels', width: 32400, height: 30900, largestScale: 2 });
    const limits = { ...PNG_LIMITS, maxPixels: 100 };
    expect(planTiles({ x: 0, y: 0, width: 10, height: 10 }, 1, limits).ok).toBe(true);
    expect(refusalOf({ x: 0, y: 0, width: 10, height: 11 }, 1, limits)).toMatchObject({ reason: 'pixels', largestScale: null });
  });

  it('refuses an empty region', () => {
    expect(refusalOf({ x: 0, y: 0, width: 0, height: 10 }, 2)).toMatchObject({ reason: 'empty', largestScale: null, width: 0, height: 20 });
    expect(refusalOf({ x: 0, y: 0, width: 10, height: 0 }, 1)).toMatchObject({ reason: 'empty' });
  });

  it('finds the largest scale, from 3× down', () => {
    expect(largestScale({ x: 0, y: 0, width: 10922, height: 100 })).toBe(3);
    expect(largestScale({ x: 0, y: 0, width: 10923, height: 100 })).toBe(2);
    expect(largestScale({ x: 0, y: 0, width: 16384, height: 100 })).toBe(1);
    expect(largestScale({ x: 0, y: 0, width: 40000, height: 100 })).toBeNull();
    expect(largestScale({ x: 0, y: 0, width: 0, height: 100 })).toBeNull();
  });

  it('says what is too big, by how much, and what to do', () => {
    expect(refusalMessage(refusalOf({ x: 0, y: 0, width: 12000, height: 100 }, 3))).toBe(
      'This map at 3× would be 36,000 × 300 pixels, more than the 32,767 pixels a side that image viewers open. Export it at 2× instead.',
    );
    expect(refusalMessage(refusalOf({ x: 0, y: 0, width: 10800, height: 10300 }, 3), 'The selection')).toBe(
      'The selection at 3× would be 32,400 × 30,900 pixels, 1,001 million pixels, more than the 1,000 million an export may have. Export it at 2× instead.',
    );
    expect(refusalMessage(refusalOf({ x: 0, y: 0, width: 40000, height: 10 }, 1))).toBe(
      'This map at 1× would be 40,000 × 10 pixels, more than the 32,767 pixels a side that image viewers open. Export the selection or the current view instead.',
    );
    expect(refusalMessage(refusalOf({ x: 0, y: 0, width: 0, height: 10 }, 1))).toBe('There is nothing to draw: the picture would be empty.');
  });
});
