/**
 * A streaming PNG encoder: the image is written a band of scanlines at a time, as the tiles of one row of
 * tiles are drawn, so an image far bigger than any canvas — and than memory as raw RGBA — can be encoded.
 *
 * The file is the PNG signature, an IHDR chunk, IDAT chunks cut from one zlib stream of filtered scanlines,
 * and IEND, each chunk with its CRC-32 (PNG specification, 3rd edition, §5 and §11). The zlib stream comes
 * from the platform's `CompressionStream('deflate')` (RFC 1950 zlib format, which is what IDAT holds), in
 * Chromium and in Node alike. No library on the npm registry streams rows into a PNG in a browser: fast-png,
 * UPNG.js and pngjs's packer each take the whole image as one buffer (see the README).
 *
 * Every scanline is filtered with Up (see upFilter).
 */

/** The eight bytes every PNG starts with. */
export const PNG_SIGNATURE: Uint8Array = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309, as PNG uses it) of `bytes`, continuing from `crc` (the value of the bytes before). */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < bytes.length; i++) c = (CRC_TABLE[(c ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  return ~c >>> 0;
}

const toError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

const ascii = (type: string): Uint8Array => Uint8Array.from(type, (ch) => ch.charCodeAt(0));

/** One chunk: length, type, data, CRC-32 over type and data. */
export function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(ascii(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** PNG's limit on width and height (2^31 − 1); viewers stop much earlier (see tilePlan.ts). */
export const PNG_MAX_DIMENSION = 2 ** 31 - 1;

export interface PngHeader {
  width: number;
  height: number;
  /** RGBA (colour type 6) when true, RGB (colour type 2) when the image is opaque. */
  alpha: boolean;
}

/** IHDR: width, height, bit depth 8, colour type, deflate, adaptive filtering, no interlace. */
export function headerChunk({ width, height, alpha }: PngHeader): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > PNG_MAX_DIMENSION || height > PNG_MAX_DIMENSION) {
    throw new RangeError(`A PNG is 1 to ${PNG_MAX_DIMENSION} pixels a side, not ${width} × ${height}.`);
  }
  const data = new Uint8Array(13);
  const view = new DataView(data.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  data[8] = 8;
  data[9] = alpha ? 6 : 2;
  return chunk('IHDR', data);
}

/**
 * Filter one scanline with PNG's Up filter (each byte less the byte above it), straight from RGBA: the
 * filter byte 2, then the line's bytes (RGB, or RGBA when `alpha`) less `prior`'s, which then becomes this
 * line (so it is the next one's prior). `prior` starts as zeros: the first line's Up is then no filter, as
 * the PNG specification reads a missing line above. Up alone, like fpng: a map's flat bands and repeated
 * rows become runs of zeros for deflate, in one pass over the pixels.
 */
export function upFilter(rgba: Uint8Array | Uint8ClampedArray, start: number, prior: Uint8Array, alpha: boolean, out: Uint8Array): void {
  out[0] = 2;
  const n = prior.length;
  if (alpha) {
    for (let i = 0; i < n; i++) {
      const v = rgba[start + i] as number;
      out[i + 1] = (v - (prior[i] as number)) & 0xff;
      prior[i] = v;
    }
    return;
  }
  for (let i = 0, j = start; i < n; i += 3, j += 4) {
    const r = rgba[j] as number;
    const g = rgba[j + 1] as number;
    const b = rgba[j + 2] as number;
    out[i + 1] = (r - (prior[i] as number)) & 0xff;
    out[i + 2] = (g - (prior[i + 1] as number)) & 0xff;
    out[i + 3] = (b - (prior[i + 2] as number)) & 0xff;
    prior[i] = r;
    prior[i + 1] = g;
    prior[i + 2] = b;
  }
}

export interface EncoderOptions {
  /** Bytes of zlib data per IDAT chunk (the last one may be shorter). */
  idatSize?: number;
  /** Filtered bytes handed to the compressor at a time. */
  batchSize?: number;
  /** Finished chunks are gathered into a Blob every so many bytes (tests use small numbers). */
  blobEvery?: number;
}

const DEFAULT_IDAT = 256 * 1024;
const DEFAULT_BATCH = 1024 * 1024;
/** Finished chunks are gathered into a Blob every so many bytes, so the browser may keep them off the JS heap. */
const DEFAULT_BLOB_EVERY = 16 * 1024 * 1024;

/**
 * Encode an image given band by band, top to bottom: `writeRows` takes full-width RGBA rows (4 bytes a pixel,
 * as canvas ImageData holds them; alpha is dropped for an opaque image), `finish` returns the PNG as a Blob.
 * `abort` gives up: nothing is returned, and the compressor is let go.
 */
export class PngStreamEncoder {
  readonly width: number;
  readonly height: number;
  readonly alpha: boolean;
  private readonly idatSize: number;
  private readonly batchSize: number;
  private readonly blobEvery: number;
  private rowsWritten = 0;
  /** The last line handed over (RGB or RGBA), for the Up filter; zeros before the first. */
  private readonly prior: Uint8Array;
  private batch: Uint8Array;
  private batchUsed = 0;
  private readonly writer: WritableStreamDefaultWriter<BufferSource>;
  private readonly drained: Promise<void>;
  /** The IDAT chunk being filled: its data so far. */
  private idat: Uint8Array;
  private idatUsed = 0;
  private parts: Uint8Array[] = [];
  private partsBytes = 0;
  private blobs: Blob[] = [];
  private failed: Error | null = null;
  private done = false;

  constructor(header: PngHeader, options: EncoderOptions = {}) {
    const head = headerChunk(header);
    this.width = header.width;
    this.height = header.height;
    this.alpha = header.alpha;
    this.idatSize = Math.max(1, Math.floor(options.idatSize ?? DEFAULT_IDAT));
    this.batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH));
    this.blobEvery = options.blobEvery ?? DEFAULT_BLOB_EVERY;
    this.prior = new Uint8Array(this.width * (header.alpha ? 4 : 3));
    this.batch = new Uint8Array(Math.max(this.batchSize, this.prior.length + 1));
    this.idat = new Uint8Array(this.idatSize);
    this.parts.push(PNG_SIGNATURE, head);
    const zlib = new CompressionStream('deflate');
    this.writer = zlib.writable.getWriter();
    this.drained = this.drain(zlib.readable.getReader());
  }

  /** Rows handed over so far. */
  get rows(): number {
    return this.rowsWritten;
  }

  /** The next `rows` scanlines, as RGBA: `rgba` holds at least width × rows × 4 bytes, row after row. */
  async writeRows(rgba: Uint8Array | Uint8ClampedArray, rows: number): Promise<void> {
    this.check();
    if (!Number.isInteger(rows) || rows < 0 || this.rowsWritten + rows > this.height) {
      throw new RangeError(`The image is ${this.height} rows tall: ${rows} more rows after ${this.rowsWritten} do not fit.`);
    }
    const stride = this.width * 4;
    if (rgba.length < stride * rows) throw new RangeError(`${rows} rows of ${this.width} pixels need ${stride * rows} bytes, not ${rgba.length}.`);
    const lineBytes = this.prior.length + 1;
    for (let r = 0; r < rows; r++) {
      if (this.batchUsed + lineBytes > this.batch.length) await this.flushBatch();
      upFilter(rgba, r * stride, this.prior, this.alpha, this.batch.subarray(this.batchUsed, this.batchUsed + lineBytes));
      this.batchUsed += lineBytes;
      this.rowsWritten++;
    }
  }

  /** Every row written: the PNG file. */
  async finish(): Promise<Blob> {
    this.check();
    if (this.rowsWritten !== this.height) throw new RangeError(`The image is ${this.height} rows tall; only ${this.rowsWritten} were written.`);
    await this.flushBatch();
    this.done = true;
    await this.writer.close();
    await this.drained;
    if (this.failed !== null) throw this.failed;
    this.endIdat();
    this.push(chunk('IEND', new Uint8Array(0)));
    return new Blob([...this.blobs, ...this.parts] as BlobPart[], { type: 'image/png' });
  }

  /** Give up: the compressor is cancelled and what was encoded is dropped. */
  abort(reason: unknown = new Error('The PNG was not finished.')): void {
    if (this.done) return;
    this.done = true;
    this.failed = toError(reason);
    this.parts = [];
    this.blobs = [];
    void this.writer.abort(reason).catch(() => undefined);
  }

  private check(): void {
    if (this.failed !== null) throw this.failed;
    if (this.done) throw new Error('This PNG is already finished.');
  }

  private async flushBatch(): Promise<void> {
    if (this.batchUsed === 0) return;
    const bytes = this.batch.slice(0, this.batchUsed);
    this.batchUsed = 0;
    await this.writer.ready;
    await this.writer.write(bytes);
  }

  private async drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        this.take(value);
      }
    } catch (error) {
      this.failed ??= toError(error);
    }
  }

  /** Compressed bytes into IDAT chunks of idatSize. */
  private take(bytes: Uint8Array): void {
    let at = 0;
    while (at < bytes.length) {
      const n = Math.min(this.idatSize - this.idatUsed, bytes.length - at);
      this.idat.set(bytes.subarray(at, at + n), this.idatUsed);
      this.idatUsed += n;
      at += n;
      if (this.idatUsed === this.idatSize) this.endIdat();
    }
  }

  private endIdat(): void {
    if (this.idatUsed === 0) return;
    this.push(chunk('IDAT', this.idat.subarray(0, this.idatUsed)));
    this.idatUsed = 0;
  }

  private push(part: Uint8Array): void {
    if (this.failed !== null) return;
    this.parts.push(part);
    this.partsBytes += part.length;
    if (this.partsBytes >= this.blobEvery) {
      this.blobs.push(new Blob(this.parts as BlobPart[]));
      this.parts = [];
      this.partsBytes = 0;
    }
  }
}
