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

/**
 * The word in a lane's title that already says its kind ("Pain points" of kind pains): then the kind is not
 * repeated under the title. Notes (text lanes) are the plain kind and are never named.
 */
const KIND_WORDS: Record<LaneKind, string | null> = {
  text: null,
  touchpoints: 'touchpoint',
  emotion: 'emotion',
  pains: 'pain',
  opportunities: 'opportunit',
  evidence: 'evidence',
  metrics: 'metric',
  owners: 'owner',
  backstage: 'backstage',
  images: 'image',
};

/** What to show under a lane's title: its kind, only when that adds something to the title ('' when not). */
export function laneSubtitle(lane: { title: string; kind: LaneKind }): string {
  const word = KIND_WORDS[lane.kind];
  if (word === null) return '';
  const title = lane.title.toLowerCase().replace(/[\s-]+/g, '');
  return title.includes(word) ? '' : LANE_KIND_NAMES[lane.kind];
}

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

/** An emotion score as the canvas and the inspector show it: "+1", "0", "−2". */
export function formatScore(score: number): string {
  return score > 0 ? `+${score}` : score < 0 ? `−${-score}` : '0';
}

/** "1 quote", "12,345 quotes": a count with its noun, singular for one. */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** The first words of a text, for names and messages ("“I waited a whole week…”"). */
export function firstWords(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/** A YYYY-MM-DD day as the person's locale writes it ("31 Mar 2026"); '' for none. */
export function dayText(day: string | null, locale?: string): string {
  if (!day) return '';
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : date.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}
