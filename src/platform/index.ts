// One place decides what a path means on each OS; collectors (where to look) and the matcher (what a rule means) use it.
import type { Platform } from '../snapshot/constants.js';
import { cleanLinuxPath, expandLinuxRulePath, extractLinuxPaths, LINUX_HOME_ROOTS } from './linux.js';
import { cleanMacosPath, expandMacosRulePath, extractMacosPaths, MACOS_HOME_ROOTS } from './macos.js';
import { cleanWindowsPath, expandWindowsRulePath, extractWindowsPaths, normWindowsPath, WINDOWS_HOME_ROOTS } from './windows.js';

export type { Platform };

/** Home roots as globs: every home folder of the platform. */
export const HOME_ROOTS: Readonly<Record<Platform, readonly string[]>> = Object.freeze({
  linux: LINUX_HOME_ROOTS,
  macos: MACOS_HOME_ROOTS,
  windows: WINDOWS_HOME_ROOTS,
});

/** Do the platform's names (services, packages, program names) compare case-insensitively? Windows only. */
export const isCaseInsensitive = (platform: Platform): boolean => platform === 'windows';
/**
 * Do the platform's paths compare case-insensitively? Windows (NTFS) and macOS, whose default APFS format is
 * case-insensitive (case-sensitive APFS volumes exist, but are rare and not the startup volume's default).
 */
export const pathsFoldCase = (platform: Platform): boolean => platform !== 'linux';
export const separatorOf = (platform: Platform): '\\' | '/' => (platform === 'windows' ? '\\' : '/');

/** The path in one canonical spelling for the platform (case kept). */
export function cleanPath(p: string, platform: Platform): string {
  return platform === 'windows' ? cleanWindowsPath(p) : platform === 'macos' ? cleanMacosPath(p) : cleanLinuxPath(p);
}

/** The comparison key of a path on a platform: canonical, and case-folded where the file system folds case. */
export function pathKey(p: string, platform: Platform): string {
  if (platform === 'windows') return normWindowsPath(p);
  return platform === 'macos' ? cleanMacosPath(p).toLowerCase() : cleanLinuxPath(p);
}

/** Legacy form: `ci` stands for Windows semantics. */
export function normPath(p: string, ci: boolean): string {
  return ci ? normWindowsPath(p) : cleanLinuxPath(p);
}

/** One concrete path (or glob) a rule path stands for; `alternate` marks a spelling the rule implies but does not write. */
export interface ExpandedPath {
  path: string;
  glob: boolean;
  alternate?: true;
  /**
   * The folder or app name an alternate moves to a place where users keep their own programs (a per-user install):
   * the alternate counts only for a rule whose product this name carries (src/match: carriesProductName).
   */
  needsName?: string;
}

/**
 * A rule path as the concrete paths (or globs) it stands for on a platform: `~`, `%USERPROFILE%`, `%APPDATA%`, ...
 * become one entry per home root (`homes` = the home folders a collector found; default: every home root as a glob),
 * machine-wide variables (`%ProgramFiles%`, `%ProgramData%`, `%SystemRoot%`, ...) their standard location. A path
 * below one Program Files folder also stands for the same path below the other and for the per-user install folder
 * (%LOCALAPPDATA%\Programs, and back), and a macOS app in /Applications for the same app in every user's
 * ~/Applications (alternates: where installers put them too; the per-user ones carry `needsName`).
 */
export function expandRulePath(p: string, platform: Platform, homes?: readonly string[]): ExpandedPath[] {
  if (platform === 'windows') return expandWindowsRulePath(p, homes);
  return platform === 'macos' ? expandMacosRulePath(p, homes) : expandLinuxRulePath(p, homes);
}

/** Legacy form of expandRulePath for home-relative paths only: undefined when the path is not home-relative. */
export function expandHome(path: string, platform: Platform): string[] | undefined {
  const homeRelative = platform === 'windows' ? /^%(USERPROFILE|HOMEPATH|APPDATA|LOCALAPPDATA|TEMP|TMP)%/i.test(path.trim()) : /^~(\/|$)/.test(path.trim());
  return homeRelative ? expandRulePath(path, platform).map((e) => e.path) : undefined;
}

/** Does the rule path stand for something per user (under every home folder)? */
export function isHomeRelative(path: string, platform: Platform): boolean {
  return expandHome(path, platform) !== undefined;
}

/**
 * Every file path a command line or argument list names, in canonical spelling: a Windows service ImagePath,
 * Run value, scheduled-task action, Uninstall DisplayIcon / UninstallString, a systemd ExecStart, launchd
 * ProgramArguments. Values without a path (`MsiExec.exe /X{GUID}`) give none.
 */
export function extractPaths(command: string | readonly string[] | undefined | null, platform: Platform): string[] {
  if (command === undefined || command === null) return [];
  if (platform === 'windows') {
    if (typeof command === 'string') return extractWindowsPaths(command);
    const out: string[] = [];
    for (const a of command) for (const p of extractWindowsPaths(/\s/.test(a) && !a.startsWith('"') ? `"${a}"` : a)) if (!out.includes(p)) out.push(p);
    return out;
  }
  return platform === 'macos' ? extractMacosPaths(command) : extractLinuxPaths(command);
}
