import { useMapStore } from '../store/MapStoreContext.tsx';
import { cardsIn } from '../store/mapModel.ts';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** What deleting a stage or lane takes with it, in words, for the confirmation. */
export function useDeleteSummary(kind: 'stage' | 'lane', id: string, active: boolean): string {
  // Counting walks every card, so only while the confirmation is open.
  const count = (records: Readonly<Record<string, { stageId: string; laneId: string }>>) =>
    active ? Object.values(records).filter((r) => (kind === 'stage' ? r.stageId : r.laneId) === id).length : 0;
  const cards = useMapStore((s) => (active ? cardsIn(s, kind, id) : 0));
  const emotions = useMapStore((s) => count(s.emotions));
  if (cards === 0 && emotions === 0) return `The ${kind} is empty.`;
  const parts = [cards > 0 ? plural(cards, 'card') : '', emotions > 0 ? plural(emotions, 'emotion score') : ''].filter(Boolean);
  return `This also deletes ${parts.join(' and ')}.`;
}
