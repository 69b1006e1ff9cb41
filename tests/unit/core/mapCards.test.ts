/**
 * The cards of a held maps.getColumns answer (electron/core/mapCards.ts): after any sequence of cards taken out,
 * changed, moved to other cells (new ones too) and put back, `json` is exactly the text JSON.stringify makes of
 * CardColumnsBuilder's columns of the same cards in SQLite's order (lane id, stage id, position, id, in bytes) —
 * a model-based run over ids and positions whose UTF-8 order is not their UTF-16 order, cards on one position,
 * repeated values met first in other cells, cells emptied and made again.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CardColumnsBuilder } from '../../../electron/api/mapColumns.ts';
import { CHANNELS, EVIDENCE_STATUSES, type Channel, type EvidenceStatus } from '../../../electron/api/types.ts';
import { MapCards, type PlacedRow } from '../../../electron/core/mapCards.ts';
import type { Cell, CellRow } from '../../../electron/core/maps.ts';

interface ModelCard {
  laneId: string;
  stageId: string;
  row: CellRow;
}

const bytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));
const sqlOrder = (a: ModelCard, b: ModelCard): number =>
  bytes(a.laneId, b.laneId) || bytes(a.stageId, b.stageId) || bytes(a.row[3], b.row[3]) || bytes(a.row[0], b.row[0]);

/** What a read answers for these cards: the builder's columns of them in SQLite's order, as JSON text. */
function expected(cards: Iterable<ModelCard>, mapId: string): string {
  const builder = new CardColumnsBuilder();
  for (const { laneId, stageId, row } of [...cards].sort(sqlOrder)) {
    const [id, text, color, position, channel, votes, evidence] = row;
    builder.add(id, mapId, laneId, stageId, text, color, position, channel, votes, evidence);
  }
  return JSON.stringify(builder.columns());
}

/** The cells cardCells would read for these cards. */
function cellsOf(cards: Iterable<ModelCard>): Cell[] {
  const cells: Cell[] = [];
  for (const card of [...cards].sort(sqlOrder)) {
    const last = cells.at(-1);
    if (last?.laneId === card.laneId && last.stageId === card.stageId) last.rows.push(card.row);
    else cells.push({ laneId: card.laneId, stageId: card.stageId, rows: [card.row] });
  }
  return cells;
}

// U+FF01 sorts before an emoji in UTF-8 (EF… < F0…) but after it in UTF-16 (FF01 > D83D).
const char = fc.constantFrom('a', 'b', 'é', '\uFF01', '\u{1F600}');
const key = fc.array(char, { minLength: 1, maxLength: 3 }).map((c) => c.join(''));
const lane = fc.constantFrom('lane-a', 'lane-\uFF01', 'lane-\u{1F600}', 'LANE');
const stage = fc.constantFrom('stage-1', 'stage-é', 'stage-\u{1F600}');
const fields = fc.record({
  laneId: lane,
  stageId: stage,
  text: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('"quoted"\n', 'back\\slash', '\u2028', '')),
  color: fc.constantFrom(null, '#fde68a', '#bfdbfe'),
  position: key,
  channel: fc.constantFrom<Channel | null>(null, ...CHANNELS),
  votes: fc.nat({ max: 12 }),
  evidence: fc.constantFrom<EvidenceStatus>(...EVIDENCE_STATUSES),
});
type Fields = typeof fields extends fc.Arbitrary<infer T> ? T : never;
const cardOf = (id: string, f: Fields): ModelCard => ({ laneId: f.laneId, stageId: f.stageId, row: [id, f.text, f.color, f.position, f.channel, f.votes, f.evidence] });

/** One change: these ids (some held, some not) as they are now — each gone, or with these fields. */
const change = fc.array(fc.record({ id: fc.nat({ max: 30 }), now: fc.option(fields, { nil: undefined }) }), { maxLength: 8 });

describe('MapCards', () => {
  it('gives what a read gives after any sequence of changes', () => {
    fc.assert(
      fc.property(fc.array(fields, { maxLength: 25 }), fc.array(change, { maxLength: 8 }), (start, changes) => {
        const model = new Map<string, ModelCard>(start.map((f, i) => [`card-${i}`, cardOf(`card-${i}`, f)]));
        const cards = new MapCards(cellsOf(model.values()));
        expect(cards.size).toBe(model.size);
        expect(cards.json('map-1')).toBe(expected(model.values(), 'map-1'));
        for (const step of changes) {
          const ids = [...new Set(step.map((c) => `card-${c.id}`))];
          const rows: PlacedRow[] = [];
          for (const id of ids) {
            const now = step.find((c) => `card-${c.id}` === id)?.now;
            if (now === undefined) model.delete(id);
            else {
              const card = cardOf(id, now);
              model.set(id, card);
              rows.push(card);
            }
          }
          cards.replace(ids, rows);
          expect(cards.size).toBe(model.size);
          expect(cards.json('map-1')).toBe(expected(model.values(), 'map-1'));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps its text until a card changes, and makes it again for another map id', () => {
    const card = (id: string, position: string, color: string | null): ModelCard => ({ laneId: 'l', stageId: 's', row: [id, `text ${id}`, color, position, null, 0, 'assumed'] });
    const model = [card('a', 'a0', null), card('b', 'a1', '#fff'), card('c', 'a2', null)];
    const cards = new MapCards(cellsOf(model));
    const first = cards.json('m');
    expect(cards.json('m')).toBe(first);
    expect(first).toBe(expected(model, 'm'));
    expect(cards.json('other')).toBe(expected(model, 'other'));
    expect(cards.json('m')).toBe(first);
    cards.replace([], []);
    expect(cards.json('m')).toBe(first);
    cards.replace(['not-held'], []); // an id it never held, gone: nothing changes but the text is made again
    expect(cards.json('m')).toBe(first);
    // The first colour met moves: every share of the colour column follows, in cells that did not change too.
    const moved = card('b', 'a3', '#fff');
    cards.replace(['b'], [moved]);
    expect(cards.json('m')).toBe(expected([model[0] as ModelCard, model[2] as ModelCard, moved], 'm'));
    expect(cards.size).toBe(3);
  });

  it('holds no cards as empty columns, and cells emptied and made again', () => {
    const cards = new MapCards([]);
    expect(cards.json('m')).toBe(expected([], 'm'));
    expect(cards.size).toBe(0);
    const one: ModelCard = { laneId: 'l', stageId: 's', row: ['x', '', null, 'a', 'web', 2, 'observed'] };
    cards.replace(['x'], [one]);
    expect(cards.json('m')).toBe(expected([one], 'm'));
    cards.replace(['x'], []);
    expect(cards.json('m')).toBe('{"id":[],"mapId":{"values":[],"index":[]},"laneId":{"values":[],"index":[]},"stageId":{"values":[],"index":[]},"text":[],"color":{"values":[],"index":[]},"position":[],"channel":{"values":[],"index":[]},"votes":[],"evidence":{"values":[],"index":[]}}');
  });
});
