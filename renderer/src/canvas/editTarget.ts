import { METRICS, type MapLayout, type Rect } from './layout.ts';

/** What the in-place editor (a DOM field over the canvas) is editing. */
export type EditTarget =
  | { kind: 'card'; id: string }
  | { kind: 'new-card'; laneId: string; stageId: string }
  | { kind: 'stage'; id: string }
  | { kind: 'lane'; id: string }
  | { kind: 'emotion-label'; laneId: string; stageId: string };

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
    case 'emotion-label': {
      const s = layout.stages.find((b) => b.id === target.stageId);
      const point = layout.curves.get(target.laneId)?.find((p) => p.stageId === target.stageId);
      const lane = layout.lanes.find((b) => b.id === target.laneId);
      if (!s || !lane) return null;
      return { x: s.x + 10, y: (point?.y ?? lane.y + lane.height / 2) + 14, width: s.width - 20, height: 28 };
    }
  }
}
