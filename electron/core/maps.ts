import { notFound, invalid } from '../api/errors.ts';
import type { ParsedInput } from '../api/contract.ts';
import { CardColumnsBuilder, RepeatedColumnBuilder, type MapColumnsDocument, type RepeatedColumn } from '../api/mapColumns.ts';
import { CHANNELS, EVIDENCE_STATUSES, type Card, type ChangeSet, type Channel, type EvidenceStatus, type JourneyMap, type MapDocument, type MapSummary } from '../api/types.ts';
import { emptyChanges } from './changes.ts';
import { newId } from './ids.ts';
import {
  CARD_COLUMNS,
  EMOTION_COLUMNS,
  LANE_COLUMNS,
  MAP_COLUMNS,
  METRIC_COLUMNS,
  PERSONA_COLUMNS,
  STAGE_COLUMNS,
  getRow,
  toCard,
  toEmotion,
  toLane,
  toMap,
  toMetric,
  toPersona,
  toStage,
  type Ctx,
  type Row,
} from './records.ts';
import { firstKeys } from './positions.ts';
import { mapEvidence } from './research/evidence.ts';
import { getTemplate } from './templates.ts';
import { deleteWithTombstone } from './tombstones.ts';

export function requireMap(ctx: Ctx, id: string): JourneyMap {
  const map = getRow(ctx.db, 'maps', MAP_COLUMNS, id, toMap);
  if (!map) throw notFound(`No map with id "${id}" exists in this workspace; it may have been deleted.`);
  return map;
}

/** Mark a map as changed now; returns the updated record (for the change set). */
export function touchMap(ctx: Ctx, mapId: string): JourneyMap {
  ctx.db.prepare('UPDATE maps SET updated_at = ? WHERE id = ?').run(ctx.now().toISOString(), mapId);
  return requireMap(ctx, mapId);
}

export function listMaps(ctx: Ctx): MapSummary[] {
  const rows = ctx.db
    .prepare(
      `SELECT ${MAP_COLUMNS},
        (SELECT count(*) FROM stages s WHERE s.map_id = maps.id) AS stage_count,
        (SELECT count(*) FROM cards c WHERE c.map_id = maps.id) AS card_count
       FROM maps ORDER BY updated_at DESC, title`,
    )
    .all() as Record<string, unknown>[];
  return rows.map((r) => ({ ...toMap(r), stageCount: r.stage_count as number, cardCount: r.card_count as number }));
}

/** Two strings in SQLite's BINARY order (their UTF-8 bytes), as ORDER BY puts them. */
export const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * A map's card rows in the order of `ORDER BY lane_id, stage_id, position, id` (the general way, when cardCells
 * does not apply), read lane by lane through an index that has them in that order already (SQLite takes
 * cards_in_answer_order, which holds every field, since migration 11; cards_by_cell before): the one sort of
 * every card's whole row (a temporary B-tree the map's size, most of a big map's read) is not needed. Cards of
 * one cell on one position (never made by Waymark, but possible) are put in id order here. Cards of the map in a
 * lane of another map are not found lane by lane: the counts tell, and they are read on their own and put in
 * their lanes' places.
 */
export function cardRows(ctx: Ctx, mapId: string): Row[] {
  const { db } = ctx;
  const byLane = new Map<string, Row[]>();
  const inLane = db.prepare(`SELECT ${CARD_COLUMNS} FROM cards WHERE lane_id = ? AND map_id = ? ORDER BY stage_id, position`);
  let found = 0;
  for (const laneId of db.prepare('SELECT id FROM lanes WHERE map_id = ?').pluck().all(mapId) as string[]) {
    const lane = inLane.all(laneId, mapId) as Row[];
    for (let i = 1; i < lane.length; i++) {
      const prev = lane[i - 1] as Row;
      const row = lane[i] as Row;
      if (row.stage_id === prev.stage_id && row.position === prev.position) {
        lane.sort((a, b) => byBytes(String(a.stage_id), String(b.stage_id)) || byBytes(String(a.position), String(b.position)) || byBytes(String(a.id), String(b.id)));
        break;
      }
    }
    byLane.set(laneId, lane);
    found += lane.length;
  }
  const count = db.prepare('SELECT count(*) FROM cards WHERE map_id = ?').pluck().get(mapId) as number;
  if (found !== count) {
    const strays = db.prepare(`SELECT ${CARD_COLUMNS} FROM cards WHERE map_id = ? AND lane_id NOT IN (SELECT id FROM lanes WHERE map_id = ?) ORDER BY lane_id, stage_id, position, id`);
    for (const row of strays.all(mapId, mapId) as Row[]) {
      const laneId = String(row.lane_id);
      const lane = byLane.get(laneId) ?? [];
      lane.push(row);
      byLane.set(laneId, lane);
    }
  }
  return [...byLane.keys()].sort(byBytes).flatMap((laneId) => byLane.get(laneId) as Row[]);
}

/** A card's fields as one cell's read hands them over (the cell names its lane and stage), each checked. */
type CellRow = [id: string, text: string, color: string | null, position: string, channel: Channel | null, votes: number, evidence: EvidenceStatus];

/** The cards of one (lane, stage) cell of a map, in order. */
interface Cell {
  laneId: string;
  stageId: string;
  rows: CellRow[];
}

const CHANNEL_SET: ReadonlySet<unknown> = new Set(CHANNELS);
const EVIDENCE_SET: ReadonlySet<unknown> = new Set(EVIDENCE_STATUSES);

/** Whether a cell's row holds what toCard accepts, exactly as toCard checks it (else toCard names what is wrong). */
export const isCellRow = (r: unknown[]): r is CellRow =>
  typeof r[0] === 'string' &&
  typeof r[1] === 'string' &&
  (r[2] === null || typeof r[2] === 'string') &&
  typeof r[3] === 'string' &&
  (r[4] === null || CHANNEL_SET.has(r[4])) &&
  Number.isInteger(r[5]) &&
  EVIDENCE_SET.has(r[6]);

/**
 * A map's cards cell by cell, in the order of cardRows (`ORDER BY lane_id, stage_id, position, id`), as arrays
 * of the fields that differ from card to card: no row object, no lane, stage or map id per card (each cell is
 * asked for by its lane and stage, found in an index itself — since migration 11 cards_in_answer_order, which
 * holds every field, so no row of the table is looked up — the map's id is the map's own).
 * About a third less to hand over from SQLite for a big map than cardRows. Null when this way does not apply —
 * a row the schema does not promise (toCard names it), a card of the map in a lane of another map (cardRows
 * finds it): the caller reads the general way then, which gives the same answer or the same error.
 */
export function cardCells(ctx: Ctx, mapId: string): Cell[] | null {
  const { db } = ctx;
  const stagesIn = db.prepare('SELECT DISTINCT stage_id FROM cards WHERE lane_id = ? ORDER BY stage_id').pluck();
  const inCell = db.prepare('SELECT id, text, color, position, channel, votes, evidence FROM cards WHERE lane_id = ? AND stage_id = ? AND map_id = ? ORDER BY position').raw();
  const cells: Cell[] = [];
  let found = 0;
  // Ids are text (the tables are STRICT: lanes.id and cards.stage_id are TEXT NOT NULL).
  for (const laneId of db.prepare('SELECT id FROM lanes WHERE map_id = ? ORDER BY id').pluck().all(mapId) as string[]) {
    for (const stageId of stagesIn.all(laneId) as string[]) {
      const rows = inCell.all(laneId, stageId, mapId) as unknown[][]; // none when the cell's cards are another map's
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i] as unknown[];
        if (!isCellRow(row)) return null;
        if (i > 0 && row[3] === (rows[i - 1] as CellRow)[3]) {
          // Cards on one position: put in id order, as ORDER BY ..., id does (all positions are checked first).
          if (!rows.every(isCellRow)) return null;
          rows.sort((a, b) => byBytes(a[3], b[3]) || byBytes(a[0], b[0]));
          break;
        }
      }
      cells.push({ laneId, stageId, rows: rows as CellRow[] });
      found += rows.length;
    }
  }
  const count = db.prepare('SELECT count(*) FROM cards WHERE map_id = ?').pluck().get(mapId) as number;
  return found === count ? cells : null;
}

/** The plain columns of an answer's cards (each value its own), in CardColumns' order. */
export type PlainField = 'id' | 'text' | 'position' | 'votes';

/**
 * One (lane, stage) cell of a map's cards as SQLite makes it for a `maps.getColumns` answer: how many cards, each
 * plain column's share of the answer's JSON text (the cell's values in order, comma-separated, no brackets, in
 * UTF-8: SQLite's own JSON text, which is JSON.stringify's for every string SQLite holds as valid UTF-8), and the
 * cell's own column of each field whose values repeat.
 */
export interface CellShares {
  laneId: string;
  stageId: string;
  count: number;
  plain: Record<PlainField, Uint8Array>;
  color: RepeatedColumn<string | null>;
  channel: RepeatedColumn<Channel | null>;
  evidence: RepeatedColumn<EvidenceStatus>;
}

/** A cell's own repeated column of `values` (one per card): its distinct values in the order first met, each card's index. */
function cellColumn<T>(values: readonly T[]): RepeatedColumn<T> {
  const builder = new RepeatedColumnBuilder<T>();
  for (const value of values) builder.push(value);
  return builder.column;
}

/**
 * The statement of cardShares: one row per cell, from the index that holds every field in the answer's order
 * (migration 11), so the cells come in order and each cell's cards in order (by position, then id) into
 * json_group_array, with no sort and no look-up of the table. The STRICT table's types make every value one
 * toCard takes (its PRIMARY KEY is NOT NULL in a STRICT table) but a channel or evidence a CHECK was written
 * around (`PRAGMA ignore_check_constraints`): those are looked at among each cell's distinct values.
 */
const SHARES_OF = `SELECT lane_id, stage_id, count(*),
  CAST(json_group_array(id) AS BLOB), CAST(json_group_array(text) AS BLOB), CAST(json_group_array(position) AS BLOB), CAST(json_group_array(votes) AS BLOB),
  json_group_array(color), json_group_array(channel), json_group_array(evidence)
FROM cards INDEXED BY cards_in_answer_order WHERE map_id = ?`;
const SHARES_OF_MAP = `${SHARES_OF} GROUP BY lane_id, stage_id ORDER BY lane_id, stage_id`;
const SHARES_OF_CELL = `${SHARES_OF} AND lane_id = ? AND stage_id = ? GROUP BY lane_id, stage_id`;
/** cardShares' statements (for the tests that hold their query plans). */
export const CARD_SHARES_SQL = { map: SHARES_OF_MAP, cell: SHARES_OF_CELL } as const;

/** The index as migration 11 makes it (its text in sqlite_schema): the order cardShares' groups come in. */
const ANSWER_ORDER_INDEX = 'CREATE INDEX cards_in_answer_order ON cards(map_id, lane_id, stage_id, position, id, text, color, channel, votes, evidence)';

/**
 * Whether the file holds that index as it was made, in a UTF-8 file: a tool may have dropped it, or made one of
 * that name in another order (whose scan would feed the groups in another order, with the same counts), and
 * SQLite hands a BLOB over in the file's own encoding (UTF-16 for a file made so by another tool).
 */
function answerOrderHeld(ctx: Ctx): boolean {
  const { db } = ctx;
  const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = 'cards_in_answer_order' AND tbl_name = 'cards'").pluck().get();
  return sql === ANSWER_ORDER_INDEX && db.pragma('encoding', { simple: true }) === 'UTF-8';
}

/** `json_group_array`'s text without its brackets: the bytes between them (no copy). */
const inner = (json: Uint8Array): Uint8Array => json.subarray(1, json.byteLength - 1);

/**
 * A map's cards as the cells of an answer (cardRows' order: lane id, stage id, position, id, in bytes), made by
 * SQLite: all of them, or those of one cell (none when it holds no card of the map). Every card of the map is
 * found, those in a lane of another map too (the index begins with the map). Null when a row holds what toCard
 * refuses (a channel or evidence value that a CHECK written around let in), or when the file does not hold the
 * index as migration 11 made it or is not UTF-8 (answerOrderHeld): the caller reads the general way then, which
 * names a bad row.
 */
export function cardShares(ctx: Ctx, mapId: string, cell?: { laneId: string; stageId: string }): CellShares[] | null {
  const { db } = ctx;
  if (!answerOrderHeld(ctx)) return null;
  const rows = (cell === undefined ? db.prepare(SHARES_OF_MAP).raw().all(mapId) : db.prepare(SHARES_OF_CELL).raw().all(mapId, cell.laneId, cell.stageId)) as unknown[][];
  const cells: CellShares[] = [];
  for (const [laneId, stageId, count, id, text, position, votes, color, channel, evidence] of rows) {
    const channels = cellColumn(JSON.parse(channel as string) as unknown[]);
    const statuses = cellColumn(JSON.parse(evidence as string) as unknown[]);
    if (!channels.values.every((v) => v === null || CHANNEL_SET.has(v)) || !statuses.values.every((v) => EVIDENCE_SET.has(v))) return null;
    cells.push({
      laneId: laneId as string,
      stageId: stageId as string,
      count: count as number,
      plain: { id: inner(id as Uint8Array), text: inner(text as Uint8Array), position: inner(position as Uint8Array), votes: inner(votes as Uint8Array) },
      color: cellColumn(JSON.parse(color as string) as (string | null)[]),
      channel: channels as RepeatedColumn<Channel | null>,
      evidence: statuses as RepeatedColumn<EvidenceStatus>,
    });
  }
  return cells;
}

/**
 * A map with everything on it, read in the document's order (a row the schema does not promise is named by the
 * first part that holds one); its cards as `cardsOf` makes them, given the map's record.
 */
export function readMap<C>(ctx: Ctx, id: string, cardsOf: (map: JourneyMap) => C): Omit<MapDocument, 'cards'> & { cards: C } {
  const { db } = ctx;
  const map = requireMap(ctx, id);
  const all = (sql: string) => db.prepare(sql).all(id) as Record<string, unknown>[];
  return {
    map,
    stages: all(`SELECT ${STAGE_COLUMNS} FROM stages WHERE map_id = ? ORDER BY position, id`).map(toStage),
    lanes: all(`SELECT ${LANE_COLUMNS} FROM lanes WHERE map_id = ? ORDER BY position, id`).map(toLane),
    cards: cardsOf(map),
    emotions: all(`SELECT ${EMOTION_COLUMNS} FROM emotion_points WHERE map_id = ?`).map(toEmotion),
    personas: all(
      `SELECT ${PERSONA_COLUMNS.split(', ').map((c) => `p.${c}`).join(', ')}
       FROM personas p JOIN map_personas mp ON mp.persona_id = p.id WHERE mp.map_id = ? ORDER BY mp.position, mp.persona_id`,
    ).map(toPersona),
    ...mapEvidence(ctx, id),
    metrics: all(`SELECT ${METRIC_COLUMNS} FROM metrics WHERE map_id = ? ORDER BY stage_id, name COLLATE NOCASE, id`).map(toMetric),
  };
}

export function getMap(ctx: Ctx, id: string): MapDocument {
  return readMap(ctx, id, (map) => {
    const cells = cardCells(ctx, id);
    if (cells === null) return cardRows(ctx, id).map(toCard);
    const cards: Card[] = [];
    for (const { laneId, stageId, rows } of cells) {
      for (const [cardId, text, color, position, channel, votes, evidence] of rows) {
        cards.push({ id: cardId, mapId: map.id, laneId, stageId, text, color, position, channel, votes, evidence });
      }
    }
    return cards;
  });
}

/** The same map as getMap, its cards in columns (the compact wire form): each row checked, no Card made. */
export function getMapColumns(ctx: Ctx, id: string): MapColumnsDocument {
  return readMap(ctx, id, (map) => {
    const cells = cardCells(ctx, id);
    const columns = new CardColumnsBuilder();
    if (cells === null) {
      for (const row of cardRows(ctx, id)) columns.push(toCard(row));
      return columns.columns();
    }
    for (const { laneId, stageId, rows } of cells) {
      for (const [cardId, text, color, position, channel, votes, evidence] of rows) {
        columns.add(cardId, map.id, laneId, stageId, text, color, position, channel, votes, evidence);
      }
    }
    return columns.columns();
  });
}

export function createMap(ctx: Ctx, input: ParsedInput<'maps.create'>): ChangeSet {
  const { db } = ctx;
  const template = getTemplate(input.template);
  const now = ctx.now().toISOString();
  const mapId = newId();
  return db.transaction(() => {
    db.prepare('INSERT INTO maps (id, title, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(
      mapId,
      input.title,
      input.description ?? template.mapDescription ?? '',
      now,
      now,
    );
    const insertStage = db.prepare('INSERT INTO stages (id, map_id, name, position, owner, goal) VALUES (?, ?, ?, ?, ?, ?)');
    const stageKeys = firstKeys(template.stages.length);
    template.stages.forEach((s, i) => insertStage.run(newId(), mapId, s.name, stageKeys[i], s.owner ?? '', s.goal ?? ''));
    const insertLane = db.prepare('INSERT INTO lanes (id, map_id, kind, title, position) VALUES (?, ?, ?, ?, ?)');
    const laneKeys = firstKeys(template.lanes.length);
    template.lanes.forEach((l, i) => insertLane.run(newId(), mapId, l.kind, l.title, laneKeys[i]));
    const doc = getMap(ctx, mapId);
    const changes = emptyChanges();
    changes.maps.push(doc.map);
    changes.stages.push(...doc.stages);
    changes.lanes.push(...doc.lanes);
    return changes;
  })();
}

export function updateMap(ctx: Ctx, input: ParsedInput<'maps.update'>): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    const map = requireMap(ctx, input.id);
    const min = input.emotionMin ?? map.emotionMin;
    const max = input.emotionMax ?? map.emotionMax;
    if (min >= 0 || max <= 0) throw invalid('The emotion scale must run from a negative to a positive number.');
    if (input.emotionMin !== undefined || input.emotionMax !== undefined) {
      const outside = db
        .prepare('SELECT count(*) AS n FROM emotion_points WHERE map_id = ? AND (score < ? OR score > ?)')
        .get(map.id, min, max) as { n: number };
      if (outside.n > 0) {
        throw invalid(`${outside.n} emotion score(s) on this map lie outside ${min}..${max}; change them before narrowing the scale.`);
      }
    }
    if (input.personaIds !== undefined) setMapPersonas(ctx, map.id, input.personaIds);
    db.prepare('UPDATE maps SET title = ?, description = ?, emotion_min = ?, emotion_max = ?, updated_at = ? WHERE id = ?').run(
      input.title ?? map.title,
      input.description ?? map.description,
      min,
      max,
      ctx.now().toISOString(),
      map.id,
    );
    const changes = emptyChanges();
    changes.maps.push(requireMap(ctx, map.id));
    // A client showing the map gets the personas it now names, whether or not it held them before.
    if (input.personaIds !== undefined) {
      const persona = db.prepare(`SELECT ${PERSONA_COLUMNS} FROM personas WHERE id = ?`);
      for (const personaId of input.personaIds) changes.personas.push(toPersona(persona.get(personaId) as Record<string, unknown>));
    }
    return changes;
  })();
}

/** The map's personas become exactly `personaIds`, in that order; each must exist. */
function setMapPersonas(ctx: Ctx, mapId: string, personaIds: readonly string[]): void {
  const { db } = ctx;
  const exists = db.prepare('SELECT name FROM personas WHERE id = ?').pluck();
  for (const personaId of personaIds) {
    if (exists.get(personaId) === undefined) throw notFound(`No persona with id "${personaId}" exists; it may have been deleted.`);
  }
  db.prepare('DELETE FROM map_personas WHERE map_id = ?').run(mapId);
  const insert = db.prepare('INSERT INTO map_personas (map_id, persona_id, position) VALUES (?, ?, ?)');
  const keys = firstKeys(personaIds.length);
  personaIds.forEach((personaId, i) => insert.run(mapId, personaId, keys[i]));
}

/** Delete a map and everything on it; it is kept as a tombstone, so it can be brought back. */
export function deleteMap(ctx: Ctx, input: ParsedInput<'maps.delete'>): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    const map = requireMap(ctx, input.id);
    return deleteWithTombstone(ctx, 'maps', [map.id], `Delete map "${map.title}"`, map.id, input.tombstone);
  })();
}
