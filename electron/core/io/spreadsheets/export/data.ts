/**
 * What an exported workbook shows of a map, read from the workspace in a few set-wise queries per map: its
 * stages, lanes, cards, emotion points, personas and metrics, and the quotes linked to it with their
 * interviews, tags and places (read here, not through maps.get).
 */
import type { Card, EmotionPoint, Interview, JourneyMap, Lane, Metric, Persona, Quote, Stage } from '../../../../api/types.ts';
import { requireMap } from '../../../maps.ts';
import {
  CARD_COLUMNS,
  EMOTION_COLUMNS,
  INTERVIEW_COLUMNS,
  LANE_COLUMNS,
  METRIC_COLUMNS,
  PERSONA_COLUMNS,
  STAGE_COLUMNS,
  quoteColumnsOf,
  toCard,
  toEmotion,
  toInterview,
  toLane,
  toMetric,
  toPersona,
  toQuote,
  toStage,
  type Ctx,
  type Row,
} from '../../../records.ts';

/** A quote linked to the map: where it is from, its tags by name, and the stages and cards of the map it is on. */
export interface LinkedQuote {
  quote: Quote;
  interview: Interview | undefined;
  /** Who said it: the turn's speaker, else the interview's participant. */
  participant: string;
  /** The persona the interview was held with, by name ('' when none). */
  persona: string;
  tags: string[];
  /** The stages it is placed on (with or without a card), in the map's order. */
  stageIds: string[];
  cardIds: string[];
}

export interface MapData {
  map: JourneyMap;
  stages: Stage[];
  lanes: Lane[];
  /** In lane, stage and then card order. */
  cards: Card[];
  emotions: EmotionPoint[];
  /** The map's personas, in its header's order. */
  personas: Persona[];
  /** Every persona of the workspace by id (emotion curves and interviews name them). */
  personaById: Map<string, Persona>;
  metrics: Metric[];
  /** Newest first. */
  quotes: LinkedQuote[];
}

const byPlace = (order: Map<string, number>) => (a: string, b: string) => (order.get(a) ?? 0) - (order.get(b) ?? 0);

export function readMapData(ctx: Ctx, mapId: string): MapData {
  const { db } = ctx;
  const map = requireMap(ctx, mapId);
  const all = (sql: string): Row[] => db.prepare(sql).all(mapId) as Row[];
  const stages = all(`SELECT ${STAGE_COLUMNS} FROM stages WHERE map_id = ? ORDER BY position, id`).map(toStage);
  const lanes = all(`SELECT ${LANE_COLUMNS} FROM lanes WHERE map_id = ? ORDER BY position, id`).map(toLane);
  const stageOrder = new Map(stages.map((s, i) => [s.id, i]));
  const laneOrder = new Map(lanes.map((l, i) => [l.id, i]));
  const cards = all(`SELECT ${CARD_COLUMNS} FROM cards WHERE map_id = ? ORDER BY lane_id, stage_id, position, id`).map(toCard);
  cards.sort((a, b) => byPlace(laneOrder)(a.laneId, b.laneId) || byPlace(stageOrder)(a.stageId, b.stageId));
  const personaById = new Map((db.prepare(`SELECT ${PERSONA_COLUMNS} FROM personas`).all() as Row[]).map((r) => [String(r.id), toPersona(r)]));
  const personas = (db.prepare('SELECT persona_id FROM map_personas WHERE map_id = ? ORDER BY position, persona_id').pluck().all(mapId) as string[]).flatMap((id) => personaById.get(id) ?? []);

  const linked = 'SELECT quote_id FROM quote_links WHERE map_id = ?';
  const quotes = all(`SELECT ${quoteColumnsOf('q', false)} FROM quotes q WHERE q.id IN (${linked}) ORDER BY q.rowid DESC`).map(toQuote);
  const interviews = new Map(
    (db.prepare(`SELECT ${INTERVIEW_COLUMNS} FROM interviews WHERE id IN (SELECT interview_id FROM quotes WHERE id IN (${linked}))`).all(mapId) as Row[]).map((r) => {
      const interview = toInterview(r);
      return [interview.id, interview];
    }),
  );
  const tags = new Map<string, string[]>();
  for (const r of db
    .prepare(`SELECT qt.quote_id AS quote, t.name AS name FROM quote_tags qt JOIN tags t ON t.id = qt.tag_id WHERE qt.quote_id IN (${linked}) ORDER BY t.name COLLATE NOCASE, t.id`)
    .all(mapId) as { quote: string; name: string }[]) {
    tags.set(r.quote, [...(tags.get(r.quote) ?? []), r.name]);
  }
  const places = new Map<string, { stages: Set<string>; cards: Set<string> }>();
  for (const r of db.prepare('SELECT quote_id AS quote, stage_id AS stage, card_id AS card FROM quote_links WHERE map_id = ?').all(mapId) as { quote: string; stage: string; card: string | null }[]) {
    let place = places.get(r.quote);
    if (place === undefined) {
      place = { stages: new Set(), cards: new Set() };
      places.set(r.quote, place);
    }
    place.stages.add(r.stage);
    if (r.card !== null) place.cards.add(r.card);
  }
  return {
    map,
    stages,
    lanes,
    cards,
    emotions: all(`SELECT ${EMOTION_COLUMNS} FROM emotion_points WHERE map_id = ?`).map(toEmotion),
    personas,
    personaById,
    metrics: all(`SELECT ${METRIC_COLUMNS} FROM metrics WHERE map_id = ? ORDER BY name COLLATE NOCASE, measured_at, id`).map(toMetric),
    quotes: quotes.map((quote) => {
      const interview = interviews.get(quote.interviewId);
      const place = places.get(quote.id);
      return {
        quote,
        interview,
        participant: quote.speaker.trim() === '' ? (interview?.participant ?? '') : quote.speaker,
        persona: interview?.personaId == null ? '' : (personaById.get(interview.personaId)?.name ?? ''),
        tags: tags.get(quote.id) ?? [],
        stageIds: [...(place?.stages ?? [])].sort(byPlace(stageOrder)),
        cardIds: [...(place?.cards ?? [])],
      };
    }),
  };
}

/** The maps of the workspace, by title (as a person looks for them in a list of sheets). */
export function allMapIds(ctx: Ctx): string[] {
  return ctx.db.prepare('SELECT id FROM maps ORDER BY title COLLATE NOCASE, id').pluck().all() as string[];
}
