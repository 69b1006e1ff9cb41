/**
 * Domain records as every layer sees them: plain, serialisable data with string ids.
 * Order within a parent is a fractional `position`; sort ascending.
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
  position: number;
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
  position: number;
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
  position: number;
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

/** Everything needed to show one map. */
export interface MapDocument {
  map: JourneyMap;
  stages: Stage[];
  lanes: Lane[];
  cards: Card[];
  emotions: EmotionPoint[];
  personas: Persona[];
}

/**
 * What a mutation changed: every record it created or updated, and the ids it deleted.
 * A client applies it to its copy of the map to stay in step with the workspace.
 */
export interface ChangeSet {
  maps: JourneyMap[];
  stages: Stage[];
  lanes: Lane[];
  cards: Card[];
  emotions: EmotionPoint[];
  deleted: {
    maps: string[];
    stages: string[];
    lanes: string[];
    cards: string[];
    emotions: string[];
  };
}

export interface WorkspaceInfo {
  path: string;
  schemaVersion: number;
  appSchemaVersion: number;
  mapCount: number;
  backupsDir: string;
  lastBackupAt: string | null;
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
