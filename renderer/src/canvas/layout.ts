/**
 * Geometry is a pure function (DESIGN.md, rule 5): from the map's records and a way to measure text, compute
 * every stage column, lane row, card rectangle and emotion-curve point in map units. Konva only draws what
 * this returns; hit-testing, culling, keyboard navigation and PNG export all read the same numbers.
 *
 * Coordinates: the grid body starts at (0, 0) — right of the lane headers and below the stage headers,
 * which are drawn sticky on their own layers.
 */
import { holdsCards, type Card, type EmotionPoint, type JourneyMap, type Lane, type LaneKind, type Metric, type Stage } from '../../../electron/api/types.ts';
import { cellKey, emotionByCell, ordered, type MapModel } from '../store/mapModel.ts';
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

/**
 * How many lines `text` takes when wrapped at `width` (in map units, at METRICS.fontSize). `deferrable`: the
 * text is a card's below the first EXACT_CARDS_PER_CELL of its cell, which no view at 100% or more shows when a
 * map opens, so a measure may give an estimate for it now and measure it later (see openingMeasure in measure.ts);
 * a measure that always measures ignores it.
 */
export type MeasureText = (text: string, width: number, deferrable?: boolean) => number;

/**
 * How many cards at the top of each cell are always measured (never `deferrable`): a card is at least
 * 2 × cardPaddingY + lineHeight tall with a cardGap below it (41 map units), so 96 of them reach below 3,900 map
 * units: more than a 3,200-pixel-tall window shows at 100%, where a map opens, with the 480 pixels the canvas draws
 * beyond it (its overscan). A lane holding a cell of more is taller than that, so the lanes below it are out of
 * that view too.
 */
export const EXACT_CARDS_PER_CELL = 96;

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
  /** The card boxes of one cell (by cellKey), top to bottom; none for a cell without cards or not shown. */
  cardsInCell: (key: string) => readonly CardBox[];
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

/** Lanes that hold cards (the contract's list): an evidence lane shows the quotes linked to each stage instead. */
export { holdsCards };

/** A card shows a meta line (channel, votes, evidence status, linked quotes) in these cases. */
export function hasMetaLine(card: Card, kind: LaneKind, quotes = 0): boolean {
  return kind === 'touchpoints' || kind === 'opportunities' || card.evidence !== 'assumed' || quotes > 0;
}

export function cardHeight(card: Card, kind: LaneKind, width: number, measure: MeasureText, quotes = 0, deferrable = false): { height: number; lines: number } {
  const lines = Math.max(1, measure(card.text, width - 2 * METRICS.cardPaddingX, deferrable));
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
  /**
   * The cards by cell, each cell in order. Memoisation is per cell array: a cell whose array is the same
   * object as in an earlier layout (see MapModel.cardCells) is not laid out again.
   */
  cellCards: ReadonlyMap<string, readonly Card[]>;
  /** The cell (cellKey) a card is in (from the card table: no walk over the cells). */
  cellOf: (cardId: string) => string | undefined;
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

/**
 * One cell's cards stacked on their own, relative to the top of the cell: what depends only on the cell's
 * cards, the stage's width, the lane's kind and the cards' quote counts. Memoised per cell (LayoutCache).
 */
interface CellStack {
  cards: readonly Card[];
  width: number;
  kind: LaneKind;
  /** The quote counts its heights were made with (or later totals found to give its cards the same counts). */
  quotes: ReadonlyMap<string, number> | undefined;
  ids: readonly string[];
  /** Each card's top (relative to the cell), height and lines shown, in cell order. */
  tops: readonly number[];
  heights: readonly number[];
  lines: readonly number[];
  /** Place of each card in the cell. */
  index: ReadonlyMap<string, number>;
  /** From the cell's top to below its last card, with padding: what the lane must hold. */
  contentHeight: number;
}

/**
 * Stack a cell's cards. A card that the cell's previous stack already measured (the same record, width, lane
 * kind and quote count) keeps its height without being measured again: an edit in a cell of 1,500 cards
 * measures one card, not 1,500.
 */
function stackCell(
  cards: readonly Card[],
  width: number,
  kind: LaneKind,
  quotes: ReadonlyMap<string, number> | undefined,
  measure: MeasureText,
  before: CellStack | undefined,
  /** The measure now refines the one `before` was stacked with (see refines): its deep cards are measured again. */
  refining: boolean,
): CellStack {
  const cardWidth = width - 2 * METRICS.cellPaddingX;
  const old = before && before.width === width && before.kind === kind ? before : undefined;
  // The same cards in the same order: their ids and places are the old stack's.
  const same = old !== undefined && old.cards === cards;
  const tops: number[] = [];
  const heights: number[] = [];
  const lines: number[] = [];
  const index = new Map<string, number>();
  let cy = METRICS.cellPaddingY;
  cards.forEach((card, i) => {
    const j = same ? i : old?.index.get(card.id);
    // A card deep in the cell may hold a guessed height (see MeasureText): measured when a refining measure
    // comes, or when it rises to where every card is measured (a cached measure, as a rule).
    const known =
      old !== undefined &&
      j !== undefined &&
      old.cards[j] === card &&
      (old.quotes?.get(card.id) ?? 0) === (quotes?.get(card.id) ?? 0) &&
      (j < EXACT_CARDS_PER_CELL || (i >= EXACT_CARDS_PER_CELL && !refining));
    const h = known ? { height: old.heights[j] ?? 0, lines: old.lines[j] ?? 1 } : cardHeight(card, kind, cardWidth, measure, quotes?.get(card.id), i >= EXACT_CARDS_PER_CELL);
    tops.push(cy);
    heights.push(h.height);
    lines.push(h.lines);
    if (!same) index.set(card.id, i);
    cy += h.height + METRICS.cardGap;
  });
  return { cards, width, kind, quotes, ids: same ? old.ids : cards.map((c) => c.id), tops, heights, lines, index: same ? old.index : index, contentHeight: cy - METRICS.cardGap + METRICS.cellPaddingY };
}

/** Which measure each refining measure refines (see refines). */
const refined = new WeakMap<MeasureText, MeasureText>();

/**
 * Say that `next` gives the answers `previous` gave for every text it was not allowed to defer, and measures what
 * `previous` may have guessed (openingMeasure's exact measure after its first one): a layout made with `next` after
 * one made with `previous` keeps its cells, measuring again only the cards below the first EXACT_CARDS_PER_CELL of
 * each, instead of laying out every cell from nothing as a new measure does.
 */
export function refines(next: MeasureText, previous: MeasureText): void {
  if (next !== previous) refined.set(next, previous);
}

/** A stack put at its place on the map; its card boxes are made when first asked for, then kept. */
interface Placement {
  stack: CellStack;
  laneId: string;
  stageId: string;
  x: number;
  y: number;
  boxes?: readonly CardBox[];
}

function boxesOf(p: Placement): readonly CardBox[] {
  if (p.boxes) return p.boxes;
  const { stack } = p;
  const width = stack.width - 2 * METRICS.cellPaddingX;
  p.boxes = stack.ids.map((id, i) => ({
    id,
    laneId: p.laneId,
    stageId: p.stageId,
    index: i,
    lines: stack.lines[i] ?? 1,
    x: p.x + METRICS.cellPaddingX,
    y: p.y + (stack.tops[i] ?? 0),
    width,
    height: stack.heights[i] ?? 0,
  }));
  return p.boxes;
}

/**
 * The card boxes of a layout, read like a map by card id. They are kept per cell, not in one map of every
 * card: a layout after an edit re-uses the placements of every cell that neither changed nor moved, so a
 * card's box is the same object as before (React skips drawing it again) and nothing walks every card.
 */
class PlacedCards implements ReadonlyMap<string, CardBox> {
  readonly size: number;
  readonly #placements: ReadonlyMap<string, Placement>;
  readonly #cellOf: (cardId: string) => string | undefined;

  constructor(placements: ReadonlyMap<string, Placement>, cellOf: (cardId: string) => string | undefined) {
    this.#placements = placements;
    this.#cellOf = cellOf;
    let size = 0;
    for (const p of placements.values()) size += p.stack.ids.length;
    this.size = size;
  }

  get(id: string): CardBox | undefined {
    const key = this.#cellOf(id);
    const p = key === undefined ? undefined : this.#placements.get(key);
    const i = p?.stack.index.get(id);
    return p && i !== undefined ? boxesOf(p)[i] : undefined;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** The boxes of one cell, in order (an empty list for a cell without cards or not shown). */
  inCell(key: string): readonly CardBox[] {
    const p = this.#placements.get(key);
    return p ? boxesOf(p) : [];
  }

  *values(): MapIterator<CardBox> {
    for (const p of this.#placements.values()) yield* boxesOf(p);
  }

  *keys(): MapIterator<string> {
    for (const p of this.#placements.values()) yield* p.stack.ids;
  }

  *entries(): MapIterator<[string, CardBox]> {
    for (const box of this.values()) yield [box.id, box];
  }

  [Symbol.iterator](): MapIterator<[string, CardBox]> {
    return this.entries();
  }

  forEach(callback: (value: CardBox, key: string, map: ReadonlyMap<string, CardBox>) => void): void {
    for (const box of this.values()) callback(box, box.id, this);
  }
}

/**
 * What one layout keeps for the next (memoisation per cell): each cell's stack and placement. A layout
 * re-stacks only the cells whose cards, width, kind or quote counts changed, and re-places only the cells
 * that moved (a lane above grew, a stage to the left widened) — without making their boxes until asked.
 * One cache per measure function; results are the same with or without it.
 */
export interface LayoutCache {
  measure: MeasureText | null;
  stacks: Map<string, CellStack>;
  placements: Map<string, Placement>;
}

export const createLayoutCache = (): LayoutCache => ({ measure: null, stacks: new Map(), placements: new Map() });

const NO_CARDS: readonly Card[] = [];

export function computeLayout(input: LayoutInput, measure: MeasureText, cache: LayoutCache = createLayoutCache()): MapLayout {
  const { map, stages, lanes, cellCards, cellEmotions } = input;
  // A measure that refines the cache's keeps its cells (their deep cards measured again); another starts afresh.
  // (A cache made afresh holds null, which no measure refines; nor does a measure refine itself.)
  const refining = refined.get(measure) === cache.measure;
  if (cache.measure !== measure) {
    if (!refining) {
      cache.stacks.clear();
      cache.placements.clear();
    }
    cache.measure = measure;
  }
  const stageBoxes: StageBox[] = [];
  let x = 0;
  stages.forEach((s, index) => {
    const width = s.width ?? METRICS.stageWidth;
    stageBoxes.push({ id: s.id, index, x, width });
    x += width;
  });

  const stacks = new Map<string, CellStack>();
  const placements = new Map<string, Placement>();
  const cells = new Map<string, CellBox>();
  const curves = new Map<string, readonly CurvePoint[]>();
  const laneBoxes: LaneBox[] = [];
  const emotionSets = new Map<string, EmotionCurves>();
  const quoteCells = new Map<string, EvidenceCell>();
  const metricsPlan = metricsPlanFor(input);
  const metricLanes = new Map<string, MetricsLaneLayout>();
  const quotes = input.evidence?.cardQuotes;
  let y = 0;

  lanes.forEach((lane, index) => {
    const fixed = lane.kind === 'metrics' && metricsPlan ? metricsLaneHeight(metricsPlan) : fixedLaneHeight(lane.kind);
    const stacked = !lane.collapsed && lane.kind !== 'evidence' && fixed === null;
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
        const key = cellKey(lane.id, stage.id);
        const list = cellCards.get(key) ?? NO_CARDS;
        const old = cache.stacks.get(key);
        const kept =
          old &&
          old.cards === list &&
          old.width === stage.width &&
          old.kind === lane.kind &&
          (old.quotes === quotes || sameQuoteCounts(old, quotes)) &&
          !(refining && old.ids.length > EXACT_CARDS_PER_CELL);
        // A stack kept under new totals that give its cards the same counts takes them on (compared once, not
        // again at every later layout); its geometry, and so its placement and boxes, stay as they are.
        if (kept) old.quotes = quotes;
        const stack = kept ? old : stackCell(list, stage.width, lane.kind, quotes, measure, old, refining);
        stacks.set(key, stack);
        tallest = Math.max(tallest, stack.contentHeight);
      }
      height = Math.max(METRICS.minLaneHeight, lane.height ?? 0, tallest);
    }
    const box: LaneBox = { id: lane.id, index, kind: lane.kind, collapsed: lane.collapsed, y, height };
    laneBoxes.push(box);

    for (const stage of stageBoxes) {
      const key = cellKey(lane.id, stage.id);
      const stack = stacked ? stacks.get(key) : undefined;
      if (stack && stack.ids.length > 0) {
        const old = cache.placements.get(key);
        placements.set(key, old && old.stack === stack && old.x === stage.x && old.y === y ? old : { stack, laneId: lane.id, stageId: stage.id, x: stage.x, y });
      }
      cells.set(key, { laneId: lane.id, stageId: stage.id, x: stage.x, y, width: stage.width, height, cardIds: holdsCards(lane.kind) && stack ? stack.ids : NO_IDS });
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
  cache.stacks = stacks;
  cache.placements = placements;

  const placed = new PlacedCards(placements, input.cellOf);
  return {
    width: x,
    height: y,
    stages: stageBoxes,
    lanes: laneBoxes,
    cards: placed,
    cardsInCell: (key) => placed.inCell(key),
    cells,
    curves,
    emotionScale: { min: map.emotionMin, max: map.emotionMax },
    metrics: metricLanes,
    emotionCurves: emotionSets,
    evidenceCells: quoteCells,
  };
}

const NO_IDS: readonly string[] = [];

/** Whether the quote counts of a stack's cards are the same in `quotes` (new totals read after a link elsewhere). */
function sameQuoteCounts(stack: CellStack, quotes: ReadonlyMap<string, number> | undefined): boolean {
  return stack.ids.every((id) => (stack.quotes?.get(id) ?? 0) === (quotes?.get(id) ?? 0));
}

const layoutCaches = new WeakMap<MeasureText, LayoutCache>();

/**
 * Layout straight from the store's model. Layouts made with the same measure function share one cache
 * (see LayoutCache): laying out the map again after an edit costs the cells the edit touched.
 */
export function layoutModel(
  model: Pick<MapModel, 'map' | 'stages' | 'lanes' | 'cards' | 'cardCells' | 'emotions'> & Partial<Pick<MapModel, 'metrics'>> & Partial<EvidenceModel>,
  measure: MeasureText,
  /** The persona whose emotion curve is being edited; null: the team's. */
  editing: string | null = null,
  /** Where the layout keeps what the next one re-uses; by default one cache per measure function. */
  cache?: LayoutCache,
): MapLayout {
  const { evidence: totals, quoteLinks, quotes, interviews, personas } = model;
  const evidence =
    totals && quoteLinks && quotes && interviews && personas ? { ...evidenceInput({ ...model, evidence: totals, quoteLinks, quotes, interviews, personas }), editing } : undefined;
  let shared = cache ?? layoutCaches.get(measure);
  if (!shared) {
    // A refining measure takes over the cache of the measure it refines (which is then let go).
    const previous = refined.get(measure);
    shared = (previous && layoutCaches.get(previous)) ?? createLayoutCache();
    if (previous) layoutCaches.delete(previous);
    layoutCaches.set(measure, shared);
  }
  const table = model.cards;
  return computeLayout(
    {
      map: model.map,
      stages: ordered(model.stages),
      lanes: ordered(model.lanes),
      cellCards: model.cardCells,
      cellOf: (id) => {
        const card = table.get(id);
        return card && cellKey(card.laneId, card.stageId);
      },
      cellEmotions: emotionByCell(model.emotions),
      metrics: model.metrics ? Object.values(model.metrics) : [],
      ...(evidence ? { evidence } : {}),
    },
    measure,
    shared,
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
  const { stages, lanes } = visibleBands(layout, viewport, margin);
  const cardIds: string[] = [];
  for (const lane of lanes) {
    for (const stage of stages) {
      // A cell's boxes are stacked top to bottom: find the first one below the top edge, take them to the bottom edge.
      const boxes = layout.cardsInCell(cellKey(lane.id, stage.id));
      const [b0, b1] = spanRange(boxes, (b) => b.y, (b) => b.height, r.y, r.y + r.height);
      for (let i = b0; i < b1; i++) {
        const box = boxes[i] as CardBox;
        if (intersects(box, r)) cardIds.push(box.id);
      }
    }
  }
  return { stages, lanes, cardIds };
}

/** The stages and lanes of visibleItems alone (what the headers draw), no card looked at. */
export function visibleBands(layout: MapLayout, viewport: Viewport, margin = 64): VisibleSet {
  const r = visibleRect(viewport, margin);
  const [s0, s1] = spanRange(layout.stages, (s) => s.x, (s) => s.width, r.x, r.x + r.width);
  const [l0, l1] = spanRange(layout.lanes, (l) => l.y, (l) => l.height, r.y, r.y + r.height);
  return { stages: layout.stages.slice(s0, s1), lanes: layout.lanes.slice(l0, l1), cardIds: [] };
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
