/**
 * Migration 2: order keys and undo of deletions.
 * - `position` of stages, lanes, cards and map_personas becomes a fractional key (TEXT, e.g. "a0", "a0V"),
 *   so that an insert or a move writes one row and names its neighbours: two people placing cards at once
 *   each get what they dropped. Existing order is kept exactly (by old position, then id).
 * - `tombstones`: what a delete removed (the record and everything that cascaded with it, from any table),
 *   so that undo restores all of it, including records the client never held.
 * SQLite cannot change a column's type in place: each table is rebuilt the documented way (foreign keys
 * off around the transaction, copy, drop, rename, `foreign_key_check` before commit).
 * Released: frozen. It depends only on its own text and on the pinned fractional-indexing package.
 */
import { generateNKeysBetween } from 'fractional-indexing';
import type Database from 'better-sqlite3';

const REBUILT = [
  {
    table: 'stages',
    create: `CREATE TABLE stages_new (
  id TEXT PRIMARY KEY,
  map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  position TEXT NOT NULL CHECK (length(position) > 0),
  color TEXT,
  owner TEXT NOT NULL DEFAULT '',
  goal TEXT NOT NULL DEFAULT '',
  width REAL
) STRICT`,
    columns: 'id, map_id, name, description, position, color, owner, goal, width',
    parent: 'map_id',
    key: 'id',
    indexes: ['CREATE INDEX stages_by_map ON stages(map_id, position)'],
  },
  {
    table: 'lanes',
    create: `CREATE TABLE lanes_new (
  id TEXT PRIMARY KEY,
  map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('text', 'touchpoints', 'emotion', 'pains', 'opportunities', 'evidence', 'metrics', 'owners', 'backstage', 'images')),
  title TEXT NOT NULL,
  position TEXT NOT NULL CHECK (length(position) > 0),
  height REAL,
  collapsed INTEGER NOT NULL DEFAULT 0 CHECK (collapsed IN (0, 1))
) STRICT`,
    columns: 'id, map_id, kind, title, position, height, collapsed',
    parent: 'map_id',
    key: 'id',
    indexes: ['CREATE INDEX lanes_by_map ON lanes(map_id, position)'],
  },
  {
    table: 'cards',
    create: `CREATE TABLE cards_new (
  id TEXT PRIMARY KEY,
  map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
  lane_id TEXT NOT NULL REFERENCES lanes(id) ON DELETE CASCADE,
  stage_id TEXT NOT NULL REFERENCES stages(id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  color TEXT,
  position TEXT NOT NULL CHECK (length(position) > 0),
  channel TEXT CHECK (channel IS NULL OR channel IN ('web', 'app', 'email', 'phone', 'store', 'chat', 'social', 'mail', 'other')),
  votes INTEGER NOT NULL DEFAULT 0 CHECK (votes >= 0),
  evidence TEXT NOT NULL DEFAULT 'assumed' CHECK (evidence IN ('assumed', 'observed', 'proposed'))
) STRICT`,
    columns: 'id, map_id, lane_id, stage_id, text, color, position, channel, votes, evidence',
    parent: "lane_id || '|' || stage_id",
    key: 'id',
    indexes: [
      'CREATE INDEX cards_by_map ON cards(map_id)',
      'CREATE INDEX cards_by_cell ON cards(lane_id, stage_id, position)',
      'CREATE INDEX cards_by_stage ON cards(stage_id)',
    ],
  },
  {
    table: 'map_personas',
    create: `CREATE TABLE map_personas_new (
  map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
  persona_id TEXT NOT NULL REFERENCES personas(id) ON DELETE CASCADE,
  position TEXT NOT NULL CHECK (length(position) > 0),
  PRIMARY KEY (map_id, persona_id)
) STRICT`,
    columns: 'map_id, persona_id, position',
    parent: 'map_id',
    key: 'persona_id',
    indexes: ['CREATE INDEX map_personas_by_persona ON map_personas(persona_id)'],
  },
] as const;

const TOMBSTONES = `
CREATE TABLE tombstones (
  id TEXT PRIMARY KEY,
  map_id TEXT,
  label TEXT NOT NULL,
  created_at TEXT NOT NULL,
  payload TEXT NOT NULL CHECK (json_valid(payload))
) STRICT;
CREATE INDEX tombstones_by_age ON tombstones(created_at);
`;

export function fractionalPositions(db: Database.Database): void {
  for (const t of REBUILT) {
    db.exec(t.create);
    const rows = db
      .prepare(`SELECT ${t.columns}, ${t.parent} AS parent_key FROM ${t.table} ORDER BY parent_key, position, ${t.key}`)
      .all() as Record<string, unknown>[];
    const names = t.columns.split(', ');
    const insert = db.prepare(`INSERT INTO ${t.table}_new (${t.columns}) VALUES (${names.map(() => '?').join(', ')})`);
    let i = 0;
    while (i < rows.length) {
      const parent = rows[i]?.parent_key;
      let j = i;
      while (j < rows.length && rows[j]?.parent_key === parent) j++;
      const keys = generateNKeysBetween(null, null, j - i);
      for (let k = i; k < j; k++) {
        const row = rows[k] as Record<string, unknown>;
        insert.run(...names.map((n) => (n === 'position' ? keys[k - i] : row[n])));
      }
      i = j;
    }
    db.exec(`DROP TABLE ${t.table}; ALTER TABLE ${t.table}_new RENAME TO ${t.table};`);
    for (const index of t.indexes) db.exec(index);
  }
  db.exec(TOMBSTONES);
}
