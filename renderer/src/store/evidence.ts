/**
 * The evidence behind a map, read from its model: how many quotes back each stage and card, what they say
 * on average (their mean sentiment, put on the map's emotion scale), and where that disagrees with the
 * team's emotion curve or is missing altogether — from the totals the workspace counts (MapEvidence) — and
 * each stage's newest quotes as the evidence lane shows them. Pure functions of plain records, cached per
 * collection object (like cardsByCell), so the canvas, the table and the inspector share one computation.
 */
import { SENTIMENT, type EmotionPoint, type Interview, type JourneyMap, type Lane, type Quote, type QuoteHit, type QuoteLink } from '../../../electron/api/types.ts';
import { formatScore } from '../labels.ts';
import { emotionAt, ordered, type EvidenceTotals } from './mapModel.ts';

/** What a stage's evidence says about the team's emotion curve there. */
export type EvidenceFlag = 'no-evidence' | 'differs' | null;

export interface StageEvidence {
  stageId: string;
  /** Distinct quotes linked to the stage (on the stage or on one of its cards). */
  quoteCount: number;
  /** Quotes with a sentiment: the mean's n. */
  n: number;
  /** Mean sentiment on the quote scale (−2..+2); null when no quote has one. */
  meanSentiment: number | null;
  /** The mean put on the map's emotion scale; null when no quote has a sentiment. */
  mapped: number | null;
}

/** Sentiment (−2..+2) onto the map's emotion scale (min..max), linearly: −2 → min, +2 → max. */
export function sentimentOnScale(sentiment: number, min: number, max: number): number {
  return min + ((sentiment - SENTIMENT.min) / (SENTIMENT.max - SENTIMENT.min)) * (max - min);
}

/** A score in words, rounded to a tenth where it is not whole ("+2", "−1.5"). */
export function formatMean(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return formatScore(rounded === 0 ? 0 : rounded);
}

interface EvidenceInput {
  map: Pick<JourneyMap, 'emotionMin' | 'emotionMax'>;
  evidence: EvidenceTotals;
}

interface Cached<K, V> {
  key: K;
  value: V;
}

const stageCache = new WeakMap<object, Cached<[number, number], ReadonlyMap<string, StageEvidence>>>();

/** Per stage with at least one linked quote: its count, and its mean sentiment with n (both scales). */
export function stageEvidence(model: EvidenceInput): ReadonlyMap<string, StageEvidence> {
  const { evidence, map } = model;
  const hit = stageCache.get(evidence);
  if (hit && hit.key[0] === map.emotionMin && hit.key[1] === map.emotionMax) return hit.value;
  const out = new Map<string, StageEvidence>();
  for (const total of evidence.stages.values()) {
    const n = total.sentimentCount;
    const meanSentiment = n > 0 ? total.sentimentSum / n : null;
    const mapped = meanSentiment === null ? null : sentimentOnScale(meanSentiment, map.emotionMin, map.emotionMax);
    out.set(total.stageId, { stageId: total.stageId, quoteCount: total.quoteCount, n, meanSentiment, mapped });
  }
  stageCache.set(evidence, { key: [map.emotionMin, map.emotionMax], value: out });
  return out;
}

/** The flag of one stage: no quotes at all, or a mean a whole point (of the map's scale) or more from the team's score. */
export function evidenceFlag(evidence: StageEvidence | undefined, teamScore: number | null): EvidenceFlag {
  if (!evidence || evidence.quoteCount === 0) return 'no-evidence';
  if (teamScore !== null && evidence.mapped !== null && Math.abs(teamScore - evidence.mapped) >= 1 - 1e-9) return 'differs';
  return null;
}

/** The flag in words, for tooltips, the table and screen readers. */
export function flagWords(flag: EvidenceFlag, evidence: StageEvidence | undefined, teamScore: number | null): string {
  if (flag === 'no-evidence') return 'No evidence yet';
  if (flag === 'differs' && evidence?.mapped != null && teamScore !== null) {
    return `Workshop says ${formatScore(teamScore)}, evidence says ${formatMean(evidence.mapped)} (n=${evidence.n})`;
  }
  return '';
}

export interface StageFlag {
  flag: EvidenceFlag;
  /** The team's score the flag compares with (on the first emotion lane), if set. */
  teamScore: number | null;
  words: string;
}

const flagCache = new WeakMap<object, Cached<[object, object, object], ReadonlyMap<string, StageFlag>>>();

/**
 * Every stage's flag, against the team's curve on the map's first emotion lane (no emotion lane: only
 * stages without evidence are flagged).
 */
export function stageFlags(
  model: EvidenceInput & { stages: Readonly<Record<string, { id: string; position: string }>>; lanes: Readonly<Record<string, Lane>>; emotions: Readonly<Record<string, EmotionPoint>> },
): ReadonlyMap<string, StageFlag> {
  const evidence = stageEvidence(model);
  const hit = flagCache.get(evidence);
  if (hit && hit.key[0] === model.stages && hit.key[1] === model.lanes && hit.key[2] === model.emotions) return hit.value;
  const lane = ordered(model.lanes).find((l) => l.kind === 'emotion');
  const out = new Map<string, StageFlag>();
  for (const stage of Object.values(model.stages)) {
    const e = evidence.get(stage.id);
    const teamScore = lane ? (emotionAt(model.emotions, lane.id, stage.id)?.score ?? null) : null;
    const flag = evidenceFlag(e, teamScore);
    out.set(stage.id, { flag, teamScore, words: flagWords(flag, e, teamScore) });
  }
  flagCache.set(evidence, { key: [model.stages, model.lanes, model.emotions], value: out });
  return out;
}

/** Per card with links: how many distinct quotes it links. */
export const cardQuoteCounts = (model: { evidence: EvidenceTotals }): ReadonlyMap<string, number> => model.evidence.cards;

/** A quote as the map shows it: where it is linked, who said it, and its newest link here. */
export interface PlacedQuote {
  quote: Quote;
  /** The links of this quote at the place asked for (a stage: on it and on its cards; a card: on it). */
  links: readonly QuoteLink[];
  /** Who said it: the quote's speaker, else its interview's participant, else its interview's title. */
  who: string;
}

const whoSaid = (quote: Quote, interviews: Readonly<Record<string, Interview>>): string => {
  const interview = interviews[quote.interviewId];
  return quote.speaker || interview?.participant || interview?.title || 'Unknown';
};

/** Newest first: by the order the quotes came into the workspace (`seq`, highest first), as the quote board lists them. */
const newestFirst = (a: PlacedQuote, b: PlacedQuote): number => b.quote.seq - a.quote.seq;

const placedCache = new WeakMap<object, Cached<[object, object], ReadonlyMap<string, readonly PlacedQuote[]>>>();

/**
 * The quotes placed on each stage (key `stage:<id>`) and card (key `card:<id>`), newest first, each once.
 * A quote whose record is not here (not yet arrived) is left out until it is.
 */
export function placedQuotes(model: { quoteLinks: Readonly<Record<string, QuoteLink>>; quotes: Readonly<Record<string, Quote>>; interviews: Readonly<Record<string, Interview>> }): ReadonlyMap<string, readonly PlacedQuote[]> {
  const hit = placedCache.get(model.quoteLinks);
  if (hit && hit.key[0] === model.quotes && hit.key[1] === model.interviews) return hit.value;
  const groups = new Map<string, Map<string, QuoteLink[]>>();
  const add = (key: string, link: QuoteLink) => {
    let group = groups.get(key);
    if (!group) groups.set(key, (group = new Map<string, QuoteLink[]>()));
    const list = group.get(link.quoteId);
    if (list) list.push(link);
    else group.set(link.quoteId, [link]);
  };
  for (const link of Object.values(model.quoteLinks)) {
    add(`stage:${link.stageId}`, link);
    if (link.cardId !== null) add(`card:${link.cardId}`, link);
  }
  const out = new Map<string, PlacedQuote[]>();
  for (const [key, group] of groups) {
    const list: PlacedQuote[] = [];
    for (const [quoteId, links] of group) {
      const quote = model.quotes[quoteId];
      if (quote) list.push({ quote, links, who: whoSaid(quote, model.interviews) });
    }
    out.set(key, list.sort(newestFirst));
  }
  placedCache.set(model.quoteLinks, { key: [model.quotes, model.interviews], value: out });
  return out;
}

const NONE: readonly PlacedQuote[] = [];
const shownCache = new WeakMap<object, Map<string, readonly PlacedQuote[]>>();

/** The lists cut from one `placedQuotes` result, by `${newest}:${stageId}`. */
function shownLists(placed: object): Map<string, readonly PlacedQuote[]> {
  let lists = shownCache.get(placed);
  if (!lists) {
    lists = new Map<string, readonly PlacedQuote[]>();
    shownCache.set(placed, lists);
  }
  return lists;
}

/**
 * A stage's newest quotes as the model holds them (at most `evidence.newest`), newest first: what the
 * evidence lane and the table show. The stage's total is in stageEvidence; the rest are read on demand.
 */
export function stageQuotes(model: Parameters<typeof placedQuotes>[0] & { evidence: EvidenceTotals }, stageId: string): readonly PlacedQuote[] {
  const placed = placedQuotes(model);
  const lists = shownLists(placed);
  const key = `${model.evidence.newest}:${stageId}`;
  let list = lists.get(key);
  if (!list) lists.set(key, (list = (placed.get(`stage:${stageId}`) ?? NONE).slice(0, model.evidence.newest)));
  return list;
}

/** Who said a quote the quote board found: its speaker, else the participant, else the interview's title. */
export const whoSaidHit = (hit: Pick<QuoteHit, 'quote' | 'participant' | 'interviewTitle'>): string => hit.quote.speaker || hit.participant || hit.interviewTitle || 'Unknown';

/** "1 quote", "3 quotes". */
export const quoteCountWords = (n: number): string => (n === 1 ? '1 quote' : `${n} quotes`);

