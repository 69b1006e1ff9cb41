/**
 * The spreadsheet readers on files written by other tools (LibreOffice Calc, SheetJS; see
 * tests/fixtures/spreadsheets/README.md): encodings, separators, quoted line breaks, sheets, formulas, merged
 * cells, dates, and the files they refuse in words.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText, detectEncoding, readSpreadsheet, type ReadResult } from '../../../electron/core/io/spreadsheets/index.ts';
import { amount, day, suggestMapping, tableOf, tagList, wholeNumber } from '../../../electron/core/io/spreadsheets/table.ts';

const bytes = (name: string) => new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/spreadsheets', name)));
const read = (name: string, options = {}) => readSpreadsheet(bytes(name), name, options);
const ok = (r: ReadResult) => {
  if (!r.ok) throw new Error(r.message);
  return r;
};
const refused = (r: ReadResult) => {
  if (r.ok) throw new Error('read');
  return r.message;
};
const text = (s: string) => new TextEncoder().encode(s);
const RENEE = 'Delivery was 4,50 € — more than the café round the corner charges.';

describe('CSV and TSV', () => {
  it.each([
    ['quotes-utf8.csv', 'utf-8', ','],
    ['quotes-sheetjs-bom.csv', 'utf-8', ','],
    ['quotes-windows-1252.csv', 'windows-1252', ','],
    ['quotes-semicolon-1252.csv', 'windows-1252', ';'],
    ['quotes-unicode-text-utf16le.txt', 'utf-16le', '\t'],
    ['quotes-utf16be.txt', 'utf-16be', '\t'],
    ['quotes-utf16be-nobom.txt', 'utf-16be', '\t'],
  ])('%s: detects %s and %j, and reads every row', (name, encoding, delimiter) => {
    const r = ok(read(name));
    expect(r.source).toEqual({ kind: 'csv', encoding, delimiter, sheets: [], sheet: null });
    expect(r.rows[0]?.cells[0]).toMatch(/^(Quote|Text)$/);
    if (name.startsWith('quotes-sheetjs')) return;
    expect(r.rows.map((x) => x.row)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.rows[3]?.cells[0]).toBe(RENEE);
    expect(r.rows[4]?.cells[0]).toBe('The driver called ahead.\nThat was the best part.');
    expect(r.rows[5]?.cells).toEqual(['Half the basket was swapped for things I never buy.', 'José', '', 'Build the basket', '-1', 'substitutions', '']);
  });

  it('reads in the encoding and with the separator the person chose', () => {
    const wrong = ok(read('quotes-windows-1252.csv', { encoding: 'utf-8' }));
    expect(wrong.rows[3]?.cells[0]).toContain('\uFFFD');
    const split = ok(readSpreadsheet(text('a;b;c,d\n1;2;3,4\n'), 'x.csv', { delimiter: ',' }));
    expect(split.source.delimiter).toBe(',');
    expect(split.rows[0]?.cells).toEqual(['a;b;c', 'd']);
    expect(ok(readSpreadsheet(text('a;b;c,d\n1;2;3,4\n'), 'x.csv')).source.delimiter).toBe(';');
  });

  it('detects encodings from the bytes and drops only a byte-order mark of the encoding read', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('utf-8');
    expect(detectEncoding(new Uint8Array([0x41, 0, 0x42, 0, 0x43, 0]))).toBe('utf-16le');
    expect(detectEncoding(new Uint8Array([0, 0x41, 0, 0x42, 0, 0x43]))).toBe('utf-16be');
    expect(detectEncoding(new Uint8Array([0x63, 0x61, 0x66, 0xe9]))).toBe('windows-1252');
    expect(detectEncoding(text('café'))).toBe('utf-8');
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])).text).toBe('A');
    expect(decodeText(new Uint8Array([0x80]), 'windows-1252').text).toBe('€');
  });

  it('refuses a quote never closed, with its row, and skips blank rows keeping the numbers', () => {
    expect(refused(readSpreadsheet(text('a,b\n1,"open\n2,3\n'), 'x.csv'))).toBe('Row 2: a quoted field is never closed (a " is missing), so the rest of the file cannot be read. Nothing was imported.');
    expect(ok(readSpreadsheet(text('a|b\n\n1|2\n'), 'x.csv')).rows).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 3, cells: ['1', '2'] },
    ]);
  });

  it('refuses empty files, too many rows, too many columns and files over the size limit', () => {
    expect(refused(readSpreadsheet(new Uint8Array(), 'x.csv'))).toBe('The file is empty.');
    expect(refused(readSpreadsheet(text('\n\n ,\n'), 'x.csv'))).toBe('The file is empty: it has no rows with anything in them.');
    expect(refused(readSpreadsheet(text('a\n1\n2\n3\n'), 'x.csv', { maxRows: 3 }))).toMatch(/^The file has more than 3 rows/);
    expect(refused(readSpreadsheet(text(`${'a,'.repeat(250)}\n`), 'x.csv'))).toMatch(/^Row 1 has 251 columns; at most 200/);
    expect(refused(readSpreadsheet(new Uint8Array(6 * 1024 * 1024 + 1).fill(0x41), 'x.csv'))).toBe('The file is 6.0 MB; at most 6.0 MB can be imported at once. Split it into smaller files.');
  });
});

describe('workbooks', () => {
  it.each(['libreoffice.xlsx', 'libreoffice.xls', 'libreoffice.ods'])('%s (LibreOffice): sheets, cached formula values, a merged cell, dates', (name) => {
    const r = ok(read(name));
    expect(r.source).toMatchObject({ sheets: ['Quotes', 'Empty', 'Metrics'], sheet: 'Quotes', encoding: null, delimiter: null });
    expect(r.rows.map((x) => x.cells.slice(3))).toEqual([
      ['Stage', 'Sentiment', 'Tags', 'Date'],
      ['Checkout & slot', '-2', 'slots; frustration', '2026-03-14'],
      ['Checkout & slot', '1', 'payment', '2026-03-14'],
      ['Delivery', '-1', 'communication, doorstep', '2026-03-20'],
    ]);
    const metrics = ok(read(name, { sheet: 'Metrics' }));
    expect(metrics.rows.map((x) => x.cells[2])).toEqual(['Value', '1200', '12.5%']);
    expect(metrics.rows[1]?.cells[3]).toBe('2026-02-28');
  });

  it('a workbook written by SheetJS: dates, a formula, a merged cell; the first sheet with something in it', () => {
    const r = ok(read('quotes-sheetjs.xlsx'));
    expect(r.source).toMatchObject({ kind: 'xlsx', sheets: ['Survey answers', 'Blank'], sheet: 'Survey answers' });
    expect(r.rows[3]?.cells).toEqual(['Search found nothing for "oat milk".', 'Tom', 'Build the basket', '-2', 'search', '2026-02-02']);
    expect(r.rows[4]?.cells[2]).toBe('Build the basket');
  });

  it('refuses empty sheets (naming the others), unknown sheets, and sheets over the row limit', () => {
    expect(refused(read('libreoffice.xlsx', { sheet: 'Empty' }))).toBe('The sheet "Empty" is empty. Choose another sheet: "Quotes", "Metrics".');
    expect(refused(read('quotes-sheetjs.xlsx', { sheet: 'Blank' }))).toBe('The sheet "Blank" is empty. Choose another sheet: "Survey answers".');
    expect(refused(read('libreoffice.ods', { sheet: 'Nope' }))).toBe('The workbook has no sheet "Nope"; its sheets are "Quotes", "Empty", "Metrics".');
    expect(refused(read('libreoffice.xlsx', { maxRows: 3 }))).toBe('The sheet "Quotes" has 4 rows, more than one import can take (3); split it into smaller sheets.');
  });

  it.each(['encrypted-libreoffice.xls', 'encrypted-libreoffice.ods', 'encrypted-ooxml-container.xlsx'])('%s: password-protected, said so', (name) => {
    expect(refused(read(name))).toMatch(/^The workbook is protected with a password, so Waymark cannot read it\./);
  });

  it('refuses broken workbooks and files named as workbooks that are not', () => {
    expect(refused(read('broken-truncated.xlsx'))).toMatch(/^The workbook cannot be read: the file is damaged/);
    // Found by fuzzing: a damaged compressed stream made SheetJS's own inflater loop for ever.
    expect(refused(read('damaged-deflate.ods'))).toMatch(/^The workbook cannot be read: the file is damaged/);
    expect(refused(readSpreadsheet(text('a,b\n'), 'looks.xlsx'))).toBe('The file is named .xlsx but is not a workbook: it may be damaged, or another kind of file renamed. Nothing was imported.');
  });
});

describe('cells into fields', () => {
  it('names columns from the header and suggests a mapping from their names', () => {
    const table = tableOf([
      { row: 1, cells: ['Journey stage', '', 'Verbatim'] },
      { row: 2, cells: ['a', 'b', 'c', 'd'] },
    ]);
    expect(table.columns).toEqual(['Journey stage', 'Column 2', 'Verbatim', 'Column 4']);
    expect(suggestMapping(table.columns, { text: ['quote', 'verbatim'], stage: ['stage'], tags: ['tags'] })).toEqual({ text: 2, stage: 0, tags: null });
  });

  it('reads whole numbers, days, tags and amounts as people write them', () => {
    expect(['2', '+1', '−2', '-0', '1.0', '1.5', 'two', ''].map(wholeNumber)).toEqual([2, 1, -2, 0, 1, null, null, null]);
    expect(['2026-03-31', '2026/3/1', '2026-03-31T10:00:00Z', '31.03.2026', '2026-02-30', '03/04/2026', 'soon'].map(day)).toEqual([
      '2026-03-31',
      '2026-03-01',
      '2026-03-31',
      '2026-03-31',
      null,
      null,
      null,
    ]);
    expect(tagList(' trust; pricing ,, Pricing,fees ')).toEqual(['trust', 'pricing', 'fees']);
    expect(['1200', '1,200', '12.5%', '12,5', '1.200,5', '€ 40', '−3', '1 200', 'lots', '1,2,3'].map((t) => amount(t))).toEqual([
      { value: 1200, unit: '' },
      { value: 1200, unit: '' },
      { value: 12.5, unit: '%' },
      { value: 12.5, unit: '' },
      { value: 1200.5, unit: '' },
      { value: 40, unit: '€' },
      { value: -3, unit: '' },
      { value: 1200, unit: '' },
      null,
      null,
    ]);
    expect(amount('1,200', true)).toEqual({ value: 1.2, unit: '' });
    expect(amount('1.200', true)).toEqual({ value: 1200, unit: '' });
    expect(amount('2.5', true)).toEqual({ value: 2.5, unit: '' });
  });
});
