/**
 * Places named by neighbour (what survives concurrent edits) and deletes that keep a tombstone, so that undo
 * brings back everything they removed, including rows no client ever held (quote links, metrics, a persona's
 * emotion curve).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeSet } from '../../../electron/api/types.ts';
import { WaymarkError } from '../../../electron/api/errors.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { tempDir } from './helpers.ts';

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

const db = () => ws.ctx.db;
/** Every row of every table that a person's map rests on, to compare before and after. */
function dump(): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of ['maps', 'stages', 'lanes', 'cards', 'emotion_points', 'quote_links', 'metrics', 'versions', 'map_personas', 'interviews', 'quotes', 'quote_tags']) {
    out[t] = db().prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all();
  }
  // The map's updated_at moves with every edit; that is checked on its own.
  out.maps = (out.maps as Record<string, unknown>[]).map(({ updated_at: _, ...rest }) => rest);
  return out;
}

async function sampleMap() {
  const [summary] = await ws.call('maps.list', {});
  const doc = await ws.call('maps.get', { id: summary?.id ?? '' });
  const lane = (kind: string) => doc.lanes.find((l) => l.kind === kind)?.id ?? '';
  return { doc, mapId: doc.map.id, textLane: lane('text'), emotionLane: lane('emotion'), persona: doc.personas[0]?.id ?? '' };
}

const texts = async (mapId: string, laneId: string, stageId: string) =>
  (await ws.call('maps.get', { id: mapId })).cards.filter((c) => c.laneId === laneId && c.stageId === stageId).sort((a, b) => (a.position < b.position ? -1 : 1)).map((c) => c.text);

describe('places named by neighbour', () => {
  it('puts a card after or before a named card, first with after: null, last with before: null', async () => {
    const { mapId, textLane, doc } = await sampleMap();
    const stage = doc.stages[2]?.id ?? '';
    const made = async (text: string, place: object) => (await ws.call('cards.create', { laneId: textLane, stageId: stage, text, ...place })).cards[0]?.id ?? '';
    const start = await texts(mapId, textLane, stage);
    const a = await made('A', { after: null });
    const z = await made('Z', { before: null });
    await made('after A', { after: a });
    await made('before Z', { before: z });
    expect(await texts(mapId, textLane, stage)).toEqual(['A', 'after A', ...start, 'before Z', 'Z']);
  });

  it('a create or move writes exactly one row, whatever the neighbours', async () => {
    const { textLane, doc } = await sampleMap();
    const stage = doc.stages[0]?.id ?? '';
    let previous: string | null = null;
    for (let i = 0; i < 50; i++) {
      // Always into the same gap: the keys grow, but no sibling is ever rewritten.
      const result: ChangeSet = await ws.call('cards.create', { laneId: textLane, stageId: stage, text: `n${i}`, after: previous });
      expect(result.cards).toHaveLength(1);
      previous = previous ?? result.cards[0]?.id ?? null;
    }
  });

  it('refuses a neighbour that is not a sibling there any more, changing nothing', async () => {
    const { mapId, textLane, doc } = await sampleMap();
    const [s0, s1] = [doc.stages[0]?.id ?? '', doc.stages[1]?.id ?? ''];
    const other = doc.cards.find((c) => c.stageId === s1 && c.laneId === textLane);
    const before = dump();
    const error = await ws.call('cards.create', { laneId: textLane, stageId: s0, text: 'x', after: other?.id ?? '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaymarkError);
    expect((error as WaymarkError).code).toBe('Conflict');
    expect((error as WaymarkError).message).toMatch(/placed next to is not in that cell any more/);
    await expect(ws.call('stages.move', { id: s0, after: 'no-such-stage' })).rejects.toThrow(/not on this map any more/);
    await expect(ws.call('stages.move', { id: s0, after: s1, index: 1 })).rejects.toThrow(/at most one of index, after and before/);
    expect(dump()).toEqual(before);
    expect((await ws.call('maps.get', { id: mapId })).stages.map((s) => s.id)).toEqual(doc.stages.map((s) => s.id));
  });

  it('puts a card before the first card, and refuses a "before" that is not in the cell, changing nothing', async () => {
    const { mapId, textLane, doc } = await sampleMap();
    const stage = doc.stages[1]?.id ?? '';
    const start = await texts(mapId, textLane, stage);
    const first = doc.cards.find((c) => c.laneId === textLane && c.stageId === stage && c.text === start[0]);
    await ws.call('cards.create', { laneId: textLane, stageId: stage, text: 'very first', before: first?.id ?? '' });
    expect(await texts(mapId, textLane, stage)).toEqual(['very first', ...start]);
    const before = dump();
    await expect(ws.call('cards.create', { laneId: textLane, stageId: stage, text: 'x', before: 'gone' })).rejects.toThrow(
      /^The card "gone" it was placed next to is not in that cell any more \(someone may have moved or deleted it\); nothing was changed\.$/,
    );
    await expect(ws.call('lanes.move', { id: textLane, before: 'gone' })).rejects.toThrow(/The lane "gone" it was placed next to is not on this map any more/);
    expect(dump()).toEqual(before);
  });

  it('a cell where two cards share a key (as an earlier version could leave it) still takes cards first, between and last', async () => {
    const { mapId, textLane, doc } = await sampleMap();
    const stage = doc.stages[2]?.id ?? '';
    db().prepare('DELETE FROM cards WHERE lane_id = ? AND stage_id = ?').run(textLane, stage);
    const made = async (text: string, place: object) => (await ws.call('cards.create', { laneId: textLane, stageId: stage, text, ...place })).cards[0];
    // Ids chosen so that A sorts before B on their shared key, as the workspace lists them.
    const a = await made('A', { id: 'shared-a' });
    const b = await made('B', { id: 'shared-b' });
    const c = await made('C', {});
    db().prepare('UPDATE cards SET position = ? WHERE id = ?').run(a?.position, b?.id);
    const shared = a?.position ?? '';
    const first = await made('first', { after: null });
    const between = await made('between', { after: a?.id ?? '' });
    const beforeC = await made('before C', { before: c?.id ?? '' });
    const last = await made('last', { before: null });
    const at = (text: string) => (db().prepare('SELECT position FROM cards WHERE lane_id = ? AND stage_id = ? AND text = ?').pluck().get(textLane, stage, text) as string);
    const key = (card: typeof a) => card?.position ?? '';
    expect(key(first) < shared).toBe(true);
    for (const card of [between, beforeC]) expect(key(card) > shared && key(card) < at('C'), card?.text).toBe(true);
    expect(key(last) > at('C')).toBe(true);
    expect((await texts(mapId, textLane, stage)).filter((t) => !['A', 'B'].includes(t))).toEqual(['first', 'between', 'before C', 'C', 'last']);
  });

  it('an order key a damaged file holds is reported as it is, not blamed on a moved neighbour', async () => {
    const { textLane, doc } = await sampleMap();
    const stage = doc.stages[0]?.id ?? '';
    db().prepare("UPDATE cards SET position = 'zzz' WHERE lane_id = ? AND stage_id = ?").run(textLane, stage);
    const error = await ws.call('cards.create', { laneId: textLane, stageId: stage, text: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(WaymarkError);
    expect((error as Error).message).toMatch(/invalid order key/);
  });

  it('two clients placing cards after the same card each get what they asked for', async () => {
    const { mapId, textLane, doc } = await sampleMap();
    const stage = doc.stages[1]?.id ?? '';
    const anchor = doc.cards.filter((c) => c.laneId === textLane && c.stageId === stage)[0];
    // Both computed from the same view of the map; they land one after the other.
    await Promise.all([
      ws.call('cards.create', { laneId: textLane, stageId: stage, text: 'from Ann', after: anchor?.id ?? null }),
      ws.call('cards.create', { laneId: textLane, stageId: stage, text: 'from Bo', before: null }),
    ]);
    const list = await texts(mapId, textLane, stage);
    expect(list[list.indexOf(anchor?.text ?? '') + 1]).toBe('from Ann');
    expect(list.at(-1)).toBe('from Bo');
  });
});

describe('undo of deletes through tombstones', () => {
  it('brings back a stage with its cards, team and persona emotion scores, quote links and metrics, exactly', async () => {
    const { mapId, emotionLane, persona, doc } = await sampleMap();
    const stage = doc.stages.find((s) => db().prepare('SELECT count(*) FROM quote_links WHERE stage_id = ?').pluck().get(s.id) !== 0);
    if (!stage) throw new Error('the sample links quotes to stages');
    await ws.call('emotions.set', { laneId: emotionLane, stageId: stage.id, personaId: persona, score: 1, label: 'persona view' });
    db().prepare("INSERT INTO metrics (id, map_id, stage_id, name, value, unit, source) VALUES ('m1', ?, ?, 'conversion', 0.31, '%', 'analytics')").run(mapId, stage.id);
    const before = dump();
    const metricsOfStage = (db().prepare('SELECT id FROM metrics WHERE stage_id = ? ORDER BY id').pluck().all(stage.id) as string[]).sort();
    expect(metricsOfStage).toContain('m1');
    const linksOfStage = (db().prepare('SELECT id FROM quote_links WHERE stage_id = ?').pluck().all(stage.id) as string[]).sort();

    const deleted = await ws.call('stages.delete', { id: stage.id, tombstone: 'undo-1' });
    expect(deleted.tombstones).toEqual(['undo-1']);
    expect(deleted.deleted.stages).toEqual([stage.id]);
    expect(deleted.deleted.cards.length).toBe(doc.cards.filter((c) => c.stageId === stage.id).length);
    expect(deleted.deleted.emotions).toHaveLength(2); // the team's and the persona's
    expect([...deleted.deleted.metrics].sort()).toEqual(metricsOfStage);
    // The client is told which quote links went, and gets them back on undo.
    expect([...deleted.deleted.quoteLinks].sort()).toEqual(linksOfStage);
    expect(db().prepare('SELECT count(*) FROM quote_links WHERE stage_id = ?').pluck().get(stage.id)).toBe(0);

    const restored = await ws.call('tombstones.restore', { id: 'undo-1' });
    expect(dump()).toEqual(before);
    expect(restored.stages.map((s) => s.id)).toEqual([stage.id]);
    expect(restored.cards.map((c) => c.id).sort()).toEqual([...deleted.deleted.cards].sort());
    expect(restored.metrics.map((m) => m.id).sort()).toEqual(metricsOfStage);
    expect(restored.quoteLinks.map((l) => l.id).sort()).toEqual(linksOfStage);
    expect(restored.quoteLinks.every((l) => l.stageId === stage.id && l.mapId === mapId)).toBe(true);
    expect(restored.maps.map((m) => m.id)).toEqual([mapId]);
    // A tombstone is used once.
    await expect(ws.call('tombstones.restore', { id: 'undo-1' })).rejects.toThrow(/nothing deleted under "undo-1"/);
  });

  it('redo deletes again under the same tombstone, and a second undo works', async () => {
    const { doc } = await sampleMap();
    const lane = doc.lanes[0];
    const before = dump();
    for (let i = 0; i < 2; i++) {
      await ws.call('lanes.delete', { id: lane?.id ?? '', tombstone: 'same' });
      await ws.call('tombstones.restore', { id: 'same' });
    }
    expect(dump()).toEqual(before);
  });

  it('brings back a card with its quote link, and a whole map', async () => {
    const { mapId, doc } = await sampleMap();
    const link = db().prepare('SELECT quote_id, stage_id FROM quote_links WHERE map_id = ? LIMIT 1').get(mapId) as { quote_id: string; stage_id: string };
    const card = doc.cards.find((c) => c.stageId === link.stage_id);
    db().prepare("INSERT INTO quote_links (id, quote_id, map_id, stage_id, card_id, created_at) VALUES ('l-card', ?, ?, ?, ?, '2026-01-01')").run(link.quote_id, mapId, link.stage_id, card?.id);
    const before = dump();
    await ws.call('cards.delete', { id: card?.id ?? '', tombstone: 't-card' });
    expect(db().prepare("SELECT count(*) FROM quote_links WHERE id = 'l-card'").pluck().get()).toBe(0);
    await ws.call('tombstones.restore', { id: 't-card' });
    expect(dump()).toEqual(before);

    const gone = await ws.call('maps.delete', { id: mapId });
    expect(gone.deleted.maps).toEqual([mapId]);
    expect(await ws.call('maps.list', {})).toEqual([]);
    await ws.call('tombstones.restore', { id: gone.tombstones[0] ?? '' });
    expect(dump()).toEqual(before);
  });

  it('refuses, changing nothing, when what a card belonged to is gone or the card is back', async () => {
    const { doc, textLane } = await sampleMap();
    const card = doc.cards.find((c) => c.laneId === textLane);
    await ws.call('cards.delete', { id: card?.id ?? '', tombstone: 't1' });
    await ws.call('lanes.delete', { id: textLane, tombstone: 't2' });
    const before = dump();
    await expect(ws.call('tombstones.restore', { id: 't1' })).rejects.toThrow(/cannot be undone: what it belonged to has been deleted since/);
    expect(dump()).toEqual(before);
    await ws.call('tombstones.restore', { id: 't2' });
    await ws.call('cards.create', { id: card?.id ?? '', laneId: textLane, stageId: card?.stageId ?? '', text: 'made again' });
    const again = dump();
    await expect(ws.call('tombstones.restore', { id: 't1' })).rejects.toThrow(/cannot be undone: part of it exists again/);
    expect(dump()).toEqual(again);
  });

  it('refuses, changing nothing, a card back into a lane that has become one without cards', async () => {
    const { doc, textLane } = await sampleMap();
    const cards = doc.cards.filter((c) => c.laneId === textLane);
    for (const [i, c] of cards.entries()) await ws.call('cards.delete', { id: c.id, tombstone: `k${i}` });
    await ws.call('lanes.update', { id: textLane, kind: 'emotion' });
    const before = dump();
    await expect(ws.call('tombstones.restore', { id: 'k0' })).rejects.toThrow(/^"Delete card" cannot be undone: the lane ".+" is now an emotion lane, which holds no cards\.$/);
    expect(dump()).toEqual(before);
    await ws.call('lanes.update', { id: textLane, kind: 'metrics' });
    await expect(ws.call('tombstones.restore', { id: 'k0' })).rejects.toThrow(/is now a metrics lane, which holds no cards\.$/);
    // Made a lane of cards again, it takes them back.
    await ws.call('lanes.update', { id: textLane, kind: 'pains' });
    expect((await ws.call('tombstones.restore', { id: 'k0' })).cards.map((c) => c.id)).toEqual([cards[0]?.id]);
    // A stage's delete too: its cards do not come back into a lane without cards.
    const lane = (await ws.call('lanes.create', { mapId: doc.map.id, kind: 'text', title: 'Spare' })).lanes[0]?.id ?? '';
    const stage = doc.stages.at(-1)?.id ?? '';
    await ws.call('cards.create', { laneId: lane, stageId: stage, text: 'in the last stage' });
    await ws.call('stages.delete', { id: stage, tombstone: 'st' });
    await ws.call('lanes.update', { id: lane, kind: 'owners' });
    const beforeStage = dump();
    await expect(ws.call('tombstones.restore', { id: 'st' })).rejects.toThrow(/^"Delete stage .*" cannot be undone: the lane "Spare" is now an owners lane, which holds no cards\.$/);
    expect(dump()).toEqual(beforeStage);
  });

  it('puts back references that were set to NULL (an interview keeps its persona)', async () => {
    const { persona } = await sampleMap();
    const interviews = () => db().prepare('SELECT id, persona_id FROM interviews ORDER BY id').all();
    const before = interviews();
    expect(before.some((r) => (r as { persona_id: string | null }).persona_id === persona)).toBe(true);
    // No persona operations yet (issue 11): delete through the same path the operation will use.
    const { deleteWithTombstone } = await import('../../../electron/core/tombstones.ts');
    db().transaction(() => deleteWithTombstone(ws.ctx, 'personas', [persona], 'Delete persona', null, 'tp'))();
    expect(interviews().every((r) => (r as { persona_id: string | null }).persona_id === null)).toBe(true);
    await ws.call('tombstones.restore', { id: 'tp' });
    expect(interviews()).toEqual(before);
  });

  it('a card put back where someone has placed another since gets a key of its own, and the cell keeps working', async () => {
    const { mapId, textLane, doc } = await sampleMap();
    const stage = doc.stages[3]?.id ?? '';
    const made = async (text: string, after: string | null) => (await ws.call('cards.create', { laneId: textLane, stageId: stage, text, after })).cards[0]?.id ?? '';
    const a = await made('A', null);
    await made('C', a);
    const b = await made('B', a); // between A and C
    const keyOfB = db().prepare('SELECT position FROM cards WHERE id = ?').pluck().get(b);
    await ws.call('cards.delete', { id: b, tombstone: 'tb' });
    const d = await made('D', a); // the gap B left: the very key B had
    expect(db().prepare('SELECT position FROM cards WHERE id = ?').pluck().get(d)).toBe(keyOfB);
    await ws.call('tombstones.restore', { id: 'tb' });
    const keys = db().prepare('SELECT position FROM cards WHERE lane_id = ? AND stage_id = ?').pluck().all(textLane, stage) as string[];
    expect(new Set(keys).size).toBe(keys.length);
    // B is back in its place between A and C, just after the card that took its key.
    expect((await texts(mapId, textLane, stage)).filter((t) => ['A', 'B', 'C', 'D'].includes(t))).toEqual(['A', 'D', 'B', 'C']);
    // Placing after either of them works: no two siblings share a key to squeeze between.
    await made('after B', b);
    await ws.call('cards.move', { id: a, laneId: textLane, stageId: stage, after: b });
    const order = (await texts(mapId, textLane, stage)).filter((t) => ['A', 'B', 'C', 'D', 'after B'].includes(t));
    expect(order.indexOf('after B')).toBe(order.indexOf('B') + 2); // B, then A (moved after B), then "after B"
    expect(order).toHaveLength(5);
  });

  it('a card put back at the end, where someone has placed another since, comes back after it', async () => {
    const { mapId, textLane, doc } = await sampleMap();
    const stage = doc.stages[4]?.id ?? '';
    const made = async (text: string) => (await ws.call('cards.create', { laneId: textLane, stageId: stage, text, before: null })).cards[0];
    const z = await made('Z');
    await ws.call('cards.delete', { id: z?.id ?? '', tombstone: 'tz' });
    const y = await made('Y'); // last again: the very key Z had
    expect(y?.position).toBe(z?.position);
    await ws.call('tombstones.restore', { id: 'tz' });
    expect((await texts(mapId, textLane, stage)).slice(-2)).toEqual(['Y', 'Z']);
  });

  it('names each kept deletion after what went, and says so when it cannot be undone', async () => {
    const { mapId, doc, textLane } = await sampleMap();
    const [stage, lane, card] = [doc.stages[0], doc.lanes.find((l) => l.kind === 'pains'), doc.cards.find((c) => c.laneId === textLane && c.stageId !== doc.stages[0]?.id)];
    await ws.call('cards.delete', { id: card?.id ?? '', tombstone: 'tc' });
    await ws.call('stages.delete', { id: stage?.id ?? '', tombstone: 'ts' });
    await ws.call('lanes.delete', { id: lane?.id ?? '', tombstone: 'tl' });
    // Made again under the same ids (a client's redo of a create does that): the deletes cannot be undone.
    await ws.call('stages.create', { id: stage?.id ?? '', mapId, name: 'Again' });
    await ws.call('lanes.create', { id: lane?.id ?? '', mapId, kind: 'pains', title: 'Again' });
    await ws.call('cards.create', { id: card?.id ?? '', laneId: textLane, stageId: card?.stageId ?? '', text: 'Again' });
    const before = dump();
    await expect(ws.call('tombstones.restore', { id: 'ts' })).rejects.toThrow(/^"Delete stage "Discover"" cannot be undone: part of it exists again\.$/);
    await expect(ws.call('tombstones.restore', { id: 'tl' })).rejects.toThrow(/^"Delete lane "Pain points"" cannot be undone: part of it exists again\.$/);
    await expect(ws.call('tombstones.restore', { id: 'tc' })).rejects.toThrow(/^"Delete card" cannot be undone: part of it exists again\.$/);
    expect(dump()).toEqual(before);
    await ws.call('maps.delete', { id: mapId, tombstone: 'tm' });
    expect(db().prepare('SELECT id, map_id, label FROM tombstones ORDER BY id').all()).toEqual([
      { id: 'tc', map_id: mapId, label: 'Delete card' },
      { id: 'tl', map_id: mapId, label: 'Delete lane "Pain points"' },
      { id: 'tm', map_id: mapId, label: `Delete map "${doc.map.title}"` },
      { id: 'ts', map_id: mapId, label: 'Delete stage "Discover"' },
    ]);
  });

  it('a kept row that breaks a rule of today is refused as such, not blamed on a deleted parent, alone or in a batch', async () => {
    const { doc } = await sampleMap();
    const card = doc.cards.find((c) => c.votes > 0);
    await ws.call('cards.delete', { id: card?.id ?? '', tombstone: 'loose' });
    // As if written by a version with looser rules: a card with fewer than no votes.
    const payload = JSON.parse(db().prepare("SELECT payload FROM tombstones WHERE id = 'loose'").pluck().get() as string) as { tables: { table: string; rows: Record<string, unknown>[] }[] };
    for (const t of payload.tables) if (t.table === 'cards') for (const r of t.rows) r.votes = -1;
    db().prepare("UPDATE tombstones SET payload = ? WHERE id = 'loose'").run(JSON.stringify(payload));
    const before = dump();
    const rule = /^That change breaks a rule of the workspace and was not saved\.$/;
    for (const steps of [[{ name: 'tombstones.restore', input: { id: 'loose' } }], [{ name: 'stages.update', input: { id: card?.stageId ?? '', goal: 'g' } }, { name: 'tombstones.restore', input: { id: 'loose' } }]]) {
      const error = await ws.call('batch.run', { steps }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WaymarkError);
      expect((error as WaymarkError).code).toBe('Invalid');
      expect((error as WaymarkError).message).toMatch(rule);
    }
    await expect(ws.call('tombstones.restore', { id: 'loose' })).rejects.toThrow(rule);
    expect(dump()).toEqual(before);
  });

  it('never lets a delete take over a tombstone id that is still kept (someone else\'s undo)', async () => {
    const { doc, textLane } = await sampleMap();
    const [c1, c2] = doc.cards.filter((c) => c.laneId === textLane && c.stageId !== doc.stages[4]?.id);
    await ws.call('stages.delete', { id: doc.stages[4]?.id ?? '', tombstone: 'theirs' });
    const before = dump();
    await expect(ws.call('cards.delete', { id: c1?.id ?? '', tombstone: 'theirs' })).rejects.toThrow(/already kept under "theirs"/);
    await expect(
      ws.call('batch.run', { steps: [{ name: 'cards.delete', input: { id: c1?.id ?? '', tombstone: 'mine' } }, { name: 'cards.delete', input: { id: c2?.id ?? '', tombstone: 'mine' } }] }),
    ).rejects.toThrow(/Step 2 \(cards.delete\): .*already kept under "mine"/);
    expect(dump()).toEqual(before);
    const back = await ws.call('tombstones.restore', { id: 'theirs' });
    expect(back.stages.map((s) => s.id)).toEqual([doc.stages[4]?.id]);
  });
});

describe('tombstones over time and at scale', () => {
  it('keeps a persona with its image, and tells clients which interviews lost and got back their persona', async () => {
    const { persona } = await sampleMap();
    const image = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
    db().prepare('UPDATE personas SET image = ? WHERE id = ?').run(image, persona);
    const interviews = db().prepare('SELECT id FROM interviews WHERE persona_id = ? ORDER BY id').pluck().all(persona) as string[];
    const { deleteWithTombstone } = await import('../../../electron/core/tombstones.ts');
    const gone = db().transaction(() => deleteWithTombstone(ws.ctx, 'personas', [persona], 'Delete persona', null, 'tp'))();
    expect(gone.deleted.personas).toEqual([persona]);
    expect(gone.interviews.map((i) => [i.id, i.personaId]).sort()).toEqual(interviews.map((id) => [id, null]).sort());
    const back = await ws.call('tombstones.restore', { id: 'tp' });
    expect(back.personas.map((p) => p.id)).toEqual([persona]);
    expect(back.interviews.map((i) => [i.id, i.personaId]).sort()).toEqual(interviews.map((id) => [id, persona]).sort());
    expect(Buffer.compare(db().prepare('SELECT image FROM personas WHERE id = ?').pluck().get(persona) as Buffer, image)).toBe(0);
  });

  it('keeps tombstones for 30 days and at most the newest 1,000', async () => {
    const { textLane, doc } = await sampleMap();
    const stage = doc.stages[0]?.id ?? '';
    let t = Date.parse('2026-01-01T00:00:00.000Z');
    const clocked = { db: db(), now: () => new Date(t) };
    const { deleteWithTombstone } = await import('../../../electron/core/tombstones.ts');
    const { createCard } = await import('../../../electron/core/cards.ts');
    const card = () => createCard(clocked, { laneId: textLane, stageId: stage, text: 'x' }).cards[0]?.id ?? '';
    db().transaction(() => deleteWithTombstone(clocked, 'cards', [card()], 'old', null, 'old'))();
    t += 29 * 86_400_000;
    db().transaction(() => deleteWithTombstone(clocked, 'cards', [card()], 'recent', null, 'recent'))();
    expect(db().prepare('SELECT id FROM tombstones ORDER BY id').pluck().all()).toEqual(['old', 'recent']);
    t += 2 * 86_400_000; // the first is now 31 days old
    db().transaction(() => deleteWithTombstone(clocked, 'cards', [card()], 'new', null, 'new'))();
    expect(db().prepare('SELECT id FROM tombstones ORDER BY id').pluck().all()).toEqual(['new', 'recent']);
    await expect(ws.call('tombstones.restore', { id: 'old' })).rejects.toThrow(/older than 30 days/);
    db().transaction(() => {
      for (let i = 0; i < 1000; i++) {
        t += 1000;
        deleteWithTombstone(clocked, 'cards', [card()], 'bulk', null, `bulk-${i}`);
      }
    })();
    const kept = db().prepare('SELECT id FROM tombstones').pluck().all() as string[];
    expect(kept).toHaveLength(1000);
    expect(kept).not.toContain('recent'); // the oldest went first
    expect(kept).toContain('bulk-999');
  });

  it('keeps the tombstones of one batch together: a delete of 1,100 cards is undone whole, after other deletes too, and dropped whole', async () => {
    const { textLane, doc } = await sampleMap();
    const stage = doc.stages[0]?.id ?? '';
    const made = await ws.call('batch.run', { steps: Array.from({ length: 1100 }, (_, i) => ({ name: 'cards.create', input: { id: `big-${i}`, laneId: textLane, stageId: stage, text: `c${i}` } })) });
    expect(made.cards).toHaveLength(1100);
    const deleteAll = Array.from({ length: 1100 }, (_, i) => ({ name: 'cards.delete', input: { id: `big-${i}`, tombstone: `t-big-${i}` } }));
    await ws.call('batch.run', { steps: deleteAll });
    const count = () => db().prepare("SELECT count(*) FROM tombstones WHERE id LIKE 't-big-%'").pluck().get();
    expect(count()).toBe(1100);
    // One more delete afterwards (its own time) drops none of them: they are all newer than the 1,000th newest.
    const one = (await ws.call('cards.create', { laneId: textLane, stageId: stage, text: 'one' })).cards[0]?.id ?? '';
    await ws.call('batch.run', { steps: [{ name: 'cards.delete', input: { id: one, tombstone: 't-one' } }] });
    expect(count()).toBe(1100);
    const restored = await ws.call('batch.run', { steps: deleteAll.map((s) => ({ name: 'tombstones.restore', input: { id: s.input.tombstone } })).reverse() });
    expect(restored.cards).toHaveLength(1100);
    expect(db().prepare("SELECT count(*) FROM cards WHERE id LIKE 'big-%'").pluck().get()).toBe(1100);
    // Deleted again, then 1,000 newer tombstones: the batch goes whole, none of it left behind.
    await ws.call('batch.run', { steps: deleteAll });
    for (let i = 0; i < 1000; i++) {
      const id = (await ws.call('cards.create', { laneId: textLane, stageId: stage, text: `n${i}` })).cards[0]?.id ?? '';
      await ws.call('cards.delete', { id, tombstone: `t-n-${i}` });
    }
    expect(count()).toBe(0);
    expect(db().prepare("SELECT count(*) FROM tombstones WHERE id LIKE 't-n-%'").pluck().get()).toBe(1000);
  }, 60_000);

  it('brings a persona back when one of its interviews has gone meanwhile, naming only the interviews still there', async () => {
    const { persona } = await sampleMap();
    const interviews = db().prepare('SELECT id FROM interviews WHERE persona_id = ? ORDER BY id').pluck().all(persona) as string[];
    expect(interviews.length).toBeGreaterThan(1);
    const { deleteWithTombstone } = await import('../../../electron/core/tombstones.ts');
    db().transaction(() => deleteWithTombstone(ws.ctx, 'personas', [persona], 'Delete persona', null, 'tp'))();
    // No interview operations yet (issue 11): removed the way one would be.
    db().prepare('DELETE FROM interviews WHERE id = ?').run(interviews[0]);
    const back = await ws.call('tombstones.restore', { id: 'tp' });
    expect(back.personas.map((p) => p.id)).toEqual([persona]);
    expect(back.interviews.map((i) => [i.id, i.personaId])).toEqual(interviews.slice(1).map((id) => [id, persona]));
    expect(db().prepare('SELECT id FROM interviews WHERE persona_id = ? ORDER BY id').pluck().all(persona)).toEqual(interviews.slice(1));
  });

  it('brings back a stage of more than 500 cards whole', async () => {
    const { mapId, textLane, doc } = await sampleMap();
    const stage = doc.stages[5]?.id ?? '';
    await ws.call('batch.run', { steps: Array.from({ length: 1200 }, (_, i) => ({ name: 'cards.create', input: { laneId: textLane, stageId: stage, text: `bulk ${i}` } })) });
    const before = dump();
    const gone = await ws.call('stages.delete', { id: stage, tombstone: 'big' });
    expect(gone.deleted.cards.length).toBeGreaterThan(1200);
    await ws.call('tombstones.restore', { id: 'big' });
    expect(dump()).toEqual(before);
    expect((await ws.call('maps.get', { id: mapId })).cards.filter((c) => c.stageId === stage)).toHaveLength(gone.deleted.cards.length);
  });

  it('deletes and brings back a map of more cards than SQLite takes in one statement (32,766), whole', async () => {
    const { mapId, doc } = await sampleMap();
    const { firstKeys } = await import('../../../electron/core/positions.ts');
    const cardLanes = doc.lanes.filter((l) => !['emotion', 'owners'].includes(l.kind));
    const stageKeys = firstKeys(265).map((k) => `z${k}`); // after the sample's stages
    const cardKeys = firstKeys(25);
    db().transaction(() => {
      const stage = db().prepare("INSERT INTO stages (id, map_id, name, position) VALUES (?, ?, 'bulk', ?)");
      const card = db().prepare("INSERT INTO cards (id, map_id, lane_id, stage_id, text, position) VALUES (?, ?, ?, ?, 'bulk', ?)");
      stageKeys.forEach((key, s) => {
        stage.run(`bulk-stage-${s}`, mapId, key);
        for (const lane of cardLanes) cardKeys.forEach((k, i) => card.run(`bulk-${s}-${lane.id}-${i}`, mapId, lane.id, `bulk-stage-${s}`, k));
      });
    })();
    const cards = db().prepare('SELECT count(*) FROM cards WHERE map_id = ?').pluck().get(mapId) as number;
    expect(cards).toBeGreaterThan(32_766);
    const before = dump();
    const gone = await ws.call('maps.delete', { id: mapId, tombstone: 'huge' });
    expect(gone.deleted.cards).toHaveLength(cards);
    expect(db().prepare('SELECT count(*) FROM cards').pluck().get()).toBe(0);
    await ws.call('tombstones.restore', { id: 'huge' });
    expect(dump()).toEqual(before);
  });

  it('refuses a tombstone kept in a format it cannot read, changing nothing', async () => {
    const { doc } = await sampleMap();
    await ws.call('cards.delete', { id: doc.cards[0]?.id ?? '', tombstone: 'future' });
    db().prepare("UPDATE tombstones SET payload = json_set(payload, '$.format', 2) WHERE id = 'future'").run();
    const before = dump();
    await expect(ws.call('tombstones.restore', { id: 'future' })).rejects.toThrow(/kept in a format this version of Waymark cannot read/);
    expect(dump()).toEqual(before);
    expect(db().prepare("SELECT count(*) FROM tombstones WHERE id = 'future'").pluck().get()).toBe(1);
  });
});
