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
  /** For a per-user copy: the folder or app name that must carry the product's name (else left out on purpose). */
  needsName?: string;
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
const APP = /^\/Applications\/([^/]+)\.app(?=\/|$)/;

// X and the rest of a Windows rule path below Program Files, or below the per-user Programs folder
const MACHINE_X = /^(?:C:\\Program Files(?: \(x86\))?|%ProgramFiles%|%ProgramFiles\(x86\)%|%ProgramW6432%)\\([^\\*?]+)(\\.*)?$/i;
const USER_X = /^(?:%LOCALAPPDATA%|%USERPROFILE%\\AppData\\Local|C:\\Users\\\*\\AppData\\Local)\\Programs\\([^\\*?]+)(\\.*)?$/i;

/** The same program installed for the other scope: Program Files <-> one user's %LOCALAPPDATA%\Programs. */
export function otherScope(p: string): { path: string; x: string } | undefined {
  const m = MACHINE_X.exec(p);
  if (m && !/^common files$/i.test(m[1])) return { path: `C:\\Users\\alice\\AppData\\Local\\Programs\\${m[1]}${m[2] ?? ''}`, x: m[1] };
  const u = USER_X.exec(p);
  return u ? { path: `C:\\Program Files\\${u[1]}${u[2] ?? ''}`, x: u[1] } : undefined;
}

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
  const add = (platform: Platform, kind: string, item: string, tables: Partial<Snapshot>, needsName?: string) =>
    out.push({ rule, platform, kind, item, snapshot: snap(platform, tables), ...(needsName ? { needsName } : {}) });
  const win = rule.indicators.windows;
  if (win) {
    for (const p of win.paths ?? []) {
      if (typeof p !== 'string') continue;
      const v = otherProgramFiles(p);
      if (v) add('windows', 'program-files-other', v, { files: [{ path: v }] });
      const u = otherScope(p);
      if (u) add('windows', 'per-user-programs', u.path, { files: [{ path: u.path }] }, u.x);
    }
    for (const p of win.paths ?? []) {
      // InstallLocation as installers write it: quoted, with a trailing backslash
      if (typeof p === 'string' && /^(?:[a-z]:\\|%ProgramFiles)/i.test(p) && !/[*?]/.test(p)) {
        const v = `"${p}\\"`;
        add('windows', 'uninstall-fields', v, { packages: [{ name: 'Variant', source: 'windows-uninstall', install_location: v }] });
      }
    }
    for (const p of win.processes ?? []) {
      // DisplayIcon as "file",index
      if (p.path && !/[*?]/.test(p.path)) {
        const v = `"${p.path}",0`;
        add('windows', 'uninstall-fields', v, { packages: [{ name: 'Variant', source: 'windows-uninstall', display_icon: v }] });
      }
      if (p.path) {
        const v = otherProgramFiles(p.path);
        if (v) add('windows', 'program-files-other', v, { processes: [{ pid: 100, name: p.name ?? base(v), path: v }] });
        const u = otherScope(p.path);
        if (u) add('windows', 'per-user-programs', u.path, { processes: [{ pid: 100, name: p.name ?? base(u.path), path: u.path }] }, u.x);
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
    // a launchd job whose file is named otherwise than its Label (<label>.plist), seen as its label
    for (const p of mac.paths ?? []) {
      const label = typeof p === 'string' ? /^(?:~|\/Library)\/Launch(?:Daemons|Agents)\/(.+)\.plist$/.exec(p)?.[1] : undefined;
      if (label) add('macos', 'launchd-renamed-plist', label, { services: [{ name: label, plist: '/Library/LaunchDaemons/renamed.plist' }] });
    }
    // default APFS folds case: an installer or admin may write the rule's path in other letters (teramind.app)
    for (const p of mac.paths ?? []) {
      if (typeof p === 'string' && p.startsWith('/') && p.toLowerCase() !== p) add('macos', 'macos-case', p.toLowerCase(), { files: [{ path: p.toLowerCase() }] });
    }
    for (const p of mac.processes ?? []) {
      if (p.path && p.path.startsWith('/') && p.path.toLowerCase() !== p.path) {
        const v = p.path.toLowerCase();
        add('macos', 'macos-case', v, { services: [{ name: 'variant', path: v }] });
      }
    }
    for (const p of mac.paths ?? []) {
      const app = typeof p === 'string' ? APP.exec(p) : null;
      if (typeof p === 'string' && app) add('macos', 'user-applications', `/Users/alice${p}`, { files: [{ path: `/Users/alice${p}` }] }, app[1]);
    }
    for (const p of mac.processes ?? []) {
      const app = p.path ? APP.exec(p.path) : null;
      if (p.path && app) {
        const v = `/Users/alice${p.path}`;
        add('macos', 'user-applications', v, { processes: [{ pid: 100, name: p.name ?? base(v), path: v }] }, app[1]);
      }
    }
  }
  const lin = rule.indicators.linux;
  if (lin) {
    // an XDG autostart or unit that starts the program through a shell: Exec=sh -c "sleep 5 && /opt/x/x"
    for (const p of lin.processes ?? []) {
      if (p.path && p.path.startsWith('/') && !/[*?]/.test(p.path)) {
        const v = `sh -c "sleep 5 && ${p.path} --minimized"`;
        add('linux', 'shell-wrapped', v, { autostart: [{ kind: 'xdg-autostart', name: 'variant.desktop', command: v }] });
      }
    }
    // a flatpak installed for the other scope: /var/lib/flatpak <-> ~/.local/share/flatpak
    for (const p of lin.paths ?? []) {
      if (typeof p !== 'string') continue;
      const sys = /^\/var\/lib\/flatpak(\/.+)$/.exec(p)?.[1];
      const user = /^~\/\.local\/share\/flatpak(\/.+)$/.exec(p)?.[1];
      if (sys) add('linux', 'flatpak-scope', `/home/ann/.local/share/flatpak${sys}`, { files: [{ path: `/home/ann/.local/share/flatpak${sys}` }] });
      if (user) add('linux', 'flatpak-scope', `/var/lib/flatpak${user}`, { files: [{ path: `/var/lib/flatpak${user}` }] });
    }
  }
  return out;
}
