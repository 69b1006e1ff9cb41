/**
 * Just enough of the ZIP format to read one small entry (an OpenDocument file's manifest, which says whether
 * the document is encrypted) from the central directory. Anything malformed gives null, never a throw.
 */
import { inflateRawSync } from 'node:zlib';

const u16 = (b: Uint8Array, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number): number => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;

/** At most this much is unpacked from one workbook (a "zip bomb" is refused, not unpacked). */
const MAX_UNPACKED = 256 * 1024 * 1024;

/**
 * Whether the ZIP is whole: its end record is there, every entry it lists starts where it says with its data
 * inside the file, and every compressed entry unpacks (with Node's zlib) to the size listed. SheetJS is given
 * only such files: its own inflater can loop for ever on a damaged stream.
 */
export function zipIsWhole(bytes: Uint8Array): boolean {
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return false;
  const count = u16(bytes, end + 10);
  let at = u32(bytes, end + 16);
  if (count === 0 || at + u32(bytes, end + 12) > end) return false;
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || u32(bytes, at) !== 0x02014b50) return false;
    const size = u32(bytes, at + 20);
    const local = u32(bytes, at + 42);
    if (local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50) return false;
    const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    if (start + size > bytes.length) return false;
    const method = u16(bytes, at + 10);
    const unpacked = u32(bytes, at + 24);
    total += unpacked;
    if (total > MAX_UNPACKED || (method !== 0 && method !== 8)) return false;
    if (method === 8) {
      try {
        if (inflateRawSync(bytes.subarray(start, start + size), { maxOutputLength: Math.max(1, unpacked) }).length !== unpacked) return false;
      } catch {
        return false;
      }
    }
    at += 46 + u16(bytes, at + 28) + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  return true;
}

/** The bytes of the entry called `name`, when the file is a ZIP that has it and it is at most `maxBytes`. */
export function zipEntry(bytes: Uint8Array, name: string, maxBytes = 1024 * 1024): Uint8Array | null {
  try {
    let end = -1;
    for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
      if (u32(bytes, i) === 0x06054b50) {
        end = i;
        break;
      }
    }
    if (end < 0) return null;
    const count = u16(bytes, end + 10);
    let at = u32(bytes, end + 16);
    for (let n = 0; n < count && at + 46 <= bytes.length; n++) {
      if (u32(bytes, at) !== 0x02014b50) return null;
      const method = u16(bytes, at + 10);
      const size = u32(bytes, at + 20);
      const nameLength = u16(bytes, at + 28);
      const skip = nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
      const entryName = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
      const local = u32(bytes, at + 42);
      at += 46 + skip;
      if (entryName !== name) continue;
      if (u32(bytes, local) !== 0x04034b50 || size > maxBytes) return null;
      const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
      const data = bytes.subarray(start, start + size);
      if (method === 0) return data;
      if (method === 8) return new Uint8Array(inflateRawSync(data, { maxOutputLength: maxBytes }));
      return null;
    }
    return null;
  } catch {
    return null;
  }
}
