/**
 * A map as a bundle: read from the workspace in one read transaction (a consistent picture even while
 * another program writes to the file), every record written with its keys in one fixed order and its links
 * as the ids it has in this workspace, and every list in a fixed order that does not depend on ids (stages
 * and lanes as the map shows them, cards by cell, quotes by interview and place), so exporting the same map
 * twice gives the same file, and a map imported and exported again gives the same file up to ids.
 */
import { BUNDLE_COLLECTIONS, BUNDLE_EXTENSION, BUNDLE_FORMAT, BUNDLE_LIMITS, BUNDLE_VERSION, type BundleFile } from '../../../api/bundles.ts';
import { unsupported } from '../../../api/errors.ts';
import { requireMap } from '../../maps.ts';
import { LATEST_SCHEMA_VERSION } from '../../migrations/index.ts';
import {
  CARD_COLUMNS,
  EMOTION_COLUMNS,
  INTERVIEW_COLUMNS,
  LANE_COLUMNS,
  METRIC_COLUMNS,
  PERSONA_COLUMNS,
  QUOTE_LINK_COLUMNS,
  STAGE_COLUMNS,
  quoteColumnsOf,
  toCard,
  toEmotion,
  toInterview,
  toLane,
  toMetric,
  toPersona,
  toQuote,
  toQuoteLink,
  toStage,
  type Ctx,
  type Row,
} from '../../records.ts';
import { checkImage } from '../images.ts';
import type { Bundle } from './schema.ts';

type Key = readonly (number | string)[];

/** `list` in the order of `key` (compared part by part, numbers as numbers, text by code units). */
function sorted<T>(list: readonly T[], key: (item: T) => Key): T[] {
  const keyed = list.map((item) => ({ item, key: key(item) }));
  keyed.sort((a, b) => {
    for (const [i, x] of a.key.entries()) {
      const y = b.key[i] as number | string;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
  return keyed.map((k) => k.item);
}

const placesOf = (records: readonly { id: string }[]) => new Map(records.map((r, i) => [r.id, i]));
const prefixed = (table: string, columns: string) => columns.split(', ').map((c) => `${table}.${c}`).join(', ');

/** The bundle of one map, as read now. */
export function bundleOf(ctx: Ctx, mapId: string): Bundle {
  const { db } = ctx;
  return db.transaction(() => {
    const map = requireMap(ctx, mapId);
    const all = (sql: string) => db.prepare(sql).all(mapId) as Row[];
    const stages = all(`SELECT ${STAGE_COLUMNS} FROM stages WHERE map_id = ? ORDER BY position, id`).map(toStage);
    const lanes = all(`SELECT ${LANE_COLUMNS} FROM lanes WHERE map_id = ? ORDER BY position, id`).map(toLane);
    const cards = all(
      `SELECT ${prefixed('c', CARD_COLUMNS)} FROM cards c JOIN lanes l ON l.id = c.lane_id JOIN stages s ON s.id = c.stage_id
       WHERE c.map_id = ? ORDER BY l.position, l.id, s.position, s.id, c.position, c.id`,
    ).map(toCard);
    const linked = 'SELECT quote_id FROM quote_links WHERE map_id = ?';
    const interviewRows = all(
      `SELECT ${INTERVIEW_COLUMNS}, transcript, turns FROM interviews WHERE id IN (SELECT interview_id FROM quotes WHERE id IN (${linked}))
       ORDER BY title COLLATE NOCASE, created_at, id`,
    );
    const interviews = interviewRows.map(toInterview);
    const quotes = all(
      `SELECT ${quoteColumnsOf('q', false)} FROM quotes q JOIN interviews i ON i.id = q.interview_id WHERE q.id IN (${linked})
       ORDER BY i.title COLLATE NOCASE, i.created_at, i.id, q.start_offset IS NULL, q.start_offset, q.rowid`,
    ).map(toQuote);
    const tags = new Map<string, string[]>();
    for (const r of all(`SELECT qt.quote_id, t.name FROM quote_tags qt JOIN tags t ON t.id = qt.tag_id WHERE qt.quote_id IN (${linked}) ORDER BY t.name COLLATE NOCASE, t.id`)) {
      const quoteId = r.quote_id as string;
      tags.set(quoteId, [...(tags.get(quoteId) ?? []), r.name as string]);
    }
    // The map's personas in its header's order, then those only on its curves or its interviews, by name.
    const others = db
      .prepare(
        `SELECT ${PERSONA_COLUMNS}, image FROM personas WHERE id NOT IN (SELECT persona_id FROM map_personas WHERE map_id = ?)
           AND (id IN (SELECT persona_id FROM emotion_points WHERE map_id = ?) OR id IN (SELECT value FROM json_each(?)))
         ORDER BY name COLLATE NOCASE, id`,
      )
      .all(mapId, mapId, JSON.stringify(interviews.map((i) => i.personaId))) as Row[];
    const personaRows = [...all(`SELECT ${prefixed('p', PERSONA_COLUMNS)}, p.image FROM personas p JOIN map_personas mp ON mp.persona_id = p.id WHERE mp.map_id = ? ORDER BY mp.position, mp.persona_id`), ...others];
    const personas = personaRows.map((r) => ({ ...toPersona(r), image: r.image instanceof Uint8Array && checkImage(r.image).ok ? Buffer.from(r.image).toString('base64') : null }));

    const stageAt = placesOf(stages);
    const laneAt = placesOf(lanes);
    const cardAt = placesOf(cards);
    const quoteAt = placesOf(quotes);
    const personaAt = placesOf(personas);
    // Every record a list is sorted by is in the bundle; null (the map's own curve, a link to no card) comes first.
    const place = (places: Map<string, number>, recordId: string | null) => places.get(recordId ?? '') ?? -1;
    const emotions = sorted(all(`SELECT ${EMOTION_COLUMNS} FROM emotion_points WHERE map_id = ?`).map(toEmotion), (e) => [place(laneAt, e.laneId), place(stageAt, e.stageId), place(personaAt, e.personaId)]);
    const metrics = all(
      `SELECT ${prefixed('m', METRIC_COLUMNS)} FROM metrics m JOIN stages s ON s.id = m.stage_id WHERE m.map_id = ?
       ORDER BY s.position, s.id, m.name COLLATE NOCASE, m.measured_at, m.value, m.id`,
    ).map(toMetric);
    const links = sorted(all(`SELECT ${QUOTE_LINK_COLUMNS} FROM quote_links WHERE map_id = ?`).map(toQuoteLink), (l) => [place(stageAt, l.stageId), place(cardAt, l.cardId), place(quoteAt, l.quoteId)]);

    return {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      exportedAt: ctx.now().toISOString(),
      app: { name: 'Waymark', schemaVersion: LATEST_SCHEMA_VERSION },
      map: {
        id: map.id,
        title: map.title,
        description: map.description,
        emotionMin: map.emotionMin,
        emotionMax: map.emotionMax,
        personaIds: map.personaIds,
        createdAt: map.createdAt,
        updatedAt: map.updatedAt,
      },
      stages: stages.map((s) => ({ id: s.id, name: s.name, description: s.description, color: s.color, owner: s.owner, goal: s.goal, width: s.width })),
      lanes: lanes.map((l) => ({ id: l.id, kind: l.kind, title: l.title, height: l.height, collapsed: l.collapsed })),
      cards: cards.map((c) => ({ id: c.id, laneId: c.laneId, stageId: c.stageId, text: c.text, color: c.color, channel: c.channel, votes: c.votes, evidence: c.evidence })),
      emotions: emotions.map((e) => ({ id: e.id, laneId: e.laneId, stageId: e.stageId, personaId: e.personaId, score: e.score, label: e.label })),
      metrics: metrics.map((m) => ({ id: m.id, stageId: m.stageId, name: m.name, value: m.value, unit: m.unit, source: m.source, measuredAt: m.measuredAt })),
      personas: personas.map((p) => ({ id: p.id, name: p.name, role: p.role, quote: p.quote, goals: p.goals, needs: p.needs, frustrations: p.frustrations, color: p.color, image: p.image })),
      interviews: interviews.map((i, at) => {
        const row = interviewRows[at] as Row;
        const turns = JSON.parse((row.turns as string | null) ?? 'null') as { speaker: string | null; start: number | null; end: number | null; from: number; to: number }[] | null;
        return {
          id: i.id,
          title: i.title,
          participant: i.participant,
          personaId: i.personaId,
          heldOn: i.heldOn,
          method: i.method,
          format: i.format,
          createdAt: i.createdAt,
          updatedAt: i.updatedAt,
          body: row.transcript as string,
          turns: turns?.map((t) => ({ speaker: t.speaker, start: t.start, end: t.end, from: t.from, to: t.to })) ?? null,
        };
      }),
      quotes: quotes.map((q) => ({
        id: q.id,
        interviewId: q.interviewId,
        text: q.text,
        startOffset: q.startOffset,
        endOffset: q.endOffset,
        sentiment: q.sentiment,
        speaker: q.speaker,
        atSeconds: q.atSeconds,
        saidOn: q.saidOn,
        tags: tags.get(q.id) ?? [],
        createdAt: q.createdAt,
      })),
      quoteLinks: links.map((l) => ({ id: l.id, quoteId: l.quoteId, stageId: l.stageId, cardId: l.cardId, createdAt: l.createdAt })),
    };
  })();
}

/**
 * The file's text: the header and the map on a line each, then every record on a line of its own, in its
 * list. Not indented field by field (that would make a large map's file about a third bigger, and a bundle
 * has a size limit), not all on one line either: a person can read and edit it in a text editor, and two
 * exports of one map compare line by line, a changed record a changed line.
 */
export function bundleText(bundle: Bundle): string {
  // A quote's day only when known: a bundle without days stays one that builds from before quotes kept them read
  // (their quote schema is strict, and knows no saidOn; a bundle left without it reads as no day).
  const written = { ...bundle, quotes: bundle.quotes.map(({ saidOn, ...q }) => (saidOn === null ? q : { ...q, saidOn })) };
  const fields = Object.entries(written).map(([key, value]) => {
    const name = JSON.stringify(key);
    if (!Array.isArray(value) || value.length === 0) return `  ${name}: ${JSON.stringify(value)}`;
    return `  ${name}: [\n${value.map((record) => `    ${JSON.stringify(record)}`).join(',\n')}\n  ]`;
  });
  return `{\n${fields.join(',\n')}\n}\n`;
}

/** Characters no file name may hold on Windows, macOS or Linux (and control characters). */
const UNSAFE = /[<>:"/\\|?*\p{Cc}]+/gu;
/** Names Windows keeps for devices, whatever follows them after a dot. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;
/** Bytes of a file name's stem: the whole name stays well below the 255 bytes every file system allows. */
const STEM_BYTES = 120;

/** A file name for a map's bundle, from its title: safe on every system, ending in .waymark.json. */
export function bundleFileName(title: string): string {
  const clean = title.replace(UNSAFE, ' ').replace(/\s+/g, ' ');
  let stem = '';
  for (const c of clean) {
    if (Buffer.byteLength(stem + c) > STEM_BYTES) break;
    stem += c;
  }
  // Windows drops dots and spaces at a name's end, and hides names that start with a dot elsewhere.
  stem = stem.replace(/^[. ]+|[. ]+$/g, '');
  if (stem === '') stem = 'Map';
  if (RESERVED.test(stem)) stem = `Map ${stem}`;
  return `${stem}${BUNDLE_EXTENSION}`;
}

/** A map's bundle file. Refused in words when it would be more than a bundle may hold (it could not be imported). */
export function exportBundle(ctx: Ctx, mapId: string): BundleFile {
  const bundle = bundleOf(ctx, mapId);
  for (const name of BUNDLE_COLLECTIONS) {
    const n = bundle[name].length;
    if (n > BUNDLE_LIMITS[name]) {
      throw unsupported(`The map “${bundle.map.title}” has ${n.toLocaleString('en')} ${name}; a map bundle may hold at most ${BUNDLE_LIMITS[name].toLocaleString('en')}, so it cannot be exported as one.`);
    }
  }
  const text = bundleText(bundle);
  const size = Buffer.byteLength(text);
  if (size > BUNDLE_LIMITS.bytes) {
    throw unsupported(
      `The map “${bundle.map.title}” with its evidence is ${size.toLocaleString('en')} bytes as a bundle; a map bundle may have at most ${BUNDLE_LIMITS.bytes.toLocaleString('en')} (${BUNDLE_LIMITS.bytes / 1024 / 1024} MB), so it cannot be exported as one.`,
    );
  }
  return { fileName: bundleFileName(bundle.map.title), mediaType: 'application/json', text, size };
}
