/**
 * Pointer input for the canvas: press, drag and release, resolved against the layout (never Konva's hit
 * graph). Pointer state stays in the gesture store and refs while a gesture runs; the map store gets one
 * command when it ends, so a drag is one undo step. Two fingers on a touchscreen pinch: zoom and pan, and
 * nothing else (whatever the first finger had begun is dropped).
 */
import { useCallback, useLayoutEffect, useRef, type PointerEvent as ReactPointerEvent } from 'react';
import * as commands from '../store/commands.ts';
import { editedCurve } from '../store/curveChoice.ts';
import { emotionAt } from '../store/mapModel.ts';
import { useUiStore } from '../store/uiStore.ts';
import type { MapStore } from '../store/mapStore.ts';
import { NOTHING, selectedCards, toggleCard } from '../store/selection.ts';
import type { EditTarget } from './editTarget.ts';
import { DRAG_THRESHOLD, IDLE, type Gesture, type GestureStore } from './gesture.ts';
import { MIN_LANE_HEIGHT, MIN_STAGE_WIDTH, hitAt, laneDropIndex, metricAt, stageDropIndex, type Hit } from './hits.ts';
import { dropIndex, hitTest, holdsCards, visibleItems, yToScore, type MapLayout } from './layout.ts';
import type { ViewportApi } from './useViewport.ts';
import { toMap, type TouchPair } from './viewport.ts';

export interface Dragging {
  cards: ReadonlySet<string>;
  emotion: string | null;
  stage: string | null;
  lane: string | null;
}
export const NOT_DRAGGING: Dragging = { cards: new Set(), emotion: null, stage: null, lane: null };

interface Deps {
  container: React.RefObject<HTMLDivElement | null>;
  layout: MapLayout;
  view: ViewportApi;
  gestures: GestureStore;
  store: MapStore;
  setDragging: (d: Dragging) => void;
  startEdit: (t: EditTarget) => void;
  spaceHeld: React.RefObject<boolean>;
}

function cursorFor(hit: Hit): string {
  if (hit.area === 'stage-header') return hit.edge ? 'col-resize' : 'grab';
  if (hit.area === 'lane-header') return hit.edge ? 'row-resize' : hit.toggle ? 'pointer' : 'grab';
  if (hit.area === 'emotion') return hit.onPoint ? 'ns-resize' : 'pointer';
  if (hit.area === 'body' && hit.cardId) return 'move';
  return 'default';
}

export function usePointerGestures(deps: Deps) {
  const latest = useRef(deps);
  useLayoutEffect(() => {
    latest.current = deps;
  });

  const local = (e: { clientX: number; clientY: number }) => {
    const rect = latest.current.container.current?.getBoundingClientRect();
    return { sx: e.clientX - (rect?.left ?? 0), sy: e.clientY - (rect?.top ?? 0) };
  };
  const setGesture = (g: Gesture) => latest.current.gestures.setState({ gesture: g });
  /** Where each finger on the canvas is now (canvas px), by pointer id. */
  const touches = useRef(new Map<number, { x: number; y: number }>());
  /** The two fingers of the pinch going on, or null. */
  const pinching = useRef<readonly [number, number] | null>(null);
  const pinchPair = (ids: readonly [number, number]): TouchPair | null => {
    const [a, b] = [touches.current.get(ids[0]), touches.current.get(ids[1])];
    return a && b ? { a, b } : null;
  };

  /** Turn a press that moved into the drag it starts. */
  const begin = (pending: Extract<Gesture, { kind: 'pending' }>, sx: number, sy: number): Gesture => {
    const { layout, store, view } = latest.current;
    const hit = pending.hit;
    const p = toMap(view.viewport, sx, sy);
    const start = toMap(view.viewport, pending.sx, pending.sy);
    if (hit.area === 'body' && hit.cardId) {
      const selected = selectedCards(store.getState().selection);
      const ids = selected.includes(hit.cardId) ? selected : [hit.cardId];
      if (!selected.includes(hit.cardId)) store.getState().select({ kind: 'cards', ids });
      const box = layout.cards.get(hit.cardId);
      latest.current.setDragging({ ...NOT_DRAGGING, cards: new Set(ids) });
      return { kind: 'cards', ids, grabX: start.x - (box?.x ?? start.x), grabY: start.y - (box?.y ?? start.y), x: p.x, y: p.y, target: null };
    }
    if (hit.area === 'body') return { kind: 'marquee', x0: start.x, y0: start.y, x1: p.x, y1: p.y, shift: pending.shift };
    if (hit.area === 'emotion') {
      latest.current.setDragging({ ...NOT_DRAGGING, emotion: hit.stageId });
      const lane = layout.lanes.find((l) => l.id === hit.laneId);
      const score = lane ? yToScore(p.y, lane, layout.emotionScale.min, layout.emotionScale.max) : 0;
      return { kind: 'emotion', laneId: hit.laneId, stageId: hit.stageId, score };
    }
    if (hit.area === 'stage-header') {
      const box = layout.stages.find((s) => s.id === hit.stageId);
      if (!box) return IDLE;
      if (hit.edge) return { kind: 'stage-resize', id: box.id, startWidth: box.width, startX: start.x, width: box.width };
      latest.current.setDragging({ ...NOT_DRAGGING, stage: box.id });
      return { kind: 'stage', id: box.id, grabX: start.x - box.x, x: p.x, index: hit.index };
    }
    if (hit.area === 'lane-header') {
      const box = layout.lanes.find((l) => l.id === hit.laneId);
      if (!box || hit.toggle) return IDLE;
      if (hit.edge) return { kind: 'lane-resize', id: box.id, startHeight: box.height, startY: start.y, height: box.height };
      latest.current.setDragging({ ...NOT_DRAGGING, lane: box.id });
      return { kind: 'lane', id: box.id, grabY: start.y - box.y, y: p.y, index: hit.index };
    }
    return { kind: 'pan', sx, sy };
  };

  /** Follow the pointer during a drag. */
  const follow = (g: Gesture, sx: number, sy: number): Gesture => {
    const { layout, view } = latest.current;
    const p = toMap(view.viewport, sx, sy);
    switch (g.kind) {
      case 'pan':
        view.panBy(g.sx - sx, g.sy - sy);
        return { ...g, sx, sy };
      case 'marquee':
        return { ...g, x1: p.x, y1: p.y };
      case 'cards': {
        const hit = hitTest(layout, p.x, p.y);
        const lane = hit ? layout.lanes.find((l) => l.id === hit.laneId) : undefined;
        const target = hit && lane && !lane.collapsed && layout.cells.has(`${hit.laneId}|${hit.stageId}`) && holdsCards(lane.kind)
          ? { laneId: hit.laneId, stageId: hit.stageId, index: dropIndex(layout, hit.laneId, hit.stageId, p.y, g.ids.length === 1 ? g.ids[0] : undefined) }
          : null;
        return { ...g, x: p.x, y: p.y, target };
      }
      case 'emotion': {
        const lane = layout.lanes.find((l) => l.id === g.laneId);
        return lane ? { ...g, score: yToScore(p.y, lane, layout.emotionScale.min, layout.emotionScale.max) } : g;
      }
      case 'stage':
        return { ...g, x: p.x, index: stageDropIndex(layout, g.id, p.x - g.grabX + (layout.stages.find((s) => s.id === g.id)?.width ?? 0) / 2) };
      case 'lane':
        return { ...g, y: p.y, index: laneDropIndex(layout, g.id, p.y) };
      case 'stage-resize':
        return { ...g, width: Math.max(MIN_STAGE_WIDTH, Math.min(2000, g.startWidth + p.x - g.startX)) };
      case 'lane-resize':
        return { ...g, height: Math.max(MIN_LANE_HEIGHT, Math.min(4000, g.startHeight + p.y - g.startY)) };
      default:
        return g;
    }
  };

  /** A press that did not move: select, toggle, or set an emotion score. */
  const click = (g: Extract<Gesture, { kind: 'pending' }>) => {
    const { store, layout } = latest.current;
    const state = store.getState();
    const hit = g.hit;
    const perform = (build: commands.CommandBuilder) => void state.perform(build);
    switch (hit.area) {
      case 'body':
        if (hit.cardId) state.select(g.shift ? toggleCard(state.selection, hit.cardId) : { kind: 'cards', ids: [hit.cardId] });
        else if (state.lanes[hit.laneId]?.kind === 'evidence') useUiStore.getState().show('quotes', { quotes: { mapId: state.map.id, stageId: hit.stageId } });
        else state.select({ kind: 'cell', cell: { laneId: hit.laneId, stageId: hit.stageId } });
        return;
      case 'emotion': {
        state.select({ kind: 'emotion', cell: { laneId: hit.laneId, stageId: hit.stageId } });
        if (hit.onPoint) return;
        const lane = layout.lanes.find((l) => l.id === hit.laneId);
        const curve = editedCurve(state);
        if (lane) perform((m) => commands.setEmotion(m, hit.laneId, hit.stageId, yToScore(hit.y, lane, layout.emotionScale.min, layout.emotionScale.max), undefined, curve));
        return;
      }
      case 'stage-header':
        if (!hit.edge) state.select({ kind: 'stage', id: hit.stageId });
        return;
      case 'lane-header': {
        const lane = state.lanes[hit.laneId];
        if (hit.toggle && lane) perform((m) => commands.updateLane(m, lane.id, { collapsed: !lane.collapsed }, lane.collapsed ? 'Expand lane' : 'Collapse lane'));
        else if (!hit.edge) state.select({ kind: 'lane', id: hit.laneId });
        return;
      }
      default:
        state.select(NOTHING);
    }
  };

  /** The end of a drag: one command for the whole gesture. */
  const finish = (g: Gesture) => {
    const { store, layout } = latest.current;
    const state = store.getState();
    const perform = (build: commands.CommandBuilder) => void state.perform(build);
    switch (g.kind) {
      case 'cards':
        if (g.target) {
          const { laneId, stageId, index } = g.target;
          perform((m) => commands.moveCards(m, g.ids, laneId, stageId, index));
        }
        return;
      case 'marquee': {
        const r = { x: Math.min(g.x0, g.x1), y: Math.min(g.y0, g.y1), width: Math.abs(g.x1 - g.x0), height: Math.abs(g.y1 - g.y0) };
        // The cards inside, found cell by cell (culling's search), not by a walk over every card of the map.
        const hits = visibleItems(layout, { ...r, scale: 1 }, 0).cardIds;
        const ids = g.shift ? [...new Set([...selectedCards(state.selection), ...hits])] : hits;
        state.select(ids.length > 0 ? { kind: 'cards', ids } : NOTHING);
        return;
      }
      case 'emotion': {
        state.select({ kind: 'emotion', cell: { laneId: g.laneId, stageId: g.stageId } });
        const curve = editedCurve(state);
        const current = emotionAt(state.emotions, g.laneId, g.stageId, curve);
        if (current?.score !== g.score) perform((m) => commands.setEmotion(m, g.laneId, g.stageId, g.score, undefined, curve));
        return;
      }
      case 'stage': {
        const from = layout.stages.findIndex((s) => s.id === g.id);
        if (g.index !== from) perform((m) => commands.moveStage(m, g.id, g.index));
        state.select({ kind: 'stage', id: g.id });
        return;
      }
      case 'lane': {
        const from = layout.lanes.findIndex((l) => l.id === g.id);
        if (g.index !== from) perform((m) => commands.moveLane(m, g.id, g.index));
        state.select({ kind: 'lane', id: g.id });
        return;
      }
      case 'stage-resize':
        if (Math.round(g.width) !== Math.round(g.startWidth)) perform((m) => commands.updateStage(m, g.id, { width: Math.round(g.width) }, 'Resize stage'));
        return;
      case 'lane-resize':
        if (Math.round(g.height) !== Math.round(g.startHeight)) perform((m) => commands.updateLane(m, g.id, { height: Math.round(g.height) }, 'Resize lane'));
        return;
      default:
    }
  };

  const onPointerDown = useCallback((e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 && e.button !== 1) return;
    // The menu and the text field over the canvas handle their own pointer (a capture here would take
    // their clicks away).
    if (e.target instanceof Element && e.target.closest('[data-canvas-overlay]')) return;
    const { sx, sy } = local(e);
    try {
      e.currentTarget.setPointerCapture(e.pointerId);
    } catch {
      // No active pointer with that id (e.g. a synthetic event): the drag still works without capture.
    }
    e.currentTarget.focus({ preventScroll: true });
    if (e.pointerType === 'touch') {
      if (e.isPrimary) {
        // A first finger: a touch left over from before (its lift never reached the canvas) is forgotten.
        touches.current.clear();
        if (pinching.current) latest.current.view.pinchEnd();
        pinching.current = null;
        if (latest.current.gestures.getState().gesture.kind === 'pinch') setGesture(IDLE);
      }
      touches.current.set(e.pointerId, { x: sx, y: sy });
      const g = latest.current.gestures.getState().gesture;
      if (touches.current.size === 2 && pinching.current === null) {
        // A second finger: whatever the first began (a press, a drag of a card) is dropped, and the pinch starts.
        const ids = [...touches.current.keys()] as [number, number];
        const from = pinchPair(ids);
        if (from) {
          pinching.current = ids;
          latest.current.setDragging(NOT_DRAGGING);
          setGesture({ kind: 'pinch' });
          latest.current.view.pinchStart(from);
        }
        return;
      }
      // A third finger, or a finger after a pinch while another is still down: nothing.
      if (touches.current.size > 1 || g.kind === 'pinch') return;
    }
    if (e.button === 1 || latest.current.spaceHeld.current) {
      setGesture({ kind: 'pan', sx, sy });
      return;
    }
    const hit = hitAt(latest.current.layout, latest.current.view.viewport, sx, sy);
    setGesture({ kind: 'pending', sx, sy, hit, shift: e.shiftKey });
     
  }, []);

  const onPointerMove = useCallback((e: ReactPointerEvent<HTMLDivElement>) => {
    const { sx, sy } = local(e);
    const g = latest.current.gestures.getState().gesture;
    if (e.pointerType === 'touch' && touches.current.has(e.pointerId)) touches.current.set(e.pointerId, { x: sx, y: sy });
    if (g.kind === 'pinch') {
      const ids = pinching.current;
      const to = ids && ids.includes(e.pointerId) ? pinchPair(ids) : null;
      if (to) latest.current.view.pinchMove(to);
      return;
    }
    if (g.kind === 'idle') {
      const { layout, view, gestures, spaceHeld } = latest.current;
      const hit = hitAt(layout, view.viewport, sx, sy);
      const opens = hit.area === 'body' && hit.cardId === null && latest.current.store.getState().lanes[hit.laneId]?.kind === 'evidence';
      e.currentTarget.style.cursor = spaceHeld.current ? 'grab' : opens ? 'pointer' : cursorFor(hit);
      const lane = hit.area === 'body' ? layout.lanes.find((l) => l.id === hit.laneId) : undefined;
      const empty = hit.area === 'body' && lane !== undefined && holdsCards(lane.kind) && !lane.collapsed && (layout.cells.get(`${hit.laneId}|${hit.stageId}`)?.cardIds.length ?? 0) === 0;
      const was = gestures.getState().hover;
      if (!empty) {
        if (was) gestures.setState({ hover: null });
      } else if (was?.laneId !== hit.laneId || was.stageId !== hit.stageId) gestures.setState({ hover: { laneId: hit.laneId, stageId: hit.stageId } });
      return;
    }
    if (g.kind === 'pending') {
      if (Math.hypot(sx - g.sx, sy - g.sy) < DRAG_THRESHOLD) return;
      setGesture(follow(begin(g, sx, sy), sx, sy));
      return;
    }
    setGesture(follow(g, sx, sy));
     
  }, []);

  const onPointerUp = useCallback((e: ReactPointerEvent<HTMLDivElement>) => {
    const g = latest.current.gestures.getState().gesture;
    if (e.pointerType === 'touch') touches.current.delete(e.pointerId);
    if (g.kind === 'pinch') {
      // One finger lifted ends the pinch (no click, drag or selection); the gesture ends with the last finger.
      if (pinching.current?.includes(e.pointerId)) {
        pinching.current = null;
        latest.current.view.pinchEnd();
      }
      if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
      if (touches.current.size === 0) setGesture(IDLE);
      return;
    }
    setGesture(IDLE);
    latest.current.setDragging(NOT_DRAGGING);
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    if (e.type === 'pointercancel') return;
    if (g.kind === 'pending') click(g);
    else finish(g);
     
  }, []);

  const onDoubleClick = useCallback((e: React.MouseEvent<HTMLDivElement>) => {
    if (e.target instanceof Element && e.target.closest('[data-canvas-overlay]')) return;
    const { sx, sy } = local(e);
    const { layout, view, startEdit, store } = latest.current;
    const hit = hitAt(layout, view.viewport, sx, sy);
    if (hit.area === 'body') {
      const lane = layout.lanes.find((l) => l.id === hit.laneId);
      const metric = lane?.kind === 'metrics' && !lane.collapsed ? metricAt(layout, lane.id, hit.x, hit.y) : null;
      if (hit.cardId) startEdit({ kind: 'card', id: hit.cardId });
      else if (metric !== null) startEdit({ kind: 'metric', id: metric });
      else if (lane && holdsCards(lane.kind) && !lane.collapsed) {
        store.getState().select({ kind: 'cell', cell: { laneId: hit.laneId, stageId: hit.stageId } });
        startEdit({ kind: 'new-card', laneId: hit.laneId, stageId: hit.stageId });
      }
    } else if (hit.area === 'emotion') startEdit({ kind: 'emotion-label', laneId: hit.laneId, stageId: hit.stageId });
    else if (hit.area === 'stage-header' && !hit.edge) startEdit({ kind: 'stage', id: hit.stageId });
    else if (hit.area === 'lane-header' && !hit.edge && !hit.toggle) startEdit({ kind: 'lane', id: hit.laneId });
     
  }, []);

  return { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp, onDoubleClick };
}
