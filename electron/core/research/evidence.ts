/**
 * The evidence a map shows: its quote links, the quotes they place (with their tags) and the interviews those
 * come from. Read with a few set-wise queries, so a map with 20,000 linked quotes opens as fast as one with few.
 */
import type { Interview, Quote, QuoteLink } from '../../api/types.ts';
import { INTERVIEW_COLUMNS, QUOTE_LINK_COLUMNS, quoteColumnsOf, toInterview, toQuote, toQuoteLink, type Ctx, type Row } from '../records.ts';

export function mapEvidence(ctx: Ctx, mapId: string): { quoteLinks: QuoteLink[]; quotes: Quote[]; interviews: Interview[] } {
  const { db } = ctx;
  // In the order they were placed (rowid order is the index's own order: no sort).
  const quoteLinks = (db.prepare(`SELECT ${QUOTE_LINK_COLUMNS} FROM quote_links WHERE map_id = ? ORDER BY rowid`).all(mapId) as Row[]).map(toQuoteLink);
  // Unordered: a client keeps records by id and orders what it shows; sorting 20,000 rows here costs more than reading them.
  const linked = 'SELECT quote_id FROM quote_links WHERE map_id = ?';
  const quotes = (db.prepare(`SELECT ${quoteColumnsOf('q', false)} FROM quotes q WHERE q.id IN (${linked})`).all(mapId) as Row[]).map(toQuote);
  // Their tags in one read of the quote_tags index, put in name order here (a workspace has few tags).
  const names = new Map((db.prepare('SELECT id, name FROM tags').all() as { id: string; name: string }[]).map((t) => [t.id, t.name.toLowerCase()]));
  const byId = new Map(quotes.map((q) => [q.id, q]));
  for (const { quote_id, tag_id } of db.prepare(`SELECT quote_id, tag_id FROM quote_tags WHERE quote_id IN (${linked})`).all(mapId) as { quote_id: string; tag_id: string }[]) {
    byId.get(quote_id)?.tagIds.push(tag_id);
  }
  const byName = (a: string, b: string) => {
    const x = names.get(a) ?? '';
    const y = names.get(b) ?? '';
    return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
  };
  for (const q of quotes) if (q.tagIds.length > 1) q.tagIds.sort(byName);
  const interviewIds = [...new Set(quotes.map((q) => q.interviewId))];
  const interviews = (
    db.prepare(`SELECT ${INTERVIEW_COLUMNS} FROM interviews WHERE id IN (SELECT value FROM json_each(?)) ORDER BY title COLLATE NOCASE, id`).all(JSON.stringify(interviewIds)) as Row[]
  ).map(toInterview);
  return { quoteLinks, quotes, interviews };
}
