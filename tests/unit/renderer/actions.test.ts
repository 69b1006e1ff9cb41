/**
 * The one table of actions: every key binding it declares is reachable (no earlier action shadows it in any
 * situation where the action applies), every one is listed in the shortcut sheet, and bindings are matched
 * and written out as people expect on each platform.
 */
import { describe, expect, it } from 'vitest';
import { actionForKey, chord, labelOf, liveBinding, menuActions, runAction, runKey, shortcutsOf, titleOf } from '../../../renderer/src/actions/dispatch.ts';
import { eventFor, formatChord, matches, parseChord, toAccelerator, toAriaShortcut, type KeyInput } from '../../../renderer/src/actions/keys.ts';
import { ACTIONS, CANVAS_ACTIONS, canZoomIn, canZoomOut, EDITOR_ACTIONS, WINDOW_ACTIONS } from '../../../renderer/src/actions/table.ts';
import type { Action, CanvasContext, EditorContext, WindowContext } from '../../../renderer/src/actions/types.ts';
import { copyCards } from '../../../renderer/src/canvas/clipboard.ts';
import { layoutModel } from '../../../renderer/src/canvas/layout.ts';
import type { ViewportApi } from '../../../renderer/src/canvas/useViewport.ts';
import { MAX_SCALE } from '../../../renderer/src/canvas/viewport.ts';
import * as commands from '../../../renderer/src/store/commands.ts';
import { createMapStore } from '../../../renderer/src/store/mapStore.ts';
import type { Selection } from '../../../renderer/src/store/selection.ts';
import { useUiStore } from '../../../renderer/src/store/uiStore.ts';
import { sheetRows } from '../../../renderer/src/screens/ShortcutSheet.tsx';
import { mapDoc } from './fixtures.ts';

/** The key event a chord stands for; "?" is typed with Shift on most layouts. */
function press(binding: string, mac: boolean): KeyInput {
  const e = eventFor(chord(binding), mac);
  return e.key === '?' ? { ...e, shiftKey: true } : e;
}

const doc = mapDoc({
  stages: ['Discover', 'Buy'],
  lanes: [
    { title: 'Actions', kind: 'text' },
    { title: 'Feelings', kind: 'emotion' },
  ],
  cards: [
    { lane: 0, stage: 0, text: 'a' },
    { lane: 0, stage: 0, text: 'b' },
  ],
  emotions: [{ lane: 1, stage: 0, score: 1 }],
});
const store = createMapStore(doc, {
  call: () => Promise.reject(new Error('the table is only read here')),
  report: () => undefined,
});
// One step on each history stack, so that undo and redo apply.
store.setState({ undoStack: [commands.renameMap(store.getState(), 'x')], redoStack: [commands.renameMap(store.getState(), 'y')] });
copyCards([store.getState().cards.get('c0')].filter((c) => c !== undefined));

const layout = layoutModel(store.getState(), () => 1);
const view = { viewport: { x: 0, y: 0, scale: 1, width: 800, height: 600 }, screen: { width: 1000, height: 700 }, minZoom: 0.2 } as unknown as ViewportApi;
const canvas = (selection: Selection): CanvasContext => {
  store.setState({ selection });
  return { ui: useUiStore.getState(), store, layout, view, startEdit: () => undefined, draft: () => undefined, confirmDelete: () => undefined, pointer: null, openMenu: () => undefined };
};
const SELECTIONS: Selection[] = [
  { kind: 'none' },
  { kind: 'cell', cell: { laneId: 'l0', stageId: 's1' } },
  { kind: 'cards', ids: ['c0'] },
  { kind: 'cards', ids: ['c0', 'c1'] },
  { kind: 'stage', id: 's0' },
  { kind: 'lane', id: 'l0' },
  { kind: 'emotion', cell: { laneId: 'l1', stageId: 's0' } },
];
const windowCtx = (): WindowContext => ({ ui: useUiStore.getState(), store });
const editorCtxs: EditorContext[] = [
  { finish: () => undefined, multiline: true },
  { finish: () => undefined, multiline: false },
];

/** Every situation the action's scope can be in. */
function situations(action: Action): unknown[] {
  if (action.scope === 'canvas') return SELECTIONS.map((s) => () => canvas(s));
  if (action.scope === 'window') return [() => windowCtx()];
  return editorCtxs.map((c) => () => c);
}

function scopeActions(action: Action): readonly Action[] {
  return action.scope === 'canvas' ? CANVAS_ACTIONS : action.scope === 'window' ? WINDOW_ACTIONS : EDITOR_ACTIONS;
}

describe('the table of actions', () => {
  it('has unique names, and every binding parses', () => {
    const names = ACTIONS.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    for (const a of ACTIONS) for (const k of a.keys ?? []) expect(() => parseChord(k), `${a.name}: ${k}`).not.toThrow();
  });

  for (const mac of [false, true]) {
    it(`reaches every action by each of its shortcuts (${mac ? 'Mac' : 'Windows and Linux'})`, () => {
      const unreachable: string[] = [];
      for (const action of ACTIONS) {
        for (const binding of action.keys ?? []) {
          const reached = situations(action).some((make) => {
            const ctx = (make as () => never)();
            return actionForKey(scopeActions(action), press(binding, mac), ctx, mac)?.action === action;
          });
          if (!reached) unreachable.push(`${action.name} by ${binding}`);
        }
      }
      expect(unreachable).toEqual([]);
    });
  }

  it("never lets a canvas action take a window action's key (the canvas handles keys first)", () => {
    const clashes: string[] = [];
    for (const w of WINDOW_ACTIONS) {
      for (const binding of w.keys ?? []) {
        for (const mac of [false, true]) {
          for (const make of situations(CANVAS_ACTIONS[0] as Action)) {
            const taken = actionForKey(CANVAS_ACTIONS, press(binding, mac), (make as () => CanvasContext)(), mac);
            if (taken) clashes.push(`${w.name} (${binding}) taken by ${taken.action.name}`);
          }
        }
      }
    }
    expect([...new Set(clashes)]).toEqual([]);
  });

  it('lists every shortcut in the sheet, with what it does', () => {
    for (const mac of [false, true]) {
      const rows = sheetRows(mac).flatMap((g) => g.rows);
      for (const action of ACTIONS) {
        for (const shortcut of shortcutsOf(action, mac)) {
          expect(
            rows.some((r) => r.keys.split(' · ').includes(shortcut) && r.what === (action.describe ?? action.label)),
            `${action.name}: ${shortcut}`,
          ).toBe(true);
        }
      }
    }
  });

  it('keeps Enter on a card for editing it, and on an empty cell for adding one', () => {
    const enter = press('Enter', false);
    expect(actionForKey(CANVAS_ACTIONS, enter, canvas({ kind: 'cards', ids: ['c0'] }), false)?.action.name).toBe('text.edit');
    expect(actionForKey(CANVAS_ACTIONS, enter, canvas({ kind: 'cell', cell: { laneId: 'l0', stageId: 's1' } }), false)?.action.name).toBe('card.add');
    expect(actionForKey(CANVAS_ACTIONS, enter, canvas({ kind: 'none' }), false)).toBeNull();
    // ↑ on an emotion point changes its score; elsewhere it moves the selection.
    expect(actionForKey(CANVAS_ACTIONS, press('ArrowUp', false), canvas({ kind: 'emotion', cell: { laneId: 'l1', stageId: 's0' } }), false)?.action.name).toBe('emotion.step');
    expect(actionForKey(CANVAS_ACTIONS, press('ArrowUp', false), canvas({ kind: 'cards', ids: ['c1'] }), false)?.action.name).toBe('selection.move');
  });

  it('builds each context menu from what applies there, dangerous actions last', () => {
    const card = menuActions(CANVAS_ACTIONS, 'card', canvas({ kind: 'cards', ids: ['c0'] })).map((a) => a.name);
    expect(card).toEqual(['text.edit', 'card.add', 'stage.insertBefore', 'stage.insertAfter', 'lane.insertAbove', 'lane.insertBelow', 'card.copy', 'card.cut', 'card.paste', 'card.duplicate', 'card.colour', 'selection.delete']);
    const cell = menuActions(CANVAS_ACTIONS, 'cell', canvas({ kind: 'cell', cell: { laneId: 'l0', stageId: 's1' } })).map((a) => a.name);
    expect(cell).toEqual(['card.add', 'stage.insertBefore', 'stage.insertAfter', 'lane.insertAbove', 'lane.insertBelow', 'card.paste']);
    const stage = menuActions(CANVAS_ACTIONS, 'stage', canvas({ kind: 'stage', id: 's0' })).map((a) => a.name);
    expect(stage).toEqual(['text.edit', 'stage.insertBefore', 'stage.insertAfter', 'selection.delete']);
    const emotion = menuActions(CANVAS_ACTIONS, 'emotion', canvas({ kind: 'emotion', cell: { laneId: 'l1', stageId: 's1' } })).map((a) => a.name);
    expect(emotion).toEqual(['text.edit']); // no score there yet: nothing to clear
    // A menu shows the shortcut that would do the same here: Enter edits a card, so "Add card here" has none.
    const onCard = canvas({ kind: 'cards', ids: ['c0'] });
    const byName = (name: string) => CANVAS_ACTIONS.find((a) => a.name === name) ?? CANVAS_ACTIONS[0];
    expect(liveBinding(CANVAS_ACTIONS, byName('card.add') as never, onCard, false)).toBeUndefined();
    expect(liveBinding(CANVAS_ACTIONS, byName('text.edit') as never, onCard, false)).toBe('Enter');
    expect(liveBinding(CANVAS_ACTIONS, byName('card.add') as never, canvas({ kind: 'cell', cell: { laneId: 'l0', stageId: 's1' } }), false)).toBe('Enter');
  });
});

describe('running actions', () => {
  it('runs the action a key means and says whether to keep the browser from handling it too', () => {
    const finished: string[] = [];
    const editor: EditorContext = { finish: (how) => finished.push(how), multiline: true };
    expect(runKey(EDITOR_ACTIONS, press('Escape', false), editor, false)).toBe(true);
    expect(runKey(EDITOR_ACTIONS, press('Enter', false), editor, false)).toBe(true);
    expect(finished).toEqual(['escape', 'confirm']);
    // Shift+Enter in a card is the text field's own new line: handled, but not prevented.
    expect(runKey(EDITOR_ACTIONS, press('Shift+Enter', false), editor, false)).toBe(false);
    expect(finished).toHaveLength(2);
    expect(runKey(EDITOR_ACTIONS, press('Mod+Z', false), editor, false)).toBe(false);
  });

  it('runs an action from a button or menu only where it applies, with the option picked', () => {
    const zoom: string[] = [];
    const ctx = { ...canvas({ kind: 'none' }), view: { ...view, zoomBy: (f: number) => zoom.push(`by ${f.toFixed(2)}`), fit: () => zoom.push('fit') } as unknown as ViewportApi };
    const fit = CANVAS_ACTIONS.find((a) => a.name === 'view.fit');
    const copy = CANVAS_ACTIONS.find((a) => a.name === 'card.copy');
    if (!fit || !copy) throw new Error('table changed');
    expect(runAction(fit, ctx)).toBe(true);
    expect(zoom).toEqual(['fit']);
    expect(runAction(copy, ctx)).toBe(false); // nothing selected to copy
  });

  it('offers − only above the smallest zoom (where the whole map fits) and + only below the largest; their keys apply anyway', () => {
    const at = (scale: number, minZoom: number) => [canZoomOut(scale, minZoom), canZoomIn(scale)];
    expect(at(1, 0.2)).toEqual([true, true]);
    expect(at(0.2, 0.2)).toEqual([false, true]); // at the smallest: − does nothing, so the button is off
    expect(at(0.2 * (1 + 1e-7), 0.2)).toEqual([false, true]); // Fit's own sum may land a hair above
    expect(at(0.2 * 1.001, 0.2)).toEqual([true, true]);
    expect(at(0.0017, 0.0017)).toEqual([false, true]);
    expect(at(MAX_SCALE, 0.2)).toEqual([true, false]);
    expect(at(MAX_SCALE * 0.999, 0.2)).toEqual([true, true]);
    // At either end the keys still reach their action (it leaves the zoom as it is), so the browser never zooms the page.
    const ctx = { ...canvas({ kind: 'none' }), view: { ...view, viewport: { ...view.viewport, scale: 0.2 }, minZoom: 0.2 } };
    expect(actionForKey(CANVAS_ACTIONS, press('Mod+-', false), ctx, false)?.action.name).toBe('view.zoomOut');
    const top = { ...ctx, view: { ...ctx.view, viewport: { ...ctx.view.viewport, scale: MAX_SCALE } } };
    expect(actionForKey(CANVAS_ACTIONS, press('Mod+=', false), top, false)?.action.name).toBe('view.zoomIn');
  });

  it('selects all cards in map order: lane by lane, stage by stage, each cell top to bottom', () => {
    const many = mapDoc({
      stages: ['A', 'B'],
      lanes: [
        { title: 'Actions', kind: 'text' },
        { title: 'Pains', kind: 'pains' },
      ],
      cards: Array.from({ length: 24 }, (_, i) => ({ lane: (i >> 1) % 2, stage: (i >> 2) % 2, text: `card ${i}` })),
    });
    const mine = createMapStore(many, { call: () => Promise.reject(new Error('read only')), report: () => undefined });
    const all = CANVAS_ACTIONS.find((a) => a.name === 'selection.all');
    if (!all) throw new Error('table changed');
    const ctx: CanvasContext = { ...canvas({ kind: 'none' }), store: mine };
    expect(runAction(all, ctx)).toBe(true);
    const s = mine.getState();
    const expected = ['l0', 'l1'].flatMap((lane) => ['s0', 's1'].flatMap((stage) => [...s.cards.values()].filter((c) => c.laneId === lane && c.stageId === stage).sort((x, y) => (x.position < y.position ? -1 : 1)).map((c) => c.id)));
    expect(s.selection).toEqual({ kind: 'cards', ids: expected });
    expect(expected).toHaveLength(24);
  });

  it('labels and titles an action as it applies now, with its first shortcut', () => {
    const del = CANVAS_ACTIONS.find((a) => a.name === 'selection.delete');
    const fit = CANVAS_ACTIONS.find((a) => a.name === 'view.fit');
    if (!del || !fit) throw new Error('table changed');
    expect(labelOf(del, canvas({ kind: 'cards', ids: ['c0', 'c1'] }))).toBe('Delete 2 cards');
    expect(labelOf(del, canvas({ kind: 'stage', id: 's0' }))).toBe('Delete stage…');
    expect(labelOf(fit, canvas({ kind: 'none' }))).toBe('Fit map to window');
    expect(titleOf('Fit', fit, false)).toBe('Fit (Shift+1)');
    expect(titleOf('Fit', fit, true)).toBe('Fit (⇧1)');
    const add = CANVAS_ACTIONS.find((a) => a.name === 'stage.add');
    if (!add) throw new Error('table changed');
    expect(titleOf('+ Stage', add, false)).toBe('+ Stage');
    expect(chord('Mod+Z')).toBe(chord('Mod+Z')); // parsed once
  });
});

describe('key bindings', () => {
  const input = (over: Partial<KeyInput>): KeyInput => ({ key: 'z', code: 'KeyZ', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...over });

  it('match exactly the modifiers they name, Mod being Ctrl or ⌘', () => {
    const undo = parseChord('Mod+Z');
    expect(matches(undo, input({ ctrlKey: true }), false)).toBe(true);
    expect(matches(undo, input({ metaKey: true }), true)).toBe(true);
    expect(matches(undo, input({ ctrlKey: true }), true)).toBe(false); // Ctrl+Z is not ⌘Z on a Mac
    expect(matches(undo, input({ metaKey: true }), false)).toBe(false);
    expect(matches(undo, input({ ctrlKey: true, shiftKey: true, key: 'Z' }), false)).toBe(false); // that is redo
    expect(matches(parseChord('Shift+Mod+Z'), input({ ctrlKey: true, shiftKey: true, key: 'Z' }), false)).toBe(true);
    expect(matches(undo, input({ ctrlKey: true, altKey: true }), false)).toBe(false);
    expect(matches(parseChord('Ctrl+Y'), input({ key: 'y', ctrlKey: true }), false)).toBe(true);
    expect(matches(parseChord('Ctrl+Y'), input({ key: 'y', ctrlKey: true }), true)).toBe(true);
    expect(matches(parseChord('Ctrl+Y'), input({ key: 'y', metaKey: true }), true)).toBe(false);
    // Both Ctrl and ⌘ held is neither chord.
    expect(matches(undo, input({ metaKey: true, ctrlKey: true }), true)).toBe(false);
    expect(matches(undo, input({ metaKey: true, ctrlKey: true }), false)).toBe(false);
    expect(matches(parseChord('Z'), input({ metaKey: true }), false)).toBe(false);
    expect(matches(parseChord('Z'), input({ ctrlKey: true }), true)).toBe(false);
  });

  it('find letters by their place on layouts that type other letters (Ctrl+Z types "я" in Russian)', () => {
    expect(matches(parseChord('Mod+Z'), input({ key: 'я', code: 'KeyZ', ctrlKey: true }), false)).toBe(true);
    expect(matches(parseChord('Mod+C'), input({ key: 'ψ', code: 'KeyC', ctrlKey: true }), false)).toBe(true);
    expect(matches(parseChord('Mod+C'), input({ key: 'ψ', code: 'KeyV', ctrlKey: true }), false)).toBe(false);
    expect(matches(parseChord('Mod+Z'), input({ key: 'y', code: 'KeyZ', ctrlKey: true }), false)).toBe(false); // German: that key types y
    expect(toAriaShortcut(parseChord('Shift+Mod+Z'), false)).toBe('Control+Shift+Z');
    expect(toAriaShortcut(parseChord('Shift+Mod+Z'), true)).toBe('Meta+Shift+Z');
    expect(toAriaShortcut(parseChord('Enter'), false)).toBe('Enter');
    expect(toAriaShortcut(parseChord('Shift+F10'), false)).toBe('Shift+F10');
  });

  it('let punctuation be typed with or without Shift, and read digits by their key position', () => {
    expect(matches(parseChord('?'), input({ key: '?', shiftKey: true }), false)).toBe(true);
    expect(matches(parseChord('?'), input({ key: '?' }), false)).toBe(true);
    expect(matches(parseChord('Mod+='), input({ key: '=', ctrlKey: true }), false)).toBe(true);
    expect(matches(parseChord('Mod++'), input({ key: '+', ctrlKey: true, shiftKey: true }), false)).toBe(true);
    expect(matches(parseChord('Shift+Digit1'), input({ key: '!', code: 'Digit1', shiftKey: true }), false)).toBe(true);
    expect(matches(parseChord('Shift+Digit1'), input({ key: '1', code: 'Digit1' }), false)).toBe(false);
    expect(matches(parseChord('Mod+0'), input({ key: '0', code: 'Digit0', ctrlKey: true }), false)).toBe(true);
  });

  it('refuse a binding with a typo', () => {
    expect(() => parseChord('Cmd+Z')).toThrow('Unknown modifier "Cmd"');
    expect(() => parseChord('Mod+Escap')).toThrow('Unknown key "Escap"');
  });

  it('are written as each platform writes them, and as Electron accelerators', () => {
    expect(formatChord(parseChord('Shift+Mod+Z'), false)).toBe('Ctrl+Shift+Z');
    expect(formatChord(parseChord('Shift+Mod+Z'), true)).toBe('⇧⌘Z');
    expect(formatChord(parseChord('Alt+ArrowUp'), false)).toBe('Alt+↑');
    expect(formatChord(parseChord('Shift+Digit1'), false)).toBe('Shift+1');
    expect(formatChord(parseChord('Mod+-'), false)).toBe('Ctrl+−');
    expect(formatChord(parseChord('Delete'), true)).toBe('⌦');
    expect(toAccelerator(parseChord('Shift+Mod+Z'))).toBe('CmdOrCtrl+Shift+Z');
    expect(toAccelerator(parseChord('Mod++'))).toBe('CmdOrCtrl+Plus');
    expect(toAccelerator(parseChord('Alt+ArrowLeft'))).toBe('Alt+Left');
  });
});

describe('the desktop menu', () => {
  it('gets the actions marked for it, in the shape the main process accepts, with their first key', async () => {
    const { desktopMenuItems, runNamedAction } = await import('../../../renderer/src/actions/desktopMenu.ts');
    const { pageMenuSchema } = await import('../../../electron/api/host.ts');
    const items = desktopMenuItems(false);
    // On a Mac Electron would register the keys and take them from text fields: none are sent there.
    expect(desktopMenuItems(true).some((i) => i.accelerator !== undefined)).toBe(false);
    expect(pageMenuSchema.safeParse(items).success).toBe(true);
    // The page's zoom is the map's; Electron's own Zoom In/Out (the whole window) keep their names.
    expect(items.filter((i) => i.menu === 'View').map((i) => i.label)).toContain('Zoom Map In');
    expect(items.find((i) => i.name === 'view.fit')).toEqual({ name: 'view.fit', label: 'Fit Map to Window', menu: 'View', accelerator: 'Shift+1' });
    expect(items.find((i) => i.name === 'stage.add')).toEqual({ name: 'stage.add', label: 'Add Stage', menu: 'Map' });
    expect(items.map((i) => i.menu)).toContain('Help');
    // A pick runs the action when it applies: the map list is toggled; no canvas on screen, nothing runs.
    const before = useUiStore.getState().mapListOpen;
    expect(runNamedAction('panels.mapList')).toBe(true);
    expect(useUiStore.getState().mapListOpen).toBe(!before);
    expect(runNamedAction('view.fit')).toBe(false);
    expect(runNamedAction('no.such')).toBe(false);
  });

  it('switches between the screens, and offers none for the screen already shown', async () => {
    const { desktopMenuItems, runNamedAction } = await import('../../../renderer/src/actions/desktopMenu.ts');
    const screens = desktopMenuItems(false).filter((i) => i.name.startsWith('screen.'));
    expect(screens.map((i) => [i.name, i.label, i.menu])).toEqual([
      ['screen.map', 'The map', 'View'],
      ['screen.personas', 'Personas', 'View'],
      ['screen.interviews', 'Interviews', 'View'],
      ['screen.quotes', 'Quote board', 'View'],
    ]);
    useUiStore.getState().show('map', { quotes: { stageId: 's1' } });
    expect(runNamedAction('screen.map')).toBe(false); // already there
    expect(runNamedAction('screen.quotes')).toBe(true);
    expect(useUiStore.getState().section).toBe('quotes');
    expect(useUiStore.getState().focus).toEqual({}); // a screen opened from the menu starts unfiltered
    expect(runNamedAction('screen.map')).toBe(true);
    expect(useUiStore.getState().section).toBe('map');
  });
});
