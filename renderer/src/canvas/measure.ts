/**
 * Text measurement for layout, with the same font and the same word wrap as the Konva Text that draws it
 * (konvaLines follows Konva's own rule, so a card is never cut short or left with an empty line).
 * Results are cached by (width, text), so re-laying out a big map measures only what changed.
 */
import { stringToArray } from 'konva/lib/shapes/Text';
import { METRICS, estimateLines, type MeasureText } from './layout.ts';

export const CARD_FONT = `${METRICS.fontSize}px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif`;

/** Tokens are words (runs of anything but spaces and dashes: Konva breaks a line only at those) and single spaces and dashes. */
const SPACE = 32;
const DASH = 45;
/** A combining mark: with the space or dash before it, one grapheme for Konva, neither a break nor skipped. */
const MARK = /\p{M}/u;
/** Is the character at `i` a space or dash Konva breaks at (one that no combining mark follows)? */
function breaksAt(paragraph: string, i: number): boolean {
  const c = paragraph.charCodeAt(i);
  return (c === SPACE || c === DASH) && !MARK.test(paragraph.charAt(i + 1));
}
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

/**
 * How many lines Konva's Text (wrap 'word', a fixed width) makes of `text` at `width`: the same rule as its
 * _setTextData. Each paragraph (split at \n) that fits is one line. Else each line is the longest prefix that
 * fits, cut back to just after its last space or dash (a line that holds no whole word is cut inside it, at
 * a grapheme); the next line starts after the spaces that follow; nothing fitting at all ends the paragraph.
 * Spaces count as they are (two spaces are two spaces' width). The fit of a prefix ending at a token edge is
 * decided from the tokens' widths (`tokenWidth`, cached by the caller), measured whole (`widthOf`) only when
 * within NEAR of the width; only a line cut inside a word searches its graphemes.
 */
export function konvaLines(text: string, width: number, widthOf: (s: string) => number, tokenWidth: (token: string) => number = widthOf): number {
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    const length = paragraph.length;
    if (length === 0) {
      lines++;
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
        // Konva would back off to a space or dash before the cut, but the line starts with a word (the spaces
        // after a break are skipped) and a space or dash alone would have fitted: there is none to back off to.
        lines++;
        start += graphemes.slice(0, low).join('').length;
      }
      // The next line starts after the whitespace at the break.
      while (start < length && !(paragraph[start] ?? '').trim() && !MARK.test(paragraph.charAt(start + 1))) start++;
    }
  }
  return Math.max(1, lines);
}

export function createCanvasMeasure(): MeasureText {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return estimateLines;
  context.font = CARD_FONT;
  const cache = new Map<number, Map<string, number>>();
  let entries = 0;
  const widthOf = (s: string) => context.measureText(s).width;
  // Words repeat across a map's cards: each token is measured once, so a 55,000-card map costs about one
  // measureText a card rather than one a word or more (see konvaLines).
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
  // A number ("181.", "3,500", "12:30") is seldom seen twice, and UI fonts neither kern figures nor their
  // punctuation: its width is its characters' widths, each measured once — 55,000 numbered cards cost no
  // measureText for their numbers. (A line near the width is still measured whole: konvaLines' NEAR.)
  const tokenWidth = (token: string) => {
    if (!FIGURES.test(token)) return measured(token);
    let w = 0;
    for (const c of token) w += measured(c);
    return w;
  };

  return (text, width) => {
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
      entries = 0;
    }
    byText.set(text, result);
    return result;
  };
}
