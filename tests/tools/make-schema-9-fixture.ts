/**
 * Wrote tests/fixtures/workspaces/schema-9.waymark with the code of commit 5c7927e (schema 9: the quote index holds
 * a quote's text and its sentiment as a facet word), through the contract only: an interview with a quote of each
 * sentiment and one without, all about the fee; one quote's sentiment changed after it was made, one quote's text;
 * one quote deleted with a tombstone (to be brought back after the upgrade). Kept as the record of how the fixture
 * was made; it is never run again (today's code writes a later schema).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Workspace } from '../../electron/core/workspace.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema9-'));
const file = path.join(dir, 'w.waymark');
let t = Date.parse('2026-12-02T19:00:00.000Z');
const ws = Workspace.open(file, { backupsDir: path.join(dir, 'b'), now: () => new Date((t += 1000)) });
const map = (await ws.call('maps.create', { title: 'Fees journey', template: 'purchase-journey' })).maps[0];
const doc = await ws.call('maps.get', { id: map?.id ?? '' });
const stage = doc.stages[0]?.id ?? '';
const lane = doc.lanes.find((l) => l.kind === 'text')?.id ?? '';
await ws.call('interviews.create', { id: 'iv-fees', title: 'Call with Ana', participant: 'Ana', method: 'interview' });
const said: [string, number | null, string][] = [
  ['q-m2', -2, 'The delivery fee was a shock'],
  ['q-m1', -1, 'A fee at checkout, again'],
  ['q-0', 0, 'The fee is listed somewhere'],
  ['q-p1', 1, 'No fee over forty pounds'],
  ['q-p2', 2, 'Free delivery, no fee at all'],
  ['q-none', null, 'Fee or no fee, I order'],
  ['q-gone', -2, 'The fee made me leave'],
];
for (const [id, sentiment, text] of said) await ws.call('quotes.create', { id, interviewId: 'iv-fees', text, ...(sentiment === null ? {} : { sentiment }) });
await ws.call('cards.create', { id: 'card-fee', laneId: lane, stageId: stage, text: 'Sees the fee' });
await ws.call('quotes.link', { quoteIds: ['q-m2'], stageId: stage, cardId: 'card-fee', ids: ['ql-m2'] });
await ws.call('quotes.link', { quoteIds: ['q-p2'], stageId: stage, ids: ['ql-p2'] });
await ws.call('quotes.update', { id: 'q-0', sentiment: -1 });
await ws.call('quotes.update', { id: 'q-p1', text: 'No fee over forty pounds, they said' });
await ws.call('quotes.delete', { id: 'q-gone', tombstone: 'tomb-q-gone' });
const found = await ws.call('quotes.search', { query: 'fee', sentiments: [-2, -1], offset: 0, limit: 50 });
console.log('fee, −2 or −1:', found.hits.map((h) => h.quote.id));
ws.close();
const out = path.resolve(import.meta.dirname, '../../tests/fixtures/workspaces/schema-9.waymark');
const src = new Database(file);
console.log('schema', src.pragma('user_version', { simple: true }));
src.exec(`VACUUM INTO '${out}'`);
src.close();
console.log('wrote', out, fs.statSync(out).size);
