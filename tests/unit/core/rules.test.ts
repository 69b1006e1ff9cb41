/**
 * What clients and people rely on and no other test pinned down (from a mutation run of the engine):
 * every edit's change set, the rules each operation enforces, partial updates, and SQLite's refusals in words.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WaymarkError } from '../../../electron/api/errors.ts';
import type { ChangeSet, LaneKind } from '../../../electron/api/types.ts';
import { translateSqliteError } from '../../../electron/core/errors.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { tempDir } from './helpers.ts';

let dir: string;
let ws: Workspace;
let t: number;
const now = () => new Date(t);
beforeEach(() => {
  dir = tempDir();
  t = Date.parse('2026-11-24T09:00:00.000Z');
  ws = Workspace.open(path.join(dir, 'w.waymark'), { now, sample: true });
});
afterEach(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function sample() {
  const [summary] = await ws.call('maps.list', {});
  const doc = await ws.call('maps.get', { id: summary?.id ?? '' });
  const lane = (kind: LaneKind) => doc.lanes.find((l) => l.kind === kind)?.id ?? '';
  return { doc, mapId: doc.map.id, text: lane('text'), emotion: lane('emotion'), owners: lane('owners'), persona: doc.personas[0]?.id ?? '', s0: doc.stages[0]?.id ?? '', s1: doc.stages[1]?.id ?? '' };
}

async function refusal(code: string, message: RegExp, run: () => Promise<unknown>): Promise<void> {
  const before = JSON.stringify(ws.ctx.db.prepare('SELECT * FROM cards ORDER BY id').all()) + JSON.stringify(ws.ctx.db.prepare('SELECT * FROM maps').all());
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WaymarkError);
  expect((error as WaymarkError).code).toBe(code);
  expect((error as WaymarkError).message).toMatch(message);
  const after = JSON.stringify(ws.ctx.db.prepare('SELECT * FROM cards ORDER BY id').all()) + JSON.stringify(ws.ctx.db.prepare('SELECT * FROM maps').all());
  expect(after).toBe(before);
}

describe('every edit tells clients what changed, including the map it changed', () => {
  it('each card, lane, stage and emotion edit moves the map to "changed now" and returns it', async () => {
    const { mapId, text, emotion, owners, s0, s1 } = await sample();
    const card = (await ws.call('cards.create', { laneId: text, stageId: s0, text: 'x' })).cards[0]?.id ?? '';
    const edits: [string, () => Promise<ChangeSet>][] = [
      ['cards.create', () => ws.call('cards.create', { laneId: text, stageId: s0, text: 'y' })],
      ['cards.update', () => ws.call('cards.update', { id: card, text: 'z' })],
      ['cards.move', () => ws.call('cards.move', { id: card, laneId: text, stageId: s1 })],
      ['cards.delete', () => ws.call('cards.delete', { id: card })],
      ['stages.create', () => ws.call('stages.create', { mapId, name: 'New' })],
      ['stages.update', () => ws.call('stages.update', { id: s0, goal: 'More' })],
      ['stages.move', () => ws.call('stages.move', { id: s0, before: null })],
      ['lanes.create', () => ws.call('lanes.create', { mapId, kind: 'pains', title: 'Pains 2' })],
      ['lanes.update', () => ws.call('lanes.update', { id: text, title: 'Doing' })],
      ['lanes.move', () => ws.call('lanes.move', { id: text, before: null })],
      ['lanes.delete', () => ws.call('lanes.delete', { id: owners })],
      ['emotions.set', () => ws.call('emotions.set', { laneId: emotion, stageId: s0, score: 1 })],
      ['emotions.set (clear)', () => ws.call('emotions.set', { laneId: emotion, stageId: s0, score: null })],
      ['stages.delete', () => ws.call('stages.delete', { id: s1 })],
    ];
    for (const [name, edit] of edits) {
      t += 60_000;
      const changes = await edit();
      const stamp = new Date(t).toISOString();
      expect(changes.maps.map((m) => [m.id, m.updatedAt]), name).toEqual([[mapId, stamp]]);
      expect(ws.ctx.db.prepare('SELECT updated_at FROM maps WHERE id = ?').pluck().get(mapId), name).toBe(stamp);
    }
  });

  it('a moved record is in the change set; deleted lanes and emotion points are named', async () => {
    const { mapId, text, emotion, s0, s1 } = await sample();
    const moved = await ws.call('stages.move', { id: s1, after: null });
    expect(moved.stages.map((s) => s.id)).toEqual([s1]);
    const lane = await ws.call('lanes.move', { id: emotion, after: null });
    expect(lane.lanes.map((l) => l.id)).toEqual([emotion]);
    const card = (await ws.call('cards.create', { laneId: text, stageId: s0, text: 'x' })).cards[0];
    const cardMoved = await ws.call('cards.move', { id: card?.id ?? '', laneId: text, stageId: s1, after: null });
    expect(cardMoved.cards).toMatchObject([{ id: card?.id, stageId: s1 }]);
    const points = ws.ctx.db.prepare('SELECT id FROM emotion_points WHERE lane_id = ? ORDER BY id').pluck().all(emotion);
    expect(points.length).toBeGreaterThan(0);
    const gone = await ws.call('lanes.delete', { id: emotion });
    expect(gone.deleted.lanes).toEqual([emotion]);
    expect([...gone.deleted.emotions].sort()).toEqual(points);
    const cleared = await ws.call('emotions.set', { laneId: (await ws.call('lanes.create', { mapId, kind: 'emotion', title: 'Feel' })).lanes[0]?.id ?? '', stageId: s0, score: null });
    expect(cleared.deleted.emotions).toEqual([]); // clearing nothing deletes nothing
  });
});

describe('the rules each operation keeps', () => {
  it('a card moves only within its own map', async () => {
    const { text } = await sample();
    const card = (await ws.call('maps.get', { id: (await sample()).mapId })).cards.find((c) => c.laneId === text);
    const other = await ws.call('maps.create', { title: 'Other', template: 'blank' });
    const otherLane = other.lanes.find((l) => l.kind === 'text')?.id ?? '';
    await refusal('Invalid', /only be moved within its own map/, () => ws.call('cards.move', { id: card?.id ?? '', laneId: otherLane, stageId: other.stages[0]?.id ?? '' }));
    await refusal('Invalid', /belong to different maps/, () => ws.call('cards.create', { laneId: otherLane, stageId: (card?.stageId ?? ''), text: 'x' }));
  });

  it('cards go only into lanes that hold cards', async () => {
    const { owners, emotion, s0 } = await sample();
    for (const laneId of [owners, emotion]) {
      await refusal('Conflict', /lane; it does not hold cards/, () => ws.call('cards.create', { laneId, stageId: s0, text: 'x' }));
    }
  });

  it('the emotion scale runs from below zero to above zero; each end narrows only past no score', async () => {
    const { mapId, emotion, s0 } = await sample();
    await refusal('Invalid', /between -2 and 2; -3 is outside/, () => ws.call('emotions.set', { laneId: emotion, stageId: s0, score: -3 }));
    await refusal('Invalid', /between -2 and 2; 3 is outside/, () => ws.call('emotions.set', { laneId: emotion, stageId: s0, score: 3 }));
    await ws.call('emotions.set', { laneId: emotion, stageId: s0, score: -2 });
    await ws.call('emotions.set', { laneId: emotion, stageId: s0, score: 2 }); // both ends are inside
    await refusal('Invalid', /emotionMin must be at most 0|emotionMin/, () => ws.call('maps.update', { id: mapId, emotionMin: 1 }));
    await refusal('Invalid', /emotionMax/, () => ws.call('maps.update', { id: mapId, emotionMax: -1 }));
    await refusal('Invalid', /from a negative to a positive number/, () => ws.call('maps.update', { id: mapId, emotionMin: 0 }));
    await refusal('Invalid', /from a negative to a positive number/, () => ws.call('maps.update', { id: mapId, emotionMax: 0 }));
    // Widening works; narrowing the top end under a score of 2 does not, the bottom end may narrow.
    await ws.call('maps.update', { id: mapId, emotionMin: -5, emotionMax: 5 });
    await ws.call('emotions.set', { laneId: emotion, stageId: s0, score: 5 });
    await refusal('Invalid', /1 emotion score\(s\) on this map lie outside -5\.\.4/, () => ws.call('maps.update', { id: mapId, emotionMax: 4 }));
    const narrowed = await ws.call('maps.update', { id: mapId, emotionMin: -4 });
    expect(narrowed.maps[0]).toMatchObject({ emotionMin: -4, emotionMax: 5 });
  });

  it("a persona's scores are kept apart from the team's, and a persona must exist", async () => {
    const { emotion, persona, s0 } = await sample();
    const team = ws.ctx.db.prepare('SELECT score FROM emotion_points WHERE lane_id = ? AND stage_id = ? AND persona_id IS NULL').pluck().get(emotion, s0);
    await ws.call('emotions.set', { laneId: emotion, stageId: s0, personaId: persona, score: -1, label: 'Maya' });
    await ws.call('emotions.set', { laneId: emotion, stageId: s0, personaId: persona, score: 2 });
    const rows = ws.ctx.db.prepare('SELECT persona_id, score, label FROM emotion_points WHERE lane_id = ? AND stage_id = ? ORDER BY persona_id').all(emotion, s0);
    expect(rows).toEqual([
      { persona_id: null, score: team, label: expect.any(String) as string },
      { persona_id: persona, score: 2, label: 'Maya' }, // the label stays when only the score changes
    ]);
    await ws.call('emotions.set', { laneId: emotion, stageId: s0, personaId: persona, score: null });
    expect(ws.ctx.db.prepare('SELECT score FROM emotion_points WHERE lane_id = ? AND stage_id = ? AND persona_id IS NULL').pluck().get(emotion, s0)).toBe(team);
    await refusal('NotFound', /No persona with id "ghost"/, () => ws.call('emotions.set', { laneId: emotion, stageId: s0, personaId: 'ghost', score: 1 }));
    const { text } = await sample();
    await refusal('Conflict', /is not an emotion lane/, () => ws.call('emotions.set', { laneId: text, stageId: s0, score: 1 }));
  });

  it('an emotion score needs a lane and a stage of one map; a new score without a label has none', async () => {
    const { emotion, s0 } = await sample();
    const other = await ws.call('maps.create', { title: 'Other', template: 'blank' });
    await refusal('Invalid', /^The lane "Emotion" and the stage "Stage 1" belong to different maps\.$/, () =>
      ws.call('emotions.set', { laneId: emotion, stageId: other.stages[0]?.id ?? '', score: 1 }),
    );
    const otherEmotion = other.lanes.find((l) => l.kind === 'emotion')?.id ?? '';
    const set = await ws.call('emotions.set', { laneId: otherEmotion, stageId: other.stages[0]?.id ?? '', score: -1 });
    expect(set.emotions).toMatchObject([{ laneId: otherEmotion, score: -1, label: '', personaId: null }]);
    await refusal('NotFound', /^No lane with id "nope" exists; it may have been deleted\.$/, () => ws.call('emotions.set', { laneId: 'nope', stageId: s0, score: 1 }));
    await refusal('NotFound', /^No lane with id "nope" exists; it may have been deleted\.$/, () => ws.call('lanes.update', { id: 'nope', title: 'x' }));
  });

  it('narrowing the bottom end of the scale past a score is refused as well', async () => {
    const { mapId, emotion, s0 } = await sample();
    await ws.call('maps.update', { id: mapId, emotionMin: -5 });
    await ws.call('emotions.set', { laneId: emotion, stageId: s0, score: -5 });
    await refusal('Invalid', /^1 emotion score\(s\) on this map lie outside -4\.\.2; change them before narrowing the scale\.$/, () =>
      ws.call('maps.update', { id: mapId, emotionMin: -4 }),
    );
    expect((await ws.call('maps.update', { id: mapId, title: 'Renamed' })).maps[0]).toMatchObject({ title: 'Renamed', emotionMin: -5, emotionMax: 2 });
  });

  it('a lane sent back with its own kind (a client saving the whole record) stays as it is, scores and all', async () => {
    const { emotion } = await sample();
    const points = ws.ctx.db.prepare('SELECT count(*) FROM emotion_points WHERE lane_id = ?').pluck().get(emotion);
    expect(points).not.toBe(0);
    expect((await ws.call('lanes.update', { id: emotion, kind: 'emotion', title: 'How it feels' })).lanes[0]).toMatchObject({ kind: 'emotion', title: 'How it feels' });
    expect(ws.ctx.db.prepare('SELECT count(*) FROM emotion_points WHERE lane_id = ?').pluck().get(emotion)).toBe(points);
  });

  it('a create may name its id; an id in use is refused', async () => {
    const { mapId, text, s0 } = await sample();
    const stage = await ws.call('stages.create', { id: 'my-stage', mapId, name: 'Mine' });
    expect(stage.stages[0]?.id).toBe('my-stage');
    const lane = await ws.call('lanes.create', { id: 'my-lane', mapId, kind: 'text', title: 'Mine' });
    expect(lane.lanes[0]?.id).toBe('my-lane');
    const card = await ws.call('cards.create', { id: 'my-card', laneId: text, stageId: s0, text: 'Mine' });
    expect(card.cards[0]?.id).toBe('my-card');
    await refusal('Conflict', /A stage with id "my-stage" already exists/, () => ws.call('stages.create', { id: 'my-stage', mapId, name: 'Again' }));
    await refusal('Conflict', /A lane with id "my-lane" already exists/, () => ws.call('lanes.create', { id: 'my-lane', mapId, kind: 'text', title: 'Again' }));
    await refusal('Conflict', /A card with id "my-card" already exists/, () => ws.call('cards.create', { id: 'my-card', laneId: text, stageId: s0, text: 'Again' }));
  });

  it('stages and lanes need their map; deleting a map needs it to exist', async () => {
    await refusal('NotFound', /No map with id "nope"/, () => ws.call('stages.create', { mapId: 'nope', name: 'x' }));
    await refusal('NotFound', /No map with id "nope"/, () => ws.call('lanes.create', { mapId: 'nope', kind: 'text', title: 'x' }));
    await refusal('NotFound', /No map with id "nope"/, () => ws.call('maps.delete', { id: 'nope' }));
    await refusal('NotFound', /No map with id "nope"/, () => ws.call('maps.update', { id: 'nope', title: 'x' }));
  });

  it('a lane changes kind freely among card kinds, and to or from emotion, metrics, owners or evidence only when empty', async () => {
    const { mapId, text, emotion } = await sample();
    const cardKinds: LaneKind[] = ['touchpoints', 'pains', 'opportunities', 'backstage', 'images', 'text'];
    for (const kind of cardKinds) expect((await ws.call('lanes.update', { id: text, kind })).lanes[0]?.kind).toBe(kind);
    for (const kind of ['emotion', 'metrics', 'owners', 'evidence'] as const) {
      await refusal('Conflict', new RegExp(`cannot become an? ${kind} lane while it holds cards`), () => ws.call('lanes.update', { id: text, kind }));
    }
    await refusal('Conflict', /cannot become a text lane while it holds emotion scores/, () => ws.call('lanes.update', { id: emotion, kind: 'text' }));
    const empty = (await ws.call('lanes.create', { mapId, kind: 'owners', title: 'Owners 2' })).lanes[0]?.id ?? '';
    for (const kind of ['metrics', 'emotion', 'evidence', 'text', 'owners'] as const) expect((await ws.call('lanes.update', { id: empty, kind })).lanes[0]?.kind).toBe(kind);
    // An evidence lane shows the quotes linked to each stage: it takes no cards.
    const evidence = (await ws.call('lanes.create', { mapId, kind: 'evidence', title: 'Evidence' })).lanes[0]?.id ?? '';
    const stage = (await ws.call('maps.get', { id: mapId })).stages[0]?.id ?? '';
    await refusal('Conflict', /is an evidence lane; it does not hold cards/, () => ws.call('cards.create', { laneId: evidence, stageId: stage, text: 'x' }));
  });
});

describe('creates keep what they are given, and leave out nothing else', () => {
  it('a stage keeps its width and colour and has empty texts it was not given; a lane keeps its height', async () => {
    const { mapId } = await sample();
    const wide = (await ws.call('stages.create', { mapId, name: 'Wide', width: 320, color: '#445566' })).stages[0];
    expect(wide).toMatchObject({ name: 'Wide', width: 320, color: '#445566', description: '', owner: '', goal: '' });
    const plain = (await ws.call('stages.create', { mapId, name: 'Plain' })).stages[0];
    expect(plain).toMatchObject({ width: null, color: null, description: '', owner: '', goal: '' });
    expect((await ws.call('lanes.create', { mapId, kind: 'text', title: 'Tall', height: 240 })).lanes[0]).toMatchObject({ height: 240, collapsed: false });
    expect((await ws.call('lanes.create', { mapId, kind: 'text', title: 'Fits' })).lanes[0]).toMatchObject({ height: null, collapsed: false });
    const stored = ws.ctx.db.prepare("SELECT name, width, description, owner, goal FROM stages WHERE name IN ('Wide', 'Plain') ORDER BY name").all();
    expect(stored).toEqual([
      { name: 'Plain', width: null, description: '', owner: '', goal: '' },
      { name: 'Wide', width: 320, description: '', owner: '', goal: '' },
    ]);
  });
});

describe('partial updates change only what they name', () => {
  it('cards, stages and lanes keep every field an update does not mention', async () => {
    const { mapId, text, s0 } = await sample();
    const card = (await ws.call('cards.create', { laneId: text, stageId: s0, text: 'x', color: '#112233', channel: 'email', votes: 3, evidence: 'observed' })).cards[0];
    const after = (await ws.call('cards.update', { id: card?.id ?? '', text: 'y' })).cards[0];
    expect(after).toEqual({ ...card, text: 'y' });
    const cleared = (await ws.call('cards.update', { id: card?.id ?? '', color: null, channel: null })).cards[0];
    expect(cleared).toEqual({ ...card, text: 'y', color: null, channel: null });

    const stage = (await ws.call('stages.create', { mapId, name: 'S', color: '#445566', width: 300, owner: 'Ops', goal: 'G', description: 'D' })).stages[0];
    expect((await ws.call('stages.update', { id: stage?.id ?? '', name: 'T' })).stages[0]).toEqual({ ...stage, name: 'T' });
    expect((await ws.call('stages.update', { id: stage?.id ?? '', width: null })).stages[0]).toEqual({ ...stage, name: 'T', width: null });

    const lane = (await ws.call('lanes.create', { mapId, kind: 'text', title: 'L', height: 240, collapsed: true })).lanes[0];
    expect((await ws.call('lanes.update', { id: lane?.id ?? '', title: 'M' })).lanes[0]).toEqual({ ...lane, title: 'M' });
    expect((await ws.call('lanes.update', { id: lane?.id ?? '', collapsed: false })).lanes[0]).toEqual({ ...lane, title: 'M', collapsed: false });
    expect((await ws.call('lanes.update', { id: lane?.id ?? '', height: null })).lanes[0]).toEqual({ ...lane, title: 'M', collapsed: false, height: null });
  });
});

describe("SQLite's refusals, in words a person can act on", () => {
  const sqlite = (code: string) => Object.assign(new Error(`raw ${code}`), { code });
  it('names each kind of refusal, and passes anything else on untouched', () => {
    const cases: [string, string, RegExp][] = [
      ['SQLITE_CONSTRAINT_CHECK', 'Invalid', /^That change breaks a rule of the workspace and was not saved\.$/],
      ['SQLITE_BUSY', 'Conflict', /^The workspace is locked by another program; the change was not saved\. Try again in a moment\.$/],
      ['SQLITE_LOCKED_SHAREDCACHE', 'Conflict', /locked by another program/],
      ['SQLITE_FULL', 'Conflict', /^The disk is full; the change was not saved\. Free some space and try again: everything saved before is kept\.$/],
      ['SQLITE_READONLY_DBMOVED', 'Conflict', /^The workspace file has become read-only; the change was not saved\.$/],
      ['SQLITE_IOERR_WRITE', 'Conflict', /^The workspace file could not be written \(a disk error\); the change was not saved\.$/],
    ];
    for (const [code, expected, message] of cases) {
      const translated = translateSqliteError(sqlite(code));
      expect(translated, code).toBeInstanceOf(WaymarkError);
      expect((translated as WaymarkError).code, code).toBe(expected);
      expect((translated as WaymarkError).message, code).toMatch(message);
    }
    const other = sqlite('SQLITE_MISMATCH');
    expect(translateSqliteError(other)).toBe(other);
    const plain = new Error('plain');
    expect(translateSqliteError(plain)).toBe(plain);
    const known = new WaymarkError('NotFound', 'x');
    expect(translateSqliteError(known)).toBe(known);
    expect(translateSqliteError(Object.assign(new Error('fs'), { code: 'ENOENT' }))).toMatchObject({ code: 'ENOENT' });
  });
});
