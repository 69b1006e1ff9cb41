/**
 * Wrote tests/fixtures/workspaces/schema-3.waymark with the code of commit 7650ac7 (schema 3, transcripts and
 * evidence), through the contract only. Kept as the record of how the fixture was made; it is never run again
 * (today's code writes a later schema).
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

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema3-'));
const file = path.join(dir, 'w.waymark');
let t = Date.parse('2026-12-01T10:00:00.000Z');
const ws = Workspace.open(file, { backupsDir: path.join(dir, 'b'), now: () => new Date((t += 1000)) });
const map = must((await ws.call('maps.create', { title: 'Delivery journey', template: 'purchase-journey' })).maps[0]);
const doc = await ws.call('maps.get', { id: map.id });
const [s1, s2, s3] = doc.stages;
const textLane = must(doc.lanes.find((l) => l.kind === 'text'));
await ws.call('lanes.create', { mapId: map.id, kind: 'evidence', title: 'Evidence' });
const card = must((await ws.call('cards.create', { laneId: textLane.id, stageId: must(s2).id, text: 'Looks for the delivery date' })).cards[0]);
const vtt = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/transcripts/made-teams.vtt'), 'utf8');
await ws.call('tags.create', { id: 'tag-late', name: 'Late delivery' });
await ws.call('tags.create', { id: 'tag-fee', name: 'Fees' });
await ws.call('interviews.create', { id: 'iv-call', title: 'Call with Ana', participant: 'Ana', heldOn: '2026-11-20', method: 'interview', body: { text: vtt, format: 'vtt', fileName: 'call.vtt' } });
await ws.call('interviews.create', { id: 'iv-notes', title: 'Survey answers', method: 'survey', body: { text: 'Free delivery over 30 euros would make me order more.\nThe fee surprised me.', format: 'notes' } });
const quotes: string[] = [];
for (const [i, sentiment] of [-2, -1, 0, 1, 2, null].entries()) {
  const made = await ws.call('quotes.create', { id: `q-${i}`, interviewId: i % 2 === 0 ? 'iv-notes' : 'iv-call', text: `Quote number ${i} about the delivery fee`, sentiment, tagIds: i % 2 === 0 ? ['tag-fee'] : ['tag-late', 'tag-fee'], speaker: i % 2 === 0 ? '' : 'Ana' });
  quotes.push(must(made.quotes[0]).id);
}
await ws.call('quotes.link', { quoteIds: quotes.slice(0, 4), stageId: must(s1).id, ids: ['ql-1', 'ql-2', 'ql-3', 'ql-4'] });
await ws.call('quotes.link', { quoteIds: quotes.slice(2, 6), stageId: must(s2).id, ids: ['ql-5', 'ql-6', 'ql-7', 'ql-8'] });
await ws.call('quotes.link', { quoteIds: [must(quotes[2])], stageId: must(s2).id, cardId: card.id, ids: ['ql-9'] });
await ws.call('metrics.create', { stageId: must(s3).id, name: 'entered stage', value: 640, unit: 'customers' });
ws.close();
const out = path.resolve(import.meta.dirname, '../../tests/fixtures/workspaces/schema-3.waymark');
const src = new Database(file);
console.log('schema', src.pragma('user_version', { simple: true }));
src.exec(`VACUUM INTO '${out}'`);
src.close();
console.log('wrote', out, fs.statSync(out).size);
