/**
 * The quote board: every quote of the workspace in one virtualized list, found by words (full-text, ranked,
 * as you type) and filters; select many to link them to a stage or tag them; open one in its transcript;
 * manage the tags. Stays current with changes committed anywhere.
 */
import { useCallback, useEffect, useState } from 'react';
import { RESEARCH_LIMITS } from '../../../../electron/api/research.ts';
import type { QuoteHit } from '../../../../electron/api/types.ts';
import { useAppStore } from '../../store/AppStoreContext.tsx';
import { useUiStore } from '../../store/uiStore.ts';
import { BulkBar } from './BulkBar.tsx';
import { FilterBar } from './FilterBar.tsx';
import { filtersFromFocus, hasFilters, searchInput, withFilter, type QuoteFilters } from './filters.ts';
import { LinkDialog } from './LinkDialog.tsx';
import { QuoteList } from './QuoteList.tsx';
import { EMPTY_SELECTION, keepExisting, pick, rangeBetween, type ListSelection, type Modifier } from './selection.ts';
import { TagDialog } from './TagDialog.tsx';
import { TagsPanel } from './TagsPanel.tsx';
import { useBoardNames } from './useBoardNames.ts';
import { useQuoteWindow } from './useQuoteWindow.ts';
import { countOf, rankedOnly } from './words.ts';
import { ImportQuotesButton } from '../imports/ImportButtons.tsx';

/** Typing pauses this long (ms) before the search runs. */
const TYPING_MS = 150;

export function QuoteBoard() {
  const focus = useUiStore((s) => s.focus.quotes);
  const show = useUiStore((s) => s.show);
  const [seenFocus, setSeenFocus] = useState(focus);
  const [filters, setFilters] = useState<QuoteFilters>(() => filtersFromFocus(focus));
  if (focus !== seenFocus) {
    // Sent here again from another screen (the map's evidence lane) while the board is open.
    setSeenFocus(focus);
    if (focus) setFilters(filtersFromFocus(focus));
  }
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(typed), TYPING_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  const input = searchInput(query, filters);
  const searchKey = JSON.stringify(input);
  const win = useQuoteWindow(input);
  const names = useBoardNames();
  const [selection, setSelection] = useState<ListSelection>(EMPTY_SELECTION);
  const [active, setActive] = useState(-1);
  const [seenKey, setSeenKey] = useState(searchKey);
  if (seenKey !== searchKey) {
    setSeenKey(searchKey);
    setSelection(EMPTY_SELECTION);
    setActive(-1);
  }
  // Quotes deleted anywhere leave the selection.
  const events = useAppStore((s) => s.events);
  useEffect(
    () =>
      events((e) => {
        if (e.type !== 'changes' || e.changes.deleted.quotes.length === 0) return;
        const gone = new Set(e.changes.deleted.quotes);
        setSelection((s) => keepExisting(s, (id) => !gone.has(id)));
      }),
    [events],
  );
  const [dialog, setDialog] = useState<'link' | 'tag' | null>(null);
  const [tagsOpen, setTagsOpen] = useState(false);
  const [said, setSaid] = useState('');

  const { rowAt, idsBetween, total } = win;
  const onPick = useCallback(
    (index: number, modifier: Modifier) => {
      if (modifier !== 'range') {
        const hit = rowAt(index);
        if (hit) setSelection((s) => pick(s, index, hit.quote.id, modifier));
        return;
      }
      const { from, to } = rangeBetween(selection.anchor, index);
      if (to - from + 1 > RESEARCH_LIMITS.bulk) {
        setSaid(`A selection can hold at most ${countOf(RESEARCH_LIMITS.bulk, 'quote')}; narrow the search or pick fewer.`);
        return;
      }
      void idsBetween(from, to).then((ids) => setSelection((s) => pick(s, index, '', 'range', ids)));
    },
    [rowAt, idsBetween, selection.anchor],
  );
  const onSelectAll = () => {
    if (total === null || total === 0) return;
    if (total > RESEARCH_LIMITS.bulk) {
      setSaid(`${countOf(total, 'quote')} found: a selection can hold at most ${RESEARCH_LIMITS.bulk.toLocaleString('en-US')}; narrow the search first.`);
      return;
    }
    void idsBetween(0, total - 1).then((ids) => setSelection({ ids: new Set(ids), anchor: 0 }));
  };
  // A row double-clicked opens the quote it shows, even while its page is being fetched again (then rowAt has none).
  const open = (index: number, shown?: QuoteHit) => {
    const hit = shown ?? rowAt(index);
    if (hit) show('interviews', { interview: { id: hit.quote.interviewId, quoteId: hit.quote.id } });
  };
  const done = (message: string) => {
    setDialog(null);
    setSaid(message);
  };

  const activeHit = active >= 0 ? rowAt(active) : undefined;
  const quoteIds = [...selection.ids];
  const counted =
    total === null
      ? 'Searching…'
      : total === 0 && win.error === null
        ? win.unsearchable === 'only-excluded'
          ? 'Add a word to look for: words after “-” are only left out of what the others find.'
          : win.unsearchable === 'no-words'
            ? 'Nothing to search for: type a word or a number.'
            : query.trim() !== '' || hasFilters(filters)
              ? 'No quotes match.'
              : 'No quotes yet.'
        : // Words that match too many quotes to rank all (a first letter typed) rank the newest of them: say so.
          `${countOf(total, 'quote')}${rankedOnly(total, win)}`;

  return (
    <section className="quote-board" aria-labelledby="quotes-title">
      <div className="quote-board-main">
        <div className="quote-board-head">
          <h1 id="quotes-title">Quotes</h1>
          <input
            type="search"
            className="quote-search"
            aria-label="Search quotes"
            placeholder='Search: words, "a phrase", this OR that, -not'
            maxLength={RESEARCH_LIMITS.search}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
          <p role="status" className="quote-count">
            {counted}
          </p>
          <button type="button" aria-expanded={tagsOpen} aria-controls="quote-tags-panel" onClick={() => setTagsOpen((o) => !o)}>
            Tags
          </button>
          <ImportQuotesButton />
        </div>
        {win.error !== null && (
          <p role="alert" className="quote-search-error">
            {win.error}
          </p>
        )}
        <FilterBar filters={filters} names={names} onChange={setFilters} />
        <BulkBar
          count={selection.ids.size}
          active={activeHit}
          said={said}
          onLink={() => setDialog('link')}
          onTag={() => setDialog('tag')}
          onClear={() => setSelection(EMPTY_SELECTION)}
          onOpen={() => open(active)}
        />
        <QuoteList
          win={win}
          names={names}
          selection={selection}
          active={active}
          searchKey={searchKey}
          onActive={setActive}
          onPick={onPick}
          onSelectAll={onSelectAll}
          onClear={() => setSelection(EMPTY_SELECTION)}
          onOpen={open}
        />
      </div>
      {tagsOpen && (
        <div id="quote-tags-panel" className="quote-board-side">
          <TagsPanel tags={names.tags} onFilter={(tagId) => setFilters((f) => withFilter(f, 'tagId', tagId))} onClose={() => setTagsOpen(false)} />
        </div>
      )}
      {dialog === 'link' && <LinkDialog quoteIds={quoteIds} names={names} start={filters} onDone={done} onCancel={() => setDialog(null)} />}
      {dialog === 'tag' && <TagDialog quoteIds={quoteIds} tags={names.tags} onDone={done} onCancel={() => setDialog(null)} />}
    </section>
  );
}
