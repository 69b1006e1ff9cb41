/**
 * The zoom preview's geometry (viewport.ts): a picture of the body drawn at one viewport, transformed by
 * previewTransform, puts every map point where the live viewport draws it; heldView says when to draw anew.
 */
import { describe, expect, it } from 'vitest';
import type { Viewport } from '../../../renderer/src/canvas/layout.ts';
import { bodyOrigin, detailAt, heldView, headerHeight, headerWidth, PREVIEW_RANGE, previewTransform } from '../../../renderer/src/canvas/viewport.ts';

const view = (x: number, y: number, scale: number): Viewport => ({ x, y, scale, width: 1200, height: 700 });

/** Where a map point is on the canvas at a viewport. */
const onCanvas = (v: Viewport, mx: number, my: number) => ({ x: bodyOrigin(v).x + mx * v.scale, y: bodyOrigin(v).y + my * v.scale });

/** A CSS matrix(a, 0, 0, d, e, f) applied to a point. */
function applyMatrix(transform: string, p: { x: number; y: number }) {
  const m = /^matrix\(([^)]+)\)$/.exec(transform);
  if (!m?.[1]) throw new Error(`not a matrix: ${transform}`);
  const [a, b, c, d, e, f] = m[1].split(',').map(Number) as [number, number, number, number, number, number];
  return { x: a * p.x + c * p.y + e, y: b * p.x + d * p.y + f };
}

/** A small deterministic sequence of numbers in [0, 1). */
function* numbers(seed: number) {
  let h = seed;
  for (;;) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) ^ Math.imul(h + 0x6d2b79f5, 0x297a2d39);
    yield ((h >>> 0) % 1_000_000) / 1_000_000;
  }
}

describe('the zoom preview', () => {
  it('the body is at its headers’ corner, shifted by the scroll', () => {
    expect(bodyOrigin(view(0, 0, 1))).toEqual({ x: headerWidth(1), y: headerHeight(1) });
    expect(bodyOrigin(view(100, 40, 2))).toEqual({ x: headerWidth(2) - 200, y: headerHeight(2) - 80 });
  });

  it('puts every map point of the picture where the live viewport draws it, across the level-of-detail switch too', () => {
    const r = numbers(7);
    const next = () => r.next().value as number;
    for (let i = 0; i < 500; i++) {
      const drawn = view(next() * 4000, next() * 9000, 0.05 + next() * 2.5);
      const live = view(next() * 4000, next() * 9000, drawn.scale * (0.4 + next() * 2.2));
      const t = previewTransform(drawn, live);
      for (let j = 0; j < 3; j++) {
        const mx = next() * 5000;
        const my = next() * 12000;
        const at = applyMatrix(t === '' ? 'matrix(1, 0, 0, 1, 0, 0)' : t, onCanvas(drawn, mx, my));
        const want = onCanvas(live, mx, my);
        expect(at.x).toBeCloseTo(want.x, 6);
        expect(at.y).toBeCloseTo(want.y, 6);
      }
    }
    // One case each side of the switch, where the headers change size: still exact.
    const full = view(0, 0, 0.5);
    const out = view(0, 0, 0.3);
    expect([detailAt(full.scale), detailAt(out.scale)]).toEqual(['full', 'overview']);
    const p = applyMatrix(previewTransform(full, out), onCanvas(full, 1000, 2000));
    expect(p.x).toBeCloseTo(onCanvas(out, 1000, 2000).x, 9);
    expect(p.y).toBeCloseTo(onCanvas(out, 1000, 2000).y, 9);
  });

  it('is no transform for the same view, and a pure shift for a scroll alone', () => {
    expect(previewTransform(view(10, 20, 1.5), view(10, 20, 1.5))).toBe('');
    expect(previewTransform(view(10, 20, 1), view(30, 20, 1))).toBe('matrix(1, 0, 0, 1, -20, 0)');
    expect(previewTransform(view(10, 20, 1), view(10, 50, 1))).toBe('matrix(1, 0, 0, 1, 0, -30)');
    expect(previewTransform(view(0, 0, 1), view(0, 0, 2))).toBe(`matrix(2, 0, 0, 2, ${headerWidth(2) - 2 * headerWidth(1)}, ${headerHeight(2) - 2 * headerHeight(1)})`);
  });

  it('keeps the picture while the zoom stays within its range, and draws anew past it', () => {
    const held = view(0, 0, 1);
    expect(heldView(held, view(50, 0, 1.9))).toBe(held);
    expect(heldView(held, view(0, 0, PREVIEW_RANGE))).toBe(held);
    expect(heldView(held, view(0, 0, 1 / PREVIEW_RANGE))).toBe(held);
    const far = view(0, 0, PREVIEW_RANGE * 1.01);
    expect(heldView(held, far)).toBe(far);
    const out = view(0, 0, 0.49);
    expect(heldView(held, out)).toBe(out);
    // The range is relative to the picture's own zoom.
    const small = view(0, 0, 0.1);
    expect(heldView(small, view(0, 0, 0.19))).toBe(small);
    const past = view(0, 0, 0.21);
    expect(heldView(small, past)).toBe(past);
    expect(heldView(small, view(0, 0, 0.051))).toBe(small);
  });
});
