/** The quote board's window on a long result: which pages to fetch, which to keep, which row is where. */
import { describe, expect, it } from 'vitest';
import { createPageCache, missingPages, pagesFor, putPage, rowAt, touchPages, visibleRange } from '../../../renderer/src/research/quotes/pageCache.ts';

const page = (p: number, size: number, length = size) => Array.from({ length }, (_, i) => `row ${p * size + i}`);

describe('pages for a range of rows', () => {
  it('names every page that holds a row of the range, and none past the end', () => {
    expect(pagesFor(0, 9, 1000, 10)).toEqual([0]);
    expect(pagesFor(5, 25, 1000, 10)).toEqual([0, 1, 2]);
    expect(pagesFor(95, 120, 100, 10)).toEqual([9]);
    expect(pagesFor(-5, 3, 100, 10)).toEqual([0]);
  });
  it('names none for an empty result or an empty range', () => {
    expect(pagesFor(0, 10, 0, 10)).toEqual([]);
    expect(pagesFor(10, 9, 100, 10)).toEqual([]);
  });
});

describe('rows in view', () => {
  it('covers the rows the viewport shows, with overscan either side, inside the result', () => {
    expect(visibleRange(0, 400, 80, 100_000, 2)).toEqual({ first: 0, last: 6 });
    expect(visibleRange(8000, 400, 80, 100_000, 2)).toEqual({ first: 98, last: 106 });
  });
  it('stops at the last row at the end of the list', () => {
    const total = 100_000;
    expect(visibleRange(total * 80 - 400, 400, 80, total, 4)).toEqual({ first: total - 9, last: total - 1 });
  });
  it('is empty for no rows, and a short result shows all of it', () => {
    expect(visibleRange(0, 400, 80, 0)).toEqual({ first: 0, last: -1 });
    expect(visibleRange(0, 4000, 80, 3)).toEqual({ first: 0, last: 2 });
  });
});

describe('the page cache', () => {
  it('finds a row by its index in its page', () => {
    const cache = createPageCache<string>(4, 10);
    putPage(cache, 3, page(3, 10));
    expect(rowAt(cache, 35)).toBe('row 35');
    expect(rowAt(cache, 25)).toBeUndefined();
    expect(rowAt(cache, -1)).toBeUndefined();
  });
  it('a short last page ends the result', () => {
    const cache = createPageCache<string>(4, 10);
    putPage(cache, 2, page(2, 10, 4));
    expect(rowAt(cache, 23)).toBe('row 23');
    expect(rowAt(cache, 24)).toBeUndefined();
  });
  it('keeps at most `max` pages, dropping the least recently used but never the ones on screen', () => {
    const cache = createPageCache<string>(3, 10);
    for (const p of [0, 1, 2]) putPage(cache, p, page(p, 10));
    touchPages(cache, [0]); // 0 was looked at again: 1 is now the oldest
    putPage(cache, 3, page(3, 10));
    expect([...cache.pages.keys()].sort()).toEqual([0, 2, 3]);
    putPage(cache, 4, page(4, 10), [2]); // 2 is on screen: 0 goes instead
    expect([...cache.pages.keys()].sort()).toEqual([2, 3, 4]);
  });
  it('fetches only the pages neither held nor on their way', () => {
    const cache = createPageCache<string>(5, 10);
    putPage(cache, 1, page(1, 10));
    expect(missingPages(cache, [0, 1, 2, 3], new Set([2]))).toEqual([0, 3]);
  });
  it('a page fetched again replaces the old rows', () => {
    const cache = createPageCache<string>(5, 10);
    putPage(cache, 0, page(0, 10));
    putPage(cache, 0, ['changed']);
    expect(rowAt(cache, 0)).toBe('changed');
    expect(cache.pages.size).toBe(1);
  });
});
