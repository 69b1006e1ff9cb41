/**
 * The cards of one map's `maps.getColumns` answer as the engine keeps them between reads (mapJsonCache.ts), so
 * that after a few cards changed the answer is made again from them, not read again from SQLite (issue 13): cell
 * by cell (lane, stage) in the answer's order, each cell's share of every column's JSON text made once and kept
 * until a card of the cell changes (a repeated column's share also until the values met before it change), and
 * the cards' whole JSON text kept until any card changes — as UTF-8 bytes, so that an answer is put together by
 * copying them, not by encoding 5 MB of text again. `json` is exactly the text JSON.stringify makes of the
 * columns CardColumnsBuilder builds from the same cards in the same order (the tests compare them), so an answer
 * made from here is the answer a read makes. What changed is the cache's to say; this only puts cards in place.
 */
import type { RepeatedColumn } from '../api/mapColumns.ts';
import { byBytes, type Cell, type CellRow } from './maps.ts';

/** The columns whose values repeat, in CardColumns' order, and what each card of a cell holds in each. */
type RepeatedField = 'mapId' | 'laneId' | 'stageId' | 'color' | 'channel' | 'evidence';
type Value = string | null;

/** The plain columns, and the field of a cell's row each one is. */
const PLAIN = { id: 0, text: 1, position: 3, votes: 5 } as const;
type PlainField = keyof typeof PLAIN;

/** A cell's own repeated column: its distinct values in the order first met, and each card's index into them. */
type Local = RepeatedColumn<Value>;

interface HeldCell extends Cell {
  /** Each plain column's share of the text: the cell's values, comma-separated, no brackets (made when asked). */
  plain: Partial<Record<PlainField, Uint8Array>>;
  /** Each repeated column of the cell alone (made when asked). */
  local: Partial<Record<RepeatedField, Local>>;
  /** Each repeated column's share of the text, and the indexes into the map's values it was made with. */
  shares: Partial<Record<RepeatedField, { at: string; share: Uint8Array }>>;
}

const encoder = new TextEncoder();
const COMMA = encoder.encode(',');

/** UTF-8 text put together piece by piece (never copied), then copied into one buffer when asked for. */
export class Utf8List {
  private readonly pieces: Uint8Array[] = [];
  private held = 0;

  /** How many bytes it holds. */
  get length(): number {
    return this.held;
  }

  bytes(piece: Uint8Array): this {
    this.pieces.push(piece);
    this.held += piece.byteLength;
    return this;
  }

  text(piece: string): this {
    return this.bytes(encoder.encode(piece));
  }

  /** Every piece of `list`, in its order. */
  list(list: Utf8List): this {
    for (const piece of list.pieces) this.bytes(piece);
    return this;
  }

  /** `pieces` with a comma between each two. */
  commaSeparated(pieces: readonly Uint8Array[]): this {
    pieces.forEach((piece, i) => {
      if (i > 0) this.bytes(COMMA);
      this.bytes(piece);
    });
    return this;
  }

  /** The text in one buffer of the caller's own. */
  joined(): Uint8Array<ArrayBuffer> {
    const out = new Uint8Array(this.held);
    let at = 0;
    for (const piece of this.pieces) {
      out.set(piece, at);
      at += piece.byteLength;
    }
    return out;
  }
}

/** A card as read again: its cell and its fields. */
export interface PlacedRow {
  laneId: string;
  stageId: string;
  row: CellRow;
}

/** Cells in the answer's order: by lane id, then stage id, as SQLite's BINARY order has them (their bytes). */
const cellOrder = (a: Cell, laneId: string, stageId: string): number => byBytes(a.laneId, laneId) || byBytes(a.stageId, stageId);

/** Cards of a cell in the answer's order: by position, then id, in bytes. */
const rowOrder = (a: CellRow, b: CellRow): number => byBytes(a[3], b[3]) || byBytes(a[0], b[0]);

/** The first index in `list` whose item does not come before the one `before` measures (binary search). */
function firstNotBefore<T>(list: readonly T[], before: (item: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(list[mid] as T)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A repeated column of `values` (one per card), as RepeatedColumnBuilder makes it. */
function localOf(values: readonly Value[]): Local {
  const local: Local = { values: [], index: [] };
  const seen = new Map<Value, number>();
  for (const value of values) {
    let at = seen.get(value);
    if (at === undefined) {
      at = local.values.length;
      seen.set(value, at);
      local.values.push(value);
    }
    local.index.push(at);
  }
  return local;
}

const emptyCell = (laneId: string, stageId: string, rows: CellRow[]): HeldCell => ({ laneId, stageId, rows, plain: {}, local: {}, shares: {} });

export class MapCards {
  private readonly cells: HeldCell[];
  /** Card id → the cell that holds it: made when cards first change (a map read whole and never changed needs none). */
  private cellOfId: Map<string, HeldCell> | null = null;
  /** The cards' JSON text as last made (and the map id it was made with), until a card changes. */
  private made: { mapId: string; utf8: Utf8List } | null = null;
  /** The map id the cells' own mapId columns were made with. */
  private mapIdUsed: string | null = null;

  /** The cells as cardCells read them (in the answer's order, each card once): their rows kept, not copied. */
  constructor(cells: Cell[]) {
    this.cells = cells.map((cell) => emptyCell(cell.laneId, cell.stageId, cell.rows));
  }

  /** How many cards are held. */
  get size(): number {
    let size = 0;
    for (const cell of this.cells) size += cell.rows.length;
    return size;
  }

  private get cellOf(): Map<string, HeldCell> {
    if (this.cellOfId === null) {
      this.cellOfId = new Map();
      for (const cell of this.cells) for (const row of cell.rows) this.cellOfId.set(row[0], cell);
    }
    return this.cellOfId;
  }

  /**
   * The cards `ids` as they are now: each one held is taken out of its cell, and `rows` (those of them still on
   * the map, read again) are put in their cells' places. Every id of `rows` must be among `ids`.
   */
  replace(ids: readonly string[], rows: readonly PlacedRow[]): void {
    const leaving = new Map<HeldCell, Set<string>>();
    for (const id of ids) {
      const cell = this.cellOf.get(id);
      if (cell === undefined) continue;
      this.cellOf.delete(id);
      let set = leaving.get(cell);
      if (set === undefined) leaving.set(cell, (set = new Set()));
      set.add(id);
    }
    for (const [cell, set] of leaving) this.changed(cell, cell.rows.filter((r) => !set.has(r[0])));
    for (const { laneId, stageId, row } of rows) {
      const cell = this.cellFor(laneId, stageId);
      cell.rows.splice(
        firstNotBefore(cell.rows, (r) => rowOrder(r, row) < 0),
        0,
        row,
      );
      this.changed(cell, cell.rows);
      this.cellOf.set(row[0], cell);
    }
    if (ids.length > 0) this.made = null;
  }

  /** A cell whose cards are now `rows`: nothing made of it before is kept. */
  private changed(cell: HeldCell, rows: CellRow[]): void {
    cell.rows = rows;
    cell.plain = {};
    cell.local = {};
    cell.shares = {};
  }

  /** The cell of (lane, stage), made in its place if there is none. */
  private cellFor(laneId: string, stageId: string): HeldCell {
    const at = firstNotBefore(this.cells, (c) => cellOrder(c, laneId, stageId) < 0);
    const found = this.cells[at];
    if (found !== undefined && found.laneId === laneId && found.stageId === stageId) return found;
    const cell = emptyCell(laneId, stageId, []);
    this.cells.splice(at, 0, cell);
    return cell;
  }

  /** The cards' columns as JSON text (`mapId` is every card's): what JSON.stringify makes of CardColumnsBuilder's. */
  json(mapId: string): string {
    return new TextDecoder().decode(this.utf8(mapId).joined());
  }

  /** The same text in UTF-8, in pieces (kept: not the caller's to change). */
  utf8(mapId: string): Utf8List {
    if (this.made?.mapId === mapId) return this.made.utf8;
    if (this.mapIdUsed !== mapId) for (const cell of this.cells) delete cell.local.mapId; // made with another id
    this.mapIdUsed = mapId;
    const live = this.cells.filter((c) => c.rows.length > 0);
    const out = new Utf8List();
    const plain = (field: PlainField): Utf8List =>
      out
        .text('[')
        .commaSeparated(live.map((c) => (c.plain[field] ??= encoder.encode(JSON.stringify(c.rows.map((r) => r[PLAIN[field]])).slice(1, -1)))))
        .text(']');
    const valueOf = (cell: HeldCell, field: RepeatedField): ((row: CellRow) => Value) => {
      switch (field) {
        case 'mapId':
          return () => mapId;
        case 'laneId':
          return () => cell.laneId;
        case 'stageId':
          return () => cell.stageId;
        case 'color':
          return (r) => r[2];
        case 'channel':
          return (r) => r[4];
        case 'evidence':
          return (r) => r[6];
      }
    };
    const repeated = (field: RepeatedField): Utf8List => {
      // The map's values in the order first met: each cell's own, in the cells' order, those not met before.
      const values: Value[] = [];
      const seen = new Map<Value, number>();
      const shares: Uint8Array[] = [];
      for (const cell of live) {
        const local = (cell.local[field] ??= localOf(cell.rows.map(valueOf(cell, field))));
        const global = local.values.map((value) => {
          let at = seen.get(value);
          if (at === undefined) {
            at = values.length;
            seen.set(value, at);
            values.push(value);
          }
          return at;
        });
        const at = String(global); // "0,2,1": which of the map's values the cell's own are
        let kept = cell.shares[field];
        if (kept?.at !== at) {
          // One value for the whole cell (always so for the map, the lane and the stage): its index, once a card.
          const one = global[0] as number;
          const share = local.values.length === 1 ? `${one},`.repeat(local.index.length - 1) + String(one) : local.index.map((i) => global[i]).join(',');
          cell.shares[field] = kept = { at, share: encoder.encode(share) };
        }
        shares.push(kept.share);
      }
      return out.text(`{"values":${JSON.stringify(values)},"index":[`).commaSeparated(shares).text(']}');
    };
    out.text('{"id":');
    plain('id').text(',"mapId":');
    repeated('mapId').text(',"laneId":');
    repeated('laneId').text(',"stageId":');
    repeated('stageId').text(',"text":');
    plain('text').text(',"color":');
    repeated('color').text(',"position":');
    plain('position').text(',"channel":');
    repeated('channel').text(',"votes":');
    plain('votes').text(',"evidence":');
    repeated('evidence').text('}');
    this.made = { mapId, utf8: out };
    return out;
  }
}
