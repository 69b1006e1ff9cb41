import { conflict, invalid, notFound } from '../api/errors.ts';
import type { ParsedInput } from '../api/contract.ts';
import type { ChangeSet } from '../api/types.ts';
import { emptyChanges } from './changes.ts';
import { newId } from './ids.ts';
import { requireLane } from './lanes.ts';
import { requireMap, touchMap } from './maps.ts';
import { EMOTION_COLUMNS, toEmotion, type Ctx } from './records.ts';
import { requireStage } from './stages.ts';

/** Set (insert or replace) or clear (score null) the emotion score of one stage on an emotion lane. */
export function setEmotion(ctx: Ctx, input: ParsedInput<'emotions.set'>): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    const lane = requireLane(ctx, input.laneId);
    const stage = requireStage(ctx, input.stageId);
    if (lane.mapId !== stage.mapId) throw invalid(`The lane "${lane.title}" and the stage "${stage.name}" belong to different maps.`);
    if (lane.kind !== 'emotion') throw conflict(`The lane "${lane.title}" is not an emotion lane.`);
    const personaId = input.personaId ?? null;
    if (personaId && !db.prepare('SELECT 1 FROM personas WHERE id = ?').get(personaId)) {
      throw notFound(`No persona with id "${personaId}" exists.`);
    }
    const map = requireMap(ctx, lane.mapId);
    const existing = db
      .prepare(`SELECT ${EMOTION_COLUMNS} FROM emotion_points WHERE lane_id = ? AND stage_id = ? AND ifnull(persona_id, '') = ?`)
      .get(lane.id, stage.id, personaId ?? '') as Record<string, unknown> | undefined;
    const changes = emptyChanges();
    if (input.score === null) {
      if (existing) {
        db.prepare('DELETE FROM emotion_points WHERE id = ?').run(existing.id);
        changes.deleted.emotions.push(existing.id as string);
      }
    } else {
      if (input.score < map.emotionMin || input.score > map.emotionMax) {
        throw invalid(`An emotion score on this map must be between ${map.emotionMin} and ${map.emotionMax}; ${input.score} is outside.`);
      }
      const id = (existing?.id as string | undefined) ?? newId();
      const label = input.label ?? (existing?.label as string | undefined) ?? '';
      db.prepare(
        `INSERT INTO emotion_points (id, map_id, lane_id, stage_id, persona_id, score, label) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET score = excluded.score, label = excluded.label`,
      ).run(id, map.id, lane.id, stage.id, personaId, input.score, label);
      changes.emotions.push(toEmotion(db.prepare(`SELECT ${EMOTION_COLUMNS} FROM emotion_points WHERE id = ?`).get(id) as Record<string, unknown>));
    }
    changes.maps.push(touchMap(ctx, map.id));
    return changes;
  })();
}
