/** Workspaces for the map bundle tests: the sample with research added through the contract, and ways to compare them. */
import path from 'node:path';
import type { Db } from '../../../electron/core/database.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { picture } from '../io/bundleDocs.ts';

/** A clock that moves one second a call, so that every record made has its own time. */
export function steppingClock(start = '2026-11-01T09:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => new Date((t += 1000));
}

export const open = (dir: string, name: string, sample = false): Workspace =>
  Workspace.open(path.join(dir, name), { sample, backupsDir: path.join(dir, `${name}.backups`), now: steppingClock() });

const VTT = `WEBVTT

00:00:01.000 --> 00:00:04.000
<v Ana>The fees surprised me at checkout.

00:00:05.000 --> 00:00:08.000
<v Ben>Tracking the van was great.
`;

export interface Rich {
  mapId: string;
  /** Persona ids: on the map (Maya, Sam), only on a curve (Lee), only interviewed (Ana), unrelated (Zoe). */
  personas: { maya: string; sam: string; lee: string; ana: string; zoe: string };
  checkout: string;
  /** A card of the checkout stage that a quote is placed on. */
  card: string;
}

/**
 * The sample map with more of everything a bundle carries: a second persona on the map with a picture and a
 * curve, a persona only on a curve, an interview with a transcript held with a persona not on the map, a
 * quote on a stage and on a card of it with a new tag, a quote of that interview on no map, and an interview
 * and a persona that have nothing to do with the map.
 */
export async function enrich(ws: Workspace): Promise<Rich> {
  const [summary] = await ws.call('maps.list', {});
  const mapId = summary?.id ?? '';
  const doc = await ws.call('maps.get', { id: mapId });
  const stage = (name: string) => doc.stages.find((s) => s.name === name)?.id ?? '';
  const checkout = stage('Checkout & slot');
  const emotion = doc.lanes.find((l) => l.kind === 'emotion')?.id ?? '';
  const card = doc.cards.find((c) => c.stageId === checkout)?.id ?? '';
  const maya = doc.map.personaIds[0] ?? '';
  const made = async (name: string, more: Record<string, string> = {}) => (await ws.call('personas.create', { name, ...more })).personas[0]?.id ?? '';
  const sam = await made('Sam Reid', { role: 'Commuter', color: '#cc3366' });
  const lee = await made('Lee Park');
  const ana = await made('Ana Silva', { role: 'Student' });
  const zoe = await made('Zoe Unrelated');
  await ws.call('personas.setImage', { id: sam, image: picture('chromium-40x30.png') });
  await ws.call('personas.setImage', { id: ana, image: picture('chromium-40x30.webp') });
  await ws.call('maps.update', { id: mapId, personaIds: [maya, sam], emotionMin: -3, emotionMax: 3 });
  await ws.call('emotions.set', { laneId: emotion, stageId: checkout, personaId: sam, score: -3, label: 'Hates forms' });
  await ws.call('emotions.set', { laneId: emotion, stageId: checkout, personaId: maya, score: -1 });
  await ws.call('emotions.set', { laneId: emotion, stageId: stage('Discover'), personaId: lee, score: 2 });
  await ws.call('stages.update', { id: checkout, color: '#ffcc00', width: 360 });
  await ws.call('lanes.update', { id: doc.lanes[0]?.id ?? '', height: 200, collapsed: true });
  await ws.call('cards.update', { id: card, color: '#aaffaa', votes: 4, evidence: 'observed' });

  const interview = (await ws.call('interviews.create', { title: 'Call with Ana', participant: 'Ana', personaId: ana, heldOn: '2026-03-05', method: 'usability test', body: { text: VTT, format: 'auto', fileName: 'ana.vtt' } })).interviews[0]?.id ?? '';
  const { body } = await ws.call('interviews.get', { id: interview });
  const quoteOf = async (words: string) => {
    const at = body.indexOf(words);
    return (await ws.call('quotes.create', { interviewId: interview, startOffset: at, endOffset: at + words.length, sentiment: -2 })).quotes[0]?.id ?? '';
  };
  const fees = await quoteOf('The fees surprised me at checkout.');
  await quoteOf('Tracking the van was great.'); // on no map
  const tag = (await ws.call('tags.create', { name: 'Hidden fees' })).tags[0]?.id ?? '';
  const [existing] = await ws.call('tags.list', {});
  await ws.call('quotes.update', { id: fees, tagIds: [tag, existing?.id ?? ''], saidOn: '2026-03-05' });
  await ws.call('quotes.link', { quoteIds: [fees], stageId: checkout });
  await ws.call('quotes.link', { quoteIds: [fees], stageId: checkout, cardId: card });
  const other = (await ws.call('interviews.create', { title: 'Unrelated call', personaId: zoe })).interviews[0]?.id ?? '';
  await ws.call('quotes.create', { interviewId: other, text: 'Nothing to do with groceries' });
  return { mapId, personas: { maya, sam, lee, ana, zoe }, checkout, card };
}

/** Every row of every table (full-text indexes and tombstones too): to prove that nothing was written. */
export function dump(db: Db): Record<string, unknown[]> {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).raw().all()]));
}

const REFERENCES = new Set(['id', 'laneId', 'stageId', 'personaId', 'interviewId', 'quoteId', 'cardId']);

/**
 * A bundle's text with every id replaced by the order in which it first appears, and the times of the export
 * left out: two bundles of the same map are equal in this form whatever ids their records have.
 */
export function canonical(text: string): string {
  const names = new Map<string, string>();
  const name = (recordId: string) => {
    if (!names.has(recordId)) names.set(recordId, `#${names.size}`);
    return names.get(recordId);
  };
  const walk = (v: unknown, key: string): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x, key === 'personaIds' ? 'id' : ''));
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    if (typeof v === 'string' && REFERENCES.has(key)) return name(v);
    return v;
  };
  const doc = walk(JSON.parse(text), '') as { exportedAt?: string; map: Record<string, unknown> };
  delete doc.exportedAt;
  delete doc.map.createdAt;
  delete doc.map.updatedAt;
  return JSON.stringify(doc);
}

/** Every id a bundle's records have. */
export function idsOf(text: string): Set<string> {
  const doc = JSON.parse(text) as Record<string, { id?: string }[] | { id?: string }>;
  const ids = new Set<string>();
  for (const value of Object.values(doc)) for (const r of Array.isArray(value) ? value : [value]) if (typeof r.id === 'string') ids.add(r.id);
  return ids;
}
