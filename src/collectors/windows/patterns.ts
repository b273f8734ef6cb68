import type { RulePaths } from '../types.js';
import { WINDOWS_PER_USER, WINDOWS_PROFILES_ROOT } from '../../platform/windows.js';
import { breakSuspiciousWords } from './suspicious.js';
import { DEFAULT_ENV, expandEnv, longKey } from './util.js';

/**
 * One path segment for the PowerShell walker: a literal name, a .NET regex for a wildcard segment, `**`, or (first
 * segment only) every profile folder of the machine, which the script reads from the ProfileList key.
 */
export type Segment = string | { re: string } | { any: 1 } | { home: 1 };

export interface WalkPattern {
  /** The rule path or key as written, reported back with every match. */
  src: string;
  segs: Segment[];
}

// Per-user folders that rules may name with a variable, relative to each profile folder (src/platform).
const PER_USER = new Map(Object.entries(WINDOWS_PER_USER).map(([k, below]) => [k.toLowerCase(), below]));
// "C:\Users\*\..." in a rule means "in every profile"; profiles can live elsewhere (ProfileList says where)
const USERS_STAR = new RegExp(`^${WINDOWS_PROFILES_ROOT.replace(/\\/g, '\\\\')}\\\\\\*(?=\\\\|$)`, 'i');
const HOME = '<home>';

/** A glob segment ("*" within a name, "?" one character) as an anchored .NET regex; -match is case-insensitive. */
export function segmentRegex(seg: string): string {
  let re = '';
  for (const c of seg) {
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else re += c.replace(/[\\^$.|+()[\]{}#]/g, '\\$&');
  }
  return `^${re}$`;
}

function toSegments(path: string): Segment[] | undefined {
  const parts = path.split(/[\\/]+/).filter((p, i) => p !== '' || i === 0);
  if (parts.length < 2 || (!/^[a-z]:$/i.test(parts[0]) && !/^HKEY_[A-Z_]+$/.test(parts[0]) && parts[0] !== HOME)) return undefined;
  return parts.map((p, i): Segment => {
    if (i === 0) return p === HOME ? { home: 1 } : p.toUpperCase();
    if (p === '**') return { any: 1 };
    if (/[*?]/.test(p)) return { re: segmentRegex(p) };
    return p;
  });
}

/** Rule file paths (exact and globs) as walk patterns; %VAR% folders and C:\Users\* become every profile folder. */
export function filePatterns(rulePaths: RulePaths): WalkPattern[] {
  const out = new Map<string, WalkPattern>();
  for (const src of [...rulePaths.exact, ...rulePaths.globs]) {
    const m = /^%([^%]+)%(.*)$/.exec(src.trim());
    const perUser = m ? PER_USER.get(m[1].toLowerCase()) : undefined;
    let path = perUser !== undefined ? HOME + perUser + m![2] : expandEnv(src.trim(), DEFAULT_ENV);
    path = path.replace(USERS_STAR, HOME);
    if (/%[^%]+%/.test(path)) continue;
    const segs = toSegments(path);
    if (segs && !out.has(path.toLowerCase())) out.set(path.toLowerCase(), { src, segs });
  }
  return [...out.values()];
}

/**
 * Rule registry keys as walk patterns (long hive names for the Registry:: provider). HKLM\SOFTWARE keys are also
 * looked for under WOW6432Node, where Windows stores the keys of 32-bit programs.
 */
export function registryPatterns(keys: readonly string[]): WalkPattern[] {
  const out = new Map<string, WalkPattern>();
  const add = (src: string, key: string) => {
    const long = longKey(key);
    const segs = long ? toSegments(long) : undefined;
    if (segs && !out.has(long!.toLowerCase())) out.set(long!.toLowerCase(), { src, segs });
  };
  for (const src of keys) {
    const k = src.trim();
    add(k, k);
    const m = /^(?:HKLM|HKEY_LOCAL_MACHINE)\\SOFTWARE\\(?!(?:WOW6432Node|Classes)(?:\\|$))(.+)$/i.exec(k);
    if (m) add(k, `HKLM\\SOFTWARE\\WOW6432Node\\${m[1]}`);
  }
  return [...out.values()];
}

/**
 * JSON as a PowerShell single-quoted string literal. Every character outside printable ASCII and every
 * apostrophe is written as a JSON \uXXXX escape, so nothing in the data can end the literal (PowerShell also
 * treats the typographic quotes U+2018-U+201B as quotes) and the stdin code page cannot garble it; so is one letter
 * of any word on PowerShell's suspicious-content list.
 */
export function psJsonLiteral(value: unknown): string {
  const escaped = JSON.stringify(value).replace(/[^\x20-\x7e]|'/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  // rule data must not make the script look suspicious to Windows PowerShell (see suspicious.ts)
  const json = breakSuspiciousWords(escaped);
  if (!/^[\x20-\x26\x28-\x7e]*$/.test(json)) throw new Error('internal: unsafe character in script data');
  return `'${json}'`;
}
