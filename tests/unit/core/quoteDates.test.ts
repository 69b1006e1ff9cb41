/**
 * The day a quote was said (migration 7), over the contract on a real workspace file: given when a quote is made
 * or edited (a bad day refused in words, nothing changed), kept by every quote an import writes — into a new
 * interview (whose day is still its earliest row's) or into one that exists (whose day stays its own) — kept by
 * undo of a delete and by the table itself, which holds nothing but a day on the calendar.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../../electron/core/workspace.ts';
import { fingerprint } from '../properties/fuzzHarness.ts';
import { refusal, tempDir } from './helpers.ts';

const csv = (text: string) => Buffer.from(text).toString('base64');
const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/spreadsheets', name)).toString('base64');

let dir: string;
let ws: Workspace;
beforeEach(async () => {
  dir = tempDir();
  ws = Workspace.open(path.join(dir, 'w.waymark'), { backupsDir: path.join(dir, 'backups') });
  await ws.call('interviews.create', { id: 'iv', title: 'Survey answers', heldOn: '2026-01-10', method: 'survey' });
});
afterEach(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const saidOn = (id: string) => ws.ctx.db.prepare('SELECT said_on FROM quotes WHERE id = ?').pluck().get(id) as string | null;
const listed = async (interviewId: string) => (await ws.call('quotes.list', { interviewId })).quotes.map((q) => [q.text, q.saidOn]);

describe('a quote made or edited', () => {
  it('keeps the day it was said, and has none when none is given', async () => {
    const made = await ws.call('quotes.create', { id: 'q1', interviewId: 'iv', text: 'Too many steps', saidOn: '2028-02-29' });
    expect(made.quotes[0]?.saidOn).toBe('2028-02-29');
    expect(saidOn('q1')).toBe('2028-02-29');
    const plain = await ws.call('quotes.create', { id: 'q2', interviewId: 'iv', text: 'Fine', saidOn: null });
    expect(plain.quotes[0]?.saidOn).toBeNull();
    const unsaid = await ws.call('quotes.create', { id: 'q3', interviewId: 'iv', text: 'Nothing said about when' });
    expect(unsaid.quotes[0]?.saidOn).toBeNull();
    expect(await listed('iv')).toEqual([
      ['Too many steps', '2028-02-29'],
      ['Fine', null],
      ['Nothing said about when', null],
    ]);
  });

  it('changes its day, clears it with null, and keeps it when an edit leaves it out', async () => {
    await ws.call('quotes.create', { id: 'q1', interviewId: 'iv', text: 'Too many steps', saidOn: '2026-03-01' });
    expect((await ws.call('quotes.update', { id: 'q1', saidOn: '2026-03-31' })).quotes[0]?.saidOn).toBe('2026-03-31');
    const other = await ws.call('quotes.update', { id: 'q1', sentiment: -1, text: 'Far too many steps' });
    expect(other.quotes[0]).toMatchObject({ saidOn: '2026-03-31', sentiment: -1, text: 'Far too many steps' });
    expect((await ws.call('quotes.update', { id: 'q1', saidOn: null })).quotes[0]?.saidOn).toBeNull();
    expect(saidOn('q1')).toBeNull();
  });

  it('refuses a day that is not one, in words, and changes nothing', async () => {
    await ws.call('quotes.create', { id: 'q1', interviewId: 'iv', text: 'Too many steps', saidOn: '2026-03-01' });
    const before = fingerprint(ws.ctx.db);
    for (const [bad, why] of [
      ['2026-02-30', 'saidOn is not a real date'],
      ['2025-02-29', 'saidOn is not a real date'],
      ['31/03/2026', 'saidOn must be a date like 2026-03-31'],
      ['2026-03-31T10:00:00Z', 'saidOn must be a date like 2026-03-31'],
      ['', 'saidOn must be a date like 2026-03-31'],
    ] as const) {
      const update = await refusal(ws.call('quotes.update', { id: 'q1', saidOn: bad }));
      expect(update.code).toBe('Invalid');
      expect(update.issues).toContain(why);
      expect(update.message).toContain('saidOn');
      const create = await refusal(ws.call('quotes.create', { id: 'q2', interviewId: 'iv', text: 'New', saidOn: bad }));
      expect(create.code).toBe('Invalid');
      expect(create.issues).toContain(why);
    }
    expect(fingerprint(ws.ctx.db)).toBe(before);
    expect(saidOn('q1')).toBe('2026-03-01');
  });

  it('comes back with its day when a delete is undone', async () => {
    await ws.call('quotes.create', { id: 'q1', interviewId: 'iv', text: 'Too many steps', saidOn: '2026-03-01' });
    await ws.call('quotes.delete', { id: 'q1', tombstone: 'undo-q1' });
    const back = await ws.call('tombstones.restore', { id: 'undo-q1' });
    expect(back.quotes.map((q) => [q.id, q.saidOn])).toEqual([['q1', '2026-03-01']]);
  });

  it('is held by the table to a day on the calendar, whatever writes it', () => {
    const write = (day: string | null) => () => ws.ctx.db.prepare("INSERT INTO quotes (id, interview_id, text, created_at, said_on) VALUES ('raw', 'iv', 'Raw', '2026-01-01T00:00:00.000Z', ?)").run(day);
    for (const bad of ['2026-02-30', '2026-3-1', '2026-03-01T00:00', '2026-03-01 ', 'soon']) expect(write(bad), bad).toThrow(/CHECK constraint failed/);
    expect(write('2024-02-29')).not.toThrow();
    expect(saidOn('raw')).toBe('2024-02-29');
  });
});

describe('quotes imported with a date column', () => {
  const FILE = [
    'Quote,Participant,Interview,Date',
    'Checkout was slow,Ana,Survey answers,2026-03-05',
    'The app crashed,Ben,Survey answers,2026/3/7',
    'Loved the tracking,Cleo,Autumn survey,2025-10-02',
    'Fees were hidden,Dan,Autumn survey,2025-09-30',
    'No date here,Eve,Autumn survey,',
    'Said in June,Fay,Spring survey,14.06.2026',
  ].join('\n');
  const mapping = { text: 0, participant: 1, interview: 2, date: 3 };

  it('keeps each row’s day on its quote, into an existing interview (its day its own) and into new ones (the earliest row’s)', async () => {
    const changes = await ws.call('quotes.import', { file: csv(FILE), fileName: 'answers.csv', mapping });
    const said = new Map(changes.quotes.map((q) => [q.text, q.saidOn]));
    expect(Object.fromEntries(said)).toEqual({
      'Checkout was slow': '2026-03-05',
      'The app crashed': '2026-03-07',
      'Loved the tracking': '2025-10-02',
      'Fees were hidden': '2025-09-30',
      'No date here': null,
      'Said in June': '2026-06-14',
    });
    // The existing interview keeps its own day; a new one takes the earliest of its rows, or none.
    expect(changes.interviews.map((i) => [i.title, i.heldOn]).sort()).toEqual([
      ['Autumn survey', '2025-09-30'],
      ['Spring survey', '2026-06-14'],
    ]);
    expect((await ws.call('interviews.get', { id: 'iv' })).interview.heldOn).toBe('2026-01-10');
    expect((await listed('iv')).sort()).toEqual([
      ['Checkout was slow', '2026-03-05'],
      ['The app crashed', '2026-03-07'],
    ]);
    // What was written is what is read back.
    for (const q of changes.quotes) expect(saidOn(q.id)).toBe(q.saidOn);
  });

  it('maps a "Said on" column to the quote’s day, not the "Interview date" beside it (Waymark’s own Quotes sheet)', async () => {
    const sheet = ['Quote,Participant,Said on,Interview,Interview date', 'Slow checkout,Ana,2026-03-05,Spring survey,2026-01-10'].join('\n');
    const preview = await ws.call('quotes.previewImport', { file: csv(sheet), fileName: 'quotes.csv' });
    expect(preview.mapping).toMatchObject({ text: 0, participant: 1, date: 2, interview: 3 });
    const changes = await ws.call('quotes.import', { file: csv(sheet), fileName: 'quotes.csv', mapping: preview.mapping });
    expect(changes.quotes.map((q) => q.saidOn)).toEqual(['2026-03-05']);
  });

  it('keeps the days of a real workbook’s date cells', async () => {
    const changes = await ws.call('quotes.import', { file: fixture('libreoffice.xlsx'), fileName: 'libreoffice.xlsx', mapping: { text: 0, participant: 1, interview: 2, date: 6 } });
    expect(changes.quotes.map((q) => q.saidOn).sort()).toEqual(['2026-03-14', '2026-03-14', '2026-03-20']);
  });

  it('refuses a file with a day that is no day, row by row, and writes nothing', async () => {
    const before = fingerprint(ws.ctx.db);
    const bad = `${FILE}\nLate,Gus,Survey answers,2026-02-30\n`;
    const preview = await ws.call('quotes.previewImport', { file: csv(bad), fileName: 'answers.csv', mapping });
    expect(preview.problems).toEqual([{ row: 8, field: 'date', message: '“2026-02-30” is not a date; write dates as YYYY-MM-DD, e.g. 2026-03-31.' }]);
    const refused = await refusal(ws.call('quotes.import', { file: csv(bad), fileName: 'answers.csv', mapping }));
    expect(refused.message).toBe('1 row has problems (Row 8: “2026-02-30” is not a date; write dates as YYYY-MM-DD, e.g. 2026-03-31.). Nothing was imported.');
    expect(fingerprint(ws.ctx.db)).toBe(before);
  });
});
