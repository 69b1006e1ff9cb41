/**
 * Selection in the quote board's list, by the rules of a multi-select list box: a click or Space picks one,
 * Ctrl/⌘ adds or takes away one, Shift extends from the anchor. Pure: indices in, indices out.
 */

export interface ListSelection {
  /** Selected rows by quote id (ids stay true while the list refreshes underneath). */
  ids: ReadonlySet<string>;
  /** Where a Shift range starts. */
  anchor: number;
}

export const EMPTY_SELECTION: ListSelection = { ids: new Set(), anchor: -1 };

export type Modifier = 'none' | 'toggle' | 'range';

/** Which indices a pick at `index` selects, given the anchor: the rows between them for a range. */
export function rangeBetween(anchor: number, index: number): { from: number; to: number } {
  const start = anchor < 0 ? index : anchor;
  return { from: Math.min(start, index), to: Math.max(start, index) };
}

/**
 * The selection after a pick of the row at `index` (quote `id`). For a range, `rangeIds` are the ids of
 * the rows from the anchor to `index` (the caller fetches them), which replace the selection.
 */
export function pick(selection: ListSelection, index: number, id: string, modifier: Modifier, rangeIds: readonly string[] = []): ListSelection {
  if (modifier === 'range') return { ids: new Set(rangeIds), anchor: selection.anchor < 0 ? index : selection.anchor };
  if (modifier === 'toggle') {
    const ids = new Set(selection.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { ids, anchor: index };
  }
  return { ids: new Set([id]), anchor: index };
}

/** Where a navigation key moves the active row in a list of `total` rows showing `pageRows` at once; null for other keys. */
export function moveActive(key: string, active: number, total: number, pageRows: number): number | null {
  if (total <= 0) return null;
  const at = active < 0 ? -1 : active;
  const clamp = (n: number) => Math.max(0, Math.min(total - 1, n));
  switch (key) {
    case 'ArrowDown':
      return clamp(at + 1);
    case 'ArrowUp':
      return clamp(at < 0 ? 0 : at - 1);
    case 'PageDown':
      return clamp(at + Math.max(1, pageRows - 1));
    case 'PageUp':
      return clamp(at - Math.max(1, pageRows - 1));
    case 'Home':
      return 0;
    case 'End':
      return total - 1;
    default:
      return null;
  }
}

/** Drop ids no longer in the result (deleted elsewhere); the same object when nothing went. */
export function keepExisting(selection: ListSelection, exists: (id: string) => boolean): ListSelection {
  const ids = [...selection.ids].filter(exists);
  return ids.length === selection.ids.size ? selection : { ids: new Set(ids), anchor: selection.anchor };
}
