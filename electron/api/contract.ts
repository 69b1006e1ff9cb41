/**
 * The contract: every operation the UI (or a script) can call, declared once.
 * Each entry has the zod schema of its input and, as a phantom type, its result.
 * The IPC bridge, the preload, the HTTP host and the renderer's client are loops over this table.
 */
import { z } from 'zod';
import {
  CHANNELS,
  EVIDENCE_STATUSES,
  LANE_KINDS,
  TEMPLATE_IDS,
  type BackupInfo,
  type ChangeSet,
  type MapDocument,
  type MapSummary,
  type Persona,
  type PersonaImage,
  type TemplateInfo,
  type WorkspaceInfo,
} from './types.ts';

/** Length limits for text, in characters. */
export const LIMITS = {
  title: 200,
  name: 120,
  shortText: 500,
  cardText: 4000,
  description: 10_000,
  color: 32,
} as const;

export const EMOTION_BOUNDS = { min: -10, max: 10 } as const;

/** A stored persona picture is at most 512 px on its long side; 4 MB of base64 leaves room for any such file. */
export const PICTURE_BASE64_MAX = 4 * 1024 * 1024;

const id = z.string().min(1, 'is required').max(64, 'is too long').regex(/^[A-Za-z0-9_-]+$/, 'is not a valid id');
/** Characters as people count them (code points): 2,000 emoji are 2,000 characters, not 4,000 UTF-16 units. */
export function characterCount(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 === value.length) n++;
    else {
      const next = value.charCodeAt(i + 1);
      n++;
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return n;
}
const text = (max: number) =>
  z.string().refine((v) => v.length <= max || characterCount(v) <= max, { message: `must be at most ${max} characters` });
const nonBlank = (max: number) => text(max).trim().min(1, 'must not be empty');
const color = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #ffcc00')
  .nullable();
const index = z.number().int('must be a whole number').min(0, 'must not be negative');

/**
 * Where an item goes among its siblings: `after` a sibling (null: first), `before` one (null: last), or at an
 * `index` among them as they are now. Naming a neighbour survives other people's edits; at most one is given,
 * and none means last.
 */
const place = {
  index: index.optional(),
  after: id.nullable().optional(),
  before: id.nullable().optional(),
};
const onePlace = (v: { index?: unknown; after?: unknown; before?: unknown }) =>
  [v.index, v.after, v.before].filter((x) => x !== undefined).length <= 1;
const ONE_PLACE = { message: 'give at most one of index, after and before', path: ['index'] };

/** Optional client-chosen id under which a delete keeps what it removed, for undo (`tombstones.restore`). */
const deletion = z.object({ id, tombstone: id.optional() }).strict();

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
] as const;
export type BatchableName = (typeof BATCHABLE)[number];

interface Operation<I extends z.ZodType, R> {
  readonly input: I;
  /** What the operation does, for humans and for scripts that list operations. */
  readonly summary: string;
  /** Phantom: carries the result type; never read at run time. */
  readonly result?: R;
  /** Whether the operation changes the workspace (hosts may use it, e.g. for backups). */
  readonly mutates: boolean;
}

const query =
  <R>() =>
  <I extends z.ZodType>(input: I, summary: string): Operation<I, R> => ({ input, summary, mutates: false });
const mutation =
  <R>() =>
  <I extends z.ZodType>(input: I, summary: string): Operation<I, R> => ({ input, summary, mutates: true });

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
  'maps.get': query<MapDocument>()(schemas.byId, 'A whole map: stages, lanes, cards and emotion points'),
  'maps.update': mutation<ChangeSet>()(schemas.mapUpdate, 'Rename a map or change its description or emotion scale'),
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
  'tombstones.restore': mutation<ChangeSet>()(
    schemas.byId,
    'Bring back everything a delete removed (the delete named or returned the tombstone id), exactly as it was',
  ),
  'batch.run': mutation<ChangeSet>()(
    schemas.batch,
    'Run several edits as one transaction (all or nothing), e.g. one gesture or one undo step; returns everything they changed',
  ),
} as const;

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
