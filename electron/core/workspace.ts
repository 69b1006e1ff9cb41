/**
 * A workspace: one SQLite file holding many maps and the research behind them.
 * `Workspace.open` is the only way in; `call` is the only way the hosts reach the services.
 * Every committed change is an event (`subscribe`): hosts push them to every client.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { contract, type OperationName, type OperationResult } from '../api/contract.ts';
import { conflict, notFound, WaymarkError } from '../api/errors.ts';
import type { BackupInfo, ChangeSet, WorkspaceEvent, WorkspaceInfo } from '../api/types.ts';
import { serialQueue } from '../api/queue.ts';
import { parseInput } from '../api/validate.ts';
import { Backups, defaultBackupsDir } from './backups.ts';
import { jsonBytes } from './engine/serve.ts';
import { partialPathFor } from './io/files.ts';
import { inspectWorkspaceFile, migrate, openConnection, readOnly, translateOpenError, type Db } from './database.ts';
import { translateSqliteError } from './errors.ts';
import { handlers } from './handlers.ts';
import { MapJsonCache } from './mapJsonCache.ts';
import { LATEST_SCHEMA_VERSION } from './migrations/index.ts';
import type { Ctx } from './records.ts';
import { seedSample } from './sample.ts';

export interface OpenOptions {
  /** Create the file if it does not exist (default true). */
  create?: boolean;
  /** Fill a newly created workspace with the sample map and research (default false). */
  sample?: boolean;
  backupsDir?: string;
  /** How many rolling backups to keep (default 20). */
  keepBackups?: number;
  /** Minimum time between backups taken while edits happen (default 15 minutes). */
  backupIntervalMs?: number;
  /** After a backup failed, how long until the next try (default 1 minute). */
  backupRetryMs?: number;
  now?: () => Date;
}

/** Who is calling: lets a client recognise the events its own calls caused. */
export interface CallMeta {
  clientId?: string;
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;
const ONE_MINUTE = 60 * 1000;

export class Workspace {
  readonly path: string;
  readonly backups: Backups;
  /** Names this open session of the workspace in events; sequence numbers count within it. */
  readonly session = randomUUID();
  private db: Db;
  private readonly now: () => Date;
  private readonly backupIntervalMs: number;
  private readonly backupRetryMs: number;
  private lastBackupAt: Date | null = null;
  private lastBackupTry: Date | null = null;
  private backupProblem: string | null = null;
  /** Backups take turns: a rolling one, one on demand, the one before a restore. */
  private readonly backupQueue = serialQueue();
  private backupsWaiting = 0;
  private restoring = false;
  private closed = false;
  private seq = 0;
  private readonly listeners = new Set<(event: WorkspaceEvent) => void>();
  /** The JSON text of the last few maps.getColumns answers (what `callJson` answers an unchanged map with). */
  readonly mapJson = new MapJsonCache();

  private constructor(file: string, db: Db, backups: Backups, now: () => Date, options: OpenOptions) {
    this.path = file;
    this.db = db;
    this.backups = backups;
    this.now = now;
    this.backupIntervalMs = options.backupIntervalMs ?? FIFTEEN_MINUTES;
    this.backupRetryMs = options.backupRetryMs ?? ONE_MINUTE;
  }

  static open(file: string, options: OpenOptions = {}): Workspace {
    const now = options.now ?? (() => new Date());
    const backups = new Backups(options.backupsDir ?? defaultBackupsDir(file), now, options.keepBackups ?? 20);
    const { db, backupProblem } = openChecked(file, options, backups, now);
    const ws = new Workspace(file, db, backups, now, options);
    ws.lastBackupAt = backupProblem === null ? now() : null;
    if (backupProblem !== null) {
      ws.backupProblem = backupProblem;
      ws.lastBackupTry = now();
    }
    return ws;
  }

  get ctx(): Ctx {
    this.requireUsable();
    return { db: this.db, now: this.now };
  }

  private requireUsable(): void {
    if (this.closed) throw conflict('This workspace has been closed.');
    if (this.restoring) throw conflict('A backup is being restored; try again in a moment.');
  }

  /** Listen to every committed change; returns the function that stops listening. */
  subscribe(listener: (event: WorkspaceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Validate input against the contract, run the operation, announce what it changed, and start a rolling
   * backup when one is due. The backup never fails or delays the call: it runs after the answer, and a
   * failure is reported (workspace.info, an event) and tried again later.
   */
  async call<K extends OperationName>(name: K, input: unknown, meta: CallMeta = {}): Promise<OperationResult<K>> {
    if (!Object.hasOwn(contract, name)) throw notFound(`There is no operation called "${name}".`);
    if (this.closed) throw conflict('This workspace has been closed.');
    const parsed = parseInput(name, input);
    let result: OperationResult<K>;
    try {
      result = await handlers[name](this, parsed);
    } catch (error) {
      throw translateSqliteError(error);
    }
    // The maps.getColumns answers held need no word of a mutation: the cache sees any write of this connection
    // (and which cards it changed) and any commit of another itself (mapJsonCache.ts).
    if (contract[name].mutates) {
      if (name === 'workspace.restore') this.emit({ type: 'reset', clientId: meta.clientId ?? null, reason: 'A backup was restored.' });
      else {
        // The reply carries the event's sequence number too, so a client can tell which of the two is newer
        // when its own reply and another client's change arrive by different ways.
        const changes = result as ChangeSet;
        changes.seq = this.seq + 1;
        this.emit({ type: 'changes', clientId: meta.clientId ?? null, operation: name, changes });
        this.backupIfDue();
      }
    }
    return result;
  }

  /**
   * A call's result as its JSON text in UTF-8, in a buffer the caller may move (what the engine sends the
   * browser host): `maps.getColumns` of a map unchanged since it was last read is answered from the text held.
   */
  async callJson(name: OperationName, input: unknown, meta: CallMeta = {}): Promise<Uint8Array<ArrayBuffer>> {
    if (name !== 'maps.getColumns') return jsonBytes(await this.call(name, input, meta));
    if (this.closed) throw conflict('This workspace has been closed.');
    const { id } = parseInput(name, input);
    try {
      return this.mapJson.columnsJson(this.ctx, id);
    } catch (error) {
      throw translateSqliteError(error);
    }
  }

  private emit(event: DistributiveOmit<WorkspaceEvent, 'seq' | 'session'>): void {
    const full = { ...event, seq: ++this.seq, session: this.session } as WorkspaceEvent;
    for (const listener of this.listeners) {
      try {
        listener(full);
      } catch {
        // A listener's failure (a client that went away) is the host's to handle; the change is committed.
      }
    }
  }

  info(): WorkspaceInfo {
    const { db } = this.ctx;
    return {
      // The file's name only: the renderer is never handed a path it did not choose (DESIGN rule 3).
      name: path.basename(this.path),
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      appSchemaVersion: LATEST_SCHEMA_VERSION,
      mapCount: db.prepare('SELECT count(*) FROM maps').pluck().get() as number,
      lastBackupAt: this.lastBackupAt?.toISOString() ?? null,
      backupProblem: this.backupProblem,
    };
  }

  /**
   * A copy of the workspace under another name the person chose (File › Save a Copy As…; the browser host's
   * download): compact and consistent (VACUUM INTO), written beside the target and renamed over it, so a
   * file already there is replaced only by a whole copy. This workspace stays the one open.
   */
  saveCopy(target: string): void {
    this.requireUsable();
    const dest = path.resolve(target);
    const own = path.resolve(this.path);
    if ([own, `${own}-wal`, `${own}-shm`, `${own}-journal`].includes(dest)) {
      throw conflict(`"${path.basename(dest)}" is the open workspace itself; save the copy under another name.`);
    }
    const folder = path.dirname(dest);
    // SQLite says only that it cannot open the file; the person is told the folder is not there.
    if (!fs.existsSync(folder)) throw conflict(`The copy could not be written (the folder ${folder} is missing). The workspace is unchanged.`);
    const partial = partialPathFor(dest);
    try {
      this.ctx.db.prepare('VACUUM INTO ?').run(partial);
      fs.renameSync(partial, dest);
    } catch (error) {
      fs.rmSync(partial, { force: true });
      if (error instanceof WaymarkError) throw error;
      throw conflict(`The copy could not be written (${describeBackupFailure(error, `the folder ${folder}`)}). The workspace is unchanged.`);
    }
  }

  /** A backup now, synchronously (VACUUM INTO): before a restore, or when a person asks for one. */
  backupNow(reason: string): BackupInfo {
    const info = this.backups.take(this.ctx.db, reason);
    this.lastBackupAt = this.now();
    this.backupProblem = null;
    return info;
  }

  /**
   * A backup now, through SQLite's online backup (a few pages at a time): calls go on while it is written.
   * Backups take turns (one queue), so two never write at once, whoever asked for them.
   */
  async backupOnline(reason: string): Promise<BackupInfo> {
    this.requireUsable();
    try {
      return await this.inBackupTurn(async () => {
        const info = await this.backups.takeOnline(this.db, reason);
        this.lastBackupAt = this.now();
        this.backupProblem = null;
        return info;
      });
    } catch (error) {
      if (error instanceof WaymarkError) throw error;
      throw conflict(`The backup could not be written (${describeBackupFailure(error)}). Your workspace is unchanged and every edit is saved.`);
    }
  }

  /** Settles once every backup under way or waiting has finished (or failed). */
  async idle(): Promise<void> {
    await this.backupQueue.idle();
  }

  private inBackupTurn<T>(task: () => Promise<T>): Promise<T> {
    this.backupsWaiting++;
    return this.backupQueue
      .run(() => {
        if (this.closed) throw conflict('This workspace has been closed.');
        return task();
      })
      .finally(() => this.backupsWaiting--);
  }

  private backupIfDue(): void {
    if (this.backupsWaiting > 0 || this.closed) return;
    const now = this.now().getTime();
    const last = this.lastBackupAt?.getTime() ?? 0;
    if (now - last < this.backupIntervalMs) return;
    if (this.backupProblem && this.lastBackupTry && now - this.lastBackupTry.getTime() < this.backupRetryMs) return;
    this.lastBackupTry = this.now();
    // SQLite's online backup, copied a few pages at a time between other calls: edits go on meanwhile.
    // What it leads to is settled inside its turn, so that `idle()` sees the outcome too.
    void this.inBackupTurn(async () => {
      try {
        await this.backups.takeOnline(this.db, 'periodic');
        this.lastBackupAt = this.now();
        this.backupProblem = null;
      } catch (error) {
        // Closed meanwhile: the listeners are gone, and nobody can ask for the problem any more.
        this.backupProblem = describeBackupFailure(error);
        this.emit({ type: 'backup-problem', clientId: null, message: this.backupProblem });
      }
    }).catch(() => undefined); // closed meanwhile: nothing to report to
  }

  /**
   * Replace the workspace with a backup. The current state is backed up first, so a restore can be undone.
   * The backup is copied beside the workspace and checked before anything is replaced: when it cannot be
   * restored, the workspace stays as it was and open.
   */
  async restore(id: string): Promise<{ restored: BackupInfo; safetyBackup: BackupInfo }> {
    this.requireUsable();
    const restored = this.backups.get(id); // only a backup in the list: never a path
    const source = path.join(this.backups.dir, restored.id);
    inspectWorkspaceFile(source); // throws with a clear message if the backup itself is damaged or too new
    this.restoring = true; // from here on, every other call is refused until the restore is over
    let safetyBackup: BackupInfo;
    try {
      await this.backupQueue.idle();
      safetyBackup = this.backups.take(this.db, 'before-restore');
      this.lastBackupAt = this.now();
    } catch (error) {
      this.restoring = false;
      throw error instanceof WaymarkError ? error : conflict(`The current state could not be backed up (${describeBackupFailure(error)}), so nothing was restored.`);
    }
    const staged = `${this.path}.restoring`;
    const removeStaged = () => {
      for (const suffix of ['', '-wal', '-shm', '-journal']) {
        try {
          fs.rmSync(staged + suffix);
        } catch {
          // not there, or not ours to remove (e.g. a folder of that name): left as it is
        }
      }
    };
    try {
      removeStaged();
      const src = new Database(source, { readonly: true }); // read-only: a file that has gone is refused, never created
      try {
        await src.backup(staged);
      } finally {
        src.close();
      }
      // An older backup is migrated in its copy, so that nothing is replaced by a file that would not open.
      const check = openConnection(staged);
      try {
        migrate(check, this.now);
        check.pragma('journal_mode = DELETE'); // one self-contained file to move into place
      } finally {
        check.close();
      }
      this.db.close(); // checkpoints the WAL into the old file and removes it, so nothing of it is left behind
      fs.renameSync(staged, this.path);
    } catch (error) {
      removeStaged();
      throw error instanceof WaymarkError ? error : conflict(`The backup could not be restored (${describeBackupFailure(error)}); the workspace is as it was.`);
    } finally {
      this.mapJson.clear(); // the file may have been replaced: nothing read from the old one is kept
      try {
        if (!this.db.open) this.db = openConnection(this.path);
      } finally {
        this.restoring = false; // never left set: a workspace that cannot be reopened says so on every call
      }
    }
    return { restored, safetyBackup };
  }

  /** Close the file. Any later call is refused. A rolling backup under way is abandoned (it is a copy). */
  close(): void {
    this.closed = true; // closing twice is harmless: the connection's close is too
    this.listeners.clear();
    this.mapJson.clear();
    this.db.close();
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Why a backup failed, in a few words for a person (the message of anything unexpected). */
export function describeBackupFailure(error: unknown, folder = 'the backups folder'): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return 'the disk is full';
  // EEXIST, ENOTDIR: a file stands where the folder should be.
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'EEXIST' || code === 'ENOTDIR' || code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN') {
    return `${folder} cannot be written`;
  }
  if (code === 'ENOENT') return `${folder} is missing`;
  return error instanceof Error ? error.message : String(error);
}

/** Inspect read-only, back up before a migration, then open for writing and migrate. */
function openChecked(file: string, options: OpenOptions, backups: Backups, now: () => Date): { db: Db; backupProblem: string | null } {
  const inspection = inspectWorkspaceFile(file);
  if (inspection.state === 'missing') {
    if (options.create === false) throw notFound(`There is no workspace at "${file}".`);
    let db: Db | null = null;
    try {
      db = openConnection(file);
      migrate(db, now);
      if (options.sample) seedSample({ db, now });
      return { db, backupProblem: null };
    } catch (error) {
      db?.close(); // before the files go: an open connection would keep them alive
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
      throw translateOpenError(error, file);
    }
  }
  try {
    fs.accessSync(file, fs.constants.W_OK);
  } catch {
    throw readOnly(path.basename(file));
  }
  if (inspection.schemaVersion < LATEST_SCHEMA_VERSION) {
    // Never migrate without the copy to go back to: a failing backup stops the open here, file unchanged.
    const ro = new Database(file, { readonly: true });
    try {
      backups.take(ro, `before-migration-${inspection.schemaVersion}`);
    } catch (error) {
      // The backup failed, not the workspace: said in those words (left to itself, a full or unwritable backups
      // folder would reach the person as "something went wrong").
      throw conflict(
        `"${path.basename(file)}" was not opened: it must be updated for this version of Waymark, and the backup kept from before the update could not be written (${describeBackupFailure(error)}). The file was not changed.`,
      );
    } finally {
      ro.close();
    }
  }
  let db: Db | null = null;
  try {
    db = openConnection(file);
    migrate(db, now);
  } catch (error) {
    db?.close();
    throw translateOpenError(error, file);
  }
  // The backup taken at open is a convenience: when it cannot be written (a full disk), the workspace still
  // opens, and the problem is reported like any failed rolling backup.
  try {
    backups.take(db, 'open');
  } catch (error) {
    return { db, backupProblem: describeBackupFailure(error) };
  }
  return { db, backupProblem: null };
}
