/**
 * Migration 4: evidence totals and search facets.
 * A map opens with its evidence as totals (per stage: distinct quotes, their sentiments; per card: quotes) and
 * each stage's newest quotes, read in one pass over the map's links. That pass reads two indexes and no table:
 * - the map's links by stage and quote (`quote_links_by_map_stage`, which also serves what `quote_links_by_map`
 *   served, so that one goes);
 * - each linked quote's sentiment and time (`quotes_evidence`), instead of its row with all its words.
 * The quote board filters a full-text search by sentiment inside the full-text index: the index gets a second
 * column, `facets`, holding the quote's sentiment as a word (`sentimentm2` … `sentimentp2`, `sentimentnone`),
 * read through the view `quotes_fts_content` (the quotes as the index sees them), kept by the triggers when a
 * quote's text or sentiment changes, and left out of the ranking (bm25 weight 0).
 * Released: frozen.
 */
import type Database from 'better-sqlite3';

export function evidenceTotals(db: Database.Database): void {
  db.exec(`
DROP INDEX quote_links_by_map;
CREATE INDEX quote_links_by_map_stage ON quote_links(map_id, stage_id, quote_id);
CREATE INDEX quotes_evidence ON quotes(id, sentiment, created_at);

DROP TRIGGER quotes_fts_delete;
DROP TRIGGER quotes_fts_insert;
DROP TRIGGER quotes_fts_update;
DROP TABLE quotes_fts;
CREATE VIEW quotes_fts_content AS
  SELECT rowid AS quote_rowid, text,
    'sentiment' || CASE WHEN sentiment IS NULL THEN 'none' WHEN sentiment < 0 THEN 'm' || -sentiment ELSE 'p' || sentiment END AS facets
  FROM quotes;
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, facets, content='quotes_fts_content', content_rowid='quote_rowid', prefix='2 3');
INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('rank', 'bm25(1.0, 0.0)');
INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
  INSERT INTO quotes_fts(rowid, text, facets)
    SELECT quote_rowid, text, facets FROM quotes_fts_content WHERE quote_rowid = new.rowid;
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
  INSERT INTO quotes_fts(quotes_fts, rowid, text, facets)
    VALUES ('delete', old.rowid, old.text, 'sentiment' || CASE WHEN old.sentiment IS NULL THEN 'none' WHEN old.sentiment < 0 THEN 'm' || -old.sentiment ELSE 'p' || old.sentiment END);
END;
CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text, sentiment ON quotes BEGIN
  INSERT INTO quotes_fts(quotes_fts, rowid, text, facets)
    VALUES ('delete', old.rowid, old.text, 'sentiment' || CASE WHEN old.sentiment IS NULL THEN 'none' WHEN old.sentiment < 0 THEN 'm' || -old.sentiment ELSE 'p' || old.sentiment END);
  INSERT INTO quotes_fts(rowid, text, facets)
    SELECT quote_rowid, text, facets FROM quotes_fts_content WHERE quote_rowid = new.rowid;
END;
`);
}
