/**
 * Migration 10: the quote index holds each quote's text in the column of its sentiment. `quotes_fts` had two
 * columns, the text and the sentiment as a facet word (migration 4), so a search by words with a sentiment filter
 * was the words AND any of the sentiment words: FTS5 merged the doclists of those words, each a fifth of all
 * quotes, for every statement of the search (counting "price" among the quotes of −2 or −1 took 1.7 ms over
 * 100,000 quotes, against 0.6 for "price" alone). Now the index has a column per sentiment — `sm2`, `sm1`, `s0`,
 * `sp1`, `sp2`, and `snone` for a quote without one — and a quote's text is in its sentiment's column, the others
 * empty. A sentiment filter is a column filter on the words (`{sm2 sm1} : (…)`), which FTS5 checks on the
 * positions of the words' own doclists (0.6 ms for the same count); words without a filter are searched in
 * every column, with no column filter at all. A quote's length (bm25) is its text's alone, with no facet word.
 * The view `quotes_fts_content` is the quotes as the index sees them (for snippets and 'delete'); the triggers
 * keep the index when a quote is made, deleted, or its text or sentiment changes. `quote_facets_fts` (migration 5)
 * is as it was: its facets still hold the sentiment words, for filters without words.
 * Released: frozen.
 */
import type Database from 'better-sqlite3';

/** The six columns' values of a quote (`q`: `new` or `old` in a trigger, the quotes table in the view). */
const columns = (q: string) =>
  [
    `iif(${q}.sentiment = -2, ${q}.text, NULL)`,
    `iif(${q}.sentiment = -1, ${q}.text, NULL)`,
    `iif(${q}.sentiment = 0, ${q}.text, NULL)`,
    `iif(${q}.sentiment = 1, ${q}.text, NULL)`,
    `iif(${q}.sentiment = 2, ${q}.text, NULL)`,
    `iif(${q}.sentiment IS NULL, ${q}.text, NULL)`,
  ].join(', ');

export function sentimentColumns(db: Database.Database): void {
  db.exec(`
DROP TRIGGER quotes_fts_insert;
DROP TRIGGER quotes_fts_delete;
DROP TRIGGER quotes_fts_update;
DROP TABLE quotes_fts;
DROP VIEW quotes_fts_content;
CREATE VIEW quotes_fts_content(quote_rowid, sm2, sm1, s0, sp1, sp2, snone) AS SELECT quotes.rowid, ${columns('quotes')} FROM quotes;
CREATE VIRTUAL TABLE quotes_fts USING fts5(sm2, sm1, s0, sp1, sp2, snone, content='quotes_fts_content', content_rowid='quote_rowid', prefix='1 2 3');
INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
  INSERT INTO quotes_fts(rowid, sm2, sm1, s0, sp1, sp2, snone) VALUES (new.rowid, ${columns('new')});
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
  INSERT INTO quotes_fts(quotes_fts, rowid, sm2, sm1, s0, sp1, sp2, snone) VALUES ('delete', old.rowid, ${columns('old')});
END;
CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text, sentiment ON quotes BEGIN
  INSERT INTO quotes_fts(quotes_fts, rowid, sm2, sm1, s0, sp1, sp2, snone) VALUES ('delete', old.rowid, ${columns('old')});
  INSERT INTO quotes_fts(rowid, sm2, sm1, s0, sp1, sp2, snone) VALUES (new.rowid, ${columns('new')});
END;
`);
}
