/**
 * The viewport as pure math: scroll offset (map units of the grid body), zoom, and the screen size of the
 * canvas. Headers are part of the zoomed picture: the stage header row and lane header column are drawn at
 * the same scale, and stick to the top and left edges while the body scrolls under them.
 */
import { METRICS, type MapLayout, type Rect, type Viewport } from './layout.ts';

/** The most zoomed-out a map that fits at 20% or more may go (and the default floor of every zoom function). */
export const MIN_SCALE = 0.2;
/**
 * A map too big to fit at 20% may go further out, to where it fits, but never below 0.1% (at 0.1% a 1,440 ×
 * 900 window holds a map of about 1,300,000 × 800,000 map units; the 55,000-card map of 12 stages and four
 * lanes is some 3,000 × 230,000 and fits at about 0.28%). The floor only keeps a zoom from reaching zero.
 */
export const MIN_SCALE_FLOOR = 0.001;

/** The zoom as the toolbar shows it: whole percents, and one decimal below 1% (Fit on the biggest maps). */
export function formatZoom(scale: number): string {
  const percent = scale * 100;
  return percent < 0.95 ? `${percent.toFixed(1)}%` : `${Math.round(percent)}%`;
}
export const MAX_SCALE = 3;
export const ZOOM_STEP = 1.2;
/**
 * Level of detail: below this zoom a card's text (13 px) would be under 5.2 px on screen, too small to read,
 * so the canvas draws the overview instead — cards as coloured blocks, headers at a fixed screen size.
 */
export const DETAIL_MIN_SCALE = 0.4;
/**
 * In the overview the stage row and the lane column keep the size they have at 60% (110 × 38 px) so their
 * names stay readable while the body goes on shrinking beside them.
 */
export const OVERVIEW_HEADER_SCALE = 0.6;

export type Detail = 'full' | 'overview';
/** What the canvas draws at a zoom: every card's text, or the overview. */
export const detailAt = (scale: number): Detail => (scale >= DETAIL_MIN_SCALE ? 'full' : 'overview');
/** Room kept around the map when it is fitted to the window (map units). */
const FIT_MARGIN = 24;

export interface Screen {
  width: number;
  height: number;
}

/**
 * The scale the headers are drawn at for a body drawn at `scale`: the body's own, and never below the overview's
 * fixed one. Continuous in the zoom, so the body never jumps when the canvas switches to the overview at 40%
 * (between 40% and 60% the full headers are drawn a little larger than the body).
 */
export const headerScale = (scale: number): number => Math.max(scale, OVERVIEW_HEADER_SCALE);
export const headerWidth = (scale: number): number => METRICS.laneHeaderWidth * headerScale(scale);
export const headerHeight = (scale: number): number => METRICS.stageHeaderHeight * headerScale(scale);

/** The body area's size on screen (the canvas minus the sticky headers). */
export function bodyViewport(x: number, y: number, scale: number, screen: Screen): Viewport {
  return {
    x,
    y,
    scale,
    width: Math.max(0, screen.width - headerWidth(scale)),
    height: Math.max(0, screen.height - headerHeight(scale)),
  };
}

/** Keep the map on screen: no scrolling past its far edges, and never before its start. */
export function clampScroll(v: Viewport, layout: Pick<MapLayout, 'width' | 'height'>): Viewport {
  const slack = 160; // a little room past the last stage and lane, for adding more
  const maxX = Math.max(0, layout.width + slack - v.width / v.scale);
  const maxY = Math.max(0, layout.height + slack - v.height / v.scale);
  return { ...v, x: Math.min(maxX, Math.max(0, v.x)), y: Math.min(maxY, Math.max(0, v.y)) };
}

/** Screen point → grid-body point (map units). */
export function toMap(v: Viewport, sx: number, sy: number): { x: number; y: number } {
  return { x: (sx - headerWidth(v.scale)) / v.scale + v.x, y: (sy - headerHeight(v.scale)) / v.scale + v.y };
}

/** Grid-body rectangle (map units) → screen rectangle (pixels). */
export function toScreen(v: Viewport, r: Rect): Rect {
  return {
    x: headerWidth(v.scale) + (r.x - v.x) * v.scale,
    y: headerHeight(v.scale) + (r.y - v.y) * v.scale,
    width: r.width * v.scale,
    height: r.height * v.scale,
  };
}

export function pan(v: Viewport, dxScreen: number, dyScreen: number): Viewport {
  return { ...v, x: v.x + dxScreen / v.scale, y: v.y + dyScreen / v.scale };
}

/** Zoom by `factor` keeping the map point under the screen point (sx, sy) where it is. */
export function zoomAt(v: Viewport, factor: number, sx: number, sy: number, screen: Screen, min = MIN_SCALE): Viewport {
  return zoomToAt(v, v.scale * factor, sx, sy, screen, min);
}

/**
 * Zoom to exactly `target` (100% is 1, not 0.9999…) keeping the map point under (sx, sy) where it is.
 * `min` is the smallest zoom allowed (the map's `minScale`).
 */
export function zoomToAt(v: Viewport, target: number, sx: number, sy: number, screen: Screen, min = MIN_SCALE): Viewport {
  const scale = Math.min(MAX_SCALE, Math.max(min, target));
  if (scale === v.scale) return v;
  const anchor = toMap(v, sx, sy);
  const next = bodyViewport(0, 0, scale, screen);
  return { ...next, x: anchor.x - (sx - headerWidth(scale)) / scale, y: anchor.y - (sy - headerHeight(scale)) / scale };
}

/** Zoom to `scale` keeping the map point at the body's top-left corner where it is (the zoom buttons). */
export function zoomKeepingCorner(v: Viewport, scale: number, screen: Screen, min = MIN_SCALE): Viewport {
  const next = Math.min(MAX_SCALE, Math.max(min, scale));
  return bodyViewport(v.x, v.y, next, screen);
}

/**
 * The largest zoom at which the whole map (and a margin) fits the screen beside the headers, unbounded. Down to
 * OVERVIEW_HEADER_SCALE the headers shrink with the map; below it they keep that size and only the body shrinks.
 */
export function fitScale(layout: Pick<MapLayout, 'width' | 'height'>, screen: Screen): number {
  const mapW = layout.width + FIT_MARGIN;
  const mapH = layout.height + FIT_MARGIN;
  const scaled = Math.min(screen.width / (mapW + METRICS.laneHeaderWidth), screen.height / (mapH + METRICS.stageHeaderHeight));
  if (scaled >= OVERVIEW_HEADER_SCALE) return scaled;
  const fixedW = screen.width - METRICS.laneHeaderWidth * OVERVIEW_HEADER_SCALE;
  const fixedH = screen.height - METRICS.stageHeaderHeight * OVERVIEW_HEADER_SCALE;
  return Math.min(fixedW / mapW, fixedH / mapH);
}

/**
 * The smallest zoom for this map in this window: the one at which it fits, but never more than MIN_SCALE (a
 * small map may still be zoomed out to 20%) nor less than MIN_SCALE_FLOOR.
 */
export function minScale(layout: Pick<MapLayout, 'width' | 'height'>, screen: Screen): number {
  return Math.min(MIN_SCALE, Math.max(MIN_SCALE_FLOOR, fitScale(layout, screen)));
}

/** The zoom at which the whole map fits the screen (capped at 100%, never below the floor), scrolled to its start. */
export function fitToScreen(layout: Pick<MapLayout, 'width' | 'height'>, screen: Screen): Viewport {
  const scale = Math.min(1, Math.max(MIN_SCALE_FLOOR, fitScale(layout, screen)));
  return bodyViewport(0, 0, scale, screen);
}

/** Scroll just enough to bring a rectangle (map units) fully into view. */
export function scrollIntoView(v: Viewport, r: Rect, margin = 24, axes: 'x' | 'y' | 'both' = 'both'): Viewport {
  const w = v.width / v.scale;
  const h = v.height / v.scale;
  let { x, y } = v;
  if (axes !== 'y') {
    if (r.x - margin < x) x = r.x - margin;
    else if (r.x + r.width + margin > x + w) x = r.x + r.width + margin - w;
  }
  if (axes !== 'x') {
    if (r.y - margin < y) y = r.y - margin;
    else if (r.y + r.height + margin > y + h) y = r.y + r.height + margin - h;
  }
  return { ...v, x: Math.max(0, x), y: Math.max(0, y) };
}

/** Where the body's map origin is on screen at a viewport (the layers of the body are placed there). */
export const bodyOrigin = (v: Viewport): { x: number; y: number } => ({ x: headerWidth(v.scale) - v.x * v.scale, y: headerHeight(v.scale) - v.y * v.scale });

/**
 * The CSS transform that shows a picture of the body drawn at viewport `drawn` as it is at viewport `live`
 * (every map point where `live` puts it): a scale about the canvas's top-left corner and a shift. '' when
 * they are the same view.
 */
export function previewTransform(drawn: Viewport, live: Viewport): string {
  const k = live.scale / drawn.scale;
  const from = bodyOrigin(drawn);
  const to = bodyOrigin(live);
  const tx = to.x - k * from.x;
  const ty = to.y - k * from.y;
  if (Math.abs(k - 1) < 1e-9 && Math.abs(tx) < 1e-6 && Math.abs(ty) < 1e-6) return '';
  return `matrix(${k}, 0, 0, ${k}, ${tx}, ${ty})`;
}

/**
 * How far a zoom may scale the body's last picture before it is drawn anew mid-gesture: beyond ×2 text is
 * blurred, below ÷2 three quarters of the window would show nothing.
 */
export const PREVIEW_RANGE = 2;

/**
 * During a wheel or pinch zoom, the viewport the body stays drawn at: the one it shows (`held`, or the last
 * drawn when the zoom starts) while `live` zooms in no more than PREVIEW_RANGE past it and the picture still
 * covers as much of the window as a zoom out by PREVIEW_RANGE leaves (a quarter: that is what bounds a zoom
 * out, and a pinch's pan too, which may move the picture off the window), else `live` itself.
 */
export function heldView(held: Viewport, live: Viewport): Viewport {
  if (live.scale / held.scale > PREVIEW_RANGE) return live;
  return pictureShare(held, live) < 1 / PREVIEW_RANGE ** 2 ? live : held;
}

/** How much of the body `live` shows (its area in map units) the picture drawn at `held` covers, 0 to 1. */
export function pictureShare(held: Viewport, live: Viewport): number {
  const w = live.width / live.scale;
  const h = live.height / live.scale;
  if (w * h === 0) return 1;
  const across = Math.min(live.x + w, held.x + held.width / held.scale) - Math.max(live.x, held.x);
  const down = Math.min(live.y + h, held.y + held.height / held.scale) - Math.max(live.y, held.y);
  return (Math.max(0, across) * Math.max(0, down)) / (w * h);
}

/** Two fingers on the canvas (px from its top-left corner). */
export interface TouchPair {
  a: { x: number; y: number };
  b: { x: number; y: number };
}

/** The point halfway between two fingers, and how far apart they are (px). */
export function touchSpan(p: TouchPair): { x: number; y: number; distance: number } {
  return { x: (p.a.x + p.b.x) / 2, y: (p.a.y + p.b.y) / 2, distance: Math.hypot(p.b.x - p.a.x, p.b.y - p.a.y) };
}

/**
 * A two-finger pinch on a touchscreen: the view `start` (shown when the fingers were at `from`) zoomed by how
 * far apart they are now against then, and moved with their midpoint, so the map point that was under the
 * midpoint stays under it (the wheel zoom's anchor, and a pan). Always from the start, never step by step, so
 * fingers back where they began give back the start view. Within `min` (the map's minScale) and MAX_SCALE;
 * fingers that began at one point (no distance to compare with) only pan.
 */
export function pinchView(start: Viewport, from: TouchPair, to: TouchPair, screen: Screen, min = MIN_SCALE): Viewport {
  const a = touchSpan(from);
  const b = touchSpan(to);
  const target = a.distance > 0 ? (start.scale * b.distance) / a.distance : start.scale;
  const scale = Math.min(MAX_SCALE, Math.max(min, target));
  const anchor = toMap(start, a.x, a.y);
  const next = bodyViewport(0, 0, scale, screen);
  return { ...next, x: anchor.x - (b.x - headerWidth(scale)) / scale, y: anchor.y - (b.y - headerHeight(scale)) / scale };
}
