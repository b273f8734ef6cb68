// Single-artefact variants of every rule indicator, as real installs write them: the measure of issue #7.
import type { RuntimeRule } from '../../src/match/types.js';
import type { Platform, Snapshot } from '../../src/snapshot/schema.js';

export interface Variant {
  rule: RuntimeRule;
  platform: Platform;
  /** The kind of variation, for the per-kind figures. */
  kind: string;
  /** The artefact as the variant spells it. */
  item: string;
  snapshot: Snapshot;
}

export function snap(platform: Platform, tables: Partial<Snapshot>): Snapshot {
  return { format: 'bosswatch-snapshot', version: 1, collected_at: '2026-12-04T00:00:00Z', host: { platform, os_version: 'variant' }, coverage: [], ...tables };
}

const PF = /^(?:C:\\Program Files|%ProgramFiles%|%ProgramW6432%)(?=\\|$)/i;
const PF86 = /^(?:C:\\Program Files \(x86\)|%ProgramFiles\(x86\)%)(?=\\|$)/i;
const COMMON = /^%CommonProgramFiles%(?=\\|$)/i;

/** The other Program Files folder of a Windows rule path, spelled concretely; undefined outside Program Files. */
export function otherProgramFiles(p: string): string | undefined {
  if (PF86.test(p)) return p.replace(PF86, 'C:\\Program Files');
  if (PF.test(p)) return p.replace(PF, 'C:\\Program Files (x86)');
  if (COMMON.test(p)) return p.replace(COMMON, 'C:\\Program Files (x86)\\Common Files');
  return undefined;
}

// an app bundle at the top of /Applications, which a user may install in ~/Applications instead
const APP = /^\/Applications\/[^/]+\.app(?=\/|$)/;

const base = (p: string) => p.slice(Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/')) + 1);

/** Suffixes Windows installers add to an Uninstall DisplayName (with the DisplayVersion they imply). */
export const DISPLAY_NAME_SUFFIXES: readonly { suffix: string; version?: string }[] = [
  { suffix: ' 1.2.3', version: '1.2.3' },
  { suffix: ' (x64)' },
  { suffix: ' - 2.3.1', version: '2.3.1' },
  { suffix: ' version 4.1', version: '4.1' },
  { suffix: ' 64-bit' },
];

export function variantsOf(rule: RuntimeRule): Variant[] {
  const out: Variant[] = [];
  const add = (platform: Platform, kind: string, item: string, tables: Partial<Snapshot>) => out.push({ rule, platform, kind, item, snapshot: snap(platform, tables) });
  const win = rule.indicators.windows;
  if (win) {
    for (const p of win.paths ?? []) {
      if (typeof p !== 'string') continue;
      const v = otherProgramFiles(p);
      if (v) add('windows', 'program-files-other', v, { files: [{ path: v }] });
    }
    for (const p of win.processes ?? []) {
      if (p.path) {
        const v = otherProgramFiles(p.path);
        if (v) add('windows', 'program-files-other', v, { processes: [{ pid: 100, name: p.name ?? base(v), path: v }] });
      } else if (p.name && !p.path_glob && /\.exe$/i.test(p.name)) {
        const bare = p.name.slice(0, -4);
        add('windows', 'process-without-exe', bare, { processes: [{ pid: 100, name: bare }] });
      }
    }
    for (const p of win.packages ?? []) {
      if (typeof p !== 'string') continue;
      for (const { suffix, version } of DISPLAY_NAME_SUFFIXES) {
        const name = p + suffix;
        add('windows', 'display-name-suffix', name, { packages: [{ name, source: 'windows-uninstall', ...(version ? { version } : {}) }] });
      }
    }
  }
  const mac = rule.indicators.macos;
  if (mac) {
    for (const p of mac.paths ?? []) {
      if (typeof p === 'string' && APP.test(p)) add('macos', 'user-applications', `/Users/alice${p}`, { files: [{ path: `/Users/alice${p}` }] });
    }
    for (const p of mac.processes ?? []) {
      if (p.path && APP.test(p.path)) {
        const v = `/Users/alice${p.path}`;
        add('macos', 'user-applications', v, { processes: [{ pid: 100, name: p.name ?? base(v), path: v }] });
      }
    }
  }
  return out;
}
