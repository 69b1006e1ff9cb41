import { createContext, useCallback, useContext } from 'react';
import { useStore } from 'zustand';
import type { Command } from './commands.ts';
import type { MapModel } from './mapModel.ts';
import type { MapState, MapStore } from './mapStore.ts';

export const MapStoreContext = createContext<MapStore | null>(null);

/** Select one slice of the open map's state; re-renders only when that slice changes. */
export function useMapStore<T>(selector: (state: MapState) => T): T {
  const store = useContext(MapStoreContext);
  if (!store) throw new Error('useMapStore must be used inside a map screen');
  return useStore(store, selector);
}

export function useMapStoreApi(): MapStore {
  const store = useContext(MapStoreContext);
  if (!store) throw new Error('useMapStoreApi must be used inside a map screen');
  return store;
}

/**
 * Perform a command built from the map when its turn comes: `perform((m) => moveStage(m, id, 2))`.
 * The builder runs after every earlier command has landed, never against a stale copy.
 */
export function usePerform(): (build: (model: MapModel) => Command) => Promise<boolean> {
  const store = useMapStoreApi();
  return useCallback((build: (model: MapModel) => Command) => store.getState().perform(build), [store]);
}
