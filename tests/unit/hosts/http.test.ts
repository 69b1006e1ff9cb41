/** The browser host for real on loopback: what it serves, and everything it refuses without touching the workspace. */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { OPERATION_NAMES } from '../../../electron/api/contract.ts';
import type { ChangeSet } from '../../../electron/api/types.ts';
import { WorkspaceSession } from '../../../electron/core/session.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { LINGER_MS } from '../../../electron/server/respond.ts';
import { startServer, type RunningServer, type WorkspaceCaller } from '../../../electron/server/server.ts';
import { contents, delay, removeTempDirs, tempDir } from './helpers.ts';

const TOKEN = 'test-token-0123456789abcdefghijklmnop';
const LIMIT = 64 * 1024;
let dir: string;
let staticDir: string;
let ws: Workspace;
let server: RunningServer;
let before: unknown;

beforeAll(async () => {
  dir = tempDir('waymark-http-');
  staticDir = path.join(dir, 'static');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Waymark</title><script type="module" src="/assets/app.js"></script>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("app")');
  fs.writeFileSync(path.join(staticDir, 'assets', 'style.css'), 'body{}');
  fs.writeFileSync(path.join(staticDir, '.env'), 'SECRET=do not serve me');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'do not serve me');
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"do not serve me"}');
  fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(staticDir, 'assets', 'link.txt'));
  ws = Workspace.open(path.join(dir, 'w.waymark'));
  server = await startServer({ workspace: ws, port: 0, token: TOKEN, staticDir, maxBodyBytes: LIMIT });
});
afterAll(async () => {
  await server.close();
  ws.close();
  removeTempDirs();
});
/** Every test that is refused checks the workspace against this afterwards. */
beforeEach(async () => {
  before = await contents(ws);
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request, so that Host, Origin and other headers fetch() will not let us set can be sent. */
function request(options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; port?: number; chunked?: boolean }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: options.port ?? server.port, method: options.method ?? 'GET', path: options.path, headers: options.headers, agent: false },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (options.chunked && options.body !== undefined) {
      // No Content-Length: the server has to count as it reads.
      const body = Buffer.from(options.body);
      for (let i = 0; i < body.length; i += 16 * 1024) req.write(body.subarray(i, i + 16 * 1024));
    } else if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/**
 * A raw connection: `bytes` in ONE write (headers and body together), then everything the server sends
 * until it closes the connection. `readAfterMs` holds off reading, as a client still busy sending does.
 */
function rawExchange(bytes: string, options: { readAfterMs?: number; port?: number } = {}): Promise<{ text: string; error: string | undefined; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(options.port ?? server.port, '127.0.0.1');
    let text = '';
    let error: string | undefined;
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    socket.on('close', () => resolve({ text, error, closedAfterMs: Date.now() - started }));
    if (options.readAfterMs) {
      socket.pause();
      setTimeout(() => socket.resume(), options.readAfterMs);
    }
    socket.write(bytes);
  });
}

/** The head of a raw POST to an operation, with the token. */
const rawHead = (name: string, framing: string, port = server.port) =>
  `POST /api/${name} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\n${framing}\r\n`;

/** Status line, headers (lower-cased names) and body of a raw answer. */
function parseRaw(text: string): { status: string; headers: Record<string, string>; body: string } {
  const [head = '', ...rest] = text.split('\r\n\r\n');
  const [status = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { status, headers, body: rest.join('\r\n\r\n') };
}

const authed = { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` };
/** A workspace stand-in's answer to the copy a download asks for: it has none. */
const NO_COPY = { path: null, saveCopy: () => Promise.reject(new Error('no copies here')) } satisfies Pick<WorkspaceCaller, 'path' | 'saveCopy'>;
const api = (name: string, input: unknown, headers: Record<string, string> = {}, port?: number) =>
  request({ method: 'POST', path: `/api/${name}`, headers: { ...authed, ...headers }, body: JSON.stringify(input), ...(port ? { port } : {}) });
const errorOf = (answer: Answer) => (JSON.parse(answer.body) as { error: { code: string; message: string; issues?: string[] } }).error;
const unchanged = async () => expect(await contents(ws)).toEqual(before);

describe('browser host API', () => {
  it('serves exactly the contract: every operation answers, an unknown one is 404', async () => {
    for (const name of OPERATION_NAMES) {
      // {} is valid for some operations and refused by the schema of the others; none is "unknown".
      const answer = await api(name, {});
      expect(answer.status, name).toBeLessThan(500);
      expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(answer.headers['cache-control']).toBe('no-store');
      if (answer.status !== 200) expect(errorOf(answer).message, name).not.toMatch(/no operation called/);
    }
    for (const unknown of ['maps.explode', 'constructor', '__proto__', 'toString', 'maps.list/extra', '']) {
      const answer = await api(unknown, {});
      expect(answer.status, unknown).toBe(404);
      expect(errorOf(answer).code).toBe('NotFound');
    }
    const bare = await api('', {});
    expect(errorOf(bare).code).toBe('NotFound');
    await unchanged();
  });

  it('runs a valid call and returns its result as {"result": …}', async () => {
    const created = await api('maps.create', { title: 'Over HTTP', template: 'blank' });
    expect(created.status).toBe(200);
    const { result } = JSON.parse(created.body) as { result: ChangeSet };
    expect(result.maps[0]?.title).toBe('Over HTTP');
    expect((await ws.call('maps.list', {})).map((m) => m.title)).toContain('Over HTTP');
    // A charset on the content type is fine.
    const charset = await api('templates.list', {}, { 'Content-Type': 'application/json; charset=utf-8' });
    expect(charset.status).toBe(200);
  });

  it('answers validation errors with 400 and the fields, and unknown records with 404, changing nothing', async () => {
    const bad = await api('maps.create', { title: '', template: 'blank' });
    expect(bad.status).toBe(400);
    expect(errorOf(bad)).toMatchObject({ code: 'Invalid', issues: ['title must not be empty'] });
    const extra = await api('maps.create', { title: 'x', template: 'blank', owner: 'me' });
    expect(extra.status).toBe(400);
    const notAnObject = await api('maps.create', ['x']);
    expect(notAnObject.status).toBe(400);
    const missing = await api('cards.delete', { id: 'ghost' });
    expect(missing.status).toBe(404);
    expect(errorOf(missing).code).toBe('NotFound');
    await unchanged();
  });

  it('refuses a missing or wrong token with 401', async () => {
    const body = JSON.stringify({ title: 'Nope', template: 'blank' });
    for (const auth of [undefined, '', 'Bearer', 'Bearer wrong', `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, TOKEN, `Basic ${TOKEN}`, `Bearer ${TOKEN} ${TOKEN}`]) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (auth !== undefined) headers.Authorization = auth;
      const answer = await request({ method: 'POST', path: '/api/maps.create', headers, body });
      expect(answer.status, String(auth)).toBe(401);
      expect(errorOf(answer).code).toBe('Unauthorized');
      expect(answer.headers['www-authenticate']).toBe('Bearer');
    }
    // Without the token the body is never read: the connection is closed after the answer.
    const upload = await request({ method: 'POST', path: '/api/maps.create', headers: { 'Content-Type': 'application/json' }, body: 'x'.repeat(200 * 1024) });
    expect(upload.status).toBe(401);
    expect(upload.headers.connection).toBe('close');
    // The token is checked before the operation name: nothing about the API is told without it.
    expect((await request({ method: 'POST', path: '/api/maps.explode', headers: { 'Content-Type': 'application/json' } })).status).toBe(401);
    await unchanged();
  });

  it('refuses a foreign Host header (DNS rebinding) with 403, and accepts the loopback names', async () => {
    const create = { title: 'Nope', template: 'blank' };
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, '127.0.0.1', `127.0.0.2:${server.port}`, `localhost.evil.example:${server.port}`]) {
      const answer = await api('maps.create', create, { Host: host });
      expect(answer.status, host).toBe(403);
      expect(errorOf(answer).code).toBe('Unauthorized');
    }
    // Static files too: a rebound page must not even load.
    expect((await request({ path: '/', headers: { Host: `evil.example:${server.port}` } })).status).toBe(403);
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `LOCALHOST:${server.port}`, `[::1]:${server.port}`]) {
      expect((await api('maps.list', {}, { Host: host })).status, host).toBe(200);
    }
    await unchanged();
  });

  it('refuses a foreign Origin header with 403, and accepts its own', async () => {
    for (const origin of ['https://evil.example', 'null', `https://127.0.0.1:${server.port}`, `http://127.0.0.1:${server.port + 1}`, `http://evil.example:${server.port}`]) {
      const answer = await api('maps.create', { title: 'Nope', template: 'blank' }, { Origin: origin });
      expect(answer.status, origin).toBe(403);
    }
    expect((await api('maps.list', {}, { Origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
    expect((await api('maps.list', {}, { Origin: `http://localhost:${server.port}` })).status).toBe(200);
    await unchanged();
  });

  it('refuses an oversized body with 413 without reading it all, declared or not', async () => {
    const big = JSON.stringify({ title: 'x', template: 'blank', description: 'd'.repeat(LIMIT) });
    const declared = await request({ method: 'POST', path: '/api/maps.create', headers: authed, body: big });
    expect(declared.status).toBe(413);
    expect(errorOf(declared).code).toBe('Invalid');
    expect(declared.headers.connection).toBe('close');
    const chunked = await request({ method: 'POST', path: '/api/maps.create', headers: authed, body: big, chunked: true });
    expect(chunked.status).toBe(413);
    // The server is still well afterwards.
    expect((await api('maps.list', {})).status).toBe(200);
    await unchanged();
  });

  it('answers an oversized body sent in ONE write with the 413, not a connection reset, even to a client slow to read', async () => {
    const body = JSON.stringify({ title: 'x', template: 'blank', description: 'd'.repeat(16 * LIMIT) }); // 1 MiB
    const chunk = (text: string) => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n0\r\n\r\n`;
    for (const [framing, payload] of [
      [`Content-Length: ${Buffer.byteLength(body)}\r\n`, body],
      ['Transfer-Encoding: chunked\r\n', chunk(body)],
    ] as const) {
      for (const readAfterMs of [0, 250]) {
        const { text, error } = await rawExchange(rawHead('maps.create', framing) + payload, { readAfterMs });
        const label = `${framing.trim()}, reading after ${readAfterMs} ms`;
        expect(error, label).toBeUndefined();
        const answer = parseRaw(text);
        expect(answer.status, label).toBe('HTTP/1.1 413 Payload Too Large');
        expect(answer.headers.connection).toBe('close');
        expect(JSON.parse(answer.body)).toEqual({ error: { code: 'Invalid', message: `The request body is larger than ${LIMIT} bytes.` } });
      }
    }
    expect((await api('maps.list', {})).status).toBe(200);
    await unchanged();
  });

  it('never runs a request pipelined after a refusal that closes the connection', async () => {
    // A small limit, so that both requests arrive in one read and the second is parsed at once.
    const small = await startServer({ workspace: ws, port: 0, token: TOKEN, staticDir, maxBodyBytes: 1024 });
    try {
      const big = 'x'.repeat(2000);
      const next = JSON.stringify({ title: 'Pipelined after a refusal', template: 'blank' });
      const head = (length: number) => rawHead('maps.create', `Content-Length: ${length}\r\n`, small.port);
      const { text } = await rawExchange(`${head(big.length)}${big}${head(next.length)}${next}`, { port: small.port });
      expect(parseRaw(text).status).toBe('HTTP/1.1 413 Payload Too Large');
      expect(text.match(/HTTP\/1\.1 /g)).toHaveLength(1);
    } finally {
      await small.close();
    }
    await unchanged();
  });

  it('closes a refused connection whose client never hangs up, after a bounded time', { timeout: LINGER_MS + 5_000 }, async () => {
    // allowHalfOpen: the client does not close its side when the server closes its own.
    const socket = net.connect({ port: server.port, host: '127.0.0.1', allowHalfOpen: true });
    socket.on('error', () => undefined);
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const started = Date.now();
    const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - started)));
    // Declares more than the limit, then trickles its body and never closes its side: the server must.
    socket.write(`${rawHead('maps.create', `Content-Length: ${LIMIT * 1000}\r\n`)}${'x'.repeat(LIMIT + 1)}`);
    const trickle = setInterval(() => socket.write('x'.repeat(100)), 50);
    const after = await closed.finally(() => clearInterval(trickle));
    expect(parseRaw(text).status).toBe('HTTP/1.1 413 Payload Too Large');
    expect(after).toBeGreaterThanOrEqual(LINGER_MS - 100);
    expect(after).toBeLessThan(LINGER_MS + 3_000);
  });

  it('refuses an empty body and any JSON that is not an object with 400, before core sees it', async () => {
    const seen: unknown[] = [];
    const recording: WorkspaceCaller = { ...NO_COPY, call: (name, input) => (seen.push(input), ws.call(name, input)), subscribe: () => () => undefined };
    const other = await startServer({ workspace: recording, port: 0, token: TOKEN, staticDir });
    try {
      const post = (body: string | undefined, headers: Record<string, string> = authed) =>
        request({ method: 'POST', path: '/api/maps.list', headers, port: other.port, ...(body === undefined ? {} : { body }) });
      const cases: [string, Answer][] = [
        ['no body, no Content-Type', await post(undefined, { Authorization: `Bearer ${TOKEN}` })],
        ['no body, application/json', await post(undefined)],
        ['Content-Length: 0', await post(undefined, { ...authed, 'Content-Length': '0' })],
      ];
      for (const json of ['null', '[]', '[{}]', '0', '1', '"x"', '""', 'true', 'false', ' null ']) cases.push([json, await post(json)]);
      for (const [label, answer] of cases) {
        expect(answer.status, label).toBe(400);
        expect(errorOf(answer), label).toEqual({ code: 'Invalid', message: 'The request body must be a JSON object (send {} for an operation without input).' });
      }
      expect(seen).toEqual([]);
      expect((await post('{}')).status).toBe(200); // an operation without input takes {}
      expect(seen).toEqual([{}]);
    } finally {
      await other.close();
    }
    await unchanged();
  });

  it('a client that drops mid-body costs at most one line on stderr, never a stack trace, and nothing changes', async () => {
    const printed: string[] = [];
    const logged = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void printed.push(args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(' ')));
    const written = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (printed.push(String(chunk)), true));
    try {
      const body = JSON.stringify({ title: 'Dropped', template: 'blank', description: 'd'.repeat(LIMIT / 2) });
      const drops: [string, (socket: net.Socket) => void][] = [
        ['reset', (socket) => socket.resetAndDestroy()],
        ['close', (socket) => socket.destroy()],
        ['half-close', (socket) => socket.end()],
      ];
      for (const [how, drop] of drops) {
        for (const [framing, part] of [
          [`Content-Length: ${body.length}\r\n`, body.slice(0, 1000)], // part of a body under the limit
          [`Content-Length: ${body.length * 4}\r\n`, body], // a body over the limit, refused while it is sent
          ['Transfer-Encoding: chunked\r\n', `${(1000).toString(16)}\r\n${body.slice(0, 1000)}\r\n`],
          ['Transfer-Encoding: chunked\r\n', `${body.length.toString(16)}\r\n${body}\r\n`.repeat(3)], // over the limit
        ] as const) {
          const socket = net.connect(server.port, '127.0.0.1');
          socket.on('error', () => undefined);
          socket.resume(); // read whatever the server answers, so that its closing is seen
          const closed = new Promise((resolve) => socket.on('close', resolve));
          printed.length = 0;
          socket.write(rawHead('maps.create', framing) + part);
          await delay(30); // the server is reading the body (or lingering after its refusal)
          drop(socket);
          await closed;
          await delay(20); // let the server notice
          const lines = printed.join('').split('\n').filter((l) => l.trim() !== '');
          const label = `${how} during ${framing.trim()} (${part.length} bytes sent): ${lines.join('\n')}`;
          expect(lines.length, label).toBeLessThanOrEqual(1);
          expect(lines.join('\n'), label).not.toMatch(/^\s+at /m);
        }
      }
    } finally {
      logged.mockRestore();
      written.mockRestore();
    }
    expect((await api('maps.list', {})).status).toBe(200);
    await unchanged();
  });

  it('refuses malformed JSON and other content types with 400', async () => {
    const malformed = await request({ method: 'POST', path: '/api/maps.create', headers: authed, body: '{"title": "x",' });
    expect(malformed.status).toBe(400);
    expect(errorOf(malformed)).toEqual({ code: 'Invalid', message: 'The request body is not valid JSON.' });
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', 'application/jsonx']) {
      const answer = await request({ method: 'POST', path: '/api/maps.create', headers: { ...authed, 'Content-Type': type }, body: '{"title":"x","template":"blank"}' });
      expect(answer.status, type).toBe(400);
      expect(errorOf(answer).code).toBe('Invalid');
    }
    const untyped = await request({ method: 'POST', path: '/api/maps.create', headers: { Authorization: `Bearer ${TOKEN}` }, body: '{"title":"x","template":"blank"}' });
    expect(untyped.status).toBe(400);
    await unchanged();
  });

  it('answers other methods on /api with 405', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']) {
      const answer = await request({ method, path: '/api/maps.list', headers: { Authorization: `Bearer ${TOKEN}` } });
      expect(answer.status, method).toBe(405);
      expect(answer.headers.allow).toBe('POST');
    }
    await unchanged();
  });

  it('puts the safety headers on every answer, refusals included', async () => {
    const answers = [await api('maps.list', {}), await api('maps.list', {}, { Authorization: 'Bearer no' }), await request({ path: '/nope.js' }), await request({ path: '/' })];
    for (const answer of answers) {
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
      expect(answer.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(answer.headers['x-frame-options']).toBe('DENY');
    }
  });
});

describe('browser host: one workspace call at a time', () => {
  it('passes calls on as they arrive: a long one does not hold up the others (the session orders what must be ordered)', async () => {
    const answered: string[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const watched: WorkspaceCaller = {
      ...NO_COPY,
      subscribe: () => () => undefined,
      call: async (name, input) => {
        if (name === 'workspace.backups') await held; // a long call, as a backup of a big workspace is
        return ws.call(name, input);
      },
    };
    const other = await startServer({ workspace: watched, port: 0, token: TOKEN, staticDir });
    try {
      const slow = api('workspace.backups', {}, {}, other.port).then((a) => (answered.push('slow'), a));
      await delay(20);
      const quick = await Promise.all(Array.from({ length: 5 }, () => api('workspace.info', {}, {}, other.port).then((a) => (answered.push('quick'), a))));
      expect(quick.map((a) => a.status)).toEqual(Array(5).fill(200));
      release();
      expect((await slow).status).toBe(200);
      expect(answered).toEqual(['quick', 'quick', 'quick', 'quick', 'quick', 'slow']);
    } finally {
      await other.close();
    }
  });

  it('lets calls that arrive during a restore wait for it instead of failing (the session the host serves orders them)', async () => {
    const session = new WorkspaceSession();
    const file = path.join(dir, 'restoring.waymark');
    await session.open(file);
    await session.close();
    await session.open(file); // opening an existing workspace takes a backup
    const [backup] = await session.call('workspace.backups', {});
    const other = await startServer({ workspace: session, port: 0, token: TOKEN, staticDir });
    try {
      await api('maps.create', { title: 'After the backup', template: 'blank' }, {}, other.port);
      const [restore, ...lists] = await Promise.all([
        api('workspace.restore', { id: backup?.id ?? '' }, {}, other.port),
        ...Array.from({ length: 5 }, () => api('maps.list', {}, {}, other.port)),
      ]);
      expect(restore.status).toBe(200);
      expect(lists.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
      expect((await session.call('maps.list', {})).map((m) => m.title)).not.toContain('After the backup');
    } finally {
      await other.close();
      await session.close();
    }
  });

  it('close() lets a call in flight finish and answer', async () => {
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (started = resolve));
    const slow: WorkspaceCaller = {
      ...NO_COPY,
      subscribe: () => () => undefined,
      call: async (name, input) => {
        started();
        await delay(100);
        return ws.call(name, input);
      },
    };
    const other = await startServer({ workspace: slow, port: 0, token: TOKEN, staticDir });
    const pending = api('maps.list', {}, {}, other.port);
    await running;
    await other.close();
    expect((await pending).status).toBe(200);
    await expect(api('maps.list', {}, {}, other.port)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('answers an unexpected failure with 500 and the generic message, and logs the real one', async () => {
    const failing: WorkspaceCaller = { ...NO_COPY, call: () => Promise.reject(new Error('disk I/O error at /home/someone/private.waymark')), subscribe: () => () => undefined };
    const other = await startServer({ workspace: failing, port: 0, token: TOKEN, staticDir });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const answer = await api('maps.list', {}, {}, other.port);
      expect(answer.status).toBe(500);
      expect(errorOf(answer)).toEqual({ code: 'Internal', message: 'Something went wrong inside Waymark. Your last change may not have been saved.' });
      expect(answer.body).not.toMatch(/private|at \w+ \(|\.ts:\d+/);
      expect(String(logged.mock.calls[0]?.[1])).toContain('disk I/O error');
    } finally {
      logged.mockRestore();
      await other.close();
    }
  });
});

describe('browser host: a copy of the workspace as a download (host capability)', () => {
  const fetchCopy = (headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}` }, method = 'GET') =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: server.port, method, path: '/host/workspace-copy', headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });

  it('sends a whole, openable copy named as a copy, and leaves no file behind', async () => {
    await ws.call('maps.create', { title: 'Travels in the copy', template: 'blank' });
    const tempBefore = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('waymark-copy-'));
    const answer = await fetchCopy();
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/vnd.sqlite3');
    expect(answer.headers['content-disposition']).toBe(`attachment; filename="w copy.waymark"; filename*=UTF-8''w%20copy.waymark`);
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    const copy = path.join(dir, 'downloaded.waymark');
    fs.writeFileSync(copy, answer.body);
    const opened = Workspace.open(copy, { backupsDir: path.join(dir, 'copy-backups') });
    try {
      expect((await opened.call('maps.list', {})).map((m) => m.title)).toContain('Travels in the copy');
    } finally {
      opened.close();
    }
    // Removed once sent (just after the last byte went out).
    await vi.waitFor(() => expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('waymark-copy-'))).toEqual(tempBefore));
  });

  it('refuses without the token, and any method but GET', async () => {
    expect((await fetchCopy({})).status).toBe(401);
    expect((await fetchCopy({ Authorization: `Bearer ${TOKEN}` }, 'POST')).status).toBe(405);
  });
});

describe('browser host token', () => {
  it('refuses to start with a token shorter than 32 characters', async () => {
    for (const token of ['', 'short', 'x'.repeat(16), 'x'.repeat(31)]) {
      await expect(startServer({ workspace: ws, port: 0, token, staticDir }), JSON.stringify(token)).rejects.toThrow('The token must be at least 32 characters long.');
    }
    const shortest = await startServer({ workspace: ws, port: 0, token: 'x'.repeat(32), staticDir });
    try {
      expect(shortest.token).toBe('x'.repeat(32));
    } finally {
      await shortest.close();
    }
    const random = await startServer({ workspace: ws, port: 0, staticDir });
    try {
      expect(random.token.length).toBeGreaterThanOrEqual(32);
    } finally {
      await random.close();
    }
  });
});

describe('browser host static files', () => {
  it('serves index.html at / with a strict CSP, and the app with the right content types', async () => {
    const index = await request({ path: '/' });
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Waymark</title>');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = index.headers['content-security-policy'] ?? '';
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'none'", "connect-src 'self'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain("script-src 'self' 'unsafe");
    expect((await request({ path: '/index.html' })).body).toBe(index.body);
    const js = await request({ path: '/assets/app.js?v=1' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['content-security-policy']).toBeUndefined();
    expect((await request({ path: '/assets/style.css' })).headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await request({ method: 'HEAD', path: '/' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(index.body)));
  });

  it('never serves a file outside the built app, whatever the encoding', async () => {
    const attempts = [
      '/../package.json',
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e/package.json',
      '/%2E%2E%2Fsecret.txt',
      '/%2e%2e%2fpackage.json',
      '/assets%2f..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/..\\secret.txt',
      '/%252e%252e/secret.txt',
      '/%00index.html',
      '/index.html%00.js',
      '/%',
      '/.env',
      '/assets/link.txt',
      '//etc/passwd',
      '/w.waymark',
    ];
    for (const p of attempts) {
      const answer = await request({ path: p });
      expect([400, 404], p).toContain(answer.status);
      expect(answer.body, p).not.toContain('do not serve me');
    }
    expect((await request({ path: '/missing.js' })).status).toBe(404);
    expect((await request({ path: '/assets/' })).status).toBe(404);
  });

  it('answers other methods on static files with 405', async () => {
    const post = await request({ method: 'POST', path: '/index.html' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });
});

describe('the push of committed changes (host capability, server-sent events)', () => {
  /** Read a server-sent-event stream until `count` events have arrived. */
  async function readEvents(count: number, headers: Record<string, string>, act: () => Promise<void>): Promise<unknown[]> {
    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${server.port}/host/events`, { headers, signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const reader = (response.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
    const events: unknown[] = [];
    let buffer = '';
    const first = await reader.read(); // ': connected' arrives before anything else
    buffer += first.value ?? '';
    await act();
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (data) events.push(JSON.parse(data.slice(6)));
      }
    }
    controller.abort();
    return events;
  }

  it('streams every committed change with the client that made it, to a client with the token', async () => {
    const auth = { Authorization: `Bearer ${TOKEN}` };
    const events = await readEvents(2, auth, async () => {
      const call = (name: string, input: unknown, client?: string) =>
        fetch(`http://127.0.0.1:${server.port}/api/${name}`, {
          method: 'POST',
          headers: { ...auth, 'Content-Type': 'application/json', ...(client ? { 'X-Waymark-Client': client } : {}) },
          body: JSON.stringify(input),
        });
      await call('maps.create', { title: 'Pushed', template: 'blank' }, 'tab-1');
      await call('maps.list', {}); // a read: no event
      await call('maps.create', { title: 'Also pushed', template: 'blank' }, 'not a valid id!');
    });
    expect(events).toMatchObject([
      { type: 'changes', clientId: 'tab-1', operation: 'maps.create', changes: { maps: [{ title: 'Pushed' }] } },
      { type: 'changes', clientId: null, operation: 'maps.create', changes: { maps: [{ title: 'Also pushed' }] } },
    ]);
    const [a, b] = events as { seq: number }[];
    expect((b?.seq ?? 0) - (a?.seq ?? 0)).toBe(1);
    // Leave the workspace as the other tests expect it.
    for (const m of await ws.call('maps.list', {})) await ws.call('maps.delete', { id: m.id });
    before = await contents(ws);
  });

  it('refuses the stream without the token, and any method but GET', async () => {
    const missing = await request({ path: '/host/events', headers: { Host: `127.0.0.1:${server.port}` } });
    expect(missing.status).toBe(401);
    const posted = await request({ method: 'POST', path: '/host/events', headers: { Host: `127.0.0.1:${server.port}`, Authorization: `Bearer ${TOKEN}` } });
    expect(posted.status).toBe(405);
    expect(await contents(ws)).toEqual(before);
  });
});

describe('event streams are bounded', () => {
  it('lets go of a client that stops reading, and refuses more streams than it serves', async () => {
    const { MAX_EVENT_STREAMS } = await import('../../../electron/server/server.ts');
    // A client that connects and never reads: events pile up on its socket until the host lets go of it.
    const socket = net.connect(server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`GET /host/events HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${TOKEN}\r\n\r\n`);
    socket.pause();
    const closed = new Promise((resolve) => socket.once('close', resolve));
    const big = 'x'.repeat(3900);
    const map = (await ws.call('maps.create', { title: 'Backlog', template: 'blank' })).maps[0]?.id ?? '';
    const stage = (await ws.call('maps.get', { id: map })).stages[0]?.id ?? '';
    const lane = (await ws.call('maps.get', { id: map })).lanes.find((l) => l.kind === 'text')?.id ?? '';
    const card = (await ws.call('cards.create', { laneId: lane, stageId: stage, text: 'x' })).cards[0]?.id ?? '';
    for (let i = 0; i < 4000 && !socket.destroyed; i++) {
      await ws.call('cards.update', { id: card, text: `${big}${i}` });
      if (i % 200 === 0) await delay(1);
    }
    socket.resume();
    socket.on('data', () => undefined);
    await closed;
    await ws.call('maps.delete', { id: map });
    before = await contents(ws);

    // As many streams as it serves, then one more is refused with a clear message.
    const open = (): Promise<{ socket: net.Socket; head: string }> =>
      new Promise((resolve) => {
        const s = net.connect(server.port, '127.0.0.1', () => s.write(`GET /host/events HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${TOKEN}\r\n\r\n`));
        s.once('data', (chunk: Buffer) => resolve({ socket: s, head: chunk.toString() }));
      });
    const streams = await Promise.all(Array.from({ length: MAX_EVENT_STREAMS }, open));
    try {
      expect(streams.every((x) => x.head.startsWith('HTTP/1.1 200'))).toBe(true);
      const extra = await open();
      expect(extra.head).toMatch(/^HTTP\/1.1 503/);
      expect(extra.head).toMatch(/can follow this workspace at once/);
      extra.socket.destroy();
    } finally {
      for (const x of streams) x.socket.destroy();
    }
  });
});
