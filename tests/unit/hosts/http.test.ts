/** The browser host for real on loopback: what it serves, and everything it refuses without touching the workspace. */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '../../../electron/api/contract.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { startServer, type RunningServer } from '../../../electron/server/server.ts';

let dir: string;
let ws: Workspace;
let server: RunningServer;
let origin: string;
const TOKEN = 'test-token-0123456789abcdefghijklmnop';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-http-'));
  const staticDir = path.join(dir, 'static');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Waymark</title>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'do not serve me');
  ws = Workspace.open(path.join(dir, 'w.waymark'));
  server = await startServer({ workspace: ws, port: 0, token: TOKEN, staticDir, maxBodyBytes: 64 * 1024 });
  origin = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}
/** A raw request, so that Host and other headers fetch() will not let us set can be tested. */
function request(options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}
const api = (name: string, input: unknown, headers: Record<string, string> = {}) =>
  request({ method: 'POST', path: `/api/${name}`, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}`, ...headers }, body: JSON.stringify(input) });
const mapCount = async () => (await ws.call('maps.list', {})).length;

describe('browser host API', () => {
  it('answers every contract operation (something other than "unknown operation")', async () => {
    for (const name of OPERATION_NAMES) {
      if (name === 'workspace.restore') continue; // would replace the workspace; covered by its own test
      const answer = await api(name, {});
      expect(answer.status, name).not.toBe(404);
      expect(answer.headers['content-type']).toMatch(/application\/json/);
      expect(answer.headers['cache-control']).toBe('no-store');
    }
    const unknown = await api('maps.explode', {});
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toEqual({ error: { code: 'NotFound', message: 'There is no operation called "maps.explode".' } });
  });

  it('runs a valid call and returns its result', async () => {
    const created = await api('maps.create', { title: 'Over HTTP', template: 'blank' });
    expect(created.status).toBe(200);
    const result = (JSON.parse(created.body) as { result: { maps: { title: string }[] } }).result;
    expect(result.maps[0]?.title).toBe('Over HTTP');
    expect(await mapCount()).toBe(1);
  });

  it('answers validation errors with 400 and the field, changing nothing', async () => {
    const before = await mapCount();
    const bad = await api('maps.create', { title: '', template: 'blank' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ error: { code: 'Invalid', issues: ['title must not be empty'] } });
    const missing = await api('cards.delete', { id: 'ghost' });
    expect(missing.status).toBe(404);
    expect(await mapCount()).toBe(before);
  });

  it('refuses missing and wrong tokens', async () => {
    const before = await mapCount();
    for (const auth of [undefined, 'Bearer wrong', `Bearer ${TOKEN}x`, TOKEN, `Basic ${TOKEN}`]) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (auth) headers.Authorization = auth;
      const answer = await request({ method: 'POST', path: '/api/maps.create', headers, body: JSON.stringify({ title: 'Nope', template: 'blank' }) });
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'Unauthorized' } });
    }
    expect(await mapCount()).toBe(before);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin', async () => {
    const before = await mapCount();
    const foreignHost = await api('maps.create', { title: 'Nope', template: 'blank' }, { Host: 'evil.example' });
    expect(foreignHost.status).toBe(403);
    const rebinding = await api('maps.create', { title: 'Nope', template: 'blank' }, { Host: `evil.example:${server.port}` });
    expect(rebinding.status).toBe(403);
    const foreignOrigin = await api('maps.create', { title: 'Nope', template: 'blank' }, { Origin: 'https://evil.example' });
    expect(foreignOrigin.status).toBe(403);
    const sameOrigin = await api('maps.list', {}, { Origin: origin });
    expect(sameOrigin.status).toBe(200);
    const localhost = await api('maps.list', {}, { Host: `localhost:${server.port}` });
    expect(localhost.status).toBe(200);
    expect(await mapCount()).toBe(before);
  });

  it('refuses oversized bodies, malformed JSON, other content types and other methods', async () => {
    const before = await mapCount();
    const big = await api('maps.create', { title: 'x', template: 'blank', description: 'd'.repeat(100 * 1024) });
    expect(big.status).toBe(413);
    const malformed = await request({ method: 'POST', path: '/api/maps.create', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` }, body: '{"title": "x",' });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body)).toMatchObject({ error: { code: 'Invalid', message: 'The request body is not valid JSON.' } });
    const form = await request({ method: 'POST', path: '/api/maps.create', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Bearer ${TOKEN}` }, body: 'title=x' });
    expect(form.status).toBe(400);
    const get = await request({ path: '/api/maps.list', headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(get.status).toBe(405);
    expect(await mapCount()).toBe(before);
  });
});

describe('browser host static files', () => {
  it('serves the app with a strict CSP and safe headers', async () => {
    const index = await request({ path: '/' });
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Waymark</title>');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['x-frame-options']).toBe('DENY');
    const js = await request({ path: '/assets/app.js' });
    expect(js.headers['content-type']).toMatch(/text\/javascript/);
  });

  it('never serves a file outside the built app', async () => {
    for (const p of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/%2e%2e%2fsecret.txt', '/assets%2f..%2f..%2fsecret.txt', '/..%5csecret.txt', '/%00index.html', '/w.waymark']) {
      const answer = await request({ path: p });
      expect(answer.status, p).toBeGreaterThanOrEqual(400);
      expect(answer.body).not.toContain('do not serve me');
    }
    const post = await request({ method: 'POST', path: '/index.html' });
    expect(post.status).toBe(405);
  });
});
