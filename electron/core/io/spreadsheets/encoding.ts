/**
 * The text encoding of a CSV/TSV file: a byte-order mark says it (UTF-8, UTF-16 LE/BE); UTF-16 without one is
 * told by where its NUL bytes are (ASCII text in UTF-16 has every other byte NUL); bytes that are valid UTF-8
 * are UTF-8; anything else is read as Windows-1252, what Excel writes as "CSV" on Western Windows.
 */
import type { Encoding } from './types.ts';

export interface Decoded {
  text: string;
  encoding: Encoding;
}

const BOMS: { encoding: Encoding; bytes: number[] }[] = [
  { encoding: 'utf-8', bytes: [0xef, 0xbb, 0xbf] },
  { encoding: 'utf-16le', bytes: [0xff, 0xfe] },
  { encoding: 'utf-16be', bytes: [0xfe, 0xff] },
];

function bomOf(bytes: Uint8Array): { encoding: Encoding; length: number } | null {
  for (const bom of BOMS) if (bom.bytes.every((b, i) => bytes[i] === b)) return { encoding: bom.encoding, length: bom.bytes.length };
  return null;
}

/** UTF-16 without a BOM: in the first 4 KB, most even (BE) or odd (LE) bytes are NUL and the others are not. */
function utf16ByNuls(bytes: Uint8Array): Encoding | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.6 && evenNul < pairs * 0.1) return 'utf-16le';
  if (evenNul > pairs * 0.6 && oddNul < pairs * 0.1) return 'utf-16be';
  return null;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The encoding the bytes are most likely in. */
export function detectEncoding(bytes: Uint8Array): Encoding {
  return bomOf(bytes)?.encoding ?? utf16ByNuls(bytes) ?? (isUtf8(bytes) ? 'utf-8' : 'windows-1252');
}

/** Decode in the given encoding (detected when absent); a byte-order mark of that encoding is dropped. */
export function decodeText(bytes: Uint8Array, chosen?: Encoding): Decoded {
  const encoding = chosen ?? detectEncoding(bytes);
  const bom = bomOf(bytes);
  const body = bom !== null && bom.encoding === encoding ? bytes.subarray(bom.length) : bytes;
  // Invalid sequences become U+FFFD: a wrong choice shows as odd characters in the preview, never as a failure.
  return { text: new TextDecoder(encoding, { ignoreBOM: true }).decode(body), encoding };
}
