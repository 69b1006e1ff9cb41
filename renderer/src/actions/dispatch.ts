/** Reading the table of actions: which action a key press runs, what a label says, what a menu lists. */
import { eventFor, formatChord, isMac, matches, parseChord, type Chord, type KeyInput } from './keys.ts';
import type { Action, MenuPlace } from './types.ts';

type ContextOf<A extends Action> = Parameters<A['run']>[0];

const chordCache = new Map<string, Chord>();
export function chord(binding: string): Chord {
  let c = chordCache.get(binding);
  if (!c) {
    c = parseChord(binding);
    chordCache.set(binding, c);
  }
  return c;
}

export function applies<A extends Action>(action: A, ctx: ContextOf<A>): boolean {
  return action.when ? (action.when as (c: ContextOf<A>) => boolean)(ctx) : true;
}

export function labelOf<A extends Action>(action: A, ctx: ContextOf<A>): string {
  return typeof action.label === 'function' ? (action.label as (c: ContextOf<A>) => string)(ctx) : action.label;
}

/** The first action whose binding the key press matches and that applies now, with the binding matched. */
export function actionForKey<A extends Action>(actions: readonly A[], e: KeyInput, ctx: ContextOf<A>, mac = isMac()): { action: A; binding: string } | null {
  for (const action of actions) {
    const binding = action.keys?.find((k) => matches(chord(k), e, mac));
    if (binding !== undefined && applies(action, ctx)) return { action, binding };
  }
  return null;
}

/**
 * Run the action a key press means, if any. True when one ran and the browser's own handling of the key
 * should be prevented (false for a `native` action, such as a new line in a text field).
 */
export function runKey<A extends Action>(actions: readonly A[], e: KeyInput, ctx: ContextOf<A>, mac = isMac()): boolean {
  const found = actionForKey(actions, e, ctx, mac);
  if (!found) return false;
  (found.action.run as (c: ContextOf<A>, binding?: string) => void)(ctx, found.binding);
  return found.action.native !== true;
}

/** Run an action from a button or a menu (no key binding), if it applies. */
export function runAction<A extends Action>(action: A, ctx: ContextOf<A>, option?: string | null): boolean {
  if (!applies(action, ctx)) return false;
  (action.run as (c: ContextOf<A>, binding?: string, option?: string | null) => void)(ctx, undefined, option);
  return true;
}

/** The bindings as people read them on this platform ("Ctrl+Shift+Z"). */
export function shortcutsOf(action: Action, mac = isMac()): string[] {
  return (action.keys ?? []).map((k) => formatChord(chord(k), mac));
}

/** "Zoom in (Ctrl+=)" — for a button's tooltip. */
export function titleOf(label: string, action: Action, mac = isMac()): string {
  const first = shortcutsOf(action, mac)[0];
  return first ? `${label} (${first})` : label;
}

/** What a context menu on `place` lists, in table order, dangerous actions last. */
export function menuActions<A extends Action>(actions: readonly A[], place: MenuPlace, ctx: ContextOf<A>): A[] {
  const here = actions.filter((a) => a.menu?.includes(place) && applies(a, ctx));
  return [...here.filter((a) => !a.danger), ...here.filter((a) => a.danger)];
}

/** The first of the action's bindings that would run it now (another action may take a key in this place). */
export function liveBinding<A extends Action>(actions: readonly A[], action: A, ctx: ContextOf<A>, mac = isMac()): string | undefined {
  return action.keys?.find((k) => actionForKey(actions, eventFor(chord(k), mac), ctx, mac)?.action === action);
}
