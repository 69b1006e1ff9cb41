/**
 * Issue 13's maps: 12 stages and four lanes (Actions, Touchpoints, Thoughts, Emotion) with N cards, laid out as
 * createBigMap lays out its cards (the same texts, round the card lanes, then the stages, one score per stage) but
 * made fast. Through the contract, in-process: a map bundle (`bundles.import`, one transaction, keys made for a
 * whole cell at once) holds the first 50,000 cards (a bundle's limit) and `batch.run` adds the rest at the ends
 * of their cells. Made one `cards.create` at a time, a 55,000-card map takes over a minute here, since each
 * create reads the keys of the whole cell.
 */
import { BUNDLE_FORMAT, BUNDLE_LIMITS } from '../../electron/api/bundles.ts';
import type { Workspace } from '../../electron/core/workspace.ts';
import type { bundleSchema } from '../../electron/core/io/bundles/schema.ts';
import type { z } from 'zod';
import type { LaneKind } from '../../electron/api/types.ts';
import { bigMapCardText } from './bigMap.ts';

export const SCALE_LANES: readonly { kind: LaneKind; title: string }[] = [
  { kind: 'text', title: 'Actions' },
  { kind: 'touchpoints', title: 'Touchpoints' },
  { kind: 'text', title: 'Thoughts' },
  { kind: 'emotion', title: 'Emotion' },
];
const STAGES = 12;
/** Steps in one `batch.run`: the most the contract takes. */
const BATCH = 5000;

type BundleInput = z.input<typeof bundleSchema>;

/** The map's cells for card `i`: its lane among the card lanes, then its stage (createBigMap's order). */
export function cellOfCard(i: number, cardLanes: number): { lane: number; stage: number } {
  return { lane: i % cardLanes, stage: Math.floor(i / cardLanes) % STAGES };
}

/**
 * Make the map in `ws`; its id. At most `bundleCards` of its cards come in the bundle, the rest `batch` to a
 * `batch.run` (a test makes both small).
 */
export async function createScaleMap(ws: Pick<Workspace, 'call'>, cards: number, title: string, { bundleCards = BUNDLE_LIMITS.cards, batch = BATCH }: { bundleCards?: number; batch?: number } = {}): Promise<string> {
  const stageIds = Array.from({ length: STAGES }, (_, i) => `s${i + 1}`);
  const laneIds = SCALE_LANES.map((_, i) => `l${i + 1}`);
  const cardLanes = laneIds.filter((_, i) => SCALE_LANES[i]?.kind !== 'emotion');
  const emotionLane = laneIds[SCALE_LANES.findIndex((l) => l.kind === 'emotion')] ?? '';
  const inBundle = Math.min(cards, bundleCards);
  const bundle: BundleInput = {
    format: BUNDLE_FORMAT,
    version: 1,
    map: { title },
    stages: stageIds.map((id, i) => ({ id, name: `Stage ${i + 1}` })),
    lanes: SCALE_LANES.map((l, i) => ({ id: laneIds[i] ?? '', kind: l.kind, title: l.title })),
    cards: Array.from({ length: inBundle }, (_, i) => {
      const at = cellOfCard(i, cardLanes.length);
      return { id: `c${i + 1}`, laneId: cardLanes[at.lane] ?? '', stageId: stageIds[at.stage] ?? '', text: bigMapCardText(i) };
    }),
    emotions: stageIds.map((stageId, i) => ({ laneId: emotionLane, stageId, score: (i % 5) - 2 })),
  };
  const file = Buffer.from(JSON.stringify(bundle)).toString('base64');
  const imported = await ws.call('bundles.import', { file, fileName: `${title}.waymark.json` });
  // The rest at the ends of their cells, as createBigMap adds them: the imported stages and lanes (new ids) by name.
  const stageOf = new Map(imported.stages.map((s) => [s.name, s.id]));
  const laneOf = new Map(imported.lanes.map((l) => [l.title, l.id]));
  const cardLaneTitles = SCALE_LANES.filter((l) => l.kind !== 'emotion').map((l) => l.title);
  let steps: { name: 'cards.create'; input: { laneId: string; stageId: string; text: string } }[] = [];
  for (let i = inBundle; i < cards; i++) {
    const at = cellOfCard(i, cardLanes.length);
    steps.push({ name: 'cards.create', input: { laneId: laneOf.get(cardLaneTitles[at.lane] ?? '') ?? '', stageId: stageOf.get(`Stage ${at.stage + 1}`) ?? '', text: bigMapCardText(i) } });
    if (steps.length === batch) {
      await ws.call('batch.run', { steps });
      steps = [];
    }
  }
  if (steps.length > 0) await ws.call('batch.run', { steps });
  return imported.mapId;
}
