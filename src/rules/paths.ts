import type { CollectContext } from '../collectors/types.js';
import { expandHome } from '../match/index.js';
import type { RuntimeRule } from '../match/types.js';
import type { Platform } from '../snapshot/schema.js';

/** Every path the rules name for one platform, with home-relative paths expanded to every home folder. */
export function rulePathsFor(rules: readonly RuntimeRule[], platform: Platform): CollectContext['rulePaths'] {
  const exact = new Set<string>();
  const globs = new Set<string>();
  const add = (p: string, glob: boolean) => {
    const homes = expandHome(p, platform);
    if (homes) for (const h of homes) globs.add(h);
    else if (glob || /[*?]/.test(p)) globs.add(p);
    else exact.add(p);
  };
  for (const r of rules) {
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
