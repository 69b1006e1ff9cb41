/** A big journey map for benchmarks: 12 stages × 10 lanes (an emotion curve, an evidence lane, eight of cards) and N cards. */
import type { Workspace } from '../../electron/core/workspace.ts';

const WORDS = 'customer opens app compares price delivery slot basket checkout fee refund driver late substitute search account email'.split(' ');

/** Card `i`'s text: its number and 3 to 11 words. */
export function bigMapCardText(i: number): string {
  const words = Array.from({ length: 3 + (i % 9) }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(' ');
  return `${i + 1}. ${words}`;
}

export async function createBigMap(ws: Workspace, cards: number, title = `Benchmark ${cards} cards`): Promise<string> {
  const created = await ws.call('maps.create', { title, template: 'blank' });
  const mapId = created.maps[0]?.id ?? '';
  for (const l of created.lanes) await ws.call('lanes.delete', { id: l.id });
  for (const s of created.stages) await ws.call('stages.delete', { id: s.id });
  const stages: string[] = [];
  for (let i = 0; i < 12; i++) stages.push((await ws.call('stages.create', { mapId, name: `Stage ${i + 1}` })).stages[0]?.id ?? '');
  const lanes: string[] = [];
  const kinds = ['text', 'touchpoints', 'text', 'pains', 'opportunities', 'text', 'emotion', 'backstage', 'text', 'evidence'] as const;
  for (const [i, kind] of kinds.entries()) lanes.push((await ws.call('lanes.create', { mapId, kind, title: `Lane ${i + 1}` })).lanes[0]?.id ?? '');
  // The emotion lane holds a curve and the evidence lane the quotes linked to each stage: cards go in the others.
  const cardLanes = lanes.filter((_, i) => kinds[i] !== 'emotion' && kinds[i] !== 'evidence');
  const emotionLane = lanes[kinds.indexOf('emotion')] ?? '';
  let steps: { name: string; input: unknown }[] = [];
  for (let i = 0; i < cards; i++) {
    steps.push({
      name: 'cards.create',
      input: { laneId: cardLanes[i % cardLanes.length], stageId: stages[Math.floor(i / cardLanes.length) % stages.length], text: bigMapCardText(i) },
    });
    if (steps.length === 1000) {
      await ws.call('batch.run', { steps });
      steps = [];
    }
  }
  if (steps.length > 0) await ws.call('batch.run', { steps });
  for (const [i, stageId] of stages.entries()) await ws.call('emotions.set', { laneId: emotionLane, stageId, score: (i % 5) - 2 });
  return mapId;
}
