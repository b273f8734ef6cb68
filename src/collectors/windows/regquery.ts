import { AnswerBuilder, type Answer } from '../shared/answer.js';
import { decodeText, shortKey } from './util.js';

/** A registry value as the row builders use it: text, a REG_MULTI_SZ list, a DWORD number, a QWORD as decimal text. */
export type RegValue = string | string[] | number | null;

/** One key and its values, the common shape of the PowerShell script's registry dumps and of `reg query` output. */
export interface RegKeyDump {
  /** Short-hive form, e.g. "HKLM\SOFTWARE\X". */
  key: string;
  values: Record<string, RegValue>;
}

const VALUE_LINE = /^ {4}(.*?) {4}(REG_[A-Z0-9_]+)(?: {4}(.*))?$/;

/** Decodes one `reg query` value as reg.exe prints it (DWORD/QWORD in 0x hex, MULTI_SZ joined with a literal "\0"). */
export function decodeRegValue(type: string, data: string): RegValue {
  switch (type) {
    case 'REG_DWORD':
    case 'REG_DWORD_BIG_ENDIAN':
      return /^0x[0-9a-f]+$/i.test(data) ? Number.parseInt(data.slice(2), 16) : null;
    case 'REG_QWORD':
      return /^0x[0-9a-f]+$/i.test(data) ? BigInt(data).toString() : null;
    case 'REG_MULTI_SZ':
      return data === '' ? [] : data.split('\\0');
    case 'REG_BINARY':
    case 'REG_NONE':
      return null;
    default:
      return data;
  }
}

/**
 * Parses `reg query KEY [/s] [/v NAME]` output: a key line (starting with HKEY_) followed by indented
 * "    Name    TYPE    Data" lines. Keys without values are kept (an empty `values`).
 */
export function parseRegQuery(raw: string | Buffer): RegKeyDump[] {
  return readRegQuery(raw).rows;
}

/**
 * Reads `reg query` output: key lines and the value lines under them, nothing else ("End of search" closes a /f
 * search). Exit 0 always prints at least the key it was asked for, so an empty output is not an answer.
 */
export function readRegQuery(raw: string | Buffer): Answer<RegKeyDump> {
  const a = new AnswerBuilder<RegKeyDump>();
  let cur: RegKeyDump | undefined;
  for (const line of decodeText(raw).split(/\r?\n/)) {
    if (!line.trim() || /^End of search: \d+ match/.test(line.trim())) continue;
    if (/^HKEY_[A-Z_]+(\\|$)/.test(line)) {
      cur = { key: shortKey(line.trimEnd()), values: {} };
      a.row(cur);
      continue;
    }
    const m = VALUE_LINE.exec(line.replace(/\r$/, ''));
    if (m && cur) cur.values[m[1]] = decodeRegValue(m[2], m[3] ?? '');
    else a.reject(line);
  }
  return a.done(a.rows.length || a.bad ? undefined : 'no registry key was printed');
}

/** Case-insensitive value lookup (registry value names are not case-sensitive). */
export function regGet(dump: RegKeyDump, name: string): RegValue | undefined {
  if (name in dump.values) return dump.values[name];
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(dump.values)) if (k.toLowerCase() === want) return v;
  return undefined;
}

export function regString(dump: RegKeyDump, name: string): string | undefined {
  const v = regGet(dump, name);
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

/** Last path segment of a key. */
export const keyLeaf = (key: string): string => key.slice(key.lastIndexOf('\\') + 1);
