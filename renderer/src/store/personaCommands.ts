/**
 * Commands on a map's personas (the ones its header shows, in order): link, unlink and move. Each is one
 * `maps.update {personaIds}` and its inverse, built from the map as the workspace has it when its turn
 * comes, so it goes through the map's history (undo, redo) like every other map edit.
 */
import type { OperationInput } from '../../../electron/api/contract.ts';
import type { Command, Step } from './commands.ts';
import type { MapModel } from './mapModel.ts';

const setPersonas = (mapId: string, personaIds: readonly string[]): Step => ({ name: 'maps.update', input: { id: mapId, personaIds: [...personaIds] } satisfies OperationInput<'maps.update'> });

function change(model: MapModel, next: readonly string[], label: string): Command {
  const now = model.map.personaIds;
  if (next.length === now.length && next.every((id, i) => id === now[i])) return { label, forward: [], backward: [] };
  return { label, forward: [setPersonas(model.map.id, next)], backward: [setPersonas(model.map.id, now)] };
}

const quoted = (name: string | undefined) => (name ? ` “${name}”` : '');

/** Put a persona on the map, last in its header (nothing to do when it is there already). */
export function linkPersona(model: MapModel, personaId: string, name?: string): Command {
  const now = model.map.personaIds;
  return change(model, now.includes(personaId) ? now : [...now, personaId], `Add persona${quoted(name)}`);
}

/** Take a persona off the map (the persona itself stays in the workspace). */
export function unlinkPersona(model: MapModel, personaId: string, name?: string): Command {
  return change(
    model,
    model.map.personaIds.filter((id) => id !== personaId),
    `Remove persona${quoted(name)}`,
  );
}

/** Move a persona `by` places along the header (−1: left, +1: right), stopping at either end. */
export function movePersona(model: MapModel, personaId: string, by: number, name?: string): Command {
  const ids = [...model.map.personaIds];
  const from = ids.indexOf(personaId);
  const label = `Move persona${quoted(name)}`;
  if (from < 0) return { label, forward: [], backward: [] };
  const to = Math.max(0, Math.min(ids.length - 1, from + by));
  ids.splice(from, 1);
  ids.splice(to, 0, personaId);
  return change(model, ids, label);
}
