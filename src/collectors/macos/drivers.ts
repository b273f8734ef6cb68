import type { DriverRow } from '../../snapshot/schema.js';
import type { Collector } from '../types.js';
import { AnswerBuilder, type Answer } from '../shared/answer.js';
import { answerFailure, coverage, execFailure } from './util.js';
import { joinReasons, maybeReasons, reason, reasonsOf, why, type Reason } from '../shared/reason.js';

const SYSEXT_SOURCE = 'macos/system-extensions';
const KEXT_SOURCE = 'macos/kexts';
const SYSTEMEXTENSIONSCTL = '/usr/bin/systemextensionsctl';
const KMUTIL = '/usr/bin/kmutil';
const KEXTSTAT = '/usr/sbin/kextstat';
const TIMEOUT_MS = 20_000;

function splitVersion(v: string): { version?: string; build?: string } {
  const [version, build] = v.split('/', 2).map((s) => s.trim());
  const out: { version?: string; build?: string } = {};
  if (version) out.version = version;
  if (build && build !== version) out.build = build;
  return out;
}

/**
 * Parses `systemextensionsctl list`: category headers ("--- com.apple.system_extension.endpoint_security ...")
 * then tab-separated rows (enabled, active, teamID, bundleID (version), name, [state]). Rows whose tabs became
 * spaces (copied text) are read with a looser pattern.
 */
export function parseSystemExtensions(raw: string): DriverRow[] {
  return readSystemExtensions(raw).rows;
}

/**
 * Reads `systemextensionsctl list`, which always starts with "N extension(s)" and then lists N rows under their
 * category headers; a missing count line is not its answer, and fewer rows than the count means output went missing.
 */
export function readSystemExtensions(raw: string): Answer<DriverRow> {
  const a = new AnswerBuilder<DriverRow>();
  const rows = a.rows;
  let category: string | undefined;
  let count: number | undefined;
  for (const line of raw.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const header = /^---\s+(\S+)/.exec(line);
    if (header) {
      category = header[1].replace(/^com\.apple\.system_extension\./, '');
      continue;
    }
    const n = /^(\d+) extension\(s\)\s*$/.exec(line.trim());
    if (n && count === undefined) {
      count = Number(n[1]);
      continue;
    }
    if (/^enabled\s+active\s+teamID/.test(line.trim())) continue;

    let enabled: boolean;
    let active: boolean;
    let teamId: string;
    let bundleAndVersion: string;
    let name: string;
    let state: string;
    const tabs = line.split('\t');
    if (tabs.length >= 6) {
      enabled = tabs[0].trim() === '*';
      active = tabs[1].trim() === '*';
      teamId = tabs[2].trim();
      bundleAndVersion = tabs[3].trim();
      name = tabs.slice(4, -1).join('\t').trim();
      state = tabs[tabs.length - 1].trim().replace(/^\[|\]$/g, '');
    } else {
      const m = /^\s*((?:\*\s+)*)(\S+)\s+(\S+\s+\([^)]*\))\s+(.*?)\s*\[([^\]]*)\]\s*$/.exec(line);
      if (!m) {
        a.reject(line);
        continue;
      }
      const stars = (m[1].match(/\*/g) ?? []).length;
      // With the tabs gone a single star cannot be placed; real output has lone stars in the "active" column.
      enabled = stars >= 2;
      active = stars >= 1;
      teamId = m[2];
      bundleAndVersion = m[3];
      name = m[4];
      state = m[5];
    }
    const bv = /^(\S+)\s+\(([^)]*)\)$/.exec(bundleAndVersion);
    if (!bv) {
      a.reject(line);
      continue;
    }
    const row: DriverRow = { name: bv[1], kind: 'system-extension', ...splitVersion(bv[2]) };
    if (teamId && teamId !== '-') row.team_id = teamId;
    if (name && name !== bv[1]) row.display_name = name;
    if (category) row.category = category;
    row.state = state;
    row.enabled = enabled;
    row.active = active;
    a.row(row);
  }
  if (count === undefined) return a.done(a.rows.length || a.bad ? 'no "N extension(s)" line' : 'no output');
  if (rows.length + a.bad < count) {
    // the count promises rows that never came: the listing was cut short
    a.bad += count - rows.length - a.bad;
    a.total = Math.max(a.total, count);
    a.sample ??= `${count} extension(s) announced, ${rows.length} listed`;
  }
  return a.done();
}

/** Parses `kmutil showloaded --list-only` / `kextstat [-l]` rows (Index Refs Address Size Wired Name (Version) [UUID] [<deps>]). */
export function parseLoadedKexts(raw: string): DriverRow[] {
  return readLoadedKexts(raw).rows;
}

/** Reads kmutil / kextstat rows, with or without the "Index Refs Address …" header; Apple's own kexts are always loaded. */
export function readLoadedKexts(raw: string): Answer<DriverRow> {
  const a = new AnswerBuilder<DriverRow>();
  const re = /^\s*\d+\s+\d+\s+(?:0x[0-9a-fA-F]+|0)\s+(?:0x[0-9a-fA-F]+|0)\s+(?:0x[0-9a-fA-F]+|0)\s+(\S+)\s+\(([^)]*)\)(?:\s+([0-9A-Fa-f]{8}-[0-9A-Fa-f-]{27}))?/;
  for (const line of raw.split(/\r?\n/)) {
    if (!line.trim() || /^\s*Index\s+Refs\s+Address\b/.test(line)) continue;
    // kextstat on macOS 11+ says it runs kmutil, and kmutil which kernel variant it reads
    if (/^Executing: \/usr\/bin\/kmutil\b/.test(line) || /^No variant specified, falling back to release\s*$/.test(line)) continue;
    const m = re.exec(line);
    if (!m) {
      a.reject(line);
      continue;
    }
    const row: DriverRow = { name: m[1], kind: 'kext', version: m[2], loaded: true };
    if (m[3]) row.uuid = m[3];
    a.row(row);
  }
  return a.done(a.rows.length || a.bad ? undefined : 'no kernel extension was listed');
}

export const systemExtensionsCollector: Collector = {
  id: SYSEXT_SOURCE,
  tables: ['drivers'],
  async collect(ctx) {
    const r = await ctx.exec(SYSTEMEXTENSIONSCTL, ['list'], { timeoutMs: TIMEOUT_MS });
    if (r.error === 'ENOENT') {
      // systemextensionsctl arrived with macOS 10.15; older releases have no system extensions at all.
      return { tables: { drivers: [] }, coverage: [coverage(SYSEXT_SOURCE, 'drivers', 'unavailable', reason('sysext-missing'))] };
    }
    const fail = execFailure(SYSEXT_SOURCE, 'drivers', 'systemextensionsctl', r);
    if (fail) return { tables: {}, coverage: [fail] };
    const answer = readSystemExtensions(r.stdout);
    const bad = answerFailure(SYSEXT_SOURCE, 'drivers', 'systemextensionsctl', answer);
    if (bad?.status === 'error') return { tables: {}, coverage: [bad] };
    return { tables: { drivers: answer.rows }, coverage: [bad ?? coverage(SYSEXT_SOURCE, 'drivers', 'ok')] };
  },
};

export const kextsCollector: Collector = {
  id: KEXT_SOURCE,
  tables: ['drivers'],
  async collect(ctx) {
    let r = await ctx.exec(KMUTIL, ['showloaded', '--list-only'], { timeoutMs: TIMEOUT_MS });
    let tool = 'kmutil';
    // kmutil exists from macOS 11; older systems only have kextstat.
    if (r.error === 'ENOENT') {
      r = await ctx.exec(KEXTSTAT, ['-l'], { timeoutMs: TIMEOUT_MS });
      tool = 'kextstat';
    }
    const fail = execFailure(KEXT_SOURCE, 'drivers', tool, r);
    if (fail) return { tables: {}, coverage: [fail] };
    const answer = readLoadedKexts(r.stdout);
    const bad = answerFailure(KEXT_SOURCE, 'drivers', tool, answer);
    if (bad?.status === 'error') return { tables: {}, coverage: [bad] };
    return { tables: { drivers: answer.rows }, coverage: [bad ?? coverage(KEXT_SOURCE, 'drivers', 'ok')] };
  },
};
