/** Small in-memory maps for testing the renderer's pure modules. */
import type { Card, EmotionPoint, JourneyMap, Lane, LaneKind, MapDocument, Stage } from '../../../electron/api/types.ts';

export function mapDoc(options: {
  stages: string[];
  lanes: { title: string; kind: LaneKind; collapsed?: boolean; height?: number }[];
  cards?: { lane: number; stage: number; text: string; votes?: number }[];
  emotions?: { lane: number; stage: number; score: number; label?: string }[];
}): MapDocument {
  const map: JourneyMap = {
    id: 'm1',
    title: 'Test map',
    description: '',
    emotionMin: -2,
    emotionMax: 2,
    personaIds: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
  const stages: Stage[] = options.stages.map((name, i) => ({
    id: `s${i}`,
    mapId: 'm1',
    name,
    description: '',
    position: `a${String(i).padStart(4, '0')}`,
    color: null,
    owner: '',
    goal: '',
    width: null,
  }));
  const lanes: Lane[] = options.lanes.map((l, i) => ({
    id: `l${i}`,
    mapId: 'm1',
    kind: l.kind,
    title: l.title,
    position: `a${String(i).padStart(4, '0')}`,
    height: l.height ?? null,
    collapsed: l.collapsed ?? false,
  }));
  const cards: Card[] = (options.cards ?? []).map((c, i) => ({
    id: `c${i}`,
    mapId: 'm1',
    laneId: `l${c.lane}`,
    stageId: `s${c.stage}`,
    text: c.text,
    color: null,
    position: `a${String(i).padStart(4, '0')}`,
    channel: null,
    votes: c.votes ?? 0,
    evidence: 'assumed',
  }));
  const emotions: EmotionPoint[] = (options.emotions ?? []).map((e, i) => ({
    id: `e${i}`,
    mapId: 'm1',
    laneId: `l${e.lane}`,
    stageId: `s${e.stage}`,
    personaId: null,
    score: e.score,
    label: e.label ?? '',
  }));
  return { map, stages, lanes, cards, emotions, personas: [], evidence: { stages: [], cards: [], newest: 20 }, quoteLinks: [], quotes: [], interviews: [], metrics: [] };
}
