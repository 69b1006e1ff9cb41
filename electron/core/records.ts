/** Rows to records: the one place that knows column names. */
import type { Card, Channel, EmotionPoint, EvidenceStatus, JourneyMap, Lane, LaneKind, Persona, Stage } from '../api/types.ts';
import type { Db } from './database.ts';

export interface Ctx {
  db: Db;
  now: () => Date;
}

export const MAP_COLUMNS = 'id, title, description, emotion_min, emotion_max, created_at, updated_at';
export const STAGE_COLUMNS = 'id, map_id, name, description, position, color, owner, goal, width';
export const LANE_COLUMNS = 'id, map_id, kind, title, position, height, collapsed';
export const CARD_COLUMNS = 'id, map_id, lane_id, stage_id, text, color, position, channel, votes, evidence';
export const EMOTION_COLUMNS = 'id, map_id, lane_id, stage_id, persona_id, score, label';
export const PERSONA_COLUMNS = 'id, name, role, quote, goals, needs, frustrations, color';

type Row = Record<string, unknown>;
const str = (v: unknown): string => v as string;
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : (v as string));
const num = (v: unknown): number => v as number;
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : (v as number));

export const toMap = (r: Row): JourneyMap => ({
  id: str(r.id),
  title: str(r.title),
  description: str(r.description),
  emotionMin: num(r.emotion_min),
  emotionMax: num(r.emotion_max),
  createdAt: str(r.created_at),
  updatedAt: str(r.updated_at),
});

export const toStage = (r: Row): Stage => ({
  id: str(r.id),
  mapId: str(r.map_id),
  name: str(r.name),
  description: str(r.description),
  position: num(r.position),
  color: strOrNull(r.color),
  owner: str(r.owner),
  goal: str(r.goal),
  width: numOrNull(r.width),
});

export const toLane = (r: Row): Lane => ({
  id: str(r.id),
  mapId: str(r.map_id),
  kind: str(r.kind) as LaneKind,
  title: str(r.title),
  position: num(r.position),
  height: numOrNull(r.height),
  collapsed: r.collapsed === 1,
});

export const toCard = (r: Row): Card => ({
  id: str(r.id),
  mapId: str(r.map_id),
  laneId: str(r.lane_id),
  stageId: str(r.stage_id),
  text: str(r.text),
  color: strOrNull(r.color),
  position: num(r.position),
  channel: strOrNull(r.channel) as Channel | null,
  votes: num(r.votes),
  evidence: str(r.evidence) as EvidenceStatus,
});

export const toEmotion = (r: Row): EmotionPoint => ({
  id: str(r.id),
  mapId: str(r.map_id),
  laneId: str(r.lane_id),
  stageId: str(r.stage_id),
  personaId: strOrNull(r.persona_id),
  score: num(r.score),
  label: str(r.label),
});

export const toPersona = (r: Row): Persona => ({
  id: str(r.id),
  name: str(r.name),
  role: str(r.role),
  quote: str(r.quote),
  goals: str(r.goals),
  needs: str(r.needs),
  frustrations: str(r.frustrations),
  color: strOrNull(r.color),
});

/** Fetch one row by id, mapped, or undefined. */
export function getRow<T>(db: Db, table: string, columns: string, id: string, map: (r: Row) => T): T | undefined {
  const row = db.prepare(`SELECT ${columns} FROM ${table} WHERE id = ?`).get(id) as Row | undefined;
  return row ? map(row) : undefined;
}
