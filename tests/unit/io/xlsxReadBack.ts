/**
 * Reading an exported workbook back as a person's spreadsheet program would: the cells through SheetJS (the
 * patched `xlsx`), and what SheetJS does not read — bold, wrapping, frozen panes, page setup — from the
 * workbook's own XML parts.
 */
import * as XLSX from 'xlsx';
import { zipEntry } from '../../../electron/core/io/spreadsheets/zip.ts';

export interface Book {
  bytes: Buffer;
  wb: XLSX.WorkBook;
  sheet: (name: string) => XLSX.WorkSheet;
  /** The text of a part of the package, e.g. 'xl/styles.xml'. */
  part: (name: string) => string;
  /** The XML of the sheet called `name`. */
  sheetXml: (name: string) => string;
  /** What the style of a cell is, read from the sheet's XML and xl/styles.xml. */
  style: (sheet: string, ref: string) => CellLook;
}

export interface CellLook {
  bold: boolean;
  size: number;
  fontColor: string | null;
  fill: string | null;
  wrap: boolean;
  top: boolean;
  center: boolean;
  border: boolean;
  numFmt: string;
  quotePrefix: boolean;
}

/** The elements `tag` inside the element `list` (e.g. each <xf> of <cellXfs>). */
const all = (xml: string, list: string, tag: string): string[] => {
  const body = new RegExp(`<${list}\\b[^>]*>([\\s\\S]*?)</${list}>`).exec(xml)?.[1] ?? '';
  return body.match(new RegExp(`<${tag}\\b[^>]*?(?:/>|>[\\s\\S]*?</${tag}>)`, 'g')) ?? [];
};
const attr = (xml: string, name: string): string | undefined => new RegExp(`\\b${name}="([^"]*)"`).exec(xml)?.[1];

export function readBack(base64: string): Book {
  const bytes = Buffer.from(base64, 'base64');
  const wb = XLSX.read(bytes, { type: 'buffer', cellDates: true, cellStyles: true, cellNF: true });
  const part = (name: string) => {
    const data = zipEntry(bytes, name, 64 * 1024 * 1024);
    if (data === null) throw new Error(`no part ${name}`);
    return Buffer.from(data).toString('utf8');
  };
  const sheetXml = (name: string) => {
    const index = wb.SheetNames.indexOf(name);
    if (index < 0) throw new Error(`no sheet ${name}`);
    return part(`xl/worksheets/sheet${index + 1}.xml`);
  };
  const styles = part('xl/styles.xml');
  const cellXfs = all(styles, 'cellXfs', 'xf');
  const fonts = all(styles, 'fonts', 'font');
  const fills = all(styles, 'fills', 'fill');
  const formats = new Map(all(styles, 'numFmts', 'numFmt').map((f) => [attr(f, 'numFmtId') ?? '', attr(f, 'formatCode')?.replace(/&quot;/g, '"') ?? '']));
  return {
    bytes,
    wb,
    sheet: (name) => {
      const ws = wb.Sheets[name];
      if (ws === undefined) throw new Error(`no sheet ${name}`);
      return ws;
    },
    part,
    sheetXml,
    style: (sheet, ref) => {
      const tag = new RegExp(`<c r="${ref}"[^>]*>`).exec(sheetXml(sheet))?.[0];
      if (tag === undefined) throw new Error(`no cell ${ref} in ${sheet}`);
      const xf = cellXfs[Number(attr(tag, 's') ?? 0)] ?? '';
      const font = fonts[Number(attr(xf, 'fontId') ?? 0)] ?? '';
      const fill = fills[Number(attr(xf, 'fillId') ?? 0)] ?? '';
      const numFmtId = attr(xf, 'numFmtId') ?? '0';
      return {
        bold: font.includes('<b/>'),
        size: Number(/<sz val="([\d.]+)"/.exec(font)?.[1]),
        fontColor: /<color rgb="FF([0-9A-F]{6})"/.exec(font)?.[1] ?? null,
        fill: fill.includes('patternType="solid"') ? (/<fgColor rgb="FF([0-9A-F]{6})"/.exec(fill)?.[1] ?? null) : null,
        wrap: xf.includes('wrapText="1"'),
        top: xf.includes('vertical="top"'),
        center: xf.includes('horizontal="center"'),
        border: attr(xf, 'borderId') === '1',
        numFmt: numFmtId === '0' ? 'General' : (formats.get(numFmtId) ?? `#${numFmtId}`),
        quotePrefix: attr(xf, 'quotePrefix') === '1',
      };
    },
  };
}

/** A sheet as rows of values, as a person reads it (dates as YYYY-MM-DD). */
export function valuesOf(ws: XLSX.WorkSheet): unknown[][] {
  return XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, defval: null, raw: true, blankrows: true }).map((row) =>
    row.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)),
  );
}

/** The frozen pane of a sheet, as its XML says. */
export function paneOf(xml: string): { xSplit: number; ySplit: number; topLeftCell: string | undefined; state: string | undefined } | null {
  const pane = /<pane [^>]*\/>/.exec(xml)?.[0];
  if (pane === undefined) return null;
  return { xSplit: Number(attr(pane, 'xSplit') ?? 0), ySplit: Number(attr(pane, 'ySplit') ?? 0), topLeftCell: attr(pane, 'topLeftCell'), state: attr(pane, 'state') };
}
