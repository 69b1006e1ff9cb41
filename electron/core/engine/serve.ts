/**
 * The engine's side: serve a WorkspaceSession over a port. Runs where the engine runs (a worker thread, a
 * utility process), never on the window's or the HTTP server's thread, so a backup, a migration or a big
 * import never freezes them.
 */
import { isOperationName, type OperationName } from '../../api/contract.ts';
import { notFound, toErrorBody, WaymarkError } from '../../api/errors.ts';
import type { SessionApi } from '../session.ts';
import type { CallMeta } from '../workspace.ts';
import { isRequest, type EngineError, type PortLike, type Request, type Response } from './protocol.ts';

function toEngineError(error: unknown): EngineError {
  if (error instanceof WaymarkError) return error.toBody();
  return { ...toErrorBody(error), detail: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

/**
 * A result as the JSON text of it in UTF-8, in a buffer of its own (TextEncoder's, never a slice of a shared
 * pool), so that the reply can move it to the other end instead of copying it. `undefined` is sent as `null`,
 * as a cloned reply has it.
 */
export function jsonBytes(result: unknown): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify(result ?? null));
}

/** A session that makes a call's JSON text itself (WorkspaceSession: from the maps.getColumns answers it keeps). */
interface JsonSession {
  callJson?(name: OperationName, input: unknown, meta?: CallMeta): Promise<Uint8Array<ArrayBuffer>>;
}

export function serveSession(port: PortLike, session: SessionApi & JsonSession): void {
  const send = (message: Response) => port.postMessage(message);
  session.subscribe((event) => send({ kind: 'event', event }));

  const handle = async (request: Request): Promise<unknown> => {
    switch (request.kind) {
      case 'call':
        if (!isOperationName(request.name)) throw notFound(`There is no operation called "${request.name}".`);
        return session.call(request.name, request.input, { clientId: request.clientId });
      case 'open':
        return session.open(request.file, request.request);
      case 'openBackupCopy':
        return session.openBackupCopy(request.backupFile, request.target);
      case 'saveCopy':
        return session.saveCopy(request.target);
      case 'close':
        return session.close();
    }
  };

  /**
   * What a reply carries: the result cloned, or its JSON text when the call asked for it (made here, so a failure
   * to make it is the call's error), by the session itself when it can (it keeps maps.getColumns answers).
   */
  const answer = async (request: Request): Promise<{ result: unknown } | { json: Uint8Array<ArrayBuffer> }> => {
    if (request.kind === 'call' && request.as === 'json' && session.callJson && isOperationName(request.name)) {
      return { json: await session.callJson(request.name, request.input, { clientId: request.clientId }) };
    }
    const result = await handle(request);
    return request.kind === 'call' && request.as === 'json' ? { json: jsonBytes(result) } : { result: result ?? null };
  };

  port.on('message', (message) => {
    if (!isRequest(message)) return; // not ours: ignored
    answer(message).then(
      (reply) => {
        if ('json' in reply) port.postMessage({ kind: 'reply', id: message.id, ok: true, json: reply.json, path: session.path } satisfies Response, [reply.json.buffer]);
        else send({ kind: 'reply', id: message.id, ok: true, result: reply.result, path: session.path });
      },
      (error: unknown) => send({ kind: 'reply', id: message.id, ok: false, error: toEngineError(error), path: session.path }),
    );
  });
  send({ kind: 'ready' });
}
