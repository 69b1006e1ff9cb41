/**
 * What a PNG export draws, before any drawing: the band above the map (title, description, personas,
 * legend), the region of the whole map, of the selection and of the current view, the culling of a tile,
 * the marks where ink must be, the flat-tile check, file names — and preparePng on a real workspace's map
 * (the sample, read through maps.get into the renderer's store): its size from the layout, the refusals said
 * before starting, and a store frozen for the job.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../../electron/core/workspace.ts';
import { METRICS, estimateLines, layoutModel, visibleItems, type MapLayout } from '../../../renderer/src/canvas/layout.ts';
import { toScreen } from '../../../renderer/src/canvas/viewport.ts';
import { preparePng, pngFileName } from '../../../renderer/src/exports/png/prepare.ts';
import { BAND, MAP_FRAME, SELECTION_MARGIN, bandLayout, inkMarks, isFlat, mapRegion, marksInTile, selectionRegion, tileViewport, toScene, viewFrame, viewRegion } from '../../../renderer/src/exports/png/scene.ts';
import { PNG_LIMITS } from '../../../renderer/src/exports/png/tilePlan.ts';
import { toModel } from '../../../renderer/src/store/mapModel.ts';
import { createMapStore, type MapStore } from '../../../renderer/src/store/mapStore.ts';
import { mapDoc } from './fixtures.ts';

const LW = METRICS.laneHeaderWidth;
const SH = METRICS.stageHeaderHeight;

const small = toModel(
  mapDoc({
    stages: ['Discover', 'Buy', 'Use'],
    lanes: [
      { title: 'Actions', kind: 'text' },
      { title: 'Feelings', kind: 'emotion' },
      { title: 'Channels', kind: 'touchpoints' },
    ],
    cards: [
      { lane: 0, stage: 0, text: 'a' },
      { lane: 0, stage: 1, text: 'b' },
      { lane: 2, stage: 2, text: 'c' },
    ],
  }),
);
const layout: MapLayout = layoutModel(small, estimateLines);

describe('PNG scene: the band', () => {
  const persona = (i: number) => ({ id: `p${i}`, name: `Persona ${i}`, role: 'Shopper', color: null });

  it('stacks title, description, personas and legend', () => {
    const band = bandLayout({ title: 'Onboarding', description: '  First   order\nonline ', personas: [persona(0)], curves: true, width: 1000 });
    expect(band.title).toEqual({ x: BAND.padX, y: BAND.padTop, width: 1000 - 2 * BAND.padX, height: BAND.titleHeight, text: 'Onboarding' });
    expect(band.description).toEqual({ x: BAND.padX, y: BAND.padTop + BAND.titleHeight, width: 952, height: BAND.descriptionHeight, text: 'First order online' });
    const chipsTop = BAND.padTop + BAND.titleHeight + BAND.descriptionHeight + BAND.gap;
    expect(band.chips).toEqual([{ persona: persona(0), index: 0, x: BAND.padX, y: chipsTop, width: BAND.chipWidth, height: BAND.chipHeight }]);
    const legendTop = chipsTop + BAND.chipHeight + BAND.chipGap;
    expect(band.legend).toEqual({ x: BAND.padX, y: legendTop, width: 952, height: BAND.legendHeight, curves: true });
    expect(band.height).toBe(legendTop + BAND.legendHeight + BAND.padBottom);
    expect(band.width).toBe(1000);
  });

  it('leaves out an empty description and an empty row of personas', () => {
    const band = bandLayout({ title: 'T', description: ' \n ', personas: [], curves: false, width: 600 });
    expect(band.description).toBeNull();
    expect(band.chips).toEqual([]);
    expect(band.legend.y).toBe(BAND.padTop + BAND.titleHeight + BAND.gap);
    expect(band.legend.curves).toBe(false);
    expect(band.height).toBe(BAND.padTop + BAND.titleHeight + BAND.gap + BAND.legendHeight + BAND.padBottom);
  });

  it('wraps personas into rows that fit the width', () => {
    // 4 chips of 232 with gaps of 8 fit in 1,000 − 48 = 952: 4 × 232 + 3 × 8 = 952.
    const band = bandLayout({ title: 'T', description: '', personas: [0, 1, 2, 3, 4, 5].map(persona), curves: false, width: 1000 });
    expect(band.chips.map((c) => [c.x, c.y - (band.chips[0]?.y ?? 0)])).toEqual([
      [24, 0],
      [264, 0],
      [504, 0],
      [744, 0],
      [24, 48],
      [264, 48],
    ]);
    expect(band.legend.y).toBe((band.chips[0]?.y ?? 0) + 2 * (BAND.chipHeight + BAND.chipGap));
    const three = bandLayout({ title: 'T', description: '', personas: [0, 1, 2, 3].map(persona), curves: false, width: 999 });
    expect(three.chips.map((c) => c.x)).toEqual([24, 264, 504, 24]);
  });

  it('keeps one narrower chip a row on a narrow map', () => {
    const band = bandLayout({ title: 'T', description: '', personas: [0, 1].map(persona), curves: false, width: 200 });
    expect(band.chips.map((c) => [c.x, c.width])).toEqual([
      [24, 152],
      [24, 152],
    ]);
    expect(band.chips[1]?.y).toBe((band.chips[0]?.y ?? 0) + BAND.chipHeight + BAND.chipGap);
    expect(bandLayout({ title: 'T', description: '', personas: [], curves: false, width: 10 }).title.width).toBe(1);
  });
});

describe('PNG scene: regions', () => {
  it('takes the whole map with the band above it', () => {
    expect(mapRegion(layout, 150)).toEqual({ x: 0, y: -150, width: LW + layout.width, height: 150 + SH + layout.height });
    expect(mapRegion({ width: 0, height: 0 }, 0)).toEqual({ x: 0, y: 0, width: LW, height: SH });
    expect(viewRegion({ width: 1200, height: 700 })).toEqual({ x: 0, y: 0, width: 1200, height: 700 });
  });

  it('takes the selection with a margin, inside the map', () => {
    const m = SELECTION_MARGIN;
    const c0 = layout.cards.get('c0');
    const c1 = layout.cards.get('c1');
    if (!c0 || !c1) throw new Error('cards laid out');
    expect(selectionRegion(layout, { kind: 'cards', ids: ['c0'] })).toEqual({ x: LW + c0.x - m, y: SH + c0.y - m, width: c0.width + 2 * m, height: c0.height + 2 * m });
    expect(selectionRegion(layout, { kind: 'cards', ids: ['c1', 'c0', 'gone'] })).toEqual({ x: LW + c0.x - m, y: SH + c0.y - m, width: c1.x + c1.width - c0.x + 2 * m, height: c0.height + 2 * m });
    expect(selectionRegion(layout, { kind: 'cards', ids: ['gone'] })).toBeNull();
    // Cards in different lanes: from the highest top to the lowest bottom.
    const c2 = layout.cards.get('c2');
    if (!c2) throw new Error('cards laid out');
    // (c2 is in the last stage and lane: the margin stops at the map's right and bottom edges.)
    expect(selectionRegion(layout, { kind: 'cards', ids: ['c2', 'c0'] })).toEqual({ x: LW + c0.x - m, y: SH + c0.y - m, width: LW + layout.width - (LW + c0.x - m), height: Math.min(SH + layout.height, SH + c2.y + c2.height + m) - (SH + c0.y - m) });
    expect(SH + c2.y + c2.height + m).toBeGreaterThan(SH + layout.height);
    expect(selectionRegion(layout, { kind: 'cards', ids: ['c0', 'c2'] })).toEqual(selectionRegion(layout, { kind: 'cards', ids: ['c2', 'c0'] }));
    const cell = layout.cells.get('l1|s1');
    if (!cell) throw new Error('cell laid out');
    expect(selectionRegion(layout, { kind: 'emotion', cell: { laneId: 'l1', stageId: 's1' } })).toEqual({ x: LW + cell.x - m, y: SH + cell.y - m, width: cell.width + 2 * m, height: cell.height + 2 * m });
    expect(selectionRegion(layout, { kind: 'cell', cell: { laneId: 'l9', stageId: 's1' } })).toBeNull();
    // A stage with its header, a lane with its own: clipped to the map at its edges.
    const s2 = layout.stages[2];
    if (!s2) throw new Error('stage laid out');
    expect(selectionRegion(layout, { kind: 'stage', id: 's2' })).toEqual({ x: LW + s2.x - m, y: 0, width: s2.width + m, height: SH + layout.height });
    expect(selectionRegion(layout, { kind: 'stage', id: 'nope' })).toBeNull();
    const l0 = layout.lanes[0];
    if (!l0) throw new Error('lane laid out');
    expect(selectionRegion(layout, { kind: 'lane', id: 'l0' })).toEqual({ x: 0, y: SH + l0.y - m, width: LW + layout.width, height: l0.height + 2 * m });
    expect(selectionRegion(layout, { kind: 'lane', id: 'nope' })).toBeNull();
    const l2 = layout.lanes[2];
    if (!l2) throw new Error('lane laid out');
    expect(selectionRegion(layout, { kind: 'lane', id: 'l2' })).toEqual({ x: 0, y: SH + l2.y - m, width: LW + layout.width, height: Math.min(l2.height + 2 * m, SH + layout.height - (SH + l2.y - m)) });
    // The margin reaches into the stage header, and stops at the map's edges (here its top).
    expect(selectionRegion(layout, { kind: 'cell', cell: { laneId: 'l0', stageId: 's0' } })).toEqual({ x: LW - m, y: SH - m, width: 248 + 2 * m, height: (layout.cells.get('l0|s0')?.height ?? 0) + 2 * m });
    expect(selectionRegion(layout, { kind: 'stage', id: 's0' })).toMatchObject({ y: 0, height: SH + layout.height });
    expect(selectionRegion(layout, { kind: 'none' })).toBeNull();
  });
});

describe('PNG scene: frames and culling', () => {
  it('draws the whole map as the canvas at 100% scrolled to its start', () => {
    expect(MAP_FRAME).toEqual({ kind: 'map', bodyX: LW, bodyY: SH, zoom: 1, viewTop: 0 });
    expect(toScene(MAP_FRAME, { x: 10, y: 20, width: 30, height: 40 })).toEqual({ x: LW + 10, y: SH + 20, width: 30, height: 40 });
  });

  it('draws the current view where the canvas puts it on screen', () => {
    const v = { x: 120, y: 300, scale: 0.5, width: 900, height: 600 };
    const frame = viewFrame(v);
    // At 50% the headers are drawn at the overview's scale (60%, never smaller), as on screen.
    expect(frame).toEqual({ kind: 'view', bodyX: LW * 0.6 - 60, bodyY: SH * 0.6 - 150, zoom: 0.5, viewTop: 300 });
    const r = { x: 400, y: 500, width: 100, height: 60 };
    expect(toScene(frame, r)).toEqual(toScreen(v, r));
  });

  it('culls a tile to what it shows, in body coordinates', () => {
    expect(tileViewport(MAP_FRAME, { x: LW + 100, y: SH + 50, width: 300, height: 200 })).toEqual({ x: 100, y: 50, scale: 1, width: 300, height: 200 });
    const v = { x: 120, y: 300, scale: 2, width: 900, height: 600 };
    const tile = tileViewport(viewFrame(v), { x: 0, y: 0, width: 1000, height: 800 });
    expect(tile).toEqual({ x: 120 - LW, y: 300 - SH, scale: 2, width: 1000, height: 800 });
    // The first tile of a whole map holds the first stage and lane; one far to the right, neither.
    const first = visibleItems(layout, tileViewport(MAP_FRAME, { x: 0, y: -100, width: 400, height: 300 }), 0);
    expect(first.stages.map((s) => s.id)).toEqual(['s0']);
    expect(first.cardIds).toContain('c0');
    const right = visibleItems(layout, tileViewport(MAP_FRAME, { x: LW + 2 * 248 + 10, y: 0, width: 100, height: 2000 }), 0);
    expect(right.stages.map((s) => s.id)).toEqual(['s2']);
    expect(right.cardIds).toEqual(['c2']);
  });
});

describe('PNG scene: ink', () => {
  const band = bandLayout({ title: 'Onboarding', description: '', personas: [], curves: false, width: LW + layout.width });

  it('marks the title, each stage header and each card', () => {
    const marks = inkMarks(layout, MAP_FRAME, band);
    expect(marks[0]).toEqual({ what: 'the title', x: BAND.padX, y: BAND.padTop - band.height, width: 60, height: BAND.titleHeight });
    expect(marks.filter((m) => m.what === 'a stage header').map((m) => m.x)).toEqual([LW + 2, LW + 250, LW + 498]);
    expect(marks.find((m) => m.what === 'a stage header')).toMatchObject({ y: 0, width: 244, height: 32 });
    expect(marks.filter((m) => m.what.startsWith('the card')).map((m) => m.what)).toEqual(['the card c0', 'the card c1', 'the card c2']);
    expect(marks.find((m) => m.what === 'the card c0')).toMatchObject(toScene(MAP_FRAME, layout.cards.get('c0') ?? { x: 0, y: 0, width: 0, height: 0 }));
    expect(inkMarks(layout, MAP_FRAME, bandLayout({ title: ' ', description: '', personas: [], curves: false, width: 500 }))[0]?.what).toBe('a stage header');
    expect(inkMarks(layout, MAP_FRAME, null)).toHaveLength(6);
    const short = bandLayout({ title: 'T', description: '', personas: [], curves: false, width: 70 });
    expect(inkMarks(layout, MAP_FRAME, short)[0]?.width).toBe(22);
  });

  it('leaves out what the sticky headers cover in the current view', () => {
    // Scrolled right by a stage and down past the first lane: stage 0 and card c0 are under the headers.
    const frame = viewFrame({ x: 250, y: (layout.lanes[1]?.y ?? 0) - 1, scale: 1, width: 800, height: 600 });
    const marks = inkMarks(layout, frame, null);
    expect(marks.filter((m) => m.what === 'a stage header').map((m) => m.x)).toEqual([LW + 248 + 2 - 250, LW + 496 + 2 - 250]);
    expect(marks.map((m) => m.what)).not.toContain('the card c0');
    expect(marks.map((m) => m.what)).not.toContain('the card c1');
    expect(marks.map((m) => m.what)).toContain('the card c2');
  });

  it('places the marks of the current view where the canvas draws at its zoom, none under the sticky headers', () => {
    const c0 = layout.cards.get('c0');
    if (!c0) throw new Error('cards laid out');
    // At 200%, scrolled so that card c0's left edge is exactly at the lane headers' edge.
    const frame = viewFrame({ x: c0.x, y: 0, scale: 2, width: 800, height: 600 });
    const marks = inkMarks(layout, frame, null);
    const stages = marks.filter((m) => m.what === 'a stage header');
    // Stage 0's bar starts under the corner (at 2 × (184 − 10 + 2) = 352 < 368): left out; stage 1's is drawn.
    expect(stages[0]).toEqual({ what: 'a stage header', x: 2 * (LW - c0.x + 248 + 2), y: 0, width: 2 * 244, height: 64 });
    expect(stages).toHaveLength(2);
    expect(marks.find((m) => m.what === 'the card c0')).toEqual({ what: 'the card c0', x: 2 * LW, y: 2 * (SH + c0.y), width: 2 * c0.width, height: 2 * c0.height });
    // One unit further right, the card is partly under the lane headers: left out.
    const past = inkMarks(layout, viewFrame({ x: c0.x + 1, y: 0, scale: 2, width: 800, height: 600 }), null);
    expect(past.map((m) => m.what)).not.toContain('the card c0');
    // Scrolled down so that c0's top is under the stage headers: left out too.
    const below = inkMarks(layout, viewFrame({ x: 0, y: c0.y + 1, scale: 2, width: 800, height: 600 }), null);
    expect(below.map((m) => m.what)).not.toContain('the card c0');
    expect(inkMarks(layout, viewFrame({ x: 0, y: c0.y, scale: 2, width: 800, height: 600 }), null).map((m) => m.what)).toContain('the card c0');
  });

  it('checks the marks a tile holds whole, in its own pixels', () => {
    const marks = [
      { what: 'a', x: 10, y: 10, width: 20, height: 10 },
      { what: 'cut', x: 95, y: 10, width: 20, height: 10 },
      { what: 'thin', x: 40, y: 40, width: 0.4, height: 10 },
      { what: 'b', x: 50.5, y: 60, width: 10, height: 10 },
      { what: 'c', x: 0, y: 0, width: 100, height: 100 },
      { what: 'd', x: 1, y: 1, width: 3, height: 3 },
    ];
    const tile = { x: 0, y: 0, width: 100, height: 100 };
    expect(marksInTile(marks, tile, 2)).toEqual([
      { what: 'a', x: 20, y: 20, width: 40, height: 20 },
      { what: 'b', x: 101, y: 120, width: 20, height: 20 },
      { what: 'c', x: 0, y: 0, width: 200, height: 200 },
      { what: 'd', x: 2, y: 2, width: 6, height: 6 },
    ]);
    expect(marksInTile(marks, tile, 2, 2).map((m) => m.what)).toEqual(['a', 'b']);
    expect(marksInTile(marks, { x: 10, y: 10, width: 20, height: 10 }, 1)).toEqual([{ what: 'a', x: 0, y: 0, width: 20, height: 10 }]);
    expect(marksInTile(marks, { x: 11, y: 10, width: 20, height: 10 }, 1)).toEqual([]);
    expect(marksInTile(marks, { x: 10, y: 11, width: 20, height: 10 }, 1)).toEqual([]);
    expect(marksInTile(marks, { x: 10, y: 10, width: 19, height: 10 }, 1)).toEqual([]);
    expect(marksInTile(marks, { x: 10, y: 10, width: 20, height: 9 }, 1)).toEqual([]);
    expect(marksInTile([{ what: 'e', x: 0, y: 0, width: 1, height: 5 }], tile, 1)).toEqual([]);
    expect(marksInTile([{ what: 'e', x: 0, y: 0, width: 5, height: 1 }], tile, 1)).toEqual([]);
    expect(marksInTile([{ what: 'e', x: 0.5, y: 0, width: 1, height: 5 }], tile, 1)).toHaveLength(1);
    expect(marksInTile([{ what: 'e', x: 0, y: 0, width: 2, height: 2 }], tile, 1)).toHaveLength(1);
    expect(marksInTile([{ what: 'e', x: 10, y: 10, width: 1, height: 5 }], tile, 1)).toEqual([]);
    expect(marksInTile([{ what: 'e', x: 10, y: 10, width: 5, height: 1 }], tile, 1)).toEqual([]);
  });

  it('finds a flat rectangle of pixels, and ink in any one pixel of it', () => {
    const width = 6;
    const data = new Uint8ClampedArray(width * 4 * 4).fill(255);
    const rect = { x: 1, y: 1, width: 4, height: 2 };
    expect(isFlat(data, width, rect)).toBe(true);
    // Ink outside the rectangle does not count; inside, any channel of any pixel does.
    data[(0 * width + 0) * 4] = 0;
    data[(3 * width + 5) * 4 + 1] = 0;
    data[(1 * width + 5) * 4 + 2] = 0;
    data[(3 * width + 2) * 4] = 0; // just below it
    data[(0 * width + 5) * 4] = 0; // just above its far corner
    expect(isFlat(data, width, rect)).toBe(true);
    for (const [x, y, channel] of [
      [1, 1, 0],
      [4, 1, 3],
      [1, 2, 1],
      [4, 2, 2],
    ] as const) {
      const copy = data.slice();
      copy[(y * width + x) * 4 + channel] = 17;
      expect(isFlat(copy, width, rect)).toBe(false);
    }
    // A flat rectangle of another colour is flat too, and so is a blank (transparent) one.
    expect(isFlat(new Uint8ClampedArray(width * 16), width, rect)).toBe(true);
    const view = new Uint8Array(new ArrayBuffer(8 + width * 16), 8, width * 16);
    view[(2 * width + 2) * 4] = 9;
    expect(isFlat(view, width, rect)).toBe(false);
  });

  it('names the file after the map, without characters a file system refuses', () => {
    expect(pngFileName('First online grocery order', 'map')).toBe('First online grocery order.png');
    expect(pngFileName('a/b\\c:d*e?"f<g>h|i\u0001j', 'selection')).toBe('a b c d e f g h i j (selection).png');
    expect(pngFileName('...hidden', 'view')).toBe('hidden (view).png');
    expect(pngFileName('  ', 'map')).toBe('Journey map.png');
    expect(pngFileName('x'.repeat(300), 'map')).toBe(`${'x'.repeat(120)}.png`);
    expect(pngFileName(`${'y'.repeat(119)} z`, 'map')).toBe(`${'y'.repeat(119)}.png`);
  });
});

describe('PNG export prepared from a real workspace', () => {
  let dir = '';
  let ws: Workspace;
  let store: MapStore;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-png-prepare-'));
    ws = Workspace.open(path.join(dir, 'w.waymark'), { sample: true });
    const [summary] = await ws.call('maps.list', {});
    store = createMapStore(await ws.call('maps.get', { id: summary?.id ?? '' }), { call: (name, input) => ws.call(name, input), report: () => undefined });
  });
  afterAll(() => {
    ws.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('plans the whole sample map at 2×: the layout’s full bounds and the band, times two', () => {
    const prepared = preparePng(store, { what: 'map', scale: 2, transparent: false }, null, { measure: estimateLines });
    if (!prepared.ok) throw new Error(prepared.message);
    const { job } = prepared;
    const state = store.getState();
    const own = layoutModel(state, estimateLines);
    expect(job.band?.title.text).toBe(state.map.title);
    expect(job.band?.chips.map((c) => c.persona.name)).toEqual(state.personas.map((p) => p.name));
    expect(job.band?.legend.curves).toBe(true);
    expect(job.plan.width).toBe((LW + own.width) * 2);
    expect(job.plan.height).toBe(((job.band?.height ?? 0) + SH + own.height) * 2);
    expect(job.plan.region).toEqual({ x: 0, y: -(job.band?.height ?? 0), width: LW + own.width, height: (job.band?.height ?? 0) + SH + own.height });
    expect(job.fileName).toBe(`${state.map.title}.png`);
    expect(job.marks[0]?.what).toBe('the title');
    expect(job.frame).toEqual(MAP_FRAME);
    expect(job.transparent).toBe(false);
  });

  it('freezes the map for the job: later edits are not drawn half way', () => {
    const prepared = preparePng(store, { what: 'map', scale: 1, transparent: true }, null, { measure: estimateLines });
    if (!prepared.ok) throw new Error(prepared.message);
    const before = prepared.job.store.getState();
    store.setState({ selection: { kind: 'stage', id: 'x' } });
    expect(prepared.job.store.getState()).toBe(before);
    expect(prepared.job.store.getState().selection.kind).not.toBe('stage');
    store.setState({ selection: { kind: 'none' } });
    expect(prepared.job.transparent).toBe(true);
  });

  it('refuses the selection when nothing is selected, and the view away from the canvas', () => {
    store.setState({ selection: { kind: 'none' } });
    expect(preparePng(store, { what: 'selection', scale: 2, transparent: false }, null, { measure: estimateLines })).toEqual({
      ok: false,
      message: 'Nothing is selected: select cards, a cell, a stage or a lane first.',
      plan: null,
    });
    const refusal = { ok: false, message: 'The current view is the canvas on screen: switch to the canvas first.', plan: null };
    expect(preparePng(store, { what: 'view', scale: 2, transparent: false }, null, { measure: estimateLines })).toEqual(refusal);
    const own = layoutModel(store.getState(), estimateLines);
    const viewport = { x: 0, y: 0, scale: 1, width: 0, height: 600 };
    expect(preparePng(store, { what: 'view', scale: 2, transparent: false }, { layout: own, viewport, screen: { width: 0, height: 600 } }, { measure: estimateLines })).toEqual(refusal);
    expect(preparePng(store, { what: 'view', scale: 2, transparent: false }, { layout: own, viewport, screen: { width: 800, height: 0 } }, { measure: estimateLines })).toEqual(refusal);
  });

  it('plans the selection and the view', () => {
    const state = store.getState();
    const own = layoutModel(state, estimateLines);
    const stage = own.stages[1];
    if (!stage) throw new Error('the sample has stages');
    store.setState({ selection: { kind: 'stage', id: stage.id } });
    const selection = preparePng(store, { what: 'selection', scale: 3, transparent: false }, null, { measure: estimateLines });
    if (!selection.ok) throw new Error(selection.message);
    expect(selection.job.band).toBeNull();
    expect(selection.job.plan.width).toBe((stage.width + 2 * SELECTION_MARGIN) * 3);
    expect(selection.job.fileName).toBe(`${state.map.title} (selection).png`);
    store.setState({ selection: { kind: 'none' } });
    const viewport = { x: 40, y: 10, scale: 0.8, width: 900, height: 500 };
    const view = preparePng(store, { what: 'view', scale: 2, transparent: false }, { layout: own, viewport, screen: { width: 1000, height: 560 } }, { measure: estimateLines });
    if (!view.ok) throw new Error(view.message);
    expect([view.job.plan.width, view.job.plan.height]).toEqual([2000, 1120]);
    expect(view.job.frame).toEqual(viewFrame(viewport));
    expect(view.job.layout).toBe(own);
  });

  it('says before starting that a map is too big, and the largest scale that fits', () => {
    const limits = { ...PNG_LIMITS, maxSide: 4000 };
    const prepared = preparePng(store, { what: 'map', scale: 3, transparent: false }, null, { measure: estimateLines, limits });
    if (prepared.ok) throw new Error('planned');
    expect(prepared.message).toMatch(/^This map at 3× would be [\d,]+ × [\d,]+ pixels, more than the 4,000 pixels a side that image viewers open\. Export it at [12]× instead\.$/);
    expect(prepared.plan).toMatchObject({ ok: false, reason: 'side' });
  });
});
