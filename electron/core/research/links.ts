/**
 * Quote links: a quote placed as evidence on a stage of a map, or on one card of that stage. A stage shows
 * how many quotes back it; its evidence lane shows them; its evidence curve is their mean sentiment.
 */
import type { ParsedInput } from '../../api/contract.ts';
import { conflict, invalid, notFound } from '../../api/errors.ts';
import type { ChangeSet, QuoteLink } from '../../api/types.ts';
import { emptyChanges } from '../changes.ts';
import { requireCard } from '../cards.ts';
import { newId } from '../ids.ts';
import { touchMap } from '../maps.ts';
import { INTERVIEW_COLUMNS, QUOTE_COLUMNS, QUOTE_LINK_COLUMNS, getRow, toInterview, toQuote, toQuoteLink, type Ctx, type Row } from '../records.ts';
import { requireStage } from '../stages.ts';
import { deleteWithTombstone } from '../tombstones.ts';

export function requireQuoteLink(ctx: Ctx, id: string): QuoteLink {
  const link = getRow(ctx.db, 'quote_links', QUOTE_LINK_COLUMNS, id, toQuoteLink);
  if (!link) throw notFound(`No quote link with id "${id}" exists; the quote may have been taken off already.`);
  return link;
}

/** Place quotes on a stage (or one of its cards). A quote already placed there stays as it is. */
export function linkQuotes(ctx: Ctx, input: ParsedInput<'quotes.link'>): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    const stage = requireStage(ctx, input.stageId);
    const cardId = input.cardId ?? null;
    if (cardId !== null && requireCard(ctx, cardId).stageId !== stage.id) {
      throw invalid(`The card "${cardId}" is not in the stage "${stage.name}"; a quote goes on a card of the stage it backs.`);
    }
    const quoteExists = db.prepare('SELECT 1 FROM quotes WHERE id = ?');
    const already = db.prepare("SELECT 1 FROM quote_links WHERE quote_id = ? AND stage_id = ? AND ifnull(card_id, '') = ?");
    const idTaken = db.prepare('SELECT 1 FROM quote_links WHERE id = ?');
    const insert = db.prepare('INSERT INTO quote_links (id, quote_id, map_id, stage_id, card_id, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    const now = ctx.now().toISOString();
    const changes = emptyChanges();
    input.quoteIds.forEach((quoteId, i) => {
      if (!quoteExists.get(quoteId)) throw notFound(`No quote with id "${quoteId}" exists; it may have been deleted.`);
      // Already there (also when the call names the quote twice): it stays as it is.
      if (already.get(quoteId, stage.id, cardId ?? '')) return;
      const id = input.ids?.[i] ?? newId();
      if (idTaken.get(id)) throw conflict(`A quote link with id "${id}" already exists.`);
      insert.run(id, quoteId, stage.mapId, stage.id, cardId, now);
      changes.quoteLinks.push(requireQuoteLink(ctx, id));
    });
    if (changes.quoteLinks.length > 0) changes.maps.push(touchMap(ctx, stage.mapId));
    // A map that shows the new links needs what they place: the quotes and the interviews they are from.
    withPlacedRecords(ctx, changes);
    return changes;
  })();
}

/** Add to `changes` the quotes its links place and their interviews, as they are now. */
export function withPlacedRecords(ctx: Ctx, changes: ChangeSet): void {
  const quoteIds = [...new Set(changes.quoteLinks.map((l) => l.quoteId))].filter((id) => !changes.quotes.some((q) => q.id === id));
  if (quoteIds.length === 0) return;
  const json = JSON.stringify(quoteIds);
  changes.quotes.push(...(ctx.db.prepare(`SELECT ${QUOTE_COLUMNS} FROM quotes WHERE id IN (SELECT value FROM json_each(?))`).all(json) as Row[]).map(toQuote));
  changes.interviews.push(
    ...(
      ctx.db
        .prepare(`SELECT ${INTERVIEW_COLUMNS} FROM interviews WHERE id IN (SELECT interview_id FROM quotes WHERE id IN (SELECT value FROM json_each(?)))`)
        .all(json) as Row[]
    ).map(toInterview),
  );
}

/** Take a quote off a stage or card; kept for undo. */
export function deleteQuoteLink(ctx: Ctx, input: ParsedInput<'quoteLinks.delete'>): ChangeSet {
  return ctx.db.transaction(() => {
    const link = requireQuoteLink(ctx, input.id);
    const changes = deleteWithTombstone(ctx, 'quote_links', [link.id], 'Take quote off the map', link.mapId, input.tombstone);
    changes.maps.push(touchMap(ctx, link.mapId));
    return changes;
  })();
}
