/**
 * The encoder on a worker thread and its fallback: the window's side (workerEncoder.ts) and the worker's
 * (encodeWorker.ts's encoderHost) talking through a stand-in for the browser's Worker that copies each
 * message with structuredClone and transfers what is transferred (so a band handed over is gone from the
 * window, as in a browser); a worker whose script does not load (the window then encodes, and nothing is
 * lost); the worker's errors and an abort.
 */
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { PngStreamEncoder } from '../../../renderer/src/exports/png/encoder.ts';
import { encoderHost, type FromEncoder, type ToEncoder } from '../../../renderer/src/exports/png/encodeWorker.ts';
import { startEncoder } from '../../../renderer/src/exports/png/workerEncoder.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A worker in this thread: messages go through structuredClone with their transfers, one task later. */
class StandInWorker {
  onmessage: ((event: MessageEvent<FromEncoder>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  sent: ToEncoder['type'][] = [];
  private readonly receive = encoderHost((message) => {
    void tick().then(() => {
      if (!this.terminated) this.onmessage?.({ data: message } as MessageEvent<FromEncoder>);
    });
  });

  postMessage(message: ToEncoder, transfer: Transferable[] = []): void {
    if (this.terminated) return;
    this.sent.push(message.type);
    const copy = structuredClone(message, { transfer });
    void tick().then(() => this.receive(copy));
  }

  terminate(): void {
    this.terminated = true;
  }
}

/** A worker whose script never loads: the browser reports an error event, and no message is answered. */
class BrokenWorker {
  onmessage: ((event: MessageEvent<FromEncoder>) => void) | null = null;
  onerror: ((event: { message: string; preventDefault: () => void }) => void) | null = null;
  terminated = false;
  prevented = false;
  constructor(message = '') {
    void tick().then(() => this.onerror?.({ message, preventDefault: () => (this.prevented = true) }));
  }
  postMessage(): void {
    // lost
  }
  terminate(): void {
    this.terminated = true;
  }
}

function picture(width: number, height: number): Uint8ClampedArray {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37 + (i >> 7)) & 0xff;
  return data;
}

async function encodeWith(encoder: ReturnType<typeof startEncoder>, rgba: Uint8ClampedArray, width: number, bands: number[]): Promise<Buffer> {
  let row = 0;
  for (const rows of bands) {
    // Each band is a buffer of its own: it is the encoder's once handed over.
    await encoder.writeRows(rgba.slice(row * width * 4, (row + rows) * width * 4), rows);
    row += rows;
  }
  return Buffer.from(await (await encoder.finish()).arrayBuffer());
}

const asWorker = (w: StandInWorker | BrokenWorker) => w as unknown as Worker;

describe('PNG encoder on a worker thread', () => {
  it('encodes in the window where there is no Worker (as in Node)', () => {
    expect(startEncoder({ width: 2, height: 2, alpha: true })).toBeInstanceOf(PngStreamEncoder);
    expect(startEncoder({ width: 2, height: 2, alpha: true }, {}, () => null)).toBeInstanceOf(PngStreamEncoder);
  });

  it('gives the same file through the worker as in the window, taking each band away from the window', async () => {
    const [width, height] = [23, 17];
    const rgba = picture(width, height);
    const worker = new StandInWorker();
    const encoder = startEncoder({ width, height, alpha: true }, { idatSize: 100 }, () => asWorker(worker));
    const band = rgba.slice(0, 5 * width * 4);
    await encoder.writeRows(band, 5);
    expect(band.byteLength).toBe(0); // transferred
    const png = Buffer.from(await encodeWith(encoder, rgba.subarray(5 * width * 4), width, [7, 5]));
    expect(worker.sent).toEqual(['start', 'rows', 'rows', 'rows', 'finish']);
    expect(worker.terminated).toBe(true);
    const local = await encodeWith(new PngStreamEncoder({ width, height, alpha: true }, { idatSize: 100 }), rgba, width, [5, 7, 5]);
    expect(png).toEqual(local);
    expect(Buffer.from(PNG.sync.read(png, { checkCRC: true }).data)).toEqual(Buffer.from(rgba));
  });

  it('encodes in the window when the worker does not start, losing nothing', async () => {
    const [width, height] = [9, 6];
    const rgba = picture(width, height);
    const broken = new BrokenWorker();
    const encoder = startEncoder({ width, height, alpha: false }, {}, () => asWorker(broken));
    const png = await encodeWith(encoder, rgba, width, [2, 4]);
    expect(broken.terminated).toBe(true);
    expect(broken.prevented).toBe(true);
    const decoded = PNG.sync.read(png, { checkCRC: true });
    expect([decoded.width, decoded.height]).toEqual([width, height]);
    expect([...decoded.data.subarray(0, 8)]).toEqual([...rgba.subarray(0, 3), 255, ...rgba.subarray(4, 7), 255]);
  });

  it('passes on the worker’s refusals in its own words, and stops taking rows after one', async () => {
    const worker = new StandInWorker();
    const encoder = startEncoder({ width: 2, height: 2, alpha: true }, {}, () => asWorker(worker));
    const error = await encoder.writeRows(new Uint8ClampedArray(24), 3).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'RangeError', message: 'The image is 2 rows tall: 3 more rows after 0 do not fit.' });
    await expect(encoder.writeRows(new Uint8ClampedArray(16), 2)).rejects.toBe(error);
    await expect(encoder.finish()).rejects.toBe(error);
    expect(worker.sent).toEqual(['start', 'rows']);
  });

  it('reports a worker that stops half way', async () => {
    const worker = new StandInWorker();
    const encoder = startEncoder({ width: 2, height: 4, alpha: true }, {}, () => asWorker(worker));
    await encoder.writeRows(new Uint8ClampedArray(16), 2);
    worker.terminated = true; // it answers no more
    const waiting = encoder.writeRows(new Uint8ClampedArray(16), 2);
    worker.onerror?.({ message: 'out of memory', preventDefault: () => undefined } as ErrorEvent);
    await expect(waiting).rejects.toThrow('The encoder stopped: out of memory');
    await expect(encoder.finish()).rejects.toThrow('The encoder stopped: out of memory');
  });

  it('is let go when the export is cancelled', async () => {
    const worker = new StandInWorker();
    const encoder = startEncoder({ width: 2, height: 4, alpha: true }, {}, () => asWorker(worker));
    await encoder.writeRows(new Uint8ClampedArray(16), 2);
    const reason = new DOMException('Cancelled.', 'AbortError');
    encoder.abort(reason);
    expect(worker.terminated).toBe(true);
    await expect(encoder.writeRows(new Uint8ClampedArray(16), 2)).rejects.toBe(reason);
    await expect(encoder.finish()).rejects.toBe(reason);
    const plain = startEncoder({ width: 1, height: 1, alpha: true }, {}, () => asWorker(new StandInWorker()));
    plain.abort();
    await expect(plain.finish()).rejects.toThrow('The PNG was not finished.');
  });
});
