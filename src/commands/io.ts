import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ChalkInstance } from 'chalk';
import { InputError, machineText, type ErrorMessage } from '../errors.js';
import type { Lang } from '../i18n/index.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  color: ChalkInstance;
  /** The user's language (--lang or the environment). */
  lang: Lang;
  /** Width of the terminal standard output goes to, when it is one. */
  columns?: number;
}

/** Writes the one output file the user asked for, or prints to standard output. */
export function emit(io: Io, text: string, output?: string): void {
  if (!output) {
    io.out(text);
    return;
  }
  writeFileAtomic(output, text);
}

/**
 * Replaces `file` with `text` without ever writing through a symlink (dangerous as root): the text goes to a
 * new file beside it, created exclusively, which is then renamed over the target in one step.
 */
export function writeFileAtomic(file: string, text: string | Uint8Array): void {
  // a short fixed-length name: the target's own name plus a suffix would pass 255 bytes for a long (valid) name
  const tmp = join(dirname(file), `.bosswatch.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number | undefined;
  try {
    const st = fs.lstatSync(file, { throwIfNoEntry: false });
    if (st?.isDirectory()) throw Object.assign(new Error('it is a folder'), { code: 'EISDIR' });
    // a rename over /dev/null or a pipe would replace the device itself (as root); write through those, never a disk device
    if (st?.isBlockDevice() || st?.isSocket()) throw Object.assign(new Error('not a regular file'), { code: 'EINVAL' });
    if (st?.isCharacterDevice() || st?.isFIFO()) {
      fd = fs.openSync(file, fs.constants.O_WRONLY | (fs.constants.O_NOFOLLOW ?? 0));
      fs.writeFileSync(fd, text);
      fs.closeSync(fd);
      return;
    }
    fd = fs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0), 0o644);
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    try {
      fs.unlinkSync(tmp);
    } catch {
      // nothing was created
    }
    throw cannotWrite(file, e);
  }
}

/** The one-line error for a file or folder that could not be written (or listed before writing). */
export function cannotWrite(file: string, e: unknown): InputError {
  return new InputError(`cannot write ${file}: ${describeWriteError(e)}`, { key: 'err.write', params: { file }, parts: { why: writeErrorMessage(e) } });
}

export function describeWriteError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const plain: Record<string, string> = {
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is exhausted',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOENT: 'the folder does not exist',
    EISDIR: 'it is a folder',
    EROFS: 'the file system is read-only',
    EIO: 'input/output error',
    ENOTDIR: 'a part of the path is a file, not a folder',
    ENAMETOOLONG: 'the name is too long',
    ELOOP: 'too many levels of symbolic links',
    EEXIST: 'it already exists',
  };
  return (code && plain[code]) ?? (e as Error).message ?? String(e);
}

/** describeWriteError as a catalogue message: the plain words for known codes, else the system's own text. */
export function writeErrorMessage(e: unknown): ErrorMessage {
  const code = (e as NodeJS.ErrnoException).code;
  const known = ['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'ENOENT', 'EISDIR', 'EROFS', 'EIO', 'ENOTDIR', 'ENAMETOOLONG', 'ELOOP', 'EEXIST'] as const;
  return code && (known as readonly string[]).includes(code) ? { key: `write.why.${code as (typeof known)[number]}` } : machineText(describeWriteError(e));
}

/** mkdir -p that reports the real errno: Node 20's recursive mkdir says ENOENT on a read-only file system. */
export function makeFolders(dir: string): void {
  try {
    fs.mkdirSync(dir);
    return;
  } catch (e) {
    const parent = dirname(dir);
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || parent === dir) throw e;
    makeFolders(parent);
  }
  fs.mkdirSync(dir);
}

export interface FolderErrors {
  notFolder(): InputError;
  notEmpty(): InputError;
  cannotCreate(e: unknown): InputError;
}

/** A new or empty folder (never a symlink or a file, never one with entries, so nothing is overwritten); every errno is one line. */
export function prepareEmptyFolder(dir: string, err: FolderErrors): void {
  let st: fs.Stats | undefined;
  try {
    st = fs.lstatSync(dir, { throwIfNoEntry: false });
  } catch (e) {
    throw err.cannotCreate(e);
  }
  if (!st) {
    try {
      makeFolders(dir);
    } catch (e) {
      throw err.cannotCreate(e);
    }
    return;
  }
  if (st.isSymbolicLink() || !st.isDirectory()) throw err.notFolder();
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch (e) {
    throw cannotWrite(dir, e);
  }
  if (entries.length > 0) throw err.notEmpty();
}
