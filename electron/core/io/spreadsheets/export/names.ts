/**
 * Names a workbook's sheets and its file can have. Excel's rules for a sheet's name: 1 to 31 characters, none
 * of : \ / ? * [ ], not starting or ending with an apostrophe, not "History" (Excel keeps it for itself), and
 * unique whatever the case. A file's name must be safe on Windows, macOS and Linux alike. Pure.
 */
import { cleanText } from './cells.ts';

export const SHEET_NAME_MAX = 31;
const FORBIDDEN_IN_SHEET = /[:\\/?*[\]]/g;
const RESERVED_SHEETS = ['history'];

/** Cut to at most `max` UTF-16 units on a character's boundary (a surrogate pair is never split). */
function within(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/** A name Excel accepts for a sheet, from any text: forbidden characters and apostrophes at the ends taken out. */
export function sheetName(text: string, fallback: string): string {
  const plain = cleanText(text).replace(FORBIDDEN_IN_SHEET, ' ').replace(/\s+/g, ' ');
  const ends = /^[\s']+|[\s']+$/g;
  const name = within(plain.replace(ends, ''), SHEET_NAME_MAX).replace(ends, '');
  return name === '' || RESERVED_SHEETS.includes(name.toLowerCase()) ? fallback : name;
}

/**
 * Sheet names, one for each wish, in order: each made acceptable (`fallback` for one that is nothing) and
 * unique among the names `taken` and those before it (whatever the case), with " (2)", " (3)"… where needed.
 */
export function uniqueSheetNames(wishes: readonly string[], taken: readonly string[], fallback: string): string[] {
  const used = new Set(taken.map((n) => n.toLowerCase()));
  return wishes.map((wish) => {
    const base = sheetName(wish, fallback);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = `${within(base, SHEET_NAME_MAX - suffix.length).trimEnd()}${suffix}`;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

const FORBIDDEN_IN_FILE = /[<>:"/\\|?*]/g;
const WINDOWS_DEVICES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/** Characters of a file's name before its extension: well inside every file system's limit of 255 bytes. */
export const FILE_STEM_MAX = 100;

/**
 * A file name ending in `extension` from any text: no characters Windows forbids, no control characters, no
 * leading dots (hidden on macOS and Linux) or trailing dots and spaces (dropped by Windows), not a Windows
 * device name, at most FILE_STEM_MAX characters before the extension; `fallback` when nothing is left.
 */
export function fileName(text: string, extension: string, fallback: string): string {
  const plain = cleanText(text)
    .replace(FORBIDDEN_IN_FILE, ' ')
    .replace(/[\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  let stem = within(plain, FILE_STEM_MAX).replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (stem === '') stem = fallback;
  if (WINDOWS_DEVICES.test(stem.split('.')[0] ?? '')) stem = stem.replace(/^[^.]*/, (device) => `${device} map`);
  return `${stem}.${extension}`;
}
