/**
 * How a host talks to the workspace engine running in another thread (the browser host's worker) or process
 * (the desktop's utility process): plain, structured-cloneable messages over a port. The same messages in
 * both; only the port differs.
 */
import type { ErrorBody } from '../../api/errors.ts';
import type { WorkspaceEvent } from '../../api/types.ts';
import type { OpenRequest } from '../session.ts';

/** The part of a MessagePort, a worker or a utility process that the protocol needs. */
export interface PortLike {
  /** `transfer`: buffers the message may move rather than copy (a port that cannot move them copies them). */
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

export type Request =
  /**
   * `as: 'json'` asks for the result as its JSON text in UTF-8 (`json` in the reply) instead of as a cloned value:
   * what the browser host sends on as it is, so a big result is serialised once, in the engine, and moved.
   */
  | { kind: 'call'; id: number; name: string; input: unknown; clientId?: string; as?: 'json' }
  | { kind: 'open'; id: number; file: string; request: OpenRequest }
  | { kind: 'openBackupCopy'; id: number; backupFile: string; target: string }
  | { kind: 'saveCopy'; id: number; target: string }
  | { kind: 'close'; id: number };

/** An engine's failure that is not a WaymarkError keeps its text for the host's log, never for the page. */
export type EngineError = ErrorBody & { detail?: string };

export type Response =
  | { kind: 'reply'; id: number; ok: true; result: unknown; path: string | null }
  | { kind: 'reply'; id: number; ok: true; json: Uint8Array; path: string | null }
  | { kind: 'reply'; id: number; ok: false; error: EngineError; path: string | null }
  | { kind: 'event'; event: WorkspaceEvent }
  | { kind: 'ready' };

export function isRequest(value: unknown): value is Request {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { kind?: unknown; id?: unknown };
  return typeof v.id === 'number' && (v.kind === 'call' || v.kind === 'open' || v.kind === 'openBackupCopy' || v.kind === 'saveCopy' || v.kind === 'close');
}

export function isResponse(value: unknown): value is Response {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return kind === 'reply' || kind === 'event' || kind === 'ready';
}
