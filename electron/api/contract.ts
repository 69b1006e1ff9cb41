/**
 * The contract: every operation the UI (or a script) can call, declared once.
 * Each entry has the zod schema of its input and, as a phantom type, its result.
 * The IPC bridge, the preload, the HTTP host and the renderer's client are loops over this table.
 */
import { z } from 'zod';
import { color, deletion, EMOTION_BOUNDS, id, LIMITS, nonBlank, ONE_PLACE, onePlace, PICTURE_BASE64_MAX, place, text } from './fields.ts';
import type { MapColumnsDocument } from './mapColumns.ts';
import { mutation, query, type Operation } from './operation.ts';
import { exportsContract } from './exports.ts';
import { bundlesContract } from './bundles.ts';
import { importsContract } from './imports.ts';
import { mapImportsContract } from './mapImports.ts';
import { RESEARCH_BATCHABLE, researchContract } from './research.ts';
import {
  CHANNELS,
  EVIDENCE_STATUSES,
  LANE_KINDS,
  TEMPLATE_IDS,
  type BackupInfo,
  type ChangeSet,
  type MapDocument,
  type MapEvidenceDocument,
  type MapSummary,
  type Persona,
  type PersonaImage,
  type TemplateInfo,
  type WorkspaceInfo,
} from './types.ts';

export { LIMITS, EMOTION_BOUNDS, PICTURE_BASE64_MAX, characterCount } from './fields.ts';

/** What a persona is part of: the maps that name it or hold its emotion curve, and the interviews held with it. */
export interface PersonaUsage {
  maps: { id: string; title: string }[];
  interviews: { id: string; title: string }[];
}

export const schemas = {
  empty: z.object({}).strict(),
  byId: z.object({ id }).strict(),
  personaCreate: z
    .object({
      id: id.optional(),
      name: nonBlank(LIMITS.name),
      role: text(LIMITS.name).optional(),
      quote: text(LIMITS.shortText).optional(),
      goals: text(LIMITS.description).optional(),
      needs: text(LIMITS.description).optional(),
      frustrations: text(LIMITS.description).optional(),
      color: color.optional(),
    })
    .strict(),
  personaUpdate: z
    .object({
      id,
      name: nonBlank(LIMITS.name).optional(),
      role: text(LIMITS.name).optional(),
      quote: text(LIMITS.shortText).optional(),
      goals: text(LIMITS.description).optional(),
      needs: text(LIMITS.description).optional(),
      frustrations: text(LIMITS.description).optional(),
      color: color.optional(),
    })
    .strict(),
  /** A persona's picture as base64 (PNG, JPEG or WebP, already scaled to at most 512 px), or null to remove it. */
  personaImage: z
    .object({
      id,
      image: z
        .string()
        .max(PICTURE_BASE64_MAX, 'is too large for a stored picture (scale it to at most 512 pixels first)')
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be the picture in base64')
        .nullable(),
    })
    .strict(),
  mapCreate: z
    .object({ title: nonBlank(LIMITS.title), template: z.enum(TEMPLATE_IDS).default('blank'), description: text(LIMITS.description).optional() })
    .strict(),
  mapUpdate: z
    .object({
      id,
      title: nonBlank(LIMITS.title).optional(),
      description: text(LIMITS.description).optional(),
      emotionMin: z.number().int().min(EMOTION_BOUNDS.min).max(0).optional(),
      emotionMax: z.number().int().min(0).max(EMOTION_BOUNDS.max).optional(),
      /** The map's personas, in the order its header shows them (links, unlinks and reorders). */
      personaIds: z
        .array(id)
        .max(50, 'may name at most 50 personas')
        .refine((v) => new Set(v).size === v.length, { message: 'names a persona twice' })
        .optional(),
    })
    .strict(),
  stageCreate: z
    .object({
      /** Optional client-chosen id (lets undo re-create a deleted record with the same id). */
      id: id.optional(),
      mapId: id,
      name: nonBlank(LIMITS.name),
      ...place,
      description: text(LIMITS.description).optional(),
      color: color.optional(),
      owner: text(LIMITS.name).optional(),
      goal: text(LIMITS.shortText).optional(),
      width: z.number().min(80).max(2000).nullable().optional(),
    })
    .strict()
    .refine(onePlace, ONE_PLACE),
  stageUpdate: z
    .object({
      id,
      name: nonBlank(LIMITS.name).optional(),
      description: text(LIMITS.description).optional(),
      color: color.optional(),
      owner: text(LIMITS.name).optional(),
      goal: text(LIMITS.shortText).optional(),
      width: z.number().min(80).max(2000).nullable().optional(),
    })
    .strict(),
  move: z.object({ id, ...place }).strict().refine(onePlace, ONE_PLACE),
  laneCreate: z
    .object({
      id: id.optional(),
      mapId: id,
      kind: z.enum(LANE_KINDS),
      title: nonBlank(LIMITS.name),
      ...place,
      height: z.number().min(24).max(4000).nullable().optional(),
      collapsed: z.boolean().optional(),
    })
    .strict()
    .refine(onePlace, ONE_PLACE),
  laneUpdate: z
    .object({
      id,
      kind: z.enum(LANE_KINDS).optional(),
      title: nonBlank(LIMITS.name).optional(),
      height: z.number().min(24).max(4000).nullable().optional(),
      collapsed: z.boolean().optional(),
    })
    .strict(),
  cardCreate: z
    .object({
      id: id.optional(),
      laneId: id,
      stageId: id,
      text: text(LIMITS.cardText),
      ...place,
      color: color.optional(),
      channel: z.enum(CHANNELS).nullable().optional(),
      votes: z.number().int().min(0).max(1_000_000).optional(),
      evidence: z.enum(EVIDENCE_STATUSES).optional(),
    })
    .strict()
    .refine(onePlace, ONE_PLACE),
  cardUpdate: z
    .object({
      id,
      text: text(LIMITS.cardText).optional(),
      color: color.optional(),
      channel: z.enum(CHANNELS).nullable().optional(),
      votes: z.number().int().min(0).max(1_000_000).optional(),
      evidence: z.enum(EVIDENCE_STATUSES).optional(),
    })
    .strict(),
  cardMove: z.object({ id, laneId: id, stageId: id, ...place }).strict().refine(onePlace, ONE_PLACE),
  emotionSet: z
    .object({
      laneId: id,
      stageId: id,
      personaId: id.nullable().optional(),
      /** null removes the point */
      score: z.number().int('must be a whole number').nullable(),
      label: text(LIMITS.shortText).optional(),
    })
    .strict(),
  deletion,
  restore: z.object({ id: z.string().min(1).max(255) }).strict(),
  batch: z
    .object({
      steps: z
        .array(z.object({ name: z.string().max(64), input: z.unknown() }).strict())
        .min(1, 'must hold at least one step')
        .max(5000, 'may hold at most 5000 steps'),
    })
    .strict(),
};

/** Operations a `batch.run` may contain: edits inside one map, each of which returns a ChangeSet. */
export const BATCHABLE = [
  'maps.update',
  'stages.create',
  'stages.update',
  'stages.move',
  'stages.delete',
  'lanes.create',
  'lanes.update',
  'lanes.move',
  'lanes.delete',
  'cards.create',
  'cards.update',
  'cards.move',
  'cards.delete',
  'emotions.set',
  'tombstones.restore',
  ...RESEARCH_BATCHABLE,
] as const;
export type BatchableName = (typeof BATCHABLE)[number];

export const contract = {
  'workspace.info': query<WorkspaceInfo>()(schemas.empty, 'Where the workspace is and what it holds'),
  'workspace.backups': query<BackupInfo[]>()(schemas.empty, 'The rolling backups of this workspace, newest first'),
  'workspace.backup': query<BackupInfo>()(
    schemas.empty,
    'Back up the workspace now (a copy in its backups folder); other calls go on while it is written',
  ),
  'workspace.restore': mutation<{ restored: BackupInfo; safetyBackup: BackupInfo }>()(
    schemas.restore,
    'Replace the workspace with a backup, after backing up the current state',
  ),
  'templates.list': query<TemplateInfo[]>()(schemas.empty, 'Templates a new map can start from'),
  'maps.list': query<MapSummary[]>()(schemas.empty, 'All maps, most recently changed first'),
  'maps.create': mutation<ChangeSet>()(schemas.mapCreate, 'Create a map from a template'),
  'maps.get': query<MapDocument>()(schemas.byId, 'A whole map: stages, lanes, cards, emotion points, personas, metrics, its evidence in totals and each stage\'s newest quotes'),
  'maps.getColumns': query<MapColumnsDocument>()(
    schemas.byId,
    'The map as maps.get gives it, with its cards in columns (the compact wire form for big maps; decodeMapColumns turns it back)',
  ),
  'maps.evidence': query<MapEvidenceDocument>()(schemas.byId, "A map's evidence again, as maps.get has it: totals per stage and card, each stage's newest quotes"),
  'maps.update': mutation<ChangeSet>()(schemas.mapUpdate, 'Rename a map, change its description or emotion scale, or its personas'),
  'maps.delete': mutation<ChangeSet>()(schemas.deletion, 'Delete a map and everything on it'),
  'stages.create': mutation<ChangeSet>()(schemas.stageCreate, 'Add a stage (column)'),
  'stages.update': mutation<ChangeSet>()(schemas.stageUpdate, 'Change a stage'),
  'stages.move': mutation<ChangeSet>()(schemas.move, 'Move a stage to another place in the order'),
  'stages.delete': mutation<ChangeSet>()(schemas.deletion, 'Delete a stage with its cards and emotion points'),
  'lanes.create': mutation<ChangeSet>()(schemas.laneCreate, 'Add a lane (row)'),
  'lanes.update': mutation<ChangeSet>()(schemas.laneUpdate, 'Change a lane'),
  'lanes.move': mutation<ChangeSet>()(schemas.move, 'Move a lane to another place in the order'),
  'lanes.delete': mutation<ChangeSet>()(schemas.deletion, 'Delete a lane with its cards and emotion points'),
  'cards.create': mutation<ChangeSet>()(schemas.cardCreate, 'Add a card to a cell'),
  'cards.update': mutation<ChangeSet>()(schemas.cardUpdate, 'Change a card'),
  'cards.move': mutation<ChangeSet>()(schemas.cardMove, 'Move a card to a cell and a place in it'),
  'cards.delete': mutation<ChangeSet>()(schemas.deletion, 'Delete a card'),
  'emotions.set': mutation<ChangeSet>()(schemas.emotionSet, 'Set or clear the emotion score of a stage'),
  'personas.list': query<Persona[]>()(schemas.empty, 'All personas of the workspace, by name'),
  'personas.create': mutation<ChangeSet>()(schemas.personaCreate, 'Add a persona'),
  'personas.update': mutation<ChangeSet>()(schemas.personaUpdate, 'Change a persona'),
  'personas.delete': mutation<ChangeSet>()(schemas.deletion, 'Delete a persona, with its emotion curves and its places on maps (kept for undo)'),
  'personas.setImage': mutation<ChangeSet>()(schemas.personaImage, "Set or remove a persona's picture (PNG, JPEG or WebP, at most 512 px on its long side)"),
  'personas.image': query<{ image: PersonaImage | null }>()(schemas.byId, "A persona's picture (its type, size and base64 bytes); image is null when it has none"),
  'personas.usage': query<PersonaUsage>()(schemas.byId, 'The maps and interviews a persona is part of (what its delete would touch), by title'),
  'tombstones.restore': mutation<ChangeSet>()(
    schemas.byId,
    'Bring back everything a delete removed (the delete named or returned the tombstone id), exactly as it was',
  ),
  'batch.run': mutation<ChangeSet>()(
    schemas.batch,
    'Run several edits as one transaction (all or nothing), e.g. one gesture or one undo step; returns everything they changed',
  ),
  ...researchContract,
  ...importsContract,
  ...mapImportsContract,
  ...bundlesContract,
  ...exportsContract,
} as const satisfies Record<string, Operation<z.ZodType, unknown>>;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
export type OperationInput<K extends OperationName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends OperationName> = z.output<Contract[K]['input']>;
export type OperationResult<K extends OperationName> = NonNullable<Contract[K]['result']>;

export const OPERATION_NAMES = Object.keys(contract) as OperationName[];

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** The wire form of an answer, the same over IPC and HTTP. */
export type Reply<R> = { ok: true; result: R } | { ok: false; error: import('./errors.ts').ErrorBody };

/** A typed caller of the contract: what the renderer and scripts program against. */
export type Call = <K extends OperationName>(name: K, input: OperationInput<K>) => Promise<OperationResult<K>>;
