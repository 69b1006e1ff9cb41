/** `tombstones.restore`: bring back what a delete removed, and mark its map as changed. */
import { conflict } from '../api/errors.ts';
import { holdsCards, type ChangeSet } from '../api/types.ts';
import { touchMap } from './maps.ts';
import type { Ctx } from './records.ts';
import { withPlacedRecords } from './research/links.ts';
import { restoreTombstone } from './tombstones.ts';

export function restoreTombstoneInMap(ctx: Ctx, id: string): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    const kept = db.prepare('SELECT map_id AS mapId, label FROM tombstones WHERE id = ?').get(id) as { mapId: string | null; label: string } | undefined;
    const mapId = kept?.mapId;
    const changes = restoreTombstone(ctx, id);
    // A card comes back only to a lane that holds cards: one emptied and made an emotion (or other) lane since refuses
    // it. A lane that came back with it is as it was.
    const back = new Set(changes.lanes.map((l) => l.id));
    for (const laneId of new Set(changes.cards.map((c) => c.laneId))) {
      if (back.has(laneId)) continue;
      const lane = db.prepare('SELECT title, kind FROM lanes WHERE id = ?').get(laneId) as { title: string; kind: string } | undefined;
      if (lane && !holdsCards(lane.kind)) {
        throw conflict(`"${kept?.label ?? 'The delete'}" cannot be undone: the lane "${lane.title}" is now ${/^[aeiou]/.test(lane.kind) ? 'an' : 'a'} ${lane.kind} lane, which holds no cards.`);
      }
    }
    // The map is there: had it gone since, bringing back what belonged to it would have been refused above.
    if (mapId) {
      changes.maps = [...changes.maps.filter((m) => m.id !== mapId), touchMap(ctx, mapId)];
    }
    // Quote links that came back bring what they place, for a map that no longer held it.
    withPlacedRecords(ctx, changes);
    return changes;
  })();
}
