/**
 * Persona pictures as the screens show them: one read per persona (`personas.image`), shared by the list,
 * the editor and the map header, and read again when the workspace says the persona changed (from any window).
 */
import { useEffect, useState } from 'react';
import type { Call } from '../../../../electron/api/contract.ts';
import type { PersonaImage, WorkspaceEvent } from '../../../../electron/api/types.ts';
import { useAppStore } from '../../store/AppStoreContext.tsx';

/** Per client (the `call` it reads through): the picture each persona has, as a promise of its data URL. */
const caches = new WeakMap<Call, Map<string, Promise<string | null>>>();

/** Screens showing a picture, told when this window changed one (its own event may come later, or not at all). */
const listeners = new Set<(id: string) => void>();

const dataUrl = (image: PersonaImage | null): string | null => (image ? `data:${image.type};base64,${image.data}` : null);

function cacheOf(call: Call): Map<string, Promise<string | null>> {
  let cache = caches.get(call);
  if (!cache) {
    cache = new Map();
    caches.set(call, cache);
  }
  return cache;
}

export function loadPicture(call: Call, id: string): Promise<string | null> {
  const cache = cacheOf(call);
  let entry = cache.get(id);
  if (!entry) {
    // A failed read (the persona deleted meanwhile) shows no picture and is tried again next time.
    entry = call('personas.image', { id }).then(
      (r) => dataUrl(r.image),
      () => {
        cache.delete(id);
        return null;
      },
    );
    cache.set(id, entry);
  }
  return entry;
}

/** Forget what an event may have changed; returns the ids forgotten (`'all'` after a reset). */
export function forgetChanged(call: Call, event: WorkspaceEvent): readonly string[] | 'all' {
  const cache = cacheOf(call);
  if (event.type === 'reset') {
    cache.clear();
    return 'all';
  }
  if (event.type !== 'changes') return [];
  const ids = [...event.changes.personas.map((p) => p.id), ...event.changes.deleted.personas];
  for (const id of ids) cache.delete(id);
  return ids;
}

/** The persona's picture as a data URL, or null while it loads and when it has none. */
export function usePersonaPicture(id: string): string | null {
  const call = useAppStore((s) => s.call);
  const events = useAppStore((s) => s.events);
  const [picture, setPicture] = useState<{ id: string; url: string | null } | null>(null);
  const [stamp, setStamp] = useState(0);

  useEffect(() => {
    const bump = () => setStamp((n) => n + 1);
    const local = (changed: string) => changed === id && bump();
    listeners.add(local);
    const stop = events((event) => {
      const gone = forgetChanged(call, event);
      if (gone === 'all' || gone.includes(id)) bump();
    });
    return () => {
      listeners.delete(local);
      stop();
    };
  }, [events, call, id]);

  useEffect(() => {
    let live = true;
    void loadPicture(call, id).then((url) => live && setPicture({ id, url }));
    return () => {
      live = false;
    };
  }, [call, id, stamp]);

  return picture?.id === id ? picture.url : null;
}

/** After this window stored or removed a picture: read it again now, without waiting for the event. */
export function pictureChanged(call: Call, id: string): void {
  cacheOf(call).delete(id);
  for (const listener of listeners) listener(id);
}
