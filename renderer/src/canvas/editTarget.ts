import { METRICS, type MapLayout, type Rect, type Viewport } from './layout.ts';
import { headerHeight, headerScale, headerWidth, toScreen } from './viewport.ts';

/** What the in-place editor (a DOM field over the canvas) is editing. */
export type EditTarget =
  | { kind: 'card'; id: string }
  | { kind: 'new-card'; laneId: string; stageId: string }
  | { kind: 'stage'; id: string }
  | { kind: 'lane'; id: string }
  | { kind: 'emotion-label'; laneId: string; stageId: string }
  /** A metric's value, on its line in a metrics lane. */
  | { kind: 'metric'; id: string };

/** Where the editor goes, in map units of the grid body (headers have negative coordinates). */
export function editRect(layout: MapLayout, target: EditTarget): Rect | null {
  switch (target.kind) {
    case 'card':
      return layout.cards.get(target.id) ?? null;
    case 'new-card': {
      const cell = layout.cells.get(`${target.laneId}|${target.stageId}`);
      if (!cell) return null;
      const last = layout.cards.get(cell.cardIds.at(-1) ?? '');
      const y = last ? last.y + last.height + METRICS.cardGap : cell.y + METRICS.cellPaddingY;
      return { x: cell.x + METRICS.cellPaddingX, y, width: cell.width - 2 * METRICS.cellPaddingX, height: 3 * METRICS.lineHeight + 2 * METRICS.cardPaddingY };
    }
    case 'stage': {
      const s = layout.stages.find((b) => b.id === target.id);
      return s ? { x: s.x + 6, y: -METRICS.stageHeaderHeight + 8, width: s.width - 12, height: 28 } : null;
    }
    case 'lane': {
      const l = layout.lanes.find((b) => b.id === target.id);
      return l ? { x: -METRICS.laneHeaderWidth + 22, y: l.y + 6, width: METRICS.laneHeaderWidth - 30, height: 28 } : null;
    }
    case 'metric': {
      for (const lane of layout.metrics.values()) {
        const line = lane.lines.find((l) => l.metricId === target.id);
        if (line) return { x: line.x - 4, y: line.y - 3, width: line.width + 8, height: line.height + 6 };
      }
      return null;
    }
    case 'emotion-label': {
      const s = layout.stages.find((b) => b.id === target.stageId);
      const point = layout.curves.get(target.laneId)?.find((p) => p.stageId === target.stageId);
      const lane = layout.lanes.find((b) => b.id === target.laneId);
      if (!s || !lane) return null;
      return { x: s.x + 10, y: (point?.y ?? lane.y + lane.height / 2) + 14, width: s.width - 20, height: 28 };
    }
  }
}

/**
 * Where the editor goes on screen. A stage's or a lane's name is edited in its header, which stays where it is
 * (the sticky row and column) at the headers' own scale: over the stage's column in the header row, over the
 * lane's row in the header column, whatever the scroll. Everything else is edited where it is in the body.
 */
export function editScreenRect(layout: MapLayout, target: EditTarget, v: Viewport): Rect | null {
  const hs = headerScale(v.scale);
  if (target.kind === 'stage') {
    const s = layout.stages.find((b) => b.id === target.id);
    if (!s) return null;
    // A column narrower than a name (the overview) still gets a field a name fits in.
    const width = Math.max(s.width * v.scale - 12 * hs, 160 * hs);
    return { x: headerWidth(v.scale) + (s.x - v.x) * v.scale + 6 * hs, y: 8 * hs, width, height: 28 * hs };
  }
  if (target.kind === 'lane') {
    const l = layout.lanes.find((b) => b.id === target.id);
    if (!l) return null;
    return { x: 22 * hs, y: headerHeight(v.scale) + (l.y - v.y) * v.scale + 6 * hs, width: (METRICS.laneHeaderWidth - 30) * hs, height: 28 * hs };
  }
  const r = editRect(layout, target);
  return r ? toScreen(v, r) : null;
}

/** Which way the view scrolls to bring an edit into view: a stage's column across, a lane's row down, else both. */
export const editScrollAxes = (target: EditTarget): 'x' | 'y' | 'both' => (target.kind === 'stage' ? 'x' : target.kind === 'lane' ? 'y' : 'both');
