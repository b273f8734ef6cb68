import { own } from '../../util/own.js';

// Normalises what Windows PowerShell and reg.exe print: lone objects, nulls, "/Date(ms)/", FILETIMEs, BOMs, %VARS%.
import { WINDOWS_ENV_DEFAULTS } from '../../platform/windows.js';

/** PowerShell ConvertTo-Json prints one item as an object, none as null, and ETS-wrapped arrays as {value, Count}. */
export function asArray(v: unknown): unknown[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v;
  if (isRecord(v) && Array.isArray(v.value) && 'Count' in v && Object.keys(v).length === 2) return v.value;
  return [v];
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A trimmed non-empty string, or undefined (PowerShell turns $null into "" when cast with [string]). */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const s = v.trim();
    return s === '' ? undefined : s;
  }
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return undefined;
}

export function int(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

/** Text from a file or a pipe: UTF-16LE/BE and UTF-8 byte-order marks decide the encoding; a BOM is removed. */
export function decodeText(raw: string | Buffer | Uint8Array): string {
  if (typeof raw === 'string') return raw.replace(/^\uFEFF/, '');
  const buf = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  // UTF-16LE without BOM: ASCII text has a zero in every second byte
  if (buf.length >= 4 && buf[1] === 0 && buf[3] === 0 && buf[0] !== 0) return buf.toString('utf16le');
  return buf.toString('utf8');
}

const FILETIME_UNIX_EPOCH = 116444736000000000n;

/** A FILETIME (100 ns ticks since 1601, as a number, decimal or 0x-hex string) as an ISO date; 0 means "not set". */
export function filetimeToIso(v: unknown): string | undefined {
  let ticks: bigint;
  try {
    if (typeof v === 'bigint') ticks = v;
    else if (typeof v === 'number' && Number.isFinite(v)) ticks = BigInt(Math.trunc(v));
    else if (typeof v === 'string' && /^(0x[0-9a-f]+|\d+)$/i.test(v.trim())) ticks = BigInt(v.trim());
    else return undefined;
  } catch {
    return undefined;
  }
  if (ticks <= FILETIME_UNIX_EPOCH) return undefined;
  const ms = Number((ticks - FILETIME_UNIX_EPOCH) / 10000n);
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** Windows PowerShell 5.1 prints DateTime as "/Date(1790077571033)/" (optionally with an offset); 7.x prints ISO. */
export function cimDateToIso(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(v.trim());
  if (m) {
    const d = new Date(Number(m[1]));
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(v)) {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  return undefined;
}

/** Environment of the scanned machine, for %VAR% and \SystemRoot\ expansion (names compare case-insensitively). */
export type WinEnv = Readonly<Record<string, string | undefined>>;

// The standard folder locations are decided in src/platform/windows.ts.
export const DEFAULT_ENV: WinEnv = WINDOWS_ENV_DEFAULTS;

function envLookup(env: WinEnv, name: string): string | undefined {
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(env)) if (k.toLowerCase() === want && v) return v;
  for (const [k, v] of Object.entries(DEFAULT_ENV)) if (k.toLowerCase() === want && v) return v;
  return undefined;
}

/** Expands %NAME% the way ExpandEnvironmentStrings does: unknown variables stay as written. */
export function expandEnv(s: string, env: WinEnv = DEFAULT_ENV): string {
  return s.replace(/%([^%\\/:*?"<>|]+)%/g, (all, name: string) => envLookup(env, name) ?? all);
}

const EXE_EXT = /\.(?:exe|com|bat|cmd|sys|dll|scr|cpl|msc|ps1|vbs|vbe|js|jse|wsf|hta|lnk|msi|jar|py)(?=$|[\s",])/i;

/**
 * The program a command line starts, as a full path: handles quotes, unquoted paths with spaces
 * ("C:\Program Files\X\x.exe -k y"), %VAR% expansion, and the \??\, \SystemRoot\ and System32\ forms of driver paths.
 * Returns undefined when the command names no absolute path (e.g. "MsiExec.exe /X{...}").
 */
export function extractExecutablePath(command: string | undefined | null, env: WinEnv = DEFAULT_ENV): string | undefined {
  if (!command) return undefined;
  let s = command.trim();
  if (!s) return undefined;
  let candidate: string;
  if (s.startsWith('"')) {
    const end = s.indexOf('"', 1);
    candidate = end > 0 ? s.slice(1, end) : s.slice(1);
  } else {
    s = expandEnv(s, env);
    const ext = EXE_EXT.exec(s);
    if (ext) candidate = s.slice(0, ext.index + ext[0].length);
    else {
      const sp = s.search(/\s/);
      candidate = sp < 0 ? s : s.slice(0, sp);
    }
  }
  return normaliseWinPath(expandEnv(candidate.trim(), env), env);
}

/** Driver and NT-style paths as a normal drive path; undefined when not absolute. */
export function normaliseWinPath(p: string, env: WinEnv = DEFAULT_ENV): string | undefined {
  const root = envLookup(env, 'SystemRoot') ?? 'C:\\Windows';
  let s = p.trim().replace(/\//g, '\\');
  s = s.replace(/^\\\?\?\\/, '').replace(/^\\\\\?\\(?!UNC\\)/i, '');
  if (/^\\SystemRoot\\/i.test(s)) s = root + s.slice('\\SystemRoot'.length);
  else if (/^System32\\/i.test(s) || /^SysWOW64\\/i.test(s)) s = `${root}\\${s}`;
  if (/^[a-z]:\\/i.test(s) || s.startsWith('\\\\')) return s;
  return undefined;
}

/** Windows command-line splitting (CommandLineToArgvW rules: argv[0] ends at the first space or closing quote). */
export function splitCommandLine(cmd: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = cmd.length;
  while (i < n && /\s/.test(cmd[i])) i++;
  if (i >= n) return out;
  let first = '';
  if (cmd[i] === '"') {
    i++;
    while (i < n && cmd[i] !== '"') first += cmd[i++];
    i++;
  } else {
    while (i < n && !/\s/.test(cmd[i])) first += cmd[i++];
  }
  out.push(first);
  for (;;) {
    while (i < n && /\s/.test(cmd[i])) i++;
    if (i >= n) break;
    let arg = '';
    let quoted = false;
    while (i < n && (quoted || !/\s/.test(cmd[i]))) {
      if (cmd[i] === '\\') {
        let bs = 0;
        while (i < n && cmd[i] === '\\') {
          bs++;
          i++;
        }
        if (cmd[i] === '"') {
          arg += '\\'.repeat(bs >> 1);
          if (bs % 2 === 1) {
            arg += '"';
            i++;
          }
        } else arg += '\\'.repeat(bs);
      } else if (cmd[i] === '"') {
        if (quoted && cmd[i + 1] === '"') {
          arg += '"';
          i += 2;
        } else {
          quoted = !quoted;
          i++;
        }
      } else arg += cmd[i++];
    }
    out.push(arg);
  }
  return out;
}

export const basenameWin = (p: string): string => p.slice(p.lastIndexOf('\\') + 1);

const HIVE_SHORT: Record<string, string> = {
  HKEY_LOCAL_MACHINE: 'HKLM',
  HKEY_CURRENT_USER: 'HKCU',
  HKEY_USERS: 'HKU',
  HKEY_CLASSES_ROOT: 'HKCR',
  HKEY_CURRENT_CONFIG: 'HKCC',
};
const HIVE_LONG: Record<string, string> = Object.fromEntries(Object.entries(HIVE_SHORT).map(([l, s]) => [s, l]));

/** "HKEY_LOCAL_MACHINE\X", "Registry::HKEY_LOCAL_MACHINE\X", "HKLM:\X" -> "HKLM\X" (the form rules are written in). */
export function shortKey(key: string): string {
  const s = key.replace(/^Registry::/i, '').replace(/\\+$/, '');
  const i = s.indexOf('\\');
  const hive = (i < 0 ? s : s.slice(0, i)).replace(/:$/, '').toUpperCase();
  const rest = i < 0 ? '' : s.slice(i);
  const short = own(HIVE_SHORT, hive);
  if (short) return short + rest;
  if (HIVE_LONG[hive]) return hive + rest;
  return s;
}

/** "HKLM\X" -> "HKEY_LOCAL_MACHINE\X"; undefined for an unknown hive. */
export function longKey(key: string): string | undefined {
  const s = shortKey(key);
  const i = s.indexOf('\\');
  const hive = i < 0 ? s : s.slice(0, i);
  const long = HIVE_LONG[hive.toUpperCase()];
  return long ? long + (i < 0 ? '' : s.slice(i)) : undefined;
}
