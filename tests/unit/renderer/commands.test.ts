/**
 * Commands as the person sees them (the label in the undo menu) and as the workspace gets them (the steps,
 * naming neighbours), and the map model's reading of changes, on small in-memory maps.
 */
import { describe, expect, it } from 'vitest';
import type { Card, ChangeSet, Persona } from '../../../electron/api/types.ts';
import { emptyChanges } from '../../../electron/core/changes.ts';
import * as commands from '../../../renderer/src/store/commands.ts';
import { applyChanges, byPosition, emotionByCell, groupByCell, newerOnly, ordered, toModel } from '../../../renderer/src/store/mapModel.ts';
import { mapDoc } from './fixtures.ts';

const model = toModel(
  mapDoc({
    stages: ['Discover', 'Buy', 'Use'],
    lanes: [
      { title: 'Actions', kind: 'text' },
      { title: 'Feelings', kind: 'emotion' },
      { title: 'Channels', kind: 'touchpoints' },
    ],
    cards: [
      { lane: 0, stage: 0, text: 'a' },
      { lane: 0, stage: 0, text: 'b' },
      { lane: 0, stage: 0, text: 'c' },
      { lane: 0, stage: 1, text: 'd' },
    ],
    emotions: [{ lane: 1, stage: 0, score: -1, label: 'Unsure' }],
  }),
);
const inputs = (steps: commands.Step[]) => steps.map((s) => [s.name, s.input]);

describe('commands: labels for the undo menu', () => {
  it('says what the person did, counting cards', () => {
    expect(commands.addCard(model, 'l0', 's0', 'x').label).toBe('Add card');
    expect(commands.updateCards(model, ['c0'], { text: 'y' }).label).toBe('Edit card');
    expect(commands.updateCards(model, ['c0', 'c1'], { color: '#ffcc00' }, 'Recolour').label).toBe('Recolour (2)');
    expect(commands.moveCards(model, ['c0'], 'l0', 's1', 0).label).toBe('Move 1 card');
    expect(commands.moveCards(model, ['c0', 'c1', 'c2'], 'l0', 's1', 0).label).toBe('Move 3 cards');
    expect(commands.deleteCards(model, ['c0', 'c1']).label).toBe('Delete 2 cards');
    expect(commands.pasteCards(model, [model.cards.get('c0') as Card], 'l0', 's2').label).toBe('Paste 1 card');
    expect(commands.pasteCards(model, [model.cards.get('c0') as Card, model.cards.get('c1') as Card], 'l0', 's2', undefined, 'Duplicate').label).toBe('Duplicate 2 cards');
    expect(commands.addStage(model, 'New').label).toBe('Add stage');
    expect(commands.addLane(model, 'pains', 'Pains').label).toBe('Add lane');
    expect(commands.moveStage(model, 's0', 2).label).toBe('Move stage');
    expect(commands.moveLane(model, 'l0', 2).label).toBe('Move lane');
    expect(commands.deleteStage(model, 's1').label).toBe('Delete stage "Buy"');
    expect(commands.deleteLane(model, 'l2').label).toBe('Delete lane "Channels"');
    expect(commands.renameMap(model, 'New title').label).toBe('Rename map');
    expect(commands.updateStage(model, 's0', { name: 'X' }).label).toBe('Edit stage');
    expect(commands.updateLane(model, 'l0', { title: 'X' }).label).toBe('Edit lane');
    expect(commands.setEmotion(model, 'l1', 's0', 2).label).toBe('Set emotion');
    expect(commands.setEmotion(model, 'l1', 's0', -1, 'Still unsure').label).toBe('Label emotion');
    expect(commands.setEmotion(model, 'l1', 's0', 1, 'Happier').label).toBe('Set emotion');
  });

  it('does nothing for records that are gone (a stale selection)', () => {
    for (const c of [commands.updateStage(model, 'gone', { name: 'x' }), commands.updateLane(model, 'gone', { title: 'x' }), commands.deleteStage(model, 'gone'), commands.deleteLane(model, 'gone')]) {
      expect(c.forward).toEqual([]);
      expect(c.backward).toEqual([]);
    }
    expect(commands.updateCards(model, ['gone'], { text: 'x' }).forward).toEqual([]);
    expect(commands.deleteStage(model, 'gone').label).toBe('Delete stage');
    expect(commands.deleteLane(model, 'gone').label).toBe('Delete lane');
  });
});

describe('commands: steps that name neighbours', () => {
  it('adds at the end without naming a place, or after the card at index − 1', () => {
    const last = commands.addCard(model, 'l0', 's0', 'x', undefined, {}, 'new');
    expect(inputs(last.forward)).toEqual([['cards.create', { id: 'new', laneId: 'l0', stageId: 's0', text: 'x' }]]);
    expect(inputs(commands.addCard(model, 'l0', 's0', 'x', 0, {}, 'n').forward)[0]?.[1]).toMatchObject({ after: null });
    expect(inputs(commands.addCard(model, 'l0', 's0', 'x', 2, {}, 'n').forward)[0]?.[1]).toMatchObject({ after: 'c1' });
    expect(inputs(commands.addCard(model, 'l0', 's0', 'x', 99, {}, 'n').forward)[0]?.[1]).toMatchObject({ after: 'c2' });
    expect(inputs(commands.addCard(model, 'l0', 's2', 'x', 3, {}, 'n').forward)[0]?.[1]).toMatchObject({ after: null }); // an empty cell
    // Undo deletes under a tombstone; redo brings that tombstone back.
    const [undo] = last.backward;
    expect(undo?.name).toBe('cards.delete');
    const tombstone = (undo?.input as { tombstone: string }).tombstone;
    expect(tombstone).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(inputs(last.redo ?? [])).toEqual([['tombstones.restore', { id: tombstone }]]);
  });

  it('moves cards after the one they were dropped behind, each after the one before, and back after their old neighbours', () => {
    const move = commands.moveCards(model, ['c2', 'c0'], 'l0', 's1', 1);
    expect(inputs(move.forward)).toEqual([
      ['cards.move', { id: 'c0', laneId: 'l0', stageId: 's1', after: 'c3' }],
      ['cards.move', { id: 'c2', laneId: 'l0', stageId: 's1', after: 'c0' }],
    ]);
    expect(inputs(move.backward)).toEqual([
      ['cards.move', { id: 'c0', laneId: 'l0', stageId: 's0', after: null }],
      ['cards.move', { id: 'c2', laneId: 'l0', stageId: 's0', after: 'c1' }],
    ]);
    expect(inputs(commands.moveCards(model, ['c1'], 'l0', 's0', 0).forward)).toEqual([['cards.move', { id: 'c1', laneId: 'l0', stageId: 's0', after: null }]]);
    expect(inputs(commands.moveCards(model, ['c0'], 'l0', 's0', 5).forward)).toEqual([['cards.move', { id: 'c0', laneId: 'l0', stageId: 's0', after: 'c2' }]]);
  });

  it('pastes after the cards there, or from a place, each after the one before', () => {
    const source = [model.cards.get('c0'), model.cards.get('c1')].filter((c) => c !== undefined);
    const end = commands.pasteCards(model, source, 'l0', 's1', undefined, 'Paste', ['p1', 'p2']);
    expect(end.ids).toEqual(['p1', 'p2']);
    expect(end.forward.map((s) => ('after' in (s.input as object) ? (s.input as { after: unknown }).after : 'last'))).toEqual(['last', 'last']);
    const at = commands.pasteCards(model, source, 'l0', 's0', 1, 'Paste', ['p1', 'p2']);
    expect(at.forward.map((s) => (s.input as { after: unknown }).after)).toEqual(['c0', 'p1']);
    expect(at.forward[0]?.input).toMatchObject({ text: 'a', color: null, channel: null, votes: 0, evidence: 'assumed' });
    expect(at.backward.map((s) => s.name)).toEqual(['cards.delete', 'cards.delete']);
    expect(at.redo?.map((s) => s.name)).toEqual(['tombstones.restore', 'tombstones.restore']);
  });

  it('deletes under fresh tombstones and undoes by restoring them, last first', () => {
    const del = commands.deleteCards(model, ['c0', 'c1']);
    const ids = del.forward.map((s) => (s.input as { tombstone: string }).tombstone);
    expect(new Set(ids).size).toBe(2);
    expect(inputs(del.backward)).toEqual([
      ['tombstones.restore', { id: ids[1] }],
      ['tombstones.restore', { id: ids[0] }],
    ]);
    const stage = commands.deleteStage(model, 's0');
    expect(stage.backward).toEqual([{ name: 'tombstones.restore', input: { id: (stage.forward[0]?.input as { tombstone: string }).tombstone } }]);
  });

  it('moves stages and lanes after the one they follow, and back after their old predecessor', () => {
    expect(inputs(commands.moveStage(model, 's0', 2).forward)).toEqual([['stages.move', { id: 's0', after: 's2' }]]);
    expect(inputs(commands.moveStage(model, 's2', 0).forward)).toEqual([['stages.move', { id: 's2', after: null }]]);
    expect(inputs(commands.moveStage(model, 's2', 0).backward)).toEqual([['stages.move', { id: 's2', after: 's1' }]]);
    expect(inputs(commands.moveLane(model, 'l0', 1).forward)).toEqual([['lanes.move', { id: 'l0', after: 'l1' }]]);
    expect(inputs(commands.moveLane(model, 'l1', 0).backward)).toEqual([['lanes.move', { id: 'l1', after: 'l0' }]]);
    expect(inputs(commands.addStage(model, 'New', 1, 'ns').forward)).toEqual([['stages.create', { id: 'ns', mapId: 'm1', name: 'New', after: 's0' }]]);
    expect(inputs(commands.addLane(model, 'pains', 'Pains', undefined, 'nl').forward)).toEqual([['lanes.create', { id: 'nl', mapId: 'm1', kind: 'pains', title: 'Pains' }]]);
  });

  it('updates name only the fields they change, and undo puts those back', () => {
    expect(inputs(commands.updateStage(model, 's0', { owner: 'Ops' }).backward)).toEqual([['stages.update', { id: 's0', owner: '' }]]);
    expect(inputs(commands.updateLane(model, 'l0', { collapsed: true }).backward)).toEqual([['lanes.update', { id: 'l0', collapsed: false }]]);
    expect(inputs(commands.renameMap(model, 'New').backward)).toEqual([['maps.update', { id: 'm1', title: 'Test map' }]]);
    const emotion = commands.setEmotion(model, 'l1', 's0', 2);
    expect(inputs(emotion.backward)).toEqual([['emotions.set', { laneId: 'l1', stageId: 's0', score: -1, label: 'Unsure' }]]);
    expect(inputs(commands.setEmotion(model, 'l1', 's1', 1).backward)).toEqual([['emotions.set', { laneId: 'l1', stageId: 's1', score: null }]]);
  });
});

describe('the map model', () => {
  const persona = (id: string, name: string): Persona => ({ id, name, role: '', quote: '', goals: '', needs: '', frustrations: '', color: null });

  it('applies only what belongs to this map, and keeps untouched collections as they were', () => {
    const c = emptyChanges();
    const [c0, c1] = [model.cards.get('c0'), model.cards.get('c1')];
    if (!c0 || !c1) throw new Error('fixture cards missing');
    c.cards.push({ ...c0, text: 'edited' }, { ...c1, id: 'other', mapId: 'm2' });
    c.maps.push({ ...model.map, id: 'm2', title: 'Another map' });
    const next = applyChanges(model, c);
    expect(next.cards.get('c0')?.text).toBe('edited');
    expect(next.cards.get('other')).toBeUndefined();
    expect(next.map).toBe(model.map);
    expect(next.stages).toBe(model.stages);
    expect(applyChanges(model, emptyChanges()).cards).toBe(model.cards);
    const renamed = emptyChanges();
    renamed.maps.push({ ...model.map, title: 'Renamed' });
    expect(applyChanges(model, renamed).map.title).toBe('Renamed');
  });

  it("follows its personas' edits and deletions, and adds none it does not link", () => {
    const withPersonas = { ...model, map: { ...model.map, personaIds: ['p1', 'p2'] }, personas: [persona('p1', 'Maya'), persona('p2', 'Omar')] };
    const c = emptyChanges();
    c.personas.push(persona('p1', 'Maya O.'), persona('p3', 'Not linked'));
    c.deleted.personas.push('p2');
    expect(applyChanges(withPersonas, c).personas.map((p) => p.name)).toEqual(['Maya O.']);
    expect(applyChanges(withPersonas, emptyChanges()).personas).toBe(withPersonas.personas);
    // The map names its personas: a reorder, and a persona newly linked (its record comes with the change).
    const relinked = emptyChanges();
    relinked.maps.push({ ...withPersonas.map, personaIds: ['p3', 'p2', 'p1'] });
    relinked.personas.push(persona('p3', 'Lin'));
    expect(applyChanges(withPersonas, relinked).personas.map((p) => p.name)).toEqual(['Lin', 'Omar', 'Maya']);
    const unlinked = emptyChanges();
    unlinked.maps.push({ ...withPersonas.map, personaIds: ['p2'] });
    expect(applyChanges(withPersonas, unlinked).personas.map((p) => p.name)).toEqual(['Omar']);
  });

  it('keeps the evidence of its own map: links, the quotes they place and their interviews', () => {
    const quote = (id: string, interviewId = 'i1') => ({ id, interviewId, text: id, startOffset: null, endOffset: null, sentiment: 1, speaker: '', atSeconds: null, saidOn: null, tagIds: [], createdAt: '2026-01-01', seq: 1 });
    const link = (id: string, quoteId: string, mapId = model.map.id) => ({ id, quoteId, mapId, stageId: 's0', cardId: null, createdAt: '2026-01-01' });
    const interview = (id: string) => ({ id, title: id, participant: '', personaId: null, heldOn: null, method: 'interview' as const, format: 'notes' as const, createdAt: '', updatedAt: '' });
    const c = emptyChanges();
    c.quoteLinks.push(link('l1', 'q1'), link('l2', 'q2', 'another-map'));
    c.quotes.push(quote('q1'), quote('q2'), quote('q3'));
    c.interviews.push(interview('i1'), interview('i2'));
    const next = applyChanges(model, c);
    expect(Object.keys(next.quoteLinks)).toEqual(['l1']);
    expect(Object.keys(next.quotes)).toEqual(['q1']);
    expect(Object.keys(next.interviews)).toEqual(['i1']);
    // A quote it shows follows edits even when the change does not touch its link; deletions leave.
    const edit = emptyChanges();
    edit.quotes.push({ ...quote('q1'), sentiment: -2 });
    expect(applyChanges(next, edit).quotes.q1?.sentiment).toBe(-2);
    const gone = emptyChanges();
    gone.deleted.quoteLinks.push('l1');
    gone.deleted.quotes.push('q1');
    gone.deleted.interviews.push('i1');
    const after = applyChanges(next, gone);
    expect([after.quoteLinks, after.quotes, after.interviews]).toEqual([{}, {}, {}]);
    expect(applyChanges(next, emptyChanges()).quotes).toBe(next.quotes);
  });

  it('sorts by key in plain string order, then id; caches each ordering per collection', () => {
    expect([{ id: 'b', position: 'a1' }, { id: 'a', position: 'a1' }, { id: 'c', position: 'Zz' }].sort(byPosition).map((x) => x.id)).toEqual(['c', 'a', 'b']);
    expect(byPosition({ id: 'x', position: 'a0' }, { id: 'x', position: 'a0' })).toBe(0);
    expect(ordered(model.stages)).toBe(ordered(model.stages));
        expect(emotionByCell(model.emotions)).toBe(emotionByCell(model.emotions));
    expect(emotionByCell(model.emotions).get('l1|s0')?.score).toBe(-1);
    expect(groupByCell(model.cards.values()).get('l0|s0')?.map((c) => c.text)).toEqual(['a', 'b', 'c']);
  });

  it('drops the part of a change that is older than what it shows', () => {
    const seen = new Map<string, number>();
    const at = (seq: number | undefined, fill: (c: ChangeSet) => void): ChangeSet => {
      const c = emptyChanges();
      fill(c);
      if (seq !== undefined) c.seq = seq;
      return c;
    };
    expect(newerOnly(at(5, (c) => c.cards.push(model.cards.get('c0') as Card)), seen).cards).toHaveLength(1);
    expect(newerOnly(at(5, (c) => c.cards.push(model.cards.get('c0') as Card)), seen).cards).toHaveLength(0); // the same commit again
    expect(newerOnly(at(4, (c) => c.deleted.cards.push('c0')), seen).deleted.cards).toEqual([]);
    expect(newerOnly(at(6, (c) => c.deleted.cards.push('c0')), seen).deleted.cards).toEqual(['c0']);
    const unnumbered = at(undefined, (c) => c.cards.push(model.cards.get('c0') as Card));
    expect(newerOnly(unnumbered, seen)).toBe(unnumbered);
  });
});
