/**
 * The table sheets of an exported workbook: Cards, Emotions, Quotes, Personas and Metrics. Each is a real
 * table: one header row (frozen, with filter buttons over every row), then one row per record with typed
 * cells — numbers as numbers, days as days, a colour shown in its own fill. With several maps, a first
 * column says which map a row is from. Pure.
 */
import { clamp, dayNumber, emptyCell, longestLine, numberCell, rowHeight, textCell, textWidth, wrappedLines, type Cell, type SheetSpec } from './cells.ts';
import type { MapData } from './data.ts';
import { colorOf, isDark, Styles, type NumberFormat } from './styles.ts';

export const HEADER_FILL = 'DCE6F1';
/** The Emotions sheet's name for the curve the team drew in the workshop (as the canvas's legend calls it). */
export const TEAM_CURVE = 'Team (workshop)';

type Value = string | number | null;
interface Column<T> {
  header: string;
  kind: 'text' | 'number' | 'day' | 'color';
  value: (row: T) => Value;
  /** Long text: wrapped in a column at most this wide (others are as wide as their longest value, up to 40). */
  wrap?: number;
  format?: NumberFormat;
}

/** A row of a table and the map it is from. */
type Of<T> = { data: MapData; row: T };

const NARROW = 8;
const WIDE = 40;
/** Room for the filter button beside a header's name. */
const FILTER_BUTTON = 3;

export function tableSheet<T>(name: string, columns: readonly Column<T>[], rows: readonly T[], styles: Styles): SheetSpec {
  const header = styles.id({ bold: true, fill: HEADER_FILL, border: true });
  const plain = styles.id({ top: true });
  const wrapped = styles.id({ top: true, wrap: true });
  const numbers = new Map<NumberFormat, number>();
  const numberStyle = (format: NumberFormat) => {
    let id = numbers.get(format);
    if (id === undefined) {
      id = styles.id({ top: true, format });
      numbers.set(format, id);
    }
    return id;
  };
  const prefixed = (s: number) => styles.prefixed(s);
  const widths = columns.map((c) => clamp(Math.ceil(textWidth(c.header) * 1.1) + FILTER_BUTTON, NARROW, WIDE));
  const values = rows.map((row) => columns.map((c) => c.value(row)));
  for (const line of values) {
    line.forEach((v, i) => {
      const column = columns[i];
      if (v === null || column === undefined) return;
      const shown = typeof v === 'number' ? v.toLocaleString('en') : v;
      widths[i] = clamp(Math.max(widths[i] ?? 0, longestLine(shown) + 2), NARROW, column.wrap ?? WIDE);
    });
  }
  const cells: Cell[][] = [columns.map((c) => textCell(c.header, header, prefixed))];
  const heights: (number | undefined)[] = [undefined];
  for (const line of values) {
    let lines = 1;
    cells.push(
      line.map((v, i): Cell => {
        const column = columns[i];
        if (v === null || column === undefined) return emptyCell(0);
        if (typeof v === 'number') return numberCell(v, numberStyle(column.format ?? (Number.isInteger(v) ? 'whole' : 'decimal')));
        if (column.kind === 'day') {
          const day = dayNumber(v);
          if (day !== null) return numberCell(day, numberStyle('day'));
        }
        if (column.kind === 'color') {
          const color = colorOf(v);
          if (color !== null) return textCell(v, styles.id({ top: true, fill: color, ...(isDark(color) ? { color: 'FFFFFF' } : {}) }), prefixed);
        }
        if (column.wrap === undefined) return textCell(v, plain, prefixed);
        lines = Math.max(lines, wrappedLines(v, widths[i] ?? 0));
        return textCell(v, wrapped, prefixed);
      }),
    );
    heights.push(lines > 1 ? rowHeight(lines) : undefined);
  }
  return { name, rows: cells, widths, heights, merges: [], freeze: { rows: 1, cols: 0 }, filter: true, print: 'table' };
}

const text = <T>(header: string, value: (row: T) => string | null, wrap?: number): Column<T> => ({ header, kind: 'text', value, ...(wrap === undefined ? {} : { wrap }) });
const number = <T>(header: string, value: (row: T) => number | null, format?: NumberFormat): Column<T> => ({ header, kind: 'number', value, ...(format === undefined ? {} : { format }) });
const orEmpty = (v: string): string | null => (v.trim() === '' ? null : v);

/** The columns of a table, with the map's title first when the workbook holds several maps. */
function withMap<T>(several: boolean, columns: Column<Of<T>>[]): Column<Of<T>>[] {
  return several ? [text<Of<T>>('Map', (r) => r.data.map.title), ...columns] : columns;
}

const names = (data: MapData) => ({
  stage: new Map(data.stages.map((s) => [s.id, s.name])),
  lane: new Map(data.lanes.map((l) => [l.id, l.title])),
  stageOrder: new Map(data.stages.map((s, i) => [s.id, i])),
  laneOrder: new Map(data.lanes.map((l, i) => [l.id, i])),
});

export function cardsSheet(maps: readonly MapData[], styles: Styles): SheetSpec {
  const rows = maps.flatMap((data) => {
    const n = names(data);
    const quotes = new Map<string, number>();
    for (const q of data.quotes) for (const id of q.cardIds) quotes.set(id, (quotes.get(id) ?? 0) + 1);
    return data.cards.map((card) => ({ data, row: { card, lane: n.lane.get(card.laneId) ?? '', stage: n.stage.get(card.stageId) ?? '', quotes: quotes.get(card.id) ?? 0 } }));
  });
  type R = (typeof rows)[number]['row'];
  return tableSheet(
    'Cards',
    withMap<R>(maps.length > 1, [
      text('Lane', (r) => r.row.lane),
      text('Stage', (r) => r.row.stage),
      text('Text', (r) => orEmpty(r.row.card.text), 60),
      { header: 'Colour', kind: 'color', value: (r) => r.row.card.color },
      text('Channel', (r) => r.row.card.channel),
      text('Evidence', (r) => r.row.card.evidence),
      number('Votes', (r) => r.row.card.votes),
      number('Linked quotes', (r) => r.row.quotes),
      text('Card id', (r) => r.row.card.id),
    ]),
    rows,
    styles,
  );
}

export function emotionsSheet(maps: readonly MapData[], styles: Styles): SheetSpec {
  const rows = maps.flatMap((data) => {
    const n = names(data);
    const personaOrder = new Map(data.personas.map((p, i) => [p.id, i]));
    const curve = (id: string | null) => (id === null ? -1 : (personaOrder.get(id) ?? personaOrder.size));
    const points = [...data.emotions].sort(
      (a, b) =>
        (n.laneOrder.get(a.laneId) ?? 0) - (n.laneOrder.get(b.laneId) ?? 0) ||
        curve(a.personaId) - curve(b.personaId) ||
        (a.personaId ?? '').localeCompare(b.personaId ?? '') ||
        (n.stageOrder.get(a.stageId) ?? 0) - (n.stageOrder.get(b.stageId) ?? 0),
    );
    return points.map((point) => ({
      data,
      row: {
        point,
        lane: n.lane.get(point.laneId) ?? '',
        stage: n.stage.get(point.stageId) ?? '',
        curve: point.personaId === null ? TEAM_CURVE : (data.personaById.get(point.personaId)?.name ?? ''),
      },
    }));
  });
  type R = (typeof rows)[number]['row'];
  return tableSheet(
    'Emotions',
    withMap<R>(maps.length > 1, [
      text('Lane', (r) => r.row.lane),
      text('Stage', (r) => r.row.stage),
      text('Curve', (r) => r.row.curve),
      number('Score', (r) => r.row.point.score, 'score'),
      text('Label', (r) => orEmpty(r.row.point.label), 40),
    ]),
    rows,
    styles,
  );
}

export function quotesSheet(maps: readonly MapData[], styles: Styles): SheetSpec {
  const rows = maps.flatMap((data) => {
    const n = names(data);
    // A linked quote is on one stage at least: the first of them, in the map's order.
    const first = (ids: string[]) => n.stageOrder.get(ids[0] ?? '') ?? 0;
    // Stage by stage, as the map reads; newest first within a stage (the order they are read in).
    const quotes = data.quotes.map((q, i) => ({ q, i })).sort((a, b) => first(a.q.stageIds) - first(b.q.stageIds) || a.i - b.i);
    return quotes.map(({ q }) => ({ data, row: { ...q, stages: q.stageIds.map((id) => n.stage.get(id) ?? '').join('; ') } }));
  });
  type R = (typeof rows)[number]['row'];
  return tableSheet(
    'Quotes',
    withMap<R>(maps.length > 1, [
      text('Quote', (r) => orEmpty(r.row.quote.text), 60),
      text('Participant', (r) => orEmpty(r.row.participant)),
      { header: 'Said on', kind: 'day', value: (r) => r.row.quote.saidOn },
      text('Interview', (r) => r.row.interview?.title ?? null),
      { header: 'Interview date', kind: 'day', value: (r) => r.row.interview?.heldOn ?? null },
      text('Persona', (r) => orEmpty(r.row.persona)),
      number('Sentiment', (r) => r.row.quote.sentiment, 'score'),
      text('Tags', (r) => orEmpty(r.row.tags.join(', '))),
      text('Stages', (r) => orEmpty(r.row.stages), 40),
      text('Quote id', (r) => r.row.quote.id),
    ]),
    rows,
    styles,
  );
}

export function personasSheet(maps: readonly MapData[], styles: Styles): SheetSpec {
  const rows = maps.flatMap((data) => data.personas.map((persona) => ({ data, row: persona })));
  type R = (typeof rows)[number]['row'];
  return tableSheet(
    'Personas',
    withMap<R>(maps.length > 1, [
      text('Persona', (r) => r.row.name),
      text('Role', (r) => orEmpty(r.row.role)),
      text('Quote', (r) => orEmpty(r.row.quote), 40),
      text('Goals', (r) => orEmpty(r.row.goals), 40),
      text('Needs', (r) => orEmpty(r.row.needs), 40),
      text('Frustrations', (r) => orEmpty(r.row.frustrations), 40),
      { header: 'Colour', kind: 'color', value: (r) => r.row.color },
    ]),
    rows,
    styles,
  );
}

export function metricsSheet(maps: readonly MapData[], styles: Styles): SheetSpec {
  const rows = maps.flatMap((data) => {
    const n = names(data);
    // data.metrics is in name and day order; stage by stage, keeping that order within a stage.
    const metrics = data.metrics.map((m, i) => ({ m, i })).sort((a, b) => (n.stageOrder.get(a.m.stageId) ?? 0) - (n.stageOrder.get(b.m.stageId) ?? 0) || a.i - b.i);
    return metrics.map(({ m }) => ({ data, row: { metric: m, stage: n.stage.get(m.stageId) ?? '' } }));
  });
  type R = (typeof rows)[number]['row'];
  return tableSheet(
    'Metrics',
    withMap<R>(maps.length > 1, [
      text('Stage', (r) => r.row.stage),
      text('Metric', (r) => r.row.metric.name),
      number('Value', (r) => r.row.metric.value),
      text('Unit', (r) => orEmpty(r.row.metric.unit)),
      text('Source', (r) => orEmpty(r.row.metric.source), 40),
      { header: 'Measured', kind: 'day', value: (r) => r.row.metric.measuredAt },
    ]),
    rows,
    styles,
  );
}

export const TABLE_SHEETS = ['Cards', 'Emotions', 'Quotes', 'Personas', 'Metrics'] as const;
