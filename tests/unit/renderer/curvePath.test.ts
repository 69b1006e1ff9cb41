/** The emotion curves' monotone cubic: through every point, never past a segment's ends, flat where flat. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monotoneCurve, type XY } from '../../../renderer/src/canvas/curvePath.ts';

/** The cubic bezier from `out[6k..6k+7]` at t. */
function at(out: readonly number[], k: number, t: number): XY {
  const [x0, y0, x1, y1, x2, y2, x3, y3] = out.slice(6 * k, 6 * k + 8) as [number, number, number, number, number, number, number, number];
  const u = 1 - t;
  const w = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t] as const;
  return { x: w[0] * x0 + w[1] * x1 + w[2] * x2 + w[3] * x3, y: w[0] * y0 + w[1] * y1 + w[2] * y2 + w[3] * y3 };
}

describe('monotone emotion curve', () => {
  it('goes through every point, and stays flat between two equal scores', () => {
    const points = [
      { x: 0, y: 50 },
      { x: 100, y: 20 },
      { x: 200, y: 20 },
      { x: 300, y: 80 },
    ];
    const out = monotoneCurve(points);
    expect(out).toHaveLength(2 + 6 * 3);
    for (const [k, p] of points.entries()) expect([out[6 * k], out[6 * k + 1]]).toEqual([p.x, p.y]);
    // Between the two 20s every sample is exactly 20: the overshoot of a tension spline is gone.
    for (let t = 0; t <= 1; t += 0.05) expect(at(out, 1, t).y).toBeCloseTo(20, 9);
  });

  it('has nothing to bend with fewer than two points', () => {
    expect(monotoneCurve([])).toEqual([]);
    expect(monotoneCurve([{ x: 5, y: 7 }])).toEqual([5, 7]);
    // A straight line between two points: its control points on it, a third of the way from each end.
    const line = monotoneCurve([{ x: 0, y: 0 }, { x: 10, y: 10 }]);
    [0, 0, 10 / 3, 10 / 3, 20 / 3, 20 / 3, 10, 10].forEach((v, i) => expect(line[i]).toBeCloseTo(v, 12));
  });

  it('property: never above the higher or below the lower end of any segment, and x only increases', () => {
    const curve = fc
      .array(fc.record({ dx: fc.integer({ min: 20, max: 400 }), y: fc.integer({ min: -5, max: 5 }) }), { minLength: 2, maxLength: 40 })
      .map((steps) => {
        let x = 0;
        return steps.map((s) => ({ x: (x += s.dx), y: s.y * 17 }));
      });
    fc.assert(
      fc.property(curve, (points) => {
        const out = monotoneCurve(points);
        for (let k = 0; k < points.length - 1; k++) {
          const a = points[k] as XY;
          const b = points[k + 1] as XY;
          let lastX = -Infinity;
          for (let i = 0; i <= 20; i++) {
            const p = at(out, k, i / 20);
            if (p.y > Math.max(a.y, b.y) + 1e-9 || p.y < Math.min(a.y, b.y) - 1e-9) return false;
            if (p.x < lastX - 1e-9) return false;
            lastX = p.x;
          }
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
