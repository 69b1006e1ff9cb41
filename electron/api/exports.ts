/**
 * Exports a host saves for the person: an Excel workbook of one map, several, or every map of the workspace.
 * The file comes back as base64 with the name to offer in the save dialog (or the download); the host writes
 * it where the person chose. Spread into `contract` (contract.ts).
 */
import { z } from 'zod';
import { id } from './fields.ts';
import { query } from './operation.ts';

export const EXPORT_LIMITS = {
  /** Maps one workbook may name (every map of a workspace: `all`). */
  maps: 200,
} as const;

/** An exported file: its name (safe on every system), its type, and its bytes in base64. */
export interface WorkbookFile {
  fileName: string;
  mediaType: string;
  base64: string;
  /** Bytes, before base64. */
  size: number;
}

export const exportSchemas = {
  workbook: z
    .object({
      /** The maps, in the order their sheets come. */
      mapIds: z
        .array(id)
        .min(1, 'must name at least one map')
        .max(EXPORT_LIMITS.maps, `may name at most ${EXPORT_LIMITS.maps} maps`)
        .refine((v) => new Set(v).size === v.length, { message: 'names a map twice' })
        .optional(),
      /** Every map of the workspace, by title. */
      all: z.literal(true).optional(),
    })
    .strict()
    .refine((v) => (v.mapIds === undefined) !== (v.all === undefined), { message: 'give either mapIds (the maps to export) or all: true, not both' }),
};

export type WorkbookInput = z.output<typeof exportSchemas.workbook>;

export const exportsContract = {
  'exports.workbook': query<WorkbookFile>()(
    exportSchemas.workbook,
    'An Excel workbook of maps ({ mapIds } in that order, or { all: true }): a Map sheet per map (the grid as drawn), and Cards, Emotions, Quotes, Personas and Metrics tables',
  ),
} as const;
