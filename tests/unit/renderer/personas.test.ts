/**
 * Personas in the renderer: the commands on a map's personas run through the map store against a real
 * workspace (do, undo, redo), the list kept current from changes, the chips of a map's header, and the words
 * and looks of the Personas screen.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Call } from '../../../electron/api/contract.ts';
import type { Persona } from '../../../electron/api/types.ts';
import { emptyChanges } from '../../../electron/core/changes.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { deleteQuestion } from '../../../renderer/src/research/personas/deleteWords.ts';
import { chipsOf } from '../../../renderer/src/research/personas/MapPersonas.tsx';
import { initialsOf, inkOn, listOfNames, PERSONA_SWATCHES } from '../../../renderer/src/research/personas/personaLook.ts';
import { applyPersonaChanges, byName } from '../../../renderer/src/research/personas/usePersonaList.ts';
import { touchesUsage } from '../../../renderer/src/research/personas/usePersonaUsage.ts';
import { createMapStore, type MapStore } from '../../../renderer/src/store/mapStore.ts';
import { linkPersona, movePersona, unlinkPersona } from '../../../renderer/src/store/personaCommands.ts';

const persona = (id: string, name: string, extra: Partial<Persona> = {}): Persona => ({ id, name, role: '', quote: '', goals: '', needs: '', frustrations: '', color: null, ...extra });

describe("a map's personas through the map's history", () => {
  let dir: string;
  let ws: Workspace;
  let store: MapStore;
  let reported: string[];
  const call: Call = (name, input) => ws.call(name, input);
  const stored = async () => (await ws.call('maps.get', { id: store.getState().map.id })).map.personaIds;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-personas-'));
    ws = Workspace.open(path.join(dir, 'w.waymark'), { sample: true, backupsDir: path.join(dir, 'backups') });
    for (const [id, name] of [['p-ann', 'Ann'], ['p-bo', 'Bo'], ['p-cy', 'Cy']]) await ws.call('personas.create', { id: id ?? '', name: name ?? '' });
    const [map] = await ws.call('maps.list', {});
    reported = [];
    store = createMapStore(await ws.call('maps.get', { id: map?.id ?? '' }), { call, report: (m) => reported.push(m) });
  });
  afterEach(() => {
    ws.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('adds personas last, moves them left and right, removes one, and undo and redo walk all of it back and forth', async () => {
    const maya = store.getState().map.personaIds[0] ?? '';
    const { perform, undo, redo } = store.getState();
    expect(await perform((m) => linkPersona(m, 'p-ann', 'Ann'))).toBe(true);
    expect(await perform((m) => linkPersona(m, 'p-bo', 'Bo'))).toBe(true);
    expect(await stored()).toEqual([maya, 'p-ann', 'p-bo']);
    expect(store.getState().map.personaIds).toEqual([maya, 'p-ann', 'p-bo']);

    await perform((m) => movePersona(m, 'p-bo', -1, 'Bo'));
    expect(await stored()).toEqual([maya, 'p-bo', 'p-ann']);
    await perform((m) => movePersona(m, maya, 1));
    expect(await stored()).toEqual(['p-bo', maya, 'p-ann']);
    await perform((m) => unlinkPersona(m, maya, 'Maya Okafor'));
    expect(await stored()).toEqual(['p-bo', 'p-ann']);
    expect(store.getState().undoStack.map((c) => c.label)).toEqual(['Add persona “Ann”', 'Add persona “Bo”', 'Move persona “Bo”', 'Move persona', 'Remove persona “Maya Okafor”']);

    const back = [
      ['p-bo', maya, 'p-ann'],
      [maya, 'p-bo', 'p-ann'],
      [maya, 'p-ann', 'p-bo'],
      [maya, 'p-ann'],
      [maya],
    ];
    for (const expected of back) {
      expect(await undo()).toBe(true);
      expect(await stored()).toEqual(expected);
      expect(store.getState().map.personaIds).toEqual(expected);
    }
    for (const expected of [...back].reverse().slice(1).concat([['p-bo', 'p-ann']])) {
      expect(await redo()).toBe(true);
      expect(await stored()).toEqual(expected);
    }
    expect(reported).toEqual([]);
    // The personas themselves never changed: the map only names them.
    expect((await ws.call('personas.list', {})).map((p) => p.name)).toEqual(['Ann', 'Bo', 'Cy', 'Maya Okafor']);
  });

  it('records nothing for an edit that changes nothing: adding one already there, moving past either end, an unknown one', async () => {
    const maya = store.getState().map.personaIds[0] ?? '';
    const { perform } = store.getState();
    await perform((m) => linkPersona(m, maya));
    await perform((m) => movePersona(m, maya, -1));
    await perform((m) => movePersona(m, maya, 1));
    await perform((m) => movePersona(m, 'p-cy', 1));
    await perform((m) => unlinkPersona(m, 'p-cy'));
    expect(store.getState().undoStack).toEqual([]);
    expect(await stored()).toEqual([maya]);
  });

  it('builds its steps from the map as it is when its turn comes, and its inverse puts back that order', () => {
    const model = store.getState();
    const maya = model.map.personaIds[0] ?? '';
    const link = linkPersona(model, 'p-cy', 'Cy');
    expect(link.forward).toEqual([{ name: 'maps.update', input: { id: model.map.id, personaIds: [maya, 'p-cy'] } }]);
    expect(link.backward).toEqual([{ name: 'maps.update', input: { id: model.map.id, personaIds: [maya] } }]);
    const three = { ...model, map: { ...model.map, personaIds: ['a', 'b', 'c'] } };
    expect(movePersona(three, 'a', 5).forward[0]?.input).toMatchObject({ personaIds: ['b', 'c', 'a'] });
    expect(movePersona(three, 'c', -1).forward[0]?.input).toMatchObject({ personaIds: ['a', 'c', 'b'] });
    expect(unlinkPersona(three, 'b').forward[0]?.input).toMatchObject({ personaIds: ['a', 'c'] });
  });

  it('a link the workspace refuses (the persona was deleted meanwhile) is reported and recorded nowhere', async () => {
    await ws.call('personas.delete', { id: 'p-cy' });
    expect(await store.getState().perform((m) => linkPersona(m, 'p-cy', 'Cy'))).toBe(false);
    expect(reported).toEqual(['No persona with id "p-cy" exists; it may have been deleted.']);
    expect(store.getState().undoStack).toEqual([]);
  });
});

describe('the list of personas', () => {
  const ann = persona('a', 'ann');
  const bob = persona('b', 'Bob');
  const zoe = persona('z', 'Zoë');
  it('is kept in the workspace order (by name, ASCII case folded, then id) as changes come', () => {
    expect([zoe, bob, ann].sort(byName).map((p) => p.name)).toEqual(['ann', 'Bob', 'Zoë']);
    expect([persona('y', 'Same'), persona('x', 'same')].sort(byName).map((p) => p.id)).toEqual(['x', 'y']);
    const changes = emptyChanges();
    changes.personas.push({ ...bob, name: 'Aaron' }, persona('c', 'Cleo'));
    changes.deleted.personas.push('z');
    expect(applyPersonaChanges([ann, bob, zoe], changes).map((p) => p.name)).toEqual(['Aaron', 'ann', 'Cleo']);
  });

  it('keeps its identity when a change holds no personas', () => {
    const list = [ann, bob];
    const changes = emptyChanges();
    changes.cards.push({ id: 'c', mapId: 'm', laneId: 'l', stageId: 's', text: '', color: null, position: 'a', channel: null, votes: 0, evidence: 'assumed' });
    expect(applyPersonaChanges(list, changes)).toBe(list);
  });

  it("a map's chips follow the map's order, with the workspace's newest records, and skip ids it does not know", () => {
    const onMap = [persona('a', 'Ann (old)'), persona('b', 'Bob')];
    expect(chipsOf(['b', 'a', 'gone'], [persona('a', 'Ann')], onMap).map((p) => p.name)).toEqual(['Bob', 'Ann']);
    expect(chipsOf([], [ann], onMap)).toEqual([]);
  });

  it('is read again for usage when maps, interviews or curves change, or everything (a reset)', () => {
    const event = (fill: (c: ReturnType<typeof emptyChanges>) => void) => {
      const changes = emptyChanges();
      fill(changes);
      return { type: 'changes' as const, seq: 1, session: 's', clientId: null, operation: 'x', changes };
    };
    expect(touchesUsage(event((c) => c.deleted.maps.push('m')))).toBe(true);
    expect(touchesUsage(event((c) => c.deleted.interviews.push('i')))).toBe(true);
    expect(touchesUsage(event(() => undefined))).toBe(false);
    expect(touchesUsage({ type: 'reset', seq: 2, session: 's', clientId: null, reason: 'restore' })).toBe(true);
  });
});

describe('how a persona looks and is spoken of', () => {
  it('has initials from its first and last names, or the first two letters of one name', () => {
    expect(initialsOf('Maya Okafor')).toBe('MO');
    expect(initialsOf('  bea ')).toBe('BE');
    expect(initialsOf('Zoë de la Cruz')).toBe('ZC');
    expect(initialsOf('Ólafur (Óli) Arnalds')).toBe('ÓA');
    expect(initialsOf('李 小龙')).toBe('李小');
    expect(initialsOf('🙂')).toBe('?');
    expect(initialsOf('')).toBe('?');
  });

  it('writes initials in whichever ink reads better on its colour', () => {
    expect(inkOn('#3f7cac')).toBe('#ffffff');
    expect(inkOn('#e0b000')).toBe('#1d2433');
    expect(inkOn('#ffffff')).toBe('#1d2433');
    expect(inkOn('#000000')).toBe('#ffffff');
    expect(inkOn('not a colour')).toBe('#ffffff');
    // Every swatch is a colour the workspace takes.
    for (const s of PERSONA_SWATCHES) if (s.value !== null) expect(s.value).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('names what a delete touches: its maps, its interviews, and that it can be undone', () => {
    expect(listOfNames(['A'])).toBe('“A”');
    expect(listOfNames(['A', 'B'])).toBe('“A” and “B”');
    expect(listOfNames(['A', 'B', 'C', 'D', 'E'], 3)).toBe('“A”, “B”, “C” and 2 more');
    expect(deleteQuestion({ maps: [], interviews: [] })).toBe('No map or interview uses it. You can undo the delete.');
    expect(deleteQuestion({ maps: [{ id: 'm', title: 'First online grocery order' }], interviews: [{ id: 'i', title: 'Support chat' }] })).toBe(
      'It is on the map “First online grocery order”, which will no longer show it or its emotion curve. The interview “Support chat” will keep its notes but no longer name a persona. You can undo the delete.',
    );
    expect(deleteQuestion({ maps: [{ id: 'm', title: 'A' }, { id: 'n', title: 'B' }], interviews: [{ id: 'i', title: 'X' }, { id: 'j', title: 'Y' }] })).toBe(
      'It is on 2 maps, “A” and “B”, which will no longer show it or its emotion curves. 2 interviews, “X” and “Y”, will keep their notes but no longer name a persona. You can undo the delete.',
    );
  });
});
