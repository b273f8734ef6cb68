// Checks across a rule's platforms and across rules: declared platforms, duplicates, families.
import { pathKey } from '../platform/index.js';
import type { RuntimeRule } from '../match/types.js';
import { PLATFORMS, type Platform } from '../snapshot/constants.js';
import type { PlatformIndicators } from './schema.js';
import type { RuleProblem } from './load.js';

/** Indicator kinds that show the product is installed (a domain, a bare process name or a signer alone does not). */
export const INSTALLED_KINDS = ['services', 'packages', 'paths', 'registry', 'drivers', 'autostart', 'browser_extensions', 'bundle_ids', 'launchd'] as const;

export function hasInstalledArtefact(ind: PlatformIndicators | undefined): boolean {
  if (!ind) return false;
  if (ind.processes?.some((p) => p.path || p.path_glob)) return true;
  return INSTALLED_KINDS.some((k) => (ind[k]?.length ?? 0) > 0);
}

/** `platforms` against `indicators`: every declared platform without a gap has an installed artefact; nothing undeclared. */
export function platformProblems(rule: RuntimeRule, file: string): RuleProblem[] {
  const out: RuleProblem[] = [];
  const declared = rule.platforms;
  if (!declared) return out;
  for (const p of PLATFORMS) {
    const d = declared[p];
    const ind = rule.indicators[p];
    if (d && !d.gap && !hasInstalledArtefact(ind)) {
      out.push({
        file,
        key: `platforms.${p}`,
        message: `${p} is declared without a gap, but indicators.${p} names no installed artefact (program path, service, package, folder, registry key, driver, bundle id, launchd label); add one, or say why in gap`,
      });
    }
    if (!d && ind) out.push({ file, key: `indicators.${p}`, message: `indicators for ${p}, but platforms does not declare ${p} (add it with the vendor's download page as source)` });
  }
  return out;
}

/** The family a rule belongs to: its `family` field, or its own id. */
export const familyOf = (r: Pick<RuntimeRule, 'id' | 'family'>): string => r.family ?? r.id;

/** Exact installed-artefact indicators of one platform, as comparison keys: kind and value. */
function artefactKeys(ind: PlatformIndicators, platform: Platform): { key: string; kind: string; value: string }[] {
  const ci = platform === 'windows';
  const out: { key: string; kind: string; value: string }[] = [];
  const name = (kind: string, v: string, fold: boolean) => out.push({ key: `${kind}\0${fold ? v.toLowerCase() : v}`, kind, value: v });
  for (const p of ind.processes ?? []) if (p.path) out.push({ key: `program\0${pathKey(p.path, platform)}`, kind: 'program path', value: p.path });
  for (const s of ind.services ?? []) if (typeof s === 'string') name(platform === 'macos' ? 'launchd label' : 'service', s, ci || platform === 'macos');
  for (const s of ind.launchd ?? []) if (typeof s === 'string') name('launchd label', s, true);
  for (const s of ind.packages ?? []) if (typeof s === 'string') name(platform === 'windows' ? 'package (Uninstall DisplayName)' : 'package', s, ci);
  for (const s of ind.bundle_ids ?? []) if (typeof s === 'string') name('bundle id', s, true);
  return out;
}

/**
 * Two rules naming the same exact installed artefact on one platform would accuse one install twice: an error,
 * unless both are one family (`family:`), whose findings the matcher merges into one.
 */
export function duplicateProblems(rules: readonly RuntimeRule[], fileOf: ReadonlyMap<string, string>): RuleProblem[] {
  const out: RuleProblem[] = [];
  const ids = new Set(rules.map((r) => r.id));
  for (const r of rules) {
    if (r.family !== undefined && r.family !== r.id && !ids.has(r.family) && !rules.some((o) => o !== r && o.family === r.family)) {
      out.push({ file: fileOf.get(r.id) ?? r.id, key: 'family', message: `family "${r.family}" names no other rule (use the id of the rule that names the family, shared by every member)` });
    }
  }
  for (const platform of PLATFORMS) {
    const seen = new Map<string, RuntimeRule>();
    for (const r of rules) {
      const ind = r.indicators[platform];
      if (!ind) continue;
      const mine = new Set<string>();
      for (const a of artefactKeys(ind, platform)) {
        if (mine.has(a.key)) continue;
        mine.add(a.key);
        const other = seen.get(a.key);
        if (!other) {
          seen.set(a.key, r);
          continue;
        }
        if (familyOf(other) === familyOf(r)) continue;
        out.push({
          file: fileOf.get(r.id) ?? r.id,
          key: `indicators.${platform}`,
          message: `${a.kind} "${a.value}" is also an indicator of rule ${other.id} (${fileOf.get(other.id) ?? other.id}): one install would give two findings; merge the rules (other names as aliases) or put both in one family (family: <id>)`,
        });
      }
    }
  }
  return out;
}
