/**
 * The funnel: for a count metric measured at several stages (customers entering each stage), the share that
 * continues from one measured stage to the next, what is lost on the way, and the step that loses the most.
 * Pure arithmetic and wording over Metric records; the layout, the canvas and the table all read it.
 */
import type { Metric } from '../../../electron/api/types.ts';

/** Names offered when a metric is named (any other name is fine too). */
export const COMMON_METRIC_NAMES = ['entered stage', 'conversion', 'NPS', 'CES', 'CSAT', 'time in stage'] as const;

/** Units offered for a metric; the ones that count people or things are COUNT_UNITS. */
export const COMMON_UNITS = ['customers', 'users', '%', 'points', 'of 7', 'of 10', 'min', 'days'] as const;

/** The metric a funnel is drawn from first, when it is there. */
export const FUNNEL_METRIC = 'entered stage';

const COUNT_UNITS: ReadonlySet<string> = new Set([
  '',
  '#',
  'count',
  'customer',
  'customers',
  'user',
  'users',
  'people',
  'person',
  'persons',
  'visitor',
  'visitors',
  'visit',
  'visits',
  'session',
  'sessions',
  'account',
  'accounts',
  'order',
  'orders',
  'lead',
  'leads',
  'sign-ups',
  'signups',
  'households',
]);

/** Scores and rates: never counts, whatever their unit says. */
const NOT_COUNTS: ReadonlySet<string> = new Set(['conversion', 'conversion rate', 'nps', 'ces', 'csat', 'time in stage', 'rate', 'share']);

const key = (text: string): string => text.trim().toLowerCase().replace(/\s+/g, ' ');

/** Whether a unit counts people or things (customers, users, orders … or no unit at all). */
export const isCountUnit = (unit: string): boolean => COUNT_UNITS.has(key(unit));

/** A metric a funnel can use: a count (by name and unit), a finite number, not negative. */
export function isCountMetric(m: Pick<Metric, 'name' | 'unit' | 'value'>): boolean {
  return isCountUnit(m.unit) && !NOT_COUNTS.has(key(m.name)) && Number.isFinite(m.value) && m.value >= 0;
}

export interface FunnelStep {
  stageId: string;
  metricId: string;
  value: number;
}

export interface FunnelTransition {
  fromStageId: string;
  toStageId: string;
  from: number;
  to: number;
  /** to / from: the share that continues (above 1 when more arrive than were there); null when `from` is 0. */
  share: number | null;
  /** from − to: how many are lost (negative when the count grows). */
  drop: number;
  /** 1 − share; null when `from` is 0. */
  dropShare: number | null;
  /** Stages between the two that have no count (the transition spans them). */
  skipped: readonly string[];
}

export interface Funnel {
  /** The metric's name as the first step spells it. */
  name: string;
  unit: string;
  /** The measured stages, in stage order. */
  steps: readonly FunnelStep[];
  transitions: readonly FunnelTransition[];
  /** The transitions that lose the most (several when tied); empty when no count falls. */
  biggestDrops: readonly FunnelTransition[];
  /** The largest count, for bars in proportion. */
  max: number;
}

/** The newest measurement wins when a stage holds the same metric twice (then the first by id). */
function newer(a: Metric, b: Metric): Metric {
  const da = a.measuredAt ?? '';
  const db = b.measuredAt ?? '';
  if (da !== db) return da > db ? a : b;
  return a.id <= b.id ? a : b;
}

/** The count metric of each stage named `name` (case and spacing ignored). */
function countsByStage(metrics: readonly Metric[], name: string): Map<string, Metric> {
  const wanted = key(name);
  const out = new Map<string, Metric>();
  for (const m of metrics) {
    if (key(m.name) !== wanted || !isCountMetric(m)) continue;
    const had = out.get(m.stageId);
    out.set(m.stageId, had ? newer(had, m) : m);
  }
  return out;
}

/**
 * The metric the funnel is drawn from: "entered stage" when it is a count at two stages or more, else the
 * count metric measured at the most stages (two at least; ties go to the first name in alphabetical order).
 */
export function funnelMetricName(stageIds: readonly string[], metrics: readonly Metric[]): string | null {
  const stages = new Set(stageIds);
  const where = new Map<string, { name: string; stages: Set<string> }>();
  for (const m of metrics) {
    if (!stages.has(m.stageId) || !isCountMetric(m)) continue;
    const k = key(m.name);
    const entry = where.get(k) ?? { name: m.name.trim(), stages: new Set<string>() };
    entry.stages.add(m.stageId);
    where.set(k, entry);
  }
  const preferred = where.get(FUNNEL_METRIC);
  if (preferred && preferred.stages.size >= 2) return preferred.name;
  let best: { name: string; n: number; k: string } | null = null;
  for (const [k, entry] of where) {
    const n = entry.stages.size;
    if (n < 2) continue;
    if (!best || n > best.n || (n === best.n && k < best.k)) best = { name: entry.name, n, k };
  }
  return best?.name ?? null;
}

/**
 * The funnel of one count metric across the stages (in order). Stages without the count are skipped: each
 * transition goes from one measured stage to the next measured one. Null when fewer than two stages have it.
 */
export function computeFunnel(stageIds: readonly string[], metrics: readonly Metric[], name = funnelMetricName(stageIds, metrics)): Funnel | null {
  if (name === null) return null;
  const counts = countsByStage(metrics, name);
  const steps: FunnelStep[] = [];
  const gaps: string[][] = [[]];
  for (const stageId of stageIds) {
    const m = counts.get(stageId);
    if (m) {
      steps.push({ stageId, metricId: m.id, value: m.value });
      gaps.push([]);
    } else gaps.at(-1)?.push(stageId);
  }
  if (steps.length < 2) return null;
  const transitions: FunnelTransition[] = [];
  for (let i = 0; i + 1 < steps.length; i++) {
    const a = steps[i] as FunnelStep;
    const b = steps[i + 1] as FunnelStep;
    const share = a.value > 0 ? b.value / a.value : null;
    transitions.push({
      fromStageId: a.stageId,
      toStageId: b.stageId,
      from: a.value,
      to: b.value,
      share,
      drop: a.value - b.value,
      dropShare: share === null ? null : 1 - share,
      skipped: gaps[i + 1] ?? [],
    });
  }
  const most = Math.max(...transitions.map((t) => t.drop));
  const first = steps[0] as FunnelStep;
  return {
    name: name.trim(),
    unit: counts.get(first.stageId)?.unit ?? '',
    steps,
    transitions,
    biggestDrops: most > 0 ? transitions.filter((t) => t.drop === most) : [],
    max: Math.max(...steps.map((s) => s.value)),
  };
}

/** The transition that leaves a stage, if the funnel has one. */
export const transitionFrom = (funnel: Funnel | null, stageId: string): FunnelTransition | undefined => funnel?.transitions.find((t) => t.fromStageId === stageId);

export const isBiggestDrop = (funnel: Funnel | null, t: FunnelTransition): boolean => funnel?.biggestDrops.includes(t) ?? false;

// ---- Wording -------------------------------------------------------------------------------------------

const MINUS = '\u2212';
const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** 1200 → "1,200"; −3 → "−3" (a real minus sign). */
export function formatNumber(value: number): string {
  const text = numberFormat.format(Math.abs(value));
  return value < 0 ? `${MINUS}${text}` : text;
}

/** A metric's value with its unit: "1,200 customers", "12.5 %", "42". */
export function formatValue(m: Pick<Metric, 'value' | 'unit'>): string {
  const unit = m.unit.trim();
  return unit === '' ? formatNumber(m.value) : `${formatNumber(m.value)} ${unit}`;
}

/** A metric as one line of text: "entered stage 1,200 customers", "NPS 42". */
export const formatMetric = (m: Pick<Metric, 'name' | 'value' | 'unit'>): string => `${m.name} ${formatValue(m)}`;

/** Where and when a metric was measured, for a tooltip: "Web analytics, 2026-10-31"; '' when neither is known. */
export const formatProvenance = (m: Pick<Metric, 'source' | 'measuredAt'>): string => [m.source.trim(), m.measuredAt ?? ''].filter(Boolean).join(', ');

/** A ratio as a percentage: 0.583 → "58 %", 0.052 → "5.2 %", 1.25 → "125 %". */
export function formatPercent(ratio: number): string {
  const pct = Math.abs(ratio * 100);
  const digits = pct !== 0 && pct < 10 && Math.round(pct) !== pct ? 1 : 0;
  const text = `${pct.toFixed(digits)} %`;
  return ratio < 0 && text !== `${(0).toFixed(digits)} %` ? `${MINUS}${text}` : text;
}

/** The change over a transition: "−42 %", "+12 %", "±0 %"; "from 0" when there was nobody to lose. */
export function formatChange(t: FunnelTransition): string {
  if (t.dropShare === null) return t.to === 0 ? '±0' : 'from 0';
  if (t.drop === 0) return '±0 %';
  return `${t.drop > 0 ? MINUS : '+'}${formatPercent(Math.abs(t.dropShare))}`;
}

/** The share that continues: "58 % continue", or how many came when there was nobody before. */
export function formatShare(t: FunnelTransition): string {
  return t.share === null ? `${formatNumber(t.to)} from none` : `${formatPercent(t.share)} continue`;
}

/** How many are lost (or gained): "−500", "+80", "±0". */
export const formatDrop = (t: FunnelTransition): string => (t.drop === 0 ? '±0' : t.drop > 0 ? `${MINUS}${formatNumber(t.drop)}` : `+${formatNumber(-t.drop)}`);

/** "Checkout −42 % (1,200 → 700)". */
export const formatTransition = (t: FunnelTransition, stageName: (id: string) => string): string =>
  `${stageName(t.fromStageId)} ${formatChange(t)} (${formatNumber(t.from)} → ${formatNumber(t.to)})`;

/** "Biggest drop: Checkout −42 % (1,200 → 700)", or, when tied, each of them; null when nothing falls. */
export function biggestDropText(funnel: Funnel | null, stageName: (id: string) => string): string | null {
  const drops = funnel?.biggestDrops ?? [];
  if (drops.length === 0) return null;
  const label = drops.length === 1 ? 'Biggest drop' : `Biggest drops (tied, ${formatNumber(drops[0]?.drop ?? 0)} each)`;
  return `${label}: ${drops.map((t) => formatTransition(t, stageName)).join('; ')}`;
}

/** A sentence about one transition, for the table and the inspector: "58 % continue to Payment (700 of 1,200; −500)". */
export function transitionSentence(t: FunnelTransition, stageName: (id: string) => string): string {
  const over = t.skipped.length > 0 ? `, past ${t.skipped.map(stageName).join(', ')}` : '';
  if (t.share === null) return `${formatNumber(t.to)} reach ${stageName(t.toStageId)} from none here${over}`;
  return `${formatShare(t)} to ${stageName(t.toStageId)} (${formatNumber(t.to)} of ${formatNumber(t.from)}; ${formatDrop(t)}${over})`;
}

// ---- Reading what a person typed -----------------------------------------------------------------------

/**
 * A number as a person types it: "1200", "1,200", "12.5", "-3", "−3", "+4", ".5". Null for anything else
 * (letters, "12.5.1", "1,20", an empty field, a number too large to hold).
 */
export function parseMetricValue(text: string): number | null {
  const t = text.trim().replace(/^\u2212/, '-');
  if (!/^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/.test(t) || !/\d/.test(t)) return null;
  const value = Number(t.replace(/,/g, ''));
  return Number.isFinite(value) ? value : null;
}

/** What to say when a value is not a number. */
export const notANumber = (text: string): string =>
  text.trim() === '' ? 'Enter a value: a number, like 1200 or 12.5.' : `"${text.trim()}" is not a number. Type digits, like 1200, 1,200 or 12.5.`;

/** The unit a metric usually has, so a person who picks a common name gets it filled in. */
export const USUAL_UNIT: Readonly<Record<string, string>> = {
  'entered stage': 'customers',
  conversion: '%',
  nps: '',
  ces: 'of 7',
  csat: '%',
  'time in stage': 'days',
};
