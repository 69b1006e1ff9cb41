/** Sentiment (−2..+2) in words: the picker's names and what lists show. */
import { SENTIMENT } from '../../../../electron/api/types.ts';

export const SENTIMENT_VALUES: readonly number[] = Array.from({ length: SENTIMENT.max - SENTIMENT.min + 1 }, (_, i) => SENTIMENT.min + i);

const WORDS: Record<number, string> = { [-2]: 'very negative', [-1]: 'negative', 0: 'neutral', 1: 'positive', 2: 'very positive' };

/** "−1", "0", "+2" (a true minus sign). */
export function sentimentNumber(value: number): string {
  return value > 0 ? `+${value}` : value < 0 ? `−${-value}` : '0';
}

/** "negative", "very positive"; '' for a value off the scale. */
export function sentimentWord(value: number): string {
  return WORDS[value] ?? '';
}

/** "Sentiment −1, negative"; "No sentiment" for null. */
export function sentimentName(value: number | null): string {
  return value === null ? 'No sentiment' : `Sentiment ${sentimentNumber(value)}, ${sentimentWord(value)}`;
}
