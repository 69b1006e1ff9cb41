/**
 * A picked picture made ready to store: checked (size, type by its bytes), decoded by the browser
 * (createImageBitmap: a damaged file fails here), scaled to at most 512 px on its long side on a canvas, and
 * encoded again in its own type. Nothing is sent when any step fails; the message says why.
 */
import { checkPickedFile, QUALITY, scaledSize, SNIFF_BYTES, toBase64, type PictureType } from './pictureRules.ts';

export type PreparedPicture =
  | { ok: true; type: PictureType; width: number; height: number; base64: string }
  | { ok: false; message: string };

const unreadable = (file: File) => `${file.name ? `“${file.name}”` : 'This file'} is not a picture Waymark can read (it may be damaged). Nothing was changed.`;

async function decode(file: File): Promise<ImageBitmap | null> {
  try {
    return await createImageBitmap(file);
  } catch {
    return null;
  }
}

function encode(canvas: HTMLCanvasElement, type: PictureType): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, type, QUALITY[type]));
}

export async function preparePicture(file: File): Promise<PreparedPicture> {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const check = checkPickedFile(file, head);
  if (!check.ok) return check;
  const bitmap = await decode(file);
  if (!bitmap || bitmap.width === 0 || bitmap.height === 0) {
    bitmap?.close();
    return { ok: false, message: unreadable(file) };
  }
  try {
    const size = scaledSize(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext('2d');
    if (!context) return { ok: false, message: 'This window cannot draw pictures right now; nothing was changed. Try again.' };
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    const blob = await encode(canvas, check.type);
    if (!blob) return { ok: false, message: unreadable(file) };
    // A browser without an encoder for the type gives PNG instead; the picture is stored as what it is.
    const type: PictureType = blob.type === 'image/jpeg' || blob.type === 'image/webp' ? blob.type : 'image/png';
    return { ok: true, type, ...size, base64: toBase64(new Uint8Array(await blob.arrayBuffer())) };
  } finally {
    bitmap.close();
  }
}
