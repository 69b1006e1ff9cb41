/**
 * Migration 8: quotes are listed newest first by the order they came into the workspace (a quote's `seq`, its
 * rowid), no longer by (created_at, id): quotes of one time (the rows of one import) were listed by their random
 * ids, and a search by words — whose matches FTS5 walks by rowid — listed them otherwise. The rowid needs no index,
 * so the (created_at, id) index goes: a quote written costs one index less.
 * Nothing is rewritten: a quote's rowid is where it came in (one brought back by undo under this schema's
 * predecessors came in again: it is listed as the newest of its time; rows imported from a file came in in the
 * file's order, so they are listed from the last row up, where today's import lists them top to bottom).
 * Released: frozen.
 */
import type Database from 'better-sqlite3';

export function quotesInOrderReceived(db: Database.Database): void {
  db.exec(`
DROP INDEX quotes_by_created;
`);
}
