/**
 * The ZIP checks the workbook reader makes before SheetJS sees a file (zipIsWhole) and the one entry it reads
 * itself (zipEntry, an OpenDocument manifest). ZIP files are put together here byte by byte, so each test
 * damages exactly one part of one and shows what becomes of it.
 */
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { zipEntry, zipIsWhole } from '../../../electron/core/io/spreadsheets/zip.ts';

interface Entry {
  name: string;
  data: Uint8Array;
  /** 0 stored, 8 deflated; anything else is written as given (its data deflated). */
  method?: number;
  localExtra?: number;
  centralExtra?: number;
  comment?: number;
  /** The unpacked size the central directory gives, when not the data's. */
  unpacked?: number;
}

const bytesOf = (s: string) => new TextEncoder().encode(s);
const u16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
const u32 = (n: number) => [...u16(n & 0xffff), ...u16(n >>> 16)];

/** A ZIP file of the entries, and where its central directory and end record are. */
function zip(entries: Entry[], zipComment = 0): { bytes: Uint8Array; central: number; end: number; locals: number[] } {
  const out: number[] = [];
  const central: number[] = [];
  const locals: number[] = [];
  for (const e of entries) {
    const method = e.method ?? 0;
    const packed = method === 0 ? e.data : new Uint8Array(deflateRawSync(e.data));
    const name = bytesOf(e.name);
    locals.push(out.length);
    const local = out.length;
    out.push(...u32(0x04034b50), ...u16(20), ...u16(0), ...u16(method), ...u32(0), ...u32(0), ...u32(packed.length), ...u32(e.data.length), ...u16(name.length), ...u16(e.localExtra ?? 0));
    out.push(...name, ...new Array<number>(e.localExtra ?? 0).fill(0x78), ...packed);
    central.push(...u32(0x02014b50), ...u16(20), ...u16(20), ...u16(0), ...u16(method), ...u32(0), ...u32(0), ...u32(packed.length), ...u32(e.unpacked ?? e.data.length));
    central.push(...u16(name.length), ...u16(e.centralExtra ?? 0), ...u16(e.comment ?? 0), ...u16(0), ...u16(0), ...u32(0), ...u32(local));
    central.push(...name, ...new Array<number>((e.centralExtra ?? 0) + (e.comment ?? 0)).fill(0x63));
  }
  const start = out.length;
  out.push(...central);
  const end = out.length;
  out.push(...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(entries.length), ...u16(entries.length), ...u32(central.length), ...u32(start), ...u16(zipComment));
  const bytes = new Uint8Array(out.length + zipComment);
  bytes.set(out);
  bytes.fill(0x6e, out.length);
  return { bytes, central: start, end, locals };
}

const manifest = bytesOf('<manifest:manifest>'.repeat(20));
const content = bytesOf('<office:document-content/>');
/** Two entries: a stored one with an extra field and a comment, and a deflated one with a local extra field. */
const sample = () =>
  zip([
    { name: 'mimetype', data: bytesOf('application/vnd.oasis.opendocument.spreadsheet'), centralExtra: 5, comment: 3 },
    { name: 'META-INF/manifest.xml', data: manifest, method: 8, localExtra: 7 },
    { name: 'content.xml', data: content },
  ]);
const set32 = (bytes: Uint8Array, at: number, value: number) => {
  const copy = bytes.slice();
  copy.set(u32(value), at);
  return copy;
};

describe('zipIsWhole', () => {
  it('a whole file, with extra fields, comments and a file comment, up to the longest comment a ZIP may have', () => {
    expect(zipIsWhole(sample().bytes)).toBe(true);
    expect(zipIsWhole(zip([{ name: 'a.xml', data: content, method: 8 }], 5).bytes)).toBe(true);
    expect(zipIsWhole(zip([{ name: 'a.xml', data: content, method: 8 }], 65_535).bytes)).toBe(true);
    expect(zipIsWhole(zip([{ name: '', data: new Uint8Array() }]).bytes)).toBe(true);
  });

  it('is not whole without its end record, or with an end record that lists nothing', () => {
    const { bytes, end } = sample();
    expect(zipIsWhole(bytes.subarray(0, end))).toBe(false);
    expect(zipIsWhole(zip([]).bytes)).toBe(false);
  });

  it('is not whole when the directory runs past its end record, or lists more entries than it holds', () => {
    const { bytes, end } = sample();
    expect(zipIsWhole(set32(bytes, end + 12, end))).toBe(false);
    const more = bytes.slice();
    more.set(u16(4), end + 10);
    expect(zipIsWhole(more)).toBe(false);
  });

  it('is not whole when a directory entry or a local header is not where it is said to be', () => {
    const { bytes, central, locals } = sample();
    expect(zipIsWhole(set32(bytes, central, 0))).toBe(false);
    expect(zipIsWhole(set32(bytes, central + 42, bytes.length))).toBe(false);
    expect(zipIsWhole(set32(bytes, locals[1] ?? 0, 0))).toBe(false);
  });

  it('is not whole when an entry’s data runs past the end of the file', () => {
    const whole = zip([{ name: 'a', data: bytesOf('abc') }]);
    expect(zipIsWhole(set32(whole.bytes, whole.central + 20, whole.bytes.length))).toBe(false);
  });

  it('is not whole when an entry would unpack to more than 256 MB, or uses another method', () => {
    expect(zipIsWhole(zip([{ name: 'a', data: bytesOf('abc'), unpacked: 256 * 1024 * 1024 }]).bytes)).toBe(true);
    expect(zipIsWhole(zip([{ name: 'a', data: bytesOf('abc'), unpacked: 300 * 1024 * 1024 }]).bytes)).toBe(false);
    expect(zipIsWhole(zip([{ name: 'a', data: content, method: 12 }]).bytes)).toBe(false);
  });

  it('is not whole when a compressed entry does not unpack to its size, or does not unpack at all', () => {
    expect(zipIsWhole(zip([{ name: 'a', data: content, method: 8, unpacked: content.length + 1 }]).bytes)).toBe(false);
    const { bytes, locals } = zip([{ name: 'a', data: content, method: 8 }]);
    const broken = bytes.slice();
    broken.fill(0xff, (locals[0] ?? 0) + 31, (locals[0] ?? 0) + 36);
    expect(zipIsWhole(broken)).toBe(false);
  });
});

describe('zipEntry', () => {
  it('reads a stored and a compressed entry by name, past entries with extra fields and comments', () => {
    const { bytes } = sample();
    expect(zipEntry(bytes, 'META-INF/manifest.xml')).toEqual(manifest);
    expect(zipEntry(bytes, 'content.xml')).toEqual(content);
    expect(zipEntry(zip([{ name: 'a', data: content }], 40).bytes, 'a')).toEqual(content);
    expect(zipEntry(zip([{ name: 'a', data: content }], 65_535).bytes, 'a')).toEqual(content);
    expect(zipEntry(bytes, 'styles.xml')).toBeNull();
  });

  it('reads an entry of exactly the size asked for, and gives nothing for a larger one', () => {
    const { bytes } = zip([{ name: 'a', data: content }]);
    expect(zipEntry(bytes, 'a', content.length)).toEqual(content);
    expect(zipEntry(bytes, 'a', content.length - 1)).toBeNull();
    // Nor for a small compressed entry that unpacks to more.
    expect(zipEntry(zip([{ name: 'a', data: new Uint8Array(5000).fill(0x61), method: 8 }]).bytes, 'a', 200)).toBeNull();
  });

  it('gives nothing for a file without an end record, a damaged directory or local header, or another method', () => {
    const { bytes, central, end, locals } = sample();
    expect(zipEntry(bytes.subarray(0, end), 'content.xml')).toBeNull();
    expect(zipEntry(set32(bytes, central, 0), 'content.xml')).toBeNull();
    expect(zipEntry(set32(bytes, locals[2] ?? 0, 0), 'content.xml')).toBeNull();
    expect(zipEntry(zip([{ name: 'a', data: content, method: 12 }]).bytes, 'a')).toBeNull();
  });
});
