/**
 * A map's evidence as maps.get and maps.evidence give it: totals per stage and card counted in the workspace
 * (each quote once per stage, sentiments summed with their n), each stage's newest quotes whole with their
 * links on this map and their interviews, and nothing of other maps.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mapEvidence } from '../../../electron/core/research/evidence.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { refusal, tempDir } from './helpers.ts';

let dir: string;
let ws: Workspace;
let clock: number;
let mapId: string;
let stages: string[];
let cardId: string;

beforeEach(async () => {
  dir = tempDir();
  clock = Date.parse('2026-12-01T09:00:00.000Z');
  // Every call one second later: quotes made one after another are newer, in that order.
  ws = Workspace.open(path.join(dir, 'w.waymark'), { backupsDir: path.join(dir, 'backups'), now: () => new Date((clock += 1000)) });
  const made = await ws.call('maps.create', { title: 'Evidence', template: 'purchase-journey' });
  mapId = made.maps[0]?.id ?? '';
  stages = made.stages.map((s) => s.id);
  const lane = made.lanes.find((l) => l.kind === 'text')?.id ?? '';
  cardId = (await ws.call('cards.create', { laneId: lane, stageId: stages[0] ?? '', text: 'Compares prices' })).cards[0]?.id ?? '';
  await ws.call('interviews.create', { id: 'iv', title: 'Call', participant: 'Ana' });
  await ws.call('tags.create', { id: 't-b', name: 'beta' });
  await ws.call('tags.create', { id: 't-a', name: 'Alpha' });
});
afterEach(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const quote = async (id: string, sentiment: number | null, tagIds: string[] = []) => ws.call('quotes.create', { id, interviewId: 'iv', text: `Quote ${id}`, sentiment, tagIds });
const stage = (i: number) => stages[i] ?? '';

describe('evidence totals', () => {
  it('counts each quote once per stage — on the stage and on a card of it — and sums the sentiments it has, with n', async () => {
    for (const [id, s] of [['q1', -2], ['q2', 1], ['q3', null], ['q4', 2]] as const) await quote(id, s);
    await ws.call('quotes.link', { quoteIds: ['q1', 'q2', 'q3'], stageId: stage(0) });
    await ws.call('quotes.link', { quoteIds: ['q1'], stageId: stage(0), cardId });
    await ws.call('quotes.link', { quoteIds: ['q1', 'q4'], stageId: stage(1) });
    const { evidence } = await ws.call('maps.get', { id: mapId });
    const byStage = new Map(evidence.stages.map((t) => [t.stageId, t]));
    expect(byStage.get(stage(0))).toEqual({ stageId: stage(0), quoteCount: 3, sentimentSum: -1, sentimentCount: 2 });
    expect(byStage.get(stage(1))).toEqual({ stageId: stage(1), quoteCount: 2, sentimentSum: 0, sentimentCount: 2 });
    expect(byStage.has(stage(2))).toBe(false);
    expect(evidence.stages).toHaveLength(2);
    expect(evidence.cards).toEqual([{ cardId, quoteCount: 1 }]);
    expect(evidence.newest).toBe(20);
  });

  it('follows every change: a sentiment, a link taken off, a quote deleted, a stage deleted and brought back', async () => {
    await quote('q1', -2);
    await quote('q2', 2);
    const placed = await ws.call('quotes.link', { quoteIds: ['q1', 'q2'], stageId: stage(0) });
    const totals = async () => (await ws.call('maps.evidence', { id: mapId })).evidence.stages.find((t) => t.stageId === stage(0)) ?? null;
    expect(await totals()).toMatchObject({ quoteCount: 2, sentimentSum: 0, sentimentCount: 2 });
    await ws.call('quotes.update', { id: 'q2', sentiment: null });
    expect(await totals()).toMatchObject({ quoteCount: 2, sentimentSum: -2, sentimentCount: 1 });
    await ws.call('quoteLinks.delete', { id: placed.quoteLinks[0]?.id ?? '' });
    expect(await totals()).toMatchObject({ quoteCount: 1, sentimentSum: 0, sentimentCount: 0 });
    await ws.call('quotes.delete', { id: 'q2' });
    expect(await totals()).toBeNull();
    // A deleted stage takes its links with it, and the change says so (a map reads its totals again).
    await quote('q3', 1);
    const [link] = (await ws.call('quotes.link', { quoteIds: ['q3'], stageId: stage(0) })).quoteLinks;
    const gone = await ws.call('stages.delete', { id: stage(0), tombstone: 'tomb-stage' });
    expect(gone.deleted.quoteLinks).toEqual([link?.id]);
    expect(await totals()).toBeNull();
    const back = await ws.call('tombstones.restore', { id: 'tomb-stage' });
    expect(back.quoteLinks.map((l) => l.id)).toEqual([link?.id]);
    expect(await totals()).toMatchObject({ quoteCount: 1, sentimentSum: 1, sentimentCount: 1 });
  });

  it('leaves out what other maps have, and is empty for a map without evidence', async () => {
    const other = await ws.call('maps.create', { title: 'Other', template: 'purchase-journey' });
    await quote('q1', 1);
    await ws.call('quotes.link', { quoteIds: ['q1'], stageId: other.stages[0]?.id ?? '' });
    expect(await ws.call('maps.evidence', { id: mapId })).toEqual({ evidence: { stages: [], cards: [], newest: 20 }, quoteLinks: [], quotes: [], interviews: [] });
    const theirs = await ws.call('maps.evidence', { id: other.maps[0]?.id ?? '' });
    expect(theirs.evidence.stages.map((t) => t.quoteCount)).toEqual([1]);
  });

  it('refuses a map that does not exist', async () => {
    expect((await refusal(ws.call('maps.evidence', { id: 'no-such-map' }))).code).toBe('NotFound');
  });
});

describe('the newest quotes a map holds', () => {
  it('holds each stage’s newest, whole, with tags by name, their links on this map only and their interviews', async () => {
    const other = await ws.call('maps.create', { title: 'Other', template: 'purchase-journey' });
    await quote('q1', 1, ['t-b', 't-a']);
    await quote('q2', null);
    await ws.call('quotes.link', { quoteIds: ['q1', 'q2'], stageId: stage(0) });
    await ws.call('quotes.link', { quoteIds: ['q1'], stageId: stage(0), cardId });
    await ws.call('quotes.link', { quoteIds: ['q1'], stageId: other.stages[0]?.id ?? '' });
    const doc = await ws.call('maps.get', { id: mapId });
    expect(doc.quotes.map((q) => q.id)).toEqual(['q2', 'q1']); // newest first
    expect(doc.quotes[1]).toMatchObject({ text: 'Quote q1', sentiment: 1, tagIds: ['t-a', 't-b'] });
    // In the order they were placed (links placed in one call: by id).
    expect(doc.quoteLinks.map((l) => [l.quoteId, l.mapId === mapId, l.cardId]).slice(2)).toEqual([['q1', true, cardId]]);
    expect(doc.quoteLinks.slice(0, 2).map((l) => [l.quoteId, l.cardId]).sort()).toEqual([
      ['q1', null],
      ['q2', null],
    ]);
    expect(doc.interviews.map((i) => [i.id, i.participant])).toEqual([['iv', 'Ana']]);
  });

  it('holds at most so many per stage: the newest as they came into the workspace (also those of one time), and every quote another stage holds', async () => {
    // Five quotes made in one second (the order they came in breaks the tie, not their ids), then one a second later.
    const now = clock;
    const same = Workspace.open(path.join(dir, 'w.waymark'), { backupsDir: path.join(dir, 'b2'), now: () => new Date(now + 500) });
    try {
      for (const id of ['a', 'c', 'b', 'e', 'd']) await same.call('quotes.create', { id, interviewId: 'iv', text: `Quote ${id}`, sentiment: 0 });
    } finally {
      same.close();
    }
    await quote('z-later', 0);
    await ws.call('quotes.link', { quoteIds: ['a', 'b', 'c', 'd', 'e', 'z-later'], stageId: stage(0) });
    await ws.call('quotes.link', { quoteIds: ['a'], stageId: stage(1) });
    const held = mapEvidence(ws.ctx, mapId, 3);
    expect(held.evidence.newest).toBe(3);
    expect(held.evidence.stages.find((t) => t.stageId === stage(0))?.quoteCount).toBe(6);
    // Stage 0's newest three are z-later, d, e; stage 1's only quote is a, which is on stage 0 too.
    expect(held.quotes.map((q) => q.id)).toEqual(['z-later', 'd', 'e', 'a']);
    expect(held.quoteLinks.map((l) => `${l.quoteId}@${l.stageId === stage(0) ? 0 : 1}`).sort()).toEqual(['a@0', 'a@1', 'd@0', 'e@0', 'z-later@0']);
    expect(mapEvidence(ws.ctx, mapId, 1).quotes.map((q) => q.id)).toEqual(['z-later', 'a']);
  });

  it('property: holds exactly the union of each stage’s newest, whatever order the links are read in', async () => {
    // Quotes whose ids are in no relation to the order they came in (q07 first, then q14, q21, q28, q05…), some
    // made in the same second: the links are read by quote id, so the newest come in any order.
    const made: { id: string; seq: number }[] = [];
    for (const i of Array.from({ length: 30 }, (_, k) => (k * 7 + 7) % 30)) {
      if (i % 4 === 0) clock -= 1000; // this quote shares the previous one's time
      const quote = (await ws.call('quotes.create', { id: `q${String(i).padStart(2, '0')}`, interviewId: 'iv', text: `Quote ${i}`, sentiment: (i % 5) - 2 })).quotes[0];
      made.push({ id: quote?.id ?? '', seq: quote?.seq ?? 0 });
    }
    const placements = fc.array(fc.tuple(fc.integer({ min: 0, max: 29 }), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(placements, fc.integer({ min: 1, max: 8 }), async (links, k) => {
        ws.ctx.db.prepare('DELETE FROM quote_links').run();
        for (const [q, s] of links) await ws.call('quotes.link', { quoteIds: [made[q]?.id ?? ''], stageId: stage(s) });
        const newestFirst = (a: { seq: number }, b: { seq: number }) => b.seq - a.seq;
        const expected = new Set<string>();
        for (let s = 0; s < 3; s++) {
          const here = [...new Set(links.filter(([, st]) => st === s).map(([q]) => q))].map((q) => made[q] as { id: string; seq: number });
          for (const q of here.sort(newestFirst).slice(0, k)) expected.add(q.id);
        }
        const held = mapEvidence(ws.ctx, mapId, k);
        expect(new Set(held.quotes.map((q) => q.id))).toEqual(expected);
        // Newest first, as the board's "newest" lists them.
        const order = held.quotes.map((q) => made.find((m) => m.id === q.id) as { id: string; seq: number });
        expect(order).toEqual([...order].sort(newestFirst));
      }),
      { numRuns: 40 },
    );
  });
});
