/**
 * Text measurement for layout, with the same font and the same word wrap as the Konva Text that draws it
 * (konvaLines follows Konva's own rule, so a card is never cut short or left with an empty line).
 * Results are cached by (width, text), so re-laying out a big map measures only what changed.
 */
import { stringToArray } from 'konva/lib/shapes/Text';
import { METRICS, estimateLines, refines, type MeasureText } from './layout.ts';

export const CARD_FONT = `${METRICS.fontSize}px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif`;

/** Tokens are words (runs of anything but spaces and dashes: Konva breaks a line only at those) and single spaces and dashes. */
const SPACE = 32;
const DASH = 45;
/** A combining mark: with the space or dash before it, one grapheme for Konva, neither a break nor skipped. */
const MARK = /\p{M}/u;
/** The first combining mark (U+0300): a character below it is none, and needs no test. */
const FIRST_MARK = 0x300;
/** Is the character at `i` a space or dash Konva breaks at (one that no combining mark follows)? */
function breaksAt(paragraph: string, i: number): boolean {
  const c = paragraph.charCodeAt(i);
  if (c !== SPACE && c !== DASH) return false;
  const next = paragraph.charCodeAt(i + 1);
  return next < FIRST_MARK || !MARK.test(paragraph.charAt(i + 1));
}
/** Is this grapheme one Konva breaks a line at (a space or a dash alone, as its wrap compares them)? */
const isBreak = (grapheme: string | undefined): boolean => grapheme === ' ' || grapheme === '-';
/** Where the token that starts at `i` ends. */
function tokenEnd(paragraph: string, i: number): number {
  if (breaksAt(paragraph, i)) return i + 1;
  let end = i + 1;
  while (end < paragraph.length && !breaksAt(paragraph, end)) end++;
  return end;
}
/**
 * How close (px) a line's width added up from its tokens may come to the width before the line is measured
 * whole: kerning inside a word is in its token's width, and next to a space or a dash it is nil in the fonts
 * used, so the sum is within a small fraction of a pixel of what Konva measures.
 */
const NEAR = 1;
/** Tokens of figures and the punctuation numbers are written with. */
const FIGURES = /^[0-9.,:;%#+()/]+$/;
/** The highest of FIGURES' characters (';'). */
const LAST_FIGURE = 59;

/** Where a wrap puts its lines (wrapLines): each line's text, and the end of each paragraph. */
interface LineSink {
  /**
   * A line, and whether it is where its paragraph ends (not a line a wrap ended); `at` is where in `paragraph` it
   * starts and ends, and whether it is a word cut at a grapheme (`cut`) rather than a line ending at a token edge
   * (null for an empty paragraph).
   */
  line(text: string, endsParagraph: boolean, at: { paragraph: string; start: number; end: number; cut: boolean } | null): void;
  paragraphEnd(): void;
}

/**
 * Konva's Text wrapping (wrap 'word', a fixed width, no height): the same rule as its _setTextData. Each paragraph
 * (split at \n) that fits is one line. Else each line is the longest prefix that fits, cut back to just after its
 * last space or dash (a line that holds no whole word is cut inside it, at a grapheme); the next line starts after
 * the spaces that follow; nothing fitting at all ends the paragraph. Spaces count as they are (two spaces are two
 * spaces' width). The fit of a prefix ending at a token edge is decided from the tokens' widths (`tokenWidth`,
 * cached by the caller), measured whole (`widthOf`) only when within NEAR of the width; only a line cut inside a
 * word searches its graphemes. Returns how many lines it made; `sink`, when given, gets each one's text as
 * Konva's textArr holds it (a line ended by a wrap without the spaces at its end; a paragraph's last as it is).
 */
function wrapLines(text: string, width: number, widthOf: (s: string) => number, tokenWidth: (token: string) => number, sink?: LineSink): number {
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    const length = paragraph.length;
    if (length === 0) {
      lines++;
      sink?.line('', true, null);
      sink?.paragraphEnd();
      continue;
    }
    let start = 0;
    while (start < length) {
      // The last token edge (after `start`) up to which the line fits, walking the tokens.
      let fitted = start;
      let sum = 0;
      for (let at = start; at < length; ) {
        const end = tokenEnd(paragraph, at);
        sum += tokenWidth(paragraph.slice(at, end));
        const fits = sum <= width - NEAR ? true : sum > width + NEAR ? false : widthOf(paragraph.slice(start, end)) <= width;
        if (!fits) break;
        fitted = end;
        at = end;
      }
      if (fitted > start) {
        // The rest fits on this line (fitted is the end), or the line is cut at the last token edge that fits:
        // next to a space or a dash, where Konva cuts (after its last space or dash, or before the space).
        lines++;
        if (sink) sink.line(fitted === length ? paragraph.slice(start) : paragraph.slice(start, fitted).trimEnd(), fitted === length, { paragraph, start, end: fitted, cut: false });
        start = fitted;
      } else {
        // Not even the first word fits: cut it at the longest run of graphemes that does.
        const graphemes = stringToArray(paragraph.slice(start));
        let low = 0;
        let high = graphemes.length;
        while (low < high) {
          const mid = (low + high + 1) >>> 1;
          if (widthOf(graphemes.slice(0, mid).join('')) <= width) low = mid;
          else high = mid - 1;
        }
        if (low === 0) break; // not one grapheme fits: Konva gives up on the paragraph
        lines++;
        if (low === graphemes.length) {
          // Measured whole, the rest fits after all (a number's characters add up to more than the number): the
          // paragraph's last line, as it is.
          sink?.line(paragraph.slice(start), true, { paragraph, start, end: length, cut: true });
          break;
        }
        // Konva goes back to just after the last space or dash of the cut, if there is one: there is none when the
        // cut lies inside the first word, as it does unless measuring whole let it run on past the word's end.
        let end = low;
        if (!isBreak(graphemes[low])) {
          let back = low - 1;
          while (back >= 0 && !isBreak(graphemes[back])) back--;
          if (back >= 0) end = back + 1;
        }
        const cut = graphemes.slice(0, end).join('');
        sink?.line(cut.trimEnd(), false, { paragraph, start, end: start + cut.length, cut: true });
        start += cut.length;
      }
      // The next line starts after the whitespace at the break.
      while (start < length && !(paragraph[start] ?? '').trim() && !MARK.test(paragraph.charAt(start + 1))) start++;
    }
    sink?.paragraphEnd();
  }
  return lines;
}

/** How many lines Konva's Text (wrap 'word', a fixed width) makes of `text` at `width` (see wrapLines); at least one. */
export function konvaLines(text: string, width: number, widthOf: (s: string) => number, tokenWidth: (token: string) => number = widthOf): number {
  return Math.max(1, wrapLines(text, width, widthOf, tokenWidth));
}

/** A line of a Konva Text, as its textArr holds it. */
export interface TextLine {
  text: string;
  width: number;
  lastInParagraph: boolean;
}

/** A space, a dash or other whitespace followed by a mark, a joiner or an emoji modifier (what a grapheme extends by). */
const EXTENDED_BREAK = /[\s-][\p{M}\u200D\p{Emoji_Modifier}]/u;

/**
 * Whether `text` has a space, dash or other whitespace that Konva's graphemes and the wrap's characters may see
 * differently: one that a mark, a joiner or a modifier follows (a space and a mark are one grapheme to Konva, a tab
 * and a mark two, the wrap's rule for both is the one for a space), or one inside a longer grapheme (after a
 * prepended character). Plain ASCII has none.
 */
export function breaksInsideGraphemes(text: string): boolean {
  if (!/[^\x20-\x7e]/.test(text)) return false;
  return EXTENDED_BREAK.test(text) || stringToArray(text).some((g) => g.length > 1 && /[\s-]/.test(g));
}

/** The lines of a text as Konva's Text wraps it (konvaTextLines). */
export interface TextLines {
  lines: TextLine[];
  /**
   * Whether the last line is the end of the text itself: of the last paragraph, not a line a wrap ended (with
   * only spaces after it) nor one before paragraphs where nothing fits. Konva, given a height that holds exactly
   * the lines, adds an ellipsis to a last line that is not.
   */
  complete: boolean;
  /**
   * Whether each line is proven to be Konva's by measuring it whole: it fits, and with the next token it would not.
   * The lines are found by adding up the words' widths (and measured whole only near the width), which kerning
   * across a word's edge (a letter before a dash, an emoji's fallback font) can put off by more than NEAR; where it
   * did, the lines may not be Konva's.
   */
  exact: boolean;
}

/**
 * The lines Konva's Text (wrap 'word', a fixed width, no height) makes of `text` at `width`, as its textArr holds
 * them: the same lines konvaLines counts (none when nothing fits), each line's width measured whole.
 */
export function konvaTextLines(text: string, width: number, widthOf: (s: string) => number, tokenWidth: (token: string) => number = widthOf): TextLines {
  const lines: TextLine[] = [];
  // Where the last line came from, and whether every line so far is proven Konva's. The wrap tells a break and the
  // spaces it skips by characters, Konva by graphemes: a text where the two can differ is not proven at all.
  const seen = { ends: false, endedIn: -1, paragraphs: 0, exact: !breaksInsideGraphemes(text) };
  wrapLines(text, width, widthOf, tokenWidth, {
    line: (line, endsParagraph, at) => {
      seen.ends = endsParagraph;
      seen.endedIn = seen.paragraphs;
      // Konva takes the longest run of graphemes that fits, then goes back to just after its last space or dash (if
      // there is one in it). A line ending at a token edge is Konva's when the line up to that edge fits and the line
      // up to the next edge does not; a word cut at a grapheme (its graphemes measured whole, as Konva measures them)
      // when the whole word does not fit either, so that Konva's run ends inside it, with no space or dash to go back
      // to (the cut, which fits, then lies inside the word).
      const whole = at === null ? line : at.paragraph.slice(at.start, at.end);
      const wholeWidth = widthOf(whole);
      if (seen.exact && at !== null) {
        const { paragraph, start, end, cut } = at;
        seen.exact = cut
          ? widthOf(paragraph.slice(start, tokenEnd(paragraph, start))) > width
          : wholeWidth <= width && (end === paragraph.length || widthOf(paragraph.slice(start, tokenEnd(paragraph, end))) > width);
      }
      lines.push({ text: line, width: whole === line ? wholeWidth : widthOf(line), lastInParagraph: false });
    },
    paragraphEnd: () => {
      // As Konva marks it: the last line so far, after each paragraph.
      const last = lines.at(-1);
      if (last) last.lastInParagraph = true;
      seen.paragraphs++;
    },
  });
  return { lines, complete: seen.ends && seen.endedIn === seen.paragraphs - 1, exact: seen.exact };
}

/**
 * The width of a token in `widthOf`'s font: measured once (`widthOf` is a canvas's measureText), and a number's as
 * its characters' widths. Words repeat across a map's cards, so a 55,000-card map costs about one measureText a
 * card rather than one a word or more; a number ("181.", "3,500", "12:30") is seldom seen twice, and UI fonts neither
 * kern figures nor their punctuation, so 55,000 numbered cards cost no measureText for their numbers. (A line near
 * the width is still measured whole: NEAR.)
 */
export function tokenWidths(widthOf: (s: string) => number): (token: string) => number {
  const tokens = new Map<string, number>();
  const measured = (token: string) => {
    let w = tokens.get(token);
    if (w === undefined) {
      w = widthOf(token);
      if (tokens.size > 250_000) tokens.clear();
      tokens.set(token, w);
    }
    return w;
  };
  return (token: string) => {
    // Most tokens are words, which start above every figure's character, and spaces: no test for those.
    const first = token.charCodeAt(0);
    if (first > LAST_FIGURE || first === SPACE || !FIGURES.test(token)) return measured(token);
    let w = 0;
    for (const c of token) w += measured(c);
    return w;
  };
}

/** One font's measureText and its tokens' widths (tokenWidths), shared by whatever measures in that font. */
export interface FontMeasures {
  widthOf: (s: string) => number;
  tokenWidth: (token: string) => number;
}

/** Per font as the canvas reads it back (so '13px Arial' and 'normal normal 13px Arial' are one); null: no canvas. */
const measuresByFont = new Map<string, FontMeasures>();
const fontKeys = new Map<string, string>();
/** The font the reader holds before it reads another, as a canvas writes it back. */
const FONT_PROBE = '10px sans-serif';
let fontReader: CanvasRenderingContext2D | null | undefined;

/**
 * The measures of `font` (a CSS font), on a canvas of its own with that font set once: the layout's (card heights)
 * and the card texts' (cardText.ts) are the same, so a word measured for one is measured for the other. Null where
 * there is no canvas to measure on.
 */
export function fontMeasures(font: string): FontMeasures | null {
  let key = fontKeys.get(font);
  if (key === undefined) {
    fontReader ??= typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
    if (!fontReader) return null;
    // A font the canvas cannot read leaves the one before in place: read against a known one, so that it is told
    // apart (no measures: the caller measures its own way) instead of taking that font's measures.
    fontReader.font = FONT_PROBE;
    fontReader.font = font;
    key = fontReader.font === FONT_PROBE && font !== FONT_PROBE ? '' : fontReader.font;
    fontKeys.set(font, key);
  }
  if (key === '') return null;
  let measures = measuresByFont.get(key);
  if (!measures) {
    const context = document.createElement('canvas').getContext('2d');
    if (!context) return null;
    context.font = font;
    const widthOf = (s: string) => context.measureText(s).width;
    measures = { widthOf, tokenWidth: tokenWidths(widthOf) };
    measuresByFont.set(key, measures);
  }
  return measures;
}

/** A measure with a cache, and whether that cache holds a text at a width already (its answer then costs nothing). */
export interface CachedMeasure {
  lines: MeasureText;
  has: (text: string, width: number) => boolean;
  /** How many times the cache was emptied (it is bounded): what was measured before is to be measured again. */
  generation: () => number;
}

/** The lines of card texts in CARD_FONT as Konva wraps them, cached by width and text; null where there is no canvas. */
function canvasLineCache(): CachedMeasure | null {
  const measures = fontMeasures(CARD_FONT);
  if (!measures) return null;
  const cache = new Map<number, Map<string, number>>();
  let entries = 0;
  let cleared = 0;
  const { widthOf, tokenWidth } = measures;
  return {
    has: (text, width) => cache.get(width)?.has(text) === true,
    generation: () => cleared,
    lines: (text, width) => {
      // By width, then by the text itself: the card's own string is the key (its hash is kept on it), no key
      // string is made per call.
      let byText = cache.get(width);
      if (!byText) cache.set(width, (byText = new Map<string, number>()));
      const hit = byText.get(text);
      if (hit !== undefined) return hit;
      const result = konvaLines(text, width, widthOf, tokenWidth);
      // Room for every card of the biggest maps (55,000 and more) at a couple of widths: a cleared cache makes the
      // next layout measure every card again.
      if (++entries > 250_000) {
        cache.clear();
        cache.set(width, (byText = new Map<string, number>()));
        entries = 1;
        cleared++;
      }
      byText.set(text, result);
      return result;
    },
  };
}

/** The window's one line cache (made when first asked for): every canvas and the PNG export share what it measured. */
let windowLines: CachedMeasure | null | undefined;
export function sharedLineCache(): CachedMeasure | null {
  if (windowLines === undefined) windowLines = canvasLineCache();
  return windowLines;
}

/**
 * The canvas's text measure: the same font and wrapping as the cards' Konva Text, on the window's line cache (a map
 * opened again, or exported, is not measured again). A new function each time: layouts keep their cells per measure
 * function (layoutModel). Where there is no canvas, estimateLines.
 */
export function createCanvasMeasure(): MeasureText {
  const cache = sharedLineCache();
  return cache ? (text, width) => cache.lines(text, width) : estimateLines;
}

/**
 * A quick guess at a text's lines, for a card measured later (openingMeasure): each paragraph's characters at the
 * average width estimateLines takes, without walking its words.
 */
export function quickLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width / (METRICS.fontSize * 0.52)));
  let lines = 0;
  for (let start = 0; ; ) {
    const end = text.indexOf('\n', start);
    lines += Math.max(1, Math.ceil(((end < 0 ? text.length : end) - start) / perLine));
    if (end < 0) return lines;
    start = end + 1;
  }
}

/**
 * Runs `work` a slice at a time when the window is idle, until it says it is done: `work` is given the time (on
 * performance.now()'s clock) its slice ends at. Returns a cancel.
 */
export type IdleSlices = (work: (until: number) => boolean) => () => void;

/**
 * The longest a slice of idle work runs (ms). An idle callback is given what is left of the window's idle period:
 * until the next frame while something animates or is typed, up to 50 ms when nothing happens (and the next
 * callback waits for the next period, so a slice uses its own). 40 ms stays short of a long task (50 ms); on timers
 * a slice is 8 ms.
 */
const SLICE_MS = 40;
const TIMER_SLICE_MS = 8;

/** Idle slices on requestIdleCallback (at most 100 ms late when the window is never idle), else on timers. */
export const idleSlices: IdleSlices = (work) => {
  let cancelled = false;
  let cancelNext = () => {};
  const slice = (left: number) => {
    if (cancelled) return;
    if (!work(performance.now() + Math.min(SLICE_MS, Math.max(2, left)))) next();
  };
  const next = () => {
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback((deadline) => slice(deadline.timeRemaining()), { timeout: 100 });
      cancelNext = () => cancelIdleCallback(id);
    } else {
      const id = setTimeout(() => slice(TIMER_SLICE_MS), 0);
      cancelNext = () => clearTimeout(id);
    }
  };
  next();
  return () => {
    cancelled = true;
    cancelNext();
  };
};

/** A map's first layout's measure, and the measuring of what it put off (see openingMeasure). */
export interface OpeningMeasure {
  /**
   * The first layout's measure: what `exact` measures, except that a `deferrable` text (a card below the top of its
   * cell, out of the opening view) that `exact` has not measured yet gets quickLines' guess now and is measured
   * by `finish`. After `finish` is first called it defers nothing.
   */
  readonly first: MeasureText;
  /**
   * Measure what `first` put off, a slice at a time in idle time; then `done` is given an exact measure (a new
   * function that `refines` first: a layout made with it measures again, from the cache, only the cards that may
   * have been guessed). `done` is not called when nothing was put off: `first` is exact already. Returns a cancel;
   * calling `finish` again goes on from there.
   */
  finish: (done: (exact: MeasureText) => void) => () => void;
}

/**
 * How a big map opens without measuring all its cards first: the opening view (the top of every cell, at 100%) is
 * laid out measured, and the rest of each cell with a guess; the guessed cards are measured in idle slices after
 * the first frame, and when they all are, the cells that held them are stacked again once, measured. Nothing the
 * opening view shows moves then; the cards below it, the lanes' heights and the map's size may.
 */
export function openingMeasure(exact: CachedMeasure, idle: IdleSlices = idleSlices): OpeningMeasure {
  let deferring = true;
  const texts: string[] = [];
  const widths: number[] = [];
  let measured = 0;
  const first: MeasureText = (text, width, deferrable) => {
    if (deferring && deferrable === true && !exact.has(text, width)) {
      texts.push(text);
      widths.push(width);
      return quickLines(text, width);
    }
    return exact.lines(text, width);
  };
  // The cache's generation when the texts measured so far were measured: emptied since, they are measured again.
  let generation = exact.generation();
  const finish = (done: (exact: MeasureText) => void) => {
    deferring = false;
    if (texts.length === 0) return () => {};
    return idle((until) => {
      if (exact.generation() !== generation) {
        generation = exact.generation();
        measured = 0;
      }
      // A few texts between looks at the clock: performance.now() costs more than one cached measure.
      while (measured < texts.length) {
        for (const end = Math.min(texts.length, measured + 16); measured < end; measured++) exact.lines(texts[measured] ?? '', widths[measured] ?? 0);
        if (performance.now() >= until) break;
      }
      if (measured < texts.length || exact.generation() !== generation) return false;
      texts.length = 0;
      widths.length = 0;
      const measuredAll: MeasureText = (text, width) => exact.lines(text, width);
      refines(measuredAll, first);
      done(measuredAll);
      return true;
    });
  };
  return { first, finish };
}
