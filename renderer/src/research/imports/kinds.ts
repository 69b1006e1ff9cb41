/** What the import dialog knows of each kind of import: its fields, their labels, and its operations. */
import { METRIC_FIELDS, QUOTE_FIELDS } from '../../../../electron/api/imports.ts';
import { countOf } from '../../labels.ts';

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
  const n = (k: string) => counts[k] ?? 0;
  const rows = `${countOf(n('rows'), 'row')}: ${n('ok').toLocaleString('en-US')} ready, ${n('withProblems').toLocaleString('en-US')} with problems`;
  if (kind === 'quotes') {
    return `${rows}. Would make ${countOf(n('interviewsToCreate'), 'new interview')} and ${countOf(n('tagsToCreate'), 'new tag')}, and place ${countOf(n('links'), 'quote')} on stages.`;
  }
  return `${rows}. Would add ${countOf(n('toCreate'), 'metric')} and update ${n('toUpdate').toLocaleString('en-US')}.`;
}
