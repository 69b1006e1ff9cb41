/**
 * What each lane of a grid holds once its kind is set: cards (a card per line of a cell; the rows of a lane
 * add to the same cells), an emotion curve (a row of whole scores, then a row of labels; in Waymark's workbook
 * column B names them, "Score" and "Label", and a persona's as "Ana: score"), metrics (a row each, named in
 * column B — "Conversion (%)" is the metric Conversion in % — or by the lane), the stages' owners, or nothing
 * (an evidence lane shows the quotes linked to a stage: they are not on the grid). Every cell that cannot be
 * what its lane's kind needs is a problem at its address. Pure.
 */
import { characterCount, LIMITS } from '../../../../api/fields.ts';
import { MAP_IMPORT_LIMITS, type MapImportProblem } from '../../../../api/mapImports.ts';
import { RESEARCH_LIMITS } from '../../../../api/research.ts';
import type { LaneKind } from '../../../../api/types.ts';
import { amount, wholeNumber } from '../table.ts';
import { address, type Grid, type GridLane } from './grid.ts';
import { CURVE_ROW, NON_CARD_KINDS } from './kinds.ts';
import { cardLines, type CardLine } from './lines.ts';

export interface ImportLine extends CardLine {
  cell: string;
}

/** The cards of one cell (a lane's rows together), line by line; every stage of a card lane has one. */
export interface CardCell {
  stage: number;
  lines: ImportLine[];
  truncated: boolean;
}

export interface Valued<T> {
  value: T;
  cell: string;
}

/** One emotion curve: the team's (persona null) or a persona's, by name; a score and a label per stage. */
export interface Curve {
  persona: string | null;
  /** The cell that names it (for messages). */
  cell: string;
  scores: (Valued<number> | null)[];
  labels: (Valued<string> | null)[] | null;
}

export interface MetricRow {
  name: string;
  unit: string;
  cell: string;
  values: (Valued<number> | null)[];
}

export interface LaneContent {
  kind: LaneKind;
  cells: CardCell[];
  curves: Curve[];
  metrics: MetricRow[];
  /** The owners this lane gives stages (an owners lane). */
  owners: (Valued<string> | null)[];
  /** Cards, scores, metric values or owners it holds. */
  count: number;
}

export interface Content {
  lanes: LaneContent[];
  cards: number;
  /** Every stage's owner, from the first owners lane that names one. */
  owners: (Valued<string> | null)[];
  problems: MapImportProblem[];
  warnings: MapImportProblem[];
}

export interface ContentOptions {
  /** The scores an emotion curve may have (a new map: any a map's scale may reach; an update: the map's scale). */
  scale: { min: number; max: number };
}

const count = (n: number): string => n.toLocaleString('en');
/** A score with its sign, as a scale's ends are written (never 0: a scale's ends are below and above it). */
const signed = (n: number): string => (n > 0 ? `+${n}` : `−${-n}`);
const UNIT = /^(.*\S)\s*\(([^()]*)\)$/;

/** A stage's cell in a row of the grid ("D7"). */
type At = (row: number, stage: number) => string;

function cardContent(lane: GridLane, stages: number, at: At, options: ContentOptions, budget: { cards: number }, problems: MapImportProblem[]): CardCell[] {
  const out: CardCell[] = [];
  for (let s = 0; s < stages; s++) {
    const cell: CardCell = { stage: s, lines: [], truncated: false };
    for (const row of lane.rows) {
      const where = at(row.row, s);
      const read = cardLines(row.cells[s] ?? '');
      cell.truncated ||= read.truncated;
      for (const line of read.lines) {
        cell.lines.push({ ...line, cell: where });
        const length = characterCount(line.text);
        if (length > LIMITS.cardText) problems.push({ cell: where, message: `A card of ${count(length)} characters; a card may have at most ${count(LIMITS.cardText)}.` });
      }
    }
    budget.cards += cell.lines.length;
    // Every cell, empty ones too: a cell emptied in a workbook says its cards were taken out.
    out.push(cell);
  }
  return out;
}

function emotionContent(lane: GridLane, stages: number, at: At, options: ContentOptions, problems: MapImportProblem[], warnings: MapImportProblem[]): Curve[] {
  const curves: (Curve & { refused: Set<number> })[] = [];
  const curveOf = (persona: string | null, cell: string): Curve & { refused: Set<number> } => {
    // The team's curve is null; a persona's is found by its name, whatever the case.
    let curve = curves.find((c) => c.persona?.toLowerCase() === persona?.toLowerCase());
    if (curve === undefined) {
      curve = { persona, cell, scores: Array.from({ length: stages }, () => null), labels: null, refused: new Set() };
      curves.push(curve);
    }
    return curve;
  };
  let unnamed = 0;
  for (const row of lane.rows) {
    const named = CURVE_ROW.exec(row.label ?? '');
    const nameCell = address(row.row, named === null ? 0 : 1);
    let persona: string | null = null;
    let scores: boolean;
    if (named !== null) {
      persona = named[1] ?? null;
      scores = String(named[2]).toLowerCase() === 'score';
    } else {
      if (unnamed === 2) {
        problems.push({ cell: nameCell, message: `The emotion lane “${lane.title}” has a row of scores and a row of labels; this is a third row (a persona’s curve is named in column B, as “Ana: score” and “Ana: label”).` });
        continue;
      }
      scores = unnamed === 0;
      unnamed++;
    }
    const curve = curveOf(persona, nameCell);
    if (scores) {
      if (curve.scores.some((s) => s !== null)) {
        problems.push({ cell: nameCell, message: `A second row of scores for ${persona === null ? 'the team’s curve' : `${persona}’s curve`} in the lane “${lane.title}”.` });
        continue;
      }
      row.cells.forEach((text, s) => {
        if (text === '') return;
        const cell = at(row.row, s);
        const score = wholeNumber(text);
        if (score !== null && score >= options.scale.min && score <= options.scale.max) {
          curve.scores[s] = { value: score, cell };
          return;
        }
        curve.refused.add(s);
        problems.push({
          cell,
          message: score === null ? `“${text.slice(0, 40)}” is not a whole number, as a score of the emotion lane “${lane.title}” must be.` : `The score ${signed(score)} is outside the scale of ${signed(options.scale.min)} to ${signed(options.scale.max)}.`,
        });
      });
    } else {
      curve.labels = row.cells.map((text, s) => {
        if (text === '') return null;
        const cell = at(row.row, s);
        const label = text.replace(/\s+/g, ' ');
        if (characterCount(label) > LIMITS.shortText) problems.push({ cell, message: `The label is ${count(characterCount(label))} characters long; an emotion label may have at most ${count(LIMITS.shortText)}.` });
        return { value: label, cell };
      });
    }
  }
  for (const curve of curves) {
    curve.labels?.forEach((label, s) => {
      if (label !== null && curve.scores[s] === null && !curve.refused.has(s)) {
        warnings.push({ cell: label.cell, message: 'A label with no score beside it: an emotion point needs a score, so the label is not imported.' });
      }
    });
  }
  return curves.map(({ refused: _refused, ...curve }) => curve);
}

function metricContent(lane: GridLane, at: At, problems: MapImportProblem[]): MetricRow[] {
  const rows: MetricRow[] = [];
  lane.rows.forEach((row, i) => {
    if (row.cells.every((c) => c === '')) return;
    const named = row.label ?? (i === 0 ? lane.title : `${lane.title} ${i + 1}`);
    const nameCell = address(row.row, row.label === null ? 0 : 1);
    // "Conversion (%)" is the metric Conversion, in %; without a unit in brackets, the values' own (12.5%, € 40) is taken.
    const m = UNIT.exec(named);
    const name = m?.[1] ?? named;
    let unit = m?.[2]?.trim() ?? '';
    if (characterCount(name) > RESEARCH_LIMITS.metricName) problems.push({ cell: nameCell, message: `The metric’s name is longer than ${RESEARCH_LIMITS.metricName} characters.` });
    if (characterCount(unit) > RESEARCH_LIMITS.unit) problems.push({ cell: nameCell, message: `The metric’s unit is longer than ${RESEARCH_LIMITS.unit} characters.` });
    const values = row.cells.map((text, s) => {
      if (text === '') return null;
      const cell = at(row.row, s);
      const read = amount(text);
      if (read === null) {
        problems.push({ cell, message: `“${text.slice(0, 40)}” is not a number, as a value of the metrics lane “${lane.title}” must be.` });
        return null;
      }
      if (unit === '') unit = read.unit;
      return { value: read.value, cell };
    });
    rows.push({ name, unit, cell: nameCell, values });
  });
  return rows;
}

/** The lanes' content for the kinds given (one per lane of the grid, in order). */
export function interpret(grid: Grid, kinds: readonly LaneKind[], options: ContentOptions): Content {
  const problems: MapImportProblem[] = [];
  const warnings: MapImportProblem[] = [];
  const stages = grid.stages.length;
  const at: At = (row, s) => address(row, grid.stages[s]?.column ?? 0);
  const budget = { cards: 0 };
  const owners: (Valued<string> | null)[] = Array.from({ length: stages }, () => null);
  const lanes: LaneContent[] = [];
  for (const [i, lane] of grid.lanes.entries()) {
    const kind = kinds[i] ?? 'text';
    const content: LaneContent = { kind, cells: [], curves: [], metrics: [], owners: [], count: 0 };
    if (!NON_CARD_KINDS.has(kind)) {
      content.cells = cardContent(lane, stages, at, options, budget, problems);
      content.count = content.cells.reduce((n, c) => n + c.lines.length, 0);
      if (budget.cards > MAP_IMPORT_LIMITS.cards) {
        problems.push({ cell: null, message: `The grid holds more than ${count(MAP_IMPORT_LIMITS.cards)} cards, more than a map may hold; the rest of the sheet is not read.` });
        lanes.push(content);
        break;
      }
    } else if (kind === 'emotion') {
      content.curves = emotionContent(lane, stages, at, options, problems, warnings);
      content.count = content.curves.reduce((n, c) => n + c.scores.filter((s) => s !== null).length, 0);
    } else if (kind === 'metrics') {
      content.metrics = metricContent(lane, at, problems);
      content.count = content.metrics.reduce((n, m) => n + m.values.filter((v) => v !== null).length, 0);
    } else if (kind === 'owners') {
      content.owners = Array.from({ length: stages }, (_, s) => {
        const row = lane.rows.find((r) => (r.cells[s] ?? '') !== '');
        if (row === undefined) return null;
        const cell = at(row.row, s);
        // A cell's text is trimmed, and its line breaks with the spaces around them are one separator.
        const owner = (row.cells[s] ?? '').split(/\s*\n\s*/).join(', ');
        if (characterCount(owner) > LIMITS.name) problems.push({ cell, message: `The owner is ${count(characterCount(owner))} characters long; a stage’s owner may have at most ${LIMITS.name}.` });
        const earlier = owners[s];
        if (earlier != null) {
          if (earlier.value !== owner) warnings.push({ cell, message: `The stage’s owner is given in ${earlier.cell} already (“${earlier.value.slice(0, 40)}”); this one is not imported.` });
          return null;
        }
        owners[s] = { value: owner, cell };
        return owners[s];
      });
      content.count = content.owners.filter((o) => o !== null).length;
    } else if (lane.rows.some((r) => r.cells.some((c) => c !== ''))) {
      warnings.push({ cell: address(lane.row, 0), message: `The lane “${lane.title}” is imported as an evidence lane, which shows the quotes linked to each stage: what its cells hold is not imported (quotes come in with Import quotes… on the quote board).` });
    }
    lanes.push(content);
  }
  return { lanes, cards: budget.cards, owners, problems, warnings };
}
