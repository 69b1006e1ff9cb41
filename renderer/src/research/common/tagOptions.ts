/** What the tag combobox offers for the words typed: matching tags not on the quote yet, and making a new one. */
import type { Tag } from '../../../../electron/api/types.ts';

export type TagOption = { kind: 'tag'; tag: Tag } | { kind: 'create'; name: string };

const fold = (s: string): string => s.trim().toLocaleLowerCase();

/**
 * Tags whose name holds the typed words (those starting with them first, then by name), leaving out the ones
 * already chosen; then "create" when no tag has exactly that name. At most `limit` tags.
 */
export function tagOptions(tags: readonly Tag[], chosen: readonly string[], typed: string, limit = 8): TagOption[] {
  const q = fold(typed);
  const taken = new Set(chosen);
  const found = tags
    .filter((t) => !taken.has(t.id) && fold(t.name).includes(q))
    .sort((a, b) => Number(!fold(a.name).startsWith(q)) - Number(!fold(b.name).startsWith(q)) || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((tag): TagOption => ({ kind: 'tag', tag }));
  const exact = tags.some((t) => fold(t.name) === q);
  return q !== '' && !exact ? [...found, { kind: 'create', name: typed.trim() }] : found;
}
