/**
 * Record ids: random, url-safe, 16 characters (96 bits). One function for every layer: the workspace makes
 * ids, and so do clients (a create names its id up front, so a command can refer to what it is creating).
 * Web Crypto only, so it runs the same in Node and in the renderer.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function newId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  let id = '';
  for (const b of bytes) id += ALPHABET.charAt(b & 63);
  return id;
}
