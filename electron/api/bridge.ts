/**
 * How the contract travels between processes. Both hosts speak the same `Reply` shape:
 * - desktop: the preload exposes `window.waymark`, one function per operation, each invoking the IPC
 *   channel `waymark:<operation>`; the main process answers with a `Reply`.
 * - browser: `POST /api/<operation>` with the input as JSON and `Authorization: Bearer <token>`;
 *   the server answers `{ "result": … }` (200) or `{ "error": { code, message, issues? } }` (4xx/5xx).
 */
import type { OperationName, Reply } from './contract.ts';
import type { CallMeta } from './host.ts';

export const IPC_PREFIX = 'waymark:';

export const ipcChannel = (name: OperationName): string => `${IPC_PREFIX}${name}`;

/** What the preload puts on `window.waymark`: one function per operation, with who is calling. */
export type WaymarkBridge = Readonly<Record<OperationName, (input: unknown, meta?: CallMeta) => Promise<Reply<unknown>>>>;

export const API_PATH_PREFIX = '/api/';

/** The fragment of the browser host's URL that carries the per-run token: `#token=…`. */
export const TOKEN_FRAGMENT_KEY = 'token';
