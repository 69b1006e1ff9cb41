/**
 * The IPC bridge: one handler per contract operation on `waymark:<operation>`. Each checks the sender
 * frame, lets core validate the input, and answers a `Reply` (never throws across IPC, which would lose
 * the error's code). No value imports from 'electron', so it is tested in plain Node.
 */
import { ipcChannel } from '../api/bridge.ts';
import { OPERATION_NAMES, type Reply } from '../api/contract.ts';
import { toErrorBody } from '../api/errors.ts';
import type { Workspace } from '../core/workspace.ts';

export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** The part of Electron's IpcMainInvokeEvent the bridge looks at. */
export interface SenderEvent {
  senderFrame: { url: string; parent?: unknown } | null;
}

export function serveContract(ipcMain: IpcMainLike, getWorkspace: () => Workspace, isTrustedSender: (event: SenderEvent) => boolean): () => void {
  for (const name of OPERATION_NAMES) {
    ipcMain.handle(ipcChannel(name), async (event, input): Promise<Reply<unknown>> => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { code: 'Unauthorized', message: 'This window is not allowed to use the workspace.' } };
      }
      try {
        return { ok: true, result: await getWorkspace().call(name, input) };
      } catch (error) {
        const body = toErrorBody(error);
        if (body.code === 'Internal') console.error(`waymark: ${name} failed:`, error);
        return { ok: false, error: body };
      }
    });
  }
  return () => {
    for (const name of OPERATION_NAMES) ipcMain.removeHandler(ipcChannel(name));
  };
}
