/**
 * The one table of actions (after Excalidraw's action manager): every action a person can take is declared
 * here once — its name, label, key bindings, where it applies and what it does. The canvas's and the window's
 * key handlers, the toolbar, the inspector's buttons, the context menu and the shortcut sheet all read it, so
 * a shortcut cannot be documented one way and bound another. Order matters where bindings overlap: the first
 * action whose binding matches and that applies wins (↑ on an emotion point raises it before ↑ moves on).
 */
import type { Card } from '../../../electron/api/types.ts';
import { copiedCards, copyCards } from '../canvas/clipboard.ts';
import { holdsCards } from '../canvas/layout.ts';
import { CARD_FILL } from '../canvas/palette.ts';
import { MAX_SCALE, ZOOM_STEP, scrollIntoView } from '../canvas/viewport.ts';
import { SWATCHES } from '../inspector/swatches.ts';
import * as commands from '../store/commands.ts';
import { editedCurve } from '../store/curveChoice.ts';
import { cellCards as cardsOfCell, cellKey, emotionAt, ordered } from '../store/mapModel.ts';
import type { MapState } from '../store/mapStore.ts';
import { NOTHING, selectedCards, type CellRef, type Selection } from '../store/selection.ts';
import type { Action, CanvasAction, CanvasContext, EditorAction, WindowAction } from './types.ts';


/**
 * Whether zooming in has anywhere to go: below the largest zoom (a zoom a millionth short of it counts as there).
 * The toolbar's + is off otherwise. Not the action's `when`: its keys still apply there (doing nothing), so the
 * browser does not take Ctrl+= / Ctrl+- to zoom the whole page instead.
 */
export const canZoomIn = (scale: number): boolean => scale < MAX_SCALE * (1 - 1e-6);
/** Whether zooming out has anywhere to go: above the smallest zoom, where the whole map fits (`minZoom`); as canZoomIn. */
export const canZoomOut = (scale: number, minZoom: number): boolean => scale > minZoom * (1 + 1e-6);

const plural = (n: number, one: string) => (n === 1 ? `1 ${one}` : `${n} ${one}s`);
const cellCards = (s: Pick<MapState, 'cardCells'>, c: CellRef): readonly Card[] => cardsOfCell(s, c.laneId, c.stageId);
const state = (ctx: CanvasContext): MapState => ctx.store.getState();
const sel = (ctx: CanvasContext): Selection => state(ctx).selection;
const chosenCards = (ctx: CanvasContext): Card[] => {
  const s = state(ctx);
  return selectedCards(s.selection)
    .map((id) => s.cards.get(id))
    .filter((c): c is Card => c !== undefined);
};
/** The cell the selection is in: the selected cell, or the cell of the (last) selected card. */
const selectedCell = (ctx: CanvasContext): CellRef | null => {
  const s = sel(ctx);
  if (s.kind === 'cell' || s.kind === 'emotion') return s.cell;
  const last = chosenCards(ctx).at(-1);
  return last ? { laneId: last.laneId, stageId: last.stageId } : null;
};
const cellHoldsCards = (ctx: CanvasContext, cell: CellRef | null): cell is CellRef => {
  const lane = cell ? state(ctx).lanes[cell.laneId] : undefined;
  return lane !== undefined && holdsCards(lane.kind) && !lane.collapsed;
};
/** The stage / lane the selection is in, and its index in the order. */
const stageIndex = (ctx: CanvasContext): number => {
  const s = sel(ctx);
  const id = s.kind === 'stage' ? s.id : selectedCell(ctx)?.stageId;
  return ordered(state(ctx).stages).findIndex((x) => x.id === id);
};
const laneIndex = (ctx: CanvasContext): number => {
  const s = sel(ctx);
  const id = s.kind === 'lane' ? s.id : selectedCell(ctx)?.laneId;
  return ordered(state(ctx).lanes).findIndex((x) => x.id === id);
};
const perform = (ctx: CanvasContext, build: commands.CommandBuilder) => void state(ctx).perform(build);

type Dir = 'up' | 'down' | 'left' | 'right';
const DIRECTION: Record<string, Dir> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };
const dirOf = (binding: string | undefined): Dir | undefined => DIRECTION[binding?.split('+').at(-1) ?? ''];

function selectionForCell(s: Pick<MapState, 'lanes'>, cell: CellRef): Selection {
  return s.lanes[cell.laneId]?.kind === 'emotion' ? { kind: 'emotion', cell } : { kind: 'cell', cell };
}

/** The selection one step away in a direction. */
export function navigate(s: Pick<MapState, 'stages' | 'lanes' | 'cards' | 'cardCells' | 'selection'>, dir: Dir): Selection {
  const stages = ordered(s.stages);
  const lanes = ordered(s.lanes);
  const current = s.selection;
  const step = <T extends { id: string }>(list: readonly T[], id: string, delta: number) => list[Math.max(0, Math.min(list.length - 1, list.findIndex((x) => x.id === id) + delta))];
  if (current.kind === 'stage' && (dir === 'left' || dir === 'right')) return { kind: 'stage', id: step(stages, current.id, dir === 'left' ? -1 : 1)?.id ?? current.id };
  if (current.kind === 'lane' && (dir === 'up' || dir === 'down')) return { kind: 'lane', id: step(lanes, current.id, dir === 'up' ? -1 : 1)?.id ?? current.id };
  let cell: CellRef | null = null;
  let index = -1;
  if (current.kind === 'cards') {
    const card = s.cards.get(current.ids.at(-1) ?? '');
    if (card) {
      cell = { laneId: card.laneId, stageId: card.stageId };
      index = cellCards(s, cell).findIndex((c) => c.id === card.id);
    }
  } else if (current.kind === 'cell' || current.kind === 'emotion') cell = current.cell;
  else if (current.kind === 'stage') cell = lanes[0] ? { laneId: lanes[0].id, stageId: current.id } : null;
  else if (current.kind === 'lane') cell = stages[0] ? { laneId: current.id, stageId: stages[0].id } : null;
  else if (stages[0] && lanes[0]) return selectionForCell(s, { laneId: lanes[0].id, stageId: stages[0].id });
  if (!cell) return current;
  const here = cellCards(s, cell);
  if (dir === 'up' && index > 0) return { kind: 'cards', ids: [here[index - 1]?.id ?? ''] };
  if (dir === 'down' && index >= 0 && index < here.length - 1) return { kind: 'cards', ids: [here[index + 1]?.id ?? ''] };
  if (dir === 'down' && index < 0 && here[0]) return { kind: 'cards', ids: [here[0].id] };
  const next: CellRef =
    dir === 'left' || dir === 'right'
      ? { laneId: cell.laneId, stageId: step(stages, cell.stageId, dir === 'left' ? -1 : 1)?.id ?? cell.stageId }
      : { laneId: step(lanes, cell.laneId, dir === 'up' ? -1 : 1)?.id ?? cell.laneId, stageId: cell.stageId };
  if (next.laneId === cell.laneId && next.stageId === cell.stageId) return current;
  const there = cellCards(s, next);
  if (index >= 0 && there.length > 0 && (dir === 'left' || dir === 'right')) return { kind: 'cards', ids: [there[Math.min(index, there.length - 1)]?.id ?? ''] };
  if (dir === 'up' && there.length > 0) return { kind: 'cards', ids: [there.at(-1)?.id ?? ''] };
  return selectionForCell(s, next);
}

/** Select and scroll just enough to show it. */
function reveal(ctx: CanvasContext, next: Selection): void {
  state(ctx).select(next);
  const { layout, view } = ctx;
  const rect =
    next.kind === 'cards' ? layout.cards.get(next.ids[0] ?? '') : next.kind === 'cell' || next.kind === 'emotion' ? layout.cells.get(cellKey(next.cell.laneId, next.cell.stageId)) : undefined;
  if (rect) view.setViewport(scrollIntoView(view.viewport, rect));
}

/** Paste the copied cards into the selected cell, or after the (last) selected card. */
function paste(ctx: CanvasContext): void {
  const s = state(ctx);
  const anchor = chosenCards(ctx).at(-1);
  const cell = selectedCell(ctx);
  if (!cellHoldsCards(ctx, cell)) return;
  const index = anchor ? cellCards(s, cell).findIndex((c) => c.id === anchor.id) + 1 : undefined;
  const cmd = commands.pasteCards(s, copiedCards(), cell.laneId, cell.stageId, index);
  void s.perform(cmd).then((ok) => ok && ctx.store.getState().select({ kind: 'cards', ids: cmd.ids }));
}

const CANVAS: CanvasAction[] = [
  // Capture
  {
    scope: 'canvas',
    name: 'text.edit',
    label: (ctx) => (sel(ctx).kind === 'stage' ? 'Rename stage' : sel(ctx).kind === 'lane' ? 'Rename lane' : sel(ctx).kind === 'emotion' ? 'Edit label' : 'Edit text'),
    describe: 'Edit a card, rename a stage or lane, label an emotion point',
    group: 'Capture',
    keys: ['Enter', 'F2'],
    pointer: 'Double-click it',
    menu: ['card', 'stage', 'lane', 'emotion'],
    when: (ctx) => {
      const s = sel(ctx);
      return s.kind === 'stage' || s.kind === 'lane' || s.kind === 'emotion' || (s.kind === 'cards' && s.ids.length === 1);
    },
    run: (ctx) => {
      const s = sel(ctx);
      if (s.kind === 'cards' && s.ids[0]) ctx.startEdit({ kind: 'card', id: s.ids[0] });
      else if (s.kind === 'stage') ctx.startEdit({ kind: 'stage', id: s.id });
      else if (s.kind === 'lane') ctx.startEdit({ kind: 'lane', id: s.id });
      else if (s.kind === 'emotion') ctx.startEdit({ kind: 'emotion-label', ...s.cell });
    },
  },
  {
    scope: 'canvas',
    name: 'card.add',
    label: 'Add card here',
    describe: 'Add a card',
    group: 'Capture',
    keys: ['Enter'],
    pointer: 'Double-click an empty part of a cell',
    menu: ['cell', 'card'],
    when: (ctx) => (sel(ctx).kind === 'cell' || (sel(ctx).kind === 'cards' && chosenCards(ctx).length === 1)) && cellHoldsCards(ctx, selectedCell(ctx)),
    // Enter on a card edits it (the action before); "Add card here" from a card's menu adds one to its cell.
    run: (ctx) => {
      const cell = selectedCell(ctx);
      if (cell) ctx.startEdit({ kind: 'new-card', ...cell });
    },
  },
  {
    scope: 'canvas',
    name: 'stage.add',
    desktop: { menu: 'Map', label: 'Add Stage' },
    label: '+ Stage',
    describe: 'Add a stage at the end, and name it',
    group: 'Capture',
    run: (ctx) => ctx.draft('stage'),
  },
  {
    scope: 'canvas',
    name: 'stage.insertBefore',
    label: 'Insert stage before',
    group: 'Capture',
    menu: ['stage', 'cell', 'card'],
    when: (ctx) => stageIndex(ctx) >= 0,
    run: (ctx) => ctx.draft('stage', stageIndex(ctx)),
  },
  {
    scope: 'canvas',
    name: 'stage.insertAfter',
    label: 'Insert stage after',
    group: 'Capture',
    menu: ['stage', 'cell', 'card'],
    when: (ctx) => stageIndex(ctx) >= 0,
    run: (ctx) => ctx.draft('stage', stageIndex(ctx) + 1),
  },
  {
    scope: 'canvas',
    name: 'lane.add',
    desktop: { menu: 'Map', label: 'Add Lane' },
    label: '+ Lane',
    describe: 'Add a lane at the bottom, and name it',
    group: 'Capture',
    run: (ctx) => ctx.draft('lane'),
  },
  {
    scope: 'canvas',
    name: 'lane.insertAbove',
    label: 'Insert lane above',
    group: 'Capture',
    menu: ['lane', 'cell', 'card'],
    when: (ctx) => laneIndex(ctx) >= 0,
    run: (ctx) => ctx.draft('lane', laneIndex(ctx)),
  },
  {
    scope: 'canvas',
    name: 'lane.insertBelow',
    label: 'Insert lane below',
    group: 'Capture',
    menu: ['lane', 'cell', 'card'],
    when: (ctx) => laneIndex(ctx) >= 0,
    run: (ctx) => ctx.draft('lane', laneIndex(ctx) + 1),
  },
  // Select and move. ↑/↓ on an emotion point changes its score before they move the selection.
  {
    scope: 'canvas',
    name: 'emotion.step',
    label: 'Raise or lower the emotion score',
    group: 'Select and move',
    keys: ['ArrowUp', 'ArrowDown'],
    when: (ctx) => sel(ctx).kind === 'emotion',
    run: (ctx, binding) => {
      const s = sel(ctx);
      if (s.kind !== 'emotion') return;
      const { laneId, stageId } = s.cell;
      const { map, emotions } = state(ctx);
      const curve = editedCurve(state(ctx));
      const point = emotionAt(emotions, laneId, stageId, curve);
      const up = dirOf(binding) === 'up';
      const next = Math.max(map.emotionMin, Math.min(map.emotionMax, (point?.score ?? 0) + (point ? (up ? 1 : -1) : 0)));
      if (next !== point?.score) perform(ctx, (m) => commands.setEmotion(m, laneId, stageId, next, undefined, curve));
    },
  },
  {
    scope: 'canvas',
    name: 'selection.move',
    label: 'Move between cells and cards',
    group: 'Select and move',
    keys: ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'],
    run: (ctx, binding) => {
      const dir = dirOf(binding);
      if (dir) reveal(ctx, navigate(state(ctx), dir));
    },
  },
  {
    scope: 'canvas',
    name: 'selection.shift',
    label: 'Move the selected cards, stage or lane',
    group: 'Select and move',
    keys: ['Alt+ArrowUp', 'Alt+ArrowDown', 'Alt+ArrowLeft', 'Alt+ArrowRight'],
    pointer: 'Drag it',
    run: (ctx, binding) => {
      const dir = dirOf(binding);
      const s = state(ctx);
      const ids = selectedCards(s.selection);
      if (!dir) return;
      if (ids.length > 0) {
        const first = s.cards.get(ids[0] ?? '');
        if (!first) return;
        const cell = { laneId: first.laneId, stageId: first.stageId };
        const index = cellCards(s, cell).findIndex((c) => c.id === first.id);
        if (dir === 'up' || dir === 'down') perform(ctx, (m) => commands.moveCards(m, ids, cell.laneId, cell.stageId, Math.max(0, index + (dir === 'up' ? -1 : 1))));
        else {
          const stages = ordered(s.stages);
          const to = stages[stages.findIndex((x) => x.id === cell.stageId) + (dir === 'left' ? -1 : 1)];
          if (to) perform(ctx, (m) => commands.moveCards(m, ids, cell.laneId, to.id, index));
        }
      } else if (s.selection.kind === 'stage' && (dir === 'left' || dir === 'right')) {
        const id = s.selection.id;
        const at = ordered(s.stages).findIndex((x) => x.id === id) + (dir === 'left' ? -1 : 1);
        if (at >= 0 && at < ordered(s.stages).length) perform(ctx, (m) => commands.moveStage(m, id, at));
      } else if (s.selection.kind === 'lane' && (dir === 'up' || dir === 'down')) {
        const id = s.selection.id;
        const at = ordered(s.lanes).findIndex((x) => x.id === id) + (dir === 'up' ? -1 : 1);
        if (at >= 0 && at < ordered(s.lanes).length) perform(ctx, (m) => commands.moveLane(m, id, at));
      }
    },
  },
  {
    scope: 'canvas',
    name: 'selection.all',
    desktop: { menu: 'Map', label: 'Select All Cards' },
    label: 'Select all cards',
    group: 'Select and move',
    keys: ['Mod+A'],
    run: (ctx) => {
      // In map order (lane by lane, stage by stage, each cell top to bottom), as copy, duplicate and the keys expect.
      const s = state(ctx);
      const stages = ordered(s.stages);
      const all = ordered(s.lanes).flatMap((lane) => stages.flatMap((stage) => cardsOfCell(s, lane.id, stage.id).map((c) => c.id)));
      state(ctx).select(all.length > 0 ? { kind: 'cards', ids: all } : NOTHING);
    },
  },
  {
    scope: 'canvas',
    name: 'selection.clear',
    label: 'Clear the selection',
    group: 'Select and move',
    keys: ['Escape'],
    pointer: 'Click an empty place',
    run: (ctx) => state(ctx).select(NOTHING),
  },
  {
    scope: 'canvas',
    name: 'menu.open',
    label: 'Open the context menu',
    group: 'Select and move',
    keys: ['ContextMenu', 'Shift+F10'],
    pointer: 'Right-click',
    when: (ctx) => sel(ctx).kind !== 'none',
    run: (ctx) => ctx.openMenu(),
  },
  // Clipboard and history
  {
    scope: 'canvas',
    name: 'card.copy',
    label: 'Copy',
    describe: 'Copy cards (also to other maps and programs)',
    group: 'Clipboard and history',
    keys: ['Mod+C'],
    menu: ['card'],
    when: (ctx) => chosenCards(ctx).length > 0,
    run: (ctx) => copyCards(chosenCards(ctx)),
  },
  {
    scope: 'canvas',
    name: 'card.cut',
    label: 'Cut',
    describe: 'Cut cards',
    group: 'Clipboard and history',
    keys: ['Mod+X'],
    menu: ['card'],
    when: (ctx) => chosenCards(ctx).length > 0,
    run: (ctx) => {
      const cards = chosenCards(ctx);
      copyCards(cards);
      perform(ctx, (m) => commands.deleteCards(m, cards.map((c) => c.id)));
    },
  },
  {
    scope: 'canvas',
    name: 'card.paste',
    label: 'Paste',
    describe: 'Paste cards into the selected cell, or after the selected card',
    group: 'Clipboard and history',
    keys: ['Mod+V'],
    menu: ['card', 'cell'],
    when: (ctx) => copiedCards().length > 0 && cellHoldsCards(ctx, selectedCell(ctx)),
    run: (ctx) => paste(ctx),
  },
  {
    scope: 'canvas',
    name: 'card.duplicate',
    desktop: { menu: 'Map', label: 'Duplicate Cards' },
    label: 'Duplicate',
    describe: 'Duplicate cards',
    group: 'Clipboard and history',
    keys: ['Mod+D'],
    menu: ['card'],
    when: (ctx) => chosenCards(ctx).length > 0,
    run: (ctx) => {
      const s = state(ctx);
      const chosen = chosenCards(ctx);
      const last = chosen.at(-1);
      if (!last) return;
      const index = cellCards(s, { laneId: last.laneId, stageId: last.stageId }).findIndex((c) => c.id === last.id) + 1;
      const cmd = commands.pasteCards(s, chosen, last.laneId, last.stageId, index, 'Duplicate');
      void s.perform(cmd).then((ok) => ok && ctx.store.getState().select({ kind: 'cards', ids: cmd.ids }));
    },
  },
  {
    scope: 'canvas',
    name: 'card.colour',
    label: 'Colour',
    group: 'Clipboard and history',
    menu: ['card'],
    when: (ctx) => chosenCards(ctx).length > 0,
    options: (ctx) => {
      const cards = chosenCards(ctx);
      const colours = new Set(cards.map((c) => c.color));
      const laneFill = CARD_FILL[state(ctx).lanes[cards[0]?.laneId ?? '']?.kind ?? 'text'];
      return SWATCHES.map((s) => ({ label: s.name, value: s.value, checked: colours.size === 1 && colours.has(s.value), swatch: s.value ?? laneFill }));
    },
    run: (ctx, _binding, option) => {
      if (option === undefined) return;
      const ids = chosenCards(ctx).map((c) => c.id);
      perform(ctx, (m) => commands.updateCards(m, ids, { color: option }, 'Recolour'));
    },
  },
  {
    scope: 'canvas',
    name: 'selection.delete',
    label: (ctx) => {
      const s = sel(ctx);
      if (s.kind === 'cards') return `Delete ${plural(s.ids.length, 'card')}`;
      if (s.kind === 'stage') return 'Delete stage…';
      if (s.kind === 'lane') return 'Delete lane…';
      if (s.kind === 'emotion') return 'Clear emotion score';
      return 'Delete';
    },
    describe: 'Delete the selection (stages and lanes ask first)',
    group: 'Clipboard and history',
    keys: ['Delete', 'Backspace'],
    menu: ['card', 'stage', 'lane', 'emotion'],
    danger: true,
    when: (ctx) => {
      const s = sel(ctx);
      return s.kind === 'cards' || s.kind === 'stage' || s.kind === 'lane' || (s.kind === 'emotion' && emotionAt(state(ctx).emotions, s.cell.laneId, s.cell.stageId, editedCurve(state(ctx))) !== undefined);
    },
    run: (ctx) => {
      const s = state(ctx);
      const current = s.selection;
      const cards = selectedCards(current);
      if (cards.length > 0) {
        const first = s.cards.get(cards[0] ?? '');
        void s.perform(commands.deleteCards(s, cards)).then((ok) => {
          if (ok && first) ctx.store.getState().select({ kind: 'cell', cell: { laneId: first.laneId, stageId: first.stageId } });
        });
      } else if (current.kind === 'stage' || current.kind === 'lane') ctx.confirmDelete({ kind: current.kind, id: current.id });
      else if (current.kind === 'emotion') {
        const curve = editedCurve(s);
        perform(ctx, (m) => commands.setEmotion(m, current.cell.laneId, current.cell.stageId, null, undefined, curve));
      }
    },
  },
  // View
  { scope: 'canvas', name: 'view.zoomIn', desktop: { menu: 'View', label: 'Zoom Map In' }, label: 'Zoom in', group: 'View', keys: ['Mod+=', 'Mod++'], pointer: 'Ctrl/⌘+wheel or pinch, at the pointer', run: (ctx) => ctx.view.zoomBy(ZOOM_STEP) },
  { scope: 'canvas', name: 'view.zoomOut', desktop: { menu: 'View', label: 'Zoom Map Out' }, label: 'Zoom out', group: 'View', keys: ['Mod+-'], run: (ctx) => ctx.view.zoomBy(1 / ZOOM_STEP) },
  {
    scope: 'canvas',
    name: 'view.zoomReset',
    desktop: { menu: 'View', label: 'Map at 100%' },
    label: 'Zoom to 100%',
    describe: 'Zoom to 100% (about the pointer, or the top-left corner)',
    group: 'View',
    keys: ['Mod+0'],
    run: (ctx, binding) => ctx.view.zoomTo(1, binding ? (ctx.pointer ?? undefined) : undefined),
  },
  { scope: 'canvas', name: 'view.fit', desktop: { menu: 'View', label: 'Fit Map to Window' }, label: 'Fit map to window', group: 'View', keys: ['Shift+Digit1'], run: (ctx) => ctx.view.fit() },
];

const WINDOW: WindowAction[] = [
  {
    scope: 'window',
    name: 'history.undo',
    label: (ctx) => {
      const last = ctx.store?.getState().undoStack.at(-1)?.label;
      return last ? `Undo ${last}` : 'Undo';
    },
    describe: 'Undo',
    group: 'Clipboard and history',
    keys: ['Mod+Z'],
    when: (ctx) => (ctx.store?.getState().undoStack.length ?? 0) > 0,
    run: (ctx) => void ctx.store?.getState().undo(),
  },
  {
    scope: 'window',
    name: 'history.redo',
    label: (ctx) => {
      const last = ctx.store?.getState().redoStack.at(-1)?.label;
      return last ? `Redo ${last}` : 'Redo';
    },
    describe: 'Redo',
    group: 'Clipboard and history',
    keys: ['Shift+Mod+Z', 'Ctrl+Y'],
    when: (ctx) => (ctx.store?.getState().redoStack.length ?? 0) > 0,
    run: (ctx) => void ctx.store?.getState().redo(),
  },
  {
    scope: 'window',
    name: 'panels.mapList',
    desktop: { menu: 'View', label: 'Map List' },
    label: (ctx) => (ctx.ui.mapListOpen ? 'Hide the map list' : 'Show the map list'),
    describe: 'Show or hide the map list',
    group: 'Panels',
    keys: ['Mod+B'],
    run: (ctx) => ctx.ui.toggleMapList(),
  },
  {
    scope: 'window',
    name: 'panels.inspector',
    desktop: { menu: 'View', label: 'Inspector' },
    label: (ctx) => (ctx.ui.inspector === 'hidden' ? 'Show the inspector' : 'Hide the inspector'),
    describe: 'Show or hide the inspector (it opens by itself when something is selected)',
    group: 'Panels',
    keys: ['Mod+I'],
    when: (ctx) => ctx.store !== null && ctx.ui.viewMode === 'canvas',
    run: (ctx) => ctx.ui.toggleInspector(),
  },
  {
    scope: 'window',
    name: 'view.canvas',
    desktop: { menu: 'View', label: 'Canvas' },
    label: 'Canvas',
    describe: 'Show the map as a canvas',
    group: 'Panels',
    keys: ['Alt+Digit1'],
    when: (ctx) => ctx.store !== null,
    run: (ctx) => ctx.ui.setViewMode('canvas'),
  },
  {
    scope: 'window',
    name: 'view.table',
    desktop: { menu: 'View', label: 'Table' },
    label: 'Table',
    describe: 'Show the map as a table',
    group: 'Panels',
    keys: ['Alt+Digit2'],
    when: (ctx) => ctx.store !== null,
    run: (ctx) => ctx.ui.setViewMode('table'),
  },
  ...(
    [
      ['map', 'The map', 'Show the open map'],
      ['personas', 'Personas', 'Show the personas'],
      ['interviews', 'Interviews', 'Show the interviews and their transcripts'],
      ['quotes', 'Quote board', 'Show all quotes: search, filter, link and tag'],
    ] as const
  ).map(
    ([section, label, describe]): WindowAction => ({
      scope: 'window',
      name: `screen.${section}`,
      desktop: { menu: 'View', label },
      label,
      describe,
      group: 'Panels',
      keys: [],
      when: (ctx) => ctx.ui.section !== section,
      run: (ctx) => ctx.ui.show(section),
    }),
  ),
  {
    scope: 'window',
    name: 'export.workbook',
    desktop: { menu: 'File', label: 'Export to Excel…' },
    label: 'Excel workbook (.xlsx)…',
    describe: 'Export the map, or every map, to an Excel workbook',
    group: 'Panels',
    keys: [],
    when: (ctx) => ctx.store !== null,
    run: (ctx) => ctx.ui.openFileDialog('export.workbook'),
  },
  {
    scope: 'window',
    name: 'export.png',
    desktop: { menu: 'File', label: 'Export as PNG…' },
    label: 'PNG image…',
    describe: 'Export the whole map, the selection or the view as a PNG image (or copy it to the clipboard)',
    group: 'Panels',
    keys: [],
    when: (ctx) => ctx.store !== null,
    run: (ctx) => ctx.ui.openFileDialog('export.png'),
  },
  {
    scope: 'window',
    name: 'export.bundle',
    desktop: { menu: 'File', label: 'Export Map Bundle…' },
    label: 'Map bundle (.waymark.json)…',
    describe: 'Export the map with its personas, quotes and interviews, to import into another workspace',
    group: 'Panels',
    keys: [],
    when: (ctx) => ctx.store !== null,
    run: (ctx) => ctx.ui.openFileDialog('export.bundle'),
  },
  {
    scope: 'window',
    name: 'import.bundle',
    desktop: { menu: 'File', label: 'Import Map Bundle…' },
    label: 'Import a map bundle…',
    describe: 'Import a map bundle (.waymark.json) as a new map',
    group: 'Panels',
    keys: [],
    run: (ctx) => ctx.ui.openFileDialog('import.bundle'),
  },
  {
    scope: 'window',
    name: 'import.spreadsheet',
    desktop: { menu: 'File', label: 'Import Map from Spreadsheet…' },
    label: 'Import a map from a spreadsheet…',
    describe: 'Import a map from a spreadsheet grid (CSV or workbook), or update a map from the workbook it was exported to',
    group: 'Panels',
    keys: [],
    run: (ctx) => ctx.ui.openFileDialog('import.spreadsheet'),
  },
  {
    scope: 'window',
    name: 'help.shortcuts',
    desktop: { menu: 'Help', label: 'Keyboard Shortcuts' },
    label: 'Keyboard shortcuts',
    describe: 'This sheet',
    group: 'Panels',
    keys: ['?'],
    run: (ctx) => ctx.ui.setShortcutsOpen(true),
  },
];

/** Keys of the in-place text editors (cards, names, labels) on the canvas and in the table. */
const EDITOR: EditorAction[] = [
  {
    scope: 'editor',
    name: 'editor.newline',
    label: 'New line in a card',
    group: 'Editing text',
    keys: ['Shift+Enter'],
    native: true, // the text field adds the line itself
    when: (ctx) => ctx.multiline,
    run: () => undefined,
  },
  {
    scope: 'editor',
    name: 'editor.finish',
    label: 'Finish editing, keeping the text',
    describe: 'Finish editing; what was typed is kept (a click elsewhere does the same)',
    group: 'Editing text',
    keys: ['Enter', 'Escape'],
    run: (ctx, binding) => ctx.finish(binding === 'Escape' ? 'escape' : 'confirm'),
  },
];

export const ACTIONS: readonly Action[] = [...CANVAS, ...WINDOW, ...EDITOR];
export const CANVAS_ACTIONS: readonly CanvasAction[] = CANVAS;
export const WINDOW_ACTIONS: readonly WindowAction[] = WINDOW;
export const EDITOR_ACTIONS: readonly EditorAction[] = EDITOR;

export function canvasAction(name: string): CanvasAction {
  const action = CANVAS.find((a) => a.name === name);
  if (!action) throw new Error(`No canvas action named "${name}"`);
  return action;
}

export function windowAction(name: string): WindowAction {
  const action = WINDOW.find((a) => a.name === name);
  if (!action) throw new Error(`No window action named "${name}"`);
  return action;
}

/** What the pointer does that no key does, for the sheet (the pointer code is in canvas/usePointerGestures). */
export const GESTURES: readonly { group: Action['group']; pointer: string; describe: string }[] = [
  { group: 'Select and move', pointer: 'Click · Shift+click · drag on empty space', describe: 'Select · add to the selection · select with a rectangle' },
  { group: 'Select and move', pointer: 'Drag a header’s edge', describe: 'Resize a stage or a lane' },
  { group: 'View', pointer: 'Wheel · Shift+wheel · Space+drag', describe: 'Pan' },
  { group: 'View', pointer: 'Two fingers on a touchscreen', describe: 'Pinch to zoom about them, move them to pan' },
  { group: 'Editing text', pointer: 'Double-click a metric’s number (its line or its bar)', describe: 'Change the number in place' },
];
