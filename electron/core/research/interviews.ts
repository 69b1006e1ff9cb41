/**
 * Interviews: notes typed in Waymark or transcripts read from the files video-call tools write (WebVTT,
 * SRT, text, Markdown). A transcript is stored as a readable body (the turns' text, a blank line between
 * turns) and its turns (speaker, times, and which characters of the body each is), so quotes keep their
 * place and the screen shows speaker and time per turn. A file that is not a transcript is refused with
 * the line where it went wrong, and nothing is written.
 */
import type { ParsedInput } from '../../api/contract.ts';
import { conflict, invalid, notFound } from '../../api/errors.ts';
import type { TranscriptPreview } from '../../api/research.ts';
import type {
  ChangeSet,
  Interview,
  InterviewBody,
  InterviewFormat,
  InterviewSummary,
  TranscriptTurn,
} from '../../api/types.ts';
import { emptyChanges } from '../changes.ts';
import { newId } from '../ids.ts';
import { parseTranscript } from '../io/transcripts/index.ts';
import { INTERVIEW_COLUMNS, QUOTE_COLUMNS, getRow, toInterview, toQuote, type Ctx, type Row } from '../records.ts';
import { ftsQuery } from '../search.ts';
import { deleteWithTombstone } from '../tombstones.ts';
import { requirePersona } from './personas.ts';

/** Between two turns of a stored transcript. */
const TURN_GAP = '\n\n';

export function requireInterview(ctx: Ctx, id: string): Interview {
  const interview = getRow(ctx.db, 'interviews', INTERVIEW_COLUMNS, id, toInterview);
  if (!interview) throw notFound(`No interview with id "${id}" exists; it may have been deleted.`);
  return interview;
}

type BodyInput = { text: string; format: 'auto' | InterviewFormat; fileName?: string | undefined };

/** Read notes or a transcript without storing anything. */
export function previewTranscript(input: BodyInput): TranscriptPreview {
  if (input.format === 'notes') {
    return { ok: true, format: 'notes', turns: [{ speaker: null, start: null, end: null, text: normaliseNotes(input.text) }], warnings: [] };
  }
  const hint = { ...(input.fileName !== undefined ? { fileName: input.fileName } : {}), ...(input.format !== 'auto' ? { format: input.format } : {}) };
  return parseTranscript(input.text, hint);
}

/** Notes as typed, with line ends made one kind and a byte-order mark dropped. */
const normaliseNotes = (text: string): string => text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');

/** What is stored for a body: its text, its format and its turns (null for notes). Refused in words when unreadable. */
export function readBody(input: BodyInput): { body: string; format: InterviewFormat; turns: TranscriptTurn[] | null } {
  if (input.format === 'notes') return { body: normaliseNotes(input.text), format: 'notes', turns: null };
  const parsed = previewTranscript(input);
  if (!parsed.ok) {
    throw invalid(`Line ${parsed.line}: ${parsed.message} Nothing was imported.`, [`text: line ${parsed.line}: ${parsed.message}`]);
  }
  const turns: TranscriptTurn[] = [];
  let body = '';
  for (const turn of parsed.turns) {
    if (body.length > 0) body += TURN_GAP;
    turns.push({ speaker: turn.speaker, start: turn.start, end: turn.end, from: body.length, to: body.length + turn.text.length });
    body += turn.text;
  }
  return { body, format: parsed.format, turns };
}

function readTurns(value: unknown, interviewId: string): TranscriptTurn[] | null {
  if (value === null) return null;
  if (typeof value !== 'string') throw new Error(`Bad row in interviews "${interviewId}": turns should be JSON text.`);
  const parsed: unknown = JSON.parse(value);
  if (!Array.isArray(parsed)) throw new Error(`Bad row in interviews "${interviewId}": turns should be a list.`);
  return parsed as TranscriptTurn[];
}

export function getInterview(ctx: Ctx, id: string): InterviewBody {
  const interview = requireInterview(ctx, id);
  const row = ctx.db.prepare('SELECT transcript, turns FROM interviews WHERE id = ?').get(id) as { transcript: string; turns: unknown };
  return { interview, body: row.transcript, turns: readTurns(row.turns, id) };
}

/** Newest first (by the day held, then when added); found by words in title, participant and body. */
export function listInterviews(ctx: Ctx, input: ParsedInput<'interviews.list'>): InterviewSummary[] {
  const where: string[] = [];
  const params: unknown[] = [];
  const match = input.query === undefined ? null : ftsQuery(input.query);
  if (input.personaId !== undefined) {
    where.push('i.persona_id = ?');
    params.push(input.personaId);
  }
  if (input.method !== undefined) {
    where.push('i.method = ?');
    params.push(input.method);
  }
  if (input.from !== undefined) {
    where.push('i.held_on >= ?');
    params.push(input.from);
  }
  if (input.to !== undefined) {
    where.push('i.held_on <= ?');
    params.push(input.to);
  }
  const columns = INTERVIEW_COLUMNS.split(', ').map((c) => `i.${c}`).join(', ');
  const count = '(SELECT count(*) FROM quotes q WHERE q.interview_id = i.id) AS quote_count';
  let sql: string;
  if (match !== null) {
    sql = `SELECT ${columns}, ${count}, snippet(interviews_fts, -1, char(57344), char(57345), '…', 16) AS snippet
           FROM interviews_fts f JOIN interviews i ON i.rowid = f.rowid
           WHERE interviews_fts MATCH ?${where.map((w) => ` AND ${w}`).join('')} ORDER BY f.rank`;
    params.unshift(match);
  } else if (input.query !== undefined && input.query.trim() !== '') {
    return []; // only punctuation: nothing can match
  } else {
    sql = `SELECT ${columns}, ${count}, NULL AS snippet FROM interviews i ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY i.held_on IS NULL, i.held_on DESC, i.created_at DESC, i.id`;
  }
  const rows = ctx.db.prepare(sql).all(...params) as Row[];
  return rows.map((r) => ({ interview: toInterview(r), quoteCount: Number(r.quote_count), snippet: typeof r.snippet === 'string' ? r.snippet : null }));
}

export function createInterview(ctx: Ctx, input: ParsedInput<'interviews.create'>): ChangeSet {
  const { db } = ctx;
  // Read the file first: a transcript that cannot be read stops everything before a row is written.
  const body = input.body ? readBody(input.body) : { body: '', format: 'notes' as const, turns: null };
  return db.transaction(() => {
    const id = input.id ?? newId();
    if (db.prepare('SELECT 1 FROM interviews WHERE id = ?').get(id)) throw conflict(`An interview with id "${id}" already exists.`);
    if (input.personaId) requirePersona(ctx, input.personaId);
    const now = ctx.now().toISOString();
    db.prepare(
      'INSERT INTO interviews (id, title, participant, persona_id, held_on, method, transcript, format, turns, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      id,
      input.title,
      input.participant ?? '',
      input.personaId ?? null,
      input.heldOn ?? null,
      input.method ?? 'interview',
      body.body,
      body.format,
      body.turns === null ? null : JSON.stringify(body.turns),
      now,
      now,
    );
    const changes = emptyChanges();
    changes.interviews.push(requireInterview(ctx, id));
    return changes;
  })();
}

export function updateInterview(ctx: Ctx, input: ParsedInput<'interviews.update'>): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    const i = requireInterview(ctx, input.id);
    if (input.personaId) requirePersona(ctx, input.personaId);
    db.prepare('UPDATE interviews SET title = ?, participant = ?, persona_id = ?, held_on = ?, method = ?, updated_at = ? WHERE id = ?').run(
      input.title ?? i.title,
      input.participant ?? i.participant,
      input.personaId === undefined ? i.personaId : input.personaId,
      input.heldOn === undefined ? i.heldOn : input.heldOn,
      input.method ?? i.method,
      ctx.now().toISOString(),
      i.id,
    );
    const changes = emptyChanges();
    changes.interviews.push(requireInterview(ctx, i.id));
    return changes;
  })();
}

/**
 * Replace the body. Each quote selected in the old body is looked for in the new one: found, it keeps its
 * place there (and takes that turn's speaker and time); not found, it keeps its words and loses its place.
 */
export function setInterviewBody(ctx: Ctx, input: ParsedInput<'interviews.setBody'>): ChangeSet {
  const { db } = ctx;
  const body = readBody(input);
  return db.transaction(() => {
    const i = requireInterview(ctx, input.id);
    db.prepare('UPDATE interviews SET transcript = ?, format = ?, turns = ?, updated_at = ? WHERE id = ?').run(
      body.body,
      body.format,
      body.turns === null ? null : JSON.stringify(body.turns),
      ctx.now().toISOString(),
      i.id,
    );
    const changes = emptyChanges();
    changes.interviews.push(requireInterview(ctx, i.id));
    const quotes = (db.prepare(`SELECT ${QUOTE_COLUMNS} FROM quotes WHERE interview_id = ? AND start_offset IS NOT NULL`).all(i.id) as Row[]).map(toQuote);
    const place = db.prepare('UPDATE quotes SET start_offset = ?, end_offset = ?, speaker = ?, at_seconds = ? WHERE id = ?');
    const one = db.prepare(`SELECT ${QUOTE_COLUMNS} FROM quotes WHERE id = ?`);
    for (const q of quotes) {
      const at = body.body.indexOf(q.text);
      const turn = turnAt(body.turns, at); // none at -1: the words are not in the new body
      place.run(at < 0 ? null : at, at < 0 ? null : at + q.text.length, turn?.speaker ?? q.speaker, turn ? turn.start : q.atSeconds, q.id);
      changes.quotes.push(toQuote(one.get(q.id) as Row));
    }
    return changes;
  })();
}

/** The turn that holds the character at `offset`, if the body has turns. */
export function turnAt(turns: readonly TranscriptTurn[] | null, offset: number): TranscriptTurn | undefined {
  if (turns === null) return undefined;
  return turns.find((t) => offset >= t.from && offset < t.to);
}

export function deleteInterview(ctx: Ctx, input: ParsedInput<'interviews.delete'>): ChangeSet {
  return ctx.db.transaction(() => {
    const i = requireInterview(ctx, input.id);
    return deleteWithTombstone(ctx, 'interviews', [i.id], `Delete interview "${i.title}"`, null, input.tombstone);
  })();
}

