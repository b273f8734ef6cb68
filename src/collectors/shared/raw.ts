import { AsyncLocalStorage } from 'node:async_hooks';
import type { Exec } from '../types.js';

// `bosswatch collect --raw DIR`: every command's output and every file the collectors read is kept here, so that
// someone on a real Windows or Mac can share what their machine printed. Off unless a capture is started.

export interface RawCommand {
  n: number;
  collector?: string;
  kind: 'command';
  file: string;
  args: string[];
  /** Environment variables set for this command on top of the defaults. */
  env?: Record<string, string>;
  stdin_bytes?: number;
  code: number | null;
  error?: string;
  stdout: string;
  stderr: string;
}

export interface RawFile {
  n: number;
  collector?: string;
  kind: 'file';
  path: string;
  /** undefined when the read failed (error holds the code). */
  content?: string | Uint8Array;
  error?: string;
}

export type RawEntry = RawCommand | RawFile;

export class RawCapture {
  readonly entries: RawEntry[] = [];
  add(e: Omit<RawCommand, 'n'> | Omit<RawFile, 'n'>): void {
    this.entries.push({ ...e, n: this.entries.length + 1 } as RawEntry);
  }
}

let active: RawCapture | undefined;
const current = new AsyncLocalStorage<string>();

/** Starts keeping raw inputs until stopRawCapture(); returns the capture. */
export function startRawCapture(): RawCapture {
  active = new RawCapture();
  return active;
}

export function stopRawCapture(): void {
  active = undefined;
}

export const rawCaptureActive = (): boolean => active !== undefined;

/** Runs one collector so that what it reads is attributed to it. */
export function asCollector<T>(id: string, fn: () => Promise<T>): Promise<T> {
  return active ? current.run(id, fn) : fn();
}

const who = (): { collector?: string } => {
  const c = current.getStore();
  return c ? { collector: c } : {};
};

/** Called by the shared file-read helpers with what they read (or the error code). */
export function recordFileRead(path: string, content: string | Uint8Array | undefined, error?: string): void {
  if (!active) return;
  active.add({ kind: 'file', path, ...who(), ...(content !== undefined ? { content } : {}), ...(error ? { error } : {}) });
}

/** Wraps the injected exec once, for all platforms: each call's argv, exit and output are kept. */
export function recordingExec(exec: Exec): Exec {
  return async (file, args, options = {}) => {
    const r = await exec(file, args, options);
    if (active) {
      active.add({
        kind: 'command',
        ...who(),
        file,
        args: [...args],
        ...(options.env ? { env: { ...options.env } } : {}),
        ...(options.input !== undefined ? { stdin_bytes: Buffer.byteLength(options.input) } : {}),
        code: r.code,
        ...(r.error ? { error: r.error } : {}),
        stdout: r.stdout,
        stderr: r.stderr,
      });
    }
    return r;
  };
}
