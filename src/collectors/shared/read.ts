import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, type Dirent } from 'node:fs';
import { rawCaptureActive, recordFileRead } from './raw.js';
import type { ErrorMessage } from '../../errors.js';
import { reason, why as reasonWhy, type CodedReason, type Reason } from './reason.js';

// one reused read buffer: /proc holds hundreds of small files per scan
const BUF = Buffer.allocUnsafe(64 * 1024);

/** Default size limit: unit files, desktop entries, plists and manifests are far smaller. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

// O_NONBLOCK: opening a FIFO planted where a file should be must not wait for a writer
const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

export type ReadFailure = 'missing' | 'denied' | 'not-regular' | 'too-large' | 'outside' | 'error';
export type ReadResult = { ok: true; data: Buffer } | { ok: false; why: ReadFailure; detail?: string };

export interface ReadOptions {
  /** Bytes at most; a larger file is refused, not truncated. */
  max?: number;
  /** The folders being inspected: a path that resolves (through symlinks) outside all of them is refused. */
  within?: string | readonly string[];
}

const failure = (e: unknown): ReadResult => {
  const code = (e as NodeJS.ErrnoException).code;
  const why: ReadFailure = code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : code === 'EACCES' || code === 'EPERM' ? 'denied' : 'error';
  return { ok: false, why, detail: code ?? (e as Error).message };
};

const safeRealpath = (p: string) => {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
};

const isInside = (path: string, base: string) => path === base || path.startsWith(base.endsWith('/') ? base : `${base}/`);

/**
 * Reads a file the way a scan of an untrusted machine must: never blocks on a FIFO or device, only regular
 * files, bounded size, and (when asked) never through a symlink that leads out of the folder being inspected.
 */
export function readRegular(path: string, opts: ReadOptions = {}): ReadResult {
  const max = opts.max ?? MAX_FILE_BYTES;
  if (opts.within) {
    try {
      const real = realpathSync(path);
      const bases = typeof opts.within === 'string' ? [opts.within] : opts.within;
      if (!bases.some((b) => isInside(real, safeRealpath(b)))) return { ok: false, why: 'outside' };
    } catch (e) {
      return failure(e);
    }
  }
  let fd: number;
  try {
    fd = openSync(path, FLAGS);
  } catch (e) {
    return failure(e);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, why: 'not-regular' };
    if (st.size > max) return { ok: false, why: 'too-large' };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const n = readSync(fd, BUF, 0, BUF.length, null);
      if (n === 0) break;
      total += n;
      if (total > max) return { ok: false, why: 'too-large' };
      chunks.push(Buffer.from(BUF.subarray(0, n)));
    }
    return { ok: true, data: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total) };
  } catch (e) {
    return failure(e);
  } finally {
    closeSync(fd);
  }
}

/** readRegular, and what it read (or why not) kept for `collect --raw`. */
function readCaptured(path: string, opts: ReadOptions): ReadResult {
  const r = readRegular(path, opts);
  if (rawCaptureActive()) recordFileRead(path, r.ok ? r.data : undefined, r.ok ? undefined : r.why);
  return r;
}

/** Reads a small text file (procfs entries, unit files); undefined when it cannot be read safely. */
export function readSmall(path: string, opts: ReadOptions = {}): string | undefined {
  const r = readCaptured(path, opts);
  return r.ok ? r.data.toString('utf8') : undefined;
}

/** Reads a whole text file safely; throws an errno-like error (ENOENT, EACCES, ENOTREG, EFBIG…) otherwise. */
export function readText(path: string, opts: ReadOptions = {}): string {
  return readBytes(path, opts).toString('utf8');
}

/** Reads a whole file as bytes safely; throws an errno-like error otherwise. */
export function readBytes(path: string, opts: ReadOptions = {}): Buffer {
  const r = readCaptured(path, opts);
  if (r.ok) return r.data;
  throw readError(path, r);
}

/** Plain words for a refused read, for coverage reasons. */
export function readFailureText(why: ReadFailure): string {
  return {
    missing: 'not found',
    denied: 'permission denied',
    'not-regular': 'not a regular file (a pipe, device or folder), so it was not read',
    'too-large': `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB, so it was not read`,
    outside: 'a link that leads outside the folder being inspected, so it was not followed',
    error: 'could not be read',
  }[why];
}

const ERRNO: Record<ReadFailure, string> = { missing: 'ENOENT', denied: 'EACCES', 'not-regular': 'ENOTREG', 'too-large': 'EFBIG', outside: 'ELOOP', error: 'EIO' };

/** readRegular for callers that expect node:fs errors and record reads themselves. */
export function readRegularOrThrow(path: string, opts: ReadOptions = {}): Buffer {
  const r = readRegular(path, opts);
  if (r.ok) return r.data;
  throw readError(path, r);
}

function readError(path: string, r: Extract<ReadResult, { ok: false }>): Error {
  return Object.assign(new Error(`${path}: ${readFailureText(r.why)}`), { code: r.why === 'error' && r.detail ? r.detail : ERRNO[r.why] });
}

/** When running as root, links in a user's folder may lead only to that folder or to system locations. */
export function homeReadScope(home: string, elevated: boolean): readonly string[] | undefined {
  return elevated ? [home, '/usr', '/etc', '/opt', '/snap', '/var/lib/flatpak', '/Applications', '/Library', '/System'] : undefined;
}

/** Counts the files a collector could not read, so that coverage never says `ok` over a silent gap. */
export class ReadTally {
  private counts = new Map<ReadFailure, number>();
  private examples: string[] = [];

  /** Reads like readSmall, counting every failure except a file that is simply not there. */
  read(path: string, opts: ReadOptions = {}): string | undefined {
    const r = readCaptured(path, opts);
    if (r.ok) return r.data.toString('utf8');
    if (r.why !== 'missing') this.note(path, r.why);
    return undefined;
  }

  /** Lists a folder; one that exists but cannot be listed (permission, I/O) is counted, since its files go unseen. */
  list(dir: string): Dirent[] {
    try {
      return readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      const r = failure(e);
      if (!r.ok && r.why !== 'missing') this.note(dir, r.why);
      return [];
    }
  }

  note(path: string, why: ReadFailure): void {
    this.counts.set(why, (this.counts.get(why) ?? 0) + 1);
    if (this.examples.length < 3) this.examples.push(path);
  }

  get total(): number {
    let n = 0;
    for (const c of this.counts.values()) n += c;
    return n;
  }

  /** "3 files could not be read (2 permission denied, 1 not a regular file …), e.g. /x, /y". */
  describe(what: string): string {
    const parts = [...this.counts].map(([why, n]) => `${n} ${readFailureText(why)}`);
    return `${this.total} ${what} could not be read (${parts.join('; ')}), e.g. ${this.examples.join(', ')}`;
  }

  /** describe() as a coverage reason (code and values), for the three kinds of files that are tallied. */
  describeReason(what: 'browser' | 'unit' | 'autostart'): CodedReason {
    return reason(`unreadable-${what}-files`, { count: this.total, examples: this.examples.join(', ') });
  }

  /** Whether any of the failures was a permission problem (coverage `denied` rather than `partial`). */
  get denied(): boolean {
    return this.counts.has('denied');
  }
}

/** One file that could not be read (its path, and why in the reader's language) as a coded coverage note. */
export function fileUnreadable(path: string, why: ReadFailure): Reason {
  return reasonWhy(`file-${why}`, { path, mb: Math.round(MAX_FILE_BYTES / 1024 / 1024) });
}

/** readFailureText as a catalogue message, for errors shown to the user; max is the size limit that applied. */
export function readFailureMessage(why: ReadFailure | 'no-such-file', max: number = MAX_FILE_BYTES): ErrorMessage {
  return { key: `read.why.${why}`, params: { mb: Math.round(max / 1024 / 1024) } };
}
