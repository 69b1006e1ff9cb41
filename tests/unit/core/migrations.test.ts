import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { WaymarkError } from '../../../electron/api/errors.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, WAYMARK_APPLICATION_ID } from '../../../electron/core/migrations/index.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { sha256, tempDir } from './helpers.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/workspaces');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function fresh(): { dir: string; file: string } {
  const dir = tempDir();
  dirs.push(dir);
  return { dir, file: path.join(dir, 'w.waymark') };
}

describe('migrations', () => {
  it('creates a new workspace at the latest schema, recorded in the file', () => {
    const { file } = fresh();
    const ws = Workspace.open(file);
    const db = ws.ctx.db;
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(WAYMARK_APPLICATION_ID);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    ws.close();
  });

  it('matches the committed schema snapshot', async () => {
    const { file } = fresh();
    Workspace.open(file).close();
    const db = new Database(file, { readonly: true });
    const rows = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as {
      type: string;
      name: string;
      sql: string | null;
    }[];
    db.close();
    const text = rows.map((r) => `-- ${r.type} ${r.name}\n${(r.sql ?? '').trim()};\n`).join('\n');
    await expect(text).toMatchFileSnapshot('./__snapshots__/schema.sql');
  });

  it('opens an existing workspace without migrating it again, and keeps its data', async () => {
    const { file } = fresh();
    const ws = Workspace.open(file);
    await ws.call('maps.create', { title: 'Kept', template: 'blank' });
    ws.close();
    const again = Workspace.open(file);
    expect((await again.call('maps.list', {})).map((m) => m.title)).toEqual(['Kept']);
    expect(again.ctx.db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.length);
    again.close();
  });

  it('refuses a file written by a newer version, naming both versions, and leaves it unchanged', () => {
    const { file } = fresh();
    Workspace.open(file).close();
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    const before = sha256(file);
    expect(() => Workspace.open(file)).toThrow(
      `was written by a newer version of Waymark (workspace schema ${LATEST_SCHEMA_VERSION + 1}; this version understands up to ${LATEST_SCHEMA_VERSION})`,
    );
    expect(sha256(file)).toBe(before);
  });

  it('refuses to upgrade a workspace with a broken reference, after backing it up, and leaves it as it was', () => {
    // A schema-1 file in which a card points at a lane that is gone (edited by another program with foreign keys off).
    const { dir, file } = fresh();
    fs.copyFileSync(path.join(FIXTURES, 'schema-1.waymark'), file);
    const edit = new Database(file);
    edit.pragma('foreign_keys = OFF');
    edit.prepare("UPDATE cards SET lane_id = 'a-lane-that-is-gone' WHERE id = (SELECT min(id) FROM cards)").run();
    edit.close();
    const before = everything(file);

    let error: unknown;
    try {
      Workspace.open(file).close();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WaymarkError);
    expect((error as WaymarkError).code).toBe('Unsupported');
    expect((error as WaymarkError).message).toBe(
      'The workspace has 1 broken reference(s) (a record pointing at one that is gone), so it cannot be upgraded to schema 2. Nothing was changed.',
    );
    expect(fs.readdirSync(dir).sort()).toEqual(['w.waymark', 'w.waymark.backups']);
    expect(everything(file)).toEqual(before);
    // The copy to go back to was taken first.
    expect(fs.readdirSync(`${file}.backups`).filter((f) => f.includes('before-migration-1'))).toHaveLength(1);
  });

  it('enforces references again once an upgrade that rebuilt tables is over', async () => {
    const { file } = fresh();
    fs.copyFileSync(path.join(FIXTURES, 'schema-1.waymark'), file);
    const ws = Workspace.open(file);
    const db = ws.ctx.db;
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const card = db.prepare('SELECT id, map_id FROM cards LIMIT 1').get() as { id: string; map_id: string };
    expect(() => db.prepare("UPDATE cards SET lane_id = 'a-lane-that-is-gone' WHERE id = ?").run(card.id)).toThrow(/FOREIGN KEY constraint failed/);
    await ws.call('maps.delete', { id: card.map_id });
    expect(db.prepare('SELECT count(*) FROM cards WHERE map_id = ?').pluck().get(card.map_id)).toBe(0);
    ws.close();
  });

  it('keeps released migrations frozen: files were written with exactly this code', () => {
    // A released migration is never edited (a change would silently differ from what existing files were
    // migrated with); add the next one instead. Record a new migration's hash here when it is released.
    const dir = path.resolve(import.meta.dirname, '../../../electron/core/migrations');
    const files = fs.readdirSync(dir).filter((f) => /^\d{3}_.*\.ts$/.test(f)).sort();
    expect(files.map((f) => [f, sha256(path.join(dir, f))])).toEqual(Object.entries(RELEASED));
    expect(files).toHaveLength(MIGRATIONS.length);
  });
});

/** Every row of every table, the schema and its version: what a person's file holds. */
function everything(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE '%fts%' ORDER BY name").all() as { name: string; sql: string }[];
    return {
      version: db.pragma('user_version', { simple: true }),
      tables: tables.map((t) => ({ ...t, rows: db.prepare(`SELECT * FROM "${t.name}" ORDER BY rowid`).all() })),
    };
  } finally {
    db.close();
  }
}

const RELEASED: Record<string, string> = {
  '001_initial.ts': 'd45ea29d80e49c2366da5fdb8fa9115f145887f00358ce53b2f222061f21b7a9',
  '002_fractional_positions.ts': 'fa02bd274994089af32402b333b1a1bf050f45dc000156702c33d91b1609c9a3',
  '003_transcripts_and_evidence.ts': '49d1d886c7efede18cd370efee9b9f74003d0af8f00f0b8935d095d7fff86af9',
  '004_evidence_totals.ts': '49ac8ac4ac39ca19cff37c128510337c2a9356da0acdb303c4e36c506dc43214',
  '005_search_facets.ts': '0976a3062df365cf6aa887829c91eca418f1837e011b05d9bdfa66bcd7d6d006',
  '006_one_letter_prefixes.ts': '4be3840d22aaf49cf12722c2e55a02ce502c8b8ad334f2887303db0cd555a0a9',
  '007_quote_dates.ts': '64a11ac8330cdc139b16a64e9e006a7400387524a39e4681f0295a1267ebb77c',
  '008_quotes_in_order_received.ts': '03a7e5ff44cce85a2923f8bc12bf4561af361120396b2dc31e905958e7e3f79a',
  '009_links_follow_their_cards.ts': '58c51643cd579781704cb20389404ef299c2a8ab1cca61c66c1629c4b9b6dd0b',
  '010_sentiment_columns.ts': 'b7c8f2af7ca159a14be5ac372e288f0e722ee957abdab22a303001346779449b',
  '011_cards_in_answer_order.ts': '2e201e3b22aa8d794bbc662413aa9cb991168862f60f952dc129f572031e7444',
};
