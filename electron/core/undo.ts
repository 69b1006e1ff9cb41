/** `tombstones.restore`: bring back what a delete removed, and mark its map as changed. */
import type { ChangeSet } from '../api/types.ts';
import { touchMap } from './maps.ts';
import type { Ctx } from './records.ts';
import { withPlacedRecords } from './research/links.ts';
import { restoreTombstone } from './tombstones.ts';

export function restoreTombstoneInMap(ctx: Ctx, id: string): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    const mapId = db.prepare('SELECT map_id FROM tombstones WHERE id = ?').pluck().get(id) as string | null | undefined;
    const changes = restoreTombstone(ctx, id);
    // The map is there: had it gone since, bringing back what belonged to it would have been refused above.
    if (mapId) {
      changes.maps = [...changes.maps.filter((m) => m.id !== mapId), touchMap(ctx, mapId)];
    }
    // Quote links that came back bring what they place, for a map that no longer held it.
    withPlacedRecords(ctx, changes);
    return changes;
  })();
}
