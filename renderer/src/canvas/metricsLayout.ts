/**
 * The metrics block of the layout (DESIGN.md rule 5): where a metrics lane draws each stage's numbers and the
 * funnel — a bar per measured stage in proportion to its count, the share that continues at each boundary,
 * what is lost under it, and a banner at the stage that loses the most. Pure geometry in map units; computeLayout
 * in layout.ts calls it, and Konva, the tests and hit-testing read what it returns.
 */
import type { Metric } from '../../../electron/api/types.ts';
import { computeFunnel, type Funnel, type FunnelTransition } from '../store/funnel.ts';

export const METRIC_GEOMETRY = {
  padX: 10,
  padY: 8,
  barHeight: 24,
  /** Room left of and right of the widest bar, for the share labels on the stage boundaries. */
  barInset: 42,
  minBar: 3,
  dropRow: 16,
  bannerRow: 18,
  gap: 6,
  lineHeight: 18,
  shareWidth: 66,
  shareHeight: 20,
  minHeight: 52,
} as const;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The metrics of one map, read once per layout: each stage's list (by name) and the funnel. */
export interface MetricsPlan {
  byStage: ReadonlyMap<string, readonly Metric[]>;
  funnel: Funnel | null;
  /** The most metrics any one stage has. */
  mostLines: number;
}

export interface MetricLineBox extends Box {
  metricId: string;
  stageId: string;
}

export interface FunnelBarBox extends Box {
  stageId: string;
  metricId: string;
  value: number;
  /** The stage the biggest drop leaves from. */
  biggestDrop: boolean;
}

/** The share that continues, on the boundary after its stage; the drop (absolute) is written under it. */
export interface FunnelShareBox extends Box {
  transition: FunnelTransition;
  drop: Box;
  biggestDrop: boolean;
}

export interface MetricsLaneLayout {
  laneId: string;
  funnel: Funnel | null;
  bars: readonly FunnelBarBox[];
  shares: readonly FunnelShareBox[];
  /** One per biggest drop (several when tied), in the row under the bars, from the stage that loses them. */
  banners: readonly (Box & { transition: FunnelTransition })[];
  lines: readonly MetricLineBox[];
  /** Cells with no metric, where "No metrics" is written. */
  empty: readonly (Box & { stageId: string })[];
}

interface StageSpan {
  id: string;
  x: number;
  width: number;
}

const byName = (a: Metric, b: Metric): number => {
  const na = a.name.toLowerCase();
  const nb = b.name.toLowerCase();
  if (na !== nb) return na < nb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

/** Group the map's metrics by stage and find the funnel among them. */
export function planMetrics(stageIds: readonly string[], metrics: readonly Metric[]): MetricsPlan {
  const byStage = new Map<string, Metric[]>();
  for (const m of metrics) {
    const list = byStage.get(m.stageId);
    if (list) list.push(m);
    else byStage.set(m.stageId, [m]);
  }
  let mostLines = 0;
  for (const [stageId, list] of byStage) {
    list.sort(byName);
    if (stageIds.includes(stageId)) mostLines = Math.max(mostLines, list.length);
  }
  return { byStage, funnel: computeFunnel(stageIds, metrics), mostLines };
}

/** Height of the funnel rows: bars with their shares, the drops under them, the banner. */
const funnelHeight = (plan: MetricsPlan): number => {
  if (!plan.funnel) return 0;
  const g = METRIC_GEOMETRY;
  return g.barHeight + g.dropRow + (plan.funnel.biggestDrops.length > 0 ? g.bannerRow : 0) + g.gap;
};

/** How tall an open metrics lane is: the funnel rows, then one line per metric of the fullest stage. */
export function metricsLaneHeight(plan: MetricsPlan): number {
  const g = METRIC_GEOMETRY;
  return Math.max(g.minHeight, 2 * g.padY + funnelHeight(plan) + Math.max(1, plan.mostLines) * g.lineHeight);
}

/** Every box a metrics lane draws, for a lane at `top` (map units) across `stages`. */
export function layoutMetricsLane(laneId: string, top: number, stages: readonly StageSpan[], plan: MetricsPlan): MetricsLaneLayout {
  const g = METRIC_GEOMETRY;
  const { funnel } = plan;
  const barY = top + g.padY;
  const bars: FunnelBarBox[] = [];
  const shares: FunnelShareBox[] = [];
  const banners: (Box & { transition: FunnelTransition })[] = [];
  const where = new Map(stages.map((s, i) => [s.id, { s, i }]));
  const losers = new Set(funnel?.biggestDrops.map((t) => t.fromStageId) ?? []);
  if (funnel) {
    for (const step of funnel.steps) {
      const at = where.get(step.stageId);
      if (!at) continue;
      const room = Math.max(g.minBar, at.s.width - 2 * g.barInset);
      const width = funnel.max > 0 ? Math.max(g.minBar, (step.value / funnel.max) * room) : g.minBar;
      bars.push({ stageId: step.stageId, metricId: step.metricId, value: step.value, biggestDrop: losers.has(step.stageId), x: at.s.x + (at.s.width - width) / 2, y: barY, width, height: g.barHeight });
    }
    for (const t of funnel.transitions) {
      const at = where.get(t.fromStageId);
      if (!at) continue;
      const edge = at.s.x + at.s.width;
      const biggestDrop = funnel.biggestDrops.includes(t);
      const x = edge - g.shareWidth / 2;
      const y = barY + (g.barHeight - g.shareHeight) / 2;
      shares.push({ transition: t, biggestDrop, x, y, width: g.shareWidth, height: g.shareHeight, drop: { x, y: barY + g.barHeight, width: g.shareWidth, height: g.dropRow } });
      if (biggestDrop) {
        const next = stages[at.i + 1];
        // Across the boundary into the next column, unless that column has a banner of its own.
        const end = next && !losers.has(next.id) ? next.x + next.width : edge;
        banners.push({ transition: t, x: at.s.x + g.padX, y: barY + g.barHeight + g.dropRow, width: end - at.s.x - 2 * g.padX, height: g.bannerRow });
      }
    }
  }
  const linesTop = top + g.padY + funnelHeight(plan);
  const lines: MetricLineBox[] = [];
  const empty: (Box & { stageId: string })[] = [];
  for (const s of stages) {
    const list = plan.byStage.get(s.id) ?? [];
    if (list.length === 0) empty.push({ stageId: s.id, x: s.x + g.padX, y: linesTop, width: s.width - 2 * g.padX, height: g.lineHeight });
    list.forEach((m, i) => lines.push({ metricId: m.id, stageId: s.id, x: s.x + g.padX, y: linesTop + i * g.lineHeight, width: s.width - 2 * g.padX, height: g.lineHeight }));
  }
  return { laneId, funnel, bars, shares, banners, lines, empty };
}
