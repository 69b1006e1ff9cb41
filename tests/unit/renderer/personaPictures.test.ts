/**
 * The renderer's picture rules, decided before anything is sent: what a picked file is (by its bytes, on
 * files written by other programs), whether it is small enough, the size it is scaled to, and its base64.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPickedFile, PICTURE_RULES, scaledSize, sniffPictureType, SNIFF_BYTES, toBase64 } from '../../../renderer/src/research/personas/pictureRules.ts';

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/images', name)));
const head = (bytes: Uint8Array) => bytes.subarray(0, SNIFF_BYTES);

describe('what a picked file is', () => {
  it('is told by its bytes for the PNG, JPEG and WebP files other programs wrote', () => {
    const expected: Record<string, string> = {
      'chromium-40x30.png': 'image/png',
      'chromium-600x400.png': 'image/png',
      'chromium-40x30.jpg': 'image/jpeg',
      'chromium-30x513.jpg': 'image/jpeg',
      'cjpeg-64x48-progressive.jpg': 'image/jpeg',
      'chromium-40x30.webp': 'image/webp',
      'chromium-40x30-q1.webp': 'image/webp',
      'cwebp-40x30-lossless.webp': 'image/webp',
      'cwebp-600x400-lossy.webp': 'image/webp',
    };
    for (const [name, type] of Object.entries(expected)) expect(sniffPictureType(head(fixture(name))), name).toBe(type);
  });

  it('is nothing we take for text, a GIF, a RIFF that is not WebP, a cut-off signature or no bytes', () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    expect(sniffPictureType(bytes('This is not a picture at all'))).toBeNull();
    expect(sniffPictureType(bytes('GIF89a\x01\x00\x01\x00'))).toBeNull();
    expect(sniffPictureType(bytes('RIFF\x00\x00\x00\x00WAVEfmt '))).toBeNull();
    expect(sniffPictureType(fixture('chromium-40x30.png').subarray(0, 7))).toBeNull();
    expect(sniffPictureType(new Uint8Array([0xff, 0xd8]))).toBeNull();
    expect(sniffPictureType(new Uint8Array())).toBeNull();
    // The name says nothing: a PNG signature with one byte changed is not a PNG.
    const png = fixture('chromium-40x30.png').slice(0, SNIFF_BYTES);
    png[3] = 0x48;
    expect(sniffPictureType(png)).toBeNull();
  });
});

describe('a picked file', () => {
  const png = head(fixture('chromium-40x30.png'));
  it('is taken when it is a picture of at most 10 MB', () => {
    expect(checkPickedFile({ name: 'maya.png', size: 1234 }, png)).toEqual({ ok: true, type: 'image/png' });
    expect(checkPickedFile({ name: 'maya.png', size: PICTURE_RULES.fileBytes }, png)).toEqual({ ok: true, type: 'image/png' });
    // A JPEG named .png is a JPEG.
    expect(checkPickedFile({ name: 'wrong-name.png', size: 99 }, head(fixture('chromium-40x30.jpg')))).toEqual({ ok: true, type: 'image/jpeg' });
  });

  it('is refused in words, naming the file, when it is too large, empty or not a picture', () => {
    expect(checkPickedFile({ name: 'huge.png', size: PICTURE_RULES.fileBytes + 1 }, png)).toEqual({
      ok: false,
      message: "“huge.png” is 10.0 MB; a persona's picture can be at most 10 MB. Choose a smaller file.",
    });
    expect(checkPickedFile({ name: 'scan.jpg', size: 25 * 1024 * 1024 }, png)).toMatchObject({ ok: false, message: expect.stringContaining('is 25.0 MB') as unknown });
    expect(checkPickedFile({ name: 'empty.png', size: 0 }, new Uint8Array())).toEqual({ ok: false, message: '“empty.png” is empty: choose a PNG, JPEG or WebP picture.' });
    expect(checkPickedFile({ name: 'notes.txt', size: 20 }, new TextEncoder().encode('hello, hello, hello'))).toEqual({
      ok: false,
      message: '“notes.txt” is not a PNG, JPEG or WebP picture. Choose one of those.',
    });
    expect(checkPickedFile({ name: '', size: 20 }, new Uint8Array(12))).toMatchObject({ ok: false, message: 'This file is not a PNG, JPEG or WebP picture. Choose one of those.' });
  });
});

describe('the size a picture is stored at', () => {
  it('keeps small pictures as they are (never larger) and 512 px exactly', () => {
    expect(scaledSize(40, 30)).toEqual({ width: 40, height: 30 });
    expect(scaledSize(512, 200)).toEqual({ width: 512, height: 200 });
    expect(scaledSize(1, 1)).toEqual({ width: 1, height: 1 });
  });

  it('brings the long side down to 512 px, keeping the shape, for wide and tall pictures', () => {
    expect(scaledSize(600, 400)).toEqual({ width: 512, height: 341 });
    expect(scaledSize(400, 600)).toEqual({ width: 341, height: 512 });
    expect(scaledSize(30, 513)).toEqual({ width: 30, height: 512 });
    expect(scaledSize(4032, 3024)).toEqual({ width: 512, height: 384 });
    expect(scaledSize(1024, 1024)).toEqual({ width: 512, height: 512 });
    // A sliver stays at least one pixel thick.
    expect(scaledSize(10_000, 2)).toEqual({ width: 512, height: 1 });
    expect(scaledSize(600, 400, 100)).toEqual({ width: 100, height: 67 });
  });
});

describe('base64', () => {
  it('is what Node writes, for a picture and for bytes longer than one chunk', () => {
    const picture = fixture('chromium-600x400.png');
    expect(toBase64(picture)).toBe(Buffer.from(picture).toString('base64'));
    const big = new Uint8Array(300_001).map((_, i) => (i * 7919) % 256);
    expect(toBase64(big)).toBe(Buffer.from(big).toString('base64'));
    expect(toBase64(new Uint8Array())).toBe('');
  });
});
