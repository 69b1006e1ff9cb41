/**
 * The spreadsheet readers' rules, one by one: what kind a file is taken for, how its encoding is told, the
 * CSV limits at their edges, how a header becomes a suggested mapping, how cells are read (whole numbers,
 * days, tags, amounts), and how workbook cells, sheets and blank rows come out. Workbooks are written here with
 * SheetJS (the same library Excel files are read with), so each test shows the one thing it is about.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { WaymarkError } from '../../../electron/api/errors.ts';
import { decodeText, detectEncoding, kindOf, readSpreadsheet, type ReadResult } from '../../../electron/core/io/spreadsheets/index.ts';
import { readImportFile } from '../../../electron/core/io/spreadsheets/importFile.ts';
import { amount, cellOf, day, suggestMapping, tableOf, tagList, wholeNumber } from '../../../electron/core/io/spreadsheets/table.ts';

const text = (s: string) => new TextEncoder().encode(s);
const ok = (r: ReadResult) => {
  if (!r.ok) throw new Error(r.message);
  return r;
};
const refused = (r: ReadResult) => {
  if (r.ok) throw new Error('read');
  return r.message;
};

type Cell = XLSX.CellObject | string | number | boolean | null;
/** An .xlsx (or .ods) file with the given sheets, each from rows of cells (null: no cell at all). */
function workbook(sheets: Record<string, Cell[][]>, bookType: 'xlsx' | 'ods' = 'xlsx'): Uint8Array {
  const book = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = XLSX.utils.aoa_to_sheet(rows.map((r) => r.map((c) => (c !== null && typeof c === 'object' ? null : c))));
    rows.forEach((r, ri) =>
      r.forEach((c, ci) => {
        if (c !== null && typeof c === 'object') sheet[XLSX.utils.encode_cell({ r: ri, c: ci })] = c;
      }),
    );
    if (rows.length > 0) sheet['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: rows.length - 1, c: Math.max(0, ...rows.map((r) => r.length - 1)) } });
    XLSX.utils.book_append_sheet(book, sheet, name);
  }
  return written(book, bookType);
}
const written = (book: XLSX.WorkBook, bookType: 'xlsx' | 'ods' = 'xlsx'): Uint8Array => new Uint8Array(XLSX.write(book, { type: 'buffer', bookType }) as Buffer);
const cells = (r: ReadResult) => ok(r).rows.map((x) => x.cells);

describe('what kind a file is', () => {
  it('by its first bytes, then by its name in any case', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]);
    const compound = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect([kindOf(zip, 'a.ods'), kindOf(zip, 'a.zip'), kindOf(compound, 'a.csv')]).toEqual(['ods', 'xlsx', 'xls']);
    expect(['a.XLSX', 'a.xlsm', 'a.ods', 'a.xls', 'a.txt', 'a.tsv', 'quotes', 'a.xlsx.csv'].map((n) => kindOf(text('a,b'), n))).toEqual(['xlsx', 'xlsx', 'ods', 'xls', 'csv', 'csv', 'csv', 'csv']);
  });

  it('a CSV whose first letter is P (as a ZIP file’s is) is read as a CSV, also with no extension', () => {
    expect(cells(readSpreadsheet(text('Participant,Quote\nAna,Late\n'), 'export'))).toEqual([
      ['Participant', 'Quote'],
      ['Ana', 'Late'],
    ]);
  });

  it('a text named as a workbook is refused, naming the extension it has', () => {
    for (const ext of ['xlsx', 'xlsm', 'ods']) {
      expect(refused(readSpreadsheet(text('a,b\n'), `old.csv.${ext}`))).toBe(`The file is named .${ext} but is not a workbook: it may be damaged, or another kind of file renamed. Nothing was imported.`);
    }
  });

  it('takes a file of exactly the size limit', () => {
    const r = ok(readSpreadsheet(new Uint8Array(6 * 1024 * 1024).fill(0x41), 'x.csv'));
    expect(r.rows[0]?.cells[0]).toHaveLength(6 * 1024 * 1024);
  });

  it('a file that cannot be read at all is refused as Invalid, with the reason as its issue', () => {
    let error: unknown;
    try {
      readImportFile({ file: '', fileName: 'x.csv' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WaymarkError);
    expect((error as WaymarkError).issues).toEqual(['file: The file is empty.']);
  });
});

describe('encodings', () => {
  it('a first byte that only starts a byte-order mark does not make one', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0x6c, 0x65, 0x2c, 0x78]))).toBe('windows-1252');
    expect(decodeText(new Uint8Array([0xef, 0x6c, 0x65])).text).toBe('ïle');
    expect(detectEncoding(new Uint8Array([0xff, 0x41, 0x42, 0x43]))).toBe('windows-1252');
  });

  it('tells UTF-16 by its NUL bytes from 4 bytes on, and only when nearly all of one side is NUL', () => {
    expect(detectEncoding(new Uint8Array([0x41, 0]))).toBe('utf-8');
    expect(detectEncoding(new Uint8Array([0x41, 0, 0x42, 0]))).toBe('utf-16le');
    expect(detectEncoding(new Uint8Array([0, 0x41, 0, 0x42]))).toBe('utf-16be');
    const le = (pairs: number[][]) => new Uint8Array(pairs.flat());
    // 3 of 5 pairs with a NUL is not "most"; 1 of 10 NULs on the other side is too many.
    expect(detectEncoding(le([[0x41, 0], [0x42, 0], [0x43, 0], [0x44, 0x45], [0x46, 0x47]]))).toBe('utf-8');
    expect(detectEncoding(le([[0, 0], ...Array.from({ length: 9 }, () => [0x41, 0])]))).toBe('utf-8');
    expect(detectEncoding(le([[0, 0], ...Array.from({ length: 9 }, () => [0, 0x41])]))).toBe('utf-8');
    expect(detectEncoding(le([[0, 0x41], [0, 0x42], [0, 0x43], [0x44, 0x45], [0x46, 0x47]]))).toBe('utf-8');
    // A stray odd byte at the end is not counted.
    expect(detectEncoding(new Uint8Array([...Array.from({ length: 10 }, () => [0x41, 0]).flat(), 0]))).toBe('utf-16le');
  });

  it('drops one byte-order mark, and only one of the encoding read', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]), 'windows-1252').text).toBe('ï»¿A');
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x41])).text).toBe('\uFEFFA');
  });
});

describe('CSV limits', () => {
  it('takes as many rows as the limit, and 200 columns but not 201', () => {
    // The line break ending the last row is no row of its own; a last row without one is still a row.
    expect(cells(readSpreadsheet(text('a\n1\n2\n'), 'x.csv', { maxRows: 3 }))).toEqual([['a'], ['1'], ['2']]);
    expect(refused(readSpreadsheet(text('a\n1\n2\n3'), 'x.csv', { maxRows: 3 }))).toMatch(/^The file has more than 3 rows/);
    expect(refused(readSpreadsheet(text('a\n1\n2\n,\n'), 'x.csv', { maxRows: 3 }))).toMatch(/^The file has more than 3 rows/);
    expect(ok(readSpreadsheet(text(`${'a,'.repeat(199)}a\n`), 'x.csv')).rows[0]?.cells).toHaveLength(200);
    expect(refused(readSpreadsheet(text(`h\n${'a,'.repeat(200)}a\n`), 'x.csv'))).toBe('Row 2 has 201 columns; at most 200 can be read. Is the separator right?');
  });

  it('a quote inside a field is read as written; only a quote never closed is refused', () => {
    expect(cells(readSpreadsheet(text('a,b\n1,x"y\n'), 'x.csv'))).toEqual([
      ['a', 'b'],
      ['1', 'x"y'],
    ]);
    // A quoted field with text after its closing quote is read on (as Papa Parse joins it), not refused.
    expect(cells(readSpreadsheet(text('a,b\n"x"y,"z"\n'), 'x.csv'))).toEqual([['a', 'b'], ['x"y,"z']]);
  });

  it('a file of nothing but a byte-order mark is empty', () => {
    expect(refused(readSpreadsheet(new Uint8Array([0xef, 0xbb, 0xbf]), 'x.csv'))).toBe('The file is empty: it has no rows with anything in them.');
  });
});

describe('headers into a mapping', () => {
  it('names columns from the trimmed header, "Column N" for a blank one, as wide as the widest row', () => {
    expect(tableOf([]).columns).toEqual([]);
    expect(tableOf([{ row: 1, cells: [' Stage ', '  ', 'Value'] }, { row: 2, cells: ['a'] }]).columns).toEqual(['Stage', 'Column 2', 'Value']);
  });

  it('prefers a column named exactly over one whose name contains the word, and gives a column to one field', () => {
    expect(suggestMapping(['Journey stage name', 'Stage:'], { stage: ['stage'] })).toEqual({ stage: 1 });
    expect(suggestMapping(['Journey stage', 'Stage:'], { stage: ['stage', 'journey stage'] })).toEqual({ stage: 1 });
    expect(suggestMapping(['Name'], { participant: ['name'], metric: ['name'] })).toEqual({ participant: 0, metric: null });
    expect(suggestMapping(['Name', 'Metric name'], { participant: ['name'], metric: ['metric'] })).toEqual({ participant: 0, metric: 1 });
  });

  it('reads names without accents, case or punctuation', () => {
    expect(suggestMapping(['Thème', 'Held -- on', 'WHO?'], { tags: ['theme'], date: ['held on'], who: ['who'] })).toEqual({ tags: 0, date: 1, who: 2 });
  });

  it('a cell is trimmed; a field not mapped or past the row’s end is empty', () => {
    const row = { row: 2, cells: [' Ana ', 'x'] };
    expect([cellOf(row, 0), cellOf(row, 5), cellOf(row, null), cellOf(row, undefined)]).toEqual(['Ana', '', '', '']);
  });
});

describe('cells into values', () => {
  it('whole numbers: up to six digits, spaces around, any number of zero decimals', () => {
    expect([' 2 ', '12', '123456', '1234567', '1.00', '1.01'].map(wholeNumber)).toEqual([2, 12, 123456, null, 1, null]);
  });

  it('days: real ones from the year 1000 on, a time or zone after them ignored, nothing before or after', () => {
    const days = ['1000-01-01', '0999-12-31', '2024-02-29', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', ' 2026-03-31 '];
    expect(days.map(day)).toEqual(['1000-01-01', null, '2024-02-29', null, null, null, null, '2026-03-31']);
    const times = ['2026-03-31 10:00', '2026-03-31T10:00:00+02:00', '2026-03-31T10:00:00-0530', '2026-03-31T10:00:00.5Z', '2026-03-31T10:00'];
    expect(times.map(day)).toEqual(Array(times.length).fill('2026-03-31'));
    const not = ['x2026-03-31', '2026-03-31x', '2026-03-31T', '2026-03-31 10:00 PM', '2026-03-31T10:00+2', '12026-03-31', '2026-003-31', '2026-03-031', 'x1.3.2026', '1.3.2026x', '1.3.26'];
    expect(not.map(day)).toEqual(Array(not.length).fill(null));
    expect(day('1.3.2026')).toBe('2026-03-01');
  });

  it('tags: spaces inside a name made single', () => {
    expect(tagList('late   van; ok\tthen')).toEqual(['late van', 'ok then']);
  });

  it('amounts with signs, units and thousands as people write them', () => {
    const read = (t: string) => amount(t);
    expect([' 12 ', '12.5 %', '40 €', '$5', '- 3', '-  3', '+ 3', '1\u00a0200', "1'200", '1\u202f200 €', '-2.5', '2.55', '.5'].map(read)).toEqual([
      { value: 12, unit: '' },
      { value: 12.5, unit: '%' },
      { value: 40, unit: '€' },
      { value: 5, unit: '$' },
      { value: -3, unit: '' },
      { value: -3, unit: '' },
      { value: 3, unit: '' },
      { value: 1200, unit: '' },
      { value: 1200, unit: '' },
      { value: 1200, unit: '€' },
      { value: -2.5, unit: '' },
      { value: 2.55, unit: '' },
      { value: 0.5, unit: '' },
    ]);
    expect(Object.is(amount('-0')?.value, 0)).toBe(true);
  });

  it('a comma groups thousands only before groups of three digits; otherwise it is the decimal comma', () => {
    const values = (list: string[], decimalComma = false) => list.map((t) => amount(t, decimalComma)?.value ?? null);
    expect(values(['-1,200', '12,345', '1,200,300', '1,200.55', '1,2345', '12345,678', '-12,5', '12,55'])).toEqual([-1200, 12345, 1200300, 1200.55, 1.2345, 12345.678, -12.5, 12.55]);
    expect(values(['-1.200,5', '12.345,6', '1.200.300,5', '1.200,55', '12345.678,5', '1.200,5.5'])).toEqual([-1200.5, 12345.6, 1200300.5, 1200.55, null, null]);
    expect(values(['1e5', '.5e3', '1,5e3', '1 20', 'Infinity'])).toEqual([null, null, null, null, null]);
  });

  it('with the decimal comma (a semicolon file), dots group thousands', () => {
    const values = (list: string[]) => list.map((t) => amount(t, true)?.value ?? null);
    expect(values(['-1,5', '12,5', '1.200,5', '1.200.300,25', '1.2000', '-1.200', '12.345', '1.200.300', '1.200,55', '-.5'])).toEqual([-1.5, 12.5, 1200.5, 1200300.25, 1.2, -1200, 12345, 1200300, 1200.55, -0.5]);
    expect(values(['12345.678,5', '1e5', '.5e3'])).toEqual([null, null, null]);
  });
});

describe('workbook cells and sheets', () => {
  it('gives truth values, errors, percentages and empty cells as a person sees them', () => {
    const file = workbook({
      Data: [
        ['Quote', 'Who', 'Stage'],
        ['hi', null, 'Delivery'],
        [true, false, { t: 'n', v: 0.125, z: '0.0% ' }],
        [{ t: 'e', v: 0x07 }, { t: 'n', v: 0.125, z: '0.0"% of"' }, { t: 'n', v: 0.125, z: '0.00%' }],
      ],
    });
    expect(cells(readSpreadsheet(file, 'x.xlsx'))).toEqual([
      ['Quote', 'Who', 'Stage'],
      ['hi', '', 'Delivery'],
      ['TRUE', 'FALSE', '12.5%'],
      ['#DIV/0!', '0.125', '12.50%'],
    ]);
  });

  it('skips blank rows (spaces only too), keeping the rows’ numbers, and keeps a sheet that starts in column B', () => {
    const r = ok(readSpreadsheet(workbook({ S: [['Quote'], [' '], [null], ['Late']] }), 'x.xlsx'));
    expect(r.rows).toEqual([
      { row: 1, cells: ['Quote'] },
      { row: 4, cells: ['Late'] },
    ]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.sheet_add_aoa(XLSX.utils.aoa_to_sheet([]), [['Quote'], ['Late']], { origin: 'B2' }), 'S');
    expect(ok(readSpreadsheet(written(book), 'x.xlsx')).rows).toEqual([
      { row: 2, cells: ['', 'Quote'] },
      { row: 3, cells: ['', 'Late'] },
    ]);
  });

  it('reads the first sheet with something in it; a sheet of blank cells has nothing', () => {
    const r = ok(readSpreadsheet(workbook({ Blank: [[' ', '']], Data: [['Quote'], ['Late']] }), 'x.xlsx'));
    expect(r.source.sheet).toBe('Data');
    expect(r.rows.map((x) => x.cells)).toEqual([['Quote'], ['Late']]);
  });

  it('an empty sheet names only the other sheets that have something; when none has, it says just that', () => {
    const file = workbook({ Data: [['Quote'], ['Late']], First: [[' ']], Second: [[' ']] });
    expect(refused(readSpreadsheet(file, 'x.xlsx', { sheet: 'First' }))).toBe('The sheet "First" is empty. Choose another sheet: "Data".');
    const none = workbook({ A: [[' ']], B: [] });
    expect(refused(readSpreadsheet(none, 'x.xlsx'))).toBe('The sheet "A" is empty.');
  });

  it('a sheet not in the workbook: the source names the first sheet', () => {
    const r = readSpreadsheet(workbook({ Data: [['Quote'], ['Late']], More: [['x']] }), 'x.xlsx', { sheet: 'Nope' });
    expect(r).toMatchObject({ ok: false, source: { sheets: ['Data', 'More'], sheet: 'Data' } });
  });

  it('refuses a workbook with two bytes changed, which SheetJS alone would read with cells or sheets missing', () => {
    // Found by trying: SheetJS reads these copies without an error, but with a date turned into a number, the
    // first sheet's cells gone, or (the .ods) no sheet at all.
    for (const [name, at] of [['libreoffice.xlsx', 1200], ['libreoffice.xlsx', 2000], ['libreoffice.ods', 3000]] as const) {
      const damaged = new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/spreadsheets', name)));
      damaged[at] = (damaged[at] ?? 0) ^ 0xff;
      damaged[at + 1] = (damaged[at + 1] ?? 0) ^ 0x55;
      expect(refused(readSpreadsheet(damaged, name)), `${name} at ${at}`).toBe(
        'The workbook cannot be read: the file is damaged or is not a spreadsheet (it may have been cut short while copying). Nothing was imported.',
      );
    }
  });

  it('takes a sheet of exactly the row limit, and 200 columns but not 201', () => {
    const rows = [['Quote'], ['a'], ['b'], ['c']];
    expect(cells(readSpreadsheet(workbook({ S: rows }), 'x.xlsx', { maxRows: 4 }))).toEqual(rows);
    const wide = (n: number) => workbook({ S: [Array.from({ length: n }, (_, i) => `c${i}`)] });
    expect(ok(readSpreadsheet(wide(200), 'x.xlsx')).rows[0]?.cells).toHaveLength(200);
    expect(refused(readSpreadsheet(wide(201), 'x.xlsx'))).toBe('The sheet "S" has 201 columns; at most 200 can be read.');
  });
});
