import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { CanvasContextGetter } from '../actions/CanvasActions.tsx';
import { chord, labelOf, liveBinding, menuActions, runAction } from '../actions/dispatch.ts';
import { formatChord, isMac, toAriaShortcut } from '../actions/keys.ts';
import { CANVAS_ACTIONS } from '../actions/table.ts';
import type { CanvasAction, MenuPlace } from '../actions/types.ts';

const PLACE_NAMES: Record<MenuPlace, string> = { card: 'Card', cell: 'Cell', stage: 'Stage', lane: 'Lane', emotion: 'Emotion point' };

export interface MenuRequest {
  place: MenuPlace;
  /** Where it opens, in pixels from the canvas box's top-left corner. */
  x: number;
  y: number;
}

interface ContextMenuProps extends MenuRequest {
  getCtx: CanvasContextGetter;
  /** The box the menu must stay inside. */
  bounds: { width: number; height: number };
  onClose: () => void;
}

const MENU_WIDTH = 240;

/**
 * The context menu of a card, cell, stage, lane or emotion point: what the table of actions says applies
 * there, with each action's shortcut. Arrow keys move, Enter runs, Escape or a click elsewhere closes.
 */
export function ContextMenu({ place, x, y, getCtx, bounds, onClose }: ContextMenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(0);
  const ctx = getCtx();
  const actions: CanvasAction[] = ctx ? menuActions(CANVAS_ACTIONS, place, ctx) : [];
  const mac = isMac();

  useLayoutEffect(() => {
    setHeight(ref.current?.offsetHeight ?? 0);
    ref.current?.querySelector<HTMLElement>('[role^="menuitem"]')?.focus({ preventScroll: true });
  }, []);
  useEffect(() => {
    const away = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', away, true);
    return () => document.removeEventListener('pointerdown', away, true);
  }, [onClose]);

  const items = () => [...(ref.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
  const onKeyDown = (e: React.KeyboardEvent) => {
    e.stopPropagation();
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const focus = (i: number) => all[(i + all.length) % all.length]?.focus();
    if (e.key === 'ArrowDown') focus(at + 1);
    else if (e.key === 'ArrowUp') focus(at - 1);
    else if (e.key === 'Home') focus(0);
    else if (e.key === 'End') focus(all.length - 1);
    else if (e.key === 'Escape' || e.key === 'Tab') onClose();
    else return;
    e.preventDefault();
  };
  const run = (action: CanvasAction, option?: string | null) => {
    const now = getCtx();
    onClose();
    if (now) runAction(action, now, option);
  };

  const left = Math.max(4, Math.min(x, bounds.width - MENU_WIDTH - 4));
  const top = Math.max(4, Math.min(y, bounds.height - height - 4));
  return (
    <div ref={ref} data-canvas-overlay className="context-menu" role="menu" aria-label={`${PLACE_NAMES[place]} actions`} style={{ left, top, width: MENU_WIDTH }} onKeyDown={onKeyDown}>
      {actions.length === 0 && <p className="muted">Nothing to do here.</p>}
      {actions.map((action, i) => {
        const label = ctx ? labelOf(action, ctx) : action.name;
        const first = ctx ? liveBinding(CANVAS_ACTIONS, action, ctx, mac) : undefined;
        const shortcut = first ? formatChord(chord(first), mac) : '';
        const separator = action.danger && i > 0 && !actions[i - 1]?.danger;
        if (action.options && ctx) {
          return (
            <div key={action.name} role="group" aria-label={label} className="context-menu-options">
              <span className="context-menu-heading" aria-hidden="true">
                {label}
              </span>
              <div className="context-menu-swatches">
                {action.options(ctx).map((o) => (
                  <button
                    key={o.label}
                    type="button"
                    role="menuitemradio"
                    aria-checked={o.checked}
                    aria-label={`${label}: ${o.label}`}
                    title={o.label}
                    className="swatch"
                    style={{ background: o.swatch ?? 'transparent' }}
                    tabIndex={-1}
                    onClick={() => run(action, o.value)}
                  >
                    {o.swatch ? '' : '∅'}
                  </button>
                ))}
              </div>
            </div>
          );
        }
        return (
          <div key={action.name}>
            {separator && <hr role="separator" />}
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              className={action.danger ? 'danger' : undefined}
              aria-keyshortcuts={first ? toAriaShortcut(chord(first), mac) : undefined}
              onClick={() => run(action)}
            >
              <span>{label}</span>
              {shortcut && <kbd aria-hidden="true">{shortcut}</kbd>}
            </button>
          </div>
        );
      })}
    </div>
  );
}
