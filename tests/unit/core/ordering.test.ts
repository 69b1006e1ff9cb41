/**
 * positionInParent (electron/core/ordering.ts) finds a new item's key from the rows that bound its place alone;
 * it must give exactly the key keyFor gives over all the siblings in order (by position, then id, without the item
 * itself), or refuse the same neighbour — a model-based run on a real migrated database, over cells with keys
 * shared by several cards, every kind of place (after, before, an index past the end, none), the item itself among
 * the siblings or not, neighbours that are not siblings (another cell's card, the item itself).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WaymarkError } from '../../../electron/api/errors.ts';
import type { Db } from '../../../electron/core/database.ts';
import { positionInParent } from '../../../electron/core/ordering.ts';
import { firstKeys, keyFor, MissingNeighbour, type Place, type Positioned } from '../../../electron/core/positions.ts';
import { cardsOnlyDb } from './helpers.ts';

let db: Db;
let dispose: () => void;
beforeAll(() => {
  ({ db, dispose } = cardsOnlyDb()); // cards in a cell whose lane and stage are not written: only the keys matter
});
afterAll(() => dispose());

const KEYS = firstKeys(5);
const CELL = 'lane_id = ? AND stage_id = ?';

/** What keyFor answers over every sibling in order, or the neighbour it misses. */
function expected(cards: readonly Positioned[], place: Place, excludeId: string | undefined): string {
  const siblings = cards.filter((c) => c.id !== excludeId).sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  try {
    return keyFor(siblings, place);
  } catch (error) {
    if (error instanceof MissingNeighbour) return `missing ${error.neighbourId}`;
    throw error;
  }
}

function actual(place: Place, excludeId: string | undefined): string {
  try {
    return positionInParent(db, 'cards', CELL, ['lane', 'stage'], place, excludeId);
  } catch (error) {
    if (error instanceof WaymarkError && error.code === 'Conflict') return `missing ${/card "([^"]+)"/.exec(error.message)?.[1] ?? '?'}`;
    throw error;
  }
}

const id = fc.constantFrom('c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'C7', 'elsewhere');
const place: fc.Arbitrary<Place> = fc.oneof(
  fc.record({ after: fc.option(id, { nil: null }) }),
  fc.record({ before: fc.option(id, { nil: null }) }),
  fc.record({ index: fc.nat({ max: 10 }) }),
  fc.constant({}),
);

describe('positionInParent', () => {
  it('gives the key keyFor gives over all the siblings, or refuses the same missing neighbour', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ id: id.filter((i) => i !== 'elsewhere'), position: fc.constantFrom(...KEYS) }), { selector: (c) => c.id, maxLength: 8 }),
        place,
        fc.option(id, { nil: undefined }),
        (cards, where, excludeId) => {
          db.exec('DELETE FROM cards');
          const insert = db.prepare("INSERT INTO cards (id, map_id, lane_id, stage_id, text, position) VALUES (?, 'm', ?, ?, '', ?)");
          for (const c of cards) insert.run(c.id, 'lane', 'stage', c.position);
          insert.run('elsewhere', 'lane', 'another stage', KEYS[2] ?? 'a2'); // a card of another cell: never a sibling
          expect(actual(where, excludeId)).toBe(expected(cards, where, excludeId));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('names the neighbour that is not in the cell, and refuses it as a conflict that changed nothing', () => {
    db.exec('DELETE FROM cards');
    db.prepare("INSERT INTO cards (id, map_id, lane_id, stage_id, text, position) VALUES ('here', 'm', 'lane', 'stage', '', 'a0')").run();
    expect(() => positionInParent(db, 'cards', CELL, ['lane', 'stage'], { before: 'gone' })).toThrow(
      'The card "gone" it was placed next to is not in that cell any more (someone may have moved or deleted it); nothing was changed.',
    );
    expect(() => positionInParent(db, 'cards', CELL, ['lane', 'stage'], { after: 'here' }, 'here')).toThrow('The card "here" it was placed next to');
    expect(positionInParent(db, 'cards', CELL, ['lane', 'stage'], { after: 'here' })).toBe('a1');
  });
});
