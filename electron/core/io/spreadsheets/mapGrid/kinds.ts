/**
 * The kind a lane of a grid is suggested as, from what its rows hold and its title: a row of whole numbers
 * from −5 to +5 is an emotion curve, a row of other numbers a metric; then "Touchpoints" or "Channels",
 * "Pain points", "Opportunities" or "Ideas", "Owners", "Backstage"; anything else is a lane of text cards.
 * Waymark's own workbook names its rows in column B ("Score" and "Label" for an emotion lane, "Quotes" and
 * "Newest quotes" for an evidence lane), which settles it first. Pure.
 */
import { MAP_IMPORT_LIMITS } from '../../../../api/mapImports.ts';
import { CARD_LANE_KINDS, LANE_KINDS, type LaneKind } from '../../../../api/types.ts';
import { amount, wholeNumber } from '../table.ts';
import type { GridLane } from './grid.ts';

/** Lanes that hold no cards (the contract's CARD_LANE_KINDS are the others): a curve, numbers, the stage's owner, the quotes behind it. */
export const NON_CARD_KINDS: ReadonlySet<LaneKind> = new Set<LaneKind>(LANE_KINDS.filter((kind) => !CARD_LANE_KINDS.has(kind)));

/** A row name that makes a lane an emotion lane: "Score", "Label", "Ana: score". */
export const CURVE_ROW = /^(?:(.*\S)\s*:\s*)?(score|label)$/i;

const TITLES: readonly [RegExp, LaneKind][] = [
  [/touch ?points?|channels?/, 'touchpoints'],
  [/pains?\b|pain ?points?|frustrations?/, 'pains'],
  [/opportunit|ideas?\b/, 'opportunities'],
  [/owners?\b|who owns/, 'owners'],
  [/backstage|behind the scenes|back office/, 'backstage'],
];

const inSuggestedScale = (text: string): boolean => {
  const n = wholeNumber(text);
  return n !== null && n >= MAP_IMPORT_LIMITS.suggestedEmotion.min && n <= MAP_IMPORT_LIMITS.suggestedEmotion.max;
};

export function suggestKind(lane: GridLane): LaneKind {
  // Row names are trimmed (the grid reads cells so).
  const labels = lane.rows.map((r) => r.label?.toLowerCase() ?? '');
  if (labels.some((l) => CURVE_ROW.test(l))) return 'emotion';
  if (labels.includes('quotes') && labels.includes('newest quotes')) return 'evidence';
  const first = lane.rows.find((r) => r.cells.some((c) => c !== ''));
  if (first !== undefined) {
    const filled = first.cells.filter((c) => c !== '');
    if (filled.every(inSuggestedScale)) return 'emotion';
    if (filled.every((c) => amount(c) !== null)) return 'metrics';
  }
  const title = lane.title.toLowerCase();
  return TITLES.find(([pattern]) => pattern.test(title))?.[1] ?? 'text';
}
