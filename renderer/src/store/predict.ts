/**
 * What a command will do, shown before the workspace answers: the steps whose outcome the map already
 * determines (a card's, stage's or lane's fields set to given values; the workspace stores them as its
 * contract parses them) are applied at once, so an edit, its undo and its redo are on screen in the next
 * frame instead of after a round trip. A card's move is shown too: its new cell, and the key the workspace will
 * give it among that cell's cards (the same pure keyFor, on the same siblings), so a dropped card lands where
 * it was dropped instead of going back to its old cell for a round trip. The workspace's answer then replaces
 * the guess; a refusal puts back what the guess replaced, wherever nothing newer has arrived since. A command
 * with any other step (an add, a delete: ids and records the workspace decides) shows nothing early.
 * Pure: the map store calls it, the tests check it.
 */
import { schemas } from '../../../electron/api/contract.ts';
import { keyFor, MissingNeighbour, type Place } from '../../../electron/api/positions.ts';
import { emptyChangeSet, type Card, type ChangeSet, type Lane, type Stage } from '../../../electron/api/types.ts';
import type { Step } from './commands.ts';
import { applyChanges, cellKey, type MapModel } from './mapModel.ts';

/** A guess applied to the map: what it showed, and what it replaced, per record. */
export interface Guess {
  changes: ChangeSet;
  /** The records the guess replaced, as they were. */
  before: { cards: Card[]; stages: Stage[]; lanes: Lane[] };
}

type Shown = Pick<MapModel, 'cards' | 'stages' | 'lanes'>;
type Held = Shown & Pick<MapModel, 'cardCells'>;

/**
 * The records `steps` will leave, when every step is a field update of a record the map holds and its input
 * is one the contract accepts; otherwise null. Steps apply in order (two updates of one card: the second
 * sees the first).
 */
export function predict(model: Held, steps: readonly Step[]): Guess | null {
  const cards = new Map<string, Card>();
  const stages = new Map<string, Stage>();
  const lanes = new Map<string, Lane>();
  const before: Guess['before'] = { cards: [], stages: [], lanes: [] };
  for (const step of steps) {
    switch (step.name) {
      case 'cards.update': {
        const input = schemas.cardUpdate.safeParse(step.input);
        if (!input.success) return null;
        const { id, ...patch } = input.data;
        const card = cards.get(id) ?? model.cards.get(id);
        if (!card) return null;
        if (!cards.has(id)) before.cards.push(card);
        cards.set(id, { ...card, ...definedOnly(patch) });
        break;
      }
      case 'cards.move': {
        const input = schemas.cardMove.safeParse(step.input);
        if (!input.success) return null;
        const { id, laneId, stageId, after, before: below, index } = input.data;
        const card = cards.get(id) ?? model.cards.get(id);
        // Into a cell of this map's lanes and stages only (the workspace refuses anything else).
        if (!card || !model.lanes[laneId] || !model.stages[stageId]) return null;
        const place: Place = after !== undefined ? { after } : below !== undefined ? { before: below } : index !== undefined ? { index } : {};
        let position: string;
        try {
          position = keyFor(siblingsIn(model, cards, laneId, stageId, id), place);
        } catch (error) {
          if (error instanceof MissingNeighbour) return null; // the workspace says why
          throw error;
        }
        if (!cards.has(id)) before.cards.push(card);
        cards.set(id, { ...card, laneId, stageId, position });
        break;
      }
      case 'stages.update': {
        const input = schemas.stageUpdate.safeParse(step.input);
        if (!input.success) return null;
        const { id, ...patch } = input.data;
        const stage = stages.get(id) ?? model.stages[id];
        if (!stage) return null;
        if (!stages.has(id)) before.stages.push(stage);
        stages.set(id, { ...stage, ...definedOnly(patch) });
        break;
      }
      case 'lanes.update': {
        const input = schemas.laneUpdate.safeParse(step.input);
        // A lane's kind is the workspace's to allow (its content must fit the new kind): not guessed.
        if (!input.success || input.data.kind !== undefined) return null;
        const { id, ...patch } = input.data;
        const lane = lanes.get(id) ?? model.lanes[id];
        if (!lane) return null;
        if (!lanes.has(id)) before.lanes.push(lane);
        lanes.set(id, { ...lane, ...definedOnly(patch) });
        break;
      }
      default:
        return null;
    }
  }
  if (steps.length === 0) return null;
  const changes = emptyChangeSet();
  changes.cards.push(...cards.values());
  changes.stages.push(...stages.values());
  changes.lanes.push(...lanes.values());
  return { changes, before };
}

/**
 * The cards of a cell as the workspace will see them when the step runs (the map's, with this command's earlier
 * steps applied), without the card being placed, in position order (the workspace adds `id` to break ties;
 * cards on one position give keyFor the same bounds whichever comes first).
 */
function siblingsIn(model: Held, changed: ReadonlyMap<string, Card>, laneId: string, stageId: string, id: string): Card[] {
  const inCell = (c: Card) => c.laneId === laneId && c.stageId === stageId && c.id !== id;
  const cell = (model.cardCells.get(cellKey(laneId, stageId)) ?? []).filter((c) => !changed.has(c.id) && inCell(c));
  cell.push(...[...changed.values()].filter(inCell));
  return cell.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
}

/** The fields a patch sets: a key given as undefined leaves the record's value (as the workspace does). */
function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * After a refusal: the records the guess replaced, put back where the map still shows the guess itself
 * (a record changed since, by another window's change that arrived meanwhile, is left as it now is).
 */
export function undoGuess(model: MapModel, guess: Guess): MapModel {
  const back = emptyChangeSet();
  const shows = <T extends { id: string }>(records: readonly T[], current: (id: string) => T | undefined) =>
    records.filter((r) => current(r.id) === r);
  const guessed = {
    cards: new Set(shows(guess.changes.cards, (id) => model.cards.get(id)).map((c) => c.id)),
    stages: new Set(shows(guess.changes.stages, (id) => model.stages[id]).map((s) => s.id)),
    lanes: new Set(shows(guess.changes.lanes, (id) => model.lanes[id]).map((l) => l.id)),
  };
  back.cards.push(...guess.before.cards.filter((c) => guessed.cards.has(c.id)));
  back.stages.push(...guess.before.stages.filter((s) => guessed.stages.has(s.id)));
  back.lanes.push(...guess.before.lanes.filter((l) => guessed.lanes.has(l.id)));
  if (back.cards.length + back.stages.length + back.lanes.length === 0) return model;
  return applyChanges(model, back);
}

/**
 * A change without the cards, stages and lanes the map already shows exactly so (the workspace's answer to a
 * guess that was right): nothing is drawn twice. Everything else passes as it is.
 */
export function withoutShown(model: Shown, changes: ChangeSet): ChangeSet {
  const cards = changes.cards.filter((c) => !sameFields(model.cards.get(c.id), c));
  const stages = changes.stages.filter((s) => !sameFields(model.stages[s.id], s));
  const lanes = changes.lanes.filter((l) => !sameFields(model.lanes[l.id], l));
  if (cards.length === changes.cards.length && stages.length === changes.stages.length && lanes.length === changes.lanes.length) return changes;
  return { ...changes, cards, stages, lanes };
}

/** Whether `shown` has every field of `next` with the same value (records are flat: strings, numbers, null). */
function sameFields<T extends object>(shown: T | undefined, next: T): boolean {
  if (shown === undefined) return false;
  const keys = Object.keys(next) as (keyof T)[];
  return keys.length === Object.keys(shown).length && keys.every((k) => Object.is(shown[k], next[k]));
}
