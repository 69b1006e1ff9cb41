import type { Channel, EvidenceStatus, LaneKind } from '../../electron/api/types.ts';

export const LANE_KIND_NAMES: Record<LaneKind, string> = {
  text: 'Notes',
  touchpoints: 'Touchpoints',
  emotion: 'Emotion curve',
  pains: 'Pain points',
  opportunities: 'Opportunities',
  evidence: 'Evidence',
  metrics: 'Metrics',
  owners: 'Owners',
  backstage: 'Backstage',
  images: 'Images',
};

export const CHANNEL_NAMES: Record<Channel, string> = {
  web: 'Web',
  app: 'App',
  email: 'Email',
  phone: 'Phone',
  store: 'Store',
  chat: 'Chat',
  social: 'Social',
  mail: 'Mail',
  other: 'Other',
};

export const EVIDENCE_NAMES: Record<EvidenceStatus, string> = {
  assumed: 'Assumed',
  observed: 'Observed',
  proposed: 'Proposed',
};

/** Words for emotion scores on the default scale; other scores are shown as numbers. */
export function emotionWord(score: number, min: number, max: number): string {
  if (score === 0) return 'Neutral';
  if (score === min) return 'Very negative';
  if (score === max) return 'Very positive';
  return score < 0 ? 'Negative' : 'Positive';
}

/** A short, single-line version of a card's text, for accessible names. */
export function snippet(text: string, max = 40): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line === '') return '(empty card)';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
