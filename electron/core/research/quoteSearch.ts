/**
 * The quote board's search: full-text (FTS5 over quote text, ranked by bm25, the last word as a prefix,
 * matched words marked in a snippet) and filters (map, stage, persona, interview, tag, sentiment,
 * unplaced), one window of results at a time with the total, so a board of 100,000 quotes scrolls.
 *
 * A person's words are never handed to FTS5's query language as they are: `quoteQuery` keeps the parts of
 * it people use on purpose ("a phrase", OR, -word, word*) and quotes everything else, so a stray quote or
 * bracket cannot make the search fail. Should FTS5 refuse a query all the same, the answer says so in words.
 */
import type { Statement } from 'better-sqlite3';
import type { ParsedInput } from '../../api/contract.ts';
import { invalid } from '../../api/errors.ts';
import type { QuoteHit, QuoteLink, QuoteSearchResult } from '../../api/types.ts';
import { QUOTE_LINK_COLUMNS, quoteColumnsOf, toQuote, toQuoteLink, type Ctx, type Row } from '../records.ts';

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
 * - `OR` between two terms: either; OR with no term to keep on either side (alone, or with only words to leave
 *   out) is the word, as AND and NOT are, where it was typed;
 * - `-word`: without it, in all of the search, wherever it was typed;
 * - `word*`: a prefix; the last bare word is a prefix too (search as you type);
 * - everything else is a word that must occur.
 * `only`, when given, names the one word of the index that begins with a prefix (or null when none or several
 * do); such a prefix is searched as that word: the same matches, ranks and marks, without FTS5 merging the
 * doclists of every word the prefix could be, in each statement of a search (see `onlyWord`).
 */
export function quoteQuery(input: string, only?: (prefix: string) => string | null): string | null {
  type Term = { words: string[]; prefix: boolean; negate: boolean; or: boolean };
  const terms: Term[] = [];
  const re = /(-?)"([^"]*)("?)|(\S+)/g;
  let pendingOr = false;
  /** Where the first OR was typed (the number of terms before it), or -1. */
  let firstOrAt = -1;
  let lastBareIndex = -1;
  for (let m = re.exec(input); m !== null && terms.length < MAX_TERMS; m = re.exec(input)) {
    const negate = m[1] === '-' || (m[4]?.startsWith('-') ?? false);
    if (m[4] === 'OR') {
      pendingOr = true; // before the first term it means nothing: the first term has no operator
      if (firstOrAt < 0) firstOrAt = terms.length;
      continue;
    }
    if (m[2] !== undefined) {
      const phrase = words(m[2]);
      if (phrase.length === 0) continue;
      terms.push({ words: phrase, prefix: false, negate, or: pendingOr });
    } else {
      const raw = m[4] ?? '';
      const prefix = raw.endsWith('*');
      const parts = words(raw);
      if (parts.length === 0) continue;
      terms.push({ words: parts, prefix, negate, or: pendingOr });
      if (!prefix && !negate) lastBareIndex = terms.length - 1;
    }
    pendingOr = false;
  }
  // OR with nothing to keep is the word (as AND and NOT are), where it was typed: there is nothing for it to join.
  // Every other term is one to leave out, so it is the only bare word (the last word as typed, when it is last).
  if (firstOrAt >= 0 && terms.every((t) => t.negate)) {
    terms.splice(firstOrAt, 0, { words: ['OR'], prefix: false, negate: false, or: false });
    if (terms.length > MAX_TERMS) terms.pop();
    lastBareIndex = firstOrAt;
  }
  // Search as you type: the last word, still being typed, matches as a prefix.
  const last = terms[lastBareIndex];
  if (last && lastBareIndex === terms.length - 1) last.prefix = true;
  const kept = terms.filter((t) => !t.negate);
  if (kept.length === 0) return null;
  const render = (t: Term): string => {
    const [word] = t.words;
    const whole = t.prefix && t.words.length === 1 && word !== undefined && only !== undefined ? only(word) : null;
    return whole !== null ? `"${whole}"` : `"${t.words.join(' ')}"${t.prefix ? '*' : ''}`;
  };
  // What to keep, then what to leave out of all of it, wherever it was typed: FTS5 needs something to keep before
  // NOT, and NOT binds tighter than AND and OR (`a OR b NOT x` would keep x out of b alone).
  let query = '';
  for (const t of kept) query += query === '' ? render(t) : ` ${t.or ? 'OR' : 'AND'} ${render(t)}`;
  const out = terms.filter((t) => t.negate);
  if (out.length === 0) return query;
  return [kept.length > 1 ? `(${query})` : query, ...out.map(render)].join(' NOT ');
}

/**
 * The shortest prefix `onlyWord` looks up: FTS5 answers prefixes of 1, 2 and 3 characters from their own index
 * (`prefix='1 2 3'`, migration 6) as cheaply as a word; longer ones it merges from every word they begin.
 */
export const SHORTEST_LOOKED_UP = 4;
/**
 * The quote index's words, and its words per column (with how many quotes hold each): a connection's own tables
 * in `temp`, nothing in the file.
 */
const TERMS = 'temp.quotes_fts_terms';
const TERM_COLUMNS = 'temp.quotes_fts_term_columns';
const termsMade = new WeakSet<Ctx['db']>();

/**
 * The statements a search runs, each prepared once a connection (a search runs five or six; preparing them every
 * time was a tenth of a search). Held with their connection, and let go with it.
 */
const preparedOf = new WeakMap<Ctx['db'], Map<string, Statement>>();
function prepared(db: Ctx['db'], sql: string): Statement {
  let statements = preparedOf.get(db);
  if (statements === undefined) {
    statements = new Map();
    preparedOf.set(db, statements);
  }
  let statement = statements.get(sql);
  if (statement === undefined) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}

/** A word of the quote index and how many quotes hold it (in the columns asked for). */
export interface IndexWord {
  word: string;
  quotes: number;
}

/**
 * The one word of the quote index (`quotes_fts`) that begins with `prefix`, with how many quotes hold it: in any
 * column, or in those of `columns` (the sentiments a search keeps, see sentimentColumn). Null when no word or more
 * than one begins so, or when the prefix is not looked up: shorter than SHORTEST_LOOKED_UP, or not all ASCII
 * letters and digits (those FTS5's tokenizer only lower-cases, so the lower-cased prefix is the one it searches).
 * A prefix of one word finds what that word finds; and FTS5 counts the quotes that hold a word as it looks the
 * word up (fts5vocab reads its doclist), so a search for that one word need not count its matches again.
 */
export function lookUpWord(db: Ctx['db'], prefix: string, columns?: readonly string[]): IndexWord | null {
  if (prefix.length < SHORTEST_LOOKED_UP || !/^[A-Za-z0-9]+$/.test(prefix)) return null;
  if (!termsMade.has(db)) {
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${TERMS} USING fts5vocab(main, quotes_fts, row)`);
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${TERM_COLUMNS} USING fts5vocab(main, quotes_fts, col)`);
    termsMade.add(db);
  }
  const low = prefix.toLowerCase();
  // The words from the prefix up to the prefix with its last character one higher (all ASCII: byte order).
  const next = `${low.slice(0, -1)}${String.fromCharCode(low.charCodeAt(low.length - 1) + 1)}`;
  if (columns === undefined) {
    const found = prepared(db, `SELECT term, doc FROM ${TERMS} WHERE term >= ? AND term < ? LIMIT 2`).raw().all(low, next) as [string, number][];
    const [only] = found;
    return found.length === 1 && only !== undefined ? { word: only[0], quotes: only[1] } : null;
  }
  // A row a word and column that holds it, the word's rows together: stopped at a second word.
  let word: string | null = null;
  let quotes = 0;
  for (const [term, column, doc] of prepared(db, `SELECT term, col, doc FROM ${TERM_COLUMNS} WHERE term >= ? AND term < ?`).raw().iterate(low, next) as IterableIterator<[string, string, number]>) {
    if (word !== null && term !== word) return null;
    word = term;
    if (columns.includes(column)) quotes += doc;
  }
  return word === null ? null : { word, quotes };
}

/** The one word of the quote index that begins with `prefix`, or null (see lookUpWord). */
export const onlyWord = (db: Ctx['db'], prefix: string): string | null => lookUpWord(db, prefix)?.word ?? null;

const ROW_COLUMNS = `${quoteColumnsOf('q')}, i.title AS interview_title, i.participant AS participant, i.persona_id AS persona_id`;
/** The marked words of a quote's text: in whichever column of `quotes_fts` holds it (-1: FTS5 picks the one that matches). */
const SNIPPET = "snippet(quotes_fts, -1, char(57344), char(57345), '…', 48)";

/**
 * The statements of a search without words, newest first: by `seq` (the rowid), highest first, the order of the
 * matches past the ranked ones in a search by words (FTS5 walks rowids), so one order holds everywhere.
 * - `count`, `page`: every quote, counted from the table alone; the page walks the table backwards (no sort).
 * - `filteredCount`, `filteredPage` (each takes a `facetsOnly` MATCH first): the facet index (migration 5) says which
 *   quotes the filters keep and counts them; the page is its window of the index's rowids, highest first (FTS5
 *   walks its doclists backwards and stops at the window's end), then those rows: a page costs its place in the
 *   filter's matches, not in all quotes. Over 100,000 quotes, the first page of "on no stage" (3 in 4 quotes) takes
 *   0.8 ms so, 12 ms by walking a (created_at, id) index against every match; checked on each quote's rows, the
 *   filters cost 45–65 ms, and a sort of the matches up to 60.
 */
export const NEWEST_SQL = {
  count: 'SELECT count(*) FROM quotes',
  page: `SELECT ${ROW_COLUMNS}, NULL AS snippet FROM quotes q JOIN interviews i ON i.id = q.interview_id ORDER BY q.rowid DESC LIMIT ? OFFSET ?`,
  filteredCount: 'SELECT count(*) FROM quote_facets_fts WHERE quote_facets_fts MATCH ?',
  filteredPage: `SELECT ${ROW_COLUMNS}, NULL AS snippet FROM quotes q JOIN interviews i ON i.id = q.interview_id
    WHERE q.rowid IN (SELECT rowid FROM quote_facets_fts WHERE quote_facets_fts MATCH ? ORDER BY rowid DESC LIMIT ? OFFSET ?) ORDER BY q.rowid DESC`,
};

/**
 * The statements of a search by words in `quotes_fts` (each takes its MATCH first: the words, in the columns of
 * the sentiments asked for, see `wordsMatch`). They read the full-text index alone, but for `rows`.
 * - `count`: how many quotes match.
 * - `ranked`: the newest RANK_WINDOW + 1 matches with their bm25, newest first: one pass that tells whether more
 *   match than are ranked, where ranking stops, and the ranked order (sorted here: a thousand numbers). For a
 *   search with no filter but sentiment.
 * - `newest`: the same rowids without their rank, for a search whose other filters keep fewer of them;
 * - `rank`: the bm25 of the rowids asked for (`asked`): the same number as in `ranked` (bm25 weighs each word by
 *   all the MATCH finds, and a quote's length and the averages are the table's), computed only for those kept.
 * - `older`: one window of the matches before the ranked ones, newest first (FTS5 walks its index backwards).
 * - `rows`: the rows and snippets of the rowids asked for (`asked`). Not each rowid asked for on its own: FTS5
 *   would read every doclist up to it each time.
 */
/**
 * The rowids asked for (the highest, the JSON array, how many), of a full-text index's matches: walked from the
 * highest down until all are found. FTS5 seeks an upper bound of rowids cheaply and a lower one dearly (a walk
 * up from the lowest of a thousand matches costs three to four times the walk down to it).
 */
const asked = (rowid: string) => `AND ${rowid} <= ? AND +${rowid} IN (SELECT value FROM json_each(?)) ORDER BY ${rowid} DESC LIMIT ?`;

export const WORDS_SQL = {
  count: 'SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH ?',
  ranked: 'SELECT rowid, bm25(quotes_fts) FROM quotes_fts WHERE quotes_fts MATCH ? ORDER BY rowid DESC LIMIT ?',
  newest: 'SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? ORDER BY rowid DESC LIMIT ?',
  rank: `SELECT rowid, bm25(quotes_fts) FROM quotes_fts WHERE quotes_fts MATCH ? ${asked('rowid')}`,
  older: 'SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ? OFFSET ?',
  rows: `SELECT f.rowid AS fts_rowid, ${ROW_COLUMNS}, ${SNIPPET} AS snippet FROM quotes_fts f JOIN quotes q ON q.rowid = f.rowid JOIN interviews i ON i.id = q.interview_id WHERE quotes_fts MATCH ? ${asked('f.rowid')}`,
};

/** The column of `quotes_fts` that holds the text of a quote of this sentiment (migration 10): −2 → sm2, +1 → sp1. */
export const sentimentColumn = (sentiment: number): string => `s${sentiment < 0 ? `m${-sentiment}` : sentiment === 0 ? '0' : `p${sentiment}`}`;

/**
 * The MATCH of `quotes_fts` for the person's words (`match`, from quoteQuery) and a sentiment filter: the words in
 * the columns of those sentiments (a column filter FTS5 checks on the words' own positions), or in any column
 * when no sentiment is asked for. Null when the filter keeps no sentiment at all: nothing can match.
 */
export function wordsMatch(match: string, sentiments: readonly number[] | undefined): string | null {
  if (sentiments === undefined) return match;
  const wanted = [...new Set(sentiments)].sort((a, b) => a - b).map(sentimentColumn);
  return wanted.length === 0 ? null : `{${wanted.join(' ')}} : (${match})`;
}

/** A sentiment as the facets of `quote_facets_fts` hold it (migrations 4, 5): −2 → sentimentm2, +1 → sentimentp1. */
export const sentimentFacet = (sentiment: number): string => `sentiment${sentiment < 0 ? `m${-sentiment}` : `p${sentiment}`}`;

/**
 * The words and sentiments of a search as `quote_facets_fts` (text, facets) holds them: the person's words in the
 * quote's text, and a sentiment filter as facet words.
 */
export function matchWithFacets(match: string, sentiments: readonly number[] | undefined): string {
  const text = `text : (${match})`;
  return sentiments === undefined ? text : `${text} AND ${sentimentsMatch(sentiments)}`;
}

/** Any of `sentiments`, as facet words (none asked: a word no quote has). */
function sentimentsMatch(sentiments: readonly number[]): string {
  const wanted = [...new Set(sentiments)].sort((a, b) => a - b).map(sentimentFacet);
  return `facets : (${wanted.length > 0 ? wanted.join(' OR ') : 'sentimentnothing'})`;
}

/** An id as one facet word's tail (migration 5): the hex of its UTF-8 bytes, letters and digits whatever the id holds. */
export const facetId = (id: string): string => Buffer.from(id, 'utf8').toString('hex');

/** The facet words (migration 5) a quote must have for the filters other than sentiment, in the order asked. */
export function filterFacets(input: Pick<ParsedInput<'quotes.search'>, 'mapId' | 'stageId' | 'cardId' | 'unlinked' | 'personaId' | 'interviewId' | 'tagId'>): string[] {
  const facets: string[] = [];
  if (input.mapId !== undefined) facets.push(`map${facetId(input.mapId)}`);
  if (input.stageId !== undefined) facets.push(`stage${facetId(input.stageId)}`);
  if (input.cardId !== undefined) facets.push(`card${facetId(input.cardId)}`);
  if (input.unlinked === true) facets.push('unplaced');
  if (input.personaId !== undefined) facets.push(`persona${facetId(input.personaId)}`);
  if (input.interviewId !== undefined) facets.push(`interview${facetId(input.interviewId)}`);
  if (input.tagId !== undefined) facets.push(`tag${facetId(input.tagId)}`);
  return facets;
}

/** The MATCH of `quote_facets_fts` for a search by words: its words and sentiments as in `quotes_fts`, and every facet. */
export const matchWithFilters = (match: string, sentiments: readonly number[] | undefined, facets: readonly string[]): string =>
  `${matchWithFacets(match, sentiments)} AND facets : (${facets.join(' AND ')})`;

/** The statements of a search by words with facets in `quote_facets_fts` (each takes that MATCH first). */
export const FILTERED_SQL = {
  /** How many quotes match and have the facets. */
  count: 'SELECT count(*) FROM quote_facets_fts WHERE quote_facets_fts MATCH ?',
  /** The matches with the facets, newest first: read down to the ranked window's oldest (the matches it keeps). */
  keep: 'SELECT rowid FROM quote_facets_fts WHERE quote_facets_fts MATCH ? ORDER BY rowid DESC',
  /** One window of the matches with the facets before the ranked ones, newest first. */
  older: 'SELECT rowid FROM quote_facets_fts WHERE quote_facets_fts MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ? OFFSET ?',
};

const PENDING_SQL = {
  pending: 'SELECT quote_rowid FROM quote_facets WHERE facets IS NULL',
  facets: 'UPDATE quote_facets SET facets = (SELECT n.facets FROM quote_facets_fresh n WHERE n.quote_rowid = quote_facets.quote_rowid) WHERE facets IS NULL',
  entries:
    'INSERT INTO quote_facets_fts(rowid, text, facets) SELECT quote_rowid, text, facets FROM quote_facets_content WHERE quote_rowid IN (SELECT value FROM json_each(?))',
};

/**
 * Write the facets and index entries of the quotes changed since the last search (migration 5 leaves them to be
 * written: a bulk import writes each entry once). Returns how many were written; none, the usual case, is one
 * look at an index.
 */
export function writePendingFacets(db: Ctx['db']): number {
  const pending = prepared(db, PENDING_SQL.pending).pluck().all() as number[];
  if (pending.length === 0) return 0;
  const write = db.transaction(() => {
    db.prepare(PENDING_SQL.facets).run();
    db.prepare(PENDING_SQL.entries).run(JSON.stringify(pending));
  });
  // Inside a caller's transaction it is part of that; alone, it commits without waiting for the disk (synchronous
  // NORMAL in WAL: always consistent; lost in a power cut, it is only written again): the first search after a
  // change need not wait an fsync (~30 ms here) for words it can read again.
  if (db.inTransaction) write();
  else {
    const synchronous = db.pragma('synchronous', { simple: true }) as number;
    db.pragma('synchronous = NORMAL');
    try {
      write();
    } finally {
      db.pragma(`synchronous = ${synchronous}`);
    }
  }
  return pending.length;
}

export function searchQuotes(ctx: Ctx, input: ParsedInput<'quotes.search'>): QuoteSearchResult {
  const text = input.query?.trim() ?? '';
  const facets = filterFacets(input);
  // The lookup's count serves only a search without other filters (theirs is the facet index's): for the others the
  // word alone is looked up, from the cheaper table of words.
  const columns = facets.length === 0 ? input.sentiments?.map(sentimentColumn) : undefined;
  const looked: { last: IndexWord | null } = { last: null };
  const query = quoteQuery(text, (prefix) => (looked.last = lookUpWord(ctx.db, prefix, columns))?.word ?? null);
  // A search for one word looked up: how many quotes hold it (in the sentiments' columns) is how many match.
  const counted = looked.last !== null && query === `"${looked.last.word}"` ? looked.last.quotes : undefined;
  if (text !== '' && query === null) {
    // Words were typed, none to look for: all left out (the same words kept would search), or none at all.
    const unsearchable = quoteQuery(text.replace(/(^|\s)-+/g, '$1')) === null ? 'no-words' : 'only-excluded';
    return { total: 0, offset: input.offset, order: 'newest', ranked: 0, hits: [], unsearchable };
  }
  try {
    if (query === null) return searchNewest(ctx, input);
    const match = wordsMatch(query, input.sentiments);
    // No sentiment to keep: nothing matches (nothing to read either).
    if (match === null) return { total: 0, offset: input.offset, order: 'rank', ranked: 0, hits: [] };
    // The filters other than sentiment are facet words in their own full-text index; ranking stays with quotes_fts.
    const filtered = facets.length > 0 ? matchWithFilters(query, input.sentiments, facets) : null;
    if (filtered !== null) writePendingFacets(ctx.db);
    return searchWords(ctx, { match, filtered, counted }, input.offset, input.limit);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // FTS5's refusals of a query. Never "no such column": every word is quoted, so the person cannot name a
    // column, and such an error is a fault of the workspace, reported as one.
    if (/fts5|syntax error|unterminated/i.test(message)) {
      throw invalid(`The search "${text}" cannot be read (${message.replace(/^fts5: /, '')}). Put words in double quotes to search for them as they are.`, [
        `query: ${message}`,
      ]);
    }
    throw error;
  }
}

/** The MATCH of `quote_facets_fts` for a search without words: every facet, and one of the sentiments (if any are asked). */
export function facetsOnly(sentiments: readonly number[] | undefined, facets: readonly string[]): string {
  const parts = facets.length > 0 ? [`facets : (${facets.join(' AND ')})`] : [];
  if (sentiments !== undefined) parts.push(sentimentsMatch(sentiments));
  return parts.join(' AND ');
}

/** A search without words: newest first; its filters, if any, answered by the facet index. */
function searchNewest(ctx: Ctx, input: ParsedInput<'quotes.search'>): QuoteSearchResult {
  const match = facetsOnly(input.sentiments, filterFacets(input));
  const page = (total: number, rows: Row[]): QuoteSearchResult => ({ total, offset: input.offset, order: 'newest', ranked: 0, hits: withLinks(ctx, rows) });
  if (match === '') return page(prepared(ctx.db, NEWEST_SQL.count).pluck().get() as number, prepared(ctx.db, NEWEST_SQL.page).all(input.limit, input.offset) as Row[]);
  writePendingFacets(ctx.db);
  const total = prepared(ctx.db, NEWEST_SQL.filteredCount).pluck().get(match) as number;
  // Past the last match (or with none) the walk would read every quote to find nothing.
  if (input.offset >= total) return page(total, []);
  return page(total, prepared(ctx.db, NEWEST_SQL.filteredPage).all(match, input.limit, input.offset) as Row[]);
}

/**
 * One window of a search by words: the ranked part (the newest RANK_WINDOW matches, or all when fewer match),
 * best first, then the older matches newest first. Every match has one place in that order (equal ranks newest
 * first, the parts split at one rowid), so windows add up to the whole with no quote twice and none left out.
 */
function searchWords(ctx: Ctx, search: { match: string; filtered: string | null; counted: number | undefined }, offset: number, limit: number): QuoteSearchResult {
  const { db } = ctx;
  const { match, filtered, counted } = search;
  // [rowid, bm25], newest first: the newest matches of the words (and sentiments), whatever the other filters.
  let newest: [number, number][];
  let broad: boolean;
  let bound: number;
  if (filtered === null) {
    newest = prepared(db, WORDS_SQL.ranked).raw().all(match, RANK_WINDOW + 1) as [number, number][];
    broad = newest.length > RANK_WINDOW;
    if (broad) newest.pop();
    bound = newest.at(-1)?.[0] ?? 0;
  } else {
    let ids = prepared(db, WORDS_SQL.newest).pluck().all(match, RANK_WINDOW + 1) as number[];
    broad = ids.length > RANK_WINDOW;
    if (broad) ids.pop();
    // The bound: the oldest of the window (the older matches are those before it).
    bound = ids.at(-1) ?? 0;
    if (ids.length > 0) {
      // Read down from the newest and stopped at the bound (a bound below in the MATCH's statement costs more).
      const kept = new Set<number>();
      for (const id of prepared(db, FILTERED_SQL.keep).pluck().iterate(filtered) as IterableIterator<number>) {
        if (id < bound) break;
        kept.add(id);
      }
      ids = ids.filter((id) => kept.has(id));
    }
    const rank = new Map<number, number>();
    if (ids.length > 0) {
      for (const [id, score] of prepared(db, WORDS_SQL.rank).raw().all(match, ids[0], JSON.stringify(ids), ids.length) as [number, number][]) rank.set(id, score);
    }
    newest = ids.map((id) => [id, rank.get(id) ?? 0]);
  }
  // Best first; the sort is stable, so equal ranks stay newest first, as the window came.
  const ranked = newest.sort((a, b) => a[1] - b[1]);
  // How many match: counted as the word was looked up (a search by it alone), else by the index.
  const total = !broad ? ranked.length : filtered === null && counted !== undefined ? counted : (prepared(db, filtered === null ? WORDS_SQL.count : FILTERED_SQL.count).pluck().get(filtered ?? match) as number);
  const ids = ranked.slice(offset, offset + limit).map((r) => r[0]);
  // The older matches, when the window does not fill: those before the oldest of the ranked window, newest first.
  if (broad && ids.length < limit) {
    const skip = Math.max(0, offset - ranked.length);
    const older = prepared(db, filtered === null ? WORDS_SQL.older : FILTERED_SQL.older).pluck().all(filtered ?? match, bound, limit - ids.length, skip);
    ids.push(...(older as number[]));
  }
  const byRowid = new Map<number, Row>();
  if (ids.length > 0) {
    for (const r of prepared(db, WORDS_SQL.rows).all(match, Math.max(...ids), JSON.stringify(ids), ids.length) as Row[]) byRowid.set(Number(r.fts_rowid), r);
  }
  const rows = ids.map((id) => byRowid.get(id)).filter((r): r is Row => r !== undefined);
  return { total, offset, order: 'rank', ranked: ranked.length, hits: withLinks(ctx, rows) };
}

function withLinks(ctx: Ctx, rows: Row[]): QuoteHit[] {
  const ids = rows.map((r) => String(r.id));
  const links = new Map<string, QuoteLink[]>();
  const found = prepared(ctx.db, `SELECT ${QUOTE_LINK_COLUMNS} FROM quote_links WHERE quote_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, id`).all(JSON.stringify(ids)) as Row[];
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
