import { describe, expect, it } from 'vitest';
import { hitAt, laneDropIndex, stageDropIndex } from '../../../renderer/src/canvas/hits.ts';
import { METRICS, layoutModel, type MeasureText } from '../../../renderer/src/canvas/layout.ts';
import { navigate } from '../../../renderer/src/actions/table.ts';
import { editScreenRect, editScrollAxes } from '../../../renderer/src/canvas/editTarget.ts';
import { MAX_SCALE, MIN_SCALE, bodyViewport, clampScroll, fitToScreen, headerHeight, headerScale, headerWidth, scrollIntoView, toMap, toScreen, zoomAt } from '../../../renderer/src/canvas/viewport.ts';
import { toModel } from '../../../renderer/src/store/mapModel.ts';
import type { Selection } from '../../../renderer/src/store/selection.ts';
import { mapDoc } from './fixtures.ts';

const measure: MeasureText = () => 1;
const doc = mapDoc({
  stages: ['A', 'B', 'C'],
  lanes: [
    { title: 'Actions', kind: 'text' },
    { title: 'Feelings', kind: 'emotion' },
    { title: 'Pains', kind: 'pains' },
  ],
  cards: [
    { lane: 0, stage: 0, text: 'a1' },
    { lane: 0, stage: 0, text: 'a2' },
    { lane: 0, stage: 1, text: 'b1' },
    { lane: 2, stage: 2, text: 'pain' },
  ],
  emotions: [{ lane: 1, stage: 1, score: 1 }],
});
const model = toModel(doc);
const layout = layoutModel(model, measure);
const screen = { width: 1200, height: 800 };

describe('viewport', () => {
  it('maps screen points to map points and back, at any zoom and scroll', () => {
    for (const v of [bodyViewport(0, 0, 1, screen), bodyViewport(130, 45, 0.5, screen), bodyViewport(10, 300, 2, screen)]) {
      const p = toMap(v, 700, 400);
      const r = toScreen(v, { x: p.x, y: p.y, width: 10, height: 10 });
      expect(r.x).toBeCloseTo(700, 6);
      expect(r.y).toBeCloseTo(400, 6);
      expect(r.width).toBeCloseTo(10 * v.scale, 6);
    }
  });

  it('zooms around the pointer, within limits', () => {
    const v = bodyViewport(100, 50, 1, screen);
    const before = toMap(v, 600, 300);
    const z = zoomAt(v, 1.5, 600, 300, screen);
    expect(z.scale).toBe(1.5);
    const after = toMap(z, 600, 300);
    expect(after.x).toBeCloseTo(before.x, 6);
    expect(after.y).toBeCloseTo(before.y, 6);
    expect(zoomAt(v, 100, 0, 0, screen).scale).toBe(MAX_SCALE);
    expect(zoomAt(v, 0.001, 0, 0, screen).scale).toBe(MIN_SCALE);
  });

  it('never scrolls before the start or far past the end', () => {
    expect(clampScroll(bodyViewport(-50, -20, 1, screen), layout)).toMatchObject({ x: 0, y: 0 });
    const far = clampScroll(bodyViewport(99_999, 99_999, 1, screen), layout);
    expect(far.x).toBe(0); // the map is narrower than the screen
    expect(far.y).toBe(0);
  });

  it('fits the map on screen and scrolls a rectangle into view', () => {
    const fit = fitToScreen({ width: 5000, height: 1000 }, screen);
    // Under 40% the lane column keeps its overview width (60% of its own) while the map shrinks beside it.
    expect(fit.scale).toBeCloseTo((screen.width - METRICS.laneHeaderWidth * 0.6) / (5000 + 24), 6);
    const v = bodyViewport(0, 0, 1, screen);
    const moved = scrollIntoView(v, { x: 3000, y: 10, width: 200, height: 50 });
    expect(moved.x).toBeGreaterThan(2000);
    expect(moved.y).toBe(0);
  });
});

describe('hitAt', () => {
  const v = bodyViewport(0, 0, 1, screen);
  const sx = (x: number) => METRICS.laneHeaderWidth + x;
  const sy = (y: number) => METRICS.stageHeaderHeight + y;

  it('finds headers, their resize edges and the collapse toggle', () => {
    expect(hitAt(layout, v, 5, 5)).toEqual({ area: 'corner' });
    expect(hitAt(layout, v, sx(METRICS.stageWidth + 30), 20)).toMatchObject({ area: 'stage-header', stageId: 's1', index: 1, edge: false });
    expect(hitAt(layout, v, sx(METRICS.stageWidth - 2), 20)).toMatchObject({ area: 'stage-header', stageId: 's0', edge: true });
    const lane0 = layout.lanes[0];
    if (!lane0) throw new Error('no lane');
    expect(hitAt(layout, v, 100, sy(lane0.height - 1))).toMatchObject({ area: 'lane-header', laneId: 'l0', edge: true });
    expect(hitAt(layout, v, 10, sy(20))).toMatchObject({ area: 'lane-header', laneId: 'l0', toggle: true });
    expect(hitAt(layout, v, 100, sy(20))).toMatchObject({ area: 'lane-header', laneId: 'l0', toggle: false, edge: false });
  });

  it('finds cards, empty cells and emotion points', () => {
    const a2 = layout.cards.get('c1');
    if (!a2) throw new Error('no card');
    expect(hitAt(layout, v, sx(a2.x + 5), sy(a2.y + 5))).toMatchObject({ area: 'body', cardId: 'c1', laneId: 'l0', stageId: 's0' });
    expect(hitAt(layout, v, sx(2 * METRICS.stageWidth + 100), sy(5))).toMatchObject({ area: 'body', cardId: null, stageId: 's2' });
    const point = layout.curves.get('l1')?.[0];
    if (!point) throw new Error('no point');
    expect(hitAt(layout, v, sx(point.x + 3), sy(point.y - 3))).toMatchObject({ area: 'emotion', stageId: 's1', onPoint: true });
    expect(hitAt(layout, v, sx(point.x + 60), sy(point.y))).toMatchObject({ area: 'emotion', onPoint: false });
  });

  it('computes where a dragged stage or lane lands', () => {
    expect(stageDropIndex(layout, 's0', METRICS.stageWidth * 1.6)).toBe(1);
    expect(stageDropIndex(layout, 's0', METRICS.stageWidth * 2.9)).toBe(2);
    expect(stageDropIndex(layout, 's2', 10)).toBe(0);
    expect(laneDropIndex(layout, 'l2', 1)).toBe(0);
  });
});

describe('editing in the headers', () => {
  it('scrolls only across for a stage, only down for a lane, both for the rest', () => {
    const v = { ...bodyViewport(0, 400, 1, screen), x: 500 };
    const stageField = { x: 10, y: -METRICS.stageHeaderHeight + 8, width: 200, height: 28 };
    expect(scrollIntoView(v, stageField, 48, 'x')).toMatchObject({ x: 0, y: 400 });
    const laneField = { x: -METRICS.laneHeaderWidth + 22, y: 2000, width: 200, height: 28 };
    const down = scrollIntoView(v, laneField, 48, 'y');
    expect(down.x).toBe(500);
    expect(down.y).toBeCloseTo(2000 + 28 + 48 - v.height, 9);
    expect(scrollIntoView(v, stageField, 48)).toMatchObject({ x: 0, y: 0 });
    // Already in view: nothing moves, whatever the axes.
    const inView = { x: 600, y: 450, width: 100, height: 20 };
    for (const axes of ['x', 'y', 'both'] as const) expect(scrollIntoView(v, inView, 24, axes)).toMatchObject({ x: 500, y: 400 });
    expect(editScrollAxes({ kind: 'stage', id: 's0' })).toBe('x');
    expect(editScrollAxes({ kind: 'lane', id: 'l0' })).toBe('y');
    expect(editScrollAxes({ kind: 'card', id: 'c1' })).toBe('both');
  });

  it('scrolls by the least that brings a rectangle and its margin into view, at any zoom', () => {
    const v = bodyViewport(1000, 1000, 2, screen);
    const w = v.width / 2;
    const h = v.height / 2;
    const at = (x: number, y: number, width = 50, height = 10) => scrollIntoView(v, { x, y, width, height }, 24);
    expect(at(900, 1100)).toMatchObject({ x: 876, y: 1000 });
    expect(at(1000 + w + 10, 1100)).toMatchObject({ x: 1000 + w + 10 + 50 + 24 - w, y: 1000 });
    expect(at(1100, 950)).toMatchObject({ x: 1000, y: 926 });
    expect(at(1100, 1000 + h + 10, 50, 20)).toMatchObject({ x: 1000, y: 1000 + h + 10 + 20 + 24 - h });
    // Inside the view but within its margin of an edge: scrolled by what the margin lacks.
    expect(at(1010, 1100)).toMatchObject({ x: 986, y: 1000 });
    expect(at(1000 + w - 60, 1100)).toMatchObject({ x: 1000 + w - 60 + 50 + 24 - w, y: 1000 });
    expect(at(1100, 1010)).toMatchObject({ x: 1000, y: 986 });
    expect(at(1100, 1000 + h - 25, 50, 20)).toMatchObject({ x: 1000, y: 1000 + h - 25 + 20 + 24 - h });
    // Inside, margin included: nothing moves; never scrolled before the map's start.
    expect(at(1030, 1030)).toMatchObject({ x: 1000, y: 1000 });
    expect(at(10, 10)).toMatchObject({ x: 0, y: 0 });
  });

  it('puts a stage’s and a lane’s field in their sticky headers at the headers’ scale, the rest in the body', () => {
    for (const scale of [1, 0.5, 0.2]) {
      const v = { ...bodyViewport(150, 300, scale, screen) };
      const hs = headerScale(scale);
      const stage = layout.stages[1];
      const lane = layout.lanes[1];
      if (!stage || !lane) throw new Error('no stage or lane');
      const s = editScreenRect(layout, { kind: 'stage', id: stage.id }, v);
      expect(s).toEqual({ x: toScreen(v, { x: stage.x, y: 0, width: stage.width, height: 0 }).x + 6 * hs, y: 8 * hs, width: Math.max(stage.width * scale - 12 * hs, 160 * hs), height: 28 * hs });
      expect((s?.y ?? 0) + (s?.height ?? 0)).toBeLessThanOrEqual(headerHeight(scale));
      const l = editScreenRect(layout, { kind: 'lane', id: lane.id }, v);
      expect(l).toEqual({ x: 22 * hs, y: toScreen(v, { x: 0, y: lane.y, width: 0, height: lane.height }).y + 6 * hs, width: (METRICS.laneHeaderWidth - 30) * hs, height: 28 * hs });
      expect((l?.x ?? 0) + (l?.width ?? 0)).toBeLessThanOrEqual(headerWidth(scale));
      const card = layout.cards.get('c1');
      if (!card) throw new Error('no card');
      expect(editScreenRect(layout, { kind: 'card', id: 'c1' }, v)).toEqual(toScreen(v, card));
    }
    const v = bodyViewport(0, 0, 1, screen);
    expect(editScreenRect(layout, { kind: 'stage', id: 'nope' }, v)).toBeNull();
    expect(editScreenRect(layout, { kind: 'lane', id: 'nope' }, v)).toBeNull();
    expect(editScreenRect(layout, { kind: 'card', id: 'nope' }, v)).toBeNull();
  });

  it('finds a lane’s collapse toggle at the headers’ scale when zoomed out, pinned with the title', () => {
    const lane = layout.lanes[1];
    if (!lane) throw new Error('no lane');
    const hs = headerScale(0.3);
    const hh = headerHeight(0.3);
    const at = (viewY: number, x: number, down: number) => hitAt(layout, bodyViewport(0, viewY, 0.3, screen), x * hs, hh + (lane.y - viewY) * 0.3 + down * hs);
    // The toggle: the first COLLAPSE_TOGGLE_WIDTH header units across, 32 down from the lane's top.
    expect(at(0, 10, 20)).toMatchObject({ area: 'lane-header', laneId: lane.id, edge: false, toggle: true });
    expect(at(0, 10, 40)).toMatchObject({ area: 'lane-header', laneId: lane.id, edge: false, toggle: false });
    expect(at(0, 30, 20)).toMatchObject({ area: 'lane-header', laneId: lane.id, toggle: false });
    // Scrolled into the lane, the title and its toggle are pinned to the top of what shows of it ...
    const pinned = (viewY: number, down: number) => hitAt(layout, bodyViewport(0, viewY, 0.3, screen), 10 * hs, hh + down * hs);
    expect(pinned(lane.y + 50, 20)).toMatchObject({ laneId: lane.id, edge: false, toggle: true });
    expect(pinned(lane.y + 50, 40)).toMatchObject({ laneId: lane.id, edge: false, toggle: false });
    // ... until the lane's end pushes them up (52 header units above it): 72 map units into the lane here, so the
    // toggle reaches 64 map units (32 header units) below that, and no further.
    expect(pinned(lane.y + 100, 15)).toMatchObject({ laneId: lane.id, edge: false, toggle: true });
    expect(pinned(lane.y + 100, 20)).toMatchObject({ laneId: lane.id, edge: false, toggle: false });
  });
});

describe('keyboard navigation', () => {
  const at = (selection: Selection) => ({ ...model, selection });

  it('walks down a cell through its cards, and across stages to the same place', () => {
    const cell: Selection = { kind: 'cell', cell: { laneId: 'l0', stageId: 's0' } };
    expect(navigate(at(cell), 'down')).toEqual({ kind: 'cards', ids: ['c0'] });
    expect(navigate(at({ kind: 'cards', ids: ['c0'] }), 'down')).toEqual({ kind: 'cards', ids: ['c1'] });
    expect(navigate(at({ kind: 'cards', ids: ['c1'] }), 'up')).toEqual({ kind: 'cards', ids: ['c0'] });
    expect(navigate(at({ kind: 'cards', ids: ['c1'] }), 'right')).toEqual({ kind: 'cards', ids: ['c2'] });
    expect(navigate(at({ kind: 'cards', ids: ['c2'] }), 'right')).toEqual({ kind: 'cell', cell: { laneId: 'l0', stageId: 's2' } });
  });

  it('enters the emotion lane as an emotion selection and stops at the edges', () => {
    expect(navigate(at({ kind: 'cards', ids: ['c1'] }), 'down')).toEqual({ kind: 'emotion', cell: { laneId: 'l1', stageId: 's0' } });
    expect(navigate(at({ kind: 'cell', cell: { laneId: 'l0', stageId: 's0' } }), 'left')).toEqual({ kind: 'cell', cell: { laneId: 'l0', stageId: 's0' } });
    expect(navigate(at({ kind: 'none' }), 'right')).toEqual({ kind: 'cell', cell: { laneId: 'l0', stageId: 's0' } });
    expect(navigate(at({ kind: 'stage', id: 's1' }), 'right')).toEqual({ kind: 'stage', id: 's2' });
    expect(navigate(at({ kind: 'lane', id: 'l0' }), 'down')).toEqual({ kind: 'lane', id: 'l1' });
  });
});
