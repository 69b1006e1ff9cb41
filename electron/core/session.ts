/**
 * The workspace a host works on, and the order every access goes in: contract calls, switching to another
 * file, starting again from a copy of a backup, closing. Calls are the common case and run at once, in the
 * order they arrive (core's operations are synchronous transactions); switching, restoring and closing are
 * exclusive: they wait for the calls before them, and calls after them wait for them. So a call never meets a
 * half-restored workspace, and a switch never closes a workspace a call is using.
 * Every host serves one: the desktop's utility process and the browser host's engine thread, through
 * `serveSession` (engine/serve.ts); tests use it in-process.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { OperationName, OperationResult } from '../api/contract.ts';
import { conflict } from '../api/errors.ts';
import { serialQueue } from '../api/queue.ts';
import type { WorkspaceEvent } from '../api/types.ts';
import { inspectWorkspaceFile } from './database.ts';
import { Workspace, type CallMeta, type OpenOptions } from './workspace.ts';

export interface OpenRequest {
  /** Fill the workspace with the sample map if the file is created now. */
  sample?: boolean;
  /** The person asked for a new workspace: refuse a file that already exists rather than open or replace it. */
  mustBeNew?: boolean;
}

/** What a host needs of a session, in-process or in another thread or process (engine/remote.ts). */
export interface SessionApi {
  readonly path: string | null;
  readonly isOpen: boolean;
  call<K extends OperationName>(name: K, input: unknown, meta?: CallMeta): Promise<OperationResult<K>>;
  open(file: string, request?: OpenRequest): Promise<void>;
  openBackupCopy(backupFile: string, target: string): Promise<void>;
  /** Write a copy of the open workspace to `target` (a path the person chose); the open one stays open. */
  saveCopy(target: string): Promise<void>;
  close(): Promise<void>;
  /** Every committed change of whichever workspace is open, and a reset when another one is opened. */
  subscribe(listener: (event: WorkspaceEvent) => void): () => void;
}

export class WorkspaceSession implements SessionApi {
  private current: Workspace | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly exclusive = serialQueue();
  private readonly running = new Set<Promise<unknown>>();
  private readonly listeners = new Set<(event: WorkspaceEvent) => void>();
  private readonly options: Omit<OpenOptions, 'sample' | 'create'>;

  constructor(options: Omit<OpenOptions, 'sample' | 'create'> = {}) {
    this.options = options;
  }

  /** The path of the open workspace, or null. */
  get path(): string | null {
    return this.current?.path ?? null;
  }

  get isOpen(): boolean {
    return this.current !== null;
  }

  /** Run a contract operation on the open workspace, after any switch or restore queued before it. */
  call<K extends OperationName>(name: K, input: unknown, meta: CallMeta = {}): Promise<OperationResult<K>> {
    return this.inTurn(name, (ws) => ws.call(name, input, meta));
  }

  /** The same call, its result as JSON text (maps.getColumns of an unchanged map from the workspace's cache). */
  callJson(name: OperationName, input: unknown, meta: CallMeta = {}): Promise<Uint8Array<ArrayBuffer>> {
    return this.inTurn(name, (ws) => ws.callJson(name, input, meta));
  }

  private inTurn<T>(name: OperationName, call: (ws: Workspace) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      const ws = this.current;
      if (!ws) throw conflict('No workspace is open. Open or create one from the File menu.');
      return call(ws);
    };
    // A restore is a call, but an exclusive one: nothing else may run while the file is being replaced.
    if (name === 'workspace.restore') return this.runExclusive(run);
    const task = this.exclusive.idle().then(run);
    this.track(task);
    return task;
  }

  subscribe(listener: (event: WorkspaceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Make `file` the open workspace (created if missing). The new one is opened before the old one is closed,
   * so when opening fails (a damaged or foreign file: core's message says which) the old one stays open.
   */
  open(file: string, request: OpenRequest = {}): Promise<void> {
    return this.runExclusive(() => {
      const target = path.resolve(file);
      if (request.mustBeNew && fs.existsSync(target)) {
        throw conflict(`"${path.basename(target)}" already exists, and Waymark never replaces a file. Choose another name, or open it with Open Workspace….`);
      }
      if (target === this.current?.path) return;
      this.replaceWith(Workspace.open(target, { ...this.options, sample: request.sample ?? false }));
    });
  }

  /**
   * Start again from a backup: copy the backup file to `target` (a new file; never over an existing one) and
   * open the copy. The backup itself is left as it is, and so is the workspace it came from.
   */
  openBackupCopy(backupFile: string, target: string): Promise<void> {
    return this.runExclusive(() => {
      const dest = path.resolve(target);
      if (fs.existsSync(dest)) throw conflict(`"${path.basename(dest)}" already exists, and Waymark never replaces a file. Choose another name.`);
      inspectWorkspaceFile(backupFile); // a damaged or foreign backup is refused with its own name in the message
      fs.copyFileSync(backupFile, dest, fs.constants.COPYFILE_EXCL); // a backup is a closed file, not a live database
      let opened: Workspace;
      try {
        opened = Workspace.open(dest, { ...this.options, create: false });
      } catch (error) {
        for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dest + suffix, { force: true });
        throw error;
      }
      this.replaceWith(opened);
    });
  }

  /** A copy of the open workspace, written after every call before it (a switch never runs meanwhile). */
  saveCopy(target: string): Promise<void> {
    return this.runExclusive(() => {
      if (!this.current) throw conflict('No workspace is open, so there is nothing to copy.');
      this.current.saveCopy(target);
    });
  }

  /** Close the open workspace once everything before has run. */
  close(): Promise<void> {
    return this.runExclusive(async () => {
      await this.current?.idle();
      this.unsubscribe?.();
      this.current?.close();
      this.current = null;
    });
  }

  private track(task: Promise<unknown>): void {
    const settled = task.catch(() => undefined);
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
  }

  /** Wait for every call issued before this point, then run `task` alone. */
  private runExclusive<T>(task: () => T | Promise<T>): Promise<T> {
    const before = [...this.running]; // taken now: calls issued later wait for this task, not the other way round
    return this.exclusive.run(async () => {
      await Promise.all(before);
      return task();
    });
  }

  private replaceWith(next: Workspace): void {
    const previous = this.current;
    this.unsubscribe?.();
    this.current = next;
    this.unsubscribe = next.subscribe((event) => this.forward(event));
    previous?.close();
    if (previous) this.forward({ type: 'reset', seq: 0, session: next.session, clientId: null, reason: 'Another workspace was opened.' });
  }

  private forward(event: WorkspaceEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // one listener's failure is not the others'
      }
    }
  }
}
