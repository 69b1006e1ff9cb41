/**
 * The encoder the export uses: on a worker thread when the window can start one (encodeWorker.ts), so that
 * drawing and compressing run side by side; else, or when the worker does not start, in the window itself
 * (PngStreamEncoder). Both take the same bands and give the same file.
 */
import { PngStreamEncoder, type EncoderOptions, type PngHeader } from './encoder.ts';
import type { FromEncoder, ToEncoder } from './encodeWorker.ts';

export interface RowEncoder {
  /** Hand over the next band of full-width RGBA rows; the buffer is the encoder's from then on. */
  writeRows(rgba: Uint8ClampedArray, rows: number): Promise<void>;
  finish(): Promise<Blob>;
  abort(reason?: unknown): void;
}

class WorkerEncoder implements RowEncoder {
  private readonly worker: Worker;
  private readonly waiting: { resolve: (m: FromEncoder & { type: 'ok' }) => void; reject: (e: Error) => void }[] = [];
  /** True once the worker answered `start`; false when it could not start (the window then encodes). */
  private readonly started: Promise<boolean>;
  private readonly header: PngHeader;
  private readonly options: EncoderOptions;
  private local: PngStreamEncoder | null = null;
  /** The worker stopped, or refused something: every call after that is refused the same way. */
  private failed: Error | null = null;
  private aborted: Error | null = null;

  constructor(worker: Worker, header: PngHeader, options: EncoderOptions) {
    this.worker = worker;
    this.header = header;
    this.options = options;
    worker.onmessage = (event: MessageEvent<FromEncoder>) => {
      const next = this.waiting.shift();
      const m = event.data;
      if (m.type === 'ok') next?.resolve(m);
      else next?.reject(Object.assign(new Error(m.message), { name: m.name }));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.fail(new Error(`The encoder stopped: ${event.message || 'its script did not load'}`));
    };
    this.started = this.send({ type: 'start', header, options }).then(
      () => true,
      () => false,
    );
  }

  private fail(error: Error): void {
    this.failed ??= error;
    for (const w of this.waiting.splice(0)) w.reject(error);
  }

  private send(message: ToEncoder, transfer: Transferable[] = []): Promise<FromEncoder & { type: 'ok' }> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.waiting.push({
        resolve,
        reject: (error) => {
          this.failed ??= error;
          reject(error);
        },
      });
      this.worker.postMessage(message, transfer);
    });
  }

  /** The window's own encoder, when the worker never started (no rows have been lost to it then). */
  private async fallback(): Promise<PngStreamEncoder | null> {
    if (await this.started) return null;
    this.worker.terminate();
    this.local ??= new PngStreamEncoder(this.header, this.options);
    return this.local;
  }

  async writeRows(rgba: Uint8ClampedArray, rows: number): Promise<void> {
    if (this.aborted) throw this.aborted;
    const local = await this.fallback();
    if (local) return local.writeRows(rgba, rows);
    await this.send({ type: 'rows', pixels: rgba, rows }, [rgba.buffer]);
  }

  async finish(): Promise<Blob> {
    if (this.aborted) throw this.aborted;
    const local = await this.fallback();
    if (local) return local.finish();
    const answer = await this.send({ type: 'finish' });
    this.worker.terminate();
    if (!answer.png) throw new Error('The encoder gave no picture.');
    return answer.png;
  }

  abort(reason?: unknown): void {
    this.aborted ??= reason instanceof Error ? reason : new Error('The PNG was not finished.');
    this.local?.abort(this.aborted);
    this.worker.terminate();
    this.fail(this.aborted);
  }
}

/** The worker, where the window can start one. */
function newWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('./encodeWorker.ts', import.meta.url), { type: 'module', name: 'PNG encoder' });
  } catch {
    return null;
  }
}

/** An encoder for a picture of this size: on a worker thread where one can be started. */
export function startEncoder(header: PngHeader, options: EncoderOptions = {}, worker: () => Worker | null = newWorker): RowEncoder {
  const thread = worker();
  return thread ? new WorkerEncoder(thread, header, options) : new PngStreamEncoder(header, options);
}
