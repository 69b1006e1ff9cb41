/**
 * What an update leaves as it is although the workbook shows it otherwise: the stages' owners and the metrics
 * (the Map sheet shows each stage's latest value of each metric, as the export wrote them). Said in a warning
 * naming the cells, so that an edit there is never lost without a word.
 */
import type { MapImportProblem } from '../../../api/mapImports.ts';
import type { Stage } from '../../../api/types.ts';
import { METRIC_COLUMNS, toMetric, type Ctx, type Row } from '../../records.ts';
import type { Content } from '../spreadsheets/mapGrid/content.ts';
import { listed } from '../spreadsheets/mapGrid/grid.ts';

const keyOf = (name: string, unit: string): string => `${name.trim().toLowerCase()}\n${unit.trim().toLowerCase()}`;

export function leftAlone(ctx: Ctx, mapId: string, content: Content, stageOf: readonly (Stage | null)[]): MapImportProblem[] {
  const out: MapImportProblem[] = [];
  // Where the workbook differs: its cells, and what it shows no more (by name).
  const owners: string[] = [];
  const ownersGone: string[] = [];
  const ownerLanes = content.lanes.some((l) => l.kind === 'owners');
  stageOf.forEach((stage, s) => {
    const owner = content.owners[s];
    const was = stage?.owner.trim() ?? '';
    if (owner != null) {
      if (owner.value !== was) owners.push(owner.cell);
    } else if (ownerLanes && was !== '') ownersGone.push(`stage “${stage?.name ?? ''}”`);
  });
  if (owners.length + ownersGone.length > 0) {
    out.push({ cell: owners[0] ?? null, message: `The stages’ owners in ${listed([...owners, ...ownersGone])} differ from the map’s: an update leaves owners as they are (change them on the map).` });
  }

  // Each metric's latest value on each stage, as the export shows it: a later measurement replaces an earlier one.
  const latest = new Map<string, { name: string; values: Map<string, number> }>();
  for (const m of (ctx.db.prepare(`SELECT ${METRIC_COLUMNS} FROM metrics WHERE map_id = ? ORDER BY name COLLATE NOCASE, measured_at, id`).all(mapId) as Row[]).map(toMetric)) {
    const key = keyOf(m.name, m.unit);
    const metric = latest.get(key) ?? { name: m.name, values: new Map<string, number>() };
    metric.values.set(m.stageId, m.value);
    latest.set(key, metric);
  }
  const metrics: string[] = [];
  const metricsGone: string[] = [];
  const shown = new Set<string>();
  for (const lane of content.lanes) {
    for (const row of lane.metrics) {
      const key = keyOf(row.name, row.unit);
      shown.add(key);
      const stored = latest.get(key)?.values;
      row.values.forEach((v, s) => {
        const id = stageOf[s]?.id;
        const was = id === undefined ? undefined : stored?.get(id);
        if ((v?.value ?? undefined) !== was) metrics.push(v?.cell ?? row.cell);
      });
    }
  }
  // A metric of a stage the workbook shows, on no row of it (its row emptied or taken out).
  const stageIds = new Set(stageOf.flatMap((s) => (s === null ? [] : [s.id])));
  for (const [key, metric] of latest) if (!shown.has(key) && [...metric.values.keys()].some((id) => stageIds.has(id))) metricsGone.push(`metric “${metric.name}”`);
  if (metrics.length + metricsGone.length > 0) {
    out.push({ cell: metrics[0] ?? null, message: `The metrics in ${listed([...new Set(metrics), ...metricsGone])} differ from the map’s: an update leaves metrics as they are (bring new values in with Import metrics… in the map’s header).` });
  }
  return out;
}
