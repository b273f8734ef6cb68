import type { DriverRow } from '../../snapshot/schema.js';
import type { Collector } from '../types.js';
import { coverage, execFailure } from './util.js';

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
  const rows: DriverRow[] = [];
  let category: string | undefined;
  for (const line of raw.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const header = /^---\s+(\S+)/.exec(line);
    if (header) {
      category = header[1].replace(/^com\.apple\.system_extension\./, '');
      continue;
    }
    if (/^\d+ extension\(s\)/.test(line.trim()) || /^enabled\s+active\s+teamID/.test(line.trim())) continue;

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
      if (!m) continue;
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
    if (!bv) continue;
    const row: DriverRow = { name: bv[1], kind: 'system-extension', ...splitVersion(bv[2]) };
    if (teamId && teamId !== '-') row.team_id = teamId;
    if (name && name !== bv[1]) row.display_name = name;
    if (category) row.category = category;
    row.state = state;
    row.enabled = enabled;
    row.active = active;
    rows.push(row);
  }
  return rows;
}

/** Parses `kmutil showloaded --list-only` / `kextstat [-l]` rows (Index Refs Address Size Wired Name (Version) [UUID] [<deps>]). */
export function parseLoadedKexts(raw: string): DriverRow[] {
  const rows: DriverRow[] = [];
  const re = /^\s*\d+\s+\d+\s+(?:0x[0-9a-fA-F]+|0)\s+(?:0x[0-9a-fA-F]+|0)\s+(?:0x[0-9a-fA-F]+|0)\s+(\S+)\s+\(([^)]*)\)(?:\s+([0-9A-Fa-f]{8}-[0-9A-Fa-f-]{27}))?/;
  for (const line of raw.split(/\r?\n/)) {
    const m = re.exec(line);
    if (!m) continue;
    const row: DriverRow = { name: m[1], kind: 'kext', version: m[2], loaded: true };
    if (m[3]) row.uuid = m[3];
    rows.push(row);
  }
  return rows;
}

export const systemExtensionsCollector: Collector = {
  id: SYSEXT_SOURCE,
  tables: ['drivers'],
  async collect(ctx) {
    const r = await ctx.exec(SYSTEMEXTENSIONSCTL, ['list'], { timeoutMs: TIMEOUT_MS });
    if (r.error === 'ENOENT') {
      // systemextensionsctl arrived with macOS 10.15; older releases have no system extensions at all.
      return { tables: { drivers: [] }, coverage: [coverage(SYSEXT_SOURCE, 'drivers', 'unavailable', 'systemextensionsctl is not on this Mac (macOS 10.14 or older has no system extensions).')] };
    }
    const fail = execFailure(SYSEXT_SOURCE, 'drivers', 'systemextensionsctl', r);
    if (fail) return { tables: {}, coverage: [fail] };
    const drivers = parseSystemExtensions(r.stdout);
    if (drivers.length === 0 && r.stdout.trim() && !/\b0 extension\(s\)/.test(r.stdout)) {
      return { tables: {}, coverage: [coverage(SYSEXT_SOURCE, 'drivers', 'error', 'systemextensionsctl printed something this version of bosswatch does not understand.')] };
    }
    return { tables: { drivers }, coverage: [coverage(SYSEXT_SOURCE, 'drivers', 'ok')] };
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
    const drivers = parseLoadedKexts(r.stdout);
    if (drivers.length === 0 && r.stdout.trim()) {
      return { tables: {}, coverage: [coverage(KEXT_SOURCE, 'drivers', 'error', `${tool} printed something this version of bosswatch does not understand.`)] };
    }
    return { tables: { drivers }, coverage: [coverage(KEXT_SOURCE, 'drivers', 'ok')] };
  },
};
