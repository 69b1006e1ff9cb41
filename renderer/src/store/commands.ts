/**
 * Named commands: each is a pure function of the map model that returns the steps that do it and the steps
 * that undo it. Both run as one `batch.run` (one transaction), so a gesture is one history entry and one
 * all-or-nothing change. Deleted records are re-created with their own ids, so later history still applies.
 */
import type { BatchableName, OperationInput } from '../../../electron/api/contract.ts';
import type { Card, Lane, LaneKind, Stage } from '../../../electron/api/types.ts';
import { cardsByCell, cellKey, ordered, type MapModel } from './mapModel.ts';

export interface Step {
  name: BatchableName;
  input: unknown;
}

export interface Command {
  /** What the person did, for the undo/redo menu ("Move 3 cards"). */
  label: string;
  forward: Step[];
  backward: Step[];
}

const step = <K extends BatchableName>(name: K, input: OperationInput<K>): Step => ({ name, input });

/** A random, url-safe id like the workspace's own (16 characters). */
export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const plural = (n: number, one: string, many = `${one}s`) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

function cellCards(model: MapModel, laneId: string, stageId: string): readonly Card[] {
  return cardsByCell(model.cards).get(cellKey(laneId, stageId)) ?? [];
}

const indexInCell = (model: MapModel, card: Card): number =>
  cellCards(model, card.laneId, card.stageId).findIndex((c) => c.id === card.id);

function recreateCard(card: Card, index: number): Step {
  return step('cards.create', {
    id: card.id,
    laneId: card.laneId,
    stageId: card.stageId,
    text: card.text,
    index,
    color: card.color,
    channel: card.channel,
    votes: card.votes,
    evidence: card.evidence,
  });
}

/** Cards sorted by (cell, index): the order in which re-creating them restores every index. */
function inCellOrder(model: MapModel, cards: readonly Card[]): { card: Card; index: number }[] {
  return cards
    .map((card) => ({ card, index: indexInCell(model, card) }))
    .sort((a, b) => (a.card.laneId + a.card.stageId).localeCompare(b.card.laneId + b.card.stageId) || a.index - b.index);
}

export function addCard(model: MapModel, laneId: string, stageId: string, text: string, index?: number, extra: Partial<Pick<Card, 'color' | 'channel' | 'votes' | 'evidence'>> = {}): Command & { id: string } {
  const id = newId();
  const at = index ?? cellCards(model, laneId, stageId).length;
  return {
    id,
    label: 'Add card',
    forward: [step('cards.create', { id, laneId, stageId, text, index: at, ...extra })],
    backward: [step('cards.delete', { id })],
  };
}

export type CardPatch = Partial<Pick<Card, 'text' | 'color' | 'channel' | 'votes' | 'evidence'>>;

export function updateCards(model: MapModel, ids: readonly string[], patch: CardPatch, label = 'Edit card'): Command {
  const cards = ids.map((id) => model.cards[id]).filter((c): c is Card => c !== undefined);
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
    ids.map((id) => model.cards[id]).filter((c): c is Card => c !== undefined),
  );
  const movingIds = new Set(moving.map((m) => m.card.id));
  const staying = cellCards(model, laneId, stageId).filter((c) => !movingIds.has(c.id));
  const start = Math.min(index, staying.length);
  const forward = moving.map((m, i) => step('cards.move', { id: m.card.id, laneId, stageId, index: start + i }));
  // Undo: put each card back in its cell at its old index, lowest index first so earlier ones make room.
  const backward = [...moving]
    .sort((a, b) => a.index - b.index)
    .map((m) => step('cards.move', { id: m.card.id, laneId: m.card.laneId, stageId: m.card.stageId, index: m.index }));
  return { label: `Move ${plural(moving.length, 'card')}`, forward, backward };
}

export function deleteCards(model: MapModel, ids: readonly string[]): Command {
  const cards = inCellOrder(
    model,
    ids.map((id) => model.cards[id]).filter((c): c is Card => c !== undefined),
  );
  return {
    label: `Delete ${plural(cards.length, 'card')}`,
    forward: cards.map((m) => step('cards.delete', { id: m.card.id })),
    backward: cards.map((m) => recreateCard(m.card, m.index)),
  };
}

/** Copies of cards (from this or another map) placed in a cell, after the cards already there. */
export function pasteCards(model: MapModel, cards: readonly Pick<Card, 'text' | 'color' | 'channel' | 'votes' | 'evidence'>[], laneId: string, stageId: string, index?: number, label = 'Paste'): Command & { ids: string[] } {
  const start = index ?? cellCards(model, laneId, stageId).length;
  const ids = cards.map(() => newId());
  return {
    ids,
    label: `${label} ${plural(cards.length, 'card')}`,
    forward: cards.map((c, i) =>
      step('cards.create', { id: ids[i], laneId, stageId, index: start + i, text: c.text, color: c.color, channel: c.channel, votes: c.votes, evidence: c.evidence }),
    ),
    backward: ids.map((id) => step('cards.delete', { id })),
  };
}

export function setEmotion(model: MapModel, laneId: string, stageId: string, score: number | null, label?: string): Command {
  const existing = Object.values(model.emotions).find((e) => e.laneId === laneId && e.stageId === stageId && e.personaId === null);
  return {
    label: label !== undefined && score === existing?.score ? 'Label emotion' : 'Set emotion',
    forward: [step('emotions.set', { laneId, stageId, score, ...(label !== undefined ? { label } : {}) })],
    backward: [step('emotions.set', { laneId, stageId, score: existing?.score ?? null, ...(existing ? { label: existing.label } : {}) })],
  };
}

export function addStage(model: MapModel, name: string, index?: number): Command & { id: string } {
  const id = newId();
  return {
    id,
    label: 'Add stage',
    forward: [step('stages.create', { id, mapId: model.map.id, name, index: index ?? ordered(model.stages).length })],
    backward: [step('stages.delete', { id })],
  };
}

export type StagePatch = Partial<Pick<Stage, 'name' | 'description' | 'color' | 'owner' | 'goal' | 'width'>>;

export function updateStage(model: MapModel, id: string, patch: StagePatch, label = 'Edit stage'): Command {
  const stage = model.stages[id];
  if (!stage) return { label, forward: [], backward: [] };
  const before = Object.fromEntries(Object.keys(patch).map((k) => [k, stage[k as keyof StagePatch]])) as StagePatch;
  return { label, forward: [step('stages.update', { id, ...patch })], backward: [step('stages.update', { id, ...before })] };
}

export function moveStage(model: MapModel, id: string, index: number): Command {
  const from = ordered(model.stages).findIndex((s) => s.id === id);
  return { label: 'Move stage', forward: [step('stages.move', { id, index })], backward: [step('stages.move', { id, index: from })] };
}

/** Everything that lives in a stage or lane, to bring it back on undo. */
function contentSteps(model: MapModel, match: (r: { laneId: string; stageId: string }) => boolean): Step[] {
  const cards = inCellOrder(model, Object.values(model.cards).filter(match)).map((m) => recreateCard(m.card, m.index));
  const emotions = Object.values(model.emotions)
    .filter(match)
    .map((e) => step('emotions.set', { laneId: e.laneId, stageId: e.stageId, personaId: e.personaId, score: e.score, label: e.label }));
  return [...cards, ...emotions];
}

export function deleteStage(model: MapModel, id: string): Command {
  const stage = model.stages[id];
  if (!stage) return { label: 'Delete stage', forward: [], backward: [] };
  const index = ordered(model.stages).findIndex((s) => s.id === id);
  const { name, description, color, owner, goal, width } = stage;
  return {
    label: `Delete stage "${stage.name}"`,
    forward: [step('stages.delete', { id })],
    backward: [
      step('stages.create', { id, mapId: stage.mapId, name, description, color, owner, goal, width, index }),
      ...contentSteps(model, (r) => r.stageId === id),
    ],
  };
}

export function addLane(model: MapModel, kind: LaneKind, title: string, index?: number): Command & { id: string } {
  const id = newId();
  return {
    id,
    label: 'Add lane',
    forward: [step('lanes.create', { id, mapId: model.map.id, kind, title, index: index ?? ordered(model.lanes).length })],
    backward: [step('lanes.delete', { id })],
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
  const from = ordered(model.lanes).findIndex((l) => l.id === id);
  return { label: 'Move lane', forward: [step('lanes.move', { id, index })], backward: [step('lanes.move', { id, index: from })] };
}

export function deleteLane(model: MapModel, id: string): Command {
  const lane = model.lanes[id];
  if (!lane) return { label: 'Delete lane', forward: [], backward: [] };
  const index = ordered(model.lanes).findIndex((l) => l.id === id);
  return {
    label: `Delete lane "${lane.title}"`,
    forward: [step('lanes.delete', { id })],
    backward: [
      step('lanes.create', { id, mapId: lane.mapId, kind: lane.kind, title: lane.title, height: lane.height, collapsed: lane.collapsed, index }),
      ...contentSteps(model, (r) => r.laneId === id),
    ],
  };
}

export function renameMap(model: MapModel, title: string): Command {
  return {
    label: 'Rename map',
    forward: [step('maps.update', { id: model.map.id, title })],
    backward: [step('maps.update', { id: model.map.id, title: model.map.title })],
  };
}
