/**
 * For the tests of maps from spreadsheets: every table of a workspace as it is (to prove that a refusal wrote
 * nothing, tombstones and events included), a map in a form two maps can be compared by (names, kinds,
 * cards in order, scores, metrics, not ids or positions), and a workbook edited cell by cell with SheetJS, as
 * a person edits one in Excel.
 */
import * as XLSX from 'xlsx';
import type { MapDocument } from '../../../electron/api/types.ts';
import type { Db } from '../../../electron/core/database.ts';

/** Every row of every table of the workspace (FTS shadow tables left out: they follow their tables). */
export function allTables(db: Db): Record<string, unknown[]> {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).raw().all()]));
}

/** A map as a person sees it: names and kinds in order, each cell's cards in order with what they show, scores, metrics. */
export function shapeOf(d: MapDocument, personaName: (id: string) => string = (id) => id) {
  const byPosition = <T extends { position: string; id: string }>(a: T, b: T) => (a.position < b.position ? -1 : a.position > b.position ? 1 : a.id < b.id ? -1 : 1);
  const stage = (id: string) => d.stages.find((s) => s.id === id)?.name ?? '?';
  const lane = (id: string) => d.lanes.find((l) => l.id === id)?.title ?? '?';
  return {
    title: d.map.title,
    scale: [d.map.emotionMin, d.map.emotionMax],
    personas: d.map.personaIds.map(personaName),
    stages: [...d.stages].sort(byPosition).map((s) => [s.name, s.owner]),
    lanes: [...d.lanes].sort(byPosition).map((l) => [l.kind, l.title]),
    cards: [...d.lanes].sort(byPosition).flatMap((l) =>
      [...d.stages].sort(byPosition).flatMap((s) =>
        d.cards
          .filter((c) => c.laneId === l.id && c.stageId === s.id)
          .sort(byPosition)
          .map((c) => [l.title, s.name, c.text, c.color, c.channel, c.votes, c.evidence]),
      ),
    ),
    emotions: d.emotions.map((e) => [lane(e.laneId), stage(e.stageId), e.personaId === null ? null : personaName(e.personaId), e.score, e.label]).sort(),
    metrics: d.metrics.map((m) => [stage(m.stageId), m.name, m.value, m.unit]).sort(),
  };
}

export class EditedBook {
  readonly wb: XLSX.WorkBook;
  constructor(base64: string) {
    this.wb = XLSX.read(Buffer.from(base64, 'base64'), { type: 'buffer', cellStyles: false });
  }
  sheet(name: string): XLSX.WorkSheet {
    const ws = this.wb.Sheets[name];
    if (!ws) throw new Error(`no sheet ${name}`);
    return ws;
  }
  rows(name: string): unknown[][] {
    return XLSX.utils.sheet_to_json<unknown[]>(this.sheet(name), { header: 1, defval: null, blankrows: true });
  }
  /** The 1-based row of the sheet whose column `column` (0-based) holds `text`. */
  rowOf(name: string, column: number, text: string): number {
    const at = this.rows(name).findIndex((r) => r[column] === text);
    if (at < 0) throw new Error(`no row with ${text}`);
    return at + 1;
  }
  text(name: string, ref: string): string {
    const cell = this.sheet(name)[ref] as XLSX.CellObject | undefined;
    return cell?.v === undefined ? '' : String(cell.v);
  }
  set(name: string, ref: string, value: string | number | null): this {
    const ws = this.sheet(name);
    if (value === null) Reflect.deleteProperty(ws, ref);
    else ws[ref] = typeof value === 'number' ? { t: 'n', v: value } : { t: 's', v: value };
    const range = XLSX.utils.decode_range(ws['!ref'] ?? 'A1');
    const cell = XLSX.utils.decode_cell(ref);
    range.e.r = Math.max(range.e.r, cell.r);
    range.e.c = Math.max(range.e.c, cell.c);
    ws['!ref'] = XLSX.utils.encode_range(range);
    return this;
  }
  /** Delete a row as Excel does: the rows below move up. */
  deleteRow(name: string, row: number): this {
    const rows = this.rows(name);
    rows.splice(row - 1, 1);
    const fresh = XLSX.utils.aoa_to_sheet(rows);
    const old = this.sheet(name);
    if (old['!merges']) fresh['!merges'] = old['!merges'];
    this.wb.Sheets[name] = fresh;
    return this;
  }
  /** Insert an empty row before `row` (1-based), as Excel does: the rows below move down, merged ranges with them. */
  insertRow(name: string, row: number): this {
    return this.rebuild(name, (rows) => rows.splice(row - 1, 0, []), (m) => {
      if (m.s.r >= row - 1) m.s.r++;
      if (m.e.r >= row - 1) m.e.r++;
    });
  }
  /** Insert an empty column before `column` (0-based), as Excel does: the columns to the right move, merged ranges with them. */
  insertColumn(name: string, column: number): this {
    return this.rebuild(name, (rows) => rows.forEach((r) => r.splice(column, 0, null)), (m) => {
      if (m.s.c >= column) m.s.c++;
      if (m.e.c >= column) m.e.c++;
    });
  }
  private rebuild(name: string, change: (rows: unknown[][]) => void, move: (m: XLSX.Range) => void): this {
    const old = this.sheet(name);
    const rows = this.rows(name);
    change(rows);
    const fresh = XLSX.utils.aoa_to_sheet(rows);
    const merges = (old['!merges'] ?? []).map((m) => ({ s: { ...m.s }, e: { ...m.e } }));
    merges.forEach(move);
    if (merges.length > 0) fresh['!merges'] = merges;
    this.wb.Sheets[name] = fresh;
    return this;
  }
  base64(): string {
    return XLSX.write(this.wb, { type: 'base64', bookType: 'xlsx' }) as string;
  }
}
