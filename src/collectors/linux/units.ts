import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { ReadTally, homeReadScope } from '../shared/read.js';
import type { CoverageRow, ServiceRow } from '../../snapshot/schema.js';
import type { Collector, CollectorResult, ExecResult } from '../types.js';
import { AnswerBuilder, judgeAnswer, sampleOf, unrecognised, type Answer } from '../shared/answer.js';
import { homeDirs } from './homes.js';
import { joinReasons, reason, why, type Reasons } from '../shared/reason.js';

// Unit files are read directly: systemctl needs a running systemd (absent in containers and WSL) and is slower.

export const SYSTEM_UNIT_DIRS = ['/etc/systemd/system', '/run/systemd/system', '/usr/local/lib/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system'];
export const USER_UNIT_DIRS = ['/etc/systemd/user', '/usr/local/lib/systemd/user', '/usr/lib/systemd/user', '/lib/systemd/user'];

export interface UnitFile {
  description?: string;
  exec?: string;
  execArgs?: string;
  /** Units without an [Install] section cannot be enabled: systemd calls them static. */
  installable: boolean;
}

/** Reads Description= and the first ExecStart= of a unit file (continuation lines joined). */
export function parseUnitFile(text: string): UnitFile {
  const out: UnitFile = { installable: false };
  let section = '';
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.startsWith('[')) {
      section = line;
      if (section === '[Install]') out.installable = true;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (section === '[Unit]' && key === 'Description') out.description = value;
    if (section === '[Service]' && key === 'ExecStart' && value && out.exec === undefined) {
      // strip systemd's special prefixes (@-:+!) before the executable
      const cmd = value.replace(/^[@\-:+!]+/, '');
      const [exe, ...rest] = splitCommand(cmd);
      out.exec = exe;
      if (rest.length) out.execArgs = rest.join(' ');
    }
  }
  return out;
}

function splitCommand(cmd: string): string[] {
  const parts: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(cmd); m; m = re.exec(cmd)) parts.push(m[1] ?? m[2] ?? m[3]);
  return parts;
}

/** `systemctl list-units --output=json` rows, when systemd runs. */
export function parseSystemctlJson(json: string): Map<string, { active: string; sub: string }> {
  const states = new Map<string, { active: string; sub: string }>();
  const rows = JSON.parse(json) as { unit: string; active: string; sub: string }[];
  for (const r of rows) states.set(r.unit, { active: r.active, sub: r.sub });
  return states;
}

/** Reads `systemctl list-units --output=json`: an array of objects with string unit, active and sub fields. */
export function readSystemctlJson(json: string): Answer<{ unit: string; active: string; sub: string }> {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return unrecognised('not JSON', json);
  }
  if (!Array.isArray(v)) return unrecognised('not a JSON array', json);
  const a = new AnswerBuilder<{ unit: string; active: string; sub: string }>();
  for (const r of v) {
    const o = typeof r === 'object' && r !== null ? (r as Record<string, unknown>) : {};
    if (typeof o.unit === 'string' && o.unit && typeof o.active === 'string' && typeof o.sub === 'string') a.row({ unit: o.unit, active: o.active, sub: o.sub });
    else a.reject(JSON.stringify(r) ?? String(r));
  }
  // a running systemd always has units (at least the scopes and slices it runs in)
  return a.done(a.rows.length || a.bad ? undefined : 'an empty list of units');
}

/** Which units systemctl says are running, or why that is not known (exit code, garbage); never `ok` on garbage. */
export function systemctlStates(r: ExecResult): { states: Map<string, { active: string; sub: string }>; problem?: string; why?: Reasons; partial?: boolean } {
  if (r.error) return { states: new Map(), problem: r.error, why: [why('systemctl-not-run', { detail: r.error })] };
  if (r.code !== 0) {
    const said = r.stderr.trim() ? sampleOf(r.stderr.trim().split('\n')[0]) : '';
    return { states: new Map(), problem: `exit code ${r.code}${said ? `: ${said}` : ''}`, why: [said ? why('systemctl-failed-said', { code: r.code ?? 'none', detail: said }) : why('systemctl-failed', { code: r.code ?? 'none' })] };
  }
  const a = readSystemctlJson(r.stdout);
  const v = judgeAnswer('systemctl', a);
  const states = new Map(v?.status === 'error' ? [] : a.rows.map((x) => [x.unit, { active: x.active, sub: x.sub }] as const));
  return v ? { states, problem: v.note, why: [why(v.status === 'partial' ? 'systemctl-partly-read' : 'systemctl-unread'), v.why], partial: v.status === 'partial' } : { states };
}

function listDir(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function linkTarget(p: string): string | undefined {
  try {
    return readlinkSync(p);
  } catch {
    return undefined;
  }
}

function enabledUnits(dirs: string[]): Set<string> {
  const enabled = new Set<string>();
  for (const dir of dirs) {
    for (const e of listDir(dir)) {
      if (e.isDirectory() && /\.(wants|requires)$/.test(e.name)) for (const u of listDir(`${dir}/${e.name}`)) enabled.add(u.name);
    }
  }
  return enabled;
}

export function readUnits(dirs: string[], kind: string, tally = new ReadTally(), within?: readonly string[]): ServiceRow[] {
  const seen = new Set<string>();
  const enabled = enabledUnits(dirs);
  const rows: ServiceRow[] = [];
  for (const dir of dirs) {
    // an unreadable unit folder hides every unit in it: counted, never a silent `ok`
    for (const e of tally.list(dir)) {
      if (!/\.(service|socket|timer|path)$/.test(e.name) || seen.has(e.name) || e.isDirectory()) continue;
      seen.add(e.name); // earlier directories override later ones, as in systemd
      // a masked unit is a link to /dev/null: nothing to read, and not a failure
      const text = e.isSymbolicLink() && linkTarget(`${dir}/${e.name}`) === '/dev/null' ? '' : tally.read(`${dir}/${e.name}`, { within });
      if (text === undefined) continue;
      const unit = parseUnitFile(text);
      const row: ServiceRow = { name: e.name, kind };
      if (unit.description) row.display_name = unit.description;
      if (unit.exec) row.path = unit.exec;
      row.start = text.length === 0 ? 'masked' : enabled.has(e.name) ? 'enabled' : unit.installable ? 'disabled' : 'static';
      rows.push(row);
    }
  }
  return rows;
}

export function readInitScripts(dir = '/etc/init.d'): ServiceRow[] {
  return listDir(dir)
    .filter((e) => !e.isDirectory() && !e.name.startsWith('.') && e.name !== 'README' && e.name !== 'skeleton')
    .map((e) => ({ name: e.name, path: `${dir}/${e.name}`, kind: 'sysv' }));
}

export const unitsCollector: Collector = {
  id: 'linux/services',
  tables: ['services'],
  async collect(ctx): Promise<CollectorResult> {
    const tally = new ReadTally();
    const services = [...readUnits(SYSTEM_UNIT_DIRS, 'systemd-system', tally), ...readUnits(USER_UNIT_DIRS, 'systemd-user', tally)];
    for (const h of homeDirs(ctx.home, ctx.elevated)) services.push(...readUnits([`${h}/.config/systemd/user`], 'systemd-user', tally, homeReadScope(h, ctx.elevated)));
    services.push(...readInitScripts());
    const coverage: CoverageRow[] = [];
    if (tally.total) coverage.push({ source: this.id, table: 'services', status: tally.denied ? 'denied' : 'partial', ...tally.describeReason('unit') });
    if (existsSync('/run/systemd/system')) {
      const r = await ctx.exec('systemctl', ['list-units', '--all', '--output=json', '--no-pager'], { timeoutMs: 10_000 });
      const { states, why: problem } = systemctlStates(r);
      for (const s of services) {
        const st = states.get(s.name);
        if (st) s.state = st.sub;
      }
      if (!problem) coverage.push({ source: this.id, table: 'services', status: 'ok' });
      else coverage.push({ source: this.id, table: 'services', status: 'partial', ...joinReasons(problem) });
    } else {
      coverage.push({ source: this.id, table: 'services', status: 'ok', ...reason('no-systemd') });
    }
    // one unreadable unit file makes the whole check partial, never `ok`
    return { tables: { services }, coverage: tally.total ? coverage.filter((c) => c.status !== 'ok') : coverage };
  },
};
