/**
 * From a grid to an import: the header row and its column names, a mapping of columns to fields suggested
 * from those names, and the readers of one cell's value (whole numbers, days, tag lists, amounts with units).
 * Pure: the quote and metric imports use them.
 */
import type { GridRow } from './types.ts';

export interface Table {
  columns: string[];
  rows: GridRow[];
}

/** The first row names the columns; a blank name becomes "Column N"; rows wider than the header add columns. */
export function tableOf(grid: readonly GridRow[]): Table {
  const [header, ...rows] = grid;
  const width = Math.max(header?.cells.length ?? 0, ...rows.map((r) => r.cells.length));
  const columns = Array.from({ length: width }, (_, i) => header?.cells[i]?.trim() || `Column ${i + 1}`);
  return { columns, rows };
}

const normalise = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * Each field takes the first column whose name is one of its words, then the first whose name contains one;
 * a column goes to one field at most.
 */
export function suggestMapping<F extends string>(columns: readonly string[], synonyms: Record<F, readonly string[]>): Record<F, number | null> {
  const names = columns.map(normalise);
  const fields = Object.keys(synonyms) as F[];
  const mapping = Object.fromEntries(fields.map((f) => [f, null])) as Record<F, number | null>;
  const taken = new Set<number>();
  const pick = (test: (name: string, word: string) => boolean) => {
    for (const field of fields) {
      if (mapping[field] !== null) continue;
      for (const word of synonyms[field]) {
        const at = names.findIndex((name, i) => !taken.has(i) && test(name, word));
        if (at >= 0) {
          mapping[field] = at;
          taken.add(at);
          break;
        }
      }
    }
  };
  pick((name, word) => name === word);
  pick((name, word) => ` ${name} `.includes(` ${word} `));
  return mapping;
}

/** A cell's text, trimmed; '' for a column not mapped or a row shorter than it. */
export const cellOf = (row: GridRow, column: number | null | undefined): string => (row.cells[column ?? -1] ?? '').trim();

const MINUS = /^[\u2212\u2013]/;

/** A whole number written as people write it: "2", "+1", "−2" (a minus sign), "1.0". null when it is none. */
export function wholeNumber(text: string): number | null {
  const t = text.trim().replace(MINUS, '-');
  if (!/^[+-]?\d{1,6}(\.0+)?$/.test(t)) return null;
  const n = Number(t);
  return Object.is(n, -0) ? 0 : n;
}

const realDay = (y: number, m: number, d: number): string | null => {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1000) return null;
  return date.toISOString().slice(0, 10);
};

/**
 * A day as YYYY-MM-DD: from 2026-03-31 (a time after it is ignored), 2026/03/31 or 31.03.2026 (the European
 * way, day first). Slashed days like 03/04/2026 are refused: they are read both ways around the world.
 */
export function day(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (m) return realDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (m) return realDay(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

/** Tags in one cell, split at commas and semicolons; blanks dropped, the same name (any case) once. */
export function tagList(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(/[,;]/)) {
    const name = part.trim().replace(/\s+/g, ' ');
    if (name === '' || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    out.push(name);
  }
  return out;
}

const CURRENCY = /^[€$£¥]|[€$£¥]$/;

/**
 * An amount: "1200", "1,200", "12.5%" (12.5, unit %), "€ 40" (unit €), "−3", "1 200". A comma is a thousands
 * separator when it is followed by groups of three digits ("1,200" is 1200) and a decimal comma otherwise
 * ("12,5"); with `decimalComma` (a semicolon-separated file, as European Excel writes) a comma is always the
 * decimal separator and dots group thousands ("1.200,5").
 */
export function amount(text: string, decimalComma = false): { value: number; unit: string } | null {
  let t = text.trim().replace(MINUS, '-');
  let unit = '';
  if (t.endsWith('%')) {
    unit = '%';
    t = t.slice(0, -1).trim();
  } else {
    const currency = CURRENCY.exec(t);
    if (currency) {
      unit = currency[0];
      t = (currency.index === 0 ? t.slice(1) : t.slice(0, -1)).trim();
    }
  }
  t = t.replace(/^([+-])\s+/, '$1').replace(/(\d)[\s\u00a0\u202f'](?=\d{3}\b)/g, '$1');
  let plain: string | null = null;
  if (/^[+-]?\d+$/.test(t)) plain = t;
  else if (decimalComma) {
    if (/^[+-]?\d+(,\d+)?$/.test(t)) plain = t.replace(',', '.');
    else if (/^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) plain = t.replace(/\./g, '').replace(',', '.');
    else if (/^[+-]?\d*\.\d+$/.test(t)) plain = t;
  } else {
    if (/^[+-]?\d*\.\d+$/.test(t)) plain = t;
    else if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) plain = t.replace(/,/g, '');
    else if (/^[+-]?\d{1,3}(\.\d{3})+,\d+$/.test(t)) plain = t.replace(/\./g, '').replace(',', '.');
    else if (/^[+-]?\d+,\d+$/.test(t)) plain = t.replace(',', '.');
  }
  if (plain === null) return null;
  const value = Number(plain);
  return Number.isFinite(value) ? { value: Object.is(value, -0) ? 0 : value, unit } : null;
}
