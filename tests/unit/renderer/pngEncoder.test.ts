/**
 * The streaming PNG encoder, read back by two decoders that are not ours: pngjs (with its CRC checks on) and
 * Python's zlib behind a chunk-by-chunk reader as strict as a viewer's (signature, every chunk's CRC-32,
 * IHDR first, IDAT in one run, IEND last with nothing after it, the zlib stream complete, and a reading of
 * every filter type). Sizes, pixels, several IDAT chunks, opaque and transparent images, images given in bands of any
 * height, and the encoder's refusals.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { PNG_MAX_DIMENSION, PNG_SIGNATURE, PngStreamEncoder, chunk, crc32, headerChunk, upFilter, type EncoderOptions } from '../../../renderer/src/exports/png/encoder.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-png-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A deterministic picture: flat areas (as a map has), gradients and noise. */
function picture(width: number, height: number, seed = 1, opaque = false): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  let h = seed;
  const rand = () => {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) + 0x9e3779b9;
    return (h >>> 24) & 0xff;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const area = (x >> 3) % 3;
      data[i] = area === 0 ? 250 : area === 1 ? (x * 9) & 0xff : rand();
      data[i + 1] = area === 0 ? 246 : (y * 7) & 0xff;
      data[i + 2] = area === 2 ? rand() : 199;
      data[i + 3] = opaque ? 255 : (x + y) % 5 === 0 ? 0 : area === 2 ? rand() : 255;
    }
  }
  return data;
}

/** Encode `rgba` handing the encoder bands of the given heights (repeating), as the tile rows do. */
async function encode(rgba: Uint8Array, width: number, height: number, alpha: boolean, bands: number[], options: EncoderOptions = {}): Promise<Buffer> {
  const encoder = new PngStreamEncoder({ width, height, alpha }, options);
  let row = 0;
  for (let k = 0; row < height; k++) {
    const rows = Math.min(bands[k % bands.length] ?? 1, height - row);
    await encoder.writeRows(rgba.subarray(row * width * 4, (row + rows) * width * 4), rows);
    row += rows;
  }
  expect(encoder.rows).toBe(height);
  const blob = await encoder.finish();
  expect(blob.type).toBe('image/png');
  return Buffer.from(await blob.arrayBuffer());
}

/** The chunks of a PNG, as a viewer walks them. */
function chunksOf(png: Buffer): { type: string; length: number }[] {
  expect(png.subarray(0, 8)).toEqual(Buffer.from(PNG_SIGNATURE));
  const out: { type: string; length: number }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    out.push({ type: png.toString('latin1', at + 4, at + 8), length });
    at += 12 + length;
  }
  return out;
}

/** What RGBA the image should decode to: for an opaque one, alpha becomes 255. */
const expected = (rgba: Uint8Array, alpha: boolean): Buffer => {
  const out = Buffer.from(rgba);
  if (!alpha) for (let i = 3; i < out.length; i += 4) out[i] = 255;
  return out;
};
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const PYTHON_READER = String.raw`
import hashlib, json, struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'signature'
at, chunks, idat = 8, [], bytearray()
while at < len(data):
    (length,) = struct.unpack('>I', data[at:at + 4])
    kind = data[at + 4:at + 8]
    body = data[at + 8:at + 8 + length]
    (crc,) = struct.unpack('>I', data[at + 8 + length:at + 12 + length])
    assert len(body) == length, 'truncated chunk'
    assert zlib.crc32(kind + body) & 0xffffffff == crc, 'CRC of ' + kind.decode()
    chunks.append(kind.decode())
    if kind == b'IDAT':
        assert chunks[-2] in ('IHDR', 'IDAT'), 'IDAT chunks in one run'
        idat += body
    at += 12 + length
assert chunks[0] == 'IHDR' and chunks[-1] == 'IEND', chunks
width, height, depth, colour, method, filtering, interlace = struct.unpack('>IIBBBBB', data[16:29])
assert (depth, method, filtering, interlace) == (8, 0, 0, 0)
bpp = {2: 3, 6: 4}[colour]
z = zlib.decompressobj()
raw = z.decompress(bytes(idat)) + z.flush()
assert z.eof and not z.unused_data, 'the zlib stream is complete, with nothing after it'
stride = width * bpp
assert len(raw) == height * (stride + 1), 'scanlines'
out, prior, filters = bytearray(), bytearray(stride), set()
for y in range(height):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    filters.add(f)
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prior[i]
        c = prior[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        else: assert f == 0, 'filter type %d' % f
    prior = line
    if bpp == 4: out += line
    else:
        for i in range(0, stride, 3): out += line[i:i + 3] + b'\xff'
print(json.dumps({'width': width, 'height': height, 'colour': colour, 'idat': chunks.count('IDAT'), 'filters': sorted(filters), 'sha256': hashlib.sha256(out).hexdigest()}))
`;

/** Python 3 (with zlib) reads the file as a viewer would; missing, the test fails saying so. */
function pythonRead(file: string): { width: number; height: number; colour: number; idat: number; filters: number[]; sha256: string } {
  const run = spawnSync('python3', ['-c', PYTHON_READER, file], { encoding: 'utf8', timeout: 60_000 });
  if (run.error) throw new Error(`python3 is needed for this check (apt-get install -y python3): ${run.error.message}`);
  if (run.status !== 0) throw new Error(`Python refused the PNG: ${run.stderr}`);
  return JSON.parse(run.stdout) as ReturnType<typeof pythonRead>;
}

describe('PNG encoder: chunks', () => {
  it('computes CRC-32 as PNG does', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    const all = new TextEncoder().encode('IENDIHDRIDAT');
    expect(crc32(all.subarray(4), crc32(all.subarray(0, 4)))).toBe(crc32(all));
  });

  it('writes a chunk as length, type, data and the CRC of type and data', () => {
    expect(Buffer.from(chunk('IEND', new Uint8Array(0)))).toEqual(Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]));
    const c = Buffer.from(chunk('tEXt', Uint8Array.of(1, 2, 3)));
    expect(c.readUInt32BE(0)).toBe(3);
    expect(c.toString('latin1', 4, 8)).toBe('tEXt');
    expect([...c.subarray(8, 11)]).toEqual([1, 2, 3]);
    expect(c.readUInt32BE(11)).toBe(crc32(c.subarray(4, 11)));
  });

  it('writes IHDR for RGBA and RGB, and refuses sizes a PNG cannot have', () => {
    const rgba = Buffer.from(headerChunk({ width: 300, height: 70_000, alpha: true }));
    expect(rgba.readUInt32BE(0)).toBe(13);
    expect(rgba.toString('latin1', 4, 8)).toBe('IHDR');
    expect([rgba.readUInt32BE(8), rgba.readUInt32BE(12)]).toEqual([300, 70_000]);
    expect([...rgba.subarray(16, 21)]).toEqual([8, 6, 0, 0, 0]);
    expect(Buffer.from(headerChunk({ width: 1, height: 1, alpha: false }))[17]).toBe(2);
    expect(Buffer.from(headerChunk({ width: PNG_MAX_DIMENSION, height: 1, alpha: false })).readUInt32BE(8)).toBe(PNG_MAX_DIMENSION);
    expect(Buffer.from(headerChunk({ width: 1, height: PNG_MAX_DIMENSION, alpha: false })).readUInt32BE(12)).toBe(PNG_MAX_DIMENSION);
    for (const [width, height] of [
      [0, 1],
      [1, 0],
      [-1, 5],
      [1.5, 2],
      [PNG_MAX_DIMENSION + 1, 1],
      [1, PNG_MAX_DIMENSION + 1],
      [Number.NaN, 1],
    ] as const) {
      expect(() => headerChunk({ width, height, alpha: true })).toThrow(RangeError);
    }
    expect(() => headerChunk({ width: 0, height: 4, alpha: true })).toThrow('A PNG is 1 to 2147483647 pixels a side, not 0 × 4.');
  });
});

describe('PNG encoder: the Up filter', () => {
  it('writes each byte less the byte above it, from RGBA to RGB, and keeps the line for the next', () => {
    const rgba = Uint8Array.of(9, 9, 9, 9, 10, 200, 30, 77, 11, 201, 31, 0, 250, 0, 255, 1);
    const prior = Uint8Array.of(10, 100, 0, 11, 201, 31);
    const out = new Uint8Array(7);
    upFilter(rgba, 4, prior, false, out);
    expect([...out]).toEqual([2, 0, 100, 30, 0, 0, 0]);
    expect([...prior]).toEqual([10, 200, 30, 11, 201, 31]);
    // The same line again is all zeros; a darker one wraps around (0 − 250 is 6).
    upFilter(rgba, 4, prior, false, out);
    expect([...out]).toEqual([2, 0, 0, 0, 0, 0, 0]);
    upFilter(Uint8Array.of(0, 0, 0, 5, 250, 0, 255, 3), 0, prior, false, out);
    expect([...out]).toEqual([2, 246, 56, 226, 239, 55, 224]);
    expect([...prior]).toEqual([0, 0, 0, 250, 0, 255]);
  });

  it('keeps alpha for a transparent picture', () => {
    const prior = new Uint8Array(8);
    const out = new Uint8Array(9);
    upFilter(Uint8Array.of(0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8), 4, prior, true, out);
    expect([...out]).toEqual([2, 1, 2, 3, 4, 5, 6, 7, 8]);
    upFilter(Uint8Array.of(1, 2, 3, 5, 5, 6, 7, 0), 0, prior, true, out);
    expect([...out]).toEqual([2, 0, 0, 0, 1, 0, 0, 0, 248]);
    expect([...prior]).toEqual([1, 2, 3, 5, 5, 6, 7, 0]);
  });
});

describe('PNG encoder: whole images read back', () => {
  it('encodes RGBA that pngjs (CRCs checked) and Python read back pixel for pixel, over several IDAT chunks', async () => {
    const [width, height] = [37, 23];
    const rgba = picture(width, height);
    const png = await encode(rgba, width, height, true, [5, 1, 7], { idatSize: 64, batchSize: 200 });
    const chunks = chunksOf(png);
    expect(chunks[0]).toEqual({ type: 'IHDR', length: 13 });
    expect(chunks.at(-1)).toEqual({ type: 'IEND', length: 0 });
    const idat = chunks.filter((c) => c.type === 'IDAT');
    expect(idat.length).toBeGreaterThan(3);
    expect(idat.slice(0, -1).every((c) => c.length === 64)).toBe(true);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', ...idat.map(() => 'IDAT'), 'IEND']);
    const decoded = PNG.sync.read(png, { checkCRC: true });
    expect([decoded.width, decoded.height]).toEqual([width, height]);
    expect(Buffer.from(decoded.data)).toEqual(expected(rgba, true));
    const file = path.join(dir, 'rgba.png');
    fs.writeFileSync(file, png);
    const py = pythonRead(file);
    expect(py).toMatchObject({ width, height, colour: 6, idat: idat.length, sha256: sha(expected(rgba, true)) });
    expect(py.filters).toEqual([2]);
  });

  it('encodes an opaque image as RGB, dropping alpha', async () => {
    const [width, height] = [61, 40];
    const rgba = picture(width, height, 7);
    const png = await encode(rgba, width, height, false, [40]);
    const decoded = PNG.sync.read(png, { checkCRC: true });
    expect(png[25]).toBe(2);
    expect(Buffer.from(decoded.data)).toEqual(expected(rgba, false));
    const file = path.join(dir, 'rgb.png');
    fs.writeFileSync(file, png);
    expect(pythonRead(file)).toMatchObject({ width, height, colour: 2, idat: 1, sha256: sha(expected(rgba, false)) });
  });

  it('gives the same file whatever the bands it was handed in', async () => {
    const [width, height] = [19, 31];
    const rgba = picture(width, height, 3);
    const whole = await encode(rgba, width, height, true, [31]);
    for (const bands of [[1], [2, 3], [30, 1], [0, 4]]) expect(await encode(rgba, width, height, true, bands)).toEqual(whole);
  });

  it('streams an image bigger than its buffers: 1,024 × 700 in bands of 64 rows, default chunks', async () => {
    const [width, height] = [1024, 700];
    const rgba = picture(width, height, 11, true);
    const png = await encode(rgba, width, height, false, [64]);
    const idat = chunksOf(png).filter((c) => c.type === 'IDAT');
    expect(idat.length).toBeGreaterThan(1);
    expect(idat[0]?.length).toBe(256 * 1024);
    const decoded = PNG.sync.read(png, { checkCRC: true });
    expect(sha(decoded.data)).toBe(sha(expected(rgba, false)));
    const file = path.join(dir, 'big.png');
    fs.writeFileSync(file, png);
    expect(pythonRead(file)).toMatchObject({ width, height, colour: 2, idat: idat.length, sha256: sha(expected(rgba, false)) });
  });

  it('gives the same file with buffers smaller than a line, and no empty IDAT when the data fills its chunks exactly', async () => {
    const [width, height] = [29, 13];
    const rgba = picture(width, height, 5);
    const whole = await encode(rgba, width, height, true, [13]);
    expect(await encode(rgba, width, height, true, [13], { batchSize: 1 })).toEqual(whole);
    expect(await encode(rgba, width, height, true, [4], { batchSize: 50 })).toEqual(whole);
    // Chunks gathered into Blobs as they come (every 100 bytes here, every 16 MB in use): the same bytes.
    expect(await encode(rgba, width, height, true, [3], { idatSize: 40, blobEvery: 100 })).toEqual(await encode(rgba, width, height, true, [13], { idatSize: 40 }));
    expect(await encode(rgba, width, height, true, [13], { blobEvery: 1 })).toEqual(whole);
    // One byte a chunk: every IDAT holds exactly one, and none is left empty at the end.
    const bytewise = await encode(rgba, width, height, true, [13], { idatSize: 1 });
    const idat = chunksOf(bytewise).filter((c) => c.type === 'IDAT');
    expect(idat.length).toBeGreaterThan(100);
    expect(idat.every((c) => c.length === 1)).toBe(true);
    expect(Buffer.from(PNG.sync.read(bytewise, { checkCRC: true }).data)).toEqual(expected(rgba, true));
  });

  it('encodes a single pixel', async () => {
    const png = await encode(Uint8Array.of(1, 2, 3, 4), 1, 1, true, [1]);
    const decoded = PNG.sync.read(png, { checkCRC: true });
    expect([...decoded.data]).toEqual([1, 2, 3, 4]);
  });
});

describe('PNG encoder: refusals', () => {
  it('refuses rows past the bottom, too few bytes, an unfinished image and a second finish', async () => {
    const encoder = new PngStreamEncoder({ width: 4, height: 3, alpha: true });
    await expect(encoder.writeRows(new Uint8Array(64), 4)).rejects.toThrow('The image is 3 rows tall: 4 more rows after 0 do not fit.');
    await expect(encoder.writeRows(new Uint8Array(16), -1)).rejects.toThrow(RangeError);
    await expect(encoder.writeRows(new Uint8Array(16), 1.5)).rejects.toThrow(RangeError);
    await expect(encoder.writeRows(new Uint8Array(31), 2)).rejects.toThrow('2 rows of 4 pixels need 32 bytes, not 31.');
    await encoder.writeRows(new Uint8Array(32), 2);
    await expect(encoder.writeRows(new Uint8Array(32), 2)).rejects.toThrow('The image is 3 rows tall: 2 more rows after 2 do not fit.');
    await expect(encoder.finish()).rejects.toThrow('The image is 3 rows tall; only 2 were written.');
    await encoder.writeRows(new Uint8Array(16), 1);
    const png = Buffer.from(await (await encoder.finish()).arrayBuffer());
    expect(PNG.sync.read(png, { checkCRC: true }).height).toBe(3);
    await expect(encoder.finish()).rejects.toThrow('This PNG is already finished.');
    await expect(encoder.writeRows(new Uint8Array(16), 1)).rejects.toThrow('This PNG is already finished.');
  });

  it('gives up when aborted: nothing more is taken, nothing is returned', async () => {
    const encoder = new PngStreamEncoder({ width: 4, height: 2, alpha: false });
    await encoder.writeRows(new Uint8Array(16), 1);
    const reason = new DOMException('The export was cancelled.', 'AbortError');
    encoder.abort(reason);
    await expect(encoder.writeRows(new Uint8Array(16), 1)).rejects.toBe(reason);
    await expect(encoder.finish()).rejects.toBe(reason);
    encoder.abort(new Error('again'));
    await expect(encoder.finish()).rejects.toBe(reason);
    const plain = new PngStreamEncoder({ width: 1, height: 1, alpha: false });
    plain.abort('stopped');
    await expect(plain.finish()).rejects.toThrow('stopped');
    const quiet = new PngStreamEncoder({ width: 1, height: 1, alpha: false });
    quiet.abort();
    await expect(quiet.finish()).rejects.toThrow('The PNG was not finished.');
  });

  it('refuses a size a PNG cannot have before anything is written', () => {
    expect(() => new PngStreamEncoder({ width: 0, height: 10, alpha: true })).toThrow(RangeError);
  });
});
