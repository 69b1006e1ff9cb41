/**
 * Commands and their inverses, against a real workspace: the renderer's map store calls core in-process
 * (the same contract the hosts serve), and after every command, undo and redo the store must equal what the
 * workspace stored.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Call } from '../../../electron/api/contract.ts';
import type { Card } from '../../../electron/api/types.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import * as commands from '../../../renderer/src/store/commands.ts';
import { cellCards, groupByCell, ordered, toModel } from '../../../renderer/src/store/mapModel.ts';
import { createMapStore, type MapStore } from '../../../renderer/src/store/mapStore.ts';

let dir: string;
let ws: Workspace;
let store: MapStore;
let reported: string[];
let mapId: string;

const call: Call = (name, input) => ws.call(name, input);

const sortedCards = (cards: Iterable<Card>): Card[] => [...cards].sort((a, b) => (a.id < b.id ? -1 : 1));

async function expectInStep(): Promise<void> {
  // Read straight through the engine, not through the store under test.
  const model = toModel(await ws.call('maps.get', { id: mapId }));
  const state = store.getState();
  expect(state.stages).toEqual(model.stages);
  expect(state.lanes).toEqual(model.lanes);
  expect(sortedCards(state.cards.values())).toEqual(sortedCards(model.cards.values()));
  // The per-cell index kept up to date change by change equals a fresh grouping.
  expect(state.cardCells).toEqual(groupByCell(model.cards.values()));
  expect(Object.values(state.emotions).map((e) => [e.laneId, e.stageId, e.score, e.label]).sort()).toEqual(
    Object.values(model.emotions).map((e) => [e.laneId, e.stageId, e.score, e.label]).sort(),
  );
  expect(state.map.title).toBe(model.map.title);
}

const cellTexts = (laneId: string, stageId: string): string[] =>
  cellCards(store.getState(), laneId, stageId).map((c) => c.text);

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-history-'));
  ws = Workspace.open(path.join(dir, 'w.waymark'));
  const created = await ws.call('maps.create', { title: 'History', template: 'purchase-journey' });
  mapId = created.maps[0]?.id ?? '';
  reported = [];
  store = createMapStore(await ws.call('maps.get', { id: mapId }), { call, report: (m) => reported.push(m) });
});

afterEach(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const perform = (build: (m: ReturnType<MapStore['getState']>) => commands.Command) => store.getState().perform(build(store.getState()));
const lanes = () => ordered(store.getState().lanes);
const stages = () => ordered(store.getState().stages);

describe('commands with undo and redo', () => {
  it('adds, edits, moves and deletes cards, each undone and redone exactly', async () => {
    const lane = lanes()[0]?.id ?? '';
    const [s0, s1] = stages().map((s) => s.id) as [string, string];
    expect(await perform((m) => commands.addCard(m, lane, s0, 'first'))).toBe(true);
    expect(await perform((m) => commands.addCard(m, lane, s0, 'second'))).toBe(true);
    expect(await perform((m) => commands.addCard(m, lane, s0, 'third'))).toBe(true);
    expect(cellTexts(lane, s0)).toEqual(['first', 'second', 'third']);
    await expectInStep();

    const second = [...store.getState().cards.values()].find((c) => c.text === 'second')?.id ?? '';
    const third = [...store.getState().cards.values()].find((c) => c.text === 'third')?.id ?? '';
    await perform((m) => commands.updateCards(m, [second], { text: 'second, edited', color: '#ffcc00' }));
    await perform((m) => commands.moveCards(m, [second, third], lane, s1, 0));
    expect(cellTexts(lane, s0)).toEqual(['first']);
    expect(cellTexts(lane, s1)).toEqual(['second, edited', 'third']);
    await expectInStep();

    await perform((m) => commands.deleteCards(m, [second]));
    expect(cellTexts(lane, s1)).toEqual(['third']);

    // Undo everything, one step at a time, checking each state against the workspace.
    expect(await store.getState().undo()).toBe(true); // delete
    expect(cellTexts(lane, s1)).toEqual(['second, edited', 'third']);
    expect(store.getState().cards.get(second)?.color).toBe('#ffcc00');
    await expectInStep();
    await store.getState().undo(); // move
    expect(cellTexts(lane, s0)).toEqual(['first', 'second, edited', 'third']);
    await expectInStep();
    await store.getState().undo(); // edit
    expect(cellTexts(lane, s0)).toEqual(['first', 'second', 'third']);
    expect(store.getState().cards.get(second)?.color).toBeNull();
    await store.getState().undo();
    await store.getState().undo();
    await store.getState().undo();
    expect(cellTexts(lane, s0)).toEqual([]);
    expect(await store.getState().undo()).toBe(false);
    await expectInStep();

    // Redo all of it: the same ids come back, so later commands still apply.
    for (let i = 0; i < 6; i++) expect(await store.getState().redo()).toBe(true);
    expect(cellTexts(lane, s0)).toEqual(['first']);
    expect(cellTexts(lane, s1)).toEqual(['third']);
    expect(store.getState().redoStack).toHaveLength(0);
    await expectInStep();
    expect(reported).toEqual([]);
  });

  it('brings back a deleted stage with its cards and emotion score, in place', async () => {
    const lane = lanes()[0]?.id ?? '';
    const emotionLane = lanes().find((l) => l.kind === 'emotion')?.id ?? '';
    const stage = stages()[2];
    if (!stage) throw new Error('no stage');
    await perform((m) => commands.addCard(m, lane, stage.id, 'a'));
    await perform((m) => commands.addCard(m, lane, stage.id, 'b'));
    await perform((m) => commands.setEmotion(m, emotionLane, stage.id, -2, 'Frustrated'));
    await perform((m) => commands.updateStage(m, stage.id, { owner: 'Payments', width: 320 }));
    const before = JSON.parse(JSON.stringify(store.getState().stages)) as unknown;

    await perform((m) => commands.deleteStage(m, stage.id));
    expect(store.getState().stages[stage.id]).toBeUndefined();
    expect([...store.getState().cards.values()]).toHaveLength(0);
    await store.getState().undo();
    expect(store.getState().stages).toEqual(before);
    expect(cellTexts(lane, stage.id)).toEqual(['a', 'b']);
    expect(Object.values(store.getState().emotions).map((e) => [e.score, e.label])).toEqual([[-2, 'Frustrated']]);
    await expectInStep();
  });

  it('brings back a deleted lane, and undoes moves of stages and lanes', async () => {
    const [l0, l1] = lanes();
    if (!l0 || !l1) throw new Error('no lanes');
    const s0 = stages()[0]?.id ?? '';
    await perform((m) => commands.addCard(m, l1.id, s0, 'touch'));
    await perform((m) => commands.deleteLane(m, l1.id));
    await store.getState().undo();
    expect(lanes().map((l) => l.id).slice(0, 2)).toEqual([l0.id, l1.id]);
    expect(cellTexts(l1.id, s0)).toEqual(['touch']);

    const names = stages().map((s) => s.name);
    await perform((m) => commands.moveStage(m, stages()[0]?.id ?? '', 3));
    expect(stages().map((s) => s.name)).toEqual([names[1], names[2], names[3], names[0], names[4]]);
    await store.getState().undo();
    expect(stages().map((s) => s.name)).toEqual(names);
    await perform((m) => commands.moveLane(m, l0.id, 2));
    await store.getState().undo();
    expect(lanes()[0]?.id).toBe(l0.id);
    await expectInStep();
  });

  it('pastes copies with new ids, and a refused command changes nothing and is not recorded', async () => {
    const lane = lanes()[0]?.id ?? '';
    const [s0, s1] = stages().map((s) => s.id) as [string, string];
    await perform((m) => commands.addCard(m, lane, s0, 'original'));
    const original = [...store.getState().cards.values()][0];
    if (!original) throw new Error('no card');
    await perform((m) => commands.pasteCards(m, [original, original], lane, s1));
    expect(cellTexts(lane, s1)).toEqual(['original', 'original']);
    expect(new Set(store.getState().cards.keys()).size).toBe(3);

    const history = store.getState().undoStack.length;
    const tooLong = 'x'.repeat(5000);
    expect(await perform((m) => commands.updateCards(m, [original.id], { text: tooLong }))).toBe(false);
    expect(reported.at(-1)).toMatch(/Not saved: text must be at most 4000 characters/);
    expect(store.getState().undoStack).toHaveLength(history);
    expect(store.getState().cards.get(original.id)?.text).toBe('original');
    await expectInStep();
  });

  it('drops an undo step that can no longer apply, with a message, and keeps going', async () => {
    const lane = lanes()[0]?.id ?? '';
    const s0 = stages()[0]?.id ?? '';
    const added = commands.addCard(store.getState(), lane, s0, 'mine');
    await store.getState().perform(added);
    await perform((m) => commands.updateCards(m, [added.id], { text: 'mine, edited' }));
    // Someone else deletes the card behind this window's back.
    await ws.call('cards.delete', { id: added.id });
    expect(await store.getState().undo()).toBe(false);
    expect(reported.at(-1)).toMatch(/No card with id/);
    expect(store.getState().undoStack).toHaveLength(1);
  });

  it('commands issued back to back, before the first has returned, land in the order they were issued', async () => {
    const lane = lanes()[0]?.id ?? '';
    const [s0, s1] = stages().map((s) => s.id) as [string, string];
    // A workspace that answers slowly, as over a busy connection: every command is issued before any returns.
    const slow: Call = async (name, input) => {
      await new Promise((resolve) => setTimeout(resolve, 15));
      return ws.call(name, input);
    };
    const slowStore = createMapStore(await ws.call('maps.get', { id: mapId }), { call: slow, report: (m) => reported.push(m) });
    const { perform: run } = slowStore.getState();
    const results = await Promise.all([
      run((m) => commands.addCard(m, lane, s0, 'one')),
      run((m) => commands.addCard(m, lane, s0, 'two')),
      run((m) => commands.addCard(m, lane, s0, 'three')),
      // Built when its turn comes, so it sees the three cards: "two" goes to the next stage.
      run((m) => commands.moveCards(m, [...m.cards.values()].filter((c) => c.text === 'two').map((c) => c.id), lane, s1, 0)),
      run((m) => commands.addCard(m, lane, s0, 'between one and three', 1)),
    ]);
    expect(results).toEqual([true, true, true, true, true]);
    const stored = toModel(await ws.call('maps.get', { id: mapId }));
    const texts = (stageId: string) => cellCards(stored, lane, stageId).map((c) => c.text);
    expect(texts(s0)).toEqual(['one', 'between one and three', 'three']);
    expect(texts(s1)).toEqual(['two']);
    expect(sortedCards(slowStore.getState().cards.values())).toEqual(sortedCards(stored.cards.values()));
    expect(reported).toEqual([]);
  });

  it('a drop lands after the card the person saw, even when someone else added cards meanwhile', async () => {
    const lane = lanes()[0]?.id ?? '';
    const [s0, s1] = stages().map((s) => s.id) as [string, string];
    for (const t of ['a', 'b']) await perform((m) => commands.addCard(m, lane, s0, t));
    await perform((m) => commands.addCard(m, lane, s1, 'c'));
    const c = [...store.getState().cards.values()].find((card) => card.text === 'c')?.id ?? '';
    // Another person puts a card at the front of the cell; this window has not heard of it yet.
    await ws.call('cards.create', { laneId: lane, stageId: s0, text: 'X', after: null });
    // The person drops "c" between "a" and "b" as this window shows them (index 1).
    await perform((m) => commands.moveCards(m, [c], lane, s0, 1));
    const stored = toModel(await ws.call('maps.get', { id: mapId }));
    expect(cellCards(stored, lane, s0).map((card) => card.text)).toEqual(['X', 'a', 'c', 'b']);
    // And undo puts it back where it was.
    await store.getState().undo();
    const back = toModel(await ws.call('maps.get', { id: mapId }));
    expect(cellCards(back, lane, s1).map((card) => card.text)).toEqual(['c']);
  });
});

describe('undo of deletes restores what this window never held', () => {
  it('a stage comes back with its quote links, metrics and persona emotion scores', async () => {
    const sampleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-history-sample-'));
    const sample = Workspace.open(path.join(sampleDir, 'w.waymark'), { sample: true });
    try {
      const [summary] = await sample.call('maps.list', {});
      const doc = await sample.call('maps.get', { id: summary?.id ?? '' });
      const db = sample.ctx.db;
      const stage = doc.stages.find((st) => db.prepare('SELECT count(*) FROM quote_links WHERE stage_id = ?').pluck().get(st.id) !== 0);
      if (!stage) throw new Error('the sample links quotes to stages');
      db.prepare("INSERT INTO metrics (id, map_id, stage_id, name, value) VALUES ('m1', ?, ?, 'conversion', 0.4)").run(doc.map.id, stage.id);
      const emotionLane = doc.lanes.find((l) => l.kind === 'emotion')?.id ?? '';
      await sample.call('emotions.set', { laneId: emotionLane, stageId: stage.id, personaId: doc.personas[0]?.id ?? null, score: 2 });
      const held = () =>
        ['quote_links', 'metrics', 'emotion_points', 'cards'].map((t) => db.prepare(`SELECT * FROM ${t} WHERE stage_id = ? ORDER BY id`).all(stage.id));
      const before = held();
      const sampleStore = createMapStore(await sample.call('maps.get', { id: doc.map.id }), { call: (name, input) => sample.call(name, input), report: (m) => reported.push(m) });
      await sampleStore.getState().perform((m) => commands.deleteStage(m, stage.id));
      expect(held().every((rows) => rows.length === 0)).toBe(true);
      await sampleStore.getState().undo();
      expect(held()).toEqual(before);
      await sampleStore.getState().redo();
      await sampleStore.getState().undo();
      expect(held()).toEqual(before);
      expect(reported).toEqual([]);
    } finally {
      sample.close();
      fs.rmSync(sampleDir, { recursive: true, force: true });
    }
  });

  it('undo of an add keeps what others put in it, and redo brings all of it back', async () => {
    const lane = lanes()[0]?.id ?? '';
    const id = commands.newId();
    await store.getState().perform((m) => commands.addStage(m, 'Workshop stage', undefined, id));
    // Another person adds a card to the new stage before this window undoes.
    await ws.call('cards.create', { laneId: lane, stageId: id, text: 'Added by Bo' });
    await store.getState().undo();
    expect(store.getState().stages[id]).toBeUndefined();
    expect(ws.ctx.db.prepare('SELECT count(*) FROM cards WHERE stage_id = ?').pluck().get(id)).toBe(0);
    await store.getState().redo();
    expect(store.getState().stages[id]?.name).toBe('Workshop stage');
    expect(ws.ctx.db.prepare('SELECT text FROM cards WHERE stage_id = ?').pluck().all(id)).toEqual(['Added by Bo']);
    await store.getState().undo();
    await store.getState().redo();
    expect(ws.ctx.db.prepare('SELECT text FROM cards WHERE stage_id = ?').pluck().all(id)).toEqual(['Added by Bo']);
    await expectInStep();
  });

  it("an older reply never overwrites another client's newer change that arrived first", async () => {
    const lane = lanes()[0]?.id ?? '';
    const s0 = stages()[0]?.id ?? '';
    await perform((m) => commands.addCard(m, lane, s0, 'start'));
    const card = [...store.getState().cards.values()][0]?.id ?? '';
    // This window's edit is committed, but its reply is slow; meanwhile Bo edits the same card and his event
    // reaches this window first.
    let releaseReply: () => void = () => undefined;
    const slow: Call = async (name, input) => {
      const result = await ws.call(name, input);
      await new Promise<void>((resolve) => (releaseReply = resolve));
      return result;
    };
    const windowStore = createMapStore(await ws.call('maps.get', { id: mapId }), { call: slow, report: (m) => reported.push(m) });
    const mine = windowStore.getState().perform((m) => commands.updateCards(m, [card], { text: 'from this window' }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const events: import('../../../electron/api/types.ts').WorkspaceEvent[] = [];
    const stop = ws.subscribe((e) => events.push(e));
    await ws.call('cards.update', { id: card, text: 'from Bo, later' });
    stop();
    for (const e of events) windowStore.getState().receive(e);
    releaseReply();
    await mine;
    expect(windowStore.getState().cards.get(card)?.text).toBe('from Bo, later');
    expect((await ws.call('maps.get', { id: mapId })).cards.find((c) => c.id === card)?.text).toBe('from Bo, later');
  });
});
