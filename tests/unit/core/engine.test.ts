/**
 * The engine off the host's thread: a WorkspaceSession served over a port (here a real worker thread), and
 * the order of calls against switches and restores.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WaymarkError } from '../../../electron/api/errors.ts';
import type { WorkspaceEvent } from '../../../electron/api/types.ts';
import { startEngineThread, type EngineThread } from '../../../electron/core/engine/thread.ts';
import { tempDir } from './helpers.ts';

const dirs: string[] = [];
const engines: EngineThread[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) {
    await e.session.close().catch(() => undefined);
    await e.terminate();
  }
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function folder(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}

describe('the engine on a worker thread', () => {
  it('serves the contract with the same results, errors and events as in-process', async () => {
    const engine = await startEngineThread();
    engines.push(engine);
    const { session } = engine;
    const file = path.join(folder(), 'w.waymark');
    expect(session.isOpen).toBe(false);
    await session.open(file, { sample: true });
    expect(session.path).toBe(file);
    const [summary] = await session.call('maps.list', {});
    expect(summary?.title).toBe('First online grocery order');

    const events: WorkspaceEvent[] = [];
    session.subscribe((e) => events.push(e));
    await session.call('maps.update', { id: summary?.id ?? '', title: 'Renamed' }, { clientId: 'window-1' });
    await expect.poll(() => events.length).toBe(1);
    expect(events[0]).toMatchObject({ type: 'changes', seq: 1, clientId: 'window-1', operation: 'maps.update' });

    const refused = await session.call('maps.update', { id: summary?.id ?? '', title: '', extra: 1 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WaymarkError);
    expect(refused).toMatchObject({ code: 'Invalid' });
    expect((refused as WaymarkError).issues?.join('; ')).toMatch(/title must not be empty.*unknown field extra/);
    await expect(session.call('maps.get', { id: 'gone' })).rejects.toMatchObject({ code: 'NotFound' });
  });

  it('says why a file cannot be opened, and keeps the open one', async () => {
    const engine = await startEngineThread();
    engines.push(engine);
    const dir = folder();
    const good = path.join(dir, 'good.waymark');
    await engine.session.open(good);
    const bad = path.join(dir, 'notes.waymark');
    fs.writeFileSync(bad, 'just some notes\n');
    await expect(engine.session.open(bad)).rejects.toThrow(/"notes.waymark" is not a Waymark workspace \(it looks like a text file\)/);
    expect(engine.session.path).toBe(good);
    expect(await engine.session.call('maps.list', {})).toEqual([]);
  });

  it('fails every waiting and later call with a clear message when the engine stops', async () => {
    const engine = await startEngineThread();
    const file = path.join(folder(), 'w.waymark');
    await engine.session.open(file, { sample: true });
    const waiting = engine.session.call('batch.run', { steps: Array.from({ length: 2000 }, () => ({ name: 'maps.update', input: { id: 'x', title: 'y' } })) });
    await engine.terminate();
    engine.session.fail('stopped by the test');
    await expect(waiting).rejects.toThrow(/The workspace engine stopped/);
    await expect(engine.session.call('maps.list', {})).rejects.toThrow(/The workspace engine stopped/);
  });
});
