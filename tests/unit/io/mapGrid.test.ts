/**
 * The pure parts of importing a map from a spreadsheet: a cell's lines as cards, a sheet's cells as a grid of
 * stages and lanes (merged cells, formulas, limits), the kind each lane is suggested as, what each lane holds
 * once its kind is set (cards, an emotion curve, metrics, owners) with every problem at its cell, an exported
 * Cards sheet read back, and the Map and Cards sheets put back together against the cards they started from.
 */
import { describe, expect, it } from 'vitest';
import { EMOTION_BOUNDS } from '../../../electron/api/fields.ts';
import { MAP_IMPORT_LIMITS } from '../../../electron/api/mapImports.ts';
import type { GridRow, MergedRange } from '../../../electron/core/io/spreadsheets/types.ts';
import { interpret } from '../../../electron/core/io/spreadsheets/mapGrid/content.ts';
import { cardsHeader, readCardsSheet } from '../../../electron/core/io/spreadsheets/mapGrid/cardsSheet.ts';
import { listed, readGrid, type Grid } from '../../../electron/core/io/spreadsheets/mapGrid/grid.ts';
import { suggestKind } from '../../../electron/core/io/spreadsheets/mapGrid/kinds.ts';
import { cardLines, flatText } from '../../../electron/core/io/spreadsheets/mapGrid/lines.ts';
import { matchInOrder, placeCards, type Named } from '../../../electron/core/io/spreadsheets/mapGrid/match.ts';
import { reconcile, type BaseCard, type MapCell, type SheetCard } from '../../../electron/core/io/spreadsheets/mapGrid/reconcile.ts';
import type { LaneKind } from '../../../electron/api/types.ts';

/** Rows of a sheet as the spreadsheet reader gives them (blank rows left out, numbered as the sheet shows them). */
const sheet = (...rows: string[][]): GridRow[] => rows.flatMap((cells, i) => (cells.some((c) => c.trim() !== '') ? [{ row: i + 1, cells }] : []));
const range = (s: [number, number], e: [number, number]): MergedRange => ({ s: { r: s[0], c: s[1] }, e: { r: e[0], c: e[1] } });
const messages = (list: { cell: string | null; message: string }[]) => list.map((p) => [p.cell, p.message]);
const content = (grid: Grid, kinds: LaneKind[]) => interpret(grid, kinds, { scale: EMOTION_BOUNDS });

describe('a cell’s lines', () => {
  it('is a card per line, bullets dropped, the text otherwise kept with its spaces folded', () => {
    expect(cardLines('• Finds us\n•Reads reviews\r\n- Compares plans\r* Asks a friend\n– Waits\n· Pays\n◦ One\n▪ Two\n‣ Three\n\n   \n  spaced   out  ').lines.map((l) => l.text)).toEqual([
      'Finds us',
      'Reads reviews',
      'Compares plans',
      'Asks a friend',
      'Waits',
      'Pays',
      'One',
      'Two',
      'Three',
      'spaced out',
    ]);
    // A dash, star or dot without a space after it is part of the text.
    expect(cardLines('-5% price\n*bold*\n·x\n–y').lines.map((l) => l.text)).toEqual(['-5% price', '*bold*', '·x', '–y']);
    expect(cardLines('')).toEqual({ lines: [], truncated: false });
    expect(cardLines('•').lines).toEqual([]);
  });

  it('reads the votes written after a card, and knows the export’s “more cards” line for no card', () => {
    expect(cardLines('• Tour · 3 votes\n• Help · 1 vote\n• Big · 1,234 votes\n• Plain\n… and 2 more cards (see the Cards sheet)')).toEqual({
      lines: [
        { text: 'Tour', votes: 3 },
        { text: 'Help', votes: 1 },
        { text: 'Big', votes: 1234 },
        { text: 'Plain', votes: null },
      ],
      truncated: true,
    });
    expect(cardLines('Tour · 3 votes\n… and 1 more card (see the Cards sheet)')).toEqual({ lines: [{ text: 'Tour', votes: 3 }], truncated: true });
    expect(cardLines('Tour ·3 votes\nTour · 3 votes!\nTour · three votes\n… and more cards').lines).toEqual([
      { text: 'Tour ·3 votes', votes: null },
      { text: 'Tour · 3 votes!', votes: null },
      { text: 'Tour · three votes', votes: null },
      { text: '… and more cards', votes: null },
    ]);
    expect(flatText(' a \n\t b  c ')).toBe('a b c');
  });
});

describe('a sheet as a grid', () => {
  it('names stages across the first row from column B and lanes down column A; a row without a title adds to the lane above', () => {
    const grid = readGrid(sheet(['Onboarding', 'Discover', 'Sign up'], ['Actions', 'Finds us', 'Signs up'], ['', 'Asks a friend', ''], ['Feeling', '1', '-1']));
    expect(grid.title).toBe('Onboarding');
    expect(grid.labelColumn).toBe(false);
    expect(grid.stages).toEqual([
      { column: 1, letter: 'B', name: 'Discover' },
      { column: 2, letter: 'C', name: 'Sign up' },
    ]);
    expect(grid.lanes).toEqual([
      {
        row: 2,
        title: 'Actions',
        rows: [
          { row: 2, label: null, cells: ['Finds us', 'Signs up'] },
          { row: 3, label: null, cells: ['Asks a friend', ''] },
        ],
      },
      { row: 4, title: 'Feeling', rows: [{ row: 4, label: null, cells: ['1', '-1'] }] },
    ]);
    expect([grid.problems, grid.warnings]).toEqual([[], []]);
  });

  it('takes no title from a header word or an empty first cell, and cuts a long one to a map title’s length', () => {
    for (const word of ['', 'Lanes', 'stage', 'Steps', 'phases', 'Journey', 'journey map', 'Swimlanes', 'Rows', 'Lane / Stage', 'stage/lane']) {
      expect(readGrid(sheet([word, 'Discover'], ['Actions', 'x'])).title).toBeNull();
    }
    expect(readGrid(sheet([`  ${'é'.repeat(250)}  `, 'Discover'])).title).toBe('é'.repeat(200));
    expect(readGrid(sheet(['A  long\ntitle', 'Discover'])).title).toBe('A long title');
  });

  it('reads column B as row names when the first row leaves it empty (or merged into A1), as Waymark’s workbook does', () => {
    const rows = sheet(['Onboarding', '', 'Discover', 'Use'], ['Actions', '', 'Finds us', ''], ['Feeling', 'Score', '2', '-1'], ['', 'Label', 'Curious', ''], ['Numbers', 'Conversion (%)', '12.5', '']);
    const grid = readGrid(rows);
    expect(grid.labelColumn).toBe(true);
    expect(grid.stages.map((s) => s.letter)).toEqual(['C', 'D']);
    expect(grid.lanes.map((l) => [l.title, l.rows.map((r) => r.label)])).toEqual([
      ['Actions', [null]],
      ['Feeling', ['Score', 'Label']],
      ['Numbers', ['Conversion (%)']],
    ]);
    // The same with the merged cells the export writes: the reader copies a merged range's text into every cell of it.
    const merged = sheet(['Onboarding', 'Onboarding', 'Discover'], ['Actions', 'Actions', 'Finds us'], ['Feeling', 'Score', '2'], ['Feeling', 'Label', 'Curious']);
    const exported = readGrid(merged, [range([0, 0], [0, 1]), range([1, 0], [1, 1]), range([2, 0], [3, 0])]);
    expect(exported.labelColumn).toBe(true);
    expect(exported.lanes.map((l) => [l.title, l.rows.map((r) => [r.row, r.label])])).toEqual([
      ['Actions', [[2, null]]],
      [
        'Feeling',
        [
          [3, 'Score'],
          [4, 'Label'],
        ],
      ],
    ]);
    expect([exported.problems, exported.warnings]).toEqual([[], []]);
    // Column B is no row names when nothing follows it in the first row.
    expect(readGrid(sheet(['Map', '', ''], ['Actions', 'x', ''])).labelColumn).toBe(false);
  });

  it('refuses a stage name merged across columns with its range, and says what a merged cell inside the grid gives', () => {
    const header = readGrid(sheet(['Map', 'Discover', 'Discover', 'Use'], ['Actions', 'a', 'b', 'c']), [range([0, 1], [0, 2])]);
    expect(messages(header.problems)).toEqual([['B1:C1', 'A stage name is merged across 2 columns: unmerge it, so that each stage has a column of its own.']]);
    expect(header.stages.map((s) => s.letter)).toEqual(['B', 'D']);
    const inside = readGrid(
      sheet(['Map', 'Discover', 'Sign up', 'Use'], ['Actions', 'x', 'Signs up', 'Signs up'], ['Ideas', 'Tour', '', ''], ['Backstage', 'Backstage', 'Backstage', 'Backstage'], ['Owners', 'Ann', 'Bo', 'Cy']),
      [range([1, 2], [1, 3]), range([3, 0], [3, 3]), range([0, 3], [4, 3]), range([2, 1], [2, 1])],
    );
    expect(messages(inside.warnings)).toEqual([
      ['C2:D2', 'Merged cells: what they hold is imported once, into C2.'],
      ['A4:D4', 'Merged across the stages’ columns: only its first cell, A4, is read.'],
      ['D1:D5', 'Merged down from the stages’ row: only its first cell, D1, is read.'],
    ]);
    expect(inside.problems).toEqual([]);
    expect(inside.lanes.map((l) => [l.title, l.rows[0]?.cells])).toEqual([
      ['Actions', ['x', 'Signs up', '']],
      ['Ideas', ['Tour', '', '']],
      ['Backstage', ['', '', '']],
      ['Owners', ['Ann', 'Bo', '']],
    ]);
    // A lane title merged down several rows makes them one lane; a merge off the sheet's edge is cut to it.
    const lanes = readGrid(sheet(['Map', 'Discover'], ['Actions', 'a'], ['Actions', 'b'], ['Ideas', 'c']), [range([1, 0], [2, 0]), range([3, 1], [9, 6])]);
    expect(lanes.lanes.map((l) => [l.title, l.rows.map((r) => r.cells[0])])).toEqual([
      ['Actions', ['a', 'b']],
      ['Ideas', ['c']],
    ]);
  });

  it('names a stage column without a name only when something is under it; duplicate names are warned of and kept', () => {
    const grid = readGrid(sheet(['Map', 'Discover', '', 'Discover', '', 'use'], ['Actions', 'a', 'b', 'c', '', 'd'], ['Feeling', '', '2', '', '', 'Use'], ['', '', '', '', '', '']));
    expect(messages(grid.problems)).toEqual([['C1', 'The column has no stage name, but C2 and C3 below it hold something: name the stage here, or empty the column.']]);
    expect(messages(grid.warnings)).toEqual([['D1', 'A stage called “Discover” is in B1 too: both are imported, as two stages.']]);
    expect(grid.stages.map((s) => `${s.letter}:${s.name}`)).toEqual(['B:Discover', 'D:Discover', 'F:use']);
    expect(listed(['C2'])).toBe('C2');
    expect(listed([])).toBe('');
    expect(listed(['C2', 'C3', 'C4'])).toBe('C2, C3 and C4');
    expect(listed(['C2', 'C3', 'C4', 'C5', 'C6'])).toBe('C2, C3, C4 and 2 more');
    expect(listed(['C2', 'C3', 'C4', 'C5'], 4)).toBe('C2, C3, C4 and C5');
  });

  it('says what is wrong with a sheet that is no grid: empty, no stages, a row without a lane, names too long', () => {
    expect(messages(readGrid([]).problems)).toEqual([[null, 'The sheet is empty: it has no grid of stages and lanes to import.']]);
    expect(messages(readGrid(sheet(['Actions'], ['Ideas'])).problems)).toEqual([['B1', 'The first row names no stages: write the stages’ names across it, from column B.']]);
    const grid = readGrid(sheet(['Map', 'Discover', 'x'.repeat(121)], ['', 'lost', ''], ['', '', ''], ['y'.repeat(121), 'a', 'b'], ['Ideas', '', '']));
    expect(messages(grid.problems)).toEqual([
      ['C1', 'The stage name is 121 characters long; a stage’s name may have at most 120.'],
      ['A2', 'The row holds something but has no lane: give it a title in column A.'],
      ['A4', 'The lane’s title is 121 characters long; a lane’s title may have at most 120.'],
    ]);
    expect(grid.lanes.map((l) => l.row)).toEqual([4, 5]);
    // A row of row names only (column B) is part of the lane above, or a row without a lane.
    expect(messages(readGrid(sheet(['Map', '', 'Discover'], ['', 'Score', ''])).problems)).toEqual([['A2', 'The row holds something but has no lane: give it a title in column A.']]);
    expect(readGrid(sheet(['Map', 'Discover'], ['', ''], ['Ideas', ''])).problems).toEqual([]);
  });

  it('refuses a sheet over the limits before reading it, and stops at the lane after the last one a map may have', () => {
    const tall = [{ row: 1, cells: ['Map', 'Discover'] }, { row: MAP_IMPORT_LIMITS.rows + 1, cells: ['Actions', 'x'] }];
    const refused = readGrid(tall);
    expect(messages(refused.problems)).toEqual([[null, 'The sheet has 2,001 rows; a map’s grid may have at most 2,000 (the stages’ row, then the lanes). Choose another sheet, or split the grid into several maps.']]);
    expect([refused.stages, refused.lanes, refused.title]).toEqual([[], [], null]);
    expect(readGrid([{ row: 1, cells: ['Map', 'Discover'] }, { row: MAP_IMPORT_LIMITS.rows, cells: ['Actions', 'x'] }]).problems).toEqual([]);
    const many = readGrid([{ row: 1, cells: ['Map', 'Discover'] }, ...Array.from({ length: 202 }, (_, i) => ({ row: i + 2, cells: [`Lane ${i + 1}`, 'x'] }))]);
    expect(many.lanes).toHaveLength(200);
    expect(messages(many.problems)).toEqual([['A202', 'The grid has more than 200 lanes, more than a map may have; the rest of the sheet is not read.']]);
    const wide = readGrid([{ row: 1, cells: ['Map', ...Array.from({ length: 200 }, (_, i) => `S${i}`)] }]);
    expect(messages(wide.problems)).toEqual([[null, 'The grid has 200 stages; a map may have at most 199.']]);
  });

  it('warns of each formula in the grid: its saved value is imported (or nothing, when the file saved none)', () => {
    const grid = readGrid(sheet(['Map', 'Discover', 'Use'], ['Feeling', '2', ''], ['Ideas', 'A very long formula result that goes on and on and on and on and on', 'x']), [], ['B2', 'C2', 'B3', 'Z9', 'A99', '!', 'AA1']);
    expect(messages(grid.warnings)).toEqual([
      ['B2', 'A formula: the value it showed when the file was last saved, “2”, is imported, not the formula.'],
      ['C2', 'A formula with no value saved in the file: the cell is read as empty.'],
      ['B3', 'A formula: the value it showed when the file was last saved, “A very long formula result that goes on and on and on and on”, is imported, not the formula.'],
    ]);
    // A formula in a cell covered by a merged range is not read at all.
    expect(readGrid(sheet(['Map', 'Discover', 'Use'], ['Ideas', 'x', 'x']), [range([1, 1], [1, 2])], ['C2']).warnings).toHaveLength(1);
  });
});

describe('the kind a lane is suggested as', () => {
  const lane = (title: string, ...rows: [string | null, string[]][]) => ({ row: 2, title, rows: rows.map(([label, cells], i) => ({ row: i + 2, label, cells })) });
  it('is an emotion curve for whole scores from −5 to +5, metrics for other numbers, else by its title', () => {
    expect(suggestKind(lane('Mood', [null, ['1', '−2', '', '5', '-5']]))).toBe('emotion');
    expect(suggestKind(lane('Mood', [null, ['6', '1']]))).toBe('metrics');
    expect(suggestKind(lane('Mood', [null, ['-6']]))).toBe('metrics');
    expect(suggestKind(lane('Mood', [null, ['1.5', '1,200', '12%']]))).toBe('metrics');
    expect(suggestKind(lane('Mood', [null, ['', '']], [null, ['2', 'x']]))).toBe('text');
    expect(suggestKind(lane('Mood', [null, ['', '']], [null, ['2', '3']]))).toBe('emotion');
    for (const [title, kind] of [
      ['Touchpoints', 'touchpoints'],
      ['Touch points', 'touchpoints'],
      ['Channels', 'touchpoints'],
      ['Pain points', 'pains'],
      ['Pains', 'pains'],
      ['Frustrations', 'pains'],
      ['Opportunities', 'opportunities'],
      ['Ideas', 'opportunities'],
      ['Owners', 'owners'],
      ['Who owns it', 'owners'],
      ['Backstage', 'backstage'],
      ['Behind the scenes', 'backstage'],
      ['Back office', 'backstage'],
      ['Actions', 'text'],
      ['Painting', 'text'],
      ['Ownership notes', 'text'],
    ] as const) {
      expect([title, suggestKind(lane(title, [null, ['a']]))]).toEqual([title, kind]);
    }
  });
  it('is what Waymark’s workbook names in column B: scores and labels, or quotes', () => {
    expect(suggestKind(lane('Numbers', ['Score', ['2']]))).toBe('emotion');
    expect(suggestKind(lane('Numbers', ['Ana: label', ['x']]))).toBe('emotion');
    expect(suggestKind(lane('Feeling', ['Quotes', ['3']], ['Newest quotes', ['“x”']]))).toBe('evidence');
    expect(suggestKind(lane('Feeling', ['Quotes', ['3']]))).toBe('emotion');
  });
});

describe('what a lane holds once its kind is set', () => {
  const grid = readGrid(
    sheet(
      ['Map', 'Discover', 'Sign up', 'Use'],
      ['Actions', '• Finds us\n• Reads', 'Signs up', ''],
      ['', 'Asks', '', ''],
      ['Feeling', '2', '1.5', '12'],
      ['', 'Curious', 'x'.repeat(501), 'Bored'],
      ['', '1', '', ''],
      ['Numbers', '1,200', '12.5%', 'lots'],
      ['', '', '', ''],
      ['', '3', '', '4'],
      ['Owners', 'Marketing\nSales', '', ''],
      ['Team', 'Support', '', 'Ops'],
      ['Evidence', '3', '', ''],
      ['Empty evidence', '', '', ''],
    ),
  );
  const kinds: LaneKind[] = ['text', 'emotion', 'metrics', 'owners', 'owners', 'evidence', 'evidence'];

  it('cards line by line, each with its cell; scores and labels; metrics; owners; and every problem at its cell', () => {
    const c = content(grid, kinds);
    expect(c.lanes[0]?.cells.map((cell) => [cell.stage, cell.lines.map((l) => `${l.cell} ${l.text}`)])).toEqual([
      [0, ['B2 Finds us', 'B2 Reads', 'B3 Asks']],
      [1, ['C2 Signs up']],
      [2, []],
    ]);
    expect(c.cards).toBe(4);
    expect(c.lanes.map((l) => l.count)).toEqual([4, 1, 4, 1, 1, 0, 0]);
    expect(c.lanes[1]?.curves).toEqual([
      {
        persona: null,
        cell: 'A4',
        scores: [{ value: 2, cell: 'B4' }, null, null],
        labels: [
          { value: 'Curious', cell: 'B5' },
          { value: 'x'.repeat(501), cell: 'C5' },
          { value: 'Bored', cell: 'D5' },
        ],
      },
    ]);
    expect(c.lanes[2]?.metrics).toEqual([
      { name: 'Numbers', unit: '%', cell: 'A7', values: [{ value: 1200, cell: 'B7' }, { value: 12.5, cell: 'C7' }, null] },
      { name: 'Numbers 2', unit: '', cell: 'A9', values: [{ value: 3, cell: 'B9' }, null, { value: 4, cell: 'D9' }] },
    ]);
    expect(c.owners).toEqual([{ value: 'Marketing, Sales', cell: 'B10' }, null, { value: 'Ops', cell: 'D11' }]);
    expect(messages(c.problems)).toEqual([
      ['C4', '“1.5” is not a whole number, as a score of the emotion lane “Feeling” must be.'],
      ['D4', 'The score +12 is outside the scale of −10 to +10.'],
      ['C5', 'The label is 501 characters long; an emotion label may have at most 500.'],
      ['A6', 'The emotion lane “Feeling” has a row of scores and a row of labels; this is a third row (a persona’s curve is named in column B, as “Ana: score” and “Ana: label”).'],
      ['D7', '“lots” is not a number, as a value of the metrics lane “Numbers” must be.'],
    ]);
    expect(messages(c.warnings)).toEqual([
      ['B11', 'The stage’s owner is given in B10 already (“Marketing, Sales”); this one is not imported.'],
      ['A12', 'The lane “Evidence” is imported as an evidence lane, which shows the quotes linked to each stage: what its cells hold is not imported (quotes come in with Import quotes… on the quote board).'],
    ]);
  });

  it('the first row of an emotion lane is its scores: a lane of words set to emotion says so cell by cell', () => {
    const c = content(grid, ['emotion', 'text', 'text', 'text', 'text', 'text', 'text']);
    expect(messages(c.problems).slice(0, 3)).toEqual([
      ['B2', '“• Finds us\n• Reads” is not a whole number, as a score of the emotion lane “Actions” must be.'],
      ['C2', '“Signs up” is not a whole number, as a score of the emotion lane “Actions” must be.'],
      ['A3', expect.stringContaining('this is a third row') as string],
    ].slice(0, 2));
    expect(c.lanes[0]?.curves[0]?.labels).toEqual([{ value: 'Asks', cell: 'B3' }, null, null]);
    // A label beside a score that was refused is not warned of twice.
    expect(messages(c.warnings).filter(([cell]) => cell === 'B3')).toEqual([]);
    const scale = interpret(grid, kinds, { scale: { min: -2, max: 2 } });
    expect(messages(scale.problems)).toContainEqual(['D4', 'The score +12 is outside the scale of −2 to +2.']);
    const low = interpret(readGrid(sheet(['Map', 'a'], ['Feeling', '−3'])), ['emotion'], { scale: { min: -2, max: 2 } });
    expect(messages(low.problems)).toEqual([['B2', 'The score −3 is outside the scale of −2 to +2.']]);
    const zero = interpret(readGrid(sheet(['Map', 'a'], ['Feeling', '0'])), ['emotion'], { scale: { min: -2, max: 2 } });
    expect(zero.lanes[0]?.curves[0]?.scores).toEqual([{ value: 0, cell: 'B2' }]);
  });

  it('named rows: a persona’s curve as “Ana: score”, a second row of the same scores refused, a label with no score warned of', () => {
    const named = readGrid(
      sheet(['Map', '', 'Discover', 'Use'], ['Feeling', 'Score', '2', ''], ['', 'Label', 'Curious', 'Calm'], ['', 'Ana: score', '-1', '1'], ['', 'ana: LABEL', 'Lost', ''], ['', 'score', '1', '1'], ['', 'Notes', 'x', 'y']),
    );
    const c = content(named, ['emotion']);
    expect(c.lanes[0]?.curves.map((k) => [k.persona, k.cell, k.scores.map((s) => s?.value ?? null), k.labels?.map((l) => l?.value ?? null) ?? null])).toEqual([
      [null, 'B2', [2, null], ['Curious', 'Calm']],
      ['Ana', 'B4', [-1, 1], ['Lost', null]],
    ]);
    // "Notes" names neither: as the lane's first unnamed row it is read as scores, of the team's curve, which has them.
    expect(messages(c.problems)).toEqual([
      ['B6', 'A second row of scores for the team’s curve in the lane “Feeling”.'],
      ['A7', 'A second row of scores for the team’s curve in the lane “Feeling”.'],
    ]);
    expect(messages(c.warnings)).toEqual([['D3', 'A label with no score beside it: an emotion point needs a score, so the label is not imported.']]);
    expect(c.lanes[0]?.count).toBe(3);
    const persona = content(readGrid(sheet(['Map', '', 'a'], ['Feeling', 'Ana: score', '1'], ['', 'Ana: score', '2'])), ['emotion']);
    expect(messages(persona.problems)).toEqual([['B3', 'A second row of scores for Ana’s curve in the lane “Feeling”.']]);
  });

  it('metric rows named in column B, with their unit in brackets; names and units over their limits refused', () => {
    const g = readGrid(sheet(['Map', '', 'a', 'b'], ['Numbers', 'Conversion (%)', '12.5', '10'], ['', 'Entered stage (customers)', '1 200', ''], ['', 'Spend', '€ 40', ''], ['', 'n'.repeat(81), '1', ''], ['', `x (${'u'.repeat(41)})`, '1', ''], ['', '', '', '']));
    const c = content(g, ['metrics']);
    expect(c.lanes[0]?.metrics.map((m) => [m.name, m.unit, m.values.map((v) => v?.value ?? null)])).toEqual([
      ['Conversion', '%', [12.5, 10]],
      ['Entered stage', 'customers', [1200, null]],
      ['Spend', '€', [40, null]],
      ['n'.repeat(81), '', [1, null]],
      ['x', 'u'.repeat(41), [1, null]],
    ]);
    expect(messages(c.problems)).toEqual([
      ['B5', 'The metric’s name is longer than 80 characters.'],
      ['B6', 'The metric’s unit is longer than 40 characters.'],
    ]);
  });

  it('owners: too long is refused, the same owner twice is not warned of', () => {
    const g = readGrid(sheet(['Map', 'a', 'b'], ['Owners', 'o'.repeat(121), 'Sales'], ['Team', '', 'Sales']));
    const c = content(g, ['owners', 'owners']);
    expect(messages(c.problems)).toEqual([['B2', 'The owner is 121 characters long; a stage’s owner may have at most 120.']]);
    expect(c.warnings).toEqual([]);
    expect(c.lanes.map((l) => l.count)).toEqual([2, 0]);
  });

  it('cards over a card’s length are refused at their cell; a grid over the cards limit is refused and not read on', () => {
    const long = content(readGrid(sheet(['Map', 'a'], ['Ideas', `short\n${'x'.repeat(4001)}`])), ['opportunities']);
    expect(messages(long.problems)).toEqual([['B2', 'A card of 4,001 characters; a card may have at most 4,000.']]);
    const lines = Array.from({ length: MAP_IMPORT_LIMITS.cards + 1 }, (_, i) => `c${i}`).join('\n');
    const big = content(readGrid(sheet(['Map', 'a'], ['Ideas', lines], ['Feeling', '1'])), ['opportunities', 'emotion']);
    expect(messages(big.problems)).toEqual([[null, 'The grid holds more than 50,000 cards, more than a map may hold; the rest of the sheet is not read.']]);
    expect(big.lanes).toHaveLength(1);
    const exactly = content(readGrid(sheet(['Map', 'a'], ['Ideas', lines.slice(0, lines.lastIndexOf('\n'))])), ['opportunities']);
    expect([exactly.cards, exactly.problems]).toEqual([MAP_IMPORT_LIMITS.cards, []]);
  });

  it('reads the votes after a card and the “more cards” line', () => {
    const g = readGrid(sheet(['Map', 'a'], ['Ideas', '• Tour · 3 votes\n… and 4 more cards (see the Cards sheet)']));
    expect(content(g, ['opportunities']).lanes[0]?.cells).toEqual([{ stage: 0, lines: [{ text: 'Tour', votes: 3, cell: 'B2' }], truncated: true }]);
    expect(content(readGrid(sheet(['Map', 'a'], ['Ideas', '… and 4 more cards (see the Cards sheet)'])), ['opportunities']).lanes[0]?.cells).toEqual([{ stage: 0, lines: [], truncated: true }]);
  });
});

describe('an exported Cards sheet', () => {
  const header = ['Lane', 'Stage', 'Text', 'Colour', 'Channel', 'Evidence', 'Votes', 'Linked quotes', 'Card id'];
  it('is told by its header, with or without the Map column of a workbook of several maps', () => {
    expect(cardsHeader(sheet(header))).toEqual({ withMap: false });
    expect(cardsHeader(sheet([' Map ', ...header, '', '']))).toEqual({ withMap: true });
    expect(cardsHeader(sheet(header.slice(0, -1)))).toBeNull();
    expect(cardsHeader(sheet([...header, 'More']))).toBeNull();
    expect(cardsHeader(sheet(['Maps', ...header]))).toBeNull();
    expect(cardsHeader(sheet(header.map((h) => h.toLowerCase())))).toBeNull();
    expect(readCardsSheet(undefined, '')).toBeNull();
    expect(cardsHeader([])).toBeNull();
    expect(readCardsSheet(sheet(['Quote', 'Participant']), '')).toBeNull();
  });

  it('reads each row as cards.update would take it, every problem at its cell of the Cards sheet', () => {
    const read = readCardsSheet(
      sheet(
        header,
        ['Actions', 'Discover', '  Finds us\r\nthrough a friend ', 'FFCC00', 'Web', 'Observed', '1,234', '2', 'abc_DEF-1'],
        ['Actions', 'Use', 'Plain', '', '', '', '', '', ''],
        ['', '', '', '', '', '', '', '', ''],
        ['Ideas', 'Use', 'Bad', 'red', 'fax', 'maybe', '-1', '', 'not an id!'],
        ['Ideas', 'Use', 'Twice', '', '', '', '2.5', '', 'abc_DEF-1'],
        ['Ideas', 'Use', 'y'.repeat(4001), '#00ff00', '', 'proposed', '1000000', '', 'zzz'],
        ['', '', '', '', '', '', '1000001', '', ''],
      ),
      '',
    );
    expect(read?.rows.map(({ at: _at, ...r }) => r)).toEqual([
      { row: 2, id: 'abc_DEF-1', lane: 'Actions', stage: 'Discover', text: 'Finds us\nthrough a friend', color: '#ffcc00', channel: 'web', evidence: 'observed', votes: 1234 },
      { row: 3, id: null, lane: 'Actions', stage: 'Use', text: 'Plain', color: null, channel: null, evidence: 'assumed', votes: 0 },
      { row: 5, id: null, lane: 'Ideas', stage: 'Use', text: 'Bad', color: null, channel: null, evidence: 'assumed', votes: 0 },
      { row: 6, id: null, lane: 'Ideas', stage: 'Use', text: 'Twice', color: null, channel: null, evidence: 'assumed', votes: 0 },
      { row: 7, id: 'zzz', lane: 'Ideas', stage: 'Use', text: 'y'.repeat(4001), color: '#00ff00', channel: null, evidence: 'proposed', votes: 1_000_000 },
    ]);
    expect(read?.rows[0]?.at('Card id')).toBe('Cards!I2');
    expect(messages(read?.problems ?? [])).toEqual([
      ['Cards!I5', '“not an id!” is not a card id Waymark wrote; empty the cell to add the row as a new card.'],
      ['Cards!D5', '“red” is not a colour: write it like #ffcc00, or leave the cell empty.'],
      ['Cards!E5', '“fax” is not a channel; a touchpoint’s channel is one of web, app, email, phone, store, chat, social, mail, other, or none.'],
      ['Cards!F5', '“maybe” is not an evidence status; a card is assumed, observed, proposed.'],
      ['Cards!G5', '“-1” is not a number of votes (a whole number from 0 to 1,000,000).'],
      ['Cards!I6', 'The card id is on row 2 too: a card can only be on one row.'],
      ['Cards!G6', '“2.5” is not a number of votes (a whole number from 0 to 1,000,000).'],
      ['Cards!C7', 'The card’s text is 4,001 characters long; a card may have at most 4,000.'],
      ['Cards!G8', '“1000001” is not a number of votes (a whole number from 0 to 1,000,000).'],
    ]);
    expect(read?.maps).toEqual([]);
  });

  it('keeps only the rows of its map when the workbook holds several, and lists the maps it names', () => {
    const read = readCardsSheet(sheet(['Map', ...header], ['Onboarding', 'Actions', 'a', 'One', '', '', '', '', '', 'id1'], ['Billing', 'Actions', 'a', 'Two', '', '', '', '', '', 'id2'], ['onboarding', 'Actions', 'a', 'Three', '', '', '', '', '', 'id3'], ['', 'Actions', 'a', 'Four', '', '', '', '', '', '']), 'Onboarding');
    expect(read?.rows.map((r) => [r.text, r.at('Text')])).toEqual([
      ['One', 'Cards!D2'],
      ['Three', 'Cards!D4'],
    ]);
    expect(read?.maps).toEqual(['Onboarding', 'Billing', 'onboarding']);
  });
});

describe('the Map and Cards sheets put back together', () => {
  const card = (id: string, key: string, text: string, extra: Partial<BaseCard> = {}): BaseCard => ({ id, key, text, color: null, channel: null, evidence: 'assumed', votes: 0, ...extra });
  const row = (c: BaseCard | (Omit<BaseCard, 'id'> & { id: null }), source = `Cards!C${c.id ?? 'new'}`): SheetCard => ({ ...c, source });
  const cell = (key: string, lines: string[], truncated = false, votes: (number | null)[] = []): MapCell => ({ key, cell: `cell ${key}`, truncated, lines: lines.map((text, i) => ({ text, votes: votes[i] ?? null, cell: `${key}:${i}` })) });
  const base = [card('a', 'L1', 'Finds us'), card('b', 'L1', 'Reads\nreviews'), card('c', 'L2', 'Signs up', { votes: 2 }), card('d', 'L2', 'Pays')];
  const rows = base.map((c) => row(c));
  const cells = [cell('L1', ['Finds us', 'Reads reviews']), cell('L2', ['Signs up', 'Pays'], false, [2])];
  const shape = (r: ReturnType<typeof reconcile>) => [[...r.cells].map(([k, list]) => [k, list.map((c) => `${c.id ?? '+'}:${c.text}:${c.votes}`)]), r.removed.map((x) => `${x.card.id}:${x.why}:${x.cell ?? ''}`)];

  it('leaves a workbook nobody edited as it was', () => {
    expect(shape(reconcile(base, rows, cells))).toEqual([
      [
        ['L1', ['a:Finds us:0', 'b:Reads\nreviews:0']],
        ['L2', ['c:Signs up:2', 'd:Pays:0']],
      ],
      [],
    ]);
  });

  it('takes an edit of either sheet; the Cards sheet’s when both', () => {
    const editedRows = rows.map((r) => (r.id === 'a' ? { ...r, text: 'Hears of us', color: '#ff0000' } : r));
    expect(shape(reconcile(base, editedRows, cells))[0]).toEqual([
      ['L1', ['a:Hears of us:0', 'b:Reads\nreviews:0']],
      ['L2', ['c:Signs up:2', 'd:Pays:0']],
    ]);
    // In the Map sheet: a line that is no card's text is the new text of the card whose line is gone.
    const editedMap = [cell('L1', ['Finds us', 'Reads many reviews']), cell('L2', ['Signs up', 'Pays'], false, [5])];
    const together = reconcile(base, rows, editedMap);
    expect(shape(together)[0]).toEqual([
      ['L1', ['a:Finds us:0', 'b:Reads many reviews:0']],
      ['L2', ['c:Signs up:5', 'd:Pays:0']],
    ]);
    expect(together.cells.get('L1')?.[1]?.source).toBe('L1:1');
    // Both sheets edited: the Cards row wins, and the Map's line is a card of its own.
    const both = reconcile(base, editedRows, [cell('L1', ['Finds you', 'Reads reviews']), cells[1] as MapCell]);
    expect(shape(both)[0]).toEqual([
      ['L1', ['+:Finds you:0', 'b:Reads\nreviews:0', 'a:Hears of us:0']],
      ['L2', ['c:Signs up:2', 'd:Pays:0']],
    ]);
    // Votes edited in the Cards sheet win over the line's.
    const votes = reconcile(base, rows.map((r) => (r.id === 'c' ? { ...r, votes: 7 } : r)), cells);
    expect(votes.cells.get('L2')?.[0]?.votes).toBe(7);
    // A line's votes: a new card's, and those of a card whose line it is (none written is none).
    expect(reconcile(base, rows, [cell('L2', ['Signs up', 'Pays', 'New'], false, [9, null, 4])]).cells.get('L2')?.map((c) => c.votes)).toEqual([9, 0, 4]);
  });

  it('adds a line that is no card (at its place), and a row without an id; a row with an id the map has not is added with a warning', () => {
    const together = reconcile(base, [...rows, row({ ...card('x', 'L2', 'From cards'), id: null }, 'Cards!C9'), row(card('zz', 'L1', 'Stranger'), 'Cards!C10')], [cell('L1', ['New first', 'Finds us', 'Reads reviews'], false, [3]), cells[1] as MapCell]);
    expect(shape(together)).toEqual([
      [
        ['L1', ['+:New first:3', 'a:Finds us:0', 'b:Reads\nreviews:0', '+:Stranger:0']],
        ['L2', ['c:Signs up:2', 'd:Pays:0', '+:From cards:0']],
      ],
      [],
    ]);
    expect(messages(together.warnings)).toEqual([['Cards!C10', 'No card with this id is on the map: the row is added as a new card.']]);
    // A new row of the Cards sheet whose text the Map's cell shows is that line, not a second card.
    const shown = reconcile(base, [...rows, row({ ...card('x', 'L2', 'Typed twice'), id: null })], [cells[0] as MapCell, cell('L2', ['Signs up', 'Typed twice', 'Pays'], false, [2])]);
    expect(shape(shown)[0]).toEqual([
      ['L1', ['a:Finds us:0', 'b:Reads\nreviews:0']],
      ['L2', ['c:Signs up:2', '+:Typed twice:0', 'd:Pays:0']],
    ]);
  });

  it('removes a card whose Cards row is deleted (its line is not added again) or whose line is taken out; a cell that shows only some cards loses none', () => {
    const gone = reconcile(base, rows.filter((r) => r.id !== 'a'), cells);
    expect(shape(gone)).toEqual([
      [
        ['L1', ['b:Reads\nreviews:0']],
        ['L2', ['c:Signs up:2', 'd:Pays:0']],
      ],
      ['a:cards:'],
    ]);
    const out = reconcile(base, rows, [cell('L1', ['Reads reviews']), cells[1] as MapCell]);
    expect(shape(out)[1]).toEqual(['a:map:cell L1']);
    const partial = reconcile(base, rows, [cell('L1', ['Reads reviews'], true), cells[1] as MapCell]);
    expect(shape(partial)).toEqual([
      [
        ['L1', ['b:Reads\nreviews:0', 'a:Finds us:0']],
        ['L2', ['c:Signs up:2', 'd:Pays:0']],
      ],
      [],
    ]);
    // A card whose Cards row was edited is kept although its line is gone.
    const edited = reconcile(base, rows.map((r) => (r.id === 'a' ? { ...r, evidence: 'observed' as const } : r)), [cell('L1', ['Reads reviews']), cells[1] as MapCell]);
    expect(shape(edited)).toEqual([
      [
        ['L1', ['b:Reads\nreviews:0', 'a:Finds us:0']],
        ['L2', ['c:Signs up:2', 'd:Pays:0']],
      ],
      [],
    ]);
  });

  it('moves a card whose line was cut from one cell and pasted into another, or whose Cards row names another cell', () => {
    const pasted = reconcile(base, rows, [cell('L1', ['Reads reviews']), cell('L2', ['Signs up', 'Finds us', 'Pays'], false, [2])]);
    expect(shape(pasted)).toEqual([
      [
        ['L1', ['b:Reads\nreviews:0']],
        ['L2', ['c:Signs up:2', 'a:Finds us:0', 'd:Pays:0']],
      ],
      [],
    ]);
    expect(pasted.cells.get('L2')?.[1]?.key).toBe('L2');
    expect(pasted.cells.get('L2')?.[1]?.source).toBe('L2:1');
    // A cell emptied of its lines: its cards were taken out, and pasted elsewhere they move there.
    const emptied = reconcile(base, rows, [cell('L1', []), cell('L2', ['Signs up', 'Pays', 'Finds us', 'Reads reviews'], false, [2, null, 5])]);
    expect(shape(emptied)).toEqual([[['L1', []], ['L2', ['c:Signs up:2', 'd:Pays:0', 'a:Finds us:5', 'b:Reads\nreviews:0']]], []]);
    // A line that is a card moved from another cell is that card, not the new text of a card of its own cell.
    const first = reconcile(base, rows, [cell('L1', ['Reads reviews']), cell('L2', ['Finds us', 'Pays'])]);
    expect(shape(first)).toEqual([[['L1', ['b:Reads\nreviews:0']], ['L2', ['a:Finds us:0', 'd:Pays:0']]], ['c:map:cell L2']]);
    const renamed = reconcile(base, rows.map((r) => (r.id === 'a' ? { ...r, key: 'L3' } : r)), cells);
    expect(shape(renamed)[0]).toEqual([
      ['L1', ['b:Reads\nreviews:0']],
      ['L2', ['c:Signs up:2', 'd:Pays:0']],
      ['L3', ['a:Finds us:0']],
    ]);
    // Into a cell the Map sheet shows with its line: placed there, in the line's order.
    const shown = reconcile(base, rows.map((r) => (r.id === 'a' ? { ...r, key: 'L2' } : r)), [cell('L1', ['Reads reviews']), cell('L2', ['Finds us', 'Signs up', 'Pays'], false, [null, 2])]);
    expect(shape(shown)[0]).toEqual([
      ['L1', ['b:Reads\nreviews:0']],
      ['L2', ['a:Finds us:0', 'c:Signs up:2', 'd:Pays:0']],
    ]);
  });

  it('two cards of one text are two lines; lines of a card that is gone are not added', () => {
    const twins = [card('a', 'L1', 'Same'), card('b', 'L1', 'Same')];
    expect(shape(reconcile(twins, twins.map((c) => row(c)), [cell('L1', ['Same', 'Same'])]))).toEqual([[['L1', ['a:Same:0', 'b:Same:0']]], []]);
    expect(shape(reconcile(twins, [row(twins[1] as BaseCard)], [cell('L1', ['Same', 'Same'])]))).toEqual([[['L1', ['b:Same:0']]], ['a:cards:']]);
    expect(shape(reconcile(twins, twins.map((c) => row(c)), [cell('L1', ['Same'])]))).toEqual([[['L1', ['a:Same:0']]], ['b:map:cell L1']]);
  });
});

describe('finding names again', () => {
  it('pairs names in order: the same first, then whatever the case, then renames between them', () => {
    expect(matchInOrder(['A', 'B', 'C'], ['A', 'B', 'C'])).toEqual({ match: [0, 1, 2], renamed: new Set() });
    expect(matchInOrder(['a ', 'B'], ['A', 'b'])).toEqual({ match: [0, 1], renamed: new Set() });
    expect(matchInOrder(['A', 'X', 'C'], ['A', 'B', 'C'])).toEqual({ match: [0, 1, 2], renamed: new Set([1]) });
    expect(matchInOrder(['A', 'X', 'Y', 'C'], ['A', 'B', 'C'])).toEqual({ match: [0, 1, null, 2], renamed: new Set([1]) });
    expect(matchInOrder(['X', 'A'], ['B', 'A'])).toEqual({ match: [0, 1], renamed: new Set([0]) });
    expect(matchInOrder(['A', 'X'], ['A', 'B'])).toEqual({ match: [0, 1], renamed: new Set([1]) });
    expect(matchInOrder(['A', 'C'], ['A', 'B', 'C'])).toEqual({ match: [0, 2], renamed: new Set() });
    expect(matchInOrder(['B', 'A', 'X'], ['A', 'B', 'Y'])).toEqual({ match: [1, 0, 2], renamed: new Set([2]) });
    expect(matchInOrder(['A', 'X', 'Y', 'C'], ['A', 'B', 'D', 'C'])).toEqual({ match: [0, 1, 2, 3], renamed: new Set([1, 2]) });
    // Crossed names keep their pairs; what lies between them is not renamed; past them, the rest pair again.
    expect(matchInOrder(['C', 'X', 'A'], ['A', 'B', 'C'])).toEqual({ match: [2, null, 0], renamed: new Set() });
    expect(matchInOrder(['C', 'X', 'A', 'Y'], ['A', 'B', 'C', 'D'])).toEqual({ match: [2, null, 0, 3], renamed: new Set([3]) });
    // A name used by a later pair is not free for a rename before it.
    expect(matchInOrder(['A', 'X', 'D', 'B'], ['A', 'B', 'Y', 'D'])).toEqual({ match: [0, 2, 3, 1], renamed: new Set([1]) });
    expect(matchInOrder(['S', 'S', 'T'], ['S', 'T', 'S'])).toEqual({ match: [0, 2, 1], renamed: new Set() });
    // The same name before the same name whatever the case, and each name once.
    expect(matchInOrder(['a', 'A'], ['A', 'a'])).toEqual({ match: [1, 0], renamed: new Set() });
    expect(matchInOrder(['A'], ['A', 'a'])).toEqual({ match: [0], renamed: new Set() });
    // Spaces folded, but not taken away.
    expect(matchInOrder(['Sign  up'], ['Sign up'])).toEqual({ match: [0], renamed: new Set() });
    expect(matchInOrder(['Signup', 'Z'], ['Sign up', 'Z'])).toEqual({ match: [0, 1], renamed: new Set([0]) });
    expect(matchInOrder(['Signup'], ['Sign up', 'Signup'])).toEqual({ match: [1], renamed: new Set() });
    expect(matchInOrder([], ['A'])).toEqual({ match: [], renamed: new Set() });
    expect(matchInOrder(['A'], [])).toEqual({ match: [null], renamed: new Set() });
  });

  const named = (key: string, name: string, was: string[] = [], holdsCards = true, kind = 'a text'): Named => ({ key, name, was, holdsCards, kind });
  const lanes: Named[] = [named('l1', 'Actions', ['Doing']), named('l2', 'Actions'), named('l3', 'Feeling', [], false, 'an emotion'), named('l4', 'New', ['Old']), named('l5', 'Old')];
  const stages: Named[] = [named('s1', 'Discover', [], true, 'a stage')];
  const cardsRow = (id: string | null, lane: string, stage: string, text = 't') => ({ row: 2, at: (c: string) => `Cards!${c}`, id, lane, stage, text, color: null, channel: null, evidence: 'assumed' as const, votes: 0 });
  const at = (lane: Named | undefined, stage: Named | undefined) => ({ lane: lane as Named, stage: stage as Named });

  it('places a Cards row in the lane and stage it names: its own when it names them still, else the first of that name now, then before', () => {
    const own = (id: string | null) => (id === 'mine' ? { lane: 'l2', stage: 's1' } : null);
    const placed = placeCards([cardsRow('mine', 'actions', 'Discover'), cardsRow('other', 'Actions', 'discover'), cardsRow(null, 'Doing', 'Discover'), cardsRow(null, 'Old', 'Discover')], lanes, stages, new Map(), own);
    expect(placed.cards.map((c) => c.key)).toEqual(['l2\ns1', 'l1\ns1', 'l1\ns1', 'l5\ns1']);
    expect(placed.cards[0]).toMatchObject({ id: 'mine', source: 'Cards!Text', text: 't', evidence: 'assumed' });
    expect(placed.problems).toEqual([]);
  });

  it('places a row whose names are gone in the one cell that shows its text; else says what is wrong', () => {
    const lines = new Map([
      ['Shown once', [at(lanes[0], stages[0])]],
      ['Shown twice', [at(lanes[0], stages[0]), at(lanes[1], stages[0])]],
      ['In feelings', [at(lanes[2], stages[0])]],
    ]);
    const long = 'L'.repeat(70);
    const placed = placeCards(
      [cardsRow(null, 'Old lane', 'Discover', 'Shown once'), cardsRow(null, long, 'Discover', 'Shown twice'), cardsRow(null, 'Actions', long), cardsRow(null, 'Feeling', 'Discover'), cardsRow(null, 'Gone', 'Discover', 'In feelings')],
      lanes,
      stages,
      lines,
      () => null,
    );
    expect(placed.cards.map((c) => [c.text, c.key])).toEqual([['Shown once', 'l1\ns1']]);
    expect(messages(placed.problems)).toEqual([
      ['Cards!Lane', `“${'L'.repeat(60)}” is not a lane of the map’s grid: name one of its lanes, or delete the row.`],
      ['Cards!Stage', `“${'L'.repeat(60)}” is not a stage of the map’s grid: name one of its stages, or delete the row.`],
      ['Cards!Lane', 'The lane “Feeling” is an emotion lane, which holds no cards: choose a kind of lane that holds cards, or delete the row.'],
      ['Cards!Lane', 'The lane “Feeling” is an emotion lane, which holds no cards: choose a kind of lane that holds cards, or delete the row.'],
    ]);
  });
});

describe('at their edges', () => {
  it('a grid: names of exactly the longest length, the most stages, rows longer than the stages’ row', () => {
    const name = 'n'.repeat(120);
    expect(readGrid(sheet(['Map', name], [name, 'x'])).problems).toEqual([]);
    const stages = readGrid([{ row: 1, cells: ['Map', ...Array.from({ length: 199 }, (_, i) => `S${i}`)] }]);
    expect([stages.stages.length, stages.problems]).toEqual([199, []]);
    // A CSV row may be longer than the first one: what lies under no stage name is a problem, never lost.
    const wide = readGrid(sheet(['Map', 'a'], ['Lane', 'x', 'extra']));
    expect(messages(wide.problems)).toEqual([['C1', 'The column has no stage name, but C2 below it holds something: name the stage here, or empty the column.']]);
    expect(wide.lanes[0]?.rows[0]?.cells).toEqual(['x']);
    const refused = readGrid([{ row: 1, cells: ['Map'] }, { row: 2_001, cells: ['x'] }]);
    expect(refused).toEqual({ title: null, corner: '', labelColumn: false, stages: [], lanes: [], problems: refused.problems, warnings: [] });
    expect(readGrid(sheet(['Journey', 'a'])).corner).toBe('Journey');
  });

  it('a grid: merges at the first stage column, above the stages’ row, and formulas in the stages’ row or past the grid', () => {
    const labelled = readGrid(sheet(['Map', '', 'a', 'b'], ['Feeling', 'Score', '1', '2'], ['Note', 'x', 'Note', 'y']), [range([2, 0], [2, 2])]);
    expect(messages(labelled.warnings)).toEqual([['A3:C3', 'Merged across the stages’ columns: only its first cell, A3, is read.']]);
    const first = readGrid(sheet(['Map', 'a', 'b'], ['Ideas', 'x', 'x']), [range([1, 1], [1, 2])]);
    expect(messages(first.warnings)).toEqual([['B2:C2', 'Merged cells: what they hold is imported once, into B2.']]);
    const above = readGrid(sheet([''], ['Map', 'a'], ['Ideas', 'x']), [range([0, 0], [0, 1])]);
    expect([above.warnings, above.problems, above.stages.map((s) => s.name)]).toEqual([[], [], ['a']]);
    const rows = Array.from({ length: 12 }, (_, i) => [`Lane ${i + 1}`, 'x']);
    const formulas = readGrid(sheet(['Map', 'a'], ...rows), [], ['B1', 'B12', 'C2', 'A1']);
    expect(formulas.warnings.map((w) => w.cell)).toEqual(['B1', 'B12', 'A1']);
    expect(formulas.warnings[1]?.message).toBe('A formula: the value it showed when the file was last saved, “x”, is imported, not the formula.');
    // A formula in a blank row under the stages (its value saved as nothing) is in no row the grid has.
    expect(readGrid(sheet(['Map', 'a'], ['Ideas', 'x'], [''], ['Pains', 'y']), [], ['B3']).warnings).toEqual([]);
    const high = readGrid(sheet([''], ['Map', 'a'], ['Ideas', '']), [], ['B1', 'B3']);
    expect(high.warnings.map((w) => w.cell)).toEqual(['B3']);
    const letters = Array.from({ length: 27 }, (_, i) => `S${i}`);
    const far = readGrid(sheet(['Map', ...letters], ['Ideas', ...letters.map(() => 'x')]), [], ['AB2', 'AA2', 'BA2']);
    expect(far.warnings.map((w) => w.cell)).toEqual(['AB2', 'AA2']);
    // A title cut to its length loses the space it would end in.
    expect(readGrid(sheet([`${'é'.repeat(199)} tail`, 'a'])).title).toBe('é'.repeat(199));
  });

  it('kinds: a lane of empty rows by its title; any row named as a curve’s makes an emotion lane', () => {
    const empty = { row: 2, title: 'Touchpoints', rows: [{ row: 2, label: null, cells: ['', ''] }] };
    expect(suggestKind(empty)).toBe('touchpoints');
    expect(suggestKind({ ...empty, title: 'Mood' })).toBe('text');
    expect(suggestKind({ row: 2, title: 'Mood', rows: [{ row: 2, label: 'Score', cells: ['x'] }, { row: 3, label: 'Other', cells: ['y'] }] })).toBe('emotion');
    expect(suggestKind({ row: 2, title: 'Mood', rows: [{ row: 2, label: 'QUOTES', cells: ['1'] }, { row: 3, label: 'Newest Quotes', cells: ['y'] }] })).toBe('evidence');
  });

  it('content: cards and labels of exactly the longest length; two personas’ curves apart; labels folded, and none warned of beside a refused score', () => {
    const card = content(readGrid(sheet(['Map', 'a'], ['Ideas', 'x'.repeat(4000)])), ['opportunities']);
    expect([card.problems, card.cards]).toEqual([[], 1]);
    const g = readGrid(sheet(['Map', '', 'a', 'b', 'c'], ['Feeling', 'Ana: score', '1', '', '9'], ['', 'Bo: score', '-1', '', ''], ['', 'Ana: label', 'Very   calm', '', 'Thrilled'], ['', 'Bo: label', 'l'.repeat(500), 'Lost', ''], ['', 'Label', '', '', '']));
    const c = content(g, ['emotion']);
    expect(c.lanes[0]?.curves.map((k) => [k.persona, k.scores.map((x) => x?.value ?? null), k.labels?.map((x) => x?.value ?? null) ?? null])).toEqual([
      ['Ana', [1, null, 9], ['Very calm', null, 'Thrilled']],
      ['Bo', [-1, null, null], ['l'.repeat(500), 'Lost', null]],
      [null, [null, null, null], [null, null, null]],
    ]);
    expect(c.problems).toEqual([]);
    const narrow = interpret(g, ['emotion'], { scale: { min: -2, max: 2 } });
    expect(messages(narrow.problems)).toEqual([['E2', 'The score +9 is outside the scale of −2 to +2.']]);
    // "Thrilled" is beside the refused +9: the problem says it all. "Lost" has no score at all.
    expect(messages(narrow.warnings)).toEqual([['D5', 'A label with no score beside it: an emotion point needs a score, so the label is not imported.']]);
    const words = content(readGrid(sheet(['Map', 'a'], ['Feeling', 'w'.repeat(50)])), ['emotion']);
    expect(words.problems[0]?.message).toBe(`“${'w'.repeat(40)}” is not a whole number, as a score of the emotion lane “Feeling” must be.`);
  });

  it('content: metrics — a row of names only is none, the label’s unit before the values’, names and units of exactly their longest length, a long value shown cut', () => {
    const g = readGrid(sheet(['Map', '', 'a', 'b'], ['Numbers', 'Nothing yet', '', ''], ['', 'Share ( % )', '12', '13'], ['', 'Spend (€)', '12%', '€ 5'], ['', 'm'.repeat(80), '1', ''], ['', `u (${'u'.repeat(40)})`, '1', ''], ['', 'Bad', 'v'.repeat(50), '']));
    const c = content(g, ['metrics']);
    expect(c.lanes[0]?.metrics.map((m) => [m.name, m.unit, m.values.map((v) => v?.value ?? null)])).toEqual([
      ['Share', '%', [12, 13]],
      ['Spend', '€', [12, 5]],
      ['m'.repeat(80), '', [1, null]],
      ['u', 'u'.repeat(40), [1, null]],
      ['Bad', '', [null, null]],
    ]);
    expect(messages(c.problems)).toEqual([['C7', `“${'v'.repeat(40)}” is not a number, as a value of the metrics lane “Numbers” must be.`]]);
  });

  it('content: an owner of exactly the longest length', () => {
    expect(content(readGrid(sheet(['Map', 'a'], ['Owners', 'o'.repeat(120)])), ['owners']).problems).toEqual([]);
  });

  it('content: owners folded across their lines; a long owner is shown cut when another lane gives the stage one first; an evidence lane’s later rows count', () => {
    const g = readGrid(sheet(['Map', 'a'], ['Owners', 'o'.repeat(50)], ['Team', 'Marketing\n \n Sales'], ['Evidence', ''], ['', '3']));
    const c = content(g, ['owners', 'owners', 'evidence']);
    expect(c.owners).toEqual([{ value: 'o'.repeat(50), cell: 'B2' }]);
    expect(c.lanes[1]?.owners).toEqual([null]);
    expect(messages(c.warnings)).toEqual([
      ['B3', `The stage’s owner is given in B2 already (“${'o'.repeat(40)}”); this one is not imported.`],
      ['A4', 'The lane “Evidence” is imported as an evidence lane, which shows the quotes linked to each stage: what its cells hold is not imported (quotes come in with Import quotes… on the quote board).'],
    ]);
    expect(content(readGrid(sheet(['Map', 'a'], ['Team', 'Marketing\n \n Sales'])), ['owners']).owners).toEqual([{ value: 'Marketing, Sales', cell: 'B2' }]);
  });

  it('the Cards sheet: a header with one other name, cells with spaces, rows shorter than the header, a lone carriage return, values shown cut', () => {
    const header = ['Lane', 'Stage', 'Text', 'Colour', 'Channel', 'Evidence', 'Votes', 'Linked quotes', 'Card id'];
    expect(cardsHeader(sheet(header.map((h) => (h === 'Card id' ? 'Card ID' : h))))).toBeNull();
    const long = `${'z'.repeat(49)}!`;
    const read = readCardsSheet(
      sheet(
        header,
        [' Actions ', ' Discover ', 'a\rb', ' #FFCC00 ', ' Web ', ' Observed ', ' 3 ', '', ' id-1 '],
        ['Actions', 'Use', 'Short row'],
        ['Ideas', 'Use', 'x'.repeat(4000)],
        ['Ideas', 'Use', 'Bad', long, long, long, long, '', long],
        ['Ideas', 'Use', 'Anchors', 'x#ffcc00', '', '', '', '', ''],
        ['Ideas', 'Use', 'Anchors', '#ffcc00x', '', '', '', '', ''],
        ['', '', '', '', '', '', '', '2', ''],
        ['', '', '', '', '', '', '', '', 'only-id'],
        ['', '', 'Only text', '', '', '', '', '', ''],
        ['Only lane', '', '', '', '', '', '', '', ''],
        ['', 'Only stage', '', '', '', '', '', '', ''],
      ),
      '',
    );
    expect(read?.rows.map(({ at: _at, ...r }) => [r.row, r.id, r.lane, r.stage, r.text.length > 20 ? r.text.length : r.text, r.color, r.channel, r.evidence, r.votes])).toEqual([
      [2, 'id-1', 'Actions', 'Discover', 'a\nb', '#ffcc00', 'web', 'observed', 3],
      [3, null, 'Actions', 'Use', 'Short row', null, null, 'assumed', 0],
      [4, null, 'Ideas', 'Use', 4000, null, null, 'assumed', 0],
      [5, null, 'Ideas', 'Use', 'Bad', null, null, 'assumed', 0],
      [6, null, 'Ideas', 'Use', 'Anchors', null, null, 'assumed', 0],
      [7, null, 'Ideas', 'Use', 'Anchors', null, null, 'assumed', 0],
      [9, 'only-id', '', '', '', null, null, 'assumed', 0],
      [10, null, '', '', 'Only text', null, null, 'assumed', 0],
      [11, null, 'Only lane', '', '', null, null, 'assumed', 0],
      [12, null, '', 'Only stage', '', null, null, 'assumed', 0],
    ]);
    const cut = 'z'.repeat(40);
    expect(messages(read?.problems ?? [])).toEqual([
      ['Cards!I5', `“${cut}” is not a card id Waymark wrote; empty the cell to add the row as a new card.`],
      ['Cards!D5', `“${cut}” is not a colour: write it like #ffcc00, or leave the cell empty.`],
      ['Cards!E5', `“${cut}” is not a channel; a touchpoint’s channel is one of web, app, email, phone, store, chat, social, mail, other, or none.`],
      ['Cards!F5', `“${cut}” is not an evidence status; a card is assumed, observed, proposed.`],
      ['Cards!G5', `“${cut}” is not a number of votes (a whole number from 0 to 1,000,000).`],
      ['Cards!D6', '“x#ffcc00” is not a colour: write it like #ffcc00, or leave the cell empty.'],
      ['Cards!D7', '“#ffcc00x” is not a colour: write it like #ffcc00, or leave the cell empty.'],
    ]);
    const maps = readCardsSheet(sheet(['Map', ...header], [' Onboarding ', 'Actions', 'a', 'One', '', '', '', '', '', '']), 'Onboarding');
    expect([maps?.rows.length, maps?.maps]).toEqual([1, ['Onboarding']]);
  });

  it('putting the sheets together: a card edited in one field only of its Cards row, or moved by it, is kept though its line is gone', () => {
    const base: BaseCard[] = [{ id: 'a', key: 'L1', text: 'Finds us', color: null, channel: null, evidence: 'assumed', votes: 0 }];
    const row = (extra: Partial<SheetCard>): SheetCard => ({ ...(base[0] as BaseCard), source: 'Cards!C2', ...extra });
    const empty: MapCell = { key: 'L1', cell: 'C2', lines: [], truncated: false };
    for (const edit of [{ color: '#ff0000' }, { channel: 'web' as const }, { evidence: 'observed' as const }, { votes: 2 }, { text: 'Finds us now' }]) {
      const r = reconcile(base, [row(edit)], [empty]);
      expect([r.removed, r.cells.get('L1')?.map((c) => c.id)]).toEqual([[], ['a']]);
    }
    expect(reconcile(base, [row({})], [empty]).removed.map((x) => x.why)).toEqual(['map']);
    const moved = reconcile(base, [row({ key: 'L2' })], [empty, { key: 'L2', cell: 'D2', lines: [], truncated: false }]);
    expect([moved.removed, moved.cells.get('L2')?.map((c) => c.id), moved.cells.get('L1')]).toEqual([[], ['a'], []]);
  });

  it('putting the sheets together: a deleted card’s text in another cell, a line twice, or a new line beside it, are cards of their own', () => {
    const base: BaseCard[] = [{ id: 'a', key: 'L1', text: 'Same', color: null, channel: null, evidence: 'assumed', votes: 0 }];
    const cell = (key: string, lines: string[]): MapCell => ({ key, cell: key, truncated: false, lines: lines.map((text) => ({ text, votes: null, cell: key })) });
    const texts = (r: ReturnType<typeof reconcile>) => [...r.cells].map(([k, list]) => [k, list.map((c) => `${c.id ?? '+'}:${c.text}`)]);
    expect(texts(reconcile(base, [], [cell('L2', ['Same']), cell('L1', ['Same'])]))).toEqual([
      ['L2', ['+:Same']],
      ['L1', []],
    ]);
    expect(texts(reconcile(base, [], [cell('L1', ['Brand new', 'Same', 'Same'])]))).toEqual([['L1', ['+:Brand new', '+:Same']]]);
  });
});
