/**
 * What an undo (`tombstones.restore`) answers and announces: the records it brought back, and their map once,
 * marked as changed now, so that clients re-sort their map list and the live workshop sees the edit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkspaceEvent } from '../../../electron/api/types.ts';
import { deleteWithTombstone } from '../../../electron/core/tombstones.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { tempDir } from './helpers.ts';

let dir: string;
let ws: Workspace;
let t: number;
beforeEach(() => {
  dir = tempDir();
  t = Date.parse('2026-11-24T09:00:00.000Z');
  ws = Workspace.open(path.join(dir, 'w.waymark'), { sample: true, now: () => new Date(t) });
});
afterEach(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const later = (minutes: number) => {
  t += minutes * 60_000;
  return new Date(t).toISOString();
};

async function sampleMap() {
  const [summary] = await ws.call('maps.list', {});
  const doc = await ws.call('maps.get', { id: summary?.id ?? '' });
  return { mapId: doc.map.id, doc, card: doc.cards[0] };
}

describe('undoing a delete', () => {
  it('answers with the card brought back and its map once, marked as changed now; the map says so too', async () => {
    const { mapId, card } = await sampleMap();
    later(1);
    await ws.call('cards.delete', { id: card?.id ?? '', tombstone: 'undo-card' });
    const events: WorkspaceEvent[] = [];
    ws.subscribe((e) => events.push(e));
    const now = later(5);
    const changes = await ws.call('tombstones.restore', { id: 'undo-card' });
    expect(changes.cards.map((c) => c.id)).toEqual([card?.id]);
    expect(changes.maps.map((m) => [m.id, m.updatedAt])).toEqual([[mapId, now]]);
    expect((await ws.call('maps.get', { id: mapId })).map.updatedAt).toBe(now);
    expect((await ws.call('maps.list', {})).find((m) => m.id === mapId)?.updatedAt).toBe(now);
    const [event] = events;
    expect(event?.type === 'changes' && event.changes.maps.map((m) => m.updatedAt)).toEqual([now]);
  });

  it('answers with a deleted map brought back once, marked as changed now', async () => {
    const { mapId, doc } = await sampleMap();
    later(1);
    await ws.call('maps.delete', { id: mapId, tombstone: 'undo-map' });
    const now = later(5);
    const changes = await ws.call('tombstones.restore', { id: 'undo-map' });
    expect(changes.maps).toEqual([{ ...doc.map, updatedAt: now }]);
    expect(changes.cards).toHaveLength(doc.cards.length);
  });

  it('marks no map as edited when what comes back belongs to the workspace, and names the maps it is on again', async () => {
    const persona = ws.ctx.db.prepare('SELECT id FROM personas').pluck().get() as string;
    const { mapId, doc } = await sampleMap();
    expect(doc.map.personaIds).toEqual([persona]);
    const deleted = ws.ctx.db.transaction(() => deleteWithTombstone(ws.ctx, 'personas', [persona], 'Delete persona', null, 'undo-persona'))();
    // The map lost the persona: it is named, as it is now, so a client showing it drops the persona.
    expect(deleted.maps.map((m) => [m.id, m.personaIds])).toEqual([[mapId, []]]);
    later(5);
    const changes = await ws.call('tombstones.restore', { id: 'undo-persona' });
    expect(changes.personas.map((p) => p.id)).toEqual([persona]);
    expect(changes.maps.map((m) => [m.id, m.personaIds, m.updatedAt])).toEqual([[mapId, [persona], doc.map.updatedAt]]);
    expect((await ws.call('maps.get', { id: mapId })).map.updatedAt).toBe(doc.map.updatedAt);
  });
});
