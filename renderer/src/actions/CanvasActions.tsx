/** The canvas's actions for the controls around it (toolbar, inspector, context menu), read from the table. */
import { createContext, useContext } from 'react';
import { canvasAction } from './table.ts';
import { applies, labelOf, runAction, titleOf } from './dispatch.ts';
import type { CanvasContext } from './types.ts';

/** Reads the canvas's current context (its geometry, viewport, editors); null before the canvas is drawn. */
export type CanvasContextGetter = () => CanvasContext | null;

export const CanvasActionsContext = createContext<CanvasContextGetter>(() => null);

export interface BoundAction {
  label: string;
  /** The label with its first shortcut, for a tooltip. */
  title: string;
  enabled: boolean;
  run: (option?: string | null) => void;
}

/**
 * A canvas action, bound for a button. Call it in a component that re-renders when what the action depends
 * on changes (the selection, say): it reads the table and the canvas as they are at that render.
 */
export function useCanvasAction(name: string, fallbackLabel?: string): BoundAction {
  const getCtx = useContext(CanvasActionsContext);
  const action = canvasAction(name);
  const ctx = getCtx();
  const label = ctx ? labelOf(action, ctx) : (fallbackLabel ?? (typeof action.label === 'string' ? action.label : action.name));
  return {
    label,
    title: titleOf(label, action),
    enabled: ctx ? applies(action, ctx) : action.when === undefined,
    run: (option) => {
      const now = getCtx();
      if (now) runAction(action, now, option);
    },
  };
}
