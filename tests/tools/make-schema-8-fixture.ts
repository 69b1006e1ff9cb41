/**
 * Wrote tests/fixtures/workspaces/schema-8.waymark with the code of commit 81f5a46 (schema 8, quotes listed in the
 * order they came in; a card moved to another stage left its quote links on the stage it came from), through the
 * contract only: a map with a card holding two quotes, moved from the first stage to the third (its links stayed on
 * the first), then one of them placed on the card again there; a quote on the second stage alone. Kept as the record
 * of how the fixture was made; it is never run again (today's code writes a later schema).
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

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema8-'));
const file = path.join(dir, 'w.waymark');
let t = Date.parse('2026-12-02T16:30:00.000Z');
const ws = Workspace.open(file, { backupsDir: path.join(dir, 'b'), now: () => new Date((t += 1000)) });
const map = must((await ws.call('maps.create', { title: 'Delivery journey', template: 'purchase-journey' })).maps[0]);
const doc = await ws.call('maps.get', { id: map.id });
const [s1, s2, s3] = doc.stages;
const lane = must(doc.lanes.find((l) => l.kind === 'text'));
await ws.call('interviews.create', { id: 'iv-notes', title: 'Call with Ana', participant: 'Ana', method: 'interview' });
for (const id of ['q-van', 'q-slot', 'q-alone']) await ws.call('quotes.create', { id, interviewId: 'iv-notes', text: `The quote ${id} about the van`, sentiment: -1 });
await ws.call('cards.create', { id: 'card-waits', laneId: lane.id, stageId: must(s1).id, text: 'Waits for the van' });
await ws.call('quotes.link', { quoteIds: ['q-van', 'q-slot'], stageId: must(s1).id, cardId: 'card-waits', ids: ['ql-van', 'ql-slot'] });
await ws.call('quotes.link', { quoteIds: ['q-alone'], stageId: must(s2).id, ids: ['ql-alone'] });
await ws.call('cards.move', { id: 'card-waits', laneId: lane.id, stageId: must(s3).id });
await ws.call('quotes.link', { quoteIds: ['q-van'], stageId: must(s3).id, cardId: 'card-waits', ids: ['ql-van-again'] });
const found = await ws.call('quotes.search', { query: 'van', stageId: must(s1).id, offset: 0, limit: 50 });
console.log('quotes on the first stage found', found.total);
ws.close();
const out = path.resolve(import.meta.dirname, '../../tests/fixtures/workspaces/schema-8.waymark');
const src = new Database(file);
console.log('schema', src.pragma('user_version', { simple: true }));
console.log(src.prepare('SELECT id, quote_id, stage_id, card_id FROM quote_links ORDER BY id').all());
src.exec(`VACUUM INTO '${out}'`);
src.close();
console.log('wrote', out, fs.statSync(out).size);
