/** The overview's cards as plain data: each visible card's block and its fill (pure, unit-tested). */
import type { Card, LaneKind } from '../../../electron/api/types.ts';
import type { LaneBox, MapLayout, StageBox } from './layout.ts';

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
