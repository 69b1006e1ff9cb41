/**
 * The IPC bridge end to end, with an in-memory stand-in for Electron's ipcMain/ipcRenderer pair:
 * preload bridge → stand-in → serveContract → core, on a real workspace file.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OPERATION_NAMES, type Reply } from '../../../electron/api/contract.ts';
import { WaymarkError } from '../../../electron/api/errors.ts';
import type { ChangeSet, MapDocument, MapSummary } from '../../../electron/api/types.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { serveContract, type IpcMainLike, type SenderEvent } from '../../../electron/main/ipc.ts';
import { createBridge, createHostBridge } from '../../../electron/preload/bridge.ts';
import { contents, removeTempDirs, tempDir } from './helpers.ts';

const OWN_PAGE = 'file:///app/out/renderer/index.html';

/** ipcMain and ipcRenderer joined in memory, as Electron joins them; the frame a call comes from can be chosen. */
class IpcPair implements IpcMainLike {
  readonly handlers = new Map<string, (event: SenderEvent, ...args: unknown[]) => unknown>();
  frame: SenderEvent['senderFrame'] = { url: OWN_PAGE, parent: null };

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
      if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
      // Electron copies arguments and answers with the structured clone algorithm; so does this stand-in.
      return structuredClone(await handler({ senderFrame: this.frame }, ...structuredClone(args)));
    },
  };
}

let ws: Workspace;
let ipc: IpcPair;
let stop: () => void;
const trusted = (event: SenderEvent) => event.senderFrame?.url === OWN_PAGE && !event.senderFrame.parent;

beforeEach(() => {
  ws = Workspace.open(path.join(tempDir('waymark-ipc-'), 'w.waymark'));
  ipc = new IpcPair();
  stop = serveContract(ipc, () => ws, trusted);
});
afterEach(() => {
  stop();
  ws.close();
  removeTempDirs();
});

describe('IPC bridge', () => {
  it('registers exactly one handler per contract operation, and removes them all again', () => {
    expect(new Set(ipc.handlers.keys())).toEqual(new Set(OPERATION_NAMES.map((n) => `waymark:${n}`)));
    expect(ipc.handlers.size).toBe(OPERATION_NAMES.length);
    stop();
    expect(ipc.handlers.size).toBe(0);
    stop = () => undefined;
  });

  it('the preload bridge exposes exactly the operations, as functions, and nothing else', () => {
    const bridge = createBridge(ipc.renderer);
    expect(new Set(Object.keys(bridge))).toEqual(new Set(OPERATION_NAMES));
    expect(Object.keys(bridge)).toHaveLength(OPERATION_NAMES.length);
    expect(Object.values(bridge).every((f) => typeof f === 'function')).toBe(true);
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.getPrototypeOf(bridge)).toBe(Object.prototype);
    expect(JSON.stringify(Object.keys(bridge))).not.toMatch(/invoke|ipcRenderer|send|on\b/);
  });

  it('carries calls and results through to core and back: maps.list, maps.create, then maps.get', async () => {
    const bridge = createBridge(ipc.renderer);
    expect(await bridge['maps.list']({})).toEqual({ ok: true, result: [] });
    const created = (await bridge['maps.create']({ title: 'Over IPC', template: 'purchase-journey' })) as Reply<ChangeSet>;
    if (!created.ok) throw new Error(created.error.message);
    const id = created.result.maps[0]?.id ?? '';
    const listed = (await bridge['maps.list']({})) as Reply<MapSummary[]>;
    expect(listed.ok && listed.result.map((m) => [m.id, m.title])).toEqual([[id, 'Over IPC']]);
    const doc = (await bridge['maps.get']({ id })) as Reply<MapDocument>;
    if (!doc.ok) throw new Error(doc.error.message);
    expect(doc.result.map.title).toBe('Over IPC');
    expect(doc.result.stages.length).toBeGreaterThan(0);
    // The same map is in the workspace file, seen directly by core.
    expect(await ws.call('maps.get', { id })).toEqual(doc.result);
  });

  it('answers invalid input and unknown records with the typed error, changing nothing', async () => {
    const bridge = createBridge(ipc.renderer);
    await bridge['maps.create']({ title: 'Existing', template: 'blank' });
    const before = await contents(ws);
    const bad = await bridge['maps.create']({ title: '', template: 'nope' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'Invalid' } });
    expect(bad.ok ? [] : bad.error.issues).toEqual(expect.arrayContaining(['title must not be empty']));
    expect(await bridge['maps.create']({ title: 'x', template: 'blank', extra: 1 })).toMatchObject({ ok: false, error: { code: 'Invalid' } });
    expect(await bridge['maps.list']('hello')).toMatchObject({ ok: false, error: { code: 'Invalid' } });
    expect(await bridge['cards.delete']({ id: 'ghost' })).toMatchObject({ ok: false, error: { code: 'NotFound' } });
    expect(await contents(ws)).toEqual(before);
  });

  it('refuses a missing input and any input that is not a plain object as Invalid, before core sees it', async () => {
    stop();
    const seen: unknown[] = [];
    stop = serveContract(ipc, () => ({ call: (name, input) => (seen.push(input), ws.call(name, input)) }), trusted);
    const bridge = createBridge(ipc.renderer);
    const before = await contents(ws);
    for (const input of [undefined, null, [], [{}], 0, 1, '', 'x', true, new Date(0), new Map(), new Set(), new Uint8Array(1)]) {
      expect(await bridge['maps.list'](input), Object.prototype.toString.call(input)).toEqual({
        ok: false,
        error: { code: 'Invalid', message: 'The input must be an object (send {} for an operation without input).' },
      });
    }
    expect(await bridge['maps.create'](null)).toMatchObject({ ok: false, error: { code: 'Invalid' } });
    expect(seen).toEqual([]);
    expect(await bridge['maps.list']({})).toMatchObject({ ok: true }); // an operation without input takes {}
    expect(seen).toEqual([{}]);
    expect(await contents(ws)).toEqual(before);
  });

  it('has no channel for an operation that is not in the contract', async () => {
    expect(ipc.handlers.has('waymark:maps.explode')).toBe(false);
    await expect(ipc.renderer.invoke('waymark:maps.explode', {})).rejects.toThrow(/No handler registered/);
    expect('maps.explode' in createBridge(ipc.renderer)).toBe(false);
  });

  it('refuses calls from frames it does not own, before looking at the input', async () => {
    const bridge = createBridge(ipc.renderer);
    const before = await contents(ws);
    for (const frame of [{ url: 'https://evil.example/' }, { url: OWN_PAGE, parent: { url: OWN_PAGE } }, null]) {
      ipc.frame = frame;
      expect(await bridge['maps.create']({ title: 'Sneaky', template: 'blank' })).toEqual({
        ok: false,
        error: { code: 'Unauthorized', message: 'This page is not allowed to use the workspace.' },
      });
      expect(await bridge['maps.create']({ title: '' })).toMatchObject({ ok: false, error: { code: 'Unauthorized' } });
    }
    expect(await contents(ws)).toEqual(before);
  });

  it('treats a sender check that throws (a frame gone mid-call) as untrusted', async () => {
    stop();
    stop = serveContract(ipc, () => ws, () => {
      throw new Error('Render frame was disposed before WebFrameMain could be accessed');
    });
    expect(await createBridge(ipc.renderer)['maps.create']({ title: 'x', template: 'blank' })).toMatchObject({ ok: false, error: { code: 'Unauthorized' } });
    expect(await ws.call('maps.list', {})).toEqual([]);
  });

  it('never throws across IPC: unexpected failures come back as Internal, without their details', async () => {
    stop();
    const failing = { call: () => Promise.reject(new Error('SQLITE_IOERR at /home/someone/secret/path.waymark')) };
    stop = serveContract(ipc, () => failing, trusted);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const reply = await createBridge(ipc.renderer)['maps.list']({});
      expect(reply).toMatchObject({ ok: false, error: { code: 'Internal' } });
      expect(JSON.stringify(reply)).not.toContain('secret');
      expect(logged).toHaveBeenCalled(); // the real error goes to the log, not to the page
    } finally {
      logged.mockRestore();
    }
  });

  it('answers with a typed error when no workspace is open', async () => {
    stop();
    stop = serveContract(ipc, () => {
      throw new WaymarkError('Conflict', 'No workspace is open.');
    }, trusted);
    expect(await createBridge(ipc.renderer)['maps.list']({})).toEqual({ ok: false, error: { code: 'Conflict', message: 'No workspace is open.' } });
  });
});

describe('who is calling, and the push of changes to windows', () => {
  it('carries a well-formed client id to core with the call, and drops a malformed one', async () => {
    const events: { clientId: string | null }[] = [];
    ws.subscribe((e) => events.push(e));
    const bridge = createBridge(ipc.renderer);
    await bridge['maps.create']({ title: 'Mine', template: 'blank' }, { clientId: 'window-7' });
    await bridge['maps.create']({ title: 'Anonymous', template: 'blank' }, { clientId: 'spaces are not allowed' });
    await bridge['maps.create']({ title: 'No meta', template: 'blank' });
    expect(events.map((e) => e.clientId)).toEqual(['window-7', null, null]);
  });

  it('the host bridge relays pushed events to the page and stops when asked, exposing nothing of ipcRenderer', () => {
    const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
    const renderer = {
      on: (channel: string, l: (event: unknown, ...args: unknown[]) => void) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(l)),
      removeListener: (channel: string, l: (event: unknown, ...args: unknown[]) => void) => listeners.get(channel)?.delete(l),
      send: (channel: string, ...args: unknown[]) => void sent.push([channel, ...args]),
      invoke: (channel: string, ...args: unknown[]) => {
        sent.push([channel, ...args]);
        return Promise.resolve({ saved: false });
      },
    };
    const sent: unknown[][] = [];
    const host = createHostBridge(renderer);
    expect(Object.keys(host)).toEqual(['onEvent', 'setMenu', 'onAction', 'saveFile', 'recentWorkspaces', 'openRecentWorkspace']);
    expect(Object.isFrozen(host)).toBe(true);
    const got: unknown[] = [];
    const stopListening = host.onEvent((e) => got.push(e));
    const send = (payload: unknown) => {
      for (const l of listeners.get('waymark-host:event') ?? []) l({ sender: 'the IPC event, never passed on' }, payload);
    };
    send({ type: 'changes', seq: 1 });
    stopListening();
    send({ type: 'changes', seq: 2 });
    expect(got).toEqual([{ type: 'changes', seq: 1 }]);

    // The page's share of the native menu goes out on its channel; a pick comes back as an action name only.
    host.setMenu([{ name: 'view.fit', label: 'Fit', menu: 'View' }]);
    expect(sent).toEqual([['waymark-host:menu', [{ name: 'view.fit', label: 'Fit', menu: 'View' }]]]);
    const picked: string[] = [];
    const stopActions = host.onAction((name) => picked.push(name));
    const pick = (name: unknown) => {
      for (const l of listeners.get('waymark-host:action') ?? []) l({ sender: 'never passed on' }, name);
    };
    pick('view.fit');
    pick({ not: 'a name' });
    stopActions();
    pick('history.undo');
    expect(picked).toEqual(['view.fit']);
  });

  it('the host bridge hands a file to save to the main process as name, type and bytes only, and returns its answer', async () => {
    const sent: unknown[][] = [];
    const host = createHostBridge({
      on: () => undefined,
      removeListener: () => undefined,
      send: () => undefined,
      invoke: (channel: string, ...args: unknown[]) => {
        sent.push([channel, ...args]);
        return Promise.resolve({ saved: true, fileName: 'Map.xlsx' });
      },
    });
    const data = new Uint8Array([1, 2, 3]);
    const file = { name: 'Map.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data, extra: 'dropped' };
    expect(await host.saveFile(file)).toEqual({ saved: true, fileName: 'Map.xlsx' });
    expect(sent).toEqual([['waymark-host:save', { name: 'Map.xlsx', type: file.type, data }]]);
  });
});
