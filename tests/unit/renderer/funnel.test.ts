import { describe, expect, it } from 'vitest';
import type { Metric } from '../../../electron/api/types.ts';
import {
  biggestDropText,
  computeFunnel,
  formatChange,
  formatMetric,
  formatNumber,
  formatPercent,
  formatProvenance,
  formatValue,
  funnelMetricName,
  isCountMetric,
  notANumber,
  parseMetricValue,
  transitionFrom,
  transitionSentence,
} from '../../../renderer/src/store/funnel.ts';

let seq = 0;
const metric = (stageId: string, value: number, extra: Partial<Metric> = {}): Metric => ({
  id: `m${String(++seq).padStart(3, '0')}`,
  mapId: 'map',
  stageId,
  name: 'entered stage',
  value,
  unit: 'customers',
  source: '',
  measuredAt: null,
  ...extra,
});

const STAGES = ['a', 'b', 'c', 'd'];
const NAMES: Record<string, string> = { a: 'Discover', b: 'Sign up', c: 'Checkout', d: 'Delivery' };
const name = (id: string) => NAMES[id] ?? id;

describe('funnel arithmetic', () => {
  it('gives the share that continues, the drop-off and the stage that loses the most', () => {
    const f = computeFunnel(STAGES, [metric('a', 2000), metric('b', 1200), metric('c', 700), metric('d', 650)]);
    expect(f?.steps.map((s) => s.value)).toEqual([2000, 1200, 700, 650]);
    expect(f?.max).toBe(2000);
    const [ab, bc, cd] = f?.transitions ?? [];
    expect(ab).toMatchObject({ fromStageId: 'a', toStageId: 'b', share: 0.6, drop: 800, skipped: [] });
    expect(ab?.dropShare).toBeCloseTo(0.4);
    expect(bc?.share).toBeCloseTo(700 / 1200);
    expect(bc?.drop).toBe(500);
    expect(cd?.drop).toBe(50);
    // The most customers are lost between Discover and Sign up (800), not where the share falls most.
    expect(f?.biggestDrops).toEqual([ab]);
    expect(biggestDropText(f, name)).toBe('Biggest drop: Discover −40 % (2,000 → 1,200)');
  });

  it('words the example of the issue as it asks', () => {
    const g = computeFunnel(['c', 'd'], [metric('c', 1200), metric('d', 700)]);
    expect(biggestDropText(g, name)).toBe('Biggest drop: Checkout −42 % (1,200 → 700)');
  });

  it('is no funnel with fewer than two measured stages', () => {
    expect(computeFunnel(STAGES, [])).toBeNull();
    expect(computeFunnel(STAGES, [metric('b', 500)])).toBeNull();
    expect(funnelMetricName(STAGES, [metric('b', 500)])).toBeNull();
    expect(computeFunnel(['a'], [metric('a', 500)])).toBeNull();
  });

  it('goes past a stage without a count, naming it', () => {
    const f = computeFunnel(STAGES, [metric('a', 1000), metric('c', 400), metric('d', 300)]);
    expect(f?.transitions.map((t) => [t.fromStageId, t.toStageId, t.skipped])).toEqual([
      ['a', 'c', ['b']],
      ['c', 'd', []],
    ]);
    expect(transitionSentence(f?.transitions[0] as NonNullable<typeof f>['transitions'][number], name)).toBe('40 % continue to Checkout (400 of 1,000; −600, past Sign up)');
    expect(transitionFrom(f, 'b')).toBeUndefined();
    expect(transitionFrom(f, 'c')?.toStageId).toBe('d');
  });

  it('keeps a stage with zero: nobody continues from it, and nothing is divided by it', () => {
    const f = computeFunnel(STAGES, [metric('a', 300), metric('b', 0), metric('c', 0), metric('d', 20)]);
    const [ab, bc, cd] = f?.transitions ?? [];
    expect(ab).toMatchObject({ share: 0, dropShare: 1, drop: 300 });
    expect(bc).toMatchObject({ share: null, dropShare: null, drop: 0 });
    expect(cd).toMatchObject({ share: null, dropShare: null, drop: -20 });
    expect(formatChange(ab as never)).toBe('−100 %');
    expect(formatChange(bc as never)).toBe('±0');
    expect(formatChange(cd as never)).toBe('from 0');
    expect(transitionSentence(cd as never, name)).toBe('20 reach Delivery from none here');
    expect(f?.biggestDrops).toEqual([ab]);
  });

  it('shows growth above 100 % and never calls it a drop', () => {
    const f = computeFunnel(STAGES, [metric('a', 400), metric('b', 500)]);
    const t = f?.transitions[0];
    expect(t?.share).toBe(1.25);
    expect(t?.drop).toBe(-100);
    expect(t?.dropShare).toBeCloseTo(-0.25);
    expect(formatChange(t as never)).toBe('+25 %');
    expect(transitionSentence(t as never, name)).toBe('125 % continue to Sign up (500 of 400; +100)');
    expect(f?.biggestDrops).toEqual([]);
    expect(biggestDropText(f, name)).toBeNull();
  });

  it('marks every transition that ties for the biggest drop', () => {
    const f = computeFunnel(STAGES, [metric('a', 1000), metric('b', 600), metric('c', 200), metric('d', 150)]);
    expect(f?.biggestDrops.map((t) => t.fromStageId)).toEqual(['a', 'b']);
    expect(biggestDropText(f, name)).toBe('Biggest drops (tied, 400 each): Discover −40 % (1,000 → 600); Sign up −67 % (600 → 200)');
  });

  it('ignores negative values and metrics that are not counts', () => {
    const metrics = [
      metric('a', 900),
      metric('b', -5),
      metric('c', 300),
      metric('a', 40, { name: 'NPS', unit: '' }),
      metric('b', 42, { name: 'NPS', unit: '' }),
      metric('a', 12.5, { name: 'share of visits', unit: '%' }),
      metric('b', 10, { name: 'share of visits', unit: '%' }),
    ];
    const f = computeFunnel(STAGES, metrics);
    expect(f?.name).toBe('entered stage');
    expect(f?.steps.map((s) => s.stageId)).toEqual(['a', 'c']);
    expect(isCountMetric({ name: 'NPS', unit: '', value: 40 })).toBe(false);
    expect(isCountMetric({ name: 'visits', unit: '%', value: 40 })).toBe(false);
    expect(isCountMetric({ name: 'orders', unit: '', value: Number.NaN })).toBe(false);
    expect(isCountMetric({ name: 'orders', unit: ' Users ', value: 4 })).toBe(true);
    // Only scores and percentages measured at several stages: no funnel.
    expect(computeFunnel(STAGES, metrics.slice(3))).toBeNull();
  });

  it('picks "entered stage" first, else the count measured at the most stages', () => {
    const sessions = [metric('a', 10, { name: 'sessions', unit: '' }), metric('b', 8, { name: 'sessions', unit: '' }), metric('c', 5, { name: 'sessions', unit: '' })];
    const orders = [metric('c', 3, { name: 'orders', unit: 'orders' }), metric('d', 2, { name: 'orders', unit: 'orders' })];
    expect(funnelMetricName(STAGES, [...orders, ...sessions])).toBe('sessions');
    expect(funnelMetricName(STAGES, [...orders, ...sessions, metric('a', 5, { name: 'Entered  Stage' }), metric('d', 2)])).toBe('Entered  Stage');
    // A tie in stages goes to the first name in alphabetical order.
    expect(funnelMetricName(STAGES, [...orders, metric('a', 3, { name: 'leads', unit: '' }), metric('b', 2, { name: 'leads', unit: '' })])).toBe('leads');
    // Metrics of stages that are not on the map do not count.
    expect(funnelMetricName(['c'], orders)).toBeNull();
  });

  it('uses the newest measurement when a stage has the same count twice', () => {
    const f = computeFunnel(STAGES, [metric('a', 100, { measuredAt: '2026-01-01' }), metric('a', 200, { measuredAt: '2026-02-01' }), metric('a', 50), metric('b', 100)]);
    expect(f?.steps[0]?.value).toBe(200);
  });
});

describe('metric wording', () => {
  it('formats values with their units', () => {
    expect(formatValue({ value: 1200, unit: 'customers' })).toBe('1,200 customers');
    expect(formatValue({ value: 12.5, unit: '%' })).toBe('12.5 %');
    expect(formatMetric({ name: 'NPS', value: 42, unit: '' })).toBe('NPS 42');
    expect(formatNumber(-3.14159)).toBe('−3.14');
    expect(formatProvenance({ source: 'Web analytics', measuredAt: '2026-10-31' })).toBe('Web analytics, 2026-10-31');
    expect(formatProvenance({ source: ' ', measuredAt: null })).toBe('');
  });

  it('formats shares as percentages', () => {
    expect(formatPercent(0.583)).toBe('58 %');
    expect(formatPercent(0.052)).toBe('5.2 %');
    expect(formatPercent(0.05)).toBe('5 %');
    expect(formatPercent(0)).toBe('0 %');
    expect(formatPercent(-0.5)).toBe('−50 %');
  });
});

describe('reading a typed value', () => {
  it('takes numbers as people type them', () => {
    expect(parseMetricValue('1200')).toBe(1200);
    expect(parseMetricValue(' 1,200 ')).toBe(1200);
    expect(parseMetricValue('1,234,567.5')).toBe(1234567.5);
    expect(parseMetricValue('12.5')).toBe(12.5);
    expect(parseMetricValue('.5')).toBe(0.5);
    expect(parseMetricValue('-3')).toBe(-3);
    expect(parseMetricValue('−3')).toBe(-3);
    expect(parseMetricValue('+4')).toBe(4);
    expect(parseMetricValue('0')).toBe(0);
  });

  it('refuses what is not a number, saying so', () => {
    for (const bad of ['', ' ', 'abc', '12a', '1,20', '12.5.1', '1e5', '-', '.', '1 200', 'NaN', 'Infinity', '9'.repeat(400)]) expect(parseMetricValue(bad), bad).toBeNull();
    expect(notANumber('abc')).toBe('"abc" is not a number. Type digits, like 1200, 1,200 or 12.5.');
    expect(notANumber('  ')).toBe('Enter a value: a number, like 1200 or 12.5.');
  });
});
