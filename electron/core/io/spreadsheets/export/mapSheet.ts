/**
 * The Map sheet: the grid as people draw it. Stages across (bold names on a filled header row), lanes down
 * (their titles in frozen columns A and B), and in each cell what the canvas shows there: the cards as lines
 * (a bullet each when there are several), the owner, the emotion scores as numbers with their labels on a
 * row below, each metric on a row of its own as numbers, and the quotes behind each stage (how many, and the
 * newest three). A lane of several rows has its title in column A over all of them and each row's name in B;
 * a lane of one row has its title across A and B. Pure.
 */
import type { Card, EmotionPoint, Lane, Metric } from '../../../../api/types.ts';
import { clamp, cut, emptyCell, longestLine, numberCell, rowHeight, textCell, wrappedLines, CELL_TEXT_MAX, type Cell, type Range, type SheetSpec } from './cells.ts';
import type { LinkedQuote, MapData } from './data.ts';
import { colorOf, isDark, Styles, type Style } from './styles.ts';

export const MAP_COLORS = { header: 'DCE6F1', lane: 'F2F2F2', bad: 'F4B183', good: 'A9D18E' } as const;
/** Quotes shown in a stage's cell of an evidence lane (the Quotes sheet has them all). */
export const NEWEST_QUOTES = 3;
export const QUOTE_CHARS = 90;
const STAGE_WIDTH = { min: 14, max: 40 };
const TITLE_WIDTH = { min: 12, max: 28 };
/** Bold text is about a tenth wider. */
const BOLD = 1.1;

/** What one cell shows before it is styled. */
type Content = { text: string; style: Style } | { number: number; style: Style };
/** A row of the grid: its lane's title, its own name (lanes of several rows), and a cell per stage. */
interface GridRow {
  lane: string;
  name: string | null;
  cells: (Content | null)[];
}

const GRID: Style = { border: true, wrap: true, top: true };
const flat = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** A fill between white and `to`, `share` (0…1) of the way. */
function tint(to: string, share: number): string {
  const channel = (i: number) => {
    const v = parseInt(to.slice(i, i + 2), 16);
    return Math.round(255 - (255 - v) * share)
      .toString(16)
      .padStart(2, '0');
  };
  return `${channel(0)}${channel(2)}${channel(4)}`.toUpperCase();
}

/** A score's cell: the number, signed, filled redder the worse and greener the better on the map's scale. */
export function scoreStyle(score: number, min: number, max: number): Style {
  const style: Style = { border: true, center: true, top: true, format: 'score' };
  if (score < 0) return { ...style, fill: tint(MAP_COLORS.bad, Math.min(1, score / min)) };
  if (score > 0) return { ...style, fill: tint(MAP_COLORS.good, Math.min(1, score / max)) };
  return style;
}

/** The lines of a cell of cards: each card's text on one line, a bullet before each when there are several. */
export function cardLines(texts: readonly { text: string; votes: number }[]): string {
  const lines = texts.map((c) => `${texts.length > 1 ? '• ' : ''}${flat(c.text)}${c.votes > 0 ? ` · ${plural(c.votes, 'vote')}` : ''}`);
  let out = '';
  for (const [i, line] of lines.entries()) {
    const rest = lines.length - i - 1;
    const more = `\n… and ${plural(rest + 1, 'more card')} (see the Cards sheet)`;
    // The first card always goes in (the contract keeps a card's text far shorter than a cell's limit).
    if (i > 0 && out.length + line.length + 1 + (rest > 0 ? more.length : 0) > CELL_TEXT_MAX) return out + more;
    out += (i > 0 ? '\n' : '') + line;
  }
  return out;
}

function cardRow(data: MapData, lane: Lane, inCell: Map<string, Card[]>): GridRow {
  const cells = data.stages.map((stage): Content | null => {
    const cards = inCell.get(`${lane.id}\n${stage.id}`);
    if (cards === undefined) return null;
    const color = cards.length === 1 ? colorOf(cards[0]?.color ?? null) : null;
    const style: Style = color === null ? GRID : { ...GRID, fill: color, ...(isDark(color) ? { color: 'FFFFFF' } : {}) };
    return { text: cardLines(cards), style };
  });
  return { lane: lane.title, name: null, cells };
}

function emotionRows(data: MapData, lane: Lane): GridRow[] {
  const { emotionMin: min, emotionMax: max } = data.map;
  const points = data.emotions.filter((e) => e.laneId === lane.id);
  const order = new Map(data.personas.map((p, i) => [p.id, i]));
  const personaIds = [...new Set(points.flatMap((e) => (e.personaId === null ? [] : [e.personaId])))].sort(
    (a, b) => (order.get(a) ?? order.size) - (order.get(b) ?? order.size) || (data.personaById.get(a)?.name ?? a).localeCompare(data.personaById.get(b)?.name ?? b),
  );
  const rows: GridRow[] = [];
  for (const personaId of [null, ...personaIds]) {
    const curve = new Map<string, EmotionPoint>(points.filter((e) => e.personaId === personaId).map((e) => [e.stageId, e]));
    const who = personaId === null ? null : (data.personaById.get(personaId)?.name ?? 'Persona');
    rows.push({
      lane: lane.title,
      name: who === null ? 'Score' : `${who}: score`,
      cells: data.stages.map((s) => {
        const point = curve.get(s.id);
        return point === undefined ? null : { number: point.score, style: scoreStyle(point.score, min, max) };
      }),
    });
    if ([...curve.values()].some((e) => e.label.trim() !== '')) {
      rows.push({
        lane: lane.title,
        name: who === null ? 'Label' : `${who}: label`,
        cells: data.stages.map((s) => {
          const label = curve.get(s.id)?.label.trim() ?? '';
          return label === '' ? null : { text: label, style: { ...GRID, center: true } };
        }),
      });
    }
  }
  return rows;
}

function metricRows(data: MapData, lane: Lane): GridRow[] {
  const key = (m: Metric) => `${m.name.trim().toLowerCase()}\n${m.unit.trim().toLowerCase()}`;
  // A row per metric name and unit (whatever their case), in name order (data.metrics' own).
  const byRow = new Map(data.metrics.map((m) => [key(m), { name: '', values: new Map<string, number>() }]));
  const order = new Map(data.stages.map((st, i) => [st.id, i]));
  // Stage by stage, each stage's measurements in day order (none first): a row is named as in its first stage,
  // and a later measurement of a stage replaces an earlier one.
  const metrics = data.metrics.map((m, i) => ({ m, i })).sort((a, b) => (order.get(a.m.stageId) ?? 0) - (order.get(b.m.stageId) ?? 0) || a.i - b.i);
  for (const { m } of metrics) {
    const row = byRow.get(key(m)) ?? { name: '', values: new Map<string, number>() };
    if (row.name === '') row.name = m.unit.trim() === '' ? m.name : `${m.name} (${m.unit})`;
    row.values.set(m.stageId, m.value);
  }
  if (byRow.size === 0) return [{ lane: lane.title, name: null, cells: data.stages.map(() => null) }];
  return [...byRow.values()].map((row) => ({
    lane: lane.title,
    name: row.name,
    cells: data.stages.map((s) => {
      const value = row.values.get(s.id);
      return value === undefined ? null : { number: value, style: { border: true, top: true, format: Number.isInteger(value) ? 'whole' : 'decimal' } };
    }),
  }));
}

function evidenceRows(data: MapData, lane: Lane): GridRow[] {
  const onStage = new Map<string, LinkedQuote[]>();
  for (const q of data.quotes) {
    for (const id of q.stageIds) {
      const list = onStage.get(id);
      if (list === undefined) onStage.set(id, [q]);
      else list.push(q);
    }
  }
  const quotes = data.stages.map((s) => onStage.get(s.id) ?? []);
  return [
    { lane: lane.title, name: 'Quotes', cells: quotes.map((qs) => ({ number: qs.length, style: { border: true, top: true, center: true, format: 'whole' } })) },
    {
      lane: lane.title,
      name: 'Newest quotes',
      cells: quotes.map((qs) => {
        if (qs.length === 0) return null;
        const lines = qs.slice(0, NEWEST_QUOTES).map((q) => `“${cut(flat(q.quote.text), QUOTE_CHARS)}”${q.participant.trim() === '' ? '' : ` — ${flat(q.participant)}`}`);
        if (qs.length > NEWEST_QUOTES) lines.push(`+ ${plural(qs.length - NEWEST_QUOTES, 'more quote')} (see the Quotes sheet)`);
        return { text: lines.join('\n'), style: GRID };
      }),
    },
  ];
}

function laneRows(data: MapData, lane: Lane, inCell: Map<string, Card[]>): GridRow[] {
  switch (lane.kind) {
    case 'emotion':
      return emotionRows(data, lane);
    case 'metrics':
      return metricRows(data, lane);
    case 'evidence':
      return evidenceRows(data, lane);
    case 'owners':
      return [{ lane: lane.title, name: null, cells: data.stages.map((s) => (s.owner.trim() === '' ? null : { text: s.owner, style: { ...GRID, bold: true } })) }];
    default:
      return [cardRow(data, lane, inCell)];
  }
}

const contentText = (c: Content | null): string => (c === null ? '' : 'text' in c ? c.text : String(c.number));

export function mapSheet(data: MapData, name: string, styles: Styles): SheetSpec {
  const inCell = new Map<string, Card[]>();
  for (const card of data.cards) {
    const key = `${card.laneId}\n${card.stageId}`;
    const cell = inCell.get(key);
    if (cell === undefined) inCell.set(key, [card]);
    else cell.push(card);
  }
  const groups = data.lanes.map((lane) => laneRows(data, lane, inCell));
  const grid = groups.flat();
  const fitted = (texts: string[], range: { min: number; max: number }, bold = false) =>
    clamp(Math.ceil(Math.max(0, ...texts.map((t) => longestLine(t) * (bold ? BOLD : 1))) + 2), range.min, range.max);
  // Column A holds the lanes' titles; B the names of the rows of lanes that have several (else it is narrow).
  const names = grid.flatMap((r) => (r.name === null ? [] : [r.name]));
  const widths = [fitted(data.lanes.map((l) => l.title), TITLE_WIDTH, true), names.length > 0 ? fitted(names, TITLE_WIDTH) : 2];
  data.stages.forEach((stage, i) => widths.push(fitted([stage.name, ...grid.map((r) => contentText(r.cells[i] ?? null))], STAGE_WIDTH, true)));
  const [widthA = 0, widthB = 0] = widths;

  const prefixed = (s: number) => styles.prefixed(s);
  const text = (t: string, style: Style): Cell => textCell(t, styles.id(style), prefixed);
  const laneStyle: Style = { ...GRID, bold: true, fill: MAP_COLORS.lane };
  const rows: Cell[][] = [];
  const merges: Range[] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 1 } }];
  const lines: number[] = [];

  const header: Cell[] = [text(data.map.title, { ...laneStyle, size: 12 }), emptyCell(styles.id(laneStyle))];
  let headerLines = wrappedLines(data.map.title, Math.floor((widthA + widthB) / 1.2));
  for (const [i, stage] of data.stages.entries()) {
    const fill = colorOf(stage.color) ?? MAP_COLORS.header;
    header.push(text(stage.name, { bold: true, border: true, wrap: true, top: true, fill, ...(isDark(fill) ? { color: 'FFFFFF' } : {}) }));
    headerLines = Math.max(headerLines, wrappedLines(stage.name, Math.floor((widths[i + 2] ?? 0) / BOLD)));
  }
  rows.push(header);
  lines.push(headerLines);

  for (const group of groups) {
    const first = rows.length;
    // A lane of named rows: its title in A (over all its rows), each row's name in B.
    const named = group[0]?.name != null;
    for (const [k, row] of group.entries()) {
      const r = rows.length;
      const cells: Cell[] = [
        k === 0 ? text(row.lane, laneStyle) : emptyCell(styles.id(laneStyle)),
        named ? text(row.name ?? '', { ...GRID, fill: MAP_COLORS.lane }) : emptyCell(styles.id(laneStyle)),
      ];
      let tallest = named ? wrappedLines(row.name ?? '', widthB) : wrappedLines(row.lane, Math.floor((widthA + widthB) / BOLD));
      for (const [i, content] of row.cells.entries()) {
        if (content === null) cells.push(emptyCell(styles.id(GRID)));
        else if ('text' in content) {
          cells.push(text(content.text, content.style));
          tallest = Math.max(tallest, wrappedLines(content.text, widths[i + 2] ?? 0));
        } else cells.push(numberCell(content.number, styles.id(content.style)));
      }
      if (!named) merges.push({ s: { r, c: 0 }, e: { r, c: 1 } });
      rows.push(cells);
      lines.push(tallest);
    }
    if (named) {
      if (group.length > 1) merges.push({ s: { r: first, c: 0 }, e: { r: rows.length - 1, c: 0 } });
      // The lane's title shows whole beside its rows: the last row grows when they are too short for it.
      const need = wrappedLines(group[0]?.lane ?? '', Math.floor(widthA / BOLD));
      const have = lines.slice(first).reduce((a, b) => a + b, 0);
      if (need > have) lines[lines.length - 1] = (lines.at(-1) ?? 0) + need - have;
    }
  }
  return { name, rows, widths, heights: lines.map(rowHeight), merges, freeze: { rows: 1, cols: 2 }, filter: false, print: 'map' };
}
