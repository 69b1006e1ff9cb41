/**
 * The fuzzing harness: every way data gets into Waymark is a target. A target takes an input, says whether
 * it was accepted or refused, and must never crash; refusals must leave the workspace exactly as it was.
 * To fuzz a new input (a spreadsheet import, a transcript, a bundle), add a target and its inputs.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../../electron/core/database.ts';

export type Outcome = { kind: 'accepted' } | { kind: 'refused'; code: string; message: string };

export interface FuzzTarget<I> {
  name: string;
  /** Feed one input. Must resolve (never reject) for every input: a rejection is a crash. */
  feed: (input: I) => Promise<Outcome>;
}

const TABLES = ['maps', 'stages', 'lanes', 'cards', 'emotion_points', 'personas', 'map_personas', 'interviews', 'quotes', 'tags', 'quote_tags', 'quote_links', 'metrics', 'versions'];

/** A fingerprint of everything in the workspace, to prove a refusal wrote nothing. */
export function fingerprint(db: Db): string {
  const hash = createHash('sha256');
  for (const table of TABLES) hash.update(JSON.stringify(db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).raw().all()));
  return hash.digest('hex');
}

export const ERROR_CODES = new Set(['NotFound', 'Invalid', 'Conflict', 'Unsupported', 'Unauthorized']);

/** An input, short enough for a message (JSON.stringify gives undefined for undefined). */
function show(input: unknown): string {
  const text = JSON.stringify(input) as string | undefined;
  return typeof text === 'string' ? text.slice(0, 300) : String(input);
}

/** Run one input through a target and check the rules; returns the outcome for statistics. */
export async function check<I>(target: FuzzTarget<I>, input: I, db: Db): Promise<Outcome> {
  const before = fingerprint(db);
  let outcome: Outcome;
  try {
    outcome = await target.feed(input);
  } catch (error) {
    throw new Error(`${target.name} crashed on ${show(input)}: ${String(error)}`, { cause: error });
  }
  if (outcome.kind === 'refused') {
    if (!ERROR_CODES.has(outcome.code)) throw new Error(`${target.name} refused with an untyped error ${outcome.code}: ${outcome.message}`);
    if (outcome.message.trim() === '') throw new Error(`${target.name} refused without a message`);
    if (fingerprint(db) !== before) throw new Error(`${target.name} refused ${show(input)} but changed the workspace`);
  }
  return outcome;
}
