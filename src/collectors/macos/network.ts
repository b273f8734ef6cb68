import type { CoverageRow, NetworkRow, RegistryRow } from '../../snapshot/schema.js';
import type { Collector } from '../types.js';
import { isDict, parsePlist, type PlistValue } from './plist.js';
import { AnswerBuilder, sampleOf, type Answer } from '../shared/answer.js';
import { answerFailure, coverage, defaultFs, errorMessage, execFailure, isDenied, isMissing, type MacFs } from './util.js';
import { joinReasons, reason, reasonsOf, why, type Reason } from '../shared/reason.js';

const SOURCE = 'macos/network';
export const LSOF = '/usr/sbin/lsof';
// -n/-P: numbers, no DNS or port-name lookups (offline, and the output keeps addresses)
export const LSOF_ARGV = ['-nP', '-i'] as const;
// lsof escapes bytes it cannot print in the C locale (\xNN), as ps does
const LSOF_ENV = { LC_ALL: 'en_US.UTF-8' } as const;
const TIMEOUT_MS = 20_000;

/** lsof prints unprintable bytes and spaces of a command name as \xNN ("Opera\x20"). */
export function decodeLsofName(s: string): string {
  if (!s.includes('\\x')) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const m = /^\\x([0-9a-fA-F]{2})/.exec(s.slice(i));
    if (m) {
      bytes.push(parseInt(m[1], 16));
      i += 3;
    } else bytes.push(...Buffer.from(s[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function splitHostPort(s: string): { address: string; port?: number } | undefined {
  const m = /^(\[[^\]]*\]|[^:]*):(\d+|\*)$/.exec(s);
  if (!m) return undefined;
  const address = m[1].replace(/^\[|\]$/g, '');
  return m[2] === '*' ? { address } : { address, port: Number(m[2]) };
}

/**
 * Parses `lsof -nP -i` (COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME; NAME is "local", "local->remote",
 * then "(STATE)" for TCP). UDP sockets without a peer are bound and waiting: state "listen".
 */
export function parseLsof(raw: string): NetworkRow[] {
  return readLsof(raw).rows;
}

// lsof's column header, printed before the first row
const LSOF_HEADER = /^COMMAND\s+PID\s+USER\s+FD\s+TYPE\s+DEVICE\s+SIZE\/OFF\s+NODE\s+NAME\s*$/;
// any Internet file row (ICMP and other protocols are valid rows bosswatch does not keep)
const LSOF_ROW = /^\S+\s+\d+\s+\S+\s+\S+\s+(IPv4|IPv6)\s+\S+/;

/**
 * Reads `lsof -nP -i`: the header line, then one row per Internet socket. Output without the header is not lsof's
 * (empty output is handled by the caller, from the exit code).
 */
export function readLsof(raw: string, requireHeader = false): Answer<NetworkRow> {
  const a = new AnswerBuilder<NetworkRow>();
  const seen = new Set<string>();
  let header = false;
  for (const line of raw.split(/\r?\n/)) {
    if (!line.trim()) continue;
    if (LSOF_HEADER.test(line)) {
      header = true;
      continue;
    }
    const m = /^(\S+)\s+(\d+)\s+(\S+)\s+\S+\s+(IPv4|IPv6)\s+\S+\s+\S+\s+(TCP|UDP)\s+(\S+)(?:\s+\(([A-Z_0-9]+)\))?\s*$/.exec(line);
    if (!m) {
      if (LSOF_ROW.test(line) && !/\s(TCP|UDP)\s/.test(line)) a.total++;
      else a.reject(line);
      continue;
    }
    const [, cmd, pid, , , proto, name, state] = m;
    const [localS, remoteS] = name.split('->');
    const local = splitHostPort(localS);
    const remote = remoteS ? splitHostPort(remoteS) : undefined;
    const row: NetworkRow = { source: 'lsof', protocol: proto === 'TCP' ? 'tcp' : 'udp', pid: Number(pid), process: decodeLsofName(cmd) };
    if (state) row.state = state.toLowerCase();
    else if (proto === 'UDP' && !remote) row.state = 'listen';
    if (local) {
      row.local_address = local.address;
      if (local.port !== undefined) row.local_port = local.port;
    }
    if (remote) {
      row.address = remote.address;
      if (remote.port !== undefined) row.port = remote.port;
    }
    // lsof lists one line per file descriptor: the same socket shared by two descriptors is one connection
    const key = JSON.stringify(row);
    if (seen.has(key)) {
      a.total++;
      continue;
    }
    seen.add(key);
    a.row(row);
  }
  if (requireHeader && !header) return a.done(raw.trim() ? 'no "COMMAND PID USER …" header' : 'no output');
  return a.done();
}

export const REMOTE_MANAGEMENT_PLIST = '/Library/Preferences/com.apple.RemoteManagement.plist';

const scalar = (v: PlistValue): string | undefined =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' ? String(v) : Array.isArray(v) && v.every((x) => typeof x === 'string') ? v.join(', ') : undefined;

/** Remote Management (Apple Remote Desktop) settings: every top-level value as a key/name/value row. */
export function parseRemoteManagement(raw: string | Uint8Array, file = REMOTE_MANAGEMENT_PLIST): RegistryRow[] {
  const p = parsePlist(raw);
  if (!isDict(p)) return [];
  const rows: RegistryRow[] = [];
  for (const k of Object.keys(p).sort()) {
    const v = scalar(p[k]);
    if (v !== undefined) rows.push({ key: file, name: k, value: v });
  }
  return rows;
}

export function createNetworkCollector(deps: { fs?: MacFs } = {}): Collector {
  const fs = deps.fs ?? defaultFs;
  return {
    id: SOURCE,
    tables: ['network', 'registry'],
    async collect(ctx) {
      const cov: CoverageRow[] = [];
      const r = await ctx.exec(LSOF, LSOF_ARGV, { timeoutMs: TIMEOUT_MS, env: LSOF_ENV });
      // lsof(8) DIAGNOSTICS: exit 1 when "any error was detected, including the failure to locate command names, file
      // names, Internet addresses or files, login names, NFS files, PIDs, PGIDs, or UIDs it was asked to list"
      // (https://manpages.staging.ubuntu.com/manpages/oracular/man8/lsof.8.html, lsof 4.95). So exit 1 with nothing
      // printed is the answer "no sockets"; exit 1 with rows printed is an answer with something missing (`partial`,
      // the rows kept); exit 1 with only a message is a failure.
      const exit1 = !r.error && r.code === 1;
      const nothing = exit1 && !r.stdout.trim() && !r.stderr.trim();
      const rowsWithExit1 = exit1 && !nothing && readLsof(r.stdout, true).rows.length > 0;
      let fail = nothing || rowsWithExit1 ? undefined : execFailure(SOURCE, 'network', 'lsof', r);
      let network: NetworkRow[] = [];
      let bad: CoverageRow | undefined;
      const notes: Reason[] = [];
      if (!fail && !nothing) {
        const answer = readLsof(r.stdout, true);
        bad = answerFailure(SOURCE, 'network', 'lsof', answer);
        if (bad?.status === 'error') fail = bad;
        else network = answer.rows;
        notes.push(...reasonsOf(bad));
        if (rowsWithExit1) {
          const said = r.stderr.split(/\r?\n/).map((l) => l.trim()).find(Boolean);
          notes.push(said ? why('lsof-exit-1-said', { detail: sampleOf(said) }) : why('lsof-exit-1'));
        }
      }
      if (fail) cov.push(fail);
      else {
        if (!ctx.elevated) notes.push(why('lsof-needs-root'));
        cov.push(notes.length ? coverage(SOURCE, 'network', 'partial', joinReasons(notes as [Reason, ...Reason[]])) : coverage(SOURCE, 'network', 'ok'));
      }

      const registry: RegistryRow[] = [];
      try {
        registry.push(...parseRemoteManagement(await fs.readFile(REMOTE_MANAGEMENT_PLIST)));
        cov.push(coverage(SOURCE, 'registry', 'ok'));
      } catch (e) {
        if (isMissing(e)) cov.push(coverage(SOURCE, 'registry', 'ok', reason('remote-management-never', { path: REMOTE_MANAGEMENT_PLIST })));
        else cov.push(coverage(SOURCE, 'registry', isDenied(e) ? 'denied' : 'error', isDenied(e) ? reason('remote-management-denied', { path: REMOTE_MANAGEMENT_PLIST }) : reason('remote-management-error', { path: REMOTE_MANAGEMENT_PLIST, detail: errorMessage(e) })));
      }
      return { tables: { network, registry }, coverage: cov };
    },
  };
}

export const networkCollector = createNetworkCollector();
