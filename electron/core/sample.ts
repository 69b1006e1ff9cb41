/**
 * The sample workspace a first run starts with. The content is data in resources/sample-workspace.json;
 * this module only checks its shape and writes it, in one transaction.
 */
import { z } from 'zod';
import { CHANNELS, EVIDENCE_STATUSES, INTERVIEW_METHODS, LANE_KINDS } from '../api/types.ts';
import data from '../../resources/sample-workspace.json' with { type: 'json' };
import { newId } from './ids.ts';
import { firstKeys, keyBetween } from './positions.ts';
import type { Ctx } from './records.ts';

const key = z.string().min(1);
const sampleSchema = z.object({
  persona: z.object({
    key,
    name: z.string(),
    role: z.string(),
    quote: z.string(),
    goals: z.string(),
    needs: z.string(),
    frustrations: z.string(),
    color: z.string().nullable(),
  }),
  map: z.object({
    title: z.string(),
    description: z.string(),
    stages: z.array(z.object({ key, name: z.string(), description: z.string().default(''), owner: z.string().default(''), goal: z.string().default('') })),
    lanes: z.array(z.object({ key, kind: z.enum(LANE_KINDS), title: z.string() })),
    cards: z.array(
      z.object({
        lane: key,
        stage: key,
        text: z.string(),
        channel: z.enum(CHANNELS).optional(),
        votes: z.number().int().optional(),
        evidence: z.enum(EVIDENCE_STATUSES).optional(),
        color: z.string().optional(),
      }),
    ),
    emotions: z.array(z.object({ lane: key, stage: key, score: z.number().int(), label: z.string().default('') })),
    metrics: z
      .array(z.object({ stage: key, name: z.string(), value: z.number(), unit: z.string().default(''), source: z.string().default(''), measuredAt: z.string().nullable().default(null) }))
      .optional(),
  }),
  interviews: z.array(
    z.object({
      title: z.string(),
      participant: z.string(),
      heldOn: z.string(),
      method: z.enum(INTERVIEW_METHODS),
      transcript: z.string(),
      quotes: z.array(z.object({ text: z.string(), sentiment: z.number().int().min(-2).max(2), stages: z.array(key), tags: z.array(z.string()) })),
    }),
  ),
});

export type SampleWorkspace = z.infer<typeof sampleSchema>;

export function loadSample(): SampleWorkspace {
  return sampleSchema.parse(data);
}

/** Write the sample into an empty workspace; returns the new map's id. */
export function seedSample(ctx: Ctx, sample: SampleWorkspace = loadSample()): string {
  const { db } = ctx;
  const now = ctx.now().toISOString();
  const resolve = (ids: Map<string, string>, k: string, what: string): string => {
    const id = ids.get(k);
    if (!id) throw new Error(`sample-workspace.json refers to an unknown ${what} "${k}"`);
    return id;
  };
  return db.transaction(() => {
    const p = sample.persona;
    const personaId = newId();
    db.prepare(
      'INSERT INTO personas (id, name, role, quote, goals, needs, frustrations, color, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(personaId, p.name, p.role, p.quote, p.goals, p.needs, p.frustrations, p.color, now);

    const m = sample.map;
    const mapId = newId();
    db.prepare('INSERT INTO maps (id, title, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(mapId, m.title, m.description, now, now);
    db.prepare('INSERT INTO map_personas (map_id, persona_id, position) VALUES (?, ?, ?)').run(mapId, personaId, keyBetween(null, null));

    const stageIds = new Map<string, string>();
    const insertStage = db.prepare('INSERT INTO stages (id, map_id, name, description, position, owner, goal) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const stageKeys = firstKeys(m.stages.length);
    m.stages.forEach((s, i) => {
      const id = newId();
      stageIds.set(s.key, id);
      insertStage.run(id, mapId, s.name, s.description, stageKeys[i], s.owner, s.goal);
    });
    const laneIds = new Map<string, string>();
    const insertLane = db.prepare('INSERT INTO lanes (id, map_id, kind, title, position) VALUES (?, ?, ?, ?, ?)');
    const laneKeys = firstKeys(m.lanes.length);
    m.lanes.forEach((l, i) => {
      const id = newId();
      laneIds.set(l.key, id);
      insertLane.run(id, mapId, l.kind, l.title, laneKeys[i]);
    });
    const insertCard = db.prepare(
      'INSERT INTO cards (id, map_id, lane_id, stage_id, text, color, position, channel, votes, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    // Keys ascend in the file's order, so each cell holds its cards in the order the file lists them.
    const cardKeys = firstKeys(m.cards.length);
    m.cards.forEach((c, i) => {
      const position = cardKeys[i];
      insertCard.run(
        newId(),
        mapId,
        resolve(laneIds, c.lane, 'lane'),
        resolve(stageIds, c.stage, 'stage'),
        c.text,
        c.color ?? null,
        position,
        c.channel ?? null,
        c.votes ?? 0,
        c.evidence ?? 'assumed',
      );
    });
    const insertEmotion = db.prepare(
      'INSERT INTO emotion_points (id, map_id, lane_id, stage_id, persona_id, score, label) VALUES (?, ?, ?, ?, NULL, ?, ?)',
    );
    for (const e of m.emotions) {
      insertEmotion.run(newId(), mapId, resolve(laneIds, e.lane, 'lane'), resolve(stageIds, e.stage, 'stage'), e.score, e.label);
    }

    const insertMetric = db.prepare('INSERT INTO metrics (id, map_id, stage_id, name, value, unit, source, measured_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const metric of m.metrics ?? []) {
      insertMetric.run(newId(), mapId, resolve(stageIds, metric.stage, 'stage'), metric.name, metric.value, metric.unit, metric.source, metric.measuredAt);
    }

    const insertInterview = db.prepare(
      'INSERT INTO interviews (id, title, participant, persona_id, held_on, method, transcript, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insertQuote = db.prepare(
      'INSERT INTO quotes (id, interview_id, text, start_offset, end_offset, sentiment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const insertLink = db.prepare('INSERT INTO quote_links (id, quote_id, map_id, stage_id, card_id, created_at) VALUES (?, ?, ?, ?, NULL, ?)');
    const upsertTag = db.prepare('INSERT INTO tags (id, name) VALUES (?, ?) ON CONFLICT (name) DO NOTHING');
    const tagId = db.prepare('SELECT id FROM tags WHERE name = ?').pluck();
    const insertQuoteTag = db.prepare('INSERT OR IGNORE INTO quote_tags (quote_id, tag_id) VALUES (?, ?)');
    for (const iv of sample.interviews) {
      const interviewId = newId();
      insertInterview.run(interviewId, iv.title, iv.participant, personaId, iv.heldOn, iv.method, iv.transcript, now, now);
      for (const q of iv.quotes) {
        const start = iv.transcript.indexOf(q.text);
        if (start < 0) throw new Error(`sample quote is not in its transcript: "${q.text}"`);
        const quoteId = newId();
        insertQuote.run(quoteId, interviewId, q.text, start, start + q.text.length, q.sentiment, now);
        for (const s of q.stages) insertLink.run(newId(), quoteId, mapId, resolve(stageIds, s, 'stage'), now);
        for (const t of q.tags) {
          upsertTag.run(newId(), t);
          insertQuoteTag.run(quoteId, tagId.get(t));
        }
      }
    }
    return mapId;
  })();
}
