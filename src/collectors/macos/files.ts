import { globToRegExp } from '../../match/glob.js';
import { expandTilde } from '../../platform/posix.js';
import type { FileRow } from '../../snapshot/schema.js';
import type { Collector } from '../types.js';
import { byString, coverage, defaultFs, isDenied, isMissing, joinPath, listHomes, type MacFs } from './util.js';
import { joinReasons, maybeReasons, reason, reasonsOf, why, type Reason } from '../shared/reason.js';

const SOURCE = 'macos/files';
// Upper bounds that keep a `**` glob from walking the whole disk.
const MAX_DIR_READS = 4000;
const MAX_DEPTH = 12;

/** Expands a leading `~` to every home folder; other paths are returned as they are. */
export function expandHome(p: string, homes: readonly string[]): string[] {
  return expandTilde(p, homes) ?? [p];
}

const hasWildcard = (s: string) => /[*?]/.test(s);

interface Walk {
  reads: number;
  truncated: boolean;
  denied: Set<string>;
}

async function readdirSafe(fs: MacFs, dir: string, w: Walk) {
  if (w.reads >= MAX_DIR_READS) {
    w.truncated = true;
    return [];
  }
  w.reads++;
  try {
    return await fs.readdir(dir);
  } catch (e) {
    if (isDenied(e)) w.denied.add(dir);
    return [];
  }
}

/** Paths on disk that match an absolute glob (`*` and `?` within a name, `**` across folders). */
export async function expandGlob(fs: MacFs, pattern: string, w: Walk): Promise<string[]> {
  const segs = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  if (segs[0] !== '') return [];
  const found = new Set<string>();
  const step = async (base: string, i: number, depth: number): Promise<void> => {
    if (i === segs.length) {
      found.add(base || '/');
      return;
    }
    const seg = segs[i];
    if (seg === '**') {
      await step(base, i + 1, depth);
      if (depth >= MAX_DEPTH) {
        w.truncated = true;
        return;
      }
      for (const e of await readdirSafe(fs, base || '/', w)) {
        // Symlinked folders are not followed: they can loop.
        if (e.isDirectory && !e.isSymlink) await step(joinPath(base || '/', e.name), i, depth + 1);
      }
      return;
    }
    if (!hasWildcard(seg)) {
      await step(joinPath(base || '/', seg), i + 1, depth);
      return;
    }
    // APFS is case-insensitive by default, and the matcher compares macOS paths so (src/platform)
    const re = globToRegExp(seg, { path: true, caseInsensitive: true });
    for (const e of await readdirSafe(fs, base || '/', w)) {
      if (re.test(e.name)) await step(joinPath(base || '/', e.name), i + 1, depth);
    }
  };
  await step('', 1, 0);
  // Literal tails were appended without looking: keep only what exists.
  const out: string[] = [];
  for (const p of found) {
    try {
      await fs.lstat(p);
      out.push(p);
    } catch (e) {
      if (isDenied(e)) w.denied.add(p);
    }
  }
  return out;
}

export function createFilesCollector(deps: { fs?: MacFs } = {}): Collector {
  const fs = deps.fs ?? defaultFs;
  return {
    id: SOURCE,
    tables: ['files'],
    async collect(ctx) {
      const { homes } = await listHomes(fs, ctx);
      const homePaths = homes.map((h) => h.home);
      const w: Walk = { reads: 0, truncated: false, denied: new Set() };
      const rows = new Map<string, FileRow>();

      const exact = [...new Set(ctx.rulePaths.exact.flatMap((p) => expandHome(p, homePaths)))].filter((p) => p.startsWith('/'));
      await Promise.all(
        exact.map(async (p) => {
          try {
            const s = await fs.lstat(p);
            rows.set(p, { path: p, type: s.isSymlink ? 'symlink' : s.isDirectory ? 'directory' : 'file' });
          } catch (e) {
            if (isDenied(e)) w.denied.add(p);
            else if (!isMissing(e)) w.denied.add(p);
          }
        }),
      );
      const globs = [...new Set(ctx.rulePaths.globs.flatMap((p) => expandHome(p, homePaths)))].filter((p) => p.startsWith('/'));
      for (const g of globs) {
        for (const p of await expandGlob(fs, g, w)) if (!rows.has(p)) rows.set(p, { path: p, glob: g });
      }
      const files = [...rows.values()].sort((a, b) => byString(a.path, b.path));
      const issues: Reason[] = [];
      // Without sudo, root's home and other users' private folders are expected to be closed: one note covers them.
      const denied = [...w.denied].filter((p) => ctx.elevated || !p.startsWith('/var/root')).sort(byString);
      if (denied.length) {
        issues.push(why('files-denied', { count: denied.length, paths: `${denied.slice(0, 3).join(', ')}${denied.length > 3 ? ', …' : ''}` }));
      }
      if (!ctx.elevated && (denied.length || w.denied.size)) issues.push(why('files-sudo'));
      if (w.truncated) issues.push(why('files-search-limit'));
      return {
        tables: { files },
        coverage: [issues.length ? coverage(SOURCE, 'files', 'partial', joinReasons(issues as [Reason, ...Reason[]])) : coverage(SOURCE, 'files', 'ok')],
      };
    },
  };
}

export const filesCollector = createFilesCollector();
