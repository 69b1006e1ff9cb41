/**
 * Reading a map bundle: bytes in, a bundle whose every field and link has been checked out, or a refusal
 * that says where the file went wrong (`cards[12].text`) and why. In this order, each step only on what the
 * one before let through, so no hostile file costs more than reading it once:
 *   the size in bytes (before anything is decoded) → text (UTF-8, or UTF-16 with a byte-order mark) → JSON
 *   (depth limited while parsing; no prototype keys; objects without prototypes) → what the file says it is
 *   (format, version) → how many records of each kind → every field → every link between records, and
 *   the personas' pictures.
 * Pure: no database, no files.
 */
import type { z } from 'zod';
import { holdsCards } from '../../../api/types.ts';
import { BUNDLE_COLLECTIONS, BUNDLE_FORMAT, BUNDLE_LIMITS, BUNDLE_VERSION, type BundleProblem } from '../../../api/bundles.ts';
import { checkImage } from '../images.ts';
import { parseJson, pathText, type JsonObject, type JsonValue } from './json.ts';
import { bundleSchema, type Bundle } from './schema.ts';

export type BundleRead = { ok: true; bundle: Bundle } | { ok: false; message: string; problems: BundleProblem[] };

/** Problems a refusal lists (the first is its message). */
export const MAX_PROBLEMS = 100;

/** A problem as one sentence. */
export function sentence(problem: BundleProblem): string {
  return problem.path === '' ? problem.message : `This map bundle cannot be imported: ${problem.path} ${problem.message}.`;
}

/** A refusal; `problems` is never empty. */
const refuse = (problems: BundleProblem[]): BundleRead => ({ ok: false, message: sentence(problems[0] as BundleProblem), problems });
const refuseFile = (message: string): BundleRead => refuse([{ path: '', message }]);

const count = (n: number) => n.toLocaleString('en');

/** The text of the file: UTF-8 (a byte-order mark is skipped), or UTF-16 when a byte-order mark says so; null when it is not text. */
export function decodeBundle(bytes: Uint8Array): string | null {
  let encoding = 'utf-8';
  let skip = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) skip = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, skip] = ['utf-16le', 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, skip] = ['utf-16be', 2];
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(skip));
  } catch {
    return null;
  }
}

/** A value as a message names what it is. */
function kindOf(v: unknown): string {
  if (typeof v === 'string') return 'text';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object' && v !== null) return 'an object';
  return String(v);
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

function valueAt(root: JsonValue, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const part of path) v = (v as Record<PropertyKey, unknown> | undefined)?.[part];
  return v;
}

function problemOf(issue: z.core.$ZodIssue, root: JsonValue): BundleProblem {
  const path = pathText(issue.path as (string | number)[]);
  switch (issue.code) {
    case 'invalid_type':
      return { path, message: `must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${kindOf(valueAt(root, issue.path))}` };
    case 'invalid_value':
      return { path, message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` };
    case 'unrecognized_keys':
      return { path, message: `has ${issue.keys.length === 1 ? 'a field' : 'fields'} a map bundle does not have: ${issue.keys.map((k) => `“${k}”`).join(', ')}` };
    default:
      return { path, message: issue.message };
  }
}

/** Every link between the bundle's records, and the records' own rules that involve another record. */
function checkLinks(b: Bundle): BundleProblem[] {
  const problems: BundleProblem[] = [];
  const add = (path: string, message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ path, message });
  };
  /** A list's records by id; a second record with an id is a problem. */
  const byId = <T extends { id?: string | undefined }>(name: BundleCollection, list: readonly T[]): Map<string, T> => {
    const first = new Map<string, number>();
    const records = new Map<string, T>();
    list.forEach((r, i) => {
      if (r.id === undefined) return;
      const at = first.get(r.id);
      if (at !== undefined) return add(`${name}[${i}].id`, `is the id of ${name}[${at}] too`);
      first.set(r.id, i);
      records.set(r.id, r);
    });
    return records;
  };
  const stages = byId('stages', b.stages);
  const lanes = byId('lanes', b.lanes);
  const cards = byId('cards', b.cards);
  const personas = byId('personas', b.personas);
  const interviews = byId('interviews', b.interviews);
  const quotes = byId('quotes', b.quotes);
  for (const name of ['emotions', 'metrics', 'quoteLinks'] as const) byId<{ id?: string | undefined }>(name, b[name]);
  /** The record a link names, or a problem. */
  const known = <T>(path: string, recordId: string, records: Map<string, T>, what: string): T | undefined => {
    const record = records.get(recordId);
    if (record === undefined) add(path, `names no ${what} of the bundle (“${recordId}”)`);
    return record;
  };

  const onMap = new Set<string>();
  b.map.personaIds.forEach((personaId, i) => {
    known(`map.personaIds[${i}]`, personaId, personas, 'persona');
    if (onMap.has(personaId)) add(`map.personaIds[${i}]`, `names the persona “${personaId}” twice`);
    onMap.add(personaId);
  });
  b.cards.forEach((c, i) => {
    const lane = known(`cards[${i}].laneId`, c.laneId, lanes, 'lane');
    known(`cards[${i}].stageId`, c.stageId, stages, 'stage');
    if (lane && !holdsCards(lane.kind)) add(`cards[${i}].laneId`, `is the ${lane.kind} lane “${lane.title}”, which holds no cards`);
  });
  const cells = new Map<string, number>();
  b.emotions.forEach((e, i) => {
    const lane = known(`emotions[${i}].laneId`, e.laneId, lanes, 'lane');
    known(`emotions[${i}].stageId`, e.stageId, stages, 'stage');
    if (e.personaId !== null) known(`emotions[${i}].personaId`, e.personaId, personas, 'persona');
    if (lane && lane.kind !== 'emotion') add(`emotions[${i}].laneId`, `is the ${lane.kind} lane “${lane.title}”, not an emotion lane`);
    if (e.score < b.map.emotionMin || e.score > b.map.emotionMax) add(`emotions[${i}].score`, `must be from ${b.map.emotionMin} to ${b.map.emotionMax}, the map’s emotion scale`);
    const cell = JSON.stringify([e.laneId, e.stageId, e.personaId]);
    const first = cells.get(cell);
    if (first === undefined) cells.set(cell, i);
    else add(`emotions[${i}]`, `scores the same stage, lane and persona as emotions[${first}]`);
  });
  b.metrics.forEach((m, i) => known(`metrics[${i}].stageId`, m.stageId, stages, 'stage'));
  b.interviews.forEach((interview, i) => {
    if (interview.personaId !== null) known(`interviews[${i}].personaId`, interview.personaId, personas, 'persona');
    interview.turns?.forEach((t, k) => {
      if (t.from > t.to) add(`interviews[${i}].turns[${k}].from`, 'must not be after the turn’s end (to)');
      if (t.to > interview.body.length) add(`interviews[${i}].turns[${k}].to`, `is past the end of the interview’s body (${count(interview.body.length)} characters)`);
    });
  });
  b.quotes.forEach((q, i) => {
    const interview = known(`quotes[${i}].interviewId`, q.interviewId, interviews, 'interview');
    if (q.startOffset === null || q.endOffset === null) {
      if (q.startOffset !== q.endOffset) add(`quotes[${i}]`, 'must give both startOffset and endOffset, or neither');
    } else {
      if (q.startOffset > q.endOffset) add(`quotes[${i}].startOffset`, 'must not be after endOffset');
      if (interview && q.endOffset > interview.body.length) add(`quotes[${i}].endOffset`, `is past the end of its interview’s body (${count(interview.body.length)} characters)`);
    }
  });
  const placed = new Map<string, number>();
  b.quoteLinks.forEach((l, i) => {
    known(`quoteLinks[${i}].quoteId`, l.quoteId, quotes, 'quote');
    known(`quoteLinks[${i}].stageId`, l.stageId, stages, 'stage');
    if (l.cardId !== null) known(`quoteLinks[${i}].cardId`, l.cardId, cards, 'card');
    const key = JSON.stringify([l.quoteId, l.stageId, l.cardId]);
    const first = placed.get(key);
    if (first === undefined) placed.set(key, i);
    else add(`quoteLinks[${i}]`, `places the quote where quoteLinks[${first}] does already`);
  });
  b.personas.forEach((p, i) => {
    if (p.image === null) return;
    const check = checkImage(Buffer.from(p.image, 'base64'));
    if (!check.ok) add(`personas[${i}].image`, `is not a picture Waymark can store (${check.message.charAt(0).toLowerCase()}${check.message.slice(1, -1)})`);
  });
  return problems;
}

type BundleCollection = (typeof BUNDLE_COLLECTIONS)[number];

/** Read a bundle file's bytes. Never throws for any bytes: a file that is not a good bundle is a refusal. */
export function readBundle(bytes: Uint8Array): BundleRead {
  if (bytes.length > BUNDLE_LIMITS.bytes) {
    return refuseFile(`The file is ${count(bytes.length)} bytes; a map bundle may have at most ${count(BUNDLE_LIMITS.bytes)} (${BUNDLE_LIMITS.bytes / 1024 / 1024} MB).`);
  }
  const text = decodeBundle(bytes);
  if (text === null) return refuseFile('The file is not a Waymark map bundle: it is not text (a bundle is JSON, in UTF-8).');
  if (text.trim() === '') return refuseFile('The file is empty.');
  const json = parseJson(text, BUNDLE_LIMITS.depth);
  if (!json.ok) {
    if (json.cut) return refuseFile(`The file is cut short: it ends at line ${json.line} before its JSON is complete.`);
    const where = `(line ${json.line}, column ${json.column})`;
    // A place in a document that is no object (a list, …) says nothing: that file is no bundle anyway.
    if (json.path === '' || json.path.startsWith('[')) return refuseFile(`The file cannot be read as a map bundle: ${json.message} ${where}.`);
    return refuse([{ path: json.path, message: `cannot be read: ${json.message} ${where}` }]);
  }
  // Only an object has fields: a list, a text or a number has no format either (and null none to ask for).
  const root = json.value as JsonObject | null;
  if (root?.format === undefined) {
    return refuseFile(`The file is not a Waymark map bundle: it is JSON, but has no "format": "${BUNDLE_FORMAT}".`);
  }
  if (root.format !== BUNDLE_FORMAT) {
    return refuseFile(`The file is not a Waymark map bundle: its format is ${JSON.stringify(root.format).slice(0, 80)}, not "${BUNDLE_FORMAT}".`);
  }
  const version = root.version;
  if (Number.isInteger(version) && (version as number) > BUNDLE_VERSION) {
    return refuseFile(
      `This bundle was made by a newer version of Waymark (bundle version ${version as number}; this version reads version ${BUNDLE_VERSION}). Update Waymark to import it.`,
    );
  }
  if (version === undefined) return refuseFile(`The bundle does not say which version of the format it is; this version of Waymark reads "version": ${BUNDLE_VERSION}.`);
  if (version !== BUNDLE_VERSION) {
    return refuseFile(`The bundle’s version ${JSON.stringify(version).slice(0, 40)} is not one Waymark knows; this version of Waymark reads "version": ${BUNDLE_VERSION}.`);
  }
  const over: BundleProblem[] = [];
  for (const name of BUNDLE_COLLECTIONS) {
    const list = root[name];
    const max = BUNDLE_LIMITS[name];
    if (Array.isArray(list) && list.length > max) over.push({ path: name, message: `holds ${count(list.length)} records; a bundle may hold at most ${count(max)}` });
  }
  if (over.length > 0) return refuse(over);
  const parsed = bundleSchema.safeParse(root);
  if (!parsed.success) return refuse(parsed.error.issues.slice(0, MAX_PROBLEMS).map((issue) => problemOf(issue, root)));
  const bundle = linksOnTheirCards(parsed.data);
  const problems = checkLinks(bundle);
  if (problems.length > 0) return refuse(problems);
  return { ok: true, bundle };
}

/**
 * The bundle with each quote on a card placed on the card's stage, as a workspace keeps it (a quote on a card
 * backs the card's stage). A bundle exported before links followed their cards (bec8550) can place a quote on a
 * card that was moved on to another stage since: that link is read as one on the card's stage, as migration 9
 * repairs a workspace, and dropped when the quote is on that card there already (a place the file names twice
 * as it is written is still refused). Links of cards the bundle does not hold are left for checkLinks to refuse.
 */
export function linksOnTheirCards(b: Bundle): Bundle {
  const stageOf = new Map(b.cards.map((c) => [c.id, c.stageId]));
  const movedTo = (l: Bundle['quoteLinks'][number]) => {
    const stageId = l.cardId === null ? undefined : stageOf.get(l.cardId);
    return stageId !== undefined && stageId !== l.stageId ? stageId : null;
  };
  if (!b.quoteLinks.some((l) => movedTo(l) !== null)) return b;
  const place = (quoteId: string, stageId: string, cardId: string | null) => JSON.stringify([quoteId, stageId, cardId]);
  const placed = new Set(b.quoteLinks.filter((l) => movedTo(l) === null).map((l) => place(l.quoteId, l.stageId, l.cardId)));
  const quoteLinks: Bundle['quoteLinks'] = [];
  for (const l of b.quoteLinks) {
    const stageId = movedTo(l);
    if (stageId === null) quoteLinks.push(l);
    else if (!placed.has(place(l.quoteId, stageId, l.cardId))) {
      placed.add(place(l.quoteId, stageId, l.cardId));
      quoteLinks.push({ ...l, stageId });
    }
  }
  return { ...b, quoteLinks };
}
