/**
 * Rolling backups, written through SQLite (VACUUM INTO gives a consistent, compact snapshot of a live
 * database) into `<workspace>.backups/` beside the workspace file. A bounded number are kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { notFound } from '../api/errors.ts';
import type { BackupInfo } from '../api/types.ts';
import type { Db } from './database.ts';

const NAME = /^(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)(?:-\d+)?_([a-z-]+)\.waymark$/;

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
      if (!m || !m[1] || !m[2]) continue;
      const stamp = m[1];
      const createdAt = `${stamp.slice(0, 10)}T${stamp.slice(11, 13)}:${stamp.slice(14, 16)}:${stamp.slice(17, 19)}.${stamp.slice(20, 23)}Z`;
      backups.push({ id: file, createdAt, reason: m[2], sizeBytes: fs.statSync(path.join(this.dir, file)).size });
    }
    return backups.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  }

  /** The file of a backup named by id; only ids from `list()` are accepted (no paths). */
  pathOf(id: string): string {
    const found = this.list().find((b) => b.id === id);
    if (!found) throw notFound(`There is no backup called "${id}".`);
    return path.join(this.dir, found.id);
  }

  take(db: Db, reason: string): BackupInfo {
    fs.mkdirSync(this.dir, { recursive: true });
    const stamp = this.now().toISOString().replace(/:/g, '-').replace('.', '-');
    let file = `${stamp}_${reason}.waymark`;
    for (let n = 2; fs.existsSync(path.join(this.dir, file)); n++) file = `${stamp}-${n}_${reason}.waymark`;
    const target = path.join(this.dir, file);
    const partial = `${target}.partial`;
    fs.rmSync(partial, { force: true });
    db.prepare('VACUUM INTO ?').run(partial);
    fs.renameSync(partial, target);
    this.prune();
    const info = this.list().find((b) => b.id === file);
    if (!info) throw new Error(`Backup ${file} vanished right after it was written`);
    return info;
  }

  private prune(): void {
    for (const old of this.list().slice(this.keep)) fs.rmSync(path.join(this.dir, old.id), { force: true });
  }
}
