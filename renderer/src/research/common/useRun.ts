/**
 * useRun — run an edit and say what went wrong in words (the window's notices) instead of throwing.
 * Gives `run(work)`, which resolves to work's result, or to undefined after reporting a failure.
 */
import { useCallback } from 'react';
import { messageOf } from '../../api/errors.ts';
import { useAppStore } from '../../store/AppStoreContext.tsx';

export function useRun(): <T>(work: () => Promise<T>) => Promise<T | undefined> {
  const report = useAppStore((s) => s.report);
  return useCallback(
    async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await work();
      } catch (error) {
        report(messageOf(error));
        return undefined;
      }
    },
    [report],
  );
}
