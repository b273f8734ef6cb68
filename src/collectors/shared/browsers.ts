import type { BrowserExtensionRow, CoverageRow } from '../../snapshot/schema.js';
import type { CollectorResult } from '../types.js';
import { ReadTally } from './read.js';

// Chromium-family profiles keep one folder per extension id: <profile>/Extensions/<id>/<version>/manifest.json.

/** An extension's display name, unless it is a __MSG_ placeholder for a translation. */
export function parseChromeManifest(json: string): { name?: string; version?: string } {
  try {
    const m = JSON.parse(json) as { name?: unknown; version?: unknown };
    const name = typeof m.name === 'string' && !m.name.startsWith('__MSG_') ? m.name : undefined;
    return { name, version: typeof m.version === 'string' ? m.version : undefined };
  } catch {
    return {};
  }
}

/** Extension ids a Chromium policy file forces: ExtensionInstallForcelist ("id;update-url") and ExtensionSettings. */
export function parseChromePolicy(json: string): string[] {
  const ids = new Set<string>();
  let p: { ExtensionInstallForcelist?: unknown; ExtensionSettings?: unknown };
  try {
    p = JSON.parse(json);
  } catch {
    return [];
  }
  if (Array.isArray(p.ExtensionInstallForcelist)) {
    for (const v of p.ExtensionInstallForcelist) if (typeof v === 'string' && v.trim()) ids.add(v.split(';')[0].trim());
  }
  if (p.ExtensionSettings && typeof p.ExtensionSettings === 'object') {
    for (const [id, s] of Object.entries(p.ExtensionSettings as Record<string, { installation_mode?: string }>)) {
      if (id !== '*' && /^(force|normal)_installed$/.test(s?.installation_mode ?? '')) ids.add(id.split(';')[0]);
    }
  }
  return [...ids];
}

/** Firefox's per-profile extensions.json: add-ons with their id and default-locale name. */
export function parseFirefoxExtensions(json: string): { id: string; name?: string; forced: boolean }[] {
  try {
    const data = JSON.parse(json) as { addons?: { id?: string; type?: string; location?: string; defaultLocale?: { name?: string } }[] };
    return (data.addons ?? [])
      .filter((a) => a.id && !['theme', 'locale', 'dictionary'].includes(a.type ?? '') && a.location !== 'app-builtin' && a.location !== 'app-system-defaults')
      .map((a) => ({ id: a.id!, name: a.defaultLocale?.name, forced: a.location === 'app-system-policy' }));
  } catch {
    return [];
  }
}

/** Firefox enterprise policies.json: ExtensionSettings entries set to force_installed. */
export function parseFirefoxPolicies(json: string): string[] {
  try {
    const p = JSON.parse(json) as { policies?: { ExtensionSettings?: Record<string, { installation_mode?: string }> } };
    return Object.entries(p.policies?.ExtensionSettings ?? {})
      .filter(([id, s]) => id !== '*' && /^(force|normal)_installed$/.test(s?.installation_mode ?? ''))
      .map(([id]) => id);
  } catch {
    return [];
  }
}

// a profile or policy folder that exists but cannot be listed is counted in the tally, never skipped unseen
const dirs = (d: string, tally: ReadTally) => tally.list(d).filter((e) => e.isDirectory()).map((e) => e.name);
const files = (d: string, tally: ReadTally) => tally.list(d).filter((e) => !e.isDirectory() && e.name.endsWith('.json')).map((e) => e.name);

export interface BrowserLocations {
  /** browser label -> user data folders (each holding Default, Profile 1, ...) */
  chromium: Record<string, string[]>;
  /** Firefox profile parent folders */
  firefox: string[];
  /** browser label -> managed policy folders (JSON files) */
  chromiumPolicies: Record<string, string[]>;
  firefoxPolicies: string[];
}

/** Reads installed and force-installed extensions from the given locations. */
/** `within`: as root, links may lead only into these folders (the homes and system locations). */
export function collectBrowserExtensions(source: string, loc: BrowserLocations, within?: readonly string[]): CollectorResult {
  const rows = new Map<string, BrowserExtensionRow>();
  const tally = new ReadTally();
  const readSmall = (p: string) => tally.read(p, { within });
  const add = (browser: string, id: string, name?: string, forced = false) => {
    const key = `${browser}\0${id}`;
    const prev = rows.get(key);
    const row: BrowserExtensionRow = { browser, id, ...(name ?? prev?.name ? { name: name ?? prev?.name } : {}), forced: forced || Boolean(prev?.forced) };
    rows.set(key, row);
  };
  for (const [browser, roots] of Object.entries(loc.chromium)) {
    for (const root of roots) {
      for (const profile of dirs(root, tally)) {
        const ext = `${root}/${profile}/Extensions`;
        for (const id of dirs(ext, tally)) {
          if (!/^[a-p]{32}$/.test(id)) continue;
          const version = dirs(`${ext}/${id}`, tally)[0];
          const manifest = version ? readSmall(`${ext}/${id}/${version}/manifest.json`) : undefined;
          add(browser, id, manifest ? parseChromeManifest(manifest).name : undefined);
        }
      }
    }
  }
  for (const [browser, policyDirs] of Object.entries(loc.chromiumPolicies)) {
    for (const d of policyDirs) for (const f of files(d, tally)) for (const id of parseChromePolicy(readSmall(`${d}/${f}`) ?? '')) add(browser, id, undefined, true);
  }
  for (const root of loc.firefox) {
    for (const profile of dirs(root, tally)) {
      const text = readSmall(`${root}/${profile}/extensions.json`);
      if (text) for (const a of parseFirefoxExtensions(text)) add('firefox', a.id, a.name, a.forced);
    }
  }
  for (const f of loc.firefoxPolicies) for (const id of parseFirefoxPolicies(readSmall(f) ?? '')) add('firefox', id, undefined, true);
  const coverage: CoverageRow[] = [
    tally.total
      ? { source, table: 'browser_extensions', status: tally.denied ? 'denied' : 'partial', ...tally.describeReason('browser') }
      : { source, table: 'browser_extensions', status: 'ok' },
  ];
  return { tables: { browser_extensions: [...rows.values()] }, coverage };
}
