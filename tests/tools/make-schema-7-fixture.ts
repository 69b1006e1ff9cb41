/**
 * Wrote tests/fixtures/workspaces/schema-7.waymark with the code of commit ad60831 (schema 7, the day a quote was
 * said; quotes listed newest first by (created_at, id)), through the contract only: a map with two stages, an
 * interview of notes with three quotes made one second apart (one said on a known day), a quote deleted and brought
 * back by undo (a new rowid under its old time), and eight quotes imported from one CSV file (one time for all,
 * rowids in the file's order), some on a stage and tagged. Kept as the record of how the fixture was made; it is
 * never run again (today's code writes a later schema).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Workspace } from '../../electron/core/workspace.ts';

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the workspace is not as expected');
  return value;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema7-'));
const file = path.join(dir, 'w.waymark');
let t = Date.parse('2026-12-02T15:00:00.000Z');
const ws = Workspace.open(file, { backupsDir: path.join(dir, 'b'), now: () => new Date((t += 1000)) });
const map = must((await ws.call('maps.create', { title: 'Delivery journey', template: 'purchase-journey' })).maps[0]);
const doc = await ws.call('maps.get', { id: map.id });
const [s1, s2] = doc.stages;
await ws.call('interviews.create', { id: 'iv-notes', title: 'Call with Ana', participant: 'Ana', method: 'interview', body: { text: 'Notes of the call.', format: 'notes' } });
await ws.call('quotes.create', { id: 'q-first', interviewId: 'iv-notes', text: 'The first quote about the van', sentiment: 1, saidOn: '2026-11-30' });
await ws.call('quotes.create', { id: 'q-second', interviewId: 'iv-notes', text: 'The second quote about the van', sentiment: -1 });
await ws.call('quotes.create', { id: 'q-third', interviewId: 'iv-notes', text: 'The third quote about the van' });
await ws.call('quotes.link', { quoteIds: ['q-first', 'q-second'], stageId: must(s1).id, ids: ['ql-first', 'ql-second'] });
await ws.call('quotes.delete', { id: 'q-first', tombstone: 'undo-first' });
await ws.call('tombstones.restore', { id: 'undo-first' });
const csv = [
  'Quote,Participant,Stage,Sentiment,Tags',
  ...Array.from({ length: 8 }, (_, i) => `Row ${i + 1} of the survey about the van,P${i % 3},${i % 2 === 0 ? must(s2).name : ''},${(i % 5) - 2},${i % 3 === 0 ? 'late' : ''}`),
].join('\n');
await ws.call('quotes.import', { file: Buffer.from(csv, 'utf8').toString('base64'), fileName: 'survey.csv', mapId: map.id, mapping: { text: 0, participant: 1, stage: 2, sentiment: 3, tags: 4 } });
const found = await ws.call('quotes.search', { query: 'van', stageId: must(s2).id, offset: 0, limit: 50 });
console.log('quotes on the second stage found', found.total);
ws.close();
const out = path.resolve(import.meta.dirname, '../../tests/fixtures/workspaces/schema-7.waymark');
const src = new Database(file);
console.log('schema', src.pragma('user_version', { simple: true }));
src.exec(`VACUUM INTO '${out}'`);
src.close();
console.log('wrote', out, fs.statSync(out).size);
