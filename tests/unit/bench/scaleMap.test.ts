/**
 * The benchmark's maps of issue 13 (tests/bench/scaleMap.ts), on a real workspace file: 12 stages and the lanes
 * Actions, Touchpoints, Thoughts and Emotion, every card in the cell and at the place createBigMap's order gives it
 * (card i in card lane i mod 3, stage ⌊i / 3⌋ mod 12, after the cards before it), one score per stage; the same map
 * whether the cards all come in the bundle or the last ones are added after it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MapDocument } from '../../../electron/api/types.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { bigMapCardText } from '../../bench/bigMap.ts';
import { cellOfCard, createScaleMap, SCALE_LANES } from '../../bench/scaleMap.ts';
import { tempDir } from '../core/helpers.ts';

let ws: Workspace;
beforeEach(() => {
  ws = Workspace.open(`${tempDir('waymark-scale-')}/w.waymark`);
});
afterEach(() => ws.close());

/** Each cell's card texts top to bottom, by lane title and stage name. */
function cells(doc: MapDocument): Record<string, string[]> {
  const lane = new Map(doc.lanes.map((l) => [l.id, l.title]));
  const stage = new Map(doc.stages.map((s) => [s.id, s.name]));
  const out: Record<string, string[]> = {};
  const sorted = [...doc.cards].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  for (const c of sorted) (out[`${lane.get(c.laneId) ?? '?'} / ${stage.get(c.stageId) ?? '?'}`] ??= []).push(c.text);
  return out;
}

/** What createBigMap's order puts in each cell for `n` cards. */
function expected(n: number): Record<string, string[]> {
  const titles = ['Actions', 'Touchpoints', 'Thoughts'];
  const out: Record<string, string[]> = {};
  for (let i = 0; i < n; i++) {
    const at = cellOfCard(i, 3);
    (out[`${titles[at.lane] ?? '?'} / Stage ${at.stage + 1}`] ??= []).push(bigMapCardText(i));
  }
  return out;
}

describe('createScaleMap', () => {
  it('gives card i the cell round the card lanes, then the stages', () => {
    expect([0, 1, 2, 3, 35, 36, 37].map((i) => cellOfCard(i, 3))).toEqual([
      { lane: 0, stage: 0 },
      { lane: 1, stage: 0 },
      { lane: 2, stage: 0 },
      { lane: 0, stage: 1 },
      { lane: 2, stage: 11 },
      { lane: 0, stage: 0 },
      { lane: 1, stage: 0 },
    ]);
  });

  it('makes 12 stages, the four lanes and one score per stage, every card in its cell in order', async () => {
    const id = await createScaleMap(ws, 100, 'Scale 100 cards');
    const doc = await ws.call('maps.get', { id });
    expect(doc.map.title).toBe('Scale 100 cards');
    expect([...doc.stages].sort((a, b) => (a.position < b.position ? -1 : 1)).map((s) => s.name)).toEqual(Array.from({ length: 12 }, (_, i) => `Stage ${i + 1}`));
    expect([...doc.lanes].sort((a, b) => (a.position < b.position ? -1 : 1)).map((l) => [l.kind, l.title])).toEqual(SCALE_LANES.map((l) => [l.kind, l.title]));
    expect(doc.cards).toHaveLength(100);
    expect(cells(doc)).toEqual(expected(100));
    const emotionLane = doc.lanes.find((l) => l.kind === 'emotion')?.id;
    const stageName = new Map(doc.stages.map((s) => [s.id, s.name]));
    const scores = doc.emotions.map((e) => ({ lane: e.laneId, stage: stageName.get(e.stageId), score: e.score, persona: e.personaId }));
    expect(scores.sort((a, b) => (a.stage ?? '').localeCompare(b.stage ?? '', 'en', { numeric: true }))).toEqual(
      Array.from({ length: 12 }, (_, i) => ({ lane: emotionLane, stage: `Stage ${i + 1}`, score: (i % 5) - 2, persona: null })),
    );
  });

  it('adds the cards past the bundle at the ends of their cells: the same map as all in the bundle', async () => {
    const whole = await ws.call('maps.get', { id: await createScaleMap(ws, 80, 'All in the bundle') });
    const topped = await ws.call('maps.get', { id: await createScaleMap(ws, 80, 'Topped up', { bundleCards: 30 }) });
    expect(topped.cards).toHaveLength(80);
    expect(cells(topped)).toEqual(expected(80));
    expect(cells(topped)).toEqual(cells(whole));
  });

  it('adds the cards past the bundle in batches of the size given, the last one short', async () => {
    const batches: number[] = [];
    const watched: Pick<Workspace, 'call'> = {
      call: (name, input) => {
        if (name === 'batch.run') batches.push((input as { steps: unknown[] }).steps.length);
        return ws.call(name, input);
      },
    };
    const doc = await ws.call('maps.get', { id: await createScaleMap(watched, 40, 'In batches', { bundleCards: 1, batch: 7 }) });
    expect(batches).toEqual([7, 7, 7, 7, 7, 4]);
    expect(doc.cards).toHaveLength(40);
    expect(cells(doc)).toEqual(expected(40));
  });

  it('runs no batch when the bundle holds every card, and exactly full batches with none after', async () => {
    const batches: number[] = [];
    const watched: Pick<Workspace, 'call'> = {
      call: (name, input) => {
        if (name === 'batch.run') batches.push((input as { steps: unknown[] }).steps.length);
        return ws.call(name, input);
      },
    };
    await createScaleMap(watched, 30, 'All in the bundle', { bundleCards: 30, batch: 5 });
    expect(batches).toEqual([]);
    const doc = await ws.call('maps.get', { id: await createScaleMap(watched, 40, 'Full batches', { bundleCards: 30, batch: 5 }) });
    expect(batches).toEqual([5, 5]);
    expect(cells(doc)).toEqual(expected(40));
  });
});
