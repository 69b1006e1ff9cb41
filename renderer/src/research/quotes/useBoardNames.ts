/**
 * What the board names things by: tags (with counts), personas, interviews, maps, and the stages and cards
 * of the maps it shows (fetched for a map when first needed). Kept current with committed changes.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Card, InterviewSummary, MapSummary, Persona, Stage, TagUsage, WorkspaceEvent } from '../../../../electron/api/types.ts';
import { messageOf } from '../../api/errors.ts';
import { useAppStore } from '../../store/AppStoreContext.tsx';

export interface MapParts {
  stages: Stage[];
  cards: Card[];
}

export interface BoardNames {
  tags: TagUsage[];
  personas: Persona[];
  interviews: InterviewSummary[];
  maps: MapSummary[];
  /** Stages and cards of the maps asked for so far, by map id. */
  parts: Record<string, MapParts>;
  /** Fetch the stages and cards of these maps, when not held. */
  need: (mapIds: readonly string[]) => void;
}

type Lists = Pick<BoardNames, 'tags' | 'personas' | 'interviews'>;
const has = (e: WorkspaceEvent, ...kinds: ('tags' | 'quotes' | 'personas' | 'interviews' | 'stages' | 'cards' | 'maps')[]) =>
  e.type === 'reset' || (e.type === 'changes' && kinds.some((k) => e.changes[k].length > 0 || e.changes.deleted[k].length > 0));

export function useBoardNames(): BoardNames {
  const call = useAppStore((s) => s.call);
  const events = useAppStore((s) => s.events);
  const report = useAppStore((s) => s.report);
  const maps = useAppStore((s) => s.maps);
  const [lists, setLists] = useState<Lists>({ tags: [], personas: [], interviews: [] });
  const [parts, setParts] = useState<Record<string, MapParts>>({});
  const asked = useRef(new Set<string>());

  const load = useCallback(
    (which: readonly (keyof Lists)[]) => {
      const fail = (error: unknown) => report(messageOf(error));
      if (which.includes('tags')) call('tags.list', {}).then((tags) => setLists((l) => ({ ...l, tags })), fail);
      if (which.includes('personas')) call('personas.list', {}).then((personas) => setLists((l) => ({ ...l, personas })), fail);
      if (which.includes('interviews')) call('interviews.list', {}).then((interviews) => setLists((l) => ({ ...l, interviews })), fail);
    },
    [call, report],
  );

  const fetchParts = useCallback(
    (mapId: string) => {
      asked.current.add(mapId);
      call('maps.get', { id: mapId }).then(
        (doc) => setParts((p) => ({ ...p, [mapId]: { stages: doc.stages, cards: doc.cards } })),
        () => {
          // a map deleted meanwhile: its names are not shown
          asked.current.delete(mapId);
        },
      );
    },
    [call],
  );

  const need = useCallback(
    (mapIds: readonly string[]) => {
      for (const id of mapIds) if (!asked.current.has(id)) fetchParts(id);
    },
    [fetchParts],
  );

  useEffect(() => load(['tags', 'personas', 'interviews']), [load]);

  // Changes come in bursts (an import, a bulk edit): what they touch is read again once the burst is over.
  useEffect(() => {
    const pending = new Set<keyof Lists | 'parts'>();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = events((e) => {
      if (has(e, 'tags', 'quotes')) pending.add('tags');
      if (has(e, 'personas')) pending.add('personas');
      if (has(e, 'interviews', 'quotes')) pending.add('interviews');
      if (has(e, 'stages', 'cards', 'maps')) pending.add('parts');
      if (pending.size === 0 || timer) return;
      timer = setTimeout(() => {
        timer = null;
        const which = [...pending];
        pending.clear();
        load(which.filter((w): w is keyof Lists => w !== 'parts'));
        if (which.includes('parts')) for (const id of asked.current) fetchParts(id);
      }, 100);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [events, load, fetchParts]);

  return useMemo(() => ({ ...lists, maps, parts, need }), [lists, maps, parts, need]);
}
