/**
 * The rows of the quote board, fetched by window: the total from the workspace's answer sets the list's
 * height, and pages of rows are fetched (offset, limit) as they come into view, a few kept. A change
 * committed anywhere (this window, another, another person) refreshes what is on screen, the old rows
 * shown until the new ones are in.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { QuoteHit, QuoteSearchResult, WorkspaceEvent } from '../../../../electron/api/types.ts';
import { messageOf } from '../../api/errors.ts';
import { useAppStore } from '../../store/AppStoreContext.tsx';
import type { SearchInput } from './filters.ts';
import { createPageCache, missingPages, PAGE_SIZE, pagesFor, putPage, rowAt, touchPages, type PageCache } from './pageCache.ts';

export interface QuoteWindow {
  /** How many quotes match; null until the first answer. */
  total: number | null;
  /** How the quotes found are ordered: best match first (words), or newest first (no words). */
  order: 'rank' | 'newest';
  /** How many of the first quotes are best first (the rest newest first): all, or the newest that many of a broad search. */
  ranked: number;
  /** The workspace refused the search (its words). */
  error: string | null;
  /** Words were typed but none can be searched for (see QuoteSearchResult). */
  unsearchable: QuoteSearchResult['unsearchable'];
  /** The row at an index, when fetched. */
  rowAt: (index: number) => QuoteHit | undefined;
  /** Rows `first`…`last` are on screen: fetch what is missing. */
  show: (first: number, last: number) => void;
  /** The ids of rows `from`…`to`, fetching the pages not held. */
  idsBetween: (from: number, to: number) => Promise<string[]>;
  /** Changes with every page that arrives (for memoised children). */
  version: number;
}

/**
 * Pages asked for at once. More would queue behind each other when the scroll thumb is dragged across the
 * list (every frame a far page); with few, the page in view when the list stops is fetched next.
 */
const MAX_IN_FLIGHT = 2;

/** Kinds of records whose change can change what the board shows. */
const KINDS = ['quotes', 'quoteLinks', 'tags', 'interviews', 'personas', 'maps', 'stages'] as const;
export const touchesBoard = (e: WorkspaceEvent): boolean =>
  e.type === 'reset' || (e.type === 'changes' && KINDS.some((k) => e.changes[k].length > 0 || e.changes.deleted[k].length > 0));

export function useQuoteWindow(input: SearchInput): QuoteWindow {
  const call = useAppStore((s) => s.call);
  const events = useAppStore((s) => s.events);
  const key = JSON.stringify(input);
  const search = useMemo(() => JSON.parse(key) as SearchInput, [key]);
  // The answer is kept with the search it answers: a new search shows no total until its own answer.
  const [state, setState] = useState<{ key: string; total: number | null; order: 'rank' | 'newest'; ranked: number; error: string | null; unsearchable: QuoteSearchResult['unsearchable']; version: number }>({
    key,
    total: null,
    order: 'newest',
    ranked: 0,
    error: null,
    unsearchable: undefined,
    version: 0,
  });
  const cache = useRef<PageCache<QuoteHit>>(createPageCache());
  const stale = useRef<PageCache<QuoteHit> | null>(null);
  const inFlight = useRef(new Set<number>());
  const wanted = useRef<number[]>([0]);
  const generation = useRef(0);
  const totalRef = useRef<number | null>(null);
  const inputRef = useRef(search);

  // fetchPage and fetchWanted call each other (a page that lands makes room for the next): through a ref.
  const next = useRef<() => void>(() => undefined);
  const fetchPage = useCallback(
    (page: number) => {
      const gen = generation.current;
      const flying = inFlight.current;
      flying.add(page);
      const settle = () => {
        flying.delete(page);
        next.current();
      };
      call('quotes.search', { ...inputRef.current, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
        (res) => {
          settle();
          if (gen !== generation.current) return;
          putPage(cache.current, page, res.hits, wanted.current);
          totalRef.current = res.total;
          setState((s) => ({ key: JSON.stringify(inputRef.current), total: res.total, order: res.order, ranked: res.ranked, error: null, unsearchable: res.unsearchable, version: s.version + 1 }));
        },
        (error: unknown) => {
          settle();
          if (gen !== generation.current) return;
          totalRef.current = 0;
          stale.current = null;
          setState((s) => ({ key: JSON.stringify(inputRef.current), total: 0, order: 'newest', ranked: 0, error: messageOf(error), unsearchable: undefined, version: s.version + 1 }));
        },
      );
    },
    [call],
  );

  const fetchWanted = useCallback(() => {
    for (const p of missingPages(cache.current, wanted.current, inFlight.current)) {
      if (inFlight.current.size >= MAX_IN_FLIGHT) break;
      fetchPage(p);
    }
  }, [fetchPage]);
  useEffect(() => {
    next.current = fetchWanted;
  }, [fetchWanted]);

  // New words or filters: a new result from the top.
  useEffect(() => {
    inputRef.current = search;
    generation.current++;
    cache.current = createPageCache();
    stale.current = null;
    inFlight.current = new Set();
    wanted.current = [0];
    totalRef.current = null;
    fetchWanted();
  }, [search, fetchWanted]);

  // A committed change: the pages on screen again, the old rows shown meanwhile.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = events((event) => {
      if (!touchesBoard(event) || timer) return;
      timer = setTimeout(() => {
        timer = null;
        generation.current++;
        stale.current = cache.current;
        cache.current = createPageCache();
        inFlight.current = new Set();
        fetchWanted();
      }, 60);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [events, fetchWanted]);

  const show = useCallback(
    (first: number, last: number) => {
      const pages = pagesFor(first, last, totalRef.current ?? PAGE_SIZE);
      wanted.current = pages.length > 0 ? pages : [0];
      touchPages(cache.current, pages);
      fetchWanted();
    },
    [fetchWanted],
  );

  const read = useCallback((index: number) => rowAt(cache.current, index) ?? (stale.current ? rowAt(stale.current, index) : undefined), []);

  const idsBetween = useCallback(
    async (from: number, to: number) => {
      const total = totalRef.current ?? 0;
      const pages = pagesFor(from, to, total);
      const held = new Map<number, QuoteHit[]>();
      for (const p of pages) {
        const rows = cache.current.pages.get(p) ?? (await call('quotes.search', { ...inputRef.current, offset: p * PAGE_SIZE, limit: PAGE_SIZE })).hits;
        held.set(p, rows);
      }
      const ids: string[] = [];
      for (let i = Math.max(0, from); i <= Math.min(to, total - 1); i++) {
        const hit = held.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE];
        if (hit) ids.push(hit.quote.id);
      }
      return ids;
    },
    [call],
  );

  const current = state.key === key;
  return useMemo(
    () => ({ total: current ? state.total : null, order: state.order, ranked: state.ranked, error: current ? state.error : null, unsearchable: current ? state.unsearchable : undefined, version: state.version, rowAt: read, show, idsBetween }),
    [state, current, read, show, idsBetween],
  );
}
