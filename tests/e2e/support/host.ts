/** Starts the browser host (electron/server/cli.ts) on a fresh temporary workspace, as a person would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OperationInput, OperationName, OperationResult } from '../../../electron/api/contract.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

export interface Host {
  /** The URL to open, with the token in the fragment. */
  url: string;
  origin: string;
  token: string;
  workspace: string;
  dir: string;
  /** Call the contract over HTTP, as a script would; throws on an error answer. */
  call: <K extends OperationName>(name: K, input: OperationInput<K>) => Promise<OperationResult<K>>;
  stop: () => Promise<void>;
}

export interface SpawnedHost {
  child: ChildProcess;
  /** The URL the host printed, with the token in the fragment. */
  url: string;
  origin: string;
}

/** Start `electron/server/cli.ts` on a workspace file and wait for the line with its URL. */
export async function spawnHost(options: { workspace: string; token: string; sample?: boolean; stderr?: 'pipe' | 'inherit' }): Promise<SpawnedHost> {
  const args = ['electron/server/cli.ts', '--workspace', options.workspace, '--port', '0'];
  if (!options.sample) args.push('--no-sample');
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, WAYMARK_TOKEN: options.token },
    stdio: ['ignore', 'pipe', options.stderr ?? 'pipe'],
  });
  const url = await firstUrl(child);
  return { child, url, origin: new URL(url).origin };
}

export async function startHost(options: { sample?: boolean } = {}): Promise<Host> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-e2e-'));
  const workspace = path.join(dir, 'workspace.waymark');
  const token = randomBytes(24).toString('base64url');
  const { child, url, origin } = await spawnHost({ workspace, token, sample: options.sample ?? false });
  const call = async <K extends OperationName>(name: K, input: OperationInput<K>): Promise<OperationResult<K>> => {
    const res = await fetch(`${origin}/api/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(input),
    });
    const body = (await res.json()) as { result?: OperationResult<K>; error?: { message: string } };
    if (!res.ok || body.result === undefined) throw new Error(`${name} failed: ${body.error?.message ?? res.status}`);
    return body.result;
  };
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { url, origin, token, workspace, dir, call, stop };
}

function firstUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`The browser host did not start within 20 s.\n${err}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The browser host exited with code ${code} before it started.\n${err}`));
    });
  });
}
