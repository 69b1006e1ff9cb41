/**
 * Quotes, tags, quote links and metrics over the contract, on a real workspace file: made from a selection
 * (keeping place, speaker and time) or typed in; tagged one by one and in bulk; tags renamed, merged and
 * deleted; placed on stages and cards and taken off with undo; metrics per stage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MapDocument } from '../../../electron/api/types.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { tempDir } from './helpers.ts';

let dir: string;
let ws: Workspace;
let doc: MapDocument;
const VTT = 'WEBVTT\n\n00:01:05.000 --> 00:01:09.000\n<v Ana Ruiz>I could not find   the slot picker.\n\n00:01:10.000 --> 00:01:12.000\n<v Interviewer>Where did you look?';

beforeEach(async () => {
  dir = tempDir();
  ws = Workspace.open(path.join(dir, 'w.waymark'), { sample: true, backupsDir: path.join(dir, 'backups') });
  const [map] = await ws.call('maps.list', {});
  doc = await ws.call('maps.get', { id: map?.id ?? '' });
  await ws.call('interviews.create', { id: 'iv', title: 'Slot call', participant: 'Ana', body: { text: VTT, format: 'auto' } });
});
afterEach(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const stage = (i: number) => doc.stages[i]?.id ?? '';
const count = (sql: string, ...params: unknown[]) => ws.ctx.db.prepare(sql).pluck().get(...params) as number;

async function selection(words: string): Promise<{ startOffset: number; endOffset: number }> {
  const { body } = await ws.call('interviews.get', { id: 'iv' });
  const at = body.indexOf(words);
  expect(at).toBeGreaterThanOrEqual(0);
  return { startOffset: at, endOffset: at + words.length };
}

describe('quotes', () => {
  it('are made from a selection: its words without the spaces around, its place, the speaker and time of its turn', async () => {
    const sel = await selection(' the slot picker.');
    const made = await ws.call('quotes.create', { id: 'q1', interviewId: 'iv', ...sel, sentiment: -1 });
    expect(made.quotes).toEqual([
      {
        id: 'q1',
        interviewId: 'iv',
        text: 'the slot picker.',
        startOffset: sel.startOffset + 1,
        endOffset: sel.endOffset,
        sentiment: -1,
        speaker: 'Ana Ruiz',
        atSeconds: 65,
        saidOn: null,
        tagIds: [],
        createdAt: expect.any(String) as string,
        seq: count("SELECT rowid FROM quotes WHERE id = 'q1'"),
      },
    ]);
    // In the second turn: that turn's speaker and time; it came after the first.
    const second = await ws.call('quotes.create', { id: 'q2', interviewId: 'iv', ...(await selection('Where did you look?')) });
    expect(second.quotes[0]).toMatchObject({ speaker: 'Interviewer', atSeconds: 70 });
    expect(second.quotes[0]?.seq).toBeGreaterThan(made.quotes[0]?.seq ?? Infinity);
    const list = await ws.call('quotes.list', { interviewId: 'iv' });
    expect(list.quotes.map((q) => q.id)).toEqual(['q1', 'q2']);
  });

  it('are typed in without a place, with a speaker given; bad selections are refused in words', async () => {
    const typed = await ws.call('quotes.create', { interviewId: 'iv', text: 'It was fine', speaker: 'Bo' });
    expect(typed.quotes[0]).toMatchObject({ text: 'It was fine', startOffset: null, endOffset: null, speaker: 'Bo', atSeconds: null, sentiment: null });
    const { body } = await ws.call('interviews.get', { id: 'iv' });
    await expect(ws.call('quotes.create', { interviewId: 'iv', startOffset: 5, endOffset: 5 })).rejects.toThrow(/is not inside the interview's text/);
    await expect(ws.call('quotes.create', { interviewId: 'iv', startOffset: 0, endOffset: body.length + 1 })).rejects.toThrow(/not inside/);
    const gap = body.indexOf('\n\n');
    await expect(ws.call('quotes.create', { interviewId: 'iv', startOffset: gap, endOffset: gap + 2 })).rejects.toThrow(/only spaces/);
    const sel = await selection('slot picker');
    await expect(ws.call('quotes.create', { interviewId: 'iv', ...sel, text: 'something else' })).rejects.toThrow(/has changed since the selection/);
    await expect(ws.call('quotes.create', { interviewId: 'iv', startOffset: 1 })).rejects.toThrow(/give both startOffset and endOffset/);
    await expect(ws.call('quotes.create', { interviewId: 'iv' })).rejects.toThrow(/give the offsets/);
    await expect(ws.call('quotes.create', { interviewId: 'iv', text: 'x', sentiment: 3 })).rejects.toThrow(/at most 2/);
    await expect(ws.call('quotes.create', { interviewId: 'nope', text: 'x' })).rejects.toThrow(/No interview with id "nope"/);
    await expect(ws.call('quotes.create', { interviewId: 'iv', text: 'x', tagIds: ['no-tag'] })).rejects.toThrow(/No tag with id "no-tag"/);
    expect(count('SELECT count(*) FROM quotes WHERE interview_id = ?', 'iv')).toBe(1);
  });

  it('change their words (losing the place they no longer match), sentiment, speaker and tags', async () => {
    await ws.call('tags.create', { id: 't-b', name: 'Booking' });
    await ws.call('tags.create', { id: 't-a', name: 'accessibility' });
    await ws.call('quotes.create', { id: 'q1', interviewId: 'iv', ...(await selection('slot picker')) });
    const tagged = await ws.call('quotes.update', { id: 'q1', tagIds: ['t-b', 't-a', 't-b'], sentiment: 2 });
    expect(tagged.quotes[0]).toMatchObject({ tagIds: ['t-a', 't-b'], sentiment: 2, startOffset: expect.any(Number) as number }); // by name, once each
    const same = await ws.call('quotes.update', { id: 'q1', text: 'slot picker' });
    expect(same.quotes[0]?.startOffset).not.toBeNull();
    const edited = await ws.call('quotes.update', { id: 'q1', text: 'the slot picker was hidden', speaker: 'Ana', sentiment: null });
    expect(edited.quotes[0]).toMatchObject({ text: 'the slot picker was hidden', startOffset: null, endOffset: null, speaker: 'Ana', sentiment: null, tagIds: ['t-a', 't-b'] });
    await expect(ws.call('quotes.update', { id: 'gone', sentiment: 1 })).rejects.toThrow(/No quote with id "gone"/);
  });

  it('are tagged in bulk: added and removed on many at once, each quote named once in the change', async () => {
    await ws.call('tags.create', { id: 't1', name: 'one' });
    await ws.call('tags.create', { id: 't2', name: 'two' });
    await ws.call('quotes.create', { id: 'a', interviewId: 'iv', text: 'A', tagIds: ['t2'] });
    await ws.call('quotes.create', { id: 'b', interviewId: 'iv', text: 'B' });
    const changed = await ws.call('quotes.tag', { quoteIds: ['a', 'b', 'a'], add: ['t1'], remove: ['t2'] });
    expect(changed.quotes.map((q) => [q.id, q.tagIds])).toEqual([
      ['a', ['t1']],
      ['b', ['t1']],
    ]);
    await expect(ws.call('quotes.tag', { quoteIds: ['a', 'missing'], add: ['t2'] })).rejects.toThrow(/No quote with id "missing"/);
    expect((await ws.call('quotes.list', { interviewId: 'iv' })).quotes.map((q) => q.tagIds)).toEqual([['t1'], ['t1']]); // all or nothing
  });

  it('are deleted with their links and tags, and undo brings all of it back', async () => {
    await ws.call('tags.create', { id: 't1', name: 'one' });
    await ws.call('quotes.create', { id: 'q', interviewId: 'iv', text: 'Q', tagIds: ['t1'] });
    await ws.call('quotes.link', { quoteIds: ['q'], stageId: stage(0), ids: ['link-q'] });
    const deleted = await ws.call('quotes.delete', { id: 'q', tombstone: 'undo-q' });
    expect([deleted.deleted.quotes, deleted.deleted.quoteLinks]).toEqual([['q'], ['link-q']]);
    const back = await ws.call('tombstones.restore', { id: 'undo-q' });
    expect(back.quotes.map((q) => [q.id, q.tagIds])).toEqual([['q', ['t1']]]);
    expect(back.quoteLinks.map((l) => l.id)).toEqual(['link-q']);
  });

  it('come back by undo to their place in the order (seq), unless a quote made since took it: then as the newest', async () => {
    for (const id of ['a', 'b', 'c']) await ws.call('quotes.create', { id, interviewId: 'iv', text: `Quote ${id} about parcels` });
    const seqOf = async () => Object.fromEntries((await ws.call('quotes.search', { limit: 500 })).hits.map((h) => [h.quote.id, h.quote.seq]));
    const board = async () => (await ws.call('quotes.search', { limit: 500 })).hits.map((h) => h.quote.id).filter((id) => /^[a-e]$/.test(id));
    const before = await seqOf();
    expect(await board()).toEqual(['c', 'b', 'a']);
    // b, between the others: back where it was, in the board and by words.
    await ws.call('quotes.delete', { id: 'b', tombstone: 'undo-b' });
    const back = await ws.call('tombstones.restore', { id: 'undo-b' });
    expect(back.quotes.map((q) => q.seq)).toEqual([before.b]);
    expect(await board()).toEqual(['c', 'b', 'a']);
    // c, the last: a quote made after its delete takes the highest rowid plus one, c's; c comes back newest.
    await ws.call('quotes.delete', { id: 'c', tombstone: 'undo-c' });
    const d = (await ws.call('quotes.create', { id: 'd', interviewId: 'iv', text: 'Quote d about parcels' })).quotes[0];
    expect(d?.seq).toBe(before.c);
    const c = (await ws.call('tombstones.restore', { id: 'undo-c' })).quotes[0];
    expect(c?.seq).toBeGreaterThan(d?.seq ?? Infinity);
    expect(await board()).toEqual(['c', 'd', 'b', 'a']);
    // An interview's delete takes its quotes with it, and undo brings each back to its place.
    await ws.call('interviews.create', { id: 'iv2', title: 'Second call' });
    await ws.call('quotes.create', { id: 'e', interviewId: 'iv2', text: 'Quote e about parcels' });
    const withE = await seqOf();
    await ws.call('quotes.update', { id: 'a', text: 'Quote a about parcels, edited' });
    await ws.call('interviews.delete', { id: 'iv', tombstone: 'undo-iv' });
    await ws.call('tombstones.restore', { id: 'undo-iv' });
    expect(await seqOf()).toEqual(withE);
    // Both full-text indexes name each quote by its rowid: every word is found on the quote it belongs to.
    const found = await ws.call('quotes.search', { query: 'parcels', limit: 50 });
    expect(found.hits.map((h) => [h.quote.id, h.quote.text]).sort()).toEqual([
      ['a', 'Quote a about parcels, edited'],
      ['b', 'Quote b about parcels'],
      ['c', 'Quote c about parcels'],
      ['d', 'Quote d about parcels'],
      ['e', 'Quote e about parcels'],
    ]);
    expect((await ws.call('quotes.search', { query: 'edited', interviewId: 'iv', limit: 50 })).hits.map((h) => h.quote.id)).toEqual(['a']);
    for (const index of ['quotes_fts', 'quote_facets_fts']) expect(() => ws.ctx.db.prepare(`INSERT INTO ${index}(${index}, rank) VALUES ('integrity-check', 1)`).run()).not.toThrow();
  });

  it('come back newest from a tombstone an earlier version kept (without the rowid)', async () => {
    for (const id of ['a', 'b']) await ws.call('quotes.create', { id, interviewId: 'iv', text: `Quote ${id}` });
    await ws.call('quotes.delete', { id: 'a', tombstone: 'old-a' });
    const { db } = ws.ctx;
    const payload = JSON.parse(db.prepare("SELECT payload FROM tombstones WHERE id = 'old-a'").pluck().get() as string) as { tables: { table: string; rows: Record<string, unknown>[] }[] };
    for (const t of payload.tables) for (const r of t.rows) delete r.$rowid;
    db.prepare("UPDATE tombstones SET payload = ? WHERE id = 'old-a'").run(JSON.stringify(payload));
    const back = (await ws.call('tombstones.restore', { id: 'old-a' })).quotes[0];
    expect(back?.seq).toBeGreaterThan(count("SELECT rowid FROM quotes WHERE id = 'b'"));
    expect((await ws.call('quotes.search', { limit: 2 })).hits.map((h) => h.quote.id)).toEqual(['a', 'b']);
  });
});

describe('quote links', () => {
  it('place quotes on a stage or one of its cards, once each, and touch the map', async () => {
    await ws.call('quotes.create', { id: 'a', interviewId: 'iv', text: 'A' });
    await ws.call('quotes.create', { id: 'b', interviewId: 'iv', text: 'B' });
    const card = doc.cards.find((c) => c.stageId === stage(1));
    const linked = await ws.call('quotes.link', { quoteIds: ['a', 'b', 'a'], stageId: stage(1), ids: ['l-a', 'l-b', 'l-a2'] });
    expect(linked.quoteLinks.map((l) => [l.id, l.quoteId, l.mapId, l.stageId, l.cardId])).toEqual([
      ['l-a', 'a', doc.map.id, stage(1), null],
      ['l-b', 'b', doc.map.id, stage(1), null],
    ]);
    expect(linked.maps.map((m) => m.id)).toEqual([doc.map.id]);
    // A map that shows the links gets what they place: the quotes and their interview.
    expect([linked.quotes.map((q) => q.id).sort(), linked.interviews.map((i) => i.id)]).toEqual([['a', 'b'], ['iv']]);
    const again = await ws.call('quotes.link', { quoteIds: ['a'], stageId: stage(1) });
    expect([again.quoteLinks, again.maps]).toEqual([[], []]); // already there: nothing changes
    const onCard = await ws.call('quotes.link', { quoteIds: ['a'], stageId: stage(1), cardId: card?.id ?? null });
    expect(onCard.quoteLinks[0]?.cardId).toBe(card?.id);
    const other = doc.cards.find((c) => c.stageId !== stage(1));
    await expect(ws.call('quotes.link', { quoteIds: ['a'], stageId: stage(1), cardId: other?.id ?? null })).rejects.toThrow(/is not in the stage/);
    await expect(ws.call('quotes.link', { quoteIds: ['a'], stageId: 'no-stage' })).rejects.toThrow(/No stage/);
    await expect(ws.call('quotes.link', { quoteIds: ['b'], stageId: stage(2), ids: ['l-a'] })).rejects.toThrow(/already exists/);
    await expect(ws.call('quotes.link', { quoteIds: ['a', 'b'], stageId: stage(2), ids: ['x'] })).rejects.toThrow(/one id per quote/);
    const map = await ws.call('maps.get', { id: doc.map.id });
    expect(map.quotes.map((q) => q.id).sort()).toEqual([...new Set([...doc.quotes.map((q) => q.id), 'a', 'b'])].sort());
    expect(map.interviews.map((i) => i.id)).toContain('iv');
  });

  it('are taken off with undo, and come back as they were', async () => {
    await ws.call('quotes.create', { id: 'a', interviewId: 'iv', text: 'A' });
    const [link] = (await ws.call('quotes.link', { quoteIds: ['a'], stageId: stage(0) })).quoteLinks;
    const off = await ws.call('quoteLinks.delete', { id: link?.id ?? '', tombstone: 'undo-link' });
    expect(off.deleted.quoteLinks).toEqual([link?.id]);
    expect(off.maps.map((m) => m.id)).toEqual([doc.map.id]);
    const back = await ws.call('tombstones.restore', { id: 'undo-link' });
    expect(back.quoteLinks).toEqual([link]);
    expect([back.quotes.map((q) => q.id), back.interviews.map((i) => i.id)]).toEqual([['a'], ['iv']]);
    await expect(ws.call('quoteLinks.delete', { id: 'nope' })).rejects.toThrow(/No quote link/);
  });
});

describe('tags', () => {
  it('are unique whatever the case, listed by name with their counts, renamed and deleted with undo', async () => {
    await ws.call('tags.create', { id: 'z', name: ' zebra ' });
    await expect(ws.call('tags.create', { name: 'ZEBRA' })).rejects.toThrow(/already a tag "zebra"; use it/);
    await ws.call('quotes.create', { id: 'q', interviewId: 'iv', text: 'Q', tagIds: ['z'] });
    const tags = await ws.call('tags.list', {});
    expect(tags.find((t) => t.id === 'z')).toEqual({ id: 'z', name: 'zebra', quoteCount: 1 });
    const names = tags.map((t) => t.name.toLowerCase());
    expect(names).toEqual([...names].sort());
    const sampleTag = tags.find((t) => t.id !== 'z');
    await expect(ws.call('tags.rename', { id: 'z', name: sampleTag?.name.toUpperCase() ?? '' })).rejects.toThrow(/merge "zebra" into it instead/);
    const renamed = await ws.call('tags.rename', { id: 'z', name: 'Zebra crossing' });
    expect(renamed.tags).toEqual([{ id: 'z', name: 'Zebra crossing' }]);
    expect(renamed.quotes.map((q) => q.id)).toEqual(['q']);
    expect((await ws.call('tags.rename', { id: 'z', name: 'zebra CROSSING' })).tags[0]?.name).toBe('zebra CROSSING'); // its own name in another case
    const deleted = await ws.call('tags.delete', { id: 'z', tombstone: 'undo-tag' });
    expect(deleted.deleted.tags).toEqual(['z']);
    expect(deleted.quotes.map((q) => [q.id, q.tagIds])).toEqual([['q', []]]); // the quote lost it
    const back = await ws.call('tombstones.restore', { id: 'undo-tag' });
    expect(back.quotes.map((q) => [q.id, q.tagIds])).toEqual([['q', ['z']]]);
  });

  it('merge into one: every quote of the others carries it, once', async () => {
    await ws.call('tags.create', { id: 'keep', name: 'delivery' });
    await ws.call('tags.create', { id: 'm1', name: 'Delivery!' });
    await ws.call('tags.create', { id: 'm2', name: 'shipping' });
    await ws.call('quotes.create', { id: 'a', interviewId: 'iv', text: 'A', tagIds: ['keep', 'm1'] });
    await ws.call('quotes.create', { id: 'b', interviewId: 'iv', text: 'B', tagIds: ['m2'] });
    const merged = await ws.call('tags.merge', { ids: ['m1', 'm2', 'keep'], into: 'keep' });
    expect(merged.deleted.tags.sort()).toEqual(['m1', 'm2']);
    expect(merged.quotes.map((q) => [q.id, q.tagIds]).sort()).toEqual([
      ['a', ['keep']],
      ['b', ['keep']],
    ]);
    expect((await ws.call('tags.list', {})).find((t) => t.id === 'keep')?.quoteCount).toBe(2);
    expect((await ws.call('tags.merge', { ids: ['keep'], into: 'keep' })).deleted.tags).toEqual([]);
    await expect(ws.call('tags.merge', { ids: ['nope'], into: 'keep' })).rejects.toThrow(/No tag with id "nope"/);
  });
});

describe('metrics', () => {
  it('are numbers on a stage, with unit, source and date; changed, deleted with undo', async () => {
    const made = await ws.call('metrics.create', { id: 'm', stageId: stage(2), name: ' conversion ', value: 31.5, unit: '%', source: 'analytics', measuredAt: '2026-10-31' });
    expect(made.metrics).toEqual([{ id: 'm', mapId: doc.map.id, stageId: stage(2), name: 'conversion', value: 31.5, unit: '%', source: 'analytics', measuredAt: '2026-10-31' }]);
    expect(made.maps.map((m) => m.id)).toEqual([doc.map.id]);
    const changed = await ws.call('metrics.update', { id: 'm', value: 0, measuredAt: null });
    expect(changed.metrics[0]).toMatchObject({ name: 'conversion', value: 0, unit: '%', measuredAt: null });
    await expect(ws.call('metrics.create', { stageId: stage(2), name: 'x', value: Number.POSITIVE_INFINITY })).rejects.toThrow(/value/);
    await expect(ws.call('metrics.create', { stageId: stage(2), name: 'x', value: 1, measuredAt: '31/10/2026' })).rejects.toThrow(/date like/);
    await expect(ws.call('metrics.create', { id: 'm', stageId: stage(2), name: 'x', value: 1 })).rejects.toThrow(/already exists/);
    const deleted = await ws.call('metrics.delete', { id: 'm', tombstone: 'undo-m' });
    expect(deleted.deleted.metrics).toEqual(['m']);
    expect((await ws.call('tombstones.restore', { id: 'undo-m' })).metrics.map((m) => m.value)).toEqual([0]);
    expect((await ws.call('maps.get', { id: doc.map.id })).metrics.some((m) => m.id === 'm')).toBe(true);
  });
});

describe("a map's personas", () => {
  it('are set in order, each persona once and existing, and the change carries their records', async () => {
    const a = (await ws.call('personas.create', { name: 'Ann' })).personas[0]?.id ?? '';
    const current = doc.map.personaIds;
    const set = await ws.call('maps.update', { id: doc.map.id, personaIds: [a, ...current] });
    expect(set.maps[0]?.personaIds).toEqual([a, ...current]);
    expect(set.personas.map((p) => p.id)).toEqual([a, ...current]);
    expect((await ws.call('maps.get', { id: doc.map.id })).personas.map((p) => p.id)).toEqual([a, ...current]);
    const reversed = await ws.call('maps.update', { id: doc.map.id, personaIds: [...current, a] });
    expect(reversed.maps[0]?.personaIds).toEqual([...current, a]);
    await expect(ws.call('maps.update', { id: doc.map.id, personaIds: [a, a] })).rejects.toThrow(/names a persona twice/);
    await expect(ws.call('maps.update', { id: doc.map.id, personaIds: ['ghost'] })).rejects.toThrow(/No persona with id "ghost"/);
    expect((await ws.call('maps.get', { id: doc.map.id })).map.personaIds).toEqual([...current, a]);
    expect((await ws.call('maps.update', { id: doc.map.id, personaIds: [] })).maps[0]?.personaIds).toEqual([]);
  });
});
