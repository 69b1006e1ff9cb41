/**
 * A map's grid from the bytes of a spreadsheet (CSV, TSV, XLSX, XLS, ODS), read by the spreadsheet reader
 * (readSpreadsheet: encodings, separators, SheetJS behind a whole-ZIP check, its limits), and, when the file is a
 * workbook Waymark exported, its Cards sheet. Pure.
 */
import { readSpreadsheet } from '../index.ts';
import { TABLE_SHEETS } from '../export/tableSheets.ts';
import type { ReadOptions, SourceInfo } from '../types.ts';
import { CARDS_SHEET, readCardsSheet, type CardsSheet } from './cardsSheet.ts';
import { readGrid, type Grid } from './grid.ts';

export interface MapSheet {
  source: SourceInfo;
  grid: Grid;
  /** The Cards sheet beside the grid, when the file is a workbook Waymark exported (its rows of this map only). */
  cards: CardsSheet | null;
}

export type MapSheetRead = { ok: true; sheet: MapSheet } | { ok: false; message: string };

/**
 * The grid of the chosen sheet (the first with something in it when none is chosen). A file that cannot be
 * read at all is refused (ok: false); a sheet that can be read but holds no grid (an empty sheet, one over the
 * limits) gives a grid whose problems say so, so the person can choose another sheet.
 */
export function readMapSheet(bytes: Uint8Array, fileName: string, options: Pick<ReadOptions, 'encoding' | 'delimiter' | 'sheet'> = {}): MapSheetRead {
  const read = readSpreadsheet(bytes, fileName, { ...options, alsoSheets: [CARDS_SHEET] });
  if (!read.ok) {
    if (read.source === null) return { ok: false, message: read.message };
    return { ok: true, sheet: { source: read.source, grid: { title: null, corner: '', labelColumn: false, stages: [], lanes: [], problems: [{ cell: null, message: read.message }], warnings: [] }, cards: null } };
  }
  const grid = readGrid(read.rows, read.merges, read.formulas);
  const table = (TABLE_SHEETS as readonly string[]).includes(read.source.sheet ?? '');
  // With several maps in the workbook, the Cards sheet's Map column says which rows are this grid's: the map's title is its first cell.
  const cards = table || grid.stages.length === 0 ? null : readCardsSheet(read.others?.get(CARDS_SHEET), grid.corner);
  return { ok: true, sheet: { source: read.source, grid, cards } };
}
