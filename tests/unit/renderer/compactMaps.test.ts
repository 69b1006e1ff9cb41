/**
 * A big map's way to the page: the browser host answers with the JSON text its engine made (sent on as it is,
 * not parsed and written again), and the renderer's client asks for `maps.get` as `maps.getColumns` and
 * decodes it, so the page still gets the MapDocument `maps.get` gives in-process. A real host on loopback
 * over a real workspace file, its engine at the other end of a MessageChannel as on the engine thread.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WaymarkBridge } from '../../../electron/api/bridge.ts';
import { OPERATION_NAMES, type Reply } from '../../../electron/api/contract.ts';
import { toErrorBody } from '../../../electron/api/errors.ts';
import { RemoteSession } from '../../../electron/core/engine/remote.ts';
import { serveSession } from '../../../electron/core/engine/serve.ts';
import { WorkspaceSession } from '../../../electron/core/session.ts';
import { startServer, type RunningServer } from '../../../electron/server/server.ts';
import { ApiError, bridgeCall, httpCall } from '../../../renderer/src/api/client.ts';
import { tempDir } from '../core/helpers.ts';

const TOKEN = 'compact-token-0123456789abcdefghijklmnop';
let dir: string;
let session: WorkspaceSession;
let remote: RemoteSession;
let server: RunningServer;
let channel: MessageChannel;
let mapId: string;

beforeAll(async () => {
  dir = tempDir('waymark-compact-');
  session = new WorkspaceSession();
  channel = new MessageChannel();
  serveSession(channel.port1, session);
  remote = new RemoteSession(channel.port2, () => undefined);
  await remote.ready;
  await remote.open(path.join(dir, 'w.waymark'), { sample: true });
  mapId = (await remote.call('maps.list', {}))[0]?.id ?? '';
  server = await startServer({ workspace: remote, port: 0, token: TOKEN, staticDir: dir });
});
afterAll(async () => {
  await server.close();
  await session.close();
  channel.port1.close();
  channel.port2.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** fetch as the page has it (paths on its own origin), recording which operations it asked for. */
function pageFetch(asked: string[]): typeof fetch {
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    asked.push(url.replace('/api/', ''));
    return fetch(new URL(url, server.url), init);
  };
}

const post = (name: string, body: unknown) =>
  fetch(new URL(`/api/${name}`, server.url), { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });

describe('the browser host on its engine thread', () => {
  it('answers with the engine’s JSON text: the same body, length and headers a cloned result gave', async () => {
    for (const [name, input] of [
      ['maps.get', { id: mapId }],
      ['maps.getColumns', { id: mapId }],
      ['maps.list', {}],
    ] as const) {
      const res = await post(name, input);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const body = await res.text();
      expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(body));
      expect(body).toBe(JSON.stringify({ result: await remote.call(name, input) }));
    }
  });

  it('answers a refusal in the one error shape and status, as before', async () => {
    const res = await post('maps.getColumns', { id: mapId, form: 'rows' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'Invalid', message: 'maps.getColumns: unknown field form', issues: ['unknown field form'] } });
    const missing = await post('maps.get', { id: 'nosuchmap' });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('NotFound');
  });
});

describe('the renderer’s client', () => {
  it('asks for maps.get as maps.getColumns over HTTP and gives the MapDocument maps.get gives', async () => {
    const asked: string[] = [];
    const call = httpCall(TOKEN, pageFetch(asked), 'window-1');
    const doc = await call('maps.get', { id: mapId });
    expect(asked).toEqual(['maps.getColumns']);
    expect(doc).toStrictEqual(await remote.call('maps.get', { id: mapId }));
    expect(doc.cards.length).toBeGreaterThan(0);
    // Every other operation goes as it is named.
    expect(await call('maps.list', {})).toEqual(await remote.call('maps.list', {}));
    expect(asked).toEqual(['maps.getColumns', 'maps.list']);
  });

  it('refuses maps.get of a map that is not there as maps.get does', async () => {
    const call = httpCall(TOKEN, pageFetch([]));
    const error = await call('maps.get', { id: 'nosuchmap' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const inProcess = await remote.call('maps.get', { id: 'nosuchmap' }).catch((e: unknown) => toErrorBody(e));
    expect({ code: (error as ApiError).code, message: (error as ApiError).message }).toEqual(inProcess);
  });

  it('says a damaged answer is damaged, as an ApiError, rather than giving cards with holes', async () => {
    const damaged: typeof fetch = () => Promise.resolve(Response.json({ result: { map: {}, cards: { id: ['a'], text: [] } } }));
    const error = await httpCall(TOKEN, damaged)('maps.get', { id: mapId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('Internal');
    expect((error as ApiError).message).toBe('The map arrived damaged (cards.text does not hold one value per card); reload it, and if this happens again, restart Waymark.');
  });

  it('asks the desktop bridge for maps.getColumns too, and gives the MapDocument', async () => {
    const invoked: string[] = [];
    const bridge = Object.fromEntries(
      OPERATION_NAMES.map((name) => [
        name,
        async (input: unknown): Promise<Reply<unknown>> => {
          invoked.push(name);
          try {
            return { ok: true, result: await remote.call(name, input) };
          } catch (error) {
            return { ok: false, error: toErrorBody(error) };
          }
        },
      ]),
    ) as unknown as WaymarkBridge;
    const call = bridgeCall(bridge, 'window-2');
    expect(await call('maps.get', { id: mapId })).toStrictEqual(await remote.call('maps.get', { id: mapId }));
    expect(invoked).toEqual(['maps.getColumns']);
    const error = await call('maps.get', { id: 'nosuchmap' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('NotFound');
  });
});
