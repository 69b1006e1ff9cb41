/**
 * `maps.getColumns` on real workspace files: decoded, it is exactly what `maps.get` gives, and both give the
 * cards in the order of `ORDER BY lane_id, stage_id, position, id` (asked of SQLite itself here) — read cell
 * by cell through the cell index, with cards on one position in id order, a card in a lane or on a stage of
 * another map found too, and a row the schema does not promise named as before. Its input is checked like every other operation's, and a map that is not there is named.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeMapColumns } from '../../../electron/api/mapColumns.ts';
import type { Card } from '../../../electron/api/types.ts';
import { isCellRow } from '../../../electron/core/maps.ts';
import { CARD_COLUMNS, toCard } from '../../../electron/core/records.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { refusal, tempDir } from './helpers.ts';

let dir: string;
let ws: Workspace;
beforeEach(() => {
  dir = tempDir();
  ws = Workspace.open(path.join(dir, 'w.waymark'), { sample: true });
});
afterEach(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sampleMapId = (): string => ws.ctx.db.prepare('SELECT id FROM maps LIMIT 1').pluck().get() as string;

/** The map's cards as SQLite orders them, read with one query: what maps.get has always answered. */
const inSqlOrder = (mapId: string): Card[] =>
  (ws.ctx.db.prepare(`SELECT ${CARD_COLUMNS} FROM cards WHERE map_id = ? ORDER BY lane_id, stage_id, position, id`).all(mapId) as Record<string, unknown>[]).map(toCard);

async function bothForms(mapId: string) {
  const doc = await ws.call('maps.get', { id: mapId });
  const wire = await ws.call('maps.getColumns', { id: mapId });
  return { doc, wire, decoded: decodeMapColumns(wire) };
}

describe('maps.getColumns', () => {
  it('decodes to exactly what maps.get gives for the sample map, with cards of every kind', async () => {
    const mapId = sampleMapId();
    const lanes = (await ws.call('maps.get', { id: mapId })).lanes;
    const stages = (await ws.call('maps.get', { id: mapId })).stages;
    const touchpoints = lanes.find((l) => l.kind === 'touchpoints')?.id ?? '';
    const text = lanes.find((l) => l.kind === 'text')?.id ?? '';
    const steps = [
      { name: 'cards.create', input: { laneId: touchpoints, stageId: stages[0]?.id, text: 'Chat with support 😀', channel: 'chat', votes: 4, evidence: 'observed', color: '#bfdbfe' } },
      { name: 'cards.create', input: { laneId: text, stageId: stages[1]?.id, text: '', evidence: 'proposed' } },
      { name: 'cards.create', input: { laneId: text, stageId: stages[1]?.id, text: 'Größe wählen — 東京 "quoted"\nsecond line' } },
    ];
    await ws.call('batch.run', { steps });
    const { doc, wire, decoded } = await bothForms(mapId);
    expect(doc.cards.length).toBeGreaterThan(3);
    expect(decoded).toStrictEqual(doc);
    expect(doc.cards).toStrictEqual(inSqlOrder(mapId));
    // Sent once each: the map's id, its lanes and stages that hold cards.
    expect(wire.cards.mapId.values).toEqual([mapId]);
    expect(new Set(wire.cards.laneId.values)).toEqual(new Set(doc.cards.map((c) => c.laneId)));
    expect(wire.cards.laneId.values).toHaveLength(new Set(doc.cards.map((c) => c.laneId)).size);
    expect(wire.cards.id).toEqual(doc.cards.map((c) => c.id));
    // Everything but the cards is maps.get's own.
    const { cards: _cards, ...rest } = wire;
    const { cards: _docCards, ...docRest } = doc;
    expect(rest).toStrictEqual(docRest);
  });

  it('gives a map without cards as empty columns', async () => {
    const created = await ws.call('maps.create', { title: 'Empty', template: 'blank' });
    const mapId = created.maps[0]?.id ?? '';
    const { doc, wire, decoded } = await bothForms(mapId);
    expect(doc.cards).toEqual([]);
    expect(wire.cards.id).toEqual([]);
    expect(wire.cards.laneId).toEqual({ values: [], index: [] });
    expect(decoded).toStrictEqual(doc);
  });

  it('puts cards of one cell on one position in the byte order of their ids, as SQLite does', async () => {
    const mapId = sampleMapId();
    const { db } = ws.ctx;
    const [lane, stage] = db.prepare('SELECT lane_id, stage_id FROM cards WHERE map_id = ? LIMIT 1').raw().get(mapId) as [string, string];
    // U+FF01 sorts before an emoji in UTF-8 (EF… < F0…) but after it in UTF-16 (FF01 > D83D): SQLite's order is the bytes'.
    const ids = ['tie-b', 'tie-a', 'tie-\u{1F600}', 'tie-\uFF01', 'tie-é'];
    for (const id of ids) {
      db.prepare("INSERT INTO cards (id, map_id, lane_id, stage_id, text, position) VALUES (?, ?, ?, ?, ?, 'a0V')").run(id, mapId, lane, stage, `card ${id}`);
    }
    const { doc, decoded } = await bothForms(mapId);
    expect(doc.cards).toStrictEqual(inSqlOrder(mapId));
    expect(decoded).toStrictEqual(doc);
    expect(doc.cards.filter((c) => c.id.startsWith('tie-')).map((c) => c.id)).toEqual(['tie-a', 'tie-b', 'tie-é', 'tie-\uFF01', 'tie-\u{1F600}']);
  });

  it('finds cards of the map that lie in lanes of other maps, each in its lane’s place', async () => {
    const mapId = sampleMapId();
    const { db } = ws.ctx;
    const moved = db.prepare('SELECT id FROM cards WHERE map_id = ? ORDER BY id LIMIT 3').pluck().all(mapId) as string[];
    // Two cards into a lane of one other map, one into a lane of another: lane ids that sort among the map's own.
    const lanesOf = async (title: string) => (await ws.call('maps.create', { title, template: 'purchase-journey' })).lanes.map((l) => l.id);
    const [first, second] = [await lanesOf('Other'), await lanesOf('Another')];
    db.prepare('UPDATE cards SET lane_id = ? WHERE id IN (?, ?)').run(first[0], moved[0], moved[1]);
    db.prepare('UPDATE cards SET lane_id = ? WHERE id = ?').run(second[1], moved[2]);
    const { doc, decoded } = await bothForms(mapId);
    expect(doc.cards.filter((c) => moved.includes(c.id))).toHaveLength(3);
    expect(doc.cards).toStrictEqual(inSqlOrder(mapId));
    expect(decoded).toStrictEqual(doc);
    const own = new Set(doc.lanes.map((l) => l.id));
    const lanes = [...new Set(doc.cards.map((c) => c.laneId))];
    expect(lanes.filter((l) => !own.has(l))).toHaveLength(2);
    expect(lanes).toEqual([...lanes].sort());
  });

  it('finds a card in one of the map’s lanes but on a stage of another map, in its stage’s byte order', async () => {
    const mapId = sampleMapId();
    const { db } = ws.ctx;
    const other = await ws.call('maps.create', { title: 'Other', template: 'purchase-journey' });
    const card = db.prepare('SELECT id FROM cards WHERE map_id = ? ORDER BY id LIMIT 1').pluck().get(mapId) as string;
    db.prepare('UPDATE cards SET stage_id = ? WHERE id = ?').run(other.stages[0]?.id, card);
    const { doc, decoded } = await bothForms(mapId);
    expect(doc.cards.find((c) => c.id === card)?.stageId).toBe(other.stages[0]?.id);
    expect(doc.cards).toStrictEqual(inSqlOrder(mapId));
    expect(decoded).toStrictEqual(doc);
  });

  it('refuses a card row the schema does not promise with the error that names it, whichever way it is read', async () => {
    const mapId = sampleMapId();
    const { db } = ws.ctx;
    const [first, last] = db.prepare('SELECT id FROM cards WHERE map_id = ? ORDER BY lane_id, stage_id, position, id').pluck().all(mapId).filter((_, i, all) => i === 0 || i === all.length - 1) as string[];
    db.pragma('ignore_check_constraints = ON'); // a file written by another tool: the CHECKs did not hold it
    for (const [column, value, id] of [['channel', 'fax', first], ['evidence', 'maybe', last], ['channel', 'telegram', last]] as const) {
      const before = db.prepare(`SELECT ${column} FROM cards WHERE id = ?`).pluck().get(id);
      db.prepare(`UPDATE cards SET ${column} = ? WHERE id = ?`).run(value, id);
      let expected = '';
      try {
        inSqlOrder(mapId);
      } catch (error) {
        expected = (error as Error).message;
      }
      expect(expected).toContain(`Bad row in cards "${id}": ${column} should be one of`);
      for (const form of ['maps.get', 'maps.getColumns'] as const) {
        await expect(ws.call(form, { id: mapId })).rejects.toThrow(expected);
      }
      db.prepare(`UPDATE cards SET ${column} = ? WHERE id = ?`).run(before, id);
    }
    db.pragma('ignore_check_constraints = OFF');
    const { doc, decoded } = await bothForms(mapId);
    expect(doc.cards).toStrictEqual(inSqlOrder(mapId));
    expect(decoded).toStrictEqual(doc);
  });

  it('refuses a bad row after cards on one position in its cell, as before', async () => {
    const mapId = sampleMapId();
    const { db } = ws.ctx;
    const [lane, stage] = db.prepare('SELECT lane_id, stage_id FROM cards WHERE map_id = ? LIMIT 1').raw().get(mapId) as [string, string];
    for (const id of ['tie-1', 'tie-2']) db.prepare("INSERT INTO cards (id, map_id, lane_id, stage_id, text, position) VALUES (?, ?, ?, ?, 'tied', 'a0')").run(id, mapId, lane, stage);
    db.pragma('ignore_check_constraints = ON');
    db.prepare("INSERT INTO cards (id, map_id, lane_id, stage_id, text, position, evidence) VALUES ('after-the-tie', ?, ?, ?, 'bad', 'zzzz', 'rumour')").run(mapId, lane, stage);
    db.pragma('ignore_check_constraints = OFF');
    for (const form of ['maps.get', 'maps.getColumns'] as const) {
      await expect(ws.call(form, { id: mapId })).rejects.toThrow('Bad row in cards "after-the-tie": evidence should be one of assumed, observed, proposed');
    }
  });

  it('orders lanes and stages by their ids, not by where they are shown', async () => {
    const mapId = sampleMapId();
    const doc = await ws.call('maps.get', { id: mapId });
    const laneIds = [...new Set(doc.cards.map((c) => c.laneId))];
    expect(laneIds).toEqual([...laneIds].sort());
    expect(laneIds.length).toBeGreaterThan(1);
    expect(doc.cards).toStrictEqual(inSqlOrder(mapId));
  });

  it('checks its input like every other operation and changes nothing', async () => {
    const mapId = sampleMapId();
    const before = await ws.call('maps.get', { id: mapId });
    const extra = await refusal(ws.call('maps.getColumns', { id: mapId, form: 'rows' }));
    expect(extra.code).toBe('Invalid');
    expect(extra.message).toBe('maps.getColumns: unknown field form');
    const noId = await refusal(ws.call('maps.getColumns', {}));
    expect(noId.code).toBe('Invalid');
    expect(noId.message).toMatch(/^maps\.getColumns: id /);
    const badId = await refusal(ws.call('maps.getColumns', { id: 'not an id!' }));
    expect(badId.message).toBe('maps.getColumns: id is not a valid id');
    const missing = await refusal(ws.call('maps.getColumns', { id: 'nosuchmap' }));
    expect(missing.code).toBe('NotFound');
    expect(missing.message).toBe((await refusal(ws.call('maps.get', { id: 'nosuchmap' }))).message);
    expect(await ws.call('maps.get', { id: mapId })).toStrictEqual(before);
  });
});

describe('a cell’s row', () => {
  it('is taken only as toCard would take it: each field of the type it must be', () => {
    const good = ['id', 'text', null, 'a0', null, 0, 'assumed'];
    expect(isCellRow(good)).toBe(true);
    expect(isCellRow(['id', 'text', '#fff', 'a0', 'web', 3, 'proposed'])).toBe(true);
    const wrong: [number, unknown][] = [
      [0, null],
      [0, 7],
      [1, null],
      [1, 7],
      [2, 7],
      [3, null],
      [3, 7],
      [4, 'fax'],
      [4, 7],
      [5, 1.5],
      [5, '3'],
      [5, null],
      [6, 'rumour'],
      [6, null],
    ];
    for (const [at, value] of wrong) {
      const row: unknown[] = [...good];
      row[at] = value;
      expect(isCellRow(row), `field ${at} = ${String(value)}`).toBe(false);
    }
  });
});
