import { useId, useMemo, useRef, useState } from 'react';
import { LIMITS } from '../../../electron/api/contract.ts';
import { RESEARCH_LIMITS } from '../../../electron/api/research.ts';
import type { Metric } from '../../../electron/api/types.ts';
import { planMetrics } from '../canvas/metricsLayout.ts';
import { USUAL_UNIT, biggestDropText, isBiggestDrop, parseMetricValue, transitionFrom, transitionSentence } from '../store/funnel.ts';
import { ordered } from '../store/mapModel.ts';
import { useMapStore, usePerform } from '../store/MapStoreContext.tsx';
import { addMetric, deleteMetric, updateMetric, type MetricPatch } from '../store/metricCommands.ts';
import { DraftField, MetricSuggestions, checkName, checkValue } from './MetricsFields.tsx';

interface Lists {
  names: string;
  units: string;
}

function MetricRow({ metric, lists }: { metric: Metric; lists: Lists }) {
  const perform = usePerform();
  const patch = (p: MetricPatch, label: string) => void perform((m) => updateMetric(m, metric.id, p, label));
  return (
    <fieldset className="metric">
      <legend>{metric.name}</legend>
      <DraftField label="Name" value={metric.name} maxLength={RESEARCH_LIMITS.metricName} list={lists.names} check={checkName} onCommit={(name) => patch({ name: name.trim() }, 'Rename metric')} />
      <DraftField
        label="Value"
        value={String(metric.value)}
        inputMode="decimal"
        check={checkValue}
        onCommit={(text) => {
          const value = parseMetricValue(text);
          if (value !== null) patch({ value }, `Set ${metric.name}`);
        }}
      />
      <DraftField label="Unit" value={metric.unit} maxLength={RESEARCH_LIMITS.unit} list={lists.units} onCommit={(unit) => patch({ unit: unit.trim() }, 'Set unit')} />
      <DraftField label="Source" value={metric.source} maxLength={LIMITS.name} onCommit={(source) => patch({ source }, 'Set source')} />
      <DraftField label="Measured on" type="date" value={metric.measuredAt ?? ''} onCommit={(day) => patch({ measuredAt: day === '' ? null : day }, 'Set date')} />
      <div className="inspector-actions">
        <button type="button" className="danger" aria-label={`Delete metric ${metric.name}`} onClick={() => void perform((m) => deleteMetric(m, metric.id))}>
          Delete metric
        </button>
      </div>
    </fieldset>
  );
}

/** A new metric: name, value, unit. The unit fills itself in for a common name, or from the same metric elsewhere on the map. */
function AddMetric({ stageId, stageName, lists }: { stageId: string; stageName: string; lists: Lists }) {
  const perform = usePerform();
  const metrics = useMapStore((s) => s.metrics);
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [unit, setUnit] = useState('');
  const [unitTouched, setUnitTouched] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const nameField = useRef<HTMLInputElement>(null);
  const messageId = useId();
  const usualUnit = (n: string): string | undefined => {
    const k = n.trim().toLowerCase();
    return Object.values(metrics).find((m) => m.name.trim().toLowerCase() === k)?.unit ?? USUAL_UNIT[k];
  };
  const submit = async (e: { preventDefault: () => void }) => {
    e.preventDefault();
    const parsed = parseMetricValue(value);
    const refusal = checkName(name) ?? checkValue(value);
    setProblem(refusal);
    if (refusal !== null || parsed === null) return;
    if (await perform(() => addMetric(stageId, { name: name.trim(), value: parsed, unit: unit.trim() }))) {
      setName('');
      setValue('');
      setUnit('');
      setUnitTouched(false);
      nameField.current?.focus();
    }
  };
  return (
    <form className="add-metric" aria-label={`Add a metric to ${stageName}`} onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.stopPropagation()}>
      <label className="field">
        <span>New metric</span>
        <input
          ref={nameField}
          value={name}
          list={lists.names}
          maxLength={RESEARCH_LIMITS.metricName}
          placeholder="e.g. entered stage"
          onChange={(e) => {
            setName(e.target.value);
            const usual = usualUnit(e.target.value);
            if (!unitTouched && usual !== undefined) setUnit(usual);
          }}
        />
      </label>
      <label className="field">
        <span>Value</span>
        <input value={value} inputMode="decimal" placeholder="e.g. 1200" aria-invalid={problem !== null} aria-describedby={problem ? messageId : undefined} onChange={(e) => setValue(e.target.value)} />
      </label>
      <label className="field">
        <span>Unit</span>
        <input
          value={unit}
          list={lists.units}
          maxLength={RESEARCH_LIMITS.unit}
          placeholder="e.g. customers"
          onChange={(e) => {
            setUnit(e.target.value);
            setUnitTouched(true);
          }}
        />
      </label>
      {problem && (
        <p id={messageId} className="field-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit">Add metric</button>
    </form>
  );
}

/** Where a stage stands in the funnel, in words (what the canvas draws). */
function FunnelNote({ stageId }: { stageId: string }) {
  const stages = useMapStore((s) => s.stages);
  const metrics = useMapStore((s) => s.metrics);
  const funnel = useMemo(() => planMetrics(ordered(stages).map((s) => s.id), Object.values(metrics)).funnel, [stages, metrics]);
  const name = (id: string) => stages[id]?.name ?? '';
  const t = transitionFrom(funnel, stageId);
  if (!funnel || !t) return null;
  return (
    <p className={isBiggestDrop(funnel, t) ? 'funnel-note biggest-drop' : 'funnel-note'}>
      Funnel ({funnel.name}): {transitionSentence(t, name)}.{isBiggestDrop(funnel, t) && <strong> {biggestDropText(funnel, name)}</strong>}
    </p>
  );
}

/** A stage's metrics, each editable, with a form to add one: every edit is one undoable command. */
export function MetricsEditor({ stageId }: { stageId: string }) {
  const stageName = useMapStore((s) => s.stages[stageId]?.name ?? '');
  const all = useMapStore((s) => s.metrics);
  const list = useMemo(() => planMetrics([stageId], Object.values(all)).byStage.get(stageId) ?? [], [all, stageId]);
  const base = useId();
  const lists = { names: `${base}-names`, units: `${base}-units` };
  return (
    <div className="metrics-editor">
      <MetricSuggestions {...lists} />
      <FunnelNote stageId={stageId} />
      {list.length === 0 && <p className="muted">No metrics at {stageName} yet.</p>}
      {list.map((m) => (
        <MetricRow key={m.id} metric={m} lists={lists} />
      ))}
      <AddMetric stageId={stageId} stageName={stageName} lists={lists} />
    </div>
  );
}
