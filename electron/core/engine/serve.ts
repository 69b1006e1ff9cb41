/**
 * The engine's side: serve a WorkspaceSession over a port. Runs where the engine runs (a worker thread, a
 * utility process), never on the window's or the HTTP server's thread, so a backup, a migration or a big
 * import never freezes them.
 */
import { isOperationName } from '../../api/contract.ts';
import { notFound, toErrorBody, WaymarkError } from '../../api/errors.ts';
import type { SessionApi } from '../session.ts';
import { isRequest, type EngineError, type PortLike, type Request, type Response } from './protocol.ts';

function toEngineError(error: unknown): EngineError {
  if (error instanceof WaymarkError) return error.toBody();
  return { ...toErrorBody(error), detail: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

export function serveSession(port: PortLike, session: SessionApi): void {
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

  port.on('message', (message) => {
    if (!isRequest(message)) return; // not ours: ignored
    handle(message).then(
      (result) => send({ kind: 'reply', id: message.id, ok: true, result: result ?? null, path: session.path }),
      (error: unknown) => send({ kind: 'reply', id: message.id, ok: false, error: toEngineError(error), path: session.path }),
    );
  });
  send({ kind: 'ready' });
}
