/**
 * A stage or lane being named before it exists. It is drawn in its place (so the person sees where it goes
 * and types its name on its own header) and created, named, in one step when the name is confirmed; Escape
 * with nothing typed leaves the map as it was.
 */
import type { Lane, Stage } from '../../../electron/api/types.ts';
import { ordered, type MapModel } from '../store/mapModel.ts';

export interface Draft {
  kind: 'stage' | 'lane';
  /** The id the record gets when it is created. */
  id: string;
  /** Its place in the order (before the record now at `index`); undefined: last. */
  index?: number;
}

export const DRAFT_NAME: Record<Draft['kind'], string> = { stage: 'New stage', lane: 'New lane' };

/**
 * A position key that sorts right where the draft goes, for drawing only. Fractional keys use the digits
 * 0-9A-Za-z, so "<key before>!" sorts after the key before and before every key that follows it, and "" sorts
 * first. The workspace chooses the real key when the record is created.
 */
function positionAt(siblings: readonly { position: string }[], index: number | undefined): string {
  const at = index === undefined ? siblings.length : Math.max(0, Math.min(index, siblings.length));
  return at === 0 ? '' : `${siblings[at - 1]?.position ?? ''}!`;
}

/** The model's stages and lanes with the draft drawn in its place. */
export function withDraft(model: Pick<MapModel, 'map' | 'stages' | 'lanes'>, draft: Draft | null): Pick<MapModel, 'stages' | 'lanes'> {
  if (!draft) return model;
  if (draft.kind === 'stage') {
    const stage: Stage = { id: draft.id, mapId: model.map.id, name: '', description: '', position: positionAt(ordered(model.stages), draft.index), color: null, owner: '', goal: '', width: null };
    return { stages: { ...model.stages, [draft.id]: stage }, lanes: model.lanes };
  }
  const lane: Lane = { id: draft.id, mapId: model.map.id, kind: 'text', title: '', position: positionAt(ordered(model.lanes), draft.index), height: null, collapsed: false };
  return { stages: model.stages, lanes: { ...model.lanes, [draft.id]: lane } };
}
