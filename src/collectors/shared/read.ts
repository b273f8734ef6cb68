import { closeSync, openSync, readSync, readFileSync } from 'node:fs';

// open + read + close into one reused buffer: readFileSync adds an fstat per file, which adds up over /proc.
const BUF = Buffer.allocUnsafe(64 * 1024);

/** Reads a small file (procfs entries, unit files); undefined when it cannot be read. */
export function readSmall(path: string): string | undefined {
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
