/**
 * A quote placed on a card backs the card's stage, wherever the card goes (migration 9), over the contract on a real
 * workspace file: a card moved to another stage takes its quote links along (counted there, found there by a
 * stage filter, its ChangeSet carrying them), and back with undo; a file whose links stayed behind (as a move left
 * them before) has them put on their card's stage when it opens, each quote once on a card.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MapDocument } from '../../../electron/api/types.ts';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/migrations/index.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { tempDir } from './helpers.ts';

let dir: string;
let file: string;
let ws: Workspace;
let doc: MapDocument;
const stage = (i: number) => doc.stages[i]?.id ?? '';
const lane = () => doc.lanes.find((l) => l.kind === 'text')?.id ?? '';

beforeEach(async () => {
  dir = tempDir();
  file = path.join(dir, 'w.waymark');
  ws = Workspace.open(file, { backupsDir: path.join(dir, 'backups') });
  const map = (await ws.call('maps.create', { title: 'Delivery', template: 'purchase-journey' })).maps[0];
  doc = await ws.call('maps.get', { id: map?.id ?? '' });
  await ws.call('interviews.create', { id: 'iv', title: 'Call' });
  for (const id of ['q1', 'q2', 'q3']) await ws.call('quotes.create', { id, interviewId: 'iv', text: `Quote ${id} about the van`, sentiment: -1 });
  await ws.call('cards.create', { id: 'card', laneId: lane(), stageId: stage(0), text: 'Waits for the van' });
  await ws.call('quotes.link', { quoteIds: ['q1', 'q2'], stageId: stage(0), cardId: 'card', ids: ['on-card-1', 'on-card-2'] });
  await ws.call('quotes.link', { quoteIds: ['q3'], stageId: stage(0), ids: ['on-stage'] });
});
afterEach(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const links = () => ws.ctx.db.prepare('SELECT id, quote_id, stage_id, card_id FROM quote_links ORDER BY id').all() as { id: string; quote_id: string; stage_id: string; card_id: string | null }[];
const countOn = async (stageId: string) => (await ws.call('maps.get', { id: doc.map.id })).evidence.stages.find((t) => t.stageId === stageId)?.quoteCount ?? 0;
const foundOn = async (stageId: string) => (await ws.call('quotes.search', { stageId, limit: 50 })).hits.map((h) => h.quote.id).sort();

describe('a card moved to another stage', () => {
  it('takes its quote links along, in its ChangeSet; the stage’s own links stay; undo brings them back', async () => {
    const moved = await ws.call('cards.move', { id: 'card', laneId: lane(), stageId: stage(2) });
    expect(moved.cards.map((c) => [c.id, c.stageId])).toEqual([['card', stage(2)]]);
    expect(moved.maps.map((m) => m.id)).toEqual([doc.map.id]);
    expect(moved.quoteLinks.map((l) => [l.id, l.stageId, l.cardId]).sort()).toEqual([
      ['on-card-1', stage(2), 'card'],
      ['on-card-2', stage(2), 'card'],
    ]);
    expect(links().map((l) => [l.id, l.stage_id])).toEqual([
      ['on-card-1', stage(2)],
      ['on-card-2', stage(2)],
      ['on-stage', stage(0)],
    ]);
    // Counted and found where the card is now, by the facet index too.
    expect([await countOn(stage(0)), await countOn(stage(2))]).toEqual([1, 2]);
    expect(await foundOn(stage(0))).toEqual(['q3']);
    expect(await foundOn(stage(2))).toEqual(['q1', 'q2']);
    expect((await ws.call('quotes.search', { query: 'van', stageId: stage(2), limit: 50 })).hits.map((h) => h.quote.id).sort()).toEqual(['q1', 'q2']);
    // Within its stage, to another lane: the links are as they were, and the ChangeSet names none.
    const other = doc.lanes.find((l) => l.kind === 'pains')?.id ?? '';
    expect((await ws.call('cards.move', { id: 'card', laneId: other, stageId: stage(2) })).quoteLinks).toEqual([]);
    // Back where it was (what undo of the move does): the links with it.
    await ws.call('cards.move', { id: 'card', laneId: lane(), stageId: stage(0) });
    expect(links().map((l) => l.stage_id)).toEqual([stage(0), stage(0), stage(0)]);
    expect(await foundOn(stage(2))).toEqual([]);
    // A quote placed on the card again after a move is refused nowhere and stays once.
    await ws.call('cards.move', { id: 'card', laneId: lane(), stageId: stage(1) });
    expect((await ws.call('quotes.link', { quoteIds: ['q1'], stageId: stage(1), cardId: 'card' })).quoteLinks).toEqual([]);
    expect(links().filter((l) => l.quote_id === 'q1')).toHaveLength(1);
  });
});

describe('a link left on another stage than its card’s (by an earlier version)', () => {
  it('goes to the card’s stage with its next move, one a quote and card, and an undo puts a link back on its card’s stage', async () => {
    const { db } = ws.ctx;
    // As an earlier version could leave them: the card's two links on stage 1 and 2 while it is on stage 0, q1 twice.
    await ws.call('quotes.link', { quoteIds: ['q1'], stageId: stage(0), ids: ['plain'] });
    db.prepare("UPDATE quote_links SET stage_id = ? WHERE id = 'on-card-1'").run(stage(1));
    db.prepare("INSERT INTO quote_links (id, quote_id, map_id, stage_id, card_id, created_at) VALUES ('stale-twin', 'q1', ?, ?, 'card', '2026-12-02T00:00:00.000Z')").run(doc.map.id, stage(2));
    const moved = await ws.call('cards.move', { id: 'card', laneId: lane(), stageId: stage(3) });
    expect(moved.deleted.quoteLinks).toEqual(['stale-twin']);
    expect(moved.quoteLinks.map((l) => l.id).sort()).toEqual(['on-card-1', 'on-card-2']);
    expect(links().filter((l) => l.card_id === 'card').map((l) => [l.id, l.stage_id])).toEqual([
      ['on-card-1', stage(3)],
      ['on-card-2', stage(3)],
    ]);
    // Within its stage, a stray link is put right too.
    db.prepare("UPDATE quote_links SET stage_id = ? WHERE id = 'on-card-2'").run(stage(0));
    const within = await ws.call('cards.move', { id: 'card', laneId: lane(), stageId: stage(3), index: 0 });
    expect(within.quoteLinks.map((l) => [l.id, l.stageId])).toEqual([['on-card-2', stage(3)]]);
    // A link taken off the card, the card moved, then the taking off undone: back on the stage the card is in.
    const off = await ws.call('quoteLinks.delete', { id: 'on-card-1', tombstone: 'undo-off' });
    expect(off.deleted.quoteLinks).toEqual(['on-card-1']);
    await ws.call('cards.move', { id: 'card', laneId: lane(), stageId: stage(4) });
    const back = await ws.call('tombstones.restore', { id: 'undo-off' });
    expect(back.quoteLinks.map((l) => [l.id, l.stageId])).toEqual([['on-card-1', stage(4)]]);
    expect(await foundOn(stage(4))).toEqual(['q1', 'q2']);
    // The plain link of q1 on stage 0 stays where it is.
    expect(links().find((l) => l.id === 'plain')?.stage_id).toBe(stage(0));
  });
});

describe('migration 9', () => {
  it('puts every link on a card onto the card’s stage, one link a quote and card, and slims the evidence index', async () => {
    ws.close();
    // As a version before it left the file: the card moved from stage 0 to 1 with its links behind; q1 placed on the
    // card again on stage 1 (two links, one on the right stage); q2 on it on stage 0 and, after another move, on 2.
    const old = new Database(file);
    old.exec(`
      UPDATE cards SET stage_id = '${stage(1)}' WHERE id = 'card';
      INSERT INTO quote_links (id, quote_id, map_id, stage_id, card_id, created_at) VALUES
        ('again-1', 'q1', '${doc.map.id}', '${stage(1)}', 'card', '2026-12-02T00:00:00.000Z'),
        ('again-2', 'q2', '${doc.map.id}', '${stage(2)}', 'card', '2026-12-02T00:00:00.000Z');
      DROP INDEX quotes_evidence;
      CREATE INDEX quotes_evidence ON quotes(id, sentiment, created_at);
      DROP INDEX cards_in_answer_order;
      DELETE FROM schema_migrations WHERE version >= 9;
      PRAGMA user_version = 8;
    `);
    old.close();
    ws = Workspace.open(file, { backupsDir: path.join(dir, 'backups') });
    expect(links().map((l) => [l.id, l.quote_id, l.stage_id, l.card_id])).toEqual([
      ['again-1', 'q1', stage(1), 'card'],
      ['on-card-2', 'q2', stage(1), 'card'],
      ['on-stage', 'q3', stage(0), null],
    ]);
    expect(await foundOn(stage(1))).toEqual(['q1', 'q2']);
    expect(await foundOn(stage(0))).toEqual(['q3']);
    expect(await foundOn(stage(2))).toEqual([]);
    const columns = ws.ctx.db.prepare("SELECT name FROM pragma_index_info('quotes_evidence') ORDER BY seqno").pluck().all();
    expect(columns).toEqual(['id', 'sentiment']);
    expect(ws.ctx.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
  });
});
