import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../electron/api/contract.ts';
import { WaymarkError } from '../../../electron/api/errors.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { tempDir } from './helpers.ts';

let dir: string;
let ws: Workspace;
beforeEach(() => {
  dir = tempDir();
  ws = Workspace.open(path.join(dir, 'w.waymark'));
});
afterEach(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function refused(code: string, message: RegExp, run: () => Promise<unknown>): Promise<void> {
  const before = ws.ctx.db.prepare("SELECT group_concat(id || ':' || title || ':' || updated_at) FROM maps").pluck().get();
  const cards = ws.ctx.db.prepare("SELECT group_concat(id || ':' || text || ':' || position) FROM cards").pluck().get();
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(WaymarkError);
    expect((error as WaymarkError).code).toBe(code);
    expect((error as WaymarkError).message).toMatch(message);
    expect(ws.ctx.db.prepare("SELECT group_concat(id || ':' || title || ':' || updated_at) FROM maps").pluck().get()).toBe(before);
    expect(ws.ctx.db.prepare("SELECT group_concat(id || ':' || text || ':' || position) FROM cards").pluck().get()).toBe(cards);
    return;
  }
  throw new Error('expected a refusal');
}

async function blankMap() {
  const c = await ws.call('maps.create', { title: 'Map', template: 'blank' });
  const mapId = c.maps[0]?.id ?? '';
  const laneId = c.lanes.find((l) => l.kind === 'text')?.id ?? '';
  const emotionLaneId = c.lanes.find((l) => l.kind === 'emotion')?.id ?? '';
  return { mapId, laneId, emotionLaneId, stageIds: c.stages.map((s) => s.id) };
}

describe('templates and maps', () => {
  it('creates maps from each template with its stages and lanes, returned as the change set', async () => {
    const purchase = await ws.call('maps.create', { title: 'Buy', template: 'purchase-journey' });
    expect(purchase.stages.map((s) => s.name)).toEqual(['Awareness', 'Consideration', 'Purchase', 'Onboarding / Use', 'Loyalty / Advocacy']);
    expect(purchase.lanes.map((l) => l.kind)).toEqual(['text', 'touchpoints', 'text', 'emotion', 'pains', 'opportunities', 'owners']);
    const blueprint = await ws.call('maps.create', { title: 'Blueprint', template: 'service-blueprint' });
    expect(blueprint.lanes.map((l) => l.title)).toEqual(expect.arrayContaining(['Customer actions', 'Frontstage', 'Backstage', 'Support processes']));
    const blank = await ws.call('maps.create', { title: 'Blank', template: 'blank' });
    expect(blank.stages).toHaveLength(3);
    expect((await ws.call('templates.list', {})).map((t) => t.id)).toEqual(['blank', 'purchase-journey', 'service-blueprint']);
    const list = await ws.call('maps.list', {});
    expect(list.map((m) => m.title).sort()).toEqual(['Blank', 'Blueprint', 'Buy']);
    expect(list.find((m) => m.title === 'Buy')).toMatchObject({ stageCount: 5, cardCount: 0 });
  });

  it("gives a map the template's description unless it has its own, and each stage the template's goal, or none", async () => {
    const purchase = await ws.call('maps.create', { title: '  Buy  ', template: 'purchase-journey' });
    expect(purchase.maps[0]).toMatchObject({ title: 'Buy', description: 'From first hearing of us to recommending us to a friend.' });
    expect(purchase.stages.map((s) => [s.goal, s.owner])).toEqual([
      ['They hear of us and remember the name', ''],
      ['They compare us and shortlist us', ''],
      ['They buy without friction', ''],
      ['They get value in the first week', ''],
      ['They come back and tell others', ''],
    ]);
    const own = await ws.call('maps.create', { title: 'Mine', template: 'purchase-journey', description: 'Our own words' });
    expect(own.maps[0]?.description).toBe('Our own words');
    const blank = await ws.call('maps.create', { title: 'Blank', template: 'blank' });
    expect(blank.maps[0]?.description).toBe('');
    expect(blank.stages.map((s) => [s.name, s.goal, s.owner, s.description])).toEqual([
      ['Stage 1', '', '', ''],
      ['Stage 2', '', '', ''],
      ['Stage 3', '', '', ''],
    ]);
    expect((await ws.call('maps.get', { id: blank.maps[0]?.id ?? '' })).stages).toEqual(blank.stages);
    expect((await ws.call('maps.update', { id: blank.maps[0]?.id ?? '', title: '  Renamed  ' })).maps[0]?.title).toBe('Renamed');
  });

  it('renames a map, changes its emotion scale, and refuses to narrow it below existing scores', async () => {
    const { mapId, emotionLaneId, stageIds } = await blankMap();
    const renamed = await ws.call('maps.update', { id: mapId, title: '  Renamed  ', description: 'About' });
    expect(renamed.maps[0]).toMatchObject({ title: 'Renamed', description: 'About' });
    await ws.call('maps.update', { id: mapId, emotionMin: -3, emotionMax: 3 });
    await ws.call('emotions.set', { laneId: emotionLaneId, stageId: stageIds[0] ?? '', score: -3 });
    await refused('Invalid', /outside -2\.\.2/, () => ws.call('maps.update', { id: mapId, emotionMin: -2, emotionMax: 2 }));
  });

  it('lists maps most recently changed first, and deletes a map with everything on it', async () => {
    const a = await blankMap();
    const b = await blankMap();
    await ws.call('maps.update', { id: a.mapId, title: 'A, edited' });
    expect((await ws.call('maps.list', {}))[0]?.id).toBe(a.mapId);
    await ws.call('cards.create', { laneId: b.laneId, stageId: b.stageIds[0] ?? '', text: 'x' });
    const gone = await ws.call('maps.delete', { id: b.mapId });
    expect(gone.deleted.maps).toEqual([b.mapId]);
    const db = ws.ctx.db;
    for (const table of ['stages', 'lanes', 'cards', 'emotion_points', 'quote_links', 'map_personas', 'metrics', 'versions']) {
      expect(db.prepare(`SELECT count(*) FROM ${table} WHERE map_id = ?`).pluck().get(b.mapId)).toBe(0);
    }
    await refused('NotFound', /No map with id/, () => ws.call('maps.get', { id: b.mapId }));
  });
});

describe('stages, lanes and cards', () => {
  it('creates, updates, moves and deletes stages, returning the records it changed', async () => {
    const { mapId, stageIds } = await blankMap();
    const created = await ws.call('stages.create', { mapId, name: 'First', index: 0, owner: 'Sales', goal: 'Leads', color: '#aabbcc' });
    expect(created.stages).toHaveLength(1);
    expect(created.stages[0]).toMatchObject({ name: 'First', owner: 'Sales', goal: 'Leads', color: '#aabbcc', width: null });
    expect(created.maps).toHaveLength(1); // the map's updatedAt moved
    const firstId = created.stages[0]?.id ?? '';
    const updated = await ws.call('stages.update', { id: firstId, name: 'Renamed', width: 320, color: null });
    expect(updated.stages[0]).toMatchObject({ name: 'Renamed', width: 320, color: null, owner: 'Sales' });
    const order = async () => (await ws.call('maps.get', { id: mapId })).stages.map((s) => s.id);
    expect(await order()).toEqual([firstId, ...stageIds]);
    await ws.call('stages.move', { id: firstId, index: 99 });
    expect(await order()).toEqual([...stageIds, firstId]);
    const del = await ws.call('stages.delete', { id: firstId });
    expect(del.deleted.stages).toEqual([firstId]);
    expect(await order()).toEqual(stageIds);
  });

  it('moves rewrite one row only', async () => {
    const { mapId, laneId, stageIds } = await blankMap();
    const s0 = stageIds[0] ?? '';
    for (const t of ['a', 'b', 'c', 'd']) await ws.call('cards.create', { laneId, stageId: s0, text: t });
    const positions = () => new Map((ws.ctx.db.prepare('SELECT id, position FROM cards').all() as { id: string; position: number }[]).map((r) => [r.id, r.position]));
    const before = positions();
    const d = [...before.keys()][3] ?? '';
    const moved = await ws.call('cards.move', { id: d, laneId, stageId: s0, index: 1 });
    expect(moved.cards.map((c) => c.id)).toEqual([d]);
    const after = positions();
    for (const [id, p] of before) if (id !== d) expect(after.get(id)).toBe(p);
    const texts = (await ws.call('maps.get', { id: mapId })).cards.map((c) => c.text);
    expect(texts).toEqual(['a', 'd', 'b', 'c']);
  });

  it('keeps order through many moves into the same gap, writing one row each time', async () => {
    const { mapId, laneId, stageIds } = await blankMap();
    const s0 = stageIds[0] ?? '';
    const ids: string[] = [];
    for (const t of ['first', 'last']) ids.push((await ws.call('cards.create', { laneId, stageId: s0, text: t })).cards[0]?.id ?? '');
    const s1 = stageIds[1] ?? '';
    const expected = ['first', 'last'];
    let rowsWritten = 0;
    for (let i = 0; i < 80; i++) {
      const c = await ws.call('cards.create', { laneId, stageId: s1, text: `n${i}` });
      const moved = await ws.call('cards.move', { id: c.cards[0]?.id ?? '', laneId, stageId: s0, index: 1 });
      rowsWritten += moved.cards.length;
      expected.splice(1, 0, `n${i}`);
    }
    expect(rowsWritten).toBe(80); // a move writes the moved card and nothing else, however crowded the gap
    const cards = (await ws.call('maps.get', { id: mapId })).cards.filter((c) => c.stageId === s0).sort((a, b) => (a.position < b.position ? -1 : 1));
    expect(cards.map((c) => c.text)).toEqual(expected);
    expect(new Set(cards.map((c) => c.position)).size).toBe(cards.length);
  });

  it('creates and updates cards with all their fields', async () => {
    const { laneId, stageIds } = await blankMap();
    const c = await ws.call('cards.create', { laneId, stageId: stageIds[0] ?? '', text: 'Calls support', channel: 'phone', votes: 2, evidence: 'observed', color: '#ffcc00' });
    expect(c.cards[0]).toMatchObject({ text: 'Calls support', channel: 'phone', votes: 2, evidence: 'observed', color: '#ffcc00', laneId });
    const u = await ws.call('cards.update', { id: c.cards[0]?.id ?? '', channel: null, votes: 3 });
    expect(u.cards[0]).toMatchObject({ channel: null, votes: 3, text: 'Calls support', color: '#ffcc00' });
    const d = await ws.call('cards.delete', { id: c.cards[0]?.id ?? '' });
    expect(d.deleted.cards).toEqual([c.cards[0]?.id]);
  });

  it('deletes a stage or a lane with its cards and emotion points, reporting their ids', async () => {
    const { mapId, laneId, emotionLaneId, stageIds } = await blankMap();
    const s0 = stageIds[0] ?? '';
    const card = (await ws.call('cards.create', { laneId, stageId: s0, text: 'x' })).cards[0]?.id;
    const point = (await ws.call('emotions.set', { laneId: emotionLaneId, stageId: s0, score: 1 })).emotions[0]?.id;
    const other = (await ws.call('cards.create', { laneId, stageId: stageIds[1] ?? '', text: 'stays' })).cards[0]?.id;
    const del = await ws.call('stages.delete', { id: s0 });
    expect(del.deleted).toMatchObject({ stages: [s0], cards: [card], emotions: [point] });
    const laneDel = await ws.call('lanes.delete', { id: laneId });
    expect(laneDel.deleted.cards).toEqual([other]);
    const doc = await ws.call('maps.get', { id: mapId });
    expect(doc.cards).toEqual([]);
    expect(doc.emotions).toEqual([]);
    expect(ws.ctx.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('creates, renames, collapses, moves lanes, and changes a kind only where it makes sense', async () => {
    const { mapId, laneId, stageIds } = await blankMap();
    const lane = (await ws.call('lanes.create', { mapId, kind: 'pains', title: 'Pains', index: 0 })).lanes[0];
    expect(lane).toMatchObject({ kind: 'pains', title: 'Pains', collapsed: false, height: null });
    const u = await ws.call('lanes.update', { id: lane?.id ?? '', collapsed: true, height: 200, title: 'Pain points' });
    expect(u.lanes[0]).toMatchObject({ collapsed: true, height: 200, title: 'Pain points' });
    await ws.call('lanes.move', { id: lane?.id ?? '', index: 5 });
    expect((await ws.call('maps.get', { id: mapId })).lanes.at(-1)?.id).toBe(lane?.id);
    await ws.call('cards.create', { laneId, stageId: stageIds[0] ?? '', text: 'a card' });
    expect((await ws.call('lanes.update', { id: laneId, kind: 'opportunities' })).lanes[0]?.kind).toBe('opportunities');
    await refused('Conflict', /cannot become an emotion lane while it holds cards/, () => ws.call('lanes.update', { id: laneId, kind: 'emotion' }));
  });
});

describe('emotions', () => {
  it('sets, replaces and clears a score, within the scale and on emotion lanes only', async () => {
    const { laneId, emotionLaneId, stageIds } = await blankMap();
    const s0 = stageIds[0] ?? '';
    const set = await ws.call('emotions.set', { laneId: emotionLaneId, stageId: s0, score: -2, label: 'Angry' });
    const id = set.emotions[0]?.id;
    const replaced = await ws.call('emotions.set', { laneId: emotionLaneId, stageId: s0, score: 1 });
    expect(replaced.emotions[0]).toMatchObject({ id, score: 1, label: 'Angry' });
    const cleared = await ws.call('emotions.set', { laneId: emotionLaneId, stageId: s0, score: null });
    expect(cleared.deleted.emotions).toEqual([id]);
    await refused('Invalid', /between -2 and 2; 5 is outside/, () => ws.call('emotions.set', { laneId: emotionLaneId, stageId: s0, score: 5 }));
    await refused('Conflict', /is not an emotion lane/, () => ws.call('emotions.set', { laneId, stageId: s0, score: 1 }));
  });
});

describe('validation', () => {
  it('refuses bad input with typed errors that name the field, changing nothing', async () => {
    const { mapId, laneId, emotionLaneId, stageIds } = await blankMap();
    const s0 = stageIds[0] ?? '';
    await refused('Invalid', /title must not be empty/, () => ws.call('maps.create', { title: '   ', template: 'blank' }));
    await refused('Invalid', /unknown field colour/, () => ws.call('stages.update', { id: s0, colour: 'red' }));
    await refused('Invalid', /text must be at most 4000 characters/, () => ws.call('cards.create', { laneId, stageId: s0, text: 'x'.repeat(LIMITS.cardText + 1) }));
    await refused('Invalid', /name must be at most 120 characters/, () => ws.call('stages.create', { mapId, name: 'n'.repeat(LIMITS.name + 1) }));
    await refused('Invalid', /color must be a colour like #ffcc00/, () => ws.call('cards.create', { laneId, stageId: s0, text: 'x', color: 'red' }));
    await refused('Invalid', /id is not a valid id/, () => ws.call('cards.delete', { id: "x'; DROP TABLE cards; --" }));
    await refused('Invalid', /index must not be negative/, () => ws.call('stages.move', { id: s0, index: -1 }));
    await refused('Invalid', /score/, () => ws.call('emotions.set', { laneId: emotionLaneId, stageId: s0, score: 1.5 }));
    await refused('Invalid', /kind/, () => ws.call('lanes.create', { mapId, kind: 'feelings', title: 'x' }));
    await refused('Conflict', /does not hold cards/, () => ws.call('cards.create', { laneId: emotionLaneId, stageId: s0, text: 'x' }));
    const other = await blankMap();
    await refused('Invalid', /belong to different maps/, () => ws.call('cards.create', { laneId, stageId: other.stageIds[0] ?? '', text: 'x' }));
    await refused('NotFound', /No stage with id "nope"/, () => ws.call('stages.update', { id: 'nope', name: 'x' }));
    await refused('NotFound', /no operation called/, () => ws.call('cards.explode' as 'cards.delete', { id: 'x' }));
    const dup = await ws.call('cards.create', { laneId, stageId: s0, text: 'dup' });
    await refused('Conflict', /A card with id ".*" already exists/, () => ws.call('cards.create', { id: dup.cards[0]?.id ?? '', laneId, stageId: s0, text: 'again' }));
  });

  it('runs a batch as one transaction: a failing step undoes the steps before it', async () => {
    const { laneId, stageIds } = await blankMap();
    const s0 = stageIds[0] ?? '';
    await refused('NotFound', /Step 2 \(cards.update\): No card/, () =>
      ws.call('batch.run', {
        steps: [
          { name: 'cards.create', input: { laneId, stageId: s0, text: 'would be rolled back' } },
          { name: 'cards.update', input: { id: 'missing', text: 'x' } },
        ],
      }),
    );
    await refused('Invalid', /cannot be part of a batch/, () => ws.call('batch.run', { steps: [{ name: 'maps.delete', input: { id: 'x' } }] }));
  });

  it('names the step of a batch that is refused by its number; a batch of one step reads like the operation itself', async () => {
    const { laneId, stageIds } = await blankMap();
    const create = { name: 'cards.create', input: { laneId, stageId: stageIds[0] ?? '', text: 'x' } };
    await refused('Invalid', /^Step 2: "maps.delete" cannot be part of a batch\.$/, () => ws.call('batch.run', { steps: [create, { name: 'maps.delete', input: { id: 'x' } }] }));
    await refused('Invalid', /^Step 1: "maps.delete" cannot be part of a batch\.$/, () => ws.call('batch.run', { steps: [{ name: 'maps.delete', input: { id: 'x' } }, create] }));
    await refused('NotFound', /^Step 3 \(cards.update\): No card with id "missing" exists; it may have been deleted\.$/, () =>
      ws.call('batch.run', { steps: [create, create, { name: 'cards.update', input: { id: 'missing', text: 'x' } }] }),
    );
    await refused('NotFound', /^No card with id "missing" exists; it may have been deleted\.$/, () =>
      ws.call('batch.run', { steps: [{ name: 'cards.update', input: { id: 'missing', text: 'x' } }] }),
    );
  });
});

describe('text limits count characters as people do', () => {
  it('takes 4,000 emoji as a card text of 4,000 characters, and refuses 4,001', async () => {
    const { laneId, stageIds } = await blankMap();
    const emoji = '😀'.repeat(LIMITS.cardText); // 8,000 UTF-16 units
    const made = await ws.call('cards.create', { laneId, stageId: stageIds[0] ?? '', text: emoji });
    expect(made.cards[0]?.text).toBe(emoji);
    await refused('Invalid', /text must be at most 4000 characters/, () => ws.call('cards.create', { laneId, stageId: stageIds[0] ?? '', text: `${emoji}😀` }));
    // Combining marks and flags are counted per code point, the same rule SQLite's length() uses.
    await refused('Invalid', /title must be at most 200 characters/, () => ws.call('maps.create', { title: 'é'.repeat(201), template: 'blank' }));
  });
});
