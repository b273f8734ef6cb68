import type {
  AutostartRow,
  BrowserExtensionRow,
  DriverRow,
  FileRow,
  NetworkRow,
  PackageRow,
  PermissionRow,
  ProcessRow,
  RegistryRow,
  ServiceRow,
} from '../../snapshot/schema.js';
import { keyLeaf, regGet, regString, type RegKeyDump, type RegValue } from './regquery.js';
import {
  asArray,
  basenameWin,
  cimDateToIso,
  DEFAULT_ENV,
  extractExecutablePath,
  filetimeToIso,
  int,
  isRecord,
  normaliseWinPath,
  shortKey,
  splitCommandLine,
  str,
  type WinEnv,
} from './util.js';
import { own } from '../../util/own.js';

// Each builder takes what one PowerShell query printed (JSON-parsed, any shape); RegKeyDump ones also serve reg.exe.

type Obj = Record<string, unknown>;
const objects = (v: unknown): Obj[] => asArray(v).filter(isRecord);

/** Win32_Process objects (ProcessId, ParentProcessId, Name, ExecutablePath, CommandLine, CreationDate). */
export function processRows(items: unknown, owners?: ReadonlyMap<number, string>): ProcessRow[] {
  const rows: ProcessRow[] = [];
  for (const o of objects(items)) {
    const pid = int(o.ProcessId ?? o.Id);
    const path = str(o.ExecutablePath ?? o.Path);
    const name = str(o.Name) ?? (path ? basenameWin(path) : undefined);
    if (pid === undefined || !name) continue;
    const row: ProcessRow = { pid, name };
    const ppid = int(o.ParentProcessId);
    if (ppid !== undefined) row.ppid = ppid;
    if (path) row.path = path;
    const cmd = typeof o.CommandLine === 'string' ? o.CommandLine.trimEnd() : undefined;
    if (cmd) {
      row.cmdline = cmd;
      row.argv = splitCommandLine(cmd);
    }
    const user = owners?.get(pid);
    if (user) row.user = user;
    const started = cimDateToIso(o.CreationDate);
    if (started) row.started_at = started;
    const session = int(o.SessionId);
    if (session !== undefined) row.session_id = session;
    rows.push(row);
  }
  return rows;
}

/** Get-Process -IncludeUserName output reduced to {Id, UserName}. */
export function ownerMap(items: unknown): Map<number, string> {
  const m = new Map<number, string>();
  for (const o of objects(items)) {
    const id = int(o.Id);
    const user = str(o.UserName);
    if (id !== undefined && user) m.set(id, user);
  }
  return m;
}

/** Win32_Service objects. */
export function serviceRows(items: unknown, env: WinEnv = DEFAULT_ENV): ServiceRow[] {
  const rows: ServiceRow[] = [];
  for (const o of objects(items)) {
    const name = str(o.Name);
    if (!name) continue;
    const row: ServiceRow = { name };
    const display = str(o.DisplayName);
    if (display) row.display_name = display;
    const cmd = str(o.PathName);
    const path = extractExecutablePath(cmd, env);
    if (path) row.path = path;
    const state = str(o.State);
    if (state) row.state = state;
    const start = str(o.StartMode);
    if (start) row.start = start;
    if (cmd) row.command = cmd;
    const account = str(o.StartName);
    if (account) row.account = account;
    const pid = int(o.ProcessId);
    if (pid) row.pid = pid;
    const type = str(o.ServiceType);
    if (type) row.service_type = type;
    rows.push(row);
  }
  return rows;
}

/** Win32_SystemDriver objects. */
export function driverRows(items: unknown, env: WinEnv = DEFAULT_ENV): DriverRow[] {
  const rows: DriverRow[] = [];
  for (const o of objects(items)) {
    const name = str(o.Name);
    if (!name) continue;
    const type = str(o.ServiceType);
    const row: DriverRow = { name, kind: type && /file ?system/i.test(type) ? 'filesystem-driver' : 'kernel-driver' };
    const raw = str(o.PathName);
    const path = raw ? (normaliseWinPath(raw, env) ?? extractExecutablePath(raw, env)) : undefined;
    if (path) row.path = path;
    const display = str(o.DisplayName);
    if (display && display !== name) row.display_name = display;
    const state = str(o.State);
    if (state) row.state = state;
    const start = str(o.StartMode);
    if (start) row.start = start;
    rows.push(row);
  }
  return rows;
}

export const KEYBOARD_CLASS = '{4D36E96B-E325-11CE-BFC1-08002BE10318}';
export const MOUSE_CLASS = '{4D36E96F-E325-11CE-BFC1-08002BE10318}';
const STANDARD_FILTERS = new Set(['kbdclass', 'mouclass']);

const multi = (v: RegValue | undefined): string[] =>
  Array.isArray(v) ? v.filter((s) => s.trim() !== '') : typeof v === 'string' && v.trim() ? v.split(/\\0|\0/).filter(Boolean) : [];

/**
 * UpperFilters of the keyboard and mouse device classes as driver rows. kbdclass/mouclass are Windows' own
 * class drivers (`standard: true`); anything else in the list sees every key press or mouse event.
 */
export function classFilterRows(keys: readonly RegKeyDump[], drivers: readonly DriverRow[] = []): DriverRow[] {
  const pathOf = new Map(drivers.map((d) => [d.name.toLowerCase(), d.path]));
  const rows: DriverRow[] = [];
  for (const k of keys) {
    const leaf = keyLeaf(k.key).toUpperCase();
    const kind = leaf === KEYBOARD_CLASS ? 'keyboard-filter' : leaf === MOUSE_CLASS ? 'mouse-filter' : undefined;
    if (!kind) continue;
    multi(regGet(k, 'UpperFilters')).forEach((name, position) => {
      const row: DriverRow = { name, kind };
      const path = pathOf.get(name.toLowerCase());
      if (path) row.path = path;
      row.standard = STANDARD_FILTERS.has(name.toLowerCase());
      row.position = position;
      rows.push(row);
    });
  }
  return rows;
}

/**
 * Get-ItemProperty objects of Uninstall subkeys (DisplayName, DisplayVersion, Publisher, InstallLocation,
 * SystemComponent, PSChildName). Keys without a DisplayName are not programs and are skipped;
 * SystemComponent=1 entries are kept with `hidden: true` because Apps & Features does not show them.
 */
export function packageRows(items: unknown, scope?: string): PackageRow[] {
  const rows: PackageRow[] = [];
  for (const o of objects(items)) {
    const name = str(o.DisplayName);
    if (!name) continue;
    const row: PackageRow = { name, source: 'windows-uninstall' };
    const version = str(o.DisplayVersion);
    if (version) row.version = version;
    const publisher = str(o.Publisher);
    if (publisher) row.publisher = publisher;
    const loc = str(o.InstallLocation)?.replace(/^"(.*)"$/, '$1');
    if (loc) row.install_location = loc;
    if (int(o.SystemComponent) === 1) row.hidden = true;
    if (scope) row.scope = scope;
    const key = str(o.PSChildName);
    if (key) row.uninstall_key = key;
    rows.push(row);
  }
  return rows;
}

/** Uninstall keys read with `reg query ...\Uninstall /s`, as the same rows as packageRows. */
export function packageRowsFromKeys(keys: readonly RegKeyDump[], scope?: string): PackageRow[] {
  const items = keys
    .filter((k) => /\\Uninstall\\[^\\]+$/i.test(k.key))
    .map((k) => ({
      DisplayName: regString(k, 'DisplayName'),
      DisplayVersion: regString(k, 'DisplayVersion'),
      Publisher: regString(k, 'Publisher'),
      InstallLocation: regString(k, 'InstallLocation'),
      SystemComponent: regGet(k, 'SystemComponent'),
      PSChildName: keyLeaf(k.key),
    }));
  return packageRows(items, scope);
}

/** Run / RunOnce values: the value name is the entry, the data the command. */
export function runKeyRows(keys: readonly RegKeyDump[], env: WinEnv = DEFAULT_ENV): AutostartRow[] {
  const rows: AutostartRow[] = [];
  for (const k of keys) {
    const once = /\\RunOnce$/i.test(k.key);
    for (const [name, v] of Object.entries(k.values)) {
      if (typeof v !== 'string' || !v.trim() || name === '' || /^\(default\)$/i.test(name)) continue;
      const row: AutostartRow = { kind: once ? 'registry-runonce' : 'registry-run', name, command: v.trim() };
      const path = extractExecutablePath(v, env);
      if (path) row.path = path;
      row.key = k.key;
      rows.push(row);
    }
  }
  return rows;
}

/** Get-ScheduledTask objects reduced to TaskName, TaskPath, State, Author and Actions (Execute, Arguments, ClassId). */
export function scheduledTaskRows(items: unknown, env: WinEnv = DEFAULT_ENV): AutostartRow[] {
  const rows: AutostartRow[] = [];
  for (const t of objects(items)) {
    const name = str(t.TaskName);
    if (!name) continue;
    const base: AutostartRow = { kind: 'scheduled-task', name };
    const folder = str(t.TaskPath);
    const state = str(t.State);
    const author = str(t.Author);
    const actions = objects(t.Actions);
    const push = (extra: Partial<AutostartRow>) => {
      const row: AutostartRow = { ...base, ...extra };
      if (folder) row.folder = folder;
      if (state) row.state = state;
      if (author) row.author = author;
      rows.push(row);
    };
    let any = false;
    for (const a of actions) {
      const exe = str(a.Execute);
      if (exe) {
        const argsText = str(a.Arguments);
        const cmd = argsText ? `${/\s/.test(exe) && !exe.startsWith('"') ? `"${exe}"` : exe} ${argsText}` : exe;
        const path = extractExecutablePath(exe.startsWith('"') ? exe : `"${exe}"`, env);
        push(path ? { command: cmd, path } : { command: cmd });
        any = true;
      } else if (str(a.ClassId)) {
        push({ com_class_id: str(a.ClassId) });
        any = true;
      }
    }
    if (!any) push({});
  }
  return rows;
}

/** Startup folder entries ({scope, file, name, target, arguments}; target resolved from .lnk files when possible). */
export function startupFolderRows(items: unknown, env: WinEnv = DEFAULT_ENV): AutostartRow[] {
  const rows: AutostartRow[] = [];
  for (const o of objects(items)) {
    const file = str(o.file);
    const fileName = str(o.name) ?? (file ? basenameWin(file) : undefined);
    if (!fileName) continue;
    const row: AutostartRow = { kind: 'startup-folder', name: fileName.replace(/\.lnk$/i, '') };
    const target = str(o.target);
    const args = str(o.arguments);
    const path = target ? normaliseWinPath(target, env) : file && !/\.lnk$/i.test(file) ? file : undefined;
    if (path) row.path = path;
    if (target) row.command = args ? `"${target}" ${args}` : target;
    if (file) row.file = file;
    const scope = str(o.scope);
    if (scope) row.scope = scope;
    rows.push(row);
  }
  return rows;
}

/** Existing rule paths and install-folder listings ({path, dir, hidden}). */
export function fileRows(matches: unknown, listing: unknown): FileRow[] {
  const seen = new Map<string, FileRow>();
  const add = (o: Obj, via: string) => {
    const path = str(o.path);
    if (!path) return;
    const k = path.toLowerCase();
    if (seen.has(k)) return;
    const row: FileRow = { path };
    if (typeof o.dir === 'boolean') row.type = o.dir ? 'dir' : 'file';
    if (o.hidden === true) row.hidden = true;
    row.via = via;
    seen.set(k, row);
  };
  for (const o of objects(matches)) add(o, 'rule');
  for (const o of objects(listing)) add(o, 'listing');
  return [...seen.values()];
}

/**
 * Rule registry keys found ({key, src}). A key found under WOW6432Node for a rule that does not name
 * WOW6432Node is reported as the 32-bit program sees it (the rule's form) with the real key in `actual_key`.
 */
export function registryRows(matches: unknown): RegistryRow[] {
  const rows: RegistryRow[] = [];
  const seen = new Set<string>();
  for (const o of objects(matches)) {
    const found = str(o.key);
    if (!found) continue;
    const actual = shortKey(found);
    const src = str(o.src) ?? '';
    const wow = /\\WOW6432Node(\\|$)/i;
    const key = wow.test(actual) && !wow.test(src) ? actual.replace(/\\WOW6432Node(?=\\|$)/i, '') : actual;
    const id = `${key.toLowerCase()}\0${actual.toLowerCase()}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const row: RegistryRow = { key };
    if (key !== actual) row.actual_key = actual;
    rows.push(row);
  }
  return rows;
}

const POLICY_BROWSERS: [RegExp, string][] = [
  [/\\Google\\Chrome(\\|$)/i, 'chrome'],
  [/\\Microsoft\\Edge(\\|$)/i, 'edge'],
  [/\\BraveSoftware\\Brave(\\|$)/i, 'brave'],
  [/\\Chromium(\\|$)/i, 'chromium'],
  [/\\Mozilla\\Firefox(\\|$)/i, 'firefox'],
];

const browserOfKey = (key: string): string | undefined => POLICY_BROWSERS.find(([re]) => re.test(key))?.[1];

/**
 * Extensions an administrator forces into the browser: ExtensionInstallForcelist values ("<id>;<update url>" or
 * a bare id) and ExtensionSettings JSON entries with installation_mode force_installed / normal_installed.
 */
export function policyExtensionRows(keys: readonly RegKeyDump[]): BrowserExtensionRow[] {
  const rows: BrowserExtensionRow[] = [];
  for (const k of keys) {
    const browser = browserOfKey(k.key);
    if (!browser) continue;
    const scope = k.key.startsWith('HKCU') ? 'user' : 'machine';
    if (/\\ExtensionInstallForcelist$/i.test(k.key)) {
      for (const v of Object.values(k.values)) {
        if (typeof v !== 'string' || !v.trim()) continue;
        const [id, ...rest] = v.trim().split(';');
        if (!id) continue;
        const row: BrowserExtensionRow = { browser, id: id.trim(), forced: true, source: 'policy', policy: 'ExtensionInstallForcelist', scope };
        const url = rest.join(';').trim();
        if (url) row.update_url = url;
        rows.push(row);
      }
      continue;
    }
    const settings = regGet(k, 'ExtensionSettings');
    const text = Array.isArray(settings) ? settings.join('\n') : typeof settings === 'string' ? settings : undefined;
    if (!text) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      continue;
    }
    if (!isRecord(parsed)) continue;
    for (const [id, conf] of Object.entries(parsed)) {
      if (id === '*' || !isRecord(conf)) continue;
      const mode = str(conf.installation_mode);
      if (mode !== 'force_installed' && mode !== 'normal_installed') continue;
      const row: BrowserExtensionRow = { browser, id, forced: true, source: 'policy', policy: 'ExtensionSettings', scope, installation_mode: mode };
      const url = str(conf.update_url) ?? str(conf.install_url);
      if (url) row.update_url = url;
      rows.push(row);
    }
  }
  return rows;
}

/** Chromium profile extensions ({browser, profile, id, name, version}); a name left as __MSG_x__ is dropped. */
export function profileExtensionRows(items: unknown): BrowserExtensionRow[] {
  const rows: BrowserExtensionRow[] = [];
  for (const o of objects(items)) {
    const browser = str(o.browser);
    const id = str(o.id);
    if (!browser || !id) continue;
    const row: BrowserExtensionRow = { browser, id };
    const name = str(o.name);
    if (name && !/^__MSG_.*__$/.test(name)) row.name = name;
    const version = str(o.version);
    if (version) row.version = version;
    const profile = str(o.profile);
    if (profile) row.profile = profile;
    row.source = 'profile';
    rows.push(row);
  }
  return rows;
}

/** Firefox extensions.json add-ons of type "extension" ({profile, id, name, version, location, active, install_source}). */
export function firefoxExtensionRows(items: unknown): BrowserExtensionRow[] {
  const rows: BrowserExtensionRow[] = [];
  for (const o of objects(items)) {
    const id = str(o.id);
    if (!id) continue;
    const row: BrowserExtensionRow = { browser: 'firefox', id };
    const name = str(o.name);
    if (name) row.name = name;
    if (str(o.install_source) === 'enterprise-policy') row.forced = true;
    const version = str(o.version);
    if (version) row.version = version;
    const profile = str(o.profile);
    if (profile) row.profile = profile;
    const location = str(o.location);
    if (location) row.location = location;
    if (typeof o.active === 'boolean') row.active = o.active;
    row.source = 'profile';
    rows.push(row);
  }
  return rows;
}

const DNS_A = 1;
const DNS_CNAME = 5;
const DNS_AAAA = 28;
// the record type is a number in ConvertTo-Json output; accept the names the console table shows as well
const DNS_TYPES: Record<string, number> = { A: DNS_A, CNAME: DNS_CNAME, AAAA: DNS_AAAA };
const dnsType = (v: unknown): number | undefined => int(v) ?? (typeof v === 'string' ? own(DNS_TYPES, v.toUpperCase()) : undefined);

/**
 * Get-DnsClientCache objects (Entry, Name, Type, Data). One row per looked-up name and address; a CNAME target
 * becomes its own row (`cname_of`), since vendors often point tenant names at their own hosts.
 */
export function dnsCacheRows(items: unknown): NetworkRow[] {
  const rows: NetworkRow[] = [];
  const seen = new Set<string>();
  const add = (row: NetworkRow) => {
    const k = `${row.host ?? ''}\0${row.address ?? ''}`;
    if (seen.has(k)) return;
    seen.add(k);
    rows.push(row);
  };
  const withAddress = new Set<string>();
  const recs = objects(items);
  for (const o of recs) {
    const entry = str(o.Entry)?.toLowerCase().replace(/\.$/, '');
    const type = dnsType(o.Type);
    const data = str(o.Data);
    if (entry && data && (type === DNS_A || type === DNS_AAAA)) withAddress.add(entry);
  }
  for (const o of recs) {
    const entry = str(o.Entry)?.toLowerCase().replace(/\.$/, '');
    if (!entry) continue;
    const type = dnsType(o.Type);
    const data = str(o.Data);
    if ((type === DNS_A || type === DNS_AAAA) && data) add({ host: entry, address: data, source: 'dns-cache' });
    else if (!withAddress.has(entry)) add({ host: entry, source: 'dns-cache' });
    if (type === DNS_CNAME && data) {
      const target = data.toLowerCase().replace(/\.$/, '');
      if (!seen.has(`${target}\0`)) {
        seen.add(`${target}\0`);
        rows.push({ host: target, source: 'dns-cache', cname_of: entry });
      }
    }
  }
  return rows;
}

/** Get-NetTCPConnection -State Established objects. */
export function tcpRows(items: unknown): NetworkRow[] {
  const rows: NetworkRow[] = [];
  for (const o of objects(items)) {
    const address = str(o.RemoteAddress);
    if (!address) continue;
    const row: NetworkRow = { address, source: 'connection', state: 'established', protocol: 'tcp' };
    const port = int(o.RemotePort);
    if (port !== undefined) row.port = port;
    const pid = int(o.OwningProcess);
    if (pid !== undefined) row.pid = pid;
    const lport = int(o.LocalPort);
    if (lport !== undefined) row.local_port = lport;
    rows.push(row);
  }
  return rows;
}

/**
 * Get-NetTCPConnection -State Listen objects (LocalAddress, LocalPort, OwningProcess), with the program behind each
 * port taken from the process list. One row per address, port and process.
 */
export function listenRows(items: unknown, processes: readonly ProcessRow[] = []): NetworkRow[] {
  const byPid = new Map(processes.map((p) => [p.pid, p]));
  const rows: NetworkRow[] = [];
  const seen = new Set<string>();
  for (const o of objects(items)) {
    const port = int(o.LocalPort);
    if (port === undefined) continue;
    const local = str(o.LocalAddress);
    const pid = int(o.OwningProcess);
    const k = `${local ?? ''}\0${port}\0${pid ?? ''}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const row: NetworkRow = { source: 'connection', state: 'listen', protocol: 'tcp', local_port: port };
    if (local) row.local_address = local;
    if (pid !== undefined) row.pid = pid;
    const proc = pid !== undefined ? byPid.get(pid) : undefined;
    if (proc) row.process = proc.name;
    if (proc?.path) row.path = proc.path;
    rows.push(row);
  }
  return rows;
}

/**
 * The hosts file, line by line: "address name [name...]" with # comments. Each name becomes a row with the address
 * Windows will use for it, so a name pointed elsewhere (or blocked with 0.0.0.0) is visible.
 */
export function hostsRows(lines: unknown): NetworkRow[] {
  const rows: NetworkRow[] = [];
  const seen = new Set<string>();
  for (const raw of asArray(lines)) {
    if (typeof raw !== 'string') continue;
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const [address, ...names] = line.split(/\s+/);
    if (!address || !/^[0-9a-f.:%]+$/i.test(address) || !/[.:]/.test(address)) continue;
    for (const n of names) {
      const host = n.toLowerCase().replace(/\.$/, '');
      const k = `${host}\0${address}`;
      if (!host || seen.has(k)) continue;
      seen.add(k);
      rows.push({ host, address, source: 'hosts' });
    }
  }
  return rows;
}

/**
 * Proxy settings as registry rows (key, value name, value as text): WinINET per-user and per-machine Internet
 * Settings, their policy keys, and WinHTTP's WinHttpSettings (binary, written as lower-case hex).
 */
export function proxyRows(keys: readonly RegKeyDump[]): RegistryRow[] {
  const rows: RegistryRow[] = [];
  for (const k of keys) {
    for (const [name, v] of Object.entries(k.values)) {
      const value = Array.isArray(v) ? v.join('\n') : v === null ? undefined : String(v);
      if (value === undefined) continue;
      rows.push({ key: k.key, name, value });
    }
  }
  return rows;
}

/** An Authenticode certificate subject ("CN=Tanium Inc., O=Tanium Inc., L=Emeryville, ...") -> its CN, else its O. */
export function signerName(subject: string | undefined): string | undefined {
  if (!subject) return undefined;
  const parts = new Map<string, string>();
  // RDNs are separated by commas; a value containing a comma is quoted, with quotes inside doubled
  const re = /\s*([A-Za-z0-9.]+)=("(?:[^"]|"")*"|[^,]*)\s*(?:,|$)/g;
  for (let m = re.exec(subject); m && m[0] !== ''; m = re.exec(subject)) {
    const key = m[1].toUpperCase();
    let val = m[2].trim();
    if (val.length >= 2 && val.startsWith('"') && val.endsWith('"')) val = val.slice(1, -1).replace(/""/g, '"');
    if (val && !parts.has(key)) parts.set(key, val);
  }
  return parts.get('CN') ?? parts.get('O');
}

/** Get-AuthenticodeSignature results ({path, status, subject}) as path (lower case) -> signer; tampered files get none. */
export function signerMap(items: unknown): Map<string, string> {
  const m = new Map<string, string>();
  for (const o of objects(items)) {
    const path = str(o.path);
    const status = str(o.status);
    const signer = signerName(str(o.subject));
    if (!path || !signer || status === 'HashMismatch' || status === 'NotSigned') continue;
    m.set(path.toLowerCase(), signer);
  }
  return m;
}

const CAPABILITIES: Record<string, string> = { webcam: 'camera', microphone: 'microphone' };

/**
 * CapabilityAccessManager ConsentStore keys for webcam and microphone. Packaged apps are direct subkeys
 * (package family name); desktop programs sit under NonPackaged with "\" written as "#". A program without its own
 * Value inherits NonPackaged's, then the capability's. LastUsedTimeStop 0 with a start time means "in use now".
 */
export function consentRows(keys: readonly RegKeyDump[]): PermissionRow[] {
  const byKey = new Map(keys.map((k) => [k.key.toLowerCase(), k]));
  const rows: PermissionRow[] = [];
  for (const k of keys) {
    const m = /^(HKCU|HKLM|HKU\\[^\\]+)\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\CapabilityAccessManager\\ConsentStore\\([^\\]+)\\(.+)$/i.exec(k.key);
    if (!m) continue;
    const service = own(CAPABILITIES, m[2].toLowerCase());
    if (!service) continue;
    const capKey = k.key.slice(0, k.key.length - m[3].length - 1);
    const parts = m[3].split('\\');
    let client: string;
    let packaged: boolean;
    if (parts[0].toLowerCase() === 'nonpackaged') {
      if (parts.length !== 2) continue;
      client = parts[1].replace(/#/g, '\\');
      packaged = false;
    } else {
      if (parts.length !== 1) continue;
      client = parts[0];
      packaged = true;
    }
    const inherited = [k, packaged ? undefined : byKey.get(`${capKey}\\nonpackaged`.toLowerCase()), byKey.get(capKey.toLowerCase())];
    const value = inherited.map((d) => (d ? regString(d, 'Value') : undefined)).find((v) => v !== undefined);
    const start = filetimeToIso(regGet(k, 'LastUsedTimeStart'));
    const stopRaw = regGet(k, 'LastUsedTimeStop');
    const stop = filetimeToIso(stopRaw);
    const row: PermissionRow = { service, client, granted: value?.toLowerCase() === 'allow', source: 'consent-store' };
    if (value) row.value = value;
    if (start) row.last_used_start = start;
    if (stop) row.last_used_stop = stop;
    if (start && (stopRaw === 0 || stopRaw === '0')) row.in_use = true;
    row.packaged = packaged;
    row.scope = m[1].toUpperCase() === 'HKLM' ? 'machine' : 'user';
    rows.push(row);
  }
  return rows;
}
