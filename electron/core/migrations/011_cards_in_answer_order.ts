/**
 * Migration 11: an index that holds every field of a map's cards in the order `maps.getColumns` answers them —
 * map, lane id, stage id, position, id (SQLite's BINARY order) — so the engine reads a whole map's cards as one
 * range of one index, cell after cell, and SQLite makes each cell's share of every column's JSON text itself
 * (`json_group_array`, grouped by cell; electron/core/maps.ts `cardShares`). Through `cards_by_cell` each card
 * was a look-up of its row in the table (the 36 cells of a 55,000-card map took 43–47 ms in SQLite and
 * better-sqlite3 alone, and making a JavaScript value of each field most of that); from this index SQLite
 * makes those cards' JSON in about 20–30 ms. `cards_by_map` stays: counting a map's cards (the
 * map list, the cache's proof that the cards it holds are all of them) reads its small entries, not these. The
 * index holds the cards' text a second time (the workspace grows by about the size of its cards), and each card
 * written writes it too.
 * Released: frozen.
 */
import type Database from 'better-sqlite3';

export function cardsInAnswerOrder(db: Database.Database): void {
  db.exec(`
CREATE INDEX cards_in_answer_order ON cards(map_id, lane_id, stage_id, position, id, text, color, channel, votes, evidence);
`);
}
