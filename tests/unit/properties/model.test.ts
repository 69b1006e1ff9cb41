/**
 * Model-based property test: random sequences of operations on stages, lanes, cards, emotion scores (the team's
 * and each persona's), personas on the map, quotes (sentiment, the day said, tags) and their links to stages, run
 * against a real workspace and against a plain in-memory model. After every step the workspace must equal the
 * model, positions must be strictly ordered, and no row may be orphaned. Refused operations (wrong lane kind,
 * over-long text, unknown ids) must throw a typed error and change nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../electron/api/contract.ts';
import { WaymarkError } from '../../../electron/api/errors.ts';
import type { LaneKind, MapDocument } from '../../../electron/api/types.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { propertyRun, RUNS_FACTOR } from './fuzzHarness.ts';

interface Model {
  stages: string[];
  lanes: { id: string; kind: LaneKind }[];
  /** Card ids per cell `lane|stage`, in order; texts by id. */
  cells: Map<string, string[]>;
  texts: Map<string, string>;
  /** Emotion scores by `lane|stage|persona` ('' for the team's curve). */
  emotions: Map<string, number>;
  /** The map's personas, in order; all personas of the workspace. */
  personas: string[];
  allPersonas: string[];
  /** Quotes of the one interview: sentiment, the day said and tag ids. */
  quotes: Map<string, { sentiment: number | null; saidOn: string | null; tags: Set<string> }>;
  /** Quote links by id: which quote on which stage. */
  links: Map<string, { quote: string; stage: string }>;
}

const TAGS = ['t0', 't1', 't2'];
const INTERVIEW = 'iv';

type Op =
  | { op: 'addStage'; at: number }
  | { op: 'moveStage'; pick: number; to: number }
  | { op: 'deleteStage'; pick: number }
  | { op: 'addLane'; kind: LaneKind; at: number }
  | { op: 'moveLane'; pick: number; to: number }
  | { op: 'deleteLane'; pick: number }
  | { op: 'addCard'; lane: number; stage: number; at: number; text: string }
  | { op: 'editCard'; pick: number; text: string }
  | { op: 'moveCard'; pick: number; lane: number; stage: number; to: number }
  | { op: 'deleteCard'; pick: number }
  | { op: 'setEmotion'; lane: number; stage: number; score: number | null; persona: number | null }
  | { op: 'addPersona'; at: number }
  | { op: 'movePersona'; pick: number; to: number }
  | { op: 'unlinkPersona'; pick: number }
  | { op: 'deletePersona'; pick: number }
  | { op: 'addQuote'; text: string; sentiment: number | null; saidOn: string | null }
  | { op: 'setSentiment'; pick: number; sentiment: number | null }
  | { op: 'setSaidOn'; pick: number; day: string | null }
  | { op: 'tagQuote'; pick: number; tag: number }
  | { op: 'linkQuote'; pick: number; stage: number }
  | { op: 'unlinkQuote'; pick: number }
  | { op: 'deleteQuote'; pick: number }
  | { op: 'tooLong'; pick: number }
  | { op: 'ghost' };

/** A day on the calendar, as YYYY-MM-DD. */
const calendarDay = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
/** Which existing item to pick (taken modulo the list length). */
const nat = fc.nat({ max: 12 });
/** Where to put something: small numbers, so most land inside a list rather than at its end. */
const place = fc.nat({ max: 5 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('addStage' as const), at: place }),
  fc.record({ op: fc.constant('moveStage' as const), pick: nat, to: place }),
  fc.record({ op: fc.constant('deleteStage' as const), pick: nat }),
  fc.record({ op: fc.constant('addLane' as const), kind: fc.constantFrom<LaneKind>('text', 'pains', 'emotion', 'touchpoints'), at: place }),
  fc.record({ op: fc.constant('moveLane' as const), pick: nat, to: place }),
  fc.record({ op: fc.constant('deleteLane' as const), pick: nat }),
  { arbitrary: fc.record({ op: fc.constant('addCard' as const), lane: nat, stage: nat, at: place, text: fc.string({ maxLength: 30 }) }), weight: 4 },
  fc.record({ op: fc.constant('editCard' as const), pick: nat, text: fc.string({ maxLength: 30 }) }),
  { arbitrary: fc.record({ op: fc.constant('moveCard' as const), pick: nat, lane: nat, stage: nat, to: place }), weight: 3 },
  fc.record({ op: fc.constant('deleteCard' as const), pick: nat }),
  fc.record({
    op: fc.constant('setEmotion' as const),
    lane: nat,
    stage: nat,
    score: fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }),
    persona: fc.option(nat, { nil: null }),
  }),
  fc.record({ op: fc.constant('addPersona' as const), at: place }),
  fc.record({ op: fc.constant('movePersona' as const), pick: nat, to: place }),
  fc.record({ op: fc.constant('unlinkPersona' as const), pick: nat }),
  fc.record({ op: fc.constant('deletePersona' as const), pick: nat }),
  {
    arbitrary: fc.record({ op: fc.constant('addQuote' as const), text: fc.string({ minLength: 1, maxLength: 20 }), sentiment: fc.option(fc.integer({ min: -2, max: 2 }), { nil: null }), saidOn: fc.option(calendarDay, { nil: null }) }),
    weight: 2,
  },
  fc.record({ op: fc.constant('setSentiment' as const), pick: nat, sentiment: fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }) }),
  // A day on the calendar, none, or one that is not (the 30th of February, a 13th month, a time).
  {
    arbitrary: fc.record({
      op: fc.constant('setSaidOn' as const),
      pick: nat,
      day: fc.option(fc.oneof({ arbitrary: calendarDay, weight: 3 }, fc.constantFrom('2026-02-30', '2026-13-01', '2026-03-01T10:00', '1 March 2026')), { nil: null }),
    }),
    weight: 2,
  },
  fc.record({ op: fc.constant('tagQuote' as const), pick: nat, tag: fc.nat({ max: 2 }) }),
  { arbitrary: fc.record({ op: fc.constant('linkQuote' as const), pick: nat, stage: nat }), weight: 2 },
  fc.record({ op: fc.constant('unlinkQuote' as const), pick: nat }),
  fc.record({ op: fc.constant('deleteQuote' as const), pick: nat }),
  fc.record({ op: fc.constant('tooLong' as const), pick: nat }),
  fc.record({ op: fc.constant('ghost' as const) }),
);

const CARD_KINDS = new Set<LaneKind>(['text', 'pains', 'touchpoints']);
const key = (lane: string, stage: string) => `${lane}|${stage}`;
const nth = <T>(list: readonly T[], i: number): T | undefined => (list.length === 0 ? undefined : list[i % list.length]);
const insert = <T>(list: T[], item: T, at: number) => list.splice(Math.min(at, list.length), 0, item);
const allCards = (m: Model) => [...m.cells.values()].flat();

/** Apply an operation to the workspace and, if it succeeds, to the model. Returns whether it was refused. */
async function step(ws: Workspace, mapId: string, m: Model, o: Op, n: number): Promise<'done' | 'refused' | 'skipped'> {
  const refusedAs = async (codes: string[], call: () => Promise<unknown>) => {
    try {
      await call();
    } catch (error) {
      expect(error).toBeInstanceOf(WaymarkError);
      expect(codes).toContain((error as WaymarkError).code);
      return 'refused' as const;
    }
    throw new Error(`${o.op} should have been refused`);
  };
  switch (o.op) {
    case 'addStage': {
      const r = await ws.call('stages.create', { mapId, name: `S${n}`, index: o.at });
      insert(m.stages, r.stages[0]?.id ?? '', o.at);
      return 'done';
    }
    case 'moveStage': {
      const id = nth(m.stages, o.pick);
      if (!id) return 'skipped';
      await ws.call('stages.move', { id, index: o.to });
      m.stages.splice(m.stages.indexOf(id), 1);
      insert(m.stages, id, o.to);
      return 'done';
    }
    case 'deleteStage': {
      const id = nth(m.stages, o.pick);
      if (!id) return 'skipped';
      await ws.call('stages.delete', { id });
      m.stages.splice(m.stages.indexOf(id), 1);
      for (const k of [...m.cells.keys()]) if (k.endsWith(`|${id}`)) m.cells.delete(k);
      for (const k of [...m.emotions.keys()]) if (k.split('|')[1] === id) m.emotions.delete(k);
      for (const [linkId, l] of [...m.links]) if (l.stage === id) m.links.delete(linkId);
      return 'done';
    }
    case 'addLane': {
      const r = await ws.call('lanes.create', { mapId, kind: o.kind, title: `L${n}`, index: o.at });
      insert(m.lanes, { id: r.lanes[0]?.id ?? '', kind: o.kind }, o.at);
      return 'done';
    }
    case 'moveLane': {
      const lane = nth(m.lanes, o.pick);
      if (!lane) return 'skipped';
      await ws.call('lanes.move', { id: lane.id, index: o.to });
      m.lanes.splice(m.lanes.indexOf(lane), 1);
      insert(m.lanes, lane, o.to);
      return 'done';
    }
    case 'deleteLane': {
      const lane = nth(m.lanes, o.pick);
      if (!lane) return 'skipped';
      await ws.call('lanes.delete', { id: lane.id });
      m.lanes.splice(m.lanes.indexOf(lane), 1);
      for (const k of [...m.cells.keys()]) if (k.startsWith(`${lane.id}|`)) m.cells.delete(k);
      for (const k of [...m.emotions.keys()]) if (k.split('|')[0] === lane.id) m.emotions.delete(k);
      return 'done';
    }
    case 'addCard': {
      const lane = nth(m.lanes, o.lane);
      const stage = nth(m.stages, o.stage);
      if (!lane || !stage) return 'skipped';
      if (!CARD_KINDS.has(lane.kind)) return refusedAs(['Conflict'], () => ws.call('cards.create', { laneId: lane.id, stageId: stage, text: o.text }));
      const r = await ws.call('cards.create', { laneId: lane.id, stageId: stage, text: o.text, index: o.at });
      const id = r.cards[0]?.id ?? '';
      const list = m.cells.get(key(lane.id, stage)) ?? [];
      insert(list, id, o.at);
      m.cells.set(key(lane.id, stage), list);
      m.texts.set(id, o.text);
      return 'done';
    }
    case 'editCard': {
      const id = nth(allCards(m), o.pick);
      if (!id) return 'skipped';
      await ws.call('cards.update', { id, text: o.text });
      m.texts.set(id, o.text);
      return 'done';
    }
    case 'moveCard': {
      const id = nth(allCards(m), o.pick);
      const lane = nth(m.lanes, o.lane);
      const stage = nth(m.stages, o.stage);
      if (!id || !lane || !stage) return 'skipped';
      if (!CARD_KINDS.has(lane.kind)) return refusedAs(['Conflict'], () => ws.call('cards.move', { id, laneId: lane.id, stageId: stage, index: o.to }));
      await ws.call('cards.move', { id, laneId: lane.id, stageId: stage, index: o.to });
      for (const list of m.cells.values()) if (list.includes(id)) list.splice(list.indexOf(id), 1);
      const list = m.cells.get(key(lane.id, stage)) ?? [];
      insert(list, id, o.to);
      m.cells.set(key(lane.id, stage), list);
      return 'done';
    }
    case 'deleteCard': {
      const id = nth(allCards(m), o.pick);
      if (!id) return 'skipped';
      await ws.call('cards.delete', { id });
      for (const list of m.cells.values()) if (list.includes(id)) list.splice(list.indexOf(id), 1);
      m.texts.delete(id);
      return 'done';
    }
    case 'setEmotion': {
      const lane = nth(m.lanes, o.lane);
      const stage = nth(m.stages, o.stage);
      if (!lane || !stage) return 'skipped';
      const personaId = o.persona === null ? null : (nth(m.personas, o.persona) ?? null);
      const input = { laneId: lane.id, stageId: stage, score: o.score, personaId };
      if (lane.kind !== 'emotion') return refusedAs(['Conflict'], () => ws.call('emotions.set', input));
      if (o.score !== null && Math.abs(o.score) > 2) return refusedAs(['Invalid'], () => ws.call('emotions.set', input));
      await ws.call('emotions.set', input);
      const k = `${key(lane.id, stage)}|${personaId ?? ''}`;
      if (o.score === null) m.emotions.delete(k);
      else m.emotions.set(k, o.score);
      return 'done';
    }
    case 'addPersona': {
      const r = await ws.call('personas.create', { name: `P${n}` });
      const id = r.personas[0]?.id ?? '';
      m.allPersonas.push(id);
      const next = [...m.personas];
      insert(next, id, o.at);
      await ws.call('maps.update', { id: mapId, personaIds: next });
      m.personas = next;
      return 'done';
    }
    case 'movePersona': {
      const id = nth(m.personas, o.pick);
      if (!id) return 'skipped';
      const next = m.personas.filter((p) => p !== id);
      insert(next, id, o.to);
      await ws.call('maps.update', { id: mapId, personaIds: next });
      m.personas = next;
      return 'done';
    }
    case 'unlinkPersona': {
      const id = nth(m.personas, o.pick);
      if (!id) return 'skipped';
      const next = m.personas.filter((p) => p !== id);
      await ws.call('maps.update', { id: mapId, personaIds: next });
      m.personas = next; // its emotion curve stays: it is the persona's, not the link's
      return 'done';
    }
    case 'deletePersona': {
      const id = nth(m.allPersonas, o.pick);
      if (!id) return 'skipped';
      await ws.call('personas.delete', { id });
      m.allPersonas = m.allPersonas.filter((p) => p !== id);
      m.personas = m.personas.filter((p) => p !== id);
      for (const k of [...m.emotions.keys()]) if (k.split('|')[2] === id) m.emotions.delete(k);
      return 'done';
    }
    case 'addQuote': {
      const text = o.text.trim() === '' ? `quote ${n}` : o.text;
      const r = await ws.call('quotes.create', { interviewId: INTERVIEW, text, sentiment: o.sentiment, saidOn: o.saidOn });
      m.quotes.set(r.quotes[0]?.id ?? '', { sentiment: o.sentiment, saidOn: o.saidOn, tags: new Set() });
      return 'done';
    }
    case 'setSentiment': {
      const id = nth([...m.quotes.keys()], o.pick);
      if (!id) return 'skipped';
      if (o.sentiment !== null && Math.abs(o.sentiment) > 2) return refusedAs(['Invalid'], () => ws.call('quotes.update', { id, sentiment: o.sentiment }));
      await ws.call('quotes.update', { id, sentiment: o.sentiment });
      const q = m.quotes.get(id);
      if (q) q.sentiment = o.sentiment;
      return 'done';
    }
    case 'setSaidOn': {
      const id = nth([...m.quotes.keys()], o.pick);
      if (!id) return 'skipped';
      const t = o.day === null ? NaN : Date.parse(`${o.day}T00:00:00Z`);
      const real = o.day === null || (/^\d{4}-\d{2}-\d{2}$/.test(o.day) && !Number.isNaN(t) && new Date(t).toISOString().startsWith(o.day));
      if (!real) return refusedAs(['Invalid'], () => ws.call('quotes.update', { id, saidOn: o.day }));
      await ws.call('quotes.update', { id, saidOn: o.day });
      const q = m.quotes.get(id);
      if (q) q.saidOn = o.day;
      return 'done';
    }
    case 'tagQuote': {
      const id = nth([...m.quotes.keys()], o.pick);
      const q = id === undefined ? undefined : m.quotes.get(id);
      const tag = TAGS[o.tag] ?? 't0';
      if (!id || !q) return 'skipped';
      const has = q.tags.has(tag);
      await ws.call('quotes.tag', { quoteIds: [id], add: has ? [] : [tag], remove: has ? [tag] : [] });
      if (has) q.tags.delete(tag);
      else q.tags.add(tag);
      return 'done';
    }
    case 'linkQuote': {
      const quote = nth([...m.quotes.keys()], o.pick);
      const stage = nth(m.stages, o.stage);
      if (!quote || !stage) return 'skipped';
      const r = await ws.call('quotes.link', { quoteIds: [quote], stageId: stage });
      const already = [...m.links.values()].some((l) => l.quote === quote && l.stage === stage);
      expect(r.quoteLinks.length).toBe(already ? 0 : 1);
      for (const l of r.quoteLinks) m.links.set(l.id, { quote, stage });
      return 'done';
    }
    case 'unlinkQuote': {
      const id = nth([...m.links.keys()], o.pick);
      if (!id) return 'skipped';
      await ws.call('quoteLinks.delete', { id });
      m.links.delete(id);
      return 'done';
    }
    case 'deleteQuote': {
      const id = nth([...m.quotes.keys()], o.pick);
      if (!id) return 'skipped';
      await ws.call('quotes.delete', { id });
      m.quotes.delete(id);
      for (const [linkId, l] of [...m.links]) if (l.quote === id) m.links.delete(linkId);
      return 'done';
    }
    case 'tooLong': {
      const id = nth(allCards(m), o.pick);
      if (!id) return 'skipped';
      return refusedAs(['Invalid'], () => ws.call('cards.update', { id, text: 'x'.repeat(LIMITS.cardText + 1) }));
    }
    case 'ghost':
      return refusedAs(['NotFound'], () => ws.call('cards.move', { id: 'no-such-card', laneId: m.lanes[0]?.id ?? 'x', stageId: m.stages[0] ?? 'x', index: 0 }));
  }
}

async function expectMatches(doc: MapDocument, m: Model, ws: Workspace): Promise<void> {
  // Plain string order, as SQLite's BINARY collation sorts the keys.
  const sorted = <T extends { position: string }>(list: T[]) => [...list].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  const strictlyOrdered = (list: { position: string }[]) => list.every((x, i) => i === 0 || x.position > (list[i - 1]?.position ?? ''));
  expect(sorted(doc.stages).map((s) => s.id)).toEqual(m.stages);
  expect(strictlyOrdered(sorted(doc.stages))).toBe(true);
  expect(sorted(doc.lanes).map((l) => l.id)).toEqual(m.lanes.map((l) => l.id));
  expect(strictlyOrdered(sorted(doc.lanes))).toBe(true);
  const cells = new Map<string, typeof doc.cards>();
  for (const c of doc.cards) cells.set(key(c.laneId, c.stageId), [...(cells.get(key(c.laneId, c.stageId)) ?? []), c]);
  for (const [k, list] of cells) {
    expect(strictlyOrdered(sorted(list))).toBe(true);
    expect(sorted(list).map((c) => c.id)).toEqual(m.cells.get(k));
  }
  for (const [k, list] of m.cells) if (list.length > 0) expect(cells.has(k)).toBe(true);
  for (const c of doc.cards) expect(c.text).toBe(m.texts.get(c.id));
  expect(new Map(doc.emotions.map((e) => [`${key(e.laneId, e.stageId)}|${e.personaId ?? ''}`, e.score]))).toEqual(m.emotions);
  expect(doc.map.personaIds).toEqual(m.personas);
  expect(doc.personas.map((p) => p.id)).toEqual(m.personas);
  const { quotes, links } = await ws.call('quotes.list', { interviewId: INTERVIEW });
  expect(new Map(quotes.map((q) => [q.id, { sentiment: q.sentiment, saidOn: q.saidOn, tags: new Set(q.tagIds) }]))).toEqual(m.quotes);
  expect(new Map(links.filter((l) => l.mapId === doc.map.id).map((l) => [l.id, { quote: l.quoteId, stage: l.stageId }]))).toEqual(m.links);
  // The totals the map opens with: per stage, its distinct quotes and the sum and n of their sentiments.
  const expected = new Map<string, { quoteCount: number; sentimentSum: number; sentimentCount: number }>();
  const perStage = new Map<string, Set<string>>();
  for (const { quote, stage } of m.links.values()) perStage.set(stage, (perStage.get(stage) ?? new Set()).add(quote));
  for (const [stage, ids] of perStage) {
    const sentiments = [...ids].map((id) => m.quotes.get(id)?.sentiment ?? null).filter((v): v is number => v !== null);
    expected.set(stage, { quoteCount: ids.size, sentimentSum: sentiments.reduce((a, b) => a + b, 0), sentimentCount: sentiments.length });
  }
  expect(new Map(doc.evidence.stages.map(({ stageId, ...total }) => [stageId, total]))).toEqual(expected);
  // The quotes it holds are linked ones (each stage's newest), with their links here.
  const linked = new Set([...m.links.values()].map((l) => l.quote));
  for (const q of doc.quotes) expect(linked.has(q.id)).toBe(true);
  for (const l of doc.quoteLinks) expect(m.links.get(l.id)).toEqual({ quote: l.quoteId, stage: l.stageId });
  for (const ids of perStage.values()) expect([...ids].filter((id) => doc.quotes.some((q) => q.id === id)).length).toBe(Math.min(ids.size, doc.evidence.newest));
  // No orphans anywhere: foreign keys hold, and children agree with their parents about the map.
  const db = ws.ctx.db;
  expect(db.pragma('foreign_key_check')).toEqual([]);
  const mismatched = db
    .prepare(
      `SELECT count(*) FROM cards c JOIN lanes l ON l.id = c.lane_id JOIN stages s ON s.id = c.stage_id
       WHERE l.map_id != c.map_id OR s.map_id != c.map_id`,
    )
    .pluck()
    .get();
  expect(mismatched).toBe(0);
}

describe('workspace against a model', () => {
  it('stays equal to the model through random operations', { timeout: 120_000 * RUNS_FACTOR }, async () => {
    let refusals = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 60 }), async (ops) => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-model-'));
        const ws = Workspace.open(path.join(dir, 'w.waymark'));
        try {
          const created = await ws.call('maps.create', { title: 'Model', template: 'blank' });
          const mapId = created.maps[0]?.id ?? '';
          const doc = await ws.call('maps.get', { id: mapId });
          const m: Model = {
            stages: doc.stages.map((s) => s.id),
            lanes: doc.lanes.map((l) => ({ id: l.id, kind: l.kind })),
            cells: new Map(),
            texts: new Map(),
            emotions: new Map(),
            personas: [],
            allPersonas: [],
            quotes: new Map(),
            links: new Map(),
          };
          await ws.call('interviews.create', { id: INTERVIEW, title: 'Model interview' });
          for (const [i, tag] of TAGS.entries()) await ws.call('tags.create', { id: tag, name: `tag ${i}` });
          // A second map must never be touched by edits to the first.
          const other = await ws.call('maps.create', { title: 'Bystander', template: 'purchase-journey' });
          const otherBefore = await ws.call('maps.get', { id: other.maps[0]?.id ?? '' });
          for (const [n, o] of ops.entries()) {
            const before = await ws.call('maps.get', { id: mapId });
            const outcome = await step(ws, mapId, m, o, n);
            const after = await ws.call('maps.get', { id: mapId });
            if (outcome === 'refused') {
              refusals++;
              expect(after).toEqual(before);
            }
            await expectMatches(after, m, ws);
          }
          expect(await ws.call('maps.get', { id: other.maps[0]?.id ?? '' })).toEqual(otherBefore);
        } finally {
          ws.close();
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }),
      propertyRun('workspace against a model', 20261124, 40),
    );
    expect(refusals).toBeGreaterThan(0);
  });
});
