/**
 * Opening a workspace file safely. A file is inspected read-only first; only a file that is a healthy
 * Waymark workspace of this or an older schema is ever opened for writing.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { unsupported, WaymarkError } from '../api/errors.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, WAYMARK_APPLICATION_ID } from './migrations/index.ts';

export type Db = Database.Database;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export type Inspection =
  | { state: 'missing' }
  | { state: 'workspace'; schemaVersion: number };

function describeSqliteError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Whether the start of a file reads as text, in any script and encoding: almost none of its bytes is a control
 * character other than tab and line breaks (binary files are full of them; UTF-8 never uses them for letters).
 */
function looksLikeText(bytes: Buffer): boolean {
  let control = 0;
  for (const b of bytes) if (b < 32 && b !== 9 && b !== 10 && b !== 13) control++;
  return control / bytes.length < 0.05;
}

/**
 * Decide what a path holds without changing it. Throws a WaymarkError with a message a person can act on
 * for anything that is not a usable workspace.
 */
export function inspectWorkspaceFile(file: string): Inspection {
  const name = path.basename(file);
  const dir = path.dirname(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      if (!fs.existsSync(dir)) throw unsupported(`The folder "${dir}" does not exist, so "${name}" cannot be opened or created there.`);
      return { state: 'missing' };
    }
    if (code === 'EACCES' || code === 'EPERM') throw unsupported(`Waymark is not allowed to read "${file}".`);
    throw unsupported(`"${file}" cannot be read: ${describeSqliteError(error)}`);
  }
  if (stat.isDirectory()) throw unsupported(`"${file}" is a folder, not a Waymark workspace file.`);
  if (!stat.isFile()) throw unsupported(`"${file}" is not a regular file, so it cannot be a Waymark workspace.`);
  if (stat.size === 0) throw unsupported(`"${name}" is empty (0 bytes); it is not a Waymark workspace.`);

  const head = Buffer.alloc(Math.min(stat.size, 512));
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    throw unsupported(`Waymark is not allowed to read "${file}".`);
  }
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!head.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER)) {
    const what = looksLikeText(head) ? 'it looks like a text file' : 'it is not a SQLite database';
    throw unsupported(`"${name}" is not a Waymark workspace (${what}).`);
  }
  if (stat.size < 512) throw unsupported(`"${name}" is damaged: the database file is truncated (${stat.size} bytes).`);

  // A read-only open of a WAL-mode file makes SQLite create -wal and -shm beside it; remove the ones this
  // inspection created, so that a refused file leaves its folder exactly as it was.
  const sidecars = ['-wal', '-shm'].map((suffix) => `${file}${suffix}`).filter((f) => !fs.existsSync(f));
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true });
    // SQLite reports what is wrong as lines under a "*** in database main ***" heading; the first three say enough.
    const report = (db.pragma('quick_check(3)', { simple: false }) as { quick_check: string }[]).map((row) => row.quick_check);
    if (report.join() !== 'ok') {
      const problems = report.flatMap((r) => r.split('\n')).filter((line) => !line.startsWith('*** '));
      throw unsupported(`"${name}" is damaged: ${problems.join('; ')}.`);
    }
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (applicationId !== WAYMARK_APPLICATION_ID) {
      const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n;
      throw unsupported(
        tables > 0
          ? `"${name}" is a SQLite database of another program, not a Waymark workspace.`
          : `"${name}" is an empty SQLite database, not a Waymark workspace.`,
      );
    }
    if (version > LATEST_SCHEMA_VERSION) {
      throw unsupported(
        `"${name}" was written by a newer version of Waymark (workspace schema ${version}; this version understands up to ${LATEST_SCHEMA_VERSION}). Update Waymark to open it.`,
      );
    }
    checkRecordedMigrations(db, name);
    return { state: 'workspace', schemaVersion: version };
  } catch (error) {
    if (error instanceof WaymarkError) throw error;
    const code = (error as { code?: string }).code ?? '';
    // No room for the small -shm index a WAL file needs while it is read: the disk is full, the file is fine.
    if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_SHMSIZE') throw diskFull(name);
    if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_IOERR')) {
      throw unsupported(`"${name}" is damaged: the database is corrupt or truncated (${describeSqliteError(error)}).`);
    }
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      throw unsupported(`"${name}" is locked by another program. Close it there and try again.`);
    }
    // A WAL file is read with a -shm index beside it: where that cannot be made (a read-only folder or disk),
    // SQLite says "readonly" or "unable to open", and a person needs to hear that the place is read-only.
    if (!canWriteBeside(file)) throw readOnly(name);
    throw unsupported(`"${name}" cannot be opened as a workspace: ${describeSqliteError(error)}.`);
  } finally {
    db?.close();
    removeCreatedSidecars(sidecars);
  }
}

/** A workspace Waymark cannot keep saving to: the file, or the folder its journal goes in, cannot be written. */
export const readOnly = (name: string) =>
  unsupported(`"${name}" is read-only, and Waymark saves every edit as it is made. Copy it somewhere you can write, or change its permissions.`);

export const diskFull = (name: string) =>
  unsupported(`There is not enough free disk space to open "${name}" safely (the disk is full). Free some space and try again; the file was not changed.`);

/** Whether the file and its folder can be written (SQLite writes its journal beside the file). */
export function canWriteBeside(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * SQLite's refusals while a workspace is opened, created or migrated, in words a person can act on; the
 * file is named. Anything else (a WaymarkError too: its codes are never SQLite's) passes through unchanged.
 */
export function translateOpenError(error: unknown, file: string): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return error;
  const name = path.basename(file);
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_SHMSIZE' || code === 'ENOSPC') return diskFull(name);
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') return readOnly(name);
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return unsupported(`"${name}" is damaged: ${describeSqliteError(error)}. The file was not changed; open one of its backups instead.`);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return unsupported(`"${name}" is locked by another program. Close it there and try again.`);
  if (code.startsWith('SQLITE_IOERR')) return unsupported(`"${name}" could not be read or written (a disk error: ${describeSqliteError(error)}). The file was not changed.`);
  return error;
}

function removeCreatedSidecars(files: readonly string[]): void {
  for (const f of files) {
    try {
      // A -wal with content would hold someone's committed data: never delete that.
      if (f.endsWith('-wal') && fs.statSync(f).size > 0) continue;
      fs.rmSync(f);
    } catch {
      // Not there: nothing to clean.
    }
  }
}

function checkRecordedMigrations(db: Db, name: string): void {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!hasTable) throw unsupported(`"${name}" is damaged: it has no record of its schema migrations.`);
  const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number; name: string }[];
  rows.forEach((row, i) => {
    const known = MIGRATIONS[i];
    if (!known || known.version !== row.version || known.name !== row.name) {
      throw unsupported(
        `"${name}" records a schema migration this version of Waymark does not know (${row.version} "${row.name}"); it may come from a different build of Waymark.`,
      );
    }
  });
}

/** Open for writing with the settings every connection uses. */
export function openConnection(file: string): Db {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // macOS: fsync does not reach the platters without F_FULLFSYNC; elsewhere these are no-ops.
    db.pragma('fullfsync = ON');
    db.pragma('checkpoint_fullfsync = ON');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * Apply every migration newer than the file's version, each in its own transaction. The connection is one of
 * openConnection's, with foreign keys on; they are on again after a migration that switches them off.
 */
export function migrate(db: Db, now: () => Date): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT');
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    // PRAGMA foreign_keys is a no-op inside a transaction: it is switched off before one starts.
    if (migration.rebuildsTables) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        migration.up(db);
        if (migration.rebuildsTables) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0) {
            throw unsupported(
              `The workspace has ${broken.length} broken reference(s) (a record pointing at one that is gone), so it cannot be upgraded to schema ${migration.version}. Nothing was changed.`,
            );
          }
        }
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
          migration.version,
          migration.name,
          now().toISOString(),
        );
        db.pragma(`application_id = ${WAYMARK_APPLICATION_ID}`);
        db.pragma(`user_version = ${migration.version}`);
      })();
    } finally {
      db.pragma('foreign_keys = ON');
    }
  }
}
