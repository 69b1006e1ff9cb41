/**
 * The edges of the research operations that the main tests pass by: defaults, what an update leaves alone,
 * the first and last characters of a body, the names deletes are kept under for undo, refusals of ids that
 * exist or do not, and rows a hand-edited file breaks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../../electron/core/workspace.ts';
import { refusal, tempDir } from './helpers.ts';

let dir: string;
let ws: Workspace;
let mapId: string;
let stageId: string;
beforeEach(async () => {
  dir = tempDir();
  ws = Workspace.open(path.join(dir, 'w.waymark'), { backupsDir: path.join(dir, 'backups') });
  const made = await ws.call('maps.create', { title: 'Edges', template: 'purchase-journey' });
  mapId = made.maps[0]?.id ?? '';
  stageId = made.stages[0]?.id ?? '';
});
afterEach(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const label = (tombstone: string) => ws.ctx.db.prepare('SELECT label FROM tombstones WHERE id = ?').pluck().get(tombstone);

describe('reading bodies', () => {
  it('takes notes as typed: a byte-order mark dropped, every kind of line end made one', async () => {
    const preview = await ws.call('interviews.previewTranscript', { text: '\uFEFFone\rtwo\r\nthree\nfour', format: 'notes' });
    expect(preview.ok && preview.turns[0]?.text).toBe('one\ntwo\nthree\nfour');
    // Notes are not read for speakers, and a mark inside the text is the person's own.
    const speakers = await ws.call('interviews.previewTranscript', { text: 'Ana: hello\nBo: hi x\uFEFFy', format: 'notes' });
    expect(speakers).toEqual({ ok: true, format: 'notes', turns: [{ speaker: null, start: null, end: null, text: 'Ana: hello\nBo: hi x\uFEFFy' }], warnings: [] });
    await ws.call('interviews.create', { id: 'n', title: 'Notes', body: { text: '\uFEFFa\r\nb', format: 'notes' } });
    expect(await ws.call('interviews.get', { id: 'n' })).toMatchObject({ body: 'a\nb', turns: null, interview: { format: 'notes' } });
  });

  it("reads a file's name for its format, unless a format is chosen", async () => {
    const text = 'Ana: The slot picker was hidden.\nBo: I see.';
    const format = async (input: { fileName?: string; format?: 'auto' | 'text' | 'srt' }) => {
      const preview = await ws.call('interviews.previewTranscript', { text, format: input.format ?? 'auto', ...(input.fileName ? { fileName: input.fileName } : {}) });
      return preview.ok ? preview.format : `refused at line ${preview.line}`;
    };
    expect(await format({})).toBe('text');
    expect(await format({ fileName: 'call.md' })).toBe('markdown');
    expect(await format({ fileName: 'call.md', format: 'text' })).toBe('text');
    expect(await format({ format: 'srt' })).toMatch(/^refused at line \d+$/);
  });

  it('puts the first turn at the very start of the body and says where a refused file went wrong in its issues', async () => {
    await ws.call('interviews.create', { id: 't', title: 'Text', body: { text: 'Ana: First.\nBo: Second.', format: 'text' } });
    const { body, turns } = await ws.call('interviews.get', { id: 't' });
    expect(turns?.map((t) => [t.speaker, body.slice(t.from, t.to)])).toEqual([
      ['Ana', 'First.'],
      ['Bo', 'Second.'],
    ]);
    expect(turns?.[0]?.from).toBe(0);
    const error = await refusal(ws.call('interviews.setBody', { id: 't', text: 'WEBVTT\n\nnonsense -->', format: 'vtt' }));
    expect(error.issues).toEqual([expect.stringMatching(/^text: line \d+: .+/) as string]);
    // A transcript read again keeps its new turns; notes again keep none.
    await ws.call('interviews.setBody', { id: 't', text: 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Cy>Third.', format: 'auto' });
    expect((await ws.call('interviews.get', { id: 't' })).turns).toEqual([{ speaker: 'Cy', start: 1, end: 2, from: 0, to: 6 }]);
    await ws.call('interviews.setBody', { id: 't', text: 'Just notes', format: 'notes' });
    expect(await ws.call('interviews.get', { id: 't' })).toMatchObject({ body: 'Just notes', turns: null, interview: { format: 'notes' } });
  });

  it('refuses turns a hand-edited file broke, rather than showing them', async () => {
    await ws.call('interviews.create', { id: 't', title: 'Text', body: { text: 'Ana: First.', format: 'text' } });
    ws.ctx.db.prepare("UPDATE interviews SET turns = '{\"not\":\"a list\"}' WHERE id = 't'").run();
    await expect(ws.call('interviews.get', { id: 't' })).rejects.toThrow(/Bad row in interviews "t": turns should be a list/);
  });
});

describe('interviews, at their edges', () => {
  it('list with several filters at once, with and without words', async () => {
    await ws.call('interviews.create', { id: 'a', title: 'Kiwi call', method: 'survey', heldOn: '2026-05-01' });
    await ws.call('interviews.create', { id: 'b', title: 'Kiwi chat', method: 'survey', heldOn: '2026-07-01' });
    await ws.call('interviews.create', { id: 'c', title: 'Kiwi talk', method: 'interview', heldOn: '2026-05-02' });
    const ids = async (input: Record<string, string>) => (await ws.call('interviews.list', input)).map((s) => s.interview.id).sort();
    expect(await ids({ method: 'survey', to: '2026-06-01' })).toEqual(['a']);
    expect(await ids({ method: 'survey', from: '2026-04-01', to: '2026-08-01' })).toEqual(['a', 'b']);
    expect(await ids({ query: 'kiwi', method: 'survey', from: '2026-06-01' })).toEqual(['b']);
  });

  it('keep what an update does not name, clear what it sets to null, and are deleted under their title', async () => {
    const persona = (await ws.call('personas.create', { name: 'Pat' })).personas[0]?.id ?? '';
    await ws.call('interviews.create', { id: 'i', title: 'Call', personaId: persona, heldOn: '2026-01-02' });
    expect((await ws.call('interviews.update', { id: 'i', title: 'Call 2' })).interviews[0]).toMatchObject({ title: 'Call 2', personaId: persona, heldOn: '2026-01-02' });
    expect((await ws.call('interviews.update', { id: 'i', personaId: null })).interviews[0]).toMatchObject({ personaId: null, heldOn: '2026-01-02' });
    await ws.call('interviews.delete', { id: 'i', tombstone: 'undo-i' });
    expect(label('undo-i')).toBe('Delete interview "Call 2"');
  });

  it('find a quote at the very start of a new body again, and give a quote between turns no speaker', async () => {
    await ws.call('interviews.create', { id: 'i', title: 'Call', body: { text: 'Hello there. More words.', format: 'notes' } });
    await ws.call('quotes.create', { id: 'q', interviewId: 'i', startOffset: 0, endOffset: 5 });
    const changed = await ws.call('interviews.setBody', { id: 'i', text: 'Hello again', format: 'notes' });
    expect(changed.quotes.map((q) => [q.id, q.startOffset, q.endOffset])).toEqual([['q', 0, 5]]);
  });
});

describe('quotes, at their edges', () => {
  beforeEach(async () => {
    await ws.call('interviews.create', { id: 'iv', title: 'Call', body: { text: 'WEBVTT\n\n00:00:03.000 --> 00:00:04.000\n<v Ana>Short answer here', format: 'vtt' } });
    await ws.call('interviews.create', { id: 'notes', title: 'Notes', body: { text: 'No turns in these notes', format: 'notes' } });
  });

  it('are refused for an interview or an id that does not do', async () => {
    await expect(ws.call('quotes.list', { interviewId: 'missing' })).rejects.toThrow(/No interview with id "missing"/);
    await ws.call('quotes.create', { id: 'q', interviewId: 'iv', text: 'x' });
    expect((await refusal(ws.call('quotes.create', { id: 'q', interviewId: 'iv', text: 'y' }))).message).toBe('A quote with id "q" already exists.');
    await expect(ws.call('quotes.update', { id: 'nope', text: 'x' })).rejects.toThrow(/No quote with id "nope"/);
  });

  it('reach the last character, accept the selection with its own words, and keep a speaker given', async () => {
    const { body } = await ws.call('interviews.get', { id: 'iv' });
    const whole = await ws.call('quotes.create', { interviewId: 'iv', startOffset: 0, endOffset: body.length, text: ' Short answer here ' });
    expect(whole.quotes[0]).toMatchObject({ text: 'Short answer here', speaker: 'Ana', atSeconds: 3 });
    const named = await ws.call('quotes.create', { interviewId: 'iv', startOffset: 0, endOffset: 5, speaker: 'Ana Ruiz' });
    expect(named.quotes[0]?.speaker).toBe('Ana Ruiz');
    const typed = await ws.call('quotes.create', { interviewId: 'iv', text: 'Typed in' });
    expect(typed.quotes[0]).toMatchObject({ speaker: '', atSeconds: null });
    const fromNotes = await ws.call('quotes.create', { interviewId: 'notes', startOffset: 3, endOffset: 8 });
    expect(fromNotes.quotes[0]).toMatchObject({ text: 'turns', speaker: '', atSeconds: null });
  });

  it('keep their sentiment when only their tags change, and are deleted under their first words', async () => {
    const t = (await ws.call('tags.create', { id: 'tag', name: 'tag' })).tags;
    expect(t).toEqual([{ id: 'tag', name: 'tag' }]);
    await ws.call('quotes.create', { id: 'q', interviewId: 'iv', text: 'x', sentiment: -2 });
    expect((await ws.call('quotes.update', { id: 'q', tagIds: ['tag'] })).quotes[0]).toMatchObject({ sentiment: -2, tagIds: ['tag'] });
    await ws.call('quotes.delete', { id: 'q', tombstone: 'short' });
    expect(label('short')).toBe('Delete quote "x"');
    const long = 'a'.repeat(40);
    await ws.call('quotes.create', { id: 'q40', interviewId: 'iv', text: long });
    await ws.call('quotes.delete', { id: 'q40', tombstone: 'forty' });
    expect(label('forty')).toBe(`Delete quote "${long}"`);
    await ws.call('quotes.create', { id: 'q41', interviewId: 'iv', text: `${long}bc` });
    await ws.call('quotes.delete', { id: 'q41', tombstone: 'longer' });
    expect(label('longer')).toBe(`Delete quote "${long}…"`);
  });
});

describe('links, tags and metrics, at their edges', () => {
  beforeEach(async () => {
    await ws.call('interviews.create', { id: 'iv', title: 'Call' });
    await ws.call('quotes.create', { id: 'q', interviewId: 'iv', text: 'Q' });
  });

  it('link only quotes that exist, and take one off under its own name', async () => {
    await expect(ws.call('quotes.link', { quoteIds: ['q', 'ghost'], stageId })).rejects.toThrow(/No quote with id "ghost"/);
    expect((await ws.call('maps.get', { id: mapId })).quoteLinks).toEqual([]); // all or nothing
    const [link] = (await ws.call('quotes.link', { quoteIds: ['q'], stageId })).quoteLinks;
    await ws.call('quoteLinks.delete', { id: link?.id ?? '', tombstone: 'off' });
    expect(label('off')).toBe('Take quote off the map');
  });

  it('tags: an id in use is refused; a merge into itself keeps nothing for undo; deletes and merges are named', async () => {
    await ws.call('tags.create', { id: 'a', name: 'alpha' });
    await ws.call('tags.create', { id: 'b', name: 'beta' });
    expect((await refusal(ws.call('tags.create', { id: 'a', name: 'other' }))).message).toBe('A tag with id "a" already exists.');
    await ws.call('tags.create', { id: 'c', name: 'gamma' });
    const two = await ws.call('tags.merge', { ids: ['c', 'b'], into: 'a' });
    expect(label(two.tombstones[0] ?? '')).toBe('Merge "gamma", "beta" into "alpha"');
    await ws.call('tombstones.restore', { id: two.tombstones[0] ?? '' });
    const none = await ws.call('tags.merge', { ids: ['a'], into: 'a' });
    expect([none.tombstones, none.deleted.tags, none.quotes]).toEqual([[], [], []]);
    const merged = await ws.call('tags.merge', { ids: ['b'], into: 'a' });
    expect(label(merged.tombstones[0] ?? '')).toBe('Merge "beta" into "alpha"');
    await ws.call('tags.delete', { id: 'a', tombstone: 'del' });
    expect(label('del')).toBe('Delete tag "alpha"');
  });

  it('metrics: defaults, an update that names one field keeps the others, every edit marks the map as changed', async () => {
    const made = await ws.call('metrics.create', { id: 'm', stageId, name: 'NPS', value: 42 });
    expect(made.metrics[0]).toMatchObject({ unit: '', source: '', measuredAt: null });
    await ws.call('metrics.update', { id: 'm', measuredAt: '2026-10-01' });
    const renamed = await ws.call('metrics.update', { id: 'm', name: 'NPS (web)' });
    expect(renamed.metrics[0]).toMatchObject({ name: 'NPS (web)', value: 42, measuredAt: '2026-10-01' });
    expect(renamed.maps.map((m) => m.id)).toEqual([mapId]);
    const deleted = await ws.call('metrics.delete', { id: 'm', tombstone: 'del-m' });
    expect(deleted.maps.map((m) => m.id)).toEqual([mapId]);
    expect(label('del-m')).toBe('Delete metric "NPS (web)"');
    expect((await refusal(ws.call('metrics.update', { id: 'm', value: 1 }))).message).toBe('No metric with id "m" exists; it may have been deleted.');
  });
});

describe("a map's evidence", () => {
  it('carries each linked quote once, with its tags in the same (name) order as everywhere else', async () => {
    await ws.call('interviews.create', { id: 'iv', title: 'Call' });
    for (const [id, name] of [['z', 'zebra'], ['a', 'Apple'], ['m', 'mango']]) await ws.call('tags.create', { id, name });
    await ws.call('quotes.create', { id: 'q', interviewId: 'iv', text: 'Q', tagIds: ['z', 'm', 'a'] });
    await ws.call('quotes.create', { id: 'r', interviewId: 'iv', text: 'R', tagIds: ['m'] });
    const stages = (await ws.call('maps.get', { id: mapId })).stages.map((s) => s.id);
    await ws.call('quotes.link', { quoteIds: ['q', 'r'], stageId: stages[0] ?? '' });
    await ws.call('quotes.link', { quoteIds: ['q'], stageId: stages[1] ?? '' });
    const doc = await ws.call('maps.get', { id: mapId });
    expect(doc.quoteLinks).toHaveLength(3);
    expect(doc.quotes.map((q) => [q.id, q.tagIds]).sort()).toEqual([
      ['q', ['a', 'm', 'z']],
      ['r', ['m']],
    ]);
    const listed = (await ws.call('quotes.list', { interviewId: 'iv' })).quotes.find((q) => q.id === 'q');
    expect(listed?.tagIds).toEqual(['a', 'm', 'z']);
    expect(doc.interviews.map((i) => i.id)).toEqual(['iv']);
  });
});
