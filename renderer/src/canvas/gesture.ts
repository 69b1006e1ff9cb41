/**
 * The pointer gesture in progress. It lives in its own small store, read only by the interaction layer, so
 * a drag redraws a ghost and nothing else; the map store hears about it once, when the gesture ends.
 */
import { createStore } from 'zustand/vanilla';
import type { Hit } from './hits.ts';

export interface DropTarget {
  laneId: string;
  stageId: string;
  index: number;
}

export type Gesture =
  | { kind: 'idle' }
  | { kind: 'pending'; sx: number; sy: number; hit: Hit; shift: boolean }
  | { kind: 'pan'; sx: number; sy: number }
  | { kind: 'marquee'; x0: number; y0: number; x1: number; y1: number; shift: boolean }
  | { kind: 'cards'; ids: readonly string[]; grabX: number; grabY: number; x: number; y: number; target: DropTarget | null }
  | { kind: 'emotion'; laneId: string; stageId: string; score: number }
  | { kind: 'stage'; id: string; grabX: number; x: number; index: number }
  | { kind: 'lane'; id: string; grabY: number; y: number; index: number }
  | { kind: 'stage-resize'; id: string; startWidth: number; startX: number; width: number }
  | { kind: 'lane-resize'; id: string; startHeight: number; startY: number; height: number }
  /** Two fingers on a touchscreen zoom and pan (and after one lifts, the other does nothing until it lifts too). */
  | { kind: 'pinch' };

export const IDLE: Gesture = { kind: 'idle' };

/** The empty cell under the pointer while nothing is being dragged (it shows how to add a card there). */
export type HoverCell = { laneId: string; stageId: string } | null;

export const createGestureStore = () => createStore<{ gesture: Gesture; hover: HoverCell }>()(() => ({ gesture: IDLE, hover: null }));
export type GestureStore = ReturnType<typeof createGestureStore>;

/** Pointer travel (screen px) that turns a press into a drag. */
export const DRAG_THRESHOLD = 4;
