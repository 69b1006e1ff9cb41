/**
 * The PNG encoder on a worker thread: the window draws the next row of tiles while this one filters and
 * compresses the last, and the window stays free to paint the progress and take a click on Cancel.
 * Messages: `start` (the header), `rows` (a band of full-width RGBA rows, transferred), `finish`; each is
 * answered with `ok` (for `finish`, with the PNG as a Blob) or `error`.
 */
import { PngStreamEncoder, type EncoderOptions, type PngHeader } from './encoder.ts';

export type ToEncoder =
  | { type: 'start'; header: PngHeader; options: EncoderOptions }
  | { type: 'rows'; pixels: Uint8ClampedArray; rows: number }
  | { type: 'finish' };

export type FromEncoder = { type: 'ok'; png?: Blob } | { type: 'error'; message: string; name: string };

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToEncoder>) => void) | null;
  postMessage(message: FromEncoder, transfer?: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;
let encoder: PngStreamEncoder | null = null;
/** Messages are handled one at a time, in order. */
let queue: Promise<void> = Promise.resolve();

async function handle(message: ToEncoder): Promise<void> {
  if (message.type === 'start') {
    encoder = new PngStreamEncoder(message.header, message.options);
    scope.postMessage({ type: 'ok' });
    return;
  }
  if (!encoder) throw new Error('The encoder was not started.');
  if (message.type === 'rows') {
    await encoder.writeRows(message.pixels, message.rows);
    scope.postMessage({ type: 'ok' });
    return;
  }
  const png = await encoder.finish();
  encoder = null;
  scope.postMessage({ type: 'ok', png });
}

scope.onmessage = (event) => {
  queue = queue
    .then(() => handle(event.data))
    .catch((error: unknown) => {
      encoder?.abort(error);
      encoder = null;
      scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error), name: error instanceof Error ? error.name : 'Error' });
    });
};
