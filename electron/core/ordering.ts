import { conflict } from '../api/errors.ts';
import type { Db } from './database.ts';
import { keyFor, MissingNeighbour, placeOf, type Place, type Positioned } from './positions.ts';

type OrderedTable = 'stages' | 'lanes' | 'cards';

const WHAT: Record<OrderedTable, string> = { stages: 'stage', lanes: 'lane', cards: 'card' };
const WHERE: Record<OrderedTable, string> = { stages: 'on this map', lanes: 'on this map', cards: 'in that cell' };

export { placeOf };

/**
 * The position key for an item placed within a parent (e.g. `map_id = ?`), among its siblings without the
 * item itself. One row is written by the caller; no sibling ever moves.
 */
export function positionInParent(db: Db, table: OrderedTable, parentWhere: string, params: readonly string[], place: Place, excludeId?: string): string {
  const rows = db
    .prepare(`SELECT id, position FROM ${table} WHERE ${parentWhere} AND id != ? ORDER BY position, id`)
    .all(...params, excludeId ?? '') as Positioned[];
  try {
    return keyFor(rows, place);
  } catch (error) {
    if (error instanceof MissingNeighbour) {
      throw conflict(
        `The ${WHAT[table]} "${error.neighbourId}" it was placed next to is not ${WHERE[table]} any more (someone may have moved or deleted it); nothing was changed.`,
      );
    }
    throw error;
  }
}
