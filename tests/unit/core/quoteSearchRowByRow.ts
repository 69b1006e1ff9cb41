/**
 * The quote search as it was before migration 5 (commit fc9355d), kept as the model the facet index is held to:
 * every filter checked on the rows of every match. Only the imports changed, and the MATCH, bm25 and snippet
 * of the quote index as migration 10 made it (a column per sentiment).
 *
 * The quote board's search: full-text (FTS5 over quote text, ranked by bm25, the last word as a prefix,
 * matched words marked in a snippet) and filters (map, stage, persona, interview, tag, sentiment,
 * unplaced), one window of results at a time with the total, so a board of 100,000 quotes scrolls.
 *
 * A person's words are never handed to FTS5's query language as they are: `quoteQuery` keeps the parts of
 * it people use on purpose ("a phrase", OR, -word, word*) and quotes everything else, so a stray quote or
 * bracket cannot make the search fail. Should FTS5 refuse a query all the same, the answer says so in words.
 */
import type { ParsedInput } from '../../../electron/api/contract.ts';
import { invalid } from '../../../electron/api/errors.ts';
import type { QuoteHit, QuoteLink, QuoteSearchResult } from '../../../electron/api/types.ts';
import { QUOTE_LINK_COLUMNS, quoteColumnsOf, toQuote, toQuoteLink, type Ctx, type Row } from '../../../electron/core/records.ts';

const MAX_TERMS = 32;
/**
 * A search matching at most this many quotes is ranked whole (best match first). A broader one ranks its newest
 * RANK_WINDOW matches, best first, and lists the older ones after them, newest first: bm25 costs about a
 * microsecond a match, and ranking nearly every quote (a first letter typed, a common word) costs tens of
 * milliseconds and orders nothing useful.
 */
export const RANK_WINDOW = 1000;

/** Words as FTS5's unicode61 tokenizer sees them: runs of letters, marks and digits. */
const words = (text: string): string[] => text.normalize('NFC').match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];

/**
 * The MATCH expression for what a person typed, or null when nothing can be searched for.
 * - `"a phrase"`: those words in that order (an unclosed quote runs to the end);
 * - `OR` between two terms: either; `-word`: without it (only after a term to keep);
 * - `word*`: a prefix; the last bare word is a prefix too (search as you type);
 * - everything else is a word that must occur.
 */
export function quoteQuery(input: string): string | null {
  type Term = { text: string; negate: boolean; or: boolean };
  const terms: Term[] = [];
  const re = /(-?)"([^"]*)("?)|(\S+)/g;
  let pendingOr = false;
  let lastBareIndex = -1;
  for (let m = re.exec(input); m !== null && terms.length < MAX_TERMS; m = re.exec(input)) {
    const negate = m[1] === '-' || (m[4]?.startsWith('-') ?? false);
    if (m[4] === 'OR') {
      pendingOr = true; // before the first term it means nothing: the first term has no operator
      continue;
    }
    if (m[2] !== undefined) {
      const phrase = words(m[2]);
      if (phrase.length === 0) continue;
      terms.push({ text: `"${phrase.join(' ')}"`, negate, or: pendingOr });
    } else {
      const raw = m[4] ?? '';
      const prefix = raw.endsWith('*');
      const parts = words(raw);
      if (parts.length === 0) continue;
      const phrase = `"${parts.join(' ')}"`;
      terms.push({ text: prefix ? `${phrase}*` : phrase, negate, or: pendingOr });
      if (!prefix && !negate) lastBareIndex = terms.length - 1;
    }
    pendingOr = false;
  }
  // Search as you type: the last word, still being typed, matches as a prefix.
  const last = terms[lastBareIndex];
  if (last && lastBareIndex === terms.length - 1) last.text = `${last.text}*`;
  const kept = terms.filter((t) => !t.negate);
  if (kept.length === 0) return null;
  let query = '';
  for (const t of terms) {
    if (query === '') {
      if (t.negate) continue; // FTS5 needs something to keep before NOT
      query = t.text;
    } else query += t.negate ? ` NOT ${t.text}` : t.or ? ` OR ${t.text}` : ` AND ${t.text}`;
  }
  return query;
}

const FROM_WORDS = 'FROM quotes_fts f JOIN quotes q ON q.rowid = f.rowid JOIN interviews i ON i.id = q.interview_id WHERE quotes_fts MATCH ?';
const ROW_COLUMNS = `${quoteColumnsOf('q')}, i.title AS interview_title, i.participant AS participant, i.persona_id AS persona_id`;
const SNIPPET = "snippet(quotes_fts, -1, char(57344), char(57345), '…', 48)";

/** The statements of a search without words: newest first, and its count. */
export function newestSql(where: readonly string[]): { count: string; page: string } {
  const filters = where.map((w) => ` AND ${w}`).join('');
  const from = `FROM quotes q JOIN interviews i ON i.id = q.interview_id WHERE 1 = 1${filters}`;
  return {
    // Without filters, counting needs no rows: the quotes table alone.
    count: where.length > 0 ? `SELECT count(*) ${from}` : 'SELECT count(*) FROM quotes',
    // Newest first: as the quotes came in (seq, the rowid), the last first; walks the table backwards.
    page: `SELECT ${ROW_COLUMNS}, NULL AS snippet ${from} ORDER BY q.rowid DESC LIMIT ? OFFSET ?`,
  };
}

/**
 * The statements of a search by words (each takes the MATCH first, then the filters' values). Without filters
 * they read the full-text index alone; with them, the quotes and interviews they test.
 * - `count`: how many quotes match.
 * - `window`: the newest RANK_WINDOW + 1 matches with their bm25 (and, with filters, whether the filters keep
 *   each): one pass that tells whether more match than are ranked, where ranking stops, and the ranked order
 *   (sorted here: a thousand numbers), bm25 being computed once a match.
 * - `older`: one window of the matches before the ranked ones, newest first (FTS5 walks its index backwards).
 * - `rows`: the rows and snippets of the rowids asked for (`+f.rowid`: FTS5 walks the matches between the lowest
 *   and highest once, instead of being asked for each rowid again, which reads every prefix's doclist each time).
 */
export function wordsSql(where: readonly string[]) {
  const filters = where.map((w) => ` AND ${w}`).join('');
  const keep = where.length > 0 ? `(${where.join(' AND ')})` : '1';
  const from = where.length > 0 ? FROM_WORDS : 'FROM quotes_fts f WHERE quotes_fts MATCH ?';
  return {
    count: `SELECT count(*) ${from}${filters}`,
    window: `SELECT f.rowid, bm25(quotes_fts), ${keep} ${from} ORDER BY f.rowid DESC LIMIT ?`,
    older: `SELECT f.rowid ${from} AND f.rowid < ?${filters} ORDER BY f.rowid DESC LIMIT ? OFFSET ?`,
    rows: `SELECT f.rowid AS fts_rowid, ${ROW_COLUMNS}, ${SNIPPET} AS snippet ${FROM_WORDS} AND f.rowid BETWEEN ? AND ? AND +f.rowid IN (SELECT value FROM json_each(?))`,
  };
}

/**
 * The whole MATCH of a search: the person's words, in the columns of the sentiments asked for (migration 10: a
 * quote's text is in its sentiment's column), so that the full-text index itself narrows and counts the matches
 * (no quote row is read for them). Null when no sentiment is asked for at all.
 */
export function matchWithFacets(match: string, sentiments: readonly number[] | undefined): string | null {
  if (sentiments === undefined) return match;
  const column = (s: number) => (s < 0 ? `sm${-s}` : s === 0 ? 's0' : `sp${s}`);
  const wanted = [...new Set(sentiments)].sort((a, b) => a - b).map(column);
  return wanted.length > 0 ? `{${wanted.join(' ')}} : (${match})` : null;
}

export function searchQuotes(ctx: Ctx, input: ParsedInput<'quotes.search'>): QuoteSearchResult {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  // `+l.map_id`: through the quote's own links (quote_links_unique), not the map's 25,000 for every quote.
  if (input.mapId !== undefined) add('EXISTS (SELECT 1 FROM quote_links l WHERE l.quote_id = q.id AND +l.map_id = ?)', input.mapId);
  if (input.stageId !== undefined) add('EXISTS (SELECT 1 FROM quote_links l WHERE l.quote_id = q.id AND l.stage_id = ?)', input.stageId);
  if (input.cardId !== undefined) add('EXISTS (SELECT 1 FROM quote_links l WHERE l.quote_id = q.id AND l.card_id = ?)', input.cardId);
  if (input.unlinked === true) add('NOT EXISTS (SELECT 1 FROM quote_links l WHERE l.quote_id = q.id)');
  if (input.personaId !== undefined) add('i.persona_id = ?', input.personaId);
  if (input.interviewId !== undefined) add('q.interview_id = ?', input.interviewId);
  if (input.tagId !== undefined) add('EXISTS (SELECT 1 FROM quote_tags t WHERE t.quote_id = q.id AND t.tag_id = ?)', input.tagId);

  const text = input.query?.trim() ?? '';
  const query = quoteQuery(text);
  if (text !== '' && query === null) return { total: 0, offset: input.offset, order: 'newest', ranked: 0, hits: [] };
  // With words, the full-text index filters by sentiment (facets); without, the rows do.
  if (input.sentiments !== undefined && query === null) add(`q.sentiment IN (SELECT value FROM json_each(?))`, JSON.stringify(input.sentiments));
  const match = query === null ? null : matchWithFacets(query, input.sentiments);
  if (query !== null && match === null) return { total: 0, offset: input.offset, order: 'rank', ranked: 0, hits: [] };
  try {
    if (match === null) {
      const sql = newestSql(where);
      const total = ctx.db.prepare(sql.count).pluck().get(...params) as number;
      const rows = ctx.db.prepare(sql.page).all(...params, input.limit, input.offset) as Row[];
      return { total, offset: input.offset, order: 'newest', ranked: 0, hits: withLinks(ctx, rows) };
    }
    return searchWords(ctx, wordsSql(where), match, params, input.offset, input.limit);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/fts5|syntax error|unterminated|no such column/i.test(message)) {
      throw invalid(`The search "${text}" cannot be read (${message.replace(/^fts5: /, '')}). Put words in double quotes to search for them as they are.`, [
        `query: ${message}`,
      ]);
    }
    throw error;
  }
}

/**
 * One window of a search by words: the ranked part (the newest RANK_WINDOW matches, or all when fewer match),
 * best first, then the older matches newest first. Every match has one place in that order (equal ranks newest
 * first, the parts split at one rowid), so windows add up to the whole with no quote twice and none left out.
 */
function searchWords(ctx: Ctx, sql: ReturnType<typeof wordsSql>, match: string, params: unknown[], offset: number, limit: number): QuoteSearchResult {
  const { db } = ctx;
  // [rowid, bm25, kept by the filters], newest first (the filters' values come first: they are in the columns).
  const newest = db.prepare(sql.window).raw().all(...params, match, RANK_WINDOW + 1) as [number, number, number][];
  const broad = newest.length > RANK_WINDOW;
  if (broad) newest.pop();
  // Best first; the sort is stable, so equal ranks stay newest first, as the window came.
  const ranked = newest.filter((r) => r[2] === 1).sort((a, b) => a[1] - b[1]);
  const total = broad ? (db.prepare(sql.count).pluck().get(match, ...params) as number) : ranked.length;
  const ids = ranked.slice(offset, offset + limit).map((r) => r[0]);
  // The older matches, when the window does not fill: those before the oldest of the ranked window, newest first.
  if (broad && ids.length < limit) {
    const bound = newest.at(-1)?.[0] ?? 0;
    const skip = Math.max(0, offset - ranked.length);
    ids.push(...(db.prepare(sql.older).pluck().all(match, bound, ...params, limit - ids.length, skip) as number[]));
  }
  const byRowid = new Map<number, Row>();
  if (ids.length > 0) {
    for (const r of db.prepare(sql.rows).all(match, Math.min(...ids), Math.max(...ids), JSON.stringify(ids)) as Row[]) byRowid.set(Number(r.fts_rowid), r);
  }
  const rows = ids.map((id) => byRowid.get(id)).filter((r): r is Row => r !== undefined);
  return { total, offset, order: 'rank', ranked: ranked.length, hits: withLinks(ctx, rows) };
}

function withLinks(ctx: Ctx, rows: Row[]): QuoteHit[] {
  const ids = rows.map((r) => String(r.id));
  const links = new Map<string, QuoteLink[]>();
  const found = ctx.db
    .prepare(`SELECT ${QUOTE_LINK_COLUMNS} FROM quote_links WHERE quote_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, id`)
    .all(JSON.stringify(ids)) as Row[];
  for (const r of found) {
    const link = toQuoteLink(r);
    const list = links.get(link.quoteId) ?? [];
    list.push(link);
    links.set(link.quoteId, list);
  }
  return rows.map((r) => ({
    quote: toQuote(r),
    snippet: typeof r.snippet === 'string' ? r.snippet : null,
    interviewTitle: String(r.interview_title),
    participant: String(r.participant),
    personaId: typeof r.persona_id === 'string' ? r.persona_id : null,
    links: links.get(String(r.id)) ?? [],
  }));
}
