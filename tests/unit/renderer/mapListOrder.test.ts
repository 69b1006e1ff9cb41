/** The map list keeps the order the person sees while they work: an edit never moves the open map. */
import { describe, expect, it } from 'vitest';
import type { MapSummary } from '../../../electron/api/types.ts';
import { createAppStore, inShownOrder } from '../../../renderer/src/store/appStore.ts';

const summary = (id: string): MapSummary => ({ id, title: id.toUpperCase(), description: '', emotionMin: -2, emotionMax: 2, personaIds: [], createdAt: '', updatedAt: '', stageCount: 0, cardCount: 0 });
const ids = (list: readonly MapSummary[]) => list.map((m) => m.id);

describe('map list order', () => {
  it('keeps the maps shown in their places, puts new ones first and drops the ones gone', () => {
    const shown = ['a', 'b', 'c'].map(summary);
    expect(ids(inShownOrder(shown, ['c', 'a', 'b'].map(summary)))).toEqual(['a', 'b', 'c']);
    expect(ids(inShownOrder(shown, ['d', 'b', 'a'].map(summary)))).toEqual(['d', 'a', 'b']);
    expect(ids(inShownOrder([], ['b', 'a'].map(summary)))).toEqual(['b', 'a']);
    // What a map says comes from the workspace: its new title, not the old one.
    const renamed = { ...summary('b'), title: 'Renamed' };
    expect(inShownOrder(shown, [renamed, summary('a'), summary('c')])[1]).toBe(renamed);
  });

  it('loads in the workspace’s order, then an edit that makes a map the newest leaves the list as it was', async () => {
    let order = ['a', 'b', 'c'];
    const call = ((name: string) => Promise.resolve(name === 'maps.list' ? order.map(summary) : [])) as Parameters<typeof createAppStore>[0];
    const store = createAppStore(call);
    await store.getState().load();
    expect(ids(store.getState().maps)).toEqual(['a', 'b', 'c']);
    order = ['c', 'a', 'b']; // c was just edited
    await store.getState().refreshMaps();
    expect(ids(store.getState().maps)).toEqual(['a', 'b', 'c']);
  });
});
