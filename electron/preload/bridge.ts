import { ipcChannel, type WaymarkBridge } from '../api/bridge.ts';
import { OPERATION_NAMES, type OperationName, type Reply } from '../api/contract.ts';
import {
  HOST_ACTION_CHANNEL,
  HOST_EVENT_CHANNEL,
  HOST_MENU_CHANNEL,
  HOST_OPEN_RECENT_CHANNEL,
  HOST_RECENT_CHANNEL,
  HOST_SAVE_CHANNEL,
  type CallMeta,
  type PageMenuItem,
  type RecentWorkspace,
  type SaveRequest,
  type SaveResult,
  type WaymarkHostBridge,
} from '../api/host.ts';
import type { WorkspaceEvent } from '../api/types.ts';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  send(channel: string, ...args: unknown[]): void;
}

/** One function per contract operation, and nothing else: the renderer never sees ipcRenderer itself. */
export function createBridge(ipcRenderer: Pick<IpcRendererLike, 'invoke'>): WaymarkBridge {
  const bridge = {} as Record<OperationName, (input: unknown, meta?: CallMeta) => Promise<Reply<unknown>>>;
  for (const name of OPERATION_NAMES) {
    bridge[name] = (input: unknown, meta?: CallMeta) =>
      ipcRenderer.invoke(ipcChannel(name), input, meta?.clientId === undefined ? {} : { clientId: meta.clientId }) as Promise<Reply<unknown>>;
  }
  return Object.freeze(bridge);
}

/**
 * The host capabilities a window has: the push of committed changes, the native menu's share of the
 * page's actions, and saving a file through a native dialog (never the IPC event itself).
 */
export function createHostBridge(ipcRenderer: Pick<IpcRendererLike, 'on' | 'removeListener' | 'send' | 'invoke'>): WaymarkHostBridge {
  return Object.freeze({
    onEvent(listener: (event: WorkspaceEvent) => void): () => void {
      const relay = (_event: unknown, payload: unknown) => listener(payload as WorkspaceEvent);
      ipcRenderer.on(HOST_EVENT_CHANNEL, relay);
      return () => void ipcRenderer.removeListener(HOST_EVENT_CHANNEL, relay);
    },
    setMenu(items: PageMenuItem[]): void {
      ipcRenderer.send(HOST_MENU_CHANNEL, items);
    },
    onAction(listener: (name: string) => void): () => void {
      const relay = (_event: unknown, name: unknown) => {
        if (typeof name === 'string') listener(name);
      };
      ipcRenderer.on(HOST_ACTION_CHANNEL, relay);
      return () => void ipcRenderer.removeListener(HOST_ACTION_CHANNEL, relay);
    },
    saveFile(file: SaveRequest): Promise<SaveResult> {
      return ipcRenderer.invoke(HOST_SAVE_CHANNEL, { name: file.name, type: file.type, data: file.data }) as Promise<SaveResult>;
    },
    recentWorkspaces(): Promise<RecentWorkspace[]> {
      return ipcRenderer.invoke(HOST_RECENT_CHANNEL) as Promise<RecentWorkspace[]>;
    },
    openRecentWorkspace(key: string): Promise<boolean> {
      return ipcRenderer.invoke(HOST_OPEN_RECENT_CHANNEL, key) as Promise<boolean>;
    },
  });
}
