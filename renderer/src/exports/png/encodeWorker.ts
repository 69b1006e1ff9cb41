/**
 * The PNG encoder on a worker thread: the window draws the next row of tiles while this one filters and
 * compresses the last, and the window stays free to paint the progress and take a click on Cancel.
 * Messages: `start` (the header), `rows` (a band of full-width RGBA rows, transferred), `finish`; each is
 * answered, in order, with `ok` (for `finish`, with the PNG as a Blob) or `error`.
 */
import { PngStreamEncoder, type EncoderOptions, type PngHeader } from './encoder.ts';

export type ToEncoder =
  | { type: 'start'; header: PngHeader; options: EncoderOptions }
  | { type: 'rows'; pixels: Uint8ClampedArray; rows: number }
  | { type: 'finish' };

export type FromEncoder = { type: 'ok'; png?: Blob } | { type: 'error'; message: string; name: string };

/** The worker's side: handles messages one at a time, in order, and answers each through `post`. */
export function encoderHost(post: (message: FromEncoder) => void): (message: ToEncoder) => void {
  let encoder: PngStreamEncoder | null = null;
  let queue: Promise<void> = Promise.resolve();
  const handle = async (message: ToEncoder): Promise<void> => {
    if (message.type === 'start') {
      encoder = new PngStreamEncoder(message.header, message.options);
      post({ type: 'ok' });
      return;
    }
    if (!encoder) throw new Error('The encoder was not started.');
    if (message.type === 'rows') {
      await encoder.writeRows(message.pixels, message.rows);
      post({ type: 'ok' });
      return;
    }
    const png = await encoder.finish();
    encoder = null;
    post({ type: 'ok', png });
  };
  return (message) => {
    queue = queue
      .then(() => handle(message))
      .catch((error: unknown) => {
        encoder?.abort(error);
        encoder = null;
        post({ type: 'error', message: error instanceof Error ? error.message : String(error), name: error instanceof Error ? error.name : 'Error' });
      });
  };
}

interface WorkerScope {
  WorkerGlobalScope?: unknown;
  onmessage: ((event: MessageEvent<ToEncoder>) => void) | null;
  postMessage(message: FromEncoder): void;
}

const scope = globalThis as unknown as WorkerScope;
if (scope.WorkerGlobalScope !== undefined) {
  const receive = encoderHost((message) => scope.postMessage(message));
  scope.onmessage = (event) => receive(event.data);
}
