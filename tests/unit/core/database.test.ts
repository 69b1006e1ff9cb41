/**
 * What a person relies on when Waymark looks at a file before opening it: a file that is not a healthy
 * workspace of this or an older schema is refused in words that say what it is, and nothing in its folder is
 * changed, created or held open; a file that is one is reported with its schema.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { canWriteBeside, inspectWorkspaceFile } from '../../../electron/core/database.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/core/migrations/index.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { closedForWriting, escape, goodWorkspace, refusal } from './databaseHelpers.ts';
import { filesHeldOpenIn, snapshot, tempDir } from './helpers.ts';

const dirs: string[] = [];
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const undo of cleanups.splice(0).reverse()) undo();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function folder(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
}
function write(dir: string, name: string, data: Buffer | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}

describe('what a path holds, told without changing it', () => {
  it('a healthy workspace is reported with its schema, a path with nothing there as missing', () => {
    const dir = folder();
    const file = goodWorkspace(dir, 'w.waymark');
    const before = snapshot(dir);
    expect(inspectWorkspaceFile(file)).toEqual({ state: 'workspace', schemaVersion: LATEST_SCHEMA_VERSION });
    expect(inspectWorkspaceFile(path.join(dir, 'new.waymark'))).toEqual({ state: 'missing' });
    expect(snapshot(dir)).toEqual(before);
  });

  it('a path that goes through a file, as if it were a folder, is refused naming the path, and nothing is created', () => {
    const dir = folder();
    write(dir, 'notes.txt', 'not a folder');
    const file = path.join(dir, 'notes.txt', 'w.waymark');
    const before = snapshot(dir);
    const error = refusal(() => Workspace.open(file));
    expect(error.code).toBe('Unsupported');
    expect(error.message).toMatch(new RegExp(`^"${escape(file)}" cannot be read: ENOTDIR: not a directory`));
    expect(snapshot(dir)).toEqual(before);
  });

  it('a named pipe is not a regular file, and is never read', () => {
    const dir = folder();
    const fifo = path.join(dir, 'pipe.waymark');
    const made = spawnSync('mkfifo', [fifo]);
    expect(made.status, 'mkfifo').toBe(0);
    // Reading a pipe nobody writes to would wait forever: the refusal comes before any read.
    expect(refusal(() => Workspace.open(fifo)).message).toBe(`"${fifo}" is not a regular file, so it cannot be a Waymark workspace.`);
  });

  const TEXT: [string, string][] = [
    ['interview notes in Greek (UTF-8, two bytes a letter)', 'Συνέντευξη 3: η πληρωμή απέτυχε δύο φορές.\n'.repeat(20)],
    ['notes in Japanese (UTF-8, three bytes a letter)', '顧客は支払いの途中で諦めた。\n'.repeat(30)],
    ['a tab-separated export', 'stage\tlane\tcard\n1\t2\t3\n4\t5\t6\n'.repeat(30)],
    ['a CSV file from Windows (CR LF line ends)', 'a,b\r\nc,d\r\n'.repeat(60)],
    ['a printout with a page break (a form feed) on each page', `${'Stage 1: discovery, the customer compares three offers.\n'.repeat(4)}\f`.repeat(5)],
  ];
  for (const [what, text] of TEXT) {
    it(`${what} is called a text file`, () => {
      const dir = folder();
      const file = write(dir, 'notes.waymark', text);
      expect(refusal(() => Workspace.open(file)).message).toBe('"notes.waymark" is not a Waymark workspace (it looks like a text file).');
    });
  }

  it('a file of zero bytes (a download that never arrived) is not a SQLite database, nor text', () => {
    const dir = folder();
    const file = write(dir, 'download.waymark', Buffer.alloc(4096));
    expect(refusal(() => Workspace.open(file)).message).toBe('"download.waymark" is not a Waymark workspace (it is not a SQLite database).');
  });

  it('an empty SQLite database of the smallest page size (512 bytes) is called empty, not damaged', () => {
    const dir = folder();
    const file = path.join(dir, 'blank.waymark');
    const db = new Database(file);
    db.pragma('page_size = 512');
    db.exec('VACUUM');
    db.close();
    expect(fs.statSync(file).size).toBe(512);
    expect(refusal(() => Workspace.open(file)).message).toBe('"blank.waymark" is an empty SQLite database, not a Waymark workspace.');
  });

  it('a refused file is not left open (it can be moved, deleted or opened by another program)', () => {
    const dir = folder();
    const files = [write(dir, 'notes.waymark', 'Interview notes\n'.repeat(50)), write(dir, 'noise.waymark', Buffer.alloc(4096, 1))];
    for (const file of files) refusal(() => Workspace.open(file));
    expect(filesHeldOpenIn(dir)).toEqual([]);
  });
});

describe('a damaged workspace', () => {
  it('is refused naming the first three problems SQLite finds, on one line', () => {
    const dir = folder();
    const file = goodWorkspace(dir, 'w.waymark');
    const data = fs.readFileSync(file);
    const pageSize = data.readUInt16BE(16);
    // A b-tree leaf page with many cells (after page 1 and its file header): its cell pointers are overwritten,
    // so every cell of it points outside the page.
    let page = 2;
    const cellsOf = (p: number) => data.readUInt16BE((p - 1) * pageSize + 3);
    const isLeaf = (p: number) => [0x0a, 0x0d].includes(data[(p - 1) * pageSize] ?? 0);
    while (!(isLeaf(page) && cellsOf(page) >= 10)) page++;
    const at = (page - 1) * pageSize;
    data.fill(0x41, at + 8, at + 8 + 2 * cellsOf(page));
    fs.writeFileSync(file, data);
    const before = snapshot(dir);

    const error = refusal(() => Workspace.open(file));
    expect(error.code).toBe('Unsupported');
    const [, list] = /^"w\.waymark" is damaged: (.*)\.$/.exec(error.message) ?? [];
    expect(list, error.message).toBeDefined();
    const problems = list?.split('; ') ?? [];
    expect(problems).toHaveLength(3);
    for (const problem of problems) expect(problem).toMatch(new RegExp(`^Tree \\d+ page ${page} cell \\d+: Offset \\d+ out of range`));
    expect(snapshot(dir)).toEqual(before);
  });

  it('with no record of its schema migrations is refused as damaged', () => {
    const dir = folder();
    const file = goodWorkspace(dir, 'w.waymark', (db) => db.exec('DROP TABLE schema_migrations'));
    const before = snapshot(dir);
    expect(refusal(() => Workspace.open(file)).message).toBe('"w.waymark" is damaged: it has no record of its schema migrations.');
    expect(snapshot(dir)).toEqual(before);
  });

  it('whose record of migrations is not a table of versions and names is refused, saying what SQLite found', () => {
    const dir = folder();
    const file = goodWorkspace(dir, 'w.waymark', (db) => db.exec('ALTER TABLE schema_migrations DROP COLUMN name'));
    expect(refusal(() => Workspace.open(file)).message).toBe('"w.waymark" cannot be opened as a workspace: no such column: name.');
  });
});

describe('a workspace from a different build of Waymark', () => {
  const LATEST = LATEST_SCHEMA_VERSION;
  const unknown = (row: string) => `"w.waymark" records a schema migration this version of Waymark does not know (${row}); it may come from a different build of Waymark.`;
  const CASES: [string, (db: Database.Database) => void, string][] = [
    [
      'one more migration than this build has',
      (db) => db.prepare("INSERT INTO schema_migrations VALUES (?, 'personas'' images', '2026-01-01')").run(LATEST + 1),
      unknown(`${LATEST + 1} "personas' images"`),
    ],
    [
      'a migration under another number',
      (db) => db.prepare('UPDATE schema_migrations SET version = ? WHERE version = ?').run(LATEST + 2, LATEST),
      unknown(`${LATEST + 2} "${MIGRATIONS[LATEST - 1]?.name ?? ''}"`),
    ],
    ['a migration under another name', (db) => db.exec("UPDATE schema_migrations SET name = 'initial (beta)' WHERE version = 1"), unknown('1 "initial (beta)"')],
  ];
  for (const [what, edit, message] of CASES) {
    it(`is refused when it records ${what}, and left as it was`, () => {
      const dir = folder();
      const file = goodWorkspace(dir, 'w.waymark', edit);
      const before = snapshot(dir);
      expect(refusal(() => Workspace.open(file)).message).toBe(message);
      expect(snapshot(dir)).toEqual(before);
    });
  }

  it('is refused when it is newer, in exactly these words', () => {
    const dir = folder();
    const file = goodWorkspace(dir, 'w.waymark', (db) => db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`));
    expect(refusal(() => Workspace.open(file)).message).toBe(
      `"w.waymark" was written by a newer version of Waymark (workspace schema ${LATEST_SCHEMA_VERSION + 1}; this version understands up to ${LATEST_SCHEMA_VERSION}). Update Waymark to open it.`,
    );
  });
});

describe('looking at a file leaves what is beside it alone', () => {
  it("keeps another program's -wal and -shm while it has the workspace open", () => {
    const dir = folder();
    const file = goodWorkspace(dir, 'w.waymark');
    const other = new Database(file);
    cleanups.push(() => other.close());
    other.exec("UPDATE maps SET title = 'Edited elsewhere'");
    expect(fs.readdirSync(dir).sort()).toEqual(['w.waymark', 'w.waymark-shm', 'w.waymark-wal']);

    expect(inspectWorkspaceFile(file)).toEqual({ state: 'workspace', schemaVersion: LATEST_SCHEMA_VERSION });
    expect(fs.readdirSync(dir).sort()).toEqual(['w.waymark', 'w.waymark-shm', 'w.waymark-wal']);
    // The other program goes on as before, and what it wrote is there for a new reader.
    other.exec("UPDATE maps SET title = 'Edited again'");
    const reader = new Database(file, { readonly: true });
    expect(reader.prepare('SELECT DISTINCT title FROM maps').pluck().all()).toEqual(['Edited again']);
    reader.close();
  });

  it('refuses a newer workspace left with its last edits in its -wal (after a crash) without moving them into the file', () => {
    const dir = folder();
    const source = goodWorkspace(dir, 'source.tmp');
    const writer = new Database(source);
    writer.pragma('wal_autocheckpoint = 0');
    writer.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    writer.exec("UPDATE maps SET title = 'Written by a newer Waymark'");
    // What a crash leaves: the file and its -wal, copied while the connection is still open.
    const crashed = folder();
    const file = path.join(crashed, 'w.waymark');
    fs.copyFileSync(source, file);
    fs.copyFileSync(`${source}-wal`, `${file}-wal`);
    writer.close();
    const before = snapshot(crashed);

    expect(refusal(() => Workspace.open(file)).message).toMatch(/^"w\.waymark" was written by a newer version of Waymark/);
    expect(snapshot(crashed)).toEqual(before);
  });

  it('calls a workspace in a folder nobody may write (a read-only disk or share) read-only, changing nothing', () => {
    const dir = folder();
    const ws = path.join(dir, 'share');
    fs.mkdirSync(ws);
    const file = goodWorkspace(ws, 'w.waymark');
    const before = snapshot(ws);
    const undo = closedForWriting(ws);
    cleanups.push(undo);
    expect(canWriteBeside(file)).toBe(false);

    const error = refusal(() => Workspace.open(file));
    expect(error.code).toBe('Unsupported');
    expect(error.message).toBe('"w.waymark" is read-only, and Waymark saves every edit as it is made. Copy it somewhere you can write, or change its permissions.');
    expect(snapshot(ws)).toEqual(before);
  });

  it('knows a file it may not write from one it may, and a folder it may not write from one it may', () => {
    const dir = folder();
    const file = goodWorkspace(dir, 'w.waymark');
    expect(canWriteBeside(file)).toBe(true);
    const undo = closedForWriting(file);
    try {
      expect(canWriteBeside(file)).toBe(false);
    } finally {
      undo();
    }
    expect(canWriteBeside(path.join(dir, 'gone', 'w.waymark'))).toBe(false);
  });
});
