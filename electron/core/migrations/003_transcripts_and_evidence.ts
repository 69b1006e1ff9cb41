/**
 * Migration 3: transcripts and evidence.
 * - An interview keeps how its body was read (`format`: notes typed in Waymark, or an imported text, Markdown,
 *   WebVTT or SRT file) and, for an imported transcript, its turns (`turns`, JSON: who spoke, when, and which
 *   characters of the body the turn is), so the transcript reads as speaker and time per turn.
 * - A quote keeps who said it (`speaker`) and when in the recording (`at_seconds`), read from the turn it
 *   was selected in, or from the spreadsheet it came from.
 * - Quotes are listed newest first (an index on `created_at`), and searched as people type: the full-text
 *   index of quotes is rebuilt with prefix indexes of 2 and 3 characters (a first letter or two matches
 *   most quotes; counted from a prefix index that is ten times faster).
 * Existing interviews are notes (no turns); existing quotes have no speaker and no time.
 * Released: frozen.
 */
import type Database from 'better-sqlite3';

export function transcriptsAndEvidence(db: Database.Database): void {
  db.exec(`
ALTER TABLE interviews ADD COLUMN format TEXT NOT NULL DEFAULT 'notes' CHECK (format IN ('notes', 'text', 'markdown', 'vtt', 'srt'));
ALTER TABLE interviews ADD COLUMN turns TEXT CHECK (turns IS NULL OR json_valid(turns));
ALTER TABLE quotes ADD COLUMN speaker TEXT NOT NULL DEFAULT '';
ALTER TABLE quotes ADD COLUMN at_seconds REAL CHECK (at_seconds IS NULL OR at_seconds >= 0);
CREATE INDEX quotes_by_created ON quotes(created_at, id);
CREATE INDEX interviews_by_held_on ON interviews(held_on);
DROP TABLE quotes_fts;
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='rowid', prefix='2 3');
INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');
`);
}
