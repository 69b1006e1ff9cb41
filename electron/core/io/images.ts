/**
 * Persona pictures: what a file really is (by its bytes, never its name), and its size in pixels, read from
 * its header. The renderer scales a picture down to at most 512 px on its long side before it is stored; the
 * workspace refuses anything else, so a broken, foreign or oversized file never reaches the file. Pure: no
 * I/O, no decoding of pixel data.
 */

export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp';

export const IMAGE_LIMITS = {
  /** What a person may pick: larger files are refused before anything is read. */
  fileBytes: 10 * 1024 * 1024,
  /** What the workspace stores: the long side after scaling. */
  storedSide: 512,
} as const;

export interface ImageInfo {
  type: ImageType;
  width: number;
  height: number;
}

export type ImageCheck = ({ ok: true } & ImageInfo) | { ok: false; message: string };

const refuse = (message: string): ImageCheck => ({ ok: false, message });

const u16be = (b: Uint8Array, i: number) => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const u16le = (b: Uint8Array, i: number) => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, i: number) => u16le(b, i) | ((b[i + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, i: number) => u16be(b, i) * 0x10000 + u16be(b, i + 2);
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

function png(b: Uint8Array): ImageInfo | string {
  // Signature, then the IHDR chunk: length 13, "IHDR", width, height.
  if (b.length < 33 || u32be(b, 8) !== 13 || ascii(b, 12, 4) !== 'IHDR') return 'its PNG header is damaged';
  return { type: 'image/png', width: u32be(b, 16), height: u32be(b, 20) };
}

/** JPEG: walk the markers to the first start-of-frame (SOF0–SOF15, except DHT, JPG and DAC), which holds the size. */
function jpeg(b: Uint8Array): ImageInfo | string {
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return 'its JPEG markers are damaged';
    const marker = b[i + 1] ?? 0;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2; // markers without a length
      continue;
    }
    const length = u16be(b, i + 2);
    if (length < 2) return 'its JPEG markers are damaged';
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (i + 9 > b.length) break;
      return { type: 'image/jpeg', height: u16be(b, i + 5), width: u16be(b, i + 7) };
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image, or pixel data before any frame header
    i += 2 + length;
  }
  return 'it has no JPEG frame header (the file is cut short or damaged)';
}

/** WebP: RIFF container with a VP8 (lossy), VP8L (lossless) or VP8X (extended) first chunk. */
function webp(b: Uint8Array): ImageInfo | string {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ' && b.length >= 30) {
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return 'its WebP (VP8) header is damaged';
    return { type: 'image/webp', width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  if (chunk === 'VP8L' && b.length >= 25) {
    if (b[20] !== 0x2f) return 'its WebP (VP8L) header is damaged';
    const bits = (b[21] ?? 0) | ((b[22] ?? 0) << 8) | ((b[23] ?? 0) << 16) | ((b[24] ?? 0) << 24);
    return { type: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X' && b.length >= 30) return { type: 'image/webp', width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  return 'its WebP header is damaged';
}

/** What the bytes are, from their first bytes: PNG, JPEG or WebP, or null for anything else. */
export function sniffImageType(b: Uint8Array): ImageType | null {
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 3) === 'PNG' && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 16 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'image/webp';
  return null;
}

/**
 * Check a picture before it is stored: a PNG, JPEG or WebP file whose header is whole, with a size, and at
 * most `maxSide` pixels on its long side. The message says what is wrong in a person's words.
 */
export function checkImage(bytes: Uint8Array, maxSide: number = IMAGE_LIMITS.storedSide): ImageCheck {
  if (bytes.length === 0) return refuse('The file is empty.');
  if (bytes.length > IMAGE_LIMITS.fileBytes) return refuse(`The picture is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; pick one of at most 10 MB.`);
  const type = sniffImageType(bytes);
  if (!type) return refuse('This is not a picture Waymark can use: pick a PNG, JPEG or WebP file.');
  const info = type === 'image/png' ? png(bytes) : type === 'image/jpeg' ? jpeg(bytes) : webp(bytes);
  if (typeof info === 'string') return refuse(`The picture cannot be read: ${info}.`);
  if (info.width === 0 || info.height === 0) return refuse('The picture cannot be read: it has no size.');
  if (Math.max(info.width, info.height) > maxSide) {
    return refuse(`The picture is ${info.width}×${info.height} pixels; it must be scaled to at most ${maxSide} pixels on its long side before it is stored.`);
  }
  return { ok: true, ...info };
}

/** The size to scale a picture to so that its long side is at most `maxSide` (never scaled up). */
export function scaledSize(width: number, height: number, maxSide: number = IMAGE_LIMITS.storedSide): { width: number; height: number } {
  const long = Math.max(width, height);
  if (long <= maxSide) return { width, height };
  const f = maxSide / long;
  return { width: Math.max(1, Math.round(width * f)), height: Math.max(1, Math.round(height * f)) };
}
