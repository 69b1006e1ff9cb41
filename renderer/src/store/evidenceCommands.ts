/**
 * Evidence edits made on the map, as commands with their inverses (see commands.ts): placing quotes on a
 * stage or card, taking one off, giving a quote a sentiment, tagging quotes. They run through the map
 * store's `perform`, so they are one history entry each and Ctrl+Z undoes them like any other edit.
 */
import type { BatchableName, OperationInput } from '../../../electron/api/contract.ts';
import { newId } from '../../../electron/api/ids.ts';
import { countOf } from '../labels.ts';
import type { Command, Step } from './commands.ts';
import type { MapModel } from './mapModel.ts';

const step = <K extends BatchableName>(name: K, input: OperationInput<K>): Step => ({ name, input });

/**
 * Place quotes on a stage, or on one card of it. Quotes already placed there are left out (the workspace
 * would keep them as they are, and undo must not take them off). The new links' ids are chosen here, so undo
 * can take exactly those off (kept under tombstones) and redo bring exactly those back.
 */
export function linkQuotes(model: MapModel, quoteIds: readonly string[], stageId: string, cardId: string | null = null, ids?: readonly string[]): Command & { ids: string[] } {
  const there = new Set(Object.values(model.quoteLinks).filter((l) => l.stageId === stageId && l.cardId === cardId).map((l) => l.quoteId));
  const fresh = [...new Set(quoteIds)].filter((id) => !there.has(id));
  const linkIds = fresh.map((_, i) => ids?.[i] ?? newId());
  const tombstones = linkIds.map(() => newId());
  const label = `Link ${countOf(fresh.length, 'quote')}${cardId === null ? '' : ' to a card'}`;
  return {
    ids: linkIds,
    label,
    forward: fresh.length === 0 ? [] : [step('quotes.link', { quoteIds: fresh, stageId, ...(cardId === null ? {} : { cardId }), ids: linkIds })],
    backward: linkIds.map((id, i) => step('quoteLinks.delete', { id, tombstone: tombstones[i] })),
    redo: tombstones.map((id) => step('tombstones.restore', { id })),
  };
}

/**
 * Take a quote off the map where these links place it (one history entry); undo brings the same links back.
 * The links come from what the person sees (the inspector reads them from the workspace); one taken off
 * meanwhile by someone else is refused by the workspace with its reason, and nothing changes.
 */
export function unlinkQuote(linkIds: string | readonly string[]): Command {
  const links = typeof linkIds === 'string' ? [linkIds] : [...new Set(linkIds)];
  const tombstones = links.map(() => newId());
  return {
    label: 'Take quote off the map',
    forward: links.map((id, i) => step('quoteLinks.delete', { id, tombstone: tombstones[i] })),
    backward: tombstones.map((id) => step('tombstones.restore', { id })).reverse(),
  };
}

/** Give a quote a sentiment (−2..+2), or none; undo puts back the one it had. */
export function setQuoteSentiment(model: MapModel, quoteId: string, sentiment: number | null): Command {
  const quote = model.quotes[quoteId];
  if (!quote || quote.sentiment === sentiment) return { label: 'Set sentiment', forward: [], backward: [] };
  return {
    label: 'Set sentiment',
    forward: [step('quotes.update', { id: quoteId, sentiment })],
    backward: [step('quotes.update', { id: quoteId, sentiment: quote.sentiment })],
  };
}

/** Give a quote the day it was said (YYYY-MM-DD), or none; undo puts back the one it had. */
export function setQuoteSaidOn(model: MapModel, quoteId: string, saidOn: string | null): Command {
  const quote = model.quotes[quoteId];
  if (!quote || quote.saidOn === saidOn) return { label: 'Set the day said', forward: [], backward: [] };
  return {
    label: 'Set the day said',
    forward: [step('quotes.update', { id: quoteId, saidOn })],
    backward: [step('quotes.update', { id: quoteId, saidOn: quote.saidOn })],
  };
}

/**
 * Add tags to and remove tags from quotes. Undo gives each quote back exactly its own tags: a tag it already
 * had is not removed, a tag it did not have is not added back.
 */
export function tagQuote(model: MapModel, quoteIds: readonly string[], add: readonly string[], remove: readonly string[] = []): Command {
  const quotes = quoteIds.map((id) => model.quotes[id]).filter((q) => q !== undefined);
  const backward: Step[] = [];
  for (const quote of quotes) {
    const had = new Set(quote.tagIds);
    const undoAdd = add.filter((t) => !had.has(t) && !remove.includes(t));
    const undoRemove = remove.filter((t) => had.has(t));
    if (undoAdd.length > 0 || undoRemove.length > 0) backward.push(step('quotes.tag', { quoteIds: [quote.id], add: undoRemove, remove: undoAdd }));
  }
  const changes = add.length > 0 || remove.length > 0;
  return {
    label: quotes.length > 1 ? `Tag ${countOf(quotes.length, 'quote')}` : 'Tag quote',
    forward: changes && quotes.length > 0 ? [step('quotes.tag', { quoteIds: quotes.map((q) => q.id), add: [...add], remove: [...remove] })] : [],
    backward,
  };
}
