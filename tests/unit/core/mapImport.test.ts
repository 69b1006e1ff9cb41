/**
 * Maps from spreadsheets over the contract, on a real workspace file: grids written by LibreOffice (CSV,
 * XLSX, ODS, XLS) previewed and imported, kinds chosen lane by lane, every kind of bad file refused in words
 * with every table as it was; and Waymark's own workbook exported and imported again as the same map.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MapImportPreview } from '../../../electron/api/mapImports.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { refusal, tempDir } from './helpers.ts';
import { allTables, EditedBook, shapeOf } from './mapImportHelpers.ts';
import { buildFixture, TITLE } from './xlsxFixture.ts';

const dirOf = path.join(import.meta.dirname, '../../fixtures/spreadsheets');
const fixture = (name: string) => fs.readFileSync(path.join(dirOf, 'maps', name)).toString('base64');
const b64 = (text: string) => Buffer.from(text).toString('base64');
const where = (p: MapImportPreview) => p.problems.map((x) => [x.cell, x.message]);

let dir: string;
let ws: Workspace;
beforeEach(() => {
  dir = tempDir();
  ws = Workspace.open(path.join(dir, 'w.waymark'), { backupsDir: path.join(dir, 'backups') });
});
afterEach(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A refusal that leaves every table as it was. */
async function refusedWritingNothing(call: () => Promise<unknown>): Promise<string> {
  const before = allTables(ws.ctx.db);
  const error = await refusal(call());
  expect(allTables(ws.ctx.db)).toEqual(before);
  return `${error.code}: ${error.message}`;
}

const JOURNEY = {
  title: 'journey',
  scale: [-2, 2],
  personas: [],
  stages: [
    ['Discover', ''],
    ['Sign up', ''],
    ['First week', ''],
  ],
  lanes: [
    ['text', 'Actions'],
    ['touchpoints', 'Touchpoints'],
    ['emotion', 'Feeling'],
    ['pains', 'Pain points'],
    ['opportunities', 'Opportunities'],
    ['metrics', 'Customers'],
  ],
  cards: [
    ['Actions', 'Discover', 'Hears about us from a friend', null, null, 0, 'assumed'],
    ['Actions', 'Discover', 'Reads reviews', null, null, 0, 'assumed'],
    ['Actions', 'Discover', 'Compares plans', null, null, 0, 'assumed'],
    ['Actions', 'Sign up', 'Creates an account', null, null, 0, 'assumed'],
    ['Actions', 'First week', 'Invites the team', null, null, 0, 'assumed'],
    ['Actions', 'First week', 'Imports contacts', null, null, 0, 'assumed'],
    ['Touchpoints', 'Discover', 'Website', null, null, 0, 'assumed'],
    ['Touchpoints', 'Sign up', 'Sign-up form', null, null, 0, 'assumed'],
    ['Touchpoints', 'First week', 'Welcome email', null, null, 0, 'assumed'],
    ['Pain points', 'Sign up', 'Too many fields', null, null, 0, 'assumed'],
    ['Pain points', 'Sign up', 'No single sign-on', null, null, 0, 'assumed'],
    ['Opportunities', 'Sign up', 'Single sign-on', null, null, 0, 'assumed'],
    ['Opportunities', 'First week', 'Guided tour', null, null, 0, 'assumed'],
    ['Opportunities', 'First week', 'Templates', null, null, 0, 'assumed'],
  ],
  emotions: [
    ['Feeling', 'Discover', null, 1, ''],
    ['Feeling', 'First week', null, 2, ''],
    ['Feeling', 'Sign up', null, -2, ''],
  ],
  metrics: [
    ['Discover', 'Customers', 1200, ''],
    ['First week', 'Customers', 310, ''],
    ['Sign up', 'Customers', 430, ''],
  ],
};

describe('a grid a team keeps', () => {
  it('is previewed the same from the CSV and from LibreOffice’s XLSX, ODS: stages, lanes and their kinds, cells, counts; nothing written', async () => {
    const before = allTables(ws.ctx.db);
    for (const name of ['journey.csv', 'journey.xlsx', 'journey.ods']) {
      const p = await ws.call('maps.previewImport', { file: fixture(name), fileName: name });
      expect(p.title).toBe('journey');
      expect(p.stages).toEqual([
        { column: 'B', name: 'Discover', cards: 4 },
        { column: 'C', name: 'Sign up', cards: 5 },
        { column: 'D', name: 'First week', cards: 5 },
      ]);
      expect(p.lanes.map((l) => [l.row, l.rows, l.title, l.suggested, l.kind, l.cards, l.values])).toEqual([
        [2, [2, 3], 'Actions', 'text', 'text', 6, 0],
        [4, [4], 'Touchpoints', 'touchpoints', 'touchpoints', 3, 0],
        [5, [5], 'Feeling', 'emotion', 'emotion', 0, 3],
        [6, [6], 'Pain points', 'pains', 'pains', 2, 0],
        [7, [7], 'Opportunities', 'opportunities', 'opportunities', 3, 0],
        [8, [8], 'Customers', 'metrics', 'metrics', 0, 3],
      ]);
      expect(p.cells.slice(0, 3)).toEqual([
        { cell: 'B2', lane: 0, stage: 0, items: ['Hears about us from a friend', 'Reads reviews', 'Compares plans'], more: 0 },
        { cell: 'C2', lane: 0, stage: 1, items: ['Creates an account'], more: 0 },
        { cell: 'D2', lane: 0, stage: 2, items: ['Invites the team', 'Imports contacts'], more: 0 },
      ]);
      expect(p.cells.filter((c) => c.lane >= 2 && c.stage === 0).map((c) => c.items)).toEqual([['+1'], ['Customers: 1,200']]);
      expect(p.counts).toEqual({ stages: 3, lanes: 6, cards: 14, emotions: 3, metrics: 3, owners: 0 });
      expect(p.emotionScale).toEqual({ min: -2, max: 2 });
      expect([p.problems, p.warnings, p.workbook]).toEqual([[], [], null]);
      expect(p.source.kind).toBe(name.endsWith('.csv') ? 'csv' : name.endsWith('.ods') ? 'ods' : 'xlsx');
    }
    expect(allTables(ws.ctx.db)).toEqual(before);
  });

  it('is imported as one new map, in one transaction, with what the preview showed; the ChangeSet holds all of it', async () => {
    const made = await ws.call('maps.import', { file: fixture('journey.xlsx'), fileName: 'journey.xlsx', title: 'journey', lanes: [] });
    const doc = await ws.call('maps.get', { id: made.mapId });
    expect(shapeOf(doc)).toEqual(JOURNEY);
    expect(made.maps.map((m) => [m.id, m.description])).toEqual([[made.mapId, '']]);
    expect([made.stages.length, made.lanes.length, made.cards.length, made.emotions.length, made.metrics.length]).toEqual([3, 6, 14, 3, 3]);
    expect(new Set(made.cards.map((c) => c.id))).toEqual(new Set(doc.cards.map((c) => c.id)));
    expect(doc.metrics.every((m) => m.source === '' && m.measuredAt === null)).toBe(true);
    // The CSV makes the same map.
    const fromCsv = await ws.call('maps.import', { file: fixture('journey.csv'), fileName: 'journey.csv', title: 'journey', lanes: [] });
    expect(shapeOf(await ws.call('maps.get', { id: fromCsv.mapId }))).toEqual(JOURNEY);
  });

  it('takes the kind chosen for each lane: a problem shows where a cell cannot be that kind, and another kind fixes it', async () => {
    const wrong = await ws.call('maps.previewImport', { file: fixture('journey.csv'), fileName: 'journey.csv', lanes: [{ row: 4, kind: 'emotion' }] });
    expect(wrong.lanes[1]).toMatchObject({ title: 'Touchpoints', suggested: 'touchpoints', kind: 'emotion', cards: 0, values: 0 });
    // The cells that are no scores show what the file has in them, so the person sees what is wrong.
    expect(wrong.cells.filter((c) => c.lane === 1).map((c) => [c.cell, c.items])).toEqual([
      ['B4', ['Website']],
      ['C4', ['Sign-up form']],
      ['D4', ['Welcome email']],
    ]);
    expect(wrong.cells.filter((c) => c.lane === 2).map((c) => c.items)).toEqual([['+1'], ['−2'], ['+2']]);
    expect(where(wrong)).toEqual([
      ['B4', '“Website” is not a whole number, as a score of the emotion lane “Touchpoints” must be.'],
      ['C4', '“Sign-up form” is not a whole number, as a score of the emotion lane “Touchpoints” must be.'],
      ['D4', '“Welcome email” is not a whole number, as a score of the emotion lane “Touchpoints” must be.'],
    ]);
    const message = await refusedWritingNothing(() => ws.call('maps.import', { file: fixture('journey.csv'), fileName: 'journey.csv', title: 'X', lanes: [{ row: 4, kind: 'emotion' }] }));
    expect(message).toBe('Invalid: The file has 3 problems (the first: B4: “Website” is not a whole number, as a score of the emotion lane “Touchpoints” must be). Nothing was imported.');
    const made = await ws.call('maps.import', {
      file: fixture('journey.csv'),
      fileName: 'journey.csv',
      title: 'Chosen',
      lanes: [
        { row: 4, kind: 'backstage' },
        { row: 5, kind: 'text' },
        { row: 8, kind: 'owners' },
      ],
    });
    const chosen = await ws.call('maps.previewImport', { file: fixture('journey.csv'), fileName: 'journey.csv', lanes: [{ row: 4, kind: 'backstage' }, { row: 5, kind: 'text' }, { row: 8, kind: 'owners' }] });
    expect(chosen.counts).toEqual({ stages: 3, lanes: 6, cards: 17, emotions: 0, metrics: 0, owners: 3 });
    expect(chosen.lanes.map((l) => [l.kind, l.cards, l.values])).toEqual([
      ['text', 6, 0],
      ['backstage', 3, 0],
      ['text', 3, 0],
      ['pains', 2, 0],
      ['opportunities', 3, 0],
      ['owners', 0, 3],
    ]);
    const shape = shapeOf(await ws.call('maps.get', { id: made.mapId }));
    expect(shape.lanes).toEqual([
      ['text', 'Actions'],
      ['backstage', 'Touchpoints'],
      ['text', 'Feeling'],
      ['pains', 'Pain points'],
      ['opportunities', 'Opportunities'],
      ['owners', 'Customers'],
    ]);
    expect(shape.cards.filter((c) => c[0] === 'Feeling').map((c) => c[2])).toEqual(['1', '-2', '2']);
    expect(shape.stages).toEqual([
      ['Discover', '1,200'],
      ['Sign up', '430'],
      ['First week', '310'],
    ]);
    expect([shape.emotions, shape.metrics]).toEqual([[], []]);
    // A kind for a row where no lane starts is a problem too.
    const stray = await ws.call('maps.previewImport', { file: fixture('journey.csv'), fileName: 'journey.csv', lanes: [{ row: 3, kind: 'text' }] });
    expect(where(stray)).toEqual([[null, 'A kind was chosen for the lane on row 3, but no lane starts on that row.']]);
    const both = await refusal(ws.call('maps.import', { file: fixture('journey.csv'), fileName: 'journey.csv', title: 'X', lanes: [{ row: 3, kind: 'text' }, { row: 5, kind: 'metrics' }, { row: 4, kind: 'emotion' }] }));
    expect(both.issues?.[0]).toBe('A kind was chosen for the lane on row 3, but no lane starts on that row.');
    // A problem with a point inside it keeps its words whole in the refusal.
    const dotted = await refusal(ws.call('maps.import', { file: b64('Map,a\nFeeling,1.5\n'), fileName: 'f.csv', title: 'X', lanes: [{ row: 2, kind: 'emotion' }] }));
    expect(dotted.message).toBe('B2: “1.5” is not a whole number, as a score of the emotion lane “Feeling” must be. Nothing was imported.');
    const dotted2 = await refusal(ws.call('maps.import', { file: b64('Map,a,b\nFeeling,1.5,x\n'), fileName: 'f.csv', title: 'X', lanes: [{ row: 2, kind: 'emotion' }] }));
    expect(dotted2.message).toBe('The file has 2 problems (the first: B2: “1.5” is not a whole number, as a score of the emotion lane “Feeling” must be). Nothing was imported.');
  });

  it('lists every problem cell by cell, and refuses to import while any is left, writing nothing', async () => {
    const p = await ws.call('maps.previewImport', { file: fixture('problems.csv'), fileName: 'problems.csv', lanes: [{ row: 3, kind: 'emotion' }] });
    expect(p.title).toBe('problems');
    expect(where(p)).toEqual([
      ['D1', 'The column has no stage name, but D2 below it holds something: name the stage here, or empty the column.'],
      ['B3', '“1.5” is not a whole number, as a score of the emotion lane “Feeling” must be.'],
      ['E3', 'The score +12 is outside the scale of −10 to +10.'],
    ]);
    expect(p.warnings.map((w) => [w.cell, w.message])).toEqual([['C1', 'A stage called “Discover” is in B1 too: both are imported, as two stages.']]);
    expect(p.stages.map((s) => s.name)).toEqual(['Discover', 'Discover', 'Use']);
    const message = await refusedWritingNothing(() => ws.call('maps.import', { file: fixture('problems.csv'), fileName: 'problems.csv', title: 'Problems', lanes: [{ row: 3, kind: 'emotion' }] }));
    expect(message).toMatch(/^Invalid: The file has 3 problems \(the first: D1: The column has no stage name.*\)\. Nothing was imported\.$/);
  });

  it('merged cells: a stage name merged across columns is refused with its range; inside the grid, its text is imported once', async () => {
    for (const name of ['grid.xlsx', 'grid.xls']) {
      const p = await ws.call('maps.previewImport', { file: fixture(name), fileName: name });
      expect(p.title).toBe('Onboarding');
      expect(p.warnings.map((w) => w.cell)).toEqual(['C2:D2', 'B4', 'D4', 'C5']);
      expect(p.warnings[0]?.message).toBe('Merged cells: what they hold is imported once, into C2.');
      const made = await ws.call('maps.import', { file: fixture(name), fileName: name, title: `Merged ${name}`, lanes: [] });
      const shape = shapeOf(await ws.call('maps.get', { id: made.mapId }));
      expect(shape.cards.map((c) => [c[0], c[1], c[2]])).toEqual([
        ['Actions', 'Discover', 'Finds us'],
        ['Actions', 'Discover', 'Asks a friend'],
        ['Actions', 'Sign up', 'Signs up and starts'],
      ]);
      // A lane title merged over two rows made one lane; formulas gave the values saved with them.
      expect(shape.lanes).toEqual([
        ['text', 'Actions'],
        ['emotion', 'Feeling'],
        ['metrics', 'Customers'],
      ]);
      expect(shape.emotions.map((e) => e[3])).toEqual([2, -1, 1]);
      expect(shape.metrics.map((m) => m[2])).toEqual([1200, 800, 500]);
      const header = await ws.call('maps.previewImport', { file: fixture(name), fileName: name, sheet: 'Merged header' });
      expect(where(header)).toEqual([['B1:C1', 'A stage name is merged across 2 columns: unmerge it, so that each stage has a column of its own.']]);
      expect(await refusedWritingNothing(() => ws.call('maps.import', { file: fixture(name), fileName: name, sheet: 'Merged header', title: 'X', lanes: [] }))).toBe(
        'Invalid: B1:C1: A stage name is merged across 2 columns: unmerge it, so that each stage has a column of its own. Nothing was imported.',
      );
      const error = await refusal(ws.call('maps.import', { file: fixture(name), fileName: name, sheet: 'Merged header', title: 'X', lanes: [] }));
      expect(error.issues).toEqual(['B1:C1: A stage name is merged across 2 columns: unmerge it, so that each stage has a column of its own.']);
    }
  });

  it('formulas: the value saved with the file is imported, and each such cell says so', async () => {
    const p = await ws.call('maps.previewImport', { file: fixture('grid.xlsx'), fileName: 'grid.xlsx' });
    expect(p.warnings.slice(1).map((w) => [w.cell, w.message])).toEqual([
      ['B4', 'A formula: the value it showed when the file was last saved, “2”, is imported, not the formula.'],
      ['D4', 'A formula: the value it showed when the file was last saved, “1”, is imported, not the formula.'],
      ['C5', 'A formula: the value it showed when the file was last saved, “800”, is imported, not the formula.'],
    ]);
  });

  it('empty sheets: the preview says so and names the sheets that hold something; another sheet can be chosen', async () => {
    const p = await ws.call('maps.previewImport', { file: fixture('grid.xlsx'), fileName: 'grid.xlsx', sheet: 'Empty' });
    expect(where(p)).toEqual([[null, 'The sheet "Empty" is empty. Choose another sheet: "Grid", "Merged header".']]);
    expect(p.source.sheets).toEqual(['Grid', 'Merged header', 'Empty']);
    expect([p.stages, p.lanes, p.cells]).toEqual([[], [], []]);
    await refusedWritingNothing(() => ws.call('maps.import', { file: fixture('grid.xlsx'), fileName: 'grid.xlsx', sheet: 'Empty', title: 'X', lanes: [] }));
    const missing = await ws.call('maps.previewImport', { file: fixture('grid.xlsx'), fileName: 'grid.xlsx', sheet: 'Nope' });
    expect(where(missing)).toEqual([[null, 'The workbook has no sheet "Nope"; its sheets are "Grid", "Merged header", "Empty".']]);
    const blank = await ws.call('maps.previewImport', { file: b64(' , \n\n'), fileName: 'blank.csv' });
    expect(where(blank)).toEqual([[null, 'The file is empty: it has no rows with anything in them.']]);
  });

  it('password-protected and broken files are refused in words, with nothing written', async () => {
    const password = 'Invalid: The workbook is protected with a password, so Waymark cannot read it. Open it in Excel or LibreOffice, save a copy without the password, and import that.';
    for (const [file, name] of [
      [fixture('encrypted-journey.xls'), 'journey.xls'],
      [fixture('encrypted-journey.ods'), 'journey.ods'],
      [fs.readFileSync(path.join(dirOf, 'encrypted-ooxml-container.xlsx')).toString('base64'), 'journey.xlsx'],
    ] as const) {
      expect(await refusedWritingNothing(() => ws.call('maps.previewImport', { file, fileName: name }))).toBe(password);
      expect(await refusedWritingNothing(() => ws.call('maps.import', { file, fileName: name, title: 'X', lanes: [] }))).toBe(password);
    }
    expect((await refusal(ws.call('maps.previewImport', { file: fixture('encrypted-journey.ods'), fileName: 'journey.ods' }))).issues).toEqual([`file: ${password.slice('Invalid: '.length)}`]);
    const broken = 'Invalid: The workbook cannot be read: the file is damaged or is not a spreadsheet (it may have been cut short while copying). Nothing was imported.';
    expect(await refusedWritingNothing(() => ws.call('maps.previewImport', { file: fixture('broken-journey.xlsx'), fileName: 'journey.xlsx' }))).toBe(broken);
    expect(await refusedWritingNothing(() => ws.call('maps.previewImport', { file: b64('not a zip at all'), fileName: 'journey.xlsx' }))).toMatch(/^Invalid: The file is named \.xlsx but is not a workbook/);
    expect(await refusedWritingNothing(() => ws.call('maps.previewImport', { file: '', fileName: 'journey.csv' }))).toBe('Invalid: The file is empty.');
    expect(await refusedWritingNothing(() => ws.call('maps.previewImport', { file: 'not base64!', fileName: 'a.csv' }))).toMatch(/^Invalid: .*file must be the file in base64/);
  });

  it('sheets over the limits are refused before they are read on: rows, columns, cards, bytes', async () => {
    const tall = `Map,Discover\n${Array.from({ length: 2000 }, (_, i) => `Lane ${i},x`).join('\n')}\n`;
    const p = await ws.call('maps.previewImport', { file: b64(tall), fileName: 'tall.csv' });
    expect(where(p)).toEqual([[null, 'The sheet has 2,001 rows; a map’s grid may have at most 2,000 (the stages’ row, then the lanes). Choose another sheet, or split the grid into several maps.']]);
    const wide = `Map,${Array.from({ length: 200 }, (_, i) => `S${i}`).join(',')}\n`;
    expect(where(await ws.call('maps.previewImport', { file: b64(wide), fileName: 'wide.csv' }))).toEqual([[null, 'Row 1 has 201 columns; at most 200 can be read. Is the separator right?']]);
    const many = `Map,Discover\nIdeas,"${Array.from({ length: 50_001 }, (_, i) => `c${i}`).join('\n')}"\n`;
    const cards = await ws.call('maps.previewImport', { file: b64(many), fileName: 'many.csv' });
    expect(where(cards)).toEqual([[null, 'The grid holds more than 50,000 cards, more than a map may hold; the rest of the sheet is not read.']]);
    await refusedWritingNothing(() => ws.call('maps.import', { file: b64(many), fileName: 'many.csv', title: 'X', lanes: [] }));
    expect(await refusedWritingNothing(() => ws.call('maps.previewImport', { file: 'A'.repeat(8_388_612), fileName: 'big.csv' }))).toMatch(/file is too large: at most 6 MB/);
  });

  it('keeps a title the person gives; suggests the first cell’s, or the file’s name, with “(imported)” when a map has it', async () => {
    expect((await ws.call('maps.previewImport', { file: fixture('grid.xlsx'), fileName: 'grid.xlsx' })).title).toBe('Onboarding');
    await ws.call('maps.create', { title: 'onboarding', template: 'blank' });
    expect((await ws.call('maps.previewImport', { file: fixture('grid.xlsx'), fileName: 'grid.xlsx' })).title).toBe('Onboarding (imported)');
    expect((await ws.call('maps.previewImport', { file: b64('Stages,a\nX,y\n'), fileName: '  .csv' })).title).toBe('Imported map');
    expect((await ws.call('maps.previewImport', { file: b64('Stages,a\nX,y\n'), fileName: `${'n'.repeat(250)}.csv` })).title).toBe('n'.repeat(200));
    expect((await ws.call('maps.previewImport', { file: b64('Stages,a\nX,y\n'), fileName: 'team.journey.csv' })).title).toBe('team.journey');
    expect((await ws.call('maps.previewImport', { file: b64('Stages,a\nX,y\n'), fileName: 'Journey v2 .csv' })).title).toBe('Journey v2');
    const made = await ws.call('maps.import', { file: fixture('grid.xlsx'), fileName: 'grid.xlsx', title: '  My own  ', lanes: [] });
    expect(made.maps[0]?.title).toBe('My own');
    expect(await refusedWritingNothing(() => ws.call('maps.import', { file: fixture('grid.xlsx'), fileName: 'grid.xlsx', title: '   ', lanes: [] }))).toMatch(/title must not be empty/);
  });

  it('shows the first 2,000 cells and 6 cards of each, lists the first 1,000 problems and warnings; the import counts them all', async () => {
    const stages = Array.from({ length: 199 }, (_, i) => `S${i}`);
    const lanes = Array.from({ length: 11 }, (_, l) => [`Lane ${l}`, ...stages.map((_, s) => (l === 0 && s === 0 ? Array.from({ length: 8 }, (_, k) => `c${k}`).join('\n') : 'x'))]);
    const csv = [['Map', ...stages], ...lanes].map((r) => r.map((c) => `"${c}"`).join(',')).join('\n');
    const p = await ws.call('maps.previewImport', { file: b64(csv), fileName: 'big.csv' });
    expect(p.cells).toHaveLength(2000);
    expect(p.cells[0]).toEqual({ cell: 'B2', lane: 0, stage: 0, items: ['c0', 'c1', 'c2', 'c3', 'c4', 'c5'], more: 2 });
    expect(p.cells[1]?.more).toBe(0);
    expect(p.counts.cards).toBe(11 * 199 + 7);
    // 1,990 values that are no numbers in a metrics lane of ten rows; six emotion lanes of labels without scores.
    const bad = [['Map', ...stages], ['Numbers', ...stages.map(() => 'x')], ...Array.from({ length: 9 }, () => ['', ...stages.map(() => 'x')])];
    const problems = await ws.call('maps.previewImport', { file: b64(bad.map((r) => r.join(',')).join('\n')), fileName: 'bad.csv', lanes: [{ row: 2, kind: 'metrics' }] });
    expect(problems.problems).toHaveLength(1000);
    const message = await refusedWritingNothing(() => ws.call('maps.import', { file: b64(bad.map((r) => r.join(',')).join('\n')), fileName: 'bad.csv', title: 'X', lanes: [{ row: 2, kind: 'metrics' }] }));
    expect(message).toMatch(/^Invalid: The file has 1,990 problems \(the first: B2: “x” is not a number/);
    expect((await refusal(ws.call('maps.import', { file: b64(bad.map((r) => r.join(',')).join('\n')), fileName: 'bad.csv', title: 'X', lanes: [{ row: 2, kind: 'metrics' }] }))).issues).toHaveLength(20);
    const labels = [['Map', ...stages], ...Array.from({ length: 6 }, (_, l) => [[`Feel ${l}`, ...stages.map(() => '')], ['', ...stages.map(() => 'calm')]]).flat()];
    const warned = await ws.call('maps.previewImport', { file: b64(labels.map((r) => r.join(',')).join('\n')), fileName: 'labels.csv', lanes: Array.from({ length: 6 }, (_, l) => ({ row: 2 + l * 2, kind: 'emotion' as const })) });
    expect([warned.problems, warned.warnings.length]).toEqual([[], 1000]);
  });

  it('a persona’s curve goes to the first persona of its name', async () => {
    const first = (await ws.call('personas.create', { name: 'Ana' })).personas[0]?.id ?? '';
    await ws.call('personas.create', { name: 'ana' });
    const made = await ws.call('maps.import', { file: b64('Map,,a\nFeeling,Ana: score,1\n'), fileName: 'f.csv', title: 'F', lanes: [] });
    expect(made.emotions.map((e) => e.personaId)).toEqual([first]);
    expect(made.maps[0]?.personaIds).toEqual([first]);
    // Her curves in two lanes: she is on the map once.
    const two = await ws.call('maps.import', { file: b64('Map,,a\nFeeling,Ana: score,1\nMood,Ana: score,-1\n'), fileName: 'f.csv', title: 'G', lanes: [] });
    expect([two.emotions.length, two.maps[0]?.personaIds]).toEqual([2, [first]]);
  });

  it('an emotion scale wide enough for every score, and never narrower than −2…+2', async () => {
    const p = await ws.call('maps.previewImport', { file: b64('Map,a,b,c\nFeeling,-4,1,7\n'), fileName: 'f.csv', lanes: [{ row: 2, kind: 'emotion' }] });
    expect(p.emotionScale).toEqual({ min: -4, max: 7 });
    const made = await ws.call('maps.import', { file: b64('Map,a,b,c\nFeeling,-4,1,7\n'), fileName: 'f.csv', title: 'F', lanes: [{ row: 2, kind: 'emotion' }] });
    expect(made.maps[0]).toMatchObject({ emotionMin: -4, emotionMax: 7 });
    expect((await ws.call('maps.previewImport', { file: b64('Map,a\nFeeling,1\n'), fileName: 'f.csv' })).emotionScale).toEqual({ min: -2, max: 2 });
  });
});

describe('Waymark’s own workbook', () => {
  it('export → import gives the same map: stages, lanes and kinds, cards in order with all they hold, emotion scores, metrics', async () => {
    const f = await buildFixture(ws);
    const before = await ws.call('maps.get', { id: f.mapId });
    const book = await ws.call('exports.workbook', { mapIds: [f.mapId] });
    const p = await ws.call('maps.previewImport', { file: book.base64, fileName: book.fileName });
    expect(p.workbook).toEqual({ title: TITLE, map: { id: f.mapId, title: TITLE, updatedAt: before.map.updatedAt }, cardIds: 6 });
    expect(p.title).toBe(`${TITLE} (imported)`);
    expect(p.problems).toEqual([]);
    expect(p.warnings.map((w) => w.cell)).toEqual(['A8']); // the evidence lane's quotes are not on the grid
    const made = await ws.call('maps.import', { file: book.base64, fileName: book.fileName, title: TITLE, lanes: [] });
    const name = (id: string) => before.personas.find((x) => x.id === id)?.name ?? id;
    const original = shapeOf(before, name);
    const copy = shapeOf(await ws.call('maps.get', { id: made.mapId }), name);
    // What the workbook cannot hold: control characters; metrics as the grid shows them (each stage's latest).
    const expected = {
      ...original,
      cards: original.cards.map((c) => (c[2] === '@here ping\u0007 the team _x0041_' ? [c[0], c[1], '@here ping the team _x0041_', ...c.slice(3)] : c)),
      metrics: original.metrics.filter((m) => m[2] !== 1200),
    };
    expect(copy).toEqual(expected);
    expect(copy.personas).toEqual(['Ana']);
    expect(p.cells.filter((c) => ['C4', 'E4', 'C10', 'D10', 'C12'].includes(c.cell)).map((c) => [c.cell, c.items])).toEqual([
      ['C4', ['+2 (Curious)', 'Ana: −1 (Lost)']],
      ['E4', ['0']],
      ['C10', ['entered stage: 1,500 customers']],
      ['D10', ['Conversion: 12.5 %']],
      ['C12', ['Marketing']],
    ]);
    // Nothing for an evidence lane, an owner or a metric a stage has not.
    expect(p.cells.filter((c) => c.lane === 3 || ['D12', 'E12', 'E10', 'E11'].includes(c.cell))).toEqual([]);
    // A lane of cards given a kind that holds none: its Cards rows say so.
    const metrics = await ws.call('maps.previewImport', { file: book.base64, fileName: book.fileName, lanes: [{ row: 2, kind: 'metrics' }] });
    expect(metrics.problems.map((x) => x.message)).toContain('The lane “Actions” is a metrics lane, which holds no cards: choose a kind of lane that holds cards, or delete the row.');
    expect(copy.emotions).toContainEqual(['Feeling', 'Discover', 'Ana', -1, 'Lost']);
    // New ids throughout.
    const doc = await ws.call('maps.get', { id: made.mapId });
    expect(doc.cards.some((c) => before.cards.some((o) => o.id === c.id))).toBe(false);
  });

  it('takes lane kinds from the map it came from, lane by lane in order, a lane the map has not by its own look; finds the map by its title when no card has an id', async () => {
    const f = await buildFixture(ws);
    await ws.call('lanes.update', { id: f.lanes.actions, kind: 'backstage' });
    await ws.call('lanes.update', { id: f.lanes.ideas, kind: 'pains' });
    const book = new EditedBook((await ws.call('exports.workbook', { mapIds: [f.mapId] })).base64);
    const ideas = book.rowOf('Map', 0, 'Ideas');
    book.insertRow('Map', ideas).set('Map', `A${ideas}`, 'Extra').set('Map', `C${ideas}`, 'An extra card');
    book.insertRow('Map', 3).set('Map', 'A3', 'Actions').set('Map', 'C3', 'A second lane of actions');
    const p = await ws.call('maps.previewImport', { file: book.base64(), fileName: 'f.xlsx' });
    expect(p.lanes.map((l) => [l.title, l.suggested])).toEqual([
      ['Actions', 'backstage'],
      ['Actions', 'text'],
      ['Touchpoints', 'touchpoints'],
      ['Feeling', 'emotion'],
      ['Evidence', 'evidence'],
      ['Numbers', 'metrics'],
      ['Owners', 'owners'],
      ['Extra', 'text'],
      ['Ideas', 'pains'],
    ]);
    // Every id cleared: the map is the one of the workbook's title, when only one map has it.
    const cleared = new EditedBook(book.base64());
    const rows = cleared.rows('Cards').length;
    for (let r = 2; r <= rows; r++) cleared.set('Cards', `I${r}`, null);
    const byTitle = await ws.call('maps.previewImport', { file: cleared.base64(), fileName: 'f.xlsx' });
    expect(byTitle.workbook).toMatchObject({ title: TITLE, map: { id: f.mapId }, cardIds: 0 });
    await ws.call('maps.create', { title: TITLE.toUpperCase(), template: 'blank' });
    expect((await ws.call('maps.previewImport', { file: cleared.base64(), fileName: 'f.xlsx' })).workbook).toEqual({ title: TITLE, map: null, cardIds: 0 });
    // A map whose title reads like a header word is still found by it.
    const journey = await buildFixture(ws, 'Journey');
    const its = await ws.call('maps.previewImport', { file: (await ws.call('exports.workbook', { mapIds: [journey.mapId] })).base64, fileName: 'j.xlsx' });
    expect([its.title, its.workbook?.title, its.workbook?.map?.id]).toEqual(['Journey (imported)', 'Journey', journey.mapId]);
  });

  it('a lane renamed only in the Map sheet keeps its cards (found by their lines); a bad cell of the Cards sheet stops the import', async () => {
    const f = await buildFixture(ws);
    const book = new EditedBook((await ws.call('exports.workbook', { mapIds: [f.mapId] })).base64);
    book.set('Map', `A${book.rowOf('Map', 0, 'Ideas')}`, 'Opportunities');
    const p = await ws.call('maps.previewImport', { file: book.base64(), fileName: 'f.xlsx' });
    expect(p.problems).toEqual([]);
    expect(p.lanes.at(-1)).toMatchObject({ title: 'Opportunities', cards: 1 });
    book.set('Cards', `D${book.rowOf('Cards', 2, 'Landing page')}`, 'blue');
    const bad = await ws.call('maps.previewImport', { file: book.base64(), fileName: 'f.xlsx' });
    expect(where(bad)).toEqual([[`Cards!D${book.rowOf('Cards', 2, 'Landing page')}`, '“blue” is not a colour: write it like #ffcc00, or leave the cell empty.']]);
  });

  it('as a new map: a card whose line was edited in the Map sheet comes with the new text, once; an owner on two lines is one owner', async () => {
    const f = await buildFixture(ws);
    await ws.call('stages.update', { id: f.stages.use, owner: 'Support\nOps' });
    const book = new EditedBook((await ws.call('exports.workbook', { mapIds: [f.mapId] })).base64);
    book.set('Map', `C${book.rowOf('Map', 0, 'Touchpoints')}`, 'Landing page, new');
    const p = await ws.call('maps.previewImport', { file: book.base64(), fileName: 'f.xlsx' });
    expect(p.cells.find((c) => c.cell === 'C3')?.items).toEqual(['Landing page, new']);
    expect(p.cells.find((c) => c.cell === 'E12')?.items).toEqual(['Support, Ops']);
    const made = await ws.call('maps.import', { file: book.base64(), fileName: 'f.xlsx', title: 'Copy', lanes: [] });
    expect(made.cards.filter((c) => c.text.startsWith('Landing')).map((c) => [c.text, c.channel])).toEqual([['Landing page, new', 'web']]);
  });

  it('comes in as a new map in another workspace too (the map it came from is not there), and from a workbook of several maps', async () => {
    const f = await buildFixture(ws);
    await buildFixture(ws, 'Second map');
    const all = await ws.call('exports.workbook', { all: true });
    const other = Workspace.open(path.join(dir, 'other.waymark'), { backupsDir: path.join(dir, 'other-backups') });
    try {
      const p = await other.call('maps.previewImport', { file: all.base64, fileName: all.fileName, sheet: 'Second map' });
      expect(p.workbook).toEqual({ title: 'Second map', map: null, cardIds: 6 });
      expect(p.counts.cards).toBe(6);
      const made = await other.call('maps.import', { file: all.base64, fileName: all.fileName, sheet: 'Second map', title: 'Second map', lanes: [] });
      const copy = shapeOf(await other.call('maps.get', { id: made.mapId }));
      const original = shapeOf(await ws.call('maps.get', { id: f.mapId }));
      expect(copy.cards.map((c) => c[2])).toEqual(original.cards.map((c) => String(c[2]).replace('\u0007', '')));
      // No persona "Ana" in that workspace: her curve is not imported, and the preview said so.
      expect(p.warnings.map((w) => w.message)).toContain('No persona called “Ana” is in this workspace: this curve is not imported (make the persona first, then import again).');
      expect(copy.emotions.every((e) => e[2] === null)).toBe(true);
      expect(copy.personas).toEqual([]);
    } finally {
      other.close();
    }
  });

  it('the Map sheet as CSV (LibreOffice’s) is a grid with row names in column B: the same cards, scores and metrics', () => {
    return (async () => {
      const f = await buildFixture(ws);
      const book = await ws.call('exports.workbook', { mapIds: [f.mapId] });
      const xlsx = path.join(dir, 'map.xlsx');
      fs.writeFileSync(xlsx, Buffer.from(book.base64, 'base64'));
      const out = path.join(dir, 'csv');
      const run = spawnSync('soffice', ['--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,1', '--outdir', out, xlsx], { encoding: 'utf8', timeout: 120_000 });
      expect(run.error, 'soffice must be installed (apt-get install -y libreoffice-calc-nogui)').toBeUndefined();
      const csv = fs.readFileSync(path.join(out, 'map-Map.csv')).toString('base64');
      const p = await ws.call('maps.previewImport', { file: csv, fileName: 'map-Map.csv' });
      expect(p.workbook).toBeNull();
      expect(p.problems).toEqual([]);
      expect(p.lanes.map((l) => [l.title, l.kind])).toEqual([
        ['Actions', 'text'],
        ['Touchpoints', 'touchpoints'],
        ['Feeling', 'emotion'],
        ['Evidence', 'evidence'],
        ['Numbers', 'metrics'],
        ['Owners', 'owners'],
        ['Ideas', 'opportunities'],
      ]);
      const made = await ws.call('maps.import', { file: csv, fileName: 'map-Map.csv', title: 'From CSV', lanes: [] });
      const copy = shapeOf(await ws.call('maps.get', { id: made.mapId }), (id) => id);
      expect(copy.cards.map((c) => c[2])).toEqual(['Finds us through a friend', '=SUM(A1:A3)', '+44 20 7946 0000', '@here ping the team _x0041_', 'Landing page', 'Add a tour']);
      expect(copy.cards.find((c) => c[2] === 'Add a tour')?.[5]).toBe(3);
      expect(copy.emotions.filter((e) => e[2] === null).map((e) => [e[1], e[3], e[4]])).toEqual([
        ['Discover', 2, 'Curious'],
        ['Sign up', -2, 'Annoyed'],
        ['Use', 0, ''],
      ]);
      expect(copy.metrics).toEqual([
        ['Discover', 'entered stage', 1500, 'customers'],
        ['Sign up', 'Conversion', 12.5, '%'],
      ]);
      expect(copy.stages).toEqual([
        ['Discover', 'Marketing'],
        ['Sign up', ''],
        ['Use', ''],
      ]);
    })();
  }, 120_000);
});
