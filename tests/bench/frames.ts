/**
 * Runs inside the page: drives the canvas with one input event per animation frame for `durationMs`
 * and returns the intervals between frames (ms) and the viewport the app reported at each frame. A frame
 * that took longer than 16.7 ms shows as a long interval. Input is dispatched as DOM events, so
 * Playwright's round trips do not pace it.
 *
 * Each event is dispatched from a task posted by the frame's animation-frame callback, so it arrives
 * between frames, after the frame's work (as a browser delivers input), not in the middle of the
 * app's own animation-frame callbacks.
 *
 * For a drag, the pointer wanders around the grab point for `durationMs` and is then released over
 * `drop` (a point in another cell), so that the caller can check over HTTP that the card moved.
 */
import type {} from '../../renderer/src/canvas/CanvasView.tsx';

export type FrameAction = 'pan' | 'zoom' | 'zoom-deep' | 'drag' | 'pinch';

/**
 * The Ctrl+wheel input of the zoom actions: `deltaY` per event, turning every `turn` events. 'zoom' zooms in
 * from 100% by ×1.03 an event (to the 300% ceiling) and back; 'zoom-deep' zooms out by ×0.91 an event, from
 * 100% through the overview (below 40%) to about 2.5%, and back in: the level-of-detail switch both ways.
 */
export const ZOOM_INPUT = { zoom: { deltaY: -12, turn: 40 }, 'zoom-deep': { deltaY: 36, turn: 40 } } as const;
/**
 * The two fingers of 'pinch', on a touchscreen at the canvas's middle: their spread goes from `from` px to `to` px
 * and back every 2 × `turn` events (a zoom from the start's to 3× it, the 300% ceiling from 100%), the pair
 * drifting `drift` px to each side as it goes (the pan a pinch makes).
 */
export const PINCH_INPUT = { from: 120, to: 360, turn: 45, drift: 40 } as const;
/** The fingers' spread and the pair's drift at event `i` of 'pinch'. */
export function pinchAt(i: number): { spread: number; dx: number } {
  const { from, to, turn, drift } = PINCH_INPUT;
  const phase = (i % (2 * turn)) / turn; // 0 → 2
  const t = phase <= 1 ? phase : 2 - phase;
  return { spread: from + (to - from) * t, dx: drift * Math.sin(i / 20) };
}
export interface ViewportSample {
  x: number;
  y: number;
  scale: number;
}
export interface FrameRun {
  deltas: number[];
  /** window.waymarkCanvas.viewport() read at every frame, starting before the first input. */
  viewports: ViewportSample[];
  /** Input events dispatched. */
  events: number;
}
export interface Point {
  x: number;
  y: number;
}

export function driveFrames(args: {
  action: FrameAction;
  durationMs: number;
  grab: Point | null;
  drop: Point | null;
  zoom?: { deltaY: number; turn: number };
  pinch?: { from: number; to: number; turn: number; drift: number };
}): Promise<FrameRun> {
  const box = document.querySelector('.canvas-box');
  if (!(box instanceof HTMLElement)) throw new Error('no canvas');
  const rect = box.getBoundingClientRect();
  const cx = rect.left + rect.width / 2;
  const cy = rect.top + rect.height / 2;
  const pointer = (type: string, x: number, y: number) =>
    box.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, bubbles: true, cancelable: true, pointerId: 1, pointerType: 'mouse', button: 0, buttons: type === 'pointerup' ? 0 : 1, isPrimary: true }));
  // pinchAt, again here: this function runs in the page, where the module's own functions are not.
  const { from, to, turn, drift } = args.pinch ?? { from: 0, to: 0, turn: 1, drift: 0 };
  const fingers = (type: string, i: number) => {
    const phase = (i % (2 * turn)) / turn;
    const spread = from + (to - from) * (phase <= 1 ? phase : 2 - phase);
    const dx = drift * Math.sin(i / 20);
    for (const [id, side] of [[11, -1], [12, 1]] as const) {
      box.dispatchEvent(
        new PointerEvent(type, { clientX: cx + dx + (side * spread) / 2, clientY: cy, bubbles: true, cancelable: true, pointerId: id, pointerType: 'touch', button: 0, buttons: type === 'pointerup' ? 0 : 1, isPrimary: id === 11 }),
      );
    }
  };
  const sample = (): ViewportSample => {
    const v = window.waymarkCanvas?.viewport();
    return v ? { x: v.x, y: v.y, scale: v.scale } : { x: NaN, y: NaN, scale: NaN };
  };
  const input = (i: number) => {
    if (args.action === 'pan') {
      const down = Math.floor(i / 60) % 2 === 0;
      box.dispatchEvent(new WheelEvent('wheel', { deltaX: down ? 6 : -6, deltaY: down ? 24 : -24, clientX: cx, clientY: cy, bubbles: true, cancelable: true }));
    } else if (args.action === 'zoom' || args.action === 'zoom-deep') {
      const { deltaY, turn } = args.zoom ?? { deltaY: 0, turn: 1 };
      const first = Math.floor(i / turn) % 2 === 0;
      box.dispatchEvent(new WheelEvent('wheel', { deltaY: first ? deltaY : -deltaY, ctrlKey: true, clientX: cx, clientY: cy, bubbles: true, cancelable: true }));
    } else if (args.action === 'pinch') {
      fingers('pointermove', i);
    } else if (args.grab) {
      pointer('pointermove', args.grab.x + 120 * Math.sin(i / 15), args.grab.y + 80 * Math.cos(i / 15));
    }
  };
  const channel = new MessageChannel();
  const viewports = [sample()];
  if (args.action === 'drag' && args.grab) pointer('pointerdown', args.grab.x, args.grab.y);
  if (args.action === 'pinch') fingers('pointerdown', 0);
  return new Promise((resolve) => {
    const deltas: number[] = [];
    let last = -1;
    let start = -1;
    let i = 0;
    const settle = (frames: number) => {
      if (frames > 0) {
        requestAnimationFrame(() => settle(frames - 1));
        return;
      }
      viewports.push(sample());
      channel.port1.close();
      resolve({ deltas, viewports, events: i });
    };
    channel.port1.onmessage = () => {
      if (last - start >= args.durationMs) {
        if (args.action === 'drag' && args.grab) {
          const end = args.drop ?? { x: args.grab.x + 120 * Math.sin(i / 15), y: args.grab.y + 80 * Math.cos(i / 15) };
          pointer('pointermove', end.x, end.y);
          pointer('pointerup', end.x, end.y);
        }
        if (args.action === 'pinch') fingers('pointerup', i - 1);
        settle(3); // let the last input reach the screen, then read the viewport once more
        return;
      }
      input(i++);
      requestAnimationFrame(frame);
    };
    const frame = (t: number) => {
      if (start < 0) start = t;
      if (last >= 0) {
        deltas.push(t - last);
        viewports.push(sample());
      }
      last = t;
      channel.port2.postMessage(0);
    };
    requestAnimationFrame(frame);
  });
}

/** Runs inside the page: `count` plain wheel scrolls of `deltaY` px, one per frame (as above), then three frames to draw. */
export function nudgePan(args: { count: number; deltaY: number }): Promise<void> {
  const box = document.querySelector('.canvas-box');
  if (!(box instanceof HTMLElement)) throw new Error('no canvas');
  const rect = box.getBoundingClientRect();
  const cx = rect.left + rect.width / 2;
  const cy = rect.top + rect.height / 2;
  const channel = new MessageChannel();
  return new Promise((resolve) => {
    let i = 0;
    channel.port1.onmessage = () => {
      if (i < args.count) box.dispatchEvent(new WheelEvent('wheel', { deltaY: args.deltaY, clientX: cx, clientY: cy, bubbles: true, cancelable: true }));
      if (i++ < args.count + 3) requestAnimationFrame(() => channel.port2.postMessage(0));
      else {
        channel.port1.close();
        resolve();
      }
    };
    requestAnimationFrame(() => channel.port2.postMessage(0));
  });
}
