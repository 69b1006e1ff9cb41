import { RECORD_KINDS, type ChangeSet, type RecordKind } from '../api/types.ts';

export function emptyChanges(): ChangeSet {
  const upserts = Object.fromEntries(RECORD_KINDS.map((k) => [k, []])) as unknown as { [K in RecordKind]: never[] };
  const deleted = Object.fromEntries(RECORD_KINDS.map((k) => [k, []])) as unknown as { [K in RecordKind]: string[] };
  return { ...upserts, deleted, tombstones: [] };
}

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
