/**
 * Migration 5's full-text index of facets (quote_facets_fts): whatever happens to quotes, their links, tags,
 * interviews and personas, each quote's entry holds exactly the words a fresh reading of the tables gives, the
 * index passes FTS5's integrity check, and a filtered search by words answers exactly what the search of
 * before (every filter checked on the rows: quoteSearchRowByRow.ts) answered.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { OperationInput } from '../../../electron/api/contract.ts';
import { facetId, filterFacets, matchWithFilters, searchQuotes, writePendingFacets } from '../../../electron/core/research/quoteSearch.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { tempDir } from './helpers.ts';
import { searchQuotes as searchRowByRow } from './quoteSearchRowByRow.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/workspaces');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
type Db = Database.Database;

function open(file?: string): Workspace {
  const dir = tempDir();
  dirs.push(dir);
  let t = Date.parse('2026-12-01T09:00:00.000Z');
  const target = path.join(dir, 'w.waymark');
  if (file !== undefined) fs.copyFileSync(file, target);
  return Workspace.open(target, { backupsDir: path.join(dir, 'backups'), now: () => new Date((t += 1000)) });
}

const sentimentWord = (s: number | null) => `sentiment${s === null ? 'none' : s < 0 ? `m${-s}` : `p${s}`}`;
const textWords = (text: string) => (text.match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w.toLowerCase());

/** What each quote's entry should hold, read afresh from the tables: rowid → column → its words, sorted. */
function freshFacets(db: Db): Map<number, { text: string[]; facets: string[] }> {
  const out = new Map<number, { text: string[]; facets: string[] }>();
  const quotes = db.prepare('SELECT q.rowid AS rowid, q.id, q.text, q.sentiment, q.interview_id, i.persona_id FROM quotes q JOIN interviews i ON i.id = q.interview_id').all() as {
    rowid: number;
    id: string;
    text: string;
    sentiment: number | null;
    interview_id: string;
    persona_id: string | null;
  }[];
  const links = db.prepare('SELECT quote_id, map_id, stage_id, card_id FROM quote_links').all() as { quote_id: string; map_id: string; stage_id: string; card_id: string | null }[];
  const tags = db.prepare('SELECT quote_id, tag_id FROM quote_tags').all() as { quote_id: string; tag_id: string }[];
  for (const q of quotes) {
    const facets = [sentimentWord(q.sentiment), `interview${facetId(q.interview_id)}`, q.persona_id === null ? 'personanone' : `persona${facetId(q.persona_id)}`];
    const own = links.filter((l) => l.quote_id === q.id);
    if (own.length === 0) facets.push('unplaced');
    for (const l of own) facets.push(`map${facetId(l.map_id)}`, `stage${facetId(l.stage_id)}`, ...(l.card_id === null ? [] : [`card${facetId(l.card_id)}`]));
    for (const t of tags.filter((x) => x.quote_id === q.id)) facets.push(`tag${facetId(t.tag_id)}`);
    out.set(q.rowid, { text: [...new Set(textWords(q.text))].sort(), facets: [...new Set(facets)].sort() });
  }
  return out;
}

/**
 * What the index holds, read back word by word: every word its vocabulary knows (a deleted entry's words may
 * stay there until segments merge), asked for in its column; the rowids that answer are the entries that hold it.
 */
function indexed(db: Db): Map<number, { text: string[]; facets: string[] }> {
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.facet_vocab USING fts5vocab(main, 'quote_facets_fts', 'col')");
  const out = new Map<number, { text: string[]; facets: string[] }>();
  const terms = db.prepare('SELECT term, col FROM temp.facet_vocab').all() as { term: string; col: 'text' | 'facets' }[];
  const match = db.prepare('SELECT rowid FROM quote_facets_fts WHERE quote_facets_fts MATCH ?').pluck();
  for (const { term, col } of terms) {
    for (const rowid of match.all(`${col} : "${term}"`) as number[]) {
      const entry = out.get(rowid) ?? { text: [], facets: [] };
      entry[col].push(term);
      out.set(rowid, entry);
    }
  }
  for (const e of out.values()) {
    e.text.sort();
    e.facets.sort();
  }
  return out;
}

function expectIndexCurrent(db: Db): void {
  // The index equals its content before the quotes changed since are written (they are in neither), and after.
  expect(() => db.prepare("INSERT INTO quote_facets_fts(quote_facets_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
  const pending = db.prepare('SELECT count(*) FROM quote_facets WHERE facets IS NULL').pluck().get();
  expect(writePendingFacets(db)).toBe(pending);
  expect(writePendingFacets(db)).toBe(0);
  expect(() => db.prepare("INSERT INTO quote_facets_fts(quote_facets_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
  expect(() => db.prepare("INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
  // The stored facets are what a fresh reading gives, one row a quote.
  expect(db.prepare('SELECT quote_rowid, facets FROM quote_facets ORDER BY quote_rowid').all()).toEqual(db.prepare('SELECT quote_rowid, facets FROM quote_facets_fresh ORDER BY quote_rowid').all());
  const sorted = (m: Map<number, unknown>) => [...m.entries()].sort((a, b) => a[0] - b[0]);
  expect(sorted(indexed(db))).toEqual(sorted(freshFacets(db)));
}

type Search = OperationInput<'quotes.search'>;
function expectSameAsRowByRow(ws: Workspace, input: Search & { offset?: number; limit?: number }): void {
  const parsed = { offset: 0, limit: 100, ...input };
  const now = searchQuotes(ws.ctx, parsed);
  const before = searchRowByRow(ws.ctx, parsed);
  expect(now, JSON.stringify(input)).toEqual(before);
}

describe('the facet words of a quote', () => {
  it('are the hex of each id: one word whatever the id holds, different for different ids', () => {
    expect(facetId('ab')).toBe('6162');
    expect(facetId('é-"x" OR y')).toBe('c3a92d227822204f522079');
    expect(facetId('')).toBe('');
    expect(filterFacets({ mapId: 'm', stageId: 's', cardId: 'c', unlinked: true, personaId: 'p', interviewId: 'i', tagId: 't' })).toEqual([
      'map6d',
      'stage73',
      'card63',
      'unplaced',
      'persona70',
      'interview69',
      'tag74',
    ]);
    expect(filterFacets({})).toEqual([]);
    expect(matchWithFilters('"fee"*', [1], ['tag74', 'unplaced'])).toBe('text : ("fee"*) AND facets : (sentimentp1) AND facets : (tag74 AND unplaced)');
    expect(matchWithFilters('"fee"*', undefined, ['stage73'])).toBe('text : ("fee"*) AND facets : (stage73)');
  });

  it('are written for every quote of a workspace migrated from schema 4, and its filtered searches answer as before', async () => {
    const ws = open(path.join(FIXTURES, 'schema-4.waymark'));
    try {
      const db = ws.ctx.db;
      expect(db.prepare('SELECT count(*) FROM quotes').pluck().get()).toBe(12);
      expectIndexCurrent(db);
      const [map, other] = (await ws.call('maps.list', {})).map((m) => m.id).sort();
      const doc = await ws.call('maps.get', { id: map ?? '' });
      const stage = doc.stages[1]?.id ?? '';
      const card = doc.evidence.cards[0]?.cardId ?? '';
      const ids = async (input: Search) => (await ws.call('quotes.search', { limit: 50, ...input })).hits.map((h) => h.quote.id).sort();
      expect(await ids({ query: 'fee', cardId: card })).toEqual(['q-2']);
      expect(await ids({ query: 'fee', stageId: stage })).toEqual(['q-2', 'q-3', 'q-4', 'q-5']);
      expect(await ids({ query: 'fee', unlinked: true })).toEqual(['q-10', 'q-11', 'q-7', 'q-8', 'q-9']);
      expect(await ids({ query: 'fee', personaId: 'persona-ana' })).toEqual(['q-0', 'q-3', 'q-6', 'q-9']);
      expect(await ids({ query: 'fee', interviewId: 'iv-survey' })).toEqual(['q-11', 'q-2', 'q-5', 'q-8']);
      expect(await ids({ query: 'fee', tagId: 'tag-late' })).toEqual(['q-1', 'q-10', 'q-4', 'q-7']);
      for (const input of [{ mapId: other ?? '' }, { mapId: map ?? '', stageId: stage, sentiments: [0, 1] }, { tagId: 'tag-app', personaId: 'persona-ben' }]) {
        expectSameAsRowByRow(ws, { query: 'quote', ...input });
      }
    } finally {
      ws.close();
    }
  });
});

/** A workspace to change at random: two maps with a card each, three personas, four interviews, four tags, quotes. */
async function world(ws: Workspace) {
  const maps: { id: string; stages: string[]; cards: string[] }[] = [];
  for (const title of ['Delivery', 'Returns']) {
    const made = await ws.call('maps.create', { title, template: 'purchase-journey' });
    const id = made.maps[0]?.id ?? '';
    const doc = await ws.call('maps.get', { id });
    const lane = doc.lanes.find((l) => l.kind === 'text')?.id ?? '';
    const stages = doc.stages.slice(0, 3).map((s) => s.id);
    const cards: string[] = [];
    for (const stageId of stages.slice(0, 2)) cards.push((await ws.call('cards.create', { laneId: lane, stageId, text: 'A card' })).cards[0]?.id ?? '');
    maps.push({ id, stages, cards });
  }
  const personas = ['pa', 'pb', 'pc'];
  for (const id of personas) await ws.call('personas.create', { id, name: `Persona ${id}` });
  const interviews = ['ia', 'ib', 'ic', 'id'];
  for (const [n, id] of interviews.entries()) await ws.call('interviews.create', { id, title: `Interview ${id}`, ...(n < 3 ? { personaId: personas[n] } : {}) });
  const tags = ['ta', 'tb', 'tc', 'td'];
  for (const id of tags) await ws.call('tags.create', { id, name: `Tag ${id}` });
  const words = ['fee', 'late', 'driver', 'app', 'refund'];
  for (let i = 0; i < 16; i++) {
    const text = `${words[i % 5] ?? ''} ${words[(i * 3 + 1) % 5] ?? ''} quote${i}`;
    await ws.call('quotes.create', { id: `q${i}`, interviewId: interviews[i % 4] ?? '', text, sentiment: i % 6 === 5 ? null : (i % 5) - 2, tagIds: i % 3 === 0 ? [tags[i % 4] ?? ''] : [] });
  }
  return { maps, personas, interviews, tags, words };
}
type World = Awaited<ReturnType<typeof world>>;

/** One change a person can make, chosen from numbers (fast-check draws them; the world gives them meaning). */
type Step = { kind: number; a: number; b: number; c: number };
const pick = <T,>(list: readonly T[], n: number): T => list[n % list.length] as T;

async function apply(ws: Workspace, w: World, step: Step, tombstones: string[]): Promise<void> {
  const db = ws.ctx.db;
  const quotes = db.prepare('SELECT id FROM quotes ORDER BY id').pluck().all() as string[];
  const links = db.prepare('SELECT id FROM quote_links ORDER BY id').pluck().all() as string[];
  const liveTags = db.prepare('SELECT id FROM tags ORDER BY id').pluck().all() as string[];
  const livePersonas = db.prepare('SELECT id FROM personas ORDER BY id').pluck().all() as string[];
  const liveInterviews = db.prepare('SELECT id FROM interviews ORDER BY id').pluck().all() as string[];
  const map = pick(w.maps, step.a);
  const some = (n: number) => quotes.filter((_, i) => (i + n) % 3 === 0).slice(0, 5);
  const kept = async (call: Promise<{ tombstones: string[] }>) => tombstones.push(...(await call).tombstones);
  const stages = db.prepare('SELECT id FROM stages WHERE map_id = ? ORDER BY id').pluck().all(map.id) as string[];
  const cards = db.prepare('SELECT id, stage_id FROM cards WHERE map_id = ? ORDER BY id').all(map.id) as { id: string; stage_id: string }[];
  switch (step.kind % 14) {
    case 0: // link to a stage (again: already there stays as it is)
      if (quotes.length > 0 && stages.length > 0) await ws.call('quotes.link', { quoteIds: some(step.b), stageId: pick(stages, step.c) });
      return;
    case 1: {
      const card = cards.length > 0 ? pick(cards, step.c) : undefined;
      if (quotes.length > 0 && card) await ws.call('quotes.link', { quoteIds: some(step.b), stageId: card.stage_id, cardId: card.id });
      return;
    }
    case 2:
      if (links.length > 0) await kept(ws.call('quoteLinks.delete', { id: pick(links, step.b) }));
      return;
    case 3:
      if (quotes.length > 0 && liveTags.length > 0) await ws.call('quotes.tag', { quoteIds: some(step.b), add: [pick(liveTags, step.c)], remove: [] });
      return;
    case 4:
      if (quotes.length > 0 && liveTags.length > 0) await ws.call('quotes.tag', { quoteIds: some(step.b), add: [], remove: [pick(liveTags, step.c)] });
      return;
    case 5:
      if (liveTags.length > 1) await ws.call('tags.merge', { ids: [pick(liveTags, step.b)], into: pick(liveTags, step.b + 1 + (step.c % (liveTags.length - 1))) });
      return;
    case 6:
      if (liveTags.length > 0) await kept(ws.call('tags.delete', { id: pick(liveTags, step.b) }));
      return;
    case 7:
      if (liveInterviews.length > 0) {
        const personaId = step.c % 4 === 3 || livePersonas.length === 0 ? null : pick(livePersonas, step.c);
        await ws.call('interviews.update', { id: pick(liveInterviews, step.b), personaId, title: `Renamed ${step.c}` });
      }
      return;
    case 8:
      if (livePersonas.length > 0) await kept(ws.call('personas.delete', { id: pick(livePersonas, step.b) }));
      return;
    case 9:
      if (quotes.length > 0) {
        const id = pick(quotes, step.b);
        await ws.call('quotes.update', { id, sentiment: step.c % 6 === 5 ? null : (step.c % 5) - 2, text: `${pick(w.words, step.c)} changed ${id}`, ...(step.c % 2 === 0 && liveTags.length > 0 ? { tagIds: [pick(liveTags, step.c)] } : {}) });
      }
      return;
    case 10:
      if (quotes.length > 0) await kept(ws.call('quotes.delete', { id: pick(quotes, step.b) }));
      return;
    case 11: // a stage or a card deleted: its links go with it
      if (step.c % 2 === 0 && stages.length > 1) await kept(ws.call('stages.delete', { id: pick(stages, step.b) }));
      else if (cards.length > 0) await kept(ws.call('cards.delete', { id: pick(cards, step.b).id }));
      return;
    case 12:
      if (step.c % 3 === 0 && liveInterviews.length > 1) await kept(ws.call('interviews.delete', { id: pick(liveInterviews, step.b) }));
      else if (liveInterviews.length > 0) await ws.call('quotes.create', { interviewId: pick(liveInterviews, step.b), text: `${pick(w.words, step.c)} new quote`, sentiment: (step.c % 5) - 2, ...(liveTags.length > 0 ? { tagIds: [pick(liveTags, step.c)] } : {}) });
      return;
    default: {
      // Undo of a delete: the newest tombstone (or an older one) brings everything back as it was.
      const at = tombstones.length - 1 - (step.b % 2);
      const id = tombstones[at];
      if (id === undefined) return;
      tombstones.splice(at, 1);
      try {
        await ws.call('tombstones.restore', { id });
      } catch {
        // A restore whose parent went since (a link of a stage deleted after it) is refused and changes nothing.
      }
    }
  }
}

/** Filters as the board sends them, with words, drawn from what the workspace holds. */
function searches(ws: Workspace, w: World, n: number): Search[] {
  const db = ws.ctx.db;
  const one = (sql: string) => (db.prepare(sql).pluck().all() as string[])[n % 7] ?? 'gone';
  const map = pick(w.maps, n);
  const query = pick([...w.words, 'quote', 'q', 'fee OR late', 'changed -fee'], n);
  return [
    { query, mapId: map.id },
    { query, stageId: one('SELECT stage_id FROM quote_links ORDER BY id'), mapId: map.id },
    { query, cardId: one('SELECT card_id FROM quote_links WHERE card_id IS NOT NULL ORDER BY id') },
    { query, unlinked: true },
    { query, personaId: one('SELECT id FROM personas ORDER BY id') },
    { query, interviewId: one('SELECT id FROM interviews ORDER BY id'), sentiments: [n % 5 - 2, 2] },
    { query, tagId: one('SELECT id FROM tags ORDER BY id') },
    { query, tagId: one('SELECT tag_id FROM quote_tags ORDER BY quote_id'), unlinked: n % 2 === 0, sentiments: [] },
    { query: 'gone-word', stageId: map.stages[0] ?? '' },
  ].flatMap((input) => [input, { ...input, query: n % 2 === 0 ? undefined : '' }]);
}

describe('writePendingFacets', () => {
  it('writes what changed once, alone without waiting for the disk and with the setting put back, or inside the caller\'s transaction', async () => {
    const ws = open();
    try {
      await world(ws);
      const db = ws.ctx.db;
      const pending = () => db.prepare('SELECT count(*) FROM quote_facets WHERE facets IS NULL').pluck().get();
      expect(pending()).toBe(16);
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(writePendingFacets(db)).toBe(16);
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL again
      expect(pending()).toBe(0);
      await ws.call('quotes.tag', { quoteIds: ['q1', 'q2'], add: ['tb'], remove: [] });
      expect(pending()).toBe(2);
      // Inside a transaction it is part of it: rolled back with it, still to be written.
      expect(() =>
        db.transaction(() => {
          expect(writePendingFacets(db)).toBe(2);
          expect(pending()).toBe(0);
          throw new Error('roll back');
        })(),
      ).toThrow('roll back');
      expect(pending()).toBe(2);
      // A filtered search writes them first, with words or without; one by words alone or with no filter needs none of them.
      await ws.call('quotes.search', { query: 'fee' });
      await ws.call('quotes.search', {});
      expect(pending()).toBe(2);
      expect((await ws.call('quotes.search', { query: 'quote1', tagId: 'tb' })).hits.map((h) => h.quote.id)).toEqual(['q1']);
      expect(pending()).toBe(0);
      await ws.call('quotes.tag', { quoteIds: ['q1'], add: [], remove: ['tb'] });
      expect(pending()).toBe(1);
      const tagged = (await ws.call('quotes.search', { tagId: 'tb' })).hits.map((h) => h.quote.id);
      expect(tagged).toContain('q2');
      expect(tagged).not.toContain('q1');
      expect(pending()).toBe(0);
      expectIndexCurrent(db);
    } finally {
      ws.close();
    }
  });
});

describe('a broad search by words with filters', () => {
  it('answers as before page after page across the ranked window and the older matches, each page at most its size', async () => {
    const ws = open();
    try {
      await world(ws);
      const db = ws.ctx.db;
      // 1,300 quotes with one word in common, written straight into the file; every third tagged, every seventh on a stage.
      const stage = db.prepare('SELECT id, map_id FROM stages ORDER BY id LIMIT 1').get() as { id: string; map_id: string };
      db.prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1300)
         INSERT INTO quotes (id, interview_id, text, sentiment, created_at)
         SELECT 'bulk-' || i, 'ib', CASE WHEN i % 10 = 0 THEN 'Zebra zebra crossing ' ELSE 'Zebra crossing ' END || i, i % 3 - 1, '2026-12-01T00:00:00.000Z' FROM n`,
      ).run();
      db.prepare("INSERT INTO quote_tags (quote_id, tag_id) SELECT id, 'tc' FROM quotes WHERE id LIKE 'bulk-%' AND rowid % 3 = 0").run();
      db.prepare("INSERT INTO quote_links (id, quote_id, map_id, stage_id, created_at) SELECT 'bl-' || id, id, ?, ?, 'x' FROM quotes WHERE id LIKE 'bulk-%' AND rowid % 7 = 0").run(stage.map_id, stage.id);
      const filters: Search[] = [{ tagId: 'tc' }, { stageId: stage.id }, { tagId: 'tc', sentiments: [0, 1] }, { unlinked: true }, { interviewId: 'ib' }];
      for (const f of filters) {
        const whole = searchQuotes(ws.ctx, { query: 'zebra', ...f, offset: 0, limit: 200 });
        expect(whole.total, JSON.stringify(f)).toBeGreaterThan(0);
        for (const [offset, limit] of [
          [0, 50],
          [whole.ranked - 7, 50],
          [whole.ranked + 3, 20],
          [whole.total - 5, 50],
        ] as const) {
          const page = searchQuotes(ws.ctx, { query: 'zebra', ...f, offset, limit });
          expect(page.hits.length).toBe(Math.max(0, Math.min(limit, whole.total - offset)));
          expectSameAsRowByRow(ws, { query: 'zebra', ...f, offset, limit });
        }
      }
      expect(searchQuotes(ws.ctx, { query: 'zebra', unlinked: true, offset: 0, limit: 5 }).ranked).toBeGreaterThan(600);
      // Without words, newest first (the bulk quotes all made at one time: by id among themselves), page after page and past the end.
      for (const f of [...filters, { sentiments: [-1] }, { sentiments: [] }]) {
        const whole = searchQuotes(ws.ctx, { ...f, offset: 0, limit: 200 });
        for (const [offset, limit] of [[0, 50], [37, 200], [whole.total - 5, 50], [whole.total, 10], [whole.total + 40, 10]] as const) {
          const page = searchQuotes(ws.ctx, { ...f, offset: Math.max(0, offset), limit });
          expect(page.hits.length, JSON.stringify(f)).toBe(Math.max(0, Math.min(limit, whole.total - Math.max(0, offset))));
          expectSameAsRowByRow(ws, { ...f, offset: Math.max(0, offset), limit });
        }
      }
    } finally {
      ws.close();
    }
  });
});

describe('the facet index, whatever is changed (model)', () => {
  it('holds what a fresh reading gives after random links, tags, merges, personas, deletes and undos, and answers as before', async () => {
    const step = fc.record({ kind: fc.nat(40), a: fc.nat(8), b: fc.nat(30), c: fc.nat(30) });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 24 }), async (steps) => {
        const ws = open();
        try {
          const w = await world(ws);
          const tombstones: string[] = [];
          for (const [i, s] of steps.entries()) {
            await apply(ws, w, s, tombstones);
            // Most changes find the entries written (as after a search), some find them still to be written.
            if (s.c % 3 !== 0) writePendingFacets(ws.ctx.db);
            if (i % 4 === 3) expectIndexCurrent(ws.ctx.db);
          }
          expectIndexCurrent(ws.ctx.db);
          for (const [n, s] of steps.slice(0, 3).entries()) for (const input of searches(ws, w, s.b + n)) expectSameAsRowByRow(ws, input);
        } finally {
          ws.close();
        }
      }),
      { numRuns: 15 },
    );
  }, 240_000);

  it('keeps an entry right through INSERT OR IGNORE, cascades, and link and tag rows changed in place, each change on its own', async () => {
    const ws = open();
    try {
      const w = await world(ws);
      const db = ws.ctx.db;
      const [map] = w.maps;
      const stage = map?.stages[0] ?? '';
      const steps: [string, () => unknown][] = [
        ['a link', () => db.prepare("INSERT INTO quote_links (id, quote_id, map_id, stage_id, created_at) VALUES ('l1', 'q1', ?, ?, 'x')").run(map?.id, stage)],
        // Ignored: the same place again; the entry must not be lost (a BEFORE trigger would have taken it out).
        ['the same link ignored', () => db.prepare("INSERT OR IGNORE INTO quote_links (id, quote_id, map_id, stage_id, created_at) VALUES ('l2', 'q1', ?, ?, 'x')").run(map?.id, stage)],
        ['a tag twice, once ignored', () => db.prepare("INSERT OR IGNORE INTO quote_tags (quote_id, tag_id) VALUES ('q1', 'ta'), ('q1', 'ta')").run()],
        ['a link moved to another quote and stage', () => db.prepare("UPDATE quote_links SET quote_id = 'q5', stage_id = ? WHERE id = 'l1'").run(map?.stages[1])],
        ['a tag row moved to another quote', () => db.prepare("UPDATE quote_tags SET quote_id = 'q5' WHERE quote_id = 'q1' AND tag_id = 'ta'").run()],
        ['an interview edit that changes no facet', () => db.prepare("UPDATE interviews SET title = 'Same persona' WHERE id = 'ia'").run()],
        ['a persona deleted (SET NULL)', () => db.prepare("DELETE FROM personas WHERE id = 'pb'").run()],
        ['a quote moved to another interview', () => db.prepare("UPDATE quotes SET interview_id = 'ia' WHERE id = 'q3'").run()],
        ['a link deleted', () => db.prepare("DELETE FROM quote_links WHERE id = 'l1'").run()],
        ['a tag row deleted', () => db.prepare("DELETE FROM quote_tags WHERE quote_id = 'q5' AND tag_id = 'ta'").run()],
        ['a quote deleted', () => db.prepare("DELETE FROM quotes WHERE id = 'q5'").run()],
        ['links again', () => db.prepare("INSERT INTO quote_links (id, quote_id, map_id, stage_id, created_at) VALUES ('l3', 'q7', ?, ?, 'x')").run(map?.id, stage)],
        ['a map deleted (its links cascade)', () => db.prepare('DELETE FROM maps WHERE id = ?').run(map?.id)],
        ['a tag deleted (its rows cascade)', () => db.prepare("DELETE FROM tags WHERE id = 'ta'").run()],
        ['an interview deleted (its quotes cascade)', () => db.prepare("DELETE FROM interviews WHERE id = 'ic'").run()],
      ];
      expectIndexCurrent(db);
      for (const [name, change] of steps) {
        expect(change, name).not.toThrow();
        expectIndexCurrent(db);
      }
      // 16 quotes, less q5 and the four of interview ic; none on a stage any more.
      expect(db.prepare("SELECT count(*) FROM quote_facets_fts WHERE quote_facets_fts MATCH 'facets : unplaced'").pluck().get()).toBe(11);
    } finally {
      ws.close();
    }
  });
});
