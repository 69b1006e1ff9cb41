/**
 * The research part of the contract: interviews and their transcripts, quotes, tags, quotes placed on maps
 * as evidence, and the numbers measured per stage (metrics). Spread into `contract` (contract.ts).
 */
import { z } from 'zod';
import { deletion, id, LIMITS, nonBlank, text } from './fields.ts';
import { mutation, query } from './operation.ts';
import {
  INTERVIEW_METHODS,
  SENTIMENT,
  type ChangeSet,
  type InterviewBody,
  type InterviewSummary,
  type Quote,
  type QuoteLink,
  type QuoteSearchResult,
  type TagUsage,
} from './types.ts';

/** Limits of research input. */
export const RESEARCH_LIMITS = {
  /** An interview's body: a two-hour call's transcript is about 150,000 characters. */
  body: 5_000_000,
  quote: 10_000,
  /** Quotes one bulk edit (link, tag) may name. */
  bulk: 10_000,
  tagsPerQuote: 50,
  /** Rows one page of the quote board may ask for. */
  page: 500,
  search: 500,
  metricName: 80,
  unit: 40,
} as const;

/** The formats a transcript can be read as; 'auto' reads the file's name and first lines. */
export const TRANSCRIPT_FORMAT_CHOICES = ['auto', 'notes', 'text', 'markdown', 'vtt', 'srt'] as const;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-03-31')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), { message: 'is not a real date' });
const sentiment = z.number().int('must be a whole number').min(SENTIMENT.min, `must be at least ${SENTIMENT.min}`).max(SENTIMENT.max, `must be at most ${SENTIMENT.max}`);
const ids = (max: number) => z.array(id).min(1, 'must name at least one').max(max, `may name at most ${max}`);

/** A transcript or notes to read: the text of the file (or what was pasted), and how to read it. */
const transcript = {
  text: text(RESEARCH_LIMITS.body),
  format: z.enum(TRANSCRIPT_FORMAT_CHOICES).default('auto'),
  /** The name of the file it came from (its extension helps 'auto'); never a path that is opened. */
  fileName: z.string().max(255).optional(),
};

const interviewFields = {
  title: nonBlank(LIMITS.title),
  participant: text(LIMITS.name),
  personaId: id.nullable(),
  heldOn: day.nullable(),
  method: z.enum(INTERVIEW_METHODS),
};

export const researchSchemas = {
  interviewList: z
    .object({
      /** Words to find in titles, participants and bodies (full-text search). */
      query: z.string().max(RESEARCH_LIMITS.search).optional(),
      personaId: id.optional(),
      method: z.enum(INTERVIEW_METHODS).optional(),
      from: day.optional(),
      to: day.optional(),
    })
    .strict(),
  interviewCreate: z
    .object({
      id: id.optional(),
      title: interviewFields.title,
      participant: interviewFields.participant.optional(),
      personaId: interviewFields.personaId.optional(),
      heldOn: interviewFields.heldOn.optional(),
      method: interviewFields.method.optional(),
      body: z.object(transcript).strict().optional(),
    })
    .strict(),
  interviewUpdate: z
    .object({
      id,
      title: interviewFields.title.optional(),
      participant: interviewFields.participant.optional(),
      personaId: interviewFields.personaId.optional(),
      heldOn: interviewFields.heldOn.optional(),
      method: interviewFields.method.optional(),
    })
    .strict(),
  interviewBody: z.object({ id, ...transcript }).strict(),
  transcriptPreview: z.object(transcript).strict(),
  quoteCreate: z
    .object({
      id: id.optional(),
      interviewId: id,
      /** Where the quote is in the interview's body; its text is then read from there. */
      startOffset: z.number().int().min(0).optional(),
      endOffset: z.number().int().min(0).optional(),
      /** The quote's words, when it was not selected in the body (a survey answer typed in). */
      text: nonBlank(RESEARCH_LIMITS.quote).optional(),
      sentiment: sentiment.nullable().optional(),
      tagIds: z.array(id).max(RESEARCH_LIMITS.tagsPerQuote).optional(),
      speaker: text(LIMITS.name).optional(),
      /** The day it was said, when known. */
      saidOn: day.nullable().optional(),
    })
    .strict()
    .refine((v) => (v.startOffset === undefined) === (v.endOffset === undefined), { message: 'give both startOffset and endOffset, or neither', path: ['startOffset'] })
    .refine((v) => v.startOffset !== undefined || v.text !== undefined, { message: 'give the offsets of the quote in the body, or its text', path: ['text'] }),
  quoteUpdate: z
    .object({
      id,
      text: nonBlank(RESEARCH_LIMITS.quote).optional(),
      sentiment: sentiment.nullable().optional(),
      tagIds: z.array(id).max(RESEARCH_LIMITS.tagsPerQuote).optional(),
      speaker: text(LIMITS.name).optional(),
      /** The day it was said; null when it is not known. */
      saidOn: day.nullable().optional(),
    })
    .strict(),
  quoteTag: z
    .object({ quoteIds: ids(RESEARCH_LIMITS.bulk), add: z.array(id).max(RESEARCH_LIMITS.tagsPerQuote).default([]), remove: z.array(id).max(RESEARCH_LIMITS.tagsPerQuote).default([]) })
    .strict(),
  quoteList: z.object({ interviewId: id }).strict(),
  quoteSearch: z
    .object({
      /** Full-text search: words (all must occur), "a phrase", prefix*, OR, NOT. */
      query: z.string().max(RESEARCH_LIMITS.search).optional(),
      mapId: id.optional(),
      stageId: id.optional(),
      /** Only quotes placed on this card. */
      cardId: id.optional(),
      personaId: id.optional(),
      interviewId: id.optional(),
      tagId: id.optional(),
      sentiments: z.array(sentiment).max(5).optional(),
      /** Only quotes linked to no stage of any map. */
      unlinked: z.boolean().optional(),
      offset: z.number().int('must be a whole number').min(0, 'must not be negative').default(0),
      limit: z
        .number()
        .int('must be a whole number')
        .min(1, 'must be at least 1')
        .max(RESEARCH_LIMITS.page, `must be at most ${RESEARCH_LIMITS.page}`)
        .default(100),
    })
    .strict(),
  quoteLink: z
    .object({
      quoteIds: ids(RESEARCH_LIMITS.bulk),
      stageId: id,
      cardId: id.nullable().optional(),
      /** Ids for the new links, one per quote (lets undo name them); chosen by the workspace when absent. */
      ids: z.array(id).max(RESEARCH_LIMITS.bulk).optional(),
    })
    .strict()
    .refine((v) => v.ids === undefined || v.ids.length === v.quoteIds.length, { message: 'give one id per quote', path: ['ids'] }),
  tagCreate: z.object({ id: id.optional(), name: nonBlank(LIMITS.name) }).strict(),
  tagRename: z.object({ id, name: nonBlank(LIMITS.name) }).strict(),
  tagMerge: z.object({ ids: ids(100), into: id }).strict(),
  metricCreate: z
    .object({
      id: id.optional(),
      stageId: id,
      name: nonBlank(RESEARCH_LIMITS.metricName),
      value: z.number('must be a number'),
      unit: text(RESEARCH_LIMITS.unit).optional(),
      source: text(LIMITS.name).optional(),
      measuredAt: day.nullable().optional(),
    })
    .strict(),
  metricUpdate: z
    .object({
      id,
      name: nonBlank(RESEARCH_LIMITS.metricName).optional(),
      value: z.number('must be a number').optional(),
      unit: text(RESEARCH_LIMITS.unit).optional(),
      source: text(LIMITS.name).optional(),
      measuredAt: day.nullable().optional(),
    })
    .strict(),
  deletion,
  byId: z.object({ id }).strict(),
  empty: z.object({}).strict(),
};

/** What reading a transcript gives before anything is stored: its turns, or the line where it went wrong. */
export type TranscriptPreview =
  | { ok: true; format: 'notes' | 'text' | 'markdown' | 'vtt' | 'srt'; turns: { speaker: string | null; start: number | null; end: number | null; text: string }[]; warnings: string[] }
  | { ok: false; line: number; message: string };

const s = researchSchemas;

export const researchContract = {
  'interviews.list': query<InterviewSummary[]>()(s.interviewList, 'Interviews, newest first, found by words, persona, method and date'),
  'interviews.get': query<InterviewBody>()(s.byId, 'An interview with its body (notes or transcript) and its turns'),
  'interviews.create': mutation<ChangeSet>()(s.interviewCreate, 'Add an interview, optionally with notes or a transcript to read'),
  'interviews.update': mutation<ChangeSet>()(s.interviewUpdate, "Change an interview's title, participant, persona, date or method"),
  'interviews.setBody': mutation<ChangeSet>()(
    s.interviewBody,
    "Replace an interview's notes or transcript (quotes are found again in the new text, or keep their words without a place)",
  ),
  'interviews.previewTranscript': query<TranscriptPreview>()(s.transcriptPreview, 'Read a transcript without storing it: its turns and warnings, or where it went wrong'),
  'interviews.delete': mutation<ChangeSet>()(s.deletion, 'Delete an interview with its quotes and their links (kept for undo)'),
  'quotes.list': query<{ quotes: Quote[]; links: QuoteLink[] }>()(s.quoteList, 'The quotes of an interview, in the order of its body, with their links'),
  'quotes.search': query<QuoteSearchResult>()(s.quoteSearch, 'Quotes found by words (full-text, ranked) and filters; a window of them, with the total'),
  'quotes.create': mutation<ChangeSet>()(s.quoteCreate, 'Make a quote from part of an interview (or from words typed in)'),
  'quotes.update': mutation<ChangeSet>()(s.quoteUpdate, "Change a quote's words, sentiment, speaker, day or tags"),
  'quotes.tag': mutation<ChangeSet>()(s.quoteTag, 'Add tags to and remove tags from many quotes at once'),
  'quotes.delete': mutation<ChangeSet>()(s.deletion, 'Delete a quote with its links (kept for undo)'),
  'quotes.link': mutation<ChangeSet>()(s.quoteLink, 'Place quotes as evidence on a stage (or one card of it); a quote already there stays as it is'),
  'quoteLinks.delete': mutation<ChangeSet>()(s.deletion, 'Take a quote off a stage or card (kept for undo)'),
  'tags.list': query<TagUsage[]>()(s.empty, 'All tags, by name, with how many quotes carry each'),
  'tags.create': mutation<ChangeSet>()(s.tagCreate, 'Add a tag'),
  'tags.rename': mutation<ChangeSet>()(s.tagRename, 'Rename a tag'),
  'tags.merge': mutation<ChangeSet>()(s.tagMerge, 'Merge tags into one: their quotes carry that one instead'),
  'tags.delete': mutation<ChangeSet>()(s.deletion, 'Delete a tag (its quotes keep everything else; kept for undo)'),
  'metrics.create': mutation<ChangeSet>()(s.metricCreate, 'Add a number measured at a stage (customers entering, conversion, NPS…)'),
  'metrics.update': mutation<ChangeSet>()(s.metricUpdate, 'Change a metric'),
  'metrics.delete': mutation<ChangeSet>()(s.deletion, 'Delete a metric (kept for undo)'),
} as const;

/** Research edits a `batch.run` may hold (one undo step). */
export const RESEARCH_BATCHABLE = [
  'tags.create',
  'quotes.update',
  'quotes.tag',
  'quotes.link',
  'quoteLinks.delete',
  'metrics.create',
  'metrics.update',
  'metrics.delete',
] as const;
