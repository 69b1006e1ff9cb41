/** How the browser host answers: the same safety headers on every response, JSON errors in the one error shape. */
import type http from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorBody } from '../api/errors.ts';

/** On every response, static or API, success or refusal. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};


/** A refusal decided before the workspace is reached: an HTTP status, the error body and any extra headers. */
export class Refusal extends Error {
  readonly status: number;
  readonly body: ErrorBody;
  readonly headers: Readonly<Record<string, string>>;
  /** Close the connection after the answer: the request body was abandoned part-way (e.g. too large). */
  readonly closeConnection: boolean;

  constructor(status: number, body: ErrorBody, options: { headers?: Record<string, string>; closeConnection?: boolean } = {}) {
    super(body.message);
    this.status = status;
    this.body = body;
    this.headers = options.headers ?? {};
    this.closeConnection = options.closeConnection ?? false;
  }
}

export function sendJson(res: http.ServerResponse, status: number, payload: unknown, extra: Readonly<Record<string, string>> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const body = JSON.stringify(payload);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...extra,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

const RESULT_OPEN = Buffer.from('{"result":');
const RESULT_CLOSE = Buffer.from('}');

/** A 200 answer `{ "result": … }` around a result that is JSON text already (made by the engine): sent as it is. */
export function sendResultJson(res: http.ServerResponse, json: Uint8Array): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': RESULT_OPEN.length + json.byteLength + RESULT_CLOSE.length,
  });
  res.write(RESULT_OPEN);
  res.write(json);
  res.end(RESULT_CLOSE);
}

/** After a refusal that leaves a body unread: how long, and how much more, the client may still send. */
export const LINGER_MS = 2_000;
export const LINGER_BYTES = 16 * 1024 * 1024;

const closing = new WeakSet<Socket>();

/**
 * Has this connection been told `Connection: close`? A request that still arrives on it (pipelined after a
 * refused one) is dropped unanswered and never run.
 */
export const isClosingAfterAnswer = (socket: Socket): boolean => closing.has(socket);

/**
 * Close a connection whose request body was not read, without resetting it under the client's feet.
 * Closing a socket that still has unread data makes the kernel answer with a reset, and a client that had
 * not read the answer yet (one still sending its body, say) loses it. So the answer is followed by an end
 * of our side only, what the client still sends is read and dropped, and the socket is destroyed when the
 * client closes its side, or after LINGER_MS or LINGER_BYTES, whichever comes first (a "lingering close").
 */
function closeAfterAnswer(req: http.IncomingMessage): void {
  const socket = req.socket;
  closing.add(socket);
  req.resume(); // flowing with no reader: the rest of the body is dropped as it arrives, never buffered
  let received = 0;
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  socket.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > LINGER_BYTES) socket.destroy();
  });
  // Node's http server ends a `Connection: close` socket with destroySoon() once the answer is written,
  // which destroys it as soon as the answer is flushed: end it only, and let the above close it.
  socket.destroySoon = () => void socket.end();
}

export function sendRefusal(req: http.IncomingMessage, res: http.ServerResponse, refusal: Refusal): void {
  const extra = { ...refusal.headers };
  if (refusal.closeConnection || !req.complete) {
    // The rest of the body is not read (a refused upload could be large): the connection is closed after
    // the answer instead of reading the body through.
    extra.Connection = 'close';
    closeAfterAnswer(req);
  }
  sendJson(res, refusal.status, { error: refusal.body }, extra);
}
