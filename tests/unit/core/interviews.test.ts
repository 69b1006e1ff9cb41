/**
 * Interviews over the contract, on a real workspace file: notes and transcripts from files other tools wrote,
 * read into turns with speaker and time; refused files change nothing; listing, finding, changing, deleting
 * with undo; a new body keeps the quotes it still holds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SNIPPET_MARK } from '../../../electron/api/types.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { refusal, tempDir } from './helpers.ts';

const TRANSCRIPTS = path.join(import.meta.dirname, '../../fixtures/transcripts');
const transcript = (name: string) => fs.readFileSync(path.join(TRANSCRIPTS, name), 'utf8');

let dir: string;
let ws: Workspace;
let t: number;
beforeEach(() => {
  dir = tempDir();
  t = Date.parse('2026-11-01T09:00:00.000Z');
  ws = Workspace.open(path.join(dir, 'w.waymark'), { sample: true, backupsDir: path.join(dir, 'backups'), now: () => new Date((t += 1000)) });
});
afterEach(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const count = (table: string) => ws.ctx.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('interviews', () => {
  it('are made with their fields and defaults, as notes without turns', async () => {
    t = Date.parse('2026-11-02T08:00:00.000Z');
    const made = await ws.call('interviews.create', { id: 'iv-1', title: 'Call with Ana' });
    expect(made.interviews).toEqual([
      {
        id: 'iv-1',
        title: 'Call with Ana',
        participant: '',
        personaId: null,
        heldOn: null,
        method: 'interview',
        format: 'notes',
        createdAt: '2026-11-02T08:00:01.000Z',
        updatedAt: '2026-11-02T08:00:01.000Z',
      },
    ]);
    expect(await ws.call('interviews.get', { id: 'iv-1' })).toEqual({ interview: made.interviews[0], body: '', turns: null });
    await expect(ws.call('interviews.create', { id: 'iv-1', title: 'Again' })).rejects.toThrow(/already exists/);
  });

  it('read a Teams WebVTT file into turns with speakers and times, the body holding only what was said', async () => {
    const made = await ws.call('interviews.create', {
      id: 'iv-teams',
      title: 'Teams call',
      participant: 'Ana',
      method: 'usability test',
      heldOn: '2026-10-30',
      body: { text: transcript('made-teams.vtt'), format: 'auto', fileName: 'call.vtt' },
    });
    expect(made.interviews[0]).toMatchObject({ format: 'vtt', method: 'usability test', heldOn: '2026-10-30' });
    const { body, turns } = await ws.call('interviews.get', { id: 'iv-teams' });
    expect(turns?.length).toBeGreaterThan(1);
    for (const turn of turns ?? []) {
      const said = body.slice(turn.from, turn.to);
      expect(said.trim().length, JSON.stringify(turn)).toBeGreaterThan(0);
      expect(said).not.toMatch(/-->|<v |WEBVTT/);
      expect(turn.start).not.toBeNull();
    }
    // Turns follow each other in the body, a blank line apart.
    for (let i = 1; i < (turns ?? []).length; i++) expect(turns?.[i]?.from).toBe((turns?.[i - 1]?.to ?? 0) + 2);
    expect(new Set((turns ?? []).map((x) => x.speaker)).size).toBeGreaterThan(1);
  });

  it('preview a transcript without storing it, and refuse a file that is not one with its line, writing nothing', async () => {
    const preview = await ws.call('interviews.previewTranscript', { text: transcript('webvtt-py-sample.srt'), format: 'auto', fileName: 'sample.srt' });
    expect(preview.ok && preview.format).toBe('srt');
    const notes = await ws.call('interviews.previewTranscript', { text: 'Line one\r\nLine two', format: 'notes' });
    expect(notes).toEqual({ ok: true, format: 'notes', turns: [{ speaker: null, start: null, end: null, text: 'Line one\nLine two' }], warnings: [] });
    const broken = await ws.call('interviews.previewTranscript', { text: 'WEBVTT\n\n00:01.000 --> banana\nhello', format: 'vtt' });
    expect(broken.ok).toBe(false);

    const interviews = count('interviews');
    const changesBefore = ws.ctx.db.pragma('data_version', { simple: true }) as number;
    const totalBefore = ws.ctx.db.prepare('SELECT total_changes()').pluck().get() as number;
    const error = await refusal(ws.call('interviews.create', { title: 'Bad', body: { text: '\u0000\u0001\u0002binary', format: 'auto', fileName: 'x.vtt' } }));
    expect(error.code).toBe('Invalid');
    expect(error.message).toMatch(/^Line \d+: .+ Nothing was imported\.$/);
    expect(count('interviews')).toBe(interviews);
    const [first] = await ws.call('interviews.list', {});
    const id = first?.interview.id ?? '';
    const body = (await ws.call('interviews.get', { id })).body;
    await expect(ws.call('interviews.setBody', { id, text: 'WEBVTT\n\nnot a cue at all -->', format: 'vtt' })).rejects.toThrow(/^Line \d+:/);
    expect((await ws.call('interviews.get', { id })).body).toBe(body);
    // Not one row was written by either refusal.
    expect(ws.ctx.db.prepare('SELECT total_changes()').pluck().get()).toBe(totalBefore);
    expect(ws.ctx.db.pragma('data_version', { simple: true })).toBe(changesBefore);
  });

  it('are listed newest first, found by words with the match marked, and filtered by persona, method and date', async () => {
    const persona = (await ws.call('personas.list', {}))[0]?.id ?? '';
    await ws.call('interviews.create', { id: 'a', title: 'Survey answers', method: 'survey', heldOn: '2026-09-01', body: { text: 'The kumquat was bruised.', format: 'notes' } });
    await ws.call('interviews.create', { id: 'b', title: 'Undated call', personaId: persona });
    await ws.call('interviews.create', { id: 'c', title: 'Latest call', heldOn: '2026-11-20', participant: 'Kumquat Jones' });
    const all = await ws.call('interviews.list', {});
    const ids = all.map((s) => s.interview.id);
    expect(ids.indexOf('c')).toBe(0); // the latest day first; undated ones after the dated
    expect(ids.indexOf('a')).toBeLessThan(ids.indexOf('b'));
    expect(all.find((s) => s.interview.id === 'a')).toMatchObject({ quoteCount: 0, snippet: null });
    const sampleCounts = all.filter((s) => !['a', 'b', 'c'].includes(s.interview.id)).map((s) => s.quoteCount);
    expect(sampleCounts.every((n) => n > 0)).toBe(true);

    const found = await ws.call('interviews.list', { query: 'kumqu' });
    expect(found.map((s) => s.interview.id).sort()).toEqual(['a', 'c']);
    expect(found.find((s) => s.interview.id === 'a')?.snippet).toContain(`${SNIPPET_MARK.open}kumquat${SNIPPET_MARK.close}`);
    expect(await ws.call('interviews.list', { query: '"(' })).toEqual([]);
    expect((await ws.call('interviews.list', { query: '   ' })).length).toBe(all.length);

    expect((await ws.call('interviews.list', { method: 'survey' })).map((s) => s.interview.id)).toEqual(['a']);
    expect((await ws.call('interviews.list', { personaId: persona })).map((s) => s.interview.id)).toContain('b');
    expect((await ws.call('interviews.list', { personaId: persona })).map((s) => s.interview.id)).not.toContain('c');
    expect((await ws.call('interviews.list', { from: '2026-11-01' })).map((s) => s.interview.id)).toEqual(['c']);
    expect((await ws.call('interviews.list', { to: '2026-09-30' })).map((s) => s.interview.id)).toEqual(['a']);
    expect((await ws.call('interviews.list', { query: 'kumquat', method: 'survey' })).map((s) => s.interview.id)).toEqual(['a']);
    await expect(ws.call('interviews.list', { from: '2026-02-30' })).rejects.toThrow(/not a real date/);
  });

  it('change field by field; a persona that does not exist is refused', async () => {
    await ws.call('interviews.create', { id: 'iv', title: 'Call', participant: 'Ana', heldOn: '2026-01-02' });
    const changed = await ws.call('interviews.update', { id: 'iv', method: 'support chat', heldOn: null });
    expect(changed.interviews[0]).toMatchObject({ title: 'Call', participant: 'Ana', method: 'support chat', heldOn: null, updatedAt: expect.stringMatching(/Z$/) as string });
    expect(changed.interviews[0]?.updatedAt).not.toBe(changed.interviews[0]?.createdAt);
    await expect(ws.call('interviews.update', { id: 'iv', personaId: 'nobody' })).rejects.toThrow(/No persona with id "nobody"/);
    await expect(ws.call('interviews.create', { title: 'x', personaId: 'nobody' })).rejects.toThrow(/No persona/);
    await expect(ws.call('interviews.update', { id: 'gone', title: 'x' })).rejects.toThrow(/No interview with id "gone"/);
  });

  it('keep their quotes when the body is replaced: found again they keep their place and take its speaker, otherwise they lose only the place', async () => {
    await ws.call('interviews.create', { id: 'iv', title: 'Call', body: { text: 'Ana: The basket forgot my list.\nBo: Delivery was late.', format: 'text' } });
    const { body } = await ws.call('interviews.get', { id: 'iv' });
    const at = body.indexOf('Delivery was late');
    await ws.call('quotes.create', { id: 'q-late', interviewId: 'iv', startOffset: at, endOffset: at + 'Delivery was late'.length });
    const at2 = body.indexOf('forgot my list');
    await ws.call('quotes.create', { id: 'q-list', interviewId: 'iv', startOffset: at2, endOffset: at2 + 'forgot my list'.length });
    const changed = await ws.call('interviews.setBody', { id: 'iv', text: 'WEBVTT\n\n00:00:05.000 --> 00:00:07.000\n<v Cy>Delivery was late, again.', format: 'auto' });
    expect(changed.interviews[0]?.format).toBe('vtt');
    const late = changed.quotes.find((q) => q.id === 'q-late');
    const now = await ws.call('interviews.get', { id: 'iv' });
    expect(late).toMatchObject({ speaker: 'Cy', atSeconds: 5 });
    expect(now.body.slice(late?.startOffset ?? 0, late?.endOffset ?? 0)).toBe('Delivery was late');
    expect(changed.quotes.find((q) => q.id === 'q-list')).toMatchObject({ text: 'forgot my list', startOffset: null, endOffset: null, speaker: 'Ana' });
  });

  it('are deleted with their quotes and links, kept for undo, and come back whole', async () => {
    const [first] = (await ws.call('interviews.list', {})).filter((s) => s.quoteCount > 0);
    const id = first?.interview.id ?? '';
    const quotes = count('quotes');
    const links = count('quote_links');
    const deleted = await ws.call('interviews.delete', { id, tombstone: 'undo-iv' });
    expect(deleted.deleted.interviews).toEqual([id]);
    expect(deleted.deleted.quotes).toHaveLength(first?.quoteCount ?? -1);
    expect(deleted.deleted.quoteLinks.length).toBeGreaterThan(0);
    expect(count('quotes')).toBe(quotes - (first?.quoteCount ?? 0));
    const back = await ws.call('tombstones.restore', { id: 'undo-iv' });
    expect(back.interviews.map((i) => i.id)).toEqual([id]);
    expect(back.quotes.every((q) => q.tagIds.length > 0)).toBe(true);
    expect([count('quotes'), count('quote_links')]).toEqual([quotes, links]);
  });
});
