/**
 * The rules of the quote and metric imports a person meets, one by one, on a real workspace file: which
 * columns block the import and how that is said, each row's problems and the limits at their edges, how
 * numbers and days are read, the counts the preview gives (and that they match what the import writes), the
 * interviews and tags found or made, and that a refused import writes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../../electron/core/workspace.ts';
import { fingerprint } from '../properties/fuzzHarness.ts';
import { refusal, tempDir } from './helpers.ts';

const csv = (text: string) => Buffer.from(text).toString('base64');
const METRICS = { stage: 0, name: 1, value: 2 };

let dir: string;
let ws: Workspace;
let mapId: string;
let stages: Map<string, string>;
beforeEach(async () => {
  dir = tempDir();
  let clock = Date.parse('2026-04-01T09:00:00Z');
  // A clock that moves on with every reading: records made one after the other are ordered by their times.
  ws = Workspace.open(path.join(dir, 'w.waymark'), { sample: true, backupsDir: path.join(dir, 'backups'), now: () => new Date((clock += 1000)) });
  const [map] = await ws.call('maps.list', {});
  mapId = map?.id ?? '';
  const doc = await ws.call('maps.get', { id: mapId });
  stages = new Map(doc.stages.map((s) => [s.name, s.id]));
});
afterEach(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const metricRows = () => ws.ctx.db.prepare('SELECT name, value, unit, source, measured_at AS date FROM metrics WHERE map_id = ? ORDER BY name, measured_at').all(mapId) as { name: string; value: number; unit: string; source: string; date: string | null }[];

describe('metrics import: what blocks it', () => {
  it('names the columns still to choose, one or several', async () => {
    const file = csv('Stage,Metric,Value\nDiscover,visits,3\n');
    const one = await ws.call('metrics.previewImport', { file, fileName: 'm.csv', mapId, mapping: { stage: 0, name: 1, value: null } });
    expect(one.blockers).toEqual(['Choose the column for the value.']);
    const two = await ws.call('metrics.previewImport', { file, fileName: 'm.csv', mapId, mapping: { stage: null, name: null, value: 2 } });
    expect(two.blockers).toEqual(['Choose the columns for the stage and the metric name.']);
    expect(two.rows).toEqual([]);
    expect(two.problems).toEqual([]);
    expect(two.counts).toEqual({ rows: 0, ok: 0, withProblems: 0, problems: 0, toCreate: 0, toUpdate: 0 });
    const before = fingerprint(ws.ctx.db);
    expect((await refusal(ws.call('metrics.import', { file, fileName: 'm.csv', mapId, mapping: { stage: 0, name: 1, value: null } }))).message).toBe('Choose the column for the value. Nothing was imported.');
    expect(fingerprint(ws.ctx.db)).toBe(before);
  });

  it('refuses a column the file does not have, the first one past the end included', async () => {
    const file = csv('Stage,Metric,Value\nDiscover,visits,3\n');
    const past = await ws.call('metrics.previewImport', { file, fileName: 'm.csv', mapId, mapping: { stage: 0, name: 1, value: 3, unit: null, date: 7 } });
    expect(past.blockers).toEqual(['The value column is set to column 4, but the file has 3 columns.', 'The date column is set to column 8, but the file has 3 columns.']);
    expect(past.counts.rows).toBe(0);
    const last = await ws.call('metrics.previewImport', { file, fileName: 'm.csv', mapId, mapping: { stage: 0, name: 1, value: 2 } });
    expect(last.blockers).toEqual([]);
    expect(last.counts.ok).toBe(1);
  });

  it('takes the mapping given over the one its header suggests', async () => {
    const preview = await ws.call('metrics.previewImport', { file: csv('Stage,Metric,Value,Other\nDiscover,visits,3,7\n'), fileName: 'm.csv', mapId, mapping: { stage: 0, name: 1, value: 3 } });
    expect(preview.mapping).toEqual({ stage: 0, name: 1, value: 3, unit: null, date: null });
    expect(preview.rows[0]?.values.value).toBe('7');
  });

  it('a file with a header and no rows: said once, nothing else asked, and the import is refused', async () => {
    const file = csv('Stage,Metric,Value\n');
    const preview = await ws.call('metrics.previewImport', { file, fileName: 'm.csv', mapId });
    expect(preview.blockers).toEqual(['The file has a header row but no rows under it.']);
    expect(preview.columns).toEqual([]);
    expect(preview.counts.rows).toBe(0);
    const withMapping = await ws.call('metrics.previewImport', { file, fileName: 'm.csv', mapId, mapping: { stage: 0, name: 1, value: 5 } });
    expect(withMapping.blockers).toEqual(['The file has a header row but no rows under it.']);
    expect((await refusal(ws.call('metrics.import', { file, fileName: 'm.csv', mapId, mapping: METRICS }))).message).toBe('The file has a header row but no rows under it. Nothing was imported.');
  });
});

describe('metrics import: row by row', () => {
  it('says what is wrong with each cell, in words', async () => {
    const file = csv(`Stage,Metric,Value,Unit,Date\n,visits,3,,\nDiscover,${'n'.repeat(81)},3,,\nDiscover,a,3,${'u'.repeat(41)},\nDiscover,b,3,,soon\nsign up,c,lots,,\n`);
    const preview = await ws.call('metrics.previewImport', { file, fileName: 'm.csv', mapId });
    expect(preview.problems).toEqual([
      { row: 2, field: 'stage', message: 'The stage is empty.' },
      { row: 3, field: 'name', message: 'The metric’s name is longer than 80 characters.' },
      { row: 4, field: 'unit', message: 'The unit is longer than 40 characters.' },
      { row: 5, field: 'date', message: '“soon” is not a date; write dates as YYYY-MM-DD, e.g. 2026-03-31.' },
      { row: 6, field: 'value', message: '“lots” is not a number.' },
    ]);
    // A row with a problem still shows as written: its stage in the map's spelling, its value and unit as they are.
    expect(preview.rows[4]?.values).toEqual({ stage: 'Sign up', name: 'c', value: 'lots', unit: '', date: '' });
    expect(preview.counts).toEqual({ rows: 5, ok: 0, withProblems: 5, problems: 5, toCreate: 0, toUpdate: 0 });
  });

  it('names the map and all its stages when a stage is not one of them', async () => {
    const preview = await ws.call('metrics.previewImport', { file: csv('Stage,Metric,Value\nShopping,visits,3\n'), fileName: 'm.csv', mapId });
    const doc = await ws.call('maps.get', { id: mapId });
    expect(preview.problems[0]?.message).toBe(`“Shopping” is not a stage of the map “${doc.map.title}” (its stages: ${doc.stages.map((s) => s.name).join(', ')}).`);
  });

  it('takes a name of 80 characters and a unit of 40, the most they may have', async () => {
    const name = 'n'.repeat(80);
    const unit = 'u'.repeat(40);
    const changes = await ws.call('metrics.import', { file: csv(`Stage,Metric,Value,Unit\nDiscover,${name},3,${unit}\n`), fileName: 'm.csv', mapId, mapping: { ...METRICS, unit: 3 } });
    expect(changes.metrics.map((m) => [m.name, m.unit])).toEqual([[name, unit]]);
  });

  it('counts a row once however many problems it has, and the good rows as ok', async () => {
    const file = csv('Stage,Metric,Value,Date\nNowhere,,lots,soon\nDiscover,visits,3,soon\nDiscover,orders,2,\n');
    const preview = await ws.call('metrics.previewImport', { file, fileName: 'm.csv', mapId });
    expect(preview.problems.map((p) => [p.row, p.field])).toEqual([
      [2, 'stage'],
      [2, 'name'],
      [2, 'value'],
      [2, 'date'],
      [3, 'date'],
    ]);
    expect(preview.counts).toEqual({ rows: 3, ok: 1, withProblems: 2, problems: 5, toCreate: 1, toUpdate: 0 });
  });

  it('asks about a metric given twice only for rows whose stage and name are known', async () => {
    const file = csv('Stage,Metric,Value\nNowhere,visits,1\nNowhere,visits,2\nDiscover,,3\nDiscover,,4\n');
    const preview = await ws.call('metrics.previewImport', { file, fileName: 'm.csv', mapId });
    expect(preview.problems.map((p) => [p.row, p.field])).toEqual([
      [2, 'stage'],
      [3, 'stage'],
      [4, 'name'],
      [5, 'name'],
    ]);
  });

  it('a metric given twice for the same day is a problem; on another day it is another measurement', async () => {
    const file = csv('Stage,Metric,Value,Date\nDiscover,Visits,1,2026-03-01\nDiscover,visits,2,2026-03-01\nDiscover,visits,3,2026-03-02\nSign up,visits,4,2026-03-01\n');
    const preview = await ws.call('metrics.previewImport', { file, fileName: 'm.csv', mapId });
    expect(preview.problems).toEqual([{ row: 3, field: 'name', message: 'Row 2 already gives “visits” for this stage on 2026-03-01.' }]);
    expect(preview.counts).toMatchObject({ ok: 3, withProblems: 1 });
  });

  it('tells names apart as their small letters do (“Maße” and “MASSE” are two metrics)', async () => {
    const preview = await ws.call('metrics.previewImport', { file: csv('Stage,Metric,Value\nDiscover,Maße,1\nDiscover,MASSE,2\n'), fileName: 'm.csv', mapId });
    expect(preview.problems).toEqual([]);
    expect(preview.counts.toCreate).toBe(2);
  });

  it('reads days written the European way and shows them as YYYY-MM-DD', async () => {
    const preview = await ws.call('metrics.previewImport', { file: csv('Stage,Metric,Value,Date\nDiscover,visits,3,31.03.2026\n'), fileName: 'm.csv', mapId });
    expect(preview.rows[0]?.values.date).toBe('2026-03-31');
  });

  it('reads a comma as the decimal separator in a semicolon file, and as thousands in a comma file', async () => {
    const semi = await ws.call('metrics.previewImport', { file: csv('Stage;Metric;Value\nDiscover;visits;1,500\nDiscover;share;12,5%\n'), fileName: 'm.csv', mapId });
    expect(semi.rows.map((r) => [r.values.value, r.values.unit])).toEqual([
      ['1.5', ''],
      ['12.5', '%'],
    ]);
    const comma = await ws.call('metrics.previewImport', { file: csv('Stage,Metric,Value,Unit\nDiscover,visits,"1,500",people\n'), fileName: 'm.csv', mapId });
    // The unit column wins over a unit read from the value.
    expect(comma.rows[0]?.values).toMatchObject({ value: '1500', unit: 'people' });
  });

  it('shows the first 100 rows and lists the first 1,000 problems, while the counts cover them all', async () => {
    const many = csv(`Stage,Metric,Value\n${Array.from({ length: 1001 }, (_, i) => `Discover,m${i},`).join('\n')}\n`);
    const preview = await ws.call('metrics.previewImport', { file: many, fileName: 'm.csv', mapId });
    expect(preview.rows).toHaveLength(100);
    expect(preview.rows[99]?.row).toBe(101);
    expect(preview.problems).toHaveLength(1000);
    expect(preview.counts).toMatchObject({ rows: 1001, withProblems: 1001, problems: 1001 });
  });
});

describe('metrics import: what is written', () => {
  it('is refused whole when one row of several has a problem, and says how many', async () => {
    const before = fingerprint(ws.ctx.db);
    const error = await refusal(ws.call('metrics.import', { file: csv('Stage,Metric,Value\nDiscover,visits,3\nDiscover,orders,lots\n'), fileName: 'm.csv', mapId, mapping: METRICS }));
    expect(error.message).toBe('1 row has problems (Row 3: “lots” is not a number.). Nothing was imported.');
    expect(error.issues).toEqual(['Row 3: “lots” is not a number.']);
    expect(fingerprint(ws.ctx.db)).toBe(before);
  });

  it('updates a metric of the same stage, name and day: its value, unit and source, and returns it with the map', async () => {
    await ws.call('metrics.import', { file: csv('Stage,Metric,Value,Unit,Date\nDiscover,Visits,3,people,2026-03-01\n'), fileName: 'first.csv', mapId, mapping: { ...METRICS, unit: 3, date: 4 } });
    const changes = await ws.call('metrics.import', {
      file: csv('Stage,Metric,Value,Unit,Date\nDiscover,visits,5,visitors,2026-03-01\nDiscover,visits,7,,2026-03-02\n'),
      fileName: 'second.csv',
      mapId,
      mapping: { ...METRICS, unit: 3, date: 4 },
    });
    const imported = metricRows().filter((m) => m.name.toLowerCase() === 'visits');
    expect(imported).toEqual([
      { name: 'Visits', value: 5, unit: 'visitors', source: 'Imported from second.csv', date: '2026-03-01' },
      { name: 'visits', value: 7, unit: '', source: 'Imported from second.csv', date: '2026-03-02' },
    ]);
    expect(changes.metrics.map((m) => [m.name, m.value, m.stageId]).sort()).toEqual([
      ['Visits', 5, stages.get('Discover')],
      ['visits', 7, stages.get('Discover')],
    ]);
    expect(changes.maps.map((m) => m.id)).toEqual([mapId]);
  });

  it('names the source after the file, cut to the length a source may have', async () => {
    const fileName = `${'f'.repeat(200)}.csv`;
    const changes = await ws.call('metrics.import', { file: csv('Stage,Metric,Value\nDiscover,visits,3\n'), fileName, mapId, mapping: METRICS });
    expect(changes.metrics[0]?.source).toBe(`Imported from ${fileName}`.slice(0, 120));
  });
});

const QUOTE_LIMIT = 10_000;

describe('quotes import: what blocks it', () => {
  it('a file with a header and no rows: said once, whatever columns were chosen', async () => {
    const preview = await ws.call('quotes.previewImport', { file: csv('Quote,Stage\n'), fileName: 'q.csv', mapping: { text: 4, stage: 1 } });
    expect(preview.blockers).toEqual(['The file has a header row but no rows under it.']);
    expect(preview.counts.rows).toBe(0);
  });

  it('refuses the first column past the end of the file and takes the last one', async () => {
    const file = csv('Who,Quote\nAna,Late again\n');
    expect((await ws.call('quotes.previewImport', { file, fileName: 'q.csv', mapping: { text: 2 } })).blockers).toEqual(['The text column is set to column 3, but the file has 2 columns.']);
    const last = await ws.call('quotes.previewImport', { file, fileName: 'q.csv', mapping: { text: 1 } });
    expect(last.blockers).toEqual([]);
    expect(last.rows).toEqual([{ row: 2, values: { text: 'Late again', participant: '', interview: 'Imported from q.csv', stage: '', sentiment: '', tags: '', date: '' } }]);
  });

  it('a blocked import lists no rows and no problems, and its refusal says the blocker', async () => {
    const file = csv('Quote,Stage\n,Nowhere\n');
    const preview = await ws.call('quotes.previewImport', { file, fileName: 'q.csv', mapping: { text: 0, stage: 1 } });
    expect(preview.blockers).toEqual(['Choose the map whose stages the stage column names.']);
    expect(preview.rows).toEqual([]);
    expect(preview.problems).toEqual([]);
    expect(preview.counts).toMatchObject({ rows: 0, ok: 0, withProblems: 0, problems: 0 });
  });
});

describe('quotes import: row by row', () => {
  it('takes a text, participant, interview title and tag at their longest, and refuses one character more', async () => {
    const ok = ['x'.repeat(QUOTE_LIMIT), 'p'.repeat(120), 'i'.repeat(200), 't'.repeat(120)];
    const over = ['x'.repeat(QUOTE_LIMIT + 1), 'p'.repeat(121), 'i'.repeat(201), 't'.repeat(121)];
    const preview = await ws.call('quotes.previewImport', { file: csv(`Quote,Who,Interview,Tags\n${ok.join(',')}\n${over.join(',')}\n`), fileName: 'q.csv' });
    expect(preview.problems).toEqual([
      { row: 3, field: 'text', message: 'The text is 10,001 characters; a quote may have at most 10,000.' },
      { row: 3, field: 'participant', message: 'The participant’s name is longer than 120 characters.' },
      { row: 3, field: 'interview', message: 'The interview’s title is longer than 200 characters.' },
      { row: 3, field: 'tags', message: `The tag “${'t'.repeat(40)}…” is longer than 120 characters.` },
    ]);
    expect(preview.counts).toMatchObject({ rows: 2, ok: 1, withProblems: 1, problems: 4 });
  });

  it('takes 50 tags on a quote and refuses 51', async () => {
    const tags = (n: number) => `"${Array.from({ length: n }, (_, i) => `t${i}`).join(', ')}"`;
    const preview = await ws.call('quotes.previewImport', { file: csv(`Quote,Tags\nFifty,${tags(50)}\nMore,${tags(51)}\n`), fileName: 'q.csv' });
    expect(preview.problems).toEqual([{ row: 3, field: 'tags', message: 'The row has 51 tags; a quote may have at most 50.' }]);
  });

  it('reads sentiments as whole numbers from −2 to +2 and shows them plainly', async () => {
    const values = ['-2', '+2', '1.0', '−1', '0', '-3', '3', 'two', '1.5'];
    const preview = await ws.call('quotes.previewImport', { file: csv(`Quote,Sentiment\n${values.map((v, i) => `q${i},${v}`).join('\n')}\n`), fileName: 'q.csv' });
    expect(preview.rows.map((r) => r.values.sentiment)).toEqual(['-2', '2', '1', '-1', '0', '-3', '3', 'two', '1.5']);
    expect(preview.problems.map((p) => [p.row, p.message])).toEqual([
      [7, 'The sentiment “-3” is not a whole number from −2 to +2.'],
      [8, 'The sentiment “3” is not a whole number from −2 to +2.'],
      [9, 'The sentiment “two” is not a whole number from −2 to +2.'],
      [10, 'The sentiment “1.5” is not a whole number from −2 to +2.'],
    ]);
  });

  it('with a map: a row without a stage is no problem and makes no link; a stage is shown in the map’s spelling', async () => {
    const file = csv('Quote,Stage,Date\nOne,,31.03.2026\nTwo,delivery,\n');
    const preview = await ws.call('quotes.previewImport', { file, fileName: 'q.csv', mapId });
    expect(preview.problems).toEqual([]);
    expect(preview.rows.map((r) => [r.values.stage, r.values.date])).toEqual([
      ['', '2026-03-31'],
      ['Delivery', ''],
    ]);
    expect(preview.counts.links).toBe(1);
    const changes = await ws.call('quotes.import', { file, fileName: 'q.csv', mapId, mapping: { text: 0, stage: 1, date: 2 } });
    expect(changes.quoteLinks.map((l) => [changes.quotes.find((q) => q.id === l.quoteId)?.text, l.stageId])).toEqual([['Two', stages.get('Delivery')]]);
  });

  it('a stage named twice on the map: the quote goes on the first', async () => {
    const again = await ws.call('stages.create', { mapId, name: 'discover' });
    const second = again.stages[0]?.id;
    expect(second).toBeDefined();
    const changes = await ws.call('quotes.import', { file: csv('Quote,Stage\nSaw the ad,Discover\n'), fileName: 'q.csv', mapId, mapping: { text: 0, stage: 1 } });
    expect(changes.quoteLinks.map((l) => l.stageId)).toEqual([stages.get('Discover')]);
  });

  it('shows the first 100 rows and lists the first 1,000 problems; a refusal lists the first 20', async () => {
    const file = csv(`Quote,Sentiment\n${Array.from({ length: 1001 }, (_, i) => `q${i},9`).join('\n')}\n`);
    const preview = await ws.call('quotes.previewImport', { file, fileName: 'q.csv' });
    expect(preview.rows).toHaveLength(100);
    expect(preview.problems).toHaveLength(1000);
    expect(preview.counts).toMatchObject({ rows: 1001, withProblems: 1001, problems: 1001 });
    const error = await refusal(ws.call('quotes.import', { file, fileName: 'q.csv', mapping: { text: 0, sentiment: 1 } }));
    expect(error.message).toBe('1,001 rows have problems (Row 2: The sentiment “9” is not a whole number from −2 to +2.). Nothing was imported.');
    expect(error.issues).toHaveLength(20);
    expect(error.issues?.[19]).toBe('Row 21: The sentiment “9” is not a whole number from −2 to +2.');
  });
});

describe('quotes import: interviews and tags found or made', () => {
  it('a new interview takes the first participant named for it and its earliest day', async () => {
    const file = csv('Quote,Who,Interview,Date\nOne,,Kitchen visit,2026-03-05\nTwo,Ana,Kitchen visit,2026-03-01\nThree,Bo,kitchen visit,2026-03-09\nFour,,Kitchen visit,\n');
    const changes = await ws.call('quotes.import', { file, fileName: 'q.csv', mapping: { text: 0, participant: 1, interview: 2, date: 3 } });
    expect(changes.interviews.map((i) => [i.title, i.participant, i.heldOn])).toEqual([['Kitchen visit', 'Ana', '2026-03-01']]);
    expect(changes.quotes.map((q) => q.interviewId)).toEqual(Array(4).fill(changes.interviews[0]?.id));
  });

  it('an interview whose first row has no day takes the day of a later row', async () => {
    const changes = await ws.call('quotes.import', { file: csv('Quote,Interview,Date\nOne,Call,\nTwo,Call,2026-03-07\n'), fileName: 'q.csv', mapping: { text: 0, interview: 1, date: 2 } });
    expect(changes.interviews.map((i) => i.heldOn)).toEqual(['2026-03-07']);
  });

  it('an interview title used twice in the workspace: quotes go to the one made first', async () => {
    const first = (await ws.call('interviews.create', { title: 'Doorstep' })).interviews[0]?.id;
    await ws.call('interviews.create', { title: 'doorstep' });
    const changes = await ws.call('quotes.import', { file: csv('Quote,Interview\nLate,DOORSTEP\n'), fileName: 'q.csv', mapping: { text: 0, interview: 1 } });
    expect(changes.interviews).toEqual([]);
    expect(changes.quotes[0]?.interviewId).toBe(first);
  });

  it('a new tag written in two cases is made once and put on both quotes', async () => {
    const changes = await ws.call('quotes.import', { file: csv('Quote,Tags\nOne,Late van\nTwo,late VAN\n'), fileName: 'q.csv', mapping: { text: 0, tags: 1 } });
    expect(changes.tags.map((t) => t.name)).toEqual(['Late van']);
    expect(changes.quotes.map((q) => q.tagIds)).toEqual([[changes.tags[0]?.id], [changes.tags[0]?.id]]);
  });

  it('the preview counts the interviews and tags to make as the import makes them (“Straße” and “STRASSE” are two)', async () => {
    const file = csv('Quote,Interview,Tags\nOne,Straße,Maße\nTwo,STRASSE,MASSE\nThree,straße,maße\n');
    const preview = await ws.call('quotes.previewImport', { file, fileName: 'q.csv' });
    expect(preview.counts).toMatchObject({ interviewsToCreate: 2, tagsToCreate: 2, links: 0 });
    const changes = await ws.call('quotes.import', { file, fileName: 'q.csv', mapping: { text: 0, interview: 1, tags: 2 } });
    expect(changes.interviews).toHaveLength(2);
    expect(changes.tags).toHaveLength(2);
  });

  it('with a map but no stage column: quotes without links, and the map is not touched', async () => {
    const changes = await ws.call('quotes.import', { file: csv('Quote\nJust a note\n'), fileName: 'q.csv', mapId, mapping: { text: 0 } });
    expect(changes.quotes).toHaveLength(1);
    expect(changes.quoteLinks).toEqual([]);
    expect(changes.maps).toEqual([]);
  });

  it('an interview named after a long file is found again by a second import of the same file', async () => {
    // 14 + 185 characters end just before " — Ana": the title cut to 200 characters would end in a space.
    const fileName = `${'n'.repeat(181)}.csv`;
    const file = csv('Quote,Who\nFirst,Ana\n');
    const first = await ws.call('quotes.import', { file, fileName, mapping: { text: 0, participant: 1 } });
    expect(first.interviews[0]?.title).toBe(`Imported from ${fileName}`);
    const preview = await ws.call('quotes.previewImport', { file, fileName });
    expect(preview.counts.interviewsToCreate).toBe(0);
    const second = await ws.call('quotes.import', { file, fileName, mapping: { text: 0, participant: 1 } });
    expect(second.interviews).toEqual([]);
    expect(second.quotes[0]?.interviewId).toBe(first.interviews[0]?.id);
  });
});
