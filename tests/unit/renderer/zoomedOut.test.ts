/**
 * The canvas zoomed out: the smallest zoom is the one at which the whole map fits the window (between 1% and
 * 20%), Fit shows all of it, and below 40% the canvas draws the overview (blocks, headers at a fixed size).
 */
import { describe, expect, it } from 'vitest';
import type { Card } from '../../../electron/api/types.ts';
import { hitAt } from '../../../renderer/src/canvas/hits.ts';
import { METRICS, layoutModel, type CardBox, type MeasureText } from '../../../renderer/src/canvas/layout.ts';
import { BLOCK_FILL, blocksByFill, mergedBlocks, mergedCellBlocks, mergesAt, placeLabels, quoteBlocks } from '../../../renderer/src/canvas/overview.ts';
import {
  DETAIL_MIN_SCALE,
  MIN_SCALE,
  MIN_SCALE_FLOOR,
  OVERVIEW_HEADER_SCALE,
  bodyViewport,
  clampScroll,
  detailAt,
  fitScale,
  fitToScreen,
  formatZoom,
  headerHeight,
  headerScale,
  headerWidth,
  minScale,
  toMap,
  zoomAt,
  zoomKeepingCorner,
  zoomToAt,
} from '../../../renderer/src/canvas/viewport.ts';
import { groupByCell, toModel } from '../../../renderer/src/store/mapModel.ts';
import { mapDoc } from './fixtures.ts';

const screen = { width: 1440, height: 900 };
const LW = METRICS.laneHeaderWidth;
const SH = METRICS.stageHeaderHeight;

/** Does the whole map (body and headers) lie inside the screen at this viewport? */
function fits(map: { width: number; height: number }, scale: number): boolean {
  const v = bodyViewport(0, 0, scale, screen);
  return headerWidth(scale) + map.width * scale <= screen.width + 1e-9 && headerHeight(scale) + map.height * scale <= screen.height + 1e-9 && v.width >= 0;
}

describe('level of detail', () => {
  it('draws full detail from 40% up and the overview below', () => {
    expect(DETAIL_MIN_SCALE).toBe(0.4);
    expect(detailAt(1)).toBe('full');
    expect(detailAt(0.4)).toBe('full');
    expect(detailAt(0.399)).toBe('overview');
    expect(detailAt(0.02)).toBe('overview');
    // Card text at the threshold is about 5 px: any further out it cannot be read.
    expect(METRICS.fontSize * DETAIL_MIN_SCALE).toBeCloseTo(5.2, 6);
  });

  it('keeps the headers at a fixed screen size zoomed out, scaled with the map above it, with no jump between', () => {
    expect(headerScale(1)).toBe(1);
    expect(headerScale(0.6)).toBe(0.6);
    expect(headerScale(0.61)).toBe(0.61);
    expect(headerScale(2)).toBe(2);
    // Across the switch to the overview (40%) the headers keep their size: the body does not jump.
    expect(headerScale(0.4)).toBe(headerScale(0.399));
    for (let z = 0.3; z < 0.7; z += 0.001) expect(Math.abs(headerWidth(z + 0.001) - headerWidth(z))).toBeLessThan(LW * 0.0011);
    for (const scale of [0.59, 0.5, 0.4, 0.39, 0.2, 0.05, 0.02]) {
      expect(headerScale(scale)).toBe(OVERVIEW_HEADER_SCALE);
      expect(headerWidth(scale)).toBeCloseTo(LW * 0.6, 9);
      expect(headerHeight(scale)).toBeCloseTo(SH * 0.6, 9);
    }
    expect(headerWidth(0.8)).toBe(LW * 0.8);
    expect(headerHeight(0.8)).toBe(SH * 0.8);
  });

  it('resolves screen points against the headers of the overview', () => {
    const doc = mapDoc({ stages: ['A', 'B'], lanes: [{ title: 'Actions', kind: 'text' }], cards: [{ lane: 0, stage: 1, text: 'x' }] });
    const layout = layoutModel(toModel(doc), () => 1);
    const v = bodyViewport(0, 0, 0.1, screen);
    // The stage row is 38.4 px tall at any overview zoom: a point 30 px down is still a stage header.
    expect(hitAt(layout, v, LW * 0.6 + METRICS.stageWidth * 0.1 * 1.5, 30)).toMatchObject({ area: 'stage-header', stageId: 's1' });
    expect(hitAt(layout, v, 100, 30)).toEqual({ area: 'corner' });
    expect(hitAt(layout, v, 100, 50)).toMatchObject({ area: 'lane-header', laneId: 'l0' });
    const p = toMap(v, LW * 0.6 + 10, SH * 0.6 + 10);
    expect(p.x).toBeCloseTo(100, 9);
    expect(p.y).toBeCloseTo(100, 9);
  });
});

describe('the smallest zoom', () => {
  it('is 20% for a map that fits at 20% or more', () => {
    expect(minScale({ width: 1000, height: 600 }, screen)).toBe(MIN_SCALE);
    expect(minScale({ width: 0, height: 0 }, screen)).toBe(MIN_SCALE);
  });

  it('is where the whole map fits, for a map too big for 20%', () => {
    for (const map of [
      { width: 12 * 248, height: 30_000 },
      { width: 40_000, height: 800 },
      { width: 9000, height: 9000 },
    ]) {
      const min = minScale(map, screen);
      expect(min).toBeLessThan(MIN_SCALE);
      expect(min).toBeGreaterThan(MIN_SCALE_FLOOR);
      expect(min).toBe(fitScale(map, screen));
      // Fitted with its margin, and no smaller than needed: 1% more and it would not fit with the margin.
      expect(fits({ width: map.width + 24, height: map.height + 24 }, min)).toBe(true);
      expect(fits({ width: map.width + 24, height: map.height + 24 }, min * 1.01)).toBe(false);
    }
    // A tall map is limited by the window's height beside the fixed stage row.
    expect(fitScale({ width: 3000, height: 30_000 }, screen)).toBeCloseTo((900 - SH * 0.6) / 30_024, 12);
    expect(fitScale({ width: 40_000, height: 800 }, screen)).toBeCloseTo((1440 - LW * 0.6) / 40_024, 12);
  });

  it('never goes below 0.1%, however big the map, and the 55,000-card map fits above it', () => {
    expect(minScale({ width: 3000, height: 50_000_000 }, screen)).toBe(MIN_SCALE_FLOOR);
    expect(MIN_SCALE_FLOOR).toBe(0.001);
    const huge = { width: 12 * 248, height: 230_000 };
    expect(minScale(huge, screen)).toBe(fitScale(huge, screen));
    expect(minScale(huge, screen)).toBeGreaterThan(MIN_SCALE_FLOOR);
    // Before the window is measured nothing fits: the floor, not a zero or negative zoom.
    expect(minScale({ width: 3000, height: 3000 }, { width: 0, height: 0 })).toBe(MIN_SCALE_FLOOR);
  });

  it('fits with the headers scaled with the map when it fits at 60% or more, and beside fixed headers below', () => {
    const map = { width: 2000, height: 1000 };
    const s = fitScale(map, screen);
    expect(s).toBeCloseTo(Math.min(1440 / (2024 + LW), 900 / (1024 + SH)), 12);
    expect(s).toBeGreaterThanOrEqual(0.6);
    expect(fits({ width: 2024, height: 1024 }, s)).toBe(true);
    // And when the window's height is what limits it.
    const high = fitScale({ width: 800, height: 1000 }, screen);
    expect(high).toBeCloseTo(900 / (1024 + SH), 12);
    // Between 40% and 60%: full detail, the headers at 60%, the map fitted beside them exactly.
    const mid = { width: 3000, height: 1500 };
    const m = fitScale(mid, screen);
    expect(m).toBeCloseTo(Math.min((1440 - LW * 0.6) / 3024, (900 - SH * 0.6) / 1524), 12);
    expect(detailAt(m)).toBe('full');
    expect(m).toBeLessThan(0.6);
    expect(fits({ width: 3024, height: 1524 }, m)).toBe(true);
    expect(fits({ width: 3024, height: 1524 }, m * 1.01)).toBe(false);
  });

  it('stops zoom out, Ctrl+wheel and the buttons at the map’s smallest zoom', () => {
    const map = { width: 12 * 248, height: 30_000 };
    const min = minScale(map, screen);
    const v = bodyViewport(0, 0, 1, screen);
    expect(zoomAt(v, 0.0001, 700, 400, screen, min).scale).toBe(min);
    expect(zoomToAt(v, 0, 700, 400, screen, min).scale).toBe(min);
    expect(zoomKeepingCorner(v, 0.001, screen, min).scale).toBe(min);
    // Stepping out one notch at a time ends there too.
    let z = v;
    for (let i = 0; i < 100; i++) z = zoomAt(z, 1 / 1.2, 700, 400, screen, min);
    expect(z.scale).toBe(min);
    // Without the map's own minimum, the old 20% floor still holds.
    expect(zoomAt(v, 0.0001, 700, 400, screen).scale).toBe(MIN_SCALE);
  });

  it('keeps the map point under the pointer while zooming into the overview', () => {
    const v = bodyViewport(400, 900, 0.5, screen);
    const before = toMap(v, 800, 500);
    const z = zoomAt(v, 0.5, 800, 500, screen, 0.05);
    expect(z.scale).toBe(0.25);
    const after = toMap(z, 800, 500);
    expect(after.x).toBeCloseTo(before.x, 9);
    expect(after.y).toBeCloseTo(before.y, 9);
  });
});

describe('Fit', () => {
  it('shows the last lane of a map taller than the window', () => {
    const lanes = [
      { title: 'Actions', kind: 'text' as const },
      { title: 'Touchpoints', kind: 'touchpoints' as const },
      { title: 'Thoughts', kind: 'text' as const },
      { title: 'Feelings', kind: 'emotion' as const },
    ];
    const stages = Array.from({ length: 12 }, (_, i) => `Stage ${i + 1}`);
    const cards = Array.from({ length: 3000 }, (_, i) => ({ lane: i % 3, stage: Math.floor(i / 3) % 12, text: `card ${i}` }));
    const layout = layoutModel(toModel(mapDoc({ stages, lanes, cards })), () => 1);
    expect(layout.height).toBeGreaterThan(10_000);
    const fit = clampScroll(fitToScreen(layout, screen), layout);
    expect(fit.scale).toBeLessThan(0.2);
    expect(fit.scale).toBe(minScale(layout, screen));
    const last = layout.lanes.at(-1);
    if (!last) throw new Error('no lanes');
    expect(fit.y + fit.height / fit.scale).toBeGreaterThanOrEqual(last.y + last.height);
    expect(fit.x + fit.width / fit.scale).toBeGreaterThanOrEqual(layout.width);
    expect(fit).toMatchObject({ x: 0, y: 0 });
  });

  it('is 100% for a map smaller than the window', () => {
    expect(fitToScreen({ width: 500, height: 300 }, screen).scale).toBe(1);
  });

  it('shows whole percents, and one decimal below 1%', () => {
    expect(formatZoom(1)).toBe('100%');
    expect(formatZoom(0.2)).toBe('20%');
    expect(formatZoom(0.0125)).toBe('1%');
    expect(formatZoom(0.0095)).toBe('1%');
    expect(formatZoom(0.00949)).toBe('0.9%');
    expect(formatZoom(0.0028)).toBe('0.3%');
    expect(formatZoom(0.001)).toBe('0.1%');
  });

  it('is the floor, not less, for a map too big even for 0.1%', () => {
    expect(fitToScreen({ width: 3000, height: 50_000_000 }, screen).scale).toBe(MIN_SCALE_FLOOR);
  });
});

describe('the overview’s blocks', () => {
  const doc = mapDoc({
    stages: ['A', 'B'],
    lanes: [
      { title: 'Actions', kind: 'text' },
      { title: 'Pains', kind: 'pains' },
    ],
    cards: [
      { lane: 0, stage: 0, text: 'a' },
      { lane: 0, stage: 1, text: 'b' },
      { lane: 1, stage: 1, text: 'pain' },
      { lane: 1, stage: 0, text: 'own colour' },
    ],
  });
  const model = toModel(doc);
  const own = model.cards.get('c3');
  if (!own) throw new Error('no card');
  const recoloured = { ...own, color: '#123456' };
  const cards = model.cards.withChanges([recoloured], []);
  const measure: MeasureText = () => 2;
  const layout = layoutModel({ ...model, cards, cardCells: groupByCell(cards.values()) }, measure);
  const kinds = new Map(layout.lanes.map((l) => [l.id, l.kind]));

  it('are the layout’s card rectangles, grouped by the lane’s fill or the card’s own colour', () => {
    const blocks = blocksByFill(layout, ['c0', 'c1', 'c2', 'c3'], cards, kinds);
    const rect = (id: string) => {
      const b = layout.cards.get(id);
      if (!b) throw new Error(id);
      return [b.x, b.y, b.width, b.height];
    };
    expect([...blocks.keys()]).toEqual([BLOCK_FILL.text, BLOCK_FILL.pains, '#123456']);
    expect(blocks.get(BLOCK_FILL.text)).toEqual([rect('c0'), rect('c1')]);
    expect(blocks.get(BLOCK_FILL.pains)).toEqual([rect('c2')]);
    expect(blocks.get('#123456')).toEqual([rect('c3')]);
  });

  it('hold only the cards asked for and known to the layout', () => {
    const blocks = blocksByFill(layout, ['c1', 'gone'], cards, kinds);
    expect([...blocks.entries()]).toEqual([[BLOCK_FILL.text, [[layout.cards.get('c1')?.x, layout.cards.get('c1')?.y, layout.cards.get('c1')?.width, layout.cards.get('c1')?.height]]]]);
    expect(blocksByFill(layout, [], cards, kinds).size).toBe(0);
  });

  it('are an evidence lane’s quote rows, in the stages asked for', () => {
    const lane = layout.lanes[1];
    const [s0, s1] = layout.stages;
    if (!lane || !s0 || !s1) throw new Error('no lane');
    const row = (quoteId: string, x: number, y: number) => ({ quoteId, x, y, width: 100, height: 20 });
    const cell = (stageId: string, rows: ReturnType<typeof row>[]) => ({ laneId: lane.id, stageId, summary: { x: 0, y: 0, width: 0, height: 0 }, rows, more: 0, moreY: 0 });
    const withQuotes = {
      ...layout,
      evidenceCells: new Map([
        [`${lane.id}|${s0.id}`, cell(s0.id, [row('q1', 10, 300), row('q2', 10, 330)])],
        [`${lane.id}|${s1.id}`, cell(s1.id, [row('q3', 260, 300)])],
      ]),
    };
    expect(quoteBlocks(withQuotes, lane, [s0, s1])).toEqual([
      [10, 300, 100, 20],
      [10, 330, 100, 20],
      [260, 300, 100, 20],
    ]);
    expect(quoteBlocks(withQuotes, lane, [s1])).toEqual([[260, 300, 100, 20]]);
    expect(quoteBlocks(layout, lane, [s0, s1])).toEqual([]);
  });

  it('take the lane’s fill for a card the layout has and the records do not (yet)', () => {
    const rest = cards.withChanges([], ['c2']);
    expect([...blocksByFill(layout, ['c2'], rest, kinds).keys()]).toEqual([BLOCK_FILL.pains]);
  });

  it('fall back to the text lane’s fill for a lane it does not know', () => {
    const blocks = blocksByFill(layout, ['c2'], cards, new Map());
    expect([...blocks.keys()]).toEqual([BLOCK_FILL.text]);
  });
});

describe('the overview’s merged blocks, far out', () => {
  const box = (id: string, y: number, height = 30): CardBox => ({ id, laneId: 'l0', stageId: 's0', index: 0, lines: 1, x: 10, y, width: 228, height });

  it('merge once a card gap is under a screen pixel', () => {
    expect(METRICS.cardGap).toBe(8);
    expect(mergesAt(0.124)).toBe(true);
    expect(mergesAt(0.125)).toBe(false);
    expect(mergesAt(0.4)).toBe(false);
  });

  it('make each run of one fill, stacked with the card gap, one rectangle; a new fill or a wider gap starts another', () => {
    const boxes = [box('a', 10), box('b', 48), box('c', 86), box('d', 124), box('e', 200), box('f', 238)];
    const fill = (b: CardBox) => (b.id === 'c' ? '#123456' : 'lane');
    const blocks = mergedCellBlocks(boxes, fill);
    expect([...blocks.entries()]).toEqual([
      ['lane', [[10, 10, 228, 68], [10, 124, 228, 30], [10, 200, 228, 68]]],
      ['#123456', [[10, 86, 228, 30]]],
    ]);
    // Kept per boxes array: the same array gives the very same answer; a new one is worked out again.
    expect(mergedCellBlocks(boxes, fill)).toBe(blocks);
    expect(mergedCellBlocks([...boxes], () => 'x').get('x')).toEqual([[10, 10, 228, 144], [10, 200, 228, 68]]);
    expect(mergedCellBlocks([], fill).size).toBe(0);
  });

  it('cover every card of the visible cells, in the card’s own colour or its lane’s', () => {
    const doc = mapDoc({
      stages: ['A', 'B'],
      lanes: [
        { title: 'Actions', kind: 'text' },
        { title: 'Pains', kind: 'pains' },
      ],
      cards: Array.from({ length: 40 }, (_, i) => ({ lane: i % 2, stage: Math.floor(i / 2) % 2, text: `card ${i}` })),
    });
    const model = toModel(doc);
    const red = { ...(model.cards.get('c5') as Card), color: '#ff0000' };
    const cards = model.cards.withChanges([red], []);
    const layout = layoutModel({ ...model, cards, cardCells: groupByCell(cards.values()) }, () => 1);
    const visible = { lanes: layout.lanes, stages: layout.stages };
    const blocks = mergedBlocks(layout, visible, cards);
    expect([...blocks.keys()].sort()).toEqual(['#ff0000', BLOCK_FILL.pains, BLOCK_FILL.text].sort());
    const inside = (b: CardBox, [x, y, w, h]: readonly number[]) => b.x >= (x ?? 0) && b.y >= (y ?? 0) && b.x + b.width <= (x ?? 0) + (w ?? 0) && b.y + b.height <= (y ?? 0) + (h ?? 0) + 1e-9;
    for (const b of layout.cards.values()) {
      const fill = b.id === 'c5' ? '#ff0000' : b.laneId === 'l1' ? BLOCK_FILL.pains : BLOCK_FILL.text;
      expect((blocks.get(fill) ?? []).some((r) => inside(b, r)), b.id).toBe(true);
    }
    // 40 cards in 4 cells: one rectangle a cell, but the red card (second in its cell) splits its cell in three.
    expect([...blocks.values()].reduce((n, list) => n + list.length, 0)).toBe(6);
    // Only the cells asked for.
    expect(mergedBlocks(layout, { lanes: layout.lanes.slice(0, 1), stages: layout.stages.slice(1) }, cards).get(BLOCK_FILL.text)).toHaveLength(1);
  });
});

describe('the overview’s lane names', () => {
  const label = 16;
  it('sit near the top of a tall row, pinned to its visible part until its end pushes them up', () => {
    expect(placeLabels([{ top: 100, height: 300 }], label, 40, 800)).toEqual([105]);
    // Scrolled so the row starts above the column's top: the name stays in view.
    expect(placeLabels([{ top: -500, height: 900 }], label, 40, 800)).toEqual([45]);
    // Its end has come up: the name rides on it.
    expect(placeLabels([{ top: -500, height: 565 }], label, 40, 800)).toEqual([65 - label - 5]);
    // But never above the column's top, into the stage row.
    expect(placeLabels([{ top: -500, height: 555 }], label, 40, 800)).toEqual([40]);
  });

  it('are centred on a row shorter than a name, and stack without overlapping when rows are too short', () => {
    expect(placeLabels([{ top: 100, height: 20 }], label, 40, 800)).toEqual([102]);
    const rows = [
      { top: 40, height: 400 },
      { top: 440, height: 10 },
      { top: 450, height: 4 },
      { top: 454, height: 4 },
    ];
    const y = placeLabels(rows, label, 40, 800);
    expect(y).toEqual([45, 437, 453, 469]);
    // In order, none overlapping.
    const placed = y.filter((v): v is number => v !== null);
    for (let i = 1; i < placed.length; i++) expect((placed[i] ?? 0) - (placed[i - 1] ?? 0)).toBeGreaterThanOrEqual(label);
  });

  it('keep the first name when the passes land it a rounding error above the top (stage names spread across a 4-stage map at Fit)', () => {
    // The header of 110.4 px and names 120 px wide: 110.4 + 120 - 120 is not exactly 110.4 in floating point.
    const columns = [0, 1, 2, 3].map((i) => ({ top: 110.4 + i * 7.888, height: 7.888 }));
    const x = placeLabels(columns, 120, 110.4, 980, 0);
    [110.4, 230.4, 350.4, 470.4].forEach((v, i) => expect(x[i]).toBeCloseTo(v, 9));
    expect(x[0]).toBeGreaterThanOrEqual(110.4);
  });

  it('push up from the bottom when the stack would run past it', () => {
    const rows = [
      { top: 40, height: 740 },
      { top: 780, height: 6 },
      { top: 786, height: 6 },
      { top: 792, height: 6 },
    ];
    expect(placeLabels(rows, label, 40, 800)).toEqual([45, 752, 768, 784]);
  });

  it('leave out only what cannot fit between the top and the bottom, and the rows not on screen', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ top: 40 + i * 2, height: 2 }));
    const y = placeLabels(rows, label, 40, 88);
    expect(y.filter((v) => v !== null)).toHaveLength(3);
    expect(y).toEqual([null, null, null, null, null, null, null, 40, 56, 72]);
    expect(placeLabels([{ top: -300, height: 200 }, { top: 900, height: 50 }, { top: 100, height: 50 }], label, 40, 800)).toEqual([null, null, 105]);
    expect(placeLabels([], label, 40, 800)).toEqual([]);
    // A row that ends where the column starts, or starts where it ends, is not on screen.
    expect(placeLabels([{ top: 0, height: 40 }, { top: 800, height: 50 }, { top: 40, height: 1 }, { top: 799, height: 1 }], label, 40, 800)).toEqual([null, null, 40, 784]);
  });
});
