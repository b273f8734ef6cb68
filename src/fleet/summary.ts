import { opendirSync, statSync } from 'node:fs';
import path from 'node:path';
import { readRegular, readFailureText } from '../collectors/shared/read.js';
import { attachBehaviours, detectBehaviours } from '../detect/index.js';
import { behaviourText } from '../detect/messages.js';
import type { BehaviourId } from '../detect/messages.js';
import { InputError, UsageError } from '../errors.js';
import { buildIndex, type MatchIndex } from '../match/index.js';
import { match } from '../match/match.js';
import type { RuntimeRule } from '../match/types.js';
import type { Lang } from '../i18n/index.js';
import { PLATFORMS, type Platform } from '../snapshot/constants.js';
import { checkSnapshot, MAX_SNAPSHOT_BYTES } from '../snapshot/load.js';
import { validateJson, type JsonSchema } from '../snapshot/validate.js';
import { PACKAGE_ROOT } from '../paths.js';
import { suppress, type Shown, type TRow } from './suppress.js';
import type { Report } from '../report/types.js';

/** A count shown as it is, or held back: under the minimum group size, or because it would give one away. */
export type Cell = number | { fewer_than: number } | { withheld: true };
export type ByPlatform = Record<Platform, Cell>;

export interface FleetRow {
  kind: 'product' | 'behaviour' | 'capability';
  id: string;
  name: string;
  category?: string;
  capabilities: string[];
  machines: Cell;
  by_platform: ByPlatform;
}

export interface FleetSummary {
  format: 'bosswatch-fleet';
  version: 1;
  min_group: number;
  inputs: { given: number; used: number; reports: number; snapshots: number; skipped: number; skipped_files: { file: string; why: string }[] };
  machines: { total: number; by_platform: ByPlatform };
  products: FleetRow[];
  behaviours: FleetRow[];
  capabilities: FleetRow[];
}

/** What one machine contributes: its platform and what was found on it (medium or high confidence). */
export interface Machine {
  platform: Platform;
  products: { id: string; name: string; category: string; capabilities: string[] }[];
  behaviours: { id: string; name: string; capabilities: string[] }[];
}

export const MIN_GROUP_DEFAULT = 5;
// the names of skipped files are listed; past this many only their number
const MAX_LISTED = 200;

export function parseMinGroup(v: string | undefined): number {
  if (v === undefined) return MIN_GROUP_DEFAULT;
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < 2) {
    throw new UsageError(`--min-group must be a whole number of at least 2 (a group of one singles a person out), not "${v}"`, { key: 'fleet.error.min-group', params: { value: v } });
  }
  return n;
}

const isObj = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

let reportSchema: JsonSchema | undefined;
function reportJsonSchema(): JsonSchema {
  if (!reportSchema) {
    const r = readRegular(`${PACKAGE_ROOT}/schema/report.schema.json`);
    if (!r.ok) throw new Error(`bosswatch's report schema is missing (${readFailureText(r.why)}): reinstall bosswatch`);
    reportSchema = JSON.parse(r.data.toString('utf8')) as JsonSchema;
  }
  return reportSchema;
}

/** A report checked against the report schema (fleet and diff read reports with it); InputError when it is not one. */
export function checkReport(data: Record<string, unknown>, file: string): Report {
  if (data.version !== 2) throw new InputError(`${file}: report version ${JSON.stringify(data.version)} is not one this bosswatch reads`, { key: 'err.fleet.report-version', params: { file, version: String(JSON.stringify(data.version)) } });
  const v = validateJson(reportJsonSchema(), data, 1);
  if (v.total)
    throw new InputError(`${file}: not a valid report (${v.issues[0].path.join('.')}: ${v.issues[0].message})`, {
      key: 'err.fleet.invalid-report',
      params: { file, path: v.issues[0].path.join('.'), detail: v.issues[0].message },
    });
  return data as unknown as Report;
}

/** Reads what a report says about its machine; throws InputError when it is not a valid report. */
export function machineOfReport(data: Record<string, unknown>, file: string): Machine {
  const r = checkReport(data, file) as unknown as {
    host: { platform: Platform };
    findings: { rule: string; name: string; category: string; confidence: string; capabilities: { id: string }[] }[];
    behaviours?: { id: string; title: string; confidence: string; capabilities: string[] }[];
  };
  return {
    platform: r.host.platform,
    products: r.findings.filter((f) => f.confidence !== 'low').map((f) => ({ id: f.rule, name: f.name, category: f.category, capabilities: f.capabilities.map((c) => c.id) })),
    behaviours: (r.behaviours ?? []).filter((b) => b.confidence !== 'low').map((b) => ({ id: b.id, name: b.title, capabilities: [...b.capabilities] })),
  };
}

/** Matches a snapshot with the rules (one index per platform, built once) and detects its behaviours. */
export function machineOfSnapshot(data: unknown, file: string, rules: readonly RuntimeRule[], indexes: Map<Platform, MatchIndex>, lang?: Lang): Machine {
  const s = checkSnapshot(data, file);
  let ix = indexes.get(s.host.platform);
  if (!ix) indexes.set(s.host.platform, (ix = buildIndex(rules, s.host.platform)));
  const findings = match(s, ix);
  const { unexplained } = attachBehaviours(s, findings, detectBehaviours(s));
  return {
    platform: s.host.platform,
    products: findings.filter((f) => f.confidence !== 'low').map((f) => ({ id: f.rule.id, name: f.rule.name, category: f.rule.category, capabilities: f.rule.capabilities.map((c) => c.id) })),
    behaviours: unexplained.filter((b) => b.confidence !== 'low').map((b) => ({ id: b.id, name: behaviourText(b.id as BehaviourId, lang).title, capabilities: [...b.capabilities] })),
  };
}

/** Every file named, and every file under the folders named, one at a time (a folder is read as it is walked). */
export function* inputFiles(args: readonly string[]): Generator<{ file: string; why?: string }> {
  for (const a of args) {
    const st = statSync(a, { throwIfNoEntry: false });
    if (!st) {
      yield { file: a, why: 'no such file or folder' };
      continue;
    }
    if (!st.isDirectory()) {
      yield { file: a };
      continue;
    }
    const stack = [a];
    while (stack.length) {
      const dir = stack.pop()!;
      let d;
      try {
        d = opendirSync(dir);
      } catch (e) {
        yield { file: dir, why: (e as Error).message };
        continue;
      }
      try {
        for (let ent = d.readSync(); ent; ent = d.readSync()) {
          const p = path.join(dir, ent.name);
          if (ent.isDirectory()) stack.push(p);
          else if (ent.isFile() && ent.name.toLowerCase().endsWith('.json')) {
            // an evidence folder holds the report and the snapshot of one machine: the report counts once
            if (ent.name === 'snapshot.json' || ent.name === 'manifest.json') {
              if (statSync(path.join(dir, 'report.json'), { throwIfNoEntry: false })?.isFile()) continue;
            }
            yield { file: p };
          }
        }
      } finally {
        d.closeSync();
      }
    }
  }
}

type Counts = Record<Platform, number>;
const zero = (): Counts => ({ windows: 0, macos: 0, linux: 0 });

interface Acc {
  kind: FleetRow['kind'];
  id: string;
  name: string;
  category?: string;
  caps: Set<string>;
  n: Counts;
}

/** Adds machines one at a time; holds only counts, so memory does not grow with the number of machines. */
export class FleetAccumulator {
  private machines = zero();
  private rows = new Map<string, Acc>();
  given = 0;
  reports = 0;
  snapshots = 0;
  skipped = 0;
  private skippedFiles: { file: string; why: string }[] = [];

  skip(file: string, why: string): void {
    this.given++;
    this.skipped++;
    if (this.skippedFiles.length < MAX_LISTED) this.skippedFiles.push({ file, why });
  }

  add(m: Machine, kind: 'report' | 'snapshot'): void {
    this.given++;
    if (kind === 'report') this.reports++;
    else this.snapshots++;
    this.machines[m.platform]++;
    const caps = new Set<string>();
    const bump = (k: FleetRow['kind'], id: string, name: string, capabilities: readonly string[], category?: string) => {
      const key = `${k}\0${id}`;
      let a = this.rows.get(key);
      if (!a) this.rows.set(key, (a = { kind: k, id, name, caps: new Set(), n: zero(), ...(category ? { category } : {}) }));
      for (const c of capabilities) a.caps.add(c);
      a.n[m.platform]++;
    };
    const seen = new Set<string>();
    for (const p of m.products) {
      if (seen.has(`p${p.id}`)) continue;
      seen.add(`p${p.id}`);
      bump('product', p.id, p.name, p.capabilities, p.category);
      for (const c of p.capabilities) caps.add(c);
    }
    for (const b of m.behaviours) {
      if (seen.has(`b${b.id}`)) continue;
      seen.add(`b${b.id}`);
      bump('behaviour', b.id, b.name, b.capabilities);
      for (const c of b.capabilities) caps.add(c);
    }
    for (const c of caps) bump('capability', c, c, []);
  }

  summary(minGroup: number): FleetSummary {
    const accs = [...this.rows.values()];
    const table: TRow[] = [
      { kind: 'header', id: '', n: this.machines, caps: [] },
      ...accs.map((a) => ({ kind: a.kind, id: a.id, n: a.n, caps: a.kind === 'capability' ? [] : [...a.caps] })),
    ];
    const shown = suppress(table, minGroup);
    const cell = (c: Shown): Cell => ('n' in c ? c.n : 'fewer' in c ? { fewer_than: minGroup } : { withheld: true });
    const byOf = (r: Shown[]): ByPlatform => Object.fromEntries(PLATFORMS.map((p, j) => [p, cell(r[j])])) as ByPlatform;
    const rows = accs.map((a, i): FleetRow => ({
      kind: a.kind, id: a.id, name: a.name, ...(a.category ? { category: a.category } : {}), capabilities: [...a.caps].sort(), machines: cell(shown[i + 1][3]), by_platform: byOf(shown[i + 1]),
    }));
    // ordered by what is shown, never by a hidden count: shown totals first, largest first, then by name
    const rank = (c: Cell) => (typeof c === 'number' ? c : 'withheld' in c ? -1 : -2);
    const order = (x: FleetRow, y: FleetRow) => rank(y.machines) - rank(x.machines) || x.name.localeCompare(y.name) || (x.id < y.id ? -1 : 1);
    const of = (k: FleetRow['kind']) => rows.filter((r) => r.kind === k).sort(order);
    const total = PLATFORMS.reduce((n, p) => n + this.machines[p], 0);
    return {
      format: 'bosswatch-fleet',
      version: 1,
      min_group: minGroup,
      inputs: {
        given: this.given,
        used: this.reports + this.snapshots,
        reports: this.reports,
        snapshots: this.snapshots,
        skipped: this.skipped,
        skipped_files: [...this.skippedFiles].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
      },
      machines: { total, by_platform: byOf(shown[0]) },
      products: of('product'),
      behaviours: of('behaviour'),
      capabilities: of('capability'),
    };
  }
}

/** Reads, recognises and adds every input, one file at a time. */
export function summariseFleet(args: readonly string[], rules: readonly RuntimeRule[], opts: { minGroup: number; lang?: Lang }): FleetSummary {
  const acc = new FleetAccumulator();
  const indexes = new Map<Platform, MatchIndex>();
  for (const { file, why } of inputFiles(args)) {
    if (why) {
      acc.skip(file, why);
      continue;
    }
    const r = readRegular(file, { max: MAX_SNAPSHOT_BYTES });
    if (!r.ok) {
      acc.skip(file, r.why === 'missing' ? 'no such file' : readFailureText(r.why));
      continue;
    }
    let data: unknown;
    try {
      data = JSON.parse(r.data.toString('utf8').replace(/^\uFEFF/, ''));
    } catch {
      acc.skip(file, 'not JSON (corrupt or not a bosswatch file)');
      continue;
    }
    try {
      if (isObj(data) && data.format === 'bosswatch-report') acc.add(machineOfReport(data, file), 'report');
      else if (isObj(data) && data.format === 'bosswatch-snapshot') acc.add(machineOfSnapshot(data, file, rules, indexes, opts.lang), 'snapshot');
      else acc.skip(file, 'not a bosswatch report or snapshot');
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      acc.skip(file, e.message.startsWith(`${file}: `) ? e.message.slice(file.length + 2) : e.message.replace(file, '').trim());
    }
  }
  return acc.summary(opts.minGroup);
}
