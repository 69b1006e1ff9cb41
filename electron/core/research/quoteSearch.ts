/**
 * The quote board's search: full-text (FTS5 over quote text, ranked by bm25, the last word as a prefix,
 * matched words marked in a snippet) and filters (map, stage, persona, interview, tag, sentiment,
 * unplaced), one window of results at a time with the total, so a board of 100,000 quotes scrolls.
 *
 * A person's words are never handed to FTS5's query language as they are: `quoteQuery` keeps the parts of
 * it people use on purpose ("a phrase", OR, -word, word*) and quotes everything else, so a stray quote or
 * bracket cannot make the search fail. Should FTS5 refuse a query all the same, the answer says so in words.
 */
import type { ParsedInput } from '../../api/contract.ts';
import { invalid } from '../../api/errors.ts';
import type { QuoteHit, QuoteLink, QuoteSearchResult } from '../../api/types.ts';
import { QUOTE_LINK_COLUMNS, quoteColumnsOf, toQuote, toQuoteLink, type Ctx, type Row } from '../records.ts';

const MAX_TERMS = 32;
/** Searches matching at most this many quotes are ranked by relevance; broader ones list newest first. */
export const RANKED_MAX = 5000;

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

/**
 * The statements of a search: its count and one window of it. Words are ranked by FTS5's own `ORDER BY rank`
 * (ties in FTS5's order, the same for every window), which sorts only rowids and ranks and makes snippets for
 * the window alone; a tie-break on another column would sort every match with its row and snippet first.
 * Without filters, words are counted in the full-text index alone. A search that matches more quotes than
 * RANKED_MAX is shown newest first instead (FTS5 walks its index backwards and stops at the window): ranking
 * nearly every quote, as the first letter typed does, costs tens of milliseconds and orders nothing useful.
 */
export function searchSql(words: boolean, where: readonly string[], ranked = true): { count: string; page: string } {
  const filters = where.map((w) => ` AND ${w}`).join('');
  const from = words
    ? `FROM quotes_fts f JOIN quotes q ON q.rowid = f.rowid JOIN interviews i ON i.id = q.interview_id WHERE quotes_fts MATCH ?${filters}`
    : `FROM quotes q JOIN interviews i ON i.id = q.interview_id WHERE 1 = 1${filters}`;
  const snippet = words ? "snippet(quotes_fts, 0, char(57344), char(57345), '…', 48)" : 'NULL';
  // Without words, newest first walks the (created_at, id) index backwards: no sort of 100,000 rows.
  const order = words ? (ranked ? 'f.rank' : 'f.rowid DESC') : 'q.created_at DESC, q.id DESC';
  // Without filters, counting needs no rows: the full-text index, or the quotes table alone.
  const count =
    where.length > 0 ? `SELECT count(*) ${from}` : words ? 'SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH ?' : 'SELECT count(*) FROM quotes';
  return {
    count,
    page: `SELECT ${quoteColumnsOf('q')}, ${snippet} AS snippet, i.title AS interview_title, i.participant AS participant, i.persona_id AS persona_id
         ${from} ORDER BY ${order} LIMIT ? OFFSET ?`,
  };
}

/** A sentiment as the full-text index's `facets` column holds it (migration 4): −2 → sentimentm2, +1 → sentimentp1. */
export const sentimentFacet = (sentiment: number): string => `sentiment${sentiment < 0 ? `m${-sentiment}` : `p${sentiment}`}`;

/**
 * The whole MATCH of a search: the person's words in the quote's text only, and a sentiment filter as facet
 * words, so that the full-text index itself narrows and counts the matches (no quote row is read for them).
 */
export function matchWithFacets(match: string, sentiments: readonly number[] | undefined): string {
  const text = `text : (${match})`;
  if (sentiments === undefined) return text;
  const wanted = [...new Set(sentiments)].sort((a, b) => a - b).map(sentimentFacet);
  return `${text} AND facets : (${wanted.length > 0 ? wanted.join(' OR ') : 'sentimentnothing'})`;
}

export function searchQuotes(ctx: Ctx, input: ParsedInput<'quotes.search'>): QuoteSearchResult {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (input.mapId !== undefined) add('EXISTS (SELECT 1 FROM quote_links l WHERE l.quote_id = q.id AND l.map_id = ?)', input.mapId);
  if (input.stageId !== undefined) add('EXISTS (SELECT 1 FROM quote_links l WHERE l.quote_id = q.id AND l.stage_id = ?)', input.stageId);
  if (input.cardId !== undefined) add('EXISTS (SELECT 1 FROM quote_links l WHERE l.quote_id = q.id AND l.card_id = ?)', input.cardId);
  if (input.unlinked === true) add('NOT EXISTS (SELECT 1 FROM quote_links l WHERE l.quote_id = q.id)');
  if (input.personaId !== undefined) add('i.persona_id = ?', input.personaId);
  if (input.interviewId !== undefined) add('q.interview_id = ?', input.interviewId);
  if (input.tagId !== undefined) add('EXISTS (SELECT 1 FROM quote_tags t WHERE t.quote_id = q.id AND t.tag_id = ?)', input.tagId);

  const text = input.query?.trim() ?? '';
  const query = quoteQuery(text);
  if (text !== '' && query === null) return { total: 0, offset: input.offset, order: 'newest', hits: [] };
  // With words, the full-text index filters by sentiment (facets); without, the rows do.
  if (input.sentiments !== undefined && query === null) add(`q.sentiment IN (SELECT value FROM json_each(?))`, JSON.stringify(input.sentiments));
  const match = query === null ? null : matchWithFacets(query, input.sentiments);
  const all = match === null ? params : [match, ...params];
  try {
    const total = ctx.db.prepare(searchSql(match !== null, where).count).pluck().get(...all) as number;
    const ranked = match !== null && total <= RANKED_MAX;
    const { page } = searchSql(match !== null, where, ranked);
    const rows = ctx.db.prepare(page).all(...all, input.limit, input.offset) as Row[];
    return { total, offset: input.offset, order: ranked ? 'rank' : 'newest', hits: withLinks(ctx, rows) };
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
