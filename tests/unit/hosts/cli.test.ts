/** `node electron/server/cli.ts` as a person or script starts it. */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const temp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-cli-'));
  dirs.push(d);
  return d;
};

describe('browser host command', () => {
  it('prints one line with the URL and token, serves the contract, and stops cleanly', async () => {
    const file = path.join(temp(), 'w.waymark');
    const child = spawn(process.execPath, ['electron/server/cli.ts', '--workspace', file, '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, WAYMARK_TOKEN: 'from-the-environment' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('\n')) resolve(out);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    expect(line).toMatch(/^Waymark is running at http:\/\/127\.0\.0\.1:\d+\/#token=from-the-environment\n$/);
    const url = new URL(line.replace('Waymark is running at ', '').trim());
    const res = await fetch(`${url.origin}/api/maps.list`, { method: 'POST', headers: { Authorization: 'Bearer from-the-environment', 'Content-Type': 'application/json' }, body: '{}' });
    const body = (await res.json()) as { result: { title: string }[] };
    expect(body.result.map((m) => m.title)).toEqual(['First online grocery order']); // a new workspace starts with the sample
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(fs.existsSync(`${file}-wal`)).toBe(false); // closed properly: WAL checkpointed and removed
  });

  it('refuses a file that is not a workspace with its message, exit 1, leaving it alone', () => {
    const file = path.join(temp(), 'notes.waymark');
    fs.writeFileSync(file, 'just some notes\n');
    const run = spawnSync(process.execPath, ['electron/server/cli.ts', '--workspace', file, '--port', '0'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('"notes.waymark" is not a Waymark workspace (it looks like a text file).');
    expect(run.stderr).toContain('The file was not changed. To go on, open another workspace with --workspace FILE');
    expect(fs.readFileSync(file, 'utf8')).toBe('just some notes\n');
  });

  it('offers the backups of a workspace it cannot open', () => {
    const dir = temp();
    const file = path.join(dir, 'w.waymark');
    // A workspace with a backup, then damaged.
    spawnSync(process.execPath, ['-e', `import('./electron/core/workspace.ts').then(({ Workspace }) => { Workspace.open(${JSON.stringify(file)}).close(); Workspace.open(${JSON.stringify(file)}).close(); })`], { cwd: ROOT });
    expect(fs.readdirSync(`${file}.backups`)).toHaveLength(1);
    fs.writeFileSync(file, 'overwritten by accident');
    const run = spawnSync(process.execPath, ['electron/server/cli.ts', '--workspace', file], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/or open a copy of one of its backups \(newest first\):\n {2}.*w\.waymark\.backups\/.*_open\.waymark {2}\(open, /);
  });

  it('refuses bad arguments and non-loopback addresses with a usage message', () => {
    const bad = spawnSync(process.execPath, ['electron/server/cli.ts', '--port', 'eighty'], { cwd: ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--port must be a whole number/);
    const unknown = spawnSync(process.execPath, ['electron/server/cli.ts', '--frobnicate'], { cwd: ROOT, encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/usage: npm run web/);
    const remote = spawnSync(process.execPath, ['electron/server/cli.ts', '--host', '0.0.0.0'], { cwd: ROOT, encoding: 'utf8' });
    expect(remote.status).toBe(2);
    expect(remote.stderr).toMatch(/Refusing to listen on 0\.0\.0\.0/);
  });
});
