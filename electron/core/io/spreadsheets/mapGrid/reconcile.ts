/**
 * A workbook Waymark exported shows each card twice: as a line of its cell in the Map sheet, and as a row of
 * the Cards sheet with its id. After a person has edited the workbook in Excel, the two are put back together
 * against the cards the workbook started from (`base`: the map's cards for an update; the Cards sheet itself
 * for a new map):
 * - a card keeps its id through its Cards row; a row deleted from the Cards sheet removes the card, a row
 *   without an id adds one, and what a row says (text, colour, channel, evidence, votes, lane and stage) is
 *   what the card becomes;
 * - a line of a Map cell that is the text of a card there is that card (its votes after it may change them);
 * - a line that is no card's text is the new text of a card of that cell whose line is gone and whose Cards
 *   row is as it was, in order; past those, a new card — or the card whose line was taken out of another
 *   cell, with that text (moved there by cut and paste);
 * - a card whose line is taken out of its cell (its Cards row as it was) is removed; a cell that ends in the
 *   export's "… and N more cards" shows only some of its cards, so nothing is taken out of it.
 * Cards keep the order of their cell's lines; those on no line follow in their own order. Pure.
 */
import type { MapImportProblem } from '../../../../api/mapImports.ts';
import type { Channel, EvidenceStatus } from '../../../../api/types.ts';
import type { ImportLine } from './content.ts';
import { flatText } from './lines.ts';

export interface CardFields {
  text: string;
  color: string | null;
  channel: Channel | null;
  evidence: EvidenceStatus;
  votes: number;
}

/** A card the workbook started from, in its cell (`key`), cells' cards in order. */
export interface BaseCard extends CardFields {
  id: string;
  key: string;
}

/** A row of the Cards sheet, its lane and stage found (`key`). */
export interface SheetCard extends CardFields {
  id: string | null;
  key: string;
  /** Its cell in the Cards sheet, for messages. */
  source: string;
}

/** A cell of the Map sheet: its lines as read, and whether it shows all of its cards. */
export interface MapCell {
  key: string;
  cell: string;
  lines: readonly ImportLine[];
  truncated: boolean;
}

export interface FinalCard extends CardFields {
  /** null: a new card. */
  id: string | null;
  key: string;
  /** Where it was read: its line's cell in the Map sheet or its row's in the Cards sheet. */
  source: string | null;
  base: BaseCard | null;
}

export interface Reconciled {
  /** Every cell's cards, in order. */
  cells: Map<string, FinalCard[]>;
  removed: { card: BaseCard; why: 'cards' | 'map'; cell: string | null }[];
  warnings: MapImportProblem[];
}

const same = (a: CardFields, b: CardFields): boolean => a.text === b.text && a.color === b.color && a.channel === b.channel && a.evidence === b.evidence && a.votes === b.votes;

interface Slot {
  base: BaseCard | null;
  row: SheetCard;
  card: FinalCard;
  placed: boolean;
}

export function reconcile(base: readonly BaseCard[], sheet: readonly SheetCard[], cells: readonly MapCell[]): Reconciled {
  const warnings: MapImportProblem[] = [];
  const baseIds = new Set(base.map((b) => b.id));
  const rowOf = new Map<string, SheetCard>();
  const slots: Slot[] = [];
  for (const row of sheet) {
    if (row.id !== null && baseIds.has(row.id)) rowOf.set(row.id, row);
    else {
      if (row.id !== null) warnings.push({ cell: row.source, message: 'No card with this id is on the map: the row is added as a new card.' });
      slots.push({ base: null, row, card: { ...fields(row), id: null, key: row.key, source: row.source, base: null }, placed: false });
    }
  }
  const gone: BaseCard[] = [];
  const bySlot = new Map<string, Slot>();
  for (const b of base) {
    const row = rowOf.get(b.id);
    if (row === undefined) gone.push(b);
    else bySlot.set(b.id, { base: b, row, card: { ...fields(row), id: b.id, key: row.key, source: row.source, base: b }, placed: false });
  }
  const kept = [...bySlot.values()];
  const untouched = (s: Slot): boolean => s.base !== null && s.row.key === s.base.key && same(s.row, s.base);

  type Item = FinalCard | { line: ImportLine };
  const orders = new Map<string, { cell: string; items: Item[]; idle: Slot[] }>();
  const consumed = new Set<string>();
  // The cards each cell may show: those in it before or after (in their order), then new rows of the Cards sheet in it.
  const byCell = new Map<string, Slot[]>();
  const file = (key: string, slot: Slot) => {
    const list = byCell.get(key);
    if (list === undefined) byCell.set(key, [slot]);
    else if (list.at(-1) !== slot) list.push(slot);
  };
  for (const slot of kept) {
    file(slot.base?.key ?? slot.card.key, slot);
    file(slot.card.key, slot);
  }
  for (const slot of slots) file(slot.card.key, slot);
  for (const cell of cells) {
    const candidates = byCell.get(cell.key) ?? [];
    const used = new Set<Slot>();
    const items: Item[] = [];
    for (const line of cell.lines) {
      const hit = candidates.find((s) => !used.has(s) && (flatText(s.card.text) === line.text || (s.base !== null && flatText(s.base.text) === line.text)));
      if (hit !== undefined) {
        used.add(hit);
        if (hit.card.key !== cell.key) continue;
        hit.placed = true;
        if (hit.base !== null && hit.row.votes === hit.base.votes) hit.card.votes = line.votes ?? 0;
        items.push(hit.card);
        continue;
      }
      // The line of a card whose Cards row was deleted is that card's, not a new one.
      const deleted = gone.find((b) => b.key === cell.key && !consumed.has(b.id) && flatText(b.text) === line.text);
      if (deleted !== undefined) consumed.add(deleted.id);
      else items.push({ line });
    }
    // Cards of this cell on none of its lines, as they were: taken out, edited in the grid, or moved.
    // (A card whose Cards row is as it was is in the cell it was in.)
    const idle = cell.truncated ? [] : candidates.filter((s) => !used.has(s) && untouched(s));
    orders.set(cell.key, { cell: cell.cell, items, idle });
  }
  const lines = (items: Item[]) => items.filter((i): i is { line: ImportLine } => 'line' in i);
  /** A card that is on the line `at` of the cell `key`: there, with the line's votes. */
  const put = (items: Item[], at: { line: ImportLine }, slot: Slot, key: string) => {
    slot.card.key = key;
    slot.card.votes = at.line.votes ?? 0;
    slot.card.source = at.line.cell;
    slot.placed = true;
    items[items.indexOf(at)] = slot.card;
  };
  // A line that is the text of a card gone from another cell is that card, moved (cut there, pasted here).
  for (const [key, { items }] of orders) {
    for (const at of lines(items)) {
      for (const order of orders.values()) {
        const moved = order.idle.find((s) => flatText(s.card.text) === at.line.text);
        if (moved === undefined) continue;
        order.idle.splice(order.idle.indexOf(moved), 1);
        put(items, at, moved, key);
        break;
      }
    }
  }
  // Then, in each cell, its other lines are the new texts of its cards left, in order; past those, new cards.
  const takenOut: { card: BaseCard; slot: Slot; cell: string }[] = [];
  for (const [key, order] of orders) {
    const left = lines(order.items);
    order.idle.forEach((slot, i) => {
      const at = left[i];
      if (at === undefined) {
        if (slot.base !== null) takenOut.push({ card: slot.base, slot, cell: order.cell });
        return;
      }
      slot.card.text = at.line.text;
      put(order.items, at, slot, key);
    });
    order.items.forEach((item, i) => {
      if ('line' in item) order.items[i] = { text: item.line.text, color: null, channel: null, evidence: 'assumed', votes: item.line.votes ?? 0, id: null, key, source: item.line.cell, base: null };
    });
  }
  const out = new Map<string, FinalCard[]>();
  for (const [key, order] of orders) out.set(key, order.items as FinalCard[]);
  const outOfLines = new Set(takenOut.map((t) => t.slot));
  for (const slot of [...kept, ...slots]) {
    if (slot.placed || outOfLines.has(slot)) continue;
    const list = out.get(slot.card.key);
    if (list === undefined) out.set(slot.card.key, [slot.card]);
    else list.push(slot.card);
  }
  const removed: Reconciled['removed'] = [
    ...gone.map((card) => ({ card, why: 'cards' as const, cell: null })),
    ...takenOut.map((t) => ({ card: t.card, why: 'map' as const, cell: t.cell })),
  ];
  return { cells: out, removed, warnings };
}

const fields = (c: CardFields): CardFields => ({ text: c.text, color: c.color, channel: c.channel, evidence: c.evidence, votes: c.votes });
