/**
 * The emotion curves' shape: a monotone cubic through one point per stage (Fritsch–Carlson), as the control
 * points of a Konva bezier line. Between two points the curve never goes above the higher or below the lower
 * of them, so a flat stretch stays flat (two neighbouring +1s never read as a rise) and a peak is where the
 * score is. Pure: unit-tested without a canvas.
 */
export interface XY {
  x: number;
  y: number;
}

/** Tangents at each point: zero at a turn or a flat stretch, else limited so no segment overshoots. */
function tangents(points: readonly XY[]): number[] {
  const n = points.length;
  const slope: number[] = [];
  for (let i = 0; i < n - 1; i++) {
    const a = points[i] as XY;
    const b = points[i + 1] as XY;
    slope.push((b.y - a.y) / (b.x - a.x));
  }
  const m: number[] = new Array<number>(n).fill(0);
  m[0] = slope[0] ?? 0;
  m[n - 1] = slope[n - 2] ?? 0;
  for (let i = 1; i < n - 1; i++) {
    const before = slope[i - 1] as number;
    const after = slope[i] as number;
    m[i] = before * after <= 0 ? 0 : (before + after) / 2;
  }
  for (let i = 0; i < n - 1; i++) {
    const d = slope[i] as number;
    if (d === 0) {
      m[i] = 0;
      m[i + 1] = 0;
      continue;
    }
    const a = (m[i] as number) / d;
    const b = (m[i + 1] as number) / d;
    const h = a * a + b * b;
    if (h > 9) {
      const t = 3 / Math.sqrt(h);
      m[i] = t * a * d;
      m[i + 1] = t * b * d;
    }
  }
  return m;
}

/**
 * Konva's bezier points for a curve through `points` (x increasing): [x0, y0, c1x, c1y, c2x, c2y, x1, y1, …].
 * Fewer than two points: the points as they are (nothing to bend).
 */
export function monotoneCurve(points: readonly XY[]): number[] {
  if (points.length < 2) return points.flatMap((p) => [p.x, p.y]);
  const m = tangents(points);
  const out: number[] = [(points[0] as XY).x, (points[0] as XY).y];
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i] as XY;
    const b = points[i + 1] as XY;
    const third = (b.x - a.x) / 3;
    out.push(a.x + third, a.y + (m[i] as number) * third, b.x - third, b.y - (m[i + 1] as number) * third, b.x, b.y);
  }
  return out;
}
