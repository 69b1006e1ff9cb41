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

/**
 * The lanes that hold cards. The others show something else for each stage: a curve (emotion), numbers (metrics),
 * the stage's owner (owners), the quotes linked to it (evidence); no card is made, moved or imported there.
 */
export const CARD_LANE_KINDS: ReadonlySet<LaneKind> = new Set<LaneKind>(['text', 'touchpoints', 'pains', 'opportunities', 'backstage', 'images']);
export const holdsCards = (kind: string): boolean => CARD_LANE_KINDS.has(kind as LaneKind);

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
  /** The personas the map is told for, in the order its header shows them. */
  personaIds: string[];
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

/** How an interview's body was read: notes typed in Waymark, or an imported file of one of these formats. */
export const INTERVIEW_FORMATS = ['notes', 'text', 'markdown', 'vtt', 'srt'] as const;
export type InterviewFormat = (typeof INTERVIEW_FORMATS)[number];

export interface Interview {
  id: string;
  title: string;
  participant: string;
  personaId: string | null;
  /** The day it was held, YYYY-MM-DD, when known. */
  heldOn: string | null;
  method: InterviewMethod;
  format: InterviewFormat;
  createdAt: string;
  updatedAt: string;
}

/** One turn of an imported transcript: who spoke and when, and which characters of the body it is. */
export interface TranscriptTurn {
  speaker: string | null;
  /** Seconds from the start of the recording, when the file says. */
  start: number | null;
  end: number | null;
  /** The turn's text is `body.slice(from, to)`. */
  from: number;
  to: number;
}

/** An interview with its body: notes, or a transcript with its turns (null for notes). */
export interface InterviewBody {
  interview: Interview;
  body: string;
  turns: TranscriptTurn[] | null;
}

/** Sentiment of a quote, always on this scale (a map shows it on its own emotion scale). */
export const SENTIMENT = { min: -2, max: 2 } as const;

export interface Quote {
  id: string;
  interviewId: string;
  text: string;
  /** Where the quote is in its interview's body (characters), when it was selected there. */
  startOffset: number | null;
  endOffset: number | null;
  sentiment: number | null;
  /** Who said it (the turn's speaker), '' when not known: the interview's participant then. */
  speaker: string;
  /** When in the recording, in seconds, when known. */
  atSeconds: number | null;
  /** The day it was said, YYYY-MM-DD, when known (a survey answer's date, the date column of an import). */
  saidOn: string | null;
  /** Its tags, by name order. */
  tagIds: string[];
  createdAt: string;
  /**
   * Where it stands in the order quotes came into this workspace: a higher `seq` came later. Every list of quotes
   * newest first (the quote board, a stage's evidence, a search's matches past the ranked ones) is by `seq`,
   * highest first, so they agree, also among quotes of one time (the rows of one import). Kept by undo; not
   * carried by a bundle (another workspace gives them its own, in the order they came).
   */
  seq: number;
}

/** A quote placed as evidence on a stage of a map, optionally on one card of it. */
export interface QuoteLink {
  id: string;
  quoteId: string;
  mapId: string;
  stageId: string;
  cardId: string | null;
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
  /** The map's personas, in `map.personaIds` order. */
  personas: Persona[];
  /** The evidence as totals per stage and card (every quote linked to the map counts). */
  evidence: MapEvidence;
  /**
   * The quotes a map shows without asking: each stage's newest (at most `evidence.newest` of them), with
   * their links on this map and the interviews they are from. The rest of a stage's quotes are read when
   * someone looks at them (`quotes.search` by map, stage or card).
   */
  quoteLinks: QuoteLink[];
  quotes: Quote[];
  interviews: Interview[];
  metrics: Metric[];
}

/** What backs one stage: its distinct quotes (linked to the stage or to a card of it) and their sentiments. */
export interface StageEvidenceTotal {
  stageId: string;
  quoteCount: number;
  /** The sum of the sentiments of the quotes that have one, and how many have one (the mean's n). */
  sentimentSum: number;
  sentimentCount: number;
}

/** A map's evidence in totals: what the stage headers, the evidence curve, the flags and the card badges show. */
export interface MapEvidence {
  /** Stages with at least one quote, in no particular order. */
  stages: StageEvidenceTotal[];
  /** Cards with at least one quote: how many distinct quotes each links. */
  cards: { cardId: string; quoteCount: number }[];
  /** How many of each stage's newest quotes the document carries at most. */
  newest: number;
}

/** A map's evidence as `maps.evidence` reads it again after a change: the totals and the newest quotes. */
export type MapEvidenceDocument = Pick<MapDocument, 'evidence' | 'quoteLinks' | 'quotes' | 'interviews'>;

/** A tag with the number of quotes that carry it. */
export interface TagUsage extends Tag {
  quoteCount: number;
}

/** An interview as a list shows it. `snippet` marks the words a search found (see SNIPPET_MARK). */
export interface InterviewSummary {
  interview: Interview;
  quoteCount: number;
  snippet: string | null;
}

/** Search snippets mark what matched between these two characters (private use: never in a person's text). */
export const SNIPPET_MARK = { open: '\uE000', close: '\uE001' } as const;

/** One quote found by the quote board's search, with what a row shows. */
export interface QuoteHit {
  quote: Quote;
  /** The quote's text with the matched words marked, when a search was made. */
  snippet: string | null;
  interviewTitle: string;
  participant: string;
  personaId: string | null;
  links: QuoteLink[];
}

export interface QuoteSearchResult {
  /** How many quotes match in all (the list shows `hits`, a window of them). */
  total: number;
  offset: number;
  /** Best match first (words), or newest first (no words). */
  order: 'rank' | 'newest';
  /**
   * How many of the quotes found are in order of relevance, best first: all of them, or, for words matching
   * more quotes than the workspace ranks at once, the newest that many (the older ones follow, newest first).
   * 0 without words.
   */
  ranked: number;
  hits: QuoteHit[];
  /**
   * Set when words were typed but none can be searched for, so nothing is found: `only-excluded` when every word
   * is one to leave out (`-late`: there is nothing to keep them out of), `no-words` when there is no word or
   * number at all (punctuation, a lone `"`). The board says which, rather than that nothing matches.
   */
  unsearchable?: 'only-excluded' | 'no-words';
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
  quoteLinks: QuoteLink;
  metrics: Metric;
  versions: MapVersion;
}
export type RecordKind = keyof RecordTypes;
export const RECORD_KINDS = ['maps', 'stages', 'lanes', 'cards', 'emotions', 'personas', 'interviews', 'quotes', 'tags', 'quoteLinks', 'metrics', 'versions'] as const satisfies readonly RecordKind[];

/** Kinds that belong to one map (they carry `mapId`); the rest are workspace-wide. */
export const MAP_RECORD_KINDS = ['stages', 'lanes', 'cards', 'emotions', 'quoteLinks', 'metrics', 'versions'] as const satisfies readonly RecordKind[];

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

/**
 * How many tombstones (what deletes removed, kept for undo: `tombstones.restore`) a workspace keeps at least, newest
 * first, for 30 days; the tombstones of one batch are kept or dropped together.
 */
export const TOMBSTONES_KEPT = 1000;

/** A ChangeSet that changes nothing: every kind with no records and no deletions. */
export function emptyChangeSet(): ChangeSet {
  const upserts = Object.fromEntries(RECORD_KINDS.map((k) => [k, []])) as unknown as { [K in RecordKind]: never[] };
  const deleted = Object.fromEntries(RECORD_KINDS.map((k) => [k, []])) as unknown as { [K in RecordKind]: string[] };
  return { ...upserts, deleted, tombstones: [] };
}

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
