/**
 * Text measurement for layout, with the same font and greedy word wrap as the Konva Text that draws it.
 * Results are cached by (width, text), so re-laying out a big map measures only what changed.
 */
import { METRICS, estimateLines, type MeasureText } from './layout.ts';

export const CARD_FONT = `${METRICS.fontSize}px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif`;

export function createCanvasMeasure(): MeasureText {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return estimateLines;
  context.font = CARD_FONT;
  const cache = new Map<string, number>();
  const widthOf = (s: string) => context.measureText(s).width;

  return (text, width) => {
    const key = `${Math.round(width)}|${text}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    let lines = 0;
    for (const paragraph of text.split('\n')) {
      lines++;
      let line = '';
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
        const candidate = line ? `${line} ${word}` : word;
        if (widthOf(candidate) <= width) {
          line = candidate;
          continue;
        }
        if (line) lines++;
        line = word;
        // A single word longer than the line breaks across lines.
        while (widthOf(line) > width && line.length > 1) {
          let fit = line.length - 1;
          while (fit > 1 && widthOf(line.slice(0, fit)) > width) fit--;
          lines++;
          line = line.slice(fit);
        }
      }
    }
    const result = Math.max(1, lines);
    // Room for every card of the biggest maps (55,000 and more) at a couple of widths: a cleared cache makes the
    // next layout measure every card again.
    if (cache.size > 250_000) cache.clear();
    cache.set(key, result);
    return result;
  };
}
