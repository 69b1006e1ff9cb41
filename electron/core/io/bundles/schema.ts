/**
 * The map bundle's document, version 1, as zod schemas: every record's fields with the contract's limits
 * (electron/api/fields.ts), and defaults for what a bundle written by hand may leave out (a description, a
 * colour, a time). Links between records are ids of records in the same file; read.ts checks that they are.
 * Order within a parent is the order of the lists (stages left to right, lanes top to bottom, the cards of a
 * cell top to bottom, a map's personas as its header shows them); positions are not part of the file.
 */
import { z } from 'zod';
import { BUNDLE_FORMAT, BUNDLE_LIMITS } from '../../../api/bundles.ts';
import { color, EMOTION_BOUNDS, id, LIMITS, nonBlank, PICTURE_BASE64_MAX, text } from '../../../api/fields.ts';
import { RESEARCH_LIMITS } from '../../../api/research.ts';
import { CHANNELS, EVIDENCE_STATUSES, INTERVIEW_FORMATS, INTERVIEW_METHODS, LANE_KINDS, SENTIMENT } from '../../../api/types.ts';

/** A day as YYYY-MM-DD that is on the calendar: the day Waymark would write for it is the text itself. */
export function isDay(value: string): boolean {
  const t = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value;
}

/** A moment in UTC as Waymark stores it (2026-03-31T09:30:00.000Z); seconds and milliseconds may be left out. */
export function instantOf(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?Z$/.test(value)) return null;
  const t = Date.parse(value);
  if (Number.isNaN(t)) return null;
  // A day past the month's end (or 24:00) is read as the next one: not the day written, so not a time.
  const iso = new Date(t).toISOString();
  return iso.startsWith(value.slice(0, 10)) ? iso : null;
}

const day = z.string().refine(isDay, { message: 'must be a day on the calendar, written like 2026-03-31' });
/** Stored as Waymark writes times, whatever of the seconds was left out. */
const instant = z.string().transform((v, ctx) => {
  const iso = instantOf(v);
  if (iso === null) ctx.addIssue('must be a time in UTC, written like 2026-03-31T09:30:00.000Z');
  return iso ?? v;
});
const whole = (min: number, max: number) => z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
const nat = z.number().int().min(0, 'must not be negative');
const seconds = z.number().min(0, 'must not be negative');
const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().default(null);

const mapSchema = z
  .object({
    id: id.optional(),
    title: nonBlank(LIMITS.title),
    description: text(LIMITS.description).default(''),
    emotionMin: whole(EMOTION_BOUNDS.min, -1).default(-2),
    emotionMax: whole(1, EMOTION_BOUNDS.max).default(2),
    /** The personas the map's header shows, in order. */
    personaIds: z.array(id).max(BUNDLE_LIMITS.mapPersonas, `may name at most ${BUNDLE_LIMITS.mapPersonas} personas`).default([]),
    createdAt: instant.optional(),
    updatedAt: instant.optional(),
  })
  .strict();

const stageSchema = z
  .object({
    id,
    name: nonBlank(LIMITS.name),
    description: text(LIMITS.description).default(''),
    color: color.default(null),
    owner: text(LIMITS.name).default(''),
    goal: text(LIMITS.shortText).default(''),
    width: nullable(z.number().min(80, 'must be at least 80').max(2000, 'must be at most 2000')),
  })
  .strict();

const laneSchema = z
  .object({
    id,
    kind: z.enum(LANE_KINDS),
    title: nonBlank(LIMITS.name),
    height: nullable(z.number().min(24, 'must be at least 24').max(4000, 'must be at most 4000')),
    collapsed: z.boolean().default(false),
  })
  .strict();

const cardSchema = z
  .object({
    id,
    laneId: id,
    stageId: id,
    text: text(LIMITS.cardText),
    color: color.default(null),
    channel: nullable(z.enum(CHANNELS)),
    votes: whole(0, 1_000_000).default(0),
    evidence: z.enum(EVIDENCE_STATUSES).default('assumed'),
  })
  .strict();

const emotionSchema = z
  .object({
    id: id.optional(),
    laneId: id,
    stageId: id,
    /** Whose curve (null: the map's own). */
    personaId: nullable(id),
    score: z.number().int(),
    label: text(LIMITS.shortText).default(''),
  })
  .strict();

const metricSchema = z
  .object({
    id: id.optional(),
    stageId: id,
    name: nonBlank(RESEARCH_LIMITS.metricName),
    value: z.number(),
    unit: text(RESEARCH_LIMITS.unit).default(''),
    source: text(LIMITS.name).default(''),
    measuredAt: nullable(day),
  })
  .strict();

const personaSchema = z
  .object({
    id,
    name: nonBlank(LIMITS.name),
    role: text(LIMITS.name).default(''),
    quote: text(LIMITS.shortText).default(''),
    goals: text(LIMITS.description).default(''),
    needs: text(LIMITS.description).default(''),
    frustrations: text(LIMITS.description).default(''),
    color: color.default(null),
    /** The picture's bytes in base64 (PNG, JPEG or WebP, at most 512 px on its long side). */
    image: nullable(
      z
        .string()
        .max(PICTURE_BASE64_MAX, 'is too large for a stored picture')
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be a picture in base64'),
    ),
  })
  .strict();

const turnSchema = z
  .object({
    speaker: nullable(text(LIMITS.name)),
    start: nullable(seconds),
    end: nullable(seconds),
    /** The turn's text is `body.slice(from, to)`. */
    from: nat,
    to: nat,
  })
  .strict();

const interviewSchema = z
  .object({
    id,
    title: nonBlank(LIMITS.title),
    participant: text(LIMITS.name).default(''),
    personaId: nullable(id),
    heldOn: nullable(day),
    method: z.enum(INTERVIEW_METHODS).default('interview'),
    format: z.enum(INTERVIEW_FORMATS).default('notes'),
    createdAt: instant.optional(),
    updatedAt: instant.optional(),
    body: text(RESEARCH_LIMITS.body).default(''),
    turns: nullable(z.array(turnSchema).max(BUNDLE_LIMITS.turnsPerInterview, `may hold at most ${BUNDLE_LIMITS.turnsPerInterview.toLocaleString('en')} turns`)),
  })
  .strict();

const quoteSchema = z
  .object({
    id,
    interviewId: id,
    text: nonBlank(RESEARCH_LIMITS.quote),
    /** Where the quote is in its interview's body (characters), when it was selected there. */
    startOffset: nullable(nat),
    endOffset: nullable(nat),
    sentiment: nullable(whole(SENTIMENT.min, SENTIMENT.max)),
    speaker: text(LIMITS.name).default(''),
    atSeconds: nullable(seconds),
    /** The day it was said, when known (left out by bundles written before quotes kept it). */
    saidOn: nullable(day),
    /** Tag names: an import reuses the workspace's tag of each name (whatever its case) or makes one. */
    tags: z.array(nonBlank(LIMITS.name)).max(BUNDLE_LIMITS.tagsPerQuote, `may hold at most ${BUNDLE_LIMITS.tagsPerQuote} tags`).default([]),
    createdAt: instant.optional(),
  })
  .strict();

const quoteLinkSchema = z
  .object({
    id: id.optional(),
    quoteId: id,
    stageId: id,
    /** The card of the stage the quote backs, or null for the stage as a whole. */
    cardId: nullable(id),
    createdAt: instant.optional(),
  })
  .strict();

export const bundleSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    version: z.literal(1),
    exportedAt: instant.optional(),
    app: z
      .object({ name: text(LIMITS.name), schemaVersion: z.number().int().min(1).optional() })
      .strict()
      .optional(),
    map: mapSchema,
    stages: z.array(stageSchema).default([]),
    lanes: z.array(laneSchema).default([]),
    cards: z.array(cardSchema).default([]),
    emotions: z.array(emotionSchema).default([]),
    metrics: z.array(metricSchema).default([]),
    personas: z.array(personaSchema).default([]),
    interviews: z.array(interviewSchema).default([]),
    quotes: z.array(quoteSchema).default([]),
    quoteLinks: z.array(quoteLinkSchema).default([]),
  })
  .strict();

/** A bundle as read (every field there, defaults filled in), and as the export writes it. */
export type Bundle = z.output<typeof bundleSchema>;
