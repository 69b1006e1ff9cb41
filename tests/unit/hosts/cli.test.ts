/** `node electron/server/cli.ts` as a person or a script starts it. */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../../electron/core/workspace.ts';
import { removeTempDirs, sha256, tempDir } from './helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const CLI = 'electron/server/cli.ts';
const TOKEN = 'from-the-environment-0123456789a'; // exactly 32 characters, the shortest allowed
const children: ChildProcessWithoutNullStreams[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  removeTempDirs();
});

function start(args: string[]): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, WAYMARK_TOKEN: TOKEN } });
  children.push(child);
  return child;
}

/** Everything the command printed on stdout up to its first newline. */
function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) resolve(out);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
}

const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 20_000 });

async function call(origin: string, name: string, input: unknown): Promise<{ status: number; body: { result?: unknown; error?: { code: string } } }> {
  const res = await fetch(`${origin}/api/${name}`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
  return { status: res.status, body: (await res.json()) as { result?: unknown } };
}

describe('browser host command', () => {
  it('prints exactly one line with the URL and token, serves the contract, and stops cleanly on SIGTERM', async () => {
    const file = path.join(tempDir('waymark-cli-'), 'w.waymark');
    const child = start(['--workspace', file, '--port', '0', '--no-sample']);
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const line = await firstLine(child);
    expect(line).toMatch(/^Waymark is running at http:\/\/127\.0\.0\.1:\d+\/#token=from-the-environment-0123456789a\n$/);
    const url = new URL(line.replace('Waymark is running at ', '').trim());

    expect(await call(url.origin, 'maps.list', {})).toEqual({ status: 200, body: { result: [] } }); // --no-sample: empty
    const created = await call(url.origin, 'maps.create', { title: 'Made over HTTP', template: 'blank' });
    expect(created.status).toBe(200);
    const wrongToken = await fetch(`${url.origin}/api/maps.list`, { method: 'POST', headers: { Authorization: 'Bearer nope' } });
    expect(wrongToken.status).toBe(401);

    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toBe(line); // one line, nothing more
    expect(fs.existsSync(`${file}-wal`)).toBe(false); // closed properly: WAL checkpointed and removed
    const reopened = Workspace.open(file, { create: false });
    try {
      expect((await reopened.call('maps.list', {})).map((m) => m.title)).toEqual(['Made over HTTP']);
    } finally {
      reopened.close();
    }
  });

  it('gives a new workspace the sample map unless --no-sample, and stops on SIGINT', async () => {
    const file = path.join(tempDir('waymark-cli-'), 'w.waymark');
    const child = start(['--workspace', file]);
    const url = new URL((await firstLine(child)).replace('Waymark is running at ', '').trim());
    const listed = await call(url.origin, 'maps.list', {});
    expect((listed.body.result as { title: string }[]).map((m) => m.title)).toEqual(['First online grocery order']);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('refuses a file that is not a workspace: its message on stderr, exit 1, the file unchanged', () => {
    const dir = tempDir('waymark-cli-');
    const file = path.join(dir, 'notes.waymark');
    fs.writeFileSync(file, 'just some notes\n');
    const hash = sha256(file);
    const result = run(['--workspace', file, '--port', '0', '--no-sample']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('"notes.waymark" is not a Waymark workspace (it looks like a text file).');
    expect(result.stderr).toContain('The file was not changed. To go on, open another workspace with --workspace FILE');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(sha256(file)).toBe(hash);
    expect(fs.readdirSync(dir)).toEqual(['notes.waymark']); // nothing created beside it
  });

  it('names the backups of a workspace it cannot open', () => {
    const file = path.join(tempDir('waymark-cli-'), 'w.waymark');
    Workspace.open(file).close();
    Workspace.open(file).close(); // opening an existing workspace takes a backup
    expect(fs.readdirSync(`${file}.backups`)).toHaveLength(1);
    fs.writeFileSync(file, 'overwritten by accident');
    const result = run(['--workspace', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/or open a copy of one of its backups \(newest first\):\n {2}.*w\.waymark\.backups\/.*_open\.waymark {2}\(open, /);
    expect(fs.readFileSync(file, 'utf8')).toBe('overwritten by accident');
  });

  it('refuses bad arguments with a usage message and exit 2', () => {
    const cases: [string[], RegExp][] = [
      [['--port', 'eighty'], /--port must be a whole number/],
      [['--port', '70000'], /--port must be a whole number/],
      [['--port', ''], /--port must be a whole number/],
      [['--port'], /usage: npm run web/],
      [['--frobnicate'], /usage: npm run web/],
      [['stray-positional'], /usage: npm run web/],
      [['--no-sample=yes'], /usage: npm run web/],
    ];
    for (const [args, message] of cases) {
      const result = run(args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stdout).toBe('');
    }
  });

  it('refuses a non-loopback address unless --allow-remote, and a weak WAYMARK_TOKEN', () => {
    const remote = run(['--host', '0.0.0.0']);
    expect(remote.status).toBe(2);
    expect(remote.stderr).toMatch(/Refusing to listen on 0\.0\.0\.0: anyone who can reach that address could read and change the workspace\. Add --allow-remote/);
    const dir = tempDir('waymark-cli-');
    for (const weak of ['short', 'a'.repeat(16), 'a'.repeat(31), `${'a'.repeat(31)} `, `${'a'.repeat(32)}!`]) {
      const refused = run(['--workspace', path.join(dir, 'w.waymark')], { WAYMARK_TOKEN: weak });
      expect(refused.status, weak).toBe(2);
      expect(refused.stderr).toMatch(/WAYMARK_TOKEN must be at least 32 characters/);
      expect(refused.stdout).toBe('');
    }
    expect(fs.existsSync(path.join(dir, 'w.waymark'))).toBe(false); // refused before the workspace is opened
  });
});
