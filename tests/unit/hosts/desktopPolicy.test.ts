/** The desktop host's security decisions, as the main process makes them: whose IPC is answered, which CSP is sent. */
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY, contentSecurityPolicyFor, devServerUrl, grantsPermission, isOwnUrl, isTrustedFrame } from '../../../electron/main/security.ts';

const INDEX = 'file:///opt/Waymark/resources/app/out/renderer/index.html';
const DEV = 'http://localhost:5173/';

describe('where the renderer comes from', () => {
  it('a packaged app always loads its own file, whatever ELECTRON_RENDERER_URL says', () => {
    expect(devServerUrl(true, { ELECTRON_RENDERER_URL: DEV })).toBeUndefined();
    expect(devServerUrl(true, { ELECTRON_RENDERER_URL: 'https://evil.example/' })).toBeUndefined();
    expect(devServerUrl(true, {})).toBeUndefined();
  });

  it('in development, the dev server electron-vite started, when there is one', () => {
    expect(devServerUrl(false, { ELECTRON_RENDERER_URL: DEV })).toBe(DEV);
    expect(devServerUrl(false, { ELECTRON_RENDERER_URL: '' })).toBeUndefined();
    expect(devServerUrl(false, {})).toBeUndefined();
  });
});

describe('which page is ours', () => {
  it('accepts our built index.html, with any fragment or query, and nothing else from disk', () => {
    expect(isOwnUrl(INDEX, INDEX, undefined)).toBe(true);
    expect(isOwnUrl(`${INDEX}#/maps/abc`, INDEX, undefined)).toBe(true);
    expect(isOwnUrl(`${INDEX}?x=1`, INDEX, undefined)).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'file:///opt/Waymark/resources/app/out/renderer/other.html',
      'file:///opt/Waymark/resources/app/out/renderer/index.html/../../../../etc/passwd',
      'file://evil-server/opt/Waymark/resources/app/out/renderer/index.html',
      'https://evil.example/opt/Waymark/resources/app/out/renderer/index.html',
      DEV,
      'javascript:alert(1)',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(isOwnUrl(url, INDEX, undefined), url).toBe(false);
    }
  });

  it('accepts the dev server only when one is running, by exact origin', () => {
    expect(isOwnUrl(`${DEV}src/main.tsx`, INDEX, DEV)).toBe(true);
    expect(isOwnUrl(INDEX, INDEX, DEV)).toBe(true);
    for (const url of ['http://localhost:5174/', 'https://localhost:5173/', 'http://localhost.evil.example:5173/', 'http://127.0.0.1:5173/']) {
      expect(isOwnUrl(url, INDEX, DEV), url).toBe(false);
    }
  });

  it('answers IPC only for a main frame showing our page', () => {
    expect(isTrustedFrame({ url: INDEX, parent: null }, INDEX, undefined)).toBe(true);
    expect(isTrustedFrame({ url: INDEX }, INDEX, undefined)).toBe(true);
    expect(isTrustedFrame({ url: INDEX, parent: { url: INDEX } }, INDEX, undefined)).toBe(false); // an iframe
    expect(isTrustedFrame({ url: 'https://evil.example/', parent: null }, INDEX, undefined)).toBe(false);
    expect(isTrustedFrame(null, INDEX, undefined)).toBe(false);
    expect(isTrustedFrame(undefined, INDEX, undefined)).toBe(false);
  });
});

describe('content security policy header', () => {
  it('is strict for every web response, relaxed only for the dev server, and absent for other schemes', () => {
    for (const directive of ["default-src 'self'", "script-src 'self';", "style-src 'self';", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'"]) {
      expect(CONTENT_SECURITY_POLICY).toContain(directive);
    }
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    expect(contentSecurityPolicyFor('https://example.com/x.js', undefined)).toBe(CONTENT_SECURITY_POLICY);
    expect(contentSecurityPolicyFor('http://localhost:5173/', undefined)).toBe(CONTENT_SECURITY_POLICY);
    expect(contentSecurityPolicyFor(undefined, undefined)).toBe(CONTENT_SECURITY_POLICY);
    expect(contentSecurityPolicyFor('http://localhost:5173/', DEV)).toBe(DEV_CONTENT_SECURITY_POLICY);
    expect(contentSecurityPolicyFor('https://example.com/', DEV)).toBe(CONTENT_SECURITY_POLICY);
    expect(contentSecurityPolicyFor('devtools://devtools/bundled/inspector.html', undefined)).toBeNull();
    expect(contentSecurityPolicyFor('chrome-extension://abc/x.js', undefined)).toBeNull();
    expect(DEV_CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });
});

describe('permissions', () => {
  const INDEX = 'file:///opt/Waymark/resources/app/out/renderer/index.html';
  it('grants only the clipboard write, only to our own page (the built file, or the dev server in development)', () => {
    expect(grantsPermission('clipboard-sanitized-write', INDEX, INDEX, undefined)).toBe(true);
    expect(grantsPermission('clipboard-sanitized-write', `${INDEX}#map`, INDEX, undefined)).toBe(true);
    expect(grantsPermission('clipboard-sanitized-write', 'http://localhost:5173/', INDEX, 'http://localhost:5173')).toBe(true);
    expect(grantsPermission('clipboard-sanitized-write', 'http://localhost:5173/', INDEX, undefined)).toBe(false);
    expect(grantsPermission('clipboard-sanitized-write', 'https://example.com/', INDEX, undefined)).toBe(false);
    expect(grantsPermission('clipboard-sanitized-write', 'file:///etc/passwd', INDEX, undefined)).toBe(false);
    expect(grantsPermission('clipboard-sanitized-write', undefined, INDEX, undefined)).toBe(false);
    for (const other of ['clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal', 'fullscreen']) expect(grantsPermission(other, INDEX, INDEX, undefined), other).toBe(false);
  });
});
