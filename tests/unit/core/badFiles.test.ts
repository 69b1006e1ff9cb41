import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../../electron/core/workspace.ts';
import { BAD_FILES } from './badFiles.ts';
import { closedForWriting, refusal } from './databaseHelpers.ts';
import { snapshot, tempDir } from './helpers.ts';

const dirs: string[] = [];
/** Folders a test made read-only: writable again before removal (a user without privilege could not empty them). */
const readOnlyFolders: string[] = [];
afterEach(() => {
  for (const d of readOnlyFolders.splice(0)) fs.chmodSync(d, 0o755);
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});


describe('bad workspace files', () => {
  for (const bad of BAD_FILES) {
    it(`refuses ${bad.name} with a clear message and leaves it as it was`, () => {
      const dir = tempDir();
      dirs.push(dir);
      const file = bad.make(dir);
      const before = snapshot(dir);
      const error = refusal(() => Workspace.open(file));
      expect(error.code).toBe('Unsupported');
      expect(error.message).toMatch(bad.message);
      expect(snapshot(dir)).toEqual(before); // the file is byte-for-byte unchanged and nothing was created
    });
  }

  it('refuses a path whose folder does not exist, creating nothing', () => {
    const dir = tempDir();
    dirs.push(dir);
    const error = refusal(() => Workspace.open(path.join(dir, 'missing', 'w.waymark')));
    expect(error.message).toMatch(/The folder ".*missing" does not exist/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses to create a workspace when told not to', () => {
    const dir = tempDir();
    dirs.push(dir);
    const error = refusal(() => Workspace.open(path.join(dir, 'w.waymark'), { create: false }));
    expect(error.code).toBe('NotFound');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses a read-only workspace before anything is written', () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'readonly.waymark');
    Workspace.open(file, { backupsDir: path.join(dir, 'b') }).close();
    fs.rmSync(path.join(dir, 'b'), { recursive: true, force: true });
    // Root ignores file modes, so as root the file is made immutable, which even root cannot write.
    const undo = closedForWriting(file);
    try {
      const before = snapshot(dir);
      const error = refusal(() => Workspace.open(file));
      expect(error.message).toMatch(/"readonly.waymark" is read-only, and Waymark saves every edit as it is made/);
      expect(snapshot(dir)).toEqual(before);
    } finally {
      undo();
    }
  });

  describe('a workspace its user may not write (file mode 0444), without privilege', () => {
    const READ_ONLY = /^"readonly\.waymark" is read-only, and Waymark saves every edit as it is made/;
    for (const folder of ['writable', 'read-only'] as const) {
      const setup = () => {
        const dir = tempDir();
        dirs.push(dir);
        fs.chmodSync(dir, 0o755); // the unprivileged user must reach the workspace's folder
        const ws = path.join(dir, 'ws');
        fs.mkdirSync(ws);
        const file = path.join(ws, 'readonly.waymark');
        Workspace.open(file, { sample: true, backupsDir: path.join(dir, 'b') }).close();
        fs.chmodSync(file, 0o444);
        // A folder the user may write (sidecar files can be made there), or one it may only read (mode 0555).
        if (folder === 'writable' && IS_ROOT) fs.chownSync(ws, NOBODY, NOBODY);
        fs.chmodSync(ws, folder === 'writable' ? 0o755 : 0o555);
        readOnlyFolders.push(ws);
        return { ws, file, before: { files: snapshot(ws), folder: statOf(ws), file: statOf(file) } };
      };

      it(`in a ${folder} folder: refused before anything is written, folder and file unchanged`, () => {
        const { ws, file, before } = setup();
        const outcome = openWithoutPrivilege(file);
        expect(outcome.uid).not.toBe(0);
        expect(outcome.fileProbe).toBe('EACCES'); // the setup really is read-only for that user
        if (folder === 'read-only') expect(outcome.folderProbe).toBe('EACCES');
        expect(outcome.error, 'the workspace was opened').not.toBeNull();
        expect(outcome.error?.name).toBe('UnsupportedError'); // a WaymarkError ('Unsupported'), not an internal error
        // In a writable folder the read-only check makes SQLite's -wal/-shm and removes them again: the folder's
        // contents are as they were, its mtime is not.
        const folderNow = folder === 'writable' ? { ...statOf(ws), mtimeMs: before.folder.mtimeMs } : statOf(ws);
        expect({ files: snapshot(ws), folder: folderNow, file: statOf(file) }).toEqual(before);
        if (folder === 'writable') expect(outcome.error?.message).toMatch(READ_ONLY);
        else expect(outcome.error?.message).toMatch(/read-?only/i);
      });

      // With the folder read-only too, the read-only check cannot create the -shm a WAL file needs
      // (SQLITE_READONLY_DIRECTORY); the person still gets the read-only message (this once said "cannot be opened").
      if (folder === 'read-only') {
        it('in a read-only folder: the message is the read-only one', () => {
          const { file } = setup();
          const outcome = openWithoutPrivilege(file);
          expect(outcome.error?.message).toMatch(READ_ONLY);
        });
      }
    }
  });

  describe('a workspace its user may not read, without privilege', () => {
    const CASES: [string, (ws: string, file: string) => void][] = [
      ['a file of mode 0000', (_ws, file) => fs.chmodSync(file, 0o000)],
      ['a file in a folder its user may not enter (mode 0000)', (ws) => fs.chmodSync(ws, 0o000)],
    ];
    for (const [what, lock] of CASES) {
      it(`${what}: refused as not allowed to read, naming the path, and left as it was`, () => {
        const dir = tempDir();
        dirs.push(dir);
        fs.chmodSync(dir, 0o755); // the unprivileged user must reach the workspace's folder
        const ws = path.join(dir, 'ws');
        fs.mkdirSync(ws);
        const file = path.join(ws, 'private.waymark');
        Workspace.open(file, { sample: true, backupsDir: path.join(dir, 'b') }).close();
        const before = { files: snapshot(ws), file: statOf(file) };
        lock(ws, file);
        readOnlyFolders.push(ws);
        const outcome = openWithoutPrivilege(file);
        fs.chmodSync(ws, 0o755);
        fs.chmodSync(file, before.file.mode & 0o777);
        expect(outcome.uid).not.toBe(0);
        expect(outcome.fileProbe).toBe('EACCES');
        expect(outcome.error?.name).toBe('UnsupportedError');
        expect(outcome.error?.message).toBe(`Waymark is not allowed to read "${file}".`);
        expect({ files: snapshot(ws), file: statOf(file) }).toEqual(before);
      });
    }
  });

  it('says so when another program holds the workspace locked', () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'locked.waymark');
    Workspace.open(file, { backupsDir: path.join(dir, 'b') }).close();
    const holder = new Database(file);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const started = Date.now();
      const error = refusal(() => Workspace.open(file, { backupsDir: path.join(dir, 'b') }));
      expect(error.message).toBe('"locked.waymark" is locked by another program. Close it there and try again.');
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    // Once the other program lets go, it opens.
    Workspace.open(file, { backupsDir: path.join(dir, 'b') }).close();
  });
});

const IS_ROOT = process.getuid?.() === 0;
/** The user without privilege a root test run becomes: "nobody" on Linux and macOS. */
const NOBODY = 65534;

function statOf(p: string) {
  const st = fs.statSync(p);
  return { mode: st.mode, uid: st.uid, gid: st.gid, size: st.size, mtimeMs: st.mtimeMs };
}

interface Unprivileged {
  uid: number;
  /** What opening the file for writing, and creating a file in its folder, gave that user (error codes; 'ok' if allowed). */
  fileProbe: string;
  folderProbe: string;
  error: { name: string; message: string } | null;
}

/**
 * What `Workspace.open(file)` does for a user without privilege. Run as root (root ignores file modes), it runs
 * in a child Node process that loads the engine (and the SQLite addon) first, then drops to uid/gid 65534 with
 * setgroups/setgid/setuid before it opens the file, so nothing of the repository or of Node has to be readable by
 * that user: Node lives under /root/.cache here, which "nobody" cannot traverse, so spawn's uid/gid options (which
 * drop privileges before Node starts) would need a copy of Node elsewhere. Run as another user, it opens in process.
 */
function openWithoutPrivilege(file: string): Unprivileged {
  if (process.platform === 'win32') throw new Error('File modes do not make a file read-only on Windows: run these tests on Linux or macOS.');
  if (!IS_ROOT) return attempt(file, process.getuid?.() ?? -1);
  const script = `
    import fs from 'node:fs';
    import path from 'node:path';
    const [workspaceUrl, file, id] = process.argv.slice(1);
    const { Workspace } = await import(workspaceUrl);
    const { default: Database } = await import('better-sqlite3');
    new Database(':memory:').close(); // loads the addon while root can still read it anywhere
    try {
      process.setgroups([]);
      process.setgid(Number(id));
      process.setuid(Number(id));
    } catch (e) {
      console.log(JSON.stringify({ cannotDrop: e.message }));
      process.exit(0);
    }
    const probe = (f) => { try { fs.closeSync(f()); return 'ok'; } catch (e) { return e.code; } };
    const out = { uid: process.getuid(), fileProbe: probe(() => fs.openSync(file, 'r+')), folderProbe: 'not tried', error: null };
    if (fs.statSync(path.dirname(file)).uid !== out.uid) out.folderProbe = probe(() => fs.openSync(path.join(path.dirname(file), 'probe'), 'wx'));
    try { Workspace.open(file).close(); } catch (e) { out.error = { name: e.name, message: e.message }; }
    console.log(JSON.stringify(out));
  `;
  const workspaceUrl = pathToFileURL(path.resolve(import.meta.dirname, '../../../electron/core/workspace.ts')).href;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script, workspaceUrl, file, String(NOBODY)], {
    cwd: path.resolve(import.meta.dirname, '../../..'),
    encoding: 'utf8',
    timeout: 20_000,
  });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  // Anything but a clean answer is a failure of the test, never a skip.
  if (child.status !== 0 || !line.startsWith('{')) throw new Error(`the unprivileged child failed (${child.error?.message ?? `exit ${String(child.status)}`}): ${child.stderr}`);
  const answer = JSON.parse(line) as Unprivileged | { cannotDrop: string };
  if ('cannotDrop' in answer) {
    throw new Error(`A child process run as root could not become uid ${NOBODY} (${answer.cannotDrop}); these cases need a user without privilege.`);
  }
  return answer;
}

function attempt(file: string, uid: number): Unprivileged {
  const probe = (f: () => number) => {
    try {
      fs.closeSync(f());
      return 'ok';
    } catch (error) {
      return String((error as NodeJS.ErrnoException).code);
    }
  };
  const out: Unprivileged = { uid, fileProbe: probe(() => fs.openSync(file, 'r+')), folderProbe: 'not tried', error: null };
  if ((fs.statSync(path.dirname(file)).mode & 0o200) === 0) out.folderProbe = probe(() => fs.openSync(path.join(path.dirname(file), 'probe'), 'wx'));
  try {
    Workspace.open(file).close();
  } catch (error) {
    const e = error as Error;
    out.error = { name: e.name, message: e.message };
  }
  return out;
}
