/**
 * Wrote tests/fixtures/workspaces/schema-2.waymark with the code of commit e45f8d8 (schema 2). Kept as the
 * record of how the fixture was made; it is never run again (today's code writes schema 3).
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import Database from 'better-sqlite3';
import { Workspace } from '../../electron/core/workspace.ts';

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the sample is not as expected');
  return value;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema2-'));
const file = path.join(dir, 'w.waymark');
let t = Date.parse('2026-11-30T10:00:00.000Z');
const ws = Workspace.open(file, { sample: true, backupsDir: path.join(dir, 'b'), now: () => new Date((t += 1000)) });
const [sample] = await ws.call('maps.list', {});
const doc = await ws.call('maps.get', { id: must(sample).id });
const created = await ws.call('maps.create', { title: 'Purchase journey', template: 'purchase-journey' });
const map = must(created.maps[0]);
const d2 = await ws.call('maps.get', { id: map.id });
const text = must(d2.lanes.find((l) => l.kind === 'text'));
const emo = must(d2.lanes.find((l) => l.kind === 'emotion'));
const [s1, s2, s3] = d2.stages;
const c1 = await ws.call('cards.create', { laneId: text.id, stageId: must(s1).id, text: 'Compares prices on two sites' });
await ws.call('cards.create', { laneId: text.id, stageId: must(s1).id, text: 'Asks a friend', index: 0 });
const c3 = await ws.call('cards.create', { laneId: text.id, stageId: must(s2).id, text: 'Deleted later' });
await ws.call('cards.delete', { id: must(c3.cards[0]).id, tombstone: 'tomb-card-1' });
await ws.call('stages.move', { id: must(s3).id, index: 0 });
await ws.call('emotions.set', { laneId: emo.id, stageId: must(s1).id, score: -1, label: 'unsure' });
const persona = must((await ws.call('personas.create', { name: 'Sam Shopper', role: 'First-time buyer', color: '#3366cc' })).personas[0]);
const png = fs.readFileSync(path.resolve(import.meta.dirname, '../../tests/fixtures/images/chromium-40x30.png')).toString('base64');
await ws.call('personas.setImage', { id: persona.id, image: png });
await ws.call('emotions.set', { laneId: emo.id, stageId: must(s2).id, personaId: persona.id, score: 2 });
ws.close();
// Research rows no operation reaches at schema 2, written as the schema allows.
const db = new Database(file);
db.pragma('foreign_keys = ON');
const now = '2026-11-30T11:00:00.000Z';
db.prepare('INSERT INTO map_personas (map_id, persona_id, position) VALUES (?, ?, ?)').run(map.id, persona.id, 'a0');
db.prepare("INSERT INTO interviews (id, title, participant, persona_id, held_on, method, transcript, created_at, updated_at) VALUES ('iv-2', 'Checkout call', 'Dana', ?, '2026-11-02', 'support chat', ?, ?, ?)").run(persona.id, 'Dana: The delivery date was hidden until the very last step.\nAgent: I see.', now, now);
db.prepare("INSERT INTO quotes (id, interview_id, text, start_offset, end_offset, sentiment, created_at) VALUES ('q-2', 'iv-2', 'The delivery date was hidden until the very last step.', 6, 60, -2, ?)").run(now);
db.prepare("INSERT INTO tags (id, name) VALUES ('tag-2', 'Delivery')").run();
db.prepare("INSERT INTO quote_tags (quote_id, tag_id) VALUES ('q-2', 'tag-2')").run();
db.prepare("INSERT INTO quote_links (id, quote_id, map_id, stage_id, card_id, created_at) VALUES ('ql-2', 'q-2', ?, ?, ?, ?)").run(map.id, must(s1).id, must(c1.cards[0]).id, now);
db.prepare("INSERT INTO quote_links (id, quote_id, map_id, stage_id, card_id, created_at) VALUES ('ql-3', 'q-2', ?, ?, NULL, ?)").run(map.id, must(s2).id, now);
db.prepare("INSERT INTO metrics (id, map_id, stage_id, name, value, unit, source, measured_at) VALUES ('m-2', ?, ?, 'entered stage', 1200, 'customers', 'analytics', '2026-10-31')").run(map.id, must(s1).id);
db.prepare("INSERT INTO metrics (id, map_id, stage_id, name, value, unit, source, measured_at) VALUES ('m-3', ?, ?, 'entered stage', 700, 'customers', 'analytics', '2026-10-31')").run(map.id, must(s2).id);
db.prepare("INSERT INTO versions (id, map_id, name, created_at, snapshot) VALUES ('v-2', ?, 'Before workshop', ?, '{}')").run(map.id, now);
console.log(db.pragma('user_version', { simple: true }), doc.map.title);
db.close();
const out = path.resolve(import.meta.dirname, '../../tests/fixtures/workspaces/schema-2.waymark');
const src = new Database(file);
src.exec(`VACUUM INTO '${out}'`);
src.close();
console.log('wrote', out, fs.statSync(out).size);
