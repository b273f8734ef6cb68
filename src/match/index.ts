import type { Platform } from '../snapshot/constants.js';
import type { Pattern, PlatformIndicators } from '../rules/schema.js';
import { nameGlobAnchor, pathGlobAnchor } from '../rules/anchors.js';
import { compileGlob, type GlobMatcher } from './glob.js';
import { expandRulePath, pathKey, pathsFoldCase, type ExpandedPath } from '../platform/index.js';
import type { IndicatorKind, RuntimeRule, Strength } from './types.js';
import { own } from '../util/own.js';
import { programKey } from './names.js';

export interface Entry {
  rule: RuntimeRule;
  kind: IndicatorKind;
  value: string;
  strength: Strength;
  /** Process indicators qualified by a path also require this name (when given). */
  name?: string;
  /** Paths and registry keys match everything inside them; process paths are single files. */
  folder: boolean;
  /** A spelling the rule implies but does not write (the other Program Files folder, ~/Applications). */
  alternate?: boolean;
}

export interface GlobEntry extends Entry {
  re: GlobMatcher;
}

/** Lookup tables for one platform: every lookup costs the same whatever the number of rules. */
export interface MatchIndex {
  platform: Platform;
  /** Names (services, packages, program names) fold case: Windows. */
  caseInsensitive: boolean;
  /** Paths fold case: Windows and macOS (default APFS). */
  pathCaseInsensitive: boolean;
  exact: Map<string, Entry[]>;
  paths: Map<string, Entry[]>;
  registry: Map<string, Entry[]>;
  pathGlobs: Map<string, GlobEntry[]>;
  registryGlobs: Map<string, GlobEntry[]>;
  nameGlobs: Map<string, GlobEntry[]>;
  domains: Map<string, Entry[]>;
  domainSuffixes: Map<string, Entry[]>;
  ruleCount: number;
}

// A launchd job file in a standard folder, named <label>.plist (launchd.plist(5))
const LAUNCHD_PLIST = /^(?:~|\/Library|\/System\/Library)\/Launch(?:Daemons|Agents)\/([A-Za-z0-9][\w.-]*[A-Za-z0-9])\.plist$/;

const NAME_KINDS = ['services', 'packages', 'drivers', 'autostart', 'bundle_ids', 'launchd'] as const;

// What a path means on each platform lives in src/platform; these names stay importable from here.
export { HOME_ROOTS, expandHome, normPath } from '../platform/index.js';

export function normName(s: string, ci: boolean): string {
  return ci ? s.toLowerCase() : s;
}

export function normHost(h: string): string {
  return h.trim().toLowerCase().replace(/\.$/, '');
}

function push<T>(map: Map<string, T[]>, key: string, v: T) {
  const list = map.get(key);
  if (list) list.push(v);
  else map.set(key, [v]);
}

// Words of product and vendor names that name a kind of program, not a product: a folder called "Remote Agent"
// carries no product's name, though "Chrome Remote Desktop Agent" contains both words.
const GENERIC_WORDS = new Set([
  'agent', 'agents', 'client', 'server', 'service', 'services', 'remote', 'desktop', 'support', 'access', 'control',
  'manager', 'management', 'monitor', 'monitoring', 'security', 'endpoint', 'software', 'system', 'systems', 'cloud',
  'connect', 'tracker', 'tracking', 'track', 'time', 'protect', 'protection', 'edition', 'enterprise', 'center',
  'viewer', 'assist', 'help', 'tools', 'tool', 'team', 'teams', 'work', 'online', 'corporation', 'corp', 'limited',
  'group', 'technologies', 'technology', 'solutions', 'apps', 'application', 'windows', 'microsoft',
  'apple', 'google', 'data', 'user', 'users', 'device', 'devices', 'network', 'screen', 'host', 'daemon',
  'helper', 'update', 'updater', 'launcher', 'mobile', 'free', 'professional', 'business', 'personal', 'studio',
  'task', 'mining', 'level',
]);

/**
 * Does a folder or app name carry the product's name (`Hubstaff.app`, `Programs\\Hubstaff` for Hubstaff)? Only then
 * is a per-user copy (~/Applications, %LOCALAPPDATA%\\Programs) the rule's program: an agent an organisation deploys
 * goes where only an admin can write, and a user's own `student.app` or `Programs\\Agent` is someone else's program.
 * A word counts with 4+ letters and not generic; the name is compared in letters and digits only.
 */
export function carriesProductName(rule: RuntimeRule, name: string): boolean {
  const folder = name.toLowerCase().replace(/\.app$/, '').replace(/[^a-z0-9]/g, '');
  if (!folder) return false;
  const words = [rule.name, rule.vendor, ...(rule.aliases ?? [])].flatMap((n) => n.toLowerCase().split(/[^a-z0-9]+/));
  return words.some((w) => w.length >= 4 && !GENERIC_WORDS.has(w) && folder.includes(w));
}

/** Does an app path's bundle carry the product's name (the ~/Applications guard, as carriesProductName)? */
export function namesProduct(rule: RuntimeRule, path: string): boolean {
  const app = /\/([^/]+)\.app(?=\/|$)/.exec(path)?.[1];
  return app ? carriesProductName(rule, app) : false;
}

/** Does an expanded rule path count for this rule: not an alternate, or one whose guard name carries the product's? */
export function alternateCounts(rule: RuntimeRule, e: ExpandedPath): boolean {
  return !e.alternate || e.needsName === undefined || carriesProductName(rule, e.needsName);
}

export function buildIndex(rules: readonly RuntimeRule[], platform: Platform): MatchIndex {
  const ci = platform === 'windows';
  const ix: MatchIndex = {
    platform,
    caseInsensitive: ci,
    pathCaseInsensitive: pathsFoldCase(platform),
    exact: new Map(),
    paths: new Map(),
    registry: new Map(),
    pathGlobs: new Map(),
    registryGlobs: new Map(),
    nameGlobs: new Map(),
    domains: new Map(),
    domainSuffixes: new Map(),
    ruleCount: rules.length,
  };

  // Each rule's paths are filed once its indicators are all read: an alternate spelling (the other Program Files
  // folder, ~/Applications) that the rule also names itself is left out, so one item is not explained twice.
  let pending: { e: Entry; path: string; glob: boolean; alternate: boolean }[] = [];
  const addPath = (rule: RuntimeRule, kind: IndicatorKind, raw: string, glob: boolean, folder: boolean, name?: string) => {
    const strength: Strength = 'high';
    // %APPDATA%, ~ and machine-wide variables become the concrete paths (or globs over every home) they stand for
    for (const x of expandRulePath(raw, platform)) {
      if (!alternateCounts(rule, x)) continue;
      pending.push({ e: { rule, kind, value: raw, strength, folder, name }, path: x.path, glob: glob || x.glob, alternate: !!x.alternate });
    }
  };
  const flushPaths = () => {
    const keyOf = (p: (typeof pending)[number]) => `${p.e.kind}\0${p.e.folder}\0${p.e.name ?? ''}\0${p.glob}\0${pathKey(p.path, platform)}`;
    const literal = new Set(pending.filter((p) => !p.alternate).map(keyOf));
    for (const p of pending) {
      if (p.alternate && literal.has(keyOf(p))) continue;
      const e: Entry = p.alternate ? { ...p.e, alternate: true } : p.e;
      if (p.glob) {
        const anchor = globAnchor(p.path);
        if (!anchor) continue; // rejected by the validator; never loaded from a valid rule
        push(ix.pathGlobs, anchor, { ...e, re: compileGlob(p.path, { path: true, caseInsensitive: ix.pathCaseInsensitive, folder: e.folder }) });
      } else push(ix.paths, pathKey(p.path, platform), e);
    }
    pending = [];
  };

  for (const rule of rules) {
    const ind: PlatformIndicators | undefined = rule.indicators[platform];
    if (ind) {
      for (const p of ind.processes ?? []) {
        if (p.path) addPath(rule, 'processes', p.path, false, false, p.name);
        else if (p.path_glob) addPath(rule, 'processes', p.path_glob, true, false, p.name);
        else if (p.name) push(ix.exact, `processes\0${programKey(p.name, ci)}`, { rule, kind: 'processes', value: p.name, strength: 'medium', folder: false });
      }
      for (const p of ind.paths ?? []) addPath(rule, 'paths', patternValue(p), typeof p === 'object', true);
      flushPaths();
      for (const p of ind.registry ?? []) {
        const v = patternValue(p);
        if (typeof p === 'object') {
          const anchor = pathGlobAnchor(v);
          if (anchor) push(ix.registryGlobs, anchor, { rule, kind: 'registry', value: v, strength: 'high', folder: true, re: compileGlob(normRegistry(v, false), { path: true, caseInsensitive: true, folder: true }) });
        } else push(ix.registry, normRegistry(v, true), { rule, kind: 'registry', value: v, strength: 'high', folder: true });
      }
      for (const kind of NAME_KINDS) {
        for (const p of ind[kind] ?? []) addName(ix, rule, kind, p, ci);
      }
      // a launchd job file is named for its Label by convention; the job is the label whatever its file is called
      if (platform === 'macos') {
        const labels = new Set((ind.launchd ?? []).filter((l): l is string => typeof l === 'string').map((l) => l.toLowerCase()));
        for (const p of ind.paths ?? []) {
          const label = typeof p === 'string' ? LAUNCHD_PLIST.exec(p.trim())?.[1] : undefined;
          if (label && !labels.has(label.toLowerCase())) push(ix.exact, `launchd\0${label.toLowerCase()}`, { rule, kind: 'paths', value: p as string, strength: 'high', folder: false });
        }
      }
      for (const id of ind.browser_extensions ?? []) push(ix.exact, `browser_extensions\0${id.toLowerCase()}`, { rule, kind: 'browser_extensions', value: id, strength: 'high', folder: false });
      for (const s of ind.signers ?? []) push(ix.exact, `signers\0${s.toLowerCase()}`, { rule, kind: 'signers', value: s, strength: 'high', folder: false });
    }
    for (const [kind, strength] of [['agent_domains', 'medium'], ['website_domains', 'low']] as const) {
      for (const d of rule.indicators[kind] ?? []) {
        const e: Entry = { rule, kind, value: d, strength, folder: false };
        if (d.startsWith('*.')) push(ix.domainSuffixes, normHost(d.slice(2)), e);
        else push(ix.domains, normHost(d), e);
      }
    }
  }
  return ix;
}

/** A path glob's index anchor, other than the per-user Programs folder that every per-user install shares. */
function globAnchor(path: string): string | undefined {
  return pathGlobAnchor(path.replace(/\\Programs(?=\\)/gi, '')) ?? pathGlobAnchor(path);
}

function patternValue(p: Pattern): string {
  return typeof p === 'string' ? p : p.glob;
}

function addName(ix: MatchIndex, rule: RuntimeRule, kind: (typeof NAME_KINDS)[number], p: Pattern, ci: boolean) {
  // bundle ids and launchd labels are reverse-DNS names that macOS compares case-insensitively in practice
  const fold = ci || kind === 'bundle_ids' || kind === 'launchd';
  if (typeof p === 'string') {
    push(ix.exact, `${kind}\0${normName(p, fold)}`, { rule, kind, value: p, strength: 'high', folder: false });
    return;
  }
  const anchor = nameGlobAnchor(p.glob);
  if (!anchor) return;
  push(ix.nameGlobs, `${kind}\0${anchor}`, { rule, kind, value: p.glob, strength: 'high', folder: false, re: compileGlob(p.glob, { path: false, caseInsensitive: fold }) });
}

const HIVES: Record<string, string> = {
  hkey_local_machine: 'hklm',
  hkey_current_user: 'hkcu',
  hkey_users: 'hku',
  hkey_classes_root: 'hkcr',
  'registry::hkey_local_machine': 'hklm',
  'registry::hkey_current_user': 'hkcu',
  'hklm:': 'hklm',
  'hkcu:': 'hkcu',
};

/** Registry keys compare case-insensitively with short hive names and no trailing backslash. */
export function normRegistry(key: string, lower: boolean): string {
  const parts = key.replace(/\//g, '\\').replace(/\\+$/, '').split('\\');
  const hive = own(HIVES, parts[0].toLowerCase());
  if (hive) parts[0] = hive;
  const s = parts.join('\\');
  return lower ? s.toLowerCase() : s;
}

// A per-user hive under HKU: a local or domain account (S-1-5-21-…) or an Entra ID account (S-1-12-1-…); not `_Classes`.
const USER_HIVE = /^hku\\s-1-(?:5-21|12-1)(?:-\d+)+(?=\\|$)/;
const WOW = /^hklm\\software\\wow6432node(?=\\|$)/;

/**
 * The spellings a rule may use for a normalised key (normRegistry(key, true)): the key itself; for a key under
 * WOW6432Node, the path a 32-bit program sees, as the registry collector reports it; for a user's hive under HKU, HKCU.
 */
export function registryViews(k: string): string[] {
  const out = [k];
  const wow = k.replace(WOW, 'hklm\\software');
  if (wow !== k) out.push(wow);
  for (const v of [...out]) {
    const user = v.replace(USER_HIVE, 'hkcu');
    if (user !== v) out.push(user);
  }
  return out;
}

// Where each Uninstall scope of the Windows collector reads its entries (src/collectors/windows).
const UNINSTALL_PARENT: Record<string, string> = {
  machine: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall',
  'machine-32bit': 'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall',
  user: 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall',
};

/** A package row's Uninstall key as a full key: given whole, or the subkey name under its scope's Uninstall key. */
export function uninstallKeyOf(uninstallKey: string | undefined, scope: string | undefined): string | undefined {
  if (!uninstallKey) return undefined;
  if (uninstallKey.includes('\\')) return /^(?:hk|registry::)/i.test(uninstallKey) ? uninstallKey : undefined;
  const parent = scope ? own(UNINSTALL_PARENT, scope) : undefined;
  return parent ? `${parent}\\${uninstallKey}` : undefined;
}
