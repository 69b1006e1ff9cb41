/**
 * Quotes: what a participant said, taken from an interview's body (keeping where it is, who said it and
 * when) or typed in; with a sentiment (−2..+2) and tags. Tags and the quote's place on maps (quote links)
 * have their own modules.
 */
import type { ParsedInput } from '../../api/contract.ts';
import { conflict, invalid, notFound } from '../../api/errors.ts';
import type { ChangeSet, Quote, QuoteLink } from '../../api/types.ts';
import { emptyChanges } from '../changes.ts';
import { newId } from '../ids.ts';
import { QUOTE_COLUMNS, QUOTE_LINK_COLUMNS, getRow, toQuote, toQuoteLink, type Ctx, type Row } from '../records.ts';
import { deleteWithTombstone } from '../tombstones.ts';
import { getInterview, requireInterview, turnAt } from './interviews.ts';

export function requireQuote(ctx: Ctx, id: string): Quote {
  const quote = getRow(ctx.db, 'quotes', QUOTE_COLUMNS, id, toQuote);
  if (!quote) throw notFound(`No quote with id "${id}" exists; it may have been deleted.`);
  return quote;
}

/** Each tag must exist; duplicates are dropped. */
function requireTags(ctx: Ctx, tagIds: readonly string[]): string[] {
  const exists = ctx.db.prepare('SELECT 1 FROM tags WHERE id = ?');
  for (const id of tagIds) if (!exists.get(id)) throw notFound(`No tag with id "${id}" exists; it may have been deleted or merged.`);
  return [...new Set(tagIds)];
}

function setTags(ctx: Ctx, quoteId: string, tagIds: readonly string[]): void {
  ctx.db.prepare('DELETE FROM quote_tags WHERE quote_id = ?').run(quoteId);
  const insert = ctx.db.prepare('INSERT INTO quote_tags (quote_id, tag_id) VALUES (?, ?)');
  for (const tagId of tagIds) insert.run(quoteId, tagId);
}

/** The quotes of an interview in the order of its body (quotes without a place last, oldest first), with their links. */
export function listQuotes(ctx: Ctx, interviewId: string): { quotes: Quote[]; links: QuoteLink[] } {
  requireInterview(ctx, interviewId);
  const quotes = (
    ctx.db.prepare(`SELECT ${QUOTE_COLUMNS} FROM quotes WHERE interview_id = ? ORDER BY start_offset IS NULL, start_offset, rowid`).all(interviewId) as Row[]
  ).map(toQuote);
  const links = (
    ctx.db
      .prepare(`SELECT ${QUOTE_LINK_COLUMNS} FROM quote_links WHERE quote_id IN (SELECT id FROM quotes WHERE interview_id = ?) ORDER BY created_at, id`)
      .all(interviewId) as Row[]
  ).map(toQuoteLink);
  return { quotes, links };
}

/**
 * Make a quote. Selected in the body, its words are read from there (spaces around the selection left
 * out) and it takes the speaker and time of the turn it starts in.
 */
export function createQuote(ctx: Ctx, input: ParsedInput<'quotes.create'>): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    const id = input.id ?? newId();
    if (db.prepare('SELECT 1 FROM quotes WHERE id = ?').get(id)) throw conflict(`A quote with id "${id}" already exists.`);
    const { interview, body, turns } = getInterview(ctx, input.interviewId);
    let text = input.text ?? '';
    let start: number | null = null;
    let end: number | null = null;
    let speaker = input.speaker ?? '';
    let atSeconds: number | null = null;
    if (input.startOffset !== undefined && input.endOffset !== undefined) {
      if (input.startOffset >= input.endOffset || input.endOffset > body.length) {
        throw invalid(`The selection ${input.startOffset}–${input.endOffset} is not inside the interview's text (${body.length} characters).`);
      }
      const selected = body.slice(input.startOffset, input.endOffset);
      const lead = selected.length - selected.trimStart().length;
      text = selected.trim();
      if (text === '') throw invalid('The selection holds only spaces; select the words to quote.');
      start = input.startOffset + lead;
      end = start + text.length;
      if (input.text !== undefined && input.text.trim() !== text) {
        throw conflict("The interview's text has changed since the selection was made; select the words again.");
      }
      const turn = turnAt(turns, start);
      if (input.speaker === undefined) speaker = turn?.speaker ?? '';
      atSeconds = turn?.start ?? null;
    }
    const tagIds = requireTags(ctx, input.tagIds ?? []);
    db.prepare('INSERT INTO quotes (id, interview_id, text, start_offset, end_offset, sentiment, speaker, at_seconds, said_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      id,
      interview.id,
      text,
      start,
      end,
      input.sentiment ?? null,
      speaker,
      atSeconds,
      input.saidOn ?? null,
      ctx.now().toISOString(),
    );
    setTags(ctx, id, tagIds);
    const changes = emptyChanges();
    changes.quotes.push(requireQuote(ctx, id));
    return changes;
  })();
}

export function updateQuote(ctx: Ctx, input: ParsedInput<'quotes.update'>): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    const q = requireQuote(ctx, input.id);
    // New words no longer match the place they were selected from.
    const moved = input.text !== undefined && input.text !== q.text;
    db.prepare('UPDATE quotes SET text = ?, sentiment = ?, speaker = ?, said_on = ?, start_offset = ?, end_offset = ? WHERE id = ?').run(
      input.text ?? q.text,
      input.sentiment === undefined ? q.sentiment : input.sentiment,
      input.speaker ?? q.speaker,
      input.saidOn === undefined ? q.saidOn : input.saidOn,
      moved ? null : q.startOffset,
      moved ? null : q.endOffset,
      q.id,
    );
    if (input.tagIds !== undefined) setTags(ctx, q.id, requireTags(ctx, input.tagIds));
    const changes = emptyChanges();
    changes.quotes.push(requireQuote(ctx, q.id));
    return changes;
  })();
}

/** Add and remove tags on many quotes at once (a tag both added and removed is removed). */
export function tagQuotes(ctx: Ctx, input: ParsedInput<'quotes.tag'>): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    const add = requireTags(ctx, input.add);
    const remove = requireTags(ctx, input.remove);
    const insert = db.prepare('INSERT OR IGNORE INTO quote_tags (quote_id, tag_id) VALUES (?, ?)');
    const del = db.prepare('DELETE FROM quote_tags WHERE quote_id = ? AND tag_id = ?');
    const changes = emptyChanges();
    for (const quoteId of new Set(input.quoteIds)) {
      requireQuote(ctx, quoteId);
      for (const tagId of add) insert.run(quoteId, tagId);
      for (const tagId of remove) del.run(quoteId, tagId);
      changes.quotes.push(requireQuote(ctx, quoteId));
    }
    return changes;
  })();
}

export function deleteQuote(ctx: Ctx, input: ParsedInput<'quotes.delete'>): ChangeSet {
  return ctx.db.transaction(() => {
    const q = requireQuote(ctx, input.id);
    const words = q.text.length > 40 ? `${q.text.slice(0, 40)}…` : q.text;
    return deleteWithTombstone(ctx, 'quotes', [q.id], `Delete quote "${words}"`, null, input.tombstone);
  })();
}
