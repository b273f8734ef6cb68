import type { CoverageRow, CoverageStatus, Host, TableName } from '../../snapshot/schema.js';
import type { CollectorResult, Tables } from '../types.js';
import type { RegKeyDump, RegValue } from './regquery.js';
import {
  classFilterRows,
  consentRows,
  dnsCacheRows,
  driverRows,
  fileRows,
  firefoxExtensionRows,
  hostsRows,
  listenRows,
  ownerMap,
  packageRows,
  policyExtensionRows,
  processRows,
  profileExtensionRows,
  proxyRows,
  registryRows,
  runKeyRows,
  scheduledTaskRows,
  serviceRows,
  signerMap,
  startupFolderRows,
  tcpRows,
} from './rows.js';
import { behaviourFactRows } from './behaviour-facts.js';
import { INVENTORY_FORMAT } from './script.js';
import { asArray, DEFAULT_ENV, decodeText, int, isRecord, shortKey, str, type WinEnv } from './util.js';
import { own } from '../../util/own.js';
import { maybeReasons, reason, why, type Reason } from '../shared/reason.js';

/** What each script section fills, its coverage source, and what it is in plain words. */
export const SECTIONS = {
  processes: { table: 'processes', source: 'windows/processes', what: 'the running programs' },
  services: { table: 'services', source: 'windows/services', what: 'the installed services' },
  signers: { table: 'processes', source: 'windows/signers', what: 'who signed the running programs and services' },
  drivers: { table: 'drivers', source: 'windows/drivers', what: 'the installed drivers' },
  class_filters: { table: 'drivers', source: 'windows/input-filters', what: 'the keyboard and mouse filter drivers' },
  packages: { table: 'packages', source: 'windows/uninstall', what: 'the installed programs (Apps & Features list)' },
  run_keys: { table: 'autostart', source: 'windows/run-keys', what: 'the programs started at sign-in (Run keys)' },
  scheduled_tasks: { table: 'autostart', source: 'windows/scheduled-tasks', what: 'the scheduled tasks' },
  startup_folders: { table: 'autostart', source: 'windows/startup-folders', what: 'the Startup folders' },
  files: { table: 'files', source: 'windows/files', what: 'the folders and files that monitoring tools install' },
  registry: { table: 'registry', source: 'windows/registry', what: 'the registry keys that monitoring tools create' },
  browser_policies: { table: 'browser_extensions', source: 'windows/browser-policies', what: 'the browser extensions forced by policy' },
  browser_profiles: { table: 'browser_extensions', source: 'windows/chromium-profiles', what: 'the Chrome, Edge and Brave extensions' },
  firefox: { table: 'browser_extensions', source: 'windows/firefox-profiles', what: 'the Firefox extensions' },
  dns_cache: { table: 'network', source: 'windows/dns-cache', what: 'the DNS cache (recently contacted server names)' },
  tcp: { table: 'network', source: 'windows/tcp', what: 'the open network connections' },
  listening: { table: 'network', source: 'windows/listening', what: 'the programs waiting for network connections (listening ports)' },
  hosts_file: { table: 'network', source: 'windows/hosts-file', what: 'the hosts file' },
  proxy: { table: 'registry', source: 'windows/proxy', what: 'the proxy settings' },
  consent_store: { table: 'permissions', source: 'windows/consent-store', what: 'which programs used the camera or microphone' },
} as const satisfies Record<string, { table: TableName; source: string; what: string }>;
export type SectionName = keyof typeof SECTIONS;

/**
 * The lists each section's `data` always carries (script.ts builds them with @(), so an empty one is still there);
 * `lines` holds text, every other list objects. A section without them, or with items of another kind, was not
 * written by the script and is not trusted as "nothing found".
 */
export const SECTION_LISTS: Record<SectionName, readonly string[]> = {
  processes: ['items'],
  services: ['items'],
  signers: ['items'],
  drivers: ['items'],
  class_filters: ['keys'],
  packages: ['sources'],
  run_keys: ['keys'],
  scheduled_tasks: ['items'],
  startup_folders: ['items'],
  files: ['matches', 'listing'],
  registry: ['matches'],
  browser_policies: ['keys'],
  browser_profiles: ['items'],
  firefox: ['items'],
  dns_cache: ['items'],
  tcp: ['items'],
  listening: ['items'],
  hosts_file: ['lines'],
  proxy: ['keys'],
  consent_store: ['keys'],
};

/** Checks a section's data against SECTION_LISTS: `missing` names an absent or non-list field, `bad` counts wrong items. */
export function sectionShape(name: SectionName, data: unknown): { missing?: string; bad: number; total: number } {
  if (!isRecord(data)) return { missing: 'data', bad: 0, total: 0 };
  let bad = 0;
  let total = 0;
  for (const field of SECTION_LISTS[name]) {
    // the hosts file section says when there is no file to read
    if (name === 'hosts_file' && data.exists === false) continue;
    const v = data[field];
    // a list of one may arrive unwrapped as the item itself (ConvertTo-Json)
    if (!(Array.isArray(v) || isRecord(v) || (field === 'lines' && typeof v === 'string'))) return { missing: field, bad: 0, total: 0 };
    for (const item of asArray(v)) {
      total++;
      if (field === 'lines' ? typeof item !== 'string' : !isRecord(item)) bad++;
    }
  }
  return { bad, total };
}
export const SECTION_NAMES = Object.keys(SECTIONS) as SectionName[];

export interface InventoryMeta {
  ps_version?: string;
  language_mode?: string;
  elevated?: boolean;
  elevation_error?: string;
  is64_process?: boolean;
  is64_os?: boolean;
  config_error?: string;
  env: WinEnv;
}

export interface InventoryResult extends CollectorResult {
  meta: InventoryMeta;
  /** False when the output stopped early (timeout, size limit): missing sections have error coverage. */
  complete: boolean;
}

/** Why the run stopped early: the timeout (in seconds) or the output size limit. */
export type CutShort = { why: 'timeout'; seconds: number } | { why: 'too-large' };

export interface ParseOptions {
  /** Why the run stopped early, when the caller knows (e.g. the timeout). */
  cutShort?: CutShort;
  /** Fallback when the script could not tell (e.g. Constrained Language Mode). */
  elevated?: boolean;
}

/** Parses the whole document, or when it was cut short, every complete section line before the cut. */
export function parseDocument(text: string): { doc: Record<string, unknown>; complete: boolean } | undefined {
  // pwsh on a terminal-less Unix stdin writes cursor-key mode switches (ESC [ ? 1 h); Windows PowerShell writes none
  const t = text.replace(/^\uFEFF/, '').replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').trim();
  try {
    const doc: unknown = JSON.parse(t);
    if (isRecord(doc) && doc.format === INVENTORY_FORMAT) return { doc, complete: true };
  } catch {
    // fall through to line recovery
  }
  const doc: Record<string, unknown> = {};
  let header = false;
  for (const raw of t.split(/\r?\n/)) {
    const line = raw.trim();
    try {
      if (line.startsWith(`{"format":"${INVENTORY_FORMAT}"`)) {
        Object.assign(doc, JSON.parse(`${line}}`));
        header = true;
      } else if (header && line.startsWith(',"')) Object.assign(doc, JSON.parse(`{${line.slice(1)}}`));
    } catch {
      // a line cut in the middle
    }
  }
  return header ? { doc, complete: false } : undefined;
}

const DENIED = /access (is )?denied|is denied|unauthori[sz]ed|not allowed|requires elevat|permission/i;

function plain(msg: string): string {
  return msg.replace(/\s+/g, ' ').trim().slice(0, 300);
}

function toDumps(v: unknown): RegKeyDump[] {
  const out: RegKeyDump[] = [];
  for (const o of asArray(v)) {
    if (!isRecord(o)) continue;
    const key = str(o.key);
    if (!key) continue;
    const values: Record<string, RegValue> = {};
    if (isRecord(o.values)) {
      for (const [k, val] of Object.entries(o.values)) {
        if (typeof val === 'string' || typeof val === 'number' || val === null) values[k] = val;
        else if (Array.isArray(val)) values[k] = val.map((x) => String(x ?? ''));
      }
    }
    out.push({ key: shortKey(key), values });
  }
  return out;
}

const ARCH: Record<string, string> = { amd64: 'x64', arm64: 'arm64', x86: 'x86', ia64: 'ia64' };

function hostFrom(data: unknown, meta: InventoryMeta): Partial<Host> {
  const h: Partial<Host> = { platform: 'windows' };
  const d = isRecord(data) ? data : {};
  const caption = str(d.Caption);
  const version = str(d.Version);
  const ubr = int(d.UBR);
  const display = str(d.DisplayVersion);
  const build = version ? (ubr !== undefined ? `${version}.${ubr}` : version) : undefined;
  if (caption || build) h.os_version = [caption, display, build ? `(${build})` : undefined].filter(Boolean).join(' ');
  const hostname = str(d.CSName) ?? str(meta.env.COMPUTERNAME);
  if (hostname) h.hostname = hostname;
  const arch = str(meta.env.PROCESSOR_ARCHITEW6432) ?? str(meta.env.PROCESSOR_ARCHITECTURE);
  if (arch) h.arch = own(ARCH, arch.toLowerCase()) ?? arch.toLowerCase();
  if (build) h.os_build = build;
  if (caption) h.os_name = caption;
  if (display) h.os_display_version = display;
  if (meta.elevated !== undefined) h.elevated = meta.elevated;
  if (meta.language_mode) h.language_mode = meta.language_mode;
  return h;
}

function metaFrom(v: unknown): InventoryMeta {
  const m = isRecord(v) ? v : {};
  const env: Record<string, string | undefined> = { ...DEFAULT_ENV };
  if (isRecord(m.env)) for (const [k, val] of Object.entries(m.env)) if (typeof val === 'string' && val) env[k] = val;
  // %windir% and %SystemRoot% name the same folder
  if (isRecord(m.env) && typeof m.env.SystemRoot === 'string' && typeof m.env.windir !== 'string') env.windir = m.env.SystemRoot;
  const bool = (x: unknown) => (typeof x === 'boolean' ? x : undefined);
  return {
    ps_version: str(m.ps_version),
    language_mode: str(m.language_mode),
    elevated: bool(m.elevated),
    elevation_error: str(m.elevation_error),
    is64_process: bool(m.is64_process),
    is64_os: bool(m.is64_os),
    config_error: str(m.config_error),
    env,
  };
}

const ELEVATE = why('win-elevate');

/** Turns the inventory script's JSON (whole or cut short, any encoding) into snapshot tables and coverage rows. */
export function parseWindowsInventory(raw: string | Buffer, opts: ParseOptions = {}): InventoryResult {
  const parsed = parseDocument(decodeText(raw));
  if (!parsed) {
    const coded = reason('win-no-inventory-data');
    return {
      tables: {},
      coverage: SECTION_NAMES.map((s) => ({ source: SECTIONS[s].source, table: SECTIONS[s].table, status: 'error', ...coded })),
      meta: { env: DEFAULT_ENV },
      complete: false,
    };
  }
  const { doc, complete } = parsed;
  const meta = metaFrom(doc.meta);
  if (meta.elevated === undefined && opts.elevated !== undefined) meta.elevated = opts.elevated;
  const env = meta.env;
  const tables: Tables = {};
  const coverage: CoverageRow[] = [];
  const put = <K extends keyof Tables>(table: K, rows: NonNullable<Tables[K]>) => {
    const cur = tables[table] as unknown[] | undefined;
    tables[table] = (cur ? [...cur, ...rows] : rows) as Tables[K];
  };
  // a 32-bit PowerShell on 64-bit Windows sees PROCESSOR_ARCHITEW6432 (older scripts reported is64_* instead)
  const wow32 = !!str(env.PROCESSOR_ARCHITEW6432) || (meta.is64_os === true && meta.is64_process === false);

  const section = (name: SectionName): { data?: Record<string, unknown>; ok: boolean } => {
    const info = SECTIONS[name];
    const s = doc[name];
    const cov = (status: CoverageStatus, reasons: readonly Reason[] = []) => coverage.push({ source: info.source, table: info.table, status, ...maybeReasons(reasons) });
    const section = { section: name };
    if (!isRecord(s)) {
      const cut = opts.cutShort;
      cov('error', [
        cut?.why === 'timeout' ? why('win-stopped-timeout', { ...section, seconds: cut.seconds }) : cut?.why === 'too-large' ? why('win-stopped-too-large', section) : complete ? why('win-stopped', section) : why('win-stopped-cut', section),
      ]);
      return { ok: false };
    }
    const err = str(s.error);
    if (err) {
      const denied = DENIED.test(err) || s.error_category === 'PermissionDenied';
      cov(denied ? 'denied' : 'error', [why('win-section-failed', { ...section, detail: plain(err) }), ...(denied && meta.elevated === false ? [ELEVATE] : [])]);
      return { ok: false };
    }
    const shape = sectionShape(name, s.data);
    if (shape.missing || (shape.bad > 0 && shape.bad === shape.total)) {
      cov('error', [shape.missing ? why('win-shape-no-list', { ...section, list: shape.missing }) : why('win-shape-no-items', { ...section, count: shape.bad })]);
      return { ok: false };
    }
    const data = s.data as Record<string, unknown>;
    const notes: Reason[] = [];
    if (shape.bad > 0) notes.push(why('win-items-skipped', { count: shape.bad, total: shape.total }));
    const warnings = asArray(s.warnings).map((w) => str(w)).filter((w): w is string => !!w);
    const warnCount = int(s.warning_count) ?? warnings.length;
    if (name === 'processes') {
      const items = asArray(data.items);
      const noPath = processRows(items).filter((p) => !p.path && p.pid > 4).length;
      if (meta.elevated === false) {
        notes.push(noPath > 0 ? why('win-processes-hidden-count', { count: noPath, total: items.length }) : why('win-processes-hidden'), ELEVATE);
      } else if (str(data.owners_error)) notes.push(why('win-owners-unread', { detail: plain(str(data.owners_error)!) }));
    }
    if ((name === 'files' || name === 'registry') && meta.config_error) notes.push(why('win-rule-paths-unpassed', { detail: plain(meta.config_error) }));
    if (wow32 && ['packages', 'run_keys', 'registry', 'class_filters', 'browser_policies', 'consent_store'].includes(name)) notes.push(why('win-32bit-registry'));
    if (name === 'signers') {
      const skipped = int(data.skipped) ?? 0;
      if (skipped > 0) notes.push(why('win-signers-skipped', { count: skipped, total: int(data.candidates) ?? '?' }));
    }
    const unreadLinks = asArray(data.items).filter((o) => isRecord(o) && /\.lnk$/i.test(str(o.file) ?? '') && !str(o.target)).length;
    if (name === 'startup_folders' && unreadLinks > 0 && str(data.language_mode) && data.language_mode !== 'FullLanguage') {
      notes.push(why('win-shortcuts-unread', { mode: str(data.language_mode)! }));
    }
    if (name === 'files' && isRecord(doc.profiles) && str(doc.profiles.error)) notes.push(why('win-profiles-unread', { detail: plain(str(doc.profiles.error)!) }));
    const deniedCount = int(s.denied_count) ?? 0;
    const otherCount = warnCount - deniedCount;
    if (deniedCount > 0) {
      const paths = asArray(s.denied_paths).map((x) => str(x)).filter((x): x is string => !!x).map((x) => (/^Registry::/i.test(x) ? shortKey(x) : x));
      const code = `win-denied-${name === 'files' ? 'place' : 'item'}${deniedCount === 1 ? '' : 's'}` as const;
      notes.push(paths[0] ? why(`${code}-eg`, { count: deniedCount, path: plain(paths[0]) }) : why(code, { count: deniedCount }));
      if (meta.elevated === false) notes.push(ELEVATE);
    }
    if (otherCount > 0) {
      const other = warnings.filter((w) => !DENIED.test(w));
      const denied = deniedCount === 0 && warnings.some((w) => DENIED.test(w));
      const example = other[0] ?? warnings[0];
      const code = otherCount === 1 ? 'win-item-unread' : 'win-items-unread';
      notes.push(example ? why(`${code}-eg`, { count: otherCount, detail: plain(example) }) : why(code, { count: otherCount }));
      if (denied && meta.elevated === false) notes.push(ELEVATE);
    }
    cov(notes.length ? 'partial' : 'ok', notes);
    return { data, ok: true };
  };

  const hostSec = isRecord(doc.host) && !str(doc.host.error) && isRecord(doc.host.data) ? doc.host.data : undefined;
  const host = hostFrom(hostSec, meta);

  const p = section('processes');
  if (p.data) put('processes', processRows(p.data.items, ownerMap(p.data.owners)));
  const s = section('services');
  if (s.data) put('services', serviceRows(s.data.items, env));
  const sg = section('signers');
  if (sg.data) {
    const signers = signerMap(sg.data.items);
    for (const row of [...(tables.processes ?? []), ...(tables.services ?? [])]) {
      const signer = row.path ? signers.get(row.path.toLowerCase()) : undefined;
      if (signer) (row as { signer?: string }).signer = signer;
    }
  }
  const d = section('drivers');
  const drivers = d.data ? driverRows(d.data.items, env) : [];
  if (d.data) put('drivers', drivers);
  const cf = section('class_filters');
  if (cf.data) put('drivers', classFilterRows(toDumps(cf.data.keys), drivers));
  const pk = section('packages');
  if (pk.data) {
    const rows = asArray(pk.data.sources).flatMap((src) => (isRecord(src) ? packageRows(src.items, str(src.scope)) : []));
    put('packages', rows);
  }
  const rk = section('run_keys');
  if (rk.data) put('autostart', runKeyRows(toDumps(rk.data.keys), env));
  const st = section('scheduled_tasks');
  if (st.data) put('autostart', scheduledTaskRows(st.data.items, env));
  const sf = section('startup_folders');
  if (sf.data) put('autostart', startupFolderRows(sf.data.items, env));
  const f = section('files');
  if (f.data) put('files', fileRows(f.data.matches, f.data.listing));
  const rg = section('registry');
  if (rg.data) put('registry', registryRows(rg.data.matches));
  const bp = section('browser_policies');
  if (bp.data) put('browser_extensions', policyExtensionRows(toDumps(bp.data.keys)));
  const bx = section('browser_profiles');
  if (bx.data) put('browser_extensions', profileExtensionRows(bx.data.items));
  const ff = section('firefox');
  if (ff.data) put('browser_extensions', firefoxExtensionRows(ff.data.items));
  const dns = section('dns_cache');
  if (dns.data) put('network', dnsCacheRows(dns.data.items));
  const tcp = section('tcp');
  if (tcp.data) put('network', tcpRows(tcp.data.items));
  const ls = section('listening');
  if (ls.data) put('network', listenRows(ls.data.items, tables.processes ?? []));
  const hf = section('hosts_file');
  if (hf.data) put('network', hostsRows(hf.data.lines));
  const px = section('proxy');
  if (px.data) put('registry', proxyRows(toDumps(px.data.keys)));
  const cs = section('consent_store');
  if (cs.data) put('permissions', consentRows(toDumps(cs.data.keys)));
  // behaviour facts (src/detect): a section of its own, absent from recordings made before it existed
  const bf = doc.behaviour_facts;
  if (isRecord(bf)) {
    const err = str(bf.error);
    if (err) coverage.push({ source: 'windows/behaviour-facts', table: 'settings', status: DENIED.test(err) ? 'denied' : 'error', ...reason('win-facts-failed', { detail: plain(err) }) });
    else if (isRecord(bf.data)) {
      const facts = behaviourFactRows(bf.data);
      put('settings', facts.settings);
      put('certificates', facts.certificates);
      coverage.push({ source: 'windows/behaviour-facts', table: 'settings', status: 'ok' }, ...facts.coverage);
    } else {
      // the section is there but holds neither data nor an error: not something the script writes
      coverage.push({ source: 'windows/behaviour-facts', table: 'settings', status: 'error', ...reason('win-facts-unexpected-shape') });
    }
  }

  return { tables, coverage, host, meta, complete };
}
