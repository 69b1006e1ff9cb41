/**
 * Guesses of a map's structure (predict.ts shows them before the workspace answers): a stage or a lane added under
 * the id the command chose, at the key the workspace will give it among its siblings (the same pure keyFor); a stage
 * or a lane deleted with everything the map shows on it (its cards, emotion points, quote links and metrics, which
 * the workspace deletes with it and keeps under the delete's tombstone); and that delete undone, the records put
 * back as the map showed them, the stage or lane on the key the workspace's restore gives it (freeKeyNear).
 * Guessed when it is the command's only step (an add, a delete, an undo or a redo of one), as people make them.
 * Pure: the map store calls it through predict, the tests check it.
 */
import { schemas } from '../../../electron/api/contract.ts';
import { freeKeyNear, keyFor, MissingNeighbour, placeOf } from '../../../electron/api/positions.ts';
import {
  emptyChangeSet,
  holdsCards,
  type Card,
  type ChangeSet,
  type EmotionPoint,
  type Interview,
  type Lane,
  type Metric,
  type Quote,
  type QuoteLink,
  type Stage,
  type StageEvidenceTotal,
} from '../../../electron/api/types.ts';
import type { Step } from './commands.ts';
import { cellKey, ordered, type MapModel } from './mapModel.ts';

/** Records of a map, by kind: what a guess replaced or removed, or what a delete keeps under its tombstone. */
export interface Records {
  cards: Card[];
  stages: Stage[];
  lanes: Lane[];
  emotions: EmotionPoint[];
  quoteLinks: QuoteLink[];
  metrics: Metric[];
  /**
   * What a stage's or lane's delete keeps of the evidence the map showed on it besides its links: the quotes they
   * place and their interviews, and the totals (the stage's, its cards' counts). The map reads its evidence again
   * after the delete, without them; the guess of the undo puts them back with the links.
   */
  evidence?: ShownEvidence;
}

/** The evidence a guess puts back: totals the map shows, and the quotes and interviews its links place. */
export interface ShownEvidence {
  stages: StageEvidenceTotal[];
  cards: [string, number][];
  quotes: Quote[];
  interviews: Interview[];
}
export const KINDS = ['cards', 'stages', 'lanes', 'emotions', 'quoteLinks', 'metrics'] as const satisfies readonly (keyof Records)[];
/** The kinds of record a guess shows, removes and puts back. */
export type Kind = (typeof KINDS)[number];
export type RecordIds = { [K in Kind]: string[] };
export const noRecords = (): Records => ({ cards: [], stages: [], lanes: [], emotions: [], quoteLinks: [], metrics: [] });
export const noIds = (): RecordIds => ({ cards: [], stages: [], lanes: [], emotions: [], quoteLinks: [], metrics: [] });

/** What each guessed delete keeps under its tombstone id, as the map showed it. */
export type Kept = ReadonlyMap<string, Records>;

/** A guess applied to the map: what it showed, and what it replaced, per record. */
export interface Guess {
  /** The records it shows, and the records of the map it removes (`deleted`). */
  changes: ChangeSet;
  /** The records of the map the guess replaced or removed, as they were. */
  before: Records;
  /** The records it adds that the map did not hold, by kind. */
  added: RecordIds;
  /** What each delete it guessed keeps under its tombstone. */
  kept: Map<string, Records>;
  /** The tombstones it brings back (the workspace drops them then). */
  restored: string[];
  /** The evidence totals it puts back (an undo of a stage's or lane's delete), to show with its records. */
  totals?: Pick<ShownEvidence, 'stages' | 'cards'>;
}

/** The map as a guess reads it. */
export type Held = Pick<MapModel, 'map' | 'cards' | 'cardCells' | 'stages' | 'lanes' | 'emotions' | 'quoteLinks' | 'metrics' | 'personas' | 'evidence' | 'quotes' | 'interviews'>;

/** A step's place among its siblings, as the contract names it. */
export type PlaceInput = { after?: string | null; before?: string | null; index?: number };

/** The key `input` names among `siblings` (sorted), as the workspace gives it; null for a neighbour not there (the workspace says why). */
export function keyAmong(siblings: readonly { id: string; position: string }[], input: PlaceInput): string | null {
  try {
    return keyFor(siblings, placeOf(input));
  } catch (error) {
    if (error instanceof MissingNeighbour) return null;
    throw error;
  }
}

const ids = (records: readonly { id: string }[]): string[] => records.map((r) => r.id);

/** The evidence the map shows of `links` and on `cards` (and `stage`'s totals): what a delete keeps besides its records. */
function shownEvidence(model: Held, links: readonly QuoteLink[], cards: readonly Card[], stage?: Stage): ShownEvidence {
  const quotes = [...new Set(links.map((l) => l.quoteId))].flatMap((id) => model.quotes[id] ?? []);
  const interviews = [...new Set(quotes.map((q) => q.interviewId))].flatMap((id) => model.interviews[id] ?? []);
  const total = stage ? model.evidence.stages.get(stage.id) : undefined;
  const counts = cards.flatMap((c): [string, number][] => {
    const n = model.evidence.cards.get(c.id);
    return n === undefined ? [] : [[c.id, n]];
  });
  return { stages: total ? [total] : [], cards: counts, quotes, interviews };
}

/** A stage and all the map shows on it: what its delete takes (and keeps), in the map's order. */
function onStage(model: Held, stage: Stage): Records {
  const cards = ordered(model.lanes).flatMap((lane) => model.cardCells.get(cellKey(lane.id, stage.id)) ?? []);
  const cardIds = new Set(ids(cards));
  // On the stage, and on its cards (those back the card's stage; a link another window's move has not yet shown
  // moved is taken with its card too, as the workspace's cascade takes it).
  const quoteLinks = Object.values(model.quoteLinks).filter((l) => l.stageId === stage.id || (l.cardId !== null && cardIds.has(l.cardId)));
  return {
    stages: [stage],
    lanes: [],
    cards,
    emotions: Object.values(model.emotions).filter((e) => e.stageId === stage.id),
    quoteLinks,
    metrics: Object.values(model.metrics).filter((m) => m.stageId === stage.id),
    evidence: shownEvidence(model, quoteLinks, cards, stage),
  };
}

/** A lane and all the map shows on it: its cards, its emotion points, the quote links on its cards. */
function onLane(model: Held, lane: Lane): Records {
  const cards = ordered(model.stages).flatMap((stage) => model.cardCells.get(cellKey(lane.id, stage.id)) ?? []);
  const cardIds = new Set(ids(cards));
  const quoteLinks = Object.values(model.quoteLinks).filter((l) => l.cardId !== null && cardIds.has(l.cardId));
  return {
    stages: [],
    lanes: [lane],
    cards,
    emotions: Object.values(model.emotions).filter((e) => e.laneId === lane.id),
    quoteLinks,
    metrics: [],
    // The totals of the stages its links back, as the map shows them now: with the lane's quotes, counted with the
    // others (only the answer can say them without it). The delete's undo puts them back so; the evidence read after
    // the undo's answer says them again.
    evidence: { ...shownEvidence(model, quoteLinks, cards), stages: [...new Set(quoteLinks.map((l) => l.stageId))].flatMap((id) => model.evidence.stages.get(id) ?? []) },
  };
}

/** Whether `records` are a stage's or a lane's (kept by its delete), not only cards'. */
export const holdsStructure = (records: Records): boolean => records.stages.length > 0 || records.lanes.length > 0;

/** The names of the steps guessed here (a restore is, when what it brings back is a stage's or a lane's). */
const NAMES: ReadonlySet<string> = new Set(['stages.create', 'lanes.create', 'stages.delete', 'lanes.delete']);

/** The tombstone a restore step names and what it brings back, when an earlier guessed delete kept it. */
function keptFor(step: Step, kept: Kept): { tombstone: string; back: Records } | undefined {
  const input = schemas.restore.safeParse(step.input);
  const back = input.success ? kept.get(input.data.id) : undefined;
  return input.success && back !== undefined ? { tombstone: input.data.id, back } : undefined;
}

/** Whether `step` is one this module guesses (or refuses to): the caller leaves every other step to its own guesses. */
export function isStructural(step: Step, kept: Kept): boolean {
  if (NAMES.has(step.name)) return true;
  const restore = step.name === 'tombstones.restore' ? keptFor(step, kept) : undefined;
  return restore !== undefined && holdsStructure(restore.back);
}

/** The guess of one structural step (see isStructural), or null when the map does not determine its outcome. */
export function predictStructure(model: Held, step: Step, kept: Kept): Guess | null {
  const guess: Guess = { changes: emptyChangeSet(), before: noRecords(), added: noIds(), kept: new Map(), restored: [] };
  const show = (records: Records) => {
    for (const kind of KINDS) {
      (guess.changes[kind] as { id: string }[]).push(...records[kind]);
      guess.added[kind].push(...ids(records[kind]));
    }
  };
  switch (step.name) {
    case 'stages.create': {
      const input = schemas.stageCreate.safeParse(step.input);
      if (!input.success) return null;
      const { id, mapId, name, description, color, owner, goal, width } = input.data;
      // Only under an id the command chose, new to the map, on this map.
      if (id === undefined || mapId !== model.map.id || model.stages[id] !== undefined) return null;
      const position = keyAmong(ordered(model.stages), input.data);
      if (position === null) return null;
      show({ ...noRecords(), stages: [{ id, mapId, name, description: description ?? '', position, color: color ?? null, owner: owner ?? '', goal: goal ?? '', width: width ?? null }] });
      return guess;
    }
    case 'lanes.create': {
      const input = schemas.laneCreate.safeParse(step.input);
      if (!input.success) return null;
      const { id, mapId, kind, title, height, collapsed } = input.data;
      if (id === undefined || mapId !== model.map.id || model.lanes[id] !== undefined) return null;
      const position = keyAmong(ordered(model.lanes), input.data);
      if (position === null) return null;
      show({ ...noRecords(), lanes: [{ id, mapId, kind, title, position, height: height ?? null, collapsed: collapsed ?? false }] });
      return guess;
    }
    case 'stages.delete':
    case 'lanes.delete': {
      const input = schemas.deletion.safeParse(step.input);
      if (!input.success) return null;
      const { id, tombstone } = input.data;
      const stage = step.name === 'stages.delete' ? model.stages[id] : undefined;
      const lane = step.name === 'lanes.delete' ? model.lanes[id] : undefined;
      const taken = stage ? onStage(model, stage) : lane ? onLane(model, lane) : null;
      if (taken === null) return null;
      for (const kind of KINDS) guess.changes.deleted[kind].push(...ids(taken[kind]));
      guess.before = taken;
      if (tombstone !== undefined) guess.kept.set(tombstone, taken);
      return guess;
    }
    case 'tombstones.restore': {
      const restore = keptFor(step, kept);
      if (restore === undefined || !holdsStructure(restore.back)) return null;
      const { tombstone, back } = restore;
      const stage = back.stages[0];
      const lane = back.lanes[0];
      // Back only where the workspace puts it back: not a record it holds again, nor into a lane or stage gone since
      // (nor cards into a lane that holds none now); then it refuses, and says why.
      if ((stage && model.stages[stage.id]) || (lane && model.lanes[lane.id])) return null;
      const laneHere = (laneId: string) => laneId === lane?.id || model.lanes[laneId] !== undefined;
      const stageHere = (stageId: string) => stageId === stage?.id || model.stages[stageId] !== undefined;
      const cardLane = (laneId: string) => {
        const now = laneId === lane?.id ? lane : model.lanes[laneId];
        return now !== undefined && holdsCards(now.kind);
      };
      if (!back.cards.every((c) => cardLane(c.laneId) && stageHere(c.stageId))) return null;
      // A persona's curve, of a persona the map still has; a quote link on a card, of a card that comes back or is here.
      const personaHere = (personaId: string | null) => personaId === null || model.personas.some((p) => p.id === personaId);
      const backCards = new Set(ids(back.cards));
      const cardHere = (cardId: string | null) => cardId === null || backCards.has(cardId) || model.cards.has(cardId);
      if (!back.emotions.every((e) => laneHere(e.laneId) && stageHere(e.stageId) && personaHere(e.personaId))) return null;
      if (!back.quoteLinks.every((l) => stageHere(l.stageId) && cardHere(l.cardId)) || !back.metrics.every((m) => stageHere(m.stageId))) return null;
      // Two cards of one cell on one key (an old restore could leave them): the workspace moves one, in an order it
      // alone knows; the answer says where.
      if (new Set(back.cards.map((c) => `${cellKey(c.laneId, c.stageId)}|${c.position}`)).size !== back.cards.length) return null;
      show({
        ...back,
        stages: stage ? [{ ...stage, position: freeKeyNear(ordered(model.stages), stage.position) }] : [],
        lanes: lane ? [{ ...lane, position: freeKeyNear(ordered(model.lanes), lane.position) }] : [],
      });
      guess.restored.push(tombstone);
      // The quotes its links place and their interviews, and its totals, as the map showed them when it went.
      if (back.evidence) {
        guess.changes.quotes.push(...back.evidence.quotes);
        guess.changes.interviews.push(...back.evidence.interviews);
        guess.totals = { stages: back.evidence.stages, cards: back.evidence.cards };
      }
      return guess;
    }
    default:
      return null;
  }
}
