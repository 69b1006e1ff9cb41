/**
 * Full-text search (FTS5) over what people type. FTS5's query language gives meaning to `"`, `*`, `-`, `^`,
 * `:`, `(`, `NEAR`, `AND`, `OR`, `NOT`; a person's text must never be parsed as that language (a stray quote
 * would be an error, `-word` a column filter). Each word is quoted as an FTS5 string, so it is taken
 * literally (`OR` is a word); every word must match, and the last one matches as a prefix (search as you type).
 */
import type { Db } from './database.ts';

const MAX_TERMS = 32;

/** The MATCH expression for a person's search text, or null when there is nothing to search for. */
export function ftsQuery(text: string): string | null {
  // Words as FTS5's unicode61 tokenizer sees them (runs of letters, marks and digits): "e-mail" is "e" and
  // "mail", just as it was indexed; punctuation, quotes and NUL never reach the query at all.
  const terms = (text.normalize('NFC').match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).slice(0, MAX_TERMS);
  if (terms.length === 0) return null;
  return terms.map((t, i) => `"${t}"${i === terms.length - 1 ? '*' : ''}`).join(' ');
}

/** Rowids of an FTS5 table's rows matching a person's search text, best first. */
export function searchRowids(db: Db, ftsTable: 'quotes_fts' | 'interviews_fts', text: string, limit = 200): number[] {
  const query = ftsQuery(text);
  if (query === null) return [];
  // Quotes: every column holds text (one column a sentiment, migration 10), so the words are searched in all.
  return db.prepare(`SELECT rowid FROM ${ftsTable} WHERE ${ftsTable} MATCH ? ORDER BY rank LIMIT ?`).pluck().all(query, limit) as number[];
}
