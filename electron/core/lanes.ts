import { conflict, notFound } from '../api/errors.ts';
import type { ParsedInput } from '../api/contract.ts';
import { holdsCards, type ChangeSet, type Lane, type LaneKind } from '../api/types.ts';
import { emptyChanges } from './changes.ts';
import { newId } from './ids.ts';
import { requireMap, touchMap } from './maps.ts';
import { placeOf, positionInParent } from './ordering.ts';
import { LANE_COLUMNS, getRow, toLane, type Ctx } from './records.ts';
import { deleteWithTombstone } from './tombstones.ts';

export function requireLane(ctx: Ctx, id: string): Lane {
  const lane = getRow(ctx.db, 'lanes', LANE_COLUMNS, id, toLane);
  if (!lane) throw notFound(`No lane with id "${id}" exists; it may have been deleted.`);
  return lane;
}

export function createLane(ctx: Ctx, input: ParsedInput<'lanes.create'>): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    requireMap(ctx, input.mapId);
    const id = input.id ?? newId();
    if (ctx.db.prepare('SELECT 1 FROM lanes WHERE id = ?').get(id)) {
      throw conflict(`A lane with id "${id}" already exists.`);
    }
    const position = positionInParent(db, 'lanes', 'map_id = ?', [input.mapId], placeOf(input));
    db.prepare('INSERT INTO lanes (id, map_id, kind, title, position, height, collapsed) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      id,
      input.mapId,
      input.kind,
      input.title,
      position,
      input.height ?? null,
      input.collapsed ? 1 : 0,
    );
    const changes = emptyChanges();
    changes.lanes.push(requireLane(ctx, id));
    changes.maps.push(touchMap(ctx, input.mapId));
    return changes;
  })();
}

export function updateLane(ctx: Ctx, input: ParsedInput<'lanes.update'>): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    const lane = requireLane(ctx, input.id);
    if (input.kind && input.kind !== lane.kind) checkKindChange(ctx, lane, input.kind);
    db.prepare('UPDATE lanes SET kind = ?, title = ?, height = ?, collapsed = ? WHERE id = ?').run(
      input.kind ?? lane.kind,
      input.title ?? lane.title,
      input.height === undefined ? lane.height : input.height,
      (input.collapsed ?? lane.collapsed) ? 1 : 0,
      lane.id,
    );
    const changes = emptyChanges();
    changes.lanes.push(requireLane(ctx, lane.id));
    changes.maps.push(touchMap(ctx, lane.mapId));
    return changes;
  })();
}

/** A lane can change kind only where its content still means something in the new kind. */
function checkKindChange(ctx: Ctx, lane: Lane, to: LaneKind): void {
  const cards = (ctx.db.prepare('SELECT count(*) FROM cards WHERE lane_id = ?').pluck().get(lane.id) as number) > 0;
  const points = (ctx.db.prepare('SELECT count(*) FROM emotion_points WHERE lane_id = ?').pluck().get(lane.id) as number) > 0;
  if (holdsCards(lane.kind) && holdsCards(to)) return; // among the kinds that hold cards a lane switches freely
  if (!cards && !points) return;
  throw conflict(
    `The lane "${lane.title}" cannot become ${/^[aeiou]/.test(to) ? 'an' : 'a'} ${to} lane while it holds ${cards ? 'cards' : 'emotion scores'}; empty it first or add a new lane.`,
  );
}

export function moveLane(ctx: Ctx, input: ParsedInput<'lanes.move'>): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    const lane = requireLane(ctx, input.id);
    const position = positionInParent(db, 'lanes', 'map_id = ?', [lane.mapId], placeOf(input), lane.id);
    db.prepare('UPDATE lanes SET position = ? WHERE id = ?').run(position, lane.id);
    const changes = emptyChanges();
    changes.lanes.push(requireLane(ctx, lane.id));
    changes.maps.push(touchMap(ctx, lane.mapId));
    return changes;
  })();
}

/** Delete a lane with everything in it; what went is kept as a tombstone, so undo brings all of it back. */
export function deleteLane(ctx: Ctx, input: ParsedInput<'lanes.delete'>): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    const lane = requireLane(ctx, input.id);
    const changes = deleteWithTombstone(ctx, 'lanes', [lane.id], `Delete lane "${lane.title}"`, lane.mapId, input.tombstone);
    changes.maps.push(touchMap(ctx, lane.mapId));
    return changes;
  })();
}
