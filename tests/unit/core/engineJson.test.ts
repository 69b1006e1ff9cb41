/**
 * A call answered as JSON text (`as: 'json'`), the way the browser host asks its engine thread: the engine
 * serialises the result once and moves the bytes over the port (no structured clone of a big map), and the
 * host gets exactly the JSON of what a cloned call gives. Both ends in one thread over a real MessageChannel,
 * real workspace files in a temp folder; where the test must say what is on the wire it plays one end itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { WaymarkError } from '../../../electron/api/errors.ts';
import type { PortLike } from '../../../electron/core/engine/protocol.ts';
import { RemoteSession } from '../../../electron/core/engine/remote.ts';
import { jsonBytes, serveSession } from '../../../electron/core/engine/serve.ts';
import { WorkspaceSession, type SessionApi } from '../../../electron/core/session.ts';
import { tempDir } from './helpers.ts';

const WAIT_MS = 2000;
const ports: MessagePort[] = [];
const sessions: WorkspaceSession[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
  for (const p of ports.splice(0)) p.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function within<T>(promise: Promise<T>, what = 'the reply'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not arrive within ${WAIT_MS} ms`)), WAIT_MS);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** A port as the protocol sees it, recording the buffers each message was asked to move. */
function recorded(port: MessagePort, moved: ArrayBuffer[][] = []): PortLike {
  return {
    postMessage: (message, transfer) => {
      moved.push(transfer ?? []);
      port.postMessage(message, transfer);
    },
    on: (event, listener) => port.on(event, listener),
  };
}

function channel(): { enginePort: MessagePort; hostPort: MessagePort } {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  return { enginePort: port1, hostPort: port2 };
}

async function openSample(): Promise<{ remote: RemoteSession; moved: ArrayBuffer[][]; mapId: string }> {
  const { enginePort, hostPort } = channel();
  const session = new WorkspaceSession();
  sessions.push(session);
  const moved: ArrayBuffer[][] = [];
  serveSession(recorded(enginePort, moved), session);
  const remote = new RemoteSession(recorded(hostPort), () => undefined);
  await within(remote.ready);
  const dir = tempDir('waymark-engine-json-');
  dirs.push(dir);
  await within(remote.open(path.join(dir, 'w.waymark'), { sample: true }));
  const [summary] = await within(remote.call('maps.list', {}));
  return { remote, moved, mapId: summary?.id ?? '' };
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('a call answered as JSON text', { timeout: 5000 }, () => {
  it('is the JSON of what the cloned call gives, for a map and for its columns', async () => {
    const { remote, mapId } = await openSample();
    for (const [name, input] of [
      ['maps.get', { id: mapId }],
      ['maps.getColumns', { id: mapId }],
      ['maps.list', {}],
    ] as const) {
      const cloned = await within(remote.call(name, input));
      const json = await within(remote.callJson(name, input));
      expect(json).toBeInstanceOf(Uint8Array);
      expect(text(json)).toBe(JSON.stringify(cloned));
    }
  });

  it('moves its bytes over the port rather than copying them, and clones every other reply', async () => {
    const { remote, moved, mapId } = await openSample();
    moved.length = 0;
    const json = await within(remote.callJson('maps.getColumns', { id: mapId }));
    expect(moved).toHaveLength(1);
    expect(moved[0]).toHaveLength(1);
    // Moved: the engine's buffer is detached (empty) now, and the host holds the bytes.
    expect(moved[0]?.[0]?.byteLength).toBe(0);
    expect(json.byteLength).toBeGreaterThan(1000);
    moved.length = 0;
    await within(remote.call('maps.get', { id: mapId }));
    expect(moved).toEqual([[]]);
  });

  it('is refused with the same WaymarkError as a cloned call: an unknown map, a bad input, an unknown operation', async () => {
    const { remote } = await openSample();
    for (const [name, input] of [
      ['maps.get', { id: 'nosuchmap' }],
      ['maps.getColumns', { id: 'x', form: 'rows' }],
      ['no.such', {}],
    ] as const) {
      const cloned = await within(remote.call(name as 'maps.get', input).catch((e: unknown) => e));
      const json = await within(remote.callJson(name as 'maps.get', input).catch((e: unknown) => e));
      expect(cloned).toBeInstanceOf(WaymarkError);
      expect(json).toBeInstanceOf(WaymarkError);
      expect((json as WaymarkError).toBody()).toEqual((cloned as WaymarkError).toBody());
    }
  });

  it('carries the caller’s client id to the engine, as a cloned call does', async () => {
    const { remote, mapId } = await openSample();
    const seen: (string | null)[] = [];
    remote.subscribe((event) => {
      if (event.type === 'changes') seen.push(event.clientId);
    });
    await within(remote.callJson('maps.update', { id: mapId, title: 'Renamed as JSON' }, { clientId: 'window-7' }));
    await within(remote.callJson('maps.update', { id: mapId, title: 'Renamed again' }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(seen).toEqual(['window-7', null]);
  });

  it('answers a result that cannot be written as JSON with an error, not with nothing', async () => {
    const { enginePort, hostPort } = channel();
    const session: SessionApi = {
      path: null,
      isOpen: true,
      call: () => Promise.resolve({ size: 10n } as never),
      open: () => Promise.resolve(),
      openBackupCopy: () => Promise.resolve(),
      saveCopy: () => Promise.resolve(),
      close: () => Promise.resolve(),
      subscribe: () => () => undefined,
    };
    serveSession(recorded(enginePort), session);
    const logged: string[] = [];
    const remote = new RemoteSession(recorded(hostPort), (m) => logged.push(m));
    await within(remote.ready);
    const error = await within(remote.callJson('maps.list', {}).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(WaymarkError);
    expect((error as WaymarkError).code).toBe('Internal');
    expect(logged.join('\n')).toMatch(/BigInt/);
  });

  it('is refused when the engine answers with a cloned value instead of the JSON asked for', async () => {
    const { enginePort, hostPort } = channel();
    const remote = new RemoteSession(recorded(hostPort), () => undefined);
    enginePort.on('message', (message: { id: number }) => enginePort.postMessage({ kind: 'reply', id: message.id, ok: true, result: { not: 'json' }, path: null }));
    const error = await within(remote.callJson('maps.list', {}).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(WaymarkError);
    expect((error as WaymarkError).toBody()).toEqual({ code: 'Internal', message: 'The workspace engine answered without the JSON text it was asked for.' });
  });

  it('asks the engine with as: "json" on the wire, and nothing else changes in the request', async () => {
    const { enginePort, hostPort } = channel();
    const remote = new RemoteSession(recorded(hostPort), () => undefined);
    const requests: unknown[] = [];
    enginePort.on('message', (message: { id: number }) => {
      requests.push(message);
      enginePort.postMessage({ kind: 'reply', id: message.id, ok: true, json: jsonBytes([1]), path: '/w.waymark' });
    });
    expect(text(await within(remote.callJson('maps.list', {}, { clientId: 'c1' })))).toBe('[1]');
    expect(text(await within(remote.callJson('maps.list', {})))).toBe('[1]');
    expect(requests).toStrictEqual([
      { kind: 'call', id: 1, name: 'maps.list', input: {}, as: 'json', clientId: 'c1' },
      { kind: 'call', id: 2, name: 'maps.list', input: {}, as: 'json' },
    ]);
    expect(remote.path).toBe('/w.waymark');
  });
});

describe('a request that is not a call', () => {
  it('is answered with a cloned result even when it asks for JSON', async () => {
    const { enginePort, hostPort } = channel();
    const session = new WorkspaceSession();
    sessions.push(session);
    serveSession(recorded(enginePort), session);
    const replies: unknown[] = [];
    const got = new Promise<void>((resolve) =>
      hostPort.on('message', (message: { kind: string }) => {
        if (message.kind !== 'reply') return;
        replies.push(message);
        resolve();
      }),
    );
    hostPort.postMessage({ kind: 'close', id: 9, as: 'json' });
    await within(got);
    expect(replies).toStrictEqual([{ kind: 'reply', id: 9, ok: true, result: null, path: null }]);
  });
});

describe('jsonBytes', () => {
  it('is the UTF-8 of the JSON text, with undefined as null, in a buffer of its own', () => {
    expect(text(jsonBytes({ a: 'é😀', b: [1, null] }))).toBe('{"a":"é😀","b":[1,null]}');
    expect(text(jsonBytes(undefined))).toBe('null');
    expect(text(jsonBytes(null))).toBe('null');
    expect(text(jsonBytes(0))).toBe('0');
    expect(text(jsonBytes(''))).toBe('""');
    const bytes = jsonBytes('x');
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
  });
});
