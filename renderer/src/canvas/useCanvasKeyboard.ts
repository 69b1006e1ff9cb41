/** Keyboard control of the canvas. Everything the pointer does has a key (see ShortcutSheet). */
import { useCallback, useLayoutEffect, useRef } from 'react';
import type { Card } from '../../../electron/api/types.ts';
import * as commands from '../store/commands.ts';
import { cardsByCell, cellKey, ordered } from '../store/mapModel.ts';
import type { MapState, MapStore } from '../store/mapStore.ts';
import { NOTHING, selectedCards, type CellRef, type Selection } from '../store/selection.ts';
import { copiedCards, copyCards } from './clipboard.ts';
import type { EditTarget } from './editTarget.ts';
import { holdsCards, type MapLayout } from './layout.ts';
import type { ViewportApi } from './useViewport.ts';
import { ZOOM_STEP, scrollIntoView } from './viewport.ts';

interface Deps {
  layout: MapLayout;
  view: ViewportApi;
  store: MapStore;
  startEdit: (t: EditTarget) => void;
  confirmDelete: (what: { kind: 'stage' | 'lane'; id: string }) => void;
  spaceHeld: React.RefObject<boolean>;
}

type Dir = 'up' | 'down' | 'left' | 'right';
const DIRS: Record<string, Dir> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };

type Navigable = Pick<MapState, 'stages' | 'lanes' | 'cards' | 'selection'>;

const cellCards = (s: Pick<MapState, 'cards'>, c: CellRef): readonly Card[] => cardsByCell(s.cards).get(cellKey(c.laneId, c.stageId)) ?? [];

function selectionForCell(s: Pick<MapState, 'lanes'>, cell: CellRef): Selection {
  const lane = s.lanes[cell.laneId];
  return lane?.kind === 'emotion' ? { kind: 'emotion', cell } : { kind: 'cell', cell };
}

/** The selection one step away in a direction. */
export function navigate(s: Navigable, dir: Dir): Selection {
  const stages = ordered(s.stages);
  const lanes = ordered(s.lanes);
  const sel = s.selection;
  const step = <T extends { id: string }>(list: readonly T[], id: string, delta: number) => list[Math.max(0, Math.min(list.length - 1, list.findIndex((x) => x.id === id) + delta))];
  if (sel.kind === 'stage' && (dir === 'left' || dir === 'right')) return { kind: 'stage', id: step(stages, sel.id, dir === 'left' ? -1 : 1)?.id ?? sel.id };
  if (sel.kind === 'lane' && (dir === 'up' || dir === 'down')) return { kind: 'lane', id: step(lanes, sel.id, dir === 'up' ? -1 : 1)?.id ?? sel.id };
  let cell: CellRef | null = null;
  let index = -1;
  if (sel.kind === 'cards') {
    const card = s.cards[sel.ids.at(-1) ?? ''];
    if (card) {
      cell = { laneId: card.laneId, stageId: card.stageId };
      index = cellCards(s, cell).findIndex((c) => c.id === card.id);
    }
  } else if (sel.kind === 'cell' || sel.kind === 'emotion') cell = sel.cell;
  else if (sel.kind === 'stage') cell = lanes[0] ? { laneId: lanes[0].id, stageId: sel.id } : null;
  else if (sel.kind === 'lane') cell = stages[0] ? { laneId: sel.id, stageId: stages[0].id } : null;
  else if (stages[0] && lanes[0]) return selectionForCell(s, { laneId: lanes[0].id, stageId: stages[0].id });
  if (!cell) return sel;
  const here = cellCards(s, cell);
  if (dir === 'up' && index > 0) return { kind: 'cards', ids: [here[index - 1]?.id ?? ''] };
  if (dir === 'down' && index >= 0 && index < here.length - 1) return { kind: 'cards', ids: [here[index + 1]?.id ?? ''] };
  if (dir === 'down' && index < 0 && here[0]) return { kind: 'cards', ids: [here[0].id] };
  const next: CellRef =
    dir === 'left' || dir === 'right'
      ? { laneId: cell.laneId, stageId: step(stages, cell.stageId, dir === 'left' ? -1 : 1)?.id ?? cell.stageId }
      : { laneId: step(lanes, cell.laneId, dir === 'up' ? -1 : 1)?.id ?? cell.laneId, stageId: cell.stageId };
  if (next.laneId === cell.laneId && next.stageId === cell.stageId) return sel;
  const there = cellCards(s, next);
  if (index >= 0 && there.length > 0 && (dir === 'left' || dir === 'right')) return { kind: 'cards', ids: [there[Math.min(index, there.length - 1)]?.id ?? ''] };
  if (dir === 'up' && there.length > 0) return { kind: 'cards', ids: [there.at(-1)?.id ?? ''] };
  return selectionForCell(s, next);
}

export function useCanvasKeyboard(deps: Deps) {
  const latest = useRef(deps);
  useLayoutEffect(() => {
    latest.current = deps;
  });

  const onKeyUp = useCallback((e: React.KeyboardEvent) => {
    if (e.key === ' ') latest.current.spaceHeld.current = false;
  }, []);

  const onKeyDown = useCallback((e: React.KeyboardEvent) => {
    const { store, layout, view, startEdit, confirmDelete, spaceHeld } = latest.current;
    const s = store.getState();
    const perform = (build: commands.CommandBuilder) => void s.perform(build);
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key;
    const cards = selectedCards(s.selection);
    const handled = () => e.preventDefault();
    const reveal = (sel: Selection) => {
      s.select(sel);
      const rect =
        sel.kind === 'cards' ? layout.cards.get(sel.ids[0] ?? '') : sel.kind === 'cell' || sel.kind === 'emotion' ? layout.cells.get(cellKey(sel.cell.laneId, sel.cell.stageId)) : undefined;
      if (rect) view.setViewport(scrollIntoView(view.viewport, rect));
    };

    if (key === ' ' && !mod) {
      spaceHeld.current = true;
      return handled();
    }
    if (mod && (key === '=' || key === '+')) return (handled(), view.zoomBy(ZOOM_STEP));
    if (mod && key === '-') return (handled(), view.zoomBy(1 / ZOOM_STEP));
    if (mod && key === '0') return (handled(), view.zoomTo(1));
    if (e.shiftKey && (key === '!' || e.code === 'Digit1') && !mod) return (handled(), view.fit());
    if (key === 'Escape') return (handled(), s.select(NOTHING));

    const dir = DIRS[key];
    if (dir && e.altKey) {
      handled();
      if (cards.length > 0) {
        const first = s.cards[cards[0] ?? ''];
        if (!first) return;
        const cell = { laneId: first.laneId, stageId: first.stageId };
        const here = cellCards(s, cell);
        const index = here.findIndex((c) => c.id === first.id);
        if (dir === 'up' || dir === 'down') perform((m) => commands.moveCards(m, cards, cell.laneId, cell.stageId, Math.max(0, index + (dir === 'up' ? -1 : 1))));
        else {
          const stages = ordered(s.stages);
          const to = stages[stages.findIndex((x) => x.id === cell.stageId) + (dir === 'left' ? -1 : 1)];
          if (to) perform((m) => commands.moveCards(m, cards, cell.laneId, to.id, index));
        }
      } else if (s.selection.kind === 'stage' && (dir === 'left' || dir === 'right')) {
        const id = s.selection.id;
        const at = ordered(s.stages).findIndex((x) => x.id === id) + (dir === 'left' ? -1 : 1);
        if (at >= 0 && at < ordered(s.stages).length) perform((m) => commands.moveStage(m, id, at));
      } else if (s.selection.kind === 'lane' && (dir === 'up' || dir === 'down')) {
        const id = s.selection.id;
        const at = ordered(s.lanes).findIndex((x) => x.id === id) + (dir === 'up' ? -1 : 1);
        if (at >= 0 && at < ordered(s.lanes).length) perform((m) => commands.moveLane(m, id, at));
      }
      return;
    }
    if (dir && s.selection.kind === 'emotion' && (dir === 'up' || dir === 'down')) {
      handled();
      const { laneId, stageId } = s.selection.cell;
      const point = Object.values(s.emotions).find((x) => x.laneId === laneId && x.stageId === stageId && x.personaId === null);
      const next = Math.max(s.map.emotionMin, Math.min(s.map.emotionMax, (point?.score ?? 0) + (point ? (dir === 'up' ? 1 : -1) : 0)));
      if (next !== point?.score) perform((m) => commands.setEmotion(m, laneId, stageId, next));
      return;
    }
    if (dir && !mod) return (handled(), reveal(navigate(s, dir)));

    if (key === 'Enter' && !mod) {
      handled();
      const sel = s.selection;
      if (sel.kind === 'cell' && holdsCards(s.lanes[sel.cell.laneId]?.kind ?? 'emotion')) startEdit({ kind: 'new-card', ...sel.cell });
      else if (sel.kind === 'cards' && cards.length === 1) startEdit({ kind: 'card', id: cards[0] ?? '' });
      else if (sel.kind === 'stage') startEdit({ kind: 'stage', id: sel.id });
      else if (sel.kind === 'lane') startEdit({ kind: 'lane', id: sel.id });
      else if (sel.kind === 'emotion') startEdit({ kind: 'emotion-label', ...sel.cell });
      return;
    }
    if ((key === 'Delete' || key === 'Backspace') && !mod) {
      handled();
      const sel = s.selection;
      if (cards.length > 0) {
        const first = s.cards[cards[0] ?? ''];
        void s.perform(commands.deleteCards(s, cards)).then((ok) => {
          if (ok && first) store.getState().select({ kind: 'cell', cell: { laneId: first.laneId, stageId: first.stageId } });
        });
      }
      else if (sel.kind === 'stage' || sel.kind === 'lane') confirmDelete({ kind: sel.kind, id: sel.id });
      else if (sel.kind === 'emotion') perform((m) => commands.setEmotion(m, sel.cell.laneId, sel.cell.stageId, null));
      return;
    }
    if (mod && !e.altKey) {
      const k = key.toLowerCase();
      const chosen = cards.map((id) => s.cards[id]).filter((c): c is Card => c !== undefined);
      if (k === 'a') {
        handled();
        const all = Object.keys(s.cards);
        s.select(all.length > 0 ? { kind: 'cards', ids: all } : NOTHING);
      } else if ((k === 'c' || k === 'x') && chosen.length > 0) {
        handled();
        copyCards(chosen);
        if (k === 'x') perform((m) => commands.deleteCards(m, cards));
      } else if (k === 'v' && copiedCards().length > 0) {
        handled();
        const sel = s.selection;
        const anchor = chosen.at(-1);
        const cell = sel.kind === 'cell' ? sel.cell : anchor ? { laneId: anchor.laneId, stageId: anchor.stageId } : null;
        if (!cell || !holdsCards(s.lanes[cell.laneId]?.kind ?? 'emotion')) return;
        const index = anchor ? cellCards(s, cell).findIndex((c) => c.id === anchor.id) + 1 : undefined;
        const cmd = commands.pasteCards(s, copiedCards(), cell.laneId, cell.stageId, index);
        void s.perform(cmd).then((ok) => ok && store.getState().select({ kind: 'cards', ids: cmd.ids }));
      } else if (k === 'd' && chosen.length > 0) {
        handled();
        const last = chosen.at(-1);
        if (!last) return;
        const index = cellCards(s, { laneId: last.laneId, stageId: last.stageId }).findIndex((c) => c.id === last.id) + 1;
        const cmd = commands.pasteCards(s, chosen, last.laneId, last.stageId, index, 'Duplicate');
        void s.perform(cmd).then((ok) => ok && store.getState().select({ kind: 'cards', ids: cmd.ids }));
      }
    }
  }, []);

  return { onKeyDown, onKeyUp };
}
