import { existsSync, readdirSync } from 'node:fs';
import type { FileRow } from '../../snapshot/schema.js';
import { globToRegExp } from '../../match/glob.js';

// existsSync costs about 1 µs per path, so checking every rule path is cheaper than indexing the disk.

const MAX_GLOB_MATCHES = 200;
const MAX_STAR_DEPTH = 4;

function entries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Expands a path glob against the file system, one folder level at a time (`**` limited to a few levels). */
export function expandGlob(glob: string): string[] {
  const segs = glob.split('/');
  const out: string[] = [];
  const walk = (base: string, i: number, starDepth: number) => {
    if (out.length >= MAX_GLOB_MATCHES) return;
    if (i === segs.length) {
      out.push(base || '/');
      return;
    }
    const seg = segs[i];
    const join = (name: string) => (base === '/' ? `/${name}` : `${base}/${name}`);
    if (seg === '') return walk(i === 0 ? '/' : base, i + 1, starDepth);
    if (seg === '**') {
      walk(base, i + 1, 0);
      if (starDepth < MAX_STAR_DEPTH) for (const e of entries(base)) walk(join(e), i, starDepth + 1);
      return;
    }
    if (!/[*?]/.test(seg)) {
      const next = join(seg);
      if (i === segs.length - 1 ? existsSync(next) : true) walk(next, i + 1, starDepth);
      return;
    }
    const re = globToRegExp(seg, { path: true, caseInsensitive: false });
    for (const e of entries(base)) if (re.test(e)) walk(join(e), i + 1, starDepth);
  };
  walk('', 0, 0);
  return out.filter((p) => existsSync(p));
}

/** Rule paths that exist, plus the top level (or two) of the usual install folders. */
export function collectFiles(rulePaths: { exact: readonly string[]; globs: readonly string[] }, listings: readonly { dir: string; depth: number }[]): FileRow[] {
  const found = new Set<string>();
  for (const p of rulePaths.exact) if (existsSync(p)) found.add(p);
  for (const g of rulePaths.globs) for (const p of expandGlob(g)) found.add(p);
  const list = (dir: string, depth: number) => {
    for (const e of entries(dir)) {
      const p = `${dir}/${e}`;
      found.add(p);
      if (depth > 1) list(p, depth - 1);
    }
  };
  for (const { dir, depth } of listings) list(dir, depth);
  return [...found].sort().map((path) => ({ path }));
}
