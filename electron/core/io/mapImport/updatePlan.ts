/**
 * An update of a map from a workbook Waymark exported from it, planned (maps.previewUpdate), writing nothing:
 * - stages and lanes are found by name in the order the workbook has them; a name that changed at the same
 *   place is a rename, a new name a stage or lane to add; one the workbook no longer shows stays as it is
 *   (an update never deletes a stage or a lane, nor what is on it);
 * - cards are matched through the ids of the Cards sheet, with the Map sheet's lines (reconcile.ts): added,
 *   changed (text, colour, channel, evidence, votes, lane and stage) and removed;
 * - the emotion curves' scores and labels (the team's, and a persona's by name) are set, changed or cleared.
 * A lane keeps its kind. Owners, metrics and evidence are not changed by an update (the Metrics sheet can be
 * imported with Import metrics…). A token sums up the update, so that it is applied only as it was shown.
 */
import { createHash } from 'node:crypto';
import type { CardChange, MapImportProblem, MapUpdatePreview } from '../../../api/mapImports.ts';
import type { Card, EmotionPoint, JourneyMap, Lane, LaneKind, Stage } from '../../../api/types.ts';
import { requireMap } from '../../maps.ts';
import { CARD_COLUMNS, EMOTION_COLUMNS, LANE_COLUMNS, STAGE_COLUMNS, toCard, toEmotion, toLane, toStage, type Ctx, type Row } from '../../records.ts';
import { cleanText } from '../spreadsheets/export/cells.ts';
import { interpret, type Content } from '../spreadsheets/mapGrid/content.ts';
import type { MapSheet } from '../spreadsheets/mapGrid/index.ts';
import { NON_CARD_KINDS, suggestKind } from '../spreadsheets/mapGrid/kinds.ts';
import { matchInOrder, placeCards, type Named, type NamedStage } from '../spreadsheets/mapGrid/match.ts';
import { reconcile, type BaseCard, type FinalCard, type Reconciled } from '../spreadsheets/mapGrid/reconcile.ts';
import { an, gridCells, personasByName, readMapFile, workbookOrigin, type MapFileInput } from './common.ts';
import { leftAlone } from './leftAlone.ts';

/** An emotion point to set (score) or clear (null). */
export interface EmotionChange {
  lane: number;
  stage: number;
  personaId: string | null;
  score: number | null;
  label: string;
  old: EmotionPoint | null;
}

export interface UpdatePlan {
  map: JourneyMap;
  sheet: MapSheet;
  stages: Stage[];
  lanes: Lane[];
  cards: Card[];
  /** The map's stage and lane for each of the grid's (null: added). */
  stageOf: (Stage | null)[];
  laneOf: (Lane | null)[];
  kinds: LaneKind[];
  content: Content;
  together: Reconciled;
  emotions: EmotionChange[];
  preview: MapUpdatePreview;
}

const shown = (v: string | number | null): string => (v === null ? 'none' : String(v));
const signed = (n: number | null): string => (n === null ? 'none' : n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

export function planUpdate(ctx: Ctx, input: MapFileInput & { mapId: string }): UpdatePlan {
  const { db } = ctx;
  const map = requireMap(ctx, input.mapId);
  const sheet = readMapFile(input);
  const { grid } = sheet;
  const problems: MapImportProblem[] = [...grid.problems];
  const warnings: MapImportProblem[] = [...grid.warnings];
  if (sheet.cards === null) {
    problems.push({ cell: null, message: 'This file is not a workbook Waymark exported (it has no Cards sheet with the cards’ ids beside its grid), so it cannot update a map: import it as a new map instead.' });
  } else {
    problems.push(...sheet.cards.problems);
    const origin = workbookOrigin(ctx, sheet.cards, sheet.grid.corner);
    if (origin.map?.id !== map.id) {
      problems.push({ cell: null, message: origin.map ? `The workbook was exported from the map “${origin.map.title}”, not from “${map.title}”: update that map, or import the workbook as a new map.` : `The workbook was not exported from “${map.title}” (none of its cards is on this map): import it as a new map instead.` });
    }
  }
  const all = <T>(sql: string, to: (r: Row) => T): T[] => (db.prepare(sql).all(map.id) as Row[]).map(to);
  const stages = all(`SELECT ${STAGE_COLUMNS} FROM stages WHERE map_id = ? ORDER BY position, id`, toStage);
  const lanes = all(`SELECT ${LANE_COLUMNS} FROM lanes WHERE map_id = ? ORDER BY position, id`, toLane);
  // In each cell in its order (which cell comes first does not matter: the grid's order does).
  const cards = all(`SELECT ${CARD_COLUMNS} FROM cards WHERE map_id = ? ORDER BY position, id`, toCard);
  const points = all(`SELECT ${EMOTION_COLUMNS} FROM emotion_points WHERE map_id = ?`, toEmotion);

  const stageMatch = matchInOrder(
    grid.stages.map((s) => s.name),
    stages.map((s) => s.name),
  );
  const laneMatch = matchInOrder(
    grid.lanes.map((l) => l.title),
    lanes.map((l) => l.title),
  );
  const stageOf = stageMatch.match.map((j) => (j === null ? null : (stages[j] ?? null)));
  const laneOf = laneMatch.match.map((j) => (j === null ? null : (lanes[j] ?? null)));
  const kinds = grid.lanes.map((lane, i) => laneOf[i]?.kind ?? suggestKind(lane));
  const content = interpret(grid, kinds, { scale: { min: map.emotionMin, max: map.emotionMax } });
  problems.push(...content.problems);
  warnings.push(...content.warnings);

  // A lane or stage the update adds is keyed by its place in the grid until it has an id.
  const laneKey = (i: number) => laneOf[i]?.id ?? `+lane ${i}`;
  const stageKey = (j: number) => stageOf[j]?.id ?? `+stage ${j}`;
  // What a Cards row may name: the workbook's lanes and stages (by their names there and on the map), then the map's others.
  const laneNames: Named[] = [
    ...grid.lanes.map((lane, i) => {
      const kind = kinds[i] ?? 'text';
      return { key: laneKey(i), name: lane.title, was: laneOf[i] ? [laneOf[i].title] : [], holdsCards: !NON_CARD_KINDS.has(kind), kind: an(kind) };
    }),
    ...lanes.filter((l) => !laneOf.includes(l)).map((l) => ({ key: l.id, name: l.title, was: [], holdsCards: !NON_CARD_KINDS.has(l.kind), kind: an(l.kind) })),
  ];
  const stageNames: NamedStage[] = [
    ...grid.stages.map((stage, j) => ({ key: stageKey(j), name: stage.name, was: stageOf[j] ? [stageOf[j].name] : [] })),
    ...stages.filter((s) => !stageOf.includes(s)).map((s) => ({ key: s.id, name: s.name, was: [] })),
  ];
  const { cells, lineCells } = gridCells(sheet, content, laneNames, stageNames);
  const byId = new Map(cards.map((c) => [c.id, c]));
  const placed = placeCards(sheet.cards?.rows ?? [], laneNames, stageNames, lineCells, (id) => {
    const card = byId.get(id ?? '');
    return card === undefined ? null : { lane: card.laneId, stage: card.stageId };
  });
  problems.push(...placed.problems);
  // A card's text as the workbook has it (the export leaves out control characters), so that a card nobody edited is unchanged.
  const base: BaseCard[] = cards.map((c) => ({ id: c.id, key: `${c.laneId}\n${c.stageId}`, text: cleanText(c.text).trim(), color: c.color, channel: c.channel, evidence: c.evidence, votes: c.votes }));
  // A file that is no workbook of this map updates no card: every card would look removed.
  const together = sheet.cards === null ? { cells: new Map<string, FinalCard[]>(), removed: [], warnings: [] } : reconcile(base, placed.cards, cells);
  warnings.push(...together.warnings);

  // Names for messages: the workbook's for what it shows, the map's for the rest.
  const laneName = (key: string) => {
    const i = grid.lanes.findIndex((_, k) => laneKey(k) === key);
    return i >= 0 ? (grid.lanes[i]?.title ?? '') : (lanes.find((l) => l.id === key)?.title ?? '');
  };
  const stageName = (key: string) => {
    const j = grid.stages.findIndex((_, k) => stageKey(k) === key);
    return j >= 0 ? (grid.stages[j]?.name ?? '') : (stages.find((s) => s.id === key)?.name ?? '');
  };
  const where = (key: string) => {
    const [lane = '', stage = ''] = key.split('\n');
    return { lane: laneName(lane), stage: stageName(stage) };
  };
  const added: CardChange[] = [];
  const changed: CardChange[] = [];
  for (const list of together.cells.values()) {
    for (const c of list) {
      if (c.base === null) {
        added.push({ id: null, cell: c.source, ...where(c.key), text: c.text, fields: [] });
        continue;
      }
      const b = c.base;
      const fields: CardChange['fields'] = [];
      if (c.text !== b.text) fields.push({ field: 'text', from: b.text, to: c.text });
      if (c.color !== b.color) fields.push({ field: 'color', from: shown(b.color), to: shown(c.color) });
      if (c.channel !== b.channel) fields.push({ field: 'channel', from: shown(b.channel), to: shown(c.channel) });
      if (c.evidence !== b.evidence) fields.push({ field: 'evidence', from: b.evidence, to: c.evidence });
      if (c.votes !== b.votes) fields.push({ field: 'votes', from: String(b.votes), to: String(c.votes) });
      if (c.key !== b.key) {
        const [from, to] = [where(b.key), where(c.key)];
        fields.push({ field: 'place', from: `${from.lane} · ${from.stage}`, to: `${to.lane} · ${to.stage}` });
      }
      if (fields.length > 0) changed.push({ id: b.id, cell: c.source, ...where(c.key), text: c.text, fields });
    }
  }
  const removed: CardChange[] = together.removed.map((r) => ({
    id: r.card.id,
    cell: r.cell,
    ...where(r.card.key),
    text: r.card.text,
    fields: [],
    why: r.why === 'cards' ? 'Its row is not in the Cards sheet.' : `Its line is not in its cell, ${r.cell ?? ''}, of the Map sheet.`,
  }));

  // Emotion curves: the workbook's scores and labels, stage by stage, where it shows the curve.
  const personas = personasByName(ctx);
  const emotions: EmotionChange[] = [];
  const emotionRows: MapUpdatePreview['emotions'] = [];
  content.lanes.forEach((lane, l) => {
    for (const curve of lane.curves) {
      const personaId = curve.persona === null ? null : (personas.get(curve.persona.toLowerCase()) ?? undefined);
      if (personaId === undefined) {
        warnings.push({ cell: curve.cell, message: `No persona called “${curve.persona ?? ''}” is in this workspace: this curve is not changed.` });
        continue;
      }
      grid.stages.forEach((_, s) => {
        const laneId = laneOf[l]?.id;
        const stageId = stageOf[s]?.id;
        const old = points.find((p) => p.laneId === laneId && p.stageId === stageId && p.personaId === personaId) ?? null;
        const score = curve.scores[s]?.value ?? null;
        const label = curve.labels === null ? (old?.label ?? '') : (curve.labels[s]?.value ?? '');
        if (score === null ? old === null : old !== null && old.score === score && old.label === label) return;
        emotions.push({ lane: l, stage: s, personaId, score, label, old });
        const text = (n: number | null, t: string) => `${signed(n)}${n !== null && t !== '' ? ` “${t}”` : ''}`;
        emotionRows.push({
          cell: curve.scores[s]?.cell ?? curve.labels?.[s]?.cell ?? curve.cell,
          lane: grid.lanes[l]?.title ?? '',
          stage: grid.stages[s]?.name ?? '',
          curve: curve.persona ?? 'Team',
          from: old === null ? 'none' : text(old.score, old.label),
          to: text(score, label),
        });
      });
    }
  });

  warnings.push(...leftAlone(ctx, map.id, content, stageOf));
  for (const s of stages) if (!stageOf.includes(s)) warnings.push({ cell: null, message: `The stage “${s.name}” is not in the workbook: it stays on the map as it is.` });
  for (const l of lanes) if (!laneOf.includes(l)) warnings.push({ cell: null, message: `The lane “${l.title}” is not in the workbook: it stays on the map as it is.` });
  const diff = {
    cards: { added, changed, removed },
    stages: {
      added: grid.stages.flatMap((s, j) => (stageOf[j] === null ? [{ column: s.letter, name: s.name }] : [])),
      renamed: grid.stages.flatMap((s, j) => {
        const old = stageOf[j];
        return old && old.name !== s.name ? [{ id: old.id, column: s.letter, from: old.name, to: s.name }] : [];
      }),
    },
    lanes: {
      added: grid.lanes.flatMap((l, i) => (laneOf[i] === null ? [{ row: l.row, title: l.title, kind: kinds[i] ?? 'text' }] : [])),
      renamed: grid.lanes.flatMap((l, i) => {
        const old = laneOf[i];
        return old && old.title !== l.title ? [{ id: old.id, row: l.row, from: old.title, to: l.title }] : [];
      }),
    },
    emotions: emotionRows,
  };
  const changes = added.length + changed.length + removed.length + diff.stages.added.length + diff.stages.renamed.length + diff.lanes.added.length + diff.lanes.renamed.length + emotionRows.length;
  const token = createHash('sha256').update(JSON.stringify({ map: map.id, ...diff })).digest('hex');
  const preview: MapUpdatePreview = { source: sheet.source, mapId: map.id, title: map.title, token, ...diff, changes, problems, warnings };
  return { map, sheet, stages, lanes, cards, stageOf, laneOf, kinds, content, together, emotions, preview };
}
