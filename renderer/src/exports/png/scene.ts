/**
 * What a PNG export draws, as pure geometry from the map's layout (renderer/src/canvas/layout.ts): the
 * scene (the canvas as if its window were as big as the map, or the canvas exactly as on screen), the band
 * above the map with its title, personas and legend, the region of the scene that becomes the picture
 * (the whole map, the selection, the current view), what each tile must cull to, and where the drawing must
 * have ink (checked after each tile is drawn, so a blank or cut-off picture is never saved).
 *
 * Scene units: the canvas's stage coordinates at pixel ratio 1 — map units for the whole map (its top-left
 * corner box at 0, 0, the band above it at negative y), screen pixels for the current view.
 */
import { METRICS, type MapLayout, type Rect, type Viewport } from '../../canvas/layout.ts';
import { bodyOrigin } from '../../canvas/viewport.ts';
import type { Selection } from '../../store/selection.ts';
import type { Region } from './tilePlan.ts';

const LW = METRICS.laneHeaderWidth;
const SH = METRICS.stageHeaderHeight;

/** Where the canvas's layers put the grid body, in scene units, and at what zoom. */
export interface SceneFrame {
  kind: 'map' | 'view';
  bodyX: number;
  bodyY: number;
  zoom: number;
  /** The top of the body in view (map units): tall lanes pin their titles to it, as on screen. */
  viewTop: number;
}

/** The whole map: the canvas scrolled to its start at 100%, with nothing cut off. */
export const MAP_FRAME: SceneFrame = { kind: 'map', bodyX: LW, bodyY: SH, zoom: 1, viewTop: 0 };

/** The canvas as the person sees it now (its headers at their own scale, as the canvas draws them). */
export function viewFrame(viewport: Viewport): SceneFrame {
  const body = bodyOrigin(viewport);
  return { kind: 'view', bodyX: body.x, bodyY: body.y, zoom: viewport.scale, viewTop: viewport.y };
}

/** A grid-body rectangle (map units) in scene units. */
export function toScene(frame: SceneFrame, r: Rect): Rect {
  return { x: frame.bodyX + r.x * frame.zoom, y: frame.bodyY + r.y * frame.zoom, width: r.width * frame.zoom, height: r.height * frame.zoom };
}

/** The grid-body part a tile shows, as a viewport to cull with (layout.visibleItems). */
export function tileViewport(frame: SceneFrame, source: Region): Viewport {
  return { x: (source.x - frame.bodyX) / frame.zoom, y: (source.y - frame.bodyY) / frame.zoom, scale: frame.zoom, width: source.width, height: source.height };
}

// ---- The band: title, description, personas, legend --------------------------------------------------

export const BAND = {
  padX: 24,
  padTop: 20,
  padBottom: 14,
  titleSize: 24,
  titleHeight: 32,
  descriptionSize: 13,
  descriptionHeight: 22,
  gap: 8,
  chipWidth: 232,
  chipHeight: 40,
  chipGap: 8,
  legendHeight: 22,
} as const;

export interface BandPersona {
  id: string;
  name: string;
  role: string;
  color: string | null;
}

export interface BandInput {
  title: string;
  description: string;
  personas: readonly BandPersona[];
  /** Whether the map has an emotion lane (the legend then keys its curves). */
  curves: boolean;
  /** The picture's width, in map units. */
  width: number;
}

export interface BandChip extends Rect {
  persona: BandPersona;
  /** The persona's place on the map (its curve's colour and marker follow it). */
  index: number;
}

export interface BandLayout {
  height: number;
  width: number;
  title: Rect & { text: string };
  description: (Rect & { text: string }) | null;
  chips: readonly BandChip[];
  legend: Rect & { curves: boolean };
}

/** The band's geometry, relative to its own top-left corner. */
export function bandLayout(input: BandInput): BandLayout {
  const inner = Math.max(1, input.width - 2 * BAND.padX);
  let y = BAND.padTop;
  const title = { x: BAND.padX, y, width: inner, height: BAND.titleHeight, text: input.title };
  y += BAND.titleHeight;
  const text = input.description.replace(/\s+/g, ' ').trim();
  const description = text ? { x: BAND.padX, y, width: inner, height: BAND.descriptionHeight, text } : null;
  if (description) y += BAND.descriptionHeight;
  y += BAND.gap;
  const perRow = Math.max(1, Math.floor((inner + BAND.chipGap) / (BAND.chipWidth + BAND.chipGap)));
  const chipWidth = Math.min(BAND.chipWidth, inner);
  const chips = input.personas.map((persona, index): BandChip => ({
    persona,
    index,
    x: BAND.padX + (index % perRow) * (BAND.chipWidth + BAND.chipGap),
    y: y + Math.floor(index / perRow) * (BAND.chipHeight + BAND.chipGap),
    width: chipWidth,
    height: BAND.chipHeight,
  }));
  const chipRows = Math.ceil(chips.length / perRow);
  y += chipRows * (BAND.chipHeight + BAND.chipGap);
  const legend = { x: BAND.padX, y, width: inner, height: BAND.legendHeight, curves: input.curves };
  y += BAND.legendHeight + BAND.padBottom;
  return { height: y, width: input.width, title, description, chips, legend };
}

/** The whole map with the band above it, in scene units (the band's top is at −height). */
export function mapRegion(layout: Pick<MapLayout, 'width' | 'height'>, bandHeight: number): Region {
  return { x: 0, y: 0 - bandHeight, width: LW + layout.width, height: bandHeight + SH + layout.height };
}

/** The current view: the canvas's box. */
export function viewRegion(screen: { width: number; height: number }): Region {
  return { x: 0, y: 0, width: screen.width, height: screen.height };
}

/** Room left around a selection. */
export const SELECTION_MARGIN = 16;

/**
 * The selection in the whole map's scene (no band): the selected cards, cell, stage (with its header) or
 * lane (with its header), a margin around, kept inside the map; null when nothing is selected.
 */
export function selectionRegion(layout: MapLayout, selection: Selection): Region | null {
  let r: Rect | null = null;
  const body = (b: Rect) => toScene(MAP_FRAME, b);
  switch (selection.kind) {
    case 'cards': {
      const boxes = selection.ids.map((id) => layout.cards.get(id)).filter((b) => b !== undefined);
      if (boxes.length === 0) return null;
      const x0 = Math.min(...boxes.map((b) => b.x));
      const y0 = Math.min(...boxes.map((b) => b.y));
      const x1 = Math.max(...boxes.map((b) => b.x + b.width));
      const y1 = Math.max(...boxes.map((b) => b.y + b.height));
      r = body({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
      break;
    }
    case 'cell':
    case 'emotion': {
      const cell = layout.cells.get(`${selection.cell.laneId}|${selection.cell.stageId}`);
      r = cell ? body(cell) : null;
      break;
    }
    case 'stage': {
      const s = layout.stages.find((b) => b.id === selection.id);
      r = s ? { x: LW + s.x, y: 0, width: s.width, height: SH + layout.height } : null;
      break;
    }
    case 'lane': {
      const l = layout.lanes.find((b) => b.id === selection.id);
      r = l ? { x: 0, y: SH + l.y, width: LW + layout.width, height: l.height } : null;
      break;
    }
  }
  if (!r) return null;
  const m = SELECTION_MARGIN;
  const x0 = Math.max(0, r.x - m);
  const y0 = Math.max(0, r.y - m);
  const x1 = Math.min(LW + layout.width, r.x + r.width + m);
  const y1 = Math.min(SH + layout.height, r.y + r.height + m);
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

// ---- Ink: where the drawing cannot be blank -------------------------------------------------------------

/** A place that must not come out as one flat colour, and what it is (for the message when it does). */
export interface InkMark extends Rect {
  what: string;
}

/**
 * Where the picture must have ink, in scene units: the title's first letters, the top of each stage header
 * (its coloured bar and its name), and every card (its outline and text). A mark is checked in a tile that holds it whole.
 */
export function inkMarks(layout: MapLayout, frame: SceneFrame, band: BandLayout | null): InkMark[] {
  const marks: InkMark[] = [];
  if (band && band.title.text.trim() !== '') {
    const t = band.title;
    // The first letters: the title is ellipsized at the band's width, so its start is always drawn.
    marks.push({ what: 'the title', x: t.x, y: t.y - band.height, width: Math.min(t.width, 60), height: t.height });
  }
  // The header row and column stay put while the body scrolls under them: a mark under them is hidden (in
  // the current view; the whole map's body starts where they end).
  const left = LW * frame.zoom;
  const top = SH * frame.zoom;
  for (const s of layout.stages) {
    // The stage's colour bar and the start of its name on the header's fill (the header row is at the top
    // of the scene), so a stage coloured like the header still has ink there.
    const x = frame.bodyX + (s.x + 2) * frame.zoom;
    if (x >= left) marks.push({ what: 'a stage header', x, y: 0, width: (s.width - 4) * frame.zoom, height: 32 * frame.zoom });
  }
  for (const [id, box] of layout.cards) {
    const r = toScene(frame, box);
    if (r.x >= left && r.y >= top) marks.push({ what: `the card ${id}`, ...r });
  }
  return marks;
}

/** The marks a tile holds whole (at most `limit`, first ones first), in the tile's own pixels. */
export function marksInTile(marks: readonly InkMark[], source: Region, scale: number, limit = 4): InkMark[] {
  const out: InkMark[] = [];
  for (const m of marks) {
    if (out.length >= limit) break;
    if (m.x < source.x || m.y < source.y || m.x + m.width > source.x + source.width || m.y + m.height > source.y + source.height) continue;
    const x0 = Math.floor((m.x - source.x) * scale);
    const y0 = Math.floor((m.y - source.y) * scale);
    const x1 = Math.ceil((m.x + m.width - source.x) * scale);
    const y1 = Math.ceil((m.y + m.height - source.y) * scale);
    if (x1 - x0 < 2 || y1 - y0 < 2) continue;
    out.push({ what: m.what, x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
  }
  return out;
}

/**
 * Whether a rectangle of RGBA pixels (a tile's ImageData, `width` pixels a row) is all one colour: where a
 * mark says there is ink, that means the tile was not drawn (a canvas over Chromium's limits stays empty).
 */
export function isFlat(data: Uint8ClampedArray | Uint8Array, width: number, r: Rect): boolean {
  const words = new Uint32Array(data.buffer, data.byteOffset, Math.floor(data.length / 4));
  const first = words[r.y * width + r.x];
  for (let y = r.y; y < r.y + r.height; y++) {
    const row = y * width;
    for (let x = r.x; x < r.x + r.width; x++) if (words[row + x] !== first) return false;
  }
  return true;
}
