/**
 * The IPC bridge: one handler per contract operation on `waymark:<operation>`. Each checks the sender frame
 * first, refuses an input that is not an object, lets core validate the rest and run it, and answers a `Reply`: it never throws across IPC (which
 * would lose the error's code and leak its text). A loop over the contract: adding an operation never touches
 * it. No value imports from 'electron', so it is tested in plain Node.
 */
import { ipcChannel } from '../api/bridge.ts';
import { OPERATION_NAMES, type Reply } from '../api/contract.ts';
import { toErrorBody, type ErrorBody } from '../api/errors.ts';
import { clientIdOf } from '../api/host.ts';
import type { SessionApi } from '../core/index.ts';

/** The part of Electron's ipcMain the bridge uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** The part of Electron's IpcMainInvokeEvent the bridge looks at. */
export interface SenderEvent {
  senderFrame: { url: string; parent?: unknown } | null;
}

/** What the bridge needs of a workspace: its one entry point (a Workspace, a session, or the engine's RemoteSession). */
export type WorkspaceCaller = Pick<SessionApi, 'call'>;

const UNTRUSTED: ErrorBody = { code: 'Unauthorized', message: 'This page is not allowed to use the workspace.' };
const NOT_AN_OBJECT: ErrorBody = { code: 'Invalid', message: 'The input must be an object (send {} for an operation without input).' };

/**
 * An operation's input is a plain object: never a missing input, null, an array, a primitive or another
 * kind of object (which core's parseInput would read as `{}` or as an object without fields).
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Register the contract on `ipcMain`; returns a function that removes every handler again. */
export function serveContract(ipcMain: IpcMainLike, getWorkspace: () => WorkspaceCaller, isTrustedSender: (event: SenderEvent) => boolean): () => void {
  const trusted = (event: SenderEvent): boolean => {
    try {
      return isTrustedSender(event);
    } catch {
      return false; // e.g. a frame that navigated away or was destroyed while the call was in flight
    }
  };
  for (const name of OPERATION_NAMES) {
    ipcMain.handle(ipcChannel(name), async (event, input, meta): Promise<Reply<unknown>> => {
      if (!trusted(event)) return { ok: false, error: UNTRUSTED };
      if (!isPlainObject(input)) return { ok: false, error: NOT_AN_OBJECT };
      try {
        // Core validates the input against the contract's schema before anything runs.
        const clientId = clientIdOf(typeof meta === 'object' && meta !== null ? (meta as { clientId?: unknown }).clientId : undefined);
        return { ok: true, result: await getWorkspace().call(name, input, clientId === undefined ? {} : { clientId }) };
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
