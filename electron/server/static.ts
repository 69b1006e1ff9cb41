/** The built renderer as static files: GET and HEAD only, and never a byte from outside its folder. */
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CONTENT_SECURITY_POLICY } from '../api/csp.ts';
import { Refusal, SECURITY_HEADERS } from './respond.ts';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
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

const notFound = () => new Refusal(404, { code: 'NotFound', message: 'There is no such file.' });
const badPath = () => new Refusal(400, { code: 'Invalid', message: 'That path is not allowed.' });

const isInside = (root: string, file: string): boolean => file.startsWith(root + path.sep);

/**
 * The file a URL path names inside `root`. Throws a Refusal for anything else: paths that do not decode,
 * hold NUL, backslashes or encoded slashes (400); paths that leave root, name hidden files, or do not
 * exist (404). The check is repeated on the real path, so a symlink cannot lead out of root either.
 */
export async function resolveStaticFile(root: string, urlPath: string): Promise<string> {
  if (!urlPath.startsWith('/') || /%(2f|5c|00)/i.test(urlPath)) throw badPath();
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    throw badPath();
  }
  if (decoded.includes('\0') || decoded.includes('\\')) throw badPath();
  const segments = decoded.split('/').filter((s) => s !== '');
  // '..' and '.' segments, and hidden files such as .env: none of them is part of a built app.
  if (segments.some((s) => s.startsWith('.'))) throw notFound();
  if (decoded.endsWith('/')) segments.push('index.html');
  let realRoot: string;
  try {
    realRoot = await fs.promises.realpath(root);
  } catch {
    throw notFound();
  }
  const file = path.resolve(realRoot, ...segments);
  if (!isInside(realRoot, file)) throw notFound();
  let real: string;
  try {
    real = await fs.promises.realpath(file);
  } catch {
    throw notFound();
  }
  if (!isInside(realRoot, real)) throw notFound();
  return real;
}

export async function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, root: string, urlPath: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    throw new Refusal(405, { code: 'Invalid', message: 'Only GET and HEAD are allowed here.' }, { headers: { Allow: 'GET, HEAD' } });
  }
  const file = await resolveStaticFile(root, urlPath);
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch {
    throw notFound();
  }
  try {
    // Size and kind from the open handle: the file that is sent is the file that was checked.
    const stat = await handle.stat();
    if (!stat.isFile()) throw notFound();
    const ext = path.extname(file).toLowerCase();
    const headers: Record<string, string> = {
      ...SECURITY_HEADERS,
      'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
      'Content-Length': String(stat.size),
      'Cache-Control': ext === '.html' ? 'no-cache' : 'public, max-age=3600',
    };
    if (ext === '.html') headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    try {
      await pipeline(handle.createReadStream({ autoClose: false }), res);
    } catch {
      res.destroy(); // the reader went away, or the file could not be read after the headers went out
    }
  } finally {
    await handle.close();
  }
}
