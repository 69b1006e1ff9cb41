/**
 * useLiveQuery — read something from the workspace and read it again whenever a committed change concerns it
 * (this window's or another's), so a screen stays current.
 * Takes `load()` (memoised by the caller: a new function reads again) and `concerns(event)` (does this event
 * change what was read? `reset` events always do). Gives `{ data, error, reload }`; `data` keeps the last
 * answer while a new one is read; `error` is the words of the last failure (null after a success).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChangeSet, WorkspaceEvent } from '../../../../electron/api/types.ts';
import { messageOf } from '../../api/errors.ts';
import { useAppStore } from '../../store/AppStoreContext.tsx';

export interface LiveQuery<T> {
  data: T | undefined;
  error: string | null;
  /** The code of the last failure ('NotFound' when what was read is gone), or null. */
  errorCode: string | null;
  reload: () => Promise<void>;
}

function failure(e: unknown): { text: string; code: string | null } {
  const code = e instanceof Error ? (e as { code?: unknown }).code : undefined;
  return { text: messageOf(e), code: typeof code === 'string' ? code : null };
}

export function useLiveQuery<T>(load: () => Promise<T>, concerns: (changes: ChangeSet) => boolean): LiveQuery<T> {
  const events = useAppStore((s) => s.events);
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<{ text: string; code: string | null } | null>(null);
  const version = useRef(0);
  const concernsRef = useRef(concerns);
  useEffect(() => {
    concernsRef.current = concerns;
  });

  const reload = useCallback(async () => {
    const mine = ++version.current;
    try {
      const result = await load();
      if (mine !== version.current) return;
      setData(result);
      setError(null);
    } catch (e) {
      if (mine === version.current) setError(failure(e));
    }
  }, [load]);

  useEffect(() => {
    const mine = ++version.current;
    load().then(
      (result) => {
        if (mine !== version.current) return;
        setData(result);
        setError(null);
      },
      (e: unknown) => {
        if (mine === version.current) setError(failure(e));
      },
    );
  }, [load]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const stop = events((event: WorkspaceEvent) => {
      if (event.type === 'backup-problem') return;
      if (event.type === 'changes' && !concernsRef.current(event.changes)) return;
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void reload();
      }, 40);
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [events, reload]);

  return { data, error: error?.text ?? null, errorCode: error?.code ?? null, reload };
}

/** Did the change touch any record of these kinds? */
export function touches(changes: ChangeSet, kinds: readonly (keyof ChangeSet['deleted'])[]): boolean {
  return kinds.some((k) => changes[k].length > 0 || changes.deleted[k].length > 0);
}
