/** Where the canvas's view is, and the toolbar's zoom steps, for the benchmarks that measure it zoomed out. */
import type { Page } from '@playwright/test';
import type {} from '../../renderer/src/canvas/CanvasView.tsx';

/** The view: its zoom and top, how far down the map it shows, where the last lane ends, the map's height, its detail and smallest zoom. */
export const view = (page: Page) =>
  page.evaluate(() => {
    const api = window.waymarkCanvas;
    if (!api) throw new Error('no canvas');
    const v = api.viewport();
    const last = api.layout().lanes.at(-1);
    return { scale: v.scale, y: v.y, shownTo: v.y + v.height / v.scale, lastEnd: last ? last.y + last.height : 0, mapHeight: api.layout().height, bodyHeight: v.height, detail: api.detail(), minZoom: api.minZoom() };
  });

/** Zoom in with the toolbar's button from where the page is until the zoom is at least `scale`; then scroll to the top. */
export async function zoomInTo(page: Page, scale: number): Promise<void> {
  for (let i = 0; i < 40 && (await view(page)).scale < scale; i++) {
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.waitForTimeout(50);
  }
  const box = await page.locator('.canvas-box').boundingBox();
  await page.mouse.move((box?.x ?? 0) + 600, (box?.y ?? 0) + 400);
  await page.mouse.wheel(0, -1_000_000);
  await page.waitForTimeout(300);
}

/**
 * The zoom at which driveFrames' pan can be measured when zoomed out as far as it goes: Fit's (the smallest), or
 * the least above it at which the map is taller than the body by the 1,440 px driveFrames pans and the 200 px
 * checkPan scrolls after (with room to spare); at Fit a small map is all in the window, with nothing to pan.
 */
export function pannableZoom(fit: { scale: number; bodyHeight: number; mapHeight: number }): number {
  return Math.max(fit.scale, (fit.bodyHeight + 1440 + 400) / fit.mapHeight);
}
