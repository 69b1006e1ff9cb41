/**
 * The evidence's part of the map's geometry (DESIGN.md, rule 5; called by layout.ts, never by Konva): the
 * evidence lane's quote rows, and in an emotion lane the personas' curves and the evidence curve beside the
 * team's, with the flags of the stages where the evidence disagrees or is missing. Map units throughout.
 * Types only from layout.ts (it calls this module), so there is no cycle at run time.
 */
import type { EmotionPoint, Lane, Persona } from '../../../electron/api/types.ts';
import { cardQuoteCounts, stageEvidence, stageFlags, stageQuotes, type EvidenceFlag, type StageEvidence } from '../store/evidence.ts';
import { emotionByCell, type MapModel } from '../store/mapModel.ts';
import type { CurvePoint, LaneBox, Rect, StageBox } from './layout.ts';

export const EVIDENCE_METRICS = {
  paddingX: 10,
  paddingY: 8,
  /** The line over a cell's quotes: "3 quotes · mean −1" and the flag. */
  summaryHeight: 22,
  rowHeight: 38,
  rowGap: 6,
  moreHeight: 18,
  /** Rows an evidence lane makes room for by itself (a taller lane, resized by the person, shows more). */
  naturalRows: 3,
  minHeight: 76,
  /** Persona curves sit this far left and right of the stage's middle (the team's and the evidence's). */
  personaOffset: 16,
} as const;

/** What the evidence part of the layout needs, besides stages and lanes. */
export interface EvidenceLayoutInput {
  evidence: ReadonlyMap<string, StageEvidence>;
  /** Flag per stage for the curve it is drawn beside (see stageFlags). */
  flags: ReadonlyMap<string, { flag: EvidenceFlag }>;
  /** A stage's newest quotes the map holds, newest first (ids only; at most the map's `evidence.newest`). */
  quoteIds: (stageId: string) => readonly string[];
  /** How many distinct quotes back a stage in all (the rest are read on demand). */
  quoteCount: (stageId: string) => number;
  personas: readonly Pick<Persona, 'id' | 'name' | 'color'>[];
  /** One persona curve's points by cell key. */
  personaPoints: (personaId: string) => ReadonlyMap<string, EmotionPoint>;
}

export interface QuoteRow extends Rect {
  quoteId: string;
}

export interface EvidenceCell {
  laneId: string;
  stageId: string;
  summary: Rect;
  rows: readonly QuoteRow[];
  /** Quotes not shown ("+N more"), and where that line goes. */
  more: number;
  moreY: number;
}

export interface PersonaCurve {
  personaId: string;
  /** Its place among the map's personas: picks its marker shape. */
  index: number;
  points: readonly CurvePoint[];
}

export interface EvidencePoint {
  stageId: string;
  x: number;
  y: number;
  /** The mean sentiment on the map's scale, and the quotes it is the mean of. */
  value: number;
  n: number;
  flag: EvidenceFlag;
  /** Where the team's point is at this stage, when set: a flag draws the gap between the two. */
  teamY: number | null;
}

export interface FlagMark {
  stageId: string;
  flag: Exclude<EvidenceFlag, null>;
  x: number;
  y: number;
}

export interface EmotionCurves {
  team: readonly CurvePoint[];
  personas: readonly PersonaCurve[];
  evidence: readonly EvidencePoint[];
  /** Stages flagged 'no-evidence' (drawn as a marker at the lane's foot) and 'differs' (at the evidence point). */
  flags: readonly FlagMark[];
}

const E = EVIDENCE_METRICS;
const rowsHeight = (rows: number): number => (rows <= 0 ? 0 : rows * E.rowHeight + (rows - 1) * E.rowGap);

/** How tall an evidence lane is: room for the most-quoted stage's rows, up to naturalRows, unless set taller. */
export function evidenceLaneHeight(lane: Pick<Lane, 'height'>, stages: readonly StageBox[], input: EvidenceLayoutInput): number {
  const most = stages.reduce((m, s) => Math.max(m, input.quoteCount(s.id)), 0);
  const rows = Math.min(Math.max(1, most), E.naturalRows);
  const natural = 2 * E.paddingY + E.summaryHeight + rowsHeight(rows) + (most > E.naturalRows ? E.moreHeight : 0);
  return Math.max(E.minHeight, natural, lane.height ?? 0);
}

/** How many rows fit in a cell of this height, leaving room for "+N more" when not all do. */
export function rowsThatFit(height: number, count: number): number {
  const room = height - 2 * E.paddingY - E.summaryHeight;
  const fit = (space: number) => Math.max(0, Math.floor((space + E.rowGap) / (E.rowHeight + E.rowGap)));
  if (fit(room) >= count) return count;
  return Math.min(count, fit(room - E.moreHeight));
}

/** The quote rows of each cell of an evidence lane, newest first, as many as fit. */
export function evidenceCells(box: LaneBox, stages: readonly StageBox[], input: EvidenceLayoutInput, key: (laneId: string, stageId: string) => string): Map<string, EvidenceCell> {
  const cells = new Map<string, EvidenceCell>();
  if (box.collapsed) return cells;
  for (const stage of stages) {
    const ids = input.quoteIds(stage.id);
    const count = Math.max(ids.length, input.quoteCount(stage.id));
    const shown = Math.min(ids.length, rowsThatFit(box.height, count));
    const x = stage.x + E.paddingX;
    const width = stage.width - 2 * E.paddingX;
    const top = box.y + E.paddingY + E.summaryHeight;
    const rows = ids.slice(0, shown).map((quoteId, i) => ({ quoteId, x, y: top + i * (E.rowHeight + E.rowGap), width, height: E.rowHeight }));
    cells.set(key(box.id, stage.id), {
      laneId: box.id,
      stageId: stage.id,
      summary: { x, y: box.y + E.paddingY, width, height: E.summaryHeight - 4 },
      rows,
      more: count - shown,
      moreY: top + rowsHeight(shown) + (shown > 0 ? E.rowGap / 2 : 0),
    });
  }
  return cells;
}

/** Persona i's curve sits right, left, further right… of the stage's middle. */
export function personaOffset(index: number): number {
  const step = Math.floor(index / 2) + 1;
  return (index % 2 === 0 ? 1 : -1) * step * E.personaOffset;
}

/**
 * The curves of one emotion lane: the team's (given), one per persona (a point where the persona has a
 * score), and the evidence curve (a point where a stage's quotes have a sentiment), with the flags.
 */
export function emotionCurves(
  box: LaneBox,
  stages: readonly StageBox[],
  team: readonly CurvePoint[],
  input: EvidenceLayoutInput,
  toY: (score: number) => number,
  key: (laneId: string, stageId: string) => string,
): EmotionCurves {
  const teamAt = new Map(team.map((p) => [p.stageId, p]));
  const personas = input.personas.map((persona, index) => {
    const cells = input.personaPoints(persona.id);
    const points: CurvePoint[] = [];
    for (const stage of stages) {
      const point = cells.get(key(box.id, stage.id));
      if (!point) continue;
      points.push({ stageId: stage.id, pointId: point.id, x: stage.x + stage.width / 2 + personaOffset(index), y: toY(point.score), score: point.score, label: point.label });
    }
    return { personaId: persona.id, index, points };
  });
  const evidence: EvidencePoint[] = [];
  const flags: FlagMark[] = [];
  for (const stage of stages) {
    const e = input.evidence.get(stage.id);
    const flag = input.flags.get(stage.id)?.flag ?? null;
    const x = stage.x + stage.width / 2;
    if (e && e.mapped !== null) {
      const y = toY(e.mapped);
      evidence.push({ stageId: stage.id, x, y, value: e.mapped, n: e.n, flag, teamY: teamAt.get(stage.id)?.y ?? null });
      if (flag === 'differs') flags.push({ stageId: stage.id, flag, x, y });
    } else if (flag === 'no-evidence') {
      flags.push({ stageId: stage.id, flag, x: stage.x + E.paddingX, y: box.y + box.height - E.paddingY - 14 });
    }
  }
  return { team, personas, evidence, flags };
}

/** The map's evidence records, as the layout reads them. */
export type EvidenceModel = Pick<MapModel, 'map' | 'stages' | 'lanes' | 'emotions' | 'evidence' | 'quoteLinks' | 'quotes' | 'interviews' | 'personas'>;

/** Everything the evidence part of the layout reads, from the model (each piece cached per collection). */
export function evidenceInput(model: EvidenceModel): EvidenceLayoutInput & { cardQuotes: ReadonlyMap<string, number> } {
  const ids = new Map<string, readonly string[]>();
  const evidence = stageEvidence(model);
  return {
    evidence,
    flags: stageFlags(model),
    quoteIds: (stageId) => {
      let list = ids.get(stageId);
      if (!list) ids.set(stageId, (list = stageQuotes(model, stageId).map((p) => p.quote.id)));
      return list;
    },
    quoteCount: (stageId) => evidence.get(stageId)?.quoteCount ?? 0,
    personas: model.personas,
    personaPoints: (personaId) => emotionByCell(model.emotions, personaId),
    cardQuotes: cardQuoteCounts(model),
  };
}
