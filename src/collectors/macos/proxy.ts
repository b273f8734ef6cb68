import { PAC_INLINE, PAC_NONE } from '../../snapshot/constants.js';
import type { SettingRow } from '../../snapshot/schema.js';
import type { Collector } from '../types.js';
import { coverage, execFailure } from './util.js';
import { joinReasons, maybeReasons, reason, reasonsOf, why, type Reason } from '../shared/reason.js';

// The system proxy every app that uses the system's network settings follows: `scutil --proxy` prints the dynamic store's
// State:/Network/Global/Proxies dictionary (SCDynamicStoreCopyProxies) in CoreFoundation's description format.

const SOURCE = 'macos/proxy';
export const SCUTIL = '/usr/sbin/scutil';
export const SCUTIL_ARGV = ['--proxy'] as const;
const TIMEOUT_MS = 10_000;
export const SCUTIL_FILE = 'scutil --proxy';

/** `scutil --proxy` printed something that is not its dictionary. */
export class ScutilFormatError extends Error {}

export interface ScutilProxy {
  /** Top-level scalar values (HTTPEnable, HTTPProxy, ProxyAutoConfigURLString...). */
  values: Record<string, string>;
  /** Top-level arrays (ExceptionsList), in index order. */
  arrays: Record<string, string[]>;
  /** Interfaces with their own proxy settings under __SCOPED__ (en0, utun3...). */
  scoped: string[];
}

const OPEN_DICT = /^(?:(\S+)\s+:\s+)?<dictionary>\s*\{$/;
const OPEN_ARRAY = /^(\S+)\s+:\s+<array>\s*\{$/;
const ENTRY = /^(\S+)\s+:\s?(.*)$/;

/**
 * Parses the `<dictionary> { key : value ... }` text. Nested dictionaries (__SCOPED__ per interface) are checked for
 * shape and named, not merged: the top level is what applies. Anything that does not fit is an error, not an empty result.
 */
export function parseScutilProxy(raw: string): ScutilProxy {
  const lines = raw.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  if (!lines.length) throw new ScutilFormatError('scutil --proxy printed nothing');
  if (!/^<dictionary>\s*\{$/.test(lines[0])) throw new ScutilFormatError(`scutil --proxy did not print a dictionary (first line: ${lines[0].slice(0, 80)})`);
  const out: ScutilProxy = { values: Object.create(null), arrays: Object.create(null), scoped: [] };
  // each open container: its kind, its key, and (for arrays) the next index expected
  const stack: { kind: 'dict' | 'array'; key?: string; next: number }[] = [{ kind: 'dict', next: 0 }];
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i];
    const top = stack[stack.length - 1];
    if (!top) throw new ScutilFormatError(`scutil --proxy printed more after its dictionary ended (line ${i + 1})`);
    if (l === '}') {
      stack.pop();
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = OPEN_DICT.exec(l)) && m[1] !== undefined) {
      if (top.kind === 'dict' && stack.length === 2 && stack[1].key === '__SCOPED__') out.scoped.push(m[1]);
      stack.push({ kind: 'dict', key: m[1], next: 0 });
      continue;
    }
    if ((m = OPEN_ARRAY.exec(l))) {
      if (stack.length === 1) out.arrays[m[1]] = [];
      stack.push({ kind: 'array', key: m[1], next: 0 });
      continue;
    }
    if (!(m = ENTRY.exec(l))) throw new ScutilFormatError(`scutil --proxy printed a line that is not "key : value" (line ${i + 1})`);
    const [, key, value] = m;
    if (top.kind === 'array') {
      if (key !== String(top.next)) throw new ScutilFormatError(`scutil --proxy array ${top.key} has index ${key} where ${top.next} was expected`);
      top.next++;
      if (stack.length === 2) out.arrays[top.key!].push(value);
    } else if (stack.length === 1) out.values[key] = value;
  }
  if (stack.length) throw new ScutilFormatError('scutil --proxy output ended inside its dictionary');
  return out;
}

const on = (v: string | undefined) => v !== undefined && /^[1-9]\d*$/.test(v);
const hostPort = (host: string, port: string | undefined) => (port && /^\d{1,5}$/.test(port) ? `${host}:${port}` : host);

/**
 * Settings rows for the proxies that apply (for src/detect/browser-proxy): each enabled proxy server as host:port, the
 * PAC address when automatic configuration is on, and auto-discovery (WPAD). Disabled entries are left out.
 */
export function scutilProxyRows(p: ScutilProxy): SettingRow[] {
  const rows: SettingRow[] = [];
  const row = (key: string, value: string) => rows.push({ source: SOURCE, app: 'system-proxy', file: SCUTIL_FILE, key, value, scope: 'machine' });
  for (const kind of ['HTTP', 'HTTPS', 'SOCKS', 'FTP', 'RTSP', 'Gopher']) {
    const host = p.values[`${kind}Proxy`];
    if (on(p.values[`${kind}Enable`]) && host) row(`${kind}Proxy`, hostPort(host, p.values[`${kind}Port`]));
  }
  if (on(p.values.ProxyAutoConfigEnable)) {
    const url = p.values.ProxyAutoConfigURLString;
    // a PAC script can also be given inline instead of by address
    row('ProxyAutoConfigURLString', url || (p.values.ProxyAutoConfigJavaScript !== undefined ? PAC_INLINE : PAC_NONE));
  }
  if (on(p.values.ProxyAutoDiscoveryEnable)) row('ProxyAutoDiscoveryEnable', '1');
  if (rows.length && p.arrays.ExceptionsList?.length) row('ExceptionsList', p.arrays.ExceptionsList.join(', '));
  return rows;
}

export const proxyCollector: Collector = {
  id: SOURCE,
  tables: ['settings'],
  async collect(ctx) {
    const r = await ctx.exec(SCUTIL, SCUTIL_ARGV, { timeoutMs: TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024 });
    const fail = execFailure(SOURCE, 'settings', 'scutil --proxy', r);
    if (fail) return { tables: {}, coverage: [coverage(SOURCE, 'settings', fail.status, joinReasons([...reasonsOf(fail), why('proxy-unknown')] as Reason[] as [Reason, ...Reason[]]))] };
    try {
      return { tables: { settings: scutilProxyRows(parseScutilProxy(r.stdout)) }, coverage: [coverage(SOURCE, 'settings', 'ok')] };
    } catch (e) {
      return { tables: {}, coverage: [coverage(SOURCE, 'settings', 'error', reason('proxy-unreadable', { detail: (e as Error).message }))] };
    }
  },
};
