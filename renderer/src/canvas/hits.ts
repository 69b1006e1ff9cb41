/**
 * What is under a screen point, from the layout alone (no Konva hit graph): the canvas's layers do not
 * listen for events, so thousands of cards cost nothing here.
 */
import { METRICS, hitTest, type MapLayout, type Viewport } from './layout.ts';
import { headerHeight, headerScale, headerWidth, toMap } from './viewport.ts';

/** How close (screen px) the pointer must be to an edge to resize, or to an emotion point to grab it. */
export const EDGE_GRAB = 5;
export const POINT_GRAB = 12;
/** The collapse toggle occupies the left of each lane header. */
export const COLLAPSE_TOGGLE_WIDTH = 26;

export type Hit =
  | { area: 'corner' }
  | { area: 'stage-header'; stageId: string; index: number; edge: boolean }
  | { area: 'lane-header'; laneId: string; index: number; edge: boolean; toggle: boolean }
  | { area: 'emotion'; laneId: string; stageId: string; onPoint: boolean; x: number; y: number }
  | { area: 'body'; laneId: string; stageId: string; cardId: string | null; x: number; y: number }
  | { area: 'empty'; x: number; y: number };

export function hitAt(layout: MapLayout, v: Viewport, sx: number, sy: number): Hit {
  const hw = headerWidth(v.scale);
  const hh = headerHeight(v.scale);
  const p = toMap(v, sx, sy);
  if (sx < hw && sy < hh) return { area: 'corner' };
  if (sy < hh) {
    const index = layout.stages.findIndex((s) => p.x >= s.x - EDGE_GRAB / v.scale && p.x < s.x + s.width + EDGE_GRAB / v.scale);
    // Prefer the right edge of the stage on the left when the pointer is on a boundary.
    for (const [i, s] of layout.stages.entries()) {
      if (Math.abs(p.x - (s.x + s.width)) * v.scale <= EDGE_GRAB) return { area: 'stage-header', stageId: s.id, index: i, edge: true };
    }
    const stage = layout.stages[index];
    return stage ? { area: 'stage-header', stageId: stage.id, index, edge: false } : { area: 'empty', ...p };
  }
  if (sx < hw) {
    for (const [i, l] of layout.lanes.entries()) {
      if (Math.abs(p.y - (l.y + l.height)) * v.scale <= EDGE_GRAB && !l.collapsed) {
        return { area: 'lane-header', laneId: l.id, index: i, edge: true, toggle: false };
      }
    }
    const index = layout.lanes.findIndex((l) => p.y >= l.y && p.y < l.y + l.height);
    const lane = layout.lanes[index];
    if (!lane) return { area: 'empty', ...p };
    // The toggle sits at the top of the lane's visible part (the title is pinned there while scrolling), in the
    // headers' own units (headerScale), which are `hs / scale` map units each.
    const hs = headerScale(v.scale);
    const unit = hs / v.scale;
    const top = lane.collapsed ? lane.y : lane.y + Math.max(0, Math.min(v.y - lane.y, lane.height - 52 * unit));
    const toggle = sx < COLLAPSE_TOGGLE_WIDTH * hs && p.y < top + 32 * unit;
    return { area: 'lane-header', laneId: lane.id, index, edge: false, toggle };
  }
  const hit = hitTest(layout, p.x, p.y);
  if (!hit) return { area: 'empty', ...p };
  const lane = layout.lanes.find((l) => l.id === hit.laneId);
  if (lane?.kind === 'emotion' && !lane.collapsed) {
    const point = layout.curves.get(lane.id)?.find((c) => c.stageId === hit.stageId);
    const onPoint = point !== undefined && Math.hypot(point.x - p.x, point.y - p.y) * v.scale <= POINT_GRAB;
    return { area: 'emotion', laneId: hit.laneId, stageId: hit.stageId, onPoint, ...p };
  }
  return { area: 'body', laneId: hit.laneId, stageId: hit.stageId, cardId: hit.cardId, ...p };
}

/**
 * The metric whose number is at map point (x, y) of a metrics lane: a line of a stage's numbers, or the stage's
 * bar in the funnel (the count it draws). Null elsewhere in the lane.
 */
export function metricAt(layout: MapLayout, laneId: string, x: number, y: number): string | null {
  const lane = layout.metrics.get(laneId);
  if (!lane) return null;
  const inside = (b: { x: number; y: number; width: number; height: number }) => x >= b.x && x < b.x + b.width && y >= b.y && y < b.y + b.height;
  return lane.lines.find(inside)?.metricId ?? lane.bars.find(inside)?.metricId ?? null;
}

/** Where a stage dragged to map x lands: the index among the other stages. */
export function stageDropIndex(layout: MapLayout, movingId: string, x: number): number {
  const others = layout.stages.filter((s) => s.id !== movingId);
  return others.filter((s) => x > s.x + s.width / 2).length;
}

/** Where a lane dragged to map y lands: the index among the other lanes. */
export function laneDropIndex(layout: MapLayout, movingId: string, y: number): number {
  const others = layout.lanes.filter((l) => l.id !== movingId);
  return others.filter((l) => y > l.y + l.height / 2).length;
}

export const MIN_STAGE_WIDTH = 120;
export const MIN_LANE_HEIGHT = METRICS.collapsedLaneHeight + 16;
