/** What the import dialog knows of each kind of import: its fields, their labels, and its operations. */
import { METRIC_FIELDS, QUOTE_FIELDS } from '../../../../electron/api/imports.ts';

export type ImportKind = 'quotes' | 'metrics';

export const FIELDS: Record<ImportKind, readonly string[]> = { quotes: QUOTE_FIELDS, metrics: METRIC_FIELDS };

export const FIELD_LABELS: Record<string, string> = {
  text: 'Text',
  participant: 'Participant',
  interview: 'Interview',
  stage: 'Stage',
  sentiment: 'Sentiment',
  tags: 'Tags',
  date: 'Date',
  name: 'Metric',
  value: 'Value',
  unit: 'Unit',
};

/** Fields an import cannot go without. */
export const REQUIRED: Record<ImportKind, readonly string[]> = { quotes: ['text'], metrics: ['stage', 'name', 'value'] };

export const ENCODING_LABELS = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE', 'windows-1252': 'Windows-1252 (Western)' } as const;
export const DELIMITER_LABELS = { ',': 'Comma', ';': 'Semicolon', '\t': 'Tab', '|': 'Pipe' } as const;

/** A preview as the dialog shows it, whichever the kind. */
export interface PreviewView {
  source: { kind: string; encoding: keyof typeof ENCODING_LABELS | null; delimiter: keyof typeof DELIMITER_LABELS | null; sheets: string[]; sheet: string | null };
  columns: string[];
  mapping: Record<string, number | null>;
  blockers: string[];
  rows: { row: number; values: Record<string, string> }[];
  problems: { row: number; field: string | null; message: string }[];
  counts: Record<string, number>;
}

/** The counts line under the preview. */
export function summary(kind: ImportKind, counts: Record<string, number>): string {
  const n = (k: string) => (counts[k] ?? 0).toLocaleString('en');
  const rows = `${n('rows')} rows: ${n('ok')} ready, ${n('withProblems')} with problems`;
  if (kind === 'quotes') return `${rows}. Would make ${n('interviewsToCreate')} new interviews and ${n('tagsToCreate')} new tags, and place ${n('links')} quotes on stages.`;
  return `${rows}. Would add ${n('toCreate')} metrics and update ${n('toUpdate')}.`;
}
