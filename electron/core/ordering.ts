import type { Db } from './database.ts';
import { placeAt, type Placement, type Positioned } from './positions.ts';

type OrderedTable = 'stages' | 'lanes' | 'cards';

/**
 * Find the position for an item placed at `index` within a parent (e.g. `map_id = ?`), excluding the item
 * itself, and write any renumbered siblings. Returns the position and the ids that were renumbered.
 */
export function placeInParent(
  db: Db,
  table: OrderedTable,
  parentWhere: string,
  params: readonly string[],
  index: number | undefined,
  excludeId?: string,
): Placement {
  const rows = db
    .prepare(`SELECT id, position FROM ${table} WHERE ${parentWhere} AND id != ? ORDER BY position`)
    .all(...params, excludeId ?? '') as Positioned[];
  const placement = placeAt(rows, index ?? rows.length);
  if (placement.renumbered.length > 0) {
    const update = db.prepare(`UPDATE ${table} SET position = ? WHERE id = ?`);
    for (const r of placement.renumbered) update.run(r.position, r.id);
  }
  return placement;
}
