/**
 * The JSON text of the last few `maps.getColumns` answers, kept in the engine (where the text is made), so that a
 * map nobody changed is answered without reading its 55,000 cards again (issue 13). It never answers a stale map:
 * every answer is kept with what the database was when it was read, and all of them are dropped as soon as that
 * is no longer so —
 * - another connection (another window's host, another process) committed to the file: SQLite's `data_version`;
 * - this connection wrote anything, through whatever path: `total_changes()`, which counts every row any statement
 *   (a trigger's too) inserted, updated or deleted since the connection was opened, committed or rolled back;
 * - the connection itself is another one (a restored backup, a reopened file).
 * The workspace also drops them after every mutating call and every restore (`clear`). The engine answers the
 * browser host's `as: 'json'` calls with the text itself (`columnsJson`); an in-process `ws.call` gets objects
 * parsed from it (`columns`: about 20 ms for 55,000 cards instead of a read of 200 ms or more). Inside an open
 * transaction nothing is kept or used: what it wrote may still be rolled back. Errors are never kept: a map that
 * cannot be read throws before anything is stored.
 */
import type { MapColumnsDocument } from '../api/mapColumns.ts';
import type { Db } from './database.ts';
import { jsonBytes } from './engine/serve.ts';
import { getMapColumns } from './maps.ts';
import type { Ctx } from './records.ts';

export interface MapJsonCacheLimits {
  /** How many maps' answers are kept at most (the least recently asked for goes first). */
  maps: number;
  /** How many bytes of JSON text are kept at most; an answer bigger than this alone is never kept. */
  bytes: number;
}

export const MAP_JSON_CACHE_LIMITS: Readonly<MapJsonCacheLimits> = { maps: 4, bytes: 64 * 1024 * 1024 };

/** What the database was when answers were read: the connection, others' commits, this connection's writes. */
interface Stamp {
  db: Db;
  dataVersion: number;
  totalChanges: number;
}

/** The database as it is now, or null inside a transaction (nothing read there may be kept). */
function stampOf(db: Db): Stamp | null {
  if (db.inTransaction) return null;
  return {
    db,
    dataVersion: db.pragma('data_version', { simple: true }) as number,
    totalChanges: db.prepare('SELECT total_changes()').pluck().get() as number,
  };
}

const utf8 = new TextDecoder();

const sameStamp = (a: Stamp | null, b: Stamp): boolean =>
  a !== null && a.db === b.db && a.dataVersion === b.dataVersion && a.totalChanges === b.totalChanges;

export class MapJsonCache {
  private readonly limits: MapJsonCacheLimits;
  /** Map id → its answer's UTF-8 JSON text, the least recently used first (a Map keeps insertion order). */
  private readonly answers = new Map<string, Uint8Array<ArrayBuffer>>();
  private heldBytes = 0;
  /** What the database was when the answers held were read (null before the first read). */
  private stamp: Stamp | null = null;

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
   * the caller owns (it may move it to another thread): the answer held when nothing has changed since it was
   * read, else read now (and held, outside a transaction). A missing map throws NotFound and nothing is held.
   */
  columnsJson(ctx: Ctx, id: string): Uint8Array<ArrayBuffer> {
    const held = this.use(ctx.db, id);
    if (held !== undefined) return held.slice();
    const bytes = jsonBytes(getMapColumns(ctx, id));
    this.keep(ctx.db, id, bytes.slice());
    return bytes;
  }

  /**
   * The same answer as objects (an in-process caller's): parsed from the text held when nothing has changed,
   * else read now, its text held for the next time. Objects of the caller's own either way.
   */
  columns(ctx: Ctx, id: string): MapColumnsDocument {
    const held = this.use(ctx.db, id);
    if (held !== undefined) return JSON.parse(utf8.decode(held)) as MapColumnsDocument;
    const doc = getMapColumns(ctx, id);
    this.keep(ctx.db, id, jsonBytes(doc));
    return doc;
  }

  /** The answer held for `id` if the database is as it was when it was read (then the most recently used). */
  private use(db: Db, id: string): Uint8Array<ArrayBuffer> | undefined {
    const now = stampOf(db);
    if (now === null) return undefined;
    if (!sameStamp(this.stamp, now)) {
      this.clear();
      this.stamp = now;
    }
    const held = this.answers.get(id);
    if (held !== undefined) {
      this.answers.delete(id); // asked for again: the most recently used now
      this.answers.set(id, held);
    }
    return held;
  }

  /** Hold what was just read (under the stamp `use` took before the read), unless it was read in a transaction. */
  private keep(db: Db, id: string, bytes: Uint8Array<ArrayBuffer>): void {
    if (!db.inTransaction) this.hold(id, bytes);
  }

  /** Drop every answer held. */
  clear(): void {
    this.answers.clear();
    this.heldBytes = 0;
  }

  private hold(id: string, bytes: Uint8Array<ArrayBuffer>): void {
    if (bytes.byteLength > this.limits.bytes) return;
    this.answers.set(id, bytes);
    this.heldBytes += bytes.byteLength;
    for (const [oldest, answer] of this.answers) {
      if (this.answers.size <= this.limits.maps && this.heldBytes <= this.limits.bytes) break;
      this.answers.delete(oldest);
      this.heldBytes -= answer.byteLength;
    }
  }
}
