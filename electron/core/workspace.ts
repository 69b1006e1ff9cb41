/**
 * A workspace: one SQLite file holding many maps and the research behind them.
 * `Workspace.open` is the only way in; `call` is the only way the hosts reach the services.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { contract, type OperationName, type OperationResult } from '../api/contract.ts';
import { conflict, invalid, notFound, unsupported, WaymarkError } from '../api/errors.ts';
import type { BackupInfo, WorkspaceInfo } from '../api/types.ts';
import { parseInput } from '../api/validate.ts';
import { Backups, defaultBackupsDir } from './backups.ts';
import { inspectWorkspaceFile, migrate, openConnection, type Db } from './database.ts';
import { handlers } from './handlers.ts';
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
  now?: () => Date;
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;

export class Workspace {
  readonly path: string;
  readonly backups: Backups;
  private db: Db;
  private readonly now: () => Date;
  private readonly backupIntervalMs: number;
  private lastBackupAt: Date | null;
  private restoring = false;
  private closed = false;

  private constructor(file: string, db: Db, backups: Backups, now: () => Date, intervalMs: number, lastBackupAt: Date | null) {
    this.path = file;
    this.db = db;
    this.backups = backups;
    this.now = now;
    this.backupIntervalMs = intervalMs;
    this.lastBackupAt = lastBackupAt;
  }

  static open(file: string, options: OpenOptions = {}): Workspace {
    const now = options.now ?? (() => new Date());
    const backups = new Backups(options.backupsDir ?? defaultBackupsDir(file), now, options.keepBackups ?? 20);
    const db = openChecked(file, options, backups, now);
    const ws = new Workspace(file, db, backups, now, options.backupIntervalMs ?? FIFTEEN_MINUTES, null);
    ws.lastBackupAt = now();
    return ws;
  }

  get ctx(): Ctx {
    if (this.closed) throw conflict('This workspace has been closed.');
    if (this.restoring) throw conflict('A backup is being restored; try again in a moment.');
    return { db: this.db, now: this.now };
  }

  /** Validate input against the contract, run the operation, and take a rolling backup when one is due. */
  async call<K extends OperationName>(name: K, input: unknown): Promise<OperationResult<K>> {
    if (!Object.hasOwn(contract, name)) throw notFound(`There is no operation called "${name}".`);
    const parsed = parseInput(name, input);
    let result: OperationResult<K>;
    try {
      result = await handlers[name](this, parsed);
    } catch (error) {
      throw translateSqliteError(error);
    }
    if (contract[name].mutates && name !== 'workspace.restore') this.backupIfDue();
    return result;
  }

  info(): WorkspaceInfo {
    const { db } = this.ctx;
    return {
      path: this.path,
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      appSchemaVersion: LATEST_SCHEMA_VERSION,
      mapCount: db.prepare('SELECT count(*) FROM maps').pluck().get() as number,
      backupsDir: this.backups.dir,
      lastBackupAt: this.lastBackupAt?.toISOString() ?? null,
    };
  }

  backupNow(reason: string): BackupInfo {
    const info = this.backups.take(this.ctx.db, reason);
    this.lastBackupAt = this.now();
    return info;
  }

  private backupIfDue(): void {
    const last = this.lastBackupAt?.getTime() ?? 0;
    if (this.now().getTime() - last >= this.backupIntervalMs) this.backupNow('periodic');
  }

  /** Replace the workspace with a backup. The current state is backed up first, so a restore can be undone. */
  async restore(id: string): Promise<{ restored: BackupInfo; safetyBackup: BackupInfo }> {
    const source = this.backups.pathOf(id);
    const restored = this.backups.list().find((b) => b.id === id);
    if (!restored) throw notFound(`There is no backup called "${id}".`);
    inspectWorkspaceFile(source); // throws with a clear message if the backup itself is damaged or too new
    const safetyBackup = this.backupNow('before-restore');
    this.restoring = true;
    try {
      this.db.close();
      const src = new Database(source, { readonly: true, fileMustExist: true });
      try {
        await src.backup(this.path);
      } finally {
        src.close();
      }
    } finally {
      this.db = openChecked(this.path, { create: false }, this.backups, this.now);
      this.restoring = false;
    }
    return { restored, safetyBackup };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

/** Inspect read-only, back up before a migration, then open for writing and migrate. */
function openChecked(file: string, options: OpenOptions, backups: Backups, now: () => Date): Db {
  const inspection = inspectWorkspaceFile(file);
  if (inspection.state === 'missing') {
    if (options.create === false) throw notFound(`There is no workspace at "${file}".`);
    try {
      const db = openConnection(file);
      migrate(db, now);
      if (options.sample) seedSample({ db, now });
      return db;
    } catch (error) {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
      throw error;
    }
  }
  try {
    fs.accessSync(file, fs.constants.W_OK);
  } catch {
    throw unsupported(`"${path.basename(file)}" is read-only, and Waymark saves every edit as it is made. Copy it somewhere you can write, or change its permissions.`);
  }
  if (inspection.schemaVersion < LATEST_SCHEMA_VERSION) {
    const ro = new Database(file, { readonly: true, fileMustExist: true });
    try {
      backups.take(ro, `before-migration-${inspection.schemaVersion}`);
    } finally {
      ro.close();
    }
  }
  const db = openConnection(file);
  try {
    migrate(db, now);
    backups.take(db, 'open');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** SQLite's own refusals, in words a person can act on. Anything else passes through unchanged. */
function translateSqliteError(error: unknown): unknown {
  if (error instanceof WaymarkError) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  if (code.startsWith('SQLITE_CONSTRAINT')) return invalid('That change breaks a rule of the workspace and was not saved.');
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return conflict('The workspace is busy in another program; try again.');
  if (code === 'SQLITE_FULL') return conflict('The disk is full; the change was not saved.');
  if (code === 'SQLITE_READONLY') return conflict('The workspace file is read-only; the change was not saved.');
  return error;
}
