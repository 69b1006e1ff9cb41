import { memo, useMemo, useState } from 'react';
import type { Stage } from '../../../electron/api/types.ts';
import { planMetrics } from '../canvas/metricsLayout.ts';
import { MetricsEditor } from '../inspector/MetricsEditor.tsx';
import { biggestDropText, formatProvenance, formatTransition, formatValue, isBiggestDrop, transitionFrom, transitionSentence } from '../store/funnel.ts';
import { ordered } from '../store/mapModel.ts';
import { useMapStore } from '../store/MapStoreContext.tsx';

/** One stage's metrics in the table, as text a screen reader reads: each number, then the funnel from here. */
export const MetricsCell = memo(function MetricsCell({ stage }: { stage: Stage }) {
  const stages = useMapStore((s) => s.stages);
  const metrics = useMapStore((s) => s.metrics);
  const [editing, setEditing] = useState(false);
  const plan = useMemo(() => planMetrics(ordered(stages).map((s) => s.id), Object.values(metrics)), [stages, metrics]);
  const list = plan.byStage.get(stage.id) ?? [];
  const name = (id: string) => stages[id]?.name ?? '';
  const t = transitionFrom(plan.funnel, stage.id);
  const biggest = t !== undefined && isBiggestDrop(plan.funnel, t);
  return (
    <div className="cell metrics-cell">
      {list.length > 0 ? (
        <ul aria-label={`Metrics at ${stage.name}`}>
          {list.map((m) => {
            const provenance = formatProvenance(m);
            return (
              <li key={m.id} title={provenance || undefined}>
                <span className="metric-name">{m.name}</span> <strong>{formatValue(m)}</strong>
                {provenance && <span className="metric-source"> ({provenance})</span>}
              </li>
            );
          })}
        </ul>
      ) : (
        <span className="muted">No metrics</span>
      )}
      {t && <p className="funnel-share">{transitionSentence(t, name)}</p>}
      {biggest && <p className="funnel-biggest">{plan.funnel && plan.funnel.biggestDrops.length > 1 ? `Tied biggest drop: ${formatTransition(t, name)}` : biggestDropText(plan.funnel, name)}</p>}
      <button type="button" className="metrics-toggle" aria-expanded={editing} onClick={() => setEditing((v) => !v)}>
        {editing ? `Done with metrics of ${stage.name}` : `Edit metrics of ${stage.name}`}
      </button>
      {editing && <MetricsEditor stageId={stage.id} />}
    </div>
  );
});
