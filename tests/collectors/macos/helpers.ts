import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CollectContext, Exec, ExecOptions, ExecResult } from '../../../src/collectors/types.js';
import type { DirEntry, MacFs } from '../../../src/collectors/macos/util.js';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/macos');

export const fixture = (rel: string) => readFileSync(path.join(FIXTURES, rel), 'utf8');
export const fixtureBuf = (rel: string) => readFileSync(path.join(FIXTURES, rel));
/** A recorded output as the tool printed it: without the shell prompt line ("$ kextstat") the person who copied it added. */
export const printed = (rel: string) => fixture(rel).replace(/^[$%#] [^\n]*\n/, '');

export interface Call {
  file: string;
  args: readonly string[];
  options?: ExecOptions;
}

export type Responder = (file: string, args: readonly string[]) => Partial<ExecResult> | Promise<Partial<ExecResult>> | undefined;

/** Fake exec: answers from a responder, records every call; unknown commands behave as "not installed". */
export function fakeExec(responder: Responder): Exec & { calls: Call[] } {
  const calls: Call[] = [];
  const fn = (async (file: string, args: readonly string[], options?: ExecOptions) => {
    calls.push({ file, args: [...args], options });
    const r = await responder(file, args);
    if (!r) return { stdout: '', stderr: '', code: null, error: 'ENOENT' };
    return { stdout: '', stderr: '', code: 0, ...r };
  }) as Exec & { calls: Call[] };
  fn.calls = calls;
  return fn;
}

/** Answers from a table keyed by "file arg1 arg2 …". */
export function execTable(table: Record<string, Partial<ExecResult>>): Exec & { calls: Call[] } {
  return fakeExec((file, args) => table[[file, ...args].join(' ')]);
}

/** Runs the real program (used to drive the Debian sqlite3 CLI on TCC.db files built in the tests). */
export const realExec: Exec = (file, args, options) =>
  new Promise((resolve) => {
    execFile(file, [...args], { timeout: options?.timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { code?: unknown }) | null;
      if (e && typeof e.code === 'string') resolve({ stdout: String(stdout), stderr: String(stderr), code: null, error: e.code });
      else resolve({ stdout: String(stdout), stderr: String(stderr), code: e ? (typeof e.code === 'number' ? e.code : 1) : 0 });
    });
  });

type MemEntry = string | Uint8Array | { error: string };

/**
 * In-memory MacFs. Keys are absolute file paths; folders are implied. A value `{error: 'EACCES'}` makes that path
 * (and everything under it) fail with that code; a key ending in "/" declares an empty folder.
 */
export function memFs(files: Record<string, MemEntry>, symlinks: Record<string, string> = {}): MacFs & { reads: string[] } {
  const entries = new Map<string, MemEntry>();
  const dirs = new Map<string, Map<string, DirEntry>>();
  const ensureDir = (d: string) => {
    if (!dirs.has(d)) dirs.set(d, new Map());
    return dirs.get(d)!;
  };
  ensureDir('/');
  const addParents = (p: string, leaf: DirEntry) => {
    const parts = p.split('/').filter(Boolean);
    let cur = '';
    for (let i = 0; i < parts.length; i++) {
      const parent = cur || '/';
      cur = `${cur}/${parts[i]}`;
      const last = i === parts.length - 1;
      const kids = ensureDir(parent);
      if (last) kids.set(parts[i], leaf);
      else {
        if (!kids.has(parts[i])) kids.set(parts[i], { name: parts[i], isDirectory: true, isSymlink: false });
        ensureDir(cur);
      }
    }
  };
  for (const [p, v] of Object.entries(files)) {
    if (p.endsWith('/')) {
      const d = p.replace(/\/+$/, '') || '/';
      addParents(d, { name: d.split('/').pop()!, isDirectory: true, isSymlink: false });
      ensureDir(d);
      continue;
    }
    entries.set(p, v);
    if (typeof v === 'object' && 'error' in v) {
      addParents(p, { name: p.split('/').pop()!, isDirectory: true, isSymlink: false });
    } else addParents(p, { name: p.split('/').pop()!, isDirectory: false, isSymlink: false });
  }
  for (const [p] of Object.entries(symlinks)) addParents(p, { name: p.split('/').pop()!, isDirectory: false, isSymlink: true });
  const fail = (code: string, p: string) => Object.assign(new Error(`${code}: ${p}`), { code });
  const blocked = (p: string) => {
    for (const [k, v] of entries) if (typeof v === 'object' && 'error' in v && (p === k || p.startsWith(`${k}/`))) return v.error;
    return undefined;
  };
  const resolveLink = (p: string) => symlinks[p] ?? p;
  const reads: string[] = [];
  return {
    reads,
    async readFile(p) {
      reads.push(p);
      const b = blocked(p);
      if (b) throw fail(b, p);
      const v = entries.get(resolveLink(p));
      if (v === undefined) throw fail(dirs.has(p) ? 'EISDIR' : 'ENOENT', p);
      return Buffer.from(v as string | Uint8Array);
    },
    async readdir(p) {
      const b = blocked(p);
      if (b) throw fail(b, p);
      const d = dirs.get(resolveLink(p.replace(/(.)\/+$/, '$1')));
      if (!d) throw fail(entries.has(p) ? 'ENOTDIR' : 'ENOENT', p);
      return [...d.values()];
    },
    async stat(p) {
      const b = blocked(p);
      if (b) throw fail(b, p);
      const r = resolveLink(p);
      if (dirs.has(r)) return { isDirectory: true };
      if (entries.has(r)) return { isDirectory: false };
      throw fail('ENOENT', p);
    },
    async lstat(p) {
      const b = blocked(p);
      if (b) throw fail(b, p);
      if (symlinks[p]) return { isDirectory: false, isSymlink: true };
      if (dirs.has(p)) return { isDirectory: true, isSymlink: false };
      if (entries.has(p)) return { isDirectory: false, isSymlink: false };
      throw fail('ENOENT', p);
    },
  };
}

export function makeCtx(exec: Exec, over: Partial<CollectContext> = {}): CollectContext {
  return {
    platform: 'macos',
    exec,
    rulePaths: { exact: [], globs: [] },
    registryKeys: [],
    home: '/Users/alex',
    elevated: false,
    env: {},
    ...over,
  };
}
