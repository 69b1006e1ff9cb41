/**
 * The Interviews screen: the list on the left (search, filters, new interview), the open interview on the
 * right (its fields, notes or transcript, quotes). Opens on the interview (and quote) another screen asked
 * for through the window's focus; deletes can be undone from the status line.
 */
import { useCallback, useState } from 'react';
import type { ChangeSet } from '../../../../electron/api/types.ts';
import { useAppStore } from '../../store/AppStoreContext.tsx';
import { useUiStore } from '../../store/uiStore.ts';
import { UndoNotice } from '../common/UndoNotice.tsx';
import { touches, useLiveQuery } from '../common/useLiveQuery.ts';
import { usePersonas } from '../common/useResearchLists.ts';
import { useRun } from '../common/useRun.ts';
import { InterviewDetail } from './InterviewDetail.tsx';
import { InterviewList, NO_FILTERS, type InterviewFilters } from './InterviewList.tsx';
import type { Undoable } from './QuoteItem.tsx';

const listConcerns = (c: ChangeSet): boolean => touches(c, ['interviews', 'quotes', 'personas']);

export function InterviewsScreen() {
  const call = useAppStore((s) => s.call);
  const run = useRun();
  const focus = useUiStore((s) => s.focus.interview);
  const personas = usePersonas();
  const [filters, setFilters] = useState<InterviewFilters>(NO_FILTERS);
  const [selectedId, setSelectedId] = useState<string | null>(focus?.id ?? null);
  const [focusQuoteId, setFocusQuoteId] = useState<string | null>(focus?.quoteId ?? null);
  const [notice, setNotice] = useState<(Undoable & { interviewId?: string }) | null>(null);

  // Another screen asked for an interview (and a quote in it): open it, even when it is not in the list.
  const [seenFocus, setSeenFocus] = useState(focus);
  const [focusKey, setFocusKey] = useState(0);
  if (seenFocus !== focus) {
    setSeenFocus(focus);
    if (focus) {
      setSelectedId(focus.id);
      setFocusQuoteId(focus.quoteId ?? null);
      setFocusKey((n) => n + 1);
    }
  }

  const load = useCallback(
    () =>
      call('interviews.list', {
        ...(filters.query.trim() !== '' ? { query: filters.query } : {}),
        ...(filters.personaId ? { personaId: filters.personaId } : {}),
        ...(filters.method ? { method: filters.method } : {}),
        ...(filters.from ? { from: filters.from } : {}),
        ...(filters.to ? { to: filters.to } : {}),
      }),
    [call, filters],
  );
  const { data: list, error, reload } = useLiveQuery(load, listConcerns);
  // With nothing chosen, the newest interview is open.
  const openId = selectedId ?? list?.[0]?.interview.id ?? null;

  const onGone = useCallback(() => {
    setSelectedId(null);
    void reload();
  }, [reload]);

  const undo = async () => {
    if (!notice) return;
    const { tombstone, interviewId } = notice;
    setNotice(null);
    const done = await run(() => call('tombstones.restore', { id: tombstone }));
    if (done && interviewId) setSelectedId(interviewId);
    void reload();
  };

  return (
    <section className="research-screen interviews-screen" aria-label="Interviews">
      <InterviewList
        filters={filters}
        onFilters={setFilters}
        list={list}
        error={error}
        personas={personas}
        selectedId={openId}
        onSelect={(id) => {
          setSelectedId(id);
          setFocusQuoteId(null);
        }}
      />
      {openId ? (
        <InterviewDetail key={openId} id={openId} personas={personas} focusQuoteId={focusQuoteId} focusKey={focusKey} onUndoable={setNotice} onGone={onGone} />
      ) : (
        <div className="interview-detail">
          <p className="empty">{list && list.length > 0 ? 'Choose an interview from the list.' : 'Add an interview, then type notes or import a transcript.'}</p>
        </div>
      )}
      <UndoNotice notice={notice} onUndo={() => void undo()} onDismiss={() => setNotice(null)} />
    </section>
  );
}
