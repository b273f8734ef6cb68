// What a path means on macOS: `/`, `~` for /Users/* and /var/root, app bundles with spaces in their names.
import type { ExpandedPath } from './index.js';
import { cleanPosixPath, expandTilde, extractPosixPaths } from './posix.js';

export const MACOS_HOME_PARENTS: readonly string[] = Object.freeze(['/Users']);
export const MACOS_FIXED_HOMES: readonly string[] = Object.freeze(['/var/root']);
export const MACOS_HOME_ROOTS: readonly string[] = Object.freeze([...MACOS_HOME_PARENTS.map((p) => `${p}/*`), ...MACOS_FIXED_HOMES]);
/** Entries of /Users that are not anyone's home. */
export const MACOS_NOT_HOMES: ReadonlySet<string> = new Set(['Shared', 'Guest', '.localized']);

export function macosHomeRoots(homes?: readonly string[]): string[] {
  return homes?.length ? [...homes] : [...MACOS_HOME_ROOTS];
}

export const cleanMacosPath = cleanPosixPath;

// An app bundle at the top of /Applications; a user without admin rights drags it into ~/Applications instead.
const SYSTEM_APP = /^\/Applications\/([^/]+)\.app(?=\/|$)/;

export function expandMacosRulePath(p: string, homes?: readonly string[]): ExpandedPath[] {
  const s = cleanPosixPath(p);
  const glob = /[*?]/.test(s);
  const h = expandTilde(s, macosHomeRoots(homes));
  if (h) return h.map((path) => ({ path, glob: !homes?.length || glob }));
  const out: ExpandedPath[] = [{ path: s, glob }];
  const app = SYSTEM_APP.exec(s);
  if (app) {
    const needsName = app[1];
    for (const root of macosHomeRoots(homes)) out.push({ path: root + s, glob: !homes?.length || glob, alternate: true, needsName });
  }
  return out;
}

/** Paths in a launchd ProgramArguments array or a command string (unquoted bundle paths with spaces rejoined). */
export function extractMacosPaths(command: string | readonly string[]): string[] {
  return extractPosixPaths(command, { joinSpaces: true });
}

/** The executable inside an app bundle, from its CFBundleExecutable name. */
export function bundleExecutable(appPath: string, executable: string): string {
  return executable.startsWith('/') ? executable : `${cleanPosixPath(appPath)}/Contents/MacOS/${executable}`;
}
