/**
 * Undoable commands for the numbers per stage (metrics), in the shape of commands.ts: each returns the steps
 * that do it and the steps that undo it, run as one `batch.run`. A delete keeps the metric under a
 * tombstone, so undo brings back exactly that record.
 */
import type { BatchableName, OperationInput } from '../../../electron/api/contract.ts';
import type { Metric } from '../../../electron/api/types.ts';
import { newId, type Command, type Step } from './commands.ts';
import type { MapModel } from './mapModel.ts';

const step = <K extends BatchableName>(name: K, input: OperationInput<K>): Step => ({ name, input });

export type MetricFields = Pick<Metric, 'name' | 'value'> & Partial<Pick<Metric, 'unit' | 'source' | 'measuredAt'>>;
export type MetricPatch = Partial<Pick<Metric, 'name' | 'value' | 'unit' | 'source' | 'measuredAt'>>;

/** Add a metric to a stage; undo deletes it (kept under a tombstone) and redo restores that same record. */
export function addMetric(stageId: string, fields: MetricFields, id = newId()): Command & { id: string } {
  const tombstone = newId();
  return {
    id,
    label: `Add metric "${fields.name.trim()}"`,
    forward: [step('metrics.create', { id, stageId, ...fields })],
    backward: [step('metrics.delete', { id, tombstone })],
    redo: [step('tombstones.restore', { id: tombstone })],
  };
}

/** Change fields of a metric; undo puts back what they were. Nothing to do when it no longer exists. */
export function updateMetric(model: MapModel, id: string, patch: MetricPatch, label = 'Edit metric'): Command {
  const metric = model.metrics[id];
  if (!metric) return { label, forward: [], backward: [] };
  const keys = (Object.keys(patch) as (keyof MetricPatch)[]).filter((k) => patch[k] !== metric[k]);
  if (keys.length === 0) return { label, forward: [], backward: [] };
  const pick = (from: MetricPatch): MetricPatch => Object.fromEntries(keys.map((k) => [k, from[k]]));
  return {
    label,
    forward: [step('metrics.update', { id, ...pick(patch) })],
    backward: [step('metrics.update', { id, ...pick(metric) })],
  };
}

/** Delete a metric; the workspace keeps it for undo. */
export function deleteMetric(model: MapModel, id: string): Command {
  const metric = model.metrics[id];
  if (!metric) return { label: 'Delete metric', forward: [], backward: [] };
  const tombstone = newId();
  return {
    label: `Delete metric "${metric.name}"`,
    forward: [step('metrics.delete', { id, tombstone })],
    backward: [step('tombstones.restore', { id: tombstone })],
  };
}
