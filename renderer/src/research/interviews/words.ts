/** Interviews in words: methods, formats, dates and counts as the screen writes them. */
import type { InterviewFormat, InterviewMethod } from '../../../../electron/api/types.ts';

export const METHOD_NAMES: Record<InterviewMethod, string> = {
  interview: 'Interview',
  survey: 'Survey',
  'support chat': 'Support chat',
  'usability test': 'Usability test',
  other: 'Other',
};

export const FORMAT_NAMES: Record<InterviewFormat, string> = {
  notes: 'notes',
  text: 'plain text',
  markdown: 'Markdown',
  vtt: 'WebVTT',
  srt: 'SRT',
};

/** "3 quotes", "1 quote", "no quotes". */
export function count(n: number, one: string, many = `${one}s`): string {
  return n === 0 ? `no ${many}` : `${n} ${n === 1 ? one : many}`;
}

export { dayText, firstWords } from '../../labels.ts';
