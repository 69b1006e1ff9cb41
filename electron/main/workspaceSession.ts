/**
 * The workspace the desktop window works on, and the one queue every access goes through: contract calls
 * from the window, switching to another file, restoring a copy of a backup. A restore is asynchronous, so
 * without the queue a call could arrive half-way through it, or a switch could close a workspace that a call
 * is using. No value imports from 'electron': tested in plain Node.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { OperationName, OperationResult } from '../api/contract.ts';
import { conflict } from '../api/errors.ts';
import { inspectWorkspaceFile } from '../core/database.ts';
import { Workspace } from '../core/workspace.ts';

/** Tasks run one at a time, in the order they were queued. */
export function serialQueue(): <T>(task: () => T | Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => T | Promise<T>): Promise<T> => {
    const next = tail.then(task, task);
    tail = next.catch(() => undefined);
    return next;
  };
}

export interface OpenRequest {
  /** Fill the workspace with the sample map if the file is created now. */
  sample?: boolean;
  /** The person asked for a new workspace: refuse a file that already exists rather than open or replace it. */
  mustBeNew?: boolean;
}

export class WorkspaceSession {
  private current: Workspace | null = null;
  private readonly run = serialQueue();

  /** The path of the open workspace, or null. */
  get path(): string | null {
    return this.current?.path ?? null;
  }

  get isOpen(): boolean {
    return this.current !== null;
  }

  /** Run a contract operation on the open workspace, after everything queued before it. */
  call<K extends OperationName>(name: K, input: unknown): Promise<OperationResult<K>> {
    return this.run(() => {
      if (!this.current) throw conflict('No workspace is open. Open or create one from the File menu.');
      return this.current.call(name, input);
    });
  }

  /**
   * Make `file` the open workspace (created if missing). The new one is opened before the old one is closed,
   * so when opening fails (a damaged or foreign file: core's message says which) the old one stays open.
   */
  open(file: string, request: OpenRequest = {}): Promise<void> {
    return this.run(() => {
      const target = path.resolve(file);
      if (request.mustBeNew && fs.existsSync(target)) {
        throw conflict(`"${path.basename(target)}" already exists, and Waymark never replaces a file. Choose another name, or open it with Open Workspace….`);
      }
      if (target === this.current?.path) return;
      this.replaceWith(Workspace.open(target, { sample: request.sample ?? false }));
    });
  }

  /**
   * Start again from a backup: copy the backup file to `target` (a new file; never over an existing one) and
   * open the copy. The backup itself is left as it is, and so is the workspace it came from.
   */
  openBackupCopy(backupFile: string, target: string): Promise<void> {
    return this.run(() => {
      const dest = path.resolve(target);
      if (fs.existsSync(dest)) throw conflict(`"${path.basename(dest)}" already exists, and Waymark never replaces a file. Choose another name.`);
      inspectWorkspaceFile(backupFile); // a damaged or foreign backup is refused with its own name in the message
      fs.copyFileSync(backupFile, dest, fs.constants.COPYFILE_EXCL); // a backup is a closed file, not a live database
      let opened: Workspace;
      try {
        opened = Workspace.open(dest, { create: false });
      } catch (error) {
        for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dest + suffix, { force: true });
        throw error;
      }
      this.replaceWith(opened);
    });
  }

  /** Close the open workspace once everything queued has run. */
  close(): Promise<void> {
    return this.run(() => {
      this.current?.close();
      this.current = null;
    });
  }

  private replaceWith(next: Workspace): void {
    const previous = this.current;
    this.current = next;
    previous?.close();
  }
}
