import { initial } from './001_initial.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Numbered migrations, applied in order, each in one transaction and recorded in `schema_migrations`
 * and in `PRAGMA user_version`. Never edit a released migration: add the next one.
 */
export const MIGRATIONS: readonly Migration[] = [{ version: 1, name: 'initial', sql: initial }];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

/** 'WYMK': marks a SQLite file as a Waymark workspace (PRAGMA application_id). */
export const WAYMARK_APPLICATION_ID = 0x57594d4b;
