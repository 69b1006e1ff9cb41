/**
 * What the map imports share: the contract's file read into a grid (a file that cannot be read at all is
 * refused, Invalid), the map a Waymark workbook came from, personas found by name, the preview's cells, and
 * the refusal of an import that still has problems.
 */
import { invalid } from '../../../api/errors.ts';
import { MAP_IMPORT_LIMITS, type MapImportCell, type MapImportProblem, type WorkbookOrigin } from '../../../api/mapImports.ts';
import type { Delimiter, Encoding } from '../../../api/imports.ts';
import type { CardsSheet } from '../spreadsheets/mapGrid/cardsSheet.ts';
import { readMapSheet, type MapSheet } from '../spreadsheets/mapGrid/index.ts';
import type { FinalCard, MapCell } from '../spreadsheets/mapGrid/reconcile.ts';
import type { Named, NamedStage } from '../spreadsheets/mapGrid/match.ts';
import type { Content } from '../spreadsheets/mapGrid/content.ts';
import { NON_CARD_KINDS } from '../spreadsheets/mapGrid/kinds.ts';
import { requireMap } from '../../maps.ts';
import type { Ctx } from '../../records.ts';

export interface MapFileInput {
  file: string;
  fileName: string;
  sheet?: string | undefined;
  encoding?: Encoding | undefined;
  delimiter?: Delimiter | undefined;
}

export function readMapFile(input: MapFileInput): MapSheet {
  const bytes = new Uint8Array(Buffer.from(input.file, 'base64'));
  const read = readMapSheet(bytes, input.fileName, { sheet: input.sheet, encoding: input.encoding, delimiter: input.delimiter });
  if (!read.ok) throw invalid(read.message, [`file: ${read.message}`]);
  return read.sheet;
}

/**
 * The map a Waymark workbook came from, here: the one most of its Cards rows' ids are cards of, or — when no
 * id is a card here (a map without cards) — the one map whose title is the grid's first cell.
 */
export function originOf(ctx: Ctx, sheet: MapSheet): WorkbookOrigin | null {
  return sheet.cards === null ? null : workbookOrigin(ctx, sheet.cards, sheet.grid.corner);
}

/** The map a workbook's Cards sheet comes from, here (see originOf); `title` is the grid's first cell. */
export function workbookOrigin(ctx: Ctx, cards: CardsSheet, title: string): WorkbookOrigin {
  const ids = cards.rows.flatMap((r) => (r.id === null ? [] : [r.id]));
  const found = ctx.db
    .prepare('SELECT map_id FROM cards WHERE id IN (SELECT value FROM json_each(?)) GROUP BY map_id ORDER BY count(*) DESC, map_id LIMIT 1')
    .pluck()
    .get(JSON.stringify(ids)) as string | undefined;
  let mapId = found ?? null;
  if (mapId === null && ids.length === 0 && title !== '') {
    const named = ctx.db.prepare('SELECT id FROM maps WHERE title = ? COLLATE NOCASE').pluck().all(title) as string[];
    if (named.length === 1) mapId = named[0] ?? null;
  }
  const map = mapId === null ? null : requireMap(ctx, mapId);
  return { title, map: map === null ? null : { id: map.id, title: map.title, updatedAt: map.updatedAt }, cardIds: ids.length };
}

/** "an emotion", "a text": how a message names a kind of lane. */
export const an = (kind: string): string => `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;

/**
 * The grid's cells of card lanes as the Map and Cards sheets are put together with them: each keyed by its lane
 * and stage (`lanes` and `stages`, one per lane and stage of the grid), and each line's text with the cells that
 * show it.
 */
export function gridCells(sheet: MapSheet, content: Content, lanes: readonly Named[], stages: readonly NamedStage[]) {
  const cells: MapCell[] = [];
  const lineCells = new Map<string, { lane: Named; stage: NamedStage }[]>();
  sheet.grid.lanes.forEach((row, l) => {
    const lane = lanes[l];
    for (const c of content.lanes[l]?.cells ?? []) {
      const stage = stages[c.stage];
      const column = sheet.grid.stages[c.stage];
      if (lane === undefined || stage === undefined || column === undefined) continue;
      cells.push({ key: `${lane.key}\n${stage.key}`, cell: `${column.letter}${row.row}`, lines: c.lines, truncated: c.truncated });
      for (const line of c.lines) lineCells.set(line.text, [...(lineCells.get(line.text) ?? []), { lane, stage }]);
    }
  });
  return { cells, lineCells };
}

/** Personas by name (whatever the case), the first made of a name when two share one (made in one instant: the first written). */
export function personasByName(ctx: Ctx): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of ctx.db.prepare('SELECT id, name FROM personas ORDER BY created_at, rowid').all() as { id: string; name: string }[]) {
    const key = p.name.toLowerCase();
    if (!out.has(key)) out.set(key, p.id);
  }
  return out;
}

/** The preview's cells: lane by lane, stage by stage, what each would hold (the first MAP_IMPORT_LIMITS.previewCells). */
export function previewCells(sheet: MapSheet, content: Content, cards: (lane: number, stage: number) => readonly FinalCard[]): MapImportCell[] {
  const out: MapImportCell[] = [];
  const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');
  sheet.grid.lanes.forEach((row, l) => {
    const lane = content.lanes[l];
    if (lane === undefined) return;
    sheet.grid.stages.forEach((stage, s) => {
      let items: string[];
      if (lane.kind === 'emotion') {
        items = lane.curves.flatMap((c) => {
          const score = c.scores[s];
          if (!score) return [];
          const label = c.labels?.[s]?.value ?? '';
          return [`${c.persona === null ? '' : `${c.persona}: `}${signed(score.value)}${label === '' ? '' : ` (${label})`}`];
        });
      } else if (lane.kind === 'metrics') {
        items = lane.metrics.flatMap((m) => {
          const v = m.values[s];
          return v ? [`${m.name}: ${v.value.toLocaleString('en')}${m.unit === '' ? '' : ` ${m.unit}`}`] : [];
        });
      } else if (lane.kind === 'owners') {
        const owner = lane.owners[s];
        items = owner ? [owner.value] : [];
      } else if (lane.kind === 'evidence') {
        return;
      } else {
        items = cards(l, s).map((c) => c.text);
      }
      // A cell whose text is not what its lane's kind reads (a word in an emotion lane) shows that text, as the file has it.
      if (items.length === 0 && NON_CARD_KINDS.has(lane.kind)) items = row.rows.flatMap((r) => (r.cells[s] ? [r.cells[s]] : []));
      if (items.length === 0 || out.length >= MAP_IMPORT_LIMITS.previewCells) return;
      const shown = MAP_IMPORT_LIMITS.previewCardsPerCell;
      out.push({ cell: `${stage.letter}${row.row}`, lane: l, stage: s, items: items.slice(0, shown), more: Math.max(0, items.length - shown) });
    });
  });
  return out;
}

const count = (n: number): string => n.toLocaleString('en');

/** Why an import or update was refused, in words: the first problems, cell by cell. Nothing is written. */
export function refusal(problems: readonly MapImportProblem[], what: string): never {
  const issues = problems.slice(0, 20).map((p) => (p.cell === null ? p.message : `${p.cell}: ${p.message}`));
  const first = issues[0] ?? '';
  const head = problems.length === 1 ? first : `The file has ${count(problems.length)} problems (the first: ${first.replace(/\.$/, '')})`;
  throw invalid(`${head.replace(/\.$/, '')}. ${what}`, issues);
}
