import { ipcChannel, type WaymarkBridge } from '../api/bridge.ts';
import { OPERATION_NAMES, type OperationName, type Reply } from '../api/contract.ts';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
}

/** One function per contract operation, and nothing else: the renderer never sees ipcRenderer itself. */
export function createBridge(ipcRenderer: IpcRendererLike): WaymarkBridge {
  const bridge = {} as Record<OperationName, (input: unknown) => Promise<Reply<unknown>>>;
  for (const name of OPERATION_NAMES) {
    bridge[name] = (input: unknown) => ipcRenderer.invoke(ipcChannel(name), input) as Promise<Reply<unknown>>;
  }
  return Object.freeze(bridge);
}
