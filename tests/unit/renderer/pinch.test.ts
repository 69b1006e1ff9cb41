/**
 * A two-finger pinch on a touchscreen (viewport.ts): the spread of the fingers scales the zoom about their
 * midpoint and the midpoint's travel pans, with the map point first under the midpoint kept under it; the zoom
 * stays within the map's range; and the zoom preview draws anew once the pinch has panned its picture mostly off
 * the window (pictureShare, heldView).
 */
import { describe, expect, it } from 'vitest';
import type { Viewport } from '../../../renderer/src/canvas/layout.ts';
import { MAX_SCALE, MIN_SCALE, bodyViewport, heldView, pictureShare, pinchView, toMap, touchSpan, type TouchPair } from '../../../renderer/src/canvas/viewport.ts';

const screen = { width: 1200, height: 800 };
const view = (x: number, y: number, scale: number): Viewport => bodyViewport(x, y, scale, screen);
const pair = (ax: number, ay: number, bx: number, by: number): TouchPair => ({ a: { x: ax, y: ay }, b: { x: bx, y: by } });
const mid = (p: TouchPair) => ({ x: (p.a.x + p.b.x) / 2, y: (p.a.y + p.b.y) / 2 });

/** A small deterministic sequence of numbers in [0, 1). */
function* numbers(seed: number) {
  let h = seed;
  for (;;) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) ^ Math.imul(h + 0x6d2b79f5, 0x297a2d39);
    yield ((h >>> 0) % 1_000_000) / 1_000_000;
  }
}

describe('a two-finger pinch', () => {
  it('measures the fingers: the point halfway between them, and how far apart they are', () => {
    expect(touchSpan(pair(100, 200, 400, 600))).toEqual({ x: 250, y: 400, distance: 500 });
    expect(touchSpan(pair(400, 600, 100, 200))).toEqual({ x: 250, y: 400, distance: 500 });
    expect(touchSpan(pair(10, 10, 10, 10))).toEqual({ x: 10, y: 10, distance: 0 });
  });

  it('zooms by the fingers’ spread and keeps the map point first under their midpoint under it, wherever it goes', () => {
    const r = numbers(11);
    const next = () => r.next().value as number;
    for (let i = 0; i < 400; i++) {
      const start = view(next() * 3000, next() * 8000, 0.25 + next() * 1.5);
      const from = pair(300 + next() * 800, 150 + next() * 600, 300 + next() * 800, 150 + next() * 600);
      const to = pair(300 + next() * 800, 150 + next() * 600, 300 + next() * 800, 150 + next() * 600);
      const ratio = touchSpan(to).distance / touchSpan(from).distance;
      const v = pinchView(start, from, to, screen, 0.01);
      const want = Math.min(MAX_SCALE, Math.max(0.01, start.scale * ratio));
      expect(v.scale).toBeCloseTo(want, 12);
      const before = toMap(start, mid(from).x, mid(from).y);
      const after = toMap(v, mid(to).x, mid(to).y);
      expect(after.x).toBeCloseTo(before.x, 6);
      expect(after.y).toBeCloseTo(before.y, 6);
      // The body's size is the one the headers leave at the new zoom.
      expect(v).toMatchObject({ width: bodyViewport(0, 0, v.scale, screen).width, height: bodyViewport(0, 0, v.scale, screen).height });
    }
  });

  it('spread twice as far zooms in twice as much, about the midpoint', () => {
    const start = view(100, 50, 1);
    const v = pinchView(start, pair(500, 400, 700, 400), pair(400, 400, 800, 400), screen);
    expect(v.scale).toBe(2);
    const under = toMap(start, 600, 400);
    expect(toMap(v, 600, 400).x).toBeCloseTo(under.x, 9);
    expect(toMap(v, 600, 400).y).toBeCloseTo(under.y, 9);
    // A finger's own map point moved away from the midpoint by half as much, in map units.
    expect(toMap(v, 400, 400).x).toBeCloseTo(under.x - 100, 9);
  });

  it('fingers that keep their spread only pan, by their midpoint’s travel, and turning them changes nothing', () => {
    const start = view(300, 200, 0.8);
    const moved = pinchView(start, pair(500, 300, 700, 300), pair(440, 380, 640, 380), screen);
    expect(moved.scale).toBe(0.8);
    expect(moved.x).toBeCloseTo(300 + 60 / 0.8, 9);
    expect(moved.y).toBeCloseTo(200 - 80 / 0.8, 9);
    // The same spread and midpoint, turned a quarter: the same view.
    const turned = pinchView(start, pair(500, 300, 700, 300), pair(600, 200, 600, 400), screen);
    expect(turned.scale).toBeCloseTo(0.8, 12);
    expect(turned.x).toBeCloseTo(300, 9);
    expect(turned.y).toBeCloseTo(200, 9);
  });

  it('a pinch that ends where it began gives back the view it began from', () => {
    const start = view(420, 1300, 0.65);
    const from = pair(350, 420, 610, 530);
    // Each step is worked out from the start, never from the step before, so the fingers back at their start
    // (after going out across the level-of-detail switch and in again) are the start view.
    const v = pinchView(start, from, from, screen);
    expect(v.scale).toBe(start.scale);
    expect(v.x).toBeCloseTo(start.x, 9);
    expect(v.y).toBeCloseTo(start.y, 9);
    expect(v.width).toBe(start.width);
    expect(v.height).toBe(start.height);
  });

  it('stays within the map’s zoom range, the anchor still under the midpoint at the limit', () => {
    const start = view(200, 100, 1);
    const from = pair(550, 400, 650, 400);
    const wide = pinchView(start, from, pair(100, 400, 1100, 400), screen);
    expect(wide.scale).toBe(MAX_SCALE);
    expect(toMap(wide, 600, 400).x).toBeCloseTo(toMap(start, 600, 400).x, 9);
    expect(toMap(wide, 600, 400).y).toBeCloseTo(toMap(start, 600, 400).y, 9);
    // Fingers almost together: no further out than the map's own smallest zoom, or MIN_SCALE by default.
    const close = pair(599, 400, 601, 400);
    expect(pinchView(start, from, close, screen, 0.05).scale).toBe(0.05);
    expect(pinchView(start, from, close, screen).scale).toBe(MIN_SCALE);
    const out = pinchView(start, from, close, screen, 0.05);
    expect(toMap(out, 600, 400).x).toBeCloseTo(toMap(start, 600, 400).x, 9);
  });

  it('fingers that came down at one point only pan (there is no spread to compare with)', () => {
    const start = view(300, 200, 1.5);
    const v = pinchView(start, pair(600, 400, 600, 400), pair(500, 400, 800, 400), screen);
    expect(v.scale).toBe(1.5);
    expect(v.x).toBeCloseTo(300 - 50 / 1.5, 9);
    expect(v.y).toBeCloseTo(200, 9);
  });
});

describe('the picture a pinch pans', () => {
  const fixed = (x: number, y: number, scale: number): Viewport => ({ x, y, scale, width: 1000, height: 600 });

  it('is the share of the live body the held picture covers', () => {
    const held = fixed(0, 0, 1);
    expect(pictureShare(held, fixed(0, 0, 1))).toBe(1);
    expect(pictureShare(held, fixed(500, 0, 1))).toBe(0.5);
    expect(pictureShare(held, fixed(500, 300, 1))).toBe(0.25);
    expect(pictureShare(held, fixed(-250, 150, 1))).toBe(0.75 * 0.75);
    // Zoomed out to half: the picture is a quarter of the window, wherever it sits inside it.
    expect(pictureShare(held, fixed(-200, -100, 0.5))).toBe(0.25);
    // Off the window across, down, or both.
    expect(pictureShare(held, fixed(1200, 0, 1))).toBe(0);
    expect(pictureShare(held, fixed(0, -900, 1))).toBe(0);
    expect(pictureShare(held, fixed(-1500, -900, 1))).toBe(0);
    // A window of no size (before the canvas is measured) has nothing to cover.
    expect(pictureShare(held, { x: 0, y: 0, scale: 1, width: 0, height: 600 })).toBe(1);
    expect(pictureShare(held, { x: 0, y: 0, scale: 1, width: 1000, height: 0 })).toBe(1);
  });

  it('is kept while it covers a quarter of the window, and drawn anew once the pinch pans it further off', () => {
    const held = fixed(0, 0, 1);
    expect(heldView(held, fixed(400, 200, 1.2))).toBe(held);
    const quarter = fixed(500, 300, 1);
    expect(heldView(held, quarter)).toBe(held);
    const beyond = fixed(501, 300, 1);
    expect(heldView(held, beyond)).toBe(beyond);
    const away = fixed(3000, 0, 1.1);
    expect(heldView(held, away)).toBe(away);
    // Zoomed out past PREVIEW_RANGE, the picture is under a quarter of the window wherever it is.
    const out = fixed(-300, -200, 0.45);
    expect(heldView(held, out)).toBe(out);
    expect(heldView(held, fixed(-300, -200, 0.55))).toBe(held);
  });
});
