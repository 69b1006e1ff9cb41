/**
 * The IPC bridge end to end, with an in-memory stand-in for Electron's ipcMain/ipcRenderer pair:
 * renderer bridge → stand-in → serveContract → core, on a real workspace file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPERATION_NAMES, type Reply } from '../../../electron/api/contract.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { serveContract, type IpcMainLike, type SenderEvent } from '../../../electron/main/ipc.ts';
import { createBridge } from '../../../electron/preload/bridge.ts';

/** ipcMain and ipcRenderer joined in memory; the "frame" a call comes from can be chosen. */
class IpcPair implements IpcMainLike {
  readonly handlers = new Map<string, (event: SenderEvent, ...args: unknown[]) => unknown>();
  frame: SenderEvent['senderFrame'] = { url: 'file:///app/out/renderer/index.html' };
  handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  readonly renderer = {
    invoke: async (channel: string, ...args: unknown[]): Promise<unknown> => {
      const handler = this.handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      // Electron passes arguments through structured clone; so does this stand-in.
      return structuredClone(await handler({ senderFrame: this.frame }, ...structuredClone(args)));
    },
  };
}

let dir: string;
let ws: Workspace;
let ipc: IpcPair;
let stop: () => void;
const trusted = (event: SenderEvent) => event.senderFrame?.url === 'file:///app/out/renderer/index.html' && !event.senderFrame.parent;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-ipc-'));
  ws = Workspace.open(path.join(dir, 'w.waymark'));
  ipc = new IpcPair();
  stop = serveContract(ipc, () => ws, trusted);
});
afterEach(() => {
  stop();
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('IPC bridge', () => {
  it('registers exactly the contract operations, and the preload exposes exactly them', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(OPERATION_NAMES.map((n) => `waymark:${n}`).sort());
    const bridge = createBridge(ipc.renderer);
    expect(Object.keys(bridge).sort()).toEqual([...OPERATION_NAMES].sort());
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.values(bridge).every((f) => typeof f === 'function')).toBe(true);
    stop();
    expect(ipc.handlers.size).toBe(0);
    stop = () => undefined;
  });

  it('carries calls and results through to core and back', async () => {
    const bridge = createBridge(ipc.renderer);
    const created = (await bridge['maps.create']({ title: 'Over IPC', template: 'purchase-journey' })) as Reply<{ maps: { id: string }[] }>;
    expect(created.ok).toBe(true);
    const id = created.ok ? (created.result.maps[0]?.id ?? '') : '';
    const doc = (await bridge['maps.get']({ id })) as Reply<{ stages: unknown[] }>;
    expect(doc.ok && doc.result.stages).toHaveLength(5);
    expect(await ws.call('maps.list', {})).toHaveLength(1);
  });

  it('answers invalid input and unknown records with the typed error, changing nothing', async () => {
    const bridge = createBridge(ipc.renderer);
    const bad = (await bridge['maps.create']({ title: '', template: 'nope' }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'Invalid' } });
    expect(bad.ok ? [] : bad.error.issues).toEqual(expect.arrayContaining(['title must not be empty']));
    const missing = (await bridge['cards.delete']({ id: 'ghost' }));
    expect(missing).toMatchObject({ ok: false, error: { code: 'NotFound' } });
    const notObject = (await bridge['maps.list']('hello'));
    expect(notObject).toMatchObject({ ok: false, error: { code: 'Invalid' } });
    expect(await ws.call('maps.list', {})).toEqual([]);
    await expect(ipc.renderer.invoke('waymark:maps.explode', {})).rejects.toThrow(/No handler/);
  });

  it('refuses calls from frames it does not own', async () => {
    const bridge = createBridge(ipc.renderer);
    for (const frame of [{ url: 'https://evil.example/' }, { url: 'file:///app/out/renderer/index.html', parent: {} }, null]) {
      ipc.frame = frame;
      const reply = (await bridge['maps.create']({ title: 'Sneaky', template: 'blank' }));
      expect(reply).toMatchObject({ ok: false, error: { code: 'Unauthorized' } });
    }
    expect(await ws.call('maps.list', {})).toEqual([]);
  });
});
