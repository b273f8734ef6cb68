// What a path means on Windows: environment variables, profile folders, case, separators and NT prefixes.
import type { ExpandedPath } from './index.js';

/** Where Windows puts its well-known folders on a default install (names compare case-insensitively). */
export const WINDOWS_ENV_DEFAULTS: Readonly<Record<string, string>> = Object.freeze({
  SystemRoot: 'C:\\Windows',
  windir: 'C:\\Windows',
  SystemDrive: 'C:',
  ProgramFiles: 'C:\\Program Files',
  'ProgramFiles(x86)': 'C:\\Program Files (x86)',
  ProgramW6432: 'C:\\Program Files',
  ProgramData: 'C:\\ProgramData',
  ALLUSERSPROFILE: 'C:\\ProgramData',
  CommonProgramFiles: 'C:\\Program Files\\Common Files',
  'CommonProgramFiles(x86)': 'C:\\Program Files (x86)\\Common Files',
  CommonProgramW6432: 'C:\\Program Files\\Common Files',
  PUBLIC: 'C:\\Users\\Public',
});

/** Per-user variables: the part below the profile folder (one copy per profile). */
export const WINDOWS_PER_USER: Readonly<Record<string, string>> = Object.freeze({
  USERPROFILE: '',
  HOMEPATH: '',
  APPDATA: '\\AppData\\Roaming',
  LOCALAPPDATA: '\\AppData\\Local',
  TEMP: '\\AppData\\Local\\Temp',
  TMP: '\\AppData\\Local\\Temp',
});

/** The folder holding the profiles on a default install. */
export const WINDOWS_PROFILES_ROOT = 'C:\\Users';
export const WINDOWS_HOME_ROOTS: readonly string[] = Object.freeze([`${WINDOWS_PROFILES_ROOT}\\*`]);

// Lookups keyed by input use null-prototype maps, so `%constructor%` is just an unknown variable.
const DEFAULTS_LC = new Map(Object.entries(WINDOWS_ENV_DEFAULTS).map(([k, v]) => [k.toLowerCase(), v]));
const PER_USER_LC = new Map(Object.entries(WINDOWS_PER_USER).map(([k, v]) => [k.toLowerCase(), v]));

export type WinEnvLookup = Readonly<Record<string, string | undefined>> | ReadonlyMap<string, string>;

function envValue(name: string, env?: WinEnvLookup): string | undefined {
  const want = name.toLowerCase();
  if (env) {
    const entries = env instanceof Map ? env.entries() : Object.entries(env as Record<string, string | undefined>);
    for (const [k, v] of entries) if (k.toLowerCase() === want && v) return v;
  }
  return DEFAULTS_LC.get(want);
}

/** Is this a variable that names a per-user folder (%APPDATA%, %USERPROFILE%, ...)? */
export function isPerUserVar(name: string): boolean {
  return PER_USER_LC.has(name.toLowerCase());
}

/** Home roots (globs or folders) for per-user paths: every profile under C:\Users, or the profiles a collector found. */
export function windowsHomeRoots(profiles?: readonly string[]): string[] {
  return profiles?.length ? [...profiles] : [...WINDOWS_HOME_ROOTS];
}

/** %NAME% expanded like ExpandEnvironmentStrings for machine-wide variables; unknown and per-user ones stay. */
export function expandWindowsEnv(s: string, env?: WinEnvLookup): string {
  return s.replace(/%([^%\\/:*?"<>|]+)%/g, (all, name: string) => (isPerUserVar(name) ? all : (envValue(name, env) ?? all)));
}

/**
 * A rule path as the paths it stands for: a leading per-user variable becomes one path per home root (globs unless
 * the collector gave real profile folders), machine-wide variables their standard location. Alternates: a path below
 * one Program Files folder also below the other; `Program Files\X\...` also as the per-user install
 * `%LOCALAPPDATA%\Programs\X\...` and back, guarded by `needsName: X`.
 */
export function expandWindowsRulePath(p: string, profiles?: readonly string[]): ExpandedPath[] {
  const s = stripQuotes(p.trim());
  const m = /^%([^%]+)%(.*)$/.exec(s);
  if (m && isPerUserVar(m[1])) {
    const below = PER_USER_LC.get(m[1].toLowerCase())! + expandWindowsEnv(m[2]);
    const wild = /[*?]/.test(m[2]);
    const out: ExpandedPath[] = windowsHomeRoots(profiles).map((root) => ({ path: root + below, glob: !profiles?.length || wild }));
    // a per-user install (%LOCALAPPDATA%\Programs\X) is the same program an admin puts in Program Files
    const u = USER_PROGRAMS_BELOW.exec(below);
    if (u && !isCommonFolder(u[1])) for (const pf of PROGRAM_FILES) out.push({ path: `${pf}\\${u[1]}${u[2] ?? ''}`, glob: wild, alternate: true, needsName: u[1] });
    return out;
  }
  const out = expandWindowsEnv(s);
  const glob = /[*?]/.test(out);
  const list: ExpandedPath[] = [{ path: out, glob }];
  const other = otherProgramFiles(out);
  if (other) list.push({ path: other, glob, alternate: true });
  const machine = PROGRAM_FILES_X.exec(out);
  if (machine && !isCommonFolder(machine[1])) {
    // the same program installed for one user only: Inno Setup's {autopf}, electron-builder and MSI per-user installs
    const below = `${USER_PROGRAMS}\\${machine[1]}${machine[2] ?? ''}`;
    for (const root of windowsHomeRoots(profiles)) list.push({ path: root + below, glob: !profiles?.length || glob, alternate: true, needsName: machine[1] });
  }
  const user = USERS_PROGRAMS_X.exec(out);
  if (user && !isCommonFolder(user[1])) for (const pf of PROGRAM_FILES) list.push({ path: `${pf}\\${user[1]}${user[2] ?? ''}`, glob, alternate: true, needsName: user[1] });
  return list;
}

// The per-user counterpart of Program Files (FOLDERID_UserProgramFiles), below each profile folder.
const USER_PROGRAMS = '\\AppData\\Local\\Programs';
const PROGRAM_FILES = ['C:\\Program Files', 'C:\\Program Files (x86)'] as const;
// X and what follows it, below Program Files, a profile's Programs folder, or the per-user part of a %VAR% path
const PROGRAM_FILES_X = /^[a-z]:\\program files(?: \(x86\))?\\([^\\*?]+)(\\.*)?$/i;
const USERS_PROGRAMS_X = /^[a-z]:\\users\\[^\\]+\\appdata\\local\\programs\\([^\\*?]+)(\\.*)?$/i;
const USER_PROGRAMS_BELOW = /^\\appdata\\local\\programs\\([^\\*?]+)(\\.*)?$/i;
// Folders every Windows has below Program Files, which no product's name makes its own
const isCommonFolder = (x: string) => /^(common files|windowsapps|internet explorer|windows nt|modifiablewindowsapps)$/i.test(x);

const PROGRAM_FILES_BELOW = /^([a-z]:\\program files)( \(x86\))?(\\.+)$/i;

/**
 * The same path in the other Program Files folder (`C:\Program Files\X` <-> `C:\Program Files (x86)\X`), for a
 * path below either one: an installer picks the folder by the program's bitness, which a rule cannot know.
 */
export function otherProgramFiles(p: string): string | undefined {
  const m = PROGRAM_FILES_BELOW.exec(p);
  if (!m) return undefined;
  return `${m[1]}${m[2] ? '' : ' (x86)'}${m[3]}`;
}

function stripQuotes(s: string): string {
  return s.length >= 2 && ((s[0] === '"' && s.endsWith('"')) || (s[0] === "'" && s.endsWith("'"))) ? s.slice(1, -1) : s;
}

/**
 * One canonical spelling of a Windows path (case kept): quotes, `\\?\`, `\??\`, `\SystemRoot\`, `System32\`
 * (relative driver paths), %VAR% of machine-wide folders, forward slashes, doubled and trailing separators.
 * A per-user variable in the data (%APPDATA% in a user's Run key) becomes a profile folder of unknown name.
 */
export function cleanWindowsPath(p: string, env?: WinEnvLookup): string {
  let s = stripQuotes(p.trim()).replace(/\//g, '\\');
  s = s.replace(/^\\\\\?\\UNC\\/i, '\\\\').replace(/^\\\\\?\\|^\\\?\?\\|^\\\\\.\\(?=[a-z]:)/i, '');
  // a process image name in NT form (\Device\HarddiskVolume3\...): the system volume, which is C: on a default install
  s = s.replace(/^\\device\\harddiskvolume\d+(?=\\)/i, 'C:');
  // 8.3 short names of the standard folders, as service ImagePaths and old installers write them
  s = s.replace(SHORT_ROOT, (all, drive: string, short: string, rest: string) => {
    const long = SHORT_NAMES.get(short.toUpperCase());
    if (!long) return all;
    const common = /^\\COMMON~1(?=\\|$)/i.test(rest) && long.startsWith('Program Files') ? `\\Common Files${rest.slice(9)}` : rest;
    return `${drive}\\${long}${common}`;
  });
  const root = envValue('SystemRoot', env) ?? 'C:\\Windows';
  if (/^\\systemroot(\\|$)/i.test(s)) s = root + s.slice('\\SystemRoot'.length);
  else if (/^(system32|syswow64)(\\|$)/i.test(s)) s = `${root}\\${s}`;
  s = s.replace(/^%([^%]+)%/, (all, name: string) => {
    const below = PER_USER_LC.get(name.toLowerCase());
    return below === undefined ? all : `${WINDOWS_PROFILES_ROOT}\\%USERNAME%${below}`;
  });
  s = expandWindowsEnv(s, env);
  const unc = s.startsWith('\\\\');
  s = s.replace(/\\{2,}/g, '\\');
  if (unc) s = `\\${s}`;
  if (s.length > 3 && s.endsWith('\\')) s = s.replace(/\\+$/, '');
  if (/^[a-z]:$/i.test(s)) s += '\\';
  return s;
}

// Short names Windows gives the standard folders of drive C: on a 64-bit install (`dir /x C:\`), in creation order.
const SHORT_NAMES = new Map([
  ['PROGRA~1', 'Program Files'],
  ['PROGRA~2', 'Program Files (x86)'],
  ['PROGRA~3', 'ProgramData'],
]);
const SHORT_ROOT = /^([a-z]:)\\(PROGRA~[1-3])(?=\\|$)(.*)$/i;

/** The comparison key of a Windows path: canonical and case-folded. */
export function normWindowsPath(p: string, env?: WinEnvLookup): string {
  return cleanWindowsPath(p, env).toLowerCase();
}

export function isAbsoluteWindowsPath(p: string): boolean {
  return /^[a-z]:\\/i.test(p) || p.startsWith('\\\\');
}

// Extensions of files Windows runs or loads; a path without quotes ends at one of them.
const RUNNABLE = 'exe|com|bat|cmd|ps1|psm1|vbs|vbe|js|jse|wsf|hta|dll|sys|ocx|cpl|scr|msc|msi|drv|efi|jar|py|lnk';
const RUNNABLE_END = new RegExp(`\\.(?:${RUNNABLE})(?=$|[\\s",])`, 'gi');
// Where a path can start: a drive, a UNC share, an NT prefix or volume, \SystemRoot\, a leading variable, System32\.
const PATH_START = /^(?:[a-z]:[\\/]|\\\\|\\\?\?\\|\\systemroot\\|\\device\\harddiskvolume\d+\\|%[^%\s]+%|system32\\|syswow64\\)/i;

/** The path at the start of unquoted text: the longest prefix ending in a runnable extension before any option. */
function unquotedPath(rest: string): { path: string; length: number } {
  // an option (" /x", " -x") ends the program part of an unquoted command line
  const opt = /\s[-/][^\s\\]+(?=\s|$)/.exec(rest);
  // so does the start of another path or a quoted argument
  const next = /\s(?=[a-z]:[\\/]|\\\\|")/i.exec(rest);
  const limit = Math.min(opt ? opt.index : rest.length, next ? next.index : rest.length);
  let end = -1;
  RUNNABLE_END.lastIndex = 0;
  const head = rest.slice(0, limit + 1);
  for (let m = RUNNABLE_END.exec(head); m && m.index < limit; m = RUNNABLE_END.exec(head)) end = m.index + m[0].length;
  if (end < 0) {
    const ws = rest.search(/[\s,]/);
    end = ws < 0 ? rest.length : ws;
  }
  return { path: rest.slice(0, end), length: end };
}

/**
 * Every file path a Windows command line names: the program (quoted, unquoted with spaces, NT and driver forms,
 * %VAR%) and path arguments (a rundll32 DLL, a script). `C:\x\y.exe,0` (DisplayIcon) gives `C:\x\y.exe`;
 * `MsiExec.exe /X{GUID}` gives nothing, since a bare program name is no path.
 */
export function extractWindowsPaths(command: string, env?: WinEnvLookup): string[] {
  // Windows command lines end at 32,767 characters; the cap also bounds the work on hostile input
  const s = command.slice(0, 32768).trim();
  const out: string[] = [];
  const add = (raw: string) => {
    let t = raw.trim();
    // DisplayIcon and rundll32 write "file,index" or "file,Entry"
    const comma = t.indexOf(',');
    if (comma > 0 && !t.slice(comma).includes('\\')) t = t.slice(0, comma);
    if (!t || !PATH_START.test(t)) return;
    const clean = cleanWindowsPath(t, env);
    if (isAbsoluteWindowsPath(clean) && !out.includes(clean)) out.push(clean);
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/[\s,=]/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      const end = s.indexOf(c, i + 1);
      const tok = end < 0 ? s.slice(i + 1) : s.slice(i + 1, end);
      add(tok);
      i = end < 0 ? s.length : end + 1;
      continue;
    }
    const rest = s.slice(i);
    if (PATH_START.test(rest)) {
      const { path, length } = unquotedPath(rest);
      add(path);
      i += Math.max(1, length);
      continue;
    }
    const ws = rest.search(/\s/);
    i += ws < 0 ? rest.length : ws;
  }
  return out;
}
