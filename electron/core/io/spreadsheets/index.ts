/**
 * Spreadsheet readers: bytes and the file's name in, a grid of rows of strings out (or a refusal in words).
 * Pure (no database, no files): the import modules map the grid onto quotes and metrics.
 */
import { readCsv } from './csv.ts';
import { SPREADSHEET_LIMITS, type ReadOptions, type ReadResult, type SpreadsheetKind } from './types.ts';
import { readWorkbook } from './workbook.ts';

export * from './types.ts';
export { detectEncoding, decodeText } from './encoding.ts';

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const COMPOUND = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** What the file is: by its first bytes (a ZIP is .xlsx or .ods, a compound file .xls), else by its name. */
export function kindOf(bytes: Uint8Array, fileName: string): SpreadsheetKind {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (startsWith(bytes, ZIP)) return ext === 'ods' ? 'ods' : 'xlsx';
  if (startsWith(bytes, COMPOUND)) return 'xls';
  if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
  if (ext === 'ods') return 'ods';
  if (ext === 'xls') return 'xls'; // also Excel's HTML and XML spreadsheets, which SheetJS reads
  return 'csv';
}

export function readSpreadsheet(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): ReadResult {
  if (bytes.length === 0) return { ok: false, source: null, message: 'The file is empty.' };
  if (bytes.length > SPREADSHEET_LIMITS.bytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    return { ok: false, source: null, message: `The file is ${mb(bytes.length)} MB; at most ${mb(SPREADSHEET_LIMITS.bytes)} MB can be imported at once. Split it into smaller files.` };
  }
  const kind = kindOf(bytes, fileName);
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if ((kind === 'xlsx' || kind === 'ods') && !startsWith(bytes, ZIP)) {
    return { ok: false, source: null, message: `The file is named .${ext} but is not a workbook: it may be damaged, or another kind of file renamed. Nothing was imported.` };
  }
  if (kind === 'csv') return readCsv(bytes, options);
  return readWorkbook(bytes, kind, options);
}
