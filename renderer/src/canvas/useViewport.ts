/** The canvas's size (it is the size of its box, never of the map) and the scroll and zoom over the map. */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { MapLayout, Viewport } from './layout.ts';
import { ZOOM_STEP, bodyViewport, clampScroll, fitToScreen, minScale, pan, pinchView, zoomAt, zoomKeepingCorner, zoomToAt, type Screen, type TouchPair } from './viewport.ts';

export interface ViewportApi {
  viewport: Viewport;
  screen: Screen;
  /** The smallest zoom for this map in this window: where the whole map fits (see minScale). */
  minZoom: number;
  /** Pan by screen pixels (coalesced to one update per frame). */
  panBy: (dx: number, dy: number) => void;
  zoomBy: (factor: number, sx?: number, sy?: number) => void;
  /** Zoom to a scale about a canvas point (the pointer), or keeping the map's top-left corner in place. */
  zoomTo: (scale: number, about?: { sx: number; sy: number }) => void;
  fit: () => void;
  setViewport: (v: Viewport) => void;
  /**
   * A two-finger pinch on a touchscreen, fingers at `from` (canvas px): the view from now on follows them
   * (pinchMove, see pinchView) and counts as zooming until pinchEnd.
   */
  pinchStart: (from: TouchPair) => void;
  pinchMove: (to: TouchPair) => void;
  pinchEnd: () => void;
  /**
   * While a wheel or pinch zoom goes on (Ctrl/⌘ + wheel, the last event less than ZOOM_SETTLE_MS ago; two
   * fingers on a touchscreen, until one lifts), the viewport it started from, else null: the canvas may show its
   * body's picture from then scaled meanwhile (useZoomPreview), and draws it anew when the zoom ends.
   */
  zoomingFrom: Viewport | null;
}

/** How long after the last wheel or pinch zoom event the zoom counts as finished. */
export const ZOOM_SETTLE_MS = 150;

export function useViewport(container: React.RefObject<HTMLDivElement | null>, layout: MapLayout): ViewportApi {
  const [screen, setScreen] = useState<Screen>({ width: 0, height: 0 });
  const [view, setView] = useState({ x: 0, y: 0, scale: 1 });
  const viewport = clampScroll(bodyViewport(view.x, view.y, view.scale, screen), layout);
  const minZoom = minScale(layout, screen);
  const latest = useRef({ viewport, screen, minZoom });
  // Coalesce many pointer or wheel events into one state update per animation frame.
  const pending = useRef<Viewport | null>(null);
  const frame = useRef(0);
  useLayoutEffect(() => {
    // A render of an older view (another client's change, say) while a newer viewport waits for its frame
    // must not overwrite it: the next pan would start from the stale one and lose the input in between.
    latest.current = frame.current && pending.current ? { viewport: pending.current, screen, minZoom } : { viewport, screen, minZoom };
  });

  useLayoutEffect(() => {
    const el = container.current;
    if (!el) return;
    // The observer also reports the first size as soon as it starts observing.
    const observer = new ResizeObserver(() => setScreen({ width: el.clientWidth, height: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, [container]);

  const commit = useCallback((next: Viewport) => {
    pending.current = next;
    latest.current = { ...latest.current, viewport: next };
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const v = pending.current;
      if (v) setView({ x: v.x, y: v.y, scale: v.scale });
    });
  }, []);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const [zoomingFrom, setZoomingFrom] = useState<Viewport | null>(null);
  const settle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** The pinch going on: the view it started from and where its fingers were then. */
  const pinch = useRef<{ start: Viewport; from: TouchPair } | null>(null);
  /** Before each wheel or pinch zoom step: a zoom starts from the view as it is, or goes on. */
  const zoomGoesOn = useCallback(() => {
    if (settle.current === undefined) setZoomingFrom(latest.current.viewport);
    clearTimeout(settle.current);
    settle.current = setTimeout(() => {
      settle.current = undefined;
      if (pinch.current === null) setZoomingFrom(null);
    }, ZOOM_SETTLE_MS);
  }, []);
  useEffect(() => () => clearTimeout(settle.current), []);
  /** A zoom by a button, a key or Fit, or a jump of the view, ends a wheel zoom: drawn anew at once. */
  const zoomEnds = useCallback(() => {
    if (settle.current === undefined) return;
    clearTimeout(settle.current);
    settle.current = undefined;
    setZoomingFrom(null);
  }, []);

  const panBy = useCallback((dx: number, dy: number) => commit(pan(latest.current.viewport, dx, dy)), [commit]);
  const zoomAbout = useCallback(
    (factor: number, sx?: number, sy?: number) => {
      const { viewport: v, screen: s, minZoom: min } = latest.current;
      commit(zoomAt(v, factor, sx ?? s.width / 2, sy ?? s.height / 2, s, min));
    },
    [commit],
  );
  const zoomBy = useCallback(
    (factor: number, sx?: number, sy?: number) => {
      zoomEnds();
      zoomAbout(factor, sx, sy);
    },
    [zoomAbout, zoomEnds],
  );
  const zoomTo = useCallback(
    (scale: number, about?: { sx: number; sy: number }) => {
      zoomEnds();
      const { viewport: v, screen: s, minZoom: min } = latest.current;
      commit(about ? zoomToAt(v, scale, about.sx, about.sy, s, min) : zoomKeepingCorner(v, scale, s, min));
    },
    [commit, zoomEnds],
  );
  const fit = useCallback(() => {
    zoomEnds();
    commit(fitToScreen(layout, latest.current.screen));
  }, [commit, layout, zoomEnds]);
  const setViewport = useCallback(
    (v: Viewport) => {
      zoomEnds();
      commit(v);
    },
    [commit, zoomEnds],
  );

  const pinchStart = useCallback(
    (from: TouchPair) => {
      zoomEnds();
      pinch.current = { start: latest.current.viewport, from };
      setZoomingFrom(latest.current.viewport);
    },
    [zoomEnds],
  );
  const pinchMove = useCallback(
    (to: TouchPair) => {
      const p = pinch.current;
      if (!p) return;
      const { screen: s, minZoom: min } = latest.current;
      commit(pinchView(p.start, p.from, to, s, min));
    },
    [commit],
  );
  const pinchEnd = useCallback(() => {
    if (!pinch.current) return;
    pinch.current = null;
    // A wheel zoom begun meanwhile keeps its own picture until it settles.
    if (settle.current === undefined) setZoomingFrom(null);
  }, []);

  // Wheel and trackpad: scroll pans; Ctrl/Cmd + wheel (and pinch, which browsers report as Ctrl + wheel) zooms.
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const scale = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? el.clientHeight : 1;
      if (e.ctrlKey || e.metaKey) {
        const rect = el.getBoundingClientRect();
        zoomGoesOn();
        zoomAbout(Math.exp(-e.deltaY * scale * 0.0025), e.clientX - rect.left, e.clientY - rect.top);
      } else {
        const dx = e.shiftKey && e.deltaX === 0 ? e.deltaY : e.deltaX;
        const dy = e.shiftKey && e.deltaX === 0 ? 0 : e.deltaY;
        panBy(dx * scale, dy * scale);
      }
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [container, panBy, zoomAbout, zoomGoesOn]);

  return { viewport, screen, minZoom, panBy, zoomBy, zoomTo, fit, setViewport, pinchStart, pinchMove, pinchEnd, zoomingFrom };
}

export { ZOOM_STEP };
