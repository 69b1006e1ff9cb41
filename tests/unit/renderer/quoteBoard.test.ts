/** The quote board's pure parts: snippets into marked parts, selection by list-box rules, filters into a search. */
import { describe, expect, it } from 'vitest';
import { SNIPPET_MARK } from '../../../electron/api/types.ts';
import { filtersFromFocus, hasFilters, NO_FILTERS, searchInput, toggleSentiment, withFilter } from '../../../renderer/src/research/quotes/filters.ts';
import { EMPTY_SELECTION, keepExisting, moveActive, pick, rangeBetween } from '../../../renderer/src/research/quotes/selection.ts';
import { plainSnippet, splitSnippet } from '../../../renderer/src/research/quotes/snippet.ts';
import { countOf, rankedOnly, sentimentSign, sentimentWord } from '../../../renderer/src/research/quotes/words.ts';

const { open: o, close: c } = SNIPPET_MARK;

describe('snippets', () => {
  it('splits a snippet into the words found (marked) and the rest', () => {
    expect(splitSnippet(`The ${o}delivery${c} fee was ${o}late${c}`)).toEqual([
      { text: 'The ', marked: false },
      { text: 'delivery', marked: true },
      { text: ' fee was ', marked: false },
      { text: 'late', marked: true },
    ]);
  });
  it('keeps text without marks whole, and an empty snippet has no parts', () => {
    expect(splitSnippet('no match here')).toEqual([{ text: 'no match here', marked: false }]);
    expect(splitSnippet('')).toEqual([]);
  });
  it('runs an unclosed mark to the end, drops a stray close and empty marks, joins neighbours', () => {
    expect(splitSnippet(`a ${o}b c`)).toEqual([
      { text: 'a ', marked: false },
      { text: 'b c', marked: true },
    ]);
    expect(splitSnippet(`a${c} b${o}${c} c`)).toEqual([{ text: 'a b c', marked: false }]);
    expect(splitSnippet(`${o}one${c}${o}two${c}`)).toEqual([{ text: 'onetwo', marked: true }]);
  });
  it('keeps characters outside the basic plane whole', () => {
    expect(splitSnippet(`😀 ${o}𝒳${c}`)).toEqual([
      { text: '😀 ', marked: false },
      { text: '𝒳', marked: true },
    ]);
    expect(plainSnippet(`…the ${o}fee${c}…`)).toBe('…the fee…');
  });
});

describe('selection', () => {
  it('a plain pick selects one and sets the anchor', () => {
    const s = pick({ ids: new Set(['a', 'b']), anchor: 0 }, 4, 'e', 'none');
    expect([...s.ids]).toEqual(['e']);
    expect(s.anchor).toBe(4);
  });
  it('a toggle adds or takes away one, keeping the rest', () => {
    const one = pick(EMPTY_SELECTION, 1, 'b', 'toggle');
    const two = pick(one, 3, 'd', 'toggle');
    expect([...two.ids].sort()).toEqual(['b', 'd']);
    expect([...pick(two, 1, 'b', 'toggle').ids]).toEqual(['d']);
  });
  it('a range replaces the selection with the rows from the anchor, which stays', () => {
    const start = pick(EMPTY_SELECTION, 5, 'f', 'none');
    const range = pick(start, 2, '', 'range', ['c', 'd', 'e', 'f']);
    expect([...range.ids]).toEqual(['c', 'd', 'e', 'f']);
    expect(range.anchor).toBe(5);
    expect(rangeBetween(5, 2)).toEqual({ from: 2, to: 5 });
    expect(rangeBetween(-1, 7)).toEqual({ from: 7, to: 7 });
  });
  it('navigation keys move within the list; others are not navigation', () => {
    expect(moveActive('ArrowDown', -1, 10, 5)).toBe(0);
    expect(moveActive('ArrowDown', 9, 10, 5)).toBe(9);
    expect(moveActive('ArrowUp', 0, 10, 5)).toBe(0);
    expect(moveActive('ArrowUp', -1, 10, 5)).toBe(0);
    expect(moveActive('PageDown', 0, 100, 8)).toBe(7);
    expect(moveActive('PageUp', 3, 100, 8)).toBe(0);
    expect(moveActive('Home', 50, 100, 8)).toBe(0);
    expect(moveActive('End', 0, 100, 8)).toBe(99);
    expect(moveActive('a', 0, 100, 8)).toBeNull();
    expect(moveActive('ArrowDown', 0, 0, 8)).toBeNull();
  });
  it('drops quotes that are gone, and is the same selection when none is', () => {
    const s = { ids: new Set(['a', 'b', 'c']), anchor: 2 };
    expect([...keepExisting(s, (id) => id !== 'b').ids]).toEqual(['a', 'c']);
    expect(keepExisting(s, () => true)).toBe(s);
  });
});

describe('filters', () => {
  it('asks for nothing when nothing is chosen, and trims the words', () => {
    expect(searchInput('   ', NO_FILTERS)).toEqual({});
    expect(searchInput('  late driver ', NO_FILTERS)).toEqual({ query: 'late driver' });
  });
  it('passes every chosen filter, sentiments in order', () => {
    const f = { mapId: 'm', stageId: 's', personaId: 'p', interviewId: 'i', tagId: 't', sentiments: [2, -1], unlinked: false };
    expect(searchInput('fee', f)).toEqual({ query: 'fee', mapId: 'm', stageId: 's', personaId: 'p', interviewId: 'i', tagId: 't', sentiments: [-1, 2] });
    expect(searchInput('', { ...NO_FILTERS, unlinked: true })).toEqual({ unlinked: true });
  });
  it('keeps a stage with its map, and "not on any map" apart from a map', () => {
    const onStage = { ...NO_FILTERS, mapId: 'm', stageId: 's' };
    expect(withFilter(onStage, 'mapId', 'n')).toEqual({ ...NO_FILTERS, mapId: 'n' });
    expect(withFilter(onStage, 'unlinked', true)).toEqual({ ...NO_FILTERS, unlinked: true });
    expect(withFilter({ ...NO_FILTERS, unlinked: true }, 'mapId', 'm')).toEqual({ ...NO_FILTERS, mapId: 'm' });
    expect(searchInput('', { ...NO_FILTERS, stageId: 'orphan' })).toEqual({});
  });
  it('toggles sentiments, and says when any filter is on', () => {
    const f = toggleSentiment(toggleSentiment(NO_FILTERS, 1), -2);
    expect(f.sentiments).toEqual([-2, 1]);
    expect(toggleSentiment(f, 1).sentiments).toEqual([-2]);
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(hasFilters(f)).toBe(true);
  });
  it('starts from what the map asked for: its map and stage', () => {
    expect(filtersFromFocus({ mapId: 'm', stageId: 's' })).toEqual({ ...NO_FILTERS, mapId: 'm', stageId: 's' });
    expect(filtersFromFocus({ stageId: 's' })).toEqual(NO_FILTERS);
    expect(filtersFromFocus(undefined)).toEqual(NO_FILTERS);
  });
});

describe('words', () => {
  it('names sentiments and counts', () => {
    expect(sentimentWord(-2)).toBe('Very negative');
    expect(sentimentWord(null)).toBe('No sentiment');
    expect(sentimentSign(2)).toBe('+2');
    expect(sentimentSign(-1)).toBe('−1');
    expect(sentimentSign(0)).toBe('0');
    expect(countOf(1, 'quote')).toBe('1 quote');
    expect(countOf(12345, 'quote')).toBe('12,345 quotes');
  });
});

describe('the order the count tells', () => {
  it('says nothing when every quote found is ranked, or without words; how many are ranked when only the newest are', () => {
    expect(rankedOnly(553, { order: 'rank', ranked: 553 })).toBe('');
    expect(rankedOnly(100_000, { order: 'newest', ranked: 0 })).toBe('');
    expect(rankedOnly(0, { order: 'rank', ranked: 0 })).toBe('');
    expect(rankedOnly(9828, { order: 'rank', ranked: 1000 })).toBe(', the newest 1,000 best first');
    expect(rankedOnly(1001, { order: 'rank', ranked: 1000 })).toBe(', the newest 1,000 best first');
  });
});
