/**
 * Quotes and metrics imported from spreadsheets, over the contract on a real workspace file: the preview
 * suggests a mapping, shows the rows as they would be imported and every row's problems, and writes nothing;
 * the import writes everything in one transaction or, when any row has a problem, nothing at all.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROWS_PER_INSERT } from '../../../electron/core/research/quoteImport.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { fingerprint } from '../properties/fuzzHarness.ts';
import { refusal, tempDir } from './helpers.ts';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/spreadsheets', name)).toString('base64');
const csv = (text: string) => Buffer.from(text).toString('base64');
const ALL = { text: 0, participant: 1, interview: 2, stage: 3, sentiment: 4, tags: 5, date: 6 };

let dir: string;
let ws: Workspace;
let mapId: string;
let stages: Map<string, string>;
beforeEach(async () => {
  dir = tempDir();
  ws = Workspace.open(path.join(dir, 'w.waymark'), { sample: true, backupsDir: path.join(dir, 'backups') });
  const [map] = await ws.call('maps.list', {});
  mapId = map?.id ?? '';
  const doc = await ws.call('maps.get', { id: mapId });
  stages = new Map(doc.stages.map((s) => [s.name, s.id]));
});
afterEach(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('quotes.previewImport', () => {
  it('suggests the mapping from the header, shows the rows as they would be imported and counts what would be made', async () => {
    const before = fingerprint(ws.ctx.db);
    const preview = await ws.call('quotes.previewImport', { file: fixture('quotes-utf8.csv'), fileName: 'quotes.csv', mapId });
    expect(preview.source).toEqual({ kind: 'csv', encoding: 'utf-8', delimiter: ',', sheets: [], sheet: null });
    expect(preview.columns).toEqual(['Quote', 'Participant', 'Interview', 'Stage', 'Sentiment', 'Tags', 'Date']);
    expect(preview.mapping).toEqual(ALL);
    expect(preview.blockers).toEqual([]);
    expect(preview.problems).toEqual([]);
    expect(preview.rows[2]).toEqual({
      row: 4,
      values: { text: 'Delivery was 4,50 € — more than the café round the corner charges.', participant: 'Renée', interview: 'Renée at home', stage: 'Checkout & slot', sentiment: '-2', tags: 'pricing, fees', date: '2026-03-05' },
    });
    // A quoted line break stays in the text; a row without an interview goes to one named after its participant.
    expect(preview.rows[3]?.values.text).toBe('The driver called ahead.\nThat was the best part.');
    expect(preview.rows[4]?.values.interview).toBe('Imported from quotes.csv — José');
    // "Maya, first order walkthrough" is in the sample workspace already, and so are four of the six tags.
    expect(preview.counts).toEqual({ rows: 5, ok: 5, withProblems: 0, problems: 0, interviewsToCreate: 2, tagsToCreate: 2, links: 5 });
    expect(fingerprint(ws.ctx.db)).toBe(before);
  });

  it('lists every problem row by row: empty text, a stage not on the map, a sentiment out of range or not whole, a day that is no day', async () => {
    const before = fingerprint(ws.ctx.db);
    const preview = await ws.call('quotes.previewImport', { file: fixture('bad-quotes.csv'), fileName: 'bad-quotes.csv', mapId });
    expect(preview.problems.map((p) => [p.row, p.field])).toEqual([
      [3, 'text'],
      [4, 'stage'],
      [5, 'sentiment'],
      [6, 'sentiment'],
      [7, 'date'],
    ]);
    expect(preview.problems[0]?.message).toBe('The text is empty.');
    expect(preview.problems[1]?.message).toMatch(/^“Shopping” is not a stage of the map “First online grocery order” \(its stages: Discover, Sign up, /);
    expect(preview.problems[2]?.message).toBe('The sentiment “3” is not a whole number from −2 to +2.');
    expect(preview.problems[3]?.message).toBe('The sentiment “-1.5” is not a whole number from −2 to +2.');
    expect(preview.problems[4]?.message).toBe('“2026-02-30” is not a date; write dates as YYYY-MM-DD, e.g. 2026-03-31.');
    expect(preview.counts).toMatchObject({ rows: 6, ok: 1, withProblems: 5, problems: 5 });
    expect(fingerprint(ws.ctx.db)).toBe(before);
  });

  it('says what blocks the whole import: no text column, a stage column without a map, a column the file does not have', async () => {
    const file = csv('Who,Where\nAna,Delivery\n');
    const noText = await ws.call('quotes.previewImport', { file, fileName: 'a.csv', mapping: { text: null, participant: 0, stage: 1 } });
    expect(noText.blockers).toEqual(['Choose the column that holds the quotes’ text.', 'Choose the map whose stages the stage column names.']);
    const outside = await ws.call('quotes.previewImport', { file, fileName: 'a.csv', mapping: { text: 5 } });
    expect(outside.blockers).toEqual(['The text column is set to column 6, but the file has 2 columns.']);
    expect(outside.counts.rows).toBe(0);
  });

  it('refuses a text longer than a quote may be, and names tags too long', async () => {
    const long = 'x'.repeat(10_001);
    const preview = await ws.call('quotes.previewImport', { file: csv(`Quote,Tags\n${long},ok\nfine,${'t'.repeat(121)}\n`), fileName: 'a.csv' });
    expect(preview.problems.map((p) => [p.row, p.field, p.message])).toEqual([
      [2, 'text', 'The text is 10,001 characters; a quote may have at most 10,000.'],
      [3, 'tags', `The tag “${'t'.repeat(40)}…” is longer than 120 characters.`],
    ]);
  });

  it('reads a workbook: its sheets are listed, an empty sheet says so and names the others', async () => {
    const preview = await ws.call('quotes.previewImport', { file: fixture('libreoffice.xlsx'), fileName: 'libreoffice.xlsx', mapId });
    expect(preview.source).toMatchObject({ kind: 'xlsx', sheets: ['Quotes', 'Empty', 'Metrics'], sheet: 'Quotes' });
    expect(preview.rows.map((r) => [r.values.stage, r.values.sentiment, r.values.date])).toEqual([
      ['Checkout & slot', '-2', '2026-03-14'],
      ['Checkout & slot', '1', '2026-03-14'],
      ['Delivery', '-1', '2026-03-20'],
    ]);
    const empty = await ws.call('quotes.previewImport', { file: fixture('libreoffice.xlsx'), fileName: 'libreoffice.xlsx', sheet: 'Empty' });
    expect(empty.blockers).toEqual(['The sheet "Empty" is empty. Choose another sheet: "Quotes", "Metrics".']);
    expect(empty.columns).toEqual([]);
  });

  it('refuses a file it cannot read at all, in words', async () => {
    const broken = await refusal(ws.call('quotes.previewImport', { file: fixture('broken-truncated.xlsx'), fileName: 'broken.xlsx' }));
    expect(broken.code).toBe('Invalid');
    expect(broken.message).toMatch(/damaged/);
    const locked = await refusal(ws.call('quotes.previewImport', { file: fixture('encrypted-libreoffice.xls'), fileName: 'locked.xls' }));
    expect(locked.message).toMatch(/protected with a password/);
  });
});

describe('quotes.import', () => {
  it('writes interviews, tags, quotes and their links in one go, and returns them', async () => {
    const tagsBefore = await ws.call('tags.list', {});
    const changes = await ws.call('quotes.import', { file: fixture('quotes-windows-1252.csv'), fileName: 'quotes.csv', mapId, mapping: ALL });
    expect(changes.quotes).toHaveLength(5);
    expect(changes.interviews.map((i) => [i.title, i.participant, i.heldOn]).sort()).toEqual([
      ['Imported from quotes.csv — José', 'José', null],
      ['Renée at home', 'Renée', '2026-03-05'],
    ]);
    const renee = changes.quotes.find((q) => q.text.startsWith('Delivery was'));
    expect(renee).toMatchObject({ text: 'Delivery was 4,50 € — more than the café round the corner charges.', sentiment: -2, speaker: 'Renée', startOffset: null });
    // The sample workspace's tags are reused whatever their case; new ones are made once.
    const tags = await ws.call('tags.list', {});
    expect(tags.length - tagsBefore.length).toBe(changes.tags.length);
    const tagName = new Map(tags.map((t) => [t.id, t.name]));
    expect(renee?.tagIds.map((id) => tagName.get(id))).toEqual(['fees', 'pricing']);
    const maya = changes.quotes.find((q) => q.text.startsWith('I saw the ad'));
    const [sampleInterview] = (await ws.call('interviews.list', { query: 'Maya' })).filter((i) => i.interview.title === 'Maya, first order walkthrough');
    expect(maya?.interviewId).toBe(sampleInterview?.interview.id);
    expect(changes.quoteLinks.map((l) => [changes.quotes.find((q) => q.id === l.quoteId)?.speaker, l.stageId]).sort()).toEqual(
      [
        ['José', stages.get('Build the basket')],
        ['Maya O.', stages.get('Discover')],
        ['Maya O.', stages.get('Sign up')],
        ['Renée', stages.get('Checkout & slot')],
        ['Renée', stages.get('Delivery')],
      ].sort(),
    );
    const doc = await ws.call('maps.get', { id: mapId });
    for (const link of changes.quoteLinks) expect(doc.quoteLinks).toContainEqual(link);
    expect(changes.maps.map((m) => m.id)).toEqual([mapId]);
    const found = await ws.call('quotes.search', { query: 'café' });
    expect(found.hits.map((h) => h.quote.id)).toEqual([renee?.id]);
  });

  it('reads the same quotes from UTF-16 "Unicode text", a semicolon CSV and every workbook kind', async () => {
    for (const name of ['quotes-unicode-text-utf16le.txt', 'quotes-utf16be.txt', 'quotes-utf16be-nobom.txt', 'quotes-semicolon-1252.csv']) {
      const preview = await ws.call('quotes.previewImport', { file: fixture(name), fileName: name, mapId });
      expect(preview.counts.ok, name).toBe(5);
      expect(preview.rows[2]?.values.text, name).toBe('Delivery was 4,50 € — more than the café round the corner charges.');
    }
    for (const name of ['libreoffice.xlsx', 'libreoffice.xls', 'libreoffice.ods']) {
      const preview = await ws.call('quotes.previewImport', { file: fixture(name), fileName: name, mapId });
      expect(preview.counts, name).toMatchObject({ rows: 3, ok: 3, links: 3 });
    }
  });

  it('is refused whole when any row has a problem: nothing is written', async () => {
    const before = fingerprint(ws.ctx.db);
    const error = await refusal(ws.call('quotes.import', { file: fixture('bad-quotes.csv'), fileName: 'bad.csv', mapId, mapping: { text: 0, participant: 1, stage: 2, sentiment: 3, tags: 4, date: 5 } }));
    expect(error.code).toBe('Invalid');
    expect(error.message).toBe('5 rows have problems (Row 3: The text is empty.). Nothing was imported.');
    expect(error.issues?.[1]).toMatch(/^Row 4: “Shopping” is not a stage/);
    expect(fingerprint(ws.ctx.db)).toBe(before);
  });

  it('is refused when the stage column names stages but no map is chosen, or the map does not exist', async () => {
    const before = fingerprint(ws.ctx.db);
    const file = fixture('quotes-utf8.csv');
    expect((await refusal(ws.call('quotes.import', { file, fileName: 'q.csv', mapping: ALL }))).message).toBe('Choose the map whose stages the stage column names. Nothing was imported.');
    expect((await refusal(ws.call('quotes.import', { file, fileName: 'q.csv', mapping: ALL, mapId: 'no-map' }))).code).toBe('NotFound');
    expect(fingerprint(ws.ctx.db)).toBe(before);
  });

  it('without an interview column makes one interview per participant, and one for rows without a participant', async () => {
    const file = csv('Quote,Who\nOne,Ana\nTwo,Ana\nThree,\nFour,Bo\n');
    const changes = await ws.call('quotes.import', { file, fileName: 'notes.csv', mapping: { text: 0, participant: 1 } });
    expect(changes.interviews.map((i) => i.title).sort()).toEqual(['Imported from notes.csv', 'Imported from notes.csv — Ana', 'Imported from notes.csv — Bo']);
    const ana = changes.interviews.find((i) => i.participant === 'Ana');
    expect(changes.quotes.filter((q) => q.interviewId === ana?.id).map((q) => q.text).sort()).toEqual(['One', 'Two']);
    expect(changes.quoteLinks).toEqual([]);
    expect(changes.maps).toEqual([]);
  });

  it(`writes a file of more rows than one statement takes (${ROWS_PER_INSERT.toLocaleString('en')}) whole, in its order, each row with its tags and stage, found by search`, async () => {
    const names = [...stages.keys()];
    const texts = ['Say ""hi"" — it\'s 4,50 €', 'e\u0301tude \\ back', '🚚 zebrine parcel', 'two\nquagga lines'];
    const count = 2 * ROWS_PER_INSERT + 345;
    const lines = ['Quote,Participant,Stage,Sentiment,Tags'];
    for (let i = 0; i < count; i++) lines.push(`"${texts[i % 4] ?? ''} ${i}",P${i % 3},${i % 7 === 0 ? '' : (names[i % names.length] ?? '')},${(i % 5) - 2},"t${i % 11}; T${i % 11}; u${i % 13}"`);
    const changes = await ws.call('quotes.import', { file: csv(`${lines.join('\r\n')}\r\n`), fileName: 'many.csv', mapId, mapping: { text: 0, participant: 1, stage: 2, sentiment: 3, tags: 4 } });
    expect(changes.quotes).toHaveLength(count);
    const { db } = ws.ctx;
    const made = db.prepare("SELECT q.id, q.rowid AS seq, q.text, q.sentiment, q.speaker, q.start_offset, q.at_seconds, i.title FROM quotes q JOIN interviews i ON i.id = q.interview_id WHERE i.title LIKE 'Imported from many.csv%' ORDER BY q.rowid DESC").all() as Record<string, unknown>[];
    // Newest first (seq, the rowid, highest first) is the file's order: the board lists the rows top to bottom.
    expect(made.map((q) => q.text)).toEqual(Array.from({ length: count }, (_, i) => `${(texts[i % 4] ?? '').replaceAll('""', '"')} ${i}`));
    expect(made.map((q) => q.sentiment)).toEqual(Array.from({ length: count }, (_, i) => (i % 5) - 2));
    expect(made.map((q) => [q.speaker, q.title, q.start_offset, q.at_seconds])).toEqual(Array.from({ length: count }, (_, i) => [`P${i % 3}`, `Imported from many.csv — P${i % 3}`, null, null]));
    const tagName = new Map((await ws.call('tags.list', {})).map((t) => [t.id, t.name]));
    const byQuote = new Map(changes.quotes.map((q) => [q.id, q]));
    made.forEach((q, i) => {
      // "t3; T3" is one tag (names are found whatever their case): written once.
      expect(byQuote.get(String(q.id))?.tagIds.map((id) => tagName.get(id)).sort()).toEqual([`t${i % 11}`, `u${i % 13}`].sort());
    });
    const links = db.prepare('SELECT quote_id, map_id, stage_id, card_id FROM quote_links WHERE quote_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(made.map((q) => q.id))) as Record<string, unknown>[];
    const linkOf = new Map(links.map((l) => [l.quote_id, l]));
    expect(links).toHaveLength(made.filter((_, i) => i % 7 !== 0).length);
    made.forEach((q, i) => {
      expect(linkOf.get(q.id), String(i)).toEqual(i % 7 === 0 ? undefined : { quote_id: q.id, map_id: mapId, stage_id: stages.get(names[i % names.length] ?? ''), card_id: null });
    });
    expect(changes.quoteLinks.map((l) => l.quoteId).sort()).toEqual(links.map((l) => String(l.quote_id)).sort());
    // Both full-text indexes hold every row: by words, and by words with a filter (which writes the facets first).
    expect((await ws.call('quotes.search', { query: 'zebrine parcel', limit: 1 })).total).toBe(made.filter((_, i) => i % 4 === 2).length);
    const tagged = (await ws.call('quotes.search', { query: 'quagga', tagId: [...tagName].find(([, n]) => n === 'u5')?.[0], limit: 500 })).hits.map((h) => h.quote.text);
    expect(tagged.sort()).toEqual(made.map((q, i) => [String(q.text), i]).filter(([, i]) => Number(i) % 4 === 3 && Number(i) % 13 === 5).map(([t]) => t).sort());
    for (const index of ['quotes_fts', 'quote_facets_fts']) expect(() => db.prepare(`INSERT INTO ${index}(${index}, rank) VALUES ('integrity-check', 1)`).run()).not.toThrow();
     // The board without words, and the newest of a stage on the map, in the file's order too.
    const board = await ws.call('quotes.search', { limit: 5 });
    expect(board.hits.map((h) => h.quote.text)).toEqual(made.slice(0, 5).map((q) => q.text));
    expect(changes.quotes.map((q) => q.seq).sort((a, b) => b - a)).toEqual(made.map((q) => q.seq));
    const onStage = (await ws.call('quotes.search', { stageId: stages.get(names[1] ?? ''), limit: 3 })).hits.map((h) => h.quote.text);
    expect(onStage).toEqual(made.filter((_, i) => i % 7 !== 0 && i % names.length === 1).slice(0, 3).map((q) => q.text));
  });

  it('makes an interview named on many rows once: the first participant named for it, the earliest day, notes with no body', async () => {
    const file = csv('Quote,Who,Interview,Date\nOne,,Kitchen talk,\nTwo,Ana,Kitchen talk,\nThree,Bo,Kitchen talk,2026-03-09\nFour,Cy,Kitchen talk,2026-03-02\nFive,Di,Kitchen talk,2026-03-05\n');
    const mapBefore = (await ws.call('maps.get', { id: mapId })).map.updatedAt;
    const changes = await ws.call('quotes.import', { file, fileName: 'k.csv', mapId, mapping: { text: 0, participant: 1, interview: 2, date: 3 } });
    expect(changes.interviews).toHaveLength(1);
    expect(changes.interviews[0]).toMatchObject({ title: 'Kitchen talk', participant: 'Ana', heldOn: '2026-03-02', personaId: null, method: 'interview', format: 'notes' });
    expect(await ws.call('interviews.get', { id: changes.interviews[0]?.id ?? '' })).toMatchObject({ body: '', turns: null });
    expect(new Set(changes.quotes.map((q) => q.interviewId))).toEqual(new Set([changes.interviews[0]?.id]));
    // No row on a stage: the map the import names is not touched.
    expect(changes.quoteLinks).toEqual([]);
    expect(changes.maps).toEqual([]);
    expect((await ws.call('maps.get', { id: mapId })).map.updatedAt).toBe(mapBefore);
  });

  it('refuses a file with a header and no rows', async () => {
    expect((await refusal(ws.call('quotes.import', { file: csv('Quote\n'), fileName: 'q.csv', mapping: { text: 0 } }))).message).toBe('The file has a header row but no rows under it. Nothing was imported.');
  });
});

describe('metrics import', () => {
  const MAPPING = { stage: 0, name: 1, value: 2, unit: 3, date: 4 };

  it('reads values as numbers ("1,200" is 1200, "12.5%" is 12.5 in %) and previews them without writing', async () => {
    const before = fingerprint(ws.ctx.db);
    const preview = await ws.call('metrics.previewImport', { file: fixture('metrics.csv'), fileName: 'metrics.csv', mapId });
    expect(preview.mapping).toEqual(MAPPING);
    expect(preview.rows.map((r) => [r.values.stage, r.values.name, r.values.value, r.values.unit])).toEqual([
      ['Discover', 'entered stage', '1200', 'customers'],
      ['Sign up', 'entered stage', '900', 'customers'],
      ['Sign up', 'conversion', '12.5', '%'],
      ['Checkout & slot', 'NPS', '-12', ''],
      ['Delivery', 'time in stage', '2.5', 'days'],
    ]);
    expect(preview.counts).toEqual({ rows: 5, ok: 5, withProblems: 0, problems: 0, toCreate: 5, toUpdate: 0 });
    expect(fingerprint(ws.ctx.db)).toBe(before);
  });

  it('imports them in one go, and a second import of the same file updates them instead of adding them twice', async () => {
    const first = await ws.call('metrics.import', { file: fixture('metrics.csv'), fileName: 'metrics.csv', mapId, mapping: MAPPING });
    expect(first.metrics.map((m) => [m.stageId, m.name, m.value, m.unit, m.measuredAt, m.source])).toContainEqual([stages.get('Sign up'), 'conversion', 12.5, '%', '2026-02-28', 'Imported from metrics.csv']);
    const count = () => (ws.ctx.db.prepare('SELECT count(*) AS n FROM metrics').get() as { n: number }).n;
    const n = count();
    const again = await ws.call('metrics.previewImport', { file: fixture('metrics-semicolon-utf8.csv'), fileName: 'metrics.csv', mapId });
    expect(again.counts).toMatchObject({ toCreate: 0, toUpdate: 5 });
    await ws.call('metrics.import', { file: fixture('metrics-semicolon-utf8.csv'), fileName: 'metrics.csv', mapId, mapping: MAPPING });
    expect(count()).toBe(n);
  });

  it('lists problems row by row and refuses the import whole', async () => {
    const file = csv('Stage,Metric,Value\nDiscover,visits,lots\nNowhere,visits,3\nDiscover,,4\nSign up,visits,\nSign up,visits,5\nSign up,visits,6\n');
    const preview = await ws.call('metrics.previewImport', { file, fileName: 'm.csv', mapId });
    expect(preview.problems.map((p) => [p.row, p.field, p.message])).toEqual([
      [2, 'value', '“lots” is not a number.'],
      [3, 'stage', expect.stringMatching(/^“Nowhere” is not a stage of the map/) as unknown as string],
      [4, 'name', 'The metric’s name is empty.'],
      [5, 'value', 'The value is empty.'],
      [6, 'name', 'Row 5 already gives “visits” for this stage.'],
      [7, 'name', 'Row 5 already gives “visits” for this stage.'],
    ]);
    const before = fingerprint(ws.ctx.db);
    await refusal(ws.call('metrics.import', { file, fileName: 'm.csv', mapId, mapping: { stage: 0, name: 1, value: 2 } }));
    expect(fingerprint(ws.ctx.db)).toBe(before);
  });
});
