import { closeSync, openSync, readSync, readFileSync } from 'node:fs';
import { rawCaptureActive, recordFileRead } from './raw.js';

// open + read + close into one reused buffer: readFileSync adds an fstat per file, which adds up over /proc.
const BUF = Buffer.allocUnsafe(64 * 1024);

/** Reads a small file (procfs entries, unit files); undefined when it cannot be read. */
export function readSmall(path: string): string | undefined {
  if (rawCaptureActive()) {
    const text = readSmallUncaptured(path);
    recordFileRead(path, text, text === undefined ? 'unreadable' : undefined);
    return text;
  }
  return readSmallUncaptured(path);
}

/** Reads a whole text file; throws like readFileSync. Kept for `collect --raw` like every shared read. */
export function readText(path: string): string {
  try {
    const text = readFileSync(path, 'utf8');
    recordFileRead(path, text);
    return text;
  } catch (e) {
    recordFileRead(path, undefined, (e as NodeJS.ErrnoException).code ?? 'ERROR');
    throw e;
  }
}

/** Reads a whole file as bytes; throws like readFileSync. Kept for `collect --raw`. */
export function readBytes(path: string): Buffer {
  try {
    const b = readFileSync(path);
    recordFileRead(path, b);
    return b;
  } catch (e) {
    recordFileRead(path, undefined, (e as NodeJS.ErrnoException).code ?? 'ERROR');
    throw e;
  }
}

function readSmallUncaptured(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const n = readSync(fd, BUF, 0, BUF.length, null);
    // a file larger than the buffer is read again whole
    if (n === BUF.length) return readFileSync(path, 'utf8');
    return BUF.toString('utf8', 0, n);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
