/**
 * A transcript file's bytes as text. Files are read as UTF-8 (what video-call tools write); a byte-order mark
 * says UTF-16 or UTF-8; UTF-16 without a mark is told by its zero bytes; bytes that are not UTF-8 are read as
 * Windows-1252 (what older Windows tools save), since UTF-8 would turn each of them into U+FFFD.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

const REPLACEMENT = /\uFFFD/g;

/** How many replacement characters (U+FFFD) a text holds. */
export function replacementCount(text: string): number {
  return text.match(REPLACEMENT)?.length ?? 0;
}

function zeroShare(bytes: Uint8Array, parity: 0 | 1): number {
  let zeros = 0;
  let count = 0;
  for (let i = parity; i < bytes.length && count < 4096; i += 2, count++) if (bytes[i] === 0) zeros++;
  return count === 0 ? 0 : zeros / count;
}

/** Read bytes as text in the encoding they most likely are in. */
export function decodeText(bytes: Uint8Array): DecodedText {
  const decode = (encoding: TextEncodingName, from = 0): DecodedText => ({ text: new TextDecoder(encoding).decode(bytes.subarray(from)), encoding });
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decode('utf-16le', 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decode('utf-16be', 2);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decode('utf-8', 3);
  // Mostly-Latin text in UTF-16: every other byte is zero.
  if (bytes.length >= 4 && bytes.length % 2 === 0) {
    if (zeroShare(bytes, 1) > 0.3 && zeroShare(bytes, 0) < 0.05) return decode('utf-16le');
    if (zeroShare(bytes, 0) > 0.3 && zeroShare(bytes, 1) < 0.05) return decode('utf-16be');
  }
  const utf8 = decode('utf-8');
  const bad = replacementCount(utf8.text);
  if (bad === 0) return utf8;
  // A real U+FFFD in a UTF-8 file is written EF BF BD; only the ones the decoder made count against UTF-8.
  let written = 0;
  for (let i = 0; i + 2 < bytes.length; i++) if (bytes[i] === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) written++;
  return bad > written ? decode('windows-1252') : utf8;
}

/** Read a file the person chose (File.text() reads UTF-8 only, so the bytes are read and decoded here). */
export async function readTextFile(file: Blob): Promise<DecodedText> {
  return decodeText(new Uint8Array(await file.arrayBuffer()));
}
