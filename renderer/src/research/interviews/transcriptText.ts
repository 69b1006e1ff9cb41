/**
 * The transcript's text as the screen shows it, free of the DOM: times in words, a turn's text cut into
 * pieces where quotes begin and end (so each quote is highlighted), and a selection turned into body offsets.
 */

/** Seconds from the start of a recording as m:ss, or h:mm:ss from an hour on (fractions dropped). */
export function formatTime(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A time as a person says it to a screen reader: "1 minute 5 seconds". */
export function spokenTime(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const parts: [number, string][] = [
    [Math.floor(total / 3600), 'hour'],
    [Math.floor((total % 3600) / 60), 'minute'],
    [total % 60, 'second'],
  ];
  const words = parts.filter(([n]) => n > 0).map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`);
  return words.length > 0 ? words.join(' ') : '0 seconds';
}

/** Where a quote is in the body (quotes without a place are never highlighted). */
export interface PlacedQuote {
  id: string;
  start: number;
  end: number;
}

/** Part of a turn's text: body.slice(from, to), inside the quotes named (none: plain text). */
export interface Piece {
  from: number;
  to: number;
  quoteIds: string[];
}

/**
 * Cut body[from, to) where any quote begins or ends; each piece names the quotes that cover it, so
 * overlapping quotes are all shown. Pieces cover the range exactly, in order, with no empty piece.
 */
export function pieces(from: number, to: number, quotes: readonly PlacedQuote[]): Piece[] {
  if (to <= from) return [];
  const inside = quotes.filter((q) => q.start < to && q.end > from && q.end > q.start);
  const cuts = new Set<number>([from, to]);
  for (const q of inside) {
    cuts.add(Math.max(from, q.start));
    cuts.add(Math.min(to, q.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Piece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] ?? from;
    const b = points[i + 1] ?? to;
    out.push({ from: a, to: b, quoteIds: inside.filter((q) => q.start <= a && q.end >= b).map((q) => q.id) });
  }
  return out;
}

/**
 * The body offsets of a selection from its two ends (in either order, as the person dragged), or null
 * when nothing but spaces is selected. Spaces at either end are left out, as the workspace does.
 */
export function selectionRange(body: string, a: number, b: number): { start: number; end: number } | null {
  let start = Math.max(0, Math.min(a, b, body.length));
  let end = Math.min(body.length, Math.max(a, b, 0));
  while (start < end && /\s/.test(body.charAt(start))) start++;
  while (end > start && /\s/.test(body.charAt(end - 1))) end--;
  return end > start ? { start, end } : null;
}

/** The speakers of a transcript, each once, in the order they first speak. */
export function speakersOf(turns: readonly { speaker: string | null }[]): string[] {
  const seen = new Set<string>();
  for (const t of turns) if (t.speaker) seen.add(t.speaker);
  return [...seen];
}
