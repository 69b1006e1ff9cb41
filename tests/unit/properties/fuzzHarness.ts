/**
 * The fuzzing harness: every way data gets into Waymark is a target. A target takes an input, says whether
 * it was accepted or refused, and must never crash; refusals must leave the workspace exactly as it was.
 * To fuzz a new input (a spreadsheet import, a transcript, a bundle), add a target and its inputs.
 */
import { createHash, randomInt } from 'node:crypto';
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

/**
 * How many times each property runs: WAYMARK_RUNS_FACTOR (default 1) scales every property's own number of runs
 * (`npm run test:long` runs 10×). Timeouts scale with it.
 */
export const RUNS_FACTOR = parseRunsFactor(process.env.WAYMARK_RUNS_FACTOR);

function parseRunsFactor(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 1;
  const factor = Number(value);
  if (!Number.isFinite(factor) || factor <= 0) throw new Error(`WAYMARK_RUNS_FACTOR must be a positive number, not "${value}"`);
  return factor;
}

/**
 * The fast-check settings of one property, printed on one line so that any run can be replayed:
 * - the seed is the property's own fixed one, unless WAYMARK_SEED says `random` (a fresh one each run) or a number
 *   (that seed, for every property: how a failure seen with a random seed is replayed);
 * - the number of runs is the property's own, times WAYMARK_RUNS_FACTOR.
 */
export function propertyRun(name: string, fixedSeed: number, numRuns: number): { seed: number; numRuns: number } {
  const wanted = process.env.WAYMARK_SEED?.trim() ?? '';
  let seed: number;
  let source: string;
  if (wanted === '') {
    seed = fixedSeed;
    source = 'fixed';
  } else if (wanted === 'random') {
    seed = randomInt(0x7fffffff);
    source = 'random';
  } else {
    seed = Number(wanted);
    source = 'from WAYMARK_SEED';
    if (!Number.isSafeInteger(seed)) throw new Error(`WAYMARK_SEED must be "random" or a whole number, not "${wanted}"`);
  }
  const runs = Math.max(1, Math.round(numRuns * RUNS_FACTOR));
  const factor = RUNS_FACTOR === 1 ? '' : ` WAYMARK_RUNS_FACTOR=${RUNS_FACTOR}`;
  console.log(`[property] ${name}: seed ${seed} (${source}), ${runs} runs; replay with WAYMARK_SEED=${seed}${factor}`);
  return { seed, numRuns: runs };
}
