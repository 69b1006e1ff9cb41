/**
 * A card's text (and its line of channel, votes and evidence): Konva's Text, with its lines worked out once per
 * font, width and text instead of at every node made, and its font's sample metrics measured once instead of at
 * every draw. Konva's own Text wraps a text anew for each node (a measureText a line at least, a search over the
 * graphemes of every line it wraps) and, at every layout and every draw, measures the letter M with a save, a font
 * set and a restore of its context. Here the lines come from the layout's wrap (measure.ts: the same rule, each word
 * measured once and shared with the layout), each proven Konva's own by measuring it whole (it fits, and with its
 * next word it would not), and are kept. Where a line is not proven, or Konva would do something other than a plain
 * wrap (a height that cuts the text and adds an ellipsis, padding, letter spacing, another alignment or direction),
 * the node is Konva's own Text: its _setTextData does it.
 */
import Konva from 'konva';
import type { KonvaNodeComponent } from 'react-konva';
import { fontMeasures, konvaTextLines, type FontMeasures, type TextLines } from './measure.ts';

type Sample = ReturnType<Konva.Text['measureSize']>;

/**
 * Texts whose lines are kept, per font, before all are let go: far more than a view shows at once (hundreds), so a
 * zoom or a pan back and forth finds them; at about 650 bytes for a four-line card, some 13 MB at most.
 */
const MAX_ENTRIES = 20_000;

/** One font's measures (measure.ts, shared with the layout), its sample ('M') metrics, and its lines by width and text. */
interface FontLines {
  measures: FontMeasures;
  sample: Sample | null;
  lines: Map<number, Map<string, TextLines>>;
  entries: number;
}
const fonts = new Map<string, FontLines | null>();

function linesFor(font: string): FontLines | null {
  let found = fonts.get(font);
  if (found === undefined) {
    const measures = fontMeasures(font);
    found = measures && { measures, sample: null, lines: new Map<number, Map<string, TextLines>>(), entries: 0 };
    fonts.set(font, found);
  }
  return found;
}

/** The lines of `text` at `width` in `font`'s measures, as Konva's textArr holds them (kept; each caller gets a copy). */
function linesOf(font: FontLines, text: string, width: number): TextLines {
  let byText = font.lines.get(width);
  if (!byText) font.lines.set(width, (byText = new Map<string, TextLines>()));
  let lines = byText.get(text);
  if (!lines) {
    lines = konvaTextLines(text, width, font.measures.widthOf, font.measures.tokenWidth);
    if (++font.entries > MAX_ENTRIES) {
      font.lines.clear();
      font.entries = 0;
      font.lines.set(width, (byText = new Map<string, TextLines>()));
    }
    byText.set(text, lines);
  }
  return { ...lines, lines: lines.lines.map((l) => ({ ...l })) };
}

/**
 * Whether Konva's _setTextData would lay these lines out as a plain wrap: every line shown, none cut short for an
 * ellipsis. With a fixed height Konva stops (and reserves or adds an ellipsis) once the line after the current one
 * would not fit; the sums are made as Konva makes them, one line height at a time, so a height that is exactly the
 * lines' own is judged as Konva judges it.
 */
export function showsEveryLine(lineCount: number, lineHeightPx: number, maxHeightPx: number): boolean {
  if (lineCount === 0) return false;
  let before = 0;
  for (let i = 0; i < lineCount - 1; i++) before += lineHeightPx;
  return before + lineHeightPx <= maxHeightPx;
}

export class CardText extends Konva.Text {
  /** The font as the context reads it, with the attributes it was made of (declared only: Text's constructor reads it). */
  declare private contextFont: { style: string; variant: string; size: number; family: string; font: string } | undefined;

  /**
   * The font for the canvas context: Konva makes it anew at each draw and each layout (its families split, trimmed,
   * quoted and joined again); here only when the font's attributes change.
   */
  override _getContextFont(): string {
    const style = this.fontStyle();
    const variant = this.fontVariant();
    const size = this.fontSize();
    const family = this.fontFamily();
    const held = this.contextFont;
    if (held?.style === style && held.variant === variant && held.size === size && held.family === family) return held.font;
    const font = super._getContextFont();
    this.contextFont = { style, variant, size, family, font };
    return font;
  }

  override measureSize(text: string): Sample {
    // The sample Konva measures at every draw and every layout of the text: the same for every node of a font.
    if (text !== 'M') return super.measureSize(text);
    const font = linesFor(this._getContextFont());
    if (!font) return super.measureSize(text);
    font.sample ??= super.measureSize(text);
    return font.sample;
  }

  override _setTextData(): void {
    const { width, height } = this.attrs as { width?: unknown; height?: unknown };
    const plain =
      this.wrap() === 'word' && this.padding() === 0 && this.letterSpacing() === 0 && this.align() === 'left' && this.direction() !== 'rtl' && !this.charRenderFunc();
    const font = plain && typeof width === 'number' && typeof height === 'number' ? linesFor(this._getContextFont()) : null;
    const fontSize = this.fontSize();
    // Konva's own wrap where the lines are not proven its own; and for a text whose last line is not its end (spaces
    // a wrap left, paragraphs where nothing fits), which Konva gives an ellipsis.
    const found = font && typeof width === 'number' && typeof height === 'number' ? linesOf(font, this.text(), width) : null;
    if (!found?.exact || !found.complete || typeof height !== 'number' || !showsEveryLine(found.lines.length, this.lineHeight() * fontSize, height)) {
      super._setTextData();
      return;
    }
    const { lines } = found;
    const sample = this.measureSize('M');
    this._baselineShift = (sample.fontBoundingBoxAscent - sample.fontBoundingBoxDescent) / 2;
    this.textArr = lines;
    this.textHeight = fontSize;
    this.textWidth = lines.reduce((w, line) => Math.max(w, line.width), 0);
  }
}
// react-konva makes a node of the Konva class of the name it is given. The class keeps Text's own className: to
// Konva (its selectors, its serialisation) a card's text is a Text.
(Konva as unknown as Record<string, unknown>).CardText = CardText;

/** CardText for react-konva. */
export const CardTextNode = 'CardText' as unknown as KonvaNodeComponent<CardText, Konva.TextConfig>;
