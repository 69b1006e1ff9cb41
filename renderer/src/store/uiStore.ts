/**
 * The window's own arrangement: which side panels show, the view of the map, the shortcut sheet. Kept in
 * sessionStorage, so each window remembers its own across reloads and a new window starts from the defaults.
 */
import { create } from 'zustand';
import type { CanvasContext } from '../actions/types.ts';
import type { MapStore } from './mapStore.ts';

export type ViewMode = 'canvas' | 'table';

/** The window's screens: the map, and the research behind it. */
export const SECTIONS = ['map', 'personas', 'interviews', 'quotes'] as const;
export type Section = (typeof SECTIONS)[number];

/**
 * Where another screen asked to go: the quote board filtered to a stage, an interview at a quote.
 * Each screen reads what concerns it when it opens.
 */
export interface Focus {
  /** Quote board: filters to start from. */
  quotes?: { mapId?: string; stageId?: string; interviewId?: string; tagId?: string; personaId?: string };
  /** Interviews: the interview to open, and the quote to show in its transcript. */
  interview?: { id: string; quoteId?: string };
  /** Personas: the persona to open. */
  persona?: { id: string };
}

/** `auto`: the inspector shows while something is selected; `hidden`: the person closed it. */
export type InspectorMode = 'auto' | 'hidden';

/** The exports and imports that open a dialog of their own (from a menu, the toolbar or the desktop menu). */
export type FileDialog = 'export.workbook' | 'export.png' | 'export.bundle' | 'import.bundle' | 'import.spreadsheet';

export interface UiState {
  mapListOpen: boolean;
  inspector: InspectorMode;
  viewMode: ViewMode;
  shortcutsOpen: boolean;
  /** The export or import dialog that is open, if any. */
  fileDialog: FileDialog | null;
  section: Section;
  focus: Focus;
  /** The open map's store, for window-wide actions (undo, the map list's rename); null when none is open. */
  mapStore: MapStore | null;
  /** Reads the canvas's context, while a canvas is on screen (for actions picked in the desktop menu). */
  canvas: (() => CanvasContext | null) | null;
  toggleMapList: () => void;
  toggleInspector: () => void;
  setViewMode: (mode: ViewMode) => void;
  setShortcutsOpen: (open: boolean) => void;
  openFileDialog: (dialog: FileDialog | null) => void;
  /** Show a screen, optionally with what it should open on. */
  show: (section: Section, focus?: Focus) => void;
  setMapStore: (store: MapStore | null) => void;
  setCanvas: (canvas: (() => CanvasContext | null) | null) => void;
}

const KEY = 'waymark.ui';
type Saved = Pick<UiState, 'mapListOpen' | 'inspector' | 'viewMode' | 'section'>;
const DEFAULTS: Saved = { mapListOpen: true, inspector: 'auto', viewMode: 'canvas', section: 'map' };

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // storage can be refused (privacy settings); the defaults then hold
  }
}

function legacyView(): string | null {
  // Before panels were remembered per window, the view was kept for all windows under this key.
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem('waymark.view');
  } catch {
    return null;
  }
}

function load(): Saved {
  const fallback: Saved = { ...DEFAULTS, viewMode: legacyView() === 'table' ? 'table' : 'canvas' };
  try {
    const raw = storage()?.getItem(KEY);
    if (!raw) return fallback;
    const saved = JSON.parse(raw) as Partial<Record<keyof Saved, unknown>>;
    return {
      mapListOpen: typeof saved.mapListOpen === 'boolean' ? saved.mapListOpen : fallback.mapListOpen,
      inspector: saved.inspector === 'hidden' ? 'hidden' : 'auto',
      viewMode: saved.viewMode === 'table' ? 'table' : saved.viewMode === 'canvas' ? 'canvas' : fallback.viewMode,
      section: (SECTIONS as readonly unknown[]).includes(saved.section) ? (saved.section as Section) : 'map',
    };
  } catch {
    return fallback;
  }
}

export const useUiStore = create<UiState>()((set) => ({
  ...load(),
  shortcutsOpen: false,
  fileDialog: null,
  focus: {},
  mapStore: null,
  canvas: null,
  toggleMapList: () => set((s) => ({ mapListOpen: !s.mapListOpen })),
  toggleInspector: () => set((s) => ({ inspector: s.inspector === 'hidden' ? 'auto' : 'hidden' })),
  setViewMode: (viewMode) => set({ viewMode }),
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
  openFileDialog: (fileDialog) => set({ fileDialog }),
  show: (section, focus = {}) => set({ section, focus }),
  setMapStore: (mapStore) => set({ mapStore }),
  setCanvas: (canvas) => set({ canvas }),
}));

useUiStore.subscribe((s) => {
  try {
    storage()?.setItem(KEY, JSON.stringify({ mapListOpen: s.mapListOpen, inspector: s.inspector, viewMode: s.viewMode, section: s.section } satisfies Saved));
  } catch {
    // a full or refused storage only costs the memory of the arrangement
  }
});
