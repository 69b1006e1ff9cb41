/** Shared by the host tests: temp folders on a real disk, and what a workspace holds, to prove nothing changed. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Workspace } from '../../../electron/core/workspace.ts';

const made: string[] = [];

export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Remove every folder tempDir made (call from afterEach/afterAll). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Everything the workspace holds, through the contract: every map summary and every whole map. */
export async function contents(ws: Pick<Workspace, 'call'>): Promise<unknown> {
  const maps = await ws.call('maps.list', {});
  const docs = [];
  for (const m of maps) docs.push(await ws.call('maps.get', { id: m.id }));
  return { maps, docs };
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
