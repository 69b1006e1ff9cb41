import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Stage } from 'react-konva';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { Inspector } from '../inspector/Inspector.tsx';
import * as commands from '../store/commands.ts';
import { useMapStore, useMapStoreApi } from '../store/MapStoreContext.tsx';
import { CanvasEditor } from './CanvasEditor.tsx';
import { ContentLayer } from './ContentLayer.tsx';
import type { EditTarget } from './editTarget.ts';
import { createGestureStore } from './gesture.ts';
import { GridLayer } from './GridLayer.tsx';
import { HeaderLayer } from './HeaderLayer.tsx';
import { InteractionLayer } from './InteractionLayer.tsx';
import { layoutModel, visibleWithOverscan, type MapLayout, type VisibleCache, type Viewport } from './layout.ts';
import { createCanvasMeasure } from './measure.ts';
import { describeSelection } from './selectionText.ts';
import { useCanvasKeyboard } from './useCanvasKeyboard.ts';
import { NOT_DRAGGING, usePointerGestures, type Dragging } from './usePointerGestures.ts';
import { ZOOM_STEP, useViewport, type ViewportApi } from './useViewport.ts';
import { headerHeight, headerWidth } from './viewport.ts';

declare global {
  interface Window {
    /** Read-only geometry of the canvas, for end-to-end tests and benchmarks. */
    waymarkCanvas?: { layout: () => MapLayout; viewport: () => Viewport };
  }
}

const CanvasToolbar = memo(function CanvasToolbar({ view, scale, onAddStage, onAddLane }: { view: Omit<ViewportApi, 'viewport' | 'screen'>; scale: number; onAddStage: () => void; onAddLane: () => void }) {
  return (
    <div className="canvas-toolbar" role="toolbar" aria-label="Canvas">
      <button type="button" onClick={onAddStage}>
        + Stage
      </button>
      <button type="button" onClick={onAddLane}>
        + Lane
      </button>
      <span className="toolbar-gap" />
      <button type="button" aria-label="Zoom out" title="Zoom out (Ctrl+−)" onClick={() => view.zoomBy(1 / ZOOM_STEP)}>
        −
      </button>
      <button type="button" aria-label="Zoom to 100%" title="Zoom to 100% (Ctrl+0)" className="zoom-level" onClick={() => view.zoomTo(1)}>
        {Math.round(scale * 100)}%
      </button>
      <button type="button" aria-label="Zoom in" title="Zoom in (Ctrl+=)" onClick={() => view.zoomBy(ZOOM_STEP)}>
        +
      </button>
      <button type="button" aria-label="Fit map to window" title="Fit (Shift+1)" onClick={view.fit}>
        Fit
      </button>
    </div>
  );
});

const MemoInspector = memo(Inspector);

/**
 * The swimlane canvas. The Konva stage is the size of its box; only what the viewport shows is created;
 * no layer listens for events (pointer input is resolved against the layout); the grid layer is static.
 */
export function CanvasView() {
  const store = useMapStoreApi();
  const map = useMapStore((s) => s.map);
  const stages = useMapStore((s) => s.stages);
  const lanes = useMapStore((s) => s.lanes);
  const cards = useMapStore((s) => s.cards);
  const emotions = useMapStore((s) => s.emotions);
  const selection = useMapStore((s) => s.selection);
  const described = useMapStore(describeSelection);
  const [measure] = useState(createCanvasMeasure);
  const layout = useMemo(() => layoutModel({ map, stages, lanes, cards, emotions }, measure), [map, stages, lanes, cards, emotions, measure]);

  const container = useRef<HTMLDivElement>(null);
  const view = useViewport(container, layout);
  const { viewport, screen } = view;
  const [culling, setCulling] = useState<VisibleCache | null>(null);
  const nextCulling = visibleWithOverscan(culling, layout, viewport);
  if (nextCulling !== culling) setCulling(nextCulling); // adjust state while rendering: React re-renders at once
  const visible = nextCulling.visible;
  const [gestures] = useState(createGestureStore);
  const [dragging, setDragging] = useState<Dragging>(NOT_DRAGGING);
  const [editing, setEditing] = useState<{ target: EditTarget; key: number } | null>(null);
  const [deleting, setDeleting] = useState<{ kind: 'stage' | 'lane'; id: string } | null>(null);
  const spaceHeld = useRef(false);
  const editSeq = useRef(0);

  const startEdit = useCallback((target: EditTarget) => setEditing({ target, key: ++editSeq.current }), []);
  const pointer = usePointerGestures({ container, layout, view, gestures, store, setDragging, startEdit, spaceHeld });
  const keys = useCanvasKeyboard({ layout, view, store, startEdit, confirmDelete: setDeleting, spaceHeld });

  const geometry = useRef({ layout, viewport });
  useEffect(() => {
    geometry.current = { layout, viewport };
  });
  // Mark the first complete frame (Konva draws on the next animation frame after React commits).
  const drawn = screen.width > 0;
  useEffect(() => {
    if (!drawn) return;
    const id = requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('waymark:canvas-frame')));
    return () => cancelAnimationFrame(id);
  }, [drawn]);
  useEffect(() => {
    window.waymarkCanvas = { layout: () => geometry.current.layout, viewport: () => geometry.current.viewport };
    return () => {
      delete window.waymarkCanvas;
    };
  }, []);

  const addStage = useCallback(() => {
    const cmd = commands.addStage(store.getState(), 'New stage');
    void store.getState().perform(cmd).then((ok) => ok && startEdit({ kind: 'stage', id: cmd.id }));
  }, [store, startEdit]);
  const addLane = useCallback(() => {
    const cmd = commands.addLane(store.getState(), 'text', 'New lane');
    void store.getState().perform(cmd).then((ok) => ok && startEdit({ kind: 'lane', id: cmd.id }));
  }, [store, startEdit]);
  const { panBy, zoomBy, zoomTo, fit, setViewport } = view;
  const toolbarView = useMemo(() => ({ panBy, zoomBy, zoomTo, fit, setViewport }), [panBy, zoomBy, zoomTo, fit, setViewport]);

  const bodyX = headerWidth(viewport.scale) - viewport.x * viewport.scale;
  const bodyY = headerHeight(viewport.scale) - viewport.y * viewport.scale;
  const deletingName = deleting ? (deleting.kind === 'stage' ? stages[deleting.id]?.name : lanes[deleting.id]?.title) : undefined;
  const deletingCount = deleting
    ? Object.values(cards).filter((c) => (deleting.kind === 'stage' ? c.stageId : c.laneId) === deleting.id).length
    : 0;

  return (
    <div className="canvas-view">
      <CanvasToolbar view={toolbarView} scale={viewport.scale} onAddStage={addStage} onAddLane={addLane} />
      <div
        ref={container}
        className="canvas-box"
        tabIndex={0}
        role="application"
        aria-label={`Journey map canvas: ${map.title}. Arrow keys move between cells and cards; Enter adds or edits; press ? for all shortcuts. The table view reads better with a screen reader.`}
        aria-describedby="canvas-selection"
        {...pointer}
        {...keys}
      >
        {screen.width > 0 && (
          <Stage width={screen.width} height={screen.height} listening={false}>
            <GridLayer layout={layout} visible={visible} x={bodyX} y={bodyY} scale={viewport.scale} selection={selection} />
            <ContentLayer
              layout={layout}
              visible={visible}
              x={bodyX}
              y={bodyY}
              scale={viewport.scale}
              selection={selection}
              draggingCards={dragging.cards}
              draggingEmotion={dragging.emotion}
            />
            <HeaderLayer
              layout={layout}
              visible={visible}
              bodyX={bodyX}
              bodyY={bodyY}
              scale={viewport.scale}
              selection={selection}
              draggingStage={dragging.stage}
              draggingLane={dragging.lane}
              viewTop={viewport.y}
            />
            <InteractionLayer gestures={gestures} layout={layout} bodyX={bodyX} bodyY={bodyY} scale={viewport.scale} />
          </Stage>
        )}
        {editing && (
          <CanvasEditor
            key={editing.key}
            target={editing.target}
            layout={layout}
            viewport={viewport}
            onDone={() => {
              setEditing(null);
              container.current?.focus({ preventScroll: true });
            }}
          />
        )}
      </div>
      <MemoInspector />
      <p id="canvas-selection" className="canvas-selection" role="status" aria-live="polite">
        {described}
      </p>
      {deleting && (
        <ConfirmDialog
          title={`Delete the ${deleting.kind} "${deletingName ?? ''}"?`}
          message={deletingCount > 0 ? `This also deletes ${deletingCount} card${deletingCount === 1 ? '' : 's'}.` : `The ${deleting.kind} is empty.`}
          confirmLabel={`Delete ${deleting.kind}`}
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const target = deleting;
            setDeleting(null);
            void store.getState().perform(target.kind === 'stage' ? commands.deleteStage(store.getState(), target.id) : commands.deleteLane(store.getState(), target.id));
          }}
        />
      )}
    </div>
  );
}
