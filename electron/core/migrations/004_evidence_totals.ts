/**
 * Migration 4: indexes for a map's evidence totals.
 * A map opens with its evidence as totals (per stage: distinct quotes, their sentiments; per card: quotes) and
 * each stage's newest quotes, read in one pass over the map's links. That pass reads two indexes and no table:
 * - the map's links by stage and quote (`quote_links_by_map_stage`, which also serves what `quote_links_by_map`
 *   served, so that one goes);
 * - each linked quote's sentiment and time (`quotes_evidence`), instead of its row with all its words.
 * Released: frozen.
 */
import type Database from 'better-sqlite3';

export function evidenceTotals(db: Database.Database): void {
  db.exec(`
DROP INDEX quote_links_by_map;
CREATE INDEX quote_links_by_map_stage ON quote_links(map_id, stage_id, quote_id);
CREATE INDEX quotes_evidence ON quotes(id, sentiment, created_at);
`);
}
