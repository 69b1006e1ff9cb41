/**
 * Rows become records only when they are what the schema promises; anything else fails loudly, naming the
 * table, the row and the column. And SQLite's refusals while a workspace is opened or edited, in words.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WaymarkError } from '../../../electron/api/errors.ts';
import { LANE_KINDS } from '../../../electron/api/types.ts';
import { translateOpenError } from '../../../electron/core/database.ts';
import { translateSqliteError } from '../../../electron/core/errors.ts';
import * as records from '../../../electron/core/records.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { tempDir } from './helpers.ts';

let dir: string;
let ws: Workspace;
beforeAll(() => {
  dir = tempDir();
  ws = Workspace.open(path.join(dir, 'w.waymark'), { sample: true });
  const db = ws.ctx.db;
  const [map] = db.prepare('SELECT id FROM maps').pluck().all() as string[];
  const stage = db.prepare('SELECT id FROM stages LIMIT 1').pluck().get() as string;
  db.prepare("INSERT INTO metrics (id, map_id, stage_id, name, value, unit, source, measured_at) VALUES ('m1', ?, ?, 'NPS', 31.5, '', 'survey', '2026-11-01')").run(map, stage);
  db.prepare("INSERT INTO versions (id, map_id, name, created_at, snapshot) VALUES ('v1', ?, 'Before', '2026-11-01T00:00:00.000Z', '{}')").run(map);
  const card = db.prepare('SELECT id FROM cards LIMIT 1').pluck().get() as string;
  db.prepare("UPDATE cards SET channel = 'email', color = '#ffcc00' WHERE id = ?").run(card);
});
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Row = Record<string, unknown>;
const CASES: [string, string, string, (r: Row) => unknown][] = [
  ['maps', records.MAP_COLUMNS, 'maps', records.toMap],
  ['stages', records.STAGE_COLUMNS, 'stages', records.toStage],
  ['lanes', records.LANE_COLUMNS, 'lanes', records.toLane],
  ['cards', records.CARD_COLUMNS, "cards WHERE channel IS NOT NULL", records.toCard],
  ['emotion_points', records.EMOTION_COLUMNS, 'emotion_points', records.toEmotion],
  ['personas', records.PERSONA_COLUMNS, 'personas', records.toPersona],
  ['interviews', records.INTERVIEW_COLUMNS, 'interviews', records.toInterview],
  ['quotes', records.QUOTE_COLUMNS, 'quotes', records.toQuote],
  ['tags', records.TAG_COLUMNS, 'tags', records.toTag],
  ['quote_links', records.QUOTE_LINK_COLUMNS, 'quote_links', records.toQuoteLink],
  ['metrics', records.METRIC_COLUMNS, 'metrics', records.toMetric],
  ['versions', records.VERSION_COLUMNS, 'versions', records.toVersion],
];
const camel = (c: string) => c.replace(/_(\w)/g, (_, ch: string) => ch.toUpperCase());

describe('rows to records', () => {
  for (const [table, columns, from, map] of CASES) {
    it(`maps every column of ${table}, and refuses a row with any column of the wrong kind`, () => {
      const row = ws.ctx.db.prepare(`SELECT ${columns} FROM ${from} LIMIT 1`).get() as Row;
      const record = map(row) as Row;
      // Columns as the row has them: a list of ids (a map's personas, a quote's tags) is read by a subquery.
      const names = Object.keys(row);
      expect(names.length).toBeGreaterThan(1);
      for (const column of names) {
        const key = camel(column);
        const expected = column === 'collapsed' ? row[column] === 1 : column.endsWith('_ids') ? (JSON.parse(String(row[column])) as unknown) : row[column];
        expect(record[key], `${table}.${column}`).toEqual(expected);
        // The wrong kind of value: an object is never a valid column value, nor is a missing column.
        const bad = { ...row, [column]: { not: 'a value' } };
        expect(() => map(bad), `${table}.${column}`).toThrow(new RegExp(`^Bad row in ${table}.*: ${column} should be`));
        const { [column]: _gone, ...missing } = row;
        expect(() => map(missing), `${table}.${column} missing`).toThrow(/but is missing/);
      }
      expect(Object.keys(record).sort()).toEqual(names.map(camel).sort());
    });
  }

  it('names what each column should be: text, a number, a whole number, 0 or 1, or one of a list', () => {
    const lane = ws.ctx.db.prepare(`SELECT ${records.LANE_COLUMNS} FROM lanes LIMIT 1`).get() as Row;
    expect(() => records.toLane({ ...lane, kind: 'swimming' })).toThrow(/kind should be one of text, touchpoints, emotion/);
    expect(() => records.toLane({ ...lane, collapsed: 2 })).toThrow(/collapsed should be 0 or 1, but is 2/);
    expect(() => records.toLane({ ...lane, height: Number.NaN })).toThrow(/height should be a number/);
    expect(records.toLane({ ...lane, height: null }).height).toBeNull();
    const emotion = ws.ctx.db.prepare(`SELECT ${records.EMOTION_COLUMNS} FROM emotion_points LIMIT 1`).get() as Row;
    expect(() => records.toEmotion({ ...emotion, score: 1.5 })).toThrow(/score should be a whole number, but is 1.5/);
    expect(() => records.toEmotion({ ...emotion, label: 3 })).toThrow(/label should be text, but is 3/);
    expect(() => records.toEmotion({ ...emotion, id: 7 })).toThrow(/^Bad row in emotion_points: id should be text/);
    expect(records.toEmotion({ ...emotion, persona_id: null }).personaId).toBeNull();
    // A quote typed in by hand has no place in a transcript, and no sentiment yet.
    const quote = ws.ctx.db.prepare(`SELECT ${records.QUOTE_COLUMNS} FROM quotes LIMIT 1`).get() as Row;
    expect(records.toQuote({ ...quote, start_offset: null, end_offset: null, sentiment: null })).toMatchObject({ startOffset: null, endOffset: null, sentiment: null });
    expect(() => records.toQuote({ ...quote, start_offset: 2.5 })).toThrow(/start_offset should be a whole number, but is 2.5/);
    // Lists of ids come as JSON arrays of text, and nothing else.
    expect(records.toQuote({ ...quote, tag_ids: '[]' }).tagIds).toEqual([]);
    expect(records.toQuote({ ...quote, tag_ids: '["t1","t2"]' }).tagIds).toEqual(['t1', 't2']);
    for (const bad of ['{"a":1}', '["t1",3]', '"t1"', 7, null]) {
      expect(() => records.toQuote({ ...quote, tag_ids: bad }), String(bad)).toThrow(/tag_ids should be a list of ids/);
    }
    const map = ws.ctx.db.prepare(`SELECT ${records.MAP_COLUMNS} FROM maps LIMIT 1`).get() as Row;
    expect(() => records.toMap({ ...map, persona_ids: '[1]' })).toThrow(/persona_ids should be a list of ids/);
  });

  it('names the row by its id, in an error called BadRow (as logs show it)', () => {
    const lane = ws.ctx.db.prepare(`SELECT ${records.LANE_COLUMNS} FROM lanes LIMIT 1`).get() as Row;
    let error: unknown;
    try {
      records.toLane({ ...lane, kind: 'swimming' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(records.BadRow);
    expect((error as Error).name).toBe('BadRow');
    expect((error as Error).message).toBe(`Bad row in lanes "${String(lane.id)}": kind should be one of ${LANE_KINDS.join(', ')}, but is "swimming".`);
    expect(String(error)).toMatch(/^BadRow: Bad row in lanes "/);
  });
});

describe("SQLite's refusals while a workspace opens, in words", () => {
  const sqlite = (code: string, message = `raw ${code}`) => Object.assign(new Error(message), { code });
  it('names the file and says what to do', () => {
    const file = '/somewhere/Acme journeys.waymark';
    const cases: [string, RegExp][] = [
      ['SQLITE_FULL', /^There is not enough free disk space to open "Acme journeys.waymark" safely \(the disk is full\)\. Free some space and try again; the file was not changed\.$/],
      ['SQLITE_IOERR_SHMSIZE', /the disk is full/],
      ['ENOSPC', /the disk is full/],
      ['SQLITE_READONLY_DIRECTORY', /^"Acme journeys.waymark" is read-only, and Waymark saves every edit as it is made\./],
      ['EROFS', /is read-only/],
      ['SQLITE_CORRUPT', /^"Acme journeys.waymark" is damaged: raw SQLITE_CORRUPT\. The file was not changed; open one of its backups instead\.$/],
      ['SQLITE_NOTADB', /is damaged/],
      ['SQLITE_BUSY_SNAPSHOT', /^"Acme journeys.waymark" is locked by another program\. Close it there and try again\.$/],
      ['SQLITE_LOCKED', /is locked by another program/],
      ['SQLITE_LOCKED_SHAREDCACHE', /^"Acme journeys.waymark" is locked by another program\. Close it there and try again\.$/],
      ['SQLITE_CORRUPT_VTAB', /^"Acme journeys.waymark" is damaged: raw SQLITE_CORRUPT_VTAB\. The file was not changed; open one of its backups instead\.$/],
      ['SQLITE_IOERR_WRITE', /^"Acme journeys.waymark" could not be read or written \(a disk error: raw SQLITE_IOERR_WRITE\)\. The file was not changed\.$/],
    ];
    for (const [code, message] of cases) {
      const translated = translateOpenError(sqlite(code), file);
      expect(translated, code).toBeInstanceOf(WaymarkError);
      expect((translated as WaymarkError).code, code).toBe('Unsupported');
      expect((translated as WaymarkError).message, code).toMatch(message);
    }
    for (const untouched of [sqlite('SQLITE_MISMATCH'), new Error('plain'), new WaymarkError('NotFound', 'x')]) expect(translateOpenError(untouched, file)).toBe(untouched);
  });
});

describe("SQLite's refusals during an edit, in words", () => {
  it('calls every kind of busy workspace locked, such as a snapshot another connection has moved past', () => {
    for (const code of ['SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_TIMEOUT']) {
      const translated = translateSqliteError(Object.assign(new Error(`raw ${code}`), { code }));
      expect(translated, code).toBeInstanceOf(WaymarkError);
      expect((translated as WaymarkError).code, code).toBe('Conflict');
      expect((translated as WaymarkError).message, code).toBe('The workspace is locked by another program; the change was not saved. Try again in a moment.');
    }
  });

  it("passes on untouched what is not SQLite's, or already in words", () => {
    for (const untouched of [new WaymarkError('Invalid', 'x'), Object.assign(new Error('no such file'), { code: 'ENOENT' }), new Error('plain')]) {
      expect(translateSqliteError(untouched)).toBe(untouched);
    }
  });
});
