/** The overview's cards as plain data: each visible card's block and its fill (pure, unit-tested). */
import type { Card, LaneKind } from '../../../electron/api/types.ts';
import { METRICS, type CardBox, type LaneBox, type MapLayout, type StageBox, type VisibleSet } from './layout.ts';

/** A block's fill per lane kind: the card fills, deeper, so a few pixels still read against the lane. */
export const BLOCK_FILL: Record<LaneKind, string> = {
  text: '#efd56a',
  touchpoints: '#9dbdf2',
  emotion: '#c9d1de',
  pains: '#ef9a96',
  opportunities: '#93d3a2',
  evidence: '#c5b6f2',
  metrics: '#c9d1de',
  owners: '#c9d1de',
  backstage: '#bcb0e6',
  images: '#c9d1de',
};

export type Block = readonly [x: number, y: number, width: number, height: number];

/** The visible cards' rectangles grouped by fill (a card's own colour wins over its lane's). */
export function blocksByFill(layout: MapLayout, cardIds: readonly string[], cards: ReadonlyMap<string, Card>, laneKind: ReadonlyMap<string, LaneKind>): Map<string, Block[]> {
  const byFill = new Map<string, Block[]>();
  for (const id of cardIds) {
    const box = layout.cards.get(id);
    if (!box) continue;
    const fill = cards.get(id)?.color ?? BLOCK_FILL[laneKind.get(box.laneId) ?? 'text'];
    let list = byFill.get(fill);
    if (!list) byFill.set(fill, (list = []));
    list.push([box.x, box.y, box.width, box.height]);
  }
  return byFill;
}

/**
 * Far enough out (a card gap under one screen pixel), a cell's blocks merge: each run of cards of one fill,
 * stacked one below the other, is one rectangle from the first's top to the last's bottom. A 55,000-card map
 * at Fit is then a few hundred rectangles, not 55,000 sub-pixel ones, and looks the same.
 */
export const mergesAt = (scale: number): boolean => scale * METRICS.cardGap < 1;

const mergedCache = new WeakMap<readonly CardBox[], Map<string, Block[]>>();

/** One cell's boxes (top to bottom) as merged runs, by fill; cached per boxes array (a layout's placement of the cell). */
export function mergedCellBlocks(boxes: readonly CardBox[], fillOf: (box: CardBox) => string): ReadonlyMap<string, readonly Block[]> {
  const cached = mergedCache.get(boxes);
  if (cached) return cached;
  const byFill = new Map<string, Block[]>();
  let run: { fill: string; x: number; y: number; width: number; bottom: number } | null = null;
  const flush = () => {
    if (!run) return;
    let list = byFill.get(run.fill);
    if (!list) byFill.set(run.fill, (list = []));
    list.push([run.x, run.y, run.width, run.bottom - run.y]);
  };
  for (const box of boxes) {
    const fill = fillOf(box);
    if (run && run.fill === fill && box.y - run.bottom <= METRICS.cardGap + 0.5) run.bottom = box.y + box.height;
    else {
      flush();
      run = { fill, x: box.x, y: box.y, width: box.width, bottom: box.y + box.height };
    }
  }
  flush();
  mergedCache.set(boxes, byFill);
  return byFill;
}

/** The visible cells' merged blocks, by fill (see mergesAt): what the overview draws far out. */
export function mergedBlocks(layout: MapLayout, visible: Pick<VisibleSet, 'lanes' | 'stages'>, cards: ReadonlyMap<string, Card>): Map<string, Block[]> {
  const byFill = new Map<string, Block[]>();
  for (const lane of visible.lanes) {
    const laneFill = BLOCK_FILL[lane.kind];
    for (const stage of visible.stages) {
      const boxes = layout.cardsInCell(`${lane.id}|${stage.id}`);
      if (boxes.length === 0) continue;
      for (const [fill, blocks] of mergedCellBlocks(boxes, (b) => cards.get(b.id)?.color ?? laneFill)) {
        const list = byFill.get(fill);
        if (list) list.push(...blocks);
        else byFill.set(fill, [...blocks]);
      }
    }
  }
  return byFill;
}

/** An evidence lane's quote rows in the given stages, as blocks. */
export function quoteBlocks(layout: MapLayout, lane: LaneBox, stages: readonly StageBox[]): Block[] {
  return stages.flatMap((s) => (layout.evidenceCells.get(`${lane.id}|${s.id}`)?.rows ?? []).map((r): Block => [r.x, r.y, r.width, r.height]));
}

/** A row of the lane column on screen (px): its top and height. */
export interface LabelRow {
  top: number;
  height: number;
}

/**
 * Where each lane's name goes in the overview's lane column (its top, px), or null when there is no room. A
 * name sits in its own row — near the top of the row's part on screen, or centred on a row shorter than the
 * name — and where rows are too short for their names, the names stack down (then up, from `bottom`) so
 * that none overlaps another: each stays as close to its row as the others allow. Only names that cannot fit
 * between `top` and `bottom` at all are left out.
 */
export function placeLabels(rows: readonly LabelRow[], label: number, top: number, bottom: number, inset = 5): (number | null)[] {
  // Only rows with some part on screen get a name (culling hands over a margin of rows beyond it).
  const shown = rows.flatMap((r, i) => (r.top + r.height > top && r.top < bottom ? [i] : []));
  const y = shown.map((i) => {
    const r = rows[i] as LabelRow;
    if (r.height < label + 2 * inset) return r.top + r.height / 2 - label / 2;
    // Pinned to the top of the row's visible part until the row's end pushes it up.
    return Math.min(Math.max(r.top, top) + inset, r.top + r.height - label - inset);
  });
  for (let k = 0; k < y.length; k++) y[k] = Math.max(y[k] ?? 0, k === 0 ? top : (y[k - 1] ?? 0) + label);
  for (let k = y.length - 1; k >= 0; k--) y[k] = Math.min(y[k] ?? 0, k === y.length - 1 ? bottom - label : (y[k + 1] ?? 0) - label);
  // Both passes keep neighbours a name's height apart: only names pushed up past the top are left out.
  const placed: (number | null)[] = rows.map(() => null);
  shown.forEach((i, k) => {
    const v = y[k] ?? 0;
    // (Give or take rounding: the passes add and subtract label heights, so a name at the very top may land a hair above it.)
    if (v >= top - 1e-6) placed[i] = Math.max(v, top);
  });
  return placed;
}
