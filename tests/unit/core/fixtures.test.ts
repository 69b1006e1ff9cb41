/**
 * Workspaces written by every released schema open in today's Waymark, migrate, and keep everything.
 * tests/fixtures/workspaces/schema-N.waymark was written by the code of schema N (see the README there);
 * add one for each schema you release, and never change an old one.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { OperationInput } from '../../../electron/api/contract.ts';
import { decodeMapColumns, type MapColumnsDocument } from '../../../electron/api/mapColumns.ts';
import type { MapDocument } from '../../../electron/api/types.ts';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/migrations/index.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { sha256, tempDir } from './helpers.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/workspaces');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

type Row = Record<string, unknown>;
const rows = (file: string, sql: string): Row[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as Row[];
  } finally {
    db.close();
  }
};

/** What a person would miss: every record's content, and the order of each parent's children. */
function content(file: string) {
  const ordered = (table: string, parent: string, columns: string) =>
    rows(file, `SELECT ${parent} AS parent, ${columns} FROM ${table} ORDER BY ${parent}, position, ${columns.split(',')[0] ?? 'rowid'}`).map((r) => JSON.stringify(r));
  return {
    maps: rows(file, 'SELECT id, title, description, emotion_min, emotion_max, created_at, updated_at FROM maps ORDER BY id'),
    stages: ordered('stages', 'map_id', 'id, name, description, color, owner, goal, width'),
    lanes: ordered('lanes', 'map_id', 'id, kind, title, height, collapsed'),
    cards: ordered('cards', "lane_id || '|' || stage_id", 'id, map_id, text, color, channel, votes, evidence'),
    mapPersonas: ordered('map_personas', 'map_id', 'persona_id'),
    emotions: rows(file, 'SELECT * FROM emotion_points ORDER BY id'),
    personas: rows(file, 'SELECT * FROM personas ORDER BY id'),
    // The columns every schema has had (later ones add columns with defaults, checked below).
    interviews: rows(file, 'SELECT id, title, participant, persona_id, held_on, method, transcript, created_at, updated_at FROM interviews ORDER BY id'),
    quotes: rows(file, 'SELECT id, interview_id, text, start_offset, end_offset, sentiment, created_at FROM quotes ORDER BY id'),
    // Each quote's place: a stage, or a card (on the card's stage: migration 9 moved the links a card's move left
    // behind, and kept one a quote and card).
    links: rows(
      file,
      `SELECT DISTINCT l.quote_id, l.map_id, CASE WHEN l.card_id IS NULL THEN l.stage_id ELSE c.stage_id END AS stage_id, l.card_id
       FROM quote_links l LEFT JOIN cards c ON c.id = l.card_id ORDER BY 1, 2, 3, 4`,
    ),
    linkIds: rows(file, 'SELECT id, created_at FROM quote_links WHERE card_id IS NULL ORDER BY id'),
    tags: rows(file, 'SELECT * FROM tags ORDER BY id'),
    quoteTags: rows(file, 'SELECT * FROM quote_tags ORDER BY quote_id, tag_id'),
    metrics: rows(file, 'SELECT * FROM metrics ORDER BY id'),
    versions: rows(file, 'SELECT * FROM versions ORDER BY id'),
    quoteSearch: rows(file, "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'milk' ORDER BY rowid").length,
  };
}

const released = fs
  .readdirSync(FIXTURES)
  .map((f) => /^schema-(\d+)\.waymark$/.exec(f))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => ({ version: Number(m[1]), file: path.join(FIXTURES, m[0]) }));

describe('workspaces written by released schemas', () => {
  it('has a fixture for every released schema before the latest', () => {
    const versions = released.map((r) => r.version).sort((a, b) => a - b);
    for (let v = 1; v < LATEST_SCHEMA_VERSION; v++) expect(versions).toContain(v);
  });

  for (const { version, file: fixture } of released) {
    it(`opens a schema-${version} workspace, backs it up first, migrates it and keeps everything`, async () => {
      const dir = tempDir();
      dirs.push(dir);
      const file = path.join(dir, 'old.waymark');
      fs.copyFileSync(fixture, file);
      const hashBefore = sha256(file);
      const before = content(file);

      const ws = Workspace.open(file);
      const info = await ws.call('workspace.info', {});
      expect(info.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      const backups = await ws.call('workspace.backups', {});
      const safety = backups.find((b) => b.reason === `before-migration-${version}`);
      expect(safety, 'a backup is taken before the migration').toBeDefined();
      // The backup is the file as it was: same schema, same content.
      const backupFile = path.join(`${file}.backups`, safety?.id ?? '');
      expect(rows(backupFile, 'PRAGMA user_version')[0]).toEqual({ user_version: version });
      expect(content(backupFile)).toEqual(before);
      // Everything still reads through the contract, in the same order.
      for (const summary of await ws.call('maps.list', {})) {
        const doc = await ws.call('maps.get', { id: summary.id });
        expect(doc.stages.map((s) => s.id)).toEqual(before.stages.filter((s) => s.includes(`"parent":"${summary.id}"`)).map((s) => (JSON.parse(s) as { id: string }).id));
      }
      // And the workspace can be edited: a card placed between two others writes one row.
      const [map] = await ws.call('maps.list', {});
      const doc = await ws.call('maps.get', { id: map?.id ?? '' });
      const card = doc.cards[0];
      if (card) {
        const moved = await ws.call('cards.create', { laneId: card.laneId, stageId: card.stageId, text: 'after migration', after: card.id });
        expect(moved.cards).toHaveLength(1);
      }
      ws.close();
      expect(sha256(file)).not.toBe(hashBefore);
      const after = content(file);
      expect({ ...after, cards: after.cards.filter((c) => !c.includes('after migration')), maps: before.maps }).toEqual(before);
      expect(rows(file, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      expect(rows(file, 'PRAGMA foreign_key_check')).toEqual([]);
      if (version < 3) {
        // Schema 3: what was there before is notes (no turns), and its quotes have no speaker or time yet.
        expect(rows(file, "SELECT count(*) AS n FROM interviews WHERE format <> 'notes' OR turns IS NOT NULL")).toEqual([{ n: 0 }]);
        expect(rows(file, "SELECT count(*) AS n FROM quotes WHERE speaker <> '' OR at_seconds IS NOT NULL")).toEqual([{ n: 0 }]);
      }
      if (version < 7) {
        // Schema 7: the day a quote was said was not kept before; every quote has none.
        expect(rows(file, 'SELECT count(*) AS n FROM quotes WHERE said_on IS NOT NULL')).toEqual([{ n: 0 }]);
      }
    });
  }

  it('reads the research of a schema-2 workspace through the contract once migrated', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'old.waymark');
    fs.copyFileSync(path.join(FIXTURES, 'schema-2.waymark'), file);
    const ws = Workspace.open(file);
    try {
      const maps = await ws.call('maps.list', {});
      const purchase = maps.find((m) => m.title === 'Purchase journey');
      const doc = await ws.call('maps.get', { id: purchase?.id ?? '' });
      expect(doc.personas.map((p) => p.name)).toEqual(['Sam Shopper']);
      expect(doc.map.personaIds).toEqual([doc.personas[0]?.id]);
      expect(doc.quoteLinks.map((l) => [l.id, l.cardId !== null])).toEqual([
        ['ql-2', true],
        ['ql-3', false],
      ]);
      expect(doc.quotes.map((q) => [q.id, q.sentiment, q.tagIds])).toEqual([['q-2', -2, ['tag-2']]]);
      expect(doc.interviews.map((i) => [i.title, i.format])).toEqual([['Checkout call', 'notes']]);
      expect(doc.metrics.map((m) => `${m.name} ${m.value} ${m.unit}`).sort()).toEqual(['entered stage 1200 customers', 'entered stage 700 customers']);
      const found = await ws.call('quotes.search', { query: 'deliver' });
      expect(found.hits.map((h) => h.quote.id)).toContain('q-2');
      // The card deleted before the migration can still be brought back.
      const back = await ws.call('tombstones.restore', { id: 'tomb-card-1' });
      expect(back.cards.map((c) => c.text)).toEqual(['Deleted later']);
    } finally {
      ws.close();
    }
  });

  it('reads the evidence of a schema-3 workspace through the contract once migrated: totals, transcripts, speakers', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'old.waymark');
    fs.copyFileSync(path.join(FIXTURES, 'schema-3.waymark'), file);
    const ws = Workspace.open(file);
    try {
      const [summary] = await ws.call('maps.list', {});
      const doc = await ws.call('maps.get', { id: summary?.id ?? '' });
      const [s1, s2] = doc.stages.map((s) => s.id);
      const totals = new Map(doc.evidence.stages.map(({ stageId, ...t }) => [stageId, t]));
      // q-0..q-3 (−2, −1, 0, +1) on the first stage; q-2..q-5 (0, +1, +2, none) on the second, q-2 also on a card.
      expect(totals.get(s1 ?? '')).toEqual({ quoteCount: 4, sentimentSum: -2, sentimentCount: 4 });
      expect(totals.get(s2 ?? '')).toEqual({ quoteCount: 4, sentimentSum: 3, sentimentCount: 3 });
      expect(doc.evidence.cards.map((c) => c.quoteCount)).toEqual([1]);
      expect(doc.quotes.map((q) => q.id).sort()).toEqual(['q-0', 'q-1', 'q-2', 'q-3', 'q-4', 'q-5']);
      expect(doc.quoteLinks.map((l) => l.id).sort()).toEqual(['ql-1', 'ql-2', 'ql-3', 'ql-4', 'ql-5', 'ql-6', 'ql-7', 'ql-8', 'ql-9']);
      expect(doc.quotes.find((q) => q.id === 'q-1')).toMatchObject({ speaker: 'Ana', tagIds: ['tag-fee', 'tag-late'] });
      expect(doc.lanes.map((l) => l.kind)).toContain('evidence');
      const call = await ws.call('interviews.get', { id: 'iv-call' });
      expect(call.interview.format).toBe('vtt');
      expect(call.turns?.length).toBeGreaterThan(0);
      expect((await ws.call('quotes.search', { query: 'fee', cardId: doc.evidence.cards[0]?.cardId ?? '' })).hits.map((h) => h.quote.id)).toEqual(['q-2']);
    } finally {
      ws.close();
    }
  });

  it('searches a schema-5 workspace by one letter once migrated: both indexes rebuilt whole, and kept up to date after', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'old.waymark');
    fs.copyFileSync(path.join(FIXTURES, 'schema-5.waymark'), file);
    const ws = Workspace.open(file);
    const ids = async (input: Omit<OperationInput<'quotes.search'>, 'offset' | 'limit'>) =>
      (await ws.call('quotes.search', { offset: 0, limit: 50, ...input })).hits.map((h) => h.quote.id).sort();
    const fts = (table: string) => ws.ctx.db.prepare(`INSERT INTO ${table}(${table}, rank) VALUES ('integrity-check', 1)`).run();
    try {
      for (const table of ['quotes_fts', 'quote_facets_fts']) {
        expect(ws.ctx.db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(table)).toContain("prefix='1 2 3'");
        expect(() => fts(table)).not.toThrow();
      }
      const delivery = (await ws.call('maps.list', {})).find((m) => m.title === 'Delivery journey');
      const doc = await ws.call('maps.get', { id: delivery?.id ?? '' });
      const s1 = doc.stages[0]?.id ?? '';
      // Every quote reads "Quote number i about the delivery fee and the app": a letter finds what its word finds.
      const all = Array.from({ length: 12 }, (_, i) => `q-${i}`).sort();
      expect(await ids({ query: 'n' })).toEqual(all);
      expect(await ids({ query: 'n' })).toEqual(await ids({ query: 'number' }));
      expect(await ids({ query: 'z' })).toEqual([]);
      // With filters, through the facets' index: q-0..q-3 on the first stage; "Late delivery" on q-1, q-4, q-7, q-10.
      expect(await ids({ query: 'f', stageId: s1 })).toEqual(['q-0', 'q-1', 'q-2', 'q-3']);
      expect(await ids({ query: 'a', tagId: 'tag-late' })).toEqual(['q-1', 'q-10', 'q-4', 'q-7']);
      // The triggers still keep both indexes: a new quote is found by its first letter, on its stage too, and gone once deleted.
      await ws.call('quotes.create', { id: 'q-zebra', interviewId: 'iv-ana', text: 'Zebra crossing by the depot' });
      expect(await ids({ query: 'z' })).toEqual(['q-zebra']);
      await ws.call('quotes.link', { quoteIds: ['q-zebra'], stageId: s1 });
      expect(await ids({ query: 'z', stageId: s1 })).toEqual(['q-zebra']);
      await ws.call('quotes.delete', { id: 'q-zebra' });
      expect(await ids({ query: 'z' })).toEqual([]);
      expect(await ids({ query: 'z', stageId: s1 })).toEqual([]);
      for (const table of ['quotes_fts', 'quote_facets_fts']) expect(() => fts(table)).not.toThrow();
    } finally {
      ws.close();
    }
  });

  it('keeps every column of a schema-6 workspace’s quotes, gives them no day, and keeps the days given after', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'old.waymark');
    fs.copyFileSync(path.join(FIXTURES, 'schema-6.waymark'), file);
    const every = (f: string) => rows(f, 'SELECT rowid, * FROM quotes ORDER BY id');
    const before = every(file);
    expect(before).toHaveLength(12);
    const ws = Workspace.open(file);
    try {
      // Each quote as it was, column by column, and a day column that is empty.
      expect(every(file).map(({ said_on, ...rest }) => [rest, said_on])).toEqual(before.map((r) => [r, null]));
      const { quotes } = await ws.call('quotes.list', { interviewId: 'iv-ana' });
      expect(quotes.map((q) => [q.id, q.saidOn, q.sentiment, q.tagIds])).toEqual(
        before.filter((r) => r.interview_id === 'iv-ana').map((r) => [r.id, null, r.sentiment, expect.any(Array) as unknown[]]),
      );
      expect((await ws.call('interviews.get', { id: 'iv-ana' })).interview.heldOn).toBe('2026-11-20');
      // A day given now is kept, and the quote is still found by its words.
      expect((await ws.call('quotes.update', { id: 'q-0', saidOn: '2026-11-20' })).quotes[0]?.saidOn).toBe('2026-11-20');
      expect((await ws.call('quotes.search', { query: 'number', offset: 0, limit: 50 })).total).toBe(12);
    } finally {
      ws.close();
    }
    expect(rows(file, "SELECT id FROM quotes WHERE said_on IS NOT NULL")).toEqual([{ id: 'q-0' }]);
  });

  it('puts a schema-8 workspace’s quote links on their card’s stage: the links a move left behind, one a quote and card', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'old.waymark');
    fs.copyFileSync(path.join(FIXTURES, 'schema-8.waymark'), file);
    const linkRows = (f: string) => rows(f, 'SELECT l.id, l.quote_id, l.stage_id, l.card_id, c.stage_id AS card_stage FROM quote_links l LEFT JOIN cards c ON c.id = l.card_id ORDER BY l.id');
    const before = linkRows(file);
    const cardStage = before.find((r) => r.card_id === 'card-waits')?.card_stage;
    // Under schema 8 the card's two links stayed on the stage it left, and q-van went on it again where it is.
    expect(before.map((r) => [r.id, r.stage_id === r.card_stage || r.card_id === null])).toEqual([
      ['ql-alone', true],
      ['ql-slot', false],
      ['ql-van', false],
      ['ql-van-again', true],
    ]);
    const ws = Workspace.open(file);
    try {
      const after = linkRows(file);
      expect(after.map((r) => [r.id, r.quote_id, r.stage_id])).toEqual([
        ['ql-alone', 'q-alone', before[0]?.stage_id],
        ['ql-slot', 'q-slot', cardStage],
        ['ql-van-again', 'q-van', cardStage],
      ]);
      const [summary] = await ws.call('maps.list', {});
      const doc = await ws.call('maps.get', { id: summary?.id ?? '' });
      expect(doc.evidence.stages.find((t) => t.stageId === cardStage)?.quoteCount).toBe(2);
      expect(doc.evidence.stages.find((t) => t.stageId === before[1]?.stage_id)).toBeUndefined();
      const onCardStage = await ws.call('quotes.search', { query: 'van', stageId: String(cardStage), limit: 50 });
      expect(onCardStage.hits.map((h) => h.quote.id).sort()).toEqual(['q-slot', 'q-van']);
      expect((await ws.call('quotes.search', { stageId: String(before[1]?.stage_id), limit: 50 })).total).toBe(0);
    } finally {
      ws.close();
    }
  });

  it('moves a schema-9 workspace’s quote index to a column per sentiment: every sentiment filter finds what it found, and the index follows changes', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'old.waymark');
    fs.copyFileSync(path.join(FIXTURES, 'schema-9.waymark'), file);
    const columns = (f: string) => rows(f, "SELECT name FROM pragma_table_info('quotes_fts') ORDER BY cid").map((r) => r.name);
    expect(columns(file)).toEqual(['text', 'facets']);
    const ws = Workspace.open(file);
    try {
      expect(columns(file)).toEqual(['sm2', 'sm1', 's0', 'sp1', 'sp2', 'snone']);
      const found = async (input: Omit<OperationInput<'quotes.search'>, 'limit'>) =>
        (await ws.call('quotes.search', { limit: 50, ...input })).hits.map((h) => h.quote.id).sort();
      // As the fixture's maker printed under schema 9 (q-0 was made at 0, then given −1).
      expect(await found({ query: 'fee', sentiments: [-2, -1] })).toEqual(['q-0', 'q-m1', 'q-m2']);
      expect(await found({ query: 'fee', sentiments: [1, 2] })).toEqual(['q-p1', 'q-p2']);
      expect(await found({ query: 'fee', sentiments: [0] })).toEqual([]);
      expect(await found({ query: 'fee' })).toEqual(['q-0', 'q-m1', 'q-m2', 'q-none', 'q-p1', 'q-p2']);
      expect(await found({ query: 'said', sentiments: [1] })).toEqual(['q-p1']); // the text changed under schema 9
      // The words are marked in whichever column holds them.
      const [hit] = (await ws.call('quotes.search', { query: 'shock', sentiments: [-2], limit: 50 })).hits;
      expect(hit?.snippet).toBe('The delivery fee was a \uE000shock\uE001');
      // After the upgrade: a new sentiment, a sentiment taken away, a quote brought back, a new quote.
      await ws.call('quotes.update', { id: 'q-none', sentiment: 2 });
      await ws.call('quotes.update', { id: 'q-m1', sentiment: null });
      await ws.call('tombstones.restore', { id: 'tomb-q-gone' });
      await ws.call('quotes.create', { id: 'q-new', interviewId: 'iv-fees', text: 'That fee again', sentiment: 0 });
      expect(await found({ query: 'fee', sentiments: [-2, -1] })).toEqual(['q-0', 'q-gone', 'q-m2']);
      expect(await found({ query: 'fee', sentiments: [2] })).toEqual(['q-none', 'q-p2']);
      expect(await found({ query: 'fee', sentiments: [0] })).toEqual(['q-new']);
      await ws.call('quotes.delete', { id: 'q-m2' });
      expect(await found({ query: 'shock' })).toEqual([]);
      expect(() => ws.ctx.db.prepare("INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
    } finally {
      ws.close();
    }
  });

  it('gives a schema-10 workspace an index of its cards in the answer’s order: each map answers as schema 10 did, and the answer follows changes', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'old.waymark');
    fs.copyFileSync(path.join(FIXTURES, 'schema-10.waymark'), file);
    const indexes = (f: string) => rows(f, "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'cards' AND sql IS NOT NULL ORDER BY name").map((r) => r.name);
    expect(indexes(file)).toEqual(['cards_by_cell', 'cards_by_map', 'cards_by_stage']);
    const ws = Workspace.open(file);
    try {
      expect(indexes(file)).toEqual(['cards_by_cell', 'cards_by_map', 'cards_by_stage', 'cards_in_answer_order']);
      const [journey] = (await ws.call('maps.list', {})).filter((m) => m.title === 'Cards journey');
      const id = journey?.id ?? '';
      const read = async () => decodeMapColumns(JSON.parse(new TextDecoder().decode(await ws.callJson('maps.getColumns', { id }))) as MapColumnsDocument);
      // As the fixture's maker printed under schema 10: the cards in the answer's order (lane, stage, position).
      const order = (doc: MapDocument) => doc.cards.map((c) => `${c.id}@${c.position}`);
      const expected = ['card-d@a0', 'card-c@Zz', 'card-a@a0', 'card-e@a0', 'card-f@a1', 'card-b@Zz', 'card-g@a0'];
      expect(order(await read())).toEqual(expected);
      expect(await read()).toEqual(await ws.call('maps.get', { id }));
      const a = (await read()).cards.find((c) => c.id === 'card-a');
      expect(a).toMatchObject({ text: 'Looks for "fast" delivery', color: '#fde68a', votes: 3, evidence: 'observed', channel: null });
      // After the upgrade: the deleted card back, a card moved and one changed; each read is the answer a fresh read gives.
      await ws.call('tombstones.restore', { id: 'tomb-card-gone' });
      await ws.call('cards.move', { id: 'card-a', laneId: a?.laneId ?? '', stageId: (await read()).cards.find((c) => c.id === 'card-g')?.stageId ?? '', index: 0 });
      await ws.call('cards.update', { id: 'card-e', text: 'Checkout page, \u201cpay now\u201d', channel: 'app' });
      const now = await read();
      expect(now).toEqual(await ws.call('maps.get', { id }));
      expect(now.cards.map((c) => c.id)).toEqual(['card-d', 'card-a', 'card-c', 'card-e', 'card-f', 'card-b', 'card-g', 'card-gone']); // card-a: its lane, card-g's stage
    } finally {
      ws.close();
    }
  });

  it('lists a schema-7 workspace’s quotes in the order they came in, every column kept, without the (created_at, id) index', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'old.waymark');
    fs.copyFileSync(path.join(FIXTURES, 'schema-7.waymark'), file);
    const every = (f: string) => rows(f, 'SELECT rowid, * FROM quotes ORDER BY rowid');
    const before = every(file);
    expect(before).toHaveLength(11);
    // Under schema 7 the eight rows of the survey shared one time, and q-first, brought back by undo, came in again.
    expect(new Set(before.slice(3).map((r) => r.created_at)).size).toBe(1);
    expect(before.slice(0, 3).map((r) => r.id)).toEqual(['q-second', 'q-third', 'q-first']);
    const ws = Workspace.open(file);
    try {
      expect(every(file)).toEqual(before);
      expect(rows(file, "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'quotes' ORDER BY name").map((r) => r.name)).toEqual([
        'quotes_by_interview',
        'quotes_evidence',
        'sqlite_autoindex_quotes_1',
      ]);
      // Newest first, without words and with, by seq: the rowid each had.
      const newest = before.map((r) => r.id).reverse();
      const board = await ws.call('quotes.search', { limit: 50 });
      expect(board.hits.map((h) => [h.quote.id, h.quote.seq])).toEqual(newest.map((id) => [id, before.find((r) => r.id === id)?.rowid]));
      const byWords = await ws.call('quotes.search', { query: 'van', limit: 50 });
      expect(byWords.hits.map((h) => h.quote.id).sort()).toEqual([...newest].sort());
      const stages = (await ws.call('maps.get', { id: (await ws.call('maps.list', {}))[0]?.id ?? '' })).stages;
      const onFirst = await ws.call('quotes.search', { stageId: stages[0]?.id, limit: 50 });
      expect(onFirst.hits.map((h) => h.quote.id)).toEqual(['q-first', 'q-second']);
      expect(onFirst.hits[0]?.quote.saidOn).toBe('2026-11-30');
      // A quote made now comes after all of them.
      const made = (await ws.call('quotes.create', { interviewId: 'iv-notes', text: 'A new quote about the van' })).quotes[0];
      expect(made?.seq).toBeGreaterThan(Math.max(...before.map((r) => Number(r.rowid))));
    } finally {
      ws.close();
    }
  });
});
