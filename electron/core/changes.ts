import type { ChangeSet } from '../api/types.ts';

export function emptyChanges(): ChangeSet {
  return {
    maps: [],
    stages: [],
    lanes: [],
    cards: [],
    emotions: [],
    deleted: { maps: [], stages: [], lanes: [], cards: [], emotions: [] },
  };
}

type Kind = keyof ChangeSet['deleted'];
const KINDS: readonly Kind[] = ['maps', 'stages', 'lanes', 'cards', 'emotions'];

/**
 * Fold `next` into `into` (mutating it): the latest version of each record wins; a deletion drops an earlier
 * upsert of the same id, and a later re-creation cancels an earlier deletion.
 */
export function mergeChanges(into: ChangeSet, next: ChangeSet): ChangeSet {
  for (const kind of KINDS) {
    const deleted = new Set(next.deleted[kind]);
    const upserts = into[kind] as { id: string }[];
    const nextUpserts = next[kind] as { id: string }[];
    const replaced = new Set(nextUpserts.map((r) => r.id));
    const kept = upserts.filter((r) => !deleted.has(r.id) && !replaced.has(r.id));
    (into[kind] as { id: string }[]) = [...kept, ...nextUpserts];
    into.deleted[kind] = [...into.deleted[kind].filter((id) => !replaced.has(id)), ...next.deleted[kind].filter((id) => !into.deleted[kind].includes(id))];
  }
  return into;
}
