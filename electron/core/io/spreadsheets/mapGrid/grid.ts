/**
 * A sheet's cells as a journey map's grid, the way teams draw one in a spreadsheet: the first row names the
 * stages (from column B; from column C when column B holds the names of a lane's rows, as in Waymark's own
 * workbook, where the map's title is in A1 over A1:B1), the first column names the lanes. A row whose first
 * cell is empty, or covered by the merged title of the lane above, is one more row of that lane.
 *
 * Merged cells: a stage name merged across columns is refused with its range (which column would be the
 * stage?); a merged range inside the grid gives its text once, to its first cell (a warning says so); a lane
 * title merged down several rows makes them one lane. Formulas: SheetJS gives the value saved with the file,
 * which is what is imported, and each such cell gets a warning. Duplicate stage names are allowed (a map may
 * have two stages of one name) and warned of. Pure.
 */
import type { MapImportProblem } from '../../../../api/mapImports.ts';
import { MAP_IMPORT_LIMITS } from '../../../../api/mapImports.ts';
import { characterCount, LIMITS } from '../../../../api/fields.ts';
import { columnName } from '../export/cells.ts';
import type { GridRow, MergedRange } from '../types.ts';

export interface GridStage {
  /** Its column (0 = A) and the column's letters. */
  column: number;
  letter: string;
  name: string;
}

export interface GridLaneRow {
  row: number;
  /** Column B's name for the row, when column B names rows. */
  label: string | null;
  /** The row's cell under each stage ('' when empty, or covered by a merged range that starts elsewhere). */
  cells: string[];
}

export interface GridLane {
  /** The row of its title. */
  row: number;
  title: string;
  rows: GridLaneRow[];
}

export interface Grid {
  /** The map's title, when the first cell names one (not a header such as "Lanes" or "Stage"). */
  title: string | null;
  /** The first cell's text, whatever it says (Waymark's workbook has the map's title there). */
  corner: string;
  /** Whether column B names rows (stages then start in column C). */
  labelColumn: boolean;
  stages: GridStage[];
  lanes: GridLane[];
  problems: MapImportProblem[];
  warnings: MapImportProblem[];
}

/** A cell's address from its 1-based row and 0-based column ("C7"). */
export const address = (row: number, column: number): string => `${columnName(column)}${row}`;

const rangeText = (m: MergedRange): string => `${address(m.s.r + 1, m.s.c)}:${address(m.e.r + 1, m.e.c)}`;
const HEADER_WORDS = /^(lanes?|stages?|steps?|phases?|journey( map)?|swim ?lanes?|rows?|columns?|(lane|stage) ?\/ ?(lane|stage))$/i;
const count = (n: number): string => n.toLocaleString('en');

/** Addresses listed in a sentence: "C4, C6 and 3 more". */
export function listed(cells: readonly string[], most = 3): string {
  if (cells.length > most) return `${cells.slice(0, most).join(', ')} and ${count(cells.length - most)} more`;
  return cells.length <= 1 ? cells.join('') : `${cells.slice(0, -1).join(', ')} and ${cells.slice(-1).join('')}`;
}

function refused(message: string): Grid {
  return { title: null, corner: '', labelColumn: false, stages: [], lanes: [], problems: [{ cell: null, message }], warnings: [] };
}

export function readGrid(rows: readonly GridRow[], merges: readonly MergedRange[] = [], formulas: readonly string[] = []): Grid {
  const header = rows[0];
  if (header === undefined) return refused('The sheet is empty: it has no grid of stages and lanes to import.');
  const last = rows.reduce((n, r) => Math.max(n, r.row), 0);
  if (last > MAP_IMPORT_LIMITS.rows) {
    return refused(`The sheet has ${count(last)} rows; a map’s grid may have at most ${count(MAP_IMPORT_LIMITS.rows)} (the stages’ row, then the lanes). Choose another sheet, or split the grid into several maps.`);
  }
  const width = rows.reduce((n, r) => Math.max(n, r.cells.length), 0);
  // Every cell a merged range covers apart from its first one (a range is cut to the sheet's edges).
  const covered = new Map<string, MergedRange>();
  for (const m of merges) {
    for (let r = m.s.r; r <= Math.min(m.e.r, last - 1); r++) {
      for (let c = m.s.c; c <= Math.min(m.e.c, width - 1); c++) if (r !== m.s.r || c !== m.s.c) covered.set(`${r + 1},${c}`, m);
    }
  }
  /** A cell's own text: '' where a merged range that starts elsewhere covers it. */
  const own = (row: GridRow, column: number): string => (covered.has(`${row.row},${column}`) ? '' : (row.cells[column] ?? '').trim());
  const problems: MapImportProblem[] = [];
  const warnings: MapImportProblem[] = [];
  const h = header.row;
  const body = rows.slice(1);

  const labelColumn = own(header, 1) === '' && header.cells.some((_, c) => c >= 2 && own(header, c) !== '');
  const first = labelColumn ? 2 : 1;
  for (const m of merges) {
    if ((m.e.r === m.s.r && m.e.c === m.s.c) || m.e.c < first) continue;
    if (m.s.r === h - 1) {
      if (m.e.c > m.s.c) problems.push({ cell: rangeText(m), message: `A stage name is merged across ${m.e.c - m.s.c + 1} columns: unmerge it, so that each stage has a column of its own.` });
      else warnings.push({ cell: rangeText(m), message: `Merged down from the stages’ row: only its first cell, ${address(m.s.r + 1, m.s.c)}, is read.` });
    } else if (m.s.r >= h) {
      const into = address(m.s.r + 1, m.s.c);
      warnings.push({ cell: rangeText(m), message: m.s.c < first ? `Merged across the stages’ columns: only its first cell, ${into}, is read.` : `Merged cells: what they hold is imported once, into ${into}.` });
    }
  }

  const stages: GridStage[] = [];
  for (let c = first; c < width; c++) {
    if (covered.has(`${h},${c}`)) continue;
    const name = own(header, c);
    const cell = address(h, c);
    if (name === '') {
      const used = body.filter((r) => own(r, c) !== '').map((r) => address(r.row, c));
      if (used.length > 0) problems.push({ cell, message: `The column has no stage name, but ${listed(used)} below it ${used.length === 1 ? 'holds' : 'hold'} something: name the stage here, or empty the column.` });
      continue;
    }
    if (characterCount(name) > LIMITS.name) problems.push({ cell, message: `The stage name is ${count(characterCount(name))} characters long; a stage’s name may have at most ${LIMITS.name}.` });
    const twin = stages.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (twin !== undefined) warnings.push({ cell, message: `A stage called “${twin.name}” is in ${twin.letter}${h} too: both are imported, as two stages.` });
    stages.push({ column: c, letter: columnName(c), name });
  }
  if (stages.length === 0) problems.push({ cell: address(h, first), message: `The first row names no stages: write the stages’ names across it, from column ${columnName(first)}.` });
  if (stages.length > MAP_IMPORT_LIMITS.stages) problems.push({ cell: null, message: `The grid has ${count(stages.length)} stages; a map may have at most ${count(MAP_IMPORT_LIMITS.stages)}.` });

  // A row whose first cell is empty (or covered by the merged title above it) is one more row of the lane above.
  const lanes: GridLane[] = [];
  let lane: GridLane | null = null;
  for (const r of body) {
    const title = own(r, 0);
    if (title !== '') {
      if (lanes.length === MAP_IMPORT_LIMITS.lanes) {
        problems.push({ cell: address(r.row, 0), message: `The grid has more than ${count(MAP_IMPORT_LIMITS.lanes)} lanes, more than a map may have; the rest of the sheet is not read.` });
        break;
      }
      if (characterCount(title) > LIMITS.name) problems.push({ cell: address(r.row, 0), message: `The lane’s title is ${count(characterCount(title))} characters long; a lane’s title may have at most ${LIMITS.name}.` });
      lane = { row: r.row, title, rows: [] };
      lanes.push(lane);
    } else if (lane === null) {
      problems.push({ cell: address(r.row, 0), message: 'The row holds something but has no lane: give it a title in column A.' });
      continue;
    }
    const label = labelColumn ? own(r, 1) : '';
    lane.rows.push({ row: r.row, label: label === '' ? null : label, cells: stages.map((s) => own(r, s.column)) });
  }

  const byRow = new Map(rows.map((r) => [r.row, r]));
  for (const at of formulas) {
    const m = /([A-Z]+)(\d+)/.exec(at);
    if (m === null) continue;
    const row = Number(m[2]);
    const letters = String(m[1]);
    let column = -1;
    for (let i = 0; i < letters.length; i++) column = (column + 1) * 26 + letters.charCodeAt(i) - 65;
    const cells = byRow.get(row);
    if (cells === undefined || row < h || column >= width || covered.has(`${row},${column}`)) continue;
    const value = own(cells, column);
    warnings.push({ cell: at, message: value === '' ? 'A formula with no value saved in the file: the cell is read as empty.' : `A formula: the value it showed when the file was last saved, “${value.slice(0, 60)}”, is imported, not the formula.` });
  }

  const corner = own(header, 0);
  const titleText = corner === '' || HEADER_WORDS.test(corner) ? null : Array.from(corner.replace(/\s+/g, ' ')).slice(0, LIMITS.title).join('').trim();
  return { title: titleText, corner, labelColumn, stages, lanes, problems, warnings };
}
