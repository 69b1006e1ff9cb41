/** What the spreadsheet readers give: a grid of rows of strings, read from a CSV, TSV or workbook file. */
import { IMPORT_LIMITS, type Delimiter, type Encoding, type ImportSource } from '../../../api/imports.ts';

export { DELIMITERS, ENCODINGS, type Delimiter, type Encoding } from '../../../api/imports.ts';

export type SpreadsheetKind = ImportSource['kind'];
export type SourceInfo = ImportSource;

/** Limits on what is read: larger files are refused in words, never half-read. */
export const SPREADSHEET_LIMITS = { bytes: IMPORT_LIMITS.bytes, rows: IMPORT_LIMITS.rows, columns: IMPORT_LIMITS.columns } as const;

/** One row of the grid: its number as a spreadsheet program shows it (1 = the first row), and its cells. */
export interface GridRow {
  row: number;
  cells: string[];
}

export interface ReadOptions {
  encoding?: Encoding | undefined;
  delimiter?: Delimiter | undefined;
  /** The sheet of a workbook to read (by name); the first one with something in it when absent. */
  sheet?: string | undefined;
  /** For tests: a lower row limit than SPREADSHEET_LIMITS.rows. */
  maxRows?: number | undefined;
  /** Workbooks: also read these sheets (by name) when the workbook has them, e.g. a table kept beside a grid. */
  alsoSheets?: readonly string[] | undefined;
}

/** A merged range of cells, from its top-left cell `s` to its bottom-right `e` (0-based rows and columns, as SheetJS has them). */
export interface MergedRange {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

export type ReadResult =
  | {
      ok: true;
      source: SourceInfo;
      rows: GridRow[];
      /** Workbooks: the sheet's merged ranges (each range's value is in every cell of it, in `rows`). */
      merges?: MergedRange[];
      /** Workbooks: the cells that hold a formula ("C7"), whose value in `rows` is the one last calculated and saved. */
      formulas?: string[];
      /** Workbooks: the grids of the `alsoSheets` the workbook has (within the size limits), by name. */
      others?: Map<string, GridRow[]>;
    }
  /** A file that cannot be read at all (broken, encrypted, too large), or a sheet that is empty; `source` when known. */
  | { ok: false; message: string; source: SourceInfo | null };
