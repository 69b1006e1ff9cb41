/**
 * The workspace's personas, kept current: read once, then every committed change (this window's replies and
 * every client's events) is applied as it comes; a reset reads them all again.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChangeSet, Persona } from '../../../../electron/api/types.ts';
import { messageOf } from '../../api/errors.ts';
import { useAppStore } from '../../store/AppStoreContext.tsx';
import { newerOnly } from '../../store/mapModel.ts';

/** The order the workspace lists them in: by name (ASCII case folded, as SQLite's NOCASE), then id. */
export function byName(a: Persona, b: Persona): number {
  const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const x = fold(a.name);
  const y = fold(b.name);
  if (x !== y) return x < y ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The list after a change: changed personas replaced or added, deleted ones gone, in the workspace's order. */
export function applyPersonaChanges(list: readonly Persona[], changes: Pick<ChangeSet, 'personas' | 'deleted'>): readonly Persona[] {
  if (changes.personas.length === 0 && changes.deleted.personas.length === 0) return list;
  const gone = new Set([...changes.deleted.personas, ...changes.personas.map((p) => p.id)]);
  return [...list.filter((p) => !gone.has(p.id)), ...changes.personas.filter((p) => !changes.deleted.personas.includes(p.id))].sort(byName);
}

export interface PersonaList {
  personas: readonly Persona[];
  loaded: boolean;
  /** Why the list could not be read, if it could not. */
  error: string | null;
  /** Apply what a call of this window changed (its reply), before its event arrives. */
  apply: (changes: ChangeSet) => void;
}

export function usePersonaList(): PersonaList {
  const call = useAppStore((s) => s.call);
  const events = useAppStore((s) => s.events);
  const [state, setState] = useState<{ personas: readonly Persona[]; loaded: boolean; error: string | null }>({ personas: [], loaded: false, error: null });
  /** The commit each persona shown last came from: a late event never overwrites a newer reply. */
  const seen = useRef(new Map<string, number>());
  const [reads, setReads] = useState(0);

  useEffect(() => {
    let live = true;
    call('personas.list', {}).then(
      (personas) => {
        if (!live) return;
        seen.current.clear();
        setState({ personas: [...personas].sort(byName), loaded: true, error: null });
      },
      (error: unknown) => live && setState((s) => ({ ...s, loaded: true, error: messageOf(error) })),
    );
    return () => {
      live = false;
    };
  }, [call, reads]);

  const apply = useCallback((changes: ChangeSet) => {
    const fresh = newerOnly(changes, seen.current);
    setState((s) => ({ ...s, personas: applyPersonaChanges(s.personas, fresh) }));
  }, []);

  useEffect(
    () =>
      events((event) => {
        if (event.type === 'reset') setReads((n) => n + 1);
        else if (event.type === 'changes') apply(event.changes);
      }),
    [events, apply],
  );

  return { ...state, apply };
}
