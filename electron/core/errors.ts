/** SQLite's own refusals, in words a person can act on. */
import { conflict, invalid } from '../api/errors.ts';

/**
 * Turn an error thrown by SQLite into a WaymarkError with a clear message; anything else (a WaymarkError, whose
 * codes are never SQLite's, or any other error) passes through unchanged.
 */
export function translateSqliteError(error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return error;
  if (code.startsWith('SQLITE_CONSTRAINT')) return invalid('That change breaks a rule of the workspace and was not saved.');
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return conflict('The workspace is locked by another program; the change was not saved. Try again in a moment.');
  if (code === 'SQLITE_FULL') return conflict('The disk is full; the change was not saved. Free some space and try again: everything saved before is kept.');
  if (code.startsWith('SQLITE_READONLY')) return conflict('The workspace file has become read-only; the change was not saved.');
  if (code.startsWith('SQLITE_IOERR')) return conflict('The workspace file could not be written (a disk error); the change was not saved.');
  return error;
}
