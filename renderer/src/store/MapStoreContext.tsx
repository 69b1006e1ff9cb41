import { createContext, useCallback, useContext } from 'react';
import { useStore } from 'zustand';
import type { Command } from './commands.ts';
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

/** Build a command from the current model and perform it: `perform((m) => moveStage(m, id, 2))`. */
export function usePerform(): (build: (model: MapState) => Command) => Promise<boolean> {
  const store = useMapStoreApi();
  return useCallback((build: (model: MapState) => Command) => store.getState().perform(build(store.getState())), [store]);
}
