/** Every commit is an event: what changed, in order, and who made it (DESIGN rule 7). */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkspaceEvent } from '../../../electron/api/types.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { tempDir } from './helpers.ts';

let dir: string;
let ws: Workspace;
beforeEach(() => {
  dir = tempDir();
  ws = Workspace.open(path.join(dir, 'w.waymark'), { sample: true });
});
afterEach(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('change events', () => {
  it('announces each committed change once, numbered in order, with the client that made it', async () => {
    const events: WorkspaceEvent[] = [];
    const stop = ws.subscribe((e) => events.push(e));
    const [summary] = await ws.call('maps.list', {}); // reads are not events
    const doc = await ws.call('maps.get', { id: summary?.id ?? '' });
    const lane = doc.lanes.find((l) => l.kind === 'text')?.id ?? '';
    const created = await ws.call('cards.create', { laneId: lane, stageId: doc.stages[0]?.id ?? '', text: 'Hello' }, { clientId: 'window-1' });
    await ws.call('maps.update', { id: doc.map.id, title: 'Renamed' }, { clientId: 'window-2' });
    await ws.call('maps.update', { id: doc.map.id, title: '' }).catch(() => undefined); // refused: no event
    await ws.call('cards.delete', { id: created.cards[0]?.id ?? '' });

    expect(events.map((e) => [e.type, e.seq, e.clientId, e.type === 'changes' ? e.operation : null])).toEqual([
      ['changes', 1, 'window-1', 'cards.create'],
      ['changes', 2, 'window-2', 'maps.update'],
      ['changes', 3, null, 'cards.delete'],
    ]);
    const [first, second, third] = events;
    expect(first?.type === 'changes' && first.changes).toEqual(created);
    expect(second?.type === 'changes' && second.changes.maps.map((m) => m.title)).toEqual(['Renamed']);
    expect(third?.type === 'changes' && third.changes.deleted.cards).toEqual([created.cards[0]?.id]);
    expect(new Set(events.map((e) => e.session))).toEqual(new Set([ws.session]));

    stop();
    await ws.call('maps.update', { id: doc.map.id, title: 'Unheard' });
    expect(events).toHaveLength(3);
  });

  it('announces a restore as a reset, and keeps counting', async () => {
    const events: WorkspaceEvent[] = [];
    ws.subscribe((e) => events.push(e));
    const backup = ws.backupNow('manual');
    await ws.call('maps.create', { title: 'Later', template: 'blank' });
    await ws.call('workspace.restore', { id: backup.id }, { clientId: 'window-1' });
    expect(events.map((e) => [e.type, e.seq, e.clientId])).toEqual([
      ['changes', 1, null],
      ['reset', 2, 'window-1'],
    ]);
  });

  it('a listener that throws does not undo or hide the change, nor stop the others', async () => {
    const heard: number[] = [];
    ws.subscribe(() => {
      throw new Error('a client that went away');
    });
    ws.subscribe((e) => heard.push(e.seq));
    const made = await ws.call('maps.create', { title: 'Kept', template: 'blank' });
    expect(made.maps[0]?.title).toBe('Kept');
    expect(heard).toEqual([1]);
    expect((await ws.call('maps.list', {})).map((m) => m.title)).toContain('Kept');
  });

  it('carries workspace-level records too: a batch returns and announces every kind it touched', async () => {
    const events: WorkspaceEvent[] = [];
    ws.subscribe((e) => events.push(e));
    const [summary] = await ws.call('maps.list', {});
    const doc = await ws.call('maps.get', { id: summary?.id ?? '' });
    await ws.call('stages.delete', { id: doc.stages[0]?.id ?? '', tombstone: 'tomb-1' });
    const e = events[0];
    if (e?.type !== 'changes') throw new Error('expected a change event');
    expect(e.changes.tombstones).toEqual(['tomb-1']);
    expect(e.changes.seq).toBe(e.seq); // the reply carries the same number, so clients can order the two
    expect(Object.keys(e.changes).sort()).toEqual(
      ['cards', 'deleted', 'emotions', 'interviews', 'lanes', 'maps', 'metrics', 'personas', 'quoteLinks', 'quotes', 'seq', 'stages', 'tags', 'tombstones', 'versions'].sort(),
    );
  });
});
