/**
 * The board's list, virtualized: a list box as tall as all the quotes found (total × row height), drawing
 * only the rows in view (and a few either side), fetched page by page as they come into view. Keys: arrows,
 * Page Up/Down, Home/End move; Space selects (Ctrl+Space adds, Shift extends); Ctrl+A selects all found;
 * Enter opens the quote in its transcript; Escape clears the selection.
 */
import type { QuoteHit } from '../../../../electron/api/types.ts';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { visibleRange } from './pageCache.ts';
import { QuoteRow, ROW_HEIGHT, rowId } from './QuoteRow.tsx';
import { moveActive, type ListSelection, type Modifier } from './selection.ts';
import type { BoardNames } from './useBoardNames.ts';
import type { QuoteWindow } from './useQuoteWindow.ts';

interface QuoteListProps {
  win: QuoteWindow;
  names: BoardNames;
  selection: ListSelection;
  active: number;
  /** Changes when the search changes: the list goes back to the top. */
  searchKey: string;
  onActive: (index: number) => void;
  onPick: (index: number, modifier: Modifier) => void;
  onSelectAll: () => void;
  onClear: () => void;
  onOpen: (index: number, hit?: QuoteHit) => void;
}

export function QuoteList({ win, names, selection, active, searchKey, onActive, onPick, onSelectAll, onClear, onOpen }: QuoteListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  const total = win.total ?? 0;
  const range = visibleRange(view.top, view.height, ROW_HEIGHT, total);
  const { show, rowAt, version } = win;
  const { need } = names;

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setView({ top: el.scrollTop, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = 0;
  }, [searchKey]);

  useEffect(() => show(range.first, range.last), [show, range.first, range.last, total]);

  const rows = useMemo(() => {
    const out = [];
    for (let i = range.first; i <= range.last; i++) out.push({ index: i, hit: rowAt(i) });
    return out;
    // `version` changes whenever a page arrives: the rows are read again then
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [range.first, range.last, rowAt, version]);

  // The places of the rows in view are named by their stages: fetch the stages of their maps.
  const mapIds = [...new Set(rows.flatMap((r) => r.hit?.links.map((l) => l.mapId) ?? []))].sort().join(' ');
  useEffect(() => {
    if (mapIds !== '') need(mapIds.split(' '));
  }, [mapIds, need]);

  const reveal = (index: number) => {
    const el = ref.current;
    if (!el) return;
    const top = index * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const ctrl = e.ctrlKey || e.metaKey;
    const next = moveActive(e.key, active, total, Math.floor(view.height / ROW_HEIGHT));
    if (next !== null) {
      e.preventDefault();
      onActive(next);
      reveal(next);
      if (e.shiftKey) onPick(next, 'range');
      return;
    }
    if (e.key === ' ' && active >= 0) {
      e.preventDefault();
      onPick(active, e.shiftKey ? 'range' : 'toggle');
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      onOpen(active);
    } else if (ctrl && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      onSelectAll();
    } else if (e.key === 'Escape' && selection.ids.size > 0) {
      e.preventDefault();
      onClear();
    }
  };

  const onPointer = (index: number, e: React.MouseEvent) => {
    onActive(index);
    onPick(index, e.shiftKey ? 'range' : e.ctrlKey || e.metaKey ? 'toggle' : 'none');
    ref.current?.focus();
  };

  return (
    <div
      ref={ref}
      className="quote-list"
      role="listbox"
      aria-label="Quotes found"
      aria-multiselectable="true"
      aria-activedescendant={active >= range.first && active <= range.last ? rowId(active) : undefined}
      tabIndex={0}
      onScroll={(e) => setView({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
      onKeyDown={onKeyDown}
      onFocus={() => {
        if (active < 0 && total > 0) onActive(Math.max(0, range.first));
      }}
    >
      <div className="quote-list-space" style={{ height: total * ROW_HEIGHT }}>
        {rows.map(({ index, hit }) => (
          <QuoteRow
            key={index}
            index={index}
            total={total}
            hit={hit}
            selected={hit !== undefined && selection.ids.has(hit.quote.id)}
            active={index === active}
            names={names}
            onPointer={onPointer}
            onOpen={onOpen}
          />
        ))}
      </div>
    </div>
  );
}
