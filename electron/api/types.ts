/**
 * Domain records as every layer sees them: plain, serialisable data with string ids.
 * Order within a parent is a fractional key `position` (a string); sort by plain string comparison (`<`,
 * never localeCompare), ties by id.
 */

export const LANE_KINDS = [
  'text',
  'touchpoints',
  'emotion',
  'pains',
  'opportunities',
  'evidence',
  'metrics',
  'owners',
  'backstage',
  'images',
] as const;
export type LaneKind = (typeof LANE_KINDS)[number];

export const CHANNELS = ['web', 'app', 'email', 'phone', 'store', 'chat', 'social', 'mail', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const EVIDENCE_STATUSES = ['assumed', 'observed', 'proposed'] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

export const INTERVIEW_METHODS = ['interview', 'survey', 'support chat', 'usability test', 'other'] as const;
export type InterviewMethod = (typeof INTERVIEW_METHODS)[number];

export const TEMPLATE_IDS = ['blank', 'purchase-journey', 'service-blueprint'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export interface JourneyMap {
  id: string;
  title: string;
  description: string;
  emotionMin: number;
  emotionMax: number;
  createdAt: string;
  updatedAt: string;
}

export interface MapSummary extends JourneyMap {
  stageCount: number;
  cardCount: number;
}

export interface Stage {
  id: string;
  mapId: string;
  name: string;
  description: string;
  position: string;
  color: string | null;
  owner: string;
  goal: string;
  /** Column width on the canvas in map units; null means the default width. */
  width: number | null;
}

export interface Lane {
  id: string;
  mapId: string;
  kind: LaneKind;
  title: string;
  position: string;
  /** Minimum row height on the canvas in map units; null means "fit the content". */
  height: number | null;
  collapsed: boolean;
}

export interface Card {
  id: string;
  mapId: string;
  laneId: string;
  stageId: string;
  text: string;
  color: string | null;
  position: string;
  channel: Channel | null;
  votes: number;
  evidence: EvidenceStatus;
}

export interface EmotionPoint {
  id: string;
  mapId: string;
  laneId: string;
  stageId: string;
  personaId: string | null;
  score: number;
  label: string;
}

export interface Persona {
  id: string;
  name: string;
  role: string;
  quote: string;
  goals: string;
  needs: string;
  frustrations: string;
  color: string | null;
}

/** A persona's picture, as stored: its type (from its bytes) and its bytes in base64. */
export interface PersonaImage {
  type: 'image/png' | 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
  data: string;
}

export interface Interview {
  id: string;
  title: string;
  participant: string;
  personaId: string | null;
  /** The day it was held, YYYY-MM-DD, when known. */
  heldOn: string | null;
  method: InterviewMethod;
  createdAt: string;
  updatedAt: string;
}

export interface Quote {
  id: string;
  interviewId: string;
  text: string;
  startOffset: number | null;
  endOffset: number | null;
  sentiment: number | null;
  createdAt: string;
}

export interface Tag {
  id: string;
  name: string;
}

export interface Metric {
  id: string;
  mapId: string;
  stageId: string;
  name: string;
  value: number;
  unit: string;
  source: string;
  measuredAt: string | null;
}

/** A named, frozen copy of a map (the snapshot itself is fetched on its own). */
export interface MapVersion {
  id: string;
  mapId: string;
  name: string;
  createdAt: string;
}

/** Everything needed to show one map. */
export interface MapDocument {
  map: JourneyMap;
  stages: Stage[];
  lanes: Lane[];
  cards: Card[];
  emotions: EmotionPoint[];
  personas: Persona[];
}

/** Every kind of record a ChangeSet can carry: the map's own, and the workspace-level research records. */
export interface RecordTypes {
  maps: JourneyMap;
  stages: Stage;
  lanes: Lane;
  cards: Card;
  emotions: EmotionPoint;
  personas: Persona;
  interviews: Interview;
  quotes: Quote;
  tags: Tag;
  metrics: Metric;
  versions: MapVersion;
}
export type RecordKind = keyof RecordTypes;
export const RECORD_KINDS = ['maps', 'stages', 'lanes', 'cards', 'emotions', 'personas', 'interviews', 'quotes', 'tags', 'metrics', 'versions'] as const satisfies readonly RecordKind[];

/** Kinds that belong to one map (they carry `mapId`); the rest are workspace-wide. */
export const MAP_RECORD_KINDS = ['stages', 'lanes', 'cards', 'emotions', 'metrics', 'versions'] as const satisfies readonly RecordKind[];

/**
 * What a mutation changed: every record it created or updated, and the ids it deleted, of every kind.
 * A client applies what concerns it (a map screen: its map's records; a persona list: personas) and
 * ignores the rest. `tombstones` names what a delete kept for undo (see `tombstones.restore`).
 */
export type ChangeSet = { [K in RecordKind]: RecordTypes[K][] } & {
  deleted: { [K in RecordKind]: string[] };
  tombstones: string[];
  /** The sequence number of the commit (the same as its event's), once committed. */
  seq?: number;
};

/** A committed change, as hosts push it to every client. `seq` increases by one per event of this workspace session. */
export type WorkspaceEvent =
  | { type: 'changes'; seq: number; session: string; clientId: string | null; operation: string; changes: ChangeSet }
  /** Everything may have changed (a backup was restored): reload what is shown. */
  | { type: 'reset'; seq: number; session: string; clientId: string | null; reason: string }
  /** A rolling backup failed; edits are saved all the same, and it is tried again later. */
  | { type: 'backup-problem'; seq: number; session: string; clientId: null; message: string };

export interface WorkspaceInfo {
  /** The workspace file's name (no folder: the renderer is never handed a path it did not choose). */
  name: string;
  schemaVersion: number;
  appSchemaVersion: number;
  mapCount: number;
  lastBackupAt: string | null;
  /** Why the last rolling backup failed (it is tried again later), or null. Edits are never affected. */
  backupProblem: string | null;
}

export interface BackupInfo {
  id: string;
  createdAt: string;
  reason: string;
  sizeBytes: number;
}

export interface TemplateInfo {
  id: TemplateId;
  name: string;
  description: string;
}
