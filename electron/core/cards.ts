import { conflict, invalid, notFound } from '../api/errors.ts';
import type { ParsedInput } from '../api/contract.ts';
import { holdsCards, type Card, type ChangeSet, type Lane, type Stage } from '../api/types.ts';
import { emptyChanges } from './changes.ts';
import type { Db } from './database.ts';
import { newId } from './ids.ts';
import { requireLane } from './lanes.ts';
import { touchMap } from './maps.ts';
import { placeOf, positionInParent } from './ordering.ts';
import { CARD_COLUMNS, getRow, QUOTE_LINK_COLUMNS, toCard, toQuoteLink, type Ctx, type Row } from './records.ts';
import { requireStage } from './stages.ts';
import { deleteWithTombstone } from './tombstones.ts';


export function requireCard(ctx: Ctx, id: string): Card {
  const card = getRow(ctx.db, 'cards', CARD_COLUMNS, id, toCard);
  if (!card) throw notFound(`No card with id "${id}" exists; it may have been deleted.`);
  return card;
}

/** The cell (lane × stage) a card goes into must exist, be on one map, and hold cards. */
function requireCell(ctx: Ctx, laneId: string, stageId: string): { lane: Lane; stage: Stage } {
  const lane = requireLane(ctx, laneId);
  const stage = requireStage(ctx, stageId);
  if (lane.mapId !== stage.mapId) throw invalid(`The lane "${lane.title}" and the stage "${stage.name}" belong to different maps.`);
  if (!holdsCards(lane.kind)) {
    throw conflict(`The lane "${lane.title}" is ${/^[aeiou]/.test(lane.kind) ? 'an' : 'a'} ${lane.kind} lane; it does not hold cards.`);
  }
  return { lane, stage };
}

const CELL = 'lane_id = ? AND stage_id = ?';

export function createCard(ctx: Ctx, input: ParsedInput<'cards.create'>): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    const { lane, stage } = requireCell(ctx, input.laneId, input.stageId);
    const id = input.id ?? newId();
    if (ctx.db.prepare('SELECT 1 FROM cards WHERE id = ?').get(id)) {
      throw conflict(`A card with id "${id}" already exists.`);
    }
    const position = positionInParent(db, 'cards', CELL, [lane.id, stage.id], placeOf(input));
    db.prepare(
      'INSERT INTO cards (id, map_id, lane_id, stage_id, text, color, position, channel, votes, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      id,
      lane.mapId,
      lane.id,
      stage.id,
      input.text,
      input.color ?? null,
      position,
      input.channel ?? null,
      input.votes ?? 0,
      input.evidence ?? 'assumed',
    );
    const changes = emptyChanges();
    changes.cards.push(requireCard(ctx, id));
    changes.maps.push(touchMap(ctx, lane.mapId));
    return changes;
  })();
}

export function updateCard(ctx: Ctx, input: ParsedInput<'cards.update'>): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    const c = requireCard(ctx, input.id);
    db.prepare('UPDATE cards SET text = ?, color = ?, channel = ?, votes = ?, evidence = ? WHERE id = ?').run(
      input.text ?? c.text,
      input.color === undefined ? c.color : input.color,
      input.channel === undefined ? c.channel : input.channel,
      input.votes ?? c.votes,
      input.evidence ?? c.evidence,
      c.id,
    );
    const changes = emptyChanges();
    changes.cards.push(requireCard(ctx, c.id));
    changes.maps.push(touchMap(ctx, c.mapId));
    return changes;
  })();
}

export function moveCard(ctx: Ctx, input: ParsedInput<'cards.move'>): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    const c = requireCard(ctx, input.id);
    const { lane, stage } = requireCell(ctx, input.laneId, input.stageId);
    if (lane.mapId !== c.mapId) throw invalid('A card can only be moved within its own map; copy it to move it to another map.');
    const position = positionInParent(db, 'cards', CELL, [lane.id, stage.id], placeOf(input), c.id);
    db.prepare('UPDATE cards SET lane_id = ?, stage_id = ?, position = ? WHERE id = ?').run(lane.id, stage.id, position, c.id);
    const changes = emptyChanges();
    changes.cards.push(requireCard(ctx, c.id));
    carryLinks(ctx, c.id, stage.id, changes);
    changes.maps.push(touchMap(ctx, c.mapId));
    return changes;
  })();
}

/**
 * A quote on a card backs the card's stage (quotes.link): the card's quote links on another stage than `stageId`
 * (where the card is now) go there, into `changes`. One that would place a quote on the card twice goes instead (the
 * one already on that stage stays, else the first written): a link left behind by an earlier version's move, or
 * brought back by an undo from before it.
 */
export function carryLinks(ctx: Ctx, cardId: string, stageId: string, changes: ChangeSet): void {
  const sql = carryStatements(ctx.db);
  const twice = sql.twice.all(cardId, stageId, stageId) as string[];
  if (twice.length > 0) {
    sql.remove.run(JSON.stringify(twice));
    changes.deleted.quoteLinks.push(...twice);
  }
  const moved = sql.move.all(stageId, cardId, stageId) as string[];
  if (moved.length === 0) return;
  changes.quoteLinks.push(...(sql.read.all(JSON.stringify(moved)) as Row[]).map(toQuoteLink));
}

/** carryLinks' statements, made once a connection: a drop of a thousand cards runs them a thousand times. */
const carried = new WeakMap<Db, ReturnType<typeof makeCarryStatements>>();
const makeCarryStatements = (db: Db) => ({
  twice: db
    .prepare(
      `SELECT l.id FROM quote_links l WHERE l.card_id = ? AND l.stage_id != ? AND EXISTS (
         SELECT 1 FROM quote_links o WHERE o.card_id = l.card_id AND o.quote_id = l.quote_id AND o.rowid != l.rowid AND (o.stage_id = ? OR o.rowid < l.rowid))`,
    )
    .pluck(),
  remove: db.prepare('DELETE FROM quote_links WHERE id IN (SELECT value FROM json_each(?))'),
  move: db.prepare('UPDATE quote_links SET stage_id = ? WHERE card_id = ? AND stage_id != ? RETURNING id').pluck(),
  read: db.prepare(`SELECT ${QUOTE_LINK_COLUMNS} FROM quote_links WHERE id IN (SELECT value FROM json_each(?)) ORDER BY created_at, id`),
});
function carryStatements(db: Db): ReturnType<typeof makeCarryStatements> {
  let statements = carried.get(db);
  if (!statements) carried.set(db, (statements = makeCarryStatements(db)));
  return statements;
}

/** Delete a card; it is kept as a tombstone with its quote links, so undo brings all of it back. */
export function deleteCard(ctx: Ctx, input: ParsedInput<'cards.delete'>): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    const c = requireCard(ctx, input.id);
    const changes = deleteWithTombstone(ctx, 'cards', [c.id], 'Delete card', c.mapId, input.tombstone);
    changes.maps.push(touchMap(ctx, c.mapId));
    return changes;
  })();
}
