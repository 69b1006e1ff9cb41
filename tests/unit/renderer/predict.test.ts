/**
 * Edits shown before the workspace answers (predict.ts): against a real workspace, with calls held back so
 * the test can look at the map between the guess and the answer.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Call } from '../../../electron/api/contract.ts';
import { LIMITS } from '../../../electron/api/fields.ts';
import { keyBetween } from '../../../electron/api/positions.ts';
import { emptyChangeSet, holdsCards, type Card, type ChangeSet, type Lane, type QuoteLink, type Stage, type WorkspaceEvent } from '../../../electron/api/types.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import * as commands from '../../../renderer/src/store/commands.ts';
import type { Step } from '../../../renderer/src/store/commands.ts';
import { applyChanges, groupByCell, ordered, toModel, type MapModel } from '../../../renderer/src/store/mapModel.ts';
import { linkQuotes } from '../../../renderer/src/store/evidenceCommands.ts';
import { placedQuotes } from '../../../renderer/src/store/evidence.ts';
import { createMapStore, type MapStore } from '../../../renderer/src/store/mapStore.ts';
import { MAX_GUESSED_STEPS, predict, undoGuess, withoutShown, type Records } from '../../../renderer/src/store/predict.ts';
import { noRecords } from '../../../renderer/src/store/predictStructure.ts';
import { NOTHING } from '../../../renderer/src/store/selection.ts';

let dir: string;
let ws: Workspace;
let mapId: string;
let model: MapModel;
let card: Card;

/** Calls that wait, after the workspace ran them, until `release` (or fail with what the workspace said). */
function heldCalls() {
  const waiting: (() => void)[] = [];
  const call: Call = async (name, input) => {
    let result: unknown;
    let failure: unknown;
    let failed = false;
    try {
      result = await ws.call(name, input);
    } catch (error) {
      failed = true;
      failure = error;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
    if (failed) throw failure;
    return result as never;
  };
  const release = async () => {
    while (waiting.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    waiting.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 1));
  };
  /** Let the store reach its call (its queue runs the command a few microtasks later). */
  const reached = async () => {
    while (waiting.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  };
  return { call, release, reached };
}

/**
 * The cells random commands play in: two card lanes × three stages of the test's map, three cards in each, and in three
 * of them two cards on one key (as an old restore could leave them), so that ties are looked through.
 */
async function cellsWithTwins(): Promise<{ lanes: string[]; stages: string[] }> {
  const doc = await ws.call('maps.get', { id: mapId });
  const lanes = doc.lanes.filter((l) => l.kind === 'text' || l.kind === 'pains').map((l) => l.id).slice(0, 2);
  const stages = doc.stages.map((s) => s.id).slice(0, 3);
  for (const [i, laneId] of lanes.entries()) for (const [j, stageId] of stages.entries()) for (let k = 0; k < 3; k++) await ws.call('cards.create', { id: `c${i}${j}${k}`, laneId, stageId, text: `c${i}${j}${k}` });
  const { db } = ws.ctx;
  // The same three cells every run (the map's ids are new each time; the order the test plays in is not).
  for (const [laneId, stageId] of stages.map((stageId) => [lanes[0], stageId])) {
    const two = db.prepare('SELECT id FROM cards WHERE lane_id = ? AND stage_id = ? ORDER BY position LIMIT 2').pluck().all(laneId, stageId) as string[];
    db.prepare('UPDATE cards SET position = (SELECT position FROM cards WHERE id = ?) WHERE id = ?').run(two[0], two[1]);
  }
  return { lanes, stages };
}

/** Run a store action whose call is held back: look at the map once it is waiting for its answer, then let the answer come. */
async function heldStep<T>(held: ReturnType<typeof heldCalls>, run: () => Promise<T>, look: () => void): Promise<T> {
  const done = run();
  await held.reached();
  look();
  await held.release();
  return done;
}

/** A map store on the test's map whose calls wait for `held.release()`, and what it reports. */
async function heldStore(): Promise<{ store: MapStore; reported: string[]; held: ReturnType<typeof heldCalls> }> {
  const reported: string[] = [];
  const held = heldCalls();
  const store = createMapStore(await ws.call('maps.get', { id: mapId }), { call: held.call, report: (m) => reported.push(m) });
  return { store, reported, held };
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-predict-'));
  ws = Workspace.open(path.join(dir, 'w.waymark'));
  mapId = (await ws.call('maps.create', { title: 'Guesses', template: 'purchase-journey' })).maps[0]?.id ?? '';
  const doc = await ws.call('maps.get', { id: mapId });
  const lane = doc.lanes.find((l) => l.kind === 'text')?.id ?? '';
  card = (await ws.call('cards.create', { id: 'card-before', laneId: lane, stageId: doc.stages[0]?.id ?? '', text: 'before' })).cards[0] as Card;
  model = toModel(await ws.call('maps.get', { id: mapId }));
});

afterEach(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** What a card delete keeps under its tombstone: the card alone. */
const onlyCards = (...cards: Card[]): Records => ({ ...noRecords(), cards });

const stored = async (id: string) => (await ws.call('maps.get', { id: mapId })).cards.find((c) => c.id === id);

describe('predict', () => {
  it('guesses field updates of cards, stages and lanes as the contract parses them, in order', () => {
    const stage = ordered(model.stages)[0];
    const lane = ordered(model.lanes)[0];
    if (!stage || !lane) throw new Error('no stage or lane');
    const guess = predict(model, [
      { name: 'cards.update', input: { id: card.id, text: 'one' } },
      { name: 'cards.update', input: { id: card.id, color: '#ffcc00', votes: 3 } },
      { name: 'stages.update', input: { id: stage.id, name: '  Compare  ', width: null } },
      { name: 'lanes.update', input: { id: lane.id, title: 'Doing', collapsed: true } },
    ]);
    expect(guess?.changes.cards).toEqual([{ ...card, text: 'one', color: '#ffcc00', votes: 3 }]);
    expect(guess?.changes.stages).toEqual([{ ...stage, name: 'Compare', width: null }]);
    expect(guess?.changes.lanes).toEqual([{ ...lane, title: 'Doing', collapsed: true }]);
    // What each record was before the first step touched it, once.
    expect(guess?.before).toEqual({ cards: [card], stages: [stage], lanes: [lane], emotions: [], quoteLinks: [], metrics: [] });
    expect(guess?.changes.maps).toEqual([]);
    expect(guess?.changes.deleted.cards).toEqual([]);
  });

  it('guesses nothing for a step whose outcome the workspace decides, an unknown record or a refused input', () => {
    const lane = ordered(model.lanes)[0]?.id ?? '';
    const stage = ordered(model.stages)[1]?.id ?? '';
    const edit = { name: 'cards.update' as const, input: { id: card.id, text: 'x' } };
    expect(predict(model, [])).toBeNull();
    expect(predict(model, [edit, { name: 'stages.delete', input: { id: stage } }])).toBeNull();
    // An add under an id the workspace chooses, or one the map has; into a lane without cards; a delete of a card not there.
    expect(predict(model, [{ name: 'cards.create', input: { laneId: lane, stageId: stage, text: 'new' } }])).toBeNull();
    expect(predict(model, [{ name: 'cards.create', input: { id: card.id, laneId: lane, stageId: stage, text: 'new' } }])).toBeNull();
    const emotion = Object.values(model.lanes).find((l) => l.kind === 'emotion')?.id ?? '';
    expect(predict(model, [{ name: 'cards.create', input: { id: 'fresh', laneId: emotion, stageId: stage, text: 'new' } }])).toBeNull();
    expect(predict(model, [{ name: 'cards.move', input: { id: card.id, laneId: emotion, stageId: stage } }])).toBeNull();
    expect(predict(model, [{ name: 'cards.delete', input: { id: 'no-such-card' } }])).toBeNull();
    expect(predict(model, [{ name: 'cards.delete', input: { id: card.id } }, edit])).toBeNull();
    // A command longer than the guesses go: it waits for the answer.
    const edits = (n: number) => Array.from({ length: n }, (_, i) => ({ name: 'cards.update' as const, input: { id: card.id, text: `t${i}` } }));
    expect(predict(model, edits(MAX_GUESSED_STEPS))?.changes.cards).toEqual([{ ...card, text: `t${MAX_GUESSED_STEPS - 1}` }]);
    expect(predict(model, edits(MAX_GUESSED_STEPS + 1))).toBeNull();
    // A tombstone no guessed delete kept (a stage's, or one from before this window).
    expect(predict(model, [{ name: 'tombstones.restore', input: { id: 'unknown' } }])).toBeNull();
    // Inputs the contract refuses, and an add next to a card not in its cell.
    expect(predict(model, [{ name: 'cards.create', input: { id: 'fresh', laneId: lane, stageId: stage } }])).toBeNull();
    expect(predict(model, [{ name: 'cards.create', input: { id: 'fresh', laneId: lane, stageId: stage, text: 'new', after: 'not-there' } }])).toBeNull();
    expect(predict(model, [{ name: 'cards.delete', input: { id: card.id, reason: 'tidy' } }])).toBeNull();
    expect(predict(model, [{ name: 'tombstones.restore', input: { id: '' } }], new Map([['', onlyCards(card)]]))).toBeNull();
    // A move to a lane or stage the map does not have, next to a card not in that cell, or with two places.
    expect(predict(model, [{ name: 'cards.move', input: { id: card.id, laneId: 'no-such-lane', stageId: stage } }])).toBeNull();
    expect(predict(model, [{ name: 'cards.move', input: { id: card.id, laneId: lane, stageId: 'no-such-stage' } }])).toBeNull();
    expect(predict(model, [{ name: 'cards.move', input: { id: 'no-such-card', laneId: lane, stageId: stage } }])).toBeNull();
    expect(predict(model, [{ name: 'cards.move', input: { id: card.id, laneId: lane, stageId: stage, after: 'not-there' } }])).toBeNull();
    expect(predict(model, [{ name: 'cards.move', input: { id: card.id, laneId: lane, stageId: stage, after: null, before: null } }])).toBeNull();
    expect(predict(model, [{ name: 'cards.update', input: { id: 'no-such-card', text: 'x' } }])).toBeNull();
    expect(predict(model, [{ name: 'stages.update', input: { id: 'no-such-stage', name: 'x' } }])).toBeNull();
    expect(predict(model, [{ name: 'lanes.update', input: { id: 'no-such-lane', title: 'x' } }])).toBeNull();
    expect(predict(model, [{ name: 'cards.update', input: { id: card.id, text: 'x'.repeat(LIMITS.cardText + 1) } }])).toBeNull();
    expect(predict(model, [{ name: 'cards.update', input: { id: card.id, colour: '#ffcc00' } }])).toBeNull();
    expect(predict(model, [{ name: 'stages.update', input: { id: stage, name: '   ' } }])).toBeNull();
    expect(predict(model, [{ name: 'lanes.update', input: { id: lane, title: '' } }])).toBeNull();
    // A lane's kind: the workspace checks its content fits.
    expect(predict(model, [{ name: 'lanes.update', input: { id: lane, kind: 'touchpoints' } }])).toBeNull();
  });

  it('guesses a stage’s and a lane’s move at the key the workspace gives, each step seeing the ones before', async () => {
    const [a, b, c] = ordered(model.stages);
    const [x, , z] = ordered(model.lanes);
    if (!a || !b || !c || !x || !z) throw new Error('too few stages or lanes');
    const steps: Step[] = [
      { name: 'stages.move', input: { id: a.id, after: c.id } },
      { name: 'stages.move', input: { id: b.id, after: a.id } },
      { name: 'lanes.move', input: { id: z.id, index: 0 } },
    ];
    const guess = predict(model, steps);
    const answer = await ws.call('batch.run', { steps });
    const byId = <T extends { id: string }>(list: readonly T[]) => [...list].sort((p, q) => (p.id < q.id ? -1 : 1));
    expect(byId(guess?.changes.stages ?? [])).toEqual(byId(answer.stages));
    expect(guess?.changes.lanes).toEqual(answer.lanes);
    expect(guess?.before).toMatchObject({ stages: [a, b], lanes: [z] });
    expect(ordered(applyChanges(model, guess?.changes ?? emptyChangeSet()).stages).map((st) => st.id).slice(0, 3)).toEqual([c.id, a.id, b.id]);
    // Placed by index among the others as the steps before left them (sorted by their keys then, not as the map held them).
    const now = toModel(await ws.call('maps.get', { id: mapId }));
    const [first, , , fourth] = ordered(now.stages);
    const byIndex: Step[] = [
      { name: 'stages.move', input: { id: fourth?.id, index: 0 } },
      { name: 'stages.move', input: { id: first?.id, index: 1 } },
    ];
    const indexed = predict(now, byIndex);
    const stored = await ws.call('batch.run', { steps: byIndex });
    expect(byId(indexed?.changes.stages ?? [])).toEqual(byId(stored.stages));
    // A stage not on the map, a neighbour that is not, an input the contract refuses: the workspace says.
    for (const input of [{ id: 'no-such-stage', index: 0 }, { id: a.id, after: 'no-such-stage' }, { id: a.id, after: b.id, before: c.id }]) {
      expect(predict(model, [{ name: 'stages.move', input }])).toBeNull();
    }
    expect(predict(model, [{ name: 'lanes.move', input: { id: 'no-such-lane', index: 0 } }])).toBeNull();
  });

  it('puts back only what still shows the guess', () => {
    const other = { ...card, id: 'other' };
    const start = { ...model, cards: model.cards.withChanges([other], []), cardCells: groupByCell([...model.cards.values(), other]) };
    const guess = predict(start, [
      { name: 'cards.update', input: { id: card.id, text: 'guessed' } },
      { name: 'cards.update', input: { id: 'other', text: 'guessed too' } },
    ]);
    if (!guess) throw new Error('no guess');
    const shown = { ...start, cards: start.cards.withChanges(guess.changes.cards, []) };
    const meanwhile = { ...card, id: 'other', text: 'from Bo' };
    const later = { ...shown, cards: shown.cards.withChanges([meanwhile], []) };
    const back = undoGuess(later, guess);
    expect(back.cards.get(card.id)).toBe(start.cards.get(card.id));
    expect(back.cards.get('other')).toBe(meanwhile);
    // Nothing shows a guess any more: the map is returned as it is.
    expect(undoGuess(back, guess)).toBe(back);
  });

  it('drops from an answer exactly the records already shown so', () => {
    const stage = ordered(model.stages)[0];
    if (!stage) throw new Error('no stage');
    const answer = emptyChangeSet();
    answer.cards.push({ ...card });
    answer.stages.push({ ...stage, name: 'Renamed' });
    const dropped = withoutShown(model, answer);
    expect(dropped.cards).toEqual([]);
    expect(dropped.stages).toEqual([{ ...stage, name: 'Renamed' }]);
    // A record with a field more or less is not the same record.
    const wider = emptyChangeSet();
    wider.cards.push({ ...card, extra: 1 } as Card);
    expect(withoutShown(model, wider).cards).toHaveLength(1);
    const unchanged = emptyChangeSet();
    unchanged.lanes.push({ ...(ordered(model.lanes)[0] as (typeof unchanged.lanes)[number]), title: 'New title' });
    expect(withoutShown(model, unchanged)).toBe(unchanged);
  });
});

describe('guesses of moves', () => {
  it('places a card where the workspace places it, for every kind of place, into any cell or its own, one step or several', async () => {
    const { lanes, stages } = await cellsWithTwins();
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let guessed = 0;
    for (let round = 0; round < 60; round++) {
      const now = toModel(await ws.call('maps.get', { id: mapId }));
      const all = [...now.cards.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
      const steps: { name: 'cards.move'; input: Record<string, unknown> }[] = [];
      for (let n = 1 + rand(3); n > 0; n--) {
        const card = all[rand(all.length)] as Card;
        const laneId = lanes[rand(lanes.length)] ?? '';
        const stageId = rand(4) === 0 ? card.stageId : (stages[rand(stages.length)] ?? '');
        const inTarget = all.filter((c) => c.laneId === laneId && c.stageId === stageId && c.id !== card.id);
        const neighbour = inTarget[rand(Math.max(1, inTarget.length))]?.id ?? null;
        const kind = rand(5);
        const place = kind === 0 ? { after: neighbour } : kind === 1 ? { before: neighbour } : kind === 2 ? { index: rand(6) } : kind === 3 ? { after: null } : {};
        steps.push({ name: 'cards.move', input: { id: card.id, laneId, stageId, ...place } });
      }
      const guess = predict(now, steps);
      // Refused (a neighbour moved away by an earlier step): no guess either, or one the store puts back.
      const stored = await ws.call('batch.run', { steps }).then(
        async () => (await ws.call('maps.get', { id: mapId })).cards,
        () => null,
      );
      if (guess === null) continue;
      guessed++;
      if (stored === null) continue;
      for (const c of guess.changes.cards) expect(stored.find((s) => s.id === c.id), JSON.stringify(steps)).toEqual(c);
    }
    expect(guessed).toBeGreaterThan(40);
  });

  it('moves the quote links on a card to its new stage, as the workspace does; within its stage, none', async () => {
    await ws.call('interviews.create', { id: 'iv', title: 'Call' });
    for (const id of ['q1', 'q2', 'q3']) await ws.call('quotes.create', { id, interviewId: 'iv', text: id });
    await ws.call('quotes.link', { quoteIds: ['q1', 'q2'], stageId: card.stageId, cardId: card.id });
    await ws.call('quotes.link', { quoteIds: ['q3'], stageId: card.stageId });
    const now = toModel(await ws.call('maps.get', { id: mapId }));
    const [, second, third] = ordered(now.stages);
    const other = Object.values(now.lanes).find((l) => l.kind === 'pains')?.id ?? '';
    const steps: Step[] = [
      { name: 'cards.move', input: { id: card.id, laneId: card.laneId, stageId: second?.id } },
      { name: 'cards.move', input: { id: card.id, laneId: other, stageId: third?.id } },
    ];
    const guess = predict(now, steps);
    if (!guess) throw new Error('no guess');
    const answer = await ws.call('batch.run', { steps });
    const byId = <T extends { id: string }>(list: readonly T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId(guess.changes.quoteLinks)).toEqual(byId(answer.quoteLinks));
    expect(guess.changes.quoteLinks.map((l) => l.stageId)).toEqual([third?.id, third?.id]);
    // What each link was before, once: a refusal puts them back.
    expect(byId(guess.before.quoteLinks)).toEqual(byId(Object.values(now.quoteLinks).filter((l) => l.cardId === card.id)));
    const shown = applyChanges(now, guess.changes);
    expect(undoGuess(shown, guess).quoteLinks).toEqual(now.quoteLinks);
    // Its answer draws nothing again.
    expect(withoutShown(shown, answer).quoteLinks).toEqual([]);
    // One move: what each link was before, too.
    const once = predict(now, [steps[0] as Step]);
    expect(byId(once?.before.quoteLinks ?? [])).toEqual(byId(Object.values(now.quoteLinks).filter((l) => l.cardId === card.id)));
    // Within its stage, to another lane: the links stay as they are.
    expect(predict(toModel(await ws.call('maps.get', { id: mapId })), [{ name: 'cards.move', input: { id: card.id, laneId: card.laneId, stageId: third?.id } }])?.changes.quoteLinks).toEqual([]);
  });

  it('keeps what a card was before the first of two moves of it, once, and places the second from the first', () => {
    const [, second, third] = ordered(model.stages);
    if (!second || !third) throw new Error('the template has stages');
    const guess = predict(model, [
      { name: 'cards.move', input: { id: card.id, laneId: card.laneId, stageId: second.id } },
      { name: 'cards.move', input: { id: card.id, laneId: card.laneId, stageId: third.id, after: null } },
    ]);
    expect(guess?.before.cards).toEqual([card]);
    expect(guess?.changes.cards).toHaveLength(1);
    expect(guess?.changes.cards[0]).toMatchObject({ id: card.id, stageId: third.id });
    // Put back after a refusal: the card as it was, not as the first move left it.
    if (!guess) throw new Error('no guess');
    const shown = applyChanges(model, guess.changes);
    expect(undoGuess(shown, guess).cards.get(card.id)).toEqual(card);
  });
});

describe('guesses of stages and lanes', () => {
  const stage = () => ordered(model.stages)[0] as MapModel['stages'][string];
  const lane = () => ordered(model.lanes)[0] as MapModel['lanes'][string];

  it('keeps what each record was before its first step, once', () => {
    const guess = predict(model, [
      { name: 'stages.update', input: { id: stage().id, name: 'One' } },
      { name: 'stages.update', input: { id: stage().id, goal: 'Two' } },
      { name: 'lanes.update', input: { id: lane().id, title: 'One' } },
      { name: 'lanes.update', input: { id: lane().id, height: 200 } },
    ]);
    expect(guess?.before.stages).toEqual([stage()]);
    expect(guess?.before.lanes).toEqual([lane()]);
    expect(guess?.changes.stages).toEqual([{ ...stage(), name: 'One', goal: 'Two' }]);
    expect(guess?.changes.lanes).toEqual([{ ...lane(), title: 'One', height: 200 }]);
  });

  it('puts back a stage and a lane that show the guess, and leaves one changed since', () => {
    const other = ordered(model.lanes)[1] as MapModel['lanes'][string];
    const guess = predict(model, [
      { name: 'stages.update', input: { id: stage().id, name: 'Guessed' } },
      { name: 'lanes.update', input: { id: lane().id, title: 'Guessed' } },
      { name: 'lanes.update', input: { id: other.id, title: 'Guessed too' } },
    ]);
    if (!guess) throw new Error('no guess');
    const shown = { ...model, stages: { ...model.stages }, lanes: { ...model.lanes } };
    for (const s of guess.changes.stages) shown.stages[s.id] = s;
    for (const l of guess.changes.lanes) shown.lanes[l.id] = l;
    const meanwhile = { ...other, title: 'From Bo' };
    shown.lanes[other.id] = meanwhile;
    const back = undoGuess(shown, guess);
    expect(back.stages[stage().id]).toBe(stage());
    expect(back.lanes[lane().id]).toBe(lane());
    expect(back.lanes[other.id]).toBe(meanwhile);
    // A stage and a lane only (no card): still put back.
    const two = predict(model, [
      { name: 'stages.update', input: { id: stage().id, name: 'Guessed' } },
      { name: 'lanes.update', input: { id: lane().id, title: 'Guessed' } },
    ]);
    if (!two) throw new Error('no guess');
    const shownTwo = { ...model, stages: { ...model.stages, [stage().id]: two.changes.stages[0] as MapModel['stages'][string] }, lanes: { ...model.lanes, [lane().id]: two.changes.lanes[0] as MapModel['lanes'][string] } };
    const backTwo = undoGuess(shownTwo, two);
    expect(backTwo.stages[stage().id]).toBe(stage());
    expect(backTwo.lanes[lane().id]).toBe(lane());
    // A stage changed since (another window's rename arrived) is left as it is.
    const renamed = { ...stage(), name: 'From Bo' };
    const backThree = undoGuess({ ...shownTwo, stages: { ...shownTwo.stages, [stage().id]: renamed } }, two);
    expect(backThree.stages[stage().id]).toBe(renamed);
    expect(backThree.lanes[lane().id]).toBe(lane());
  });

  it('drops stages and lanes shown exactly so, and keeps records the map does not show or shows otherwise', () => {
    const answer = emptyChangeSet();
    answer.stages.push({ ...stage() });
    answer.lanes.push({ ...lane() });
    const dropped = withoutShown(model, answer);
    expect(dropped).not.toBe(answer);
    expect(dropped.stages).toEqual([]);
    expect(dropped.lanes).toEqual([]);
    const onlyStage = emptyChangeSet();
    onlyStage.stages.push({ ...stage() });
    expect(withoutShown(model, onlyStage).stages).toEqual([]);
    const onlyLane = emptyChangeSet();
    onlyLane.lanes.push({ ...lane() });
    expect(withoutShown(model, onlyLane).lanes).toEqual([]);
    const fresh = emptyChangeSet();
    fresh.cards.push({ ...card, id: 'not-on-this-map-yet' });
    expect(withoutShown(model, fresh).cards).toHaveLength(1);
    // A record with a field fewer is not the record shown.
    const { votes: _votes, ...fewer } = card;
    const partial = emptyChangeSet();
    partial.cards.push(fewer as Card);
    expect(withoutShown(model, partial).cards).toHaveLength(1);
  });
});

describe('the map store shows a guess before the answer', () => {
  let store: MapStore;
  let reported: string[];
  let held: ReturnType<typeof heldCalls>;

  beforeEach(async () => {
    ({ store, reported, held } = await heldStore());
  });

  it('an edit, its undo and its redo are on the map before the workspace answers, and stay after', async () => {
    const done = store.getState().perform((m) => commands.updateCards(m, [card.id], { text: 'after' }));
    await held.reached();
    expect(store.getState().cards.get(card.id)?.text).toBe('after');
    expect(store.getState().pending).toBe(1);
    const guessed = store.getState().cards;
    await held.release();
    expect(await done).toBe(true);
    // The answer matched: nothing new to draw.
    expect(store.getState().cards).toBe(guessed);
    expect((await stored(card.id))?.text).toBe('after');

    const undone = store.getState().undo();
    await held.reached();
    expect(store.getState().cards.get(card.id)?.text).toBe('before');
    await held.release();
    expect(await undone).toBe(true);
    const redone = store.getState().redo();
    await held.reached();
    expect(store.getState().cards.get(card.id)?.text).toBe('after');
    await held.release();
    expect(await redone).toBe(true);
    expect((await stored(card.id))?.text).toBe('after');
    expect(reported).toEqual([]);
  });

  it('a refused edit goes back to what the map showed, says why, and is not recorded', async () => {
    await ws.call('cards.delete', { id: card.id }); // behind this window's back: its map still shows the card
    const done = store.getState().perform((m) => commands.updateCards(m, [card.id], { text: 'after' }));
    await held.reached();
    expect(store.getState().cards.get(card.id)?.text).toBe('after');
    await held.release();
    expect(await done).toBe(false);
    expect(store.getState().cards.get(card.id)).toEqual(card);
    expect(reported).toHaveLength(1);
    expect(store.getState().undoStack).toEqual([]);
    expect(store.getState().pending).toBe(0);
  });

  it("a refusal leaves another window's change that arrived meanwhile", async () => {
    const events: WorkspaceEvent[] = [];
    const stop = ws.subscribe((e) => events.push(e));
    // Bo's edit is committed first, then this window's edit of a deleted stage's card is refused.
    await ws.call('cards.update', { id: card.id, text: 'from Bo' });
    stop();
    await ws.call('cards.delete', { id: card.id });
    const done = store.getState().perform((m) => commands.updateCards(m, [card.id], { text: 'mine' }));
    await held.reached();
    for (const e of events) store.getState().receive(e);
    await held.release();
    expect(await done).toBe(false);
    expect(store.getState().cards.get(card.id)?.text).toBe('from Bo');
  });

  it('an answer that differs from the guess wins', async () => {
    // Bo changed the card's colour; his event has not reached this window yet.
    await ws.call('cards.update', { id: card.id, color: '#3366ff' });
    const done = store.getState().perform((m) => commands.updateCards(m, [card.id], { text: 'after' }));
    await held.reached();
    expect(store.getState().cards.get(card.id)).toEqual({ ...card, text: 'after' });
    await held.release();
    expect(await done).toBe(true);
    expect(store.getState().cards.get(card.id)).toEqual({ ...card, text: 'after', color: '#3366ff' });
    expect(store.getState().cardCells).toEqual(groupByCell(store.getState().cards.values()));
  });

  it('a move is on the map before the answer, at the very place the workspace gives it; its undo too', async () => {
    const lane = card.laneId;
    const target = ordered(store.getState().stages)[2]?.id ?? '';
    // Three cards already in the target cell: the moved card goes between the first and the second.
    const there: Card[] = [];
    for (const text of ['one', 'two', 'three']) there.push((await ws.call('cards.create', { laneId: lane, stageId: target, text })).cards[0] as Card);
    store = createMapStore(await ws.call('maps.get', { id: mapId }), { call: held.call, report: (m) => reported.push(m) });
    const cellIds = () => (store.getState().cardCells.get(`${lane}|${target}`) ?? []).map((c) => c.id);
    const done = store.getState().perform((m) => commands.moveCards(m, [card.id], lane, target, 1));
    await held.reached();
    const guessed = store.getState().cards.get(card.id);
    expect(guessed?.stageId).toBe(target);
    expect(cellIds()).toEqual([there[0]?.id, card.id, there[1]?.id, there[2]?.id]);
    expect(store.getState().cardCells).toEqual(groupByCell(store.getState().cards.values()));
    const shown = store.getState().cards;
    await held.release();
    expect(await done).toBe(true);
    // The workspace placed it with the very key the map guessed: nothing new to draw.
    expect(await stored(card.id)).toEqual(guessed);
    expect(store.getState().cards).toBe(shown);
    // Undo: back in its old cell at once, and the workspace agrees.
    const undone = store.getState().undo();
    await held.reached();
    expect(store.getState().cards.get(card.id)).toEqual(card);
    await held.release();
    expect(await undone).toBe(true);
    expect(await stored(card.id)).toEqual(card);
    expect(reported).toEqual([]);
  });

  it('several cards moved at once land in order, each placed after the one before, as the workspace places them', async () => {
    const lane = card.laneId;
    const [first, , third] = ordered(store.getState().stages);
    if (!first || !third) throw new Error('the template has stages');
    const more: Card[] = [];
    for (const text of ['b', 'c']) more.push((await ws.call('cards.create', { laneId: lane, stageId: first.id, text })).cards[0] as Card);
    const existing = (await ws.call('cards.create', { laneId: lane, stageId: third.id, text: 'already there' })).cards[0] as Card;
    store = createMapStore(await ws.call('maps.get', { id: mapId }), { call: held.call, report: (m) => reported.push(m) });
    const ids = [card.id, ...more.map((c) => c.id)];
    const done = store.getState().perform((m) => commands.moveCards(m, ids, lane, third.id, 0));
    await held.reached();
    const guessed = ids.map((id) => store.getState().cards.get(id));
    expect((store.getState().cardCells.get(`${lane}|${third.id}`) ?? []).map((c) => c.id)).toEqual([...ids, existing.id]);
    await held.release(); // the three steps go as one call
    expect(await done).toBe(true);
    for (const [i, id] of ids.entries()) expect(await stored(id)).toEqual(guessed[i]);
  });

  it('a move the workspace refuses goes back where it was, and says why', async () => {
    const lane = card.laneId;
    const target = ordered(store.getState().stages)[1]?.id ?? '';
    await ws.call('stages.delete', { id: target }); // behind this window's back: its map still shows the stage
    const done = store.getState().perform((m) => commands.moveCards(m, [card.id], lane, target, 0));
    await held.reached();
    expect(store.getState().cards.get(card.id)?.stageId).toBe(target);
    await held.release();
    expect(await done).toBe(false);
    expect(store.getState().cards.get(card.id)).toEqual(card);
    expect(store.getState().cardCells).toEqual(groupByCell(store.getState().cards.values()));
    expect(reported).toHaveLength(1);
  });

  it('a command with no steps is done without a call', async () => {
    let calls = 0;
    const counting = createMapStore(await ws.call('maps.get', { id: mapId }), {
      call: (name, input) => {
        calls++;
        return ws.call(name, input);
      },
      report: (m) => reported.push(m),
    });
    expect(await counting.getState().perform({ label: 'Nothing', forward: [], backward: [] })).toBe(true);
    expect(calls).toBe(0);
    expect(counting.getState().undoStack).toEqual([]);
  });

  it('a change that places a quote has the evidence totals read again', async () => {
    await ws.call('interviews.create', { id: 'iv', title: 'Call', participant: 'Ana' });
    await ws.call('quotes.create', { id: 'q1', interviewId: 'iv', text: 'It took ages', sentiment: -1 });
    const direct = createMapStore(await ws.call('maps.get', { id: mapId }), { call: (name, input) => ws.call(name, input), report: (m) => reported.push(m) });
    const stage = ordered(direct.getState().stages)[0]?.id ?? '';
    expect(direct.getState().evidence.stages.get(stage)?.quoteCount ?? 0).toBe(0);
    expect(await direct.getState().perform((m) => linkQuotes(m, ['q1'], stage))).toBe(true);
    await expect.poll(() => direct.getState().evidence.stages.get(stage)?.quoteCount ?? 0).toBe(1);
  });
});

describe('guesses of adds, deletes and their undo', () => {
  it('leaves the map the workspace leaves, for random adds, deletes, undos of deletes, moves and edits, one step or several', async () => {
    const { lanes, stages } = await cellsWithTwins();
    let seed = 11;
    // The high bits of the generator: its low bits repeat (the lowest alternates).
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.floor((seed / 2 ** 31) * n);
    };
    const kept = new Map<string, Records>();
    const tombstones: string[] = [];
    const counts = { guessed: 0, creates: 0, deletes: 0, restores: 0 };
    for (let round = 0; round < 110; round++) {
      const now = toModel(await ws.call('maps.get', { id: mapId }));
      const all = [...now.cards.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
      const steps: { name: 'cards.create' | 'cards.delete' | 'cards.move' | 'cards.update' | 'tombstones.restore'; input: Record<string, unknown> }[] = [];
      const made: string[] = [];
      /** Cards an earlier step of this command touched, wherever they are now: neighbours to name too. */
      const touchedHere: string[] = [];
      for (let n = 1 + rand(5); n > 0; n--) {
        const kind = rand(6);
        const pick = () => {
          const id = (rand(3) === 0 && touchedHere.length > 0 ? touchedHere[rand(touchedHere.length)] : all[rand(all.length)]?.id) ?? '';
          touchedHere.push(id);
          return id;
        };
        const laneId = lanes[rand(lanes.length)] ?? '';
        const stageId = stages[rand(stages.length)] ?? '';
        const neighbours = [...all.filter((c) => c.laneId === laneId && c.stageId === stageId).map((c) => c.id), ...touchedHere];
        const neighbour = neighbours[rand(Math.max(1, neighbours.length))] ?? null;
        const placeKind = rand(6);
        const place = [{ after: neighbour }, { before: neighbour }, { index: rand(5) }, {}, { after: null }, { before: null }][placeKind] ?? {};
        if (kind <= 1) {
          const id = `new-${round}-${n}`;
          made.push(id);
          touchedHere.push(id);
          steps.push({ name: 'cards.create', input: { id, laneId, stageId, text: `made ${round}`, ...place, ...(rand(2) === 0 ? { color: '#ffcc00', votes: 2, evidence: 'observed' } : {}) } });
        } else if (kind <= 3) {
          const tombstone = `t-${round}-${n}`;
          tombstones.push(tombstone);
          steps.push({ name: 'cards.delete', input: { id: pick(), tombstone } });
        } else if (kind === 4 && tombstones.length > 0) {
          steps.push({ name: 'tombstones.restore', input: { id: tombstones.splice(rand(tombstones.length), 1)[0] } });
        } else if (rand(2) === 0) steps.push({ name: 'cards.move', input: { id: pick(), laneId, stageId, ...place } });
        else steps.push({ name: 'cards.update', input: { id: pick(), text: `edited ${round}` } });
      }
      const guess = predict(now, steps, kept);
      const answered = await ws.call('batch.run', { steps }).then(
        async () => toModel(await ws.call('maps.get', { id: mapId })),
        () => null,
      );
      if (answered && guess) for (const [tombstone, records] of guess.kept) kept.set(tombstone, records);
      if (guess === null) continue;
      counts.guessed++;
      if (answered === null) continue; // refused: the store puts the guess back (tested below)
      for (const step of steps) {
        if (step.name === 'cards.create') counts.creates++;
        if (step.name === 'cards.delete') counts.deletes++;
        if (step.name === 'tombstones.restore') counts.restores++;
      }
      // The whole map as the guess leaves it is the map the workspace stored: every card, its cell and key.
      const shown = applyChanges(now, guess.changes);
      expect([...shown.cards.values()].sort((a, b) => (a.id < b.id ? -1 : 1)), JSON.stringify(steps)).toEqual([...answered.cards.values()].sort((a, b) => (a.id < b.id ? -1 : 1)));
      expect(shown.cardCells).toEqual(groupByCell(shown.cards.values()));
    }
    expect(counts.guessed).toBeGreaterThan(40);
    expect(counts.creates).toBeGreaterThan(10);
    expect(counts.deletes).toBeGreaterThan(10);
    expect(counts.restores).toBeGreaterThan(5);
  });

  it('places a paste of hundreds of cards into a full cell, and their delete and its undo, exactly as the workspace does', async () => {
    const cell = { laneId: card.laneId, stageId: card.stageId };
    await ws.call('batch.run', { steps: Array.from({ length: 60 }, (_, i) => ({ name: 'cards.create', input: { ...cell, text: `there ${i}` } })) });
    let now = toModel(await ws.call('maps.get', { id: mapId }));
    const paste = commands.pasteCards(now, Array.from({ length: 400 }, (_, i) => ({ text: `pasted ${i}`, color: null, channel: null, votes: 0, evidence: 'assumed' as const })), cell.laneId, cell.stageId, 7);
    const pasted = predict(now, paste.forward);
    await ws.call('batch.run', { steps: paste.forward });
    let stored = toModel(await ws.call('maps.get', { id: mapId }));
    const sorted = (m: MapModel) => [...m.cards.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    if (!pasted) throw new Error('no guess');
    expect(sorted(applyChanges(now, pasted.changes))).toEqual(sorted(stored));
    // Every other card deleted in one command, then undone: the guess of each is the workspace's map.
    now = stored;
    const del = commands.deleteCards(now, [...now.cards.keys()].filter((_, i) => i % 2 === 0));
    const deleted = predict(now, del.forward);
    await ws.call('batch.run', { steps: del.forward });
    stored = toModel(await ws.call('maps.get', { id: mapId }));
    if (!deleted) throw new Error('no guess');
    expect(sorted(applyChanges(now, deleted.changes))).toEqual(sorted(stored));
    now = stored;
    const undone = predict(now, del.backward, deleted.kept);
    await ws.call('batch.run', { steps: del.backward });
    stored = toModel(await ws.call('maps.get', { id: mapId }));
    if (!undone) throw new Error('no guess');
    expect(sorted(applyChanges(now, undone.changes))).toEqual(sorted(stored));
    expect(undone.restored).toHaveLength(del.backward.length);
  });

  it('sees, step by step, the cell as earlier steps of the command left it: an edit, a delete, a move out of twins, a neighbour in another cell', async () => {
    const cell = { laneId: card.laneId, stageId: card.stageId };
    const other = { laneId: card.laneId, stageId: ordered(model.stages)[1]?.id ?? '' };
    const made = (await ws.call('batch.run', { steps: ['b', 'c', 'd', 'e'].map((text) => ({ name: 'cards.create', input: { ...cell, text } })) })).cards.map((c) => c.id);
    const far = (await ws.call('batch.run', { steps: [{ name: 'cards.create', input: { ...other, text: 'far', after: null } }, { name: 'cards.create', input: { ...other, text: 'last' } }] })).cards.map((c) => c.id);
    const { db } = ws.ctx;
    // Twins: two cards of the cell on one key.
    db.prepare('UPDATE cards SET position = (SELECT position FROM cards WHERE id = ?) WHERE id = ?').run(made[1], made[2]);
    // A card of another cell on a key above every key of this one.
    db.prepare('UPDATE cards SET position = ? WHERE id = ?').run(keyBetween('az', null), far[1]);
    const [twinA, twinB] = [made[1] ?? '', made[2] ?? ''];
    /** The guess of `steps` on the map as stored, and the map the workspace stores: equal, or no guess for a command it refuses. */
    const same = async (steps: Step[]) => {
      const now = toModel(await ws.call('maps.get', { id: mapId }));
      const guess = predict(now, steps);
      const stored = await ws.call('batch.run', { steps }).then(
        async () => toModel(await ws.call('maps.get', { id: mapId })),
        () => null,
      );
      const sorted = (m: MapModel) => [...m.cards.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
      if (stored === null) expect(guess, JSON.stringify(steps)).toBeNull();
      else {
        expect(guess, JSON.stringify(steps)).not.toBeNull();
        if (guess) expect(sorted(applyChanges(now, guess.changes)), JSON.stringify(steps)).toEqual(sorted(stored));
      }
    };
    const create = (id: string, place: Record<string, unknown>, at = cell) => ({ name: 'cards.create' as const, input: { id, ...at, text: id, ...place } });
    // An edit, then a card placed by index in the edited card's cell (its list made after the edit, and before it).
    await same([{ name: 'cards.update', input: { id: made[0], text: 'edited' } }, create('x1', { index: 2 })]);
    await same([create('x2', { index: 0 }), { name: 'cards.update', input: { id: made[3], text: 'edited' } }, create('x3', { index: 3 }), create('x4', { after: made[3] })]);
    // An edit in one cell, then a card placed by index in another (its list made after: the edited card is not in it).
    await same([{ name: 'cards.update', input: { id: made[0], text: 'again' } }, create('o1', { index: 1 }, other)]);
    // A delete, then a card placed by index in that cell.
    await same([create('x5', { index: 1 }), { name: 'cards.delete', input: { id: made[0] } }, create('x6', { index: 3 })]);
    // After either twin; an edit of one twin (it goes back among its twin), then a card placed past them by index.
    await same([create('t1', { after: twinA }), create('t2', { after: twinB })]);
    await same([create('t3', { index: 0 }), { name: 'cards.update', input: { id: twinA, text: 'twin edited' } }, { name: 'cards.update', input: { id: twinB, text: 'twin edited' } }, create('t4', { index: 9 }), create('t5', { index: 10 })]);
    // One twin moved away, then a card after the other (each twin in turn).
    await same([create('x7', { index: 0 }), { name: 'cards.move', input: { id: twinB, ...other } }, create('x8', { after: twinA })]);
    await ws.call('cards.move', { id: twinB, ...cell });
    db.prepare('UPDATE cards SET position = (SELECT position FROM cards WHERE id = ?) WHERE id = ?').run(twinA, twinB);
    await same([create('x7b', { index: 0 }), { name: 'cards.move', input: { id: twinA, ...other } }, create('x8b', { after: twinB })]);
    // A neighbour in another cell, on a key above all of this one's, or below: refused.
    await same([create('x9', { after: far[1] })]);
    await same([create('x10', { before: far[1] })]);
    await same([create('x11', { before: far[0] })]);
    // Brought back, then named as a neighbour.
    const tombstone = 't-x';
    const back = made[3] ?? '';
    const deleted = predict(toModel(await ws.call('maps.get', { id: mapId })), [{ name: 'cards.delete', input: { id: back, tombstone } }]);
    await ws.call('batch.run', { steps: [{ name: 'cards.delete', input: { id: back, tombstone } }] });
    const now = toModel(await ws.call('maps.get', { id: mapId }));
    const steps: Step[] = [create('x12', { index: 0 }), { name: 'tombstones.restore', input: { id: tombstone } }, create('x13', { after: back })];
    const guess = predict(now, steps, deleted?.kept);
    await ws.call('batch.run', { steps });
    const stored = toModel(await ws.call('maps.get', { id: mapId }));
    if (!guess) throw new Error('no guess');
    expect([...applyChanges(now, guess.changes).cards.values()].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual([...stored.cards.values()].sort((a, b) => (a.id < b.id ? -1 : 1)));
  });

  it('keeps, under each tombstone, the card as the step before the delete left it; a restore in the same command brings that back', () => {
    const guess = predict(model, [
      { name: 'cards.update', input: { id: card.id, text: 'edited first' } },
      { name: 'cards.delete', input: { id: card.id, tombstone: 't1' } },
    ]);
    expect(guess?.changes.deleted.cards).toEqual([card.id]);
    expect(guess?.changes.cards).toEqual([]);
    expect(guess?.before.cards).toEqual([card]);
    expect(guess?.kept.get('t1')).toEqual(onlyCards({ ...card, text: 'edited first' }));
    expect([...(guess?.kept.keys() ?? [])]).toEqual(['t1']);
    // A delete that names no tombstone keeps nothing to undo.
    expect(predict(model, [{ name: 'cards.delete', input: { id: card.id } }])?.kept.size).toBe(0);
    // Deleted then brought back in one command: the map shows the card the tombstone kept.
    const round = predict(model, [
      { name: 'cards.delete', input: { id: card.id, tombstone: 't2' } },
      { name: 'tombstones.restore', input: { id: 't2' } },
    ]);
    expect(round?.changes.cards).toEqual([card]);
    expect(round?.changes.deleted.cards).toEqual([]);
    expect(round?.kept.size).toBe(0);
    // A card added and deleted in one command: nothing of it is shown, and the map's cards are not told to go.
    const both = predict(model, [
      { name: 'cards.create', input: { id: 'brief', laneId: card.laneId, stageId: card.stageId, text: 'brief' } },
      { name: 'cards.delete', input: { id: 'brief' } },
    ]);
    expect(both?.changes.cards).toEqual([]);
    expect(both?.changes.deleted.cards).toEqual([]);
    expect(both?.added.cards).toEqual(['brief']);
  });

  it('guesses no undo of a delete whose card is back, or whose key another card took since', () => {
    const kept = new Map([['t', onlyCards(card)]]);
    // The card is on the map again (another window undid it, or it was never gone).
    expect(predict(model, [{ name: 'tombstones.restore', input: { id: 't' } }], kept)).toBeNull();
    const gone = applyChanges(model, { ...emptyChangeSet(), deleted: { ...emptyChangeSet().deleted, cards: [card.id] } });
    expect(predict(gone, [{ name: 'tombstones.restore', input: { id: 't' } }], kept)?.changes.cards).toEqual([card]);
    const taken = applyChanges(gone, { ...emptyChangeSet(), cards: [{ ...card, id: 'usurper' }] });
    expect(predict(taken, [{ name: 'tombstones.restore', input: { id: 't' } }], kept)).toBeNull();
    // Its lane is gone from the map: the workspace refuses.
    const noLane = applyChanges(gone, { ...emptyChangeSet(), deleted: { ...emptyChangeSet().deleted, lanes: [card.laneId] } });
    expect(predict(noLane, [{ name: 'tombstones.restore', input: { id: 't' } }], kept)).toBeNull();
  });

  it('puts back a deleted card while the map holds none under its id, and takes away an added one it still shows as guessed', () => {
    const guess = predict(model, [
      { name: 'cards.delete', input: { id: card.id, tombstone: 't' } },
      { name: 'cards.create', input: { id: 'added', laneId: card.laneId, stageId: card.stageId, text: 'added' } },
    ]);
    if (!guess) throw new Error('no guess');
    const shown = applyChanges(model, guess.changes);
    expect(shown.cards.has(card.id)).toBe(false);
    const back = undoGuess(shown, guess);
    expect(back.cards.get(card.id)).toBe(model.cards.get(card.id));
    expect(back.cards.has('added')).toBe(false);
    expect(back.cardCells).toEqual(model.cardCells);
    // Meanwhile another window brought the card back, and changed the added one: both are left as they are.
    const other = applyChanges(shown, { ...emptyChangeSet(), cards: [{ ...card, text: 'from Bo' }, { ...(shown.cards.get('added') as Card), text: 'Bo too' }] });
    const left = undoGuess(other, guess);
    expect(left).toBe(other);
  });
});

describe('the map store shows adds and deletes before the answer', () => {
  let store: MapStore;
  let reported: string[];
  let held: ReturnType<typeof heldCalls>;

  beforeEach(async () => {
    ({ store, reported, held } = await heldStore());
  });

  const step = <T>(run: () => Promise<T>, look: () => void): Promise<T> => heldStep(held, run, look);

  it('a delete, its undo and its redo are on the map before the workspace answers; each answer draws nothing again', async () => {
    store.getState().select({ kind: 'cards', ids: [card.id] });
    let shown = store.getState().cards;
    expect(await step(() => store.getState().perform((m) => commands.deleteCards(m, [card.id])), () => {
      expect(store.getState().cards.has(card.id)).toBe(false);
      expect(store.getState().selection).toEqual(NOTHING);
      shown = store.getState().cards;
    })).toBe(true);
    expect(store.getState().cards).toBe(shown);
    expect(await stored(card.id)).toBeUndefined();

    expect(await step(() => store.getState().undo(), () => {
      expect(store.getState().cards.get(card.id)).toEqual(card);
      shown = store.getState().cards;
    })).toBe(true);
    expect(store.getState().cards).toBe(shown);
    expect(await stored(card.id)).toEqual(card);

    expect(await step(() => store.getState().redo(), () => expect(store.getState().cards.has(card.id)).toBe(false))).toBe(true);
    expect(await stored(card.id)).toBeUndefined();
    expect(store.getState().cardCells).toEqual(groupByCell(store.getState().cards.values()));
    expect(reported).toEqual([]);
  });

  it('pasted cards are on the map in order before the answer, at the keys the workspace gives them; undo and redo too', async () => {
    const texts = ['one', 'two', 'three'];
    const cellIds = () => (store.getState().cardCells.get(`${card.laneId}|${card.stageId}`) ?? []).map((c) => c.id);
    let ids: string[] = [];
    let guessed: (Card | undefined)[] = [];
    expect(await step(
      () =>
        store.getState().perform((m) => {
          const paste = commands.pasteCards(m, texts.map((text) => ({ text, color: null, channel: null, votes: 0, evidence: 'assumed' as const })), card.laneId, card.stageId, 0);
          ids = paste.ids;
          return paste;
        }),
      () => {
        expect(cellIds()).toEqual([...ids, card.id]);
        guessed = ids.map((id) => store.getState().cards.get(id));
      },
    )).toBe(true);
    for (const [i, id] of ids.entries()) expect(await stored(id)).toEqual(guessed[i]);
    expect(await step(() => store.getState().undo(), () => expect(cellIds()).toEqual([card.id]))).toBe(true);
    expect(await step(() => store.getState().redo(), () => expect(cellIds()).toEqual([...ids, card.id]))).toBe(true);
    for (const [i, id] of ids.entries()) expect(await stored(id)).toEqual(guessed[i]);
    expect(reported).toEqual([]);
  });

  it('an undo of a delete the workspace refuses takes the card it showed away again, and says why', async () => {
    expect(await step(() => store.getState().perform((m) => commands.deleteCards(m, [card.id])), () => expect(store.getState().cards.has(card.id)).toBe(false))).toBe(true);
    // Behind this window's back the delete is undone elsewhere: this window's undo finds nothing to bring back.
    const restore = store.getState().undoStack.at(-1)?.backward[0];
    await ws.call('tombstones.restore', restore?.input);
    expect(await step(() => store.getState().undo(), () => expect(store.getState().cards.get(card.id)).toEqual(card))).toBe(false);
    expect(store.getState().cards.has(card.id)).toBe(false);
    expect(store.getState().cardCells).toEqual(groupByCell(store.getState().cards.values()));
    expect(reported).toHaveLength(1);
  });

  for (const what of ['card', 'lane'] as const) {
    it(`a delete refused because another window deleted the ${what} first, its change arriving before the refusal, leaves the card gone`, async () => {
      const events: WorkspaceEvent[] = [];
      const stop = ws.subscribe((e) => events.push(e));
      if (what === 'card') await ws.call('cards.delete', { id: card.id });
      else await ws.call('lanes.delete', { id: card.laneId });
      stop();
      const done = store.getState().perform((m) => commands.deleteCards(m, [card.id]));
      await held.reached();
      for (const e of events) store.getState().receive(e); // Bo's change comes in, then the refusal
      await held.release();
      expect(await done).toBe(false);
      expect((await ws.call('maps.get', { id: mapId })).cards.some((c) => c.id === card.id)).toBe(false);
      expect(store.getState().cards.has(card.id)).toBe(false);
      expect(store.getState().cardCells).toEqual(groupByCell(store.getState().cards.values()));
      expect(reported).toHaveLength(1);
    });
  }

  it('a delete the workspace refuses puts the card back where it was, selected again, and says why', async () => {
    // Behind this window's back the card's lane went (its change has not reached this window): the workspace has no card to delete.
    await ws.call('lanes.delete', { id: card.laneId });
    const was = store.getState().cards.get(card.id);
    store.getState().select({ kind: 'cards', ids: [card.id] });
    expect(await step(() => store.getState().perform((m) => commands.deleteCards(m, [card.id])), () => expect(store.getState().selection).toEqual(NOTHING))).toBe(false);
    expect(store.getState().cards.get(card.id)).toBe(was);
    expect(store.getState().selection).toEqual({ kind: 'cards', ids: [card.id] });
    expect(store.getState().cardCells).toEqual(groupByCell(store.getState().cards.values()));
    expect(store.getState().undoStack).toEqual([]);
    expect(reported).toHaveLength(1);
  });
});

/** The map's own records, each kind sorted by id: what the map shows, to compare a guess with the workspace. */
const shownRecords = (m: MapModel) => {
  const sorted = <T extends { id: string }>(records: Iterable<T>) => [...records].sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    stages: sorted(Object.values(m.stages)),
    lanes: sorted(Object.values(m.lanes)),
    cards: sorted(m.cards.values()),
    emotions: sorted(Object.values(m.emotions)),
    quoteLinks: sorted(Object.values(m.quoteLinks)),
    metrics: sorted(Object.values(m.metrics)),
  };
};

describe('guesses of stages and lanes added, deleted and brought back', () => {
  /** The test's map with something on every kind of record a stage or lane delete takes: emotion points, quote links, metrics. */
  async function furnished(): Promise<void> {
    const doc = await ws.call('maps.get', { id: mapId });
    const emotion = doc.lanes.find((l) => l.kind === 'emotion')?.id ?? '';
    await ws.call('interviews.create', { id: 'iv', title: 'Call' });
    for (const [i, stage] of doc.stages.entries()) {
      await ws.call('emotions.set', { laneId: emotion, stageId: stage.id, score: (i % 5) - 2 });
      await ws.call('metrics.create', { stageId: stage.id, name: 'Visitors', value: 100 - i });
      await ws.call('quotes.create', { id: `q${i}`, interviewId: 'iv', text: `Quote ${i}` });
      await ws.call('quotes.link', { quoteIds: [`q${i}`], stageId: stage.id });
    }
    // A quote on a card of every lane that holds cards: a lane's delete takes those links with it.
    for (const [i, lane] of doc.lanes.filter((l) => holdsCards(l.kind)).entries()) {
      const stageId = doc.stages[i % doc.stages.length]?.id ?? '';
      const onCard = (await ws.call('cards.create', { id: `quoted-${i}`, laneId: lane.id, stageId, text: `Quoted ${i}` })).cards[0]?.id ?? '';
      await ws.call('quotes.link', { quoteIds: [`q${i}`], stageId, cardId: onCard });
    }
  }

  it('leaves the map the workspace leaves, for random adds and moves to any place, deletes and their undo, among card adds', async () => {
    await furnished();
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.floor((seed / 2 ** 31) * n);
    };
    const kept = new Map<string, Records>();
    const tombstones: string[] = [];
    const counts = { stageAdds: 0, laneAdds: 0, stageDeletes: 0, laneDeletes: 0, restores: 0, moves: 0, refusedGuesses: 0 };
    for (let round = 0; round < 90; round++) {
      const now = toModel(await ws.call('maps.get', { id: mapId }));
      const stages = ordered(now.stages);
      const lanes = ordered(now.lanes);
      const placeAmong = (siblings: readonly { id: string }[]) =>
        [{ after: siblings[rand(siblings.length)]?.id ?? null }, { before: siblings[rand(siblings.length)]?.id ?? null }, { index: rand(siblings.length + 2) }, {}, { after: null }, { before: null }][rand(6)] ?? {};
      const kind = rand(9);
      let step: Step;
      if (kind === 7) step = { name: 'stages.move', input: { id: stages[rand(stages.length)]?.id, ...placeAmong(stages) } };
      else if (kind === 8) step = { name: 'lanes.move', input: { id: lanes[rand(lanes.length)]?.id, ...placeAmong(lanes) } };
      else if (kind === 0) step = { name: 'stages.create', input: { id: `s-${round}`, mapId, name: ` Stage ${round} `, ...placeAmong(stages), ...(rand(2) === 0 ? { color: '#ffcc00', width: 300, goal: 'Go' } : {}) } };
      else if (kind === 1) step = { name: 'lanes.create', input: { id: `l-${round}`, mapId, kind: ['text', 'pains', 'emotion', 'touchpoints'][rand(4)], title: `Lane ${round}`, ...placeAmong(lanes), ...(rand(2) === 0 ? { height: 120, collapsed: true } : {}) } };
      else if ((kind === 2 || kind === 3) && stages.length > 1 && lanes.length > 1) {
        const tombstone = `t-${round}`;
        tombstones.push(tombstone);
        step = kind === 2 ? { name: 'stages.delete', input: { id: stages[rand(stages.length)]?.id, tombstone } } : { name: 'lanes.delete', input: { id: lanes[rand(lanes.length)]?.id, tombstone } };
      } else if (kind === 4 && tombstones.length > 0) step = { name: 'tombstones.restore', input: { id: tombstones.splice(rand(tombstones.length), 1)[0] } };
      else {
        // Cards (and curves) in the cells new stages and lanes make, for their deletes to take.
        const cardLanes = lanes.filter((l) => holdsCards(l.kind));
        const stageId = stages[rand(stages.length)]?.id ?? '';
        const lane = cardLanes[rand(cardLanes.length)];
        const emotion = lanes.find((l) => l.kind === 'emotion');
        if (rand(3) === 0 && emotion) {
          await ws.call('emotions.set', { laneId: emotion.id, stageId, score: rand(5) - 2 }); // not guessed: a round of its own
          continue;
        }
        if (!lane) continue;
        step = { name: 'cards.create', input: { id: `c-${round}`, laneId: lane.id, stageId, text: `Card ${round}` } };
      }
      const guess = predict(now, [step], kept);
      const result = await ws.call('batch.run', { steps: [step] }).catch(() => null);
      const answered = result === null ? null : toModel(await ws.call('maps.get', { id: mapId }));
      if (guess === null) continue;
      if (result === null || answered === null) {
        counts.refusedGuesses++;
        continue;
      }
      // What it says goes is what the workspace deleted (the map holds every quote link here: few quotes a stage).
      const sortedIds = (list: readonly string[]) => [...list].sort();
      for (const kind of ['stages', 'lanes', 'cards', 'emotions', 'quoteLinks', 'metrics'] as const) {
        expect(sortedIds(guess.changes.deleted[kind]), `${kind} of ${JSON.stringify(step)}`).toEqual(sortedIds(result.deleted[kind]));
      }
      for (const [tombstone, records] of guess.kept) kept.set(tombstone, records);
      if (step.name === 'stages.create') counts.stageAdds++;
      if (step.name === 'lanes.create') counts.laneAdds++;
      if (step.name === 'stages.delete') counts.stageDeletes++;
      if (step.name === 'lanes.delete') counts.laneDeletes++;
      if (step.name === 'tombstones.restore') counts.restores++;
      if (step.name === 'stages.move' || step.name === 'lanes.move') counts.moves++;
      // Every stage, lane, card, emotion point, quote link and metric as the guess leaves the map is as the workspace stored it.
      const shown = applyChanges(now, guess.changes);
      expect(shownRecords(shown), JSON.stringify(step)).toEqual(shownRecords(answered));
      expect(shown.cardCells).toEqual(groupByCell(shown.cards.values()));
      // Its answer draws nothing again: every record it names is shown so already (but the map's own time).
      const answer = withoutShown(shown, await ws.call('maps.get', { id: mapId }).then((doc) => ({ ...emptyChangeSet(), stages: doc.stages, lanes: doc.lanes, cards: doc.cards, emotions: doc.emotions, quoteLinks: doc.quoteLinks, metrics: doc.metrics })));
      expect([answer.stages, answer.lanes, answer.cards, answer.emotions, answer.quoteLinks, answer.metrics].flat()).toEqual([]);
    }
    expect(counts.stageAdds).toBeGreaterThan(5);
    expect(counts.laneAdds).toBeGreaterThan(5);
    expect(counts.stageDeletes).toBeGreaterThan(3);
    expect(counts.laneDeletes).toBeGreaterThan(3);
    expect(counts.restores).toBeGreaterThan(3);
    expect(counts.moves).toBeGreaterThan(8);
    expect(counts.refusedGuesses).toBe(0);
  });

  it('guesses no add the workspace decides or refuses, no delete of what the map does not show, and no restore it would refuse', () => {
    const stage = ordered(model.stages)[0] as Stage;
    const lane = model.lanes[card.laneId] as Lane;
    const one = (name: Step['name'], input: Record<string, unknown>, kept?: Map<string, Records>) => predict(model, [{ name, input }], kept);
    expect(one('stages.create', { mapId, name: 'No id' })).toBeNull();
    expect(one('stages.create', { id: stage.id, mapId, name: 'Taken id' })).toBeNull();
    expect(one('stages.create', { id: 'x', mapId: 'another-map', name: 'Elsewhere' })).toBeNull();
    expect(one('stages.create', { id: 'x', mapId, name: 'Beside a stranger', after: 'no-such-stage' })).toBeNull();
    expect(one('stages.create', { id: 'x', mapId, name: '   ' })).toBeNull();
    expect(one('lanes.create', { id: 'x', mapId, kind: 'no-such-kind', title: 'Lane' })).toBeNull();
    expect(one('lanes.create', { id: lane.id, mapId, kind: 'text', title: 'Taken id' })).toBeNull();
    expect(one('lanes.create', { id: 'x', mapId, kind: 'text', title: 'Beside a stranger', before: 'no-such-lane' })).toBeNull();
    expect(one('stages.delete', { id: 'no-such-stage' })).toBeNull();
    expect(one('lanes.delete', { id: 'no-such-lane' })).toBeNull();
    expect(one('lanes.delete', { id: stage.id })).toBeNull();
    // Among other steps: left to the workspace.
    expect(predict(model, [{ name: 'stages.create', input: { id: 'x', mapId, name: 'A' } }, { name: 'stages.create', input: { id: 'y', mapId, name: 'B' } }])).toBeNull();
    // A delete that names no tombstone keeps nothing; one that does keeps the stage with its cards.
    expect(one('stages.delete', { id: card.stageId })?.kept.size).toBe(0);
    const deleted = one('stages.delete', { id: card.stageId, tombstone: 't' });
    expect(deleted?.kept.get('t')?.cards).toEqual([card]);
    expect(deleted?.changes.deleted.cards).toEqual([card.id]);
    const kept = deleted?.kept ?? new Map<string, Records>();
    // Its undo while the stage is still shown, or after its card's lane went, or its lane holds no cards now: the workspace refuses.
    expect(one('tombstones.restore', { id: 't' }, kept)).toBeNull();
    const gone = applyChanges(model, deleted?.changes ?? emptyChangeSet());
    expect(predict(gone, [{ name: 'tombstones.restore', input: { id: 't' } }], kept)?.changes.cards).toEqual([card]);
    const noLane = applyChanges(gone, { ...emptyChangeSet(), deleted: { ...emptyChangeSet().deleted, lanes: [card.laneId] } });
    expect(predict(noLane, [{ name: 'tombstones.restore', input: { id: 't' } }], kept)).toBeNull();
    const emotionLane = applyChanges(gone, { ...emptyChangeSet(), lanes: [{ ...lane, kind: 'emotion' }] });
    expect(predict(emotionLane, [{ name: 'tombstones.restore', input: { id: 't' } }], kept)).toBeNull();
    // A persona's curve of a persona the map no longer has, a quote link on a card gone since, two cards on one key.
    const emotionLaneId = Object.values(model.lanes).find((l) => l.kind === 'emotion')?.id ?? '';
    const withRecord = (more: Partial<Records>) => new Map([['t', { ...(kept.get('t') as Records), ...more }]]);
    const ghostCurve = { id: 'e', mapId, laneId: emotionLaneId, stageId: card.stageId, personaId: 'ghost', score: 1, label: '' };
    expect(predict(gone, [{ name: 'tombstones.restore', input: { id: 't' } }], withRecord({ emotions: [{ ...ghostCurve, personaId: null }] }))?.changes.emotions).toHaveLength(1);
    expect(predict(gone, [{ name: 'tombstones.restore', input: { id: 't' } }], withRecord({ emotions: [ghostCurve] }))).toBeNull();
    const link = { id: 'l', quoteId: 'q', mapId, stageId: card.stageId, createdAt: '' };
    expect(predict(gone, [{ name: 'tombstones.restore', input: { id: 't' } }], withRecord({ quoteLinks: [{ ...link, cardId: card.id }] }))?.changes.quoteLinks).toHaveLength(1);
    expect(predict(gone, [{ name: 'tombstones.restore', input: { id: 't' } }], withRecord({ quoteLinks: [{ ...link, cardId: 'gone-card' }] }))).toBeNull();
    expect(predict(gone, [{ name: 'tombstones.restore', input: { id: 't' } }], withRecord({ cards: [card, { ...card, id: 'twin' }] }))).toBeNull();
    expect(predict(gone, [{ name: 'tombstones.restore', input: { id: 't' } }], withRecord({ cards: [card, { ...card, id: 'twin', position: keyBetween(card.position, null) }] }))?.changes.cards).toHaveLength(2);
    // A restore among other steps, and one of a tombstone no delete here kept.
    expect(predict(gone, [{ name: 'tombstones.restore', input: { id: 't' } }, { name: 'cards.update', input: { id: card.id, text: 'x' } }], kept)).toBeNull();
    expect(predict(gone, [{ name: 'tombstones.restore', input: { id: 'unknown' } }], kept)).toBeNull();
  });

  it('names exactly what each guess adds, removes and keeps, and refuses an undo into what is gone or back', async () => {
    await furnished();
    // A persona on the map, with its own curve point on the first stage: its delete and undo take and bring it.
    const persona = (await ws.call('personas.create', { name: 'Ana' })).personas[0]?.id ?? '';
    await ws.call('maps.update', { id: mapId, personaIds: [persona] });
    const start = await ws.call('maps.get', { id: mapId });
    await ws.call('emotions.set', { laneId: start.lanes.find((l) => l.kind === 'emotion')?.id ?? '', stageId: start.stages[0]?.id ?? '', personaId: persona, score: 2 });
    const m = toModel(await ws.call('maps.get', { id: mapId }));
    expect(Object.values(m.emotions).some((e) => e.personaId === persona)).toBe(true);
    const emotionLane = Object.values(m.lanes).find((l) => l.kind === 'emotion') as Lane;
    const cardLane = m.lanes[card.laneId] as Lane;
    const [first, second] = ordered(m.stages);
    if (!first || !second) throw new Error('no stages');
    const none = { cards: [], stages: [], lanes: [], emotions: [], quoteLinks: [], metrics: [] };
    // Adds: the one record, nothing else.
    const stageAdd = predict(m, [{ name: 'stages.create', input: { id: 'new-stage', mapId, name: 'New', after: first.id } }]);
    expect([stageAdd?.added, stageAdd?.restored, stageAdd?.kept.size]).toEqual([{ ...none, stages: ['new-stage'] }, [], 0]);
    expect(stageAdd?.changes.stages[0]?.position).toBe(keyBetween(first.position, second.position));
    const laneAdd = predict(m, [{ name: 'lanes.create', input: { id: 'new-lane', mapId, kind: 'pains', title: 'New' } }]);
    expect(laneAdd?.added).toEqual({ ...none, lanes: ['new-lane'] });
    for (const input of [{ mapId, kind: 'pains', title: 'No id' }, { id: 'x', mapId: 'another-map', kind: 'pains', title: 'Elsewhere' }]) expect(predict(m, [{ name: 'lanes.create', input }])).toBeNull();
    // Deletes: what goes with a lane (its emotion points; the links on its cards) and a stage (its cards, points, links, metrics).
    const curveGone = predict(m, [{ name: 'lanes.delete', input: { id: emotionLane.id, tombstone: 'tl' } }]);
    const points = Object.values(m.emotions).filter((e) => e.laneId === emotionLane.id);
    expect(points.length).toBeGreaterThan(3);
    expect(curveGone?.changes.deleted).toMatchObject({ lanes: [emotionLane.id], emotions: points.map((e) => e.id), cards: [], quoteLinks: [], metrics: [] });
    expect([curveGone?.added, curveGone?.restored]).toEqual([none, []]);
    const cardsGone = predict(m, [{ name: 'lanes.delete', input: { id: cardLane.id } }]);
    expect(cardsGone?.changes.deleted.quoteLinks.sort()).toEqual(Object.values(m.quoteLinks).filter((l) => l.cardId !== null && m.cards.get(l.cardId)?.laneId === cardLane.id).map((l) => l.id).sort());
    expect(cardsGone?.changes.deleted.emotions).toEqual([]);
    const stageGone = predict(m, [{ name: 'stages.delete', input: { id: first.id, tombstone: 'ts' } }]);
    expect(stageGone?.changes.deleted.metrics).toEqual(Object.values(m.metrics).filter((x) => x.stageId === first.id).map((x) => x.id));
    expect(stageGone?.changes.deleted.emotions).toEqual(Object.values(m.emotions).filter((x) => x.stageId === first.id).map((x) => x.id));
    // A link on one of its cards that says another stage (another window's move of the card, its links not yet
    // arrived): the workspace's cascade takes it with the card.
    const onItsCard = Object.values(m.quoteLinks).find((l) => l.cardId !== null && m.cards.get(l.cardId)?.stageId === first.id) as QuoteLink;
    const stale = applyChanges(m, { ...emptyChangeSet(), quoteLinks: [{ ...onItsCard, stageId: second.id }] });
    expect(predict(stale, [{ name: 'stages.delete', input: { id: first.id } }])?.changes.deleted.quoteLinks).toContain(onItsCard.id);
    // Not a stage's delete of a lane's id, nor an input the contract refuses.
    expect(predict(m, [{ name: 'stages.delete', input: { id: cardLane.id } }])).toBeNull();
    expect(predict(m, [{ name: 'lanes.delete', input: { id: cardLane.id, reason: 'tidy' } }])).toBeNull();
    // A refusal puts back every kind of record a delete took.
    if (!stageGone || !curveGone) throw new Error('no guess');
    const after = applyChanges(m, stageGone.changes);
    expect(shownRecords(undoGuess(after, stageGone))).toEqual(shownRecords(m));
    expect(shownRecords(undoGuess(applyChanges(m, curveGone.changes), curveGone))).toEqual(shownRecords(m));
    // Undos: back with all of it, where nothing it needs is gone; the restore names its tombstone.
    const kept = new Map([...stageGone.kept, ...curveGone.kept]);
    const withoutStage = applyChanges(m, stageGone.changes);
    const stageBack = predict(withoutStage, [{ name: 'tombstones.restore', input: { id: 'ts' } }], kept);
    expect(stageBack?.restored).toEqual(['ts']);
    const stageShown = applyChanges(withoutStage, stageBack?.changes ?? emptyChangeSet());
    expect(shownRecords(stageShown)).toEqual(shownRecords(m));
    // Its refusal takes all of it away again.
    if (!stageBack) throw new Error('no guess');
    expect(shownRecords(undoGuess(stageShown, stageBack))).toEqual(shownRecords(withoutStage));
    const withoutCurve = applyChanges(m, curveGone.changes);
    const curveBack = predict(withoutCurve, [{ name: 'tombstones.restore', input: { id: 'tl' } }], kept);
    expect(shownRecords(applyChanges(withoutCurve, curveBack?.changes ?? emptyChangeSet()))).toEqual(shownRecords(m));
    const restoreOf = (model: MapModel, tombstone: string) => predict(model, [{ name: 'tombstones.restore', input: { id: tombstone } }], kept);
    const gone = (model: MapModel, deleted: Partial<ChangeSet['deleted']>) => applyChanges(model, { ...emptyChangeSet(), deleted: { ...emptyChangeSet().deleted, ...deleted } });
    // The lane is shown again; the stage's curve is on a lane gone since; the lane's points are on a stage gone since.
    expect(restoreOf(m, 'tl')).toBeNull();
    expect(restoreOf(gone(withoutStage, { lanes: [emotionLane.id] }), 'ts')).toBeNull();
    expect(restoreOf(gone(withoutCurve, { stages: [second.id] }), 'tl')).toBeNull();
    // The stage's metric or its link on a stage gone since (kept records as another window might leave them).
    const odd = (more: Partial<Records>) => predict(withoutStage, [{ name: 'tombstones.restore', input: { id: 'ts' } }], new Map([['ts', { ...(kept.get('ts') as Records), ...more }]]));
    const metric = { id: 'mx', mapId, stageId: 'gone-stage', name: 'x', value: 1, unit: '', source: '', measuredAt: null };
    expect(odd({ metrics: [metric] })).toBeNull();
    expect(odd({ metrics: [{ ...metric, stageId: second.id }] })?.changes.metrics).toHaveLength(1);
    expect(odd({ quoteLinks: [{ id: 'lx', quoteId: 'q0', mapId, stageId: 'gone-stage', cardId: null, createdAt: '' }] })).toBeNull();
    const keptCards = (kept.get('ts') as Records).cards;
    const oneCard = (change: Partial<Card>) => keptCards.map((c) => (c.id === card.id ? { ...c, ...change } : c));
    expect(odd({ cards: oneCard({}) })?.changes.cards).toHaveLength(keptCards.length);
    expect(odd({ cards: oneCard({ stageId: 'gone-stage' }) })).toBeNull();
    expect(odd({ cards: oneCard({ laneId: 'gone-lane' }) })).toBeNull();
    expect(odd({ cards: oneCard({ laneId: emotionLane.id }) })).toBeNull();
    expect(odd({ emotions: [{ id: 'ex', mapId, laneId: 'gone-lane', stageId: first.id, personaId: null, score: 1, label: '' }] })).toBeNull();
    // A lane's cards come back into it (it holds cards, though the map does not show it yet).
    const laneKept = predict(m, [{ name: 'lanes.delete', input: { id: cardLane.id, tombstone: 'tc' } }]);
    const withoutLane = applyChanges(m, laneKept?.changes ?? emptyChangeSet());
    const laneBack = predict(withoutLane, [{ name: 'tombstones.restore', input: { id: 'tc' } }], laneKept?.kept);
    expect(laneBack?.changes.cards.length).toBeGreaterThan(0);
    expect(shownRecords(applyChanges(withoutLane, laneBack?.changes ?? emptyChangeSet()))).toEqual(shownRecords(m));
  });

  it('puts back, after a refusal, a deleted stage with everything it took, and takes away an added lane, unless changed since', () => {
    const deleted = predict(model, [{ name: 'stages.delete', input: { id: card.stageId, tombstone: 't' } }]);
    if (!deleted) throw new Error('no guess');
    const shown = applyChanges(model, deleted.changes);
    expect(shown.stages[card.stageId]).toBeUndefined();
    const back = undoGuess(shown, deleted);
    expect(shownRecords(back)).toEqual(shownRecords(model));
    expect(back.cardCells).toEqual(model.cardCells);
    const added = predict(model, [{ name: 'lanes.create', input: { id: 'new-lane', mapId, kind: 'pains', title: 'Pains' } }]);
    if (!added) throw new Error('no guess');
    const withLane = applyChanges(model, added.changes);
    expect(withLane.lanes['new-lane']).toMatchObject({ kind: 'pains', title: 'Pains', height: null, collapsed: false });
    expect(undoGuess(withLane, added).lanes['new-lane']).toBeUndefined();
    // Renamed by another window meanwhile: left as it is.
    const renamed = applyChanges(withLane, { ...emptyChangeSet(), lanes: [{ ...(withLane.lanes['new-lane'] as Lane), title: 'Bo’s' }] });
    expect(undoGuess(renamed, added)).toBe(renamed);
  });
});

describe('the map store shows stages and lanes added and deleted before the answer', () => {
  let store: MapStore;
  let reported: string[];
  let held: ReturnType<typeof heldCalls>;

  beforeEach(async () => {
    ({ store, reported, held } = await heldStore());
  });

  const step = <T>(run: () => Promise<T>, look: () => void): Promise<T> => heldStep(held, run, look);
  const stageNames = () => ordered(store.getState().stages).map((s) => s.name);

  it('a stage added, undone and redone is on the map before each answer, where the workspace puts it; each answer draws nothing again', async () => {
    const before = stageNames();
    let shown = store.getState().stages;
    expect(await step(() => store.getState().perform((m) => commands.addStage(m, 'Compare', 1)), () => {
      expect(stageNames()).toEqual([before[0], 'Compare', ...before.slice(1)]);
      shown = store.getState().stages;
    })).toBe(true);
    expect(store.getState().stages).toBe(shown);
    const stored = (await ws.call('maps.get', { id: mapId })).stages;
    expect(ordered(store.getState().stages)).toEqual(stored);
    expect(await step(() => store.getState().undo(), () => expect(stageNames()).toEqual(before))).toBe(true);
    expect(await step(() => store.getState().redo(), () => expect(stageNames()).toEqual([before[0], 'Compare', ...before.slice(1)]))).toBe(true);
    expect(ordered(store.getState().stages)).toEqual((await ws.call('maps.get', { id: mapId })).stages);
    expect(reported).toEqual([]);
  });

  it('a stage deleted with its cards, and its undo, are on the map before the answer; the workspace stores the same', async () => {
    const stageId = card.stageId;
    let shownCards = store.getState().cards;
    expect(await step(() => store.getState().perform((m) => commands.deleteStage(m, stageId)), () => {
      expect(store.getState().stages[stageId]).toBeUndefined();
      expect(store.getState().cards.has(card.id)).toBe(false);
      shownCards = store.getState().cards;
    })).toBe(true);
    expect(store.getState().cards).toBe(shownCards);
    expect(await step(() => store.getState().undo(), () => {
      expect(store.getState().stages[stageId]).toEqual(model.stages[stageId]);
      expect(store.getState().cards.get(card.id)).toEqual(card);
    })).toBe(true);
    expect(shownRecords(store.getState())).toEqual(shownRecords(toModel(await ws.call('maps.get', { id: mapId }))));
    expect(store.getState().cardCells).toEqual(groupByCell(store.getState().cards.values()));
    expect(reported).toEqual([]);
  });

  it('forgets what a delete kept once it is brought back by a command not guessed: a later undo of it waits for the answer', async () => {
    const stageId = card.stageId;
    expect(await step(() => store.getState().perform((m) => commands.deleteStage(m, stageId)), () => undefined)).toBe(true);
    const tombstone = (store.getState().undoStack.at(-1)?.backward[0]?.input as { id: string }).id;
    // Brought back with another step in the same command: not guessed, done.
    const both: commands.Command = { label: 'Back and renamed', forward: [{ name: 'tombstones.restore', input: { id: tombstone } }, { name: 'cards.update', input: { id: card.id, text: 'renamed' } }], backward: [] };
    expect(await step(() => store.getState().perform(both), () => expect(store.getState().stages[stageId]).toBeUndefined())).toBe(true);
    // Deleted again by another window, under another tombstone: this one's tombstone is gone from the workspace.
    const events: WorkspaceEvent[] = [];
    const stop = ws.subscribe((e) => events.push(e));
    await ws.call('stages.delete', { id: stageId, tombstone: 'elsewhere' });
    stop();
    for (const e of events) store.getState().receive(e);
    expect(store.getState().stages[stageId]).toBeUndefined();
    const stale: commands.Command = { label: 'Stale undo', forward: [{ name: 'tombstones.restore', input: { id: tombstone } }], backward: [] };
    expect(await step(() => store.getState().perform(stale), () => expect(store.getState().stages[stageId]).toBeUndefined())).toBe(false);
    expect(reported).toHaveLength(1);
  });

  it('an undo of a stage delete brings its evidence back with it before the answer: its count, its card’s, its quotes', async () => {
    await ws.call('interviews.create', { id: 'iv', title: 'Call', participant: 'Ana' });
    await ws.call('quotes.create', { id: 'q', interviewId: 'iv', text: 'Said on the card' });
    await ws.call('quotes.link', { quoteIds: ['q'], stageId: card.stageId, cardId: card.id });
    ({ store, reported, held } = await heldStore());
    const stageId = card.stageId;
    const evidence = () => store.getState().evidence;
    const placed = () => (placedQuotes(store.getState()).get(`stage:${stageId}`) ?? []).map((p) => [p.quote.id, p.who]);
    expect([evidence().stages.get(stageId)?.quoteCount, evidence().cards.get(card.id), placed()]).toEqual([1, 1, [['q', 'Ana']]]);
    expect(await step(() => store.getState().perform((m) => commands.deleteStage(m, stageId)), () => undefined)).toBe(true);
    await held.release(); // the map's evidence, read again after the delete: the stage and its quote are gone from it
    expect([evidence().stages.get(stageId), evidence().cards.get(card.id), store.getState().quotes.q]).toEqual([undefined, undefined, undefined]);
    expect(await step(() => store.getState().undo(), () => {
      expect([evidence().stages.get(stageId)?.quoteCount, evidence().cards.get(card.id), placed()]).toEqual([1, 1, [['q', 'Ana']]]);
    })).toBe(true);
    await held.release(); // and read again after the undo: the same
    expect([evidence().stages.get(stageId)?.quoteCount, evidence().cards.get(card.id), placed()]).toEqual([1, 1, [['q', 'Ana']]]);
    expect(reported).toEqual([]);
  });

  it('a lane delete’s undo shows its stages’ totals again at once, as the map showed them before the delete', async () => {
    await ws.call('interviews.create', { id: 'iv', title: 'Call', participant: 'Ana' });
    await ws.call('quotes.create', { id: 'q', interviewId: 'iv', text: 'Said on the card', sentiment: -1 });
    await ws.call('quotes.link', { quoteIds: ['q'], stageId: card.stageId, cardId: card.id });
    ({ store, reported, held } = await heldStore());
    const { stageId, laneId } = card;
    const total = () => store.getState().evidence.stages.get(stageId);
    const before = total();
    expect(before).toMatchObject({ quoteCount: 1, sentimentSum: -1, sentimentCount: 1 });
    expect(await step(() => store.getState().perform((m) => commands.deleteLane(m, laneId)), () => undefined)).toBe(true);
    await held.release(); // the map's evidence, read again after the delete: the lane's quote no longer backs the stage
    expect([total(), store.getState().evidence.cards.get(card.id)]).toEqual([undefined, undefined]);
    // The undo, shown before the workspace answers: the card, its quote and the stage's total as they were.
    expect(await step(() => store.getState().undo(), () => {
      expect([total(), store.getState().evidence.cards.get(card.id), store.getState().cards.get(card.id)?.id]).toEqual([before, 1, card.id]);
    })).toBe(true);
    await held.release(); // and read again after the undo's answer: the same
    expect(total()).toEqual(before);
    expect(reported).toEqual([]);
  });

  it('an evidence read answered from before a guessed undo is read again instead of taking the guess away', async () => {
    await ws.call('interviews.create', { id: 'iv', title: 'Call', participant: 'Ana' });
    await ws.call('quotes.create', { id: 'q', interviewId: 'iv', text: 'Said on the card' });
    await ws.call('quotes.link', { quoteIds: ['q'], stageId: card.stageId, cardId: card.id });
    ({ store, reported, held } = await heldStore());
    const stageId = card.stageId;
    const count = () => store.getState().evidence.stages.get(stageId)?.quoteCount;
    expect(await step(() => store.getState().perform((m) => commands.deleteStage(m, stageId)), () => undefined)).toBe(true);
    // The evidence read after the delete is asked (and answered by the workspace as it is now: no stage), but held.
    await held.reached();
    const undone = store.getState().undo();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(count()).toBe(1); // the guessed undo shows the stage's count again
    await held.release(); // the read from before the undo arrives: not shown
    expect(count()).toBe(1);
    expect(store.getState().stages[stageId]).toBeDefined();
    await held.release(); // the undo's answer
    await held.release(); // the read asked again, answered after the undo
    expect(await undone).toBe(true);
    expect(count()).toBe(1);
    await held.release(); // and the read after the undo's answer
    expect(count()).toBe(1);
    expect(reported).toEqual([]);
  });

  it('a guessed undo of a stage delete the workspace refuses leaves no evidence of it behind: the map reads it again', async () => {
    await ws.call('interviews.create', { id: 'iv', title: 'Call', participant: 'Ana' });
    await ws.call('quotes.create', { id: 'q', interviewId: 'iv', text: 'Said on the card' });
    await ws.call('quotes.link', { quoteIds: ['q'], stageId: card.stageId, cardId: card.id });
    ({ store, reported, held } = await heldStore());
    const stageId = card.stageId;
    expect(await step(() => store.getState().perform((m) => commands.deleteStage(m, stageId)), () => undefined)).toBe(true);
    await held.release(); // the evidence read after the delete
    // Behind this window's back the delete is undone elsewhere and the stage deleted again under another tombstone.
    const tombstone = (store.getState().undoStack.at(-1)?.backward[0]?.input as { id: string }).id;
    await ws.call('tombstones.restore', { id: tombstone });
    await ws.call('stages.delete', { id: stageId, tombstone: 'elsewhere' });
    expect(await step(() => store.getState().undo(), () => expect(store.getState().evidence.stages.get(stageId)?.quoteCount).toBe(1))).toBe(false);
    await held.release(); // the evidence read after the refusal
    expect([store.getState().stages[stageId], store.getState().evidence.stages.get(stageId), store.getState().evidence.cards.get(card.id), store.getState().quotes.q]).toEqual([undefined, undefined, undefined, undefined]);
    expect(reported).toHaveLength(1);
  });

  it('a lane delete the workspace refuses puts the lane back with its cards, and says why', async () => {
    // Behind this window's back the lane went, and its change has not reached this window.
    await ws.call('lanes.delete', { id: card.laneId });
    const lane = store.getState().lanes[card.laneId];
    expect(await step(() => store.getState().perform((m) => commands.deleteLane(m, card.laneId)), () => expect(store.getState().lanes[card.laneId]).toBeUndefined())).toBe(false);
    expect(store.getState().lanes[card.laneId]).toBe(lane);
    expect(store.getState().cards.get(card.id)).toEqual(card);
    expect(store.getState().cardCells).toEqual(groupByCell(store.getState().cards.values()));
    expect(store.getState().undoStack).toEqual([]);
    expect(reported).toHaveLength(1);
  });
});
