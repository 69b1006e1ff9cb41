/**
 * The cards of one map's `maps.getColumns` answer as the engine keeps them between reads (mapJsonCache.ts), so
 * that after a few cards changed the answer is made again from the cells they are in, not read again whole from
 * SQLite (issue 13): cell by cell (lane, stage) in the answer's order, each cell as SQLite made it (maps.ts
 * `cardShares`: its plain columns' shares of the JSON text, its own column of each field whose values repeat),
 * each repeated column's share of the text made once and kept until the values met before the cell change, and
 * the cards' whole JSON text kept until a cell changes — as UTF-8 bytes, so that an answer is put together by
 * copying them, not by encoding 5 MB of text again. `json` is exactly the text JSON.stringify makes of the
 * columns CardColumnsBuilder builds from the same cards in the same order (the tests compare them), so an answer
 * made from here is the answer a read makes — byte for byte for every text SQLite holds as valid UTF-8 and every
 * vote below 2^53; past those (written behind the contract's back) SQLite's bytes and digits are kept as they
 * are, and a non-fatal UTF-8 decoder and JSON.parse read them as the general read's. Which cells changed is the
 * cache's to say; this only puts them in place.
 */
import type { RepeatedColumn } from '../api/mapColumns.ts';
import { byBytes, type CellShares, type PlainField } from './maps.ts';

/** The columns whose values repeat, in CardColumns' order. */
type RepeatedField = 'mapId' | 'laneId' | 'stageId' | 'color' | 'channel' | 'evidence';

interface HeldCell extends CellShares {
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

/** A cell named by its lane and stage. */
export interface CellKey {
  laneId: string;
  stageId: string;
}

/** Cells in the answer's order: by lane id, then stage id, as SQLite's BINARY order has them (their bytes). */
const cellOrder = (a: CellKey, b: CellKey): number => byBytes(a.laneId, b.laneId) || byBytes(a.stageId, b.stageId);

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

const held = (cell: CellShares): HeldCell => ({ ...cell, shares: {} });

export class MapCards {
  private readonly cells: HeldCell[];
  /** The cards' JSON text as last made (and the map id it was made with), until a cell changes. */
  private made: { mapId: string; utf8: Utf8List } | null = null;

  /** The cells as cardShares read them (in the answer's order, each holding at least one card): kept, not copied. */
  constructor(cells: readonly CellShares[]) {
    this.cells = cells.map(held);
  }

  /** How many cards are held. */
  get size(): number {
    let size = 0;
    for (const cell of this.cells) size += cell.count;
    return size;
  }

  /**
   * The cells `named` as they are now: each one held is taken out, and `cells` (those of them that hold cards,
   * read again) are put in their places. Every cell of `cells` must be among `named`.
   */
  replace(named: readonly CellKey[], cells: readonly CellShares[]): void {
    for (const key of named) {
      const at = firstNotBefore(this.cells, (c) => cellOrder(c, key) < 0);
      const found = this.cells[at];
      if (found !== undefined && cellOrder(found, key) === 0) this.cells.splice(at, 1);
    }
    // Each of `cells` is among `named`, taken out just before: its place holds no cell of its lane and stage.
    for (const cell of cells) this.cells.splice(firstNotBefore(this.cells, (c) => cellOrder(c, cell) < 0), 0, held(cell));
    if (named.length > 0) this.made = null;
  }

  /** The cards' columns as JSON text (`mapId` is every card's): what JSON.stringify makes of CardColumnsBuilder's. */
  json(mapId: string): string {
    return new TextDecoder().decode(this.utf8(mapId).joined());
  }

  /** The same text in UTF-8, in pieces (kept: not the caller's to change). */
  utf8(mapId: string): Utf8List {
    if (this.made?.mapId === mapId) return this.made.utf8;
    const out = new Utf8List();
    const plain = (field: PlainField): Utf8List =>
      out
        .text('[')
        .commaSeparated(this.cells.map((c) => c.plain[field]))
        .text(']');
    // A cell's own column of a field, or the one value all its cards hold (the map's id, the cell's lane and stage).
    const columnOf = (cell: HeldCell, field: RepeatedField): RepeatedColumn<string | null> | string => (field === 'mapId' ? mapId : cell[field]);
    const repeated = (field: RepeatedField): Utf8List => {
      // The map's values in the order first met: each cell's own, in the cells' order, those not met before.
      const values: (string | null)[] = [];
      const seen = new Map<string | null, number>();
      const shares: Uint8Array[] = [];
      for (const cell of this.cells) {
        const column = columnOf(cell, field);
        const own = typeof column === 'string' ? [column] : column.values;
        const global = own.map((value) => {
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
          const share = typeof column === 'string' || column.values.length === 1 ? `${one},`.repeat(cell.count - 1) + String(one) : column.index.map((i) => global[i]).join(',');
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
