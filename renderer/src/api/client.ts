/**
 * The renderer's one way to the workspace: a typed `call(name, input)` over whichever host is present —
 * the desktop preload's `window.waymark`, or the browser host's HTTP API with its per-run token.
 */
import { API_PATH_PREFIX, TOKEN_FRAGMENT_KEY, type WaymarkBridge } from '../../../electron/api/bridge.ts';
import type { Call, OperationInput, OperationName, OperationResult, Reply } from '../../../electron/api/contract.ts';
import { isErrorBody, WaymarkError } from '../../../electron/api/errors.ts';
import { CLIENT_HEADER, HOST_WORKSPACE_COPY_PATH } from '../../../electron/api/host.ts';
import { newId } from '../../../electron/api/ids.ts';
import { decodeMapColumns } from '../../../electron/api/mapColumns.ts';
import { ApiError } from './errors.ts';
import { bridgeEvents, httpEvents, type EventSubscribe } from './events.ts';

export { ApiError, messageOf } from './errors.ts';

declare global {
  interface Window {
    waymark?: WaymarkBridge;
  }
}

function unwrap<R>(reply: Reply<R>): R {
  if (reply.ok) return reply.result;
  throw new ApiError(reply.error);
}

const TOKEN_STORAGE_KEY = 'waymark.token';

/** Take the token from the URL fragment once, keep it for reloads of this tab, and clean the address bar. */
export function readToken(location: Location, storage: Storage, history: History): string | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromHash = params.get(TOKEN_FRAGMENT_KEY);
  if (fromHash) {
    storage.setItem(TOKEN_STORAGE_KEY, fromHash);
    params.delete(TOKEN_FRAGMENT_KEY);
    const rest = params.toString();
    history.replaceState(null, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
    return fromHash;
  }
  return storage.getItem(TOKEN_STORAGE_KEY);
}

/**
 * The calls a host answers more cheaply in another form, turned back into what the caller asked for: `maps.get`
 * is asked as `maps.getColumns` (a big map's cards in columns, a third of the JSON and far fewer objects to
 * parse or clone) and decoded into the same MapDocument, so nothing past the client sees the difference.
 */
export function compactCalls(call: Call): Call {
  return async <K extends OperationName>(name: K, input: OperationInput<K>): Promise<OperationResult<K>> => {
    if (name !== 'maps.get') return call(name, input);
    const columns = await call('maps.getColumns', input as OperationInput<'maps.getColumns'>);
    try {
      return decodeMapColumns(columns);
    } catch (error) {
      throw error instanceof WaymarkError ? new ApiError(error.toBody()) : error;
    }
  };
}

export function httpCall(token: string | null, fetchImpl: typeof fetch = fetch.bind(window), clientId?: string): Call {
  return compactCalls(httpRawCall(token, fetchImpl, clientId));
}

/** Every operation over HTTP as it is named (no compact forms). */
function httpRawCall(token: string | null, fetchImpl: typeof fetch, clientId?: string): Call {
  return async <K extends OperationName>(name: K, input: unknown): Promise<OperationResult<K>> => {
    let response: Response;
    try {
      response = await fetchImpl(`${API_PATH_PREFIX}${name}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(clientId ? { [CLIENT_HEADER]: clientId } : {}),
        },
        body: JSON.stringify(input),
      });
    } catch {
      throw new ApiError({ code: 'Internal', message: 'Waymark cannot reach its workspace server. Is it still running?' });
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new ApiError({ code: 'Internal', message: `The workspace server answered ${response.status} without data.` });
    }
    if (response.ok && typeof body === 'object' && body !== null && 'result' in body) {
      return (body as { result: OperationResult<K> }).result;
    }
    const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
    if (isErrorBody(error)) throw new ApiError(error);
    throw new ApiError({ code: 'Internal', message: `The workspace server answered ${response.status}.` });
  };
}

export function bridgeCall(bridge: WaymarkBridge, clientId?: string): Call {
  return compactCalls(
    async <K extends OperationName>(name: K, input: unknown): Promise<OperationResult<K>> =>
      unwrap((await bridge[name](input, clientId ? { clientId } : {})) as Reply<OperationResult<K>>),
  );
}

/** A copy of the whole workspace file, as the browser host sends it for download. */
export interface WorkspaceCopy {
  name: string;
  data: Blob;
}

/** The browser host's copy of the workspace (GET HOST_WORKSPACE_COPY_PATH with the token). */
export function httpWorkspaceCopy(token: string | null, fetchImpl: typeof fetch = fetch.bind(window)): () => Promise<WorkspaceCopy> {
  return async () => {
    let response: Response;
    try {
      response = await fetchImpl(HOST_WORKSPACE_COPY_PATH, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    } catch {
      throw new ApiError({ code: 'Internal', message: 'Waymark cannot reach its workspace server. Is it still running?' });
    }
    if (!response.ok) {
      const body: unknown = await response.json().catch(() => null);
      const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
      throw new ApiError(isErrorBody(error) ? error : { code: 'Internal', message: `The workspace server answered ${response.status}.` });
    }
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
    return { name: encoded ? decodeURIComponent(encoded) : 'Workspace copy.waymark', data: await response.blob() };
  };
}

/** This window's way to the workspace: calls, the push of every committed change, and its own client id. */
export interface Client {
  call: Call;
  /** A copy of the workspace to download (the browser host; the desktop saves copies from its File menu). */
  copyWorkspace?: () => Promise<WorkspaceCopy>;
  events: EventSubscribe;
  /** Names this window's calls, so that it can tell its own changes from everyone else's. */
  clientId: string;
}

/** The client for this window: IPC inside the desktop app, HTTP in a browser. */
export function createClient(): Client {
  const clientId = newId();
  if (window.waymark) {
    const host = window.waymarkHost;
    return { call: bridgeCall(window.waymark, clientId), events: host ? bridgeEvents(host) : () => () => undefined, clientId };
  }
  const token = readToken(window.location, window.sessionStorage, window.history);
  return { call: httpCall(token, fetch.bind(window), clientId), events: httpEvents(token), clientId, copyWorkspace: httpWorkspaceCopy(token) };
}
