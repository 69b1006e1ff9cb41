/**
 * Writing a file the person asked for (an export) so that it is never half there: the bytes go to a new file
 * beside the target, are flushed to disk, and only then renamed over it. A failure removes the partial file
 * and leaves whatever was at the target as it was.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The partial file's name beside `target`: hidden, unique, and recognisably ours. */
export function partialPathFor(target: string, random = randomBytes(6).toString('hex')): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${random}.waymark-partial`);
}

export function writeFileAtomically(target: string, data: Uint8Array): void {
  const partial = partialPathFor(target);
  let fd: number | null = null;
  try {
    fd = fs.openSync(partial, 'wx');
    let written = 0;
    while (written < data.byteLength) written += fs.writeSync(fd, data, written, data.byteLength - written);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(partial, target);
  } catch (error) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(partial, { force: true });
    throw error;
  }
}
