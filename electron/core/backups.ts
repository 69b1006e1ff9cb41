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

const NAME = /^(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)(?:-\d+)?_([a-z0-9-]+)\.waymark$/;
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

  /** Newest first. Files that do not follow our naming are ignored (and never deleted). */
  list(): BackupInfo[] {
    if (!fs.existsSync(this.dir)) return [];
    const backups: BackupInfo[] = [];
    for (const file of fs.readdirSync(this.dir)) {
      const m = NAME.exec(file);
      if (!m?.[1] || !m[2]) continue;
      const stamp = m[1];
      const createdAt = `${stamp.slice(0, 10)}T${stamp.slice(11, 13)}:${stamp.slice(14, 16)}:${stamp.slice(17, 19)}.${stamp.slice(20, 23)}Z`;
      let sizeBytes: number;
      try {
        sizeBytes = fs.statSync(path.join(this.dir, file)).size;
      } catch {
        continue; // pruned or removed meanwhile
      }
      backups.push({ id: file, createdAt, reason: m[2], sizeBytes });
    }
    return backups.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  }

  /** The file of a backup named by id; only ids from `list()` are accepted (no paths). */
  pathOf(id: string): string {
    const found = this.list().find((b) => b.id === id);
    if (!found) throw notFound(`There is no backup called "${id}".`);
    return path.join(this.dir, found.id);
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
      throw error;
    }
    return this.finish(file);
  }

  private nextName(reason: string): { file: string; target: string; partial: string } {
    fs.mkdirSync(this.dir, { recursive: true });
    const stamp = this.now().toISOString().replace(/:/g, '-').replace('.', '-');
    let file = `${stamp}_${reason}.waymark`;
    for (let n = 2; fs.existsSync(path.join(this.dir, file)) || fs.existsSync(path.join(this.dir, `${file}.partial`)); n++) file = `${stamp}-${n}_${reason}.waymark`;
    const target = path.join(this.dir, file);
    const partial = `${target}.partial`;
    fs.rmSync(partial, { force: true });
    if (!NAME.test(file)) throw new Error(`A backup reason must be lower-case letters, digits and dashes: "${reason}"`);
    return { file, target, partial };
  }

  private finish(file: string): BackupInfo {
    this.prune();
    const info = this.list().find((b) => b.id === file);
    if (!info) throw new Error(`Backup ${file} vanished right after it was written`);
    return info;
  }

  private prune(): void {
    const all = this.list();
    const rolling = all.filter((b) => ROLLING.has(b.reason));
    const safety = all.filter((b) => !ROLLING.has(b.reason));
    for (const old of [...rolling.slice(this.keep), ...safety.slice(SAFETY_BACKUPS_KEPT)]) fs.rmSync(path.join(this.dir, old.id), { force: true });
  }
}
