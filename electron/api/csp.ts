/**
 * The Content-Security-Policy of the app's pages: one copy, used by the desktop host (a response header on
 * anything loaded over http(s)), the browser host (a header on every HTML file) and the page itself (a meta
 * tag that electron.vite.config.ts writes into index.html at build time).
 */
const STRICT = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** As a response header (frame-ancestors only works there). */
export const CONTENT_SECURITY_POLICY = [...STRICT, "frame-ancestors 'none'"].join('; ');

/** As a meta tag in the page: the same, less what a meta tag cannot carry. */
export const META_CONTENT_SECURITY_POLICY = STRICT.join('; ');

/**
 * Only for the dev server electron-vite starts (`npm run dev`): Vite injects an inline module script (React
 * Fast Refresh's preamble) and inline styles, and talks to the page over a WebSocket for hot reload.
 */
const DEV = STRICT.map((d) =>
  d.startsWith('script-src') ? "script-src 'self' 'unsafe-inline'" : d.startsWith('style-src') ? "style-src 'self' 'unsafe-inline'" : d.startsWith('connect-src') ? "connect-src 'self' ws: wss:" : d,
);
export const DEV_CONTENT_SECURITY_POLICY = [...DEV, "frame-ancestors 'none'"].join('; ');
export const DEV_META_CONTENT_SECURITY_POLICY = DEV.join('; ');
