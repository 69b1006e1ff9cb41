/** The shape of an action in the one table of actions (see table.ts), and what it runs against. */
import type { EditTarget } from '../canvas/editTarget.ts';
import type { MapLayout } from '../canvas/layout.ts';
import type { ViewportApi } from '../canvas/useViewport.ts';
import type { MapStore } from '../store/mapStore.ts';
import type { UiState } from '../store/uiStore.ts';

/** Where the sheet lists an action. */
export type ActionGroup = 'Capture' | 'Select and move' | 'Clipboard and history' | 'View' | 'Panels' | 'Editing text';

/** What a context menu was opened on. */
export type MenuPlace = 'card' | 'cell' | 'stage' | 'lane' | 'emotion';

/** Window-wide actions see the window's arrangement and, when a map is open, its store. */
export interface WindowContext {
  ui: UiState;
  store: MapStore | null;
}

/** Canvas actions also see its geometry, its viewport and its editors. */
export interface CanvasContext extends WindowContext {
  store: MapStore;
  layout: MapLayout;
  view: ViewportApi;
  startEdit: (target: EditTarget) => void;
  /** Start naming a stage or lane that is created when the name is confirmed (at `index`, or last). */
  draft: (kind: 'stage' | 'lane', index?: number) => void;
  confirmDelete: (what: { kind: 'stage' | 'lane'; id: string }) => void;
  /** The pointer's last place over the canvas (canvas pixels), for zooming about it; null when it is elsewhere. */
  pointer: { sx: number; sy: number } | null;
  /** Open the context menu for the selection (from the keyboard). */
  openMenu: () => void;
}

/** An in-place text editor's own keys. */
export interface EditorContext {
  /** `confirm` (Enter): keep the text, and create a new thing even when its name was left as offered. */
  finish: (how: 'confirm' | 'escape') => void;
  multiline: boolean;
}

/** A choice an action offers in a menu (a colour), run with its value. */
export interface ActionOption {
  label: string;
  value: string | null;
  checked: boolean;
  /** A swatch colour to show beside the label. */
  swatch?: string;
}

interface ActionBase<C> {
  /** Stable name ("card.delete"): tests, the desktop menu and the context menu refer to actions by it. */
  name: string;
  /** What a menu item, a button or the sheet says; may depend on the selection ("Delete 3 cards"). */
  label: string | ((ctx: C) => string);
  /** What the sheet says when it differs from the label (a row covering several things). */
  describe?: string;
  group: ActionGroup;
  /** Key bindings, the first one shown on buttons and in menus ("Mod+Z"). See keys.ts. */
  keys?: readonly string[];
  /** The pointer gesture that does the same, for the sheet ("Double-click an empty cell"). */
  pointer?: string;
  /** Where the desktop's native menu shows it, and as what (the desktop menu reads this table too). */
  desktop?: { menu: 'File' | 'Map' | 'View' | 'Help'; label: string };
  /** The context menus it appears in. */
  menu?: readonly MenuPlace[];
  /** The key does what the browser does with it anyway (a new line in a text field): not prevented. */
  native?: boolean;
  /** Shown in red and apart from the rest in menus. */
  danger?: boolean;
  /** Choices it offers in a menu (colours): the menu shows them and runs the action with the one picked. */
  options?: (ctx: C) => readonly ActionOption[];
  /** Whether it applies now (what is selected, what is open). Absent: always. */
  when?: (ctx: C) => boolean;
  /** Do it. `binding` is the key binding that triggered it, if any; `option` the choice picked in a menu. */
  run: (ctx: C, binding?: string, option?: string | null) => void;
}

export interface WindowAction extends ActionBase<WindowContext> {
  scope: 'window';
}
export interface CanvasAction extends ActionBase<CanvasContext> {
  scope: 'canvas';
}
export interface EditorAction extends ActionBase<EditorContext> {
  scope: 'editor';
}

export type Action = WindowAction | CanvasAction | EditorAction;
export type Scope = Action['scope'];
