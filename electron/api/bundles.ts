/**
 * Map bundles (`.waymark.json`): one map with everything it shows — stages, lanes, cards, emotion curves,
 * metrics, its personas with their pictures, the quotes placed on it with their tags, and the interviews they
 * come from — in one versioned JSON file, to carry a map to another workspace. The export gives the file's
 * text; the preview reads a file and says what an import would make and reuse, or why it cannot be imported,
 * writing nothing; the import makes a copy with new ids in one transaction. Spread into `contract`.
 */
import { z } from 'zod';
import { id, nonBlank } from './fields.ts';
import { IMPORT_LIMITS } from './imports.ts';
import { mutation, query } from './operation.ts';
import { RESEARCH_LIMITS } from './research.ts';
import type { ChangeSet } from './types.ts';

/** What the file says it is (`format`), and the version of that format this Waymark writes and reads. */
export const BUNDLE_FORMAT = 'waymark-map-bundle' as const;
export const BUNDLE_VERSION = 1 as const;
/** Every bundle's file name ends so. */
export const BUNDLE_EXTENSION = '.waymark.json';

/** The most a bundle may hold; a file over any of them is refused before anything is written. */
export const BUNDLE_LIMITS = {
  /** Bytes of the file: as for spreadsheet imports (the browser host takes at most 8 MiB per call, as base64). */
  bytes: IMPORT_LIMITS.bytes,
  /** Arrays and objects inside each other (the format itself needs 5: the turns of an interview). */
  depth: 8,
  stages: 500,
  lanes: 200,
  cards: 50_000,
  emotions: 50_000,
  metrics: 50_000,
  personas: 200,
  interviews: 5_000,
  quotes: 100_000,
  quoteLinks: 100_000,
  /** The personas one map shows in its header (as maps.update allows). */
  mapPersonas: 50,
  tagsPerQuote: RESEARCH_LIMITS.tagsPerQuote,
  turnsPerInterview: 100_000,
} as const;

/** The lists of records a bundle holds, in the order the file has them. */
export const BUNDLE_COLLECTIONS = ['stages', 'lanes', 'cards', 'emotions', 'metrics', 'personas', 'interviews', 'quotes', 'quoteLinks'] as const;
export type BundleCollection = (typeof BUNDLE_COLLECTIONS)[number];

const file = {
  /** The file's bytes in base64, as read from the file the person chose. */
  file: z
    .string()
    .max(Math.ceil(BUNDLE_LIMITS.bytes / 3) * 4, `is too large: a map bundle may have at most ${BUNDLE_LIMITS.bytes / 1024 / 1024} MB`)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be the file in base64'),
  /** The file's name, for messages; never a path that is opened. */
  fileName: nonBlank(255),
};

export const bundleSchemas = {
  export: z.object({ mapId: id }).strict(),
  preview: z.object(file).strict(),
  import: z.object(file).strict(),
};

/** An exported bundle: the file to save (a name safe on every system) and its text. */
export interface BundleFile {
  fileName: string;
  mediaType: 'application/json';
  /** The whole file, UTF-8 when saved. */
  text: string;
  /** Its size in bytes (UTF-8). */
  size: number;
}

/** What is wrong with a bundle: where in the document (e.g. `cards[12].text`, '' for the whole file) and why. */
export interface BundleProblem {
  path: string;
  message: string;
}

/** How many records of each kind. */
export type BundleCounts = Record<BundleCollection | 'tags', number>;

export type BundlePreview =
  | {
      ok: true;
      /** The map's title in the file, and the title the copy gets (" (imported)" added when a map has that title). */
      title: string;
      importedTitle: string;
      exportedAt: string | null;
      /** What the import makes: every record is a copy with a new id, except what is reused. */
      create: BundleCounts;
      /**
       * What the workspace has already and the import uses as it is: tags by name, personas by id and content,
       * interviews (their titles) by id, content and persona with every one of their quotes the bundle holds (by id
       * and content), and how many quotes those are.
       */
      reuse: { tags: string[]; personas: string[]; interviews: string[]; quotes: number };
      problems: [];
    }
  | {
      ok: false;
      /** The first problem, as a sentence. */
      message: string;
      /** Every problem found (at most 100). */
      problems: BundleProblem[];
    };

/** What an import changed, and the id of the map it made. */
export type BundleImport = ChangeSet & { mapId: string };

const s = bundleSchemas;

export const bundlesContract = {
  'bundles.export': query<BundleFile>()(
    s.export,
    'A map as a bundle file (.waymark.json): its stages, lanes, cards, emotions, metrics, personas with pictures, linked quotes with their tags, and their interviews',
  ),
  'bundles.preview': query<BundlePreview>()(
    s.preview,
    'Read a map bundle without storing anything: the map it holds, what an import would make and reuse, or every problem that stops it',
  ),
  'bundles.import': mutation<BundleImport>()(
    s.import,
    'Import a map bundle as a new map, a copy with new ids (tags reused by name; identical personas, interviews and their quotes reused), in one transaction; a bundle with any problem is refused whole',
  ),
} as const;
