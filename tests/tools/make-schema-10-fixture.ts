/**
 * Wrote tests/fixtures/workspaces/schema-10.waymark with the code of commit b59aad0 (schema 10: a map's cards read
 * through `cards_by_cell`, one look-up of the table per card), through the contract only: a "Cards journey" map
 * whose cards fill several cells of two lanes, with colours, channels, votes and evidence statuses, cards put
 * before and after others (positions between keys), one moved to another cell, one deleted under the tombstone
 * `tomb-card-gone` (to be brought back after the upgrade); a second map with a card of its own. Kept as the
 * record of how the fixture was made; it is never run again (today's code writes a later schema).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Workspace } from '../../electron/core/workspace.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema10-'));
const file = path.join(dir, 'w.waymark');
let t = Date.parse('2026-12-03T12:00:00.000Z');
const ws = Workspace.open(file, { backupsDir: path.join(dir, 'b'), now: () => new Date((t += 1000)) });
const map = (await ws.call('maps.create', { title: 'Cards journey', template: 'purchase-journey' })).maps[0];
const doc = await ws.call('maps.get', { id: map?.id ?? '' });
const [s1, s2, s3] = doc.stages.map((s) => s.id);
const [l1, l2] = doc.lanes.filter((l) => l.kind === 'text' || l.kind === 'touchpoints').map((l) => l.id);
const cell = (laneId = '', stageId = '') => ({ laneId, stageId });
await ws.call('cards.create', { id: 'card-a', ...cell(l1, s1), text: 'Looks for "fast" delivery', color: '#fde68a', votes: 3, evidence: 'observed' });
await ws.call('cards.create', { id: 'card-b', ...cell(l1, s1), text: 'Compares\nprices', channel: 'web' });
await ws.call('cards.create', { id: 'card-c', ...cell(l1, s1), text: 'Asks a friend', before: 'card-a', evidence: 'proposed' });
await ws.call('cards.create', { id: 'card-d', ...cell(l1, s2), text: 'Fills in the form — twice', channel: 'app', votes: 1 });
await ws.call('cards.create', { id: 'card-e', ...cell(l2, s2), text: 'Checkout page', channel: 'web', color: '#bfdbfe' });
await ws.call('cards.create', { id: 'card-f', ...cell(l2, s2), text: 'Confirmation email 📧', channel: 'email', after: 'card-e' });
await ws.call('cards.create', { id: 'card-g', ...cell(l2, s3), text: 'Call centre', channel: 'phone', evidence: 'observed' });
await ws.call('cards.create', { id: 'card-gone', ...cell(l2, s3), text: 'Leaves a review' });
await ws.call('cards.move', { id: 'card-b', ...cell(l2, s3), before: 'card-g' });
await ws.call('cards.update', { id: 'card-d', text: 'Fills in the form — twice, then gives up', votes: 2 });
await ws.call('cards.delete', { id: 'card-gone', tombstone: 'tomb-card-gone' });
const other = (await ws.call('maps.create', { title: 'Other journey', template: 'blank' })).maps[0];
const otherDoc = await ws.call('maps.get', { id: other?.id ?? '' });
await ws.call('cards.create', { id: 'card-other', laneId: otherDoc.lanes[0]?.id ?? '', stageId: otherDoc.stages[0]?.id ?? '', text: 'Another map’s card' });
const read = await ws.call('maps.get', { id: map?.id ?? '' });
console.log('cards:', read.cards.map((c) => `${c.id}@${c.laneId}/${c.stageId}/${c.position}`));
ws.close();
const out = path.resolve(import.meta.dirname, '../../tests/fixtures/workspaces/schema-10.waymark');
const src = new Database(file);
console.log('schema', src.pragma('user_version', { simple: true }));
src.exec(`VACUUM INTO '${out}'`);
src.close();
console.log('wrote', out, fs.statSync(out).size);
