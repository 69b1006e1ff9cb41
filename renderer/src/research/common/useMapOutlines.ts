/**
 * useMapOutlines — the stages and cards of some maps (what a link to a stage needs to show or pick), read
 * with maps.get and read again when one of those maps changes (here or in another window).
 * Takes the map ids wanted; gives { [mapId]: MapOutline } for those read so far.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ChangeSet, WorkspaceEvent } from '../../../../electron/api/types.ts';
import { messageOf } from '../../api/errors.ts';
import { useAppStore } from '../../store/AppStoreContext.tsx';

export interface MapOutline {
  id: string;
  title: string;
  /** In the map's order. */
  stages: { id: string; name: string }[];
  /** Cards by stage, as the map orders them (lane by lane). */
  cards: { id: string; stageId: string; text: string }[];
}

const KINDS = ['maps', 'stages', 'cards', 'lanes'] as const;

/** The maps a change touched (stages, cards and lanes name theirs; a deleted one cannot be told, so: all). */
function touched(changes: ChangeSet): Set<string> | 'all' {
  if (KINDS.some((k) => changes.deleted[k].length > 0)) return 'all';
  const ids = new Set<string>(changes.maps.map((m) => m.id));
  for (const s of changes.stages) ids.add(s.mapId);
  for (const c of changes.cards) ids.add(c.mapId);
  for (const l of changes.lanes) ids.add(l.mapId);
  return ids;
}

export function useMapOutlines(mapIds: readonly string[]): Record<string, MapOutline> {
  const call = useAppStore((s) => s.call);
  const events = useAppStore((s) => s.events);
  const report = useAppStore((s) => s.report);
  const key = [...new Set(mapIds)].sort().join(' ');
  const wanted = useMemo(() => (key === '' ? [] : key.split(' ')), [key]);
  const [outlines, setOutlines] = useState<Record<string, MapOutline>>({});
  const [stale, setStale] = useState(0);

  useEffect(() => {
    let live = true;
    void Promise.all(
      wanted.map(async (id): Promise<MapOutline | null> => {
        try {
          const doc = await call('maps.get', { id });
          const laneOrder = new Map(doc.lanes.map((l, i) => [l.id, i]));
          const cards = [...doc.cards].sort((a, b) => (laneOrder.get(a.laneId) ?? 0) - (laneOrder.get(b.laneId) ?? 0) || (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
          return { id, title: doc.map.title, stages: doc.stages.map((s) => ({ id: s.id, name: s.name })), cards: cards.map((c) => ({ id: c.id, stageId: c.stageId, text: c.text })) };
        } catch (error) {
          // A map deleted meanwhile is simply not shown; anything else is said.
          if (!(error instanceof Error && (error as { code?: unknown }).code === 'NotFound')) report(messageOf(error));
          return null;
        }
      }),
    ).then((read) => {
      if (!live) return;
      setOutlines(Object.fromEntries(read.filter((o): o is MapOutline => o !== null).map((o) => [o.id, o])));
    });
    return () => {
      live = false;
    };
  }, [call, report, wanted, stale]);

  useEffect(
    () =>
      events((event: WorkspaceEvent) => {
        if (event.type === 'reset') setStale((n) => n + 1);
        else if (event.type === 'changes') {
          const maps = touched(event.changes);
          if (maps === 'all' || wanted.some((id) => maps.has(id))) setStale((n) => n + 1);
        }
      }),
    [events, wanted],
  );

  return outlines;
}
