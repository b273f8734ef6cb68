// A bosswatch snapshot's rows as the rows osquery's tables would show on that machine, so a pack can run against them.
// Only what the snapshot recorded is carried over (nothing invented); tables osquery has no counterpart for are left out.
import initSqlJs, { type Database } from 'sql.js';
import type { Snapshot } from '../../src/snapshot/schema.js';
import { normRegistry } from '../../src/match/index.js';
import { createStatements, OSQUERY_TABLES, type OsqPlatform } from './osquery-schema.js';

export type Row = Record<string, string | number | null>;

const OSQ: Record<string, OsqPlatform> = { windows: 'windows', macos: 'darwin', linux: 'linux' };
const dirname = (p: string, sep: string) => {
  const i = p.lastIndexOf(sep);
  return i <= 0 ? p.slice(0, i + 1) : p.slice(0, i);
};
const basename = (p: string, sep: string) => p.slice(p.lastIndexOf(sep) + 1);
const HIVES: Record<string, string> = { hklm: 'HKEY_LOCAL_MACHINE', hku: 'HKEY_USERS', hkcu: 'HKEY_USERS\\S-1-5-21-1000-1000-1000-1001' };
const CHROMIUM = new Set(['chrome', 'chromium', 'edge', 'edge_beta', 'brave', 'opera', 'yandex']);

/** Snapshot table -> osquery table rows (osquery column names only). */
export function osqueryRows(s: Snapshot, origins?: Set<string>): Record<string, Row[]> {
  const platform = s.host.platform;
  const sep = platform === 'windows' ? '\\' : '/';
  const out: Record<string, Row[]> = {};
  // origins: which snapshot rows (table:index) were carried over, for tests that ask what osquery could have seen
  let from = '';
  const push = (t: string, r: Row) => {
    origins?.add(from);
    (out[t] ??= []).push(r);
  };
  const each = <T>(table: string, rows: T[] | undefined, fn: (r: T) => void) =>
    rows?.forEach((r, i) => {
      from = `${table}:${i}`;
      fn(r);
    });
  each('processes', s.processes, (p) => {
    push('processes', { pid: p.pid, parent: p.ppid ?? null, name: p.name, path: p.path ?? '', cmdline: p.cmdline ?? p.argv?.join(' ') ?? '' });
  });
  // osquery's file table answers for any path asked: a recorded file's folders exist too (the folder a rule names)
  const files = new Set<string>();
  each('files', s.files, (f) => {
    for (let p = f.path; p && !files.has(p); p = dirname(p, sep)) {
      files.add(p);
      push('file', { path: p, directory: dirname(p, sep), filename: basename(p, sep), type: p === f.path ? (f.type ?? null) : 'directory' });
      if (dirname(p, sep) === p) break;
    }
  });
  each('browser_extensions', s.browser_extensions, (e) => {
    // the snapshot does not say whose profile it was: one local user (uid 1000) owns them, so the users join has a row
    out.users ??= [{ uid: 1000, username: 'user', directory: platform === 'windows' ? 'C:\\Users\\user' : '/home/user' }];
    if (CHROMIUM.has(e.browser)) push('chrome_extensions', { uid: 1000, browser_type: e.browser, identifier: e.id, name: e.name ?? null, profile: e.profile ?? null, path: e.path ?? null, version: e.version ?? null });
  });
  if (platform === 'windows') {
    // a recorded key is a `subkey` row of its parent, and so is each key above it; HKCU is a user's hive under HKEY_USERS
    const keys = new Set<string>();
    each('registry', s.registry, (r) => {
      const [hive, ...rest] = normRegistry(r.key, false).split('\\');
      const root = HIVES[hive.toLowerCase()];
      if (!root) return;
      const parts = [...root.split('\\'), ...rest];
      for (let n = parts.length; n > 1; n--) {
        const path = parts.slice(0, n).join('\\');
        if (keys.has(path.toLowerCase())) break;
        keys.add(path.toLowerCase());
        push('registry', { key: parts.slice(0, n - 1).join('\\'), path, name: parts[n - 1], type: 'subkey' });
      }
    });
    // osquery's services.path is the configured ImagePath (quotes and arguments included)
    each('services', s.services, (v) => push('services', { name: v.name, display_name: v.display_name ?? null, path: v.command ?? v.path ?? null, status: v.state ?? null, start_type: v.start ?? null, user_account: v.account ?? null, pid: v.pid ?? null }));
    each('packages', s.packages, (p) => {
      if (p.source && p.source !== 'windows-uninstall') return;
      push('programs', { name: p.name, version: p.version ?? null, publisher: p.publisher ?? null, install_location: p.install_location ?? null, uninstall_string: p.uninstall_string ?? null, identifying_number: p.uninstall_key ?? null });
    });
  } else if (platform === 'macos') {
    // launchd jobs: bosswatch keeps loaded jobs in services and job files in autostart; osquery lists the job files
    const job = (v: { name: string; kind?: string; plist?: string; path?: string; command?: string }) => {
      if (!v.plist && !/^launchd/.test(v.kind ?? '')) return;
      push('launchd', { label: v.name, path: v.plist ?? null, name: v.plist ? basename(v.plist, '/') : null, program: v.path ?? null, program_arguments: v.command ?? null });
    };
    each('services', s.services, job);
    each('autostart', s.autostart, job);
    each('apps', s.apps, (a) => {
      const exe = a.executable ? basename(a.executable, '/') : null;
      push('apps', { name: a.path ? basename(a.path, '/') : a.name, path: a.path ?? null, bundle_identifier: a.bundle_id ?? null, bundle_executable: exe, bundle_short_version: a.version ?? null });
    });
    each('drivers', s.drivers, (d) => {
      if (d.kind === 'system-extension') push('system_extensions', { identifier: d.name, team: d.team_id ?? null, version: d.version ?? null, category: d.category ?? null, state: d.state ?? null });
      else if (d.kind === 'kext') push('kernel_extensions', { name: d.name, version: d.version ?? null, path: d.path ?? null });
    });
    each('packages', s.packages, (p) => {
      if (p.source === 'pkgutil') push('package_receipts', { package_id: p.name, version: p.version ?? null, location: p.install_location ?? null });
    });
  } else {
    each('services', s.services, (v) => {
      if (v.kind?.startsWith('systemd')) push('systemd_units', { id: v.name, description: v.display_name ?? null, active_state: v.state ?? null, unit_file_state: v.start ?? null });
    });
    each('drivers', s.drivers, (d) => {
      if (d.kind === 'kernel-module') push('kernel_modules', { name: d.name, status: d.state ?? null });
    });
    each('packages', s.packages, (p) => {
      if (p.source === 'dpkg') push('deb_packages', { name: p.name, version: p.version ?? null, maintainer: p.publisher ?? null });
      else if (p.source === 'rpm') push('rpm_packages', { name: p.name, version: p.version ?? null, vendor: p.publisher ?? null });
    });
  }
  return out;
}

let sqlPromise: ReturnType<typeof initSqlJs> | undefined;

/** A real SQLite engine (sql.js) holding osquery's tables of one platform, with exactly osquery's column names. */
export async function osqueryDatabase(platform: OsqPlatform, rows: Record<string, Row[]> = {}): Promise<Database> {
  const SQL = await (sqlPromise ??= initSqlJs());
  const db = new SQL.Database();
  for (const stmt of createStatements(platform)) db.run(stmt);
  for (const [table, list] of Object.entries(rows)) {
    const known = OSQUERY_TABLES[table];
    if (!known || !known.platforms.includes(platform)) throw new Error(`no osquery table ${table} on ${platform}`);
    for (const r of list) {
      const cols = Object.keys(r);
      db.run(`INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, cols.map((c) => r[c]));
    }
  }
  return db;
}

export const osqPlatformOf = (s: Snapshot): OsqPlatform => OSQ[s.host.platform];

/** Runs every query of a pack meant for this platform; returns the rows (bosswatch_rule, indicator, value, table, found). */
export function runQueries(db: Database, queries: { query: string; platform: string }[], platform: OsqPlatform): Row[] {
  const out: Row[] = [];
  for (const q of queries) {
    if (q.platform !== platform) continue;
    const res = db.exec(q.query);
    for (const r of res) for (const v of r.values) out.push(Object.fromEntries(r.columns.map((c, i) => [c, v[i] as string | number | null])));
  }
  return out;
}
