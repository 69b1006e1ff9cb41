import { useMapStore } from '../store/MapStoreContext.tsx';
import { MetricsEditor } from './MetricsEditor.tsx';

/** The inspector for a cell of a metrics lane: the stage's numbers, edited in place. */
export function MetricsInspector({ stageId }: { stageId: string }) {
  const stageName = useMapStore((s) => s.stages[stageId]?.name ?? '');
  return (
    <>
      <h3>Metrics at {stageName}</h3>
      <MetricsEditor stageId={stageId} />
    </>
  );
}
