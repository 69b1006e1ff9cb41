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

  it('takes the mean of the slopes on both sides as a point’s tangent, and a straight run stays straight', () => {
    // Slopes 1 then 2: tangents 1, 1.5 and 2 (Fritsch–Carlson's, none limited here).
    const bent = monotoneCurve([{ x: 0, y: 0 }, { x: 10, y: 10 }, { x: 20, y: 30 }]);
    [0, 0, 10 / 3, 10 / 3, 20 / 3, 5, 10, 10, 40 / 3, 15, 50 / 3, 70 / 3, 20, 30].forEach((v, i) => expect(bent[i], `value ${i}`).toBeCloseTo(v, 9));
    // Collinear points: every control point on the line.
    const straight = monotoneCurve([{ x: 0, y: 0 }, { x: 30, y: 15 }, { x: 90, y: 45 }]);
    for (let i = 0; i < straight.length; i += 2) expect(straight[i + 1]).toBeCloseTo((straight[i] ?? 0) / 2, 9);
    // A turn: the tangent at the peak is flat, so the curve stops there.
    const peak = monotoneCurve([{ x: 0, y: 0 }, { x: 10, y: 20 }, { x: 20, y: 0 }]);
    expect([peak[4], peak[5], peak[8], peak[9]]).toEqual([10 - 10 / 3, 20, 10 + 10 / 3, 20]);
    // A steep step next to a nearly flat one: the tangent is limited, so the flat part does not bulge.
    const step = monotoneCurve([{ x: 0, y: 0 }, { x: 10, y: 100 }, { x: 20, y: 101 }]);
    for (let t = 0; t <= 1; t += 0.05) expect(at(step, 1, t).y).toBeLessThanOrEqual(101 + 1e-9);
    expect(step[9]).toBeLessThan(100 + (101 - 100)); // the first control point of the flat segment stays below its end
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
