/**
 * exports.workbook over the contract on a real workspace file: every sheet of the workbook read back with
 * SheetJS (cells and their types, merged ranges, widths, heights, filters) and from its XML (frozen panes,
 * fills, bold, wrapping, number formats, print setup); one map and every map; names of sheets and files;
 * a map with no cards; formula-looking text and control characters; refusals that change nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../../electron/core/workspace.ts';
import { fingerprint } from '../properties/fuzzHarness.ts';
import { paneOf, readBack, valuesOf, type Book } from '../io/xlsxReadBack.ts';
import { refusal, tempDir } from './helpers.ts';
import { buildFixture, TITLE, type Fixture } from './xlsxFixture.ts';

let dir: string;
let ws: Workspace;
let clock: number;
beforeEach(() => {
  dir = tempDir();
  clock = Date.UTC(2026, 4, 1, 9, 30, 0);
  // Each call a second later: quotes made one after another are newest-first in a known order.
  ws = Workspace.open(path.join(dir, 'w.waymark'), { backupsDir: path.join(dir, 'backups'), now: () => new Date((clock += 1000)) });
});
afterEach(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const exported = async (input: { mapIds: string[] } | { all: true }): Promise<Book> => readBack((await ws.call('exports.workbook', input)).base64);
const row = (book: Book, sheet: string, n: number) => valuesOf(book.sheet(sheet))[n - 1];
const cell = (book: Book, sheet: string, ref: string): XLSX.CellObject | undefined => book.sheet(sheet)[ref] as XLSX.CellObject | undefined;

describe('one map', () => {
  let f: Fixture;
  let book: Book;
  beforeEach(async () => {
    f = await buildFixture(ws);
    book = await exported({ mapIds: [f.mapId] });
  });

  it('names the file after the map, says what it is and how big, and holds the six sheets in order', async () => {
    const file = await ws.call('exports.workbook', { mapIds: [f.mapId] });
    expect(file.fileName).toBe('Onboarding the first week.xlsx');
    expect(file.mediaType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(file.size).toBe(Buffer.from(file.base64, 'base64').length);
    expect(book.wb.SheetNames).toEqual(['Map', 'Cards', 'Emotions', 'Quotes', 'Personas', 'Metrics']);
    expect(book.wb.Props?.Title).toBe(TITLE);
    expect(book.wb.Props?.Author).toBe('Waymark');
    // Made the same way twice from the same map at the same moment, it is the same file byte for byte.
    clock -= 1000;
    expect((await ws.call('exports.workbook', { mapIds: [f.mapId] })).base64).toBe(file.base64);
  });

  it('Map: stages across, lanes down, each cell as the canvas shows it', () => {
    expect(valuesOf(book.sheet('Map'))).toEqual([
      [TITLE, null, 'Discover', 'Sign up', 'Use'],
      ['Actions', null, 'Finds us through a friend', '• =SUM(A1:A3)\n• +44 20 7946 0000', '@here ping the team _x0041_'],
      ['Touchpoints', null, 'Landing page', null, null],
      ['Feeling', 'Score', 2, -2, 0],
      [null, 'Label', 'Curious', 'Annoyed', null],
      [null, 'Ana: score', -1, null, null],
      [null, 'Ana: label', 'Lost', null, null],
      ['Evidence', 'Quotes', 4, 1, 1],
      [
        null,
        'Newest quotes',
        '“The first week was calm” — Ana B.\n“I liked the landing page” — Ana B.\n“A friend told me about it” — Ana B.\n+ 1 more quote (see the Quotes sheet)',
        '“The sign-up form asked too much” — Ana B.',
        '“The first week was calm” — Ana B.',
      ],
      ['Numbers', 'Conversion (%)', null, 12.5, null],
      [null, 'entered stage (customers)', 1500, null, null],
      ['Owners', null, 'Marketing', null, null],
      ['Ideas', null, null, null, 'Add a tour · 3 votes'],
    ]);
    // Numbers are numbers, text is text (never a formula), an empty cell of the grid is there with its style.
    expect(cell(book, 'Map', 'C4')).toMatchObject({ t: 'n', v: 2, w: '+2' });
    expect(cell(book, 'Map', 'D4')).toMatchObject({ t: 'n', v: -2, w: '-2' });
    expect(cell(book, 'Map', 'E4')).toMatchObject({ t: 'n', v: 0, w: '0' });
    expect(cell(book, 'Map', 'D10')).toMatchObject({ t: 'n', v: 12.5, w: '12.5' });
    expect(cell(book, 'Map', 'C11')).toMatchObject({ t: 'n', v: 1500, w: '1,500' });
    expect(cell(book, 'Map', 'C8')).toMatchObject({ t: 'n', v: 4 });
    expect(cell(book, 'Map', 'D2')).toMatchObject({ t: 's' });
    expect(cell(book, 'Map', 'D2')?.f).toBeUndefined();
    expect(book.sheetXml('Map')).not.toContain('<f>');
    expect(book.sheetXml('Map')).toContain('<c r="D3" s=');
  });

  it('Map: merged lane titles, frozen titles and header, widths and heights from the text', () => {
    const ws = book.sheet('Map');
    expect(ws['!merges']?.map((m) => XLSX.utils.encode_range(m))).toEqual(['A1:B1', 'A2:B2', 'A3:B3', 'A4:A7', 'A8:A9', 'A10:A11', 'A12:B12', 'A13:B13']);
    expect(paneOf(book.sheetXml('Map'))).toEqual({ xSplit: 2, ySplit: 1, topLeftCell: 'C2', state: 'frozen' });
    // Lane titles (Touchpoints, bold), row names (the longest metric), stages as wide as their longest line up to 40.
    expect(ws['!cols']?.map((c) => c.wch)).toEqual([15, 27, 40, 40, 40]);
    // Two lines (the header of two cards, the header's one), four lines of quotes, one line elsewhere.
    expect(ws['!rows']?.map((r) => r.hpt)).toEqual([16, 29, 16, 16, 16, 16, 16, 16, 54, 16, 16, 16, 16]);
    expect(ws['!autofilter']).toBeUndefined();
    // Printed landscape, two pages wide, the titles and the header on every page.
    expect(book.sheetXml('Map')).toContain('<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    expect(book.sheetXml('Map')).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(book.wb.Workbook?.Names).toContainEqual({ Name: '_xlnm.Print_Titles', Sheet: 0, Ref: "'Map'!$A:$B,'Map'!$1:$1" });
  });

  it('Map: bold filled stage names (white on a dark stage colour), a card colour where a cell holds one card, scores in colour', () => {
    expect(book.style('Map', 'A1')).toMatchObject({ bold: true, size: 12, fill: 'F2F2F2' });
    expect(book.style('Map', 'C1')).toMatchObject({ bold: true, fill: '1F3864', fontColor: 'FFFFFF', wrap: true, border: true });
    expect(book.style('Map', 'D1')).toMatchObject({ bold: true, fill: 'DCE6F1', fontColor: null });
    expect(book.style('Map', 'A2')).toMatchObject({ bold: true, fill: 'F2F2F2', wrap: true, top: true, border: true });
    expect(book.style('Map', 'B4')).toMatchObject({ bold: false, fill: 'F2F2F2' });
    expect(book.style('Map', 'C2')).toMatchObject({ bold: false, fill: 'FFCC00', fontColor: null, wrap: true, top: true, border: true });
    expect(book.style('Map', 'D2')).toMatchObject({ fill: null, wrap: true, quotePrefix: false });
    // One card whose text a spreadsheet would take for a formula (@…): kept as typed text.
    expect(book.style('Map', 'E2')).toMatchObject({ quotePrefix: true, wrap: true });
    expect(book.style('Map', 'E13')).toMatchObject({ fill: '00FF00' });
    expect(book.style('Map', 'C4')).toMatchObject({ fill: 'A9D18E', center: true, numFmt: '+0;-0;0', wrap: false });
    expect(book.style('Map', 'D4')).toMatchObject({ fill: 'F4B183', numFmt: '+0;-0;0' });
    expect(book.style('Map', 'C6')).toMatchObject({ fill: 'FAD8C1' });
    expect(book.style('Map', 'E4')).toMatchObject({ fill: null, numFmt: '+0;-0;0' });
    expect(book.style('Map', 'C5')).toMatchObject({ center: true, wrap: true });
    expect(book.style('Map', 'C8')).toMatchObject({ numFmt: '#,##0', center: true });
    expect(book.style('Map', 'C11')).toMatchObject({ numFmt: '#,##0', center: false });
    expect(book.style('Map', 'D10')).toMatchObject({ numFmt: '0.0##' });
    expect(book.style('Map', 'C12')).toMatchObject({ bold: true, border: true });
    expect(book.style('Map', 'D3')).toMatchObject({ fill: null, border: true, wrap: true, top: true });
    // SheetJS reads the fills too.
    expect(cell(book, 'Map', 'C2')?.s).toMatchObject({ patternType: 'solid', fgColor: { rgb: 'FFCC00' } });
  });

  it('Cards: one row per card in the order of the map, typed, with the linked quotes and the card id last', () => {
    expect(valuesOf(book.sheet('Cards'))).toEqual([
      ['Lane', 'Stage', 'Text', 'Colour', 'Channel', 'Evidence', 'Votes', 'Linked quotes', 'Card id'],
      ['Actions', 'Discover', 'Finds us\nthrough a friend', '#ffcc00', null, 'observed', 0, 1, f.cards.finds],
      ['Actions', 'Sign up', '=SUM(A1:A3)', null, null, 'assumed', 0, 0, f.cards.sum],
      ['Actions', 'Sign up', '+44 20 7946 0000', null, null, 'assumed', 0, 0, f.cards.phone],
      ['Actions', 'Use', '@here ping the team _x0041_', null, null, 'assumed', 0, 0, f.cards.at],
      ['Touchpoints', 'Discover', 'Landing page', null, 'web', 'observed', 0, 0, f.cards.landing],
      ['Ideas', 'Use', 'Add a tour', '#00ff00', null, 'proposed', 3, 0, f.cards.tour],
    ]);
    const ws = book.sheet('Cards');
    expect(ws['!autofilter']).toEqual({ ref: 'A1:I7' });
    expect(paneOf(book.sheetXml('Cards'))).toEqual({ xSplit: 0, ySplit: 1, topLeftCell: 'A2', state: 'frozen' });
    expect(ws.G7).toMatchObject({ t: 'n', v: 3, w: '3' });
    expect(ws.H2).toMatchObject({ t: 'n', v: 1 });
    // Formula-looking text is a string cell, marked as typed text; there is no formula anywhere.
    for (const ref of ['C3', 'C4', 'C5']) {
      expect(ws[ref]).toMatchObject({ t: 's' });
      expect((ws[ref] as XLSX.CellObject).f).toBeUndefined();
      expect(book.style('Cards', ref).quotePrefix).toBe(true);
    }
    expect(book.style('Cards', 'C6').quotePrefix).toBe(false);
    expect(book.sheetXml('Cards')).not.toContain('<f>');
    // A cell with the default style has no style index, and no cell has two.
    expect(/<c r="E3"[^>]*>/.exec(book.sheetXml('Cards'))?.[0]).toBe('<c r="E3">');
    for (const name of book.wb.SheetNames) expect(book.sheetXml(name)).not.toMatch(/<c [^>]*s="\d+"[^>]* s="/);
    expect(book.style('Cards', 'A1')).toMatchObject({ bold: true, fill: 'DCE6F1', border: true });
    expect(book.style('Cards', 'D2')).toMatchObject({ fill: 'FFCC00', fontColor: null });
    expect(book.style('Cards', 'C2')).toMatchObject({ wrap: true, top: true });
    expect(book.style('Cards', 'A2')).toMatchObject({ wrap: false, top: true, fill: null });
    expect(ws['!cols']?.map((c) => c.wch)).toEqual([13, 10, 30, 10, 11, 12, 9, 18, 18]);
    expect(ws['!rows']?.[1]?.hpt).toBe(29);
    expect(ws['!rows']?.[2]?.hpt).toBeUndefined();
    expect(book.wb.Workbook?.Names).toContainEqual({ Name: '_xlnm.Print_Titles', Sheet: 1, Ref: "'Cards'!$1:$1" });
    expect(book.sheetXml('Cards')).toContain('<pageSetup orientation="portrait" fitToWidth="1" fitToHeight="0"/>');
  });

  it('Emotions, Quotes, Personas, Metrics: real tables with numbers, days and filters', () => {
    expect(valuesOf(book.sheet('Emotions'))).toEqual([
      ['Lane', 'Stage', 'Curve', 'Score', 'Label'],
      ['Feeling', 'Discover', 'Team (workshop)', 2, 'Curious'],
      ['Feeling', 'Sign up', 'Team (workshop)', -2, 'Annoyed'],
      ['Feeling', 'Use', 'Team (workshop)', 0, null],
      ['Feeling', 'Discover', 'Ana', -1, 'Lost'],
    ]);
    expect(book.sheet('Emotions').D3).toMatchObject({ t: 'n', v: -2, w: '-2' });
    expect(valuesOf(book.sheet('Quotes'))).toEqual([
      ['Quote', 'Participant', 'Said on', 'Interview', 'Interview date', 'Persona', 'Sentiment', 'Tags', 'Stages', 'Quote id'],
      ['The first week was calm', 'Ana B.', '2026-03-12', 'Call with Ana', '2026-03-05', 'Ana', 1, null, 'Discover; Use', f.quotes[4]],
      ['I liked the landing page', 'Ana B.', null, 'Call with Ana', '2026-03-05', 'Ana', 2, null, 'Discover', f.quotes[3]],
      ['A friend told me about it', 'Ana B.', null, 'Call with Ana', '2026-03-05', 'Ana', null, null, 'Discover', f.quotes[2]],
      ['=HYPERLINK("http://example.com")', 'Ana B.', null, 'Call with Ana', '2026-03-05', 'Ana', 1, 'forms, Pricing', 'Discover', f.quotes[1]],
      ['The sign-up form asked too much', 'Ana B.', null, 'Call with Ana', '2026-03-05', 'Ana', -2, 'forms', 'Sign up', f.quotes[0]],
    ]);
    const quotes = book.sheet('Quotes');
    // The day a quote was said is a day, as the interview's is.
    expect(quotes.C2).toMatchObject({ t: 'd', z: 'yyyy-mm-dd', w: '2026-03-12' });
    expect((quotes.C2 as XLSX.CellObject).v).toEqual(new Date('2026-03-12T00:00:00Z'));
    expect(quotes.E2).toMatchObject({ t: 'd', z: 'yyyy-mm-dd', w: '2026-03-05' });
    expect((quotes.E2 as XLSX.CellObject).v).toEqual(new Date('2026-03-05T00:00:00Z'));
    expect(quotes.G2).toMatchObject({ t: 'n', v: 1, w: '+1' });
    expect(quotes.A5).toMatchObject({ t: 's', v: '=HYPERLINK("http://example.com")' });
    expect((quotes.A5 as XLSX.CellObject).f).toBeUndefined();
    expect(quotes['!autofilter']).toEqual({ ref: 'A1:J6' });
    expect(valuesOf(book.sheet('Personas'))).toEqual([
      ['Persona', 'Role', 'Quote', 'Goals', 'Needs', 'Frustrations', 'Colour'],
      ['Ana', 'New customer', null, 'Get started fast', null, null, '#5b2c6f'],
    ]);
    // A dark colour is shown in its fill with white text.
    expect(book.style('Personas', 'G2')).toMatchObject({ fill: '5B2C6F', fontColor: 'FFFFFF' });
    expect(valuesOf(book.sheet('Metrics'))).toEqual([
      ['Stage', 'Metric', 'Value', 'Unit', 'Source', 'Measured'],
      ['Discover', 'entered stage', 1200, 'customers', 'Analytics', '2026-03-01'],
      ['Discover', 'entered stage', 1500, 'customers', 'Analytics', '2026-04-01'],
      ['Sign up', 'Conversion', 12.5, '%', null, null],
    ]);
    const metrics = book.sheet('Metrics');
    expect(metrics.C2).toMatchObject({ t: 'n', v: 1200, w: '1,200' });
    expect(metrics.C4).toMatchObject({ t: 'n', v: 12.5, w: '12.5' });
    expect(metrics.F3).toMatchObject({ t: 'd', w: '2026-04-01' });
    for (const [name, ref] of [['Emotions', 'A1:E5'], ['Personas', 'A1:G2'], ['Metrics', 'A1:F4']] as const) {
      expect(book.sheet(name)['!autofilter']).toEqual({ ref });
      expect(paneOf(book.sheetXml(name))).toEqual({ xSplit: 0, ySplit: 1, topLeftCell: 'A2', state: 'frozen' });
    }
  });

  it('keeps control characters out (XML cannot hold them) and `_xHHHH_` as typed', () => {
    expect(book.part('xl/sharedStrings.xml')).toContain('@here ping the team _x005F_x0041_');
    expect(book.part('xl/sharedStrings.xml')).not.toContain('_x0007_');
    expect(book.part('xl/sharedStrings.xml')).not.toContain(String.fromCharCode(7));
  });

  it('writes nothing to the workspace', async () => {
    const before = fingerprint(ws.ctx.db);
    await ws.call('exports.workbook', { mapIds: [f.mapId] });
    await ws.call('exports.workbook', { all: true });
    expect(fingerprint(ws.ctx.db)).toBe(before);
  });
});

describe('every map, or several', () => {
  it('one Map sheet per map, named after its title within Excel’s rules, and tables with a Map column', async () => {
    const a = await buildFixture(ws);
    const b = await buildFixture(ws, 'Cards');
    const long = (await ws.call('maps.create', { title: "'Returns/exchanges: what [really] happens?*' a long title", template: 'blank' })).maps[0]?.id ?? '';
    const twin = (await ws.call('maps.create', { title: "'Returns/exchanges: what [really] happens?*' a long title", template: 'blank' })).maps[0]?.id ?? '';
    const history = (await ws.call('maps.create', { title: 'History', template: 'blank' })).maps[0]?.id ?? '';
    const file = await ws.call('exports.workbook', { all: true });
    expect(file.fileName).toBe('w – all maps.xlsx');
    const book = readBack(file.base64);
    expect(book.wb.SheetNames).toEqual([
      'Returns exchanges what really h',
      'Returns exchanges what real (2)',
      'Cards (2)',
      'Map',
      TITLE.replace(':', ''),
      'Cards',
      'Emotions',
      'Quotes',
      'Personas',
      'Metrics',
    ]);
    expect(book.wb.Props?.Title).toBe('Journey maps');
    expect(row(book, 'Cards (2)', 1)).toEqual(['Cards', null, 'Discover', 'Sign up', 'Use']);
    expect(row(book, 'Map', 1)).toEqual(['History', null, 'Stage 1', 'Stage 2', 'Stage 3']);
    const cards = valuesOf(book.sheet('Cards'));
    expect(cards[0]).toEqual(['Map', 'Lane', 'Stage', 'Text', 'Colour', 'Channel', 'Evidence', 'Votes', 'Linked quotes', 'Card id']);
    // Maps in the order of their sheets, each map's cards in its own order.
    expect(cards.slice(1).map((r) => [r[0], r[9]])).toEqual([
      ['Cards', b.cards.finds],
      ['Cards', b.cards.sum],
      ['Cards', b.cards.phone],
      ['Cards', b.cards.at],
      ['Cards', b.cards.landing],
      ['Cards', b.cards.tour],
      [TITLE, a.cards.finds],
      [TITLE, a.cards.sum],
      [TITLE, a.cards.phone],
      [TITLE, a.cards.at],
      [TITLE, a.cards.landing],
      [TITLE, a.cards.tour],
    ]);
    expect(book.sheet('Cards')['!autofilter']).toEqual({ ref: 'A1:J13' });
    // The persona is on both maps: a row for each.
    expect(valuesOf(book.sheet('Personas')).map((r) => r.slice(0, 2))).toEqual([
      ['Map', 'Persona'],
      ['Cards', 'Ana'],
      [TITLE, 'Ana'],
    ]);
    expect(row(book, 'Emotions', 1)).toEqual(['Map', 'Lane', 'Stage', 'Curve', 'Score', 'Label']);
    expect(valuesOf(book.sheet('Quotes')).length).toBe(11);
    expect(row(book, 'Metrics', 2)).toEqual(['Cards', 'Discover', 'entered stage', 1200, 'customers', 'Analytics', '2026-03-01']);
    expect(book.wb.Workbook?.Names).toContainEqual({ Name: '_xlnm.Print_Titles', Sheet: 0, Ref: "'Returns exchanges what really h'!$A:$B,'Returns exchanges what really h'!$1:$1" });

    // Several maps named, in the order named; the file is named after the first.
    const some = await ws.call('exports.workbook', { mapIds: [history, a.mapId] });
    expect(some.fileName).toBe('History and 1 more map.xlsx');
    expect(readBack(some.base64).wb.SheetNames.slice(0, 2)).toEqual(['Map', TITLE.replace(':', '')]);
    const three = await ws.call('exports.workbook', { mapIds: [long, twin, b.mapId] });
    expect(three.fileName).toBe("'Returns exchanges what [really] happens ' a long title and 2 more maps.xlsx");
  });

  it('a map with no cards, and one with no stages or lanes at all', async () => {
    const blank = (await ws.call('maps.create', { title: 'Blank', template: 'blank' })).maps[0]?.id ?? '';
    const bare = await ws.call('maps.create', { title: 'Bare', template: 'blank' });
    for (const l of bare.lanes) await ws.call('lanes.delete', { id: l.id });
    for (const s of bare.stages) await ws.call('stages.delete', { id: s.id });
    const book = await exported({ mapIds: [blank] });
    expect(valuesOf(book.sheet('Map'))).toEqual([
      ['Blank', null, 'Stage 1', 'Stage 2', 'Stage 3'],
      ['Customer actions', null, null, null, null],
      ['Emotion', 'Score', null, null, null],
    ]);
    // The emotion lane has named rows even when nothing is scored; the card lane's title runs across A and B.
    expect(book.sheet('Map')['!merges']?.map((m) => XLSX.utils.encode_range(m))).toEqual(['A1:B1', 'A2:B2']);
    expect(book.style('Map', 'C2')).toMatchObject({ border: true, wrap: true, fill: null });
    expect(book.sheet('Map')['!cols']?.map((c) => c.wch)).toEqual([20, 12, 14, 14, 14]);
    for (const name of ['Cards', 'Emotions', 'Quotes', 'Personas', 'Metrics']) expect(valuesOf(book.sheet(name)).length).toBe(1);
    expect(book.sheet('Cards')['!autofilter']).toEqual({ ref: 'A1:I1' });

    const none = await exported({ mapIds: [bare.maps[0]?.id ?? ''] });
    expect(valuesOf(none.sheet('Map'))).toEqual([['Bare', null]]);
    expect(none.sheet('Map')['!cols']?.map((c) => c.wch)).toEqual([12, 2]);
    expect(paneOf(none.sheetXml('Map'))).toEqual({ xSplit: 2, ySplit: 1, topLeftCell: 'C2', state: 'frozen' });
  });

  it('curves of several personas in their order, metrics of one name and unit on one row, quotes stage by stage, empty lanes of every kind', async () => {
    const made = await ws.call('maps.create', { title: 'Kinds', template: 'blank' });
    const mapId = made.maps[0]?.id ?? '';
    const [one, two] = made.stages.map((st) => st.id);
    const stage3 = made.stages[2]?.id ?? '';
    const emotion = made.lanes.find((l) => l.kind === 'emotion')?.id ?? '';
    await ws.call('lanes.update', { id: emotion, title: 'How the customer feels at each step of the way' });
    for (const [kind, title] of [['emotion', 'Second feeling, as the support team saw it'], ['metrics', 'Numbers'], ['evidence', 'Evidence'], ['owners', 'Owners']] as const) await ws.call('lanes.create', { mapId, kind, title });
    const persona = async (name: string) => (await ws.call('personas.create', { name })).personas[0]?.id ?? '';
    const [zed, amy, off] = [await persona('Zed'), await persona('Amy'), await persona('Bob (not on the map)')];
    await ws.call('maps.update', { id: mapId, personaIds: [zed, amy] });
    for (const [personaId, score, label] of [[off, 1, ''], [amy, -1, ''], [zed, 2, 'Keen'], [null, 0, '']] as const) await ws.call('emotions.set', { laneId: emotion, stageId: one ?? '', personaId, score, label });
    const second = (await ws.call('maps.get', { id: mapId })).lanes.find((l) => l.kind === 'emotion' && l.id !== emotion)?.id ?? '';
    await ws.call('emotions.set', { laneId: second, stageId: two ?? '', score: 1 });
    await ws.call('metrics.create', { stageId: one ?? '', name: 'entered stage', value: 10, unit: 'customers' });
    await ws.call('metrics.create', { stageId: two ?? '', name: 'Entered Stage ', value: 7, unit: 'Customers' });
    await ws.call('metrics.create', { stageId: two ?? '', name: 'NPS', value: 42, unit: '' });
    const interview = (await ws.call('interviews.create', { title: 'Survey', participant: '', personaId: null, heldOn: null, method: 'survey' })).interviews[0]?.id ?? '';
    const quote = async (text: string, speaker?: string) => (await ws.call('quotes.create', { interviewId: interview, text, ...(speaker === undefined ? {} : { speaker }) })).quotes[0]?.id ?? '';
    const later = await quote('On the last stage, said first', 'Bea');
    const earlier = await quote('On the first stage, said after');
    await ws.call('quotes.link', { quoteIds: [later], stageId: stage3 });
    await ws.call('quotes.link', { quoteIds: [earlier], stageId: one ?? '' });
    const book = await exported({ mapIds: [mapId] });
    expect(valuesOf(book.sheet('Map'))).toEqual([
      ['Kinds', null, 'Stage 1', 'Stage 2', 'Stage 3'],
      ['Customer actions', null, null, null, null],
      ['How the customer feels at each step of the way', 'Score', 0, null, null],
      [null, 'Zed: score', 2, null, null],
      [null, 'Zed: label', 'Keen', null, null],
      [null, 'Amy: score', -1, null, null],
      [null, 'Bob (not on the map): score', 1, null, null],
      ['Second feeling, as the support team saw it', 'Score', null, 1, null],
      ['Numbers', 'entered stage (customers)', 10, 7, null],
      [null, 'NPS', null, 42, null],
      ['Evidence', 'Quotes', 1, 0, 1],
      [null, 'Newest quotes', '“On the first stage, said after”', null, '“On the last stage, said first” — Bea'],
      ['Owners', null, null, null, null],
    ]);
    // A lane's title beside its rows: the last of them grows when they are too short for it.
    const rows = book.sheet('Map')['!rows']?.map((r) => r.hpt) ?? [];
    expect(rows.slice(2, 8)).toEqual([16, 16, 16, 16, 16, 29]);
    expect(book.sheet('Map')['!merges']?.map((m) => XLSX.utils.encode_range(m))).toContain('A3:A7');
    expect(book.sheet('Map')['!merges']?.map((m) => XLSX.utils.encode_range(m))).toContain('A13:B13');
    expect(valuesOf(book.sheet('Emotions')).slice(1).map((r) => [r[0], r[2], r[3]])).toEqual([
      ['How the customer feels at each step of the way', 'Team (workshop)', 0],
      ['How the customer feels at each step of the way', 'Zed', 2],
      ['How the customer feels at each step of the way', 'Amy', -1],
      ['How the customer feels at each step of the way', 'Bob (not on the map)', 1],
      ['Second feeling, as the support team saw it', 'Team (workshop)', 1],
    ]);
    expect(valuesOf(book.sheet('Quotes')).slice(1).map((r) => r.slice(0, 9))).toEqual([
      ['On the first stage, said after', null, null, 'Survey', null, null, null, null, 'Stage 1'],
      ['On the last stage, said first', 'Bea', null, 'Survey', null, null, null, null, 'Stage 3'],
    ]);
    expect(valuesOf(book.sheet('Metrics')).slice(1).map((r) => r.slice(0, 4))).toEqual([
      ['Stage 1', 'entered stage', 10, 'customers'],
      ['Stage 2', 'Entered Stage', 7, 'Customers'],
      ['Stage 2', 'NPS', 42, null],
    ]);
  });

  it('lists the quotes of one time (the rows of one import) newest first as the board does: the file top to bottom', async () => {
    const made = await ws.call('maps.create', { title: 'Imported', template: 'blank' });
    const mapId = made.maps[0]?.id ?? '';
    await ws.call('lanes.create', { mapId, kind: 'evidence', title: 'Evidence' });
    const stage = made.stages[0]?.name ?? '';
    const lines = ['Quote,Stage', ...['Zebra crossing', 'Apple pie', 'Mango lassi', 'Kiwi tart'].map((t) => `${t},${stage}`)];
    await ws.call('quotes.import', { file: Buffer.from(lines.join('\n')).toString('base64'), fileName: 'tie.csv', mapId, mapping: { text: 0, stage: 1 } });
    const book = await exported({ mapIds: [mapId] });
    const newest = valuesOf(book.sheet('Map')).find((r) => r[1] === 'Newest quotes')?.[2];
    expect(newest).toBe('“Zebra crossing”\n“Apple pie”\n“Mango lassi”\n+ 1 more quote (see the Quotes sheet)');
    const board = (await ws.call('quotes.search', { mapId, limit: 10 })).hits.map((h) => `“${h.quote.text}”`);
    expect(String(newest).split('\n').slice(0, 3)).toEqual(board.slice(0, 3));
  });

  it('refuses what it cannot export in words, and writes nothing', async () => {
    const empty = await refusal(ws.call('exports.workbook', { all: true }));
    expect(empty.code).toBe('NotFound');
    expect(empty.message).toBe('This workspace has no maps to export.');
    const { mapId } = await buildFixture(ws);
    const before = fingerprint(ws.ctx.db);
    const missing = await refusal(ws.call('exports.workbook', { mapIds: [mapId, 'no-such-map'] }));
    expect(missing.code).toBe('NotFound');
    expect(missing.message).toBe('No map with id "no-such-map" exists in this workspace; it may have been deleted.');
    for (const [input, words] of [
      [{}, 'give either mapIds (the maps to export) or all: true, not both'],
      [{ mapIds: [mapId], all: true }, 'give either mapIds'],
      [{ mapIds: [] }, 'mapIds must name at least one map'],
      [{ mapIds: [mapId, mapId] }, 'mapIds names a map twice'],
      [{ mapIds: Array.from({ length: 201 }, (_, i) => `m${i}`) }, 'mapIds may name at most 200 maps'],
      [{ all: false }, 'all'],
      [{ mapIds: ['bad id!'] }, 'mapIds.0 is not a valid id'],
      [{ mapIds: [mapId], sheet: 'x' }, 'unknown field sheet'],
    ] as const) {
      const error = await refusal(ws.call('exports.workbook', input));
      expect(error.code).toBe('Invalid');
      expect(error.message).toContain(words);
    }
    expect(fingerprint(ws.ctx.db)).toBe(before);
  });
});
