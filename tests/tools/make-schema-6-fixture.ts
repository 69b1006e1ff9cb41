/**
 * Wrote tests/fixtures/workspaces/schema-6.waymark with the code of commit ca60651 (schema 6, one-letter prefixes in
 * the quote indexes, quotes without the day they were said), through the contract only: the same workspace as
 * schema-5's (its quotes' facet words written by a filtered search before it was closed), with the first interview
 * held on a known day. Kept as the record of how the fixture was made; it is never run again (today's code writes a
 * later schema).
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

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema6-'));
const file = path.join(dir, 'w.waymark');
let t = Date.parse('2026-12-01T21:00:00.000Z');
const ws = Workspace.open(file, { backupsDir: path.join(dir, 'b'), now: () => new Date((t += 1000)) });
const map = must((await ws.call('maps.create', { title: 'Delivery journey', template: 'purchase-journey' })).maps[0]);
const other = must((await ws.call('maps.create', { title: 'Returns journey', template: 'purchase-journey' })).maps[0]);
const doc = await ws.call('maps.get', { id: map.id });
const otherDoc = await ws.call('maps.get', { id: other.id });
const [s1, s2] = doc.stages;
const textLane = must(doc.lanes.find((l) => l.kind === 'text'));
const card = must((await ws.call('cards.create', { laneId: textLane.id, stageId: must(s2).id, text: 'Looks for the delivery date' })).cards[0]);
await ws.call('personas.create', { id: 'persona-ana', name: 'Ana the planner' });
await ws.call('personas.create', { id: 'persona-ben', name: 'Ben in a hurry' });
await ws.call('tags.create', { id: 'tag-late', name: 'Late delivery' });
await ws.call('tags.create', { id: 'tag-fee', name: 'Fees' });
await ws.call('tags.create', { id: 'tag-app', name: 'App' });
await ws.call('interviews.create', { id: 'iv-ana', title: 'Call with Ana', participant: 'Ana', personaId: 'persona-ana', heldOn: '2026-11-20', method: 'interview', body: { text: 'Notes of the call.', format: 'notes' } });
await ws.call('interviews.create', { id: 'iv-ben', title: 'Call with Ben', participant: 'Ben', personaId: 'persona-ben', method: 'interview' });
await ws.call('interviews.create', { id: 'iv-survey', title: 'Survey answers', method: 'survey' });
const interviews = ['iv-ana', 'iv-ben', 'iv-survey'];
const tagSets = [['tag-fee'], ['tag-late', 'tag-fee'], [], ['tag-app'], ['tag-late'], []];
for (let i = 0; i < 12; i++) {
  await ws.call('quotes.create', { id: `q-${i}`, interviewId: must(interviews[i % 3]), text: `Quote number ${i} about the delivery fee and the app`, sentiment: i % 6 === 5 ? null : (i % 5) - 2, tagIds: must(tagSets[i % 6]) });
}
// q-0..q-3 on the first stage, q-2..q-5 on the second (q-2 also on its card), q-6 on the other map; q-7..q-11 unplaced.
await ws.call('quotes.link', { quoteIds: ['q-0', 'q-1', 'q-2', 'q-3'], stageId: must(s1).id, ids: ['ql-1', 'ql-2', 'ql-3', 'ql-4'] });
await ws.call('quotes.link', { quoteIds: ['q-2', 'q-3', 'q-4', 'q-5'], stageId: must(s2).id, ids: ['ql-5', 'ql-6', 'ql-7', 'ql-8'] });
await ws.call('quotes.link', { quoteIds: ['q-2'], stageId: must(s2).id, cardId: card.id, ids: ['ql-9'] });
await ws.call('quotes.link', { quoteIds: ['q-6'], stageId: must(otherDoc.stages[0]).id, ids: ['ql-10'] });
// A filtered search writes every quote's facet words and index entry (migration 5 leaves them to the first one).
const found = await ws.call('quotes.search', { query: 'delivery', stageId: must(s1).id, offset: 0, limit: 50 });
console.log('quotes on the first stage found', found.total);
ws.close();
const out = path.resolve(import.meta.dirname, '../../tests/fixtures/workspaces/schema-6.waymark');
const src = new Database(file);
console.log('schema', src.pragma('user_version', { simple: true }));
src.exec(`VACUUM INTO '${out}'`);
src.close();
console.log('wrote', out, fs.statSync(out).size);
