/**
 * The JSON text of the last few `maps.getColumns` answers, kept in the engine (where the text is made), so that a
 * map nobody changed is answered without reading its 55,000 cards again, and a map whose cards changed is
 * answered by reading again only the cells those cards were and are in (issue 13). It never answers a stale map:
 * every answer is kept with what the database was when it was made, and
 * - another connection (another window's host, another process) committed to the file (SQLite's `data_version`),
 *   or the connection is another one (a restored backup, a reopened file): every answer is dropped;
 * - this connection wrote anything, through whatever path (`total_changes()`, which counts every row any
 *   statement, a trigger's too, inserted, updated or deleted, committed or rolled back): the answer is made
 *   again. Everything on the map but its cards (stages, lanes, emotions, personas, evidence, metrics: small) is
 *   read again; of the cards, only the cells (lane, stage) this connection's change log names (below) are read
 *   again and put in their places (mapCards.ts), and the count of the map's cards is asked of SQLite to prove
 *   the rest held; if anything is not as expected, the whole map is read again.
 * The change log is SQLite's own: TEMP triggers on `cards` (this connection's alone; other connections are
 * data_version's) write each inserted, updated or deleted card's id, map and cell, before and after, into a
 * TEMP table, whatever wrote it — a contract operation, a trigger, a foreign key's cascade, a write behind the
 * contract's back, an INSERT OR REPLACE (SQLite fires no delete trigger for the row it replaces while
 * recursive_triggers is off, so a trigger before each insert logs the row of that id, if any, first); what a
 * rollback undoes, it undoes in the log too. A row some other conflict clause deletes unlogged (an UPDATE OR
 * REPLACE that takes another card's id) leaves the map fewer cards than held: the count sees it.
 * Entries every answer held has seen are deleted at the next read. Answers are made in a read transaction of
 * their own, so that everything read is one state of the file. Inside a caller's open transaction nothing is
 * kept or used: what it wrote may still be rolled back. Errors are never kept: a map that cannot be read throws
 * as a read does, and nothing is held. The engine answers the browser host's `as: 'json'` calls with the text
 * itself (`columnsJson`); an in-process `ws.call` gets objects parsed from it (`columns`). Reading a cell again
 * costs about what its share of a whole read does (0.5 µs a card here): after an edit of a map whose cards sit
 * in one cell, the next read of it reads them all.
 */
import type { MapColumnsDocument } from '../api/mapColumns.ts';
import type { Db } from './database.ts';
import { jsonBytes } from './engine/serve.ts';
import { MapCards, Utf8List, type CellKey } from './mapCards.ts';
import { cardShares, getMapColumns, readMap } from './maps.ts';
import type { Ctx } from './records.ts';

export interface MapJsonCacheLimits {
  /** How many maps' answers are kept at most (the least recently asked for goes first). */
  maps: number;
  /** How many bytes of JSON text are kept at most; an answer bigger than this alone is never kept. */
  bytes: number;
}

export const MAP_JSON_CACHE_LIMITS: Readonly<MapJsonCacheLimits> = { maps: 4, bytes: 64 * 1024 * 1024 };

/** The TEMP table of this connection's card changes, and its triggers' prefix. */
export const CARD_CHANGE_LOG = 'waymark_card_changes';

const INSTALL_LOG = `
CREATE TEMP TABLE IF NOT EXISTS ${CARD_CHANGE_LOG} (seq INTEGER PRIMARY KEY AUTOINCREMENT, map_id, card_id, lane_id, stage_id);
CREATE TEMP TRIGGER IF NOT EXISTS ${CARD_CHANGE_LOG}_replace BEFORE INSERT ON main.cards BEGIN
  INSERT INTO ${CARD_CHANGE_LOG} (map_id, card_id, lane_id, stage_id) SELECT map_id, id, lane_id, stage_id FROM main.cards WHERE id = NEW.id;
END;
CREATE TEMP TRIGGER IF NOT EXISTS ${CARD_CHANGE_LOG}_insert AFTER INSERT ON main.cards BEGIN
  INSERT INTO ${CARD_CHANGE_LOG} (map_id, card_id, lane_id, stage_id) VALUES (NEW.map_id, NEW.id, NEW.lane_id, NEW.stage_id);
END;
CREATE TEMP TRIGGER IF NOT EXISTS ${CARD_CHANGE_LOG}_update AFTER UPDATE ON main.cards BEGIN
  INSERT INTO ${CARD_CHANGE_LOG} (map_id, card_id, lane_id, stage_id) VALUES (OLD.map_id, OLD.id, OLD.lane_id, OLD.stage_id), (NEW.map_id, NEW.id, NEW.lane_id, NEW.stage_id);
END;
CREATE TEMP TRIGGER IF NOT EXISTS ${CARD_CHANGE_LOG}_delete AFTER DELETE ON main.cards BEGIN
  INSERT INTO ${CARD_CHANGE_LOG} (map_id, card_id, lane_id, stage_id) VALUES (OLD.map_id, OLD.id, OLD.lane_id, OLD.stage_id);
END;`;

/** One map's answer as held. */
interface Held {
  /** Its JSON text, in the pieces it was put together from. */
  utf8: Utf8List;
  /** This connection's total_changes() when it was made: the same now means nothing was written since. */
  totalChanges: number;
  /** The last entry of the change log it has seen. */
  seen: number;
  /** Its cards, to be brought up to date; null when the map was read the general way (then it is read whole). */
  cards: MapCards | null;
}

/** Thrown inside a read to leave it for the whole read of the general way (which answers, or throws what a read throws). */
class ReadWhole extends Error {}

const utf8 = new TextDecoder();

/** The answer's JSON text in UTF-8: the document's parts in their order, as JSON.stringify makes them, the cards from `cards`. */
function answerUtf8(doc: Record<string, unknown>, mapId: string, cards: MapCards): Utf8List {
  const out = new Utf8List().text('{');
  let first = true;
  for (const [key, value] of Object.entries(doc)) {
    if (value === undefined) continue; // left out, as JSON.stringify leaves it out (a part is data, never a function)
    out.text(`${first ? '' : ','}${JSON.stringify(key)}:`);
    if (key === 'cards') out.list(cards.utf8(mapId));
    else out.text(JSON.stringify(value));
    first = false;
  }
  return out.text('}');
}

export class MapJsonCache {
  private readonly limits: MapJsonCacheLimits;
  /** Map id → its answer, the least recently used first (a Map keeps insertion order). */
  private readonly answers = new Map<string, Held>();
  private heldBytes = 0;
  /** The connection the answers were read on and its data_version then (null before the first read). */
  private connection: { db: Db; dataVersion: number } | null = null;
  /** Connections whose change log is in place (true) or could not be made (false: then every change reads whole). */
  private readonly logs = new WeakMap<Db, boolean>();
  /** Per connection, the log entries the cache itself deleted: counted by total_changes(), but no change of a map. */
  private readonly pruned = new WeakMap<Db, number>();

  constructor(limits: MapJsonCacheLimits = MAP_JSON_CACHE_LIMITS) {
    this.limits = { ...limits };
  }

  /** The ids of the maps whose answers are held, the least recently used first. */
  get mapIds(): string[] {
    return [...this.answers.keys()];
  }

  /** The bytes of JSON text held. */
  get bytes(): number {
    return this.heldBytes;
  }

  /**
   * `maps.getColumns` of map `id` as its JSON text in UTF-8 (what `jsonBytes` makes of the result), in a buffer
   * the caller owns (it may move it to another thread). A missing map throws NotFound and nothing is held.
   */
  columnsJson(ctx: Ctx, id: string): Uint8Array<ArrayBuffer> {
    if (ctx.db.inTransaction) return jsonBytes(getMapColumns(ctx, id));
    return this.answer(ctx, id).joined();
  }

  /** The same answer as objects (an in-process caller's), of the caller's own: parsed from the text. */
  columns(ctx: Ctx, id: string): MapColumnsDocument {
    if (ctx.db.inTransaction) return getMapColumns(ctx, id);
    return JSON.parse(utf8.decode(this.answer(ctx, id).joined())) as MapColumnsDocument;
  }

  /** Drop every answer held. */
  clear(): void {
    this.answers.clear();
    this.heldBytes = 0;
  }

  /** The answer for `id`, held (outside a transaction only): its pieces, joined into a buffer for each caller. */
  private answer(ctx: Ctx, id: string): Utf8List {
    const { db } = ctx;
    const logged = this.logOn(db);
    if (logged) this.prune(db);
    return db.transaction(() => this.inSnapshot(ctx, id, logged))();
  }

  private inSnapshot(ctx: Ctx, id: string, logged: boolean): Utf8List {
    const { db } = ctx;
    const dataVersion = db.pragma('data_version', { simple: true }) as number;
    const totalChanges = (db.prepare('SELECT total_changes()').pluck().get() as number) - (this.pruned.get(db) ?? 0);
    if (this.connection?.db !== db || this.connection.dataVersion !== dataVersion) {
      this.clear();
      this.connection = { db, dataVersion };
    }
    const seen = logged ? (db.prepare('SELECT seq FROM temp.sqlite_sequence WHERE name = ?').pluck().get(CARD_CHANGE_LOG) as number | undefined) ?? 0 : 0;
    const held = this.answers.get(id);
    if (held !== undefined) {
      this.answers.delete(id); // asked for again: the most recently used now (or replaced below)
      this.heldBytes -= held.utf8.length;
      if (held.totalChanges === totalChanges) {
        this.hold(id, held);
        return held.utf8;
      }
      const utf8 = logged && held.cards !== null ? this.brought(ctx, id, held.cards, held.seen) : null;
      if (utf8 !== null) {
        this.hold(id, { utf8, totalChanges, seen, cards: held.cards });
        return utf8;
      }
    }
    const fresh = this.read(ctx, id);
    this.hold(id, { ...fresh, totalChanges, seen });
    return fresh.utf8;
  }

  /** The map read now, whole: its answer, and its cards to bring up to date later (none if read the general way). */
  private read(ctx: Ctx, id: string): { utf8: Utf8List; cards: MapCards | null } {
    try {
      const doc = readMap(ctx, id, () => {
        const cells = cardShares(ctx, id);
        if (cells === null) throw new ReadWhole();
        return new MapCards(cells);
      });
      return { utf8: answerUtf8(doc, doc.map.id, doc.cards), cards: doc.cards };
    } catch (error) {
      if (!(error instanceof ReadWhole)) throw error;
      return { utf8: new Utf8List().bytes(jsonBytes(getMapColumns(ctx, id))), cards: null };
    }
  }

  /**
   * The answer made again from `cards` (as they were after log entry `seen`): the rest of the map read, the cells
   * the log names since (each card's before and after) read again and put in their places. Null when that cannot
   * be proved right — a cell read again that the fast reader would not take, a count that is not the map's — or
   * on any error (a map that is gone, a bad row elsewhere): the caller reads the map whole then, which answers or
   * throws as a read does.
   */
  private brought(ctx: Ctx, id: string, cards: MapCards, seen: number): Utf8List | null {
    const { db } = ctx;
    try {
      const doc = readMap(ctx, id, () => {
        // Each entry's lane and stage are a card's own (TEXT NOT NULL in the STRICT table): text.
        const named = db.prepare(`SELECT DISTINCT lane_id AS laneId, stage_id AS stageId FROM temp.${CARD_CHANGE_LOG} WHERE seq > ? AND map_id = ?`).all(seen, id) as CellKey[];
        const cells = [];
        for (const key of named) {
          const now = cardShares(ctx, id, key);
          if (now === null) throw new ReadWhole();
          cells.push(...now);
        }
        cards.replace(named, cells);
        if (cards.size !== db.prepare('SELECT count(*) FROM cards WHERE map_id = ?').pluck().get(id)) throw new ReadWhole();
        return cards;
      });
      return answerUtf8(doc, doc.map.id, cards);
    } catch {
      return null;
    }
  }

  /** Whether this connection's change log is in place: made the first time the connection is met. */
  private logOn(db: Db): boolean {
    let on = this.logs.get(db);
    if (on === undefined) {
      try {
        db.exec(INSTALL_LOG);
        on = true;
      } catch {
        on = false; // every change then reads the map whole, as before the log
      }
      this.logs.set(db, on);
    }
    return on;
  }

  /** Delete the log's entries every held answer has seen (all of them when none is held). */
  private prune(db: Db): void {
    let upTo = Number.POSITIVE_INFINITY;
    for (const held of this.answers.values()) upTo = Math.min(upTo, held.seen);
    const { changes } = db.prepare(`DELETE FROM temp.${CARD_CHANGE_LOG} WHERE seq <= ?`).run(upTo);
    this.pruned.set(db, (this.pruned.get(db) ?? 0) + changes);
  }

  private hold(id: string, held: Held): void {
    if (held.utf8.length > this.limits.bytes) return;
    this.answers.set(id, held);
    this.heldBytes += held.utf8.length;
    for (const [oldest, answer] of this.answers) {
      if (this.answers.size <= this.limits.maps && this.heldBytes <= this.limits.bytes) break;
      this.answers.delete(oldest);
      this.heldBytes -= answer.utf8.length;
    }
  }
}
