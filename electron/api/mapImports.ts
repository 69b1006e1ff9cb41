/**
 * Maps from spreadsheets: a grid — stages across the first row, lanes down the first column, one card per line
 * of a cell — read from a CSV or a workbook, as many teams keep their maps today; and Waymark's own workbook
 * (exports.workbook) brought back after it was edited in Excel, as a new map or as an update of the map it came
 * from. Each preview writes nothing and says what would be made or changed, with every problem cell by cell;
 * each import or update is one transaction, refused whole while any problem is left. Spread into `contract`.
 */
import { z } from 'zod';
import type { BatchableName } from './contract.ts';
import { id, LIMITS, nonBlank } from './fields.ts';
import { DELIMITERS, ENCODINGS, IMPORT_LIMITS, type ImportSource } from './imports.ts';
import { mutation, query } from './operation.ts';
import { LANE_KINDS, type ChangeSet, type LaneKind } from './types.ts';

/** The most one grid may hold: a sheet over any of them is refused before it is read any further. */
export const MAP_IMPORT_LIMITS = {
  /** Rows of the grid's sheet, the stages' row included (a lane may take several rows). */
  rows: 2_000,
  /** Stages: the columns after the lanes' titles (a sheet has at most IMPORT_LIMITS.columns columns). */
  stages: IMPORT_LIMITS.columns - 1,
  lanes: 200,
  /** Cards of the whole grid (as many as a map bundle holds). */
  cards: 50_000,
  /** Non-empty cells a preview shows as they would be imported, and problems and warnings it lists. */
  previewCells: 2_000,
  previewProblems: 1_000,
  /** Cards a preview shows in one cell (the counts cover them all). */
  previewCardsPerCell: 6,
  /** A whole score from −5 to +5 across a row suggests an emotion lane. */
  suggestedEmotion: { min: -5, max: 5 },
} as const;

/** The kind the person chose for a lane, by the row its title is on (1 = the sheet's first row). */
const laneChoice = z
  .object({
    row: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(MAP_IMPORT_LIMITS.rows, `must be at most ${MAP_IMPORT_LIMITS.rows}`),
    kind: z.enum(LANE_KINDS),
  })
  .strict();
const laneChoices = z
  .array(laneChoice)
  .max(MAP_IMPORT_LIMITS.lanes, `may name at most ${MAP_IMPORT_LIMITS.lanes} lanes`)
  .refine((v) => new Set(v.map((l) => l.row)).size === v.length, { message: 'names a row twice' });

const file = {
  /** The file's bytes in base64, as read from the file the person chose. */
  file: z
    .string()
    .max(Math.ceil(IMPORT_LIMITS.bytes / 3) * 4, `is too large: at most ${IMPORT_LIMITS.bytes / 1024 / 1024} MB can be imported at once`)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be the file in base64'),
  /** The file's name (its extension helps tell the kind; a map's title may come from it); never a path that is opened. */
  fileName: nonBlank(255),
  /** The sheet of a workbook that holds the grid (the first with something in it when absent). */
  sheet: z.string().max(255).optional(),
};
const text = {
  /** Read a CSV in this encoding (detected when absent). */
  encoding: z.enum(ENCODINGS).optional(),
  /** Split a CSV's fields at this character (detected when absent). */
  delimiter: z.enum(DELIMITERS).optional(),
};

export const mapImportSchemas = {
  preview: z.object({ ...file, ...text, lanes: laneChoices.optional() }).strict(),
  /** `lanes`: the kinds chosen; a lane not named takes the kind the preview suggested. */
  import: z.object({ ...file, ...text, title: nonBlank(LIMITS.title), lanes: laneChoices }).strict(),
  previewUpdate: z.object({ mapId: id, ...file }).strict(),
  /** `token`: the preview's; refused (Conflict) when the update would now be another one than the preview showed. */
  applyUpdate: z.object({ mapId: id, ...file, token: z.string().regex(/^[0-9a-f]{64}$/, 'must be the token of a preview') }).strict(),
};

/**
 * Something in the file that stops the import (a problem) or that the person should know (a warning): at a cell
 * ("C7"), a range ("C1:D1"), a cell of another sheet ("Cards!I12"), or the whole file (null).
 */
export interface MapImportProblem {
  cell: string | null;
  message: string;
}

export interface MapImportStage {
  /** The column's letters ("C"). */
  column: string;
  name: string;
  /** Cards the stage gets. */
  cards: number;
}

export interface MapImportLane {
  /** The row of its title (what `lanes` choices name), and every row it takes. */
  row: number;
  rows: number[];
  title: string;
  suggested: LaneKind;
  /** The kind it is imported as: the one chosen, else the suggested one. */
  kind: LaneKind;
  /** Cards it gets (card lanes), scores (emotion), metrics (metrics) or owners (owners). */
  cards: number;
  values: number;
}

/** A cell of the grid as it would be imported: its cards (or its score, metric value or owner). */
export interface MapImportCell {
  cell: string;
  /** Its lane and stage, by their place in `lanes` and `stages`. */
  lane: number;
  stage: number;
  items: string[];
  /** Cards not listed in `items`. */
  more: number;
}

/** A workbook Waymark exported: the map it came from, when that map is in this workspace. */
export interface WorkbookOrigin {
  /** The map's title as the workbook has it (its Map sheet's first cell). */
  title: string;
  /** The map the workbook's cards are from, here; null when it is not in this workspace. */
  map: { id: string; title: string; updatedAt: string } | null;
  /** How many of the workbook's Cards rows name a card by its id. */
  cardIds: number;
}

export interface MapImportPreview {
  source: ImportSource;
  /** A title for the new map: the grid's first cell when it names the map, else the file's name. */
  title: string;
  stages: MapImportStage[];
  lanes: MapImportLane[];
  /** The first non-empty cells, lane by lane (at most MAP_IMPORT_LIMITS.previewCells). */
  cells: MapImportCell[];
  counts: { stages: number; lanes: number; cards: number; emotions: number; metrics: number; owners: number };
  /** The new map's emotion scale: −2…+2, widened to the smallest and largest score. */
  emotionScale: { min: number; max: number };
  /** Nothing is imported while there is any. */
  problems: MapImportProblem[];
  warnings: MapImportProblem[];
  /** Set when the file is a workbook Waymark exported (it can update the map it came from). */
  workbook: WorkbookOrigin | null;
}

/** A map made from a spreadsheet: what changed, and the map's id. */
export type MapImport = ChangeSet & { mapId: string };

/** One card an update adds, changes or removes: where it is (the Map sheet's cell or the Cards sheet's row) and its text. */
export interface CardChange {
  /** The card's id (null for a card the update adds). */
  id: string | null;
  cell: string | null;
  lane: string;
  stage: string;
  text: string;
  /** What changes on a changed card: text, colour, channel, evidence, votes, or its place (lane · stage). */
  fields: { field: 'text' | 'color' | 'channel' | 'evidence' | 'votes' | 'place'; from: string; to: string }[];
  /** Why a card is removed: its row is gone from the Cards sheet, or its line from its cell of the Map sheet. */
  why?: string;
}

export interface MapUpdatePreview {
  source: ImportSource;
  mapId: string;
  title: string;
  /** What applyUpdate needs to apply exactly this update (and nothing else, should the map change meanwhile). */
  token: string;
  cards: { added: CardChange[]; changed: CardChange[]; removed: CardChange[] };
  stages: { added: { column: string; name: string }[]; renamed: { id: string; column: string; from: string; to: string }[] };
  lanes: { added: { row: number; title: string; kind: LaneKind }[]; renamed: { id: string; row: number; from: string; to: string }[] };
  /** Emotion scores set, changed or cleared (null), and labels changed. */
  emotions: { cell: string; lane: string; stage: string; curve: string; from: string; to: string }[];
  /** Whether the update changes anything at all. */
  changes: number;
  problems: MapImportProblem[];
  warnings: MapImportProblem[];
}

/** One step that undoes part of an update, as `batch.run` takes it. */
export interface UndoStep {
  name: BatchableName;
  input: unknown;
}

/** What an update changed, and how to undo it: `batch.run` with `undo` puts the map back as it was. */
export type MapUpdate = ChangeSet & { mapId: string; undo: UndoStep[] };

const s = mapImportSchemas;

export const mapImportsContract = {
  'maps.previewImport': query<MapImportPreview>()(
    s.preview,
    "Read a spreadsheet grid (stages across the first row, lanes down the first column, a card per line) without storing anything: the stages and lanes with each lane's suggested kind, the cells as they would be imported, and every problem cell by cell",
  ),
  'maps.import': mutation<MapImport>()(
    s.import,
    'Make a new map from a spreadsheet grid, or from a workbook Waymark exported, in one transaction (refused whole while any problem is left)',
  ),
  'maps.previewUpdate': query<MapUpdatePreview>()(
    s.previewUpdate,
    'Read a workbook Waymark exported from this map and say, writing nothing, what updating the map from it changes: cards added, changed and removed (matched by the ids in its Cards sheet), stages and lanes added or renamed, emotion scores',
  ),
  'maps.applyUpdate': mutation<MapUpdate>()(
    s.applyUpdate,
    'Update a map from a workbook Waymark exported from it, exactly as its preview showed, in one transaction; removed cards are kept under a tombstone, and the result holds the steps that undo the update',
  ),
} as const;
