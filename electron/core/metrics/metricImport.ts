/**
 * Metrics imported from a spreadsheet into one map: each row a stage (by name), a metric's name, its value
 * ("1,200", "12.5%" → 12.5 with the unit %), an optional unit and day. The preview writes nothing; the import
 * writes every row in one transaction, or none when any row has a problem. A metric that already has the same
 * stage, name and day is updated rather than added twice.
 */
import type { ParsedInput } from '../../api/contract.ts';
import { characterCount, LIMITS } from '../../api/fields.ts';
import { IMPORT_LIMITS, METRIC_FIELDS, type ImportProblem, type MetricField, type MetricImportPreview } from '../../api/imports.ts';
import { RESEARCH_LIMITS } from '../../api/research.ts';
import type { ChangeSet } from '../../api/types.ts';
import { emptyChanges } from '../changes.ts';
import { newId } from '../ids.ts';
import { readImportFile } from '../io/spreadsheets/importFile.ts';
import { amount, cellOf, day, suggestMapping } from '../io/spreadsheets/table.ts';
import { touchMap } from '../maps.ts';
import { METRIC_COLUMNS, toMetric, type Ctx, type Row } from '../records.ts';
import { refusal, stageNamesOf } from '../research/quoteImport.ts';

const SYNONYMS: Record<MetricField, readonly string[]> = {
  stage: ['stage', 'journey stage', 'step', 'phase'],
  name: ['metric', 'measure', 'kpi', 'indicator', 'name'],
  value: ['value', 'number', 'count', 'amount', 'result', 'figure'],
  unit: ['unit', 'units'],
  date: ['date', 'measured', 'measured at', 'measured on', 'when', 'as of', 'day'],
};

interface PlannedMetric {
  stageId: string;
  name: string;
  value: number;
  unit: string;
  date: string | null;
  /** The metric this row updates, when one has the same stage, name and day. */
  existing: string | null;
}

type MetricInput = ParsedInput<'metrics.previewImport'> | ParsedInput<'metrics.import'>;
const keyOf = (stageId: string, name: string, date: string | null) => `${stageId}\u0000${name.toLowerCase()}\u0000${date ?? ''}`;

function plan(ctx: Ctx, input: MetricInput): MetricImportPreview & { metrics: PlannedMetric[] } {
  const stages = stageNamesOf(ctx, input.mapId);
  const read = readImportFile(input);
  const columns = read.table?.columns ?? [];
  const none = Object.fromEntries(METRIC_FIELDS.map((f) => [f, null])) as Record<MetricField, number | null>;
  const mapping = { ...none, ...(input.mapping === undefined ? suggestMapping(columns, SYNONYMS) : input.mapping) };
  const blockers: string[] = read.blocker === null ? [] : [read.blocker];
  if (read.table !== null) {
    for (const field of METRIC_FIELDS) {
      const at = mapping[field];
      if (at !== null && at >= columns.length) blockers.push(`The ${field} column is set to column ${at + 1}, but the file has ${columns.length} columns.`);
    }
    const missing = (['stage', 'name', 'value'] as const).filter((f) => mapping[f] === null);
    const words = { stage: 'the stage', name: 'the metric name', value: 'the value' };
    if (missing.length > 0) blockers.push(`Choose the column${missing.length > 1 ? 's' : ''} for ${missing.map((f) => words[f]).join(' and ')}.`);
  }
  const existing = new Map<string, string>();
  for (const m of (ctx.db.prepare(`SELECT ${METRIC_COLUMNS} FROM metrics WHERE map_id = ?`).all(input.mapId) as Row[]).map(toMetric)) existing.set(keyOf(m.stageId, m.name, m.measuredAt), m.id);
  const decimalComma = read.source.delimiter === ';';
  const problems: ImportProblem[] = [];
  const rows: MetricImportPreview['rows'] = [];
  const metrics: PlannedMetric[] = [];
  const seen = new Map<string, number>();
  let withProblems = 0;
  const checked = blockers.length === 0 && read.table !== null ? read.table.rows : [];
  for (const r of checked) {
    const before = problems.length;
    const problem = (field: MetricField, message: string) => problems.push({ row: r.row, field, message });
    const stageName = cellOf(r, mapping.stage);
    const stageId = stages.byName.get(stageName.toLowerCase()) ?? null;
    if (stageName === '') problem('stage', 'The stage is empty.');
    else if (stageId === null) problem('stage', `“${stageName}” is not a stage of the map “${stages.title}” (its stages: ${stages.names.join(', ')}).`);
    const name = cellOf(r, mapping.name);
    if (name === '') problem('name', 'The metric’s name is empty.');
    else if (characterCount(name) > RESEARCH_LIMITS.metricName) problem('name', `The metric’s name is longer than ${RESEARCH_LIMITS.metricName} characters.`);
    const valueText = cellOf(r, mapping.value);
    const parsed = amount(valueText, decimalComma);
    if (valueText === '') problem('value', 'The value is empty.');
    else if (parsed === null) problem('value', `“${valueText}” is not a number.`);
    const unitText = cellOf(r, mapping.unit);
    const unit = unitText !== '' ? unitText : (parsed?.unit ?? '');
    if (characterCount(unit) > RESEARCH_LIMITS.unit) problem('unit', `The unit is longer than ${RESEARCH_LIMITS.unit} characters.`);
    const dateText = cellOf(r, mapping.date);
    const date = day(dateText);
    if (dateText !== '' && date === null) problem('date', `“${dateText}” is not a date; write dates as YYYY-MM-DD, e.g. 2026-03-31.`);
    if (stageId !== null && name !== '') {
      const key = keyOf(stageId, name, date);
      const earlier = seen.get(key);
      if (earlier !== undefined) problem('name', `Row ${earlier} already gives “${name}” for this stage${date === null ? '' : ` on ${date}`}.`);
      else seen.set(key, r.row);
    }
    if (problems.length > before) withProblems++;
    else if (stageId !== null && parsed !== null) metrics.push({ stageId, name, value: parsed.value, unit, date, existing: existing.get(keyOf(stageId, name, date)) ?? null });
    if (rows.length < IMPORT_LIMITS.previewRows) {
      const stage = stageId === null ? stageName : (stages.names.find((n) => n.toLowerCase() === stageName.toLowerCase()) ?? stageName);
      rows.push({ row: r.row, values: { stage, name, value: parsed === null ? valueText : String(parsed.value), unit, date: date ?? dateText } });
    }
  }
  const total = checked.length;
  const toUpdate = metrics.filter((m) => m.existing !== null).length;
  return {
    source: read.source,
    columns,
    mapping,
    blockers,
    rows,
    problems,
    metrics,
    counts: { rows: total, ok: total - withProblems, withProblems, problems: problems.length, toCreate: metrics.length - toUpdate, toUpdate },
  };
}

export function previewMetricImport(ctx: Ctx, input: ParsedInput<'metrics.previewImport'>): MetricImportPreview {
  const { metrics: _metrics, ...preview } = plan(ctx, input);
  return { ...preview, problems: preview.problems.slice(0, IMPORT_LIMITS.previewProblems) };
}

export function importMetrics(ctx: Ctx, input: ParsedInput<'metrics.import'>): ChangeSet {
  const { db } = ctx;
  const p = plan(ctx, input);
  if (p.blockers.length > 0 || p.problems.length > 0) refusal(p);
  const source = `Imported from ${input.fileName}`.slice(0, LIMITS.name);
  return db.transaction(() => {
    const insert = db.prepare('INSERT INTO metrics (id, map_id, stage_id, name, value, unit, source, measured_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const update = db.prepare('UPDATE metrics SET value = ?, unit = ?, source = ? WHERE id = ?');
    const ids: string[] = [];
    for (const m of p.metrics) {
      if (m.existing !== null) {
        update.run(m.value, m.unit, source, m.existing);
        ids.push(m.existing);
      } else {
        const id = newId();
        insert.run(id, input.mapId, m.stageId, m.name, m.value, m.unit, source, m.date);
        ids.push(id);
      }
    }
    const changes = emptyChanges();
    changes.metrics = (db.prepare(`SELECT ${METRIC_COLUMNS} FROM metrics WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Row[]).map(toMetric);
    changes.maps.push(touchMap(ctx, input.mapId));
    return changes;
  })();
}
