/**
 * The layout's text measure wraps as Konva's Text does (issue 13: a 55,000-card map measured about once a
 * card). konvaLines is checked against a plain port of Konva's own wrapping loop (Text._setTextData, wrap
 * 'word', a fixed width, no height), given the same width function — one with kerning, so that adding up
 * words is not exactly measuring the line.
 */
import fc from 'fast-check';
import { stringToArray } from 'konva/lib/shapes/Text';
import { describe, expect, it } from 'vitest';
import { konvaLines } from '../../../renderer/src/canvas/measure.ts';

/** A font of sorts: widths by character, kerning inside words, and a hair of it beside a space. */
function fakeWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    w += c === ' ' ? 3.6 : c === '-' ? 4.3 : c === 'W' || c === 'm' ? 11 : c === 'i' || c === 'l' ? 3.1 : /[A-Z]/.test(c) ? 8.7 : 6.9;
    const next = s[i + 1];
    if ((c === 'A' && next === 'V') || (c === 'T' && next === 'o')) w -= 1.4;
    if (c === 'y' && next === ' ') w -= 0.05;
  }
  return w;
}

const isBreak = (c: string | undefined) => c === ' ' || c === '-';

/** Konva 10's loop, as written there (linear where it searches; the same answer). */
function konvaReference(text: string, maxWidth: number, measure: (s: string) => number): number {
  let count = 0;
  for (const line of text.split('\n')) {
    if (measure(line) <= maxWidth) {
      count++;
      continue;
    }
    const graphemes = stringToArray(line);
    const length = graphemes.length;
    let start = 0;
    while (start < length) {
      const fits = (end: number) => measure(graphemes.slice(start, end).join('')) <= maxWidth;
      let low = start;
      while (low < length && fits(low + 1)) low++;
      if (low === start) break;
      if (low === length) {
        count++;
        break;
      }
      if (!isBreak(graphemes[low])) {
        let wrapIndex = low - 1;
        while (wrapIndex >= start && !isBreak(graphemes[wrapIndex])) wrapIndex--;
        if (wrapIndex >= start) low = wrapIndex + 1;
      }
      count++;
      start = low;
      while (start < length && !(graphemes[start] ?? '').trim()) start++;
    }
  }
  return Math.max(1, count);
}

describe('konvaLines', () => {
  // With combining marks after a letter, a space and a dash: Konva's graphemes keep a space or dash and its mark together.
  const words = ['a', 'To', 'AVAV', 'delivery', 'checkout', 'e-mail', 'Wwwmm', 'illill', 'supercalifragilisticexpialidocious', 'y', '—', '🙂', 'naïve', 'x-y-z', 'e\u0301te\u0301', '\u0301a', '\t', '\u00a0'];
  const text = fc
    .array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(' ', ' ', ' ', '  ', '-', '\n', ' - ', '   ', ' \u0301', '-\u0301')), { maxLength: 24 })
    .map((parts) => parts.map(([w, sep]) => w + sep).join(''));

  it('wraps exactly as Konva does, for any text and width', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 20, max: 320 }), (t, width) => {
        expect(konvaLines(t, width, fakeWidth)).toBe(konvaReference(t, width, fakeWidth));
      }),
      { numRuns: 3000 },
    );
  });

  it('counts two spaces as two spaces, breaks after a dash, and cuts a word longer than the line', () => {
    // 'aaaa aaaa' is 58.8 wide, 'aaaa  aaaa' 62.4.
    expect(konvaLines('aaaa aaaa', 60, fakeWidth)).toBe(1);
    expect(konvaLines('aaaa  aaaa', 60, fakeWidth)).toBe(2);
    expect(konvaLines('aaaa  aaaa', 62.4, fakeWidth)).toBe(1);
    expect(konvaLines('e-mail', 20, fakeWidth)).toBe(konvaReference('e-mail', 20, fakeWidth));
    expect(konvaLines('supercalifragilisticexpialidocious', 50, fakeWidth)).toBe(konvaReference('supercalifragilisticexpialidocious', 50, fakeWidth));
    expect(konvaLines('supercalifragilisticexpialidocious', 50, fakeWidth)).toBeGreaterThan(3);
    expect(konvaLines('', 100, fakeWidth)).toBe(1);
    expect(konvaLines('a\n\nb', 100, fakeWidth)).toBe(3);
    // Nothing fits at all: Konva draws no line; the layout keeps one.
    expect(konvaLines('Wide', 2, fakeWidth)).toBe(1);
  });

  it('measures a line whole only when its words add up to within a pixel of the width', () => {
    const measured: string[] = [];
    const widthOf = (s: string) => {
      measured.push(s);
      return fakeWidth(s);
    };
    const tokens = new Map<string, number>();
    const tokenWidth = (t: string) => tokens.get(t) ?? tokens.set(t, fakeWidth(t)).get(t) ?? 0;
    // The words of "delivery checkout" add up to 106.4 (measured whole, 106.35): far from 200 and from 60,
    // so nothing is measured whole there.
    expect(konvaLines('delivery checkout', 200, widthOf, tokenWidth)).toBe(1);
    expect(konvaLines('delivery checkout', 60, widthOf, tokenWidth)).toBe(2);
    expect(measured).toEqual([]);
    // At 106.38 the sum is within a pixel and over: measured whole, the line fits after all.
    expect(konvaLines('delivery checkout', 106.38, widthOf, tokenWidth)).toBe(1);
    expect(measured).toEqual(['delivery checkout']);
    expect(konvaLines('delivery checkout', 106.3, widthOf, tokenWidth)).toBe(2);
  });
});
