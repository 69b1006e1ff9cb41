/**
 * Workbooks (Excel .xlsx and .xls, OpenDocument .ods), read with SheetJS from the bytes (never from a path).
 * One sheet becomes a grid of strings: formulas give their cached values, dates become YYYY-MM-DD, a merged
 * range gives its value to every cell it covers, percentages keep their % ("12.5%"), other numbers are written
 * plainly (1200, not "1,200"). Encrypted, broken, empty and oversized sheets are refused in words. With the
 * grid come the sheet's merged ranges and the cells that hold formulas (a map's grid says what it did with
 * them), and the other sheets asked for (the Cards table beside an exported map).
 */
import * as XLSX from 'xlsx';
import { SPREADSHEET_LIMITS, type GridRow, type MergedRange, type ReadOptions, type ReadResult, type SourceInfo, type SpreadsheetKind } from './types.ts';
import { zipEntry, zipIsWhole } from './zip.ts';

const PASSWORD =
  'The workbook is protected with a password, so Waymark cannot read it. Open it in Excel or LibreOffice, save a copy without the password, and import that.';

/** An OpenDocument file whose manifest lists encryption data is password-protected. */
function encryptedOpenDocument(bytes: Uint8Array): boolean {
  const manifest = zipEntry(bytes, 'META-INF/manifest.xml');
  return manifest !== null && new TextDecoder().decode(manifest).includes('encryption-data');
}

function why(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/password|encrypt/i.test(message)) return PASSWORD;
  return 'The workbook cannot be read: the file is damaged or is not a spreadsheet (it may have been cut short while copying). Nothing was imported.';
}

/** A cell as text: the value a person sees in the cell, in a form the import can read back. */
function cellText(cell: XLSX.CellObject | undefined): string {
  if (cell?.v === undefined) return '';
  const v = cell.v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? (cell.w ?? '') : v.toISOString().slice(0, 10);
  switch (cell.t) {
    case 'n': {
      if (typeof v !== 'number') return String(v);
      if (cell.w !== undefined && /%\s*$/.test(cell.w)) return cell.w.replace(/\s+/g, '');
      return String(Number(v.toPrecision(15)));
    }
    case 'b':
      return v === true ? 'TRUE' : 'FALSE';
    case 'e':
      return cell.w ?? '#ERROR';
    default:
      return String(v);
  }
}

export function readWorkbook(bytes: Uint8Array, kind: SpreadsheetKind, options: ReadOptions = {}): ReadResult {
  const maxRows = options.maxRows ?? SPREADSHEET_LIMITS.rows;
  if (kind === 'ods' && encryptedOpenDocument(bytes)) return { ok: false, source: null, message: PASSWORD };
  if ((kind === 'xlsx' || kind === 'ods') && !zipIsWhole(bytes)) return { ok: false, source: null, message: why(new Error('cut short')) };
  let book: XLSX.WorkBook;
  try {
    book = XLSX.read(bytes, { type: 'array', cellDates: true, dense: true, sheetRows: maxRows + 1, cellHTML: false, cellStyles: false, bookVBA: false });
  } catch (error) {
    return { ok: false, source: null, message: why(error) };
  }
  const sheets = book.SheetNames;
  if (sheets.length === 0) return { ok: false, source: null, message: 'The workbook has no sheets.' };
  const nonEmpty = (name: string) => (book.Sheets[name]?.['!ref'] ?? '') !== '' && grid(book.Sheets[name]).length > 0;
  const name = options.sheet ?? sheets.find(nonEmpty) ?? sheets[0] ?? '';
  const source: SourceInfo = { kind, encoding: null, delimiter: null, sheets, sheet: name };
  const sheet = book.Sheets[name];
  if (sheet === undefined) {
    return { ok: false, source: { ...source, sheet: sheets[0] ?? null }, message: `The workbook has no sheet "${name}"; its sheets are ${sheets.map((s) => `"${s}"`).join(', ')}.` };
  }
  const full = (sheet['!fullref'] as string | undefined) ?? sheet['!ref'];
  if (full !== undefined) {
    const range = XLSX.utils.decode_range(full);
    if (range.e.r + 1 > maxRows) {
      return { ok: false, source, message: `The sheet "${name}" has ${(range.e.r + 1).toLocaleString('en')} rows, more than one import can take (${maxRows.toLocaleString('en')}); split it into smaller sheets.` };
    }
    if (range.e.c + 1 > SPREADSHEET_LIMITS.columns) {
      return { ok: false, source, message: `The sheet "${name}" has ${range.e.c + 1} columns; at most ${SPREADSHEET_LIMITS.columns} can be read.` };
    }
  }
  const rows = grid(sheet);
  if (rows.length === 0) {
    const others = sheets.filter((s) => s !== name && nonEmpty(s));
    const hint = others.length > 0 ? ` Choose another sheet: ${others.map((s) => `"${s}"`).join(', ')}.` : '';
    return { ok: false, source, message: `The sheet "${name}" is empty.${hint}` };
  }
  const others = new Map<string, GridRow[]>();
  for (const other of options.alsoSheets ?? []) {
    const table = other === name ? undefined : book.Sheets[other];
    if (table !== undefined && withinLimits(table, maxRows)) others.set(other, grid(table));
  }
  return { ok: true, source, rows, merges: (sheet['!merges'] ?? []).map((m): MergedRange => ({ s: { ...m.s }, e: { ...m.e } })), formulas: formulaCells(sheet), others };
}

/** Whether a sheet is no larger than one import can take. */
function withinLimits(sheet: XLSX.WorkSheet, maxRows: number): boolean {
  const full = (sheet['!fullref'] as string | undefined) ?? sheet['!ref'];
  if (full === undefined) return true;
  const range = XLSX.utils.decode_range(full);
  return range.e.r < maxRows && range.e.c < SPREADSHEET_LIMITS.columns;
}

/** The cells of a sheet that hold a formula, by address, row by row. */
function formulaCells(sheet: XLSX.WorkSheet): string[] {
  const out: string[] = [];
  // A dense sheet's rows and cells have holes where nothing is; forEach passes over them.
  (sheet['!data'] ?? []).forEach((row, r) => {
    row.forEach((cell, c) => {
      if (cell.f !== undefined && cell.f !== '') out.push(XLSX.utils.encode_cell({ r, c }));
    });
  });
  return out;
}

/** The sheet's non-blank rows, each merged range's value copied into every cell of it. */
function grid(sheet: XLSX.WorkSheet | undefined): GridRow[] {
  if (sheet === undefined || sheet['!ref'] === undefined) return [];
  const range = XLSX.utils.decode_range(sheet['!ref']);
  const data = sheet['!data'] ?? [];
  const width = range.e.c + 1;
  const cells: string[][] = [];
  for (let r = 0; r <= range.e.r; r++) {
    const source = data[r] ?? [];
    cells.push(Array.from({ length: width }, (_, c) => cellText(source[c])));
  }
  for (const merge of sheet['!merges'] ?? []) {
    const value = cells[merge.s.r]?.[merge.s.c] ?? '';
    for (let r = merge.s.r; r <= Math.min(merge.e.r, cells.length - 1); r++) {
      const row = cells[r];
      if (row === undefined) continue;
      for (let c = merge.s.c; c <= Math.min(merge.e.c, width - 1); c++) row[c] = value;
    }
  }
  const rows: GridRow[] = [];
  cells.forEach((row, r) => {
    if (row.some((c) => c.trim() !== '')) rows.push({ row: r + 1, cells: row });
  });
  return rows;
}
