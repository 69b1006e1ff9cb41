/**
 * A map's cards in columns: the compact wire form of `maps.getColumns`. A big map holds tens of thousands of
 * cards, and as keyed objects every card repeats ten field names, its map's id and its lane's and stage's ids;
 * in columns each field is one array, and the values that repeat (lane, stage, map, colour, channel, evidence)
 * are each sent once, with a small index per card. `decodeMapColumns` turns the answer back into exactly the
 * MapDocument `maps.get` returns, so every caller past the client sees one shape.
 * Pure: shared by the engine, the renderer's client and the tests.
 */
import { WaymarkError } from './errors.ts';
import type { Card, Channel, EvidenceStatus, MapDocument } from './types.ts';

/** Never a value of a column. */
const NOTHING: unique symbol = Symbol('nothing');

/** A column whose values repeat: each distinct value once, in the order first met, and each card's index into them. */
export interface RepeatedColumn<T> {
  values: T[];
  index: number[];
}

/** Every field of a map's cards, one array (or repeated column) per field, all in the cards' order. */
export interface CardColumns {
  id: string[];
  mapId: RepeatedColumn<string>;
  laneId: RepeatedColumn<string>;
  stageId: RepeatedColumn<string>;
  text: string[];
  color: RepeatedColumn<string | null>;
  position: string[];
  channel: RepeatedColumn<Channel | null>;
  votes: number[];
  evidence: RepeatedColumn<EvidenceStatus>;
}

/** A MapDocument with its cards in columns: what `maps.getColumns` answers. */
export type MapColumnsDocument = Omit<MapDocument, 'cards'> & { cards: CardColumns };

/** Builds a repeated column one value at a time. */
export class RepeatedColumnBuilder<T> {
  readonly column: RepeatedColumn<T> = { values: [], index: [] };
  private readonly seen = new Map<T, number>();

  /** The value pushed last and its index: cards come cell by cell, so most values repeat the one before. */
  private last: T | typeof NOTHING = NOTHING;
  private lastAt = 0;

  push(value: T): void {
    if (value === this.last) {
      this.column.index.push(this.lastAt);
      return;
    }
    let at = this.seen.get(value);
    if (at === undefined) {
      at = this.column.values.length;
      this.seen.set(value, at);
      this.column.values.push(value);
    }
    this.last = value;
    this.lastAt = at;
    this.column.index.push(at);
  }
}

/** Builds a map's card columns one card at a time (the engine fills it straight from its rows). */
export class CardColumnsBuilder {
  private readonly mapId = new RepeatedColumnBuilder<string>();
  private readonly laneId = new RepeatedColumnBuilder<string>();
  private readonly stageId = new RepeatedColumnBuilder<string>();
  private readonly color = new RepeatedColumnBuilder<string | null>();
  private readonly channel = new RepeatedColumnBuilder<Channel | null>();
  private readonly evidence = new RepeatedColumnBuilder<EvidenceStatus>();
  private readonly id: string[] = [];
  private readonly text: string[] = [];
  private readonly position: string[] = [];
  private readonly votes: number[] = [];

  push(card: Card): void {
    this.add(card.id, card.mapId, card.laneId, card.stageId, card.text, card.color, card.position, card.channel, card.votes, card.evidence);
  }

  /** One card given field by field, in Card's order (the engine's reader has no Card to give). */
  add(id: string, mapId: string, laneId: string, stageId: string, text: string, color: string | null, position: string, channel: Channel | null, votes: number, evidence: EvidenceStatus): void {
    this.id.push(id);
    this.mapId.push(mapId);
    this.laneId.push(laneId);
    this.stageId.push(stageId);
    this.text.push(text);
    this.color.push(color);
    this.position.push(position);
    this.channel.push(channel);
    this.votes.push(votes);
    this.evidence.push(evidence);
  }

  columns(): CardColumns {
    return {
      id: this.id,
      mapId: this.mapId.column,
      laneId: this.laneId.column,
      stageId: this.stageId.column,
      text: this.text,
      color: this.color.column,
      position: this.position,
      channel: this.channel.column,
      votes: this.votes,
      evidence: this.evidence.column,
    };
  }
}

export function encodeCards(cards: readonly Card[]): CardColumns {
  const builder = new CardColumnsBuilder();
  for (const card of cards) builder.push(card);
  return builder.columns();
}

/** A MapDocument in its compact wire form (every other part of it is left as it is). */
export function encodeMapColumns(doc: MapDocument): MapColumnsDocument {
  return { ...doc, cards: encodeCards(doc.cards) };
}

const damaged = (detail: string): WaymarkError =>
  new WaymarkError('Internal', `The map arrived damaged (${detail}); reload it, and if this happens again, restart Waymark.`);

function plain<T>(columns: CardColumns, field: 'text' | 'position' | 'votes', count: number): T[] {
  const values = columns[field] as unknown;
  if (!Array.isArray(values) || values.length !== count) throw damaged(`cards.${field} does not hold one value per card`);
  return values as T[];
}

/** A repeated column checked: one index per card, each naming one of its values (nothing copied). */
function repeated<T>(columns: CardColumns, field: 'mapId' | 'laneId' | 'stageId' | 'color' | 'channel' | 'evidence', count: number): RepeatedColumn<T> {
  const column = columns[field] as Partial<RepeatedColumn<T>> | undefined;
  const values = column?.values;
  const index = column?.index;
  if (!Array.isArray(values) || !Array.isArray(index) || index.length !== count) throw damaged(`cards.${field} does not hold one index per card`);
  const size = values.length;
  for (let i = 0; i < count; i++) {
    const at = index[i] as number;
    // An index is a whole number below the values' count (`at >>> 0 === at` is false for fractions, negatives, NaN, non-numbers).
    if (at >>> 0 !== at || at >= size) throw damaged(`cards.${field} names a value it does not hold`);
  }
  return column as RepeatedColumn<T>;
}

/** The cards again, in their order, each with its fields in the order maps.get gives them. */
export function decodeCards(columns: CardColumns): Card[] {
  const ids = columns.id as unknown;
  if (!Array.isArray(ids)) throw damaged('cards.id is not a list');
  const count = ids.length;
  const id = ids as string[];
  const text = plain<string>(columns, 'text', count);
  const position = plain<string>(columns, 'position', count);
  const votes = plain<number>(columns, 'votes', count);
  const mapId = repeated<string>(columns, 'mapId', count);
  const laneId = repeated<string>(columns, 'laneId', count);
  const stageId = repeated<string>(columns, 'stageId', count);
  const color = repeated<string | null>(columns, 'color', count);
  const channel = repeated<Channel | null>(columns, 'channel', count);
  const evidence = repeated<EvidenceStatus>(columns, 'evidence', count);
  const cards: Card[] = [];
  for (let i = 0; i < count; i++) {
    cards.push({
      id: id[i] as string,
      mapId: mapId.values[mapId.index[i] as number] as string,
      laneId: laneId.values[laneId.index[i] as number] as string,
      stageId: stageId.values[stageId.index[i] as number] as string,
      text: text[i] as string,
      color: color.values[color.index[i] as number] as string | null,
      position: position[i] as string,
      channel: channel.values[channel.index[i] as number] as Channel | null,
      votes: votes[i] as number,
      evidence: evidence.values[evidence.index[i] as number] as EvidenceStatus,
    });
  }
  return cards;
}

/** The MapDocument `maps.get` gives, from the answer of `maps.getColumns`. */
export function decodeMapColumns(doc: MapColumnsDocument): MapDocument {
  const cards = (doc as { cards?: unknown } | null | undefined)?.cards;
  if (typeof cards !== 'object' || cards === null) throw damaged('it has no cards');
  return { ...doc, cards: decodeCards(cards as CardColumns) };
}
