/**
 * A map updated from the workbook it was exported to, over the contract on a real workspace file: the
 * workbook edited cell by cell with SheetJS as a person edits it in Excel, the preview showing exactly those
 * edits (nothing written), the update applied in one transaction, and undone with the steps it returns; an
 * update refused when the map changed since the preview, or when the file is not that map's workbook.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MapUpdatePreview } from '../../../electron/api/mapImports.ts';
import type { MapDocument } from '../../../electron/api/types.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { refusal, tempDir } from './helpers.ts';
import { allTables, EditedBook, shapeOf } from './mapImportHelpers.ts';
import { buildFixture } from './xlsxFixture.ts';

let dir: string;
let ws: Workspace;
let clock: number;
beforeEach(() => {
  dir = tempDir();
  clock = Date.UTC(2026, 5, 1, 9, 0, 0);
  ws = Workspace.open(path.join(dir, 'w.waymark'), { backupsDir: path.join(dir, 'backups'), now: () => new Date((clock += 1000)) });
});
afterEach(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Renewal {
  mapId: string;
  cards: Record<'reminder' | 'letter' | 'compares' | 'email' | 'oneClick' | 'guarantee', string>;
  quoteId: string;
}

/** A small map: three stages, a lane of each kind an update touches, a card with a control character, a quote on a card. */
async function renewal(title = 'Renewal'): Promise<Renewal> {
  const made = await ws.call('maps.create', { title, template: 'blank' });
  const mapId = made.maps[0]?.id ?? '';
  for (const l of made.lanes) await ws.call('lanes.delete', { id: l.id });
  for (const s of made.stages) await ws.call('stages.delete', { id: s.id });
  const stage = async (name: string) => (await ws.call('stages.create', { mapId, name })).stages[0]?.id ?? '';
  const [discover, compare, buy] = [await stage('Discover'), await stage('Compare'), await stage('Buy')];
  const lane = async (kind: 'text' | 'touchpoints' | 'emotion' | 'opportunities', t: string) => (await ws.call('lanes.create', { mapId, kind, title: t })).lanes[0]?.id ?? '';
  const [actions, channels, feeling, ideas] = [await lane('text', 'Actions'), await lane('touchpoints', 'Channels'), await lane('emotion', 'Feeling'), await lane('opportunities', 'Ideas')];
  const card = async (laneId: string, stageId: string, text: string, extra: object = {}) => (await ws.call('cards.create', { laneId, stageId, text, ...extra })).cards[0]?.id ?? '';
  const cards = {
    reminder: await card(actions, discover, 'Gets a reminder'),
    letter: await card(actions, discover, 'Reads the letter\u0007'),
    compares: await card(actions, compare, 'Compares prices'),
    email: await card(channels, discover, 'Email', { channel: 'email', evidence: 'observed' }),
    oneClick: await card(ideas, buy, 'One-click renewal', { votes: 4, color: '#00ff00', evidence: 'proposed' }),
    guarantee: await card(ideas, compare, 'Price guarantee'),
  };
  await ws.call('emotions.set', { laneId: feeling, stageId: discover, score: 1, label: 'Fine' });
  await ws.call('emotions.set', { laneId: feeling, stageId: compare, score: -2, label: 'Stressed' });
  await ws.call('emotions.set', { laneId: feeling, stageId: buy, score: 2 });
  const interviewId = (await ws.call('interviews.create', { title: 'Call', participant: 'Bo', method: 'interview' })).interviews[0]?.id ?? '';
  const quoteId = (await ws.call('quotes.create', { interviewId, text: 'I would pay for a guarantee', sentiment: 1 })).quotes[0]?.id ?? '';
  await ws.call('quotes.link', { quoteIds: [quoteId], stageId: compare, cardId: cards.guarantee });
  return { mapId, cards, quoteId };
}

const exported = async (mapId: string) => new EditedBook((await ws.call('exports.workbook', { mapIds: [mapId] })).base64);
const doc = (mapId: string): Promise<MapDocument> => ws.call('maps.get', { id: mapId });
const preview = (mapId: string, file: string, sheet?: string, fileName = 'Renewal.xlsx') => ws.call('maps.previewUpdate', { mapId, file, fileName, ...(sheet ? { sheet } : {}) });
const apply = (mapId: string, file: string, token: string, fileName = 'Renewal.xlsx') => ws.call('maps.applyUpdate', { mapId, file, fileName, token });
const linksOf = (d: MapDocument) => d.quoteLinks.map((l) => [l.quoteId, l.cardId]);
const diffOf = (p: MapUpdatePreview) => ({ cards: p.cards, stages: p.stages, lanes: p.lanes, emotions: p.emotions, changes: p.changes });

describe('updating a map from its workbook', () => {
  it('a card changed in Cards, a row of Cards deleted, a card added in the Map grid: the preview shows exactly those; apply; undo', async () => {
    const r = await renewal();
    const original = await doc(r.mapId);
    const book = await exported(r.mapId);
    const compares = book.rowOf('Cards', 2, 'Compares prices');
    book.set('Cards', `C${compares}`, 'Compares three prices');
    book.deleteRow('Cards', book.rowOf('Cards', 2, 'Price guarantee'));
    const channels = book.rowOf('Map', 0, 'Channels');
    book.set('Map', `E${channels}`, 'Phone call');
    const file = book.base64();

    const before = allTables(ws.ctx.db);
    const p = await preview(r.mapId, file);
    expect(allTables(ws.ctx.db)).toEqual(before);
    expect(p.problems).toEqual([]);
    expect(diffOf(p)).toEqual({
      cards: {
        added: [{ id: null, cell: `E${channels}`, lane: 'Channels', stage: 'Buy', text: 'Phone call', fields: [] }],
        changed: [{ id: r.cards.compares, cell: `Cards!C${compares}`, lane: 'Actions', stage: 'Compare', text: 'Compares three prices', fields: [{ field: 'text', from: 'Compares prices', to: 'Compares three prices' }] }],
        removed: [{ id: r.cards.guarantee, cell: null, lane: 'Ideas', stage: 'Compare', text: 'Price guarantee', fields: [], why: 'Its row is not in the Cards sheet.' }],
      },
      stages: { added: [], renamed: [] },
      lanes: { added: [], renamed: [] },
      emotions: [],
      changes: 3,
    });
    expect(p).toMatchObject({ mapId: r.mapId, title: 'Renewal', source: { kind: 'xlsx', sheet: 'Map' } });
    expect(p.token).toMatch(/^[0-9a-f]{64}$/);

    const done = await apply(r.mapId, file, p.token);
    const after = await doc(r.mapId);
    const cardsNow = shapeOf(after).cards.map((c) => [c[0], c[1], c[2]]);
    expect(cardsNow).toEqual([
      ['Actions', 'Discover', 'Gets a reminder'],
      ['Actions', 'Discover', 'Reads the letter\u0007'],
      ['Actions', 'Compare', 'Compares three prices'],
      ['Channels', 'Discover', 'Email'],
      ['Channels', 'Buy', 'Phone call'],
      ['Ideas', 'Buy', 'One-click renewal'],
    ]);
    expect(after.cards.find((c) => c.id === r.cards.compares)?.text).toBe('Compares three prices');
    expect(linksOf(after)).toEqual([]);
    // The ChangeSet: the cards written, the card removed under a tombstone, the map touched.
    expect(done.mapId).toBe(r.mapId);
    expect(done.cards.map((c) => c.text).sort()).toEqual(['Compares three prices', 'Phone call']);
    expect(done.deleted.cards).toEqual([r.cards.guarantee]);
    expect(done.deleted.quoteLinks).toHaveLength(1);
    expect(done.tombstones).toHaveLength(1);
    expect(done.maps.map((m) => m.id)).toEqual([r.mapId]);
    expect(done.undo.map((s) => s.name)).toEqual(['cards.update', 'cards.delete', 'tombstones.restore']);
    expect(ws.ctx.db.prepare('SELECT label, map_id FROM tombstones WHERE id = ?').get(done.tombstones[0])).toEqual({ label: 'Update from a spreadsheet', map_id: r.mapId });

    await ws.call('batch.run', { steps: done.undo });
    const undone = await doc(r.mapId);
    expect(shapeOf(undone)).toEqual(shapeOf(original));
    expect(undone.cards.map((c) => c.id).sort()).toEqual(original.cards.map((c) => c.id).sort());
    expect(linksOf(undone)).toEqual([[r.quoteId, r.cards.guarantee]]);
  });

  it('what the Map sheet says: stages and lanes renamed and added, scores changed and cleared, a line edited, a line moved, votes; and Cards moves and colours', async () => {
    const r = await renewal();
    const original = await doc(r.mapId);
    const book = await exported(r.mapId);
    const row = (title: string) => book.rowOf('Map', 0, title);
    const [actions, feeling, ideas] = [row('Actions'), row('Feeling'), row('Ideas')];
    expect(book.text('Map', `C${actions}`)).toBe('• Gets a reminder\n• Reads the letter');
    book.set('Map', 'D1', 'Compare offers').set('Map', `A${ideas}`, 'Opportunities');
    book.set('Map', 'F1', 'Renew').set('Map', `F${actions}`, 'Renews online').set('Map', `F${feeling}`, 1);
    book.set('Map', `C${feeling}`, -1).set('Map', `E${feeling}`, null);
    book.set('Map', `D${actions}`, 'Compares offers');
    book.set('Map', `C${actions}`, 'Reads the letter').set('Map', `E${actions}`, 'Gets a reminder');
    book.set('Map', `E${ideas}`, 'One-click renewal · 6 votes');
    book.set('Cards', `B${book.rowOf('Cards', 2, 'Email')}`, 'Buy');
    book.set('Cards', `D${book.rowOf('Cards', 2, 'Price guarantee')}`, '#FF0000');
    // A line that is also another card's (so no line tells which cell a Cards row is in): the row's old lane name does.
    book.set('Map', `C${ideas}`, 'Price guarantee');
    const file = book.base64();

    const p = await preview(r.mapId, file);
    expect(p.problems).toEqual([]);
    const changed = Object.fromEntries(p.cards.changed.map((c) => [c.text, c.fields.map((f) => `${f.field}: ${f.from} → ${f.to}`)]));
    expect(changed).toEqual({
      'Compares offers': ['text: Compares prices → Compares offers'],
      'Gets a reminder': ['place: Actions · Discover → Actions · Buy'],
      Email: ['place: Channels · Discover → Channels · Buy'],
      'One-click renewal': ['votes: 4 → 6'],
      'Price guarantee': ['color: none → #ff0000'],
    });
    expect(p.cards.added.map((c) => [c.cell, c.lane, c.stage, c.text])).toEqual([
      [`F${actions}`, 'Actions', 'Renew', 'Renews online'],
      [`C${ideas}`, 'Opportunities', 'Discover', 'Price guarantee'],
    ]);
    expect(p.changes).toBe(5 + 2 + 1 + 1 + 1 + 3);
    expect(p.cards.removed).toEqual([]);
    expect(p.stages).toEqual({ added: [{ column: 'F', name: 'Renew' }], renamed: [{ id: original.stages[1]?.id, column: 'D', from: 'Compare', to: 'Compare offers' }] });
    expect(p.lanes).toEqual({ added: [], renamed: [{ id: original.lanes[3]?.id, row: ideas, from: 'Ideas', to: 'Opportunities' }] });
    expect(p.emotions).toEqual([
      { cell: `C${feeling}`, lane: 'Feeling', stage: 'Discover', curve: 'Team', from: '+1 “Fine”', to: '−1 “Fine”' },
      { cell: `B${feeling}`, lane: 'Feeling', stage: 'Buy', curve: 'Team', from: '+2', to: 'none' },
      { cell: `F${feeling}`, lane: 'Feeling', stage: 'Renew', curve: 'Team', from: 'none', to: '+1' },
    ]);

    const done = await apply(r.mapId, file, p.token);
    const shape = shapeOf(await doc(r.mapId));
    expect(shape.stages.map((s) => s[0])).toEqual(['Discover', 'Compare offers', 'Buy', 'Renew']);
    expect(shape.lanes.map((l) => l[1])).toEqual(['Actions', 'Channels', 'Feeling', 'Opportunities']);
    expect(shape.cards.map((c) => [c[0], c[1], c[2], c[3], c[5]])).toEqual([
      ['Actions', 'Discover', 'Reads the letter\u0007', null, 0],
      ['Actions', 'Compare offers', 'Compares offers', null, 0],
      ['Actions', 'Buy', 'Gets a reminder', null, 0],
      ['Actions', 'Renew', 'Renews online', null, 0],
      ['Channels', 'Buy', 'Email', null, 0],
      ['Opportunities', 'Discover', 'Price guarantee', null, 0],
      ['Opportunities', 'Compare offers', 'Price guarantee', '#ff0000', 0],
      ['Opportunities', 'Buy', 'One-click renewal', '#00ff00', 6],
    ]);
    expect(shape.emotions).toEqual([
      ['Feeling', 'Compare offers', null, -2, 'Stressed'],
      ['Feeling', 'Discover', null, -1, 'Fine'],
      ['Feeling', 'Renew', null, 1, ''],
    ]);
    expect(done.stages.map((s) => s.name).sort()).toEqual(['Compare offers', 'Renew']);
    expect(done.lanes.map((l) => l.title)).toEqual(['Opportunities']);
    expect(done.deleted.emotions).toHaveLength(1);
    expect(done.emotions.map((e) => [e.score, e.label]).sort()).toEqual([
      [-1, 'Fine'],
      [1, ''],
    ]);
    expect([done.tombstones, done.deleted.cards]).toEqual([[], []]);
    // Moves back, edits back, the scores on stages that stay, the added card, the added stage, the old names.
    expect(done.undo.map((u) => u.name)).toEqual(['cards.move', 'cards.move', 'cards.update', 'cards.update', 'cards.update', 'emotions.set', 'emotions.set', 'cards.delete', 'cards.delete', 'stages.update', 'stages.delete', 'lanes.update']);

    await ws.call('batch.run', { steps: done.undo });
    expect(shapeOf(await doc(r.mapId))).toEqual(shapeOf(original));
  });

  it('new lines at their places in a cell, a stage and a lane inserted in the middle, cards moved out and back in their order, a label and an evidence changed, a control character kept', async () => {
    const r = await renewal();
    const extra = (await ws.call('cards.create', { laneId: (await doc(r.mapId)).lanes[0]?.id ?? '', stageId: (await doc(r.mapId)).stages[0]?.id ?? '', text: 'Calls support' })).cards[0]?.id ?? '';
    // Buy has no score on the team's curve: the workbook gives it one.
    await ws.call('emotions.set', { laneId: (await doc(r.mapId)).lanes[2]?.id ?? '', stageId: (await doc(r.mapId)).stages[2]?.id ?? '', score: null });
    const original = await doc(r.mapId);
    const book = await exported(r.mapId);
    const row = (title: string) => book.rowOf('Map', 0, title);
    // The Cards sheet: two adjacent cards of Actions × Discover moved to Buy; an evidence changed; votes of the card with a control character.
    for (const text of ['Reads the letter', 'Calls support']) book.set('Cards', `B${book.rowOf('Cards', 2, text)}`, 'Buy');
    book.set('Cards', `F${book.rowOf('Cards', 2, 'Email')}`, 'proposed');
    book.set('Cards', `G${book.rowOf('Cards', 2, 'Reads the letter')}`, 5);
    // The Map sheet: new lines at the top and in the middle of Actions × Buy, a label changed.
    const feeling = row('Feeling');
    book.set('Map', `E${row('Actions')}`, 'First thing\nCalls support\nIn between\nReads the letter · 5 votes');
    book.set('Map', `C${row('Actions')}`, 'Wakes up\nGets a reminder\nReads the letter\nCalls support');
    book.set('Map', `D${feeling + 1}`, 'Very stressed').set('Map', `C${feeling}`, 0).set('Map', `E${feeling}`, -1);
    // A stage inserted between Discover and Compare, a lane between Actions and Channels, each with something in it.
    book.insertColumn('Map', 3).set('Map', 'D1', 'Shortlist').set('Map', `D${row('Actions')}`, 'Reads reviews');
    book.insertRow('Map', row('Channels')).set('Map', `A${row('Actions') + 1}`, 'Thoughts').set('Map', `C${row('Actions') + 1}`, 'Is it worth it?');
    book.insertRow('Map', row('Ideas')).set('Map', `A${row('Ideas') - 1}`, 'Mood').set('Map', `C${row('Ideas') - 1}`, 1).set('Map', `E${row('Ideas') - 1}`, -1);
    const file = book.base64();
    const p = await preview(r.mapId, file);
    expect(p.problems).toEqual([]);
    expect(p.stages.added).toEqual([{ column: 'D', name: 'Shortlist' }]);
    expect(p.lanes.added.map((l) => [l.title, l.kind])).toEqual([
      ['Thoughts', 'text'],
      ['Mood', 'emotion'],
    ]);
    expect(p.emotions.map((e) => [e.lane, e.stage, e.from, e.to])).toEqual([
      ['Feeling', 'Discover', '+1 “Fine”', '0 “Fine”'],
      ['Feeling', 'Compare', '−2 “Stressed”', '−2 “Very stressed”'],
      ['Feeling', 'Buy', 'none', '−1'],
      ['Mood', 'Discover', 'none', '+1'],
      ['Mood', 'Compare', 'none', '−1'],
    ]);
    expect(p.changes).toBe(3 + 5 + 1 + 2 + 5);
    expect(p.cards.changed.find((c) => c.text === 'Email')?.fields).toEqual([
      { field: 'evidence', from: 'observed', to: 'proposed' },
    ]);
    const done = await apply(r.mapId, file, p.token);
    const stored = await doc(r.mapId);
    // Every card of a cell on a key of its own.
    const keysOf = new Map<string, string[]>();
    for (const c of stored.cards) keysOf.set(`${c.laneId} ${c.stageId}`, [...(keysOf.get(`${c.laneId} ${c.stageId}`) ?? []), c.position]);
    for (const keys of keysOf.values()) expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(stored.stages.map((st) => st.position)).size).toBe(stored.stages.length);
    expect(new Set(stored.lanes.map((l) => l.position)).size).toBe(stored.lanes.length);
    const after = shapeOf(stored);
    expect(after.stages.map((st) => st[0])).toEqual(['Discover', 'Shortlist', 'Compare', 'Buy']);
    expect(after.lanes.map((l) => l[1])).toEqual(['Actions', 'Thoughts', 'Channels', 'Feeling', 'Mood', 'Ideas']);
    expect(after.cards.filter((c) => c[0] === 'Actions').map((c) => [c[1], c[2], c[5]])).toEqual([
      ['Discover', 'Wakes up', 0],
      ['Discover', 'Gets a reminder', 0],
      ['Shortlist', 'Reads reviews', 0],
      ['Compare', 'Compares prices', 0],
      ['Buy', 'First thing', 0],
      ['Buy', 'Calls support', 0],
      ['Buy', 'In between', 0],
      ['Buy', 'Reads the letter\u0007', 5],
    ]);
    expect(after.cards.find((c) => c[2] === 'Email')?.[6]).toBe('proposed');
    expect(after.cards.filter((c) => c[0] === 'Thoughts').map((c) => c[2])).toEqual(['Is it worth it?']);
    expect(after.emotions.filter((e) => e[0] === 'Mood').map((e) => [e[1], e[3]])).toEqual([
      ['Compare', -1],
      ['Discover', 1],
    ]);
    expect(done.lanes.map((l) => l.title).sort()).toEqual(['Mood', 'Thoughts']);
    expect(done.undo.map((u) => u.name)).toEqual([
      'cards.move',
      'cards.move',
      'cards.update',
      'cards.update',
      'emotions.set',
      'emotions.set',
      'emotions.set',
      'cards.delete',
      'cards.delete',
      'cards.delete',
      'cards.delete',
      'cards.delete',
      'stages.delete',
      'lanes.delete',
      'lanes.delete',
    ]);
    await ws.call('batch.run', { steps: done.undo });
    const undone = await doc(r.mapId);
    expect(shapeOf(undone)).toEqual(shapeOf(original));
    expect(undone.cards.find((c) => c.id === extra)?.stageId).toBe(original.stages[0]?.id);
  });

  it('an update too big to undo in one batch says so in its preview, and comes back without undo steps; one just small enough keeps them', async () => {
    const r = await renewal();
    // Cards written across a row of cells (a cell holds at most 32,767 characters).
    const fill = (book: EditedBook, row: number, columns: string[], n: number) => {
      let made = 0;
      columns.forEach((column, k) => {
        const count = Math.ceil((n - made) / (columns.length - k));
        book.set('Map', `${column}${row}`, Array.from({ length: count }, (_, i) => `• Card ${column}${made + i}`).join('\n'));
        made += count;
      });
    };
    // Every kind of step once (an edit, a move, a score, a stage and a lane added and renamed, a card removed) and the rest added cards: 5,001 steps.
    const big = await exported(r.mapId);
    big.set('Cards', `C${big.rowOf('Cards', 2, 'Compares prices')}`, 'Compares many prices');
    big.set('Cards', `B${big.rowOf('Cards', 2, 'Email')}`, 'Buy');
    big.deleteRow('Cards', big.rowOf('Cards', 2, 'Price guarantee'));
    big.set('Map', `C${big.rowOf('Map', 0, 'Feeling')}`, 2);
    big.set('Map', 'C1', 'Discovery').set('Map', 'F1', 'Renew');
    big.set('Map', `A${big.rowOf('Map', 0, 'Channels')}`, 'Touchpoints');
    const ideas = big.rowOf('Map', 0, 'Ideas');
    big.insertRow('Map', ideas + 1).set('Map', `A${ideas + 1}`, 'More ideas');
    fill(big, ideas + 1, ['C', 'D', 'E', 'F'], 4993);
    const p = await preview(r.mapId, big.base64());
    const warning = 'This update changes so much that it cannot be undone in one step: once it is applied, the workspace’s backups are the way back.';
    expect([p.problems, p.cards.added.length, p.cards.changed.length, p.cards.removed.length, p.emotions.length, p.stages.added.length, p.stages.renamed.length, p.lanes.added.length, p.lanes.renamed.length]).toEqual([[], 4993, 2, 1, 1, 1, 1, 1, 1]);
    expect(p.warnings.map((w) => w.message)).toContain(warning);
    const done = await apply(r.mapId, big.base64(), p.token);
    expect(done.undo).toEqual([]);
    // 5,000 steps of every kind (three edits, two moves — one card both —, a score on a stage that stays and one on a
    // stage added, a stage and a lane added, and 4,992 cards): undone in one batch; one card more, and it could not be.
    const s = await renewal('Small');
    const original = await doc(s.mapId);
    const small = await exported(s.mapId);
    small.set('Cards', `C${small.rowOf('Cards', 2, 'Compares prices')}`, 'Compares many prices');
    small.set('Cards', `C${small.rowOf('Cards', 2, 'Price guarantee')}`, 'Price promise');
    small.set('Cards', `B${small.rowOf('Cards', 2, 'Email')}`, 'Buy');
    const reminder = small.rowOf('Cards', 2, 'Gets a reminder');
    small.set('Cards', `C${reminder}`, 'Gets two reminders').set('Cards', `B${reminder}`, 'Buy');
    const feeling = small.rowOf('Map', 0, 'Feeling');
    small.set('Map', `C${feeling}`, 2).set('Map', 'F1', 'Renew').set('Map', `F${feeling}`, 1);
    const last = small.rows('Map').length + 1;
    small.set('Map', `A${last}`, 'Many');
    fill(small, last, ['C', 'D', 'E'], 4992);
    const q = await preview(s.mapId, small.base64());
    expect([q.problems, q.cards.added.length, q.cards.changed.length, q.emotions.length, q.stages.added.length, q.lanes.added.length, q.warnings.map((w) => w.message).filter((m) => m === warning)]).toEqual([[], 4992, 4, 2, 1, 1, []]);
    const kept = await apply(s.mapId, small.base64(), q.token);
    expect(kept.undo).toHaveLength(5000);
    await ws.call('batch.run', { steps: kept.undo });
    expect(shapeOf(await doc(s.mapId))).toEqual(shapeOf(original));
    fill(small, last, ['C', 'D', 'E'], 4993);
    const over = await preview(s.mapId, small.base64());
    expect([over.cards.added.length, over.warnings.map((w) => w.message).filter((m) => m === warning)]).toEqual([4993, [warning]]);
  }, 60_000);

  it('the map changed since the preview so that the update would be another: refused (Conflict), nothing written; a change elsewhere is no obstacle', async () => {
    const r = await renewal();
    const book = await exported(r.mapId);
    book.set('Cards', `C${book.rowOf('Cards', 2, 'Compares prices')}`, 'Compares three prices');
    const file = book.base64();
    const p = await preview(r.mapId, file);
    await ws.call('cards.update', { id: r.cards.compares, text: 'Compares two prices' });
    const before = allTables(ws.ctx.db);
    const error = await refusal(apply(r.mapId, file, p.token));
    expect([error.code, error.message]).toEqual(['Conflict', '“Renewal” has changed since the preview, so this update is no longer the one you saw. Nothing was changed: preview the update again.']);
    expect(allTables(ws.ctx.db)).toEqual(before);
    // Previewed again, it applies; an edit meanwhile that the update does not touch leaves its token as it was.
    const again = await preview(r.mapId, file);
    expect(again.cards.changed[0]?.fields).toEqual([{ field: 'text', from: 'Compares two prices', to: 'Compares three prices' }]);
    // (The map's description is not in the workbook: its change is no change of the update.)
    await ws.call('maps.update', { id: r.mapId, description: 'Edited meanwhile' });
    const same = await preview(r.mapId, file);
    expect(same.token).toBe(again.token);
    await apply(r.mapId, file, again.token);
    expect((await doc(r.mapId)).cards.find((c) => c.id === r.cards.compares)?.text).toBe('Compares three prices');
  });

  it('a workbook that shows the map as it is changes nothing: no card is taken for edited because the export left out a control character', async () => {
    const r = await renewal();
    const file = (await exported(r.mapId)).base64();
    const p = await preview(r.mapId, file);
    expect(diffOf(p)).toEqual({ cards: { added: [], changed: [], removed: [] }, stages: { added: [], renamed: [] }, lanes: { added: [], renamed: [] }, emotions: [], changes: 0 });
    const before = allTables(ws.ctx.db);
    const done = await apply(r.mapId, file, p.token);
    expect(done.undo).toEqual([]);
    expect(done.maps).toEqual([]);
    expect(allTables(ws.ctx.db)).toEqual(before);
  });

  it('a workbook of every kind of lane, as exported, changes nothing; metrics and owners edited in it are left alone, and a warning names their cells', async () => {
    const f = await buildFixture(ws);
    const raw = (await ws.call('exports.workbook', { mapIds: [f.mapId] })).base64;
    const same = await preview(f.mapId, raw);
    expect([same.changes, same.problems]).toEqual([0, []]);
    expect(same.warnings.map((w) => w.cell)).toEqual(['A8']);
    const book = new EditedBook(raw);
    const numbers = book.rowOf('Map', 0, 'Numbers');
    const owners = book.rowOf('Map', 0, 'Owners');
    // The metrics lane's rows are in name order: Conversion (%), then entered stage (customers).
    expect([book.text('Map', `D${numbers}`), book.text('Map', `C${numbers + 1}`), book.text('Map', `C${owners}`)]).toEqual(['12.5', '1500', 'Marketing']);
    book.set('Map', `D${numbers}`, 7).set('Map', `C${numbers + 1}`, 1600).set('Map', `C${owners}`, 'Sales').set('Map', `D${owners}`, 'Support');
    const edited = await preview(f.mapId, book.base64());
    expect(edited.warnings.map((w) => [w.cell, w.message]).slice(1)).toEqual([
      [`C${owners}`, `The stages’ owners in C${owners} and D${owners} differ from the map’s: an update leaves owners as they are (change them on the map).`],
      [`D${numbers}`, `The metrics in D${numbers} and C${numbers + 1} differ from the map’s: an update leaves metrics as they are (bring new values in with Import metrics… in the map’s header).`],
    ]);
    const done = await ws.call('maps.applyUpdate', { mapId: f.mapId, file: book.base64(), fileName: 'f.xlsx', token: edited.token });
    const after = await doc(f.mapId);
    expect(after.stages.map((st) => st.owner)).toEqual(['Marketing', '', '']);
    expect(after.metrics.map((m) => m.value).sort()).toEqual([12.5, 1200, 1500]);
    expect(done.cards.map((c) => c.text)).toEqual(['@here ping the team A']); // SheetJS writes "_x0041_" as it is, and reads it back as "A"
    // Owners cleared in the workbook are named too.
    const cleared = new EditedBook(raw);
    cleared.set('Map', `C${owners}`, null);
    expect((await preview(f.mapId, cleared.base64())).warnings.map((w) => [w.cell, w.message])).toContainEqual([null, 'The stages’ owners in stage “Discover” differ from the map’s: an update leaves owners as they are (change them on the map).']);
  });

  it('refuses in words, writing nothing: a file that is no Waymark workbook, another map’s workbook, problems in the Cards sheet, a map that is not there', async () => {
    const r = await renewal();
    const other = await renewal('Other');
    const check = async (file: string, message: string, mapId = r.mapId, fileName = 'Renewal.xlsx') => {
      const p = await preview(mapId, file, undefined, fileName);
      expect(p.problems.map((x) => x.message)).toContain(message);
      if (fileName.endsWith('.csv')) expect([p.cards.removed, p.changes]).toEqual([[], 0]);
      const before = allTables(ws.ctx.db);
      const error = await refusal(apply(mapId, file, p.token, fileName));
      expect(error.code).toBe('Invalid');
      expect(error.message).toContain(message.replace(/\.$/, ''));
      expect(error.message).toMatch(/The map was not changed\.$/);
      expect(allTables(ws.ctx.db)).toEqual(before);
    };
    await check(Buffer.from('Map,Discover\nActions,x\n').toString('base64'), 'This file is not a workbook Waymark exported (it has no Cards sheet with the cards’ ids beside its grid), so it cannot update a map: import it as a new map instead.', r.mapId, 'grid.csv');
    await check((await exported(other.mapId)).base64(), 'The workbook was exported from the map “Other”, not from “Renewal”: update that map, or import the workbook as a new map.');
    const bad = await exported(r.mapId);
    bad.set('Cards', `D${bad.rowOf('Cards', 2, 'Email')}`, 'blue');
    await check(bad.base64(), '“blue” is not a colour: write it like #ffcc00, or leave the cell empty.');
    const grid = await exported(r.mapId);
    grid.set('Map', `G${grid.rowOf('Map', 0, 'Actions')}`, 'Under no stage');
    await check(grid.base64(), 'The column has no stage name, but G2 below it holds something: name the stage here, or empty the column.');
    const feelings = await exported(r.mapId);
    feelings.set('Cards', `A${feelings.rowOf('Cards', 2, 'Email')}`, 'Feeling');
    await check(feelings.base64(), 'The lane “Feeling” is an emotion lane, which holds no cards: choose a kind of lane that holds cards, or delete the row.');
    const strange = await exported(r.mapId);
    strange.set('Map', `C${strange.rowOf('Map', 0, 'Feeling')}`, 'very happy');
    await check(strange.base64(), '“very happy” is not a whole number, as a score of the emotion lane “Feeling” must be.');
    const scale = await exported(r.mapId);
    scale.set('Map', `C${scale.rowOf('Map', 0, 'Feeling')}`, 5);
    await check(scale.base64(), 'The score +5 is outside the scale of −2 to +2.');
    // A workbook whose cards are all gone from the workspace is not taken for this map's.
    const empty = await renewal('Empty');
    const emptied = await exported(empty.mapId);
    for (const id of Object.values(empty.cards)) await ws.call('cards.delete', { id });
    await check(emptied.base64(), 'The workbook was not exported from “Empty” (none of its cards is on this map): import it as a new map instead.', empty.mapId);
    const missing = await refusal(preview('no-such-map', (await exported(r.mapId)).base64()));
    expect(missing.code).toBe('NotFound');
    const token = await refusal(ws.call('maps.applyUpdate', { mapId: r.mapId, file: (await exported(r.mapId)).base64(), fileName: 'x.xlsx', token: 'abc' }));
    expect(token.message).toMatch(/token must be the token of a preview/);
  });

  it('a card on no line of its cell is removed, one pasted into another cell moves there keeping its quotes; a stage the workbook no longer shows stays', async () => {
    const r = await renewal();
    const book = await exported(r.mapId);
    const ideas = book.rowOf('Map', 0, 'Ideas');
    // "Price guarantee" cut from Ideas × Compare and pasted into Ideas × Buy; "One-click renewal" taken out.
    book.set('Map', `D${ideas}`, null).set('Map', `E${ideas}`, 'Price guarantee');
    // The Buy column emptied of its header: its cells are empty too, so the stage is simply not in the workbook.
    const file = book.base64();
    const p = await preview(r.mapId, file);
    expect(p.cards.changed.map((c) => [c.text, c.fields])).toEqual([['Price guarantee', [{ field: 'place', from: 'Ideas · Compare', to: 'Ideas · Buy' }]]]);
    expect(p.cards.removed.map((c) => [c.text, c.cell, c.why])).toEqual([['One-click renewal', `E${ideas}`, `Its line is not in its cell, E${ideas}, of the Map sheet.`]]);
    const done = await apply(r.mapId, file, p.token);
    const after = await doc(r.mapId);
    expect(linksOf(after)).toEqual([[r.quoteId, r.cards.guarantee]]);
    expect(after.cards.find((c) => c.id === r.cards.guarantee)?.stageId).toBe(after.stages[2]?.id);
    // Its quote backs the stage it is in now, as after a move: counted there, and named by the update's ChangeSet.
    const [link] = after.quoteLinks;
    expect(link?.stageId).toBe(after.stages[2]?.id);
    expect(done.quoteLinks.map((l) => [l.id, l.stageId])).toEqual([[link?.id, after.stages[2]?.id]]);
    await ws.call('batch.run', { steps: done.undo });
    const undone = await doc(r.mapId);
    expect(undone.cards.map((c) => c.id).sort()).toEqual(Object.values(r.cards).sort());
    expect(undone.quoteLinks.map((l) => l.stageId)).toEqual([undone.cards.find((c) => c.id === r.cards.guarantee)?.stageId]);

    const cut = await exported(r.mapId);
    for (const ref of ['E1', ...Array.from({ length: 6 }, (_, i) => `E${i + 2}`)]) cut.set('Map', ref, null);
    cut.set('Cards', `G${cut.rowOf('Cards', 2, 'One-click renewal')}`, 7);
    cut.set('Map', 'D1', 'Discover');
    const q = await preview(r.mapId, cut.base64());
    expect(q.warnings.map((w) => w.message)).toContain('A stage called “Discover” is in C1 too: both are imported, as two stages.');
    expect(q.warnings.map((w) => w.message)).toContain('The stage “Buy” is not in the workbook: it stays on the map as it is.');
    expect(q.stages.renamed.map((x) => [x.column, x.from, x.to])).toEqual([['D', 'Compare', 'Discover']]);
    expect(q.stages.added).toEqual([]);
    expect(q.cards.removed).toEqual([]);
    expect(q.problems).toEqual([]);
    expect(q.cards.changed.map((c) => [c.lane, c.stage, c.text])).toEqual([['Ideas', 'Buy', 'One-click renewal']]);
  });

  it('what it cannot place or find: a lane the workbook no longer shows keeps its cards, an id not on the map is a new card, a persona not here is left out; two lanes of one name keep their cards', async () => {
    const r = await renewal();
    const book = await exported(r.mapId);
    book.set('Cards', `F${book.rowOf('Cards', 2, 'Email')}`, 'proposed');
    book.set('Cards', `I${book.rowOf('Cards', 2, 'Compares prices')}`, 'not-on-this-map');
    const feeling = book.rowOf('Map', 0, 'Feeling');
    book.insertRow('Map', feeling + 2).set('Map', `B${feeling + 2}`, 'Bo: score').set('Map', `C${feeling + 2}`, 1);
    book.set('Map', `B${feeling}`, 'Score').set('Map', `B${feeling + 1}`, 'Label');
    book.deleteRow('Map', book.rowOf('Map', 0, 'Channels'));
    // The first lane and the first stage renamed; a card of them edited; a labelled score cleared.
    book.set('Map', 'A2', 'Doing').set('Map', 'C1', 'Discovery');
    book.set('Cards', `C${book.rowOf('Cards', 2, 'Gets a reminder')}`, 'Gets two reminders');
    book.set('Map', `D${book.rowOf('Map', 0, 'Feeling')}`, null);
    const p = await preview(r.mapId, book.base64());
    expect(p.problems).toEqual([]);
    expect(p.cards.changed.map((c) => [c.lane, c.stage, c.text, c.fields.map((f) => f.field)])).toEqual([
      ['Doing', 'Discovery', 'Gets two reminders', ['text']],
      ['Channels', 'Discovery', 'Email', ['evidence']],
    ]);
    expect(p.emotions.map((e) => [e.stage, e.from, e.to])).toEqual([['Compare', '−2 “Stressed”', 'none']]);
    expect(p.cards.added.map((c) => c.text)).toEqual(['Compares prices']);
    expect(p.cards.removed.map((c) => [c.text, c.why])).toEqual([['Compares prices', 'Its row is not in the Cards sheet.']]);
    expect(p.warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([
        'No card with this id is on the map: the row is added as a new card.',
        'No persona called “Bo” is in this workspace: this curve is not changed.',
        'The lane “Channels” is not in the workbook: it stays on the map as it is.',
      ]) as string[],
    );
    // Two lanes of one name: each card stays in its own.
    const made = await ws.call('lanes.create', { mapId: r.mapId, kind: 'text', title: 'Actions' });
    await ws.call('cards.create', { laneId: made.lanes[0]?.id ?? '', stageId: (await doc(r.mapId)).stages[1]?.id ?? '', text: 'In the second' });
    const twins = await preview(r.mapId, (await exported(r.mapId)).base64());
    expect([twins.changes, twins.problems]).toEqual([0, []]);
  });

  it('owners and metrics as exported are not warned of (spaces, case, a stage the update adds); a metric added or emptied, and owners without their lane, are', async () => {
    const f = await buildFixture(ws);
    await ws.call('stages.update', { id: f.stages.signup, owner: ' Sales ' });
    await ws.call('metrics.create', { stageId: f.stages.use, name: 'NPS', value: 30 });
    await ws.call('metrics.create', { stageId: f.stages.signup, name: 'nps', value: 20 });
    await ws.call('cards.create', { laneId: f.lanes.actions, stageId: f.stages.use, text: '  Spaced out  ' });
    const raw = (await ws.call('exports.workbook', { mapIds: [f.mapId] })).base64;
    const same = await preview(f.mapId, raw);
    expect([same.changes, same.warnings.map((w) => w.cell)]).toEqual([0, ['A8']]);
    const book = new EditedBook(raw);
    book.set('Map', 'F1', 'Renew');
    expect((await preview(f.mapId, book.base64())).warnings.map((w) => w.cell)).toEqual(['A8']);
    const numbers = book.rowOf('Map', 0, 'Numbers');
    book.insertRow('Map', numbers + 1).set('Map', `B${numbers + 1}`, 'Brand new metric').set('Map', `C${numbers + 1}`, 5);
    book.set('Map', `D${numbers}`, null);
    const nps = book.rowOf('Map', 1, 'nps');
    book.set('Map', `E${nps}`, null);
    const metrics = await preview(f.mapId, book.base64());
    expect(metrics.warnings.map((w) => w.message).slice(1)).toEqual([`The metrics in C${numbers + 1}, B${nps} and metric “Conversion” differ from the map’s: an update leaves metrics as they are (bring new values in with Import metrics… in the map’s header).`]);
    // A metric on a stage the workbook no longer shows and on one it does, its row taken out: named.
    await ws.call('metrics.create', { stageId: f.stages.signup, name: 'Churn', value: 2 });
    await ws.call('metrics.create', { stageId: f.stages.use, name: 'Churn', value: 3 });
    const churn = new EditedBook((await ws.call('exports.workbook', { mapIds: [f.mapId] })).base64);
    const churnRow = churn.rowOf('Map', 1, 'Churn');
    churn.deleteRow('Map', churnRow).set('Map', `A${churnRow}`, 'Numbers');
    for (let r = 1; r <= churn.rows('Map').length; r++) churn.set('Map', `E${r}`, null);
    expect((await preview(f.mapId, churn.base64())).warnings.map((w) => [w.cell, w.message])).toContainEqual([null, 'The metrics in metric “Churn” differ from the map’s: an update leaves metrics as they are (bring new values in with Import metrics… in the map’s header).']);
    const noOwners = new EditedBook(raw);
    noOwners.deleteRow('Map', noOwners.rowOf('Map', 0, 'Owners'));
    expect((await preview(f.mapId, noOwners.base64())).warnings.map((w) => w.message).filter((m) => m.includes('owners'))).toEqual([]);
  });

  it('updates a map from its sheet of a workbook of several maps, matching only its own rows of the Cards sheet', async () => {
    const r = await renewal();
    await renewal('Other');
    const book = new EditedBook((await ws.call('exports.workbook', { all: true })).base64);
    expect(book.wb.SheetNames.slice(0, 2)).toEqual(['Other', 'Renewal']);
    const cards = book.rows('Cards');
    const at = cards.findIndex((c) => c[0] === 'Renewal' && c[3] === 'Email') + 1;
    book.set('Cards', `F${at}`, 'phone');
    const file = book.base64();
    const p = await preview(r.mapId, file, 'Renewal');
    expect(p.problems).toEqual([]);
    expect(p.cards.changed.map((c) => [c.text, c.fields])).toEqual([['Email', [{ field: 'channel', from: 'email', to: 'phone' }]]]);
    expect(p.changes).toBe(1);
    await ws.call('maps.applyUpdate', { mapId: r.mapId, file, fileName: 'all.xlsx', sheet: 'Renewal', token: p.token });
    expect((await doc(r.mapId)).cards.find((c) => c.id === r.cards.email)?.channel).toBe('phone');
  });
});
