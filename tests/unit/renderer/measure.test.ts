/**
 * The layout's text measure wraps as Konva's Text does (issue 13: a 55,000-card map measured about once a
 * card). konvaLines is checked against a plain port of Konva's own wrapping loop (Text._setTextData, wrap
 * 'word', a fixed width, no height), given the same width function — one with kerning, so that adding up
 * words is not exactly measuring the line.
 */
import fc from 'fast-check';
import { stringToArray } from 'konva/lib/shapes/Text';
import { describe, expect, it } from 'vitest';
import { showsEveryLine } from '../../../renderer/src/canvas/cardText.ts';
import { breaksInsideGraphemes, konvaLines, konvaTextLines, tokenWidths } from '../../../renderer/src/canvas/measure.ts';

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

/**
 * Konva 10's loop, as written there (linear where it searches; the same answer): its textArr's texts and paragraph
 * ends, and whether its last line is the text's end (a line of the last paragraph its loop ended with, not a wrap).
 */
function konvaReferenceText(text: string, maxWidth: number, measure: (s: string) => number): { lines: { text: string; lastInParagraph: boolean }[]; complete: boolean } {
  const out: { text: string; lastInParagraph: boolean }[] = [];
  let complete = false;
  const paragraphs = text.split('\n');
  const add = (line: string, ends: boolean, i: number) => {
    out.push({ text: line, lastInParagraph: false });
    complete = ends && i === paragraphs.length - 1;
  };
  for (const [i, line] of paragraphs.entries()) {
    if (measure(line) <= maxWidth) add(line, true, i);
    else {
      const graphemes = stringToArray(line);
      const length = graphemes.length;
      let start = 0;
      while (start < length) {
        const fits = (end: number) => measure(graphemes.slice(start, end).join('')) <= maxWidth;
        let low = start;
        while (low < length && fits(low + 1)) low++;
        if (low === start) break;
        if (low === length) {
          add(graphemes.slice(start, length).join(''), true, i);
          break;
        }
        if (!isBreak(graphemes[low])) {
          let wrapIndex = low - 1;
          while (wrapIndex >= start && !isBreak(graphemes[wrapIndex])) wrapIndex--;
          if (wrapIndex >= start) low = wrapIndex + 1;
        }
        add(graphemes.slice(start, low).join('').trimEnd(), false, i);
        start = low;
        while (start < length && !(graphemes[start] ?? '').trim()) start++;
      }
    }
    const last = out.at(-1);
    if (last) last.lastInParagraph = true;
  }
  return { lines: out, complete };
}
const konvaReferenceLines = (text: string, maxWidth: number, measure: (s: string) => number) => konvaReferenceText(text, maxWidth, measure).lines;

const konvaReference = (text: string, maxWidth: number, measure: (s: string) => number): number => Math.max(1, konvaReferenceLines(text, maxWidth, measure).length);

describe('konvaLines', () => {
  // With combining marks after a letter, a space and a dash: Konva's graphemes keep a space or dash and its mark together
  // (U+0300, the first mark, and U+02FF, the last character before the marks, which is none).
  const words = ['a', 'To', 'AVAV', 'delivery', 'checkout', 'e-mail', 'Wwwmm', 'illill', 'supercalifragilisticexpialidocious', 'y', '—', '🙂', 'naïve', 'x-y-z', 'e\u0301te\u0301', '\u0301a', '\t', '\u00a0'];
  const text = fc
    .array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(' ', ' ', ' ', '  ', '-', '\n', ' - ', '   ', ' \u0301', '-\u0301', ' \u0300', '-\u02ff')), { maxLength: 24 })
    .map((parts) => parts.map(([w, sep]) => w + sep).join(''));

  it('wraps exactly as Konva does, for any text and width', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 20, max: 320 }), (t, width) => {
        expect(konvaLines(t, width, fakeWidth)).toBe(konvaReference(t, width, fakeWidth));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the very lines Konva gives, as its textArr holds them (what a card draws), for any text and width', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 20, max: 320 }), (t, width) => {
        const { lines, complete } = konvaTextLines(t, width, fakeWidth, tokenWidths(fakeWidth));
        expect(complete).toBe(konvaReferenceText(t, width, fakeWidth).complete);
        expect(lines.map((l) => ({ text: l.text, lastInParagraph: l.lastInParagraph }))).toEqual(konvaReferenceLines(t, width, fakeWidth));
        expect(lines.map((l) => l.width)).toEqual(lines.map((l) => fakeWidth(l.text)));
        expect(Math.max(1, lines.length)).toBe(konvaLines(t, width, fakeWidth));
      }),
      { numRuns: 3000 },
    );
  });

  it('says its lines are exact only when they are Konva’s, even where adding up words is off by more than a pixel', () => {
    // A font whose letters kern with a dash beside them (as 'y-' does in some): the words' widths add up to more than
    // the line measured whole, by 2 px at each such edge, so the sum alone wraps too soon.
    // And one where they space out (the whole wider than its words), which makes the sum wrap too late.
    const kerned = (s: string) => fakeWidth(s) - 2 * (s.match(/[a-z]-|-[a-z]/g) ?? []).length;
    const spaced = (s: string) => fakeWidth(s) + 2 * (s.match(/[a-z]-|-[a-z]/g) ?? []).length;
    // Texts whose spaces and dashes Konva's graphemes see otherwise than the wrap's characters: a space or tab before
    // a joiner, a skin tone or a mark, a prepended character before a space.
    const wilder = fc
      .array(fc.tuple(fc.constantFrom('aaaa', 'bbbbbb', 'e-mail', '🙂', 'To'), fc.constantFrom(' ', ' \u200d', ' \u{1F3FD}', '\t\u0301', '\u0600 ', '-\u200d', '  ')), { maxLength: 12 })
      .map((parts) => parts.map(([w, sep]) => w + sep).join(''));
    /** Lines said to be exact are Konva's, for any of these texts and widths in this font. */
    const exactIsKonvas = (texts: fc.Arbitrary<string>, maxWidth: number, font: (s: string) => number, numRuns: number) =>
      fc.assert(
        fc.property(texts, fc.integer({ min: 20, max: maxWidth }), (t, width) => {
          const found = konvaTextLines(t, width, font, tokenWidths(font));
          if (found.exact) expect(found.lines.map((l) => l.text)).toEqual(konvaReferenceLines(t, width, font).map((l) => l.text));
        }),
        { numRuns },
      );
    for (const font of [fakeWidth, kerned]) exactIsKonvas(wilder, 120, font, 2000);
    for (const font of [kerned, spaced]) exactIsKonvas(text, 320, font, 3000);
    // At the edge: the line with its next word measures exactly the width, so Konva keeps the word on it.
    expect(konvaTextLines('ab-cd', kerned('ab-cd'), kerned, tokenWidths(kerned)).exact).toBe(false);
    expect(konvaReferenceLines('ab-cd', kerned('ab-cd'), kerned).map((l) => l.text)).toEqual(['ab-cd']);
    const dashed = 'x-y-z-x-y-z-x-y-z-x-y-z';
    const wide = kerned(dashed);
    expect(konvaTextLines(dashed, wide, kerned).exact).toBe(false); // the sum says two lines; whole, it fits on one
    expect(konvaTextLines(dashed, wide, kerned).lines.map((l) => l.text)).not.toEqual(konvaReferenceLines(dashed, wide, kerned).map((l) => l.text));
    expect(konvaTextLines('aaaa aaaa bbbb', 60, fakeWidth).exact).toBe(true);
    // A word cut at a grapheme is Konva's when the whole word does not fit: cut inside it, at the same grapheme.
    expect(konvaTextLines('supercalifragilistic', 50, fakeWidth)).toMatchObject({ exact: true, complete: true });
    // A number's width is its characters' (tokenWidths); where a font kerns figures, the sum can say a number does not
    // fit when, measured whole, it and the start of the next word do. The cut, measured whole, runs into the word,
    // and goes back to the space as Konva's does; or takes the rest of the paragraph when all of it fits. Such lines
    // are Konva's, but not proven so by the check for a word cut inside itself: not exact (Konva's own wrap draws them).
    const figures = (s: string) => fakeWidth(s) - 3 * (s.match(/[0-9,](?=[0-9,])/g) ?? []).length;
    for (const [number, at] of [
      ['3,500,000 ab', figures('3,500,000 a')],
      ['3,500,000  ', figures('3,500,000  ')],
      ['3,500,000 abcd', figures('3,500,000 ab')],
      ['3,500,000 ab cd', figures('3,500,000 ab')],
      ['3,500,000,000 ab-cd', figures('3,500,000,000 ab-c')],
      ['aaaa 3,500,000', figures('3,500,000')],
    ] as const) {
      const found = konvaTextLines(number, at, figures, tokenWidths(figures));
      expect(found.exact).toBe(false);
      expect(found.lines.map((l) => [l.text, l.lastInParagraph])).toEqual(konvaReferenceLines(number, at, figures).map((l) => [l.text, l.lastInParagraph]));
      expect(found.complete).toBe(konvaReferenceText(number, at, figures).complete);
      expect(konvaLines(number, at, figures, tokenWidths(figures))).toBe(konvaReference(number, at, figures));
    }
    // Where the number's sum still fits, the line ends after it by the sum, before the words Konva fits on too: not exact.
    const wider = figures('3,500,000 ab-c');
    expect(konvaTextLines('3,500,000 ab-cd', wider, figures, tokenWidths(figures)).exact).toBe(false);
    expect(konvaReferenceLines('3,500,000 ab-cd', wider, figures)[0]?.text).toBe('3,500,000 ab-');
  });

  it('tells which texts have a space, dash or tab that Konva’s graphemes may see otherwise', () => {
    expect(breaksInsideGraphemes('Plain text - with a dash')).toBe(false);
    expect(breaksInsideGraphemes('naïve café 🙂 Ünïcödé')).toBe(false);
    expect(breaksInsideGraphemes('aaaa \u200dbbbb')).toBe(true); // space + joiner
    expect(breaksInsideGraphemes('aaaa \u{1F3FD}bbbb')).toBe(true); // space + skin tone
    expect(breaksInsideGraphemes('aaaa\t\u0301bbbb')).toBe(true); // tab + mark
    expect(breaksInsideGraphemes('aaaa -\u0301bbbb')).toBe(true); // dash + mark
    expect(breaksInsideGraphemes('aaaa\u0600 bbbb')).toBe(true); // a prepended character takes the space into its grapheme
    expect(breaksInsideGraphemes('\t\u0301')).toBe(true); // nothing but a tab and a mark
    expect(konvaTextLines('aaaa \u200dbbbbbb', 40, fakeWidth).exact).toBe(false);
    expect(konvaTextLines('aaaa bbbbbb', 40, fakeWidth).exact).toBe(true);
  });

  it('measures a word once, and a number as its characters, each once', () => {
    const measured: string[] = [];
    const width = tokenWidths((s) => {
      measured.push(s);
      return fakeWidth(s);
    });
    expect(width('delivery')).toBe(fakeWidth('delivery'));
    expect(width('delivery')).toBe(fakeWidth('delivery'));
    expect(width('3,500')).toBeCloseTo(fakeWidth('3') + fakeWidth(',') + 2 * fakeWidth('5') + fakeWidth('0'), 9);
    expect(width('50,3')).toBeCloseTo(fakeWidth('50,3'), 9);
    expect(measured).toEqual(['delivery', '3', ',', '5', '0']);
    // Every character of the figures' class, the first of a token too (';' and ':' are the highest of them).
    measured.length = 0;
    expect(width(';:12')).toBeCloseTo(fakeWidth(';') + fakeWidth(':') + fakeWidth('1') + fakeWidth('2'), 9);
    expect(width('(#+%/.)')).toBeCloseTo(['(', '#', '+', '%', '/', '.', ')'].reduce((w, c) => w + fakeWidth(c), 0), 9);
    expect(width(' ')).toBe(fakeWidth(' '));
    expect(width('<3')).toBe(fakeWidth('<3')); // '<' is not one of them: a word
    expect(measured).toEqual([';', ':', '1', '2', '(', '#', '+', '%', '/', '.', ')', ' ', '<3']);
  });

  it('keeps the spaces a paragraph ends with, drops those a wrap ends a line with, and keeps empty paragraphs', () => {
    const lines = (t: string, width: number) => konvaTextLines(t, width, fakeWidth).lines.map((l) => [l.text, l.lastInParagraph]);
    expect(lines('aaaa aaaa ', 200)).toEqual([['aaaa aaaa ', true]]);
    expect(lines('aaaa aaaa bbbb', 60)).toEqual([
      ['aaaa aaaa', false],
      ['bbbb', true],
    ]);
    expect(lines('e-mail me', 30)).toEqual(konvaReferenceLines('e-mail me', 30, fakeWidth).map((l) => [l.text, l.lastInParagraph]));
    expect(lines('a\n\nb', 100)).toEqual([
      ['a', true],
      ['', true],
      ['b', true],
    ]);
    expect(lines('Wide', 2)).toEqual([]); // nothing fits: Konva draws no line
    // Whether the last line is the text's end: not when a wrap ended it (spaces after it), nor before a paragraph
    // where nothing fits; an empty last paragraph is an end.
    const complete = (t: string, width: number) => konvaTextLines(t, width, fakeWidth).complete;
    expect(complete('aaaa aaaa bbbb', 60)).toBe(true);
    expect(complete('aaaa aaaa bbbb      ', 30)).toBe(false);
    expect(complete('aaaa\nW', 10)).toBe(false);
    expect(complete('aaaa\n', 100)).toBe(true);
    expect(complete('Wide', 2)).toBe(false);
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

describe('showsEveryLine', () => {
  it('holds when a fixed height has room for every line, summed one line height at a time as Konva sums them', () => {
    expect(showsEveryLine(3, 18, 54)).toBe(true);
    expect(showsEveryLine(3, 18, 53.9)).toBe(false);
    expect(showsEveryLine(1, 18, 18)).toBe(true);
    expect(showsEveryLine(1, 18, 17)).toBe(false);
    expect(showsEveryLine(0, 18, 100)).toBe(false); // no line at all: Konva's own way
    // 0.1 added ten times is not 1: judged by the sum Konva makes, not by a product.
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += 0.1;
    expect(showsEveryLine(10, 0.1, sum)).toBe(true);
    expect(showsEveryLine(10, 0.1, 1)).toBe(sum <= 1);
  });
});
