/**
 * The rules for a persona's picture, decided before anything is sent: what a picked file really is (by its
 * first bytes, never its name), whether it is small enough to read, and the size it is scaled to. Pure: the
 * decoding and drawing are in preparePicture.ts. The workspace checks the result again (electron/core/io/images.ts).
 */

export type PictureType = 'image/png' | 'image/jpeg' | 'image/webp';

export const PICTURE_RULES = {
  /** A picked file larger than this is refused before it is read. */
  fileBytes: 10 * 1024 * 1024,
  /** The long side of a stored picture, at most. */
  longSide: 512,
  /** What the file input offers. */
  accept: 'image/png,image/jpeg,image/webp',
} as const;

/** How many leading bytes `sniffPictureType` needs. */
export const SNIFF_BYTES = 12;

/** PNG, JPEG or WebP, told by the file's signature; null for anything else. */
export function sniffPictureType(head: Uint8Array): PictureType | null {
  const at = (i: number) => head[i] ?? -1;
  const text = (from: number, s: string) => {
    for (let i = 0; i < s.length; i++) if (at(from + i) !== s.charCodeAt(i)) return false;
    return true;
  };
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => at(i) === b)) return 'image/png';
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  if (text(0, 'RIFF') && text(8, 'WEBP')) return 'image/webp';
  return null;
}

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

export type PickCheck = { ok: true; type: PictureType } | { ok: false; message: string };

/** Whether a picked file may be read as a picture: its size and its first bytes. */
export function checkPickedFile(file: { name: string; size: number }, head: Uint8Array): PickCheck {
  const name = file.name ? `“${file.name}”` : 'This file';
  if (file.size === 0) return { ok: false, message: `${name} is empty: choose a PNG, JPEG or WebP picture.` };
  if (file.size > PICTURE_RULES.fileBytes) {
    return { ok: false, message: `${name} is ${megabytes(file.size)}; a persona's picture can be at most 10 MB. Choose a smaller file.` };
  }
  const type = sniffPictureType(head);
  if (!type) return { ok: false, message: `${name} is not a PNG, JPEG or WebP picture. Choose one of those.` };
  return { ok: true, type };
}

/** The size a picture is drawn at: its long side at most `longSide`, the same shape, never larger than it is. */
export function scaledSize(width: number, height: number, longSide: number = PICTURE_RULES.longSide): { width: number; height: number } {
  const long = Math.max(width, height);
  if (long <= longSide) return { width, height };
  const k = longSide / long;
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
}

/** Encoder quality for the lossy types (PNG ignores it). */
export const QUALITY: Record<PictureType, number | undefined> = { 'image/png': undefined, 'image/jpeg': 0.9, 'image/webp': 0.9 };

/** Bytes as base64, in chunks (a 4 MB picture in one `String.fromCharCode` call would overflow the stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}
