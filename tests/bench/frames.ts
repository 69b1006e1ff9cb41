/**
 * Runs inside the page: drives the canvas with one input event per animation frame for `durationMs`
 * and returns the intervals between frames (ms). A frame that took longer than 16.7 ms shows as a long
 * interval. Input is dispatched as DOM events, so Playwright's round trips do not pace it.
 */
export type FrameAction = 'pan' | 'zoom' | 'drag';

export function driveFrames(args: { action: FrameAction; durationMs: number; grab: { x: number; y: number } | null }): Promise<number[]> {
  const box = document.querySelector('.canvas-box');
  if (!(box instanceof HTMLElement)) throw new Error('no canvas');
  const rect = box.getBoundingClientRect();
  const cx = rect.left + rect.width / 2;
  const cy = rect.top + rect.height / 2;
  const pointer = (type: string, x: number, y: number) =>
    box.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, bubbles: true, cancelable: true, pointerId: 1, pointerType: 'mouse', button: 0, buttons: type === 'pointerup' ? 0 : 1, isPrimary: true }));
  if (args.action === 'drag' && args.grab) pointer('pointerdown', args.grab.x, args.grab.y);
  return new Promise((resolve) => {
    const deltas: number[] = [];
    let last = -1;
    let start = -1;
    let i = 0;
    const frame = (t: number) => {
      if (start < 0) start = t;
      if (last >= 0) deltas.push(t - last);
      last = t;
      if (t - start >= args.durationMs) {
        if (args.action === 'drag' && args.grab) pointer('pointerup', args.grab.x + 120 * Math.sin(i / 15), args.grab.y + 80 * Math.cos(i / 15));
        resolve(deltas);
        return;
      }
      if (args.action === 'pan') {
        const down = Math.floor(i / 60) % 2 === 0;
        box.dispatchEvent(new WheelEvent('wheel', { deltaX: down ? 6 : -6, deltaY: down ? 24 : -24, clientX: cx, clientY: cy, bubbles: true, cancelable: true }));
      } else if (args.action === 'zoom') {
        const zoomIn = Math.floor(i / 40) % 2 === 0;
        box.dispatchEvent(new WheelEvent('wheel', { deltaY: zoomIn ? -12 : 12, ctrlKey: true, clientX: cx, clientY: cy, bubbles: true, cancelable: true }));
      } else if (args.grab) {
        pointer('pointermove', args.grab.x + 120 * Math.sin(i / 15), args.grab.y + 80 * Math.cos(i / 15));
      }
      i++;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}
