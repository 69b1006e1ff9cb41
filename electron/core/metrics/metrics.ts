/** Metrics: the numbers beside the stories — customers entering a stage, conversion, NPS, CES, CSAT, time in stage. */
import type { ParsedInput } from '../../api/contract.ts';
import { conflict, notFound } from '../../api/errors.ts';
import type { ChangeSet, Metric } from '../../api/types.ts';
import { emptyChanges } from '../changes.ts';
import { newId } from '../ids.ts';
import { touchMap } from '../maps.ts';
import { METRIC_COLUMNS, getRow, toMetric, type Ctx } from '../records.ts';
import { requireStage } from '../stages.ts';
import { deleteWithTombstone } from '../tombstones.ts';

export function requireMetric(ctx: Ctx, id: string): Metric {
  const metric = getRow(ctx.db, 'metrics', METRIC_COLUMNS, id, toMetric);
  if (!metric) throw notFound(`No metric with id "${id}" exists; it may have been deleted.`);
  return metric;
}

export function createMetric(ctx: Ctx, input: ParsedInput<'metrics.create'>): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    const stage = requireStage(ctx, input.stageId);
    const id = input.id ?? newId();
    if (db.prepare('SELECT 1 FROM metrics WHERE id = ?').get(id)) throw conflict(`A metric with id "${id}" already exists.`);
    db.prepare('INSERT INTO metrics (id, map_id, stage_id, name, value, unit, source, measured_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      id,
      stage.mapId,
      stage.id,
      input.name,
      input.value,
      input.unit ?? '',
      input.source ?? '',
      input.measuredAt ?? null,
    );
    const changes = emptyChanges();
    changes.metrics.push(requireMetric(ctx, id));
    changes.maps.push(touchMap(ctx, stage.mapId));
    return changes;
  })();
}

export function updateMetric(ctx: Ctx, input: ParsedInput<'metrics.update'>): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    const m = requireMetric(ctx, input.id);
    db.prepare('UPDATE metrics SET name = ?, value = ?, unit = ?, source = ?, measured_at = ? WHERE id = ?').run(
      input.name ?? m.name,
      input.value ?? m.value,
      input.unit ?? m.unit,
      input.source ?? m.source,
      input.measuredAt === undefined ? m.measuredAt : input.measuredAt,
      m.id,
    );
    const changes = emptyChanges();
    changes.metrics.push(requireMetric(ctx, m.id));
    changes.maps.push(touchMap(ctx, m.mapId));
    return changes;
  })();
}

export function deleteMetric(ctx: Ctx, input: ParsedInput<'metrics.delete'>): ChangeSet {
  return ctx.db.transaction(() => {
    const m = requireMetric(ctx, input.id);
    const changes = deleteWithTombstone(ctx, 'metrics', [m.id], `Delete metric "${m.name}"`, m.mapId, input.tombstone);
    changes.maps.push(touchMap(ctx, m.mapId));
    return changes;
  })();
}
