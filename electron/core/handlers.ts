/** The implementation table: one entry per contract operation, each a call into a service. */
import type { OperationName, OperationResult, ParsedInput } from '../api/contract.ts';
import { createCard, deleteCard, moveCard, updateCard } from './cards.ts';
import { setEmotion } from './emotions.ts';
import { createLane, deleteLane, moveLane, updateLane } from './lanes.ts';
import { createMap, deleteMap, getMap, listMaps, updateMap } from './maps.ts';
import { createStage, deleteStage, moveStage, updateStage } from './stages.ts';
import { listTemplates } from './templates.ts';
import type { Workspace } from './workspace.ts';

type Handler<K extends OperationName> = (ws: Workspace, input: ParsedInput<K>) => OperationResult<K> | Promise<OperationResult<K>>;

export const handlers: { [K in OperationName]: Handler<K> } = {
  'workspace.info': (ws) => ws.info(),
  'workspace.backups': (ws) => ws.backups.list(),
  'workspace.restore': (ws, input) => ws.restore(input.id),
  'templates.list': () => listTemplates(),
  'maps.list': (ws) => listMaps(ws.ctx),
  'maps.create': (ws, input) => createMap(ws.ctx, input),
  'maps.get': (ws, input) => getMap(ws.ctx, input.id),
  'maps.update': (ws, input) => updateMap(ws.ctx, input),
  'maps.delete': (ws, input) => deleteMap(ws.ctx, input.id),
  'stages.create': (ws, input) => createStage(ws.ctx, input),
  'stages.update': (ws, input) => updateStage(ws.ctx, input),
  'stages.move': (ws, input) => moveStage(ws.ctx, input),
  'stages.delete': (ws, input) => deleteStage(ws.ctx, input.id),
  'lanes.create': (ws, input) => createLane(ws.ctx, input),
  'lanes.update': (ws, input) => updateLane(ws.ctx, input),
  'lanes.move': (ws, input) => moveLane(ws.ctx, input),
  'lanes.delete': (ws, input) => deleteLane(ws.ctx, input.id),
  'cards.create': (ws, input) => createCard(ws.ctx, input),
  'cards.update': (ws, input) => updateCard(ws.ctx, input),
  'cards.move': (ws, input) => moveCard(ws.ctx, input),
  'cards.delete': (ws, input) => deleteCard(ws.ctx, input.id),
  'emotions.set': (ws, input) => setEmotion(ws.ctx, input),
};
