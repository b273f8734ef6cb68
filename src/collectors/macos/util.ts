import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { readRegularOrThrow } from '../shared/read.js';
import type { CoverageRow, CoverageStatus, TableName } from '../../snapshot/schema.js';
import { recordFileRead } from '../shared/raw.js';
import type { CollectContext, ExecResult } from '../types.js';
import { judgeAnswer, type Answer } from '../shared/answer.js';
import { joinReasons, reason, type CodedReason } from '../shared/reason.js';

export interface DirEntry {
  name: string;
  isDirectory: boolean;
  isSymlink: boolean;
}

/** The read-only file access the macOS collectors need; injectable so tests can feed fixtures. */
export interface MacFs {
  readFile(p: string): Promise<Buffer>;
  readdir(p: string): Promise<DirEntry[]>;
  /** Follows symlinks; throws an errno error (ENOENT, EACCES, EPERM...) like node:fs. */
  stat(p: string): Promise<{ isDirectory: boolean }>;
  /** Does not follow symlinks. */
  lstat(p: string): Promise<{ isDirectory: boolean; isSymlink: boolean }>;
}

/** node:fs backed MacFs; `root` re-roots absolute paths (used by tests on a temporary tree). */
export function nodeFs(root = ''): MacFs {
  const at = (p: string) => (root ? path.join(root, p) : p);
  return {
    async readFile(p) {
      try {
        // never blocks on a FIFO or device, regular files only, bounded size
        const b = readRegularOrThrow(at(p));
        recordFileRead(p, b);
        return b;
      } catch (e) {
        recordFileRead(p, undefined, errCode(e));
        throw e;
      }
    },
    async readdir(p) {
      const entries = await fsp.readdir(at(p), { withFileTypes: true });
      return entries.map((e) => ({ name: e.name, isDirectory: e.isDirectory(), isSymlink: e.isSymbolicLink() }));
    },
    async stat(p) {
      const s = await fsp.stat(at(p));
      return { isDirectory: s.isDirectory() };
    },
    async lstat(p) {
      const s = await fsp.lstat(at(p));
      return { isDirectory: s.isDirectory(), isSymlink: s.isSymbolicLink() };
    },
  };
}

export const defaultFs: MacFs = nodeFs();

export function errCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : 'ERROR';
}

export const isMissing = (e: unknown) => ['ENOENT', 'ENOTDIR'].includes(errCode(e));
export const isDenied = (e: unknown) => ['EACCES', 'EPERM'].includes(errCode(e));

export function basename(p: string): string {
  const trimmed = p.replace(/\/+$/, '');
  const i = trimmed.lastIndexOf('/');
  return i === -1 ? trimmed : trimmed.slice(i + 1);
}

export function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

export interface Home {
  user: string;
  home: string;
}

/** Home folders of every account we can list in /Users, plus the scanning user's own home. */
export async function listHomes(fs: MacFs, ctx: Pick<CollectContext, 'home'>): Promise<{ homes: Home[]; denied: boolean }> {
  const homes: Home[] = [];
  let denied = false;
  try {
    for (const e of await fs.readdir('/Users')) {
      // "Shared" is a common folder, dot-entries are Finder metadata.
      if (!e.isDirectory || e.name.startsWith('.') || e.name === 'Shared') continue;
      homes.push({ user: e.name, home: `/Users/${e.name}` });
    }
  } catch (e) {
    if (isDenied(e)) denied = true;
  }
  const own = ctx.home?.replace(/\/+$/, '');
  if (own && !homes.some((h) => h.home === own)) homes.push({ user: basename(own) || own, home: own });
  homes.sort((a, b) => byString(a.home, b.home));
  return { homes, denied };
}

/** A coverage row; its note, if any, is coded (reason(), joinReasons()) so that it reads in the reader's language. */
export function coverage(source: string, table: TableName, status: CoverageStatus, why?: CodedReason): CoverageRow {
  return why ? { source, table, status, ...why } : { source, table, status };
}

function firstLine(s: string): string {
  return s.split(/\r?\n/).map((l) => l.trim()).find((l) => l.length > 0) ?? '';
}

/**
 * Turns a failed command into a plain-language coverage row, or returns undefined when the command ran fine.
 * `tool` is how the user would recognise the command, e.g. "systemextensionsctl".
 */
export function execFailure(source: string, table: TableName, tool: string, r: ExecResult): CoverageRow | undefined {
  if (r.error === 'ENOENT') {
    return coverage(source, table, 'unavailable', reason('tool-missing', { tool }));
  }
  if (r.error === 'ETIMEDOUT') {
    return coverage(source, table, 'error', reason('tool-timeout', { tool }));
  }
  if (r.error === 'EACCES' || r.error === 'EPERM') {
    return coverage(source, table, 'denied', reason('tool-denied', { tool }));
  }
  if (r.error) return coverage(source, table, 'error', reason('tool-start-failed', { tool, detail: r.error }));
  if (r.code !== 0) {
    const msg = firstLine(r.stderr) || firstLine(r.stdout);
    return coverage(source, table, 'error', msg ? reason('tool-failed-said', { tool, code: r.code ?? 'none', detail: msg }) : reason('tool-failed', { tool, code: r.code ?? 'none' }));
  }
  return undefined;
}

/** A coverage row for an answer that is garbage (`error`) or part garbage (`partial`); undefined when it reads fine. */
export function answerFailure(source: string, table: TableName, tool: string, a: Answer<unknown>): CoverageRow | undefined {
  const v = judgeAnswer(tool, a);
  return v ? coverage(source, table, v.status, joinReasons([v.why])) : undefined;
}

/** A row's reason without its final full stop, for quoting inside another sentence. */
export const inner = (row: CoverageRow): string => (row.reason ?? '').replace(/\.$/, '');

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Code-point order, so output does not depend on the machine's locale. */
export const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
