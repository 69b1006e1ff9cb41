import { describe, expect, it } from 'vitest';
import {
  METRICS,
  dropIndex,
  estimateLines,
  hitTest,
  layoutModel,
  scoreToY,
  visibleItems,
  visibleWithOverscan,
  yToScore,
  type MeasureText,
} from '../../../renderer/src/canvas/layout.ts';
import { toModel } from '../../../renderer/src/store/mapModel.ts';
import { mapDoc } from './fixtures.ts';

/** One line per 20 characters: easy to reason about in assertions. */
const measure: MeasureText = (text) => Math.max(1, Math.ceil(text.length / 20));
const cardH = (lines: number) => 2 * METRICS.cardPaddingY + lines * METRICS.lineHeight;

const doc = mapDoc({
  stages: ['Discover', 'Buy', 'Use'],
  lanes: [
    { title: 'Actions', kind: 'text' },
    { title: 'Emotion', kind: 'emotion' },
    { title: 'Pains', kind: 'pains', collapsed: true },
  ],
  cards: [
    { lane: 0, stage: 0, text: 'short' },
    { lane: 0, stage: 0, text: 'a card with forty-one characters of text.' },
    { lane: 0, stage: 1, text: 'one' },
    { lane: 2, stage: 1, text: 'hidden while collapsed' },
  ],
  emotions: [
    { lane: 1, stage: 0, score: 2, label: 'Happy' },
    { lane: 1, stage: 2, score: -2 },
  ],
});
const layout = layoutModel(toModel(doc), measure);

describe('layout', () => {
  it('places stages side by side and lanes one under another', () => {
    expect(layout.stages.map((s) => s.x)).toEqual([0, METRICS.stageWidth, 2 * METRICS.stageWidth]);
    expect(layout.width).toBe(3 * METRICS.stageWidth);
    const [actions, emotion, pains] = layout.lanes;
    expect(actions?.y).toBe(0);
    expect(emotion?.y).toBe(actions?.height);
    expect(pains?.y).toBe((actions?.height ?? 0) + (emotion?.height ?? 0));
    expect(layout.height).toBe((pains?.y ?? 0) + METRICS.collapsedLaneHeight);
  });

  it('stacks cards in a cell and grows the lane to fit its tallest cell', () => {
    const first = layout.cards.get('c0');
    const second = layout.cards.get('c1');
    expect(first).toMatchObject({ x: METRICS.cellPaddingX, y: METRICS.cellPaddingY, height: cardH(1), index: 0 });
    expect(second?.y).toBe(METRICS.cellPaddingY + cardH(1) + METRICS.cardGap);
    expect(second?.height).toBe(cardH(3));
    const tallest = METRICS.cellPaddingY + cardH(1) + METRICS.cardGap + cardH(3) + METRICS.cellPaddingY;
    expect(layout.lanes[0]?.height).toBe(Math.max(METRICS.minLaneHeight, tallest));
  });

  it('respects a set stage width and a set lane height as a minimum', () => {
    const wide = mapDoc({ stages: ['A', 'B'], lanes: [{ title: 'L', kind: 'text', height: 300 }] });
    const first = wide.stages[0];
    if (first) first.width = 400;
    const l = layoutModel(toModel(wide), measure);
    expect(l.stages[1]?.x).toBe(400);
    expect(l.lanes[0]?.height).toBe(300);
  });

  it('hides the cards of a collapsed lane and keeps it one line high', () => {
    expect(layout.cards.has('c3')).toBe(false);
    expect(layout.lanes[2]).toMatchObject({ collapsed: true, height: METRICS.collapsedLaneHeight });
  });

  it('puts one curve point per scored stage at the centre of its stage, highest score on top', () => {
    const curve = layout.curves.get('l1') ?? [];
    expect(curve.map((p) => p.stageId)).toEqual(['s0', 's2']);
    expect(curve[0]?.x).toBe(METRICS.stageWidth / 2);
    const lane = layout.lanes[1];
    if (!lane) throw new Error('no emotion lane');
    expect(curve[0]?.y).toBe(lane.y + METRICS.emotionPaddingY);
    expect(curve[1]?.y).toBe(lane.y + lane.height - METRICS.emotionPaddingY);
    expect(curve[0]?.label).toBe('Happy');
  });

  it('turns a y in the emotion lane back into the nearest score of the scale', () => {
    const lane = { y: 100, height: METRICS.emotionLaneHeight };
    for (let score = -2; score <= 2; score++) expect(yToScore(scoreToY(score, lane, -2, 2) + 3, lane, -2, 2)).toBe(score);
    expect(yToScore(-1000, lane, -2, 2)).toBe(2);
    expect(yToScore(10_000, lane, -2, 2)).toBe(-2);
  });

  it('finds the card or cell under a point', () => {
    const c1 = layout.cards.get('c1');
    if (!c1) throw new Error('no card');
    expect(hitTest(layout, c1.x + 5, c1.y + 5)).toEqual({ cardId: 'c1', laneId: 'l0', stageId: 's0' });
    expect(hitTest(layout, METRICS.stageWidth + 2, 2)).toEqual({ cardId: null, laneId: 'l0', stageId: 's1' });
    expect(hitTest(layout, -5, 5)).toBeNull();
    expect(hitTest(layout, 5, layout.height + 5)).toBeNull();
  });

  it('computes where a dropped card goes within a cell', () => {
    const c0 = layout.cards.get('c0');
    const c1 = layout.cards.get('c1');
    if (!c0 || !c1) throw new Error('no cards');
    expect(dropIndex(layout, 'l0', 's0', c0.y + 1)).toBe(0);
    expect(dropIndex(layout, 'l0', 's0', c1.y + c1.height - 1)).toBe(2);
    expect(dropIndex(layout, 'l0', 's0', c1.y + c1.height - 1, 'c0')).toBe(1);
  });
});

describe('culling', () => {
  const big = mapDoc({
    stages: Array.from({ length: 12 }, (_, i) => `Stage ${i}`),
    lanes: Array.from({ length: 10 }, (_, i) => ({ title: `Lane ${i}`, kind: 'text' as const })),
    cards: Array.from({ length: 1200 }, (_, i) => ({ lane: i % 10, stage: Math.floor(i / 10) % 12, text: `Card ${i}` })),
  });
  const l = layoutModel(toModel(big), estimateLines);

  it('returns only the stages, lanes and cards inside the viewport', () => {
    const viewport = { x: 0, y: 0, scale: 1, width: 600, height: 500 };
    const visible = visibleItems(l, viewport, 0);
    expect(visible.stages.map((s) => s.index)).toEqual([0, 1, 2]);
    expect(visible.cardIds.length).toBeGreaterThan(0);
    expect(visible.cardIds.length).toBeLessThan(1200 / 4);
    for (const id of visible.cardIds) {
      const b = l.cards.get(id);
      expect(b && b.x < 600 && b.y < 500).toBe(true);
    }
    // Every card that intersects the viewport is included.
    const expected = [...l.cards.values()].filter((b) => b.x < 600 && b.y < 500).map((b) => b.id).sort();
    expect([...visible.cardIds].sort()).toEqual(expected);
  });

  it('follows the scroll offset and the zoom', () => {
    const far = visibleItems(l, { x: 2000, y: 0, scale: 1, width: 600, height: 500 }, 0);
    expect(far.stages[0]?.index).toBe(Math.floor(2000 / METRICS.stageWidth));
    const zoomedOut = visibleItems(l, { x: 0, y: 0, scale: 0.25, width: 600, height: 500 }, 0);
    expect(zoomedOut.stages.length).toBe(10);
  });
});

describe('estimateLines', () => {
  it('wraps words and counts explicit new lines', () => {
    expect(estimateLines('', 200)).toBe(1);
    expect(estimateLines('one\ntwo\nthree', 200)).toBe(3);
    expect(estimateLines('word '.repeat(100), 200)).toBeGreaterThan(5);
    expect(estimateLines('x'.repeat(500), 100)).toBeGreaterThan(5);
  });
});

describe('culling with overscan', () => {
  const big = mapDoc({
    stages: Array.from({ length: 12 }, (_, i) => `Stage ${i}`),
    lanes: Array.from({ length: 10 }, (_, i) => ({ title: `Lane ${i}`, kind: 'text' as const })),
    cards: Array.from({ length: 600 }, (_, i) => ({ lane: i % 10, stage: Math.floor(i / 10) % 12, text: `Card ${i}` })),
  });
  const l = layoutModel(toModel(big), estimateLines);

  it('keeps the same set while small pans stay inside what it covers, and recomputes past it or on zoom', () => {
    const v = { x: 0, y: 0, scale: 1, width: 800, height: 600 };
    const first = visibleWithOverscan(null, l, v);
    expect(visibleWithOverscan(first, l, { ...v, x: 100, y: 120 })).toBe(first);
    const far = visibleWithOverscan(first, l, { ...v, x: 1200 });
    expect(far).not.toBe(first);
    expect(far.visible.stages[0]?.index).toBeGreaterThan(0);
    expect(visibleWithOverscan(first, l, { ...v, scale: 0.5 })).not.toBe(first);
    // Whatever is cached, every card on screen is in the set.
    const onScreen = [...l.cards.values()].filter((b) => b.x < 900 && b.x + b.width > 100 && b.y < 720 && b.y + b.height > 120).map((b) => b.id);
    const ids = new Set(visibleWithOverscan(first, l, { ...v, x: 100, y: 120 }).visible.cardIds);
    for (const id of onScreen) expect(ids.has(id)).toBe(true);
  });
});
