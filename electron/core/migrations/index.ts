import type Database from 'better-sqlite3';
import { initial } from './001_initial.ts';
import { fractionalPositions } from './002_fractional_positions.ts';
import { transcriptsAndEvidence } from './003_transcripts_and_evidence.ts';
import { evidenceTotals } from './004_evidence_totals.ts';
import { searchFacets } from './005_search_facets.ts';
import { oneLetterPrefixes } from './006_one_letter_prefixes.ts';
import { quoteDates } from './007_quote_dates.ts';
import { quotesInOrderReceived } from './008_quotes_in_order_received.ts';
import { linksFollowTheirCards } from './009_links_follow_their_cards.ts';
import { sentimentColumns } from './010_sentiment_columns.ts';
import { cardsInAnswerOrder } from './011_cards_in_answer_order.ts';

export interface Migration {
  version: number;
  name: string;
  /** Runs inside the migration's transaction. */
  up: (db: Database.Database) => void;
  /**
   * Rebuilds tables that others reference: foreign keys are switched off around the transaction (a DROP
   * would otherwise cascade), and `foreign_key_check` must come back empty before it commits.
   */
  rebuildsTables?: boolean;
}

/**
 * Numbered migrations, applied in order, each in one transaction and recorded in `schema_migrations`
 * and in `PRAGMA user_version`. Never edit a released migration (a test holds each one's text to a
 * hash): add the next one, and a fixture file written by the schema before it (tests/fixtures/workspaces).
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', up: (db) => db.exec(initial) },
  { version: 2, name: 'fractional positions and tombstones', up: fractionalPositions, rebuildsTables: true },
  { version: 3, name: 'transcripts and evidence', up: transcriptsAndEvidence },
  { version: 4, name: 'evidence totals and search facets', up: evidenceTotals },
  { version: 5, name: 'every search filter in a full-text index', up: searchFacets },
  { version: 6, name: 'one-letter prefixes in the quote indexes', up: oneLetterPrefixes },
  { version: 7, name: 'the day a quote was said', up: quoteDates },
  { version: 8, name: 'quotes listed in the order they came in', up: quotesInOrderReceived },
  { version: 9, name: 'quote links follow their cards', up: linksFollowTheirCards },
  { version: 10, name: 'quote text in the column of its sentiment', up: sentimentColumns },
  { version: 11, name: 'cards in the order a map is answered', up: cardsInAnswerOrder },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

/** 'WYMK': marks a SQLite file as a Waymark workspace (PRAGMA application_id). */
export const WAYMARK_APPLICATION_ID = 0x57594d4b;
