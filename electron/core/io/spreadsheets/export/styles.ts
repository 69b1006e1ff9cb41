/**
 * The cell styles of an exported workbook, and its `xl/styles.xml`. SheetJS Community Edition writes no
 * fonts, fills, borders or alignment, so the workbook it writes gets this styles part instead, and each cell
 * the index of its style here (see write.ts). Pure: a registry of the styles asked for, in the order asked.
 */

/** How numbers are shown: whole numbers with thousands, decimals, signed scores (+2, −1, 0), days. */
export const NUMBER_FORMATS = {
  whole: { id: 165, code: '#,##0' },
  decimal: { id: 166, code: '0.0##' },
  score: { id: 167, code: '+0;-0;0' },
  day: { id: 164, code: 'yyyy-mm-dd' },
} as const;
export type NumberFormat = keyof typeof NUMBER_FORMATS;

export interface Style {
  bold?: boolean;
  /** Font size in points (the workbook's is 10). */
  size?: number;
  /** Text colour, RRGGBB. */
  color?: string;
  /** Solid fill, RRGGBB. */
  fill?: string;
  /** A thin grey line around the cell. */
  border?: boolean;
  wrap?: boolean;
  /** Vertical alignment at the top (the default is the bottom). */
  top?: boolean;
  center?: boolean;
  format?: NumberFormat;
  /**
   * Text that looks like a formula (=, +, −, @ first): marked as typed with a leading apostrophe, so that
   * editing the cell in Excel keeps it text.
   */
  quotePrefix?: boolean;
}

export const FONT = { name: 'Arial', size: 10 } as const;

const HEX = /^[0-9A-F]{6}$/;

/** A colour as the styles part writes it (RRGGBB, upper case); anything else is a bug in the caller. */
function rgb(color: string): string {
  const c = color.replace(/^#/, '').toUpperCase();
  if (!HEX.test(c)) throw new Error(`Not a colour: ${JSON.stringify(color)}`);
  return c;
}

const fontXml = (bold: boolean, size: number, color: string | undefined): string =>
  `<font>${bold ? '<b/>' : ''}<sz val="${size}"/>${color === undefined ? '' : `<color rgb="FF${color}"/>`}<name val="${FONT.name}"/><family val="2"/></font>`;
const fillXml = (color: string): string => `<fill><patternFill patternType="solid"><fgColor rgb="FF${color}"/><bgColor indexed="64"/></patternFill></fill>`;
const BORDER = '<border><left style="thin"><color rgb="FFBFBFBF"/></left><right style="thin"><color rgb="FFBFBFBF"/></right><top style="thin"><color rgb="FFBFBFBF"/></top><bottom style="thin"><color rgb="FFBFBFBF"/></bottom><diagonal/></border>';

/** The styles asked for, each once: `id(style)` is the cell's style index (0: the workbook's default). */
export class Styles {
  private readonly ids = new Map<string, number>();
  private readonly xfs: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly fonts = new Map<string, number>([[fontXml(false, FONT.size, undefined), 0]]);
  private readonly fills = new Map<string, number>();
  private readonly styles: Style[] = [{}];

  id(style: Style): number {
    const color = style.color === undefined ? undefined : rgb(style.color);
    const fill = style.fill === undefined ? undefined : rgb(style.fill);
    const normal = { ...style, color, fill };
    const key = JSON.stringify([normal.bold === true, normal.size ?? FONT.size, color, fill, normal.border === true, normal.wrap === true, normal.top === true, normal.center === true, normal.format, normal.quotePrefix === true]);
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const fontId = this.index(this.fonts, fontXml(normal.bold === true, normal.size ?? FONT.size, color), 0);
    const fillId = fill === undefined ? 0 : this.index(this.fills, fillXml(fill), 2);
    const numFmtId = normal.format === undefined ? 0 : NUMBER_FORMATS[normal.format].id;
    const align = [normal.wrap === true ? ' wrapText="1"' : '', normal.top === true ? ' vertical="top"' : '', normal.center === true ? ' horizontal="center"' : ''].join('');
    const attributes = [
      `numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${normal.border === true ? 1 : 0}" xfId="0"`,
      numFmtId === 0 ? '' : ' applyNumberFormat="1"',
      fontId === 0 ? '' : ' applyFont="1"',
      fillId === 0 ? '' : ' applyFill="1"',
      normal.border === true ? ' applyBorder="1"' : '',
      align === '' ? '' : ' applyAlignment="1"',
      normal.quotePrefix === true ? ' quotePrefix="1"' : '',
    ].join('');
    const id = this.xfs.length;
    this.xfs.push(align === '' ? `<xf ${attributes}/>` : `<xf ${attributes}><alignment${align}/></xf>`);
    this.styles.push(normal);
    this.ids.set(key, id);
    return id;
  }

  /** The same style as `id`, marked as text typed with a leading apostrophe. */
  prefixed(id: number): number {
    return this.id({ ...this.style(id), quotePrefix: true });
  }

  /** What style `id` is (as asked for, colours in upper case). */
  style(id: number): Style {
    const style = this.styles[id];
    if (style === undefined) throw new Error(`No style ${id}`);
    return style;
  }

  get count(): number {
    return this.xfs.length;
  }

  private index(table: Map<string, number>, xml: string, first: number): number {
    const known = table.get(xml);
    if (known !== undefined) return known;
    const id = first + table.size;
    table.set(xml, id);
    return id;
  }

  /** The workbook's `xl/styles.xml`. */
  xml(): string {
    const formats = Object.values(NUMBER_FORMATS)
      .sort((a, b) => a.id - b.id)
      .map((f) => `<numFmt numFmtId="${f.id}" formatCode="${f.code}"/>`);
    const fonts = [...this.fonts.keys()];
    const fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>', ...this.fills.keys()];
    return [
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
      `<numFmts count="${formats.length}">${formats.join('')}</numFmts>`,
      `<fonts count="${fonts.length}">${fonts.join('')}</fonts>`,
      `<fills count="${fills.length}">${fills.join('')}</fills>`,
      `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>${BORDER}</borders>`,
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>',
      `<cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs>`,
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>',
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleMedium4"/>',
      '</styleSheet>',
    ].join('');
  }
}

/** Relative luminance of an RRGGBB colour (0 black … 1 white): dark fills get white text. */
export function isDark(color: string): boolean {
  const c = rgb(color);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const v = parseInt(c.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.179;
}

/** A colour from the workspace (#rrggbb), as RRGGBB; null when it is none or not a colour. */
export function colorOf(value: string | null): string | null {
  if (value === null) return null;
  const m = /^#([0-9a-fA-F]{6})$/.exec(value);
  return m?.[1] === undefined ? null : m[1].toUpperCase();
}
