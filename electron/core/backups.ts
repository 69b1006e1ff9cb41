/**
 * Backups, written through SQLite into `<workspace>.backups/` beside the workspace file:
 * - rolling ones (`open`, `periodic`), a bounded number kept;
 * - safety ones (`before-restore`, `before-migration-N`, anything else), kept apart from the rolling set,
 *   so that a few restores never push out the backups a person was looking for.
 * Files that do not follow the naming are ignored and never deleted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { notFound } from '../api/errors.ts';
import type { BackupInfo } from '../api/types.ts';
import type { Db } from './database.ts';

const NAME = /^(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)(?:-(\d+))?_([a-z0-9-]+)\.waymark$/;
const REASON = /^[a-z0-9-]+$/;
const ROLLING: ReadonlySet<string> = new Set(['open', 'periodic']);
/** Safety backups kept (newest first), apart from the rolling set. */
export const SAFETY_BACKUPS_KEPT = 10;

export function defaultBackupsDir(workspacePath: string): string {
  return `${workspacePath}.backups`;
}

export class Backups {
  readonly dir: string;
  private readonly now: () => Date;
  private readonly keep: number;

  constructor(dir: string, now: () => Date, keep: number) {
    this.dir = dir;
    this.now = now;
    this.keep = keep;
  }

  /** Newest first (of two in the same millisecond, the later one first). Files that do not follow our naming are ignored (and never deleted). */
  list(): BackupInfo[] {
    if (!fs.existsSync(this.dir)) return [];
    const found: { info: BackupInfo; time: number; n: number }[] = [];
    for (const file of fs.readdirSync(this.dir)) {
      const m = NAME.exec(file);
      if (!m?.[1] || !m[3]) continue;
      const stamp = m[1];
      const createdAt = `${stamp.slice(0, 10)}T${stamp.slice(11, 13)}:${stamp.slice(14, 16)}:${stamp.slice(17, 19)}.${stamp.slice(20, 23)}Z`;
      let sizeBytes: number;
      try {
        sizeBytes = fs.statSync(path.join(this.dir, file)).size;
      } catch {
        continue; // pruned or removed meanwhile
      }
      found.push({ info: { id: file, createdAt, reason: m[3], sizeBytes }, time: Date.parse(createdAt), n: Number(m[2] ?? 1) });
    }
    return found.sort((a, b) => b.time - a.time || b.n - a.n).map((f) => f.info);
  }

  /** A backup named by id; only ids from `list()` are accepted (no paths). */
  get(id: string): BackupInfo {
    const found = this.list().find((b) => b.id === id);
    if (!found) throw notFound(`There is no backup called "${id}".`);
    return found;
  }

  /** A compact, consistent copy, now (VACUUM INTO). Blocks its caller while it runs. */
  take(db: Db, reason: string): BackupInfo {
    const { file, target, partial } = this.nextName(reason);
    try {
      db.prepare('VACUUM INTO ?').run(partial);
      fs.renameSync(partial, target);
    } catch (error) {
      fs.rmSync(partial, { force: true });
      throw error;
    }
    return this.finish(file);
  }

  /**
   * A consistent copy through SQLite's online backup, a few pages at a time, yielding to other work between
   * steps: the workspace goes on answering while it runs. Never leaves a partial file under a backup's name.
   */
  async takeOnline(db: Db, reason: string): Promise<BackupInfo> {
    const { file, target, partial } = this.nextName(reason);
    try {
      await db.backup(partial, { progress: () => 64 });
      fs.renameSync(partial, target);
    } catch (error) {
      fs.rmSync(partial, { force: true });
      // SQLite calls a folder removed under it "disk I/O error": the person is told which folder went.
      throw fs.existsSync(this.dir) ? error : Object.assign(new Error(`The backups folder ${this.dir} was removed while a backup was written`), { code: 'ENOENT' });
    }
    return this.finish(file);
  }

  private nextName(reason: string): { file: string; target: string; partial: string } {
    // Checked before anything is touched: a reason is part of a file name.
    if (!REASON.test(reason)) throw new Error(`A backup reason must be lower-case letters, digits and dashes: "${reason}"`);
    fs.mkdirSync(this.dir, { recursive: true });
    const stamp = this.now().toISOString().replace(/:/g, '-').replace('.', '-');
    let file = `${stamp}_${reason}.waymark`;
    for (let n = 2; fs.existsSync(path.join(this.dir, file)) || fs.existsSync(path.join(this.dir, `${file}.partial`)); n++) file = `${stamp}-${n}_${reason}.waymark`;
    const target = path.join(this.dir, file);
    const partial = `${target}.partial`;
    fs.rmSync(partial, { force: true });
    return { file, target, partial };
  }

  private finish(file: string): BackupInfo {
    this.prune(file);
    const info = this.list().find((b) => b.id === file);
    if (!info) throw new Error(`Backup ${file} vanished right after it was written`);
    return info;
  }

  /** Keeps the newest of each set, and always the one just written (older than the rest when the clock was set back). */
  private prune(justWritten: string): void {
    const all = this.list();
    const rolling = all.filter((b) => ROLLING.has(b.reason));
    const safety = all.filter((b) => !ROLLING.has(b.reason));
    for (const old of [...rolling.slice(this.keep), ...safety.slice(SAFETY_BACKUPS_KEPT)]) {
      if (old.id !== justWritten) fs.rmSync(path.join(this.dir, old.id), { force: true });
    }
  }
}
