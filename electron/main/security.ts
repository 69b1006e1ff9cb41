/**
 * The desktop window's security settings (Electron's security checklist), as plain data and functions so a
 * test can read exactly what the app uses.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** Is this URL our own renderer: the built index.html, or the dev server electron-vite started? */
export function isOwnUrl(url: string, indexFileUrl: string, devServerUrl: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    if (parsed.origin === dev.origin) return true;
  }
  const own = new URL(indexFileUrl);
  return parsed.protocol === 'file:' && parsed.pathname === own.pathname;
}

/** IPC is answered only for the main frame of our window, showing our own page. */
export function isTrustedFrame(frame: { url: string; parent?: unknown } | null, indexFileUrl: string, devServerUrl: string | undefined): boolean {
  if (!frame || frame.parent) return false;
  return isOwnUrl(frame.url, indexFileUrl, devServerUrl);
}
