/** A stage or lane being named before it exists is drawn exactly where it will be created. */
import { describe, expect, it } from 'vitest';
import type { Stage } from '../../../electron/api/types.ts';
import { DRAFT_NAME, withDraft } from '../../../renderer/src/canvas/drafts.ts';
import { ordered, toModel } from '../../../renderer/src/store/mapModel.ts';
import { mapDoc } from './fixtures.ts';

const model = toModel(
  mapDoc({
    stages: ['Discover', 'Buy', 'Use'],
    lanes: [
      { title: 'Actions', kind: 'text' },
      { title: 'Feelings', kind: 'emotion' },
    ],
  }),
);
const names = (stages: Readonly<Record<string, Stage>>) => ordered(stages).map((s) => s.name);

describe('drafts', () => {
  it('draws a draft stage first, between two stages, or last, unnamed, in this map', () => {
    expect(names(withDraft(model, { kind: 'stage', id: 'd', index: 0 }).stages)).toEqual(['', 'Discover', 'Buy', 'Use']);
    expect(names(withDraft(model, { kind: 'stage', id: 'd', index: 2 }).stages)).toEqual(['Discover', 'Buy', '', 'Use']);
    expect(names(withDraft(model, { kind: 'stage', id: 'd' }).stages)).toEqual(['Discover', 'Buy', 'Use', '']);
    expect(names(withDraft(model, { kind: 'stage', id: 'd', index: 99 }).stages)).toEqual(['Discover', 'Buy', 'Use', '']);
    const stage = withDraft(model, { kind: 'stage', id: 'd', index: 1 }).stages.d;
    expect(stage).toMatchObject({ id: 'd', mapId: 'm1', name: '', description: '', color: null, owner: '', goal: '', width: null });
  });

  it('draws a draft lane in its place as a notes lane, leaving the stages alone', () => {
    const drafted = withDraft(model, { kind: 'lane', id: 'n', index: 1 });
    expect(ordered(drafted.lanes).map((l) => l.title)).toEqual(['Actions', '', 'Feelings']);
    expect(drafted.lanes.n).toMatchObject({ id: 'n', mapId: 'm1', kind: 'text', title: '', height: null, collapsed: false });
    expect(drafted.stages).toBe(model.stages);
    expect(withDraft(model, { kind: 'stage', id: 'd' }).lanes).toBe(model.lanes);
  });

  it('changes nothing without a draft, and offers a name to start from', () => {
    expect(withDraft(model, null)).toBe(model);
    expect(DRAFT_NAME).toEqual({ stage: 'New stage', lane: 'New lane' });
  });

  it('sorts between keys that share a prefix (a key and the key after it)', () => {
    const tight = toModel(mapDoc({ stages: ['A', 'B'], lanes: [] }));
    const [a, b] = ordered(tight.stages);
    if (!a || !b) throw new Error('fixture');
    const stages = { ...tight.stages, [b.id]: { ...b, position: `${a.position}0` } };
    expect(names(withDraft({ ...tight, stages }, { kind: 'stage', id: 'd', index: 1 }).stages)).toEqual(['A', '', 'B']);
  });
});
