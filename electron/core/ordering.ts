import { conflict } from '../api/errors.ts';
import type { Db } from './database.ts';
import { keyBetween, placeOf, type Place, type Positioned } from './positions.ts';

type OrderedTable = 'stages' | 'lanes' | 'cards';

const WHAT: Record<OrderedTable, string> = { stages: 'stage', lanes: 'lane', cards: 'card' };
const WHERE: Record<OrderedTable, string> = { stages: 'on this map', lanes: 'on this map', cards: 'in that cell' };

export { placeOf };

/**
 * The position key for an item placed within a parent (e.g. `map_id = ?`), among its siblings without the
 * item itself: the key keyFor would give for the siblings in order (by position, then id), found from the rows
 * that bound the place alone — the neighbour named, the sibling just before the place, the first key above it —
 * each one step of the parent's index, so placing a card costs the same in a cell of 10 cards or of 5,000 (a
 * paste of many cards into one cell read the whole cell for each card). One row is written by the caller; no
 * sibling ever moves.
 */
export function positionInParent(db: Db, table: OrderedTable, parentWhere: string, params: readonly string[], place: Place, excludeId?: string): string {
  const siblings = `FROM ${table} WHERE ${parentWhere} AND id != ?`;
  const args = [...params, excludeId ?? ''];
  const row = (sql: string, ...more: readonly (string | number)[]) => db.prepare(`SELECT id, position ${siblings} ${sql}`).get(...args, ...more) as Positioned | undefined;
  const neighbour = (id: string): Positioned => {
    const found = row('AND id = ?', id);
    if (found === undefined) {
      throw conflict(`The ${WHAT[table]} "${id}" it was placed next to is not ${WHERE[table]} any more (someone may have moved or deleted it); nothing was changed.`);
    }
    return found;
  };
  const last = () => row('ORDER BY position DESC, id DESC LIMIT 1');
  // The key just before the place (null: the place is first).
  let lower: string | null;
  if ('after' in place) lower = place.after === null ? null : neighbour(place.after).position;
  else if ('before' in place && place.before !== null) {
    const next = neighbour(place.before);
    lower = row('AND (position < ? OR (position = ? AND id < ?)) ORDER BY position DESC, id DESC LIMIT 1', next.position, next.position, next.id)?.position ?? null;
  } else if ('index' in place) lower = place.index <= 0 ? null : (row('ORDER BY position, id LIMIT 1 OFFSET ?', place.index - 1) ?? last())?.position ?? null;
  else lower = last()?.position ?? null; // last: no place, or before nothing
  // Siblings may share a key (an earlier version's restore could leave two on one): the key above is the first one
  // above the lower one, so a new key always sorts strictly between distinct neighbours.
  const upper = (lower === null ? row('ORDER BY position, id LIMIT 1') : row('AND position > ? ORDER BY position, id LIMIT 1', lower))?.position ?? null;
  return keyBetween(lower, upper);
}
