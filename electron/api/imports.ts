/**
 * Imports from spreadsheets (CSV, TSV, Excel, OpenDocument): quotes and metrics. Each has a preview that
 * writes nothing — the file's columns, a suggested mapping of columns to fields, the first rows as they would
 * be imported and every row's problems — and an import that is one transaction, refused whole while any row
 * has a problem. Spread into `contract` (contract.ts).
 */
import { z } from 'zod';
import { id, nonBlank } from './fields.ts';
import { mutation, query } from './operation.ts';
import type { ChangeSet } from './types.ts';

/** The text encodings a CSV or TSV file is read in. */
export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** The field separators a CSV file may use (the tab makes it a TSV, Excel's "Unicode text"). */
export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export const IMPORT_LIMITS = {
  /** Bytes of a file: the browser host takes at most 8 MiB per call, and the file travels as base64. */
  bytes: 6 * 1024 * 1024,
  /** Rows of one sheet, the header included. */
  rows: 200_000,
  columns: 200,
  /** Rows a preview shows as they would be imported, and problems it lists (the counts cover them all). */
  previewRows: 100,
  previewProblems: 1000,
} as const;

export const QUOTE_FIELDS = ['text', 'participant', 'interview', 'stage', 'sentiment', 'tags', 'date'] as const;
export type QuoteField = (typeof QUOTE_FIELDS)[number];
export const METRIC_FIELDS = ['stage', 'name', 'value', 'unit', 'date'] as const;
export type MetricField = (typeof METRIC_FIELDS)[number];

/** A column of the file, by its place (0 = the first); null: the field is not imported. */
const column = z.number().int('must be a whole number').min(0, 'must not be negative').max(IMPORT_LIMITS.columns - 1, `must be below ${IMPORT_LIMITS.columns}`).nullable();

const file = {
  /** The file's bytes in base64, as read in the browser from the file the person chose. */
  file: z
    .string()
    .max(Math.ceil(IMPORT_LIMITS.bytes / 3) * 4, `is too large: at most ${IMPORT_LIMITS.bytes / 1024 / 1024} MB can be imported at once`)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be the file in base64'),
  /** The file's name (its extension helps tell the kind); never a path that is opened. */
  fileName: nonBlank(255),
  /** Read a CSV in this encoding (detected when absent). */
  encoding: z.enum(ENCODINGS).optional(),
  /** Split a CSV's fields at this character (detected when absent). */
  delimiter: z.enum(DELIMITERS).optional(),
  /** The sheet of a workbook to read (the first with something in it when absent). */
  sheet: z.string().max(255).optional(),
};

const quoteMapping = z
  .object({ text: column, participant: column.optional(), interview: column.optional(), stage: column.optional(), sentiment: column.optional(), tags: column.optional(), date: column.optional() })
  .strict();
const metricMapping = z.object({ stage: column, name: column, value: column, unit: column.optional(), date: column.optional() }).strict();

export const importSchemas = {
  quotePreview: z.object({ ...file, mapping: quoteMapping.partial().optional(), mapId: id.optional() }).strict(),
  quoteImport: z.object({ ...file, mapping: quoteMapping, mapId: id.optional() }).strict(),
  metricPreview: z.object({ ...file, mapId: id, mapping: metricMapping.partial().optional() }).strict(),
  metricImport: z.object({ ...file, mapId: id, mapping: metricMapping }).strict(),
};

/** How the file was read: what was detected (or chosen), so the person can change it. */
export interface ImportSource {
  kind: 'csv' | 'xlsx' | 'xls' | 'ods';
  /** CSV/TSV only. */
  encoding: Encoding | null;
  delimiter: Delimiter | null;
  /** Workbooks only: every sheet's name, and the one read. */
  sheets: string[];
  sheet: string | null;
}

/** What is wrong with one row: its number as the spreadsheet shows it, the field (when one), and why. */
export interface ImportProblem {
  row: number;
  field: string | null;
  message: string;
}

export interface ImportPreview<F extends string> {
  source: ImportSource;
  /** The header row's names ("Column 3" where a header cell is blank), one per column of the file. */
  columns: string[];
  /** The mapping used: the one given, or the one suggested from the header's names. */
  mapping: Record<F, number | null>;
  /** Problems of the whole import, not of one row (a file that cannot be read as chosen, no text column…). */
  blockers: string[];
  /** The first rows as they would be imported (a field not mapped is ''). */
  rows: { row: number; values: Record<F, string> }[];
  /** Problems row by row (the first IMPORT_LIMITS.previewProblems of them). */
  problems: ImportProblem[];
}

export interface QuoteImportPreview extends ImportPreview<QuoteField> {
  counts: { rows: number; ok: number; withProblems: number; problems: number; interviewsToCreate: number; tagsToCreate: number; links: number };
}
export interface MetricImportPreview extends ImportPreview<MetricField> {
  counts: { rows: number; ok: number; withProblems: number; problems: number; toCreate: number; toUpdate: number };
}

const s = importSchemas;

export const importsContract = {
  'quotes.previewImport': query<QuoteImportPreview>()(
    s.quotePreview,
    "Read a CSV or workbook of quotes without storing anything: its columns, a suggested mapping, the rows as they would be imported and each row's problems",
  ),
  'quotes.import': mutation<ChangeSet>()(
    s.quoteImport,
    'Import quotes from a CSV or workbook in one transaction (refused whole if any row has a problem): interviews and tags found by name or made, quotes placed on the named stages',
  ),
  'metrics.previewImport': query<MetricImportPreview>()(
    s.metricPreview,
    "Read a CSV or workbook of metrics (stage, metric, value, unit, date) without storing anything: the rows as they would be imported and each row's problems",
  ),
  'metrics.import': mutation<ChangeSet>()(
    s.metricImport,
    'Import metrics into a map in one transaction (refused whole if any row has a problem); a metric with the same stage, name and date is updated',
  ),
} as const;
