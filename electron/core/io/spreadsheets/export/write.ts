/**
 * Sheets to the bytes of an .xlsx file. SheetJS (the patched `xlsx`, write functions only) writes the cells,
 * shared strings, column widths, row heights, merged ranges, filters and print titles; it writes no styles
 * and no frozen panes, so its output is then finished here, part by part: `xl/styles.xml` is replaced by the
 * workbook's styles (styles.ts), each cell of a sheet gets its style's index, and each sheet its frozen pane
 * and its page setup. The result is packed again with zlib (zipPack.ts).
 */
import * as XLSX from 'xlsx';
import { columnName, type Cell, type SheetSpec } from './cells.ts';
import type { Styles } from './styles.ts';
import { readZip, writeZip } from './zipPack.ts';

export const MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Characters that fit across a landscape page at 100 %; a page is allowed to shrink to 2/3 of that. */
const PAGE_CHARS = 130;
const SMALLEST_SCALE = 2 / 3;
const MARGINS = { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 };

const toSheetJs = (cell: Cell | undefined): XLSX.CellObject =>
  cell === undefined ? { t: 'z' } : cell.t === 'z' ? { t: 'z', z: 'General' } : cell.t === 's' ? { t: 's', v: cell.v } : { t: 'n', v: cell.v };

const quoted = (name: string): string => `'${name.replace(/'/g, "''")}'`;

/** How many pages wide a sheet prints: as few as let its text stay at least 2/3 of its size. */
export function pagesWide(widths: readonly number[]): number {
  const total = widths.reduce((a, b) => a + b + 1, 0);
  return Math.max(1, Math.ceil(total / (PAGE_CHARS / SMALLEST_SCALE)));
}

/** The frozen pane of a sheet view: `rows` at the top and `cols` at the left stay when scrolling. */
export function paneXml(rows: number, cols: number): string {
  if (rows === 0 && cols === 0) return '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  const topLeft = `${columnName(cols)}${rows + 1}`;
  const pane = rows > 0 && cols > 0 ? 'bottomRight' : rows > 0 ? 'bottomLeft' : 'topRight';
  const split = `${cols > 0 ? ` xSplit="${cols}"` : ''}${rows > 0 ? ` ySplit="${rows}"` : ''}`;
  return `<sheetViews><sheetView workbookViewId="0"><pane${split} topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/><selection pane="${pane}" activeCell="${topLeft}" sqref="${topLeft}"/></sheetView></sheetViews>`;
}

function replaceOnce(xml: string, find: string | RegExp, by: string, what: string): string {
  const at = typeof find === 'string' ? xml.indexOf(find) : xml.search(find);
  if (at < 0) throw new Error(`The sheet SheetJS wrote has no ${what}.`);
  return xml.replace(find, by);
}

/** A sheet's XML as SheetJS wrote it, finished: cell styles, the frozen pane, the printed page. */
export function finishSheet(xml: string, spec: SheetSpec): string {
  let out = xml.replace(/<c r="([A-Z]+)(\d+)"/g, (tag, letters: string, row: string) => {
    let c = 0;
    for (const ch of letters) c = c * 26 + ch.charCodeAt(0) - 64;
    const style = spec.rows[Number(row) - 1]?.[c - 1]?.s ?? 0;
    return style === 0 ? tag : `${tag} s="${style}"`;
  });
  out = replaceOnce(out, '<sheetViews><sheetView workbookViewId="0"/></sheetViews>', paneXml(spec.freeze.rows, spec.freeze.cols), 'sheet view');
  out = replaceOnce(out, '<dimension ', '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ', 'dimension');
  const setup = `<pageSetup orientation="${spec.print === 'map' ? 'landscape' : 'portrait'}" fitToWidth="${pagesWide(spec.widths)}" fitToHeight="0"/>`;
  return replaceOnce(out, /<pageMargins [^>]*\/>/, `$&${setup}`, 'page margins');
}

function worksheet(spec: SheetSpec): XLSX.WorkSheet {
  const width = Math.max(spec.widths.length, ...spec.rows.map((r) => r.length));
  const last = { r: Math.max(0, spec.rows.length - 1), c: Math.max(0, width - 1) };
  const ws: XLSX.WorkSheet = {
    '!data': spec.rows.map((row) => Array.from({ length: row.length }, (_, c) => toSheetJs(row[c]))),
    '!ref': XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: last }),
    '!cols': spec.widths.map((wch) => ({ wch })),
    '!rows': spec.heights.map((hpt) => (hpt === undefined ? {} : { hpt })),
    '!margins': MARGINS,
  };
  if (spec.merges.length > 0) ws['!merges'] = spec.merges;
  if (spec.filter) ws['!autofilter'] = { ref: XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: last.r, c: width - 1 } }) };
  return ws;
}

export interface WorkbookInfo {
  title: string;
  /** When it was made: the file's properties and its entries' dates. */
  now: Date;
}

/** The .xlsx file of `sheets`, styled with `styles`. */
export function writeWorkbook(sheets: readonly SheetSpec[], styles: Styles, info: WorkbookInfo): Buffer {
  const wb = XLSX.utils.book_new();
  wb.Props = { Title: info.title, Author: 'Waymark', CreatedDate: info.now };
  const names: XLSX.DefinedName[] = [];
  for (const [i, spec] of sheets.entries()) {
    XLSX.utils.book_append_sheet(wb, worksheet(spec), spec.name);
    const { rows, cols } = spec.freeze;
    const titles = [cols > 0 ? `${quoted(spec.name)}!$A:$${columnName(cols - 1)}` : '', rows > 0 ? `${quoted(spec.name)}!$1:$${rows}` : ''].filter((t) => t !== '');
    if (titles.length > 0) names.push({ Name: '_xlnm.Print_Titles', Sheet: i, Ref: titles.join(',') });
  }
  wb.Workbook = { Names: names };
  const written = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: false, bookSST: true }) as Buffer;
  const entries = readZip(written).map((entry) => {
    if (entry.name === 'xl/styles.xml') return { name: entry.name, data: Buffer.from(styles.xml(), 'utf8') };
    const sheet = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(entry.name);
    const spec = sheet === null ? undefined : sheets[Number(sheet[1]) - 1];
    if (spec === undefined) return entry;
    return { name: entry.name, data: Buffer.from(finishSheet(Buffer.from(entry.data).toString('utf8'), spec), 'utf8') };
  });
  return writeZip(entries, info.now);
}
