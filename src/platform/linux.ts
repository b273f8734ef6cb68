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
  const glob = /[*?]/.test(s);
  const h = expandTilde(s, linuxHomeRoots(homes));
  const out: ExpandedPath[] = h ? h.map((path) => ({ path, glob: !homes?.length || glob })) : [{ path: s, glob }];
  // flatpak installs an app system-wide in /var/lib/flatpak or for one user in ~/.local/share/flatpak (flatpak(1))
  const sys = FLATPAK_SYSTEM.exec(s);
  if (sys) for (const root of linuxHomeRoots(homes)) out.push({ path: `${root}${FLATPAK_USER}${sys[1]}`, glob: !homes?.length || glob, alternate: true });
  const user = h ? FLATPAK_USER_IN_HOME.exec(s) : null;
  if (user) out.push({ path: `${FLATPAK_SYSTEM_DIR}${user[1]}`, glob, alternate: true });
  // /snap/X/current is a symlink to the installed revision, which running programs and units name (/snap/X/123/...)
  const snap = SNAP_CURRENT.exec(s);
  if (snap) out.push({ path: `/snap/${snap[1]}/*${snap[2] ?? ''}`, glob: true, alternate: true });
  return out;
}

const FLATPAK_SYSTEM_DIR = '/var/lib/flatpak';
const FLATPAK_USER = '/.local/share/flatpak';
const FLATPAK_SYSTEM = /^\/var\/lib\/flatpak(\/(?:app|runtime)\/[^/*?]+(?:\/.*)?)$/;
const FLATPAK_USER_IN_HOME = /^~\/\.local\/share\/flatpak(\/(?:app|runtime)\/[^/*?]+(?:\/.*)?)$/;
const SNAP_CURRENT = /^\/snap\/([^/*?]+)\/current(\/.*)?$/;

/** Paths in a systemd ExecStart (prefixes -, @, +, !, !! stripped), an XDG Exec= line or a process argv. */
export function extractLinuxPaths(command: string | readonly string[]): string[] {
  return extractPosixPaths(command);
}
