/** The window's state: the list of maps, which one is open, templates, and messages for the person. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Call } from '../../../electron/api/contract.ts';
import type { MapSummary, TemplateId, TemplateInfo, WorkspaceEvent } from '../../../electron/api/types.ts';
import { messageOf } from '../api/errors.ts';
import type { WorkspaceCopy } from '../api/client.ts';
import type { EventSubscribe } from '../api/events.ts';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

export interface AppState {
  call: Call;
  /** The push of every committed change (this window's own and everyone else's). */
  events: EventSubscribe;
  /** This window's client id: events it caused carry it. */
  clientId: string;
  /** A copy of the workspace to download, where the host offers one (the browser host). */
  copyWorkspace: (() => Promise<WorkspaceCopy>) | null;
  maps: MapSummary[];
  templates: TemplateInfo[];
  loaded: boolean;
  openMapId: string | null;
  notices: Notice[];
  load: () => Promise<void>;
  refreshMaps: () => Promise<void>;
  openMap: (id: string | null) => void;
  createMap: (title: string, template: TemplateId) => Promise<string | null>;
  renameMap: (id: string, title: string) => Promise<boolean>;
  deleteMap: (id: string) => Promise<boolean>;
  report: (text: string, kind?: Notice['kind']) => void;
  dismiss: (id: number) => void;
}

export type AppStore = StoreApi<AppState>;

let noticeSeq = 0;

export interface AppStoreOptions {
  events?: EventSubscribe;
  clientId?: string;
  copyWorkspace?: () => Promise<WorkspaceCopy>;
}

const noEvents: EventSubscribe = () => () => undefined;

/**
 * The map list as the workspace sends it (most recently changed first), in the order the person already sees:
 * maps shown keep their places (an edit never makes the open map jump to the top), maps new to the list come
 * first, maps gone go. The list is sorted afresh only when the window loads.
 */
export function inShownOrder(shown: readonly MapSummary[], fresh: readonly MapSummary[]): MapSummary[] {
  const place = new Map(shown.map((m, i) => [m.id, i]));
  const added = fresh.filter((m) => !place.has(m.id));
  const kept = fresh.filter((m) => place.has(m.id)).sort((a, b) => (place.get(a.id) ?? 0) - (place.get(b.id) ?? 0));
  return [...added, ...kept];
}

/** What the map list shows changed: a map was made, renamed, deleted, or its content changed. */
const touchesMapList = (event: WorkspaceEvent): boolean =>
  event.type === 'reset' || (event.type === 'changes' && (event.changes.maps.length > 0 || event.changes.deleted.maps.length > 0));

export function createAppStore(call: Call, initialMapId: string | null = null, options: AppStoreOptions = {}): AppStore {
  const store = createStore<AppState>()((set, get) => {
    const fail = (error: unknown): void => get().report(messageOf(error));
    return {
      call,
      events: options.events ?? noEvents,
      clientId: options.clientId ?? '',
      copyWorkspace: options.copyWorkspace ?? null,
      maps: [],
      templates: [],
      loaded: false,
      openMapId: initialMapId,
      notices: [],
      load: async () => {
        try {
          const [maps, templates] = await Promise.all([call('maps.list', {}), call('templates.list', {})]);
          const open = get().openMapId;
          set({
            maps,
            templates,
            loaded: true,
            openMapId: open && maps.some((m) => m.id === open) ? open : (maps[0]?.id ?? null),
          });
        } catch (error) {
          set({ loaded: true });
          fail(error);
        }
      },
      refreshMaps: async () => {
        try {
          const maps = inShownOrder(get().maps, await call('maps.list', {}));
          // The open map may be gone (deleted elsewhere, or not in a restored backup), or maps may have come to an
          // empty workspace: the same rule as at load, so the screen never shows a map the workspace no longer has.
          set((s) => ({ maps, openMapId: s.openMapId && maps.some((m) => m.id === s.openMapId) ? s.openMapId : (maps[0]?.id ?? null) }));
        } catch (error) {
          fail(error);
        }
      },
      openMap: (id) => set({ openMapId: id }),
      createMap: async (title, template) => {
        try {
          const changes = await call('maps.create', { title, template });
          const created = changes.maps[0];
          await get().refreshMaps();
          if (created) set({ openMapId: created.id });
          return created?.id ?? null;
        } catch (error) {
          fail(error);
          return null;
        }
      },
      renameMap: async (id, title) => {
        try {
          await call('maps.update', { id, title });
          await get().refreshMaps();
          return true;
        } catch (error) {
          fail(error);
          return false;
        }
      },
      deleteMap: async (id) => {
        try {
          await call('maps.delete', { id });
          const maps = get().maps.filter((m) => m.id !== id);
          set({ maps, openMapId: get().openMapId === id ? (maps[0]?.id ?? null) : get().openMapId });
          return true;
        } catch (error) {
          fail(error);
          return false;
        }
      },
      report: (text, kind = 'error') => {
        const notice = { id: ++noticeSeq, kind, text };
        set((s) => ({ notices: [...s.notices.slice(-4), notice] }));
      },
      dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
    };
  });
  // Other windows' and people's changes keep the map list current; a failed backup is said once.
  let refreshing: ReturnType<typeof setTimeout> | null = null;
  store.getState().events((event) => {
    if (event.type === 'backup-problem') {
      store.getState().report(`The automatic backup did not work (${event.message}). Your edits are saved; Waymark will try again.`, 'info');
      return;
    }
    if (event.clientId === store.getState().clientId && event.type !== 'reset') return;
    if (!touchesMapList(event) || refreshing) return;
    refreshing = setTimeout(() => {
      refreshing = null;
      void store.getState().refreshMaps();
    }, 50);
  });
  return store;
}
