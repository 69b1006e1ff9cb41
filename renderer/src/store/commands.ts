/**
 * Named commands: each is a pure function of the map model that returns the steps that do it and the steps
 * that undo it. Both run as one `batch.run` (one transaction), so a gesture is one history entry and one
 * all-or-nothing change. A command is built when it runs (after the ones before it have landed), and names
 * places by neighbour, so it never acts on a stale picture of the map. Deletes keep what they removed in the
 * workspace (a tombstone), so undo restores all of it, including records this client never held.
 */
import type { BatchableName, OperationInput } from '../../../electron/api/contract.ts';
import type { Card, Lane, LaneKind, Stage } from '../../../electron/api/types.ts';
import { newId } from '../../../electron/api/ids.ts';
import { cellCards, emotionAt, ordered, type MapModel } from './mapModel.ts';

export interface Step {
  name: BatchableName;
  input: unknown;
}

export interface Command {
  /** What the person did, for the undo/redo menu ("Move 3 cards"). */
  label: string;
  forward: Step[];
  backward: Step[];
  /**
   * What redo runs, when it is not `forward` again: undoing an add deletes what was added, and what others
   * put in it meanwhile, under a tombstone; redo brings exactly that back instead of an empty new record.
   */
  redo?: Step[];
}

/** Undo of an add: delete it, kept under a tombstone; redo: bring it back as it was, with what it held. */
function undoableAdd(name: 'stages.delete' | 'lanes.delete' | 'cards.delete', id: string): Pick<Command, 'backward' | 'redo'> {
  const tombstone = newId();
  return { backward: [step(name, { id, tombstone })], redo: [step('tombstones.restore', { id: tombstone })] };
}

/** Builds a command from the map as the workspace has it when the command's turn comes. */
export type CommandBuilder = (model: MapModel) => Command;

const step = <K extends BatchableName>(name: K, input: OperationInput<K>): Step => ({ name, input });

/** Ids are chosen here, so that a command can refer to what it creates. */
export { newId };

const plural = (n: number, one: string, many = `${one}s`) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

/**
 * Places are named by neighbour, not by index: "after card X" still means the same place when other edits
 * (one's own still in flight, or other people's) have landed in the meantime. No index means "last".
 */
type Place = { after: string | null } | Record<string, never>;
const afterIndex = (siblings: readonly { id: string }[], index: number | undefined): Place =>
  index === undefined ? {} : { after: index <= 0 ? null : (siblings[Math.min(index, siblings.length) - 1]?.id ?? null) };

/** The place a record has now among `siblings` (sorted, including it): after its predecessor, or first. */
const placeNow = (siblings: readonly { id: string }[], id: string): Place => {
  const i = siblings.findIndex((s) => s.id === id);
  return { after: i > 0 ? (siblings[i - 1]?.id ?? null) : null };
};

/** Cards sorted by (cell, index): undoing moves in this order puts every card back after its old neighbour. */
function inCellOrder(model: MapModel, cards: readonly Card[]): { card: Card; index: number }[] {
  return cards
    .map((card) => ({ card, index: cellCards(model, card.laneId, card.stageId).findIndex((c) => c.id === card.id) }))
    .sort((a, b) => (a.card.laneId + a.card.stageId < b.card.laneId + b.card.stageId ? -1 : a.card.laneId + a.card.stageId > b.card.laneId + b.card.stageId ? 1 : a.index - b.index));
}

export type CardExtra = Partial<Pick<Card, 'color' | 'channel' | 'votes' | 'evidence'>>;

/** Add a card to a cell: at `index` among its cards, or last. `id` may be chosen by the caller. */
export function addCard(model: MapModel, laneId: string, stageId: string, text: string, index?: number, extra: CardExtra = {}, id = newId()): Command & { id: string } {
  return {
    id,
    label: 'Add card',
    forward: [step('cards.create', { id, laneId, stageId, text, ...afterIndex(cellCards(model, laneId, stageId), index), ...extra })],
    ...undoableAdd('cards.delete', id),
  };
}

export type CardPatch = Partial<Pick<Card, 'text' | 'color' | 'channel' | 'votes' | 'evidence'>>;

export function updateCards(model: MapModel, ids: readonly string[], patch: CardPatch, label = 'Edit card'): Command {
  const cards = ids.map((id) => model.cards.get(id)).filter((c): c is Card => c !== undefined);
  const keys = Object.keys(patch) as (keyof CardPatch)[];
  const before = (c: Card): CardPatch => Object.fromEntries(keys.map((k) => [k, c[k]]));
  return {
    label: cards.length > 1 ? `${label} (${cards.length})` : label,
    forward: cards.map((c) => step('cards.update', { id: c.id, ...patch })),
    backward: cards.map((c) => step('cards.update', { id: c.id, ...before(c) })),
  };
}

/** Move cards (in their current order) to a cell, starting at `index` among the cards that stay there. */
export function moveCards(model: MapModel, ids: readonly string[], laneId: string, stageId: string, index: number): Command {
  const moving = inCellOrder(
    model,
    ids.map((id) => model.cards.get(id)).filter((c): c is Card => c !== undefined),
  );
  const movingIds = new Set(moving.map((m) => m.card.id));
  const staying = cellCards(model, laneId, stageId).filter((c) => !movingIds.has(c.id));
  const first = index <= 0 ? null : (staying[Math.min(index, staying.length) - 1]?.id ?? null);
  const forward = moving.map((m, i) => step('cards.move', { id: m.card.id, laneId, stageId, after: i === 0 ? first : (moving[i - 1]?.card.id ?? null) }));
  // Undo: each card back after the neighbour it had, in old (cell, index) order so that a neighbour that
  // moved too is back before the card that follows it.
  const backward = moving.map((m) =>
    step('cards.move', { id: m.card.id, laneId: m.card.laneId, stageId: m.card.stageId, ...placeNow(cellCards(model, m.card.laneId, m.card.stageId), m.card.id) }),
  );
  return { label: `Move ${plural(moving.length, 'card')}`, forward, backward };
}

/**
 * Delete cards. The workspace keeps what each delete removed (the card and its quote links) under a
 * tombstone id chosen here, and undo brings exactly that back.
 */
export function deleteCards(model: MapModel, ids: readonly string[]): Command {
  const cards = ids.map((id) => model.cards.get(id)).filter((c): c is Card => c !== undefined);
  const tombstones = cards.map(() => newId());
  return {
    label: `Delete ${plural(cards.length, 'card')}`,
    forward: cards.map((c, i) => step('cards.delete', { id: c.id, tombstone: tombstones[i] })),
    backward: tombstones.map((id) => step('tombstones.restore', { id })).reverse(),
  };
}

/** Copies of cards (from this or another map) placed in a cell: at `index`, or after the cards already there. */
export function pasteCards(
  model: MapModel,
  cards: readonly Pick<Card, 'text' | 'color' | 'channel' | 'votes' | 'evidence'>[],
  laneId: string,
  stageId: string,
  index?: number,
  label = 'Paste',
  ids: readonly string[] = cards.map(() => newId()),
): Command & { ids: string[] } {
  const anchor = afterIndex(cellCards(model, laneId, stageId), index);
  return {
    ids: [...ids],
    label: `${label} ${plural(cards.length, 'card')}`,
    forward: cards.map((c, i) =>
      step('cards.create', {
        id: ids[i],
        laneId,
        stageId,
        ...(i === 0 ? anchor : 'after' in anchor ? { after: ids[i - 1] ?? null } : {}),
        text: c.text,
        color: c.color,
        channel: c.channel,
        votes: c.votes,
        evidence: c.evidence,
      }),
    ),
    ...(() => {
      const undo = ids.map((id) => undoableAdd('cards.delete', id));
      return { backward: undo.flatMap((u) => u.backward), redo: undo.flatMap((u) => u.redo ?? []) };
    })(),
  };
}

/**
 * Set (or clear, with null) one curve's score at a stage: the team's curve, or `personaId`'s. Undo puts back
 * that curve's previous score and label, and no other curve's.
 */
export function setEmotion(model: MapModel, laneId: string, stageId: string, score: number | null, label?: string, personaId: string | null = null): Command {
  const existing = emotionAt(model.emotions, laneId, stageId, personaId);
  const who = personaId === null ? '' : ` (${model.personas.find((p) => p.id === personaId)?.name ?? 'persona'})`;
  const persona = personaId === null ? {} : { personaId };
  return {
    label: `${label !== undefined && score === existing?.score ? 'Label emotion' : 'Set emotion'}${who}`,
    forward: [step('emotions.set', { laneId, stageId, ...persona, score, ...(label !== undefined ? { label } : {}) })],
    backward: [step('emotions.set', { laneId, stageId, ...persona, score: existing?.score ?? null, ...(existing ? { label: existing.label } : {}) })],
  };
}

export function addStage(model: MapModel, name: string, index?: number, id = newId()): Command & { id: string } {
  return {
    id,
    label: 'Add stage',
    forward: [step('stages.create', { id, mapId: model.map.id, name, ...afterIndex(ordered(model.stages), index) })],
    ...undoableAdd('stages.delete', id),
  };
}

export type StagePatch = Partial<Pick<Stage, 'name' | 'description' | 'color' | 'owner' | 'goal' | 'width'>>;

export function updateStage(model: MapModel, id: string, patch: StagePatch, label = 'Edit stage'): Command {
  const stage = model.stages[id];
  if (!stage) return { label, forward: [], backward: [] };
  const before = Object.fromEntries(Object.keys(patch).map((k) => [k, stage[k as keyof StagePatch]])) as StagePatch;
  return { label, forward: [step('stages.update', { id, ...patch })], backward: [step('stages.update', { id, ...before })] };
}

/** Put a stage at `index` of the order (as the person sees it now), named by the stage it follows. */
export function moveStage(model: MapModel, id: string, index: number): Command {
  const all = ordered(model.stages);
  const others = all.filter((s) => s.id !== id);
  return { label: 'Move stage', forward: [step('stages.move', { id, ...afterIndex(others, index) })], backward: [step('stages.move', { id, ...placeNow(all, id) })] };
}

/** Delete a stage; the workspace keeps all it held (cards, emotion scores, quote links, metrics) for undo. */
export function deleteStage(model: MapModel, id: string): Command {
  const stage = model.stages[id];
  if (!stage) return { label: 'Delete stage', forward: [], backward: [] };
  const tombstone = newId();
  return {
    label: `Delete stage "${stage.name}"`,
    forward: [step('stages.delete', { id, tombstone })],
    backward: [step('tombstones.restore', { id: tombstone })],
  };
}

export function addLane(model: MapModel, kind: LaneKind, title: string, index?: number, id = newId()): Command & { id: string } {
  return {
    id,
    label: 'Add lane',
    forward: [step('lanes.create', { id, mapId: model.map.id, kind, title, ...afterIndex(ordered(model.lanes), index) })],
    ...undoableAdd('lanes.delete', id),
  };
}

export type LanePatch = Partial<Pick<Lane, 'title' | 'kind' | 'height' | 'collapsed'>>;

export function updateLane(model: MapModel, id: string, patch: LanePatch, label = 'Edit lane'): Command {
  const lane = model.lanes[id];
  if (!lane) return { label, forward: [], backward: [] };
  const before = Object.fromEntries(Object.keys(patch).map((k) => [k, lane[k as keyof LanePatch]])) as LanePatch;
  return { label, forward: [step('lanes.update', { id, ...patch })], backward: [step('lanes.update', { id, ...before })] };
}

export function moveLane(model: MapModel, id: string, index: number): Command {
  const all = ordered(model.lanes);
  const others = all.filter((l) => l.id !== id);
  return { label: 'Move lane', forward: [step('lanes.move', { id, ...afterIndex(others, index) })], backward: [step('lanes.move', { id, ...placeNow(all, id) })] };
}

/** Delete a lane; the workspace keeps all it held for undo. */
export function deleteLane(model: MapModel, id: string): Command {
  const lane = model.lanes[id];
  if (!lane) return { label: 'Delete lane', forward: [], backward: [] };
  const tombstone = newId();
  return {
    label: `Delete lane "${lane.title}"`,
    forward: [step('lanes.delete', { id, tombstone })],
    backward: [step('tombstones.restore', { id: tombstone })],
  };
}

export type MapPatch = Partial<Pick<MapModel['map'], 'title' | 'description'>>;

/** Change the map's title or description; undo puts back what was there. */
export function updateMap(model: MapModel, patch: MapPatch, label = 'Edit map'): Command {
  const before = Object.fromEntries(Object.keys(patch).map((k) => [k, model.map[k as keyof MapPatch]])) as MapPatch;
  return { label, forward: [step('maps.update', { id: model.map.id, ...patch })], backward: [step('maps.update', { id: model.map.id, ...before })] };
}

export function renameMap(model: MapModel, title: string): Command {
  return updateMap(model, { title }, 'Rename map');
}
