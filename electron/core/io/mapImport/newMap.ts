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
import { placeCards, type Named, type NamedStage } from '../spreadsheets/mapGrid/match.ts';
import { reconcile, type BaseCard, type FinalCard } from '../spreadsheets/mapGrid/reconcile.ts';
import type { MapSheet } from '../spreadsheets/mapGrid/index.ts';
import { an, gridCells, originOf, personasByName, previewCells, readMapFile, refusal } from './common.ts';

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

function plan(ctx: Ctx, input: Input): Plan {
  const sheet = readMapFile(input);
  const { grid } = sheet;
  const origin = originOf(ctx, sheet);
  const problems: MapImportProblem[] = [...grid.problems];
  const warnings: MapImportProblem[] = [...grid.warnings];

  // Kinds: as the person chose; else as the map the workbook came from has a lane of that title; else suggested.
  const stored = origin?.map ? (ctx.db.prepare('SELECT title, kind FROM lanes WHERE map_id = ? ORDER BY position, id').all(origin.map.id) as { title: string; kind: LaneKind }[]) : [];
  const chosen = new Map((input.lanes ?? []).map((l) => [l.row, l.kind]));
  for (const row of chosen.keys()) {
    if (!grid.lanes.some((l) => l.row === row)) problems.push({ cell: null, message: `A kind was chosen for the lane on row ${row}, but no lane starts on that row.` });
  }
  const lanePlans = grid.lanes.map((lane) => {
    const match = stored.find((l) => l.title.toLowerCase() === lane.title.toLowerCase());
    if (match !== undefined) stored.splice(stored.indexOf(match), 1);
    const suggested = match?.kind ?? suggestKind(lane);
    return { lane, suggested, kind: chosen.get(lane.row) ?? suggested };
  });
  const kinds = lanePlans.map((l) => l.kind);
  const content = interpret(grid, kinds, { scale: EMOTION_BOUNDS });
  problems.push(...content.problems);
  warnings.push(...content.warnings);

  // Cards: a grid's lines; a Waymark workbook's Cards rows with its Map lines (the Cards sheet is what it started from).
  const laneNames: Named[] = lanePlans.map((l, i) => ({ key: String(i), name: l.lane.title, was: [], holdsCards: !NON_CARD_KINDS.has(l.kind), kind: an(l.kind) }));
  const stageNames: NamedStage[] = grid.stages.map((stage, s) => ({ key: String(s), name: stage.name, was: [] }));
  const { cells, lineCells } = gridCells(sheet, content, laneNames, stageNames);
  let cards: Map<string, FinalCard[]>;
  if (sheet.cards === null) {
    cards = new Map(cells.map((c) => [c.key, c.lines.map((line): FinalCard => ({ id: null, key: c.key, text: line.text, color: null, channel: null, evidence: 'assumed', votes: line.votes ?? 0, source: line.cell, base: null }))]));
  } else {
    problems.push(...sheet.cards.problems);
    const placed = placeCards(sheet.cards.rows, laneNames, stageNames, lineCells, () => null);
    problems.push(...placed.problems);
    const base: BaseCard[] = placed.cards.flatMap((c) => (c.id === null ? [] : [{ ...c, id: c.id }]));
    // The Cards sheet is what the workbook started from: every id it names is in `base`, so reconcile warns of none.
    cards = reconcile(base, placed.cards, cells).cells;
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
  const lanes: MapImportLane[] = lanePlans.map(({ lane, suggested, kind }, l) => {
    const holds = !NON_CARD_KINDS.has(kind);
    const cardCount = grid.stages.reduce((n, _, s) => n + cardsOf(l, s).length, 0);
    return { row: lane.row, rows: lane.rows.map((r) => r.row), title: lane.title, suggested, kind, cards: holds ? cardCount : 0, values: holds ? 0 : (content.lanes[l]?.count ?? 0) };
  });
  const titles = new Set((ctx.db.prepare('SELECT title FROM maps').pluck().all() as string[]).map((t) => t.toLowerCase()));
  const named = Array.from(input.fileName.replace(/\.[^.]*$/, '')).slice(0, LIMITS.title).join('').trim();
  const preview: MapImportPreview = {
    source: sheet.source,
    // Waymark's workbook names its map in its first cell, whatever words the title has; a grid's first cell names one unless it is a header.
    title: importedTitle(titles, (origin?.title || grid.title) ?? (named || 'Imported map')),
    stages: grid.stages.map((stage, s) => ({ column: stage.letter, name: stage.name, cards: grid.lanes.reduce((n, _, l) => n + cardsOf(l, s).length, 0) })),
    lanes,
    cells: previewCells(sheet, content, cardsOf),
    counts: {
      stages: grid.stages.length,
      lanes: grid.lanes.length,
      cards: lanes.reduce((n, l) => n + l.cards, 0),
      emotions: scores.length,
      metrics: content.lanes.reduce((n, l) => n + (l.kind === 'metrics' ? l.count : 0), 0),
      owners: content.owners.filter((o) => o !== null).length,
    },
    emotionScale,
    problems,
    warnings,
    workbook: origin,
  };
  return { sheet, preview, content, kinds, cards, personaOf: (l, k) => curvePersona[l]?.[k], personaIds };
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

