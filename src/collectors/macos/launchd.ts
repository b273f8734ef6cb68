import type { AutostartRow, CoverageRow, ServiceRow } from '../../snapshot/schema.js';
import type { Collector } from '../types.js';
import { isDict, parsePlist, str, type PlistValue } from './plist.js';
import { AnswerBuilder, type Answer } from '../shared/answer.js';
import { answerFailure, byString, inner, coverage, defaultFs, errorMessage, execFailure, isDenied, isMissing, joinPath, listHomes, type MacFs } from './util.js';
import { joinReasons, maybeReasons, reason, reasonsOf, why, type Reason } from '../shared/reason.js';

const SOURCE = 'macos/launchd';
const LAUNCHCTL = '/bin/launchctl';
const TIMEOUT_MS = 15_000;

export type LaunchdKind = 'launchd-daemon' | 'launchd-agent';

export interface LaunchdJob {
  service: ServiceRow;
  autostart: AutostartRow;
}

const truthy = (v: PlistValue | undefined) => v === true || (isDict(v) && Object.keys(v).length > 0);

function quoteArg(a: string): string {
  return /[\s"']/.test(a) || a === '' ? `"${a.replace(/(["\\])/g, '\\$1')}"` : a;
}

/** The app bundle an embedded (SMAppService) job plist belongs to: /Applications/X.app for X.app/Contents/Library/LaunchAgents/y.plist. */
export function bundleRootOf(plistPath: string): string | undefined {
  return /^(.*\.app)\/Contents\/Library\/Launch(?:Daemons|Agents)\/[^/]+$/.exec(plistPath)?.[1];
}

/**
 * Parses one launchd job plist (LaunchDaemons / LaunchAgents, also those inside app bundles). Returns undefined when
 * it has no Label. `BundleProgram` (SMAppService) is relative to the app bundle the plist is in.
 */
export function parseLaunchdPlist(raw: string | Uint8Array, plistPath: string, kind: LaunchdKind): LaunchdJob | undefined {
  const p = parsePlist(raw);
  if (!isDict(p)) return undefined;
  const label = str(p.Label);
  if (!label) return undefined;
  const args = Array.isArray(p.ProgramArguments) ? p.ProgramArguments.filter((a): a is string => typeof a === 'string') : [];
  const bundleProgram = str(p.BundleProgram);
  const root = bundleRootOf(plistPath);
  const fromBundle = bundleProgram ? (bundleProgram.startsWith('/') ? bundleProgram : root ? `${root}/${bundleProgram.replace(/^\.?\//, '')}` : undefined) : undefined;
  const program = str(p.Program) ?? fromBundle ?? args[0];
  const runAtLoad = p.RunAtLoad === true;
  const keepAlive = truthy(p.KeepAlive);
  const disabled = p.Disabled === true;

  const service: ServiceRow = { name: label, kind, start: runAtLoad || keepAlive ? 'auto' : 'on-demand', plist: plistPath };
  if (program) service.path = program;
  if (disabled) service.disabled = true;

  const autostart: AutostartRow = { kind, name: label, plist: plistPath };
  if (program) autostart.path = program;
  // with Program/BundleProgram, ProgramArguments[0] is only the name the program sees
  const argv = program && program !== args[0] ? [program, ...args.slice(1)] : args.length ? args : [];
  if (argv.length) autostart.command = argv.map(quoteArg).join(' ');
  if (runAtLoad) autostart.run_at_load = true;
  if (keepAlive) autostart.keep_alive = true;
  if (disabled) autostart.disabled = true;
  return { service, autostart };
}

export interface LaunchctlEntry {
  label: string;
  pid?: number;
  status?: number;
}

/** Reads `launchctl list`: a "PID Status Label" header, then one job a line ("-" for no PID or no exit status). */
export function readLaunchctlList(raw: string): Answer<LaunchctlEntry> {
  const a = new AnswerBuilder<LaunchctlEntry>();
  let header = false;
  for (const line of raw.split(/\r?\n/)) {
    if (!line.trim()) continue;
    if (/^\s*PID\s+Status\s+Label\s*$/.test(line)) {
      header = true;
      continue;
    }
    let parts = line.split('\t');
    if (parts.length < 3) {
      const m = /^\s*(\S+)\s+(\S+)\s+(.+?)\s*$/.exec(line);
      parts = m ? [m[1], m[2], m[3]] : [];
    }
    const [pidS = '', statusS = '', ...rest] = parts;
    const label = rest.join('\t').trim();
    if (!/^(-|\d+)$/.test(pidS.trim()) || !/^(-|-?\d+)$/.test(statusS.trim()) || !label || /[\x00-\x1f\x7f]/.test(label)) {
      a.reject(line);
      continue;
    }
    const e: LaunchctlEntry = { label };
    if (pidS.trim() !== '-') e.pid = Number(pidS);
    if (statusS.trim() !== '-') e.status = Number(statusS);
    a.row(e);
  }
  // launchctl prints its header even when the domain has no jobs
  return a.done(header || a.rows.length || a.bad ? undefined : 'no "PID Status Label" header and no jobs');
}

/** Parses `launchctl list` (PID, Status, Label; "-" for no PID). */
export function parseLaunchctlList(raw: string): LaunchctlEntry[] {
  return readLaunchctlList(raw).rows;
}

/**
 * Which jobs `launchctl list` can speak for: run as a user it lists that user's session only (so daemons and other
 * users' agents are "unknown", not stopped); run as root it lists the system domain (so agents are unknown).
 */
export interface ListScope {
  /** false when launchctl could not be run: every job's state is unknown. */
  listed: boolean;
  elevated: boolean;
  /** The scanning user's account name (agents in their home or /Library/LaunchAgents load in their session). */
  user?: string;
}

function listSpeaksFor(s: ServiceRow, scope: ListScope): boolean {
  if (!scope.listed) return false;
  if (s.kind === 'launchd-daemon') return scope.elevated;
  if (s.kind === 'launchd-agent') return !scope.elevated && (s.user === undefined || s.user === scope.user);
  return true;
}

/**
 * Adds launchctl's loaded jobs to the plist-derived services; jobs without a plist we read become kind 'launchd-job'.
 * A job that is not listed is 'not-loaded' only where the listing covers its domain, otherwise 'unknown'.
 */
export function mergeLoadedJobs(services: ServiceRow[], loaded: LaunchctlEntry[], scope: ListScope = { listed: true, elevated: false }): ServiceRow[] {
  const out = services.map((s) => ({ ...s }));
  const byLabel = new Map<string, ServiceRow[]>();
  for (const s of out) byLabel.set(s.name, [...(byLabel.get(s.name) ?? []), s]);
  const seen = new Set<ServiceRow>();
  for (const e of loaded) {
    let rows = byLabel.get(e.label);
    if (!rows) {
      const row: ServiceRow = { name: e.label, kind: 'launchd-job' };
      out.push(row);
      rows = [row];
      byLabel.set(e.label, rows);
    }
    for (const r of rows) {
      seen.add(r);
      r.state = e.pid !== undefined ? 'running' : 'loaded';
      if (e.pid !== undefined) r.pid = e.pid;
      if (e.status !== undefined) r.last_exit_status = e.status;
    }
  }
  for (const r of out) if (!seen.has(r)) r.state = listSpeaksFor(r, scope) ? 'not-loaded' : 'unknown';
  return out;
}

/**
 * Reads `launchctl print-disabled <domain>`: blocks `name = {` … `}` ("disabled services", "login item associations");
 * in the disabled block, `"label" => true|false` (macOS 13+: disabled|enabled).
 */
export function readPrintDisabled(raw: string): Answer<[string, boolean]> {
  const a = new AnswerBuilder<[string, boolean]>();
  let block: string | undefined;
  let sawDisabled = false;
  for (const line of raw.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const open = /^([a-z][a-z ]*) = \{\s*$/.exec(line);
    if (open && block === undefined) {
      block = open[1];
      if (block === 'disabled services') sawDisabled = true;
      continue;
    }
    if (/^\s*\}\s*$/.test(line) && block !== undefined) {
      block = undefined;
      continue;
    }
    if (block === 'disabled services') {
      const m = /^\s*"([^"]+)" => (true|false|disabled|enabled)\s*$/.exec(line);
      if (m) a.row([m[1], m[2] === 'true' || m[2] === 'disabled']);
      else a.reject(line);
    } else if (block === undefined || !/^\s+"[^"]*" => /.test(line)) a.reject(line);
  }
  return a.done(sawDisabled ? undefined : 'no "disabled services = {" block');
}

/** Parses `launchctl print-disabled <domain>`: label => true/disabled (macOS 13+ prints disabled/enabled). */
export function parsePrintDisabled(raw: string): Map<string, boolean> {
  return new Map(readPrintDisabled(raw).rows);
}

// Apple's remote-access services: the override database says whether the user turned them on in Sharing
export const SHARING_SERVICES = ['com.apple.screensharing', 'com.apple.RemoteDesktop.agent', 'com.openssh.sshd', 'com.apple.RemoteAppleEvents'] as const;

/** Applies the system domain's enable/disable overrides (they win over a plist's Disabled key). */
export function applyOverrides(services: ServiceRow[], overrides: Map<string, boolean>): ServiceRow[] {
  const out = services.map((s) => ({ ...s }));
  for (const s of out) {
    if (s.kind !== 'launchd-daemon') continue;
    const d = overrides.get(s.name);
    if (d !== undefined) s.disabled = d;
  }
  for (const label of SHARING_SERVICES) {
    const d = overrides.get(label);
    if (d === undefined || out.some((s) => s.name === label)) continue;
    const row: ServiceRow = { name: label, kind: 'launchd-daemon', disabled: d };
    if (label === 'com.apple.screensharing') row.plist = '/System/Library/LaunchDaemons/com.apple.screensharing.plist';
    out.push(row);
  }
  return out;
}

interface Dir {
  dir: string;
  kind: LaunchdKind;
  user?: string;
}

/** App bundles in /Applications (and one folder level below, e.g. Utilities) and in each home's Applications. */
async function listAppBundles(fs: MacFs, roots: string[]): Promise<string[]> {
  const apps: string[] = [];
  const walk = async (dir: string, depth: number) => {
    let entries;
    try {
      entries = await fs.readdir(dir);
    } catch {
      return; // the apps collector reports folders it cannot list
    }
    await Promise.all(
      entries.map(async (e) => {
        if (e.name.startsWith('.')) return;
        const p = joinPath(dir, e.name);
        if (/\.app$/i.test(e.name) && (e.isDirectory || e.isSymlink)) apps.push(p);
        else if (depth > 0 && e.isDirectory) await walk(p, depth - 1);
      }),
    );
  };
  await Promise.all(roots.map((r) => walk(r, 1)));
  return apps.sort(byString);
}

/** Helper apps an app can register as login items (SMAppService.loginItem / SMLoginItemSetEnabled). */
async function readLoginItems(fs: MacFs, app: string, user: string | undefined, out: AutostartRow[], problems: string[]): Promise<void> {
  const dir = `${app}/Contents/Library/LoginItems`;
  let entries;
  try {
    entries = await fs.readdir(dir);
  } catch (e) {
    if (!isMissing(e)) problems.push(`${dir} (${isDenied(e) ? 'not allowed to list' : errorMessage(e)})`);
    return;
  }
  for (const e of entries.filter((x) => /\.app$/i.test(x.name)).sort((a, b) => byString(a.name, b.name))) {
    const helper = joinPath(dir, e.name);
    const row: AutostartRow = { kind: 'login-item', name: e.name.replace(/\.app$/i, ''), path: helper, embedded_in: app };
    try {
      const info = parsePlist(await fs.readFile(`${helper}/Contents/Info.plist`));
      if (isDict(info)) {
        const id = str(info.CFBundleIdentifier);
        const exe = str(info.CFBundleExecutable);
        if (id) row.name = id;
        if (exe) row.path = `${helper}/Contents/MacOS/${exe}`;
      }
    } catch (err) {
      if (!isMissing(err)) problems.push(`${helper}/Contents/Info.plist (${isDenied(err) ? 'not readable' : errorMessage(err)})`);
    }
    if (user) row.user = user;
    out.push(row);
  }
}

export function createLaunchdCollector(deps: { fs?: MacFs } = {}): Collector {
  const fs = deps.fs ?? defaultFs;
  return {
    id: SOURCE,
    tables: ['services', 'autostart'],
    async collect(ctx) {
      const { homes } = await listHomes(fs, ctx);
      const own = homes.find((h) => h.home === ctx.home.replace(/\/+$/, ''))?.user;
      const dirs: Dir[] = [
        { dir: '/Library/LaunchDaemons', kind: 'launchd-daemon' },
        { dir: '/Library/LaunchAgents', kind: 'launchd-agent' },
        ...homes.map((h) => ({ dir: `${h.home}/Library/LaunchAgents`, kind: 'launchd-agent' as const, user: h.user })),
      ];
      // Jobs apps carry inside their bundle and register with SMAppService (macOS 13+)
      const appRoots: { dir: string; user?: string }[] = [{ dir: '/Applications' }, ...homes.map((h) => ({ dir: `${h.home}/Applications`, user: h.user }))];
      const loginItems: AutostartRow[] = [];
      const problems: string[] = [];
      const embeddedApps = await Promise.all(appRoots.map(async (r) => ({ user: r.user, apps: await listAppBundles(fs, [r.dir]) })));
      for (const { user, apps } of embeddedApps) {
        for (const app of apps) {
          dirs.push({ dir: `${app}/Contents/Library/LaunchDaemons`, kind: 'launchd-daemon' });
          dirs.push({ dir: `${app}/Contents/Library/LaunchAgents`, kind: 'launchd-agent', ...(user ? { user } : {}) });
        }
      }
      const services: ServiceRow[] = [];
      const autostart: AutostartRow[] = [];
      await Promise.all([
        ...dirs.map(async (d) => {
          let names: string[];
          try {
            names = (await fs.readdir(d.dir)).filter((e) => e.name.endsWith('.plist') && !e.isDirectory).map((e) => e.name);
          } catch (e) {
            if (!isMissing(e)) problems.push(`${d.dir} (${isDenied(e) ? 'not allowed to list' : errorMessage(e)})`);
            return;
          }
          for (const name of names.sort()) {
            const p = joinPath(d.dir, name);
            try {
              const job = parseLaunchdPlist(await fs.readFile(p), p, d.kind);
              if (!job) {
                problems.push(`${p} (no Label)`);
                continue;
              }
              if (d.user) {
                job.service.user = d.user;
                job.autostart.user = d.user;
              }
              const root = bundleRootOf(p);
              if (root) {
                job.service.embedded_in = root;
                job.autostart.embedded_in = root;
              }
              services.push(job.service);
              autostart.push(job.autostart);
            } catch (e) {
              problems.push(`${p} (${isDenied(e) ? 'not readable' : errorMessage(e)})`);
            }
          }
        }),
        ...embeddedApps.flatMap(({ user, apps }) => apps.map((app) => readLoginItems(fs, app, user, loginItems, problems))),
      ]);
      services.sort((a, b) => byString(String(a.plist), String(b.plist)));
      autostart.sort((a, b) => byString(String(a.plist), String(b.plist)));
      loginItems.sort((a, b) => byString(String(a.path), String(b.path)));
      autostart.push(...loginItems);

      const r = await ctx.exec(LAUNCHCTL, ['list'], { timeoutMs: TIMEOUT_MS });
      const listAnswer = readLaunchctlList(r.stdout);
      const listBad = answerFailure(SOURCE, 'services', 'launchctl list', listAnswer);
      // garbage is a failed listing: no job may be called "not loaded" on its word
      const fail = execFailure(SOURCE, 'services', 'launchctl', r) ?? (listBad?.status === 'error' ? listBad : undefined);
      const loaded = fail ? [] : listAnswer.rows;
      const pd = await ctx.exec(LAUNCHCTL, ['print-disabled', 'system'], { timeoutMs: TIMEOUT_MS });
      const pdAnswer = readPrintDisabled(pd.stdout);
      const pdBad = answerFailure(SOURCE, 'services', 'launchctl print-disabled', pdAnswer);
      const pdFail = execFailure(SOURCE, 'services', 'launchctl print-disabled', pd) ?? (pdBad?.status === 'error' ? pdBad : undefined);
      const withOverrides = pdFail ? services : applyOverrides(services, new Map(pdAnswer.rows));
      const merged = mergeLoadedJobs(withOverrides, loaded, { listed: !fail, elevated: ctx.elevated, ...(own ? { user: own } : {}) });

      problems.sort(byString);
      const fileNote: Reason[] = problems.length ? [why('launchd-files-unread', { files: `${problems.slice(0, 5).join(', ')}${problems.length > 5 ? ', …' : ''}`, count: problems.length })] : [];
      const unknown = merged.filter((s) => s.state === 'unknown').length;
      const scopeNote: Reason[] = fail || unknown === 0 ? [] : [why(ctx.elevated ? 'launchd-root-sessions' : 'launchd-needs-root', { count: unknown })];
      const cov: CoverageRow[] = [];
      const pdNote: Reason[] = pdFail ? [why('launchd-switches-unread'), ...reasonsOf(pdFail)] : pdBad ? [why('launchd-switches-some-unread'), ...reasonsOf(pdBad)] : [];
      if (fail) {
        cov.push(coverage(SOURCE, 'services', 'partial', joinReasons([why('launchd-jobs-unlisted'), ...reasonsOf(fail), ...pdNote, ...fileNote])));
      } else if (fileNote.length || scopeNote.length || pdFail || listBad || pdBad) {
        const listNote: Reason[] = listBad ? [why('launchd-jobs-some-unread'), ...reasonsOf(listBad)] : [];
        cov.push(coverage(SOURCE, 'services', 'partial', joinReasons([...scopeNote, ...listNote, ...pdNote, ...fileNote] as [Reason, ...Reason[]])));
      } else {
        cov.push(coverage(SOURCE, 'services', 'ok'));
      }
      cov.push(fileNote.length ? coverage(SOURCE, 'autostart', 'partial', joinReasons(fileNote as [Reason, ...Reason[]])) : coverage(SOURCE, 'autostart', 'ok'));
      return { tables: { services: merged, autostart }, coverage: cov };
    },
  };
}

export const launchdCollector = createLaunchdCollector();
