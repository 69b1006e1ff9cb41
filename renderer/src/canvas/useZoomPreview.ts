/**
 * Wheel and pinch zoom without drawing the map anew at every step. While a zoom goes on, the body's layers
 * (the grid, the cards, the curves: those named BODY_LAYER) keep the picture they drew last and the browser
 * scales it into place, a CSS transform of their canvases and no new raster (text at a new size every frame
 * is what held zooming on a big map to 20–30 frames a second). The headers, the selection and every hit test
 * follow the live zoom at once. The body is drawn anew at the live zoom when the zoom pauses
 * (ZOOM_SETTLE_MS), or mid-zoom once its picture would be scaled past PREVIEW_RANGE; each new picture takes
 * its transform with the frame that draws it, so what is on screen never jumps.
 */
import type Konva from 'konva';
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { Viewport } from './layout.ts';
import { heldView, previewTransform } from './viewport.ts';

/** The name of the layers whose picture a zoom scales (the grid and the content). */
export const BODY_LAYER = 'canvas-body';

const sameView = (a: Viewport, b: Viewport): boolean => a.x === b.x && a.y === b.y && a.scale === b.scale && a.width === b.width && a.height === b.height;

/** The viewport the body's layers are drawn at now: `live`, or during a zoom the one whose picture is scaled. */
export function useZoomPreview(live: Viewport, zoomingFrom: Viewport | null, stage: RefObject<Konva.Stage | null>): Viewport {
  const [held, setHeld] = useState<Viewport | null>(null);
  let body = live;
  if (zoomingFrom) {
    const next = heldView(held ?? zoomingFrom, live);
    if (next !== held) setHeld(next); // adjusting state while rendering: React renders again at once
    body = next;
  } else if (held !== null) setHeld(null);

  const drawnAt = useRef(body);
  const target = useRef('');
  /** A new picture is on its way (the layers draw it on the next animation frame): the transform waits for it. */
  const waiting = useRef(0);
  const generation = useRef(0);
  useLayoutEffect(() => {
    target.current = previewTransform(body, live);
    const layers = stage.current?.find<Konva.Layer>(`.${BODY_LAYER}`) ?? [];
    const apply = () => {
      waiting.current = 0;
      for (const layer of layers) {
        layer.off('draw.zoomPreview');
        const style = layer.getCanvas()._canvas.style;
        if (style.transform === target.current) continue;
        style.transformOrigin = '0 0';
        style.transform = target.current;
        // Scaled by the compositor, as a layer of its own, while the zoom goes on.
        style.willChange = target.current === '' ? '' : 'transform';
      }
    };
    // The layers draw anew (Konva batches it to the next animation frame) when the view they show changed.
    if (!sameView(drawnAt.current, body)) {
      drawnAt.current = body;
      const gen = (waiting.current = ++generation.current);
      for (const layer of layers) {
        layer.off('draw.zoomPreview');
        layer.on('draw.zoomPreview', apply);
      }
      // Should no layer draw (nothing in them changed), the transform still follows.
      requestAnimationFrame(() => requestAnimationFrame(() => waiting.current === gen && apply()));
    } else if (waiting.current === 0) apply();
  });
  return body;
}
