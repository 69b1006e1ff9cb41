/** Keyboard control of the canvas: the canvas's actions from the table of actions, and Space for panning. */
import { useCallback, useLayoutEffect, useRef } from 'react';
import { runKey } from '../actions/dispatch.ts';
import { CANVAS_ACTIONS } from '../actions/table.ts';
import type { CanvasContext } from '../actions/types.ts';

interface Deps {
  getCtx: () => CanvasContext | null;
  spaceHeld: React.RefObject<boolean>;
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
    const { getCtx, spaceHeld } = latest.current;
    // Space held down turns a drag into a pan (the pointer gestures read it).
    if (e.key === ' ' && !e.ctrlKey && !e.metaKey) {
      spaceHeld.current = true;
      e.preventDefault();
      return;
    }
    const ctx = getCtx();
    if (ctx && runKey(CANVAS_ACTIONS, e, ctx)) e.preventDefault();
  }, []);

  return { onKeyDown, onKeyUp };
}
