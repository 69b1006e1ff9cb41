/**
 * The workspace-wide lists research screens pick from, kept current: personas (personas.list) and tags with
 * their use counts (tags.list). Each gives `[]` until read.
 */
import { useCallback } from 'react';
import type { Persona, TagUsage } from '../../../../electron/api/types.ts';
import { useAppStore } from '../../store/AppStoreContext.tsx';
import { touches, useLiveQuery } from './useLiveQuery.ts';

const NONE: never[] = [];

export function usePersonas(): Persona[] {
  const call = useAppStore((s) => s.call);
  const load = useCallback(() => call('personas.list', {}), [call]);
  return useLiveQuery(load, (c) => touches(c, ['personas'])).data ?? NONE;
}

export function useTags(): TagUsage[] {
  const call = useAppStore((s) => s.call);
  const load = useCallback(() => call('tags.list', {}), [call]);
  return useLiveQuery(load, (c) => touches(c, ['tags', 'quotes'])).data ?? NONE;
}
