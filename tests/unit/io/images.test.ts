/**
 * Persona pictures: recognised by their bytes, measured from their headers (files written by Chromium,
 * libwebp and libjpeg-turbo), and refused in words when broken, foreign, too large or not yet scaled down.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMAGE_LIMITS, checkImage, scaledSize, sniffImageType } from '../../../electron/core/io/images.ts';

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/images', name)));

describe('persona pictures', () => {
  it.each([
    ['chromium-40x30.png', 'image/png', 40, 30],
    ['chromium-600x400.png', 'image/png', 600, 400],
    ['chromium-40x30.jpg', 'image/jpeg', 40, 30],
    ['chromium-30x513.jpg', 'image/jpeg', 30, 513],
    ['cjpeg-64x48-progressive.jpg', 'image/jpeg', 64, 48],
    ['chromium-40x30.webp', 'image/webp', 40, 30],
    ['chromium-40x30-q1.webp', 'image/webp', 40, 30],
    ['cwebp-40x30-lossless.webp', 'image/webp', 40, 30],
    ['cwebp-600x400-lossy.webp', 'image/webp', 600, 400],
  ] as const)('reads %s as %s, %i×%i', (name, type, width, height) => {
    expect(checkImage(fixture(name), 10_000)).toEqual({ ok: true, type, width, height });
    expect(sniffImageType(fixture(name))).toBe(type);
  });

  it('accepts a picture up to 512 px on its long side, and asks for a larger one to be scaled first', () => {
    expect(checkImage(fixture('chromium-40x30.png'))).toMatchObject({ ok: true });
    expect(checkImage(fixture('chromium-600x400.png'))).toEqual({
      ok: false,
      message: 'The picture is 600×400 pixels; it must be scaled to at most 512 pixels on its long side before it is stored.',
    });
    expect(checkImage(fixture('chromium-30x513.jpg'))).toMatchObject({ ok: false, message: expect.stringContaining('30×513') as unknown });
    expect(checkImage(fixture('chromium-30x513.jpg'), 513)).toMatchObject({ ok: true, height: 513 });
  });

  it('refuses what is not a PNG, JPEG or WebP, whatever its name', () => {
    const notPicture = 'This is not a picture Waymark can use: pick a PNG, JPEG or WebP file.';
    for (const bytes of [new TextEncoder().encode('GIF89a not supported'), new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), new Uint8Array([0x89, 0x50, 0x4e, 0x47]), new TextEncoder().encode('RIFF\0\0\0\0WAVEfmt ')]) {
      expect(checkImage(bytes)).toEqual({ ok: false, message: notPicture });
    }
    expect(checkImage(new Uint8Array())).toEqual({ ok: false, message: 'The file is empty.' });
    // Each byte of each signature counts: one byte off is another kind of file.
    const sig = (bytes: number[] | string) => (typeof bytes === 'string' ? new TextEncoder().encode(bytes) : new Uint8Array(bytes));
    const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    expect(sniffImageType(sig(png))).toBe('image/png');
    for (let i = 0; i < png.length; i++) expect(sniffImageType(sig(png.map((b, j) => (j === i ? b ^ 1 : b)))), `PNG byte ${i}`).toBeNull();
    expect(sniffImageType(sig(png.slice(0, 7)))).toBeNull();
    expect(sniffImageType(sig([0xff, 0xd8, 0xff]))).toBe('image/jpeg');
    for (const off of [[0xfe, 0xd8, 0xff], [0xff, 0xd9, 0xff], [0xff, 0xd8, 0xfe], [0xff, 0xd8]]) expect(sniffImageType(sig(off)), String(off)).toBeNull();
    expect(sniffImageType(sig('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    for (const off of ['RIFX\0\0\0\0WEBPVP8 ', 'RIFF\0\0\0\0WEBQVP8 ', 'RIFF\0\0\0\0WEBPVP8']) expect(sniffImageType(sig(off)), off).toBeNull();
  });

  it('refuses a file over 10 MB before reading it, saying how large it is', () => {
    const big = new Uint8Array(IMAGE_LIMITS.fileBytes + 1);
    big.set(fixture('chromium-40x30.png'));
    expect(checkImage(big)).toEqual({ ok: false, message: 'The picture is 10.0 MB; pick one of at most 10 MB.' });
    expect(checkImage(big.subarray(0, IMAGE_LIMITS.fileBytes))).toMatchObject({ ok: true });
  });

  it('refuses a picture whose header is cut short or damaged, saying so', () => {
    const png = fixture('chromium-40x30.png');
    expect(checkImage(png.subarray(0, 20))).toEqual({ ok: false, message: 'The picture cannot be read: its PNG header is damaged.' });
    const noIhdr = png.slice();
    noIhdr[12] = 0x78;
    expect(checkImage(noIhdr)).toEqual({ ok: false, message: 'The picture cannot be read: its PNG header is damaged.' });
    const zero = png.slice();
    zero.fill(0, 16, 20);
    expect(checkImage(zero)).toEqual({ ok: false, message: 'The picture cannot be read: it has no size.' });

    const jpg = fixture('chromium-40x30.jpg');
    expect(checkImage(jpg.subarray(0, 100))).toEqual({ ok: false, message: 'The picture cannot be read: it has no JPEG frame header (the file is cut short or damaged).' });
    const badMarker = jpg.slice();
    badMarker[2 + 2 + ((badMarker[4] ?? 0) << 8) + (badMarker[5] ?? 0)] = 0x00; // the byte where the second marker starts
    expect(checkImage(badMarker)).toEqual({ ok: false, message: 'The picture cannot be read: its JPEG markers are damaged.' });

    for (const name of ['cwebp-600x400-lossy.webp', 'cwebp-40x30-lossless.webp', 'chromium-40x30.webp']) {
      const webp = fixture(name);
      expect(checkImage(webp.subarray(0, 18)), name).toMatchObject({ ok: false, message: expect.stringMatching(/^The picture cannot be read: its WebP( \(VP8L?\))? header is damaged\.$/) as unknown });
    }
    const vp8 = fixture('cwebp-600x400-lossy.webp');
    vp8[23] = 0;
    expect(checkImage(vp8)).toEqual({ ok: false, message: 'The picture cannot be read: its WebP (VP8) header is damaged.' });
    const vp8l = fixture('cwebp-40x30-lossless.webp');
    vp8l[20] = 0;
    expect(checkImage(vp8l)).toEqual({ ok: false, message: 'The picture cannot be read: its WebP (VP8L) header is damaged.' });
  });

  it('refuses a JPEG segment with a length too short to hold itself, and stops at pixel data with no frame', () => {
    const start = [0xff, 0xd8];
    expect(checkImage(new Uint8Array([...start, 0xff, 0xe0, 0x00, 0x01, 0, 0, 0, 0, 0, 0]))).toEqual({ ok: false, message: 'The picture cannot be read: its JPEG markers are damaged.' });
    const sos = new Uint8Array([...start, 0xff, 0xda, 0x00, 0x08, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x10, 0, 0]);
    expect(checkImage(sos)).toMatchObject({ ok: false, message: expect.stringContaining('no JPEG frame header') as unknown });
    const eoi = new Uint8Array([...start, 0xff, 0xd9, 0x00, 0x08, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x10, 0, 0]);
    expect(checkImage(eoi)).toMatchObject({ ok: false, message: expect.stringContaining('no JPEG frame header') as unknown });
    // A Huffman table (C4), an arithmetic-coding table (CC) and JPG (C8) are not frames, though their codes are.
    const table = (code: number) => [0xff, code, 0x00, 0x07, 0x08, 0x00, 0x20, 0x00, 0x20];
    const frame = [0xff, 0xc2, 0x00, 0x11, 0x08, 0x00, 0x30, 0x00, 0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    expect(checkImage(new Uint8Array([...start, ...table(0xc4), ...table(0xcc), ...table(0xc8), ...frame]))).toEqual({ ok: true, type: 'image/jpeg', width: 64, height: 48 });
    expect(checkImage(new Uint8Array([...start, ...table(0xd0), ...frame.slice(0)]))).toMatchObject({ ok: false });
    // A frame header cut short after its marker.
    expect(checkImage(new Uint8Array([...start, 0xff, 0xc0, 0x00, 0x11, 0x08]))).toMatchObject({ ok: false, message: expect.stringContaining('no JPEG frame header') as unknown });
  });

  it('reads the three kinds of WebP header, each at its exact length', () => {
    const riff = (chunk: string, body: number[]) => new Uint8Array([...new TextEncoder().encode(`RIFF\0\0\0\0WEBP${chunk}`), 0, 0, 0, 0, ...body]);
    // VP8X: 24-bit width-1 and height-1 at bytes 24 and 27.
    const vp8x = riff('VP8X', [0, 0, 0, 0, 0x3f, 0x01, 0x00, 0xff, 0x00, 0x01]);
    expect(vp8x.length).toBe(30);
    expect(checkImage(vp8x, 1 << 24)).toEqual({ ok: true, type: 'image/webp', width: 0x140, height: 0x10100 });
    expect(checkImage(vp8x.subarray(0, 29), 1 << 24)).toMatchObject({ ok: false });
    // VP8L: signature 0x2f, then 14-bit width-1 and height-1.
    const vp8l = riff('VP8L', [0x2f, 0xff, 0xff, 0xff, 0x0f]);
    expect(vp8l.length).toBe(25);
    expect(checkImage(vp8l, 1 << 16)).toEqual({ ok: true, type: 'image/webp', width: 16384, height: 16384 });
    expect(checkImage(vp8l.subarray(0, 24), 1 << 16)).toMatchObject({ ok: false });
    // VP8: start code 9d 01 2a, then 14-bit width and height (the top two bits are scaling).
    const vp8 = riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 0x20, 0xc0, 0x10, 0x40]);
    expect(vp8.length).toBe(30);
    expect(checkImage(vp8)).toEqual({ ok: true, type: 'image/webp', width: 32, height: 16 });
    expect(checkImage(vp8.subarray(0, 29))).toMatchObject({ ok: false });
    for (const i of [23, 24, 25]) {
      const broken = vp8.slice();
      broken[i] = 0;
      expect(checkImage(broken), `byte ${i}`).toMatchObject({ ok: false, message: expect.stringContaining('VP8') as unknown });
    }
  });

  it('reads PNG sizes of four bytes each, and wants the whole IHDR', () => {
    const png = fixture('chromium-40x30.png').slice();
    png.set([0x00, 0x01, 0x00, 0x02], 16); // width 65,538
    png.set([0x00, 0x00, 0x01, 0x00], 20); // height 256
    expect(checkImage(png, 1 << 20)).toMatchObject({ ok: true, width: 65_538, height: 256 });
    expect(checkImage(png.subarray(0, 33), 1 << 20)).toMatchObject({ ok: true });
    expect(checkImage(png.subarray(0, 32), 1 << 20)).toMatchObject({ ok: false });
    const zeroHeight = fixture('chromium-40x30.png').slice();
    zeroHeight.fill(0, 20, 24);
    expect(checkImage(zeroHeight)).toEqual({ ok: false, message: 'The picture cannot be read: it has no size.' });
  });

  it('skips fill bytes and markers without a length on the way to a JPEG frame', () => {
    const jpg = fixture('cjpeg-64x48-progressive.jpg');
    // Fill bytes (0xFF) and a restart marker before the first segment are allowed by the JPEG standard.
    const padded = new Uint8Array([0xff, 0xd8, 0xff, 0xff, 0xff, 0xd0, ...jpg.subarray(2)]);
    expect(checkImage(padded)).toEqual({ ok: true, type: 'image/jpeg', width: 64, height: 48 });
  });

  it('scales the long side down to 512 px, keeping the shape, never up', () => {
    expect(scaledSize(600, 400)).toEqual({ width: 512, height: 341 });
    expect(scaledSize(400, 1024)).toEqual({ width: 200, height: 512 });
    expect(scaledSize(512, 100)).toEqual({ width: 512, height: 100 });
    expect(scaledSize(100, 512, 512)).toEqual({ width: 100, height: 512 });
    expect(scaledSize(513, 100, 512)).toEqual({ width: 512, height: 100 });
    expect(scaledSize(40, 30)).toEqual({ width: 40, height: 30 });
    expect(scaledSize(10_000, 1)).toEqual({ width: 512, height: 1 });
  });
});
