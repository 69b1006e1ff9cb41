/**
 * What a command will do, shown before the workspace answers: the steps whose outcome the map already
 * determines are applied at once, so an edit, its undo and its redo are on screen in the next frame instead of
 * after a round trip:
 * - a card's, stage's or lane's fields set to given values (the workspace stores them as its contract parses them);
 * - a stage's or lane's move: the key the workspace will give it among the others (keyFor, as for a card);
 * - a card's move: its new cell, and the key the workspace will give it among that cell's cards (the same pure
 *   keyFor, on the same siblings), so a dropped card lands where it was dropped; to another stage, with the quote
 *   links on it (a quote on a card backs the card's stage);
 * - a card added under the id the command chose (an add, a paste, a duplicate), placed so too;
 * - a card deleted, and a delete undone: the cards its tombstone keeps are the ones the map showed when the delete
 *   was guessed (`Kept`, which the map store holds), put back on the keys they had.
 * - a stage's or a lane's add, delete, and the undo of its delete, as a command's only step (predictStructure.ts).
 * The workspace's answer then replaces the guess; a refusal puts back what the guess replaced, wherever nothing
 * newer has arrived since. A command with any other step (a record whose id or contents the workspace decides, a
 * stage's or lane's add or delete among other steps) shows nothing early.
 * Pure: the map store calls it, the tests check it.
 */
import { schemas } from '../../../electron/api/contract.ts';
import { keyFor, type Place } from '../../../electron/api/positions.ts';
import { emptyChangeSet, holdsCards, type Card, type ChangeSet, type Lane, type QuoteLink, type Stage } from '../../../electron/api/types.ts';
import type { Step } from './commands.ts';
import { applyChanges, byPosition, cellKey, type MapModel } from './mapModel.ts';
import { isStructural, keyAmong, KINDS, noIds, noRecords, predictStructure, type Guess, type Held, type Kept, type Kind, type PlaceInput, type Records } from './predictStructure.ts';

export type { Guess, Kept, Records } from './predictStructure.ts';

type Shown = Pick<MapModel, 'cards' | 'stages' | 'lanes' | 'emotions' | 'quoteLinks' | 'metrics'>;

/**
 * The key `place` gives a card among `siblings` (sorted, without it); null when a neighbour named is not there (the
 * workspace says why). A neighbour named is found by its key (`find`: the card as the steps so far left it), not by
 * reading the cell: a paste of many cards, each after the one before, costs a search a card.
 */
function placed(siblings: readonly Card[], input: PlaceInput, find: (id: string) => Card | undefined): string | null {
  const { after, before: below, index } = input;
  const at = (id: string): number | null => {
    const card = find(id);
    if (card === undefined) return null;
    for (let i = lowerBound(siblings, card.position); i < siblings.length && (siblings[i] as Card).position === card.position; i++) {
      if ((siblings[i] as Card).id === id) return i;
    }
    return null;
  };
  let place: Place;
  if (after !== undefined && after !== null) {
    const i = at(after);
    if (i === null) return null;
    place = { index: i + 1 };
  } else if (below !== undefined && below !== null) {
    const i = at(below);
    if (i === null) return null;
    place = { index: i };
  } else place = after === null ? { after } : below === null ? { before: below } : index !== undefined ? { index } : {};
  return keyFor(siblings, place); // no neighbour left for it to miss: they are found above
}

/** The first index of `list` (sorted by position) whose card's position is not below `position` (binary search). */
function lowerBound(list: readonly Card[], position: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as Card).position < position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The longest command guessed: a bigger one (a paste or delete of thousands of cards) waits for the answer, which
 * takes long enough then that a guess would gain little, and costs the window a long task before the call.
 */
export const MAX_GUESSED_STEPS = 1000;

/**
 * The records `steps` will leave, when every step's outcome is one the map determines (see above) and its
 * input is one the contract accepts; otherwise null. Steps apply in order (two updates of one card: the second
 * sees the first). `kept` names what earlier guessed deletes keep, for their undo.
 */
export function predict(model: Held, steps: readonly Step[], kept: Kept = new Map()): Guess | null {
  if (steps.length > MAX_GUESSED_STEPS) return null;
  const structural = steps.findIndex((step) => isStructural(step, kept));
  if (structural >= 0) return steps.length === 1 && steps[0] ? predictStructure(model, steps[0], kept) : null;
  const cards = new Map<string, Card>();
  /** Cards of the map this command deletes (and does not bring back in a later step). */
  const gone = new Set<string>();
  const stages = new Map<string, Stage>();
  const lanes = new Map<string, Lane>();
  /** Quote links on cards the command moves to another stage: they go with their card (the workspace moves them so). */
  const links = new Map<string, QuoteLink>();
  let linksByCard: Map<string, QuoteLink[]> | undefined;
  const linksOf = (cardId: string): readonly QuoteLink[] => {
    if (linksByCard === undefined) {
      linksByCard = new Map();
      for (const link of Object.values(model.quoteLinks)) {
        if (link.cardId === null) continue;
        const list = linksByCard.get(link.cardId);
        if (list) list.push(link);
        else linksByCard.set(link.cardId, [link]);
      }
    }
    return linksByCard.get(cardId) ?? [];
  };
  const before = noRecords();
  const added: string[] = [];
  const keeps = new Map<string, Records>();
  const restored: string[] = [];
  const touched = new Set<string>();
  /** The card as the step sees it: as earlier steps left it, if it is there. */
  const cardNow = (id: string): Card | undefined => (gone.has(id) ? undefined : (cards.get(id) ?? model.cards.get(id)));
  /** Keep what the map held under `id` before the first step that touched it (or that it held nothing). */
  const touch = (id: string) => {
    if (touched.has(id)) return;
    touched.add(id);
    const held = model.cards.get(id);
    if (held) before.cards.push(held);
    else added.push(id);
  };
  /**
   * The cards of each cell a step has looked at, as the steps so far leave them, sorted by position (made when first
   * asked, from the map's cell and the cards the command changed; then kept up to date step by step, so a paste of
   * many cards into one cell costs a sorted insert a card, not a sort of the cell).
   */
  const lists = new Map<string, Card[]>();
  const listOf = (laneId: string, stageId: string): Card[] => {
    const key = cellKey(laneId, stageId);
    let list = lists.get(key);
    if (list === undefined) {
      list = (model.cardCells.get(key) ?? []).filter((c) => !cards.has(c.id) && !gone.has(c.id));
      for (const c of cards.values()) if (c.laneId === laneId && c.stageId === stageId) list.splice(upperBound(list, c.position), 0, c);
      lists.set(key, list);
    }
    return list;
  };
  /** Cards on one position stay in the order they came (the workspace then orders them by id; keyFor's bounds are the same). */
  const upperBound = (list: readonly Card[], position: string): number => {
    let at = lowerBound(list, position);
    while (at < list.length && (list[at] as Card).position === position) at++;
    return at;
  };
  /** Take `card` (as the steps so far left it) out of its cell's list, if that list is made. */
  const takeOut = (card: Card) => {
    const list = lists.get(cellKey(card.laneId, card.stageId));
    if (list === undefined) return;
    for (let at = lowerBound(list, card.position); at < list.length && (list[at] as Card).position === card.position; at++) {
      if ((list[at] as Card).id === card.id) {
        list.splice(at, 1);
        return;
      }
    }
  };
  const putIn = (card: Card) => {
    const list = listOf(card.laneId, card.stageId);
    list.splice(upperBound(list, card.position), 0, card);
  };
  /** A card as a step leaves it, in its cell (after `takeOut` of what it was, if anything). */
  const land = (card: Card) => {
    touch(card.id);
    putIn(card);
    cards.set(card.id, card);
  };
  /** A cell of this map's lanes and stages that holds cards (the workspace refuses any other). */
  const cardCell = (laneId: string, stageId: string): boolean => {
    const lane = model.lanes[laneId];
    return lane !== undefined && holdsCards(lane.kind) && model.stages[stageId] !== undefined;
  };
  for (const step of steps) {
    switch (step.name) {
      case 'cards.update': {
        const input = schemas.cardUpdate.safeParse(step.input);
        if (!input.success) return null;
        const { id, ...patch } = input.data;
        const card = cardNow(id);
        if (!card) return null;
        touch(id);
        const next = { ...card, ...definedOnly(patch) };
        takeOut(card);
        if (lists.has(cellKey(next.laneId, next.stageId))) putIn(next);
        cards.set(id, next);
        break;
      }
      case 'cards.move': {
        const input = schemas.cardMove.safeParse(step.input);
        if (!input.success) return null;
        const { id, laneId, stageId } = input.data;
        const card = cardNow(id);
        if (!card || !cardCell(laneId, stageId)) return null;
        const siblings = listOf(laneId, stageId); // made before the card leaves its cell: it may be this one
        takeOut(card);
        const position = placed(siblings, input.data, cardNow);
        if (position === null) return null;
        land({ ...card, laneId, stageId, position });
        if (stageId !== card.stageId) {
          for (const link of linksOf(id)) {
            if (!links.has(link.id)) before.quoteLinks.push(link);
            links.set(link.id, { ...link, stageId });
          }
        }
        break;
      }
      case 'cards.create': {
        const input = schemas.cardCreate.safeParse(step.input);
        if (!input.success) return null;
        const { id, laneId, stageId, text, color, channel, votes, evidence } = input.data;
        // Only under an id the command chose, new to the map (the workspace refuses one it has).
        if (id === undefined || cards.has(id) || model.cards.has(id) || !cardCell(laneId, stageId)) return null;
        const position = placed(listOf(laneId, stageId), input.data, cardNow);
        if (position === null) return null;
        land({ id, mapId: model.map.id, laneId, stageId, text, color: color ?? null, position, channel: channel ?? null, votes: votes ?? 0, evidence: evidence ?? 'assumed' });
        break;
      }
      case 'cards.delete': {
        const input = schemas.deletion.safeParse(step.input);
        if (!input.success) return null;
        const { id, tombstone } = input.data;
        const card = cardNow(id);
        if (!card) return null;
        touch(id);
        takeOut(card);
        cards.delete(id);
        if (model.cards.has(id)) gone.add(id);
        if (tombstone !== undefined) keeps.set(tombstone, { ...noRecords(), cards: [card] });
        break;
      }
      case 'tombstones.restore': {
        const input = schemas.restore.safeParse(step.input);
        if (!input.success) return null;
        const back = keeps.get(input.data.id) ?? kept.get(input.data.id);
        // A tombstone no card delete of this map guessed (a persona's, one from before): the workspace says.
        if (back === undefined) return null;
        for (const card of back.cards) {
          if (cardNow(card.id) || !cardCell(card.laneId, card.stageId)) return null;
          // A card since placed on its very key: the workspace finds it another one near it.
          const siblings = listOf(card.laneId, card.stageId);
          if (siblings[lowerBound(siblings, card.position)]?.position === card.position) return null;
          gone.delete(card.id);
          land(card);
        }
        if (!keeps.delete(input.data.id)) restored.push(input.data.id);
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
      case 'stages.move': {
        const input = schemas.move.safeParse(step.input);
        if (!input.success || !moved(stages, model.stages, input.data, before.stages)) return null;
        break;
      }
      case 'lanes.move': {
        const input = schemas.move.safeParse(step.input);
        if (!input.success || !moved(lanes, model.lanes, input.data, before.lanes)) return null;
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
  changes.deleted.cards.push(...gone);
  changes.stages.push(...stages.values());
  changes.lanes.push(...lanes.values());
  changes.quoteLinks.push(...links.values());
  return { changes, before, added: { ...noIds(), cards: added }, kept: keeps, restored };
}

/**
 * A stage's or lane's move (`input`), guessed into `guessed`: its key among the others as the steps so far leave them
 * (keyFor, as the workspace's positionInParent), and what it was into `before` the first time. False when it is not
 * on the map or a neighbour named is not (the workspace says why).
 */
function moved<T extends { id: string; position: string }>(guessed: Map<string, T>, held: Readonly<Record<string, T>>, input: { id: string } & PlaceInput, before: T[]): boolean {
  const record = guessed.get(input.id) ?? held[input.id];
  if (!record) return false;
  const others = Object.values(held)
    .map((r) => guessed.get(r.id) ?? r)
    .filter((r) => r.id !== input.id)
    .sort(byPosition);
  const position = keyAmong(others, input);
  if (position === null) return false;
  if (!guessed.has(input.id)) before.push(record);
  guessed.set(input.id, { ...record, position });
  return true;
}

/** The fields a patch sets: a key given as undefined leaves the record's value (as the workspace does). */
function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The map's record of each kind under an id, as the map holds it now. */
const lookups = (model: Shown): { [K in Kind]: (id: string) => { id: string } | undefined } => ({
  cards: (id) => model.cards.get(id),
  stages: (id) => model.stages[id],
  lanes: (id) => model.lanes[id],
  emotions: (id) => model.emotions[id],
  quoteLinks: (id) => model.quoteLinks[id],
  metrics: (id) => model.metrics[id],
});

/**
 * After a refusal: the records the guess replaced, put back where the map still shows the guess itself (a record
 * changed since, by another window's change that arrived meanwhile, is left as it now is): a record it changed or
 * added while the map shows it as guessed, a record it removed while the map holds none under its id and no change
 * about it has arrived since (`untouched`: another window may have deleted it meanwhile, which is why the workspace
 * refused).
 */
export function undoGuess(model: MapModel, guess: Guess, untouched: (id: string) => boolean = () => true): MapModel {
  const back = emptyChangeSet();
  const current = lookups(model);
  let any = false;
  for (const kind of KINDS) {
    const now = current[kind];
    const guessed = new Set((guess.changes[kind] as { id: string }[]).filter((r) => now(r.id) === r).map((r) => r.id));
    const removed = new Set(guess.changes.deleted[kind].filter((id) => now(id) === undefined && untouched(id)));
    const restore = (guess.before[kind] as { id: string }[]).filter((r) => guessed.has(r.id) || removed.has(r.id));
    const takeAway = guess.added[kind].filter((id) => guessed.has(id));
    (back[kind] as { id: string }[]).push(...restore);
    back.deleted[kind].push(...takeAway);
    any ||= restore.length + takeAway.length > 0;
  }
  return any ? applyChanges(model, back) : model;
}

/**
 * A change without the records of the map's own (cards, stages, lanes, emotion points, quote links, metrics) that
 * it already shows exactly so (the workspace's answer to a guess that was right): nothing is drawn twice.
 * Everything else passes as it is.
 */
export function withoutShown(model: Shown, changes: ChangeSet): ChangeSet {
  const current = lookups(model);
  let out: ChangeSet | null = null;
  for (const kind of KINDS) {
    const records = changes[kind] as { id: string }[];
    const fresh = records.filter((r) => !sameFields(current[kind](r.id), r));
    if (fresh.length !== records.length) (out ??= { ...changes })[kind] = fresh as never;
  }
  return out ?? changes;
}

/** Whether `shown` has every field of `next` with the same value (records are flat: strings, numbers, null). */
function sameFields(shown: object | undefined, next: object): boolean {
  if (shown === undefined) return false;
  const before = shown as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  const keys = Object.keys(after);
  return keys.length === Object.keys(before).length && keys.every((k) => Object.is(before[k], after[k]));
}
