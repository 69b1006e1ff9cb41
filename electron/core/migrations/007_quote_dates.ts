/**
 * Migration 7: a quote keeps the day it was said (`said_on`, YYYY-MM-DD), when known — read from the date column
 * of the spreadsheet it was imported from, or given when it is made or edited. Until now only a new interview kept
 * a day (its `held_on`, the earliest of its rows); rows imported into an existing interview lost theirs.
 * The day is stored as `held_on` and `measured_at` are (text, YYYY-MM-DD), and the table holds only a day that is
 * on the calendar: SQLite's date() gives back the same text for one and another text or NULL for anything else
 * (2026-02-30, 2026-3-1, a time).
 * Existing quotes have no day (NULL): the day they were said was not kept.
 * Released: frozen.
 */
import type Database from 'better-sqlite3';

export function quoteDates(db: Database.Database): void {
  db.exec(`
ALTER TABLE quotes ADD COLUMN said_on TEXT CHECK (said_on IS NULL OR date(said_on) IS said_on);
`);
}
