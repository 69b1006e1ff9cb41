/**
 * Copying a picture of the map to the system clipboard. The clipboard item is made at once, with the PNG
 * still being drawn (ClipboardItem takes a promise of the Blob), so the write belongs to the click that asked
 * for it however long the drawing takes. When the window may not write pictures to the clipboard — no
 * clipboard API, a permission refused, the window not focused — the person is told so in words.
 */

/** The clipboard would not take the picture: the words say why and what to do instead. */
export class ClipboardRefused extends Error {
  override name = 'ClipboardRefused';
}

export const NO_IMAGE_CLIPBOARD = 'This window cannot put pictures on the clipboard. Save a PNG file instead (Export PNG…).';

export function refusedMessage(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return 'The clipboard refused the picture: this window is not allowed to write to it, or was not in front when the picture was ready. Click in the window and copy again, or save a PNG file instead.';
  }
  return `The clipboard refused the picture (${error instanceof Error ? error.message : String(error)}). Save a PNG file instead.`;
}

/** Put the PNG on the clipboard; a failure of the drawing itself is passed on as it is. */
export async function copyPng(png: Promise<Blob>, clipboard: Clipboard | undefined = typeof navigator === 'undefined' ? undefined : navigator.clipboard): Promise<void> {
  const drawing: { failed: boolean } = { failed: false };
  const watched = png.catch((error: unknown) => {
    drawing.failed = true;
    throw error;
  });
  if (!clipboard || typeof clipboard.write !== 'function' || typeof ClipboardItem === 'undefined') {
    // Still wait for the drawing, so that a cancel or a failure of its own is what the person hears about.
    await watched;
    throw new ClipboardRefused(NO_IMAGE_CLIPBOARD);
  }
  try {
    await clipboard.write([new ClipboardItem({ 'image/png': watched })]);
  } catch (error) {
    if (drawing.failed) await watched; // rethrows the drawing's own error
    throw new ClipboardRefused(refusedMessage(error));
  }
}
