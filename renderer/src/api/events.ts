/**
 * The push of committed changes from whichever host is present: the desktop preload's `window.waymarkHost`,
 * or the browser host's server-sent-event stream (read with fetch, so the token travels in a header, not in
 * the URL). Reconnects after a dropped stream and says so with a reset, since changes may have been missed.
 */
import { HOST_EVENTS_PATH, type WaymarkHostBridge } from '../../../electron/api/host.ts';
import type { WorkspaceEvent } from '../../../electron/api/types.ts';

export type EventSubscribe = (listener: (event: WorkspaceEvent) => void) => () => void;

declare global {
  interface Window {
    waymarkHost?: WaymarkHostBridge;
  }
}

/** Split a server-sent-event stream into the `data:` payloads of its events. */
export function sseParser(onData: (data: string) => void): (chunk: string) => void {
  let buffer = '';
  return (chunk) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + (buffer[end] === '\r' ? 4 : 2));
      const data = block
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (data) onData(data);
    }
  };
}

const isEvent = (value: unknown): value is WorkspaceEvent =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' && typeof (value as { seq?: unknown }).seq === 'number';

/**
 * One connection for a window, however many listeners: opened with the first, closed with the last (a
 * browser allows only a few connections per host, and each stream holds one for good).
 */
export function shared(open: EventSubscribe): EventSubscribe {
  const listeners = new Set<(event: WorkspaceEvent) => void>();
  let close: (() => void) | null = null;
  return (listener) => {
    listeners.add(listener);
    close ??= open((event) => {
      for (const l of [...listeners]) l(event);
    });
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && close) {
        close();
        close = null;
      }
    };
  };
}

export function httpEvents(token: string | null, fetchImpl: typeof fetch = fetch.bind(window)): EventSubscribe {
  return shared((listener) => {
    const state = { stopped: false };
    const stopped = (): boolean => state.stopped; // read through a call: it changes while the loop awaits
    let controller = new AbortController();
    let retryMs = 500;
    const connect = async (): Promise<void> => {
      let connectedBefore = false;
      while (!stopped()) {
        controller = new AbortController();
        try {
          const response = await fetchImpl(HOST_EVENTS_PATH, { headers: token ? { Authorization: `Bearer ${token}` } : {}, signal: controller.signal });
          if (!response.ok || !response.body) throw new Error(`events: ${response.status}`);
          retryMs = 500;
          // Back after a drop: changes may have been missed meanwhile, so everything shown is re-read now
          // (not earlier: what is committed before the stream is back would be missed again).
          if (connectedBefore) listener({ type: 'reset', seq: 0, session: '', clientId: null, reason: 'The connection to the workspace was restored.' });
          connectedBefore = true;
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          const feed = sseParser((data) => {
            try {
              const event: unknown = JSON.parse(data);
              if (isEvent(event)) listener(event);
            } catch {
              // not an event of ours
            }
          });
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            feed(value);
          }
        } catch {
          // dropped or refused: try again below
        }
        if (stopped()) return;
        await new Promise((resolve) => setTimeout(resolve, retryMs));
        retryMs = Math.min(retryMs * 2, 10_000);
      }
    };
    void connect();
    return () => {
      state.stopped = true;
      controller.abort();
    };
  });
}

export function bridgeEvents(host: WaymarkHostBridge): EventSubscribe {
  return (listener) => host.onEvent(listener);
}
