// `rules stats`: how many products each platform can recognise from each kind of installed artefact.
import type { RuntimeRule } from '../match/types.js';
import { PLATFORMS, type Platform } from '../snapshot/constants.js';
import type { PlatformIndicators } from './schema.js';

export const ARTEFACT_KINDS = {
  program_path: 'program path',
  service: 'service / launchd job / unit',
  package: 'package / Uninstall entry',
  install_folder: 'install folder or file',
  bundle_id: 'bundle id',
  signer: 'Team ID / signer',
  registry: 'registry key',
  driver: 'driver / extension',
  domain: 'agent domain',
} as const;
export type ArtefactKind = keyof typeof ARTEFACT_KINDS;

const has = (l: readonly unknown[] | undefined) => (l?.length ?? 0) > 0;

export function artefactKindsOf(rule: RuntimeRule, platform: Platform): ArtefactKind[] {
  const ind: PlatformIndicators | undefined = rule.indicators[platform];
  const declared = rule.platforms?.[platform] !== undefined || ind !== undefined;
  if (!declared) return [];
  const out: ArtefactKind[] = [];
  if (ind?.processes?.some((p) => p.path || p.path_glob)) out.push('program_path');
  if (has(ind?.services) || has(ind?.launchd)) out.push('service');
  if (has(ind?.packages)) out.push('package');
  if (has(ind?.paths)) out.push('install_folder');
  if (has(ind?.bundle_ids)) out.push('bundle_id');
  if (has(ind?.signers)) out.push('signer');
  if (has(ind?.registry)) out.push('registry');
  if (has(ind?.drivers)) out.push('driver');
  if (has(rule.indicators.agent_domains)) out.push('domain');
  return out;
}

export interface PlatformStats {
  /** Rules that declare each platform (or, without a declaration, have indicators for it). */
  products: Record<Platform, number>;
  /** Rule count per platform and artefact kind. */
  artefacts: Record<Platform, Record<ArtefactKind, number>>;
  /** Platforms a product ships on that its rule cannot recognise yet, with the reason. */
  gaps: { rule: string; name: string; platform: Platform; gap: string }[];
  /** Rules that do not declare their platforms yet. */
  undeclared: string[];
}

export function platformStats(rules: readonly RuntimeRule[]): PlatformStats {
  const zero = () => Object.fromEntries(Object.keys(ARTEFACT_KINDS).map((k) => [k, 0])) as Record<ArtefactKind, number>;
  const stats: PlatformStats = {
    products: { windows: 0, macos: 0, linux: 0 },
    artefacts: { windows: zero(), macos: zero(), linux: zero() },
    gaps: [],
    undeclared: [],
  };
  for (const r of [...rules].sort((a, b) => a.id.localeCompare(b.id))) {
    if (!r.platforms) stats.undeclared.push(r.id);
    for (const p of PLATFORMS) {
      if (r.platforms?.[p] !== undefined || r.indicators[p] !== undefined) stats.products[p]++;
      for (const k of artefactKindsOf(r, p)) stats.artefacts[p][k]++;
      const gap = r.platforms?.[p]?.gap;
      if (gap) stats.gaps.push({ rule: r.id, name: r.name, platform: p, gap });
    }
  }
  return stats;
}
