/**
 * The quote board's window on a long result: rows are fetched a page at a time (by offset and limit) as the
 * person scrolls, and only a few pages are kept. Pure: no fetching here, only which pages to fetch, which to
 * keep, and what row sits at an index.
 */

/**
 * Rows per fetched page (the workspace allows at most 500 per call). The list shows about 20 rows: a page of
 * 50 covers the screen and some either side, and costs the workspace a quarter of what 200 rows did (rows,
 * tags, links and snippets are read per row).
 */
export const PAGE_SIZE = 50;
/** Pages kept in memory: enough for the screen, some above and below, and a jump back. */
export const MAX_PAGES = 24;

/** The pages that hold rows `first`…`last` (inclusive), clipped to a result of `total` rows. */
export function pagesFor(first: number, last: number, total: number, pageSize = PAGE_SIZE): number[] {
  if (total <= 0 || last < first) return [];
  const lo = Math.max(0, Math.floor(Math.max(0, first) / pageSize));
  const hi = Math.floor(Math.min(total - 1, last) / pageSize);
  const pages: number[] = [];
  for (let p = lo; p <= hi; p++) pages.push(p);
  return pages;
}

/** The rows a list of `rowHeight` px shows at `scrollTop` in `height` px, with `overscan` rows either side. */
export function visibleRange(scrollTop: number, height: number, rowHeight: number, total: number, overscan = 4): { first: number; last: number } {
  if (total <= 0) return { first: 0, last: -1 };
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(total - 1, Math.ceil((scrollTop + height) / rowHeight) + overscan - 1);
  return { first, last: Math.max(first - 1, last) };
}

export interface PageCache<T> {
  /** Pages by number, in the order they were last used (oldest first). */
  pages: Map<number, T[]>;
  max: number;
  pageSize: number;
}

export function createPageCache<T>(max = MAX_PAGES, pageSize = PAGE_SIZE): PageCache<T> {
  return { pages: new Map(), max, pageSize };
}

/** Keep a page; the least recently used page goes when there are more than `max`, except those in `keep`. */
export function putPage<T>(cache: PageCache<T>, page: number, rows: T[], keep: readonly number[] = []): void {
  cache.pages.delete(page);
  cache.pages.set(page, rows);
  for (const old of cache.pages.keys()) {
    if (cache.pages.size <= cache.max) break;
    if (old !== page && !keep.includes(old)) cache.pages.delete(old);
  }
}

/** Mark pages as just used, so they are the last to go. */
export function touchPages<T>(cache: PageCache<T>, pages: readonly number[]): void {
  for (const p of pages) {
    const rows = cache.pages.get(p);
    if (rows === undefined) continue;
    cache.pages.delete(p);
    cache.pages.set(p, rows);
  }
}

/** The row at `index`, when its page is held (a page shorter than the page size ends the result). */
export function rowAt<T>(cache: PageCache<T>, index: number): T | undefined {
  if (index < 0) return undefined;
  return cache.pages.get(Math.floor(index / cache.pageSize))?.[index % cache.pageSize];
}

/** Of `pages`, those not held and not already being fetched. */
export function missingPages<T>(cache: PageCache<T>, pages: readonly number[], inFlight: ReadonlySet<number>): number[] {
  return pages.filter((p) => !cache.pages.has(p) && !inFlight.has(p));
}
