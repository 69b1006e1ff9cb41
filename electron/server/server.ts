/**
 * The browser host: the built renderer and the contract over HTTP on loopback (node:http only).
 * `POST /api/<operation>` with a JSON object as its body and `Authorization: Bearer <token>`; any other
 * path is a GET/HEAD for a static file. Foreign Host/Origin headers (DNS rebinding, other sites), missing or wrong tokens,
 * other methods, oversized or malformed bodies are refused before the workspace is reached.
 * The API is a loop over the contract: adding an operation never touches this file.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { API_PATH_PREFIX } from '../api/bridge.ts';
import { isOperationName, type OperationName } from '../api/contract.ts';
import { HTTP_STATUS, toErrorBody } from '../api/errors.ts';
import { CLIENT_HEADER, clientIdOf, HOST_EVENTS_PATH, HOST_WORKSPACE_COPY_PATH } from '../api/host.ts';
import type { SessionApi } from '../core/session.ts';
import type { CallMeta } from '../core/workspace.ts';
import { isClosingAfterAnswer, Refusal, SECURITY_HEADERS, sendJson, sendRefusal, sendResultJson } from './respond.ts';
import { serveStatic } from './static.ts';

/**
 * What the host needs of a workspace: its one entry point, and the push of committed changes (a Workspace,
 * a WorkspaceSession, or a RemoteSession whose engine runs on its own thread).
 */
export interface WorkspaceCaller extends Pick<SessionApi, 'call' | 'subscribe'> {
  readonly path: string | null;
  /** Write a copy of the open workspace to `target` (see Workspace.saveCopy). */
  saveCopy(target: string): void | Promise<void>;
  /**
   * A call's result as its JSON text in UTF-8, when the workspace can make it where it runs (a RemoteSession:
   * in the engine's thread, moved here, not cloned); the host sends it on as it is. Without it, the host
   * serialises the result itself.
   */
  callJson?(name: OperationName, input: unknown, meta?: CallMeta): Promise<Uint8Array>;
}

export interface ServerOptions {
  workspace: WorkspaceCaller;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** At least MIN_TOKEN_LENGTH characters. Default: 32 random bytes, base64url (43 characters). */
  token?: string;
  /** Default: out/renderer of this repository. */
  staticDir?: string;
  /** Default 8 MiB. */
  maxBodyBytes?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  /** Stop accepting requests, let queued workspace calls finish, close every connection. */
  close: () => Promise<void>;
}

export const DEFAULT_STATIC_DIR = path.resolve(import.meta.dirname, '../../out/renderer');
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
/** Event streams one host serves at once, and what one may hold unread before it is closed. */
export const MAX_EVENT_STREAMS = 64;
export const MAX_STREAM_BACKLOG_BYTES = 8 * 1024 * 1024;
/** The shortest token the host accepts: anyone who guesses it can read and change the workspace. */
export const MIN_TOKEN_LENGTH = 32;
const API_ROOT = API_PATH_PREFIX.replace(/\/$/, '');

/** A client that hung up while its body was being read: nobody is left to answer. */
class ClientGone extends Error {}

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Constant-time check of `Authorization: Bearer <token>` (digests, so the buffers always have equal length). */
function tokenChecker(token: string): (header: string | undefined) => boolean {
  const expected = sha256(token);
  return (header) => {
    const given = /^Bearer +(\S+) *$/i.exec(header ?? '')?.[1];
    const matches = timingSafeEqual(sha256(given ?? ''), expected);
    return given !== undefined && matches;
  };
}

/** The Host values the server answers to: loopback names and the configured host, on its port. */
export function allowedHosts(host: string, port: number): Set<string> {
  const configured = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return new Set(['127.0.0.1', 'localhost', '[::1]', configured.toLowerCase()].map((h) => `${h}:${port}`));
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () => new Refusal(413, { code: 'Invalid', message: `The request body is larger than ${limit} bytes.` }, { closeConnection: true });
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup(); // stop reading: nothing more is buffered
        req.pause();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = () => {
      cleanup();
      reject(new ClientGone());
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

const isJsonType = (type: string) => /^application\/json\s*(;|$)/i.test(type.trim());

/** What an operation's input may be: a plain object (JSON.parse makes no other kind of object). */
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The operation's input from the request body: a JSON object, sent as JSON. An empty body, `null`, an array
 * or any other JSON value is refused here, never taken as `{}` (core's parseInput reads a missing input as
 * `{}`, which suits callers in the same process, not a body that arrived empty).
 */
async function readInput(req: http.IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const type = req.headers['content-type'];
  const notJson = () => new Refusal(400, { code: 'Invalid', message: 'The request body must be JSON (Content-Type: application/json).' });
  const notAnObject = () => new Refusal(400, { code: 'Invalid', message: 'The request body must be a JSON object (send {} for an operation without input).' });
  if (type !== undefined && !isJsonType(type)) throw notJson();
  const raw = await readBody(req, limit);
  if (raw.length === 0) throw notAnObject();
  if (type === undefined) throw notJson();
  let input: unknown;
  try {
    input = JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new Refusal(400, { code: 'Invalid', message: 'The request body is not valid JSON.' });
  }
  if (!isPlainObject(input)) throw notAnObject();
  return input;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(32).toString('base64url');
  if (token.length < MIN_TOKEN_LENGTH) throw new Error(`The token must be at least ${MIN_TOKEN_LENGTH} characters long.`);
  if (!/^[\x21-\x7e]+$/.test(token)) throw new Error('The token must be printable ASCII without spaces.');
  const root = path.resolve(options.staticDir ?? DEFAULT_STATIC_DIR);
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const { workspace } = options;
  const tokenMatches = tokenChecker(token);
  /**
   * Calls go on to the session as they arrive; it runs them in that order and keeps a restore or a switch
   * apart from the rest. A long call (a backup) never holds up a quick one here.
   */
  const inFlight = new Set<Promise<unknown>>();
  let allowed = new Set<string>(); // filled once the port is known; until then every request is refused

  const handleApi = async (req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> => {
    if (req.method !== 'POST') {
      throw new Refusal(405, { code: 'Invalid', message: 'Operations are called with POST.' }, { headers: { Allow: 'POST' } });
    }
    if (!tokenMatches(req.headers.authorization)) {
      throw new Refusal(401, { code: 'Unauthorized', message: 'Missing or wrong token. Open the URL Waymark printed when it started.' }, { headers: { 'WWW-Authenticate': 'Bearer' } });
    }
    if (!isOperationName(name)) throw new Refusal(404, { code: 'NotFound', message: `There is no operation called "${name}".` });
    const input = await readInput(req, limit);
    const clientId = clientIdOf(req.headers[CLIENT_HEADER]);
    try {
      const meta = clientId === undefined ? {} : { clientId };
      const tracked = <T>(call: Promise<T>): Promise<T> => {
        const settled = call.catch(() => undefined);
        inFlight.add(settled);
        void settled.then(() => inFlight.delete(settled));
        return call;
      };
      if (workspace.callJson) sendResultJson(res, await tracked(workspace.callJson(name, input, meta)));
      else sendJson(res, 200, { result: await tracked(workspace.call(name, input, meta)) });
    } catch (error) {
      const body = toErrorBody(error);
      if (body.code === 'Internal') console.error(`waymark: ${name} failed:`, error);
      sendJson(res, HTTP_STATUS[body.code], { error: body });
    }
  };

  /** Open event streams: ended properly when the server closes, so clients see the stream end, not break. */
  const streams = new Set<http.ServerResponse>();

  /** A host capability, not an operation: every committed change, as server-sent events, until the client leaves. */
  const handleEvents = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    if (req.method !== 'GET') throw new Refusal(405, { code: 'Invalid', message: 'The event stream is read with GET.' }, { headers: { Allow: 'GET' } });
    if (!tokenMatches(req.headers.authorization)) {
      throw new Refusal(401, { code: 'Unauthorized', message: 'Missing or wrong token. Open the URL Waymark printed when it started.' }, { headers: { 'WWW-Authenticate': 'Bearer' } });
    }
    if (streams.size >= MAX_EVENT_STREAMS) {
      throw new Refusal(503, { code: 'Conflict', message: `At most ${MAX_EVENT_STREAMS} windows can follow this workspace at once; close one and try again.` });
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    const stop = workspace.subscribe((event) => {
      res.write(`data: ${JSON.stringify(event)}\n\n`);
      // A client that stops reading is let go, rather than kept in memory without end: it reconnects,
      // and re-reads what it shows.
      if (res.writableLength > MAX_STREAM_BACKLOG_BYTES) res.destroy();
    });
    // A comment now and then keeps idle connections (and the proxies some people have) from timing out.
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 20_000);
    heartbeat.unref();
    const end = () => {
      clearInterval(heartbeat);
      stop();
      streams.delete(res);
    };
    streams.add(res);
    res.once('close', end);
    req.socket.setTimeout(0);
  };

  /**
   * A host capability, not an operation: a compact copy of the workspace as a download, written to a
   * temporary folder after every call before it, sent, and removed. The file's name says it is a copy.
   */
  const handleCopy = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (req.method !== 'GET') throw new Refusal(405, { code: 'Invalid', message: 'A copy of the workspace is read with GET.' }, { headers: { Allow: 'GET' } });
    if (!tokenMatches(req.headers.authorization)) {
      throw new Refusal(401, { code: 'Unauthorized', message: 'Missing or wrong token. Open the URL Waymark printed when it started.' }, { headers: { 'WWW-Authenticate': 'Bearer' } });
    }
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'waymark-copy-'));
    try {
      const base = path.basename(workspace.path ?? 'Workspace.waymark', '.waymark');
      const file = path.join(dir, 'copy.waymark');
      try {
        await workspace.saveCopy(file);
      } catch (error) {
        const body = toErrorBody(error);
        sendJson(res, HTTP_STATUS[body.code], { error: body });
        return;
      }
      const name = `${base} copy.waymark`;
      const size = (await fs.promises.stat(file)).size;
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'application/vnd.sqlite3',
        'Content-Length': String(size),
        'Content-Disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        'Cache-Control': 'no-store',
      });
      await pipeline(fs.createReadStream(file), res);
    } finally {
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (!allowed.has((req.headers.host ?? '').toLowerCase())) {
      throw new Refusal(403, { code: 'Unauthorized', message: 'Requests must be addressed to this computer by name (the Host header was refused).' });
    }
    const origin = req.headers.origin;
    if (origin !== undefined && ![...allowed].some((h) => origin.toLowerCase() === `http://${h}`)) {
      throw new Refusal(403, { code: 'Unauthorized', message: 'Requests from other sites are refused (the Origin header was refused).' });
    }
    const urlPath = (req.url ?? '/').split('?')[0] ?? '/';
    if (urlPath === API_ROOT) throw new Refusal(404, { code: 'NotFound', message: 'Name an operation: POST /api/<operation>.' });
    if (urlPath.startsWith(API_PATH_PREFIX)) return handleApi(req, res, urlPath.slice(API_PATH_PREFIX.length));
    if (urlPath === HOST_EVENTS_PATH) return handleEvents(req, res);
    if (urlPath === HOST_WORKSPACE_COPY_PATH) return handleCopy(req, res);
    return serveStatic(req, res, root, urlPath);
  };

  const server = http.createServer((req, res) => {
    if (isClosingAfterAnswer(req.socket)) return void req.resume(); // pipelined after a refusal that closes
    handle(req, res).catch((error: unknown) => {
      if (error instanceof Refusal) return sendRefusal(req, res, error);
      if (error instanceof ClientGone) return void res.destroy();
      console.error('waymark: request failed:', error);
      if (res.headersSent) return void res.destroy();
      sendJson(res, 500, { error: toErrorBody(error) });
    });
  });
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  allowed = allowedHosts(host, port);
  const shownHost = host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...inFlight]); // let calls under way finish (the caller closes the workspace next)
      for (const stream of streams) stream.end();
      await new Promise((resolve) => setImmediate(resolve)); // and their answers go out
      server.closeAllConnections();
      await closed;
    })();
    return closing;
  };
  return { url: `http://${shownHost}:${port}/`, port, token, close };
}
