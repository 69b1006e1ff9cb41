/**
 * A corpus of files that are not usable workspaces, generated on demand. Each entry says what a person
 * should be told. Extend it when a new way for a file to be bad turns up.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Workspace } from '../../../electron/core/workspace.ts';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/migrations/index.ts';

export interface BadFile {
  name: string;
  /** Build the file (or folder) in `dir`; returns the path to open. */
  make: (dir: string) => string;
  /** What the message must say. */
  message: RegExp;
}

function goodWorkspace(dir: string, name: string): string {
  const file = path.join(dir, name);
  const ws = Workspace.open(file, { sample: true, backupsDir: path.join(dir, `${name}.scratch-backups`) });
  ws.close();
  fs.rmSync(path.join(dir, `${name}.scratch-backups`), { recursive: true, force: true });
  return file;
}

function truncatedAt(fraction: number | null, bytes?: number): (dir: string) => string {
  return (dir) => {
    const source = goodWorkspace(dir, 'source.tmp');
    const data = fs.readFileSync(source);
    fs.rmSync(source);
    const file = path.join(dir, 'truncated.waymark');
    fs.writeFileSync(file, data.subarray(0, bytes ?? Math.floor(data.length * (fraction ?? 0.5))));
    return file;
  };
}

export const BAD_FILES: BadFile[] = [
  { name: 'an empty file', make: (d) => write(d, 'empty.waymark', Buffer.alloc(0)), message: /is empty \(0 bytes\)/ },
  { name: 'a text file', make: (d) => write(d, 'notes.waymark', Buffer.from('Interview notes\nStage 1: discovery\n'.repeat(40))), message: /not a Waymark workspace \(it looks like a text file\)/ },
  { name: 'random bytes', make: (d) => write(d, 'noise.waymark', randomBytes(8192)), message: /not a Waymark workspace \(it is not a SQLite database\)/ },
  { name: 'a database truncated to its header', make: truncatedAt(null, 100), message: /is damaged: the database file is truncated \(100 bytes\)/ },
  { name: 'a database truncated to 1,000 bytes', make: truncatedAt(null, 1000), message: /is damaged/ },
  { name: 'a database truncated to half', make: truncatedAt(0.5), message: /is damaged/ },
  { name: 'a database truncated to 90%', make: truncatedAt(0.9), message: /is damaged/ },
  {
    name: 'a database with corrupted pages',
    make: (d) => {
      const file = goodWorkspace(d, 'corrupt.waymark');
      const data = fs.readFileSync(file);
      randomBytes(4096).copy(data, 4096 * 3); // overwrite a page in the middle
      fs.writeFileSync(file, data);
      return file;
    },
    message: /is damaged/,
  },
  {
    name: 'a SQLite database of another program',
    make: (d) => {
      const file = path.join(d, 'other.waymark');
      const db = new Database(file);
      db.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices (total) VALUES (9.5);");
      db.close();
      return file;
    },
    message: /a SQLite database of another program/,
  },
  {
    name: 'an empty SQLite database',
    make: (d) => {
      const file = path.join(d, 'blank.waymark');
      const db = new Database(file);
      db.pragma('user_version = 0');
      db.exec('VACUUM');
      db.close();
      return file;
    },
    message: /an empty SQLite database/,
  },
  {
    name: 'a workspace from a newer Waymark',
    make: (d) => {
      const file = goodWorkspace(d, 'newer.waymark');
      const db = new Database(file);
      db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 3}`);
      db.pragma('journal_mode = DELETE');
      db.close();
      return file;
    },
    message: new RegExp(`newer version of Waymark \\(workspace schema ${LATEST_SCHEMA_VERSION + 3}; this version understands up to ${LATEST_SCHEMA_VERSION}\\)`),
  },
  {
    name: 'a workspace recording an unknown migration',
    make: (d) => {
      const file = goodWorkspace(d, 'foreign-build.waymark');
      const db = new Database(file);
      db.prepare("UPDATE schema_migrations SET name = 'someone-elses' WHERE version = 1").run();
      db.pragma('journal_mode = DELETE');
      db.close();
      return file;
    },
    message: /records a schema migration this version of Waymark does not know/,
  },
  {
    // Found by `npm run test:long` (fuzz.test.ts, flipped bytes, WAYMARK_SEED=58316249): one byte of a column's
    // name in the schema text. quick_check passes; the first writable connection cannot parse the schema.
    name: 'a workspace whose schema text is damaged (a column renamed under its CHECK constraint)',
    make: (d) => {
      const file = goodWorkspace(d, 'schema.waymark');
      const data = fs.readFileSync(file);
      const at = data.indexOf('start_offset INTEGER');
      if (at < 0) throw new Error('the quotes table definition was not found in the file');
      data[at + 'start_offse'.length] = 'x'.charCodeAt(0);
      fs.writeFileSync(file, data);
      return file;
    },
    message: /is damaged/,
  },
  { name: 'a folder', make: (d) => (fs.mkdirSync(path.join(d, 'folder.waymark')), path.join(d, 'folder.waymark')), message: /is a folder, not a Waymark workspace file/ },
];

function write(dir: string, name: string, data: Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}
