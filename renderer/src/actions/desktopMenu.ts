/**
 * The desktop's native menu reads the table of actions too: the page sends the actions marked `desktop`
 * (with their first key binding, shown beside them), and runs the one the person picks there.
 */
import { useEffect } from 'react';
import type { PageMenuItem } from '../../../electron/api/host.ts';
import type {} from '../api/events.ts'; // declares window.waymarkHost
import { useUiStore } from '../store/uiStore.ts';
import { chord, runAction } from './dispatch.ts';
import { isMac, toAccelerator } from './keys.ts';
import { ACTIONS } from './table.ts';

/**
 * On a Mac, Electron registers every accelerator a menu shows, so the menu would take ⌘D from a text field;
 * there the items go without keys (the page still handles them, and the sheet lists them).
 */
export function desktopMenuItems(mac = isMac()): PageMenuItem[] {
  return ACTIONS.flatMap((a) => {
    if (!a.desktop) return [];
    const first = mac ? undefined : a.keys?.[0];
    return [{ name: a.name, label: a.desktop.label, menu: a.desktop.menu, ...(first ? { accelerator: toAccelerator(chord(first)) } : {}) }];
  });
}

/** Run an action by name, as the desktop menu asks; false when it does not apply now (or there is no such). */
export function runNamedAction(name: string): boolean {
  // A text being edited is finished first (leaving the field keeps it), never lost to what the menu does.
  if (typeof document !== 'undefined' && document.activeElement instanceof HTMLElement) document.activeElement.blur();
  const action = ACTIONS.find((a) => a.name === name);
  const ui = useUiStore.getState();
  if (action?.scope === 'window') return runAction(action, { ui, store: ui.mapStore });
  if (action?.scope === 'canvas') {
    const ctx = ui.canvas?.();
    return ctx ? runAction(action, ctx) : false;
  }
  return false;
}

export function useDesktopMenu(): void {
  useEffect(() => {
    const host = window.waymarkHost;
    if (!host) return; // the browser host has no native menu
    host.setMenu(desktopMenuItems());
    return host.onAction((name) => void runNamedAction(name));
  }, []);
}
