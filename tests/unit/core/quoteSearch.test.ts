/**
 * The quote board's search: what a person types becomes a query FTS5 can always read; results are ranked,
 * marked, filtered and windowed; a hostile query never fails the call.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationInput } from '../../../electron/api/contract.ts';
import { SNIPPET_MARK } from '../../../electron/api/types.ts';
import { lookUpWord, matchWithFacets, NEWEST_SQL, onlyWord, quoteQuery, RANK_WINDOW, sentimentColumn, sentimentFacet, SHORTEST_LOOKED_UP, WORDS_SQL, wordsMatch } from '../../../electron/core/research/quoteSearch.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { tempDir } from './helpers.ts';

describe('quoteQuery', () => {
  it('quotes every word, makes the last one a prefix, and keeps phrases, OR, -word and word*', () => {
    expect(quoteQuery('late delivery')).toBe('"late" AND "delivery"*');
    expect(quoteQuery('deliv')).toBe('"deliv"*');
    expect(quoteQuery('"same day" slot')).toBe('"same day" AND "slot"*');
    expect(quoteQuery('fee OR charge')).toBe('"fee" OR "charge"*');
    expect(quoteQuery('fee -refund')).toBe('"fee" NOT "refund"');
    expect(quoteQuery('fee -"money back"')).toBe('"fee" NOT "money back"');
    expect(quoteQuery('subst* milk')).toBe('"subst"* AND "milk"*');
    expect(quoteQuery('milk subst*')).toBe('"milk" AND "subst"*');
    expect(quoteQuery('fee* day*')).toBe('"fee"* AND "day"*');
    expect(quoteQuery('"unclosed phrase')).toBe('"unclosed phrase"');
    expect(quoteQuery('"same day" "fee"')).toBe('"same day" AND "fee"'); // no bare word: nothing to search as typed
    expect(quoteQuery('e-mail')).toBe('"e mail"*');
    expect(quoteQuery('Straße café')).toBe('"Straße" AND "café"*');
  });

  it('has nothing to search for in punctuation, operators alone or only words to leave out', () => {
    for (const text of ['', '   ', '"', '()', '-fee', '-"a b"', '* ^ :']) expect(quoteQuery(text), text).toBeNull();
    // OR with nothing to join is the word, as AND is.
    expect(quoteQuery('OR')).toBe('"OR"*');
    expect(quoteQuery('OR OR')).toBe('"OR"*');
    // ... and so is OR with only words to leave out: nothing to join either (as typed: a prefix when it is last).
    expect(quoteQuery('OR -fee')).toBe('"OR" NOT "fee"');
    expect(quoteQuery('OR -fee -"late slot"')).toBe('"OR" NOT "fee" NOT "late slot"');
    expect(quoteQuery('-fee OR')).toBe('"OR"* NOT "fee"');
    expect(quoteQuery('OR -fee OR')).toBe('"OR" NOT "fee"');
    expect(quoteQuery('OR fee')).toBe('"fee"*'); // an OR with nothing before it is not an operator
    expect(quoteQuery('-refund OR fee')).toBe('"fee"* NOT "refund"'); // nor is one with only words to leave out before it
    // Words to leave out typed first are left out of what follows (FTS5 wants something to keep before NOT).
    expect(quoteQuery('-refund fee')).toBe('"fee"* NOT "refund"');
    expect(quoteQuery('-refund -"money back" fee late')).toBe('("fee" AND "late"*) NOT "refund" NOT "money back"');
    expect(quoteQuery('-refund fee OR late')).toBe('("fee" OR "late"*) NOT "refund"'); // out of both, not only of fee
    // ... and so are those typed between or after: out of all of it.
    expect(quoteQuery('fee -refund late')).toBe('("fee" AND "late"*) NOT "refund"');
    expect(quoteQuery('fee OR late -refund')).toBe('("fee" OR "late") NOT "refund"');
    expect(quoteQuery('NOT fee')).toBe('"NOT" AND "fee"*'); // NOT is a word: "-" leaves words out
    expect(quoteQuery('AND')).toBe('"AND"*');
  });

  it('searches a prefix of one word as that word, when told which: one word alone, in or out of a phrase, to keep or leave out', () => {
    const asked: string[] = [];
    const only = (prefix: string) => {
      asked.push(prefix);
      return ({ deliv: 'delivery', subst: 'substitute', refu: 'refund', mail: 'mailbox' } as Record<string, string>)[prefix] ?? null;
    };
    expect(quoteQuery('late deliv', only)).toBe('"late" AND "delivery"');
    expect(quoteQuery('subst* milk', only)).toBe('"substitute" AND "milk"*');
    expect(quoteQuery('fee -refu*', only)).toBe('"fee" NOT "refund"');
    expect(quoteQuery('fee OR deliv', only)).toBe('"fee" OR "delivery"');
    // A prefix of more than one word (a phrase's last word) stays a prefix; so does one the index has not once.
    expect(quoteQuery('e-mail', only)).toBe('"e mail"*');
    expect(quoteQuery('fee tim', only)).toBe('"fee" AND "tim"*');
    // Only prefixes are asked about: words and phrases are searched as they are.
    expect(asked).toEqual(['deliv', 'subst', 'milk', 'refu', 'deliv', 'tim']);
  });

  it('stops at 32 terms', () => {
    const many = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    expect(quoteQuery(many)?.split(' AND ')).toHaveLength(32);
    // OR as the word, among 31 or 32 words to leave out: still 32 terms at most, the last left out dropped.
    const out = (n: number) => Array.from({ length: n }, (_, i) => `-w${i}`).join(' ');
    expect(quoteQuery(`OR ${out(31)}`)?.split(' NOT ')).toEqual(['"OR"', ...Array.from({ length: 31 }, (_, i) => `"w${i}"`)]);
    expect(quoteQuery(`OR ${out(32)}`)?.split(' NOT ')).toEqual(['"OR"', ...Array.from({ length: 31 }, (_, i) => `"w${i}"`)]);
  });
});

let dir: string;
let ws: Workspace;
let mapId: string;
let stages: string[];
beforeAll(async () => {
  dir = tempDir();
  let t = Date.parse('2026-11-01T09:00:00.000Z');
  ws = Workspace.open(path.join(dir, 'w.waymark'), { backupsDir: path.join(dir, 'backups'), now: () => new Date((t += 1000)) });
  const created = await ws.call('maps.create', { title: 'Search map', template: 'purchase-journey' });
  mapId = created.maps[0]?.id ?? '';
  stages = created.stages.map((s) => s.id);
  const persona = (await ws.call('personas.create', { id: 'p', name: 'Pat' })).personas[0]?.id ?? '';
  await ws.call('tags.create', { id: 'fees', name: 'fees' });
  await ws.call('interviews.create', { id: 'i1', title: 'Ana call', participant: 'Ana', personaId: persona });
  await ws.call('interviews.create', { id: 'i2', title: 'Bo survey', participant: 'Bo', method: 'survey' });
  const quotes: [string, string, string, number | null][] = [
    ['q1', 'i1', 'The delivery fee came as a surprise at checkout', -2],
    ['q2', 'i1', 'Delivery was late, delivery was late again, and the delivery van was lost', -1],
    ['q3', 'i2', 'Same day delivery is what made me order', 2],
    ['q4', 'i2', 'The fee for same day is fair', 1],
    ['q5', 'i2', 'I never found the e-mail with my refund', null],
  ];
  for (const [id, interviewId, text, sentiment] of quotes) await ws.call('quotes.create', { id, interviewId, text, sentiment });
  await ws.call('quotes.tag', { quoteIds: ['q1', 'q4'], add: ['fees'] });
  await ws.call('quotes.link', { quoteIds: ['q1', 'q2'], stageId: stages[0] ?? '' });
  await ws.call('quotes.link', { quoteIds: ['q3'], stageId: stages[1] ?? '' });
});
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ids = async (input: Parameters<typeof search>[0]) => (await search(input)).hits.map((h) => h.quote.id);
const search = (input: { query?: string; [k: string]: unknown }) => ws.call('quotes.search', input);

describe('quotes.search', () => {
  it('lists every quote newest first without words, with the total, its interview and its links', async () => {
    const all = await search({});
    expect(all.total).toBe(5);
    expect(all.hits.map((h) => h.quote.id)).toEqual(['q5', 'q4', 'q3', 'q2', 'q1']);
    const q1 = all.hits.find((h) => h.quote.id === 'q1');
    expect(q1).toMatchObject({ snippet: null, interviewTitle: 'Ana call', participant: 'Ana', personaId: 'p' });
    expect(q1?.links.map((l) => l.stageId)).toEqual([stages[0]]);
    expect(q1?.quote.tagIds).toEqual(['fees']);
    expect(all.hits.find((h) => h.quote.id === 'q5')?.links).toEqual([]);
  });

  it('finds by words and prefixes, best first, with the matched words marked', async () => {
    const found = await search({ query: 'deliv' });
    expect(found.total).toBe(3);
    expect(found.hits[0]?.quote.id).toBe('q2'); // the word three times ranks first
    const mark = (w: string) => `${SNIPPET_MARK.open}${w}${SNIPPET_MARK.close}`;
    expect(found.hits.find((h) => h.quote.id === 'q1')?.snippet).toBe(`The ${mark('delivery')} fee came as a surprise at checkout`);
    expect(await ids({ query: '"same day" fee' })).toEqual(['q4']);
    expect((await ids({ query: 'surprise OR refund' })).sort()).toEqual(['q1', 'q5']);
    expect(await ids({ query: 'fee -checkout' })).toEqual(['q4']);
    expect(await ids({ query: '-checkout fee' })).toEqual(['q4']); // left out, wherever it was typed
    expect((await ids({ query: '-checkout surprise OR fee' })).sort()).toEqual(['q4']); // out of either word's matches
    expect((await ids({ query: 'surprise OR fee -checkout' })).sort()).toEqual(['q4']);
    expect(await ids({ query: 'email' })).toEqual([]);
    expect(await ids({ query: 'e-mail' })).toEqual(['q5']);
  });

  it('filters by map, stage, persona, interview, tag, sentiment and unplaced, with and without words', async () => {
    expect((await ids({ mapId })).sort()).toEqual(['q1', 'q2', 'q3']);
    expect((await ids({ stageId: stages[0] })).sort()).toEqual(['q1', 'q2']);
    expect((await ids({ personaId: 'p' })).sort()).toEqual(['q1', 'q2']);
    expect((await ids({ interviewId: 'i2' })).sort()).toEqual(['q3', 'q4', 'q5']);
    expect((await ids({ tagId: 'fees' })).sort()).toEqual(['q1', 'q4']);
    expect((await ids({ sentiments: [-2, -1] })).sort()).toEqual(['q1', 'q2']);
    expect((await ids({ unlinked: true })).sort()).toEqual(['q4', 'q5']);
    expect(await ids({ query: 'fee', tagId: 'fees', sentiments: [1] })).toEqual(['q4']);
    expect(await ids({ query: 'delivery', stageId: stages[1] })).toEqual(['q3']);
    expect((await search({ query: 'delivery', mapId })).total).toBe(3);
    // Two filters without words: both hold.
    expect(await ids({ tagId: 'fees', sentiments: [1] })).toEqual(['q4']);
    expect(await ids({ mapId, stageId: stages[1] })).toEqual(['q3']);
  });

  it('filters by the card a quote is placed on, with and without words', async () => {
    const created = await ws.call('maps.get', { id: mapId });
    const lane = created.lanes.find((l) => l.kind === 'text')?.id ?? '';
    const cardId = (await ws.call('cards.create', { laneId: lane, stageId: stages[0] ?? '', text: 'Pays at checkout' })).cards[0]?.id ?? '';
    await ws.call('quotes.link', { quoteIds: ['q1'], stageId: stages[0] ?? '', cardId });
    expect(await ids({ cardId })).toEqual(['q1']);
    expect(await ids({ query: 'delivery', cardId })).toEqual(['q1']);
    expect((await search({ query: 'late', cardId })).total).toBe(0);
  });

  it('filters words by sentiment inside the full-text index, which follows every change of a sentiment', async () => {
    // quotes_fts: the words in the columns of the sentiments asked for (migration 10).
    expect([-2, -1, 0, 1, 2].map(sentimentColumn)).toEqual(['sm2', 'sm1', 's0', 'sp1', 'sp2']);
    expect(wordsMatch('"fee"*', undefined)).toBe('"fee"*');
    expect(wordsMatch('"a" OR "b"', [1, -2, 1])).toBe('{sm2 sp1} : ("a" OR "b")');
    expect(wordsMatch('"a"', [])).toBeNull();
    expect(wordsMatch('"a"', [2, 0, -1, -2])).toBe('{sm2 sm1 s0 sp2} : ("a")');
    // quote_facets_fts: the words in its text column, the sentiments as its facet words.
    expect(sentimentFacet(-2)).toBe('sentimentm2');
    expect(sentimentFacet(0)).toBe('sentimentp0');
    expect(sentimentFacet(2)).toBe('sentimentp2');
    expect(matchWithFacets('"fee"*', undefined)).toBe('text : ("fee"*)');
    expect(matchWithFacets('"a" OR "b"', [1, -2, 1])).toBe('text : ("a" OR "b") AND facets : (sentimentm2 OR sentimentp1)');
    expect(matchWithFacets('"a"', [])).toBe('text : ("a") AND facets : (sentimentnothing)');
    expect(matchWithFacets('"a"', [2, 0, -1, -2])).toBe('text : ("a") AND facets : (sentimentm2 OR sentimentm1 OR sentimentp0 OR sentimentp2)');
    // Counted by the index alone: no quote row is read for a sentiment filter.
    const { count } = WORDS_SQL;
    const plan = (ws.ctx.db.prepare(`EXPLAIN QUERY PLAN ${count}`).all(wordsMatch('"fee"*', [1])) as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan).not.toMatch(/\bquotes\b|interviews/);
    expect((await search({ query: 'delivery', sentiments: [-2, -1] })).total).toBe(2);
    expect((await ids({ query: 'delivery', sentiments: [-2, -1] })).sort()).toEqual(['q1', 'q2']);
    expect(await ids({ query: 'delivery', sentiments: [] })).toEqual([]);
    expect(await ids({ query: 'refund', sentiments: [-2, -1, 0, 1, 2] })).toEqual([]); // q5 has no sentiment
    // The sentiment words are never found as words of a quote.
    expect(await ids({ query: 'sentimentm2' })).toEqual([]);
    expect(await ids({ query: 'sentiment*' })).toEqual([]);
    // A new sentiment, a new text, a quote deleted and brought back: the index follows.
    await ws.call('quotes.update', { id: 'q3', sentiment: -1 });
    expect((await ids({ query: 'delivery', sentiments: [-1] })).sort()).toEqual(['q2', 'q3']);
    await ws.call('quotes.update', { id: 'q3', sentiment: null });
    expect((await ids({ query: 'delivery', sentiments: [-1] })).sort()).toEqual(['q2']);
    await ws.call('quotes.update', { id: 'q3', sentiment: 2 });
    expect(await ids({ query: 'delivery', sentiments: [2] })).toEqual(['q3']);
    const gone = await ws.call('quotes.delete', { id: 'q3', tombstone: 'tomb-q3' });
    expect(gone.deleted.quotes).toEqual(['q3']);
    expect(await ids({ query: 'delivery', sentiments: [2] })).toEqual([]);
    await ws.call('tombstones.restore', { id: 'tomb-q3' });
    expect(await ids({ query: 'delivery', sentiments: [2] })).toEqual(['q3']);
    // FTS5's own check of the index against the quotes (it throws when they differ).
    expect(() => ws.ctx.db.prepare("INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
    // A filter keeping every match keeps their order.
    const ranked = await ids({ query: 'deliv' });
    expect(await ids({ query: 'deliv', sentiments: [-2, -1, 0, 1, 2] })).toEqual(ranked);
  });

  it(`looks a prefix of ${SHORTEST_LOOKED_UP} or more ASCII letters and digits up in the index's words: the one word it begins, else null`, async () => {
    const { db } = ws.ctx;
    const made = (await ws.call('quotes.create', { interviewId: 'i2', text: 'Deliveries fais vana 2026x ანბ12 12ანბ' })).quotes[0]?.id ?? '';
    try {
      expect(onlyWord(db, 'surp')).toBe('surprise');
      expect(onlyWord(db, 'SURPRISE')).toBe('surprise'); // as the tokenizer folds it
      expect(onlyWord(db, 'vana')).toBe('vana');
      expect(onlyWord(db, '2026')).toBe('2026x');
      // "fair" is one word: "fais" is past its prefix's words (from "fair" up to, not including, "fais").
      expect(onlyWord(db, 'fair')).toBe('fair');
      expect(onlyWord(db, 'deliv')).toBeNull(); // delivery, deliveries
      expect(onlyWord(db, 'zzzz')).toBeNull();
      // Not looked up: short prefixes (FTS5's prefix index answers them), letters FTS5 folds more than by case.
      expect(onlyWord(db, 'sur')).toBeNull();
      expect(onlyWord(db, 'fäir')).toBeNull();
      // Letters JavaScript lower-cases and FTS5 does not (Georgian capitals): FTS5 searches them as they are, so
      // "ᲐᲜᲑ12" finds no word; lower-cased, it would be taken for the word "ანბ12".
      for (const prefix of ['ᲐᲜᲑ12', '12ᲐᲜᲑ']) {
        expect(onlyWord(db, prefix), prefix).toBeNull();
        expect(await ids({ query: prefix }), prefix).toEqual(await ids({ query: `${prefix}*` }));
      }
      expect(await ids({ query: 'ანბ12' })).toEqual([made]);
      // A sentiment is a column of the index, no word of it (migration 10): nothing begins with its old facet word.
      expect(onlyWord(db, 'sentimentn')).toBeNull();
      expect(await ids({ query: 'sentimentn' })).toEqual([]);
      // Searched as the word, a prefix finds, ranks and marks what it found before.
      expect(await search({ query: 'surp' })).toEqual(await search({ query: 'surp*' }));
      expect((await search({ query: 'surp' })).hits[0]?.snippet).toContain(`${SNIPPET_MARK.open}surprise${SNIPPET_MARK.close}`);
      // The words are read through a table of the connection's own (temp), nothing in the file.
      expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'quotes_fts_terms%'").pluck().get()).toBe(0);
      expect(db.prepare("SELECT count(*) FROM temp.sqlite_schema WHERE name = 'quotes_fts_terms'").pluck().get()).toBe(1);
    } finally {
      await ws.call('quotes.delete', { id: made });
    }
  });

  it('answers each open workspace from its own file (its statements are its connection\'s), and again after it is opened anew', async () => {
    const other = Workspace.open(path.join(dir, 'other.waymark'), { backupsDir: path.join(dir, 'other-backups') });
    try {
      await other.call('interviews.create', { id: 'o1', title: 'Other call', participant: 'Oli' });
      await other.call('quotes.create', { id: 'o-q', interviewId: 'o1', text: 'The delivery surprise was elsewhere' });
      for (let i = 0; i < 2; i++) {
        expect((await other.call('quotes.search', { query: 'surprise' })).hits.map((h) => h.quote.id)).toEqual(['o-q']);
        expect(await ids({ query: 'surprise' })).toEqual(['q1']);
        expect((await other.call('quotes.search', { query: 'surp', stageId: 'none' })).total).toBe(0);
      }
    } finally {
      other.close();
    }
    const again = Workspace.open(path.join(dir, 'other.waymark'), { backupsDir: path.join(dir, 'other-backups') });
    try {
      expect((await again.call('quotes.search', { query: 'surp' })).hits.map((h) => h.quote.id)).toEqual(['o-q']);
    } finally {
      again.close();
    }
  });

  it('answers the same in a copy saved with VACUUM INTO after deletes: the copy keeps every quote\'s rowid, which both indexes name', async () => {
    // SQLite may renumber the rowids of a table without an INTEGER PRIMARY KEY when it vacuums; the full-text indexes
    // hold quotes by rowid, so a copy that renumbered them would find other quotes than the words.
    const file = path.join(dir, 'vacuumed.waymark');
    const source = Workspace.open(file, { backupsDir: path.join(dir, 'vacuumed-backups') });
    try {
      await source.call('interviews.create', { id: 'v1', title: 'Call', participant: 'Vi' });
      for (let i = 0; i < 30; i++) await source.call('quotes.create', { id: `v-${i}`, interviewId: 'v1', text: `note${i} about the basket` });
      for (let i = 0; i < 30; i += 3) await source.call('quotes.delete', { id: `v-${i}` });
      await source.call('quotes.search', { query: 'basket', interviewId: 'v1' }); // the facet index written too
      source.saveCopy(path.join(dir, 'vacuumed-copy.waymark'));
    } finally {
      source.close();
    }
    const copy = Workspace.open(path.join(dir, 'vacuumed-copy.waymark'), { backupsDir: path.join(dir, 'vacuumed-copy-backups') });
    try {
      for (const i of [1, 7, 29]) {
        for (const input of [{ query: `"note${i}"` }, { query: `"note${i}"`, interviewId: 'v1' }]) {
          expect((await copy.call('quotes.search', input)).hits.map((h) => h.quote.text)).toEqual([`note${i} about the basket`]);
        }
      }
      expect((await copy.call('quotes.search', { query: '"note3"' })).total).toBe(0); // deleted before the copy
      for (const table of ['quotes_fts', 'quote_facets_fts']) {
        expect(() => copy.ctx.db.prepare(`INSERT INTO ${table}(${table}, rank) VALUES ('integrity-check', 1)`).run()).not.toThrow();
      }
    } finally {
      copy.close();
    }
  });

  it('answers one window at a time, the total always counting all', async () => {
    const first = await search({ limit: 2 });
    const second = await search({ limit: 2, offset: 2 });
    const last = await search({ limit: 2, offset: 4 });
    expect([first.total, second.total, last.total]).toEqual([5, 5, 5]);
    expect([...first.hits, ...second.hits, ...last.hits].map((h) => h.quote.id)).toEqual(['q5', 'q4', 'q3', 'q2', 'q1']);
    expect((await search({ offset: 50 })).hits).toEqual([]);
    await expect(search({ limit: 501 })).rejects.toThrow(/at most 500/);
  });

  it('ranks words from the full-text index alone, and lists without words newest first with no sort', async () => {
    // The statement's own steps (parent 0), not those of the subquery that lists each row's tags.
    const plan = (sql: string, ...params: unknown[]) =>
      (ws.ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { parent: number; detail: string }[])
        .filter((r) => r.parent === 0)
        .map((r) => r.detail)
        .join('; ');
    const { count, ranked, newest: window, rank, older, rows } = WORDS_SQL;
    for (const sql of [ranked, window]) expect(plan(sql, '"fee"*', 10)).not.toMatch(/\bquotes\b|interviews|TEMP B-TREE/);
    expect(plan(older, '"fee"*', 5, 10, 0)).not.toMatch(/\bquotes\b|interviews|TEMP B-TREE/);
    expect(plan(count, '"fee"*')).not.toMatch(/\bquotes\b|interviews/);
    // The rowids asked for: walked down from the highest (no sort), the rows read by rowid.
    expect(plan(rank, '"fee"*', 9, '[9, 3]', 2)).not.toMatch(/\bquotes\b|interviews|TEMP B-TREE/);
    expect(plan(rows, '"fee"*', 9, '[9, 3]', 2)).not.toMatch(/TEMP B-TREE|SCAN q\b|SCAN i\b/);
    // Without words: newest first (seq, the rowid, highest first), counted from the table alone, the table walked
    // backwards; with filters, the facet index's window of rowids, highest first, read by rowid. No sort either way.
    expect(NEWEST_SQL.count).toBe('SELECT count(*) FROM quotes');
    expect(plan(NEWEST_SQL.page, 10, 0)).toMatch(/^SCAN q; SEARCH i USING INDEX/);
    expect(plan(NEWEST_SQL.filteredPage, 'facets : (unplaced)', 10, 0)).toMatch(/^SEARCH q USING INTEGER PRIMARY KEY \(rowid=\?\); LIST SUBQUERY/);
    const facetWindow = /\(SELECT rowid FROM quote_facets_fts [^)]*\)/.exec(NEWEST_SQL.filteredPage)?.[0].slice(1, -1) ?? '';
    expect(facetWindow).toMatch(/ORDER BY rowid DESC LIMIT \? OFFSET \?$/);
    for (const steps of [plan(NEWEST_SQL.page, 10, 0), plan(NEWEST_SQL.filteredPage, 'facets : (unplaced)', 10, 0), plan(facetWindow, 'facets : (unplaced)', 10, 0)]) {
      expect(steps).not.toMatch(/TEMP B-TREE/);
    }
    // With filters, counted by the facet index alone.
    expect(plan(NEWEST_SQL.filteredCount, 'facets : (unplaced)')).not.toMatch(/\bquotes\b|interviews/);
    // A map's filter goes through the quote's own links, not through every link of the map for each quote.
    const byMap = (ws.ctx.db.prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM quotes q WHERE EXISTS (SELECT 1 FROM quote_links l WHERE l.quote_id = q.id AND +l.map_id = ?)`).all(mapId) as { detail: string }[]).map((r) => r.detail);
    expect(byMap.join('; ')).toMatch(/quote_links_unique \(quote_id=\?\)/);
    expect((await search({ query: 'delivery', mapId, stageId: stages[0] })).hits.map((h) => h.quote.id).sort()).toEqual(['q1', 'q2']);
    // Ties in rank (the same words) still page the same way: windows add up to the whole, each quote once.
    const made: string[] = [];
    for (let i = 0; i < 7; i++) made.push((await ws.call('quotes.create', { interviewId: 'i2', text: 'Tied tied words' })).quotes[0]?.id ?? '');
    try {
      const whole = await ids({ query: 'tied', limit: 7 });
      const windows = [...(await ids({ query: 'tied', limit: 3 })), ...(await ids({ query: 'tied', limit: 3, offset: 3 })), ...(await ids({ query: 'tied', limit: 3, offset: 6 }))];
      expect(windows).toEqual(whole);
      expect(whole).toEqual([...made].reverse()); // equal ranks: newest first
      expect(await search({ query: 'tied' })).toMatchObject({ total: 7, ranked: 7, order: 'rank' });
    } finally {
      for (const id of made) await ws.call('quotes.delete', { id });
    }
  });

  it('counts a broad search for one word as it looks the word up: in every column, or in the sentiments’ columns, after any change', async () => {
    const before = ws.ctx.db.prepare('SELECT max(rowid) FROM quotes').pluck().get() as number;
    const n = 3 * RANK_WINDOW;
    // Sentiments −2 … 2 in turn, every seventh quote none; every fourth says "parcel", the others "parcels".
    ws.ctx.db
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO quotes (id, interview_id, text, sentiment, created_at)
         SELECT 'parcel-' || i, 'i2', CASE WHEN i % 4 = 0 THEN 'The parcel, number ' ELSE 'Two parcels, number ' END || i,
           CASE WHEN i % 7 = 0 THEN NULL ELSE i % 5 - 2 END, '2026-12-01T00:00:00.000Z' FROM n`,
      )
      .run(n);
    const counted = (where: string) => ws.ctx.db.prepare(`SELECT count(*) FROM quotes WHERE id LIKE 'parcel-%' AND ${where}`).pluck().get() as number;
    let broad = 0;
    const check = async () => {
      const cases: [Omit<OperationInput<'quotes.search'>, 'limit'>, string][] = [
        // "parcels" is the one word it begins: counted as it is looked up.
        [{ query: 'parcels' }, "text LIKE '%parcels%'"],
        [{ query: 'Parcels', sentiments: [-2, -1, 0] }, "text LIKE '%parcels%' AND sentiment <= 0"],
        [{ query: 'parcels', sentiments: [1, 2, -2] }, "text LIKE '%parcels%' AND sentiment IN (1, 2, -2)"],
        // A prefix of two words, two words, a short prefix: counted by the index.
        [{ query: 'parcel' }, 'true'],
        [{ query: 'parcel', sentiments: [-1, 0, 1] }, 'sentiment BETWEEN -1 AND 1'],
        [{ query: 'parcels number' }, "text LIKE '%parcels,%'"],
        [{ query: 'parc', sentiments: [2] }, 'sentiment = 2'],
      ];
      for (const [input, where] of cases) {
        const found = await search({ ...input, limit: 5 });
        expect([found.total, found.ranked], JSON.stringify(input)).toEqual([counted(where), Math.min(RANK_WINDOW, counted(where))]);
        broad += found.total > RANK_WINDOW ? 1 : 0;
      }
    };
    try {
      await check();
      // The lookup itself: the one word and its quotes, in all columns or in those asked for; none for two words.
      const { db } = ws.ctx;
      const holding = (where: string) => counted(`text LIKE '%parcels%' AND ${where}`);
      expect(lookUpWord(db, 'parcels')).toEqual({ word: 'parcels', quotes: holding('true') });
      expect(lookUpWord(db, 'PARCELS', ['sm2'])).toEqual({ word: 'parcels', quotes: holding('sentiment = -2') });
      expect(lookUpWord(db, 'parcels', ['sp2', 'snone', 's0'])).toEqual({ word: 'parcels', quotes: holding('(sentiment IN (2, 0) OR sentiment IS NULL)') });
      expect(lookUpWord(db, 'parcels', [])).toEqual({ word: 'parcels', quotes: 0 });
      expect(lookUpWord(db, 'parcel')).toBeNull();
      expect(lookUpWord(db, 'parcel', ['sm2', 'sm1'])).toBeNull();
      expect(lookUpWord(db, 'parcelz', ['sm2'])).toBeNull();
      // Deleted, given another sentiment, said otherwise: the counts follow.
      ws.ctx.db.prepare("DELETE FROM quotes WHERE id LIKE 'parcel-%' AND CAST(substr(id, 8) AS INTEGER) % 9 = 0").run();
      ws.ctx.db.prepare("UPDATE quotes SET sentiment = -2 WHERE id LIKE 'parcel-%' AND CAST(substr(id, 8) AS INTEGER) % 11 = 0").run();
      ws.ctx.db.prepare("UPDATE quotes SET text = 'Two parcels now' WHERE id LIKE 'parcel-%' AND CAST(substr(id, 8) AS INTEGER) % 13 = 0").run();
      await check();
      expect(broad).toBeGreaterThanOrEqual(12); // each case but the last, each time, is broad
    } finally {
      ws.ctx.db.prepare('DELETE FROM quotes WHERE rowid > ?').run(before);
    }
  });

  it(`ranks the newest ${RANK_WINDOW} matches of a broad search best first, then lists the older ones newest first, page after page without a gap`, async () => {
    expect(await search({ query: 'deliv' })).toMatchObject({ order: 'rank', ranked: 3, total: 3 });
    expect(await search({})).toMatchObject({ order: 'newest', ranked: 0 });
    // RANK_WINDOW + 40 quotes with one word in common, written straight into the file (the index follows by
    // trigger). Every tenth says it twice (ranks higher); the rest tie.
    const before = ws.ctx.db.prepare('SELECT max(rowid) FROM quotes').pluck().get() as number;
    const n = RANK_WINDOW + 40;
    ws.ctx.db
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO quotes (id, interview_id, text, sentiment, created_at)
         SELECT 'bulk-' || i, 'i2', CASE WHEN i % 10 = 0 THEN 'Zebra zebra crossing number ' ELSE 'Zebra crossing number ' END || i, i % 2, '2026-12-01T00:00:00.000Z' FROM n`,
      )
      .run(n);
    const bulk = (i: number) => `bulk-${i}`;
    try {
      const first = await search({ query: 'zebra', limit: 3 });
      expect([first.total, first.ranked, first.order]).toEqual([n, RANK_WINDOW, 'rank']);
      // The newest RANK_WINDOW are bulk-41 … bulk-n; of them the ones saying it twice come first, newest first.
      expect(first.hits.map((h) => h.quote.id)).toEqual([bulk(n), bulk(n - 10), bulk(n - 20)]);
      expect(first.hits[0]?.snippet).toContain(`${SNIPPET_MARK.open}Zebra${SNIPPET_MARK.close}`);
      // Every window in turn, 7 at a time: the whole order, each quote once, the ranked part first.
      const all: string[] = [];
      for (let offset = 0; offset < n; offset += 7) all.push(...(await ids({ query: 'zebra', limit: 7, offset })));
      expect(all).toHaveLength(n);
      expect(new Set(all).size).toBe(n);
      const twice = (i: number) => i % 10 === 0;
      const window = Array.from({ length: RANK_WINDOW }, (_, k) => n - k);
      const expected = [...window.filter(twice), ...window.filter((i) => !twice(i)), ...Array.from({ length: 40 }, (_, k) => 40 - k)].map(bulk);
      expect(all).toEqual(expected);
      // One window across the border: the last ranked and the first older quotes.
      expect(await ids({ query: 'zebra', limit: 4, offset: RANK_WINDOW - 2 })).toEqual([bulk(42), bulk(41), bulk(40), bulk(39)]);
      expect(await ids({ query: 'zebra', limit: 2, offset: n - 1 })).toEqual([bulk(1)]);
      expect((await search({ query: 'zebra', offset: n })).hits).toEqual([]);
      // A sentiment narrows the matches in the index: 520 matches, all ranked. A filter on the rows ranks its
      // share of the newest RANK_WINDOW matches, and the rest follow.
      const odd = await search({ query: 'zebra', sentiments: [1], limit: 2 });
      expect([odd.total, odd.ranked]).toEqual([n / 2, n / 2]);
      const linked = await search({ query: 'zebra', interviewId: 'i2', limit: 2 });
      expect([linked.total, linked.ranked]).toEqual([n, RANK_WINDOW]);
      const elsewhere = await search({ query: 'zebra', interviewId: 'i1', limit: 2 });
      expect([elsewhere.total, elsewhere.ranked, elsewhere.hits]).toEqual([0, 0, []]);
      // Ranked whole (all tie: newest first): windows of any size add up to the same order, each quote once.
      const paged = async (size: number) => {
        const out: string[] = [];
        for (let offset = 0; offset < n / 2; offset += size) out.push(...(await ids({ query: 'zebra', sentiments: [1], interviewId: 'i2', limit: size, offset })));
        return out;
      };
      const pages = await paged(97);
      expect(pages).toEqual(await paged(130));
      expect(pages).toEqual(expected.filter((id) => Number(id.slice(5)) % 2 === 1));
      // A stage's share: every third quote linked to it, paged across the border in windows of 50.
      ws.ctx.db
        .prepare(
          `INSERT INTO quote_links (id, quote_id, map_id, stage_id, card_id, created_at)
           SELECT 'link-' || id, id, ?, ?, NULL, '2026-12-01T00:00:00.000Z' FROM quotes WHERE id LIKE 'bulk-%' AND CAST(substr(id, 6) AS INTEGER) % 3 = 0`,
        )
        .run(mapId, stages[0]);
      const third = expected.filter((id) => Number(id.slice(5)) % 3 === 0);
      const staged = await search({ query: 'zebra', mapId, stageId: stages[0], limit: 50 });
      expect([staged.total, staged.ranked]).toEqual([third.length, third.filter((id) => Number(id.slice(5)) > 40).length]);
      const onStage: string[] = [];
      for (let offset = 0; offset < third.length; offset += 50) onStage.push(...(await ids({ query: 'zebra', mapId, stageId: stages[0], limit: 50, offset })));
      expect(onStage).toEqual(third);
      ws.ctx.db.prepare("DELETE FROM quote_links WHERE id LIKE 'link-bulk-%'").run();
      // Exactly RANK_WINDOW matches are all ranked.
      ws.ctx.db.prepare("DELETE FROM quotes WHERE id IN (SELECT 'bulk-' || value FROM json_each(?))").run(JSON.stringify(Array.from({ length: 40 }, (_, k) => k + 1)));
      expect(await search({ query: 'zebra', limit: 1 })).toMatchObject({ total: RANK_WINDOW, ranked: RANK_WINDOW, order: 'rank' });
      // So they are with sentiments and filters that keep every one (ranked apart from the window's read).
      expect(await search({ query: 'zebra', sentiments: [0, 1], limit: 1 })).toMatchObject({ total: RANK_WINDOW, ranked: RANK_WINDOW, order: 'rank' });
      expect(await search({ query: 'zebra', interviewId: 'i2', limit: 1 })).toMatchObject({ total: RANK_WINDOW, ranked: RANK_WINDOW, order: 'rank' });
    } finally {
      ws.ctx.db.prepare('DELETE FROM quotes WHERE rowid > ?').run(before);
    }
  });

  it('never fails on what a person may type, and finds nothing in punctuation', async () => {
    for (const query of ['"', '("fee"', 'fee AND', 'NEAR(a b)', '* OR -', 'text:fee', '^fee', '\u0000', '💥 fee', 'fee"']) {
      const result = await search({ query });
      expect(result.total, query).toBe(result.hits.length);
    }
    expect(await search({ query: '((' })).toEqual({ total: 0, offset: 0, order: 'newest', ranked: 0, hits: [], unsearchable: 'no-words' });
    for (const query of ['"', '* ^ :', '- -']) expect((await search({ query })).unsearchable, query).toBe('no-words');
    // OR alone is looked for as a word (as typed, a prefix: "order"); so is OR with only words to leave out.
    expect((await search({ query: 'OR' })).hits.map((h) => h.quote.id)).toEqual(['q3']);
    expect((await search({ query: '-fee OR' })).hits.map((h) => h.quote.id)).toEqual(['q3']);
    expect((await search({ query: '-delivery OR' })).hits.map((h) => h.quote.id)).toEqual([]);
    expect(await search({ query: 'OR -fee' })).toEqual({ total: 0, offset: 0, order: 'rank', ranked: 0, hits: [] }); // the word "or": none has it
    // Only words to leave out: nothing to keep them out of (the same words kept would be searched).
    for (const query of ['-fee', '-"late delivery"', '-fee -app', '--fee']) {
      expect(await search({ query }), query).toEqual({ total: 0, offset: 0, order: 'newest', ranked: 0, hits: [], unsearchable: 'only-excluded' });
    }
    // A search with something to look for says nothing of the kind, whatever it finds.
    for (const query of ['fee', 'fee -app', 'zzzz', '']) expect((await search({ query })).unsearchable, query).toBeUndefined();
    expect((await search({ query: '   ' })).total).toBe(5); // only spaces: no words, every quote
  });

  it('property: any text is a query FTS5 accepts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), async (query) => {
        const result = await search({ query });
        expect(result.total).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });
});
