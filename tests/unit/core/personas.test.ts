/**
 * Personas over the contract, on a real workspace file: made, changed, listed, deleted with all that went with
 * them and brought back by undo; their pictures stored only when they are pictures, refused in words otherwise.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../../electron/core/workspace.ts';
import { refusal, tempDir } from './helpers.ts';

const picture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/images', name)).toString('base64');

let dir: string;
let ws: Workspace;
beforeEach(() => {
  dir = tempDir();
  ws = Workspace.open(path.join(dir, 'w.waymark'), { sample: true, backupsDir: path.join(dir, 'backups') });
});
afterEach(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const count = (table: string) => (ws.ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('personas', () => {
  it('are made with what was given and empty texts for the rest, changed field by field, and listed by name', async () => {
    const made = await ws.call('personas.create', { id: 'p-ann', name: '  Ann Osei ', role: 'Night-shift nurse', color: '#3c9d5d' });
    expect(made.personas).toEqual([{ id: 'p-ann', name: 'Ann Osei', role: 'Night-shift nurse', quote: '', goals: '', needs: '', frustrations: '', color: '#3c9d5d' }]);
    const changed = await ws.call('personas.update', { id: 'p-ann', quote: 'I shop at 3 am.', goals: 'Groceries without a trip' });
    expect(changed.personas[0]).toMatchObject({ name: 'Ann Osei', role: 'Night-shift nurse', quote: 'I shop at 3 am.', goals: 'Groceries without a trip', color: '#3c9d5d' });
    expect((await ws.call('personas.update', { id: 'p-ann', color: null })).personas[0]?.color).toBeNull();
    expect((await ws.call('personas.create', { name: 'bea' })).personas[0]).toMatchObject({ name: 'bea', role: '', quote: '', goals: '', needs: '', frustrations: '', color: null });
    const names = (await ws.call('personas.list', {})).map((p) => p.name);
    expect(names).toEqual(['Ann Osei', 'bea', 'Maya Okafor']); // by name, whatever the case
  });

  it('refuse an empty name, a bad colour, a taken id and an unknown persona, changing nothing', async () => {
    const before = count('personas');
    expect((await refusal(ws.call('personas.create', { name: '   ' }))).code).toBe('Invalid');
    expect((await refusal(ws.call('personas.create', { name: 'X', color: 'green' }))).message).toMatch(/colour like #ffcc00/);
    await ws.call('personas.create', { id: 'p1', name: 'One' });
    expect(await refusal(ws.call('personas.create', { id: 'p1', name: 'Two' }))).toMatchObject({ code: 'Conflict', message: 'A persona with id "p1" already exists.' });
    expect(await refusal(ws.call('personas.update', { id: 'nobody', name: 'X' }))).toMatchObject({ code: 'NotFound', message: 'No persona with id "nobody" exists; it may have been deleted.' });
    expect(await refusal(ws.call('personas.delete', { id: 'nobody' }))).toMatchObject({ code: 'NotFound' });
    expect(count('personas')).toBe(before + 1);
  });

  it('are deleted with their curves and places on maps, interviews keep their text, and undo brings all of it back', async () => {
    const [maya] = await ws.call('personas.list', {});
    if (!maya) throw new Error('sample persona missing');
    const [summary] = await ws.call('maps.list', {});
    const doc = await ws.call('maps.get', { id: summary?.id ?? '' });
    const emotion = doc.lanes.find((l) => l.kind === 'emotion')?.id ?? '';
    await ws.call('emotions.set', { laneId: emotion, stageId: doc.stages[0]?.id ?? '', personaId: maya.id, score: 2 });
    const interviewsOfMaya = (ws.ctx.db.prepare('SELECT count(*) AS n FROM interviews WHERE persona_id = ?').get(maya.id) as { n: number }).n;
    expect(interviewsOfMaya).toBeGreaterThan(0);

    const gone = await ws.call('personas.delete', { id: maya.id, tombstone: 'undo-maya' });
    expect(gone.deleted.personas).toEqual([maya.id]);
    expect(ws.ctx.db.prepare("SELECT label FROM tombstones WHERE id = 'undo-maya'").get()).toEqual({ label: 'Delete persona "Maya Okafor"' });
    expect(count('personas')).toBe(0);
    expect((await ws.call('maps.get', { id: doc.map.id })).personas).toEqual([]);
    expect((ws.ctx.db.prepare('SELECT count(*) AS n FROM interviews WHERE persona_id IS NULL').get() as { n: number }).n).toBeGreaterThanOrEqual(interviewsOfMaya);
    expect((await ws.call('maps.get', { id: doc.map.id })).emotions.filter((e) => e.personaId !== null)).toEqual([]);

    await ws.call('tombstones.restore', { id: 'undo-maya' });
    const back = await ws.call('maps.get', { id: doc.map.id });
    expect(back.personas).toEqual([maya]);
    expect(back.emotions.filter((e) => e.personaId === maya.id).map((e) => e.score)).toEqual([2]);
    expect((ws.ctx.db.prepare('SELECT count(*) AS n FROM interviews WHERE persona_id = ?').get(maya.id) as { n: number }).n).toBe(interviewsOfMaya);
  });
});

describe("a persona's usage", () => {
  it('names the maps that link it or hold its emotion curve and the interviews held with it, by title; none for a new one', async () => {
    await ws.call('personas.create', { id: 'p-new', name: 'New' });
    expect(await ws.call('personas.usage', { id: 'p-new' })).toEqual({ maps: [], interviews: [] });

    const [sample] = await ws.call('maps.list', {});
    const zebra = (await ws.call('maps.create', { title: 'zebra crossing', template: 'blank' })).maps[0]?.id ?? '';
    const apple = (await ws.call('maps.create', { title: 'Apple picking', template: 'purchase-journey' })).maps[0]?.id ?? '';
    await ws.call('maps.create', { title: 'Not about them', template: 'blank' });
    await ws.call('maps.update', { id: zebra, personaIds: ['p-new'] });
    // A curve for the persona on a map that does not name it in its header still uses the persona.
    const appleDoc = await ws.call('maps.get', { id: apple });
    const emotion = appleDoc.lanes.find((l) => l.kind === 'emotion')?.id ?? '';
    await ws.call('emotions.set', { laneId: emotion, stageId: appleDoc.stages[0]?.id ?? '', personaId: 'p-new', score: -1 });
    await ws.call('interviews.create', { title: 'Second call', personaId: 'p-new' });
    await ws.call('interviews.create', { title: 'a first call', personaId: 'p-new' });
    await ws.call('interviews.create', { title: 'Someone else' });

    const usage = await ws.call('personas.usage', { id: 'p-new' });
    expect(usage.maps).toEqual([
      { id: apple, title: 'Apple picking' },
      { id: zebra, title: 'zebra crossing' },
    ]);
    expect(usage.interviews.map((i) => i.title)).toEqual(['a first call', 'Second call']);
    expect(usage.maps.map((m) => m.id)).not.toContain(sample?.id);
  });

  it("of the sample persona is the sample map and its interviews; an unknown persona is refused", async () => {
    const [maya] = await ws.call('personas.list', {});
    const [sample] = await ws.call('maps.list', {});
    const usage = await ws.call('personas.usage', { id: maya?.id ?? '' });
    expect(usage.maps).toEqual([{ id: sample?.id, title: sample?.title }]);
    const interviews = ws.ctx.db.prepare('SELECT id, title FROM interviews WHERE persona_id = ? ORDER BY title COLLATE NOCASE, id').all(maya?.id);
    expect(interviews.length).toBeGreaterThan(0);
    expect(usage.interviews).toEqual(interviews);
    expect(await refusal(ws.call('personas.usage', { id: 'nobody' }))).toMatchObject({ code: 'NotFound', message: 'No persona with id "nobody" exists; it may have been deleted.' });
  });
});

describe("a persona's picture", () => {
  it('is stored as given when it is a PNG, JPEG or WebP of at most 512 px, read back with its type and size, and removed', async () => {
    const { personas } = await ws.call('personas.create', { id: 'p', name: 'Pic' });
    expect(personas).toHaveLength(1);
    expect(await ws.call('personas.image', { id: 'p' })).toEqual({ image: null });
    for (const [name, type, width, height] of [
      ['chromium-40x30.png', 'image/png', 40, 30],
      ['cjpeg-64x48-progressive.jpg', 'image/jpeg', 64, 48],
      ['cwebp-40x30-lossless.webp', 'image/webp', 40, 30],
    ] as const) {
      const set = await ws.call('personas.setImage', { id: 'p', image: picture(name) });
      expect(set.personas.map((x) => x.id)).toEqual(['p']); // the change names the persona, so windows can refetch
      expect(await ws.call('personas.image', { id: 'p' })).toEqual({ image: { type, width, height, data: picture(name) } });
    }
    await ws.call('personas.setImage', { id: 'p', image: null });
    expect(await ws.call('personas.image', { id: 'p' })).toEqual({ image: null });
  });

  it('is refused in words when it is not a picture, is damaged, or is not scaled down yet, and the old one stays', async () => {
    await ws.call('personas.create', { id: 'p', name: 'Pic' });
    await ws.call('personas.setImage', { id: 'p', image: picture('chromium-40x30.png') });
    const cases: [string, RegExp][] = [
      [Buffer.from('GIF89a a gif').toString('base64'), /pick a PNG, JPEG or WebP file/],
      [Buffer.from(fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/images/chromium-40x30.jpg')).subarray(0, 80)).toString('base64'), /no JPEG frame header/],
      [picture('chromium-600x400.png'), /600×400 pixels; it must be scaled to at most 512 pixels/],
      ['', /The file is empty/],
    ];
    for (const [image, message] of cases) {
      const error = await refusal(ws.call('personas.setImage', { id: 'p', image }));
      expect(error.code).toBe('Invalid');
      expect(error.message).toMatch(message);
      expect(error.issues).toEqual([`image: ${error.message}`]);
    }
    expect(await refusal(ws.call('personas.setImage', { id: 'p', image: 'not base64!' }))).toMatchObject({ code: 'Invalid', message: expect.stringMatching(/base64/) as unknown });
    expect(await refusal(ws.call('personas.image', { id: 'nobody' }))).toMatchObject({ code: 'NotFound' });
    expect((await ws.call('personas.image', { id: 'p' })).image?.data).toBe(picture('chromium-40x30.png'));
    // A picture damaged in the file (edited by another program) is not served as one.
    ws.ctx.db.prepare("UPDATE personas SET image = x'474946383961' WHERE id = 'p'").run();
    expect(await ws.call('personas.image', { id: 'p' })).toEqual({ image: null });
  });
});
