/**
 * Which emotion curve the person is editing on each map: the team's (null) or one of the map's personas'.
 * It belongs to the window, not to the workspace (another window may edit another curve), so it lives in a
 * small store of its own; every place that sets a score reads it from here.
 */
import { create } from 'zustand';
import type { MapModel } from './mapModel.ts';
import { useMapStore } from './MapStoreContext.tsx';

interface CurveChoiceState {
  /** The persona whose curve is edited, by map id; absent or null: the team's curve. */
  byMap: Readonly<Record<string, string | null>>;
  choose: (mapId: string, personaId: string | null) => void;
}

export const useCurveChoice = create<CurveChoiceState>()((set) => ({
  byMap: {},
  choose: (mapId, personaId) => set((s) => ({ byMap: { ...s.byMap, [mapId]: personaId } })),
}));

/** The curve a choice names, if the map still has that persona; the team's curve (null) otherwise. */
export function chosenCurve(byMap: Readonly<Record<string, string | null>>, model: Pick<MapModel, 'map' | 'personas'>): string | null {
  const id = byMap[model.map.id] ?? null;
  return id !== null && model.personas.some((p) => p.id === id) ? id : null;
}

/** The curve being edited on this map now (for event handlers and actions, outside React's render). */
export const editedCurve = (model: Pick<MapModel, 'map' | 'personas'>): string | null => chosenCurve(useCurveChoice.getState().byMap, model);

/** The curve being edited on the open map, kept current (for components). */
export function useEditedCurve(): string | null {
  const map = useMapStore((s) => s.map);
  const personas = useMapStore((s) => s.personas);
  return useCurveChoice((c) => chosenCurve(c.byMap, { map, personas }));
}
