/**
 * What a delete removed, kept so that undo brings all of it back: the record, and every row in any table
 * that cascaded with it (cards and emotion points of a stage, quote links, metrics, a persona's emotion
 * curve…), found by following the schema's foreign keys, so a table added later is covered without a
 * change here. References that were set to NULL (an interview's persona) are put back too.
 * Tombstones live in the workspace file (a second window can undo as well) and are pruned by age and count.
 */
import { conflict, notFound } from '../api/errors.ts';
import { holdsCards, TOMBSTONES_KEPT, type ChangeSet, type RecordKind } from '../api/types.ts';
import { emptyChanges } from './changes.ts';
import type { Db } from './database.ts';
import { newId } from './ids.ts';
import { freeKeyNear, type Positioned } from './positions.ts';
import {
  CARD_COLUMNS,
  EMOTION_COLUMNS,
  INTERVIEW_COLUMNS,
  LANE_COLUMNS,
  MAP_COLUMNS,
  METRIC_COLUMNS,
  PERSONA_COLUMNS,
  QUOTE_COLUMNS,
  QUOTE_LINK_COLUMNS,
  STAGE_COLUMNS,
  TAG_COLUMNS,
  VERSION_COLUMNS,
  toCard,
  toEmotion,
  toInterview,
  toLane,
  toMap,
  toMetric,
  toPersona,
  toQuote,
  toQuoteLink,
  toStage,
  toTag,
  toVersion,
  type Ctx,
  type Row,
} from './records.ts';

/** Stored JSON carries its format version from the start. */
const FORMAT = 1;
const KEEP_DAYS = 30;
const KEEP_COUNT = TOMBSTONES_KEPT;

/** Tables whose rows a ChangeSet carries, with the kind, the columns the mapper reads, and the mapper. */
const KIND_OF: Readonly<Record<string, { kind: RecordKind; columns: string; map: (r: Row) => unknown }>> = {
  maps: { kind: 'maps', columns: MAP_COLUMNS, map: toMap },
  stages: { kind: 'stages', columns: STAGE_COLUMNS, map: toStage },
  lanes: { kind: 'lanes', columns: LANE_COLUMNS, map: toLane },
  cards: { kind: 'cards', columns: CARD_COLUMNS, map: toCard },
  emotion_points: { kind: 'emotions', columns: EMOTION_COLUMNS, map: toEmotion },
  personas: { kind: 'personas', columns: PERSONA_COLUMNS, map: toPersona },
  interviews: { kind: 'interviews', columns: INTERVIEW_COLUMNS, map: toInterview },
  quotes: { kind: 'quotes', columns: QUOTE_COLUMNS, map: toQuote },
  tags: { kind: 'tags', columns: TAG_COLUMNS, map: toTag },
  quote_links: { kind: 'quoteLinks', columns: QUOTE_LINK_COLUMNS, map: toQuoteLink },
  metrics: { kind: 'metrics', columns: METRIC_COLUMNS, map: toMetric },
  versions: { kind: 'versions', columns: VERSION_COLUMNS, map: toVersion },
};

/**
 * Link tables carry no records of their own: a row of one is part of the record it names (a map's personas,
 * a quote's tags), so when such rows go or come back, that record has changed.
 */
const LINK_OWNER: Readonly<Record<string, { table: string; column: string }>> = {
  map_personas: { table: 'maps', column: 'map_id' },
  quote_tags: { table: 'quotes', column: 'quote_id' },
};

export type TombstoneTable = 'maps' | 'stages' | 'lanes' | 'cards' | 'personas' | 'interviews' | 'quotes' | 'quote_links' | 'tags' | 'metrics';

interface Reference {
  child: string;
  column: string;
  parentColumn: string;
  onDelete: string;
}
interface Nulled {
  table: string;
  column: string;
  value: unknown;
  where: Row;
}
interface Payload {
  format: number;
  /** Rows by table, as captured; they go back in the schema's parent-before-child order. */
  tables: { table: string; rows: Row[] }[];
  nulled: Nulled[];
}

const graphs = new WeakMap<Db, Map<string, Reference[]>>();

/** Who references whom, read from the schema once per connection. */
function references(db: Db): Map<string, Reference[]> {
  const cached = graphs.get(db);
  if (cached) return cached;
  const graph = new Map<string, Reference[]>();
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'")
    .pluck()
    .all() as string[];
  for (const child of tables) {
    const fks = db.pragma(`foreign_key_list(${JSON.stringify(child)})`) as { table: string; from: string; to: string; on_delete: string }[];
    for (const fk of fks) {
      const list = graph.get(fk.table) ?? [];
      list.push({ child, column: fk.from, parentColumn: fk.to, onDelete: fk.on_delete.toUpperCase() });
      graph.set(fk.table, list);
    }
  }
  graphs.set(db, graph);
  return graph;
}

/** Tables ranked so that every table comes after the tables it references: the order rows go back in. */
function insertOrder(db: Db): Map<string, number> {
  const graph = references(db);
  const parentsOf = new Map<string, Set<string>>();
  for (const [parent, refs] of graph) {
    for (const r of refs) {
      if (r.child === parent) continue;
      const parents = parentsOf.get(r.child) ?? new Set<string>();
      parents.add(parent);
      parentsOf.set(r.child, parents);
    }
  }
  const rank = new Map<string, number>();
  const visit = (table: string, path: Set<string>): number => {
    const known = rank.get(table);
    if (known !== undefined) return known;
    if (path.has(table)) return 0; // a cycle (none in our schema): leave it to SQLite to say
    path.add(table);
    let r = 0;
    for (const p of parentsOf.get(table) ?? []) r = Math.max(r, visit(p, path) + 1);
    path.delete(table);
    rank.set(table, r);
    return r;
  };
  for (const t of [...graph.keys(), ...parentsOf.keys()]) visit(t, new Set());
  return rank;
}

/** The columns that tell a table's rows apart (in any order): its primary key, or every column when it has none. */
const primaryKey = (db: Db, table: string): string[] => {
  const columns = db.pragma(`table_info(${JSON.stringify(table)})`) as { name: string; pk: number }[];
  const pk = columns.filter((c) => c.pk > 0).map((c) => c.name);
  return pk.length > 0 ? pk : columns.map((c) => c.name);
};

/** How each ordered table's rows are grouped under a parent: a restored row must not share its key with a sibling. */
const SIBLINGS: Readonly<Record<string, readonly string[]>> = {
  stages: ['map_id'],
  lanes: ['map_id'],
  cards: ['lane_id', 'stage_id'],
  map_personas: ['map_id'],
};

/** The siblings a restored row of an ordered table goes back among, sorted by key. */
function siblingsQuery(db: Db, table: string, parent: readonly string[]): (row: Row) => Positioned[] {
  const stmt = db.prepare(`SELECT ${table === 'map_personas' ? 'persona_id AS id' : 'id'}, position FROM "${table}" WHERE ${parent.map((c) => `"${c}" = ?`).join(' AND ')} ORDER BY position`);
  return (row) => stmt.all(...parent.map((c) => row[c])) as Positioned[];
}

/**
 * Tables whose rowid is part of their records: a quote's `seq` (its place in every newest-first list of quotes) is
 * its rowid. A tombstone keeps it (under ROWID), and the row takes it back when no row has taken it since (a quote
 * made after the delete may have: SQLite gives a new row the highest rowid plus one); else the row comes back newest.
 */
const KEEPS_ROWID: ReadonlySet<string> = new Set(['quotes']);
const ROWID = '$rowid';
const everyColumn = (table: string): string => (KEEPS_ROWID.has(table) ? `rowid AS "${ROWID}", *` : '*');

/** BLOBs (a persona's image) as base64 in JSON, and back. */
const encode = (row: Row): Row =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Buffer.isBuffer(v) ? { $blob: v.toString('base64') } : v]));
const decode = (value: unknown): unknown =>
  typeof value === 'object' && value !== null && '$blob' in value ? Buffer.from(String(value.$blob), 'base64') : value;

/** Every row that deleting `ids` from `table` would remove, parents first, and the references it would null. */
function capture(db: Db, table: TombstoneTable, ids: readonly string[]): Payload {
  const graph = references(db);
  const tables: { table: string; rows: Row[] }[] = [];
  const nulled: Nulled[] = [];
  const seen = new Set<string>();
  const visit = (name: string, rows: Row[]) => {
    const pk = primaryKey(db, name);
    const fresh = rows.filter((r) => {
      const key = JSON.stringify([name, ...pk.map((c) => r[c])]);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (fresh.length === 0) return;
    tables.push({ table: name, rows: fresh });
    for (const ref of graph.get(name) ?? []) {
      const values = [...new Set(fresh.map((r) => r[ref.parentColumn]))];
      const children: Row[] = [];
      for (let i = 0; i < values.length; i += 500) {
        const chunk = values.slice(i, i + 500);
        children.push(
          ...(db.prepare(`SELECT ${everyColumn(ref.child)} FROM "${ref.child}" WHERE "${ref.column}" IN (${chunk.map(() => '?').join(', ')})`).all(...chunk) as Row[]),
        );
      }
      if (ref.onDelete === 'CASCADE') visit(ref.child, children);
      else if (ref.onDelete === 'SET NULL') {
        const childPk = primaryKey(db, ref.child);
        for (const c of children) nulled.push({ table: ref.child, column: ref.column, value: c[ref.column], where: Object.fromEntries(childPk.map((k) => [k, c[k]])) });
      }
    }
  };
  const rows: Row[] = [];
  for (const id of ids) rows.push(...(db.prepare(`SELECT ${everyColumn(table)} FROM "${table}" WHERE id = ?`).all(id) as Row[]));
  visit(table, rows);
  return { format: FORMAT, tables, nulled };
}

/**
 * Delete rows of `table` and keep what went with them as a tombstone (called inside the operation's
 * transaction). Returns what was deleted, as a ChangeSet naming the tombstone.
 */
export function deleteWithTombstone(ctx: Ctx, table: TombstoneTable, ids: readonly string[], label: string, mapId: string | null, tombstoneId?: string): ChangeSet {
  const { db } = ctx;
  const payload = capture(db, table, ids);
  const id = tombstoneId ?? newId();
  const now = batchTime.get(ctx.db) ?? ctx.now();
  // An id names one deletion: a redo deletes again under the id its undo consumed; a second delete under an id
  // still kept is refused, so nobody's undo can be replaced by someone else's.
  if (db.prepare('SELECT 1 FROM tombstones WHERE id = ?').get(id)) {
    throw conflict(`Something deleted earlier is already kept under "${id}" for undo; choose another tombstone id.`);
  }
  db.prepare('INSERT INTO tombstones (id, map_id, label, created_at, payload) VALUES (?, ?, ?, ?, ?)').run(
    id,
    mapId,
    label,
    now.toISOString(),
    JSON.stringify({ ...payload, tables: payload.tables.map((t) => ({ table: t.table, rows: t.rows.map(encode) })) }),
  );
  const del = db.prepare(`DELETE FROM "${table}" WHERE id = ?`);
  for (const recordId of ids) del.run(recordId);
  prune(db, now);
  const changes = emptyChanges();
  for (const { table, rows } of payload.tables) {
    const entry = KIND_OF[table];
    if (entry) for (const r of rows) changes.deleted[entry.kind].push(String(r.id));
  }
  // Records that only lost a reference (an interview whose persona went) changed: clients get them as they are now.
  addReferencing(db, payload, changes);
  addLinkOwners(db, payload, changes);
  changes.tombstones.push(id);
  return changes;
}

/**
 * Drop what is older than KEEP_DAYS, and what is older than the newest KEEP_COUNT: the tombstones of one time (one
 * batch, see `oneTombstoneTime`) are kept or dropped together, so the undo of one delete of many cards (a tombstone a
 * card) is never cut in part, however many it holds.
 */
function prune(db: Db, now: Date): void {
  const cutoff = new Date(now.getTime() - KEEP_DAYS * 86_400_000).toISOString();
  db.prepare('DELETE FROM tombstones WHERE created_at < ?').run(cutoff);
  db.prepare('DELETE FROM tombstones WHERE created_at < (SELECT created_at FROM tombstones ORDER BY created_at DESC LIMIT 1 OFFSET ?)').run(KEEP_COUNT - 1);
}

/** The time the tombstones of the batch under way are given (one command's deletes: one time), by connection. */
const batchTime = new WeakMap<Db, Date>();

/** Run `fn` (a batch, in its transaction; batches do not nest) with every tombstone it makes given one time: the batch's start. */
export function oneTombstoneTime<T>(ctx: Ctx, fn: () => T): T {
  batchTime.set(ctx.db, ctx.now());
  try {
    return fn();
  } finally {
    batchTime.delete(ctx.db);
  }
}

function readPayload(text: string, id: string): Payload {
  const parsed = JSON.parse(text) as Partial<Payload>;
  if (parsed.format !== FORMAT || !Array.isArray(parsed.tables) || !Array.isArray(parsed.nulled)) {
    throw conflict(`What was deleted ("${id}") was kept in a format this version of Waymark cannot read; it cannot be undone here.`);
  }
  return parsed as Payload;
}

/**
 * Put back everything a tombstone holds, exactly as it was (ids, positions, links), then drop the tombstone.
 * Refused, changing nothing, when a record has come back in the meantime or what it belonged to is gone.
 */
export function restoreTombstone(ctx: Ctx, id: string): ChangeSet {
  const { db } = ctx;
  const row = db.prepare('SELECT label, payload FROM tombstones WHERE id = ?').get(id) as { label: string; payload: string } | undefined;
  if (!row) throw notFound(`There is nothing deleted under "${id}" to bring back; it may have been undone already or be older than ${KEEP_DAYS} days.`);
  const payload = readPayload(row.payload, id);
  const rank = insertOrder(db);
  const tables = [...payload.tables].sort((a, b) => (rank.get(a.table) ?? 0) - (rank.get(b.table) ?? 0));
  for (const { table, rows } of tables) {
    // Statements made once per table: a map of many thousand cards comes back in seconds, not minutes.
    const columns = Object.keys(rows[0] ?? {}).filter((c) => c !== ROWID);
    const names = columns.map((c) => `"${c}"`).join(', ');
    const marks = columns.map(() => '?').join(', ');
    const insert = db.prepare(`INSERT INTO "${table}" (${names}) VALUES (${marks})`);
    const atRowid = KEEPS_ROWID.has(table)
      ? { insert: db.prepare(`INSERT INTO "${table}" (rowid, ${names}) VALUES (?, ${marks})`), taken: db.prepare(`SELECT 1 FROM "${table}" WHERE rowid = ?`) }
      : null;
    const parent = SIBLINGS[table];
    const siblingsOf = parent ? siblingsQuery(db, table, parent) : null;
    // A quote on a card backs the card's stage: a link comes back to the stage its card is in now (moved meanwhile).
    const cardStage = table === 'quote_links' ? db.prepare('SELECT stage_id FROM cards WHERE id = ?').pluck() : null;
    for (const original of rows) {
      // Someone may have placed a record into the gap this one left, with the very key it had.
      let r = siblingsOf ? { ...original, position: freeKeyNear(siblingsOf(original), String(original.position)) } : original;
      const stageNow = cardStage && typeof r.card_id === 'string' ? (cardStage.get(r.card_id) as string | undefined) : undefined;
      if (stageNow !== undefined) r = { ...r, stage_id: stageNow };
      try {
        const values = columns.map((c) => decode(r[c]));
        const rowid = r[ROWID];
        if (atRowid && typeof rowid === 'number' && atRowid.taken.get(rowid) === undefined) atRowid.insert.run(rowid, ...values);
        else insert.run(...values);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw conflict(`"${row.label}" cannot be undone: part of it exists again.`);
        }
        if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
          throw conflict(`"${row.label}" cannot be undone: what it belonged to has been deleted since.`);
        }
        throw error;
      }
    }
  }
  for (const n of payload.nulled) {
    const keys = Object.keys(n.where);
    db.prepare(`UPDATE "${n.table}" SET "${n.column}" = ? WHERE "${n.column}" IS NULL AND ${keys.map((k) => `"${k}" = ?`).join(' AND ')}`).run(
      n.value,
      ...keys.map((k) => n.where[k]),
    );
  }
  refuseCardsOutOfCardLanes(db, payload, row.label);
  db.prepare('DELETE FROM tombstones WHERE id = ?').run(id);
  const changes = emptyChanges();
  for (const { table, rows } of payload.tables) {
    const entry = KIND_OF[table];
    if (!entry) continue;
    const select = db.prepare(`SELECT ${entry.columns} FROM "${table}" WHERE id = ?`);
    for (const r of rows) (changes[entry.kind] as unknown[]).push(entry.map(select.get(r.id) as Row));
  }
  // Records whose reference was put back (an interview's persona) changed too.
  addReferencing(db, payload, changes);
  addLinkOwners(db, payload, changes);
  return changes;
}

/**
 * A card comes back only to a lane that holds cards: one emptied and made an emotion (or other) lane since refuses it
 * (the caller's transaction takes back what was put back). A lane that came back with it is as it was.
 */
function refuseCardsOutOfCardLanes(db: Db, payload: Payload, label: string): void {
  const rowsOf = (table: string) => payload.tables.find((t) => t.table === table)?.rows ?? [];
  const back = new Set(rowsOf('lanes').map((r) => r.id));
  for (const laneId of new Set(rowsOf('cards').map((r) => r.lane_id))) {
    if (back.has(laneId)) continue;
    const lane = db.prepare('SELECT title, kind FROM lanes WHERE id = ?').get(laneId) as { title: string; kind: string } | undefined;
    if (lane && !holdsCards(lane.kind)) {
      throw conflict(`"${label}" cannot be undone: the lane "${lane.title}" is now ${/^[aeiou]/.test(lane.kind) ? 'an' : 'a'} ${lane.kind} lane, which holds no cards.`);
    }
  }
}

/** The records whose reference to a deleted row was set to NULL (or put back), as they are now, into `changes`. */
function addReferencing(db: Db, payload: Payload, changes: ChangeSet): void {
  for (const n of payload.nulled) {
    const entry = KIND_OF[n.table];
    const recordId = n.where.id;
    if (!entry || typeof recordId !== 'string') continue;
    const fresh = db.prepare(`SELECT ${entry.columns} FROM "${n.table}" WHERE id = ?`).get(recordId) as Row | undefined;
    // Named once each: deleted rows are told apart before their children are followed, so no reference is met twice.
    if (fresh) (changes[entry.kind] as unknown[]).push(entry.map(fresh));
  }
}

/** The records whose link rows (a map's personas, a quote's tags) went or came back, as they are now, into `changes`. */
function addLinkOwners(db: Db, payload: Payload, changes: ChangeSet): void {
  for (const { table, rows } of payload.tables) {
    const owner = LINK_OWNER[table];
    const entry = owner ? KIND_OF[owner.table] : undefined;
    if (!owner || !entry) continue;
    const select = db.prepare(`SELECT ${entry.columns} FROM "${owner.table}" WHERE id = ?`);
    const listed = changes[entry.kind] as { id: string }[];
    for (const ownerId of new Set(rows.map((r) => String(r[owner.column])))) {
      if (listed.some((r) => r.id === ownerId)) continue;
      const fresh = select.get(ownerId) as Row | undefined;
      // An owner deleted with its links (a map and its personas) is in `deleted`, not here.
      if (fresh) listed.push(entry.map(fresh) as { id: string });
    }
  }
}
