/**
 * Geometry is a pure function (DESIGN.md, rule 5): from the map's records and a way to measure text, compute
 * every stage column, lane row, card rectangle and emotion-curve point in map units. Konva only draws what
 * this returns; hit-testing, culling, keyboard navigation and PNG export all read the same numbers.
 *
 * Coordinates: the grid body starts at (0, 0) — right of the lane headers and below the stage headers,
 * which are drawn sticky on their own layers.
 */
import type { Card, EmotionPoint, JourneyMap, Lane, LaneKind, Metric, Stage } from '../../../electron/api/types.ts';
import { cardsByCell, cellKey, emotionByCell, ordered, type MapModel } from '../store/mapModel.ts';
import { emotionCurves, evidenceCells, evidenceInput, evidenceLaneHeight, type EmotionCurves, type EvidenceCell, type EvidenceLayoutInput, type EvidenceModel } from './evidenceLayout.ts';
import { layoutMetricsLane, metricsLaneHeight, planMetrics, type MetricsLaneLayout, type MetricsPlan } from './metricsLayout.ts';

export const METRICS = {
  stageHeaderHeight: 64,
  laneHeaderWidth: 184,
  stageWidth: 248,
  cellPaddingX: 10,
  cellPaddingY: 10,
  cardGap: 8,
  cardPaddingX: 10,
  cardPaddingY: 8,
  fontSize: 13,
  lineHeight: 17,
  metaHeight: 20,
  minLaneHeight: 76,
  collapsedLaneHeight: 34,
  emotionLaneHeight: 176,
  ownersLaneHeight: 52,
  metricsLaneHeight: 52,
  emotionPaddingY: 26,
} as const;

/** How many lines `text` takes when wrapped at `width` (in map units, at METRICS.fontSize). */
export type MeasureText = (text: string, width: number) => number;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface StageBox {
  id: string;
  index: number;
  x: number;
  width: number;
}

export interface LaneBox {
  id: string;
  index: number;
  kind: LaneKind;
  collapsed: boolean;
  y: number;
  height: number;
}

export interface CardBox extends Rect {
  id: string;
  laneId: string;
  stageId: string;
  /** Place within its cell. */
  index: number;
  /** Lines of text shown (all of them unless the lane is collapsed). */
  lines: number;
}

export interface CellBox extends Rect {
  laneId: string;
  stageId: string;
  cardIds: readonly string[];
}

export interface CurvePoint {
  stageId: string;
  x: number;
  y: number;
  score: number;
  label: string;
  pointId: string;
}

export interface MapLayout {
  width: number;
  height: number;
  stages: readonly StageBox[];
  lanes: readonly LaneBox[];
  cards: ReadonlyMap<string, CardBox>;
  cells: ReadonlyMap<string, CellBox>;
  /**
   * The emotion curve being edited, by lane id (the team's, or the persona's the person picked): one point
   * per stage that has a score, left to right. Pointer and keyboard edits work on these points.
   */
  curves: ReadonlyMap<string, readonly CurvePoint[]>;
  /** Evidence (see evidenceLayout.ts): every curve of each emotion lane, the evidence curve and the flags. */
  emotionCurves: ReadonlyMap<string, EmotionCurves>;
  /** Evidence lanes: each cell's quote rows, by cell key. */
  evidenceCells: ReadonlyMap<string, EvidenceCell>;
  emotionScale: { min: number; max: number };
  /** Metrics lanes by lane id: each stage's numbers and the funnel (see metricsLayout.ts). */
  metrics: ReadonlyMap<string, MetricsLaneLayout>;
}

/** Lanes that hold cards. An evidence lane shows the quotes linked to each stage instead (none are made there). */
const CARD_LANES: ReadonlySet<LaneKind> = new Set(['text', 'touchpoints', 'pains', 'opportunities', 'backstage', 'images']);

export const holdsCards = (kind: LaneKind): boolean => CARD_LANES.has(kind);

/** A card shows a meta line (channel, votes, evidence status, linked quotes) in these cases. */
export function hasMetaLine(card: Card, kind: LaneKind, quotes = 0): boolean {
  return kind === 'touchpoints' || kind === 'opportunities' || card.evidence !== 'assumed' || quotes > 0;
}

export function cardHeight(card: Card, kind: LaneKind, width: number, measure: MeasureText, quotes = 0): { height: number; lines: number } {
  const lines = Math.max(1, measure(card.text, width - 2 * METRICS.cardPaddingX));
  const meta = hasMetaLine(card, kind, quotes) ? METRICS.metaHeight : 0;
  return { height: 2 * METRICS.cardPaddingY + lines * METRICS.lineHeight + meta, lines };
}

function fixedLaneHeight(kind: LaneKind): number | null {
  if (kind === 'emotion') return METRICS.emotionLaneHeight;
  if (kind === 'owners') return METRICS.ownersLaneHeight;
  if (kind === 'metrics') return METRICS.metricsLaneHeight;
  return null;
}

/** The y of a score inside an emotion lane: the top is the most positive score. */
export function scoreToY(score: number, lane: { y: number; height: number }, min: number, max: number): number {
  const top = lane.y + METRICS.emotionPaddingY;
  const span = lane.height - 2 * METRICS.emotionPaddingY;
  return top + ((max - score) / (max - min)) * span;
}

/** The score nearest to a y inside an emotion lane (snapping to whole steps of the scale). */
export function yToScore(y: number, lane: { y: number; height: number }, min: number, max: number): number {
  const top = lane.y + METRICS.emotionPaddingY;
  const span = lane.height - 2 * METRICS.emotionPaddingY;
  const raw = max - ((y - top) / span) * (max - min);
  const score = Math.min(max, Math.max(min, Math.round(raw)));
  return score === 0 ? 0 : score; // never -0
}

interface LayoutInput {
  map: JourneyMap;
  stages: readonly Stage[];
  lanes: readonly Lane[];
  cellCards: ReadonlyMap<string, readonly Card[]>;
  cellEmotions: ReadonlyMap<string, EmotionPoint>;
  /** The map's metrics (numbers per stage); none when left out. */
  metrics?: readonly Metric[];
  /** The evidence block: quotes per stage and card, persona curves, the curve being edited; none when left out. */
  evidence?: EvidenceLayoutInput & { cardQuotes: ReadonlyMap<string, number>; editing: string | null };
}

/** The metrics block: the plan is made once, and only when the map has a metrics lane. */
function metricsPlanFor(input: LayoutInput): MetricsPlan | null {
  if (!input.lanes.some((l) => l.kind === 'metrics')) return null;
  return planMetrics(
    input.stages.map((s) => s.id),
    input.metrics ?? [],
  );
}

export function computeLayout(input: LayoutInput, measure: MeasureText): MapLayout {
  const { map, stages, lanes, cellCards, cellEmotions } = input;
  const stageBoxes: StageBox[] = [];
  let x = 0;
  stages.forEach((s, index) => {
    const width = s.width ?? METRICS.stageWidth;
    stageBoxes.push({ id: s.id, index, x, width });
    x += width;
  });

  const cards = new Map<string, CardBox>();
  const cells = new Map<string, CellBox>();
  const curves = new Map<string, readonly CurvePoint[]>();
  const laneBoxes: LaneBox[] = [];
  const emotionSets = new Map<string, EmotionCurves>();
  const quoteCells = new Map<string, EvidenceCell>();
  const metricsPlan = metricsPlanFor(input);
  const metricLanes = new Map<string, MetricsLaneLayout>();
  let y = 0;

  lanes.forEach((lane, index) => {
    const fixed = lane.kind === 'metrics' && metricsPlan ? metricsLaneHeight(metricsPlan) : fixedLaneHeight(lane.kind);
    let height: number;
    if (lane.collapsed) {
      height = METRICS.collapsedLaneHeight;
    } else if (lane.kind === 'evidence') {
      height = input.evidence ? evidenceLaneHeight(lane, stageBoxes, input.evidence) : Math.max(METRICS.minLaneHeight, lane.height ?? 0);
    } else if (fixed !== null) {
      height = Math.max(fixed, lane.height ?? 0);
    } else {
      // Stack each cell's cards; the lane is as tall as its tallest cell (or its set height, if taller).
      let tallest = 0;
      for (const stage of stageBoxes) {
        const list = cellCards.get(cellKey(lane.id, stage.id)) ?? [];
        let cy = METRICS.cellPaddingY;
        list.forEach((card, i) => {
          const width = stage.width - 2 * METRICS.cellPaddingX;
          const { height: h, lines } = cardHeight(card, lane.kind, width, measure, input.evidence?.cardQuotes.get(card.id));
          cards.set(card.id, { id: card.id, laneId: lane.id, stageId: stage.id, index: i, lines, x: stage.x + METRICS.cellPaddingX, y: cy, width, height: h });
          cy += h + METRICS.cardGap;
        });
        tallest = Math.max(tallest, cy - METRICS.cardGap + METRICS.cellPaddingY);
      }
      height = Math.max(METRICS.minLaneHeight, lane.height ?? 0, tallest);
    }
    const box: LaneBox = { id: lane.id, index, kind: lane.kind, collapsed: lane.collapsed, y, height };
    laneBoxes.push(box);

    for (const stage of stageBoxes) {
      const key = cellKey(lane.id, stage.id);
      const list = holdsCards(lane.kind) ? (cellCards.get(key) ?? []) : [];
      // Card y was relative to the lane top while the lane's y was unknown; make it absolute.
      for (const card of list) {
        const c = cards.get(card.id);
        if (!c) continue;
        if (lane.collapsed) cards.delete(card.id);
        else c.y += y;
      }
      cells.set(key, { laneId: lane.id, stageId: stage.id, x: stage.x, y, width: stage.width, height, cardIds: lane.collapsed ? [] : list.map((c) => c.id) });
    }

    if (lane.kind === 'emotion' && !lane.collapsed) {
      const points: CurvePoint[] = [];
      for (const stage of stageBoxes) {
        const point = cellEmotions.get(cellKey(lane.id, stage.id));
        if (!point) continue;
        points.push({
          stageId: stage.id,
          pointId: point.id,
          x: stage.x + stage.width / 2,
          y: scoreToY(point.score, box, map.emotionMin, map.emotionMax),
          score: point.score,
          label: point.label,
        });
      }
      curves.set(lane.id, points);
      // Evidence block: the personas' curves and the evidence curve beside the team's; the edited one is `curves`.
      if (input.evidence) {
        const set = emotionCurves(box, stageBoxes, points, input.evidence, (score) => scoreToY(score, box, map.emotionMin, map.emotionMax), cellKey);
        emotionSets.set(lane.id, set);
        const editing = input.evidence.editing;
        if (editing !== null) curves.set(lane.id, set.personas.find((c) => c.personaId === editing)?.points ?? []);
      }
    }
    if (lane.kind === 'evidence' && input.evidence) for (const [key, cell] of evidenceCells(box, stageBoxes, input.evidence, cellKey)) quoteCells.set(key, cell);
    if (lane.kind === 'metrics' && !lane.collapsed && metricsPlan) metricLanes.set(lane.id, layoutMetricsLane(lane.id, y, stageBoxes, metricsPlan));
    y += height;
  });

  return {
    width: x,
    height: y,
    stages: stageBoxes,
    lanes: laneBoxes,
    cards,
    cells,
    curves,
    emotionScale: { min: map.emotionMin, max: map.emotionMax },
    metrics: metricLanes,
    emotionCurves: emotionSets,
    evidenceCells: quoteCells,
  };
}

/** Layout straight from the store's model. */
export function layoutModel(
  model: Pick<MapModel, 'map' | 'stages' | 'lanes' | 'cards' | 'emotions'> & Partial<Pick<MapModel, 'metrics'>> & Partial<EvidenceModel>,
  measure: MeasureText,
  /** The persona whose emotion curve is being edited; null: the team's. */
  editing: string | null = null,
): MapLayout {
  const { evidence: totals, quoteLinks, quotes, interviews, personas } = model;
  const evidence =
    totals && quoteLinks && quotes && interviews && personas ? { ...evidenceInput({ ...model, evidence: totals, quoteLinks, quotes, interviews, personas }), editing } : undefined;
  return computeLayout(
    {
      map: model.map,
      stages: ordered(model.stages),
      lanes: ordered(model.lanes),
      cellCards: cardsByCell(model.cards),
      cellEmotions: emotionByCell(model.emotions),
      metrics: model.metrics ? Object.values(model.metrics) : [],
      ...(evidence ? { evidence } : {}),
    },
    measure,
  );
}

/** The part of the map a viewport shows: scroll offset (map units), zoom, and the size of the body on screen. */
export interface Viewport {
  x: number;
  y: number;
  scale: number;
  /** Size of the grid body area on screen, in pixels (the window minus the sticky headers). */
  width: number;
  height: number;
}

export function visibleRect(viewport: Viewport, margin = 0): Rect {
  return {
    x: viewport.x - margin,
    y: viewport.y - margin,
    width: viewport.width / viewport.scale + 2 * margin,
    height: viewport.height / viewport.scale + 2 * margin,
  };
}

export const intersects = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Binary search over sorted, contiguous spans [start, start + size). */
function spanRange<T>(items: readonly T[], start: (t: T) => number, size: (t: T) => number, from: number, to: number): [number, number] {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const item = items[mid] as T;
    if (start(item) + size(item) <= from) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < items.length && start(items[end] as T) < to) end++;
  return [lo, end];
}

export interface VisibleSet {
  stages: readonly StageBox[];
  lanes: readonly LaneBox[];
  cardIds: readonly string[];
}

/** Culling: the stages, lanes and cards that intersect the viewport (plus a margin), found per cell. */
export function visibleItems(layout: MapLayout, viewport: Viewport, margin = 64): VisibleSet {
  const r = visibleRect(viewport, margin);
  const [s0, s1] = spanRange(layout.stages, (s) => s.x, (s) => s.width, r.x, r.x + r.width);
  const [l0, l1] = spanRange(layout.lanes, (l) => l.y, (l) => l.height, r.y, r.y + r.height);
  const stages = layout.stages.slice(s0, s1);
  const lanes = layout.lanes.slice(l0, l1);
  const cardIds: string[] = [];
  for (const lane of lanes) {
    for (const stage of stages) {
      const cell = layout.cells.get(cellKey(lane.id, stage.id));
      if (!cell) continue;
      for (const id of cell.cardIds) {
        const box = layout.cards.get(id);
        if (box && intersects(box, r)) cardIds.push(id);
      }
    }
  }
  return { stages, lanes, cardIds };
}

export interface VisibleCache {
  layout: MapLayout;
  scale: number;
  /** The area (map units) the cached set covers. */
  covers: Rect;
  visible: VisibleSet;
}

/**
 * Culling with hysteresis: the visible set is computed with a wide margin and reused while the viewport stays
 * inside the area it covers, so panning does not create and destroy shapes on every frame.
 */
export function visibleWithOverscan(cache: VisibleCache | null, layout: MapLayout, viewport: Viewport, overscan = 480): VisibleCache {
  const view = visibleRect(viewport, 32);
  const c = cache?.covers;
  if (
    cache &&
    c &&
    cache.layout === layout &&
    cache.scale === viewport.scale &&
    view.x >= c.x &&
    view.y >= c.y &&
    view.x + view.width <= c.x + c.width &&
    view.y + view.height <= c.y + c.height
  ) {
    return cache;
  }
  return { layout, scale: viewport.scale, covers: visibleRect(viewport, overscan), visible: visibleItems(layout, viewport, overscan) };
}

/** What is under a point of the grid body (map units): a card, else a cell, else nothing. */
export function hitTest(layout: MapLayout, x: number, y: number): { cardId: string | null; laneId: string; stageId: string } | null {
  const [s0, s1] = spanRange(layout.stages, (s) => s.x, (s) => s.width, x, x + 0.001);
  const [l0, l1] = spanRange(layout.lanes, (l) => l.y, (l) => l.height, y, y + 0.001);
  if (s1 <= s0 || l1 <= l0) return null;
  const stage = layout.stages[s0];
  const lane = layout.lanes[l0];
  if (!stage || !lane) return null;
  const cell = layout.cells.get(cellKey(lane.id, stage.id));
  const cardId = cell?.cardIds.find((id) => {
    const b = layout.cards.get(id);
    return b !== undefined && x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height;
  });
  return { cardId: cardId ?? null, laneId: lane.id, stageId: stage.id };
}

/** Where a card dropped at y would go within a cell: the index among the cell's other cards. */
export function dropIndex(layout: MapLayout, laneId: string, stageId: string, y: number, movingId?: string): number {
  const cell = layout.cells.get(cellKey(laneId, stageId));
  if (!cell) return 0;
  const others = cell.cardIds.filter((id) => id !== movingId);
  let index = 0;
  for (const id of others) {
    const b = layout.cards.get(id);
    if (b && y > b.y + b.height / 2) index++;
  }
  return index;
}

/** A rough measure for tests and for the first frame before fonts are known: ~6.6 px a character, word-wrapped. */
export function estimateLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width / (METRICS.fontSize * 0.52)));
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let line = 0;
    lines++;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const len = word.length;
      if (line === 0) line = len;
      else if (line + 1 + len <= perLine) line += 1 + len;
      else {
        lines++;
        line = len;
      }
      while (line > perLine) {
        lines++;
        line -= perLine;
      }
    }
  }
  return Math.max(1, lines);
}
