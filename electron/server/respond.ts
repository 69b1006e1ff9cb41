/** How the browser host answers: the same safety headers on every response, JSON errors in the one error shape. */
import type http from 'node:http';
import type { ErrorBody } from '../api/errors.ts';

/** On every response, static or API, success or refusal. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/**
 * The page's policy. Styles are 'self' only (no 'unsafe-inline'): the app sets styles through the CSSOM,
 * which CSP allows, and the page's own meta policy (renderer/index.html) is just as strict.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

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

export function sendRefusal(req: http.IncomingMessage, res: http.ServerResponse, refusal: Refusal): void {
  const extra = { ...refusal.headers };
  if (refusal.closeConnection || !req.complete) {
    // The rest of the body is not read (a refused upload could be large): close the connection once the
    // answer has gone out, rather than reading and discarding it.
    extra.Connection = 'close';
    res.once('finish', () => req.socket.destroy());
  }
  sendJson(res, refusal.status, { error: refusal.body }, extra);
}
