/**
 * The desktop window's security decisions (Electron's security checklist) as plain data and functions, so
 * that tests can check exactly what the app uses. No value imports from 'electron'.
 */

import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from '../api/csp.ts';

export { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY };

/**
 * The dev server electron-vite started (`npm run dev` sets ELECTRON_RENDERER_URL), honoured only when the app
 * is not packaged: a packaged app always loads its own built file, whatever its environment says.
 */
export function devServerUrl(isPackaged: boolean, env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (isPackaged) return undefined;
  return env.ELECTRON_RENDERER_URL || undefined;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Is this URL our own renderer: the built index.html (any fragment or query), or the dev server's origin? */
export function isOwnUrl(url: string, indexFileUrl: string, devServerUrl: string | undefined): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  const dev = devServerUrl ? parse(devServerUrl) : null;
  if (dev && parsed.origin === dev.origin) return true;
  const own = new URL(indexFileUrl);
  return parsed.protocol === 'file:' && parsed.host === own.host && parsed.pathname === own.pathname;
}

/** IPC is answered only for a main frame (no parent: not an iframe) showing our own page. */
export function isTrustedFrame(frame: { url: string; parent?: unknown } | null | undefined, indexFileUrl: string, devServerUrl: string | undefined): boolean {
  if (!frame || frame.parent) return false;
  return isOwnUrl(frame.url, indexFileUrl, devServerUrl);
}

/**
 * The Content-Security-Policy header for a response, or null to leave it alone (non-http(s) schemes such as
 * devtools:). Responses whose URL is not given are treated as web responses.
 */
export function contentSecurityPolicyFor(url: string | undefined, devServerUrl: string | undefined): string | null {
  const parsed = url ? parse(url) : null;
  if (url && !(parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:'))) return null;
  const dev = devServerUrl ? parse(devServerUrl) : null;
  if (parsed && dev && parsed.origin === dev.origin) return DEV_CONTENT_SECURITY_POLICY;
  return CONTENT_SECURITY_POLICY;
}

/**
 * The one permission the page is given: writing to the clipboard (Copy the view as a picture), and only to
 * our own page. Every other permission (camera, microphone, location, notifications, reading the clipboard…)
 * is refused, for every page.
 */
export const GRANTED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

export function grantsPermission(permission: string, requestingUrl: string | undefined, indexFileUrl: string, devServerUrl: string | undefined): boolean {
  return GRANTED_PERMISSIONS.includes(permission) && requestingUrl !== undefined && isOwnUrl(requestingUrl, indexFileUrl, devServerUrl);
}
