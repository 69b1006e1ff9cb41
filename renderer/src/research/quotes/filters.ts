/** The quote board's filters as plain data, and the search they make. */
import type { OperationInput } from '../../../../electron/api/contract.ts';
import type { Focus } from '../../store/uiStore.ts';

export interface QuoteFilters {
  mapId: string | null;
  stageId: string | null;
  personaId: string | null;
  interviewId: string | null;
  tagId: string | null;
  /** Sentiments to show (any of them); empty: all, with or without one. */
  sentiments: number[];
  /** Only quotes on no stage of any map. */
  unlinked: boolean;
}

export const NO_FILTERS: QuoteFilters = { mapId: null, stageId: null, personaId: null, interviewId: null, tagId: null, sentiments: [], unlinked: false };

/** The filters another screen asked for (the map's evidence lane: a map and a stage). */
export function filtersFromFocus(focus: Focus['quotes']): QuoteFilters {
  if (!focus) return NO_FILTERS;
  return {
    ...NO_FILTERS,
    mapId: focus.mapId ?? null,
    stageId: focus.mapId === undefined ? null : (focus.stageId ?? null),
    personaId: focus.personaId ?? null,
    interviewId: focus.interviewId ?? null,
    tagId: focus.tagId ?? null,
  };
}

export type SearchInput = Omit<OperationInput<'quotes.search'>, 'offset' | 'limit'>;

/** What `quotes.search` is asked, without the window (offset, limit). Blank words search nothing. */
export function searchInput(query: string, f: QuoteFilters): SearchInput {
  const input: SearchInput = {};
  const words = query.trim();
  if (words !== '') input.query = words;
  if (f.mapId !== null) input.mapId = f.mapId;
  if (f.mapId !== null && f.stageId !== null) input.stageId = f.stageId;
  if (f.personaId !== null) input.personaId = f.personaId;
  if (f.interviewId !== null) input.interviewId = f.interviewId;
  if (f.tagId !== null) input.tagId = f.tagId;
  if (f.sentiments.length > 0) input.sentiments = [...f.sentiments].sort((a, b) => a - b);
  if (f.unlinked) input.unlinked = true;
  return input;
}

/** A change of one filter, keeping the others true to each other: a stage belongs to its map; "on no map" excludes a map. */
export function withFilter<K extends keyof QuoteFilters>(f: QuoteFilters, key: K, value: QuoteFilters[K]): QuoteFilters {
  const next = { ...f, [key]: value };
  if (key === 'mapId') {
    next.stageId = null;
    if (value !== null) next.unlinked = false;
  }
  if (key === 'unlinked' && value === true) {
    next.mapId = null;
    next.stageId = null;
  }
  return next;
}

/** Add or take away one sentiment. */
export function toggleSentiment(f: QuoteFilters, sentiment: number): QuoteFilters {
  const has = f.sentiments.includes(sentiment);
  return { ...f, sentiments: has ? f.sentiments.filter((s) => s !== sentiment) : [...f.sentiments, sentiment].sort((a, b) => a - b) };
}

export const hasFilters = (f: QuoteFilters): boolean =>
  f.mapId !== null || f.personaId !== null || f.interviewId !== null || f.tagId !== null || f.sentiments.length > 0 || f.unlinked;
