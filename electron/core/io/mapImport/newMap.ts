/**
 * A new map from a spreadsheet grid (maps.previewImport, maps.import). The preview reads the file and plans
 * the map, writing nothing: its stages and lanes, each lane's suggested kind (or the one the person chose),
 * the cells as they would be imported, and every problem. The import plans the same way and, when no problem
 * is left, writes the whole map in one transaction.
 *
 * A workbook Waymark exported comes back as the map it shows: its cards from the Cards sheet (text with its
 * line breaks, colour, channel, evidence, votes) put together with the Map sheet's lines (reconcile.ts: a card
 * edited, added or taken out in the grid counts too), its lanes' kinds as the map it came from has them when
 * that map is here, emotion curves (a persona's by name, when this workspace has that persona), metrics as
 * the grid shows them (each stage's latest value) and the stages' owners.
 */
import type { ParsedInput } from '../../../api/contract.ts';
import { EMOTION_BOUNDS, LIMITS } from '../../../api/fields.ts';
import { MAP_IMPORT_LIMITS, type MapImport, type MapImportLane, type MapImportPreview, type MapImportProblem } from '../../../api/mapImports.ts';
import type { LaneKind } from '../../../api/types.ts';
import { emptyChanges } from '../../changes.ts';
import { newId } from '../../ids.ts';
import { requireMap } from '../../maps.ts';
import { firstKeys } from '../../positions.ts';
import { CARD_COLUMNS, EMOTION_COLUMNS, LANE_COLUMNS, METRIC_COLUMNS, STAGE_COLUMNS, toCard, toEmotion, toLane, toMetric, toStage, type Ctx, type Row } from '../../records.ts';
import { importedTitle } from '../bundles/import.ts';
import { interpret, type Content } from '../spreadsheets/mapGrid/content.ts';
import { NON_CARD_KINDS, suggestKind } from '../spreadsheets/mapGrid/kinds.ts';
import { placeCards, type Named } from '../spreadsheets/mapGrid/match.ts';
import { reconcile, type BaseCard, type FinalCard, type MapCell } from '../spreadsheets/mapGrid/reconcile.ts';
import type { MapSheet } from '../spreadsheets/mapGrid/index.ts';
import { originOf, personasByName, previewCells, readMapFile, refusal } from './common.ts';

type Input = ParsedInput<'maps.previewImport'> | ParsedInput<'maps.import'>;

interface Plan {
  sheet: MapSheet;
  preview: MapImportPreview;
  content: Content;
  kinds: LaneKind[];
  /** The cards of each cell, by `lane:stage`. */
  cards: Map<string, FinalCard[]>;
  /** Each curve's persona, by lane and curve (null: the team's; undefined: not imported). */
  personaOf: (lane: number, curve: number) => string | null | undefined;
  personaIds: string[];
}

const cellKey = (lane: number, stage: number): string => `${lane}\n${stage}`;
const an = (kind: string): string => `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;

function plan(ctx: Ctx, input: Input): Plan {
  const sheet = readMapFile(input);
  const { grid } = sheet;
  const origin = originOf(ctx, sheet);
  const problems: MapImportProblem[] = [...grid.problems];
  const warnings: MapImportProblem[] = [...grid.warnings];

  // Kinds: as the person chose; else as the map the workbook came from has a lane of that title; else suggested.
  const stored = origin?.map ? (ctx.db.prepare('SELECT title, kind FROM lanes WHERE map_id = ? ORDER BY position, id').all(origin.map.id) as { title: string; kind: LaneKind }[]) : [];
  const taken = new Set<number>();
  const suggested = grid.lanes.map((lane) => {
    const at = stored.findIndex((l, i) => !taken.has(i) && l.title.toLowerCase() === lane.title.toLowerCase());
    if (at >= 0) taken.add(at);
    return stored[at]?.kind ?? suggestKind(lane);
  });
  const chosen = new Map((input.lanes ?? []).map((l) => [l.row, l.kind]));
  for (const row of chosen.keys()) {
    if (!grid.lanes.some((l) => l.row === row)) problems.push({ cell: null, message: `A kind was chosen for the lane on row ${row}, but no lane starts on that row.` });
  }
  const kinds = grid.lanes.map((lane, i) => chosen.get(lane.row) ?? suggested[i] ?? 'text');
  const content = interpret(grid, kinds, { scale: EMOTION_BOUNDS });
  problems.push(...content.problems);
  warnings.push(...content.warnings);

  // Cards: a grid's lines; a Waymark workbook's Cards rows with its Map lines (the Cards sheet is what it started from).
  const cells: MapCell[] = content.lanes.flatMap((lane, l) =>
    lane.cells.map((c) => ({ key: cellKey(l, c.stage), cell: `${grid.stages[c.stage]?.letter ?? ''}${grid.lanes[l]?.row ?? 0}`, lines: c.lines, truncated: c.truncated })),
  );
  let cards: Map<string, FinalCard[]>;
  if (sheet.cards === null) {
    cards = new Map(cells.map((c) => [c.key, c.lines.map((line): FinalCard => ({ id: null, key: c.key, text: line.text, color: null, channel: null, evidence: 'assumed', votes: line.votes ?? 0, source: line.cell, base: null }))]));
  } else {
    problems.push(...sheet.cards.problems);
    const lanes: Named[] = grid.lanes.map((lane, l) => ({ key: String(l), names: [lane.title], holdsCards: !NON_CARD_KINDS.has(kinds[l] ?? 'text'), kind: an(kinds[l] ?? 'text') }));
    const stages: Named[] = grid.stages.map((stage, s) => ({ key: String(s), names: [stage.name], holdsCards: true, kind: 'a stage' }));
    const lineCells = new Map<string, string[]>();
    for (const c of cells) for (const line of c.lines) lineCells.set(line.text, [...(lineCells.get(line.text) ?? []), c.key]);
    const placed = placeCards(sheet.cards.rows, lanes, stages, lineCells, () => null);
    problems.push(...placed.problems);
    const base: BaseCard[] = placed.cards.flatMap((c) => (c.id === null ? [] : [{ ...c, id: c.id }]));
    const together = reconcile(base, placed.cards, cells);
    warnings.push(...together.warnings);
    cards = together.cells;
  }

  // Persona curves: by name, when this workspace has the persona.
  const personas = personasByName(ctx);
  const personaIds: string[] = [];
  const curvePersona = content.lanes.map((lane) =>
    lane.curves.map((curve): string | null | undefined => {
      if (curve.persona === null) return null;
      const id = personas.get(curve.persona.toLowerCase());
      if (id === undefined) {
        warnings.push({ cell: curve.cell, message: `No persona called “${curve.persona}” is in this workspace: this curve is not imported (make the persona first, then import again).` });
        return undefined;
      }
      if (!personaIds.includes(id)) personaIds.push(id);
      return id;
    }),
  );
  const scores = content.lanes.flatMap((lane, l) => lane.curves.flatMap((c, k) => (curvePersona[l]?.[k] === undefined ? [] : c.scores.flatMap((s) => (s === null ? [] : [s.value])))));
  const emotionScale = { min: Math.min(-2, ...scores), max: Math.max(2, ...scores) };

  const cardsOf = (lane: number, stage: number) => cards.get(cellKey(lane, stage)) ?? [];
  const laneCards = (l: number) => grid.stages.reduce((n, _, s) => n + cardsOf(l, s).length, 0);
  const lanes: MapImportLane[] = grid.lanes.map((lane, l) => {
    const kind = kinds[l] ?? 'text';
    const holds = !NON_CARD_KINDS.has(kind);
    return { row: lane.row, rows: lane.rows.map((r) => r.row), title: lane.title, suggested: suggested[l] ?? 'text', kind, cards: holds ? laneCards(l) : 0, values: holds ? 0 : (content.lanes[l]?.count ?? 0) };
  });
  const totalCards = lanes.reduce((n, l) => n + l.cards, 0);
  const titles = new Set((ctx.db.prepare('SELECT title FROM maps').pluck().all() as string[]).map((t) => t.toLowerCase()));
  const named = Array.from(input.fileName.replace(/\.[^.]*$/, '')).slice(0, LIMITS.title).join('').trim();
  const base = grid.title ?? (named || 'Imported map');
  const preview: MapImportPreview = {
    source: sheet.source,
    title: importedTitle(titles, base),
    stages: grid.stages.map((stage, s) => ({ column: stage.letter, name: stage.name, cards: grid.lanes.reduce((n, _, l) => n + cardsOf(l, s).length, 0) })),
    lanes,
    cells: previewCells(sheet, content, cardsOf),
    counts: {
      stages: grid.stages.length,
      lanes: grid.lanes.length,
      cards: totalCards,
      emotions: scores.length,
      metrics: content.lanes.reduce((n, l) => n + (l.kind === 'metrics' ? l.count : 0), 0),
      owners: content.owners.filter((o) => o !== null).length,
    },
    emotionScale,
    problems: dedupe(problems),
    warnings: dedupe(warnings),
    workbook: origin,
  };
  return { sheet, preview, content, kinds, cards, personaOf: (l, k) => curvePersona[l]?.[k], personaIds };
}

/** Each problem once (a cell can be named by two checks in the same words). */
function dedupe(list: MapImportProblem[]): MapImportProblem[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const key = `${p.cell ?? ''}\n${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function previewMapImport(ctx: Ctx, input: ParsedInput<'maps.previewImport'>): MapImportPreview {
  const { preview } = plan(ctx, input);
  return { ...preview, problems: preview.problems.slice(0, MAP_IMPORT_LIMITS.previewProblems), warnings: preview.warnings.slice(0, MAP_IMPORT_LIMITS.previewProblems) };
}

export function importMap(ctx: Ctx, input: ParsedInput<'maps.import'>): MapImport {
  const { db } = ctx;
  return db.transaction(() => {
    const p = plan(ctx, input);
    if (p.preview.problems.length > 0) refusal(p.preview.problems, 'Nothing was imported.');
    const { grid } = p.sheet;
    const now = ctx.now().toISOString();
    const mapId = newId();
    db.prepare('INSERT INTO maps (id, title, description, emotion_min, emotion_max, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      mapId,
      input.title,
      '',
      p.preview.emotionScale.min,
      p.preview.emotionScale.max,
      now,
      now,
    );
    const personaKeys = firstKeys(p.personaIds.length);
    const insertMapPersona = db.prepare('INSERT INTO map_personas (map_id, persona_id, position) VALUES (?, ?, ?)');
    p.personaIds.forEach((id, i) => insertMapPersona.run(mapId, id, personaKeys[i]));
    const stageIds = grid.stages.map(() => newId());
    const insertStage = db.prepare("INSERT INTO stages (id, map_id, name, description, position, color, owner, goal, width) VALUES (?, ?, ?, '', ?, NULL, ?, '', NULL)");
    const stageKeys = firstKeys(grid.stages.length);
    grid.stages.forEach((s, i) => insertStage.run(stageIds[i], mapId, s.name, stageKeys[i], p.content.owners[i]?.value ?? ''));
    const laneIds = grid.lanes.map(() => newId());
    const insertLane = db.prepare('INSERT INTO lanes (id, map_id, kind, title, position, height, collapsed) VALUES (?, ?, ?, ?, ?, NULL, 0)');
    const laneKeys = firstKeys(grid.lanes.length);
    grid.lanes.forEach((l, i) => insertLane.run(laneIds[i], mapId, p.kinds[i], l.title, laneKeys[i]));
    const insertCard = db.prepare('INSERT INTO cards (id, map_id, lane_id, stage_id, text, color, position, channel, votes, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    for (const [key, list] of p.cards) {
      const [lane, stage] = key.split('\n').map(Number);
      const keys = firstKeys(list.length);
      list.forEach((c, i) => insertCard.run(newId(), mapId, laneIds[lane ?? 0], stageIds[stage ?? 0], c.text, c.color, keys[i], c.channel, c.votes, c.evidence));
    }
    const insertEmotion = db.prepare('INSERT INTO emotion_points (id, map_id, lane_id, stage_id, persona_id, score, label) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const insertMetric = db.prepare("INSERT INTO metrics (id, map_id, stage_id, name, value, unit, source, measured_at) VALUES (?, ?, ?, ?, ?, ?, '', NULL)");
    p.content.lanes.forEach((lane, l) => {
      lane.curves.forEach((curve, k) => {
        const persona = p.personaOf(l, k);
        if (persona === undefined) return;
        curve.scores.forEach((score, s) => {
          if (score !== null) insertEmotion.run(newId(), mapId, laneIds[l], stageIds[s], persona, score.value, curve.labels?.[s]?.value ?? '');
        });
      });
      for (const metric of lane.metrics) metric.values.forEach((v, s) => v !== null && insertMetric.run(newId(), mapId, stageIds[s], metric.name, v.value, metric.unit));
    });

    const changes = emptyChanges();
    const onMap = <T>(table: string, columns: string, to: (row: Row) => T): T[] => (db.prepare(`SELECT ${columns} FROM ${table} WHERE map_id = ?`).all(mapId) as Row[]).map(to);
    changes.maps.push(requireMap(ctx, mapId));
    changes.stages = onMap('stages', STAGE_COLUMNS, toStage);
    changes.lanes = onMap('lanes', LANE_COLUMNS, toLane);
    changes.cards = onMap('cards', CARD_COLUMNS, toCard);
    changes.emotions = onMap('emotion_points', EMOTION_COLUMNS, toEmotion);
    changes.metrics = onMap('metrics', METRIC_COLUMNS, toMetric);
    return { ...changes, mapId };
  })();
}

