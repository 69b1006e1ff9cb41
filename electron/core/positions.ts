/**
 * Fractional ordering: an item's `position` sits between its neighbours', so a move rewrites one row.
 * When two neighbours get too close to split, the siblings are renumbered (rare; those rows are returned).
 */

const MIN_GAP = 1e-9;

export interface Positioned {
  id: string;
  position: number;
}

export interface Placement {
  position: number;
  /** Siblings that had to be renumbered to make room, with their new positions. */
  renumbered: Positioned[];
}

/** Where to put an item so that it ends up at `index` among `siblings` (sorted, not including the item). */
export function placeAt(siblings: readonly Positioned[], index: number): Placement {
  const at = Math.max(0, Math.min(index, siblings.length));
  const before = siblings[at - 1];
  const after = siblings[at];
  if (!before && !after) return { position: 1, renumbered: [] };
  if (!before && after) return { position: after.position - 1, renumbered: [] };
  if (before && !after) return { position: before.position + 1, renumbered: [] };
  if (before && after && after.position - before.position > MIN_GAP * 2) {
    return { position: (before.position + after.position) / 2, renumbered: [] };
  }
  // No room: renumber everyone 1..n, leaving a gap at `at`.
  const renumbered = siblings.map((s, i) => ({ id: s.id, position: i < at ? i + 1 : i + 2 }));
  return { position: at + 1, renumbered };
}
