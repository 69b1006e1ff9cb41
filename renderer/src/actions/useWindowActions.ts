/** The window's key handler: window-wide actions from the table (undo, redo, panels, the shortcut sheet). */
import { useEffect } from 'react';
import { useUiStore } from '../store/uiStore.ts';
import { runKey } from './dispatch.ts';
import { WINDOW_ACTIONS } from './table.ts';

/** Is the key event aimed at a text field, which keeps its own undo and shortcuts? */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

export function useWindowActions(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A key the canvas or a field already handled, a text field's own keys, and keys meant for an open
      // dialog are not the window's.
      if (e.defaultPrevented || isTyping(e.target) || document.querySelector('dialog[open]')) return;
      const ui = useUiStore.getState();
      if (runKey(WINDOW_ACTIONS, e, { ui, store: ui.mapStore })) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
