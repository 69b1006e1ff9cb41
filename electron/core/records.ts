/**
 * Rows to records: the one place that knows column names. Every mapper checks each column's type and
 * fails loudly (naming the table, the row and the column) on a row that is not what the schema promises,
 * rather than passing a wrong value on as if it were right.
 */
import {
  CHANNELS,
  EVIDENCE_STATUSES,
  INTERVIEW_FORMATS,
  INTERVIEW_METHODS,
  LANE_KINDS,
  type Card,
  type Channel,
  type EmotionPoint,
  type EvidenceStatus,
  type Interview,
  type InterviewFormat,
  type InterviewMethod,
  type JourneyMap,
  type Lane,
  type LaneKind,
  type MapVersion,
  type Metric,
  type Persona,
  type Quote,
  type QuoteLink,
  type Stage,
  type Tag,
} from '../api/types.ts';
import type { Db } from './database.ts';

export interface Ctx {
  db: Db;
  now: () => Date;
}

export type Row = Record<string, unknown>;

/** A row that breaks the schema's promises: a damaged or hand-edited file, or a bug. Never shown as data. */
export class BadRow extends Error {
  constructor(table: string, row: Row, column: string, expected: string) {
    const id = typeof row.id === 'string' ? ` "${row.id}"` : '';
    super(`Bad row in ${table}${id}: ${column} should be ${expected}, but is ${column in row ? JSON.stringify(row[column]) : 'missing'}.`);
    this.name = 'BadRow';
  }
}

/** Typed column readers for one table's rows. */
function reader(table: string) {
  const text = (r: Row, c: string): string => {
    const v = r[c];
    if (typeof v !== 'string') throw new BadRow(table, r, c, 'text');
    return v;
  };
  const textOrNull = (r: Row, c: string): string | null => (r[c] === null ? null : text(r, c));
  const number = (r: Row, c: string): number => {
    const v = r[c];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new BadRow(table, r, c, 'a number');
    return v;
  };
  const numberOrNull = (r: Row, c: string): number | null => (r[c] === null ? null : number(r, c));
  const integer = (r: Row, c: string): number => {
    const v = number(r, c);
    if (!Number.isInteger(v)) throw new BadRow(table, r, c, 'a whole number');
    return v;
  };
  const integerOrNull = (r: Row, c: string): number | null => (r[c] === null ? null : integer(r, c));
  const flag = (r: Row, c: string): boolean => {
    const v = r[c];
    if (v !== 0 && v !== 1) throw new BadRow(table, r, c, '0 or 1');
    return v === 1;
  };
  const oneOf = <T extends string>(values: readonly T[]) => (r: Row, c: string): T => {
    const v = r[c];
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) throw new BadRow(table, r, c, `one of ${values.join(', ')}`);
    return v as T;
  };
  /** A JSON array of ids, as `json_group_array` makes it. */
  const ids = (r: Row, c: string): string[] => {
    const v = r[c];
    const parsed: unknown = typeof v === 'string' ? JSON.parse(v) : undefined;
    if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) throw new BadRow(table, r, c, 'a list of ids');
    return parsed;
  };
  return { text, textOrNull, number, numberOrNull, integer, integerOrNull, flag, oneOf, ids };
}

/** Column lists are selected from the table under its own name (a subquery refers to it). */
export const MAP_COLUMNS =
  'id, title, description, emotion_min, emotion_max, created_at, updated_at, (SELECT json_group_array(persona_id) FROM (SELECT persona_id FROM map_personas WHERE map_personas.map_id = maps.id ORDER BY position, persona_id)) AS persona_ids';
export const STAGE_COLUMNS = 'id, map_id, name, description, position, color, owner, goal, width';
export const LANE_COLUMNS = 'id, map_id, kind, title, position, height, collapsed';
export const CARD_COLUMNS = 'id, map_id, lane_id, stage_id, text, color, position, channel, votes, evidence';
export const EMOTION_COLUMNS = 'id, map_id, lane_id, stage_id, persona_id, score, label';
export const PERSONA_COLUMNS = 'id, name, role, quote, goals, needs, frustrations, color';
export const INTERVIEW_COLUMNS = 'id, title, participant, persona_id, held_on, method, format, created_at, updated_at';
/**
 * A quote's columns, read from `quotes` under the name `table` (e.g. an alias in a join). Without `tags`, the
 * tag list is left empty for the caller to fill in (many quotes at once: one query for all their tags).
 */
export const quoteColumnsOf = (table: string, tags = true): string =>
  `${['id', 'interview_id', 'text', 'start_offset', 'end_offset', 'sentiment', 'speaker', 'at_seconds', 'said_on', 'created_at'].map((c) => `${table}.${c}`).join(', ')}, ${table}.rowid AS seq, ` +
  (tags
    ? `(SELECT json_group_array(tag_id) FROM (SELECT qt.tag_id FROM quote_tags qt JOIN tags t ON t.id = qt.tag_id WHERE qt.quote_id = ${table}.id ORDER BY t.name COLLATE NOCASE, t.id)) AS tag_ids`
    : "'[]' AS tag_ids");
export const QUOTE_COLUMNS = quoteColumnsOf('quotes');
export const QUOTE_LINK_COLUMNS = 'id, quote_id, map_id, stage_id, card_id, created_at';
export const TAG_COLUMNS = 'id, name';
export const METRIC_COLUMNS = 'id, map_id, stage_id, name, value, unit, source, measured_at';
export const VERSION_COLUMNS = 'id, map_id, name, created_at';

const maps = reader('maps');
export const toMap = (r: Row): JourneyMap => ({
  id: maps.text(r, 'id'),
  title: maps.text(r, 'title'),
  description: maps.text(r, 'description'),
  emotionMin: maps.integer(r, 'emotion_min'),
  emotionMax: maps.integer(r, 'emotion_max'),
  personaIds: maps.ids(r, 'persona_ids'),
  createdAt: maps.text(r, 'created_at'),
  updatedAt: maps.text(r, 'updated_at'),
});

const stages = reader('stages');
export const toStage = (r: Row): Stage => ({
  id: stages.text(r, 'id'),
  mapId: stages.text(r, 'map_id'),
  name: stages.text(r, 'name'),
  description: stages.text(r, 'description'),
  position: stages.text(r, 'position'),
  color: stages.textOrNull(r, 'color'),
  owner: stages.text(r, 'owner'),
  goal: stages.text(r, 'goal'),
  width: stages.numberOrNull(r, 'width'),
});

const lanes = reader('lanes');
const laneKind = lanes.oneOf<LaneKind>(LANE_KINDS);
export const toLane = (r: Row): Lane => ({
  id: lanes.text(r, 'id'),
  mapId: lanes.text(r, 'map_id'),
  kind: laneKind(r, 'kind'),
  title: lanes.text(r, 'title'),
  position: lanes.text(r, 'position'),
  height: lanes.numberOrNull(r, 'height'),
  collapsed: lanes.flag(r, 'collapsed'),
});

const cards = reader('cards');
const channel = cards.oneOf<Channel>(CHANNELS);
const evidence = cards.oneOf<EvidenceStatus>(EVIDENCE_STATUSES);
export const toCard = (r: Row): Card => ({
  id: cards.text(r, 'id'),
  mapId: cards.text(r, 'map_id'),
  laneId: cards.text(r, 'lane_id'),
  stageId: cards.text(r, 'stage_id'),
  text: cards.text(r, 'text'),
  color: cards.textOrNull(r, 'color'),
  position: cards.text(r, 'position'),
  channel: r.channel === null ? null : channel(r, 'channel'),
  votes: cards.integer(r, 'votes'),
  evidence: evidence(r, 'evidence'),
});

const emotions = reader('emotion_points');
export const toEmotion = (r: Row): EmotionPoint => ({
  id: emotions.text(r, 'id'),
  mapId: emotions.text(r, 'map_id'),
  laneId: emotions.text(r, 'lane_id'),
  stageId: emotions.text(r, 'stage_id'),
  personaId: emotions.textOrNull(r, 'persona_id'),
  score: emotions.integer(r, 'score'),
  label: emotions.text(r, 'label'),
});

const personas = reader('personas');
export const toPersona = (r: Row): Persona => ({
  id: personas.text(r, 'id'),
  name: personas.text(r, 'name'),
  role: personas.text(r, 'role'),
  quote: personas.text(r, 'quote'),
  goals: personas.text(r, 'goals'),
  needs: personas.text(r, 'needs'),
  frustrations: personas.text(r, 'frustrations'),
  color: personas.textOrNull(r, 'color'),
});

const interviews = reader('interviews');
const method = interviews.oneOf<InterviewMethod>(INTERVIEW_METHODS);
const format = interviews.oneOf<InterviewFormat>(INTERVIEW_FORMATS);
export const toInterview = (r: Row): Interview => ({
  id: interviews.text(r, 'id'),
  title: interviews.text(r, 'title'),
  participant: interviews.text(r, 'participant'),
  personaId: interviews.textOrNull(r, 'persona_id'),
  heldOn: interviews.textOrNull(r, 'held_on'),
  method: method(r, 'method'),
  format: format(r, 'format'),
  createdAt: interviews.text(r, 'created_at'),
  updatedAt: interviews.text(r, 'updated_at'),
});

const quotes = reader('quotes');
export const toQuote = (r: Row): Quote => ({
  id: quotes.text(r, 'id'),
  interviewId: quotes.text(r, 'interview_id'),
  text: quotes.text(r, 'text'),
  startOffset: quotes.integerOrNull(r, 'start_offset'),
  endOffset: quotes.integerOrNull(r, 'end_offset'),
  sentiment: quotes.integerOrNull(r, 'sentiment'),
  speaker: quotes.text(r, 'speaker'),
  atSeconds: quotes.numberOrNull(r, 'at_seconds'),
  saidOn: quotes.textOrNull(r, 'said_on'),
  tagIds: quotes.ids(r, 'tag_ids'),
  createdAt: quotes.text(r, 'created_at'),
  seq: quotes.integer(r, 'seq'),
});

const links = reader('quote_links');
export const toQuoteLink = (r: Row): QuoteLink => ({
  id: links.text(r, 'id'),
  quoteId: links.text(r, 'quote_id'),
  mapId: links.text(r, 'map_id'),
  stageId: links.text(r, 'stage_id'),
  cardId: links.textOrNull(r, 'card_id'),
  createdAt: links.text(r, 'created_at'),
});

const tags = reader('tags');
export const toTag = (r: Row): Tag => ({ id: tags.text(r, 'id'), name: tags.text(r, 'name') });

const metrics = reader('metrics');
export const toMetric = (r: Row): Metric => ({
  id: metrics.text(r, 'id'),
  mapId: metrics.text(r, 'map_id'),
  stageId: metrics.text(r, 'stage_id'),
  name: metrics.text(r, 'name'),
  value: metrics.number(r, 'value'),
  unit: metrics.text(r, 'unit'),
  source: metrics.text(r, 'source'),
  measuredAt: metrics.textOrNull(r, 'measured_at'),
});

const versions = reader('versions');
export const toVersion = (r: Row): MapVersion => ({
  id: versions.text(r, 'id'),
  mapId: versions.text(r, 'map_id'),
  name: versions.text(r, 'name'),
  createdAt: versions.text(r, 'created_at'),
});

/** Fetch one row by id, mapped, or undefined. */
export function getRow<T>(db: Db, table: string, columns: string, id: string, map: (r: Row) => T): T | undefined {
  const row = db.prepare(`SELECT ${columns} FROM ${table} WHERE id = ?`).get(id) as Row | undefined;
  return row ? map(row) : undefined;
}
