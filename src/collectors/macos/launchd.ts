import type { AutostartRow, CoverageRow, ServiceRow } from '../../snapshot/schema.js';
import type { Collector } from '../types.js';
import { isDict, parsePlist, str, type PlistValue } from './plist.js';
import { byString, coverage, defaultFs, errorMessage, execFailure, isDenied, isMissing, joinPath, listHomes, type MacFs } from './util.js';

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

/** Parses one launchd job plist (LaunchDaemons / LaunchAgents). Returns undefined when it has no Label. */
export function parseLaunchdPlist(raw: string | Uint8Array, plistPath: string, kind: LaunchdKind): LaunchdJob | undefined {
  const p = parsePlist(raw);
  if (!isDict(p)) return undefined;
  const label = str(p.Label);
  if (!label) return undefined;
  const args = Array.isArray(p.ProgramArguments) ? p.ProgramArguments.filter((a): a is string => typeof a === 'string') : [];
  const program = str(p.Program) ?? args[0];
  const runAtLoad = p.RunAtLoad === true;
  const keepAlive = truthy(p.KeepAlive);
  const disabled = p.Disabled === true;

  const service: ServiceRow = { name: label, kind, start: runAtLoad || keepAlive ? 'auto' : 'on-demand', plist: plistPath };
  if (program) service.path = program;
  if (disabled) service.disabled = true;

  const autostart: AutostartRow = { kind, name: label, plist: plistPath };
  if (program) autostart.path = program;
  const argv = args.length ? args : program ? [program] : [];
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

/** Parses `launchctl list` (PID, Status, Label; "-" for no PID). */
export function parseLaunchctlList(raw: string): LaunchctlEntry[] {
  const out: LaunchctlEntry[] = [];
  for (const line of raw.split(/\r?\n/)) {
    if (!line.trim()) continue;
    let parts = line.split('\t');
    if (parts.length < 3) {
      const m = /^\s*(\S+)\s+(\S+)\s+(.+?)\s*$/.exec(line);
      if (!m) continue;
      parts = [m[1], m[2], m[3]];
    }
    const [pidS, statusS, ...rest] = parts;
    const label = rest.join('\t').trim();
    if (!/^(-|\d+)$/.test(pidS.trim()) || !/^(-|-?\d+)$/.test(statusS.trim()) || !label) continue; // header
    const e: LaunchctlEntry = { label };
    if (pidS.trim() !== '-') e.pid = Number(pidS);
    if (statusS.trim() !== '-') e.status = Number(statusS);
    out.push(e);
  }
  return out;
}

/** Adds launchctl's loaded jobs to the plist-derived services; jobs without a plist we read become kind 'launchd-job'. */
export function mergeLoadedJobs(services: ServiceRow[], loaded: LaunchctlEntry[]): ServiceRow[] {
  const out = services.map((s) => ({ ...s }));
  const byLabel = new Map<string, ServiceRow[]>();
  for (const s of out) byLabel.set(s.name, [...(byLabel.get(s.name) ?? []), s]);
  for (const e of loaded) {
    let rows = byLabel.get(e.label);
    if (!rows) {
      const row: ServiceRow = { name: e.label, kind: 'launchd-job' };
      out.push(row);
      rows = [row];
      byLabel.set(e.label, rows);
    }
    for (const r of rows) {
      r.state = e.pid !== undefined ? 'running' : 'loaded';
      if (e.pid !== undefined) r.pid = e.pid;
      if (e.status !== undefined) r.last_exit_status = e.status;
    }
  }
  return out;
}

interface Dir {
  dir: string;
  kind: LaunchdKind;
  user?: string;
}

export function createLaunchdCollector(deps: { fs?: MacFs } = {}): Collector {
  const fs = deps.fs ?? defaultFs;
  return {
    id: SOURCE,
    tables: ['services', 'autostart'],
    async collect(ctx) {
      const { homes } = await listHomes(fs, ctx);
      const dirs: Dir[] = [
        { dir: '/Library/LaunchDaemons', kind: 'launchd-daemon' },
        { dir: '/Library/LaunchAgents', kind: 'launchd-agent' },
        ...homes.map((h) => ({ dir: `${h.home}/Library/LaunchAgents`, kind: 'launchd-agent' as const, user: h.user })),
      ];
      const services: ServiceRow[] = [];
      const autostart: AutostartRow[] = [];
      const problems: string[] = [];
      await Promise.all(
        dirs.map(async (d) => {
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
              services.push(job.service);
              autostart.push(job.autostart);
            } catch (e) {
              problems.push(`${p} (${isDenied(e) ? 'not readable' : errorMessage(e)})`);
            }
          }
        }),
      );
      services.sort((a, b) => byString(String(a.plist), String(b.plist)));
      autostart.sort((a, b) => byString(String(a.plist), String(b.plist)));

      const r = await ctx.exec(LAUNCHCTL, ['list'], { timeoutMs: TIMEOUT_MS });
      const fail = execFailure(SOURCE, 'services', 'launchctl', r);
      const loaded = fail ? [] : parseLaunchctlList(r.stdout);

      const fileNote = problems.length
        ? `Some launchd files could not be read: ${problems.slice(0, 5).join(', ')}${problems.length > 5 ? ` and ${problems.length - 5} more` : ''}.`
        : '';
      const cov: CoverageRow[] = [];
      if (fail) {
        cov.push(coverage(SOURCE, 'services', 'partial', `Loaded jobs could not be listed (${fail.reason}) ${fileNote}`.trim()));
      } else if (fileNote) {
        cov.push(coverage(SOURCE, 'services', 'partial', fileNote));
      } else {
        cov.push(coverage(SOURCE, 'services', 'ok'));
      }
      cov.push(fileNote ? coverage(SOURCE, 'autostart', 'partial', fileNote) : coverage(SOURCE, 'autostart', 'ok'));
      return { tables: { services: mergeLoadedJobs(services, loaded), autostart }, coverage: cov };
    },
  };
}

export const launchdCollector = createLaunchdCollector();
