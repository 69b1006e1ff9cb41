/** The import dialog's counts line reads as a person would write it: one row, two rows; 1,200 quotes. */
import { describe, expect, it } from 'vitest';
import { countOf } from '../../../renderer/src/labels.ts';
import { summary } from '../../../renderer/src/research/imports/kinds.ts';

describe('the import summary', () => {
  it('counts with the noun in the singular for one, and thousands separated', () => {
    expect(countOf(1, 'quote')).toBe('1 quote');
    expect(countOf(0, 'quote')).toBe('0 quotes');
    expect(countOf(12345, 'quote')).toBe('12,345 quotes');
    expect(countOf(2, 'person', 'people')).toBe('2 people');
    expect(summary('quotes', { rows: 6, ok: 1, withProblems: 5, interviewsToCreate: 1, tagsToCreate: 1, links: 1 })).toBe(
      '6 rows: 1 ready, 5 with problems. Would make 1 new interview and 1 new tag, and place 1 quote on stages.',
    );
    expect(summary('quotes', { rows: 1, ok: 1, withProblems: 0, interviewsToCreate: 0, tagsToCreate: 3, links: 1200 })).toBe(
      '1 row: 1 ready, 0 with problems. Would make 0 new interviews and 3 new tags, and place 1,200 quotes on stages.',
    );
    expect(summary('metrics', { rows: 2, ok: 2, withProblems: 0, toCreate: 1, toUpdate: 1 })).toBe('2 rows: 2 ready, 0 with problems. Would add 1 metric and update 1.');
    expect(summary('metrics', {})).toBe('0 rows: 0 ready, 0 with problems. Would add 0 metrics and update 0.');
  });
});
