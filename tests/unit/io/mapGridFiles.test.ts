/**
 * Map grids read from real files: LibreOffice's XLSX, XLS and ODS of one flat OpenDocument source (merged
 * cells, formulas with their saved values), what the spreadsheet reader now also gives for them (the sheet's
 * merged ranges, its formula cells, other sheets asked for), and Waymark's own workbook told apart.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { readSpreadsheet } from '../../../electron/core/io/spreadsheets/index.ts';
import { readMapSheet } from '../../../electron/core/io/spreadsheets/mapGrid/index.ts';

const bytes = (name: string) => new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/spreadsheets/maps', name)));

describe('the spreadsheet reader, for grids', () => {
  it('gives a workbook sheet’s merged ranges and formula cells, as LibreOffice wrote them in each format', () => {
    for (const name of ['grid.xlsx', 'grid.xls']) {
      const read = readSpreadsheet(bytes(name), name);
      if (!read.ok) throw new Error(read.message);
      expect(read.merges?.map((m) => [m.s.r, m.s.c, m.e.r, m.e.c]).sort()).toEqual([
        [1, 0, 2, 0],
        [1, 2, 1, 3],
      ]);
      expect(read.formulas).toEqual(['B4', 'D4', 'C5']);
      expect(read.others).toEqual(new Map());
      expect(read.rows[1]?.cells).toEqual(['Actions', 'Finds us', 'Signs up and starts', 'Signs up and starts']);
    }
    const csv = readSpreadsheet(bytes('journey.csv'), 'journey.csv');
    expect(csv.ok && [csv.merges, csv.formulas, csv.others]).toEqual([undefined, undefined, undefined]);
  });

  it('reads the other sheets asked for that the workbook has, within the limits, never the chosen one twice', () => {
    const read = readSpreadsheet(bytes('grid.xlsx'), 'grid.xlsx', { alsoSheets: ['Merged header', 'Grid', 'Nope', 'Empty'] });
    if (!read.ok) throw new Error(read.message);
    expect([...(read.others?.keys() ?? [])]).toEqual(['Merged header', 'Empty']);
    expect(read.others?.get('Merged header')?.map((r) => r.cells)).toEqual([
      ['Map', 'Discover', 'Discover', 'Use'],
      ['Actions', 'Searches', 'Compares', 'Buys'],
    ]);
    expect(read.others?.get('Empty')).toEqual([]);
    // A sheet over the limits is left out (the import then finds no such sheet), the chosen one is read.
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Map', 'Discover']]), 'Map');
    const wide = XLSX.utils.aoa_to_sheet([['x']]);
    wide['!ref'] = 'A1:GT1';
    XLSX.utils.book_append_sheet(wb, wide, 'Cards');
    const tall = XLSX.utils.aoa_to_sheet([['x']]);
    tall['!ref'] = 'A1:A5';
    XLSX.utils.book_append_sheet(wb, tall, 'Tall');
    const file = new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const limited = readSpreadsheet(file, 'w.xlsx', { alsoSheets: ['Cards', 'Tall'], maxRows: 4 });
    expect(limited.ok && [...(limited.others?.keys() ?? [])]).toEqual([]);
    const fits = readSpreadsheet(file, 'w.xlsx', { alsoSheets: ['Tall'], maxRows: 5 });
    expect(fits.ok && [...(fits.others?.keys() ?? [])]).toEqual(['Tall']);
  });
});

describe('a map sheet', () => {
  it('is a grid with no Cards sheet beside it when it is not Waymark’s workbook', () => {
    const read = readMapSheet(bytes('journey.ods'), 'journey.ods');
    expect(read.ok && [read.sheet.cards, read.sheet.grid.stages.length, read.sheet.source.kind]).toEqual([null, 3, 'ods']);
  });

  it('refuses a file that cannot be read at all; a sheet that is no grid is a grid with its problem, so another can be chosen', () => {
    expect(readMapSheet(bytes('encrypted-journey.ods'), 'journey.ods')).toEqual({
      ok: false,
      message: 'The workbook is protected with a password, so Waymark cannot read it. Open it in Excel or LibreOffice, save a copy without the password, and import that.',
    });
    const empty = readMapSheet(bytes('grid.xlsx'), 'grid.xlsx', { sheet: 'Empty' });
    expect(empty.ok && [empty.sheet.grid, empty.sheet.cards, empty.sheet.source.sheet]).toEqual([
      { title: null, corner: '', labelColumn: false, stages: [], lanes: [], problems: [{ cell: null, message: 'The sheet "Empty" is empty. Choose another sheet: "Grid", "Merged header".' }], warnings: [] },
      null,
      'Empty',
    ]);
  });

  it('is Waymark’s when its workbook has an exported Cards sheet, but not when the sheet chosen is one of the tables', () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Renewal', '', 'Discover'], ['Actions', '', 'Gets a reminder']]), 'Map');
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        ['Lane', 'Stage', 'Text', 'Colour', 'Channel', 'Evidence', 'Votes', 'Linked quotes', 'Card id'],
        ['Actions', 'Discover', 'Gets a reminder', '', '', 'assumed', 0, 0, 'card1'],
      ]),
      'Cards',
    );
    const file = new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const map = readMapSheet(file, 'r.xlsx');
    expect(map.ok && map.sheet.cards?.rows.map((r) => [r.id, r.text])).toEqual([['card1', 'Gets a reminder']]);
    const table = readMapSheet(file, 'r.xlsx', { sheet: 'Cards' });
    expect(table.ok && table.sheet.cards).toBeNull();
    // Another of the export's tables, or a sheet with no stages, is no map of that workbook either.
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Lane', 'Stage', 'Curve', 'Score'], ['Feeling', 'Discover', 'Team', 1]]), 'Emotions');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Notes'], ['Call the team']]), 'Notes');
    const more = new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    for (const sheet of ['Emotions', 'Notes']) {
      const read = readMapSheet(more, 'r.xlsx', { sheet });
      expect(read.ok && [sheet, read.sheet.cards]).toEqual([sheet, null]);
    }
  });
});
