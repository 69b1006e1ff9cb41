/**
 * Drawing a PNG export: a prepared job (prepare.ts) is drawn tile by tile with Konva off screen and handed
 * to the streaming encoder a row of tiles at a time, so no canvas is ever bigger than Chromium draws and the
 * whole picture is never held as raw pixels. Every tile is checked after drawing: its canvas is the size it
 * was asked for and it has ink where the layout says there is some, else the export stops in words and
 * nothing is saved. Progress is reported after each tile; an AbortSignal cancels between tiles.
 */
import type Konva from 'konva';
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { visibleItems } from '../../canvas/layout.ts';
import { SceneCanvas } from 'konva/lib/Canvas.js';
import { startEncoder } from './workerEncoder.ts';
import { ExportScene } from './ExportScene.tsx';
import type { PngJob } from './prepare.ts';
import { isFlat, marksInTile, tileViewport } from './scene.ts';
import type { Region } from './tilePlan.ts';

export interface PngProgress {
  done: number;
  total: number;
}

export interface RenderOptions {
  signal?: AbortSignal;
  onProgress?: (progress: PngProgress) => void;
  /** Bytes per IDAT chunk (tests use small ones). */
  idatSize?: number;
}

/** A tile came out blank or the wrong size: the picture would be wrong, so nothing is saved. */
export class PngDrawError extends Error {
  override name = 'PngDrawError';
}

/** Let the window paint the progress and take a click on Cancel between tiles. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** How far past a tile's edges shapes are still created, so strokes and shadows that cross it are drawn. */
const CULL_MARGIN = 16;

/** Draw the job and encode it: the PNG as a Blob (type image/png). */
export async function renderPng(job: PngJob, options: RenderOptions = {}): Promise<Blob> {
  const { plan, frame, layout } = job;
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  const host = document.createElement('div');
  const root = createRoot(host);
  const stage: { current: Konva.Stage | null } = { current: null };
  const encoder = startEncoder({ width: plan.width, height: plan.height, alpha: job.transparent }, options.idatSize ? { idatSize: options.idatSize } : {});
  let done = 0;
  // One band is encoded while the next row of tiles is drawn.
  let writing: Promise<void> = Promise.resolve();
  try {
    for (const row of plan.rows) {
      // Tiles side by side are put together into the row's full-width lines; a strip is its own.
      const band = row.tiles.length > 1 ? new Uint8ClampedArray(plan.width * row.height * 4) : null;
      let rowPixels: Uint8ClampedArray | null = null;
      for (const tile of row.tiles) {
        signal?.throwIfAborted();
        const visible = visibleItems(layout, tileViewport(frame, tile.source), CULL_MARGIN / frame.zoom);
        flushSync(() =>
          root.render(
            createElement(ExportScene, {
              store: job.store,
              layout,
              frame,
              visible,
              band: job.band,
              transparent: job.transparent,
              paper: plan.region,
              stageRef: (s: Konva.Stage | null) => {
                stage.current = s;
              },
            }),
          ),
        );
        const konva = stage.current;
        if (!konva) throw new PngDrawError('The picture could not be drawn: the drawing surface did not start.');
        const pixels = readPixels(drawTile(konva, tile.source, plan.scale), tile.width, tile.height, tile.index);
        for (const mark of marksInTile(job.marks, tile.source, plan.scale)) {
          if (isFlat(pixels, tile.width, mark)) {
            throw new PngDrawError(`Part ${tile.index + 1} of ${plan.count} of the picture came out blank where ${mark.what} should be; nothing was saved. Try a smaller scale.`);
          }
        }
        if (band) {
          // Side by side: each of the tile's lines goes to its place in the row's full-width lines.
          for (let y = 0; y < tile.height; y++) band.set(pixels.subarray(y * tile.width * 4, (y + 1) * tile.width * 4), (y * plan.width + tile.x) * 4);
          rowPixels = band;
        } else {
          rowPixels = pixels;
        }
        done++;
        onProgress?.({ done, total: plan.count });
        await breathe();
      }
      signal?.throwIfAborted();
      await writing;
      if (rowPixels) writing = encoder.writeRows(rowPixels, row.height);
      // A failure is seen at the next await; until then it is not an unhandled rejection.
      writing.catch(() => undefined);
    }
    await writing;
    signal?.throwIfAborted();
    return await encoder.finish();
  } catch (error) {
    encoder.abort(error);
    throw error;
  } finally {
    root.unmount();
  }
}

/**
 * Draw every layer of the scene onto one canvas of the tile's size at the export's scale, as
 * `stage.toCanvas` would, but without a canvas of that size for each layer to be composited: the layers of
 * the export draw with no blending modes that would need them apart.
 */
function drawTile(stage: Konva.Stage, source: Region, scale: number): HTMLCanvasElement {
  const canvas = new SceneCanvas({ width: source.width, height: source.height, pixelRatio: scale });
  const context = canvas.getContext();
  context.translate(-source.x, -source.y);
  for (const layer of stage.getLayers()) {
    if (!layer.isVisible()) continue;
    // Each layer would clear the canvas before drawing itself on its own one.
    layer.clearBeforeDraw(false);
    layer.drawScene(canvas);
  }
  return canvas._canvas;
}

/** A tile's pixels, after checking that the canvas is as big as the tile (else part of it would be missing). */
function readPixels(canvas: HTMLCanvasElement, width: number, height: number, index: number): Uint8ClampedArray {
  if (canvas.width !== width || canvas.height !== height) {
    throw new PngDrawError(`Part ${index + 1} of the picture was drawn ${canvas.width} × ${canvas.height} pixels instead of ${width} × ${height}; nothing was saved.`);
  }
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new PngDrawError('The picture could not be drawn: this window gave no drawing surface.');
  const data = context.getImageData(0, 0, width, height).data;
  // Let the canvas's memory go now rather than when it is collected.
  canvas.width = 0;
  canvas.height = 0;
  return data;
}
