/**
 * The browser host: the built renderer and the contract over HTTP on loopback.
 * POST /api/<operation> with a JSON body and `Authorization: Bearer <token>`; every other request is a
 * GET/HEAD for a static file. Foreign Host/Origin headers (DNS rebinding), missing or wrong tokens,
 * oversized or malformed bodies are refused before the workspace is touched.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { API_PATH_PREFIX } from '../api/bridge.ts';
import { isOperationName } from '../api/contract.ts';
import { HTTP_STATUS, toErrorBody, type ErrorBody } from '../api/errors.ts';
import type { Workspace } from '../core/workspace.ts';

export interface ServerOptions {
  workspace: Workspace;
  port?: number;
  host?: string;
  token?: string;
  staticDir?: string;
  maxBodyBytes?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close: () => Promise<void>;
}

export const DEFAULT_STATIC_DIR = path.resolve(import.meta.dirname, '../../out/renderer');
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

class RequestError extends Error {
  readonly status: number;
  readonly body: ErrorBody;
  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.status = status;
    this.body = body;
  }
}

function sendJson(res: http.ServerResponse, status: number, payload: unknown): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function sendError(res: http.ServerResponse, status: number, body: ErrorBody): void {
  sendJson(res, status, { error: body });
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? '');
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new RequestError(413, { code: 'Invalid', message: `The request body is larger than ${limit} bytes.` }));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop reading; the answer goes out with `Connection: close` and the socket closes after it.
        req.off('data', onData);
        req.pause();
        reject(new RequestError(413, { code: 'Invalid', message: `The request body is larger than ${limit} bytes.` }));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Resolve a URL path to a file inside `root`, or null. Never escapes root. */
export function staticFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || /%2f|%5c/i.test(urlPath)) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  try {
    return fs.statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(32).toString('base64url');
  const root = path.resolve(options.staticDir ?? DEFAULT_STATIC_DIR);
  const limit = options.maxBodyBytes ?? 8 * 1024 * 1024;
  const { workspace } = options;
  let port = 0;
  let queue: Promise<unknown> = Promise.resolve();
  /** One workspace call at a time, in arrival order (a restore is asynchronous). */
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${host}:${port}`]);

  const handleApi = async (req: http.IncomingMessage, res: http.ServerResponse, name: string) => {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendError(res, 405, { code: 'Invalid', message: 'API operations are called with POST.' });
    }
    if (!tokenMatches(req.headers.authorization, token)) {
      return sendError(res, 401, { code: 'Unauthorized', message: 'Missing or wrong token. Open the URL Waymark printed when it started.' });
    }
    if (!isOperationName(name)) return sendError(res, 404, { code: 'NotFound', message: `There is no operation called "${name}".` });
    const type = req.headers['content-type'] ?? '';
    const raw = await readBody(req, limit);
    let input: unknown = {};
    if (raw.length > 0) {
      if (!/^application\/json\b/i.test(type)) return sendError(res, 400, { code: 'Invalid', message: 'The request body must be JSON (Content-Type: application/json).' });
      try {
        input = JSON.parse(raw.toString('utf8'));
      } catch {
        return sendError(res, 400, { code: 'Invalid', message: 'The request body is not valid JSON.' });
      }
    }
    try {
      const result = await serial(() => workspace.call(name, input));
      sendJson(res, 200, { result });
    } catch (error) {
      const body = toErrorBody(error);
      if (body.code === 'Internal') console.error(`waymark: ${name} failed:`, error);
      sendError(res, HTTP_STATUS[body.code], body);
    }
  };

  const handleStatic = (req: http.IncomingMessage, res: http.ServerResponse, urlPath: string) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendError(res, 405, { code: 'Invalid', message: 'Only GET and HEAD are allowed here.' });
    }
    const file = staticFile(root, urlPath);
    if (!file) return sendError(res, 404, { code: 'NotFound', message: 'Not found.' });
    const ext = path.extname(file);
    const headers: Record<string, string | number> = {
      ...COMMON_HEADERS,
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      'Content-Length': fs.statSync(file).size,
      'Cache-Control': ext === '.html' ? 'no-cache' : 'public, max-age=3600',
    };
    if (ext === '.html') headers['Content-Security-Policy'] = CSP;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file).pipe(res);
  };

  const server = http.createServer((req, res) => {
    const hostHeader = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts().has(hostHeader)) return sendError(res, 403, { code: 'Unauthorized', message: 'Requests must be addressed to this machine (Host header refused).' });
    const origin = req.headers.origin;
    if (origin !== undefined && ![...allowedHosts()].some((h) => origin === `http://${h}`)) {
      return sendError(res, 403, { code: 'Unauthorized', message: 'Requests from other sites are refused (Origin header).' });
    }
    const urlPath = (req.url ?? '/').split('?')[0] ?? '/';
    const work = urlPath.startsWith(API_PATH_PREFIX) ? handleApi(req, res, urlPath.slice(API_PATH_PREFIX.length)) : Promise.resolve(handleStatic(req, res, urlPath));
    work.catch((error: unknown) => {
      if (error instanceof RequestError) {
        // The rest of the body is never read: close the connection once the answer has gone out.
        res.setHeader('Connection', 'close');
        res.once('finish', () => req.socket.destroy());
        return sendError(res, error.status, error.body);
      }
      console.error('waymark: request failed:', error);
      if (!res.headersSent) sendError(res, 500, toErrorBody(error));
    });
  });
  server.requestTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
