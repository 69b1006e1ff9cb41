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
