import { conflict, notFound } from '../api/errors.ts';
import type { ParsedInput } from '../api/contract.ts';
import type { ChangeSet, Stage } from '../api/types.ts';
import { emptyChanges } from './changes.ts';
import { newId } from './ids.ts';
import { requireMap, touchMap } from './maps.ts';
import { placeOf, positionInParent } from './ordering.ts';
import { STAGE_COLUMNS, getRow, toStage, type Ctx } from './records.ts';
import { deleteWithTombstone } from './tombstones.ts';

export function requireStage(ctx: Ctx, id: string): Stage {
  const stage = getRow(ctx.db, 'stages', STAGE_COLUMNS, id, toStage);
  if (!stage) throw notFound(`No stage with id "${id}" exists; it may have been deleted.`);
  return stage;
}

export function createStage(ctx: Ctx, input: ParsedInput<'stages.create'>): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    requireMap(ctx, input.mapId);
    const id = input.id ?? newId();
    if (ctx.db.prepare('SELECT 1 FROM stages WHERE id = ?').get(id)) {
      throw conflict(`A stage with id "${id}" already exists.`);
    }
    const position = positionInParent(db, 'stages', 'map_id = ?', [input.mapId], placeOf(input));
    db.prepare('INSERT INTO stages (id, map_id, name, description, position, color, owner, goal, width) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      id,
      input.mapId,
      input.name,
      input.description ?? '',
      position,
      input.color ?? null,
      input.owner ?? '',
      input.goal ?? '',
      input.width ?? null,
    );
    const changes = emptyChanges();
    changes.stages.push(requireStage(ctx, id));
    changes.maps.push(touchMap(ctx, input.mapId));
    return changes;
  })();
}

export function updateStage(ctx: Ctx, input: ParsedInput<'stages.update'>): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    const s = requireStage(ctx, input.id);
    db.prepare('UPDATE stages SET name = ?, description = ?, color = ?, owner = ?, goal = ?, width = ? WHERE id = ?').run(
      input.name ?? s.name,
      input.description ?? s.description,
      input.color === undefined ? s.color : input.color,
      input.owner ?? s.owner,
      input.goal ?? s.goal,
      input.width === undefined ? s.width : input.width,
      s.id,
    );
    const changes = emptyChanges();
    changes.stages.push(requireStage(ctx, s.id));
    changes.maps.push(touchMap(ctx, s.mapId));
    return changes;
  })();
}

export function moveStage(ctx: Ctx, input: ParsedInput<'stages.move'>): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    const s = requireStage(ctx, input.id);
    const position = positionInParent(db, 'stages', 'map_id = ?', [s.mapId], placeOf(input), s.id);
    db.prepare('UPDATE stages SET position = ? WHERE id = ?').run(position, s.id);
    const changes = emptyChanges();
    changes.stages.push(requireStage(ctx, s.id));
    changes.maps.push(touchMap(ctx, s.mapId));
    return changes;
  })();
}

/** Delete a stage with everything in it; what went is kept as a tombstone, so undo brings all of it back. */
export function deleteStage(ctx: Ctx, input: ParsedInput<'stages.delete'>): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    const s = requireStage(ctx, input.id);
    const changes = deleteWithTombstone(ctx, 'stages', [s.id], `Delete stage "${s.name}"`, s.mapId, input.tombstone);
    changes.maps.push(touchMap(ctx, s.mapId));
    return changes;
  })();
}
