import { emptyChangeSet, RECORD_KINDS, type ChangeSet } from '../api/types.ts';

/** A ChangeSet that changes nothing (the api's own, under the name core has always used). */
export const emptyChanges = emptyChangeSet;

/**
 * Fold `next` into `into` (mutating it): the latest version of each record wins; a deletion drops an earlier
 * upsert of the same id, and a later re-creation cancels an earlier deletion.
 */
export function mergeChanges(into: ChangeSet, next: ChangeSet): ChangeSet {
  for (const kind of RECORD_KINDS) {
    const deleted = new Set(next.deleted[kind]);
    const upserts = into[kind] as { id: string }[];
    const nextUpserts = next[kind] as { id: string }[];
    const replaced = new Set(nextUpserts.map((r) => r.id));
    const kept = upserts.filter((r) => !deleted.has(r.id) && !replaced.has(r.id));
    (into[kind] as { id: string }[]) = [...kept, ...nextUpserts];
    const already = new Set(into.deleted[kind]);
    into.deleted[kind] = [...into.deleted[kind].filter((id) => !replaced.has(id)), ...next.deleted[kind].filter((id) => !already.has(id))];
  }
  into.tombstones = [...into.tombstones, ...next.tombstones.filter((t) => !into.tombstones.includes(t))];
  return into;
}
