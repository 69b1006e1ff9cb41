/**
 * CSV and TSV files, read with Papa Parse: the field separator is detected (comma, semicolon, tab, pipe) or
 * chosen; quoted fields may hold separators, doubled quotes and line breaks. Rows are numbered as a
 * spreadsheet program numbers them (a quoted line break does not start a new row); blank rows are skipped.
 */
import Papa from 'papaparse';
import { decodeText } from './encoding.ts';
import { DELIMITERS, SPREADSHEET_LIMITS, type Delimiter, type GridRow, type ReadOptions, type ReadResult, type SourceInfo } from './types.ts';

const isDelimiter = (value: string): value is Delimiter => (DELIMITERS as readonly string[]).includes(value);

export function readCsv(bytes: Uint8Array, options: ReadOptions = {}): ReadResult {
  const { text, encoding } = decodeText(bytes, options.encoding);
  const maxRows = options.maxRows ?? SPREADSHEET_LIMITS.rows;
  // Guessed on the first rows with blank lines left out (Papa Parse counts them against every separator).
  const guessed = options.delimiter ?? Papa.parse<string[]>(text, { delimitersToGuess: [...DELIMITERS], preview: 50, skipEmptyLines: 'greedy' }).meta.delimiter;
  const parsed = Papa.parse<string[]>(text, {
    delimiter: isDelimiter(guessed) ? guessed : ',',
    header: false,
    skipEmptyLines: false,
    preview: maxRows + 1,
  });
  const delimiter: Delimiter = isDelimiter(parsed.meta.delimiter) ? parsed.meta.delimiter : ',';
  const source: SourceInfo = { kind: 'csv', encoding, delimiter, sheets: [], sheet: null };
  const unclosed = parsed.errors.find((e) => e.code === 'MissingQuotes');
  if (unclosed) {
    const row = (unclosed.row ?? 0) + 1;
    return { ok: false, source, message: `Row ${row}: a quoted field is never closed (a " is missing), so the rest of the file cannot be read. Nothing was imported.` };
  }
  // The line break that ends the last row (as every program writes it) is no row of its own.
  const last = parsed.data[parsed.data.length - 1];
  const lines = parsed.data.length - (last?.length === 1 && last[0] === '' ? 1 : 0);
  if (lines > maxRows) {
    return { ok: false, source, message: `The file has more than ${maxRows.toLocaleString('en')} rows, more than one import can take; split it into smaller files.` };
  }
  const rows: GridRow[] = [];
  for (const [i, cells] of parsed.data.entries()) {
    if (cells.length > SPREADSHEET_LIMITS.columns) {
      return { ok: false, source, message: `Row ${i + 1} has ${cells.length} columns; at most ${SPREADSHEET_LIMITS.columns} can be read. Is the separator right?` };
    }
    if (cells.some((c) => c.trim() !== '')) rows.push({ row: i + 1, cells });
  }
  if (rows.length === 0) return { ok: false, source, message: 'The file is empty: it has no rows with anything in them.' };
  return { ok: true, source, rows };
}
