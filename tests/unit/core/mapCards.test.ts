/**
 * The cards of a held maps.getColumns answer (electron/core/mapCards.ts), made from SQLite's own cells
 * (maps.ts `cardShares`) on a real migrated database: after any sequence of cards deleted, changed, moved to
 * other cells (new ones too) or to another map and made again, with the cells they were and are in read again
 * and put in place, `json` is exactly the text JSON.stringify makes of CardColumnsBuilder's columns of the same
 * cards in SQLite's order (lane id, stage id, position, id, in bytes) — a model-based run over ids and positions
 * whose UTF-8 order is not their UTF-16 order, cards on one position, texts JSON must escape, repeated values met
 * first in other cells, cells emptied and made again.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardColumnsBuilder } from '../../../electron/api/mapColumns.ts';
import { CHANNELS, EVIDENCE_STATUSES, type Card, type Channel, type EvidenceStatus } from '../../../electron/api/types.ts';
import type { Db } from '../../../electron/core/database.ts';
import { MapCards, type CellKey } from '../../../electron/core/mapCards.ts';
import { CARD_SHARES_SQL, cardShares, type CellShares } from '../../../electron/core/maps.ts';
import type { Ctx } from '../../../electron/core/records.ts';
import { cardsOnlyDb } from './helpers.ts';

/** A card of the model: a card as maps.get gives it (its map, cell and fields). */
type ModelCard = Card;

const bytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));
const sqlOrder = (a: ModelCard, b: ModelCard): number => bytes(a.laneId, b.laneId) || bytes(a.stageId, b.stageId) || bytes(a.position, b.position) || bytes(a.id, b.id);

/** What a read answers for the cards of `mapId`: the builder's columns of them in SQLite's order, as JSON text. */
function expected(cards: Iterable<ModelCard>, mapId: string, asMapId = mapId): string {
  const builder = new CardColumnsBuilder();
  for (const c of [...cards].filter((c) => c.mapId === mapId).sort(sqlOrder)) {
    builder.add(c.id, asMapId, c.laneId, c.stageId, c.text, c.color, c.position, c.channel, c.votes, c.evidence);
  }
  return JSON.stringify(builder.columns());
}

let db: Db;
let ctx: Ctx;
let dispose: () => void;
beforeAll(() => {
  ({ db, dispose } = cardsOnlyDb());
  ctx = { db, now: () => new Date() };
});
afterAll(() => dispose());

const insert = (c: ModelCard) =>
  db
    .prepare('INSERT OR REPLACE INTO cards (id, map_id, lane_id, stage_id, text, color, position, channel, votes, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(c.id, c.mapId, c.laneId, c.stageId, c.text, c.color, c.position, c.channel, c.votes, c.evidence);

/** The cells of `mapId` as the cache reads them, every one of them. */
const sharesOf = (mapId: string): CellShares[] => cardShares(ctx, mapId) ?? expect.fail('cardShares refused the cards');

// U+FF01 sorts before an emoji in UTF-8 (EF… < F0…) but after it in UTF-16 (FF01 > D83D).
const char = fc.constantFrom('a', 'b', 'é', '\uFF01', '\u{1F600}');
const key = fc.array(char, { minLength: 1, maxLength: 3 }).map((c) => c.join(''));
const fields = fc.record({
  mapId: fc.constantFrom('map-1', 'map-1', 'map-1', 'map-2'),
  laneId: fc.constantFrom('lane-a', 'lane-\uFF01', 'lane-\u{1F600}', 'LANE'),
  stageId: fc.constantFrom('stage-1', 'stage-é', 'stage-\u{1F600}'),
  text: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('"quoted"\n', 'back\\slash', '\u2028', '', '\u0000\u001f\u007f\t', '</script>')),
  color: fc.constantFrom(null, '#fde68a', '#bfdbfe'),
  position: key,
  channel: fc.constantFrom<Channel | null>(null, ...CHANNELS),
  votes: fc.nat({ max: 12 }),
  evidence: fc.constantFrom<EvidenceStatus>(...EVIDENCE_STATUSES),
});
type Fields = typeof fields extends fc.Arbitrary<infer T> ? T : never;

/** One change: these ids (some held, some not) as they are now — each gone, or with these fields. */
const change = fc.array(fc.record({ id: fc.nat({ max: 30 }), now: fc.option(fields, { nil: undefined }) }), { maxLength: 8 });

describe('MapCards from cardShares', () => {
  it('gives what a read gives after any sequence of changes, reading again only the cells they touch', () => {
    fc.assert(
      fc.property(fc.array(fields, { maxLength: 25 }), fc.array(change, { maxLength: 8 }), (start, changes) => {
        db.exec('DELETE FROM cards');
        const model = new Map<string, ModelCard>(start.map((f: Fields, i) => [`card-${i}`, { ...f, id: `card-${i}` }]));
        for (const card of model.values()) insert(card);
        const cards = new MapCards(sharesOf('map-1'));
        expect(cards.size).toBe([...model.values()].filter((c) => c.mapId === 'map-1').length);
        expect(cards.json('map-1')).toBe(expected(model.values(), 'map-1'));
        for (const step of changes) {
          const touched = new Map<string, CellKey>();
          const touch = (c: ModelCard | undefined) => {
            if (c?.mapId === 'map-1') touched.set(`${c.laneId}\u0000${c.stageId}`, { laneId: c.laneId, stageId: c.stageId });
          };
          for (const { id: n, now } of step) {
            const id = `card-${n}`;
            touch(model.get(id));
            if (now === undefined) {
              model.delete(id);
              db.prepare('DELETE FROM cards WHERE id = ?').run(id);
            } else {
              const card = { ...now, id };
              model.set(id, card);
              insert(card);
              touch(card);
            }
          }
          const named = [...touched.values()];
          cards.replace(
            named,
            named.flatMap((cell) => cardShares(ctx, 'map-1', cell) ?? expect.fail('cardShares refused a cell')),
          );
          expect(cards.size).toBe([...model.values()].filter((c) => c.mapId === 'map-1').length);
          expect(cards.json('map-1')).toBe(expected(model.values(), 'map-1'));
        }
        // And a whole read of the other map is its own cards alone.
        expect(new MapCards(sharesOf('map-2')).json('map-2')).toBe(expected(model.values(), 'map-2'));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps its text until a cell changes, and makes it again for another map id', () => {
    db.exec('DELETE FROM cards');
    const card = (id: string, position: string, color: string | null): ModelCard => ({ mapId: 'm', laneId: 'l', stageId: 's', id, text: `text ${id}`, color, position, channel: null, votes: 0, evidence: 'assumed' });
    const model = [card('a', 'a0', null), card('b', 'a1', '#fff'), card('c', 'a2', null), { ...card('d', 'a0', '#fff'), stageId: 't' }];
    for (const c of model) insert(c);
    const cards = new MapCards(sharesOf('m'));
    const first = cards.json('m');
    expect(cards.utf8('m')).toBe(cards.utf8('m')); // the same pieces, not made again
    expect(first).toBe(expected(model, 'm'));
    expect(cards.json('other')).toBe(expected(model, 'm', 'other'));
    expect(cards.json('m')).toBe(first);
    const held = cards.utf8('m');
    cards.replace([], []);
    expect(cards.utf8('m')).toBe(held);
    cards.replace([{ laneId: 'l', stageId: 'nowhere' }], []); // a cell it never held, empty: the text is made again, the same
    expect(cards.utf8('m')).not.toBe(held);
    expect(cards.json('m')).toBe(first);
    // The first colour met moves behind another: every share of the colour column follows, in the cell that did not change too.
    const moved = card('b', 'a3', '#fff');
    insert(moved);
    cards.replace([{ laneId: 'l', stageId: 's' }], cardShares(ctx, 'm', { laneId: 'l', stageId: 's' }) ?? []);
    expect(cards.json('m')).toBe(expected([model[0], model[2], model[3], moved] as ModelCard[], 'm'));
    expect(cards.size).toBe(4);
  });

  it('holds no cards as empty columns, and cells emptied and made again', () => {
    db.exec('DELETE FROM cards');
    const cards = new MapCards(sharesOf('m'));
    expect(cards.json('m')).toBe(expected([], 'm'));
    expect(cards.size).toBe(0);
    const one: ModelCard = { mapId: 'm', laneId: 'l', stageId: 's', id: 'x', text: '', color: null, position: 'a', channel: 'web', votes: 2, evidence: 'observed' };
    const cell = { laneId: 'l', stageId: 's' };
    insert(one);
    cards.replace([cell], cardShares(ctx, 'm', cell) ?? []);
    expect(cards.json('m')).toBe(expected([one], 'm'));
    db.prepare('DELETE FROM cards').run();
    expect(cardShares(ctx, 'm', cell)).toEqual([]);
    cards.replace([cell], []);
    expect(cards.json('m')).toBe('{"id":[],"mapId":{"values":[],"index":[]},"laneId":{"values":[],"index":[]},"stageId":{"values":[],"index":[]},"text":[],"color":{"values":[],"index":[]},"position":[],"channel":{"values":[],"index":[]},"votes":[],"evidence":{"values":[],"index":[]}}');
  });
});

describe('cardShares', () => {
  it('hands over each cell’s count, its plain columns’ JSON and its own columns of repeated values, distinct, in the order first met', () => {
    db.exec('DELETE FROM cards');
    const base = { mapId: 'm', laneId: 'l', stageId: 's', text: 't', channel: null, votes: 0, evidence: 'assumed' } as const;
    insert({ ...base, id: 'c1', position: 'a0', color: '#fff', text: 'Say "hi"\n', votes: 7 });
    insert({ ...base, id: 'c2', position: 'a1', color: null, channel: 'web', evidence: 'observed' });
    insert({ ...base, id: 'c3', position: 'a2', color: '#fff', channel: 'web' });
    insert({ ...base, id: 'c4', position: 'a0', stageId: 't', color: null });
    insert({ ...base, id: 'other', position: 'a0', mapId: 'n', color: null }); // another map's card in the same cell
    const utf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    const cells = sharesOf('m').map((c) => ({ ...c, plain: Object.fromEntries(Object.entries(c.plain).map(([k, v]) => [k, utf8(v)])) }));
    expect(cells).toEqual([
      {
        laneId: 'l',
        stageId: 's',
        count: 3,
        plain: { id: '"c1","c2","c3"', text: '"Say \\"hi\\"\\n","t","t"', position: '"a0","a1","a2"', votes: '7,0,0' },
        color: { values: ['#fff', null], index: [0, 1, 0] },
        channel: { values: [null, 'web'], index: [0, 1, 1] },
        evidence: { values: ['assumed', 'observed'], index: [0, 1, 0] },
      },
      {
        laneId: 'l',
        stageId: 't',
        count: 1,
        plain: { id: '"c4"', text: '"t"', position: '"a0"', votes: '0' },
        color: { values: [null], index: [0] },
        channel: { values: [null], index: [0] },
        evidence: { values: ['assumed'], index: [0] },
      },
    ]);
  });

  it('refuses a row toCard refuses that the STRICT table’s types let through: a channel or evidence a CHECK was written around', () => {
    const good: ModelCard = { mapId: 'm', laneId: 'l', stageId: 's', id: 'ok', text: 'fine', color: null, position: 'a0', channel: 'web', votes: 1, evidence: 'observed' };
    for (const bad of ["UPDATE cards SET channel = 'fax' WHERE id = 'bad'", "UPDATE cards SET evidence = 'rumour' WHERE id = 'bad'"]) {
      db.exec('DELETE FROM cards');
      insert(good);
      insert({ ...good, id: 'bad', position: 'a1' });
      expect(sharesOf('m')).toHaveLength(1);
      db.pragma('ignore_check_constraints = ON');
      db.exec(bad);
      db.pragma('ignore_check_constraints = OFF');
      expect(cardShares(ctx, 'm'), bad).toBeNull();
      expect(cardShares(ctx, 'm', { laneId: 'l', stageId: 's' }), bad).toBeNull();
      expect(cardShares(ctx, 'm', { laneId: 'l', stageId: 'another' }), bad).toEqual([]); // a cell without it is read
    }
    // Every other field's value is one toCard takes, by the table's types: even its key cannot be NULL.
    db.pragma('ignore_check_constraints = ON');
    expect(() => db.exec("UPDATE cards SET id = NULL WHERE id = 'ok'")).toThrow('NOT NULL constraint failed: cards.id');
    expect(() => db.exec("UPDATE cards SET votes = 'many' WHERE id = 'ok'")).toThrow('cannot store TEXT value in INTEGER column cards.votes');
    db.pragma('ignore_check_constraints = OFF');
  });

  it('reads the map from the index that holds its cards in the answer’s order, with no sort and no look-up of the table', () => {
    const plan = (sql: string, ...args: string[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail);
    expect(plan(CARD_SHARES_SQL.map, 'm')).toEqual(['SEARCH cards USING COVERING INDEX cards_in_answer_order (map_id=?)']);
    expect(plan(CARD_SHARES_SQL.cell, 'm', 'l', 's')).toEqual(['SEARCH cards USING COVERING INDEX cards_in_answer_order (map_id=? AND lane_id=? AND stage_id=?)']);
    // Counting a map's cards reads the small index of their maps, not this one.
    expect(plan('SELECT count(*) FROM cards WHERE map_id = ?', 'm')).toEqual(['SEARCH cards USING COVERING INDEX cards_by_map (map_id=?)']);
  });
});
