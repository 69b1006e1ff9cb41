/**
 * A PNG export before anything is drawn: what to draw (the whole map with its band, the selection, the
 * current view), at which scale and background, laid out from the map as it is now — or, past the stated
 * maximum, why not and the largest scale that fits. The store is frozen for the job: an edit made while a
 * big map is drawn does not end up in half of its tiles.
 */
import { createStore } from 'zustand/vanilla';
import { layoutModel, type MapLayout, type MeasureText, type Viewport } from '../../canvas/layout.ts';
import { createCanvasMeasure } from '../../canvas/measure.ts';
import type { Screen } from '../../canvas/viewport.ts';
import { editedCurve } from '../../store/curveChoice.ts';
import type { MapState, MapStore } from '../../store/mapStore.ts';
import { MAP_FRAME, bandLayout, inkMarks, mapRegion, selectionRegion, viewFrame, viewRegion, type BandLayout, type InkMark, type SceneFrame } from './scene.ts';
import { planTiles, refusalMessage, type PlanResult, type PngLimits, type PngScale, type TilePlan, PNG_LIMITS } from './tilePlan.ts';

export type PngWhat = 'map' | 'selection' | 'view';

export interface PngOptions {
  what: PngWhat;
  scale: PngScale;
  transparent: boolean;
}

/** What the canvas shows now, for the current view (absent when the map is shown as a table). */
export interface OnScreen {
  layout: MapLayout;
  viewport: Viewport;
  screen: Screen;
}

export interface PngJob {
  options: PngOptions;
  store: MapStore;
  layout: MapLayout;
  frame: SceneFrame;
  band: BandLayout | null;
  plan: TilePlan;
  marks: readonly InkMark[];
  transparent: boolean;
  /** The file name to offer. */
  fileName: string;
}

export type Prepared = { ok: true; job: PngJob } | { ok: false; message: string; plan: PlanResult | null };

/** A name for the file from the map's title: no characters a file system refuses, never empty. */
export function pngFileName(title: string, what: PngWhat): string {
  const base =
    title
      // eslint-disable-next-line no-control-regex
      .replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^\.+/, '')
      .slice(0, 120)
      .trim() || 'Journey map';
  return `${base}${what === 'selection' ? ' (selection)' : what === 'view' ? ' (view)' : ''}.png`;
}

let canvasMeasure: MeasureText | null = null;
/** The canvas's own text measure (the same font and wrapping), made once: it caches what it measured. */
const measureOnCanvas: MeasureText = (text, width) => (canvasMeasure ??= createCanvasMeasure())(text, width);

export interface PrepareDeps {
  limits?: PngLimits;
  /** How text is measured for the layout; the canvas's own measure unless told. */
  measure?: MeasureText;
}

/** The map as the export will draw it: the canvas's own layout, from a copy of the store's state. */
function frozen(store: MapStore, measure: MeasureText): { store: MapStore; state: MapState; layout: MapLayout } {
  const state = store.getState();
  const copy = createStore<MapState>()(() => state);
  const layout = layoutModel(state, measure, editedCurve(state));
  return { store: copy, state, layout };
}

/** Plan an export, or say why it cannot be made (nothing selected, too big at this scale). */
export function preparePng(store: MapStore, options: PngOptions, onScreen: OnScreen | null, deps: PrepareDeps = {}): Prepared {
  const limits = deps.limits ?? PNG_LIMITS;
  const { store: copy, state, layout: ownLayout } = frozen(store, deps.measure ?? measureOnCanvas);
  let layout = ownLayout;
  let frame: SceneFrame = MAP_FRAME;
  let band: BandLayout | null = null;
  let region;
  let what = 'This map';
  if (options.what === 'map') {
    band = bandLayout({
      title: state.map.title,
      description: state.map.description,
      // In the map's order, as the curves take their colours and markers from it.
      personas: state.personas.map((p) => ({ id: p.id, name: p.name, role: p.role, color: p.color })),
      curves: layout.lanes.some((l) => l.kind === 'emotion' && !l.collapsed),
      width: mapRegion(layout, 0).width,
    });
    region = mapRegion(layout, band.height);
  } else if (options.what === 'selection') {
    region = selectionRegion(layout, state.selection);
    what = 'The selection';
    if (!region) return { ok: false, message: 'Nothing is selected: select cards, a cell, a stage or a lane first.', plan: null };
  } else {
    if (!onScreen || onScreen.screen.width < 1 || onScreen.screen.height < 1) return { ok: false, message: 'The current view is the canvas on screen: switch to the canvas first.', plan: null };
    layout = onScreen.layout;
    frame = viewFrame(onScreen.viewport);
    region = viewRegion(onScreen.screen);
    what = 'The current view';
  }
  const plan = planTiles(region, options.scale, limits);
  if (!plan.ok) return { ok: false, message: refusalMessage(plan, what, limits), plan };
  return {
    ok: true,
    job: {
      options,
      store: copy,
      layout,
      frame,
      band,
      plan: plan.plan,
      marks: inkMarks(layout, frame, band),
      transparent: options.transparent,
      fileName: pngFileName(state.map.title, options.what),
    },
  };
}
