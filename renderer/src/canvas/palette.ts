import type { LaneKind } from '../../../electron/api/types.ts';

export const PALETTE = {
  ink: '#1d2433',
  muted: '#5d6778',
  line: '#d9dee7',
  paper: '#ffffff',
  header: '#f3f5f9',
  headerActive: '#e4ecfb',
  canvas: '#f4f6f9',
  accent: '#2f6fdb',
  selection: 'rgba(47, 111, 219, 0.12)',
  dropTarget: 'rgba(47, 111, 219, 0.10)',
} as const;

/** Card fill per lane kind (a card's own colour wins). */
export const CARD_FILL: Record<LaneKind, string> = {
  text: '#fff6c7',
  touchpoints: '#e3edfd',
  emotion: '#ffffff',
  pains: '#fde2e1',
  opportunities: '#dff5e3',
  evidence: '#f1ecff',
  metrics: '#ffffff',
  owners: '#ffffff',
  backstage: '#ece8f7',
  images: '#ffffff',
};

/** Lane background tint per kind, so a row reads as what it is at a glance. */
export const LANE_TINT: Partial<Record<LaneKind, string>> = {
  pains: '#fffafa',
  opportunities: '#fafffb',
  emotion: '#fcfdff',
  backstage: '#fcfbff',
};

/** Red through amber to green across the emotion scale. */
export function emotionColor(score: number, min: number, max: number): string {
  const t = (score - min) / (max - min || 1);
  const stops = [
    [214, 69, 65],
    [240, 173, 78],
    [92, 184, 92],
  ] as const;
  const [a, b, u] = t < 0.5 ? [stops[0], stops[1], t * 2] : [stops[1], stops[2], (t - 0.5) * 2];
  const mix = (i: 0 | 1 | 2) => Math.round(a[i] + (b[i] - a[i]) * u);
  return `rgb(${mix(0)}, ${mix(1)}, ${mix(2)})`;
}

export const EMOTION_FACE: Record<'neg' | 'neutral' | 'pos', string> = { neg: '☹', neutral: '😐', pos: '☺' };
