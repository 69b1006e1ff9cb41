/**
 * Migration 5: every filter of the quote board inside a full-text index.
 * A search by words filtered by map, stage, card, tag, interview, persona or "unplaced" was checked quote by
 * quote on every match (17–25 ms over 100,000 quotes). A second full-text index, `quote_facets_fts`, holds each
 * quote's text and its facets as words, so that one MATCH narrows and counts the matches:
 * - `sentimentm2` … `sentimentp2`, `sentimentnone` (as in `quotes_fts`);
 * - `interview<id>`, `persona<id>` (`personanone` when the interview has none);
 * - per link `map<id> stage<id>` and `card<id>` when it is on a card; `unplaced` when it has no link;
 * - per tag `tag<id>`;
 * where `<id>` is the hex of the id's UTF-8 bytes (letters and digits only: one token whatever the id holds;
 * hex(NULL) is '', hence the CASEs).
 * It is a separate index, not more columns in `quotes_fts`: bm25 counts every column's words in a quote's length,
 * so facet words there would rank a quote with many links as if its text were longer. `quotes_fts` keeps
 * ranking, snippets and the sentiment; the new index only says which matches the filters keep.
 * Each quote's facet words are kept in `quote_facets` (the view `quote_facets_fresh` reads them afresh from the
 * tables), and the index reads text and facets through the view `quote_facets_content`. Writing them is put off
 * until a search needs them: a change takes the quote's entry out of the index with the words it holds (FTS5's
 * 'delete' with the stored values) and leaves its facets NULL, "to be written"; the search writes every such
 * quote's facets and entry first (quoteSearch.ts, writePendingFacets). So a bulk import that makes a quote, tags
 * it and links it writes its entry once, not once a row. The index always equals its content view (pending
 * quotes are in neither). Triggers: on quotes (insert; delete; text, sentiment, interview), on quote_links and
 * quote_tags (insert, delete, update: these also fire for cascading deletes, which come after the quote's row is
 * gone, and for the rows an `INSERT OR IGNORE` really wrote, not for the ones it skipped) and on interviews
 * (persona, including a persona's deletion setting it to NULL); the updates only when a value they hold changed.
 * Released: frozen.
 */
import type Database from 'better-sqlite3';

/**
 * The quotes whose rowids `rowids` (an SQL expression of one or more rows) selects are to be written again: their
 * entries out of the index with the words they hold, their facets NULL. A quote no longer there is left to the
 * quote's own delete trigger (a cascade from its deletion runs after its row is gone).
 */
const stale = (rowids: string) => `
  INSERT INTO quote_facets_fts(quote_facets_fts, rowid, text, facets) SELECT 'delete', quote_rowid, text, facets FROM quote_facets_content WHERE quote_rowid IN (${rowids});
  UPDATE quote_facets SET facets = NULL WHERE quote_rowid IN (${rowids}) AND facets IS NOT NULL;`;
const byQuoteId = (id: string) => `SELECT rowid FROM quotes WHERE id = ${id}`;
/**
 * Whether the quote's facets are written (in the index): only then has a new link or tag something to take out.
 * A quote just made, or changed since the last search, is pending already — an import's links and tags of new
 * quotes then cost one look-up each, not two statements.
 */
const written = (id: string) => `EXISTS (SELECT 1 FROM quote_facets WHERE quote_rowid = (${byQuoteId(id)}) AND facets IS NOT NULL)`;

export function searchFacets(db: Database.Database): void {
  db.exec(`
CREATE VIEW quote_facets_fresh AS
  SELECT q.rowid AS quote_rowid,
    'sentiment' || CASE WHEN q.sentiment IS NULL THEN 'none' WHEN q.sentiment < 0 THEN 'm' || -q.sentiment ELSE 'p' || q.sentiment END
    || ' interview' || hex(q.interview_id) || ' persona' || CASE WHEN i.persona_id IS NULL THEN 'none' ELSE hex(i.persona_id) END
    || ifnull((SELECT ' ' || group_concat('map' || hex(l.map_id) || ' stage' || hex(l.stage_id) || CASE WHEN l.card_id IS NULL THEN '' ELSE ' card' || hex(l.card_id) END, ' ') FROM quote_links l WHERE l.quote_id = q.id), ' unplaced')
    || ifnull((SELECT ' ' || group_concat('tag' || hex(t.tag_id), ' ') FROM quote_tags t WHERE t.quote_id = q.id), '') AS facets
  FROM quotes q JOIN interviews i ON i.id = q.interview_id;
CREATE TABLE quote_facets (quote_rowid INTEGER PRIMARY KEY, facets TEXT) STRICT;
CREATE INDEX quote_facets_pending ON quote_facets(quote_rowid) WHERE facets IS NULL;
INSERT INTO quote_facets (quote_rowid, facets) SELECT quote_rowid, facets FROM quote_facets_fresh;
CREATE VIEW quote_facets_content AS
  SELECT q.rowid AS quote_rowid, q.text AS text, f.facets AS facets FROM quotes q JOIN quote_facets f ON f.quote_rowid = q.rowid WHERE f.facets IS NOT NULL;
CREATE VIRTUAL TABLE quote_facets_fts USING fts5(text, facets, content='quote_facets_content', content_rowid='quote_rowid', prefix='2 3');
INSERT INTO quote_facets_fts(quote_facets_fts) VALUES ('rebuild');
CREATE TRIGGER quote_facets_quote_insert AFTER INSERT ON quotes BEGIN
  INSERT INTO quote_facets (quote_rowid, facets) VALUES (new.rowid, NULL);
END;
CREATE TRIGGER quote_facets_quote_delete AFTER DELETE ON quotes BEGIN
  INSERT INTO quote_facets_fts(quote_facets_fts, rowid, text, facets) SELECT 'delete', old.rowid, old.text, facets FROM quote_facets WHERE quote_rowid = old.rowid AND facets IS NOT NULL;
  DELETE FROM quote_facets WHERE quote_rowid = old.rowid;
END;
CREATE TRIGGER quote_facets_quote_update AFTER UPDATE OF text, sentiment, interview_id ON quotes
  WHEN old.text IS NOT new.text OR old.sentiment IS NOT new.sentiment OR old.interview_id IS NOT new.interview_id BEGIN
  INSERT INTO quote_facets_fts(quote_facets_fts, rowid, text, facets) SELECT 'delete', old.rowid, old.text, facets FROM quote_facets WHERE quote_rowid = old.rowid AND facets IS NOT NULL;
  UPDATE quote_facets SET facets = NULL WHERE quote_rowid = old.rowid;
END;
CREATE TRIGGER quote_facets_link_insert AFTER INSERT ON quote_links WHEN ${written('new.quote_id')} BEGIN${stale(byQuoteId('new.quote_id'))}
END;
CREATE TRIGGER quote_facets_link_delete AFTER DELETE ON quote_links BEGIN${stale(byQuoteId('old.quote_id'))}
END;
CREATE TRIGGER quote_facets_link_update AFTER UPDATE OF quote_id, map_id, stage_id, card_id ON quote_links BEGIN${stale(`${byQuoteId('old.quote_id')} UNION ${byQuoteId('new.quote_id')}`)}
END;
CREATE TRIGGER quote_facets_tag_insert AFTER INSERT ON quote_tags WHEN ${written('new.quote_id')} BEGIN${stale(byQuoteId('new.quote_id'))}
END;
CREATE TRIGGER quote_facets_tag_delete AFTER DELETE ON quote_tags BEGIN${stale(byQuoteId('old.quote_id'))}
END;
CREATE TRIGGER quote_facets_tag_update AFTER UPDATE OF quote_id, tag_id ON quote_tags BEGIN${stale(`${byQuoteId('old.quote_id')} UNION ${byQuoteId('new.quote_id')}`)}
END;
CREATE TRIGGER quote_facets_interview_update AFTER UPDATE OF id, persona_id ON interviews
  WHEN old.id IS NOT new.id OR old.persona_id IS NOT new.persona_id BEGIN${stale('SELECT rowid FROM quotes WHERE interview_id IN (old.id, new.id)')}
END;
`);
}
