/**
 * What an exported sheet is made of before it is written: typed cells with a style, column widths, row
 * heights, merged ranges, frozen panes and filters; and the rules for the text in a cell (what Excel allows,
 * how wide and how tall it is). Pure.
 */

/** A cell: text, a number (days too: a day is a number with a day format), or nothing but its style. */
export type Cell = { t: 's'; v: string; s: number } | { t: 'n'; v: number; s: number } | { t: 'z'; s: number };

export interface Range {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

export interface SheetSpec {
  name: string;
  /** Row by row; a missing cell is empty and unstyled. */
  rows: (Cell | undefined)[][];
  /** Column widths in characters (Excel's unit: the width of a digit). */
  widths: number[];
  /** Row heights in points; undefined: the default. */
  heights: (number | undefined)[];
  merges: Range[];
  /** Rows at the top and columns at the left that stay in view when scrolling. */
  freeze: { rows: number; cols: number };
  /** Whether the header row gets filter buttons over every row below it. */
  filter: boolean;
  /** Printed across (landscape) and fitted to the page's width, the frozen rows and columns on every page. */
  print: 'map' | 'table';
}

/** Excel's limit on the characters of one cell. */
export const CELL_TEXT_MAX = 32_767;
/** Excel's highest row, in points, and widest column, in characters. */
export const ROW_HEIGHT_MAX = 409;
export const COLUMN_WIDTH_MAX = 255;
/** The height of one line of the workbook's font (Arial 10), with a little room above and below a cell. */
export const LINE_HEIGHT = 12.75;
const PADDING = 3;

// XML 1.0 cannot hold these at all; a cell's text is kept without them (tabs and line breaks stay).
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Excel reads `_xHHHH_` in a cell's text as the character HHHH: such text is written with its `_` escaped. */
const ESCAPE_LIKE = /_(x[0-9A-Fa-f]{4}_)/g;
/** Text that a spreadsheet would take for a formula if it were typed in. */
const FORMULA_LIKE = /^[=+\-@\t]/;

/** Text as a cell can hold it: no control characters, no broken surrogate pairs, line breaks as \n. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** The text as written into the workbook: `_xHHHH_` sequences escaped, so that they read back as typed. */
export const escapeCodes = (text: string): string => text.replace(ESCAPE_LIKE, '_x005F_$1');

export const looksLikeFormula = (text: string): boolean => FORMULA_LIKE.test(text);

/** Cut `text` to at most `max` characters (UTF-16 units), never inside a surrogate pair, ending in an ellipsis. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** A text cell: cleaned, cut to what Excel holds (after escaping), and marked as text when it looks like a formula. */
export function textCell(text: string, style: number, prefixed: (style: number) => number): Cell {
  let clean = cleanText(text);
  let written = escapeCodes(clean);
  while (written.length > CELL_TEXT_MAX) {
    // Shorter by the share of the text that is over (escapes make some of it count more than once).
    clean = cut(clean, clean.length - Math.ceil(((written.length - CELL_TEXT_MAX) * clean.length) / written.length));
    written = escapeCodes(clean);
  }
  return { t: 's', v: written, s: looksLikeFormula(clean) ? prefixed(style) : style };
}

const FIRST_DAY = Date.UTC(1900, 2, 1);

export const numberCell = (value: number, style: number): Cell => ({ t: 'n', v: value, s: style });
export const emptyCell = (style: number): Cell => ({ t: 'z', s: style });

/**
 * A day (YYYY-MM-DD) as Excel's day number (days since 1899-12-30); null when it is not a real day, or before
 * 1900-03-01 (Excel counts a 29 February 1900 that never was, so its earlier days are off by one).
 */
export function dayNumber(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const time = Date.UTC(y, mo - 1, d);
  const date = new Date(time);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || time < FIRST_DAY) return null;
  return time / 86_400_000 + 25_569;
}

// Characters that take two columns: CJK, Hangul, full-width forms, emoji.
const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1FAFF}\u{20000}-\u{3FFFD}]/u;

/** How many digit widths a piece of text takes on one line. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

/** The lines `text` takes in a column `width` characters wide, words wrapped as a spreadsheet wraps them. */
export function wrappedLines(text: string, width: number): number {
  const room = Math.max(1, width - 1);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let used = 0;
    let count = 1;
    for (const word of paragraph.split(' ')) {
      const w = textWidth(word);
      if (used > 0 && used + 1 + w > room) {
        count++;
        used = 0;
      }
      if (w > room) {
        const pieces = Math.ceil(w / room);
        count += pieces - 1;
        used = w - (pieces - 1) * room;
      } else used += (used > 0 ? 1 : 0) + w;
    }
    lines += count;
  }
  return lines;
}

/** The height in points of a row whose tallest cell takes `lines` lines. */
export const rowHeight = (lines: number): number => Math.min(ROW_HEIGHT_MAX, Math.ceil(lines * LINE_HEIGHT + PADDING));

/** The widest line of `text`, in digit widths. */
export const longestLine = (text: string): number => Math.max(0, ...text.split('\n').map(textWidth));

export const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/** A column's letters (0 → A, 26 → AA). */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
