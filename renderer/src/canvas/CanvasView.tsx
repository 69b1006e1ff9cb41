import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type Konva from 'konva';
import { Stage } from 'react-konva';
import { newId } from '../../../electron/api/ids.ts';
import { CanvasActionsContext, useCanvasAction } from '../actions/CanvasActions.tsx';
import { titleOf } from '../actions/dispatch.ts';
import { canZoomIn, canZoomOut, windowAction } from '../actions/table.ts';
import type { CanvasContext, MenuPlace } from '../actions/types.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { Inspector } from '../inspector/Inspector.tsx';
import * as commands from '../store/commands.ts';
import { useEditedCurve } from '../store/curveChoice.ts';
import { cardsIn, cellKey } from '../store/mapModel.ts';
import { useMapStore, useMapStoreApi } from '../store/MapStoreContext.tsx';
import type { Selection } from '../store/selection.ts';
import { useUiStore } from '../store/uiStore.ts';
import { CanvasEditor } from './CanvasEditor.tsx';
import { ContentLayer } from './ContentLayer.tsx';
import { ContextMenu, type MenuRequest } from './ContextMenu.tsx';
import { withDraft, type Draft } from './drafts.ts';
import { editRect, editScrollAxes, type EditTarget } from './editTarget.ts';
import { createGestureStore } from './gesture.ts';
import { GridLayer } from './GridLayer.tsx';
import { HeaderLayer } from './HeaderLayer.tsx';
import { hitAt } from './hits.ts';
import { InteractionLayer } from './InteractionLayer.tsx';
import { OverviewHeaderLayer } from './OverviewHeaderLayer.tsx';
import { layoutModel, visibleBands, visibleWithOverscan, type MapLayout, type MeasureText, type Rect, type VisibleCache, type Viewport } from './layout.ts';
import { createCanvasMeasure, openingMeasure, sharedLineCache } from './measure.ts';
import { describeSelection } from './selectionText.ts';
import { useCanvasKeyboard } from './useCanvasKeyboard.ts';
import { PersonaCurvesPicker } from './PersonaCurvesPicker.tsx';
import { NOT_DRAGGING, usePointerGestures, type Dragging } from './usePointerGestures.ts';
import { useViewport } from './useViewport.ts';
import { bodyOrigin, detailAt, formatZoom, headerHeight, headerWidth, scrollIntoView, toScreen, type Detail } from './viewport.ts';
import { useZoomPreview } from './useZoomPreview.ts';

declare global {
  interface Window {
    /** Read-only geometry of the canvas, for end-to-end tests and benchmarks. */
    waymarkCanvas?: {
      layout: () => MapLayout;
      viewport: () => Viewport;
      /** The sticky headers' size on screen (px): the lane column's width and the stage row's height. */
      header: () => { width: number; height: number };
      /** What the canvas draws at its zoom: full detail, or the overview (cards as blocks). */
      detail: () => Detail;
      /** The smallest zoom for this map in this window. */
      minZoom: () => number;
      /** The viewport the body's layers are drawn at: the live one, or during a wheel zoom the picture scaled. */
      bodyView: () => Viewport;
    };
  }
}

/**
 * `enabled`, when given, is whether the action applies as of this render (the actions' context is the last
 * render's). Off that way, the button says so (aria-disabled) but keeps the focus: − pressed from the keyboard
 * until the smallest zoom must not drop the focus onto the page.
 */
function ActionButton({ name, className, enabled, children }: { name: string; className?: string; enabled?: boolean; children?: React.ReactNode }) {
  const action = useCanvasAction(name);
  const off = enabled === false;
  return (
    <button
      type="button"
      className={className}
      aria-label={children === undefined ? undefined : action.label}
      title={action.title}
      disabled={enabled === undefined && !action.enabled}
      aria-disabled={off || undefined}
      onClick={() => {
        if (!off) action.run();
      }}
    >
      {children ?? action.label}
    </button>
  );
}

function InspectorToggle() {
  const ui = useUiStore();
  const action = windowAction('panels.inspector');
  return (
    <button type="button" aria-pressed={ui.inspector === 'auto'} title={titleOf('Show the inspector when something is selected', action)} onClick={() => ui.toggleInspector()}>
      Inspector
    </button>
  );
}

/**
 * The toolbar re-renders with the zoom (its label, and whether − and + apply), the smallest zoom (where the whole map
 * fits: − stops there) and the selection (what applies); its buttons come from the table.
 */
const CanvasToolbar = memo(function CanvasToolbar({ scale, minZoom }: { scale: number; minZoom: number; selection: Selection }) {
  return (
    <div className="canvas-toolbar" role="toolbar" aria-label="Canvas">
      <ActionButton name="stage.add" />
      <ActionButton name="lane.add" />
      <span className="toolbar-gap" />
      <ActionButton name="view.zoomOut" enabled={canZoomOut(scale, minZoom)}>
        −
      </ActionButton>
      <ActionButton name="view.zoomReset" className="zoom-level">
        {formatZoom(scale)}
      </ActionButton>
      <ActionButton name="view.zoomIn" enabled={canZoomIn(scale)}>
        +
      </ActionButton>
      <ActionButton name="view.fit">Fit</ActionButton>
      <PersonaCurvesPicker />
      <InspectorToggle />
    </div>
  );
});

const MemoInspector = memo(Inspector);

/** Where a selection is on screen (canvas pixels), for a context menu opened from the keyboard. */
function selectionRect(layout: MapLayout, v: Viewport, sel: Selection): Rect | null {
  const body = (r: Rect | undefined) => (r ? toScreen(v, r) : null);
  switch (sel.kind) {
    case 'cards':
      return body(layout.cards.get(sel.ids.at(-1) ?? ''));
    case 'cell':
    case 'emotion':
      return body(layout.cells.get(cellKey(sel.cell.laneId, sel.cell.stageId)));
    case 'stage': {
      const s = layout.stages.find((b) => b.id === sel.id);
      return s ? { ...toScreen(v, { x: s.x, y: 0, width: s.width, height: 0 }), y: 0, height: headerHeight(v.scale) } : null;
    }
    case 'lane': {
      const l = layout.lanes.find((b) => b.id === sel.id);
      return l ? { ...toScreen(v, { x: 0, y: l.y, width: 0, height: l.height }), x: 0, width: headerWidth(v.scale) } : null;
    }
    default:
      return null;
  }
}

const MENU_PLACE: Partial<Record<Selection['kind'], MenuPlace>> = { cards: 'card', cell: 'cell', stage: 'stage', lane: 'lane', emotion: 'emotion' };

/**
 * The width of the drawing surface (every layer's canvas): the widest the box has been since the window last changed
 * width. The box narrows when the inspector opens and widens when it closes (a card selected, a card deleted); a
 * canvas given a new size is allocated and drawn anew, layer by layer, which cost a delete more than the change
 * itself. Kept wide, the surface is only clipped by the box (its overflow is hidden), and nothing is drawn beyond
 * the viewport, which is the box's.
 */
function useSurfaceWidth(width: number): number {
  const windowWidth = window.innerWidth;
  const [surface, setSurface] = useState({ windowWidth, width });
  const next = surface.windowWidth !== windowWidth || width > surface.width ? { windowWidth, width } : surface;
  if (next !== surface) setSurface(next); // adjust state while rendering: React re-renders at once
  return next.width;
}

/**
 * The canvas's text measure. A big map opens measured only where the opening view can show (see openingMeasure):
 * the rest is measured in idle slices after the first frame, and then this gives an exact measure, with which the
 * cells that had cards put off are stacked again once (that frame marked `waymark:canvas-exact`). Where there is no
 * canvas to measure on, the canvas's own fallback.
 */
function useOpeningMeasure(): MeasureText {
  // Held until the exact measure comes, then let go: the opening's layouts are kept per measure function.
  const [opening] = useState(() => {
    const cache = sharedLineCache();
    return { current: cache ? openingMeasure(cache) : null };
  });
  const [measure, setMeasure] = useState<MeasureText>(() => opening.current?.first ?? createCanvasMeasure());
  const [exact, setExact] = useState(false);
  // After the first commit: the first layout was made, so what it put off is measured from now on.
  useEffect(
    () =>
      opening.current?.finish((measured) => {
        opening.current = null;
        setMeasure(() => measured);
        setExact(true);
      }),
    [opening],
  );
  useEffect(() => {
    if (!exact) return;
    const id = requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('waymark:canvas-exact')));
    return () => cancelAnimationFrame(id);
  }, [exact]);
  return measure;
}

/**
 * The swimlane canvas. The Konva stage is the size of its box (at least: see useSurfaceWidth); only what the viewport shows is created;
 * no layer listens for events (pointer input is resolved against the layout); the grid layer is static.
 * Keys, the toolbar, the inspector's buttons and the context menu all run actions from the table of actions.
 */
export function CanvasView() {
  const store = useMapStoreApi();
  const map = useMapStore((s) => s.map);
  const stages = useMapStore((s) => s.stages);
  const lanes = useMapStore((s) => s.lanes);
  const cards = useMapStore((s) => s.cards);
  const cardCells = useMapStore((s) => s.cardCells);
  const emotions = useMapStore((s) => s.emotions);
  const metrics = useMapStore((s) => s.metrics);
  // The evidence: quotes on stages and cards, the personas' curves, and which curve the person edits.
  const evidence = useMapStore((s) => s.evidence);
  const quoteLinks = useMapStore((s) => s.quoteLinks);
  const quotes = useMapStore((s) => s.quotes);
  const interviews = useMapStore((s) => s.interviews);
  const personas = useMapStore((s) => s.personas);
  const editingCurve = useEditedCurve();
  const selection = useMapStore((s) => s.selection);
  const described = useMapStore((s) => describeSelection(s, editingCurve));
  const inspectorMode = useUiStore((s) => s.inspector);
  const measure = useOpeningMeasure();
  const [draft, setDraft] = useState<Draft | null>(null);
  // A draft whose record has been created is drawn from the record.
  const liveDraft = draft && !(draft.id in stages) && !(draft.id in lanes) ? draft : null;
  const drafted = useMemo(() => withDraft({ map, stages, lanes }, liveDraft), [map, stages, lanes, liveDraft]);
  const layout = useMemo(
    () => layoutModel({ map, stages: drafted.stages, lanes: drafted.lanes, cards, cardCells, emotions, metrics, evidence, quoteLinks, quotes, interviews, personas }, measure, editingCurve),
    [map, drafted, cards, cardCells, emotions, metrics, evidence, quoteLinks, quotes, interviews, personas, measure, editingCurve],
  );

  const container = useRef<HTMLDivElement>(null);
  const view = useViewport(container, layout);
  const { viewport, screen } = view;
  const stageRef = useRef<Konva.Stage>(null);
  // What the body's layers are drawn at: the viewport, or during a wheel or pinch zoom the picture scaled.
  const bodyView = useZoomPreview(viewport, view.zoomingFrom, stageRef);
  const [culling, setCulling] = useState<VisibleCache | null>(null);
  const nextCulling = visibleWithOverscan(culling, layout, bodyView);
  if (nextCulling !== culling) setCulling(nextCulling); // adjust state while rendering: React re-renders at once
  const visible = nextCulling.visible;
  // The headers follow the live zoom: their own stages and lanes while the body shows a scaled picture.
  const headerVisible = bodyView === viewport ? visible : visibleBands(layout, viewport);
  const [gestures] = useState(createGestureStore);
  const [dragging, setDragging] = useState<Dragging>(NOT_DRAGGING);
  const [editing, setEditing] = useState<{ target: EditTarget; key: number } | null>(null);
  const [deleting, setDeleting] = useState<{ kind: 'stage' | 'lane'; id: string } | null>(null);
  const [menu, setMenu] = useState<MenuRequest | null>(null);
  const spaceHeld = useRef(false);
  const pointerAt = useRef<{ sx: number; sy: number } | null>(null);
  const editSeq = useRef(0);

  // A field being edited is finished (what was typed is kept) before another edit replaces it.
  const finishOpenEdit = () => {
    const active = document.activeElement;
    if (active instanceof HTMLElement && active.closest('[data-canvas-overlay]')) active.blur();
  };
  const startEdit = useCallback((target: EditTarget) => {
    finishOpenEdit();
    setEditing({ target, key: ++editSeq.current });
  }, []);
  const startDraft = useCallback((kind: Draft['kind'], index?: number) => {
    finishOpenEdit();
    const next: Draft = { kind, id: newId(), ...(index === undefined ? {} : { index }) };
    setDraft(next);
    setEditing({ target: { kind, id: next.id }, key: ++editSeq.current });
  }, []);
  const openMenuAt = useCallback((place: MenuPlace, x: number, y: number) => setMenu({ place, x, y }), []);

  // The context every canvas action runs against, as of the last render.
  const actionCtx = useRef<CanvasContext | null>(null);
  useLayoutEffect(() => {
    actionCtx.current = {
      ui: useUiStore.getState(),
      store,
      layout,
      view,
      startEdit,
      draft: startDraft,
      confirmDelete: setDeleting,
      pointer: pointerAt.current,
      openMenu: () => {
        const sel = store.getState().selection;
        const place = MENU_PLACE[sel.kind];
        const r = selectionRect(layout, view.viewport, sel);
        if (place) openMenuAt(place, r ? r.x + Math.min(24, r.width / 2) : 40, r ? r.y + Math.min(24, r.height / 2) : 40);
      },
    };
  }, [store, layout, view, startEdit, startDraft, openMenuAt]);
  const getCtx = useCallback((): CanvasContext | null => (actionCtx.current ? { ...actionCtx.current, ui: useUiStore.getState(), pointer: pointerAt.current } : null), []);

  useEffect(() => {
    useUiStore.getState().setCanvas(getCtx);
    return () => useUiStore.getState().setCanvas(null);
  }, [getCtx]);

  const pointer = usePointerGestures({ container, layout, view, gestures, store, setDragging, startEdit, spaceHeld });
  const keys = useCanvasKeyboard({ getCtx, spaceHeld });

  // Bring what is being edited into view before its field is placed (a new stage at the far right, a new
  // lane at the bottom).
  const editingKey = editing?.key;
  useLayoutEffect(() => {
    if (!editing) return;
    const rect = editRect(layout, editing.target);
    // A header's field stays in its sticky row or column: only its stage's column or its lane's row is scrolled to.
    if (rect) view.setViewport(scrollIntoView(view.viewport, rect, 48, editScrollAxes(editing.target)));
    // Only when an edit starts: the view may be moved by the person while editing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editingKey]);

  const geometry = useRef({ layout, viewport, minZoom: view.minZoom, bodyView });
  useEffect(() => {
    geometry.current = { layout, viewport, minZoom: view.minZoom, bodyView };
  });
  // Mark the first complete frame (Konva draws on the next animation frame after React commits).
  const drawn = screen.width > 0;
  useEffect(() => {
    if (!drawn) return;
    const id = requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('waymark:canvas-frame')));
    return () => cancelAnimationFrame(id);
  }, [drawn]);
  useEffect(() => {
    window.waymarkCanvas = {
      layout: () => geometry.current.layout,
      viewport: () => geometry.current.viewport,
      header: () => ({ width: headerWidth(geometry.current.viewport.scale), height: headerHeight(geometry.current.viewport.scale) }),
      detail: () => detailAt(geometry.current.viewport.scale),
      minZoom: () => geometry.current.minZoom,
      bodyView: () => geometry.current.bodyView,
    };
    return () => {
      delete window.waymarkCanvas;
    };
  }, []);

  const local = (e: { clientX: number; clientY: number }) => {
    const rect = container.current?.getBoundingClientRect();
    return { sx: e.clientX - (rect?.left ?? 0), sy: e.clientY - (rect?.top ?? 0) };
  };
  const onContextMenu = (e: React.MouseEvent<HTMLDivElement>) => {
    // In the text field or the menu itself, the browser's own menu (spelling, paste) is the right one.
    if (e.target instanceof Element && e.target.closest('[data-canvas-overlay]')) return;
    e.preventDefault();
    const { sx, sy } = local(e);
    const hit = hitAt(layout, viewport, sx, sy);
    const s = store.getState();
    let place: MenuPlace | null = null;
    if (hit.area === 'body' && hit.cardId) {
      // Right-click on a selected card acts on the whole selection, as in every desktop program.
      if (!(s.selection.kind === 'cards' && s.selection.ids.includes(hit.cardId))) s.select({ kind: 'cards', ids: [hit.cardId] });
      place = 'card';
    } else if (hit.area === 'body') {
      s.select({ kind: 'cell', cell: { laneId: hit.laneId, stageId: hit.stageId } });
      place = 'cell';
    } else if (hit.area === 'emotion') {
      s.select({ kind: 'emotion', cell: { laneId: hit.laneId, stageId: hit.stageId } });
      place = 'emotion';
    } else if (hit.area === 'stage-header') {
      s.select({ kind: 'stage', id: hit.stageId });
      place = 'stage';
    } else if (hit.area === 'lane-header') {
      s.select({ kind: 'lane', id: hit.laneId });
      place = 'lane';
    }
    if (place) openMenuAt(place, sx, sy);
  };

  const detail = detailAt(viewport.scale);
  const { x: bodyX, y: bodyY } = bodyOrigin(viewport);
  const drawnAt = bodyOrigin(bodyView);
  const deletingName = deleting ? (deleting.kind === 'stage' ? stages[deleting.id]?.name : lanes[deleting.id]?.title) : undefined;
  const deletingCount = deleting
    ? cardsIn({ cardCells }, deleting.kind, deleting.id)
    : 0;
  // The inspector opens for what it edits; an empty cell has nothing to edit, so the canvas keeps the room.
  // A metrics cell is edited there (its numbers), so it opens the inspector too.
  const metricsCell = selection.kind === 'cell' && lanes[selection.cell.laneId]?.kind === 'metrics';
  const showInspector = inspectorMode === 'auto' && selection.kind !== 'none' && (selection.kind !== 'cell' || metricsCell);
  // When the inspector opens (or the window is resized) the canvas narrows: keep the selected card in view.
  const screenWidth = screen.width;
  const surfaceWidth = useSurfaceWidth(screenWidth);
  useLayoutEffect(() => {
    const sel = store.getState().selection;
    if (!showInspector || sel.kind !== 'cards') return;
    const rect = layout.cards.get(sel.ids.at(-1) ?? '');
    if (rect) view.setViewport(scrollIntoView(view.viewport, rect));
    // Only when the room changes, not on every pan.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [showInspector, screenWidth]);
  const closeMenu = useCallback(() => {
    setMenu(null);
    container.current?.focus({ preventScroll: true });
  }, []);

  return (
    <CanvasActionsContext.Provider value={getCtx}>
      <div className={showInspector ? 'canvas-view with-inspector' : 'canvas-view'}>
        <CanvasToolbar scale={viewport.scale} minZoom={view.minZoom} selection={selection} />
        <div
          ref={container}
          className="canvas-box"
          tabIndex={0}
          role="application"
          aria-label={`Journey map canvas: ${map.title}. Arrow keys move between cells and cards; Enter adds or edits; the menu key opens actions; press ? for all shortcuts. The table view reads better with a screen reader.`}
          aria-describedby="canvas-selection"
          {...pointer}
          onPointerMove={(e) => {
            pointerAt.current = local(e);
            pointer.onPointerMove(e);
          }}
          onPointerLeave={() => {
            pointerAt.current = null;
            gestures.setState({ hover: null });
          }}
          onContextMenu={onContextMenu}
          // The box never scrolls (the viewport does): a focused field near its edge must not shift the drawing.
          onScroll={(e) => {
            e.currentTarget.scrollLeft = 0;
            e.currentTarget.scrollTop = 0;
          }}
          {...keys}
        >
          {screen.width > 0 && (
            <Stage ref={stageRef} width={surfaceWidth} height={screen.height} listening={false}>
              <GridLayer layout={layout} visible={visible} x={drawnAt.x} y={drawnAt.y} scale={bodyView.scale} selection={selection} />
              <ContentLayer
                layout={layout}
                visible={visible}
                x={drawnAt.x}
                y={drawnAt.y}
                scale={bodyView.scale}
                selection={selection}
                draggingCards={dragging.cards}
                draggingEmotion={dragging.emotion}
                detail={detailAt(bodyView.scale)}
              />
              {detail === 'overview' ? (
                <OverviewHeaderLayer layout={layout} visible={headerVisible} bodyX={bodyX} bodyY={bodyY} scale={viewport.scale} selection={selection} bottom={screen.height} right={screen.width} />
              ) : (
                <HeaderLayer
                  layout={layout}
                  visible={headerVisible}
                  bodyX={bodyX}
                  bodyY={bodyY}
                  scale={viewport.scale}
                  selection={selection}
                  draggingStage={dragging.stage}
                  draggingLane={dragging.lane}
                  viewTop={viewport.y}
                />
              )}
              <InteractionLayer gestures={gestures} layout={layout} bodyX={bodyX} bodyY={bodyY} scale={viewport.scale} />
            </Stage>
          )}
          {editing && (
            <CanvasEditor
              key={editing.key}
              target={editing.target}
              draft={liveDraft}
              layout={layout}
              viewport={viewport}
              onDone={() => {
                setEditing(null);
                setDraft(null);
                container.current?.focus({ preventScroll: true });
              }}
            />
          )}
          {menu && <ContextMenu {...menu} getCtx={getCtx} bounds={screen} onClose={closeMenu} />}
        </div>
        {showInspector && <MemoInspector />}
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
    </CanvasActionsContext.Provider>
  );
}
