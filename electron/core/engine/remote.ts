/**
 * The host's side: a SessionApi whose work happens in the engine at the other end of a port. Errors come
 * back as the same WaymarkErrors (code, message, issues); events arrive as they are committed.
 */
import type { OperationName, OperationResult } from '../../api/contract.ts';
import { WaymarkError } from '../../api/errors.ts';
import type { WorkspaceEvent } from '../../api/types.ts';
import type { OpenRequest, SessionApi } from '../session.ts';
import type { CallMeta } from '../workspace.ts';
import { isResponse, type PortLike, type Request } from './protocol.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export class RemoteSession implements SessionApi {
  private readonly port: PortLike;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  private readonly listeners = new Set<(event: WorkspaceEvent) => void>();
  private currentPath: string | null = null;
  private broken: Error | null = null;
  /** Where an engine's internal failure is logged (its text never reaches a page). */
  private readonly log: (message: string) => void;
  readonly ready: Promise<void>;

  constructor(port: PortLike, log: (message: string) => void = (m) => console.error(m)) {
    this.port = port;
    this.log = log;
    let markReady: () => void = () => undefined;
    this.ready = new Promise((resolve) => (markReady = resolve));
    port.on('message', (message) => {
      if (!isResponse(message)) return;
      if (message.kind === 'ready') return markReady();
      if (message.kind === 'event') {
        for (const listener of this.listeners) {
          try {
            listener(message.event);
          } catch {
            // one listener's failure is not the others'
          }
        }
        return;
      }
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      this.currentPath = message.path;
      if (message.ok) waiting.resolve('json' in message ? message.json : message.result);
      else {
        if (message.error.detail) this.log(`waymark engine: ${message.error.detail}`);
        waiting.reject(new WaymarkError(message.error.code, message.error.message, message.error.issues));
      }
    });
  }

  get path(): string | null {
    return this.currentPath;
  }

  get isOpen(): boolean {
    return this.currentPath !== null;
  }

  /** The engine has gone (its thread or process exited): every call waiting, and every later one, fails. */
  fail(reason: string): void {
    this.broken = new WaymarkError('Internal', `The workspace engine stopped (${reason}). Your last change may not have been saved; restart Waymark.`);
    for (const waiting of this.pending.values()) waiting.reject(this.broken);
    this.pending.clear();
  }

  private request(message: DistributiveOmit<Request, 'id'>): Promise<unknown> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.port.postMessage({ ...message, id });
    });
  }

  call<K extends OperationName>(name: K, input: unknown, meta: CallMeta = {}): Promise<OperationResult<K>> {
    return this.request({ kind: 'call', name, input, ...(meta.clientId === undefined ? {} : { clientId: meta.clientId }) }) as Promise<OperationResult<K>>;
  }

  /**
   * The result of a call as its JSON text in UTF-8, made in the engine and moved here, not cloned: what the
   * browser host answers with, as it is.
   */
  async callJson(name: OperationName, input: unknown, meta: CallMeta = {}): Promise<Uint8Array> {
    const json = await this.request({ kind: 'call', name, input, as: 'json', ...(meta.clientId === undefined ? {} : { clientId: meta.clientId }) });
    if (!(json instanceof Uint8Array)) throw new WaymarkError('Internal', 'The workspace engine answered without the JSON text it was asked for.');
    return json;
  }

  async open(file: string, request: OpenRequest = {}): Promise<void> {
    await this.request({ kind: 'open', file, request });
  }

  async openBackupCopy(backupFile: string, target: string): Promise<void> {
    await this.request({ kind: 'openBackupCopy', backupFile, target });
  }

  async saveCopy(target: string): Promise<void> {
    await this.request({ kind: 'saveCopy', target });
  }

  async close(): Promise<void> {
    await this.request({ kind: 'close' });
  }

  subscribe(listener: (event: WorkspaceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
