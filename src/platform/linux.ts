// What a path means on Linux: case-sensitive, `/`, `~` for /home/* and /root.
import type { ExpandedPath } from './index.js';
import { cleanPosixPath, expandTilde, extractPosixPaths } from './posix.js';

/** Folders whose subfolders are home folders, and home folders of their own. */
export const LINUX_HOME_PARENTS: readonly string[] = Object.freeze(['/home']);
export const LINUX_FIXED_HOMES: readonly string[] = Object.freeze(['/root']);
export const LINUX_HOME_ROOTS: readonly string[] = Object.freeze([...LINUX_HOME_PARENTS.map((p) => `${p}/*`), ...LINUX_FIXED_HOMES]);

export function linuxHomeRoots(homes?: readonly string[]): string[] {
  return homes?.length ? [...homes] : [...LINUX_HOME_ROOTS];
}

export const cleanLinuxPath = cleanPosixPath;

export function expandLinuxRulePath(p: string, homes?: readonly string[]): ExpandedPath[] {
  const s = cleanPosixPath(p);
  const h = expandTilde(s, linuxHomeRoots(homes));
  if (h) return h.map((path) => ({ path, glob: !homes?.length || /[*?]/.test(s) }));
  return [{ path: s, glob: /[*?]/.test(s) }];
}

/** Paths in a systemd ExecStart (prefixes -, @, +, !, !! stripped), an XDG Exec= line or a process argv. */
export function extractLinuxPaths(command: string | readonly string[]): string[] {
  return extractPosixPaths(command);
}
