/**
 * The renderer's copy of one map, normalised by id, and the pure functions that read and update it.
 * Records are plain data from the contract; nothing here knows about React, Konva or the host.
 */
import {
  RECORD_KINDS,
  type Card,
  type ChangeSet,
  type EmotionPoint,
  type Interview,
  type JourneyMap,
  type Lane,
  type MapDocument,
  type MapEvidence,
  type MapEvidenceDocument,
  type Metric,
  type Persona,
  type Quote,
  type QuoteLink,
  type Stage,
  type StageEvidenceTotal,
} from '../../../electron/api/types.ts';
import { RecordTable } from './recordTable.ts';

/** A map's evidence in totals (see MapEvidence), by stage and by card. */
export interface EvidenceTotals {
  stages: ReadonlyMap<string, StageEvidenceTotal>;
  /** Distinct quotes per card that has any. */
  cards: ReadonlyMap<string, number>;
  /** How many of each stage's newest quotes the model holds at most. */
  newest: number;
}

export interface MapModel {
  map: JourneyMap;
  stages: Readonly<Record<string, Stage>>;
  lanes: Readonly<Record<string, Lane>>;
  /** The cards, in a table that shares structure between versions (an edit copies a few small buckets). */
  cards: RecordTable<Card>;
  /**
   * The cards by cell (lane × stage, see cellKey), each cell sorted by position: kept up to date by
   * applyChanges (only the cells a change touches are rebuilt; every other cell keeps its array), never
   * regrouped from all cards. Cells without cards are absent.
   */
  cardCells: ReadonlyMap<string, readonly Card[]>;
  emotions: Readonly<Record<string, EmotionPoint>>;
  /** The map's personas, in `map.personaIds` order. */
  personas: readonly Persona[];
  /** The evidence in totals: what the headers, the curve, the flags and the card badges show. */
  evidence: EvidenceTotals;
  /**
   * Each stage's newest quotes (at most `evidence.newest`), their links on this map, and the interviews they
   * are from: what the evidence lane shows. A stage's other quotes are read when someone looks at them.
   */
  quoteLinks: Readonly<Record<string, QuoteLink>>;
  quotes: Readonly<Record<string, Quote>>;
  interviews: Readonly<Record<string, Interview>>;
  metrics: Readonly<Record<string, Metric>>;
}

const byId = <T extends { id: string }>(items: readonly T[]): Record<string, T> => {
  const out: Record<string, T> = {};
  for (const item of items) out[item.id] = item;
  return out;
};

export function totalsOf(evidence: MapEvidence): EvidenceTotals {
  return {
    stages: new Map(evidence.stages.map((t) => [t.stageId, t])),
    cards: new Map(evidence.cards.map((c) => [c.cardId, c.quoteCount])),
    newest: evidence.newest,
  };
}

/** The model with its evidence read again (maps.evidence): totals and newest quotes replaced whole. */
export function withEvidence(model: MapModel, doc: MapEvidenceDocument): MapModel {
  return { ...model, evidence: totalsOf(doc.evidence), quoteLinks: byId(doc.quoteLinks), quotes: byId(doc.quotes), interviews: byId(doc.interviews) };
}

/** The model with these stages' and cards' evidence totals put in (a guessed undo of a delete brings them back). */
export function withTotals(model: MapModel, totals: { stages: readonly StageEvidenceTotal[]; cards: readonly (readonly [string, number])[] } | undefined): MapModel {
  if (totals === undefined || totals.stages.length + totals.cards.length === 0) return model;
  const stages = new Map(model.evidence.stages);
  for (const t of totals.stages) stages.set(t.stageId, t);
  const cards = new Map(model.evidence.cards);
  for (const [cardId, n] of totals.cards) cards.set(cardId, n);
  return { ...model, evidence: { ...model.evidence, stages, cards } };
}

/**
 * Whether a change may change the map's evidence totals, so they must be read again: it places or takes off
 * quotes, or changes or deletes quotes (a sentiment moves a mean; whether the quote is on this map is not
 * known here). Card and stage edits never do; a deleted stage or card takes its links with it, listed here.
 */
export function touchesEvidence(changes: ChangeSet): boolean {
  return changes.quoteLinks.length > 0 || changes.deleted.quoteLinks.length > 0 || changes.quotes.length > 0 || changes.deleted.quotes.length > 0;
}

export function toModel(doc: MapDocument): MapModel {
  return {
    map: doc.map,
    stages: byId(doc.stages),
    lanes: byId(doc.lanes),
    cards: RecordTable.of(doc.cards),
    cardCells: groupByCell(doc.cards),
    emotions: byId(doc.emotions),
    personas: doc.personas,
    evidence: totalsOf(doc.evidence),
    quoteLinks: byId(doc.quoteLinks),
    quotes: byId(doc.quotes),
    interviews: byId(doc.interviews),
    metrics: byId(doc.metrics),
  };
}

/**
 * Workspace-wide records the map shows only some of (quotes, interviews): an upsert is kept when the map
 * already holds the record or `wanted` says it now needs it; a deletion drops it.
 */
function mergeShown<T extends { id: string }>(
  current: Readonly<Record<string, T>>,
  upserts: readonly T[],
  deletions: readonly string[],
  wanted: (record: T) => boolean,
): Readonly<Record<string, T>> {
  const mine = upserts.filter((r) => r.id in current || wanted(r));
  const gone = deletions.filter((id) => id in current);
  if (mine.length === 0 && gone.length === 0) return current;
  const removed = new Set(gone);
  const next: Record<string, T> = {};
  for (const [id, record] of Object.entries(current)) if (!removed.has(id)) next[id] = record;
  for (const r of mine) next[r.id] = r;
  return next;
}

function merge<T extends { id: string; mapId: string }>(
  current: Readonly<Record<string, T>>,
  mapId: string,
  upserts: readonly T[],
  deletions: readonly string[],
): Readonly<Record<string, T>> {
  const mine = upserts.filter((r) => r.mapId === mapId);
  const gone = deletions.filter((id) => id in current);
  if (mine.length === 0 && gone.length === 0) return current;
  const removed = new Set(gone);
  const next: Record<string, T> = {};
  for (const [id, record] of Object.entries(current)) if (!removed.has(id)) next[id] = record;
  for (const r of mine) next[r.id] = r;
  return next;
}

/**
 * The part of a committed change that is newer than what this client already shows: a window's own reply
 * and another client's event can arrive in either order (different connections), so each record remembers
 * the sequence number of the commit it came from, and an older commit never overwrites a newer one.
 * `seen` is updated. Changes without a sequence number (not committed through a workspace) pass whole.
 */
export function newerOnly(changes: ChangeSet, seen: Map<string, number>): ChangeSet {
  const seq = changes.seq;
  if (seq === undefined) return changes;
  const fresh = (id: string): boolean => {
    if ((seen.get(id) ?? -1) >= seq) return false;
    seen.set(id, seq);
    return true;
  };
  const out = { ...changes, deleted: { ...changes.deleted } } as ChangeSet;
  for (const kind of RECORD_KINDS) {
    (out[kind] as { id: string }[]) = (changes[kind] as { id: string }[]).filter((r) => fresh(r.id));
    out.deleted[kind] = changes.deleted[kind].filter(fresh);
  }
  return out;
}

/** Apply what a mutation changed; records of other maps are ignored. Unchanged collections keep their identity. */
export function applyChanges(model: MapModel, changes: ChangeSet): MapModel {
  const mapId = model.map.id;
  const map = changes.maps.find((m) => m.id === mapId) ?? model.map;
  const quoteLinks = merge(model.quoteLinks, mapId, changes.quoteLinks, changes.deleted.quoteLinks);
  let linked: Set<string> | undefined;
  const linkedQuote = (q: Quote): boolean => (linked ??= new Set(Object.values(quoteLinks).map((l) => l.quoteId))).has(q.id);
  const quotes = mergeShown(model.quotes, changes.quotes, changes.deleted.quotes, linkedQuote);
  let quoted: Set<string> | undefined;
  const quotedInterview = (i: Interview): boolean => (quoted ??= new Set(Object.values(quotes).map((q) => q.interviewId))).has(i.id);
  return {
    map,
    stages: merge(model.stages, mapId, changes.stages, changes.deleted.stages),
    lanes: merge(model.lanes, mapId, changes.lanes, changes.deleted.lanes),
    ...mergeCards(model, mapId, changes),
    emotions: merge(model.emotions, mapId, changes.emotions, changes.deleted.emotions),
    personas: mergePersonas(model.personas, model.map, map, changes),
    evidence: model.evidence,
    quoteLinks,
    quotes,
    interviews: mergeShown(model.interviews, changes.interviews, changes.deleted.interviews, quotedInterview),
    metrics: merge(model.metrics, mapId, changes.metrics, changes.deleted.metrics),
  };
}

/**
 * The map's personas are the ones `map.personaIds` names, in that order: their records follow edits, and
 * a persona newly named comes with the change that named it (maps.update sends it).
 */
function mergePersonas(current: readonly Persona[], before: JourneyMap, after: JourneyMap, changes: ChangeSet): readonly Persona[] {
  const sameIds = before.personaIds === after.personaIds || (before.personaIds.length === after.personaIds.length && before.personaIds.every((id, i) => after.personaIds[i] === id));
  if (sameIds && changes.personas.length === 0 && changes.deleted.personas.length === 0) return current;
  const gone = new Set(changes.deleted.personas);
  const known = new Map(current.map((p) => [p.id, p]));
  for (const p of changes.personas) known.set(p.id, p);
  const next = after.personaIds.filter((id) => !gone.has(id)).map((id) => known.get(id)).filter((p): p is Persona => p !== undefined);
  return next.length === current.length && next.every((p, i) => p === current[i]) ? current : next;
}

const orderCache = new WeakMap<object, unknown[]>();

/**
 * The order of siblings: by fractional key in plain string order (what SQLite's BINARY collation does; never
 * localeCompare), then by id, exactly as the workspace sorts them.
 */
export function byPosition(a: { position: string; id: string }, b: { position: string; id: string }): number {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Records sorted by position; cached per collection object so selectors return stable arrays. */
export function ordered<T extends { position: string; id: string }>(records: Readonly<Record<string, T>>): readonly T[] {
  const cached = orderCache.get(records) as T[] | undefined;
  if (cached) return cached;
  const list = Object.values(records).sort(byPosition);
  orderCache.set(records, list);
  return list;
}

export const cellKey = (laneId: string, stageId: string): string => `${laneId}|${stageId}`;

/** Cards grouped by cell (lane × stage), each cell sorted by position: a fresh grouping of all of them. */
export function groupByCell(cards: Iterable<Card>): Map<string, readonly Card[]> {
  const cells = new Map<string, Card[]>();
  for (const card of cards) {
    const key = cellKey(card.laneId, card.stageId);
    const list = cells.get(key);
    if (list) list.push(card);
    else cells.set(key, [card]);
  }
  for (const list of cells.values()) list.sort(byPosition);
  return cells;
}

/** The cards of one cell, in order (none: an empty array). */
export const cellCards = (model: Pick<MapModel, 'cardCells'>, laneId: string, stageId: string): readonly Card[] => model.cardCells.get(cellKey(laneId, stageId)) ?? NO_CARDS;
const NO_CARDS: readonly Card[] = [];

/** How many cards a stage's column or a lane's row holds: a sum over the cells, not a walk over every card. */
export function cardsIn(model: Pick<MapModel, 'cardCells'>, kind: 'stage' | 'lane', id: string): number {
  let n = 0;
  for (const list of model.cardCells.values()) {
    const first = list[0];
    if (first && (kind === 'stage' ? first.stageId : first.laneId) === id) n += list.length;
  }
  return n;
}

/**
 * A change's cards applied to the card table and the per-cell index together. Only the cells a changed card
 * leaves or enters are rebuilt (its other cards keep their records; the cell is sorted again by position);
 * every other cell keeps its array, so whatever is memoised per cell (the layout) stays valid.
 */
function mergeCards(model: Pick<MapModel, 'cards' | 'cardCells'>, mapId: string, changes: ChangeSet): Pick<MapModel, 'cards' | 'cardCells'> {
  const before = model.cards;
  const upserts = changes.cards.filter((c) => c.mapId === mapId);
  // Every deletion goes through (an unknown id is no change): a card upserted and deleted in one change ends deleted.
  const gone = changes.deleted.cards;
  const unchanged = { cards: before, cardCells: model.cardCells };
  if (upserts.length === 0 && gone.length === 0) return unchanged;
  const cards = before.withChanges(upserts, gone);
  if (cards === before) return unchanged;
  const touched = new Set<string>();
  const changed = new Set<string>();
  const note = (id: string, card: Card | undefined) => {
    if (!card) return;
    changed.add(id);
    touched.add(cellKey(card.laneId, card.stageId));
  };
  for (const id of gone) note(id, before.get(id));
  for (const c of upserts) {
    note(c.id, before.get(c.id));
    note(c.id, cards.get(c.id));
  }
  const cardCells = new Map(model.cardCells);
  const entering = new Map<string, Card[]>();
  for (const id of changed) {
    const card = cards.get(id);
    if (!card) continue;
    const key = cellKey(card.laneId, card.stageId);
    const list = entering.get(key);
    if (list) list.push(card);
    else entering.set(key, [card]);
  }
  for (const key of touched) {
    const list = (model.cardCells.get(key) ?? NO_CARDS).filter((c) => !changed.has(c.id));
    list.push(...(entering.get(key) ?? []));
    if (list.length === 0) cardCells.delete(key);
    else cardCells.set(key, list.sort(byPosition));
  }
  return { cards, cardCells };
}

const emotionCache = new WeakMap<object, Map<string, Map<string, EmotionPoint>>>();

/**
 * The emotion points of one curve by cell: the team's (`personaId` null, the default) or one persona's.
 * The one place that tells the curves apart; cached per collection object and curve.
 */
export function emotionByCell(emotions: Readonly<Record<string, EmotionPoint>>, personaId: string | null = null): ReadonlyMap<string, EmotionPoint> {
  let curves = emotionCache.get(emotions);
  if (!curves) {
    curves = new Map();
    emotionCache.set(emotions, curves);
  }
  const key = personaId ?? '';
  const cached = curves.get(key);
  if (cached) return cached;
  const cells = new Map<string, EmotionPoint>();
  for (const e of Object.values(emotions)) if (e.personaId === personaId) cells.set(cellKey(e.laneId, e.stageId), e);
  curves.set(key, cells);
  return cells;
}

/** The point of one curve (the team's by default, or a persona's) at one cell, if it is set. */
export const emotionAt = (emotions: Readonly<Record<string, EmotionPoint>>, laneId: string, stageId: string, personaId: string | null = null): EmotionPoint | undefined =>
  emotionByCell(emotions, personaId).get(cellKey(laneId, stageId));

/** The team's (persona-less) emotion point at one cell, if it is set. */
export const teamEmotion = (emotions: Readonly<Record<string, EmotionPoint>>, laneId: string, stageId: string): EmotionPoint | undefined =>
  emotionAt(emotions, laneId, stageId, null);
