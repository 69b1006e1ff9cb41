/**
 * A map bundle into a workspace: always a new map, a copy in which every record gets a new id and every link
 * the new id of what it names, so a bundle can be imported into the workspace it came from, or twice. What
 * the workspace has already is used as it is: tags by name (whatever their case), a persona with the same id
 * whose every field and picture are the same, and an interview with the same id whose every field, transcript and
 * persona are the same (its persona reused) and whose every quote in the bundle the workspace has with the same id,
 * words, place, speaker, time, day and sentiment (kept with the tags they have here). So a map exported and imported
 * again copies the map, not the research behind it. Everything is written in one transaction, after the
 * whole file has been read and checked: a bundle with any problem writes nothing. The preview plans the same
 * import and writes nothing.
 */
import type { BundleCounts, BundleImport, BundlePreview } from '../../../api/bundles.ts';
import { LIMITS } from '../../../api/fields.ts';
import { invalid } from '../../../api/errors.ts';
import { emptyChanges } from '../../changes.ts';
import { newId } from '../../ids.ts';
import { requireMap } from '../../maps.ts';
import { firstKeys } from '../../positions.ts';
import {
  CARD_COLUMNS,
  EMOTION_COLUMNS,
  INTERVIEW_COLUMNS,
  LANE_COLUMNS,
  METRIC_COLUMNS,
  PERSONA_COLUMNS,
  QUOTE_COLUMNS,
  QUOTE_LINK_COLUMNS,
  STAGE_COLUMNS,
  TAG_COLUMNS,
  toCard,
  toEmotion,
  toInterview,
  toLane,
  toMetric,
  toPersona,
  toQuote,
  toQuoteLink,
  toStage,
  toTag,
  type Ctx,
  type Row,
} from '../../records.ts';
import { readBundle, type BundleRead } from './read.ts';
import type { Bundle } from './schema.ts';

export interface BundleInput {
  /** The file's bytes in base64. */
  file: string;
  fileName: string;
}

/** What an import of a bundle makes and reuses in this workspace now. */
interface Plan {
  importedTitle: string;
  /** What each of the bundle's personas becomes: an existing one (reused, same id) or a new one. */
  personas: { persona: Bundle['personas'][number]; id: string; reused: boolean }[];
  /** Each tag name of the quotes it makes, once whatever its case: the workspace's tag of that name, or a new one. */
  tags: { key: string; id: string; name: string; reused: boolean }[];
  /** The ids of the bundle's interviews and quotes the workspace has already, as they are (kept: same id). */
  reusedInterviews: ReadonlySet<string>;
  reusedQuotes: ReadonlySet<string>;
}

type BundleTurns = Bundle['interviews'][number]['turns'];
/** A transcript's turns in one spelling, stored or in a bundle, to tell whether two are the same. */
const turnsText = (turns: BundleTurns): string => JSON.stringify(turns?.map((t) => [t.speaker, t.start, t.end, t.from, t.to]) ?? null);

/** The title a copy gets: the bundle's own, unless a map has it already (in any case): then " (imported)", " (imported 2)"… */
export function importedTitle(taken: ReadonlySet<string>, title: string): string {
  if (!taken.has(title.toLowerCase())) return title;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (imported)' : ` (imported ${n})`;
    // Cut to leave room for the suffix (a title is trimmed, so cutting nothing leaves it as it is).
    const candidate = `${Array.from(title).slice(0, LIMITS.title - suffix.length).join('').trimEnd()}${suffix}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

function planOf(ctx: Ctx, b: Bundle): Plan {
  const { db } = ctx;
  const titles = new Set((db.prepare('SELECT title FROM maps').pluck().all() as string[]).map((t) => t.toLowerCase()));
  const existing = db.prepare(`SELECT ${PERSONA_COLUMNS}, image FROM personas WHERE id = ?`);
  const fields = (p: Omit<Bundle['personas'][number], 'id'>) => JSON.stringify([p.name, p.role, p.quote, p.goals, p.needs, p.frustrations, p.color, p.image]);
  const personas = b.personas.map((persona) => {
    const row = existing.get(persona.id) as Row | undefined;
    const same = row !== undefined && fields({ ...toPersona(row), image: row.image === null ? null : Buffer.from(row.image as Uint8Array).toString('base64') }) === fields(persona);
    return { persona, id: same ? persona.id : newId(), reused: same };
  });
  const personaIds = new Map(personas.map((p) => [p.persona.id, p]));
  // An interview the workspace has as the bundle has it, with every one of its quotes the bundle holds, as they are,
  // is used as it is. One that differs in anything, or lacks a quote (deleted or changed since), is copied whole, as
  // before: the workspace's own interview never gains a quote it no longer has, or an old version of one.
  const interviewRow = db.prepare('SELECT title, participant, persona_id, held_on, method, format, transcript, turns FROM interviews WHERE id = ?');
  const reusedInterviews = new Set<string>();
  for (const i of b.interviews) {
    const row = interviewRow.get(i.id) as Row | undefined;
    if (row === undefined) continue;
    // Its persona: none on either side, or the one it names, reused (a persona that differs gets a new id).
    const samePersona = row.persona_id === (i.personaId === null ? null : personaIds.get(i.personaId)?.id);
    const stored = JSON.parse((row.turns as string | null) ?? 'null') as BundleTurns;
    const same = JSON.stringify([row.title, row.participant, row.held_on, row.method, row.format, row.transcript]) === JSON.stringify([i.title, i.participant, i.heldOn, i.method, i.format, i.body]);
    if (samePersona && same && turnsText(stored) === turnsText(i.turns)) reusedInterviews.add(i.id);
  }
  const quoteRow = db.prepare('SELECT interview_id, text, start_offset, end_offset, sentiment, speaker, at_seconds, said_on FROM quotes WHERE id = ?');
  for (const q of b.quotes) {
    if (!reusedInterviews.has(q.interviewId)) continue;
    const row = quoteRow.get(q.id) as Row | undefined;
    const fields = [q.interviewId, q.text, q.startOffset, q.endOffset, q.sentiment, q.speaker, q.atSeconds, q.saidOn];
    const same = row !== undefined && JSON.stringify([row.interview_id, row.text, row.start_offset, row.end_offset, row.sentiment, row.speaker, row.at_seconds, row.said_on]) === JSON.stringify(fields);
    if (!same) reusedInterviews.delete(q.interviewId);
  }
  const reusedQuotes = new Set(b.quotes.filter((q) => reusedInterviews.has(q.interviewId)).map((q) => q.id));
  const known = new Map((db.prepare('SELECT id, name FROM tags').all() as { id: string; name: string }[]).map((t) => [t.name.toLowerCase(), t]));
  const tags = new Map<string, Plan['tags'][number]>();
  for (const name of b.quotes.filter((q) => !reusedQuotes.has(q.id)).flatMap((q) => q.tags)) {
    const key = name.toLowerCase();
    const tag = known.get(key);
    if (!tags.has(key)) tags.set(key, tag ? { key, ...tag, reused: true } : { key, id: newId(), name, reused: false });
  }
  return { importedTitle: importedTitle(titles, b.map.title), personas, tags: [...tags.values()], reusedInterviews, reusedQuotes };
}

function read(input: BundleInput): BundleRead {
  return readBundle(new Uint8Array(Buffer.from(input.file, 'base64')));
}

export function previewBundle(ctx: Ctx, input: BundleInput): BundlePreview {
  const r = read(input);
  if (!r.ok) return { ok: false, message: r.message, problems: r.problems };
  const b = r.bundle;
  const plan = planOf(ctx, b);
  const reused = <T extends { reused: boolean }>(list: T[]) => list.filter((v) => v.reused);
  const create: BundleCounts = {
    stages: b.stages.length,
    lanes: b.lanes.length,
    cards: b.cards.length,
    emotions: b.emotions.length,
    metrics: b.metrics.length,
    personas: b.personas.length - reused(plan.personas).length,
    interviews: b.interviews.length - plan.reusedInterviews.size,
    quotes: b.quotes.length - plan.reusedQuotes.size,
    quoteLinks: b.quoteLinks.length,
    tags: plan.tags.length - reused(plan.tags).length,
  };
  return {
    ok: true,
    title: b.map.title,
    importedTitle: plan.importedTitle,
    exportedAt: b.exportedAt ?? null,
    create,
    reuse: {
      tags: reused(plan.tags).map((t) => t.name),
      personas: reused(plan.personas).map((p) => p.persona.name),
      interviews: b.interviews.filter((i) => plan.reusedInterviews.has(i.id)).map((i) => i.title),
      quotes: plan.reusedQuotes.size,
    },
    problems: [],
  };
}

/** The new id of a record the bundle names (read.ts has checked that every name is one of its records). */
function remap(ids: ReadonlyMap<string, string>, bundleId: string): string {
  const to = ids.get(bundleId);
  if (to === undefined) throw new Error(`The bundle names "${bundleId}", which it does not hold.`);
  return to;
}
/** A new id for each record, but those kept (reused: their own). */
const fresh = (records: readonly { id: string }[], kept: ReadonlySet<string> = new Set()) => new Map(records.map((r) => [r.id, kept.has(r.id) ? r.id : newId()]));

export function importBundle(ctx: Ctx, input: BundleInput): BundleImport {
  const r = read(input);
  if (!r.ok) {
    throw invalid(
      `${r.message} Nothing was imported.`,
      r.problems.map((p) => (p.path === '' ? p.message : `${p.path} ${p.message}`)),
    );
  }
  const b = r.bundle;
  const { db } = ctx;
  return db.transaction(() => {
    const plan = planOf(ctx, b);
    const now = ctx.now().toISOString();
    const mapId = newId();
    const stageIds = fresh(b.stages);
    const laneIds = fresh(b.lanes);
    const cardIds = fresh(b.cards);
    const interviewIds = fresh(b.interviews, plan.reusedInterviews);
    const quoteIds = fresh(b.quotes, plan.reusedQuotes);
    const personaIds = new Map(plan.personas.map((p) => [p.persona.id, p.id]));
    const tagIds = new Map(plan.tags.map((t) => [t.key, t.id]));
    const personaOf = (bundleId: string | null) => (bundleId === null ? null : remap(personaIds, bundleId));

    db.prepare('INSERT INTO maps (id, title, description, emotion_min, emotion_max, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      mapId,
      plan.importedTitle,
      b.map.description,
      b.map.emotionMin,
      b.map.emotionMax,
      now,
      now,
    );
    const insertPersona = db.prepare('INSERT INTO personas (id, name, role, quote, goals, needs, frustrations, image, color, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    for (const { persona: p, id, reused } of plan.personas) {
      if (!reused) insertPersona.run(id, p.name, p.role, p.quote, p.goals, p.needs, p.frustrations, p.image === null ? null : Buffer.from(p.image, 'base64'), p.color, now);
    }
    const insertMapPersona = db.prepare('INSERT INTO map_personas (map_id, persona_id, position) VALUES (?, ?, ?)');
    const personaKeys = firstKeys(b.map.personaIds.length);
    b.map.personaIds.forEach((p, i) => insertMapPersona.run(mapId, remap(personaIds, p), personaKeys[i]));

    const insertStage = db.prepare('INSERT INTO stages (id, map_id, name, description, position, color, owner, goal, width) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const stageKeys = firstKeys(b.stages.length);
    b.stages.forEach((s, i) => insertStage.run(remap(stageIds, s.id), mapId, s.name, s.description, stageKeys[i], s.color, s.owner, s.goal, s.width));
    const insertLane = db.prepare('INSERT INTO lanes (id, map_id, kind, title, position, height, collapsed) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const laneKeys = firstKeys(b.lanes.length);
    b.lanes.forEach((l, i) => insertLane.run(remap(laneIds, l.id), mapId, l.kind, l.title, laneKeys[i], l.height, l.collapsed ? 1 : 0));

    // Keys ascending in the file's order: the cards of each cell keep their order in it.
    const cardKeys = firstKeys(b.cards.length);
    const insertCard = db.prepare('INSERT INTO cards (id, map_id, lane_id, stage_id, text, color, position, channel, votes, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    b.cards.forEach((c, i) => {
      insertCard.run(remap(cardIds, c.id), mapId, remap(laneIds, c.laneId), remap(stageIds, c.stageId), c.text, c.color, cardKeys[i], c.channel, c.votes, c.evidence);
    });
    const insertEmotion = db.prepare('INSERT INTO emotion_points (id, map_id, lane_id, stage_id, persona_id, score, label) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const e of b.emotions) insertEmotion.run(newId(), mapId, remap(laneIds, e.laneId), remap(stageIds, e.stageId), personaOf(e.personaId), e.score, e.label);
    const insertMetric = db.prepare('INSERT INTO metrics (id, map_id, stage_id, name, value, unit, source, measured_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const m of b.metrics) insertMetric.run(newId(), mapId, remap(stageIds, m.stageId), m.name, m.value, m.unit, m.source, m.measuredAt);

    const insertInterview = db.prepare(
      'INSERT INTO interviews (id, title, participant, persona_id, held_on, method, transcript, format, turns, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const i of b.interviews) {
      if (plan.reusedInterviews.has(i.id)) continue;
      insertInterview.run(
        remap(interviewIds, i.id),
        i.title,
        i.participant,
        personaOf(i.personaId),
        i.heldOn,
        i.method,
        i.body,
        i.format,
        i.turns === null ? null : JSON.stringify(i.turns),
        i.createdAt ?? now,
        i.updatedAt ?? now,
      );
    }
    const insertTag = db.prepare('INSERT INTO tags (id, name) VALUES (?, ?)');
    for (const t of plan.tags) if (!t.reused) insertTag.run(t.id, t.name);
    const insertQuote = db.prepare(
      'INSERT INTO quotes (id, interview_id, text, start_offset, end_offset, sentiment, speaker, at_seconds, said_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insertQuoteTag = db.prepare('INSERT OR IGNORE INTO quote_tags (quote_id, tag_id) VALUES (?, ?)');
    // Oldest first (the bundle lists them by interview), so that among themselves they stand in the order they were
    // made, newest first in the quote board; those without a time last, as the newest, in the bundle's order (the sort is stable).
    const timeOf = (q: (typeof b.quotes)[number]) => q.createdAt ?? '\uffff';
    const oldestFirst = [...b.quotes].sort((x, y) => (timeOf(x) < timeOf(y) ? -1 : timeOf(x) > timeOf(y) ? 1 : 0));
    for (const q of oldestFirst) {
      if (plan.reusedQuotes.has(q.id)) continue;
      const quoteId = remap(quoteIds, q.id);
      insertQuote.run(quoteId, remap(interviewIds, q.interviewId), q.text, q.startOffset, q.endOffset, q.sentiment, q.speaker, q.atSeconds, q.saidOn, q.createdAt ?? now);
      for (const name of q.tags) insertQuoteTag.run(quoteId, remap(tagIds, name.toLowerCase()));
    }
    const insertLink = db.prepare('INSERT INTO quote_links (id, quote_id, map_id, stage_id, card_id, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    for (const l of b.quoteLinks) {
      insertLink.run(newId(), remap(quoteIds, l.quoteId), mapId, remap(stageIds, l.stageId), l.cardId === null ? null : remap(cardIds, l.cardId), l.createdAt ?? now);
    }

    // What changed: the new map with everything on it, and the research records it made or uses.
    const changes = emptyChanges();
    const onMap = <T>(table: string, columns: string, to: (row: Row) => T): T[] => (db.prepare(`SELECT ${columns} FROM ${table} WHERE map_id = ?`).all(mapId) as Row[]).map(to);
    const byIds = <T>(table: string, columns: string, ids: Iterable<string>, to: (row: Row) => T): T[] =>
      (db.prepare(`SELECT ${columns} FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify([...ids])) as Row[]).map(to);
    changes.maps.push(requireMap(ctx, mapId));
    changes.stages = onMap('stages', STAGE_COLUMNS, toStage);
    changes.lanes = onMap('lanes', LANE_COLUMNS, toLane);
    changes.cards = onMap('cards', CARD_COLUMNS, toCard);
    changes.emotions = onMap('emotion_points', EMOTION_COLUMNS, toEmotion);
    changes.metrics = onMap('metrics', METRIC_COLUMNS, toMetric);
    changes.quoteLinks = onMap('quote_links', QUOTE_LINK_COLUMNS, toQuoteLink);
    changes.personas = byIds('personas', PERSONA_COLUMNS, personaIds.values(), toPersona);
    // The interviews and quotes the new map's links name, made or reused (as quotes.link carries what it placed).
    changes.interviews = byIds('interviews', INTERVIEW_COLUMNS, interviewIds.values(), toInterview);
    changes.quotes = byIds('quotes', QUOTE_COLUMNS, quoteIds.values(), toQuote);
    changes.tags = byIds('tags', TAG_COLUMNS, plan.tags.filter((t) => !t.reused).map((t) => t.id), toTag);
    return { ...changes, mapId };
  })();
}

