/**
 * The metrics lane's geometry (bars in proportion, shares on the boundaries, the biggest drop's banner, one
 * line per metric) and the metric commands (their steps and their undo), on small in-memory maps.
 */
import { describe, expect, it } from 'vitest';
import type { Metric } from '../../../electron/api/types.ts';
import { editRect } from '../../../renderer/src/canvas/editTarget.ts';
import { metricAt } from '../../../renderer/src/canvas/hits.ts';
import { METRICS, layoutModel } from '../../../renderer/src/canvas/layout.ts';
import { METRIC_GEOMETRY as G } from '../../../renderer/src/canvas/metricsLayout.ts';
import { toModel } from '../../../renderer/src/store/mapModel.ts';
import { addMetric, deleteMetric, updateMetric } from '../../../renderer/src/store/metricCommands.ts';
import { mapDoc } from './fixtures.ts';

const metric = (id: string, stage: number, name: string, value: number, unit = 'customers'): Metric => ({
  id,
  mapId: 'm1',
  stageId: `s${stage}`,
  name,
  value,
  unit,
  source: 'Analytics',
  measuredAt: '2026-10-31',
});

function model(metrics: Metric[], lanes = [{ title: 'Actions', kind: 'text' as const }, { title: 'Funnel', kind: 'metrics' as const }]) {
  return toModel({ ...mapDoc({ stages: ['Discover', 'Sign up', 'Basket', 'Checkout'], lanes }), metrics });
}

const counts = [metric('a', 0, 'entered stage', 2000), metric('b', 1, 'entered stage', 1000), metric('c', 2, 'entered stage', 800), metric('d', 3, 'entered stage', 200)];

describe('metrics lane layout', () => {
  it('draws a bar per measured stage in proportion to its count, centred in the stage', () => {
    const layout = layoutModel(model(counts), () => 1);
    const block = layout.metrics.get('l1');
    const lane = layout.lanes[1];
    if (!block || !lane) throw new Error('no metrics lane laid out');
    const room = METRICS.stageWidth - 2 * G.barInset;
    expect(block.bars.map((b) => b.width)).toEqual([room, room / 2, room * 0.4, room * 0.1]);
    for (const [i, b] of block.bars.entries()) {
      expect(b.x + b.width / 2).toBe(i * METRICS.stageWidth + METRICS.stageWidth / 2);
      expect(b.y).toBe(lane.y + G.padY);
    }
    // Discover → Sign up loses 1,000, the most: its bar and share are marked, and only they.
    expect(block.bars.map((b) => b.biggestDrop)).toEqual([true, false, false, false]);
    expect(block.shares.map((s) => s.biggestDrop)).toEqual([true, false, false]);
  });

  it('puts each share on the boundary after its stage, the drop under it, and the banner across into the next stage', () => {
    const layout = layoutModel(model(counts), () => 1);
    const block = layout.metrics.get('l1');
    if (!block) throw new Error('no metrics lane laid out');
    expect(block.shares.map((s) => s.x + s.width / 2)).toEqual([1, 2, 3].map((i) => i * METRICS.stageWidth));
    for (const s of block.shares) expect(s.drop.y).toBe(s.y - (G.barHeight - G.shareHeight) / 2 + G.barHeight);
    expect(block.banners).toHaveLength(1);
    const banner = block.banners[0];
    expect(banner?.x).toBe(G.padX);
    expect(banner?.width).toBe(2 * METRICS.stageWidth - 2 * G.padX);
    expect(banner?.transition.fromStageId).toBe('s0');
  });

  it('lists each stage’s metrics by name below the funnel, and makes the lane tall enough for the fullest stage', () => {
    const metrics = [...counts, metric('n', 3, 'NPS', 18, ''), metric('e', 3, 'CES', 5.2, 'of 7')];
    const layout = layoutModel(model(metrics), () => 1);
    const block = layout.metrics.get('l1');
    const lane = layout.lanes[1];
    if (!block || !lane) throw new Error('no metrics lane laid out');
    const inCheckout = block.lines.filter((l) => l.stageId === 's3');
    expect(inCheckout.map((l) => l.metricId)).toEqual(['e', 'd', 'n']);
    const top = lane.y + G.padY + G.barHeight + G.dropRow + G.bannerRow + G.gap;
    expect(inCheckout.map((l) => l.y)).toEqual([top, top + G.lineHeight, top + 2 * G.lineHeight]);
    expect(lane.height).toBe(2 * G.padY + G.barHeight + G.dropRow + G.bannerRow + G.gap + 3 * G.lineHeight);
    const last = inCheckout.at(-1);
    expect((last?.y ?? 0) + (last?.height ?? 0)).toBeLessThanOrEqual(lane.y + lane.height);
    // The next lane starts where this one ends.
    expect(layout.height).toBe(lane.y + lane.height);
  });

  it('draws no funnel without a count at two stages, and says where there are no metrics', () => {
    const layout = layoutModel(model([metric('n', 1, 'NPS', 42, '')]), () => 1);
    const block = layout.metrics.get('l1');
    const lane = layout.lanes[1];
    expect(block?.funnel).toBeNull();
    expect(block?.bars).toEqual([]);
    expect(block?.banners).toEqual([]);
    expect(block?.empty.map((e) => e.stageId)).toEqual(['s0', 's2', 's3']);
    expect(lane?.height).toBe(G.minHeight);
  });

  it('gives each tied drop its banner, kept within its own stage when the next one has a banner too', () => {
    const tied = [metric('a', 0, 'users', 900, ''), metric('b', 1, 'users', 600, ''), metric('c', 2, 'users', 300, ''), metric('d', 3, 'users', 250, '')];
    const block = layoutModel(model(tied), () => 1).metrics.get('l1');
    expect(block?.banners.map((b) => [b.transition.fromStageId, b.width])).toEqual([
      ['s0', METRICS.stageWidth - 2 * G.padX],
      ['s1', 2 * METRICS.stageWidth - 2 * G.padX],
    ]);
  });

  it('lays out nothing for a collapsed metrics lane, and nothing without a metrics lane', () => {
    const collapsed = layoutModel(model(counts, [{ title: 'Funnel', kind: 'metrics', collapsed: true } as never]), () => 1);
    expect(collapsed.metrics.size).toBe(0);
    expect(collapsed.lanes[0]?.height).toBe(METRICS.collapsedLaneHeight);
    expect(layoutModel(model(counts, [{ title: 'Actions', kind: 'text' }] as never), () => 1).metrics.size).toBe(0);
  });
});

describe('metric commands', () => {
  const m = model(counts);

  it('adds a metric with an id chosen here; undo deletes it under a tombstone that redo restores', () => {
    const cmd = addMetric('s1', { name: 'NPS', value: 42, unit: '' }, 'new1');
    expect(cmd.label).toBe('Add metric "NPS"');
    expect(cmd.forward).toEqual([{ name: 'metrics.create', input: { id: 'new1', stageId: 's1', name: 'NPS', value: 42, unit: '' } }]);
    const del = cmd.backward[0];
    expect(del?.name).toBe('metrics.delete');
    const tombstone = (del?.input as { tombstone: string }).tombstone;
    expect(cmd.redo).toEqual([{ name: 'tombstones.restore', input: { id: tombstone } }]);
  });

  it('changes only what differs, and undo puts those fields back', () => {
    const cmd = updateMetric(m, 'b', { value: 1200, unit: 'customers' }, 'Set entered stage');
    expect(cmd.forward).toEqual([{ name: 'metrics.update', input: { id: 'b', value: 1200 } }]);
    expect(cmd.backward).toEqual([{ name: 'metrics.update', input: { id: 'b', value: 1000 } }]);
    expect(updateMetric(m, 'b', { value: 1000 }).forward).toEqual([]);
    expect(updateMetric(m, 'gone', { value: 1 }).forward).toEqual([]);
    expect(updateMetric(m, 'a', { measuredAt: null }).backward).toEqual([{ name: 'metrics.update', input: { id: 'a', measuredAt: '2026-10-31' } }]);
  });

  it('deletes under a tombstone that undo restores', () => {
    const cmd = deleteMetric(m, 'c');
    expect(cmd.label).toBe('Delete metric "entered stage"');
    const tombstone = (cmd.forward[0]?.input as { tombstone: string }).tombstone;
    expect(cmd.forward).toEqual([{ name: 'metrics.delete', input: { id: 'c', tombstone } }]);
    expect(cmd.backward).toEqual([{ name: 'tombstones.restore', input: { id: tombstone } }]);
    expect(deleteMetric(m, 'gone').forward).toEqual([]);
  });
});

describe('a metric edited in place', () => {
  it('is found under the pointer on its line or its bar, and nowhere else in the lane', () => {
    const extra = metric('e', 1, 'NPS', 31, '');
    const layout = layoutModel(model([...counts, extra]), () => 1);
    const block = layout.metrics.get('l1');
    if (!block) throw new Error('no metrics lane');
    for (const line of block.lines) {
      expect(metricAt(layout, 'l1', line.x + 1, line.y + 1)).toBe(line.metricId);
      expect(metricAt(layout, 'l1', line.x + line.width - 0.5, line.y + line.height - 0.5)).toBe(line.metricId);
      expect(metricAt(layout, 'l1', line.x + line.width, line.y + 1)).toBe(block.lines.find((l) => l.x === line.x + line.width && l.y === line.y)?.metricId ?? null);
    }
    expect(new Set(block.lines.map((l) => l.metricId))).toEqual(new Set(['a', 'b', 'c', 'd', 'e']));
    // Edges: a box holds its top and left edge, not its bottom or right one (the next line down starts there).
    const [first, second] = block.lines.filter((l) => l.stageId === 's1');
    if (!first || !second) throw new Error('Sign up has two lines');
    expect(second.y).toBe(first.y + first.height);
    expect(metricAt(layout, 'l1', first.x, first.y)).toBe(first.metricId);
    expect(metricAt(layout, 'l1', first.x + 1, first.y + first.height)).toBe(second.metricId);
    expect(metricAt(layout, 'l1', second.x + 1, second.y + second.height)).toBeNull();
    expect(metricAt(layout, 'l1', first.x - 0.01, first.y + 1)).toBeNull();
    for (const bar of block.bars) {
      expect(metricAt(layout, 'l1', bar.x, bar.y)).toBe(bar.metricId);
      expect(metricAt(layout, 'l1', bar.x + 1, bar.y + bar.height)).not.toBe(bar.metricId);
    }
    for (const bar of block.bars) expect(metricAt(layout, 'l1', bar.x + bar.width / 2, bar.y + bar.height / 2)).toBe(bar.metricId);
    // Above the lane, in the gap between the bars' row and the lines, in another lane: nothing.
    const lane = layout.lanes.find((l) => l.id === 'l1');
    if (!lane) throw new Error('no lane box');
    expect(metricAt(layout, 'l1', (block.lines[0]?.x ?? 0) + 1, lane.y + 1)).toBeNull();
    expect(metricAt(layout, 'l0', (block.lines[0]?.x ?? 0) + 1, (block.lines[0]?.y ?? 0) + 1)).toBeNull();
    expect(metricAt(layout, 'nowhere', 0, 0)).toBeNull();
  });

  it('is edited over its line, a little larger than it', () => {
    const layout = layoutModel(model(counts), () => 1);
    const line = layout.metrics.get('l1')?.lines.find((l) => l.metricId === 'b');
    if (!line) throw new Error('no line');
    expect(editRect(layout, { kind: 'metric', id: 'b' })).toEqual({ x: line.x - 4, y: line.y - 3, width: line.width + 8, height: line.height + 6 });
    expect(editRect(layout, { kind: 'metric', id: 'gone' })).toBeNull();
  });
});
