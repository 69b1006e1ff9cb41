/**
 * The compact wire form of a map (electron/api/mapColumns.ts): decode(encode(doc)) is the document again, for
 * random documents (nulls, empty strings, unicode, every channel and evidence status, repeated and unique
 * values), in memory and through JSON as the HTTP host sends it; values that repeat are sent once; and an
 * answer that arrives damaged is refused with a clear message, never turned into cards with holes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WaymarkError } from '../../../electron/api/errors.ts';
import {
  CardColumnsBuilder,
  decodeCards,
  decodeMapColumns,
  encodeCards,
  encodeMapColumns,
  RepeatedColumnBuilder,
  type CardColumns,
  type MapColumnsDocument,
} from '../../../electron/api/mapColumns.ts';
import { CHANNELS, EVIDENCE_STATUSES, type Card, type MapDocument } from '../../../electron/api/types.ts';

/** Text as people type it: empty, spaces, quotes, new lines, accents, emoji, CJK, right-to-left. */
const words = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('', ' ', '"quoted"', 'line\nbreak', 'café', '😀 ok', '東京', 'שלום', '\u0000', '\\'),
);
/** Few distinct ids, so lanes, stages and maps repeat as on a real map. */
const fewIds = fc.constantFrom('L1', 'L2', 'S1', 'S2', 'S3', 'm1', '');

/** Plain objects, as JSON and SQLite make them (fast-check also makes objects with no prototype). */
const PLAIN = { noNullPrototype: true } as const;

const card: fc.Arbitrary<Card> = fc.record({
  id: fc.string({ minLength: 1, maxLength: 16 }),
  mapId: fewIds,
  laneId: fc.oneof(fewIds, words),
  stageId: fc.oneof(fewIds, words),
  text: words,
  color: fc.oneof(fc.constant(null), fc.constantFrom('#fde68a', '#bfdbfe', ''), words),
  position: fc.string({ maxLength: 6 }),
  channel: fc.constantFrom(null, ...CHANNELS),
  votes: fc.nat({ max: 1_000_000 }),
  evidence: fc.constantFrom(...EVIDENCE_STATUSES),
}, PLAIN);

/** The parts of a document around its cards: carried as they are . */
const doc: fc.Arbitrary<MapDocument> = fc.record({
  map: fc.record({
    id: fc.string(),
    title: words,
    description: words,
    emotionMin: fc.constant(-2),
    emotionMax: fc.constant(2),
    personaIds: fc.array(fc.string(), { maxLength: 2 }),
    createdAt: fc.constant('2026-01-01T00:00:00.000Z'),
    updatedAt: fc.constant('2026-01-02T00:00:00.000Z'),
  }, PLAIN),
  stages: fc.constant([]),
  lanes: fc.constant([]),
  cards: fc.array(card, { maxLength: 40 }),
  emotions: fc.constant([]),
  personas: fc.constant([]),
  evidence: fc.record({ stages: fc.constant([]), cards: fc.array(fc.record({ cardId: fc.string(), quoteCount: fc.nat() }, PLAIN), { maxLength: 3 }), newest: fc.nat({ max: 20 }) }, PLAIN),
  quoteLinks: fc.constant([]),
  quotes: fc.constant([]),
  interviews: fc.constant([]),
  metrics: fc.constant([]),
}, PLAIN);

const aCard = (over: Partial<Card> = {}): Card => ({
  id: 'c1',
  mapId: 'm1',
  laneId: 'L1',
  stageId: 'S1',
  text: 'Pays at the till',
  color: null,
  position: 'a0',
  channel: null,
  votes: 0,
  evidence: 'assumed',
  ...over,
});

/** The message a damaged answer is refused with; fails the test when it is accepted. */
function refusal(decode: () => unknown): WaymarkError {
  try {
    decode();
  } catch (error) {
    expect(error).toBeInstanceOf(WaymarkError);
    return error as WaymarkError;
  }
  throw new Error('the damaged answer was accepted');
}

const damagedMessage = (detail: string) => `The map arrived damaged (${detail}); reload it, and if this happens again, restart Waymark.`;

describe('the compact wire form of a map', () => {
  it('decodes to the same document it was made from, in memory and through JSON', () => {
    fc.assert(
      fc.property(doc, (d) => {
        const wire = encodeMapColumns(d);
        expect(decodeMapColumns(wire)).toStrictEqual(d);
        const sent = JSON.parse(JSON.stringify(wire)) as MapColumnsDocument;
        expect(decodeMapColumns(sent)).toStrictEqual(JSON.parse(JSON.stringify(d)));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the cards in their order, each with its fields in the order maps.get gives them', () => {
    fc.assert(
      fc.property(fc.array(card, { maxLength: 30 }), (cards) => {
        const back = decodeCards(encodeCards(cards));
        expect(back.map((c) => c.id)).toEqual(cards.map((c) => c.id));
        for (const c of back) expect(Object.keys(c)).toEqual(['id', 'mapId', 'laneId', 'stageId', 'text', 'color', 'position', 'channel', 'votes', 'evidence']);
      }),
    );
  });

  it('leaves every part of the document but its cards as it is, in its place', () => {
    const d: MapDocument = {
      map: { id: 'm1', title: 'T', description: '', emotionMin: -2, emotionMax: 2, personaIds: [], createdAt: 'a', updatedAt: 'b' },
      stages: [],
      lanes: [],
      cards: [aCard()],
      emotions: [],
      personas: [],
      evidence: { stages: [], cards: [], newest: 20 },
      quoteLinks: [],
      quotes: [],
      interviews: [],
      metrics: [],
    };
    const wire = encodeMapColumns(d);
    expect(Object.keys(wire)).toEqual(Object.keys(d));
    expect(wire.map).toBe(d.map);
    expect(wire.evidence).toBe(d.evidence);
    expect(Object.keys(decodeMapColumns(wire))).toEqual(Object.keys(d));
    expect(d.cards).toEqual([aCard()]); // the document encoded is not changed
  });

  it('sends each repeated value once, in the order first met, and a small index per card', () => {
    const cards = [
      aCard({ id: 'a', laneId: 'L1', stageId: 'S1', color: null, channel: 'web', evidence: 'observed' }),
      aCard({ id: 'b', laneId: 'L1', stageId: 'S2', color: '#fde68a', channel: null, evidence: 'assumed' }),
      aCard({ id: 'c', laneId: 'L2', stageId: 'S1', color: null, channel: 'web', evidence: 'observed' }),
      aCard({ id: 'd', laneId: 'L2', stageId: 'S2', color: '#fde68a', channel: 'app', votes: 3, text: '', position: 'a1' }),
    ];
    const columns = encodeCards(cards);
    expect(columns).toEqual({
      id: ['a', 'b', 'c', 'd'],
      mapId: { values: ['m1'], index: [0, 0, 0, 0] },
      laneId: { values: ['L1', 'L2'], index: [0, 0, 1, 1] },
      stageId: { values: ['S1', 'S2'], index: [0, 1, 0, 1] },
      text: ['Pays at the till', 'Pays at the till', 'Pays at the till', ''],
      color: { values: [null, '#fde68a'], index: [0, 1, 0, 1] },
      position: ['a0', 'a0', 'a0', 'a1'],
      channel: { values: ['web', null, 'app'], index: [0, 1, 0, 2] },
      votes: [0, 0, 0, 3],
      evidence: { values: ['observed', 'assumed'], index: [0, 1, 0, 1] },
    } satisfies CardColumns);
    expect(decodeCards(columns)).toEqual(cards);
  });

  it('encodes no cards as empty columns, and decodes them to no cards', () => {
    const columns = encodeCards([]);
    expect(columns.id).toEqual([]);
    expect(columns.laneId).toEqual({ values: [], index: [] });
    expect(decodeCards(columns)).toEqual([]);
  });

  it('builds the same columns one card at a time as from a list', () => {
    const builder = new CardColumnsBuilder();
    const cards = [aCard({ id: 'x' }), aCard({ id: 'y', laneId: 'L9' })];
    for (const c of cards) builder.push(c);
    expect(builder.columns()).toEqual(encodeCards(cards));
  });

  it('tells a repeated null, an empty string and a missing value apart', () => {
    const column = new RepeatedColumnBuilder<string | null>();
    for (const v of [null, '', null, 'x', '']) column.push(v);
    expect(column.column).toEqual({ values: [null, '', 'x'], index: [0, 1, 0, 2, 1] });
  });
});

describe('a damaged answer', () => {
  const good = (): CardColumns => encodeCards([aCard({ id: 'a' }), aCard({ id: 'b', laneId: 'L2' })]);

  it('with no cards at all is refused', () => {
    for (const bad of [null, 'text', {}, { cards: null }, { cards: 'x' }]) {
      const error = refusal(() => decodeMapColumns(bad as unknown as MapColumnsDocument));
      expect(error.code).toBe('Internal');
      expect(error.message).toBe(damagedMessage('it has no cards'));
    }
  });

  it('whose ids are not a list is refused', () => {
    const columns = { ...good(), id: 'ab' } as unknown as CardColumns;
    expect(refusal(() => decodeCards(columns)).message).toBe(damagedMessage('cards.id is not a list'));
  });

  it.each(['text', 'position', 'votes'] as const)('whose %s does not hold one value per card is refused', (field) => {
    const short = { ...good(), [field]: good()[field].slice(1) };
    expect(refusal(() => decodeCards(short)).message).toBe(damagedMessage(`cards.${field} does not hold one value per card`));
    const long = { ...good(), [field]: [...good()[field], good()[field][0]] };
    expect(refusal(() => decodeCards(long)).message).toBe(damagedMessage(`cards.${field} does not hold one value per card`));
    const missing = { ...good(), [field]: undefined };
    expect(refusal(() => decodeCards(missing)).message).toBe(damagedMessage(`cards.${field} does not hold one value per card`));
  });

  it.each(['mapId', 'laneId', 'stageId', 'color', 'channel', 'evidence'] as const)('whose %s does not hold one index per card, or names a value it lacks, is refused', (field) => {
    const indexOf = (index: unknown) => ({ ...good(), [field]: { values: good()[field].values, index } });
    const perCard = damagedMessage(`cards.${field} does not hold one index per card`);
    const lacks = damagedMessage(`cards.${field} names a value it does not hold`);
    expect(refusal(() => decodeCards(indexOf([0]))).message).toBe(perCard);
    expect(refusal(() => decodeCards(indexOf([0, 0, 0]))).message).toBe(perCard);
    expect(refusal(() => decodeCards(indexOf('00'))).message).toBe(perCard);
    expect(refusal(() => decodeCards({ ...good(), [field]: undefined })).message).toBe(perCard);
    expect(refusal(() => decodeCards({ ...good(), [field]: { index: [0, 0] } })).message).toBe(perCard);
    expect(refusal(() => decodeCards({ ...good(), [field]: { values: 'ab', index: [0, 0] } })).message).toBe(perCard);
    const size = good()[field].values.length;
    expect(refusal(() => decodeCards(indexOf([0, size]))).message).toBe(lacks);
    expect(refusal(() => decodeCards(indexOf([-1, 0]))).message).toBe(lacks);
    expect(refusal(() => decodeCards(indexOf([0, 0.5]))).message).toBe(lacks);
    expect(refusal(() => decodeCards(indexOf([0, '0']))).message).toBe(lacks);
    expect(refusal(() => decodeCards(indexOf([0, null]))).message).toBe(lacks);
    expect(refusal(() => decodeCards(indexOf([0, Number.NaN]))).message).toBe(lacks);
    expect(refusal(() => decodeCards(indexOf([0, 2 ** 32]))).message).toBe(lacks); // past what an unsigned shift keeps
    expect(refusal(() => decodeCards(indexOf([0, Number.POSITIVE_INFINITY]))).message).toBe(lacks);
    // The last value it holds is one it may name.
    expect(decodeCards(indexOf([size - 1, 0]))[0]?.[field]).toBe(good()[field].values[size - 1]);
  });
});
