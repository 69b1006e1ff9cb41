/**
 * maps.previewUpdate and maps.applyUpdate: a map updated from a workbook Waymark exported from it (the plan
 * is updatePlan.ts). The update is applied in one transaction, and only when it is the one the preview showed
 * (its token): had the map changed meanwhile so that the update would now be another, it is refused
 * (Conflict) and nothing is written. Removed cards are kept under one tombstone, and the result holds the
 * steps that undo the whole update with `batch.run` (moves and edits back, added cards, stages and lanes
 * deleted under tombstones of their own, old names, old scores, and the removed cards restored).
 */
import { conflict } from '../../../api/errors.ts';
import type { ParsedInput } from '../../../api/contract.ts';
import type { MapUpdate, MapUpdatePreview, UndoStep } from '../../../api/mapImports.ts';
import type { Card } from '../../../api/types.ts';
import { carryLinks } from '../../cards.ts';
import { emptyChanges, mergeChanges } from '../../changes.ts';
import { newId } from '../../ids.ts';
import { touchMap } from '../../maps.ts';
import { keyBetween } from '../../positions.ts';
import { CARD_COLUMNS, EMOTION_COLUMNS, LANE_COLUMNS, STAGE_COLUMNS, toCard, toEmotion, toLane, toStage, type Ctx, type Row } from '../../records.ts';
import { deleteWithTombstone } from '../../tombstones.ts';
import { refusal } from './common.ts';
import { planUpdate, type UpdatePlan } from './updatePlan.ts';

/** A batch holds at most this many steps: an update that needs more to be undone is not undone in one. */
const BATCH_STEPS = 5000;

/** How many steps undoing the update takes (as write() makes them): a batch can hold BATCH_STEPS. */
export function undoCount(p: UpdatePlan): number {
  const { cards, stages, lanes } = p.preview;
  const edits = cards.changed.filter((c) => c.fields.some((f) => f.field !== 'place')).length;
  const moves = cards.changed.filter((c) => c.fields.some((f) => f.field === 'place')).length;
  // Scores on a stage or lane the update adds go when undo deletes it.
  const scores = p.emotions.filter((e) => p.laneOf[e.lane] !== null && p.stageOf[e.stage] !== null).length;
  const restore = cards.removed.length > 0 ? 1 : 0;
  return edits + moves + cards.added.length + scores + stages.added.length + stages.renamed.length + lanes.added.length + lanes.renamed.length + restore;
}

export function previewMapUpdate(ctx: Ctx, input: ParsedInput<'maps.previewUpdate'>): MapUpdatePreview {
  const p = planUpdate(ctx, input);
  if (undoCount(p) > BATCH_STEPS) {
    p.preview.warnings.push({ cell: null, message: 'This update changes so much that it cannot be undone in one step: once it is applied, the workspace’s backups are the way back.' });
  }
  return p.preview;
}

/** A key placed after the key `after` among `keys` (which it joins): above it, below the next key above it. */
function keyAfter(keys: string[], after: string | null): string {
  let next: string | null = null;
  for (const k of keys) if ((after === null || k > after) && (next === null || k < next)) next = k;
  const key = keyBetween(after, next);
  keys.push(key);
  return key;
}

function write(ctx: Ctx, p: UpdatePlan): MapUpdate {
  const { db } = ctx;
  const { grid } = p.sheet;
  const mapId = p.map.id;
  const changes = emptyChanges();
  const undo: UndoStep[] = [];
  const later: UndoStep[] = [];

  // Removed cards first, under one tombstone: undo brings them back with their quote links.
  const removedIds = p.together.removed.map((r) => r.card.id);
  let tombstone: string | null = null;
  if (removedIds.length > 0) {
    const gone = deleteWithTombstone(ctx, 'cards', removedIds, 'Update from a spreadsheet', mapId);
    tombstone = gone.tombstones[0] ?? null;
    mergeChanges(changes, gone);
  }

  // Stages and lanes: renamed in place, added after the one before them in the workbook.
  // The id of each stage and lane the update adds (keyed "+stage 3", "+lane 1" by their places in the grid until now).
  const idOf = new Map<string, string>();
  const stageKeys = p.stages.map((s) => s.position);
  const stageIds: string[] = [];
  let prev: string | null = null;
  grid.stages.forEach((stage, j) => {
    const old = p.stageOf[j];
    if (old) {
      if (old.name !== stage.name) {
        db.prepare('UPDATE stages SET name = ? WHERE id = ?').run(stage.name, old.id);
        later.push({ name: 'stages.update', input: { id: old.id, name: old.name } });
      }
      stageIds.push(old.id);
      prev = old.position;
      return;
    }
    const id = newId();
    prev = keyAfter(stageKeys, prev);
    db.prepare("INSERT INTO stages (id, map_id, name, description, position, color, owner, goal, width) VALUES (?, ?, ?, '', ?, NULL, '', '', NULL)").run(id, mapId, stage.name, prev);
    later.push({ name: 'stages.delete', input: { id, tombstone: newId() } });
    idOf.set(`+stage ${j}`, id);
    stageIds.push(id);
  });
  const laneKeys = p.lanes.map((l) => l.position);
  const laneIds: string[] = [];
  prev = null;
  grid.lanes.forEach((lane, i) => {
    const old = p.laneOf[i];
    if (old) {
      if (old.title !== lane.title) {
        db.prepare('UPDATE lanes SET title = ? WHERE id = ?').run(lane.title, old.id);
        later.push({ name: 'lanes.update', input: { id: old.id, title: old.title } });
      }
      laneIds.push(old.id);
      prev = old.position;
      return;
    }
    const id = newId();
    prev = keyAfter(laneKeys, prev);
    db.prepare('INSERT INTO lanes (id, map_id, kind, title, position, height, collapsed) VALUES (?, ?, ?, ?, ?, NULL, 0)').run(id, mapId, p.kinds[i], lane.title, prev);
    later.push({ name: 'lanes.delete', input: { id, tombstone: newId() } });
    idOf.set(`+lane ${i}`, id);
    laneIds.push(id);
  });
  const real = (key: string): [string, string] => {
    const cut = key.indexOf('\n');
    const [lane, stage] = [key.slice(0, cut), key.slice(cut + 1)];
    return [idOf.get(lane) ?? lane, idOf.get(stage) ?? stage];
  };

  // Cards: each cell in the order of its lines; a card new to a cell goes after the one before it there. The keys
  // of every card of the map are the siblings (a superset of the cell's): a new key sorts between its neighbours.
  const stored = new Map(p.cards.map((c) => [c.id, c]));
  const removed = new Set(removedIds);
  const keys = p.cards.map((c) => c.position);
  const update = db.prepare('UPDATE cards SET lane_id = ?, stage_id = ?, position = ?, text = ?, color = ?, channel = ?, votes = ?, evidence = ? WHERE id = ?');
  const insert = db.prepare('INSERT INTO cards (id, map_id, lane_id, stage_id, text, color, position, channel, votes, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const touched: string[] = [];
  const moves: Card[] = [];
  for (const [key, list] of p.together.cells) {
    const [laneId, stageId] = real(key);
    let after: string | null = null;
    for (const c of list) {
      if (c.base === null) {
        const id = newId();
        after = keyAfter(keys, after);
        insert.run(id, mapId, laneId, stageId, c.text, c.color, after, c.channel, c.votes, c.evidence);
        touched.push(id);
        later.unshift({ name: 'cards.delete', input: { id, tombstone: newId() } });
        continue;
      }
      const b = c.base;
      const old = stored.get(b.id) as Card;
      const edited = c.text !== b.text || c.color !== b.color || c.channel !== b.channel || c.votes !== b.votes || c.evidence !== b.evidence;
      const moved = c.key !== b.key;
      const position: string = moved ? keyAfter(keys, after) : old.position;
      after = position;
      if (!edited && !moved) continue;
      // A text the workbook shows as it was stays as stored (the export leaves out control characters).
      update.run(laneId, stageId, position, c.text === b.text ? old.text : c.text, c.color, c.channel, c.votes, c.evidence, old.id);
      // Its quotes go with it to another stage, as a move's do.
      if (moved) carryLinks(ctx, old.id, stageId, changes);
      touched.push(old.id);
      if (moved) moves.push(old);
      if (edited) undo.push({ name: 'cards.update', input: { id: old.id, text: old.text, color: old.color, channel: old.channel, votes: old.votes, evidence: old.evidence } });
    }
  }
  // Moved cards go back after the card before them in their old cell (which is there again by then).
  const moveBack: UndoStep[] = moves
    .sort((a, b) => p.cards.indexOf(a) - p.cards.indexOf(b))
    .map((card) => {
      const cell = p.cards.filter((c) => c.laneId === card.laneId && c.stageId === card.stageId);
      const before = cell.slice(0, cell.indexOf(card)).filter((c) => !removed.has(c.id));
      return { name: 'cards.move', input: { id: card.id, laneId: card.laneId, stageId: card.stageId, after: before.at(-1)?.id ?? null } };
    });

  // Emotion points: set, changed or cleared.
  const find = db.prepare("SELECT id FROM emotion_points WHERE lane_id = ? AND stage_id = ? AND ifnull(persona_id, '') = ?");
  for (const e of p.emotions) {
    const laneId = laneIds[e.lane] ?? '';
    const stageId = stageIds[e.stage] ?? '';
    const existing = find.pluck().get(laneId, stageId, e.personaId ?? '') as string | undefined;
    if (e.score === null) {
      if (existing !== undefined) {
        db.prepare('DELETE FROM emotion_points WHERE id = ?').run(existing);
        changes.deleted.emotions.push(existing);
      }
    } else if (existing !== undefined) {
      db.prepare('UPDATE emotion_points SET score = ?, label = ? WHERE id = ?').run(e.score, e.label, existing);
      changes.emotions.push(toEmotion(db.prepare(`SELECT ${EMOTION_COLUMNS} FROM emotion_points WHERE id = ?`).get(existing) as Row));
    } else {
      const id = newId();
      db.prepare('INSERT INTO emotion_points (id, map_id, lane_id, stage_id, persona_id, score, label) VALUES (?, ?, ?, ?, ?, ?, ?)').run(id, mapId, laneId, stageId, e.personaId, e.score, e.label);
      changes.emotions.push(toEmotion(db.prepare(`SELECT ${EMOTION_COLUMNS} FROM emotion_points WHERE id = ?`).get(id) as Row));
    }
    // Points on an added stage or lane go with it when undo deletes it.
    if (p.laneOf[e.lane] !== null && p.stageOf[e.stage] !== null) {
      undo.push({ name: 'emotions.set', input: { laneId, stageId, personaId: e.personaId, score: e.old?.score ?? null, ...(e.old ? { label: e.old.label } : {}) } });
    }
  }

  const byIds = <T>(table: string, columns: string, ids: string[], to: (r: Row) => T): T[] =>
    (db.prepare(`SELECT ${columns} FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Row[]).map(to);
  // The stages and lanes the update renamed or added are those its later undo steps name (ids are unique across tables).
  const laterIds = later.map((s) => (s.input as { id: string }).id);
  changes.stages = byIds('stages', STAGE_COLUMNS, laterIds, toStage);
  changes.lanes = byIds('lanes', LANE_COLUMNS, laterIds, toLane);
  changes.cards = byIds('cards', CARD_COLUMNS, touched, toCard);
  changes.maps = [touchMap(ctx, mapId)];
  const steps = [...moveBack, ...undo, ...later.filter((s) => s.name === 'cards.delete'), ...later.filter((s) => s.name !== 'cards.delete'), ...(tombstone === null ? [] : [{ name: 'tombstones.restore' as const, input: { id: tombstone } }])];
  return { ...changes, mapId, undo: steps.length > BATCH_STEPS ? [] : steps };
}

export function applyMapUpdate(ctx: Ctx, input: ParsedInput<'maps.applyUpdate'>): MapUpdate {
  return ctx.db.transaction(() => {
    const p = planUpdate(ctx, input);
    if (p.preview.problems.length > 0) refusal(p.preview.problems, 'The map was not changed.');
    if (p.preview.token !== input.token) {
      throw conflict(`“${p.map.title}” has changed since the preview, so this update is no longer the one you saw. Nothing was changed: preview the update again.`);
    }
    if (p.preview.changes === 0) return { ...emptyChanges(), mapId: p.map.id, undo: [] };
    return write(ctx, p);
  })();
}
