/** Tags on quotes: made on the fly, reused, renamed and merged. Names are unique regardless of case (the contract trims them). */
import type { ParsedInput } from '../../api/contract.ts';
import { conflict, notFound } from '../../api/errors.ts';
import type { ChangeSet, Tag, TagUsage } from '../../api/types.ts';
import { emptyChanges } from '../changes.ts';
import { newId } from '../ids.ts';
import { QUOTE_COLUMNS, TAG_COLUMNS, getRow, toQuote, toTag, type Ctx, type Row } from '../records.ts';
import { deleteWithTombstone } from '../tombstones.ts';

export function requireTag(ctx: Ctx, id: string): Tag {
  const tag = getRow(ctx.db, 'tags', TAG_COLUMNS, id, toTag);
  if (!tag) throw notFound(`No tag with id "${id}" exists; it may have been deleted or merged.`);
  return tag;
}

const byName = (ctx: Ctx, name: string): Tag | undefined => {
  const row = ctx.db.prepare(`SELECT ${TAG_COLUMNS} FROM tags WHERE name = ? COLLATE NOCASE`).get(name) as Row | undefined;
  return row ? toTag(row) : undefined;
};

export function listTags(ctx: Ctx): TagUsage[] {
  const rows = ctx.db
    .prepare(`SELECT ${TAG_COLUMNS}, (SELECT count(*) FROM quote_tags qt WHERE qt.tag_id = tags.id) AS quote_count FROM tags ORDER BY name COLLATE NOCASE, id`)
    .all() as Row[];
  return rows.map((r) => ({ ...toTag(r), quoteCount: Number(r.quote_count) }));
}

export function createTag(ctx: Ctx, input: ParsedInput<'tags.create'>): ChangeSet {
  return ctx.db.transaction(() => {
    const id = input.id ?? newId();
    if (ctx.db.prepare('SELECT 1 FROM tags WHERE id = ?').get(id)) throw conflict(`A tag with id "${id}" already exists.`);
    const same = byName(ctx, input.name);
    if (same) throw conflict(`There is already a tag "${same.name}"; use it instead of making another.`);
    ctx.db.prepare('INSERT INTO tags (id, name) VALUES (?, ?)').run(id, input.name);
    const changes = emptyChanges();
    changes.tags.push(requireTag(ctx, id));
    return changes;
  })();
}

/** Rename a tag; its quotes change too (they list their tags by name). */
export function renameTag(ctx: Ctx, input: ParsedInput<'tags.rename'>): ChangeSet {
  return ctx.db.transaction(() => {
    const tag = requireTag(ctx, input.id);
    const same = byName(ctx, input.name);
    if (same && same.id !== tag.id) throw conflict(`There is already a tag "${same.name}"; merge "${tag.name}" into it instead.`);
    ctx.db.prepare('UPDATE tags SET name = ? WHERE id = ?').run(input.name, tag.id);
    const changes = emptyChanges();
    changes.tags.push(requireTag(ctx, tag.id));
    changes.quotes.push(...quotesTagged(ctx, [tag.id]));
    return changes;
  })();
}

function quotesTagged(ctx: Ctx, tagIds: readonly string[]) {
  const rows = ctx.db
    .prepare(`SELECT ${QUOTE_COLUMNS} FROM quotes WHERE id IN (SELECT quote_id FROM quote_tags WHERE tag_id IN (SELECT value FROM json_each(?)))`)
    .all(JSON.stringify(tagIds)) as Row[];
  return rows.map(toQuote);
}

/** Merge tags into one: every quote that carried any of them carries `into`; the others are deleted (kept for undo). */
export function mergeTags(ctx: Ctx, input: ParsedInput<'tags.merge'>): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    const into = requireTag(ctx, input.into);
    const merged = [...new Set(input.ids)].filter((id) => id !== into.id).map((id) => requireTag(ctx, id));
    const changes = emptyChanges();
    if (merged.length === 0) return changes;
    db.prepare('INSERT OR IGNORE INTO quote_tags (quote_id, tag_id) SELECT quote_id, ? FROM quote_tags WHERE tag_id IN (SELECT value FROM json_each(?))').run(
      into.id,
      JSON.stringify(merged.map((t) => t.id)),
    );
    const label = `Merge ${merged.map((t) => `"${t.name}"`).join(', ')} into "${into.name}"`;
    const deleted = deleteWithTombstone(ctx, 'tags', merged.map((t) => t.id), label, null);
    deleted.quotes = quotesTagged(ctx, [into.id]);
    return deleted;
  })();
}

export function deleteTag(ctx: Ctx, input: ParsedInput<'tags.delete'>): ChangeSet {
  return ctx.db.transaction(() => {
    const tag = requireTag(ctx, input.id);
    return deleteWithTombstone(ctx, 'tags', [tag.id], `Delete tag "${tag.name}"`, null, input.tombstone);
  })();
}
