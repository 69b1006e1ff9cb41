/**
 * Migration 9: a quote placed on a card backs the card's stage, wherever the card goes. `quotes.link` puts a quote
 * on a card of the stage it backs, but a card moved to another stage left its quote links on the stage it came
 * from: they counted there, and the evidence lane there showed them on a card it no longer held. From now on a move
 * takes them along (cards.ts); this puts every link on a card onto that card's stage. Where a quote was placed on
 * the same card twice (again after the card moved, so on two stages), the link on the card's stage stays, else the
 * one written first (the lowest rowid); the others go (they said the same).
 * The index each linked quote's sentiment is read from (`quotes_evidence`, migration 4) no longer holds its time: a
 * stage's newest quotes are found by rowid (migration 8), which every index holds.
 * Released: frozen.
 */
import type Database from 'better-sqlite3';

export function linksFollowTheirCards(db: Database.Database): void {
  db.exec(`
DELETE FROM quote_links WHERE card_id IS NOT NULL AND EXISTS (
  SELECT 1 FROM quote_links o JOIN cards c ON c.id = quote_links.card_id
  WHERE o.quote_id = quote_links.quote_id AND o.card_id = quote_links.card_id AND o.rowid != quote_links.rowid
    AND ((o.stage_id = c.stage_id) > (quote_links.stage_id = c.stage_id)
      OR ((o.stage_id = c.stage_id) = (quote_links.stage_id = c.stage_id) AND o.rowid < quote_links.rowid)));
UPDATE quote_links SET stage_id = (SELECT c.stage_id FROM cards c WHERE c.id = quote_links.card_id)
  WHERE card_id IS NOT NULL AND stage_id != (SELECT c.stage_id FROM cards c WHERE c.id = quote_links.card_id);
DROP INDEX quotes_evidence;
CREATE INDEX quotes_evidence ON quotes(id, sentiment);
`);
}
