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
  const linked = 'SELECT DISTINCT quote_id FROM quote_links WHERE map_id = ?';
  const quotes = (
    db.prepare(`SELECT ${quoteColumnsOf('q', false)} FROM quotes q WHERE q.id IN (${linked}) ORDER BY q.created_at DESC, q.id`).all(mapId) as Row[]
  ).map(toQuote);
  const byId = new Map(quotes.map((q) => [q.id, q]));
  const tags = db
    .prepare(
      `SELECT qt.quote_id AS quote_id, qt.tag_id AS tag_id FROM quote_tags qt JOIN tags t ON t.id = qt.tag_id
       WHERE qt.quote_id IN (${linked}) ORDER BY t.name COLLATE NOCASE, t.id`,
    )
    .all(mapId) as { quote_id: string; tag_id: string }[];
  for (const { quote_id, tag_id } of tags) byId.get(quote_id)?.tagIds.push(tag_id);
  const interviewIds = [...new Set(quotes.map((q) => q.interviewId))];
  const interviews = (
    db.prepare(`SELECT ${INTERVIEW_COLUMNS} FROM interviews WHERE id IN (SELECT value FROM json_each(?)) ORDER BY title COLLATE NOCASE, id`).all(JSON.stringify(interviewIds)) as Row[]
  ).map(toInterview);
  return { quoteLinks, quotes, interviews };
}
