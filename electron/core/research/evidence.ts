/**
 * The evidence a map shows when it opens: totals per stage (distinct quotes, their sentiments) and per card,
 * and each stage's newest quotes with their links and interviews — what the stage headers, the evidence lane,
 * the evidence curve and the card badges draw. A stage's other quotes are read when someone looks at them
 * (`quotes.search` by map, stage or card), so a map with 20,000 linked quotes opens as fast as one with few:
 * the totals come from one pass over two indexes (migration 4), and only the newest quotes are read whole.
 */
import type { MapEvidenceDocument, StageEvidenceTotal } from '../../api/types.ts';
import { INTERVIEW_COLUMNS, QUOTE_LINK_COLUMNS, quoteColumnsOf, toInterview, toQuote, toQuoteLink, type Ctx, type Row } from '../records.ts';

/** How many of a stage's newest quotes a map carries: more than an evidence lane shows at its natural height. */
export const NEWEST_PER_STAGE = 20;

/** A stage's totals while they are counted, and its newest quotes so far ([seq, id], newest first: seq highest first, as the quote board). */
interface Tally {
  total: StageEvidenceTotal;
  newest: [number, string][];
}

/** Keep `entry` in `list` if it is among the `limit` newest (the list stays ordered, newest first). */
function keepNewest(list: [number, string][], entry: [number, string], limit: number): void {
  if (list.length === limit) {
    const last = list[limit - 1];
    if (last !== undefined && entry[0] <= last[0]) return;
    list.pop();
  }
  let i = list.length;
  while (i > 0 && entry[0] > (list[i - 1] as [number, string])[0]) i--;
  list.splice(i, 0, entry);
}

export function mapEvidence(ctx: Ctx, mapId: string, newestPerStage = NEWEST_PER_STAGE): MapEvidenceDocument {
  const { db } = ctx;
  // Each (stage, quote) once — a quote on a stage and on one of its cards backs the stage once — with the
  // quote's sentiment and place in the order (its rowid), all read from indexes (no row of either table).
  const pairs = db
    .prepare(
      `SELECT l.stage_id, l.quote_id, q.sentiment, q.rowid
       FROM (SELECT DISTINCT stage_id, quote_id FROM quote_links WHERE map_id = ?) l
       JOIN quotes q INDEXED BY quotes_evidence ON q.id = l.quote_id`,
    )
    .raw()
    .all(mapId) as [string, string, number | null, number][];
  const tallies = new Map<string, Tally>();
  for (const [stageId, quoteId, sentiment, seq] of pairs) {
    let tally = tallies.get(stageId);
    if (!tally) tallies.set(stageId, (tally = { total: { stageId, quoteCount: 0, sentimentSum: 0, sentimentCount: 0 }, newest: [] }));
    tally.total.quoteCount++;
    if (sentiment !== null) {
      tally.total.sentimentSum += sentiment;
      tally.total.sentimentCount++;
    }
    keepNewest(tally.newest, [seq, quoteId], newestPerStage);
  }
  const cards = (
    db.prepare('SELECT card_id, count(DISTINCT quote_id) AS n FROM quote_links WHERE map_id = ? AND card_id IS NOT NULL GROUP BY card_id ORDER BY card_id').all(mapId) as {
      card_id: string;
      n: number;
    }[]
  ).map((r) => ({ cardId: r.card_id, quoteCount: r.n }));

  // The newest quotes whole (with their tags, by name), newest first; their links on this map; their interviews.
  const shown = new Set<string>();
  for (const tally of tallies.values()) for (const [, id] of tally.newest) shown.add(id);
  const ids = JSON.stringify([...shown]);
  const quotes = (
    db.prepare(`SELECT ${quoteColumnsOf('q')} FROM quotes q WHERE q.id IN (SELECT value FROM json_each(?)) ORDER BY q.rowid DESC`).all(ids) as Row[]
  ).map(toQuote);
  const quoteLinks = (
    db.prepare(`SELECT ${QUOTE_LINK_COLUMNS} FROM quote_links WHERE map_id = ? AND quote_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, id`).all(mapId, ids) as Row[]
  ).map(toQuoteLink);
  const interviews = (
    db
      .prepare(`SELECT ${INTERVIEW_COLUMNS} FROM interviews WHERE id IN (SELECT interview_id FROM quotes WHERE id IN (SELECT value FROM json_each(?))) ORDER BY title COLLATE NOCASE, id`)
      .all(ids) as Row[]
  ).map(toInterview);
  return { evidence: { stages: [...tallies.values()].map((t) => t.total), cards, newest: newestPerStage }, quoteLinks, quotes, interviews };
}
