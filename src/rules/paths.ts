import type { CollectContext } from '../collectors/types.js';
import { expandRulePath } from '../platform/index.js';
import { alternateCounts } from '../match/index.js';
import type { RuntimeRule } from '../match/types.js';
import type { Platform } from '../snapshot/schema.js';

/**
 * Every path the rules name for one platform, as the collectors look for it: `~`, `%USERPROFILE%`, `%APPDATA%`, ...
 * as globs over every home folder, machine-wide variables (`%ProgramFiles%`, ...) at their standard location.
 */
export function rulePathsFor(rules: readonly RuntimeRule[], platform: Platform): CollectContext['rulePaths'] {
  const exact = new Set<string>();
  const globs = new Set<string>();
  for (const r of rules) {
    // where the matcher would match: a per-user copy only for a rule whose product its folder or app name carries
    const add = (p: string, glob: boolean) => {
      for (const e of expandRulePath(p, platform)) if (alternateCounts(r, e)) (glob || e.glob ? globs : exact).add(e.path);
    };
    const ind = r.indicators[platform];
    if (!ind) continue;
    for (const p of ind.paths ?? []) add(typeof p === 'string' ? p : p.glob, typeof p !== 'string');
    for (const p of ind.processes ?? []) {
      if (p.path) add(p.path, false);
      else if (p.path_glob) add(p.path_glob, true);
    }
  }
  return { exact: [...exact].sort(), globs: [...globs].sort() };
}

export function registryKeysFor(rules: readonly RuntimeRule[]): string[] {
  const keys = new Set<string>();
  for (const r of rules) for (const k of r.indicators.windows?.registry ?? []) keys.add(typeof k === 'string' ? k : k.glob);
  return [...keys].sort();
}
