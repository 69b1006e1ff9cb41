/** What the person has selected on the map. One kind at a time, except cards, which can be many. */
export interface CellRef {
  laneId: string;
  stageId: string;
}

export type Selection =
  | { kind: 'none' }
  | { kind: 'cards'; ids: readonly string[] }
  | { kind: 'cell'; cell: CellRef }
  | { kind: 'stage'; id: string }
  | { kind: 'lane'; id: string }
  | { kind: 'emotion'; cell: CellRef };

export const NOTHING: Selection = { kind: 'none' };

export const selectedCards = (s: Selection): readonly string[] => (s.kind === 'cards' ? s.ids : []);

/** Toggle one card in or out of a card selection (shift-click). */
export function toggleCard(s: Selection, id: string): Selection {
  const ids = selectedCards(s);
  const next = ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id];
  return next.length > 0 ? { kind: 'cards', ids: next } : NOTHING;
}

/** Drop references to records that no longer exist. */
export function pruneSelection(
  s: Selection,
  exists: { cards: { has: (id: string) => boolean }; stages: Readonly<Record<string, unknown>>; lanes: Readonly<Record<string, unknown>> },
): Selection {
  switch (s.kind) {
    case 'cards': {
      const ids = s.ids.filter((id) => exists.cards.has(id));
      if (ids.length === s.ids.length) return s;
      return ids.length > 0 ? { kind: 'cards', ids } : NOTHING;
    }
    case 'cell':
    case 'emotion':
      return s.cell.laneId in exists.lanes && s.cell.stageId in exists.stages ? s : NOTHING;
    case 'stage':
      return s.id in exists.stages ? s : NOTHING;
    case 'lane':
      return s.id in exists.lanes ? s : NOTHING;
    default:
      return s;
  }
}
