/**
 * The rules of an exported workbook, one by one, on their edges: what text a cell can hold, days as Excel
 * counts them, how wide and tall text is, names of sheets and files, the style registry and its styles part,
 * the ZIP packing, the finishing of SheetJS's sheet XML, the lines of a cell of cards, score colours, tables.
 */
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import {
  CELL_TEXT_MAX,
  cleanText,
  clamp,
  columnName,
  cut,
  dayNumber,
  escapeCodes,
  longestLine,
  looksLikeFormula,
  rowHeight,
  textCell,
  textWidth,
  wrappedLines,
  type SheetSpec,
} from '../../../electron/core/io/spreadsheets/export/cells.ts';
import { cardLines, scoreStyle } from '../../../electron/core/io/spreadsheets/export/mapSheet.ts';
import { fileName, sheetName, uniqueSheetNames } from '../../../electron/core/io/spreadsheets/export/names.ts';
import { colorOf, isDark, Styles } from '../../../electron/core/io/spreadsheets/export/styles.ts';
import { tableSheet } from '../../../electron/core/io/spreadsheets/export/tableSheets.ts';
import { finishSheet, pagesWide, paneXml, writeWorkbook } from '../../../electron/core/io/spreadsheets/export/write.ts';
import { dosTime, readZip, writeZip } from '../../../electron/core/io/spreadsheets/export/zipPack.ts';
import { zipEntry, zipIsWhole } from '../../../electron/core/io/spreadsheets/zip.ts';
import { readBack, valuesOf } from './xlsxReadBack.ts';

const prefixedBy100 = (s: number) => s + 100;

describe('text in a cell', () => {
  it('keeps tabs and line breaks, drops what XML cannot hold, mends broken surrogate pairs', () => {
    expect(cleanText('a\r\nb\rc\nd\te')).toBe('a\nb\nc\nd\te');
    expect(cleanText('\u0000a\u0008b\u000Bc\u000Cd\u000Ee\u001Ff\uFFFEg\uFFFF')).toBe('abcdefg');
    expect(cleanText('x\u001F\u0020y')).toBe('x y');
    expect(cleanText('😀 ok')).toBe('😀 ok');
    expect(cleanText('a\uD83Db')).toBe('a\uFFFDb');
    expect(cleanText('a\uDE00b')).toBe('a\uFFFDb');
    expect(cleanText('\uD83D')).toBe('\uFFFD');
    expect(cleanText('\uDE00\uD83D\uDE00')).toBe('\uFFFD😀');
  });

  it('escapes what Excel would read as a character code, in either case, and nothing else', () => {
    expect(escapeCodes('_x0041_ and _xbeef_')).toBe('_x005F_x0041_ and _x005F_xbeef_');
    expect(escapeCodes('_x004_ _x00411_ x0041_ _x0041')).toBe('_x004_ _x00411_ x0041_ _x0041');
    expect(escapeCodes('_X0041_')).toBe('_X0041_');
  });

  it('tells text that a spreadsheet would take for a formula', () => {
    for (const t of ['=1+1', '+44', '-5', '@here', '\tx']) expect(looksLikeFormula(t)).toBe(true);
    for (const t of ['', ' =1', 'a=1', '1-2', "'=x", '•=x']) expect(looksLikeFormula(t)).toBe(false);
  });

  it('cuts long text on a character boundary with an ellipsis', () => {
    expect(cut('abcdef', 6)).toBe('abcdef');
    expect(cut('abcdefg', 6)).toBe('abcde…');
    expect(cut('abcd😀xyz', 6)).toBe('abcd…');
    expect(cut('abc😀xyz', 6)).toBe('abc😀…');
    // The first and the last high surrogates.
    expect(cut('abcd\uD800\uDC00xyz', 6)).toBe('abcd…');
    expect(cut('abcd\uDBFF\uDFFFxyz', 6)).toBe('abcd…');
    expect(cut('abcd\uDC00\uDC00xyz', 6)).toBe('abcd\uDC00…');
  });

  it('a text cell: cleaned, escaped, within Excel’s limit, and marked as typed text when it looks like a formula', () => {
    expect(textCell('plain', 3, prefixedBy100)).toEqual({ t: 's', v: 'plain', s: 3 });
    expect(textCell('=SUM(A1)', 3, prefixedBy100)).toEqual({ t: 's', v: '=SUM(A1)', s: 103 });
    expect(textCell('\u0007=x', 3, prefixedBy100)).toEqual({ t: 's', v: '=x', s: 103 });
    expect(textCell('_x0041_', 0, prefixedBy100)).toEqual({ t: 's', v: '_x005F_x0041_', s: 0 });
    const exact = textCell('a'.repeat(CELL_TEXT_MAX), 0, prefixedBy100);
    expect(exact.t === 's' && exact.v.length).toBe(CELL_TEXT_MAX);
    const long = textCell('a'.repeat(40_000), 0, prefixedBy100);
    expect(long.t === 's' && long.v.length).toBe(CELL_TEXT_MAX);
    expect(long.t === 's' && long.v.endsWith('a…')).toBe(true);
    // Escaping makes text longer: it is cut until what is written fits.
    const codes = textCell('_x0041_'.repeat(5000), 0, prefixedBy100);
    expect(codes.t === 's' && codes.v.length).toBeLessThanOrEqual(CELL_TEXT_MAX);
    expect(codes.t === 's' && codes.v.length).toBeGreaterThan(CELL_TEXT_MAX - 20);
    expect(codes.t === 's' && codes.v.endsWith('…')).toBe(true);
  });

  it('days as Excel counts them, from 1 March 1900; anything else is not a day', () => {
    expect(dayNumber('2026-03-05')).toBe(46_086);
    expect(dayNumber('1900-03-01')).toBe(61);
    expect(dayNumber('2024-02-29')).toBe(45_351);
    for (const d of ['1900-02-28', '1899-12-31', '2026-02-30', '2023-02-29', '2026-13-01', '2026-00-10', '2026-3-5', '02026-03-05', '2026-03-05T00:00', '', 'soon']) expect(dayNumber(d)).toBeNull();
  });

  it('measures text: wide characters count twice, words wrap at the column’s width', () => {
    expect(textWidth('abc')).toBe(3);
    expect(textWidth('日本')).toBe(4);
    expect(textWidth('한')).toBe(2);
    expect(textWidth('😀a')).toBe(3);
    expect(textWidth('ＡＢ')).toBe(4);
    expect(longestLine('ab\nabcd\n')).toBe(4);
    expect(longestLine('')).toBe(0);
    expect(wrappedLines('', 10)).toBe(1);
    expect(wrappedLines('one two three', 10)).toBe(2); // 9 fit in a line: "one two" / "three"
    expect(wrappedLines('one two th', 11)).toBe(1);
    expect(wrappedLines('one two thr', 11)).toBe(2);
    expect(wrappedLines('abcdefghijklmnopqrst', 11)).toBe(2);
    expect(wrappedLines('abcdefghijklmnopqrstu', 11)).toBe(3);
    expect(wrappedLines('abcdefghij x', 11)).toBe(2);
    expect(wrappedLines('ab abcdefghijklmnopqrst x', 11)).toBe(4);
    expect(wrappedLines('a\nb\n\nc', 10)).toBe(4);
    // A space between words, none before the first of a line; what is left of a long word's last line is used.
    expect(wrappedLines('a b c d', 8)).toBe(1);
    expect(wrappedLines('a b c d e', 8)).toBe(2);
    expect(wrappedLines('abcdefghijklmno x', 11)).toBe(2);
    expect(wrappedLines('abcdefghijklmno xyzw', 11)).toBe(2);
    expect(wrappedLines('abcdefghijklmno xyzwv', 11)).toBe(3);
    expect(wrappedLines('abc', 1)).toBe(3);
    expect(wrappedLines('a b', 0)).toBe(2);
  });

  it('row heights from lines, up to Excel’s highest row; clamps; column letters', () => {
    expect(rowHeight(1)).toBe(16);
    expect(rowHeight(2)).toBe(29);
    expect(rowHeight(31)).toBe(399);
    expect(rowHeight(32)).toBe(409);
    expect(rowHeight(1000)).toBe(409);
    expect(clamp(5, 8, 40)).toBe(8);
    expect(clamp(50, 8, 40)).toBe(40);
    expect(clamp(20, 8, 40)).toBe(20);
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702, 16_383].map(columnName)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
  });
});

describe('names', () => {
  it('a sheet name Excel accepts', () => {
    expect(sheetName('Q3: returns / exchanges [draft]?*\\', 'Map')).toBe('Q3 returns exchanges draft');
    expect(sheetName('  two\nlines\tand   spaces ', 'Map')).toBe('two lines and spaces');
    expect(sheetName('a'.repeat(40), 'Map')).toBe('a'.repeat(31));
    expect(sheetName(`${'a'.repeat(30)}😀`, 'Map')).toBe('a'.repeat(30));
    expect(sheetName(`${'a'.repeat(29)}😀`, 'Map')).toBe(`${'a'.repeat(29)}😀`);
    expect(sheetName("'quoted'", 'Map')).toBe('quoted');
    expect(sheetName("'''x'''", 'Map')).toBe('x');
    expect(sheetName("''' ' '", 'Map')).toBe('Map');
    expect(sheetName(`${'a'.repeat(29)} 'b`, 'Map')).toBe('a'.repeat(29));
    expect(sheetName("it's", 'Map')).toBe("it's");
    expect(sheetName('', 'Map')).toBe('Map');
    expect(sheetName(':/?', 'Fallback')).toBe('Fallback');
    expect(sheetName('history', 'Map')).toBe('Map');
    expect(sheetName('HISTORY', 'Map')).toBe('Map');
    expect(sheetName('History of returns', 'Map')).toBe('History of returns');
    expect(sheetName('\u0001x\u0002', 'Map')).toBe('x');
  });

  it('unique sheet names whatever the case, beside the names already taken, within 31 characters', () => {
    expect(uniqueSheetNames(['Cards', 'cards', 'Journey', 'JOURNEY', 'Journey (2)', ''], ['Cards', 'Map'], 'Map')).toEqual(['Cards (2)', 'cards (3)', 'Journey', 'JOURNEY (2)', 'Journey (2) (2)', 'Map (2)']);
    const long = 'b'.repeat(31);
    expect(uniqueSheetNames([long, long, `${'c'.repeat(27)} xyz`, `${'c'.repeat(27)} xyz`], [], 'Map')).toEqual([long, `${'b'.repeat(27)} (2)`, `${'c'.repeat(27)} xyz`, `${'c'.repeat(27)} (2)`]);
    const spaced = `${'d'.repeat(26)} ${'e'.repeat(10)}`;
    expect(uniqueSheetNames([spaced, spaced], [], 'Map')).toEqual([`${'d'.repeat(26)} ${'e'.repeat(4)}`, `${'d'.repeat(26)} (2)`]);
    expect(uniqueSheetNames(Array.from({ length: 11 }, () => 'x'), [], 'Map').slice(9)).toEqual(['x (10)', 'x (11)']);
  });

  it('a file name safe on every system', () => {
    expect(fileName('Onboarding: the "first" week <draft> a/b\\c|d?e*', 'xlsx', 'Map')).toBe('Onboarding the first week draft a b c d e.xlsx');
    expect(fileName('...hidden', 'xlsx', 'Map')).toBe('hidden.xlsx');
    expect(fileName('trailing. . ', 'xlsx', 'Map')).toBe('trailing.xlsx');
    expect(fileName('a\u0000b\u001Fc\u007Fd\u0085e\u200Bf\u202Eg\u2066h', 'xlsx', 'Map')).toBe('abcdefgh.xlsx');
    expect(fileName('two\nlines\tand  spaces', 'xlsx', 'Map')).toBe('two lines and spaces.xlsx');
    for (const device of ['con', 'CON', 'prn', 'aux', 'NUL', 'com1', 'COM9', 'lpt1', 'LPT²']) expect(fileName(device, 'xlsx', 'Map')).toBe(`${device} map.xlsx`);
    expect(fileName('con.backup', 'xlsx', 'Map')).toBe('con map.backup.xlsx');
    expect(fileName('console', 'xlsx', 'Map')).toBe('console.xlsx');
    expect(fileName('com10', 'xlsx', 'Map')).toBe('com10.xlsx');
    expect(fileName('', 'xlsx', 'Journey map')).toBe('Journey map.xlsx');
    expect(fileName(' ... ', 'xlsx', 'Journey map')).toBe('Journey map.xlsx');
    expect(fileName('a'.repeat(150), 'xlsx', 'Map')).toBe(`${'a'.repeat(100)}.xlsx`);
    expect(fileName(`${'a'.repeat(99)}😀`, 'xlsx', 'Map')).toBe(`${'a'.repeat(99)}.xlsx`);
    expect(fileName(`${'a'.repeat(98)}. b`, 'xlsx', 'Map')).toBe(`${'a'.repeat(98)}.xlsx`);
    expect(fileName('Café – résumé 日本', 'xlsx', 'Map')).toBe('Café – résumé 日本.xlsx');
  });
});

describe('styles', () => {
  it('gives each style one index, in the order asked, 0 being the default', () => {
    const styles = new Styles();
    expect(styles.count).toBe(1);
    expect(styles.id({})).toBe(1);
    expect(styles.id({ bold: true })).toBe(2);
    expect(styles.id({ bold: true, size: 10 })).toBe(2);
    expect(styles.id({ fill: '#ffcc00' })).toBe(3);
    expect(styles.id({ fill: 'FFCC00' })).toBe(3);
    expect(styles.id({ bold: false, wrap: false, top: false, center: false, border: false, quotePrefix: false })).toBe(1);
    expect(styles.count).toBe(4);
    expect(styles.style(3)).toEqual({ fill: 'FFCC00', color: undefined });
    expect(() => styles.style(99)).toThrow('No style 99');
    const prefixed = styles.prefixed(3);
    expect(prefixed).toBe(4);
    expect(styles.prefixed(3)).toBe(4);
    expect(styles.style(4)).toMatchObject({ fill: 'FFCC00', quotePrefix: true });
    expect(styles.prefixed(0)).toBe(5);
    expect(() => styles.id({ fill: 'red' })).toThrow('Not a colour: "red"');
    expect(() => styles.id({ color: '#fff' })).toThrow('Not a colour');
    expect(() => styles.id({ fill: 'FF#CC00' })).toThrow('Not a colour');
    expect(() => styles.id({ fill: '##FFCC00' })).toThrow('Not a colour');
  });

  it('tells every kind of style apart', () => {
    const styles = new Styles();
    const kinds = [{}, { bold: true }, { size: 12 }, { color: '000000' }, { fill: '000000' }, { border: true }, { wrap: true }, { top: true }, { center: true }, { format: 'day' as const }, { format: 'whole' as const }, { quotePrefix: true }];
    expect(kinds.map((k) => styles.id(k))).toEqual(kinds.map((_, i) => i + 1));
    expect(kinds.map((k) => styles.id(k))).toEqual(kinds.map((_, i) => i + 1));
  });

  it('writes the styles part: number formats, fonts, fills, borders and each style’s attributes', () => {
    const styles = new Styles();
    const bold = styles.id({ bold: true, color: 'FFFFFF', fill: '1F3864', border: true, wrap: true, top: true, center: true });
    const day = styles.id({ format: 'day' });
    const big = styles.id({ bold: true, size: 12 });
    const sameFill = styles.id({ fill: '1F3864' });
    const text = styles.id({ quotePrefix: true });
    const xml = styles.xml();
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')).toBe(true);
    expect(xml.endsWith('</styleSheet>')).toBe(true);
    expect(xml).toContain(
      '<numFmts count="4"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="#,##0"/><numFmt numFmtId="166" formatCode="0.0##"/><numFmt numFmtId="167" formatCode="+0;-0;0"/></numFmts>',
    );
    expect(xml).toContain(
      '<fonts count="3"><font><sz val="10"/><name val="Arial"/><family val="2"/></font><font><b/><sz val="10"/><color rgb="FFFFFFFF"/><name val="Arial"/><family val="2"/></font><font><b/><sz val="12"/><name val="Arial"/><family val="2"/></font></fonts>',
    );
    expect(xml).toContain(
      '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FF1F3864"/><bgColor indexed="64"/></patternFill></fill></fills>',
    );
    expect(xml).toContain('<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color rgb="FFBFBFBF"/></left>');
    const xfs = /<cellXfs count="(\d+)">(.*)<\/cellXfs>/.exec(xml);
    expect(xfs?.[1]).toBe('6');
    expect(xfs?.[2]).toBe(
      [
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
        '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment wrapText="1" vertical="top" horizontal="center"/></xf>',
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
        '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
        '<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/>',
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>',
      ].join(''),
    );
    expect([bold, day, big, sameFill, text]).toEqual([1, 2, 3, 4, 5]);
    expect(xml).toContain('<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>');
    expect(xml).toContain('<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/>');
  });

  it('tells dark colours (white text on them) from light ones, and reads the workspace’s colours', () => {
    for (const c of ['000000', '#1F3864', '5B2C6F', '6E6E6E']) expect(isDark(c)).toBe(true);
    for (const c of ['FFFFFF', '#ffcc00', '3F7CAC', 'DCE6F1', '00FF00', '8A8A8A']) expect(isDark(c)).toBe(false);
    expect(isDark('0A0A0A')).toBe(true);
    expect(colorOf('#ffcc00')).toBe('FFCC00');
    expect(colorOf('#A1b2C3')).toBe('A1B2C3');
    for (const c of [null, '#fff', 'ffcc00', '#ffcc00 ', ' #ffcc00', 'red', '#gggggg']) expect(colorOf(c)).toBeNull();
  });
});

describe('the ZIP', () => {
  it('packs entries with deflate and reads them back, names in UTF-8, dated in MS-DOS time', () => {
    const entries = [
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/naïve.xml', data: Buffer.from('x'.repeat(10_000)) },
      { name: 'xl/plain.xml', data: Buffer.from('y'.repeat(10_000)) },
      { name: 'empty', data: Buffer.alloc(0) },
    ];
    const when = new Date(Date.UTC(2026, 4, 1, 13, 45, 31));
    const zip = writeZip(entries, when);
    expect(readZip(zip).map((e) => [e.name, Buffer.from(e.data).toString()])).toEqual(entries.map((e) => [e.name, e.data.toString()]));
    expect(zip.length).toBeLessThan(1000);
    // Read by another reader too: the checks imports make before SheetJS sees a file.
    expect(zipIsWhole(zip)).toBe(true);
    expect(Buffer.from(zipEntry(zip, 'xl/plain.xml') ?? []).toString()).toBe('y'.repeat(10_000));
    expect(zip.readUInt16LE(10)).toBe(dosTime(when).time);
    expect(zip.readUInt16LE(12)).toBe(dosTime(when).date);
    expect(dosTime(when)).toEqual({ time: (13 << 11) | (45 << 5) | 15, date: (46 << 9) | (5 << 5) | 1 });
    expect(dosTime(new Date(Date.UTC(1970, 0, 1))).date).toBe((0 << 9) | (1 << 5) | 1);
    expect(dosTime(new Date(Date.UTC(2200, 0, 1))).date).toBe((127 << 9) | (1 << 5) | 1);
  });

  it('reads stored entries, and refuses what is not a ZIP it can read', () => {
    const stored = XLSX.write(XLSX.utils.book_new(XLSX.utils.aoa_to_sheet([['a']])), { type: 'buffer', bookType: 'xlsx', compression: false }) as Buffer;
    expect(readZip(stored).map((e) => e.name)).toContain('xl/worksheets/sheet1.xml');
    expect(() => readZip(Buffer.from('not a zip at all, not even close'))).toThrow('Not a ZIP: no end of central directory.');
    const zip = writeZip([{ name: 'a', data: Buffer.from('abc') }], new Date(0));
    const broken = Buffer.from(zip);
    broken.writeUInt32LE(0, broken.readUInt32LE(broken.length - 6));
    expect(() => readZip(broken)).toThrow('Not a ZIP: a damaged central directory.');
    const method = Buffer.from(zip);
    method.writeUInt16LE(12, method.readUInt32LE(method.length - 6) + 10);
    expect(() => readZip(method)).toThrow('The ZIP entry a is packed with method 12.');
  });
});

describe('finishing what SheetJS wrote', () => {
  const spec = (over: Partial<SheetSpec> = {}): SheetSpec => ({ name: 'S', rows: [], widths: [10], heights: [], merges: [], freeze: { rows: 0, cols: 0 }, filter: false, print: 'table', ...over });

  it('frozen panes: rows, columns, both, or none', () => {
    expect(paneXml(0, 0)).toBe('<sheetViews><sheetView workbookViewId="0"/></sheetViews>');
    expect(paneXml(1, 0)).toBe('<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>');
    expect(paneXml(0, 2)).toBe('<sheetViews><sheetView workbookViewId="0"><pane xSplit="2" topLeftCell="C1" activePane="topRight" state="frozen"/><selection pane="topRight" activeCell="C1" sqref="C1"/></sheetView></sheetViews>');
    expect(paneXml(3, 27)).toBe('<sheetViews><sheetView workbookViewId="0"><pane xSplit="27" ySplit="3" topLeftCell="AB4" activePane="bottomRight" state="frozen"/><selection pane="bottomRight" activeCell="AB4" sqref="AB4"/></sheetView></sheetViews>');
  });

  it('pages wide: as few as keep the text at two thirds of its size or more', () => {
    expect(pagesWide([])).toBe(1);
    expect(pagesWide([194])).toBe(1);
    expect(pagesWide([195])).toBe(2);
    expect(pagesWide([100, 94])).toBe(2);
    expect(pagesWide([100, 93])).toBe(1);
    expect(pagesWide(Array.from({ length: 20 }, () => 40))).toBe(5);
  });

  it('gives every cell its style (columns past Z, rows past 9), its pane and its page', () => {
    const xml =
      '<worksheet><dimension ref="A1:AA10"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData><row r="10"><c r="A10" t="s"><v>0</v></c><c r="AA10"><v>1</v></c><c r="B10"/></row></sheetData><pageMargins left="0.4"/></worksheet>';
    const rows = Array.from({ length: 10 }, () => []) as SheetSpec['rows'];
    rows[9] = [{ t: 's', v: 'x', s: 7 }, { t: 'z', s: 0 }];
    rows[9][26] = { t: 'n', v: 1, s: 12 };
    const out = finishSheet(xml, spec({ rows, freeze: { rows: 1, cols: 2 }, print: 'map', widths: [100, 100] }));
    expect(out).toBe(
      '<worksheet><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:AA10"/>' +
        paneXml(1, 2) +
        '<sheetData><row r="10"><c r="A10" s="7" t="s"><v>0</v></c><c r="AA10" s="12"><v>1</v></c><c r="B10"/></row></sheetData><pageMargins left="0.4"/><pageSetup orientation="landscape" fitToWidth="2" fitToHeight="0"/></worksheet>',
    );
    const table = finishSheet(xml, spec());
    expect(table).toContain('<sheetViews><sheetView workbookViewId="0"/></sheetViews>');
    expect(table).toContain('<pageSetup orientation="portrait" fitToWidth="1" fitToHeight="0"/>');
    expect(table).toContain('<c r="A10" t="s">');
  });

  it('says which part of the sheet it expected and did not find', () => {
    const whole = '<dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><pageMargins left="0.4"/>';
    expect(() => finishSheet(whole.replace('<sheetViews><sheetView workbookViewId="0"/></sheetViews>', ''), spec())).toThrow('The sheet SheetJS wrote has no sheet view.');
    expect(() => finishSheet(whole.replace('<dimension ref="A1"/>', ''), spec())).toThrow('The sheet SheetJS wrote has no dimension.');
    expect(() => finishSheet(whole.replace('<pageMargins left="0.4"/>', ''), spec())).toThrow('The sheet SheetJS wrote has no page margins.');
  });

  it('a workbook of sheets without frozen panes, merges or filters', () => {
    const styles = new Styles();
    const bytes = writeWorkbook([spec({ name: "It's", rows: [[{ t: 's', v: 'a', s: styles.id({ bold: true }) }, { t: 'n', v: 2, s: 0 }], [undefined, { t: 'z', s: 0 }]], heights: [undefined, 30] })], styles, { title: 'T', now: new Date(0) });
    const book = readBack(bytes.toString('base64'));
    expect(book.wb.SheetNames).toEqual(["It's"]);
    expect(valuesOf(book.sheet("It's"))).toEqual([
      ['a', 2],
      [null, null],
    ]);
    expect(book.sheet("It's")['!merges']).toBeUndefined();
    expect(book.sheet("It's")['!autofilter']).toBeUndefined();
    expect(book.sheet("It's")['!rows']?.[1]?.hpt).toBe(30);
    expect(book.style("It's", 'A1').bold).toBe(true);
    expect(book.wb.Workbook?.Names ?? []).toEqual([]);
    expect(book.sheetXml("It's")).toContain('<sheetView workbookViewId="0"/>');
  });
});

describe('cells of the Map sheet', () => {
  it('cards as lines: a bullet each when there are several, their line breaks flattened, votes said', () => {
    expect(cardLines([{ text: 'One', votes: 0 }])).toBe('One');
    expect(cardLines([{ text: '  two\n  lines ', votes: 1 }])).toBe('two lines · 1 vote');
    expect(cardLines([{ text: 'a', votes: 0 }, { text: 'b', votes: 2 }, { text: 'c', votes: 1234 }])).toBe('• a\n• b · 2 votes\n• c · 1,234 votes');
    expect(cardLines([])).toBe('');
  });

  it('cards beyond what a cell holds are counted, not cut in the middle', () => {
    const cards = Array.from({ length: 20 }, (_, i) => ({ text: `${String(i).padStart(2, '0')} ${'x'.repeat(3994)}`, votes: 0 }));
    const text = cardLines(cards);
    expect(text.length).toBeLessThanOrEqual(CELL_TEXT_MAX);
    const lines = text.split('\n');
    expect(lines.length).toBe(9);
    expect(lines[7]?.startsWith('• 07 ')).toBe(true);
    expect(lines[8]).toBe('… and 12 more cards (see the Cards sheet)');
    const two = cardLines([{ text: 'x'.repeat(CELL_TEXT_MAX - 40), votes: 0 }, { text: 'y'.repeat(100), votes: 0 }]);
    expect(two.split('\n').map((l) => l.slice(0, 4))).toEqual(['• xx', '… an']);
    expect(two.split('\n')[1]).toBe('… and 1 more card (see the Cards sheet)');
    // Exactly full: nothing left out.
    const full = cardLines([{ text: 'a'.repeat(CELL_TEXT_MAX - 6), votes: 0 }, { text: 'b', votes: 0 }]);
    expect(full).toBe(`• ${'a'.repeat(CELL_TEXT_MAX - 6)}\n• b`);
    expect(full.length).toBe(CELL_TEXT_MAX);
    expect(cardLines([{ text: 'a'.repeat(CELL_TEXT_MAX - 5), votes: 0 }, { text: 'b', votes: 0 }]).endsWith('… and 1 more card (see the Cards sheet)')).toBe(true);
  });

  it('scores in colour on the map’s scale: redder the worse, greener the better, none at zero', () => {
    expect(scoreStyle(0, -2, 2)).toEqual({ border: true, center: true, top: true, format: 'score' });
    expect(scoreStyle(-2, -2, 2).fill).toBe('F4B183');
    expect(scoreStyle(-1, -2, 2).fill).toBe('FAD8C1');
    expect(scoreStyle(-5, -2, 2).fill).toBe('F4B183');
    expect(scoreStyle(2, -2, 2).fill).toBe('A9D18E');
    expect(scoreStyle(1, -2, 4).fill).toBe('EAF4E3');
    expect(scoreStyle(9, -2, 4).fill).toBe('A9D18E');
    expect(scoreStyle(1, -2, 2)).toMatchObject({ format: 'score', center: true });
  });
});

describe('a table sheet', () => {
  it('types each cell: an empty value is an empty cell, a day that is none stays text, a colour that is none too', () => {
    const styles = new Styles();
    const rows = [
      { a: 'x', n: 1.5, d: '2026-03-05', c: '#000000' },
      { a: null, n: null, d: 'someday', c: 'blue' },
      { a: '=1', n: 1000, d: null, c: null },
    ];
    const sheet = tableSheet(
      'T',
      [
        { header: 'A', kind: 'text', value: (r: (typeof rows)[number]) => r.a },
        { header: 'Number', kind: 'number', value: (r: (typeof rows)[number]) => r.n },
        { header: 'Day', kind: 'day', value: (r: (typeof rows)[number]) => r.d },
        { header: 'Colour', kind: 'color', value: (r: (typeof rows)[number]) => r.c, wrap: 20 },
      ],
      rows,
      styles,
    );
    expect(sheet.rows[1]?.map((c) => c?.t)).toEqual(['s', 'n', 'n', 's']);
    expect(sheet.rows[2]?.map((c) => c?.t)).toEqual(['z', 'z', 's', 's']);
    expect(sheet.rows[3]?.map((c) => c?.t)).toEqual(['s', 'n', 'z', 'z']);
    expect(sheet.rows[2]?.[0]?.s).toBe(0);
    expect(styles.style(sheet.rows[1]?.[1]?.s ?? 0).format).toBe('decimal');
    expect(styles.style(sheet.rows[3]?.[1]?.s ?? 0).format).toBe('whole');
    expect(styles.style(sheet.rows[1]?.[2]?.s ?? 0).format).toBe('day');
    expect(styles.style(sheet.rows[1]?.[3]?.s ?? 0)).toMatchObject({ fill: '000000', color: 'FFFFFF' });
    expect(styles.style(sheet.rows[2]?.[3]?.s ?? 0)).toEqual({ top: true, wrap: true });
    expect(styles.style(sheet.rows[2]?.[2]?.s ?? 0)).toEqual({ top: true });
    expect(styles.style(sheet.rows[3]?.[0]?.s ?? 0)).toMatchObject({ quotePrefix: true });
    expect(styles.style(sheet.rows[0]?.[0]?.s ?? 0)).toEqual({ bold: true, fill: 'DCE6F1', border: true, color: undefined });
    // Widths: the header with room for its filter button, or the longest value (numbers as shown: 1,000).
    expect(sheet.widths).toEqual([8, 10, 12, 10]);
    expect(sheet).toMatchObject({ freeze: { rows: 1, cols: 0 }, filter: true, print: 'table', merges: [] });
    expect(sheet.heights).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('wraps long text in its column and makes the row as tall as it needs', () => {
    const styles = new Styles();
    const long = 'word '.repeat(30).trim();
    const sheet = tableSheet('T', [{ header: 'Quote', kind: 'text', value: (r: string) => r, wrap: 20 }, { header: 'Other', kind: 'text', value: (r: string) => r }], [long, 'short'], styles);
    expect(sheet.widths).toEqual([20, 40]);
    expect(sheet.heights).toEqual([undefined, rowHeight(wrappedLines(long, 20)), undefined]);
    expect(styles.style(sheet.rows[1]?.[0]?.s ?? 0)).toEqual({ top: true, wrap: true });
    expect(styles.style(sheet.rows[1]?.[1]?.s ?? 0)).toEqual({ top: true });
  });
});
