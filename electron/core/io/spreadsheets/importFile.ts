/** The file of an import, as the contract carries it (base64, name, choices), read into a table. */
import { invalid } from '../../../api/errors.ts';
import type { Delimiter, Encoding } from '../../../api/imports.ts';
import { readSpreadsheet } from './index.ts';
import { tableOf, type Table } from './table.ts';
import type { SourceInfo } from './types.ts';

export interface ImportFileInput {
  file: string;
  fileName: string;
  encoding?: Encoding | undefined;
  delimiter?: Delimiter | undefined;
  sheet?: string | undefined;
}

/**
 * The file's table, or why it has none as read (an empty sheet, a quote never closed: the person may choose
 * another sheet, encoding or separator). A file that cannot be read at all is refused (Invalid).
 */
export function readImportFile(input: ImportFileInput): { source: SourceInfo; table: Table | null; blocker: string | null } {
  const bytes = new Uint8Array(Buffer.from(input.file, 'base64'));
  const read = readSpreadsheet(bytes, input.fileName, { encoding: input.encoding, delimiter: input.delimiter, sheet: input.sheet });
  if (read.ok) {
    const table = tableOf(read.rows);
    if (table.rows.length === 0) return { source: read.source, table: null, blocker: 'The file has a header row but no rows under it.' };
    return { source: read.source, table, blocker: null };
  }
  if (read.source === null) throw invalid(read.message, [`file: ${read.message}`]);
  return { source: read.source, table: null, blocker: read.message };
}
