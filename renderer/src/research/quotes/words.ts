/** Words the quote board uses for sentiment, counts and places. */
import { SENTIMENT } from '../../../../electron/api/types.ts';

export const SENTIMENTS: readonly number[] = Array.from({ length: SENTIMENT.max - SENTIMENT.min + 1 }, (_, i) => SENTIMENT.min + i);

const SENTIMENT_WORDS: Record<string, string> = { '-2': 'Very negative', '-1': 'Negative', '0': 'Neutral', '1': 'Positive', '2': 'Very positive' };

/** "Very negative" … "Very positive"; "No sentiment" for a quote without one. */
export function sentimentWord(sentiment: number | null): string {
  if (sentiment === null) return 'No sentiment';
  return SENTIMENT_WORDS[String(sentiment)] ?? String(sentiment);
}

/** −2 … +2 as the board shows it beside the word. */
export function sentimentSign(sentiment: number): string {
  return sentiment > 0 ? `+${sentiment}` : sentiment < 0 ? `−${-sentiment}` : '0';
}

export { countOf } from '../../labels.ts';

/**
 * What the count adds about the order: nothing when every quote found is in order of relevance (or newest
 * first, without words); when only the newest of a broad search are ranked, how many.
 */
export const rankedOnly = (total: number, result: { order: 'rank' | 'newest'; ranked: number }): string =>
  result.order === 'rank' && result.ranked < total ? `, the newest ${result.ranked.toLocaleString('en-US')} best first` : '';
