/** Which maps and interviews a persona is part of (`personas.usage`), read again when maps or interviews change. */
import { useEffect, useState } from 'react';
import type { PersonaUsage } from '../../../../electron/api/contract.ts';
import type { WorkspaceEvent } from '../../../../electron/api/types.ts';
import { useAppStore } from '../../store/AppStoreContext.tsx';

/** Whether an event may change what a persona is part of. */
export const touchesUsage = (event: WorkspaceEvent): boolean =>
  event.type === 'reset' ||
  (event.type === 'changes' &&
    (['maps', 'interviews', 'emotions'] as const).some((k) => event.changes[k].length > 0 || event.changes.deleted[k].length > 0));

/** The persona's usage, or null while it is read (and when it cannot be: the persona is gone). */
export function usePersonaUsage(id: string): PersonaUsage | null {
  const call = useAppStore((s) => s.call);
  const events = useAppStore((s) => s.events);
  const [usage, setUsage] = useState<{ id: string; usage: PersonaUsage | null } | null>(null);
  const [reads, setReads] = useState(0);

  useEffect(() => events((event) => touchesUsage(event) && setReads((n) => n + 1)), [events]);

  useEffect(() => {
    let live = true;
    call('personas.usage', { id }).then(
      (result) => live && setUsage({ id, usage: result }),
      () => live && setUsage({ id, usage: null }),
    );
    return () => {
      live = false;
    };
  }, [call, id, reads]);

  return usage?.id === id ? usage.usage : null;
}
