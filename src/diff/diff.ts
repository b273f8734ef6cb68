// `bosswatch diff OLD NEW`: what monitoring appeared, disappeared or changed between two reports or snapshots of one
// machine, and which checks changed coverage. Files are read with verify's reader and fleet's report check; a
// snapshot becomes a report exactly as `scan --snapshot` makes one (same matching, same redaction).
import { readJsonFile } from '../commands/verify.js';
import { detectBehaviours } from '../detect/index.js';
import { behaviourText, type BehaviourId } from '../detect/messages.js';
import { behaviourItem } from '../report/view.js';
import { InputError } from '../errors.js';
import { checkReport } from '../fleet/summary.js';
import type { Lang } from '../i18n/index.js';
import { buildIndex } from '../match/index.js';
import { match } from '../match/match.js';
import type { RuntimeRule } from '../match/types.js';
import { makeRedactor, redactSnapshot, snapshotRedactor, tenantRedactor } from '../privacy/redact.js';
import { buildReport } from '../report/build.js';
import type { Report } from '../report/types.js';
import { checkSnapshot } from '../snapshot/load.js';
import type { Platform } from '../snapshot/constants.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';

export type Confidence = 'high' | 'medium' | 'low';
const RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

export interface DiffPrivacy {
  includeIdentifiers: boolean;
  redactTenant: boolean;
  tenantSuffixes: readonly string[];
}

/** One input as a report, with what the command needs to compare and redact it. */
export interface Side {
  file: string;
  kind: 'report' | 'snapshot';
  report: Report;
  /** Host name before redaction, compared and never printed. */
  hostname?: string;
  /** User and host names the side's redaction learnt, applied to both sides. */
  names: { users: string[]; hostnames: string[] };
}

const isObj = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/** Reads OLD or NEW: a report (checked against its schema) or a snapshot (matched with the rules); exit 2 otherwise. */
export function loadSide(file: string, rules: readonly RuntimeRule[], rulesInfo: { count: number; digest: string; extra: boolean }, privacy: DiffPrivacy, lang?: Lang): Side {
  const { data } = readJsonFile(file);
  if (isObj(data) && data.format === 'bosswatch-report') {
    const raw = checkReport(data, file);
    const hostname = raw.host.hostname;
    const r = snapshotRedactor(raw, privacy);
    let report = raw;
    if (!privacy.includeIdentifiers && raw.privacy.identifiers === 'included') report = redactSnapshot(raw, privacy);
    else if (privacy.redactTenant) report = redactSnapshot(raw, privacy);
    return { file, kind: 'report', report, hostname, names: { users: r.names, hostnames: hostname ? [hostname] : [] } };
  }
  if (isObj(data) && data.format === 'bosswatch-snapshot') {
    const s = checkSnapshot(data, file);
    const findings = match(s, buildIndex(rules, s.host.platform));
    const report = buildReport(s, findings, {
      tool: { name: TOOL_NAME, version: TOOL_VERSION },
      rules: { count: rulesInfo.count, digest: rulesInfo.digest },
      extraRules: rulesInfo.extra,
      includeIdentifiers: privacy.includeIdentifiers,
      redactTenant: privacy.redactTenant,
      tenantSuffixes: privacy.tenantSuffixes,
      behaviours: detectBehaviours(s),
      lang,
    });
    const r = snapshotRedactor(s, privacy);
    return { file, kind: 'snapshot', report, hostname: s.host.hostname, names: { users: r.names, hostnames: s.host.hostname ? [s.host.hostname] : [] } };
  }
  throw new InputError(`${file} is not a bosswatch report or snapshot`, { key: 'diff.error.not-bosswatch', params: { file } });
}

export interface EvidenceRef {
  table: string;
  item: string;
}

interface Thing {
  id: string;
  name: string;
  category?: string;
  confidence: Confidence;
  running?: boolean;
  evidence: Map<string, EvidenceRef>;
  tables: Set<string>;
}

export interface Appeared {
  id: string;
  name: string;
  category?: string;
  confidence: Confidence;
  running?: boolean;
  evidence: number;
  /** Tables its evidence is in that OLD could not fully check: it may have been there already. */
  old_not_checked: string[];
}

export interface Disappeared {
  id: string;
  name: string;
  category?: string;
  confidence: Confidence;
  running?: boolean;
  /** "not-found": NEW checked every table its evidence was in; "not-checked": NEW could not check some of them. */
  status: 'not-found' | 'not-checked';
  new_not_checked: string[];
}

export interface Changed {
  id: string;
  name: string;
  category?: string;
  confidence?: { old: Confidence; new: Confidence };
  running?: { old: boolean; new: boolean };
  /** removed: no longer there, its table checked in NEW; unseen: not in NEW, whose check of that table was not ok. */
  evidence: { added: EvidenceRef[]; removed: EvidenceRef[]; unseen: EvidenceRef[] };
}

export interface Section {
  appeared: Appeared[];
  disappeared: Disappeared[];
  changed: Changed[];
}

export interface CoverageChange {
  table: string;
  source: string;
  old: string;
  new: string;
  reason?: string;
}

export type DiffWarning =
  | { kind: 'different-machines'; differs: { what: 'platform' | 'arch' | 'hostname'; old?: string; new?: string }[] }
  | { kind: 'new-is-older'; old: string; new: string }
  /** The two sides were matched with different rules: a change may come from the rules, not the machine. */
  | { kind: 'different-rules'; old: string; new: string };

export interface DiffResult {
  format: 'bosswatch-diff';
  version: 1;
  old: SideInfo;
  new: SideInfo;
  warnings: DiffWarning[];
  products: Section;
  behaviours: Section;
  coverage: { changed: CoverageChange[]; only_old: CoverageChange[]; only_new: CoverageChange[] };
  /** True when monitoring appeared or rose in confidence (exit code 1). */
  monitoring_increased: boolean;
  privacy: { identifiers: 'redacted' | 'included' };
}

export interface SideInfo {
  file: string;
  kind: 'report' | 'snapshot';
  platform: Platform;
  os_version: string;
  collected_at: string;
}

/** A table counts as checked when every coverage row of it is ok (or it was read and has no coverage row). */
function checkedTables(r: Report): (table: string) => boolean {
  const status = new Map<string, boolean>();
  for (const c of r.coverage) status.set(c.table, (status.get(c.table) ?? true) && c.status === 'ok');
  return (t) => (status.has(t) ? status.get(t)! : Object.hasOwn(r.checked, t));
}

function productsOf(r: Report): Map<string, Thing> {
  const out = new Map<string, Thing>();
  for (const f of r.findings) {
    const ev = new Map(f.evidence.map((e) => [`${e.table}\0${e.item}`, { table: e.table, item: e.item }]));
    out.set(f.rule, { id: f.rule, name: f.name, category: f.category, confidence: f.confidence, running: f.running, evidence: ev, tables: new Set(f.evidence.map((e) => e.table)) });
  }
  return out;
}

/** Behaviours by stable id (explained by a product or not): the highest confidence, all their evidence. */
function behavioursOf(r: Report, lang?: Lang): Map<string, Thing> {
  const out = new Map<string, Thing>();
  const all = [...(r.behaviours ?? []), ...r.findings.flatMap((f) => f.behaviours ?? [])];
  for (const b of all) {
    let t = out.get(b.id);
    if (!t) {
      let name = b.title;
      try {
        name = behaviourText(b.id as BehaviourId, lang).title ?? b.title;
      } catch {
        // an id this version does not know: the report's own title
      }
      out.set(b.id, (t = { id: b.id, name, confidence: b.confidence, evidence: new Map(), tables: new Set() }));
    }
    if (RANK[b.confidence] > RANK[t.confidence]) t.confidence = b.confidence;
    for (const e of b.evidence) {
      // matched by the English line (the same in every language), shown in the diff's language
      t.evidence.set(`${e.table}\0${e.item}`, { table: e.table, item: behaviourItem(lang ?? 'en', e) });
      t.tables.add(e.table);
    }
  }
  return out;
}

const byName = <T extends { name: string; id: string }>(a: T, b: T) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function section(o: Map<string, Thing>, n: Map<string, Thing>, oldChecked: (t: string) => boolean, newChecked: (t: string) => boolean): Section {
  const s: Section = { appeared: [], disappeared: [], changed: [] };
  const cat = (t: Thing) => (t.category ? { category: t.category } : {});
  const run = (t: Thing) => (t.running !== undefined ? { running: t.running } : {});
  for (const [id, t] of n) {
    const was = o.get(id);
    if (!was) {
      s.appeared.push({ id, name: t.name, ...cat(t), confidence: t.confidence, ...run(t), evidence: t.evidence.size, old_not_checked: [...t.tables].filter((x) => !oldChecked(x)).sort() });
      continue;
    }
    const added = [...t.evidence].filter(([k]) => !was.evidence.has(k)).map(([, e]) => e);
    const missing = [...was.evidence].filter(([k]) => !t.evidence.has(k)).map(([, e]) => e);
    const removed = missing.filter((e) => newChecked(e.table));
    const unseen = missing.filter((e) => !newChecked(e.table));
    const c: Changed = { id, name: t.name, ...cat(t), evidence: { added, removed, unseen } };
    if (was.confidence !== t.confidence) c.confidence = { old: was.confidence, new: t.confidence };
    if (was.running !== undefined && t.running !== undefined && was.running !== t.running) c.running = { old: was.running, new: t.running };
    if (c.confidence || c.running || added.length || missing.length) s.changed.push(c);
  }
  for (const [id, t] of o) {
    if (n.has(id)) continue;
    const missing = [...t.tables].filter((x) => !newChecked(x)).sort();
    s.disappeared.push({ id, name: t.name, ...cat(t), confidence: t.confidence, ...run(t), status: missing.length ? 'not-checked' : 'not-found', new_not_checked: missing });
  }
  s.appeared.sort(byName);
  s.disappeared.sort(byName);
  s.changed.sort(byName);
  return s;
}

function coverageDiff(o: Report, n: Report): DiffResult['coverage'] {
  const key = (c: { table: string; source: string }) => `${c.table}\0${c.source}`;
  const om = new Map(o.coverage.map((c) => [key(c), c]));
  const nm = new Map(n.coverage.map((c) => [key(c), c]));
  const out: DiffResult['coverage'] = { changed: [], only_old: [], only_new: [] };
  for (const [k, c] of nm) {
    const was = om.get(k);
    const reason = c.reason !== undefined ? { reason: c.reason } : {};
    if (!was) out.only_new.push({ table: c.table, source: c.source, old: '', new: c.status, ...reason });
    else if (was.status !== c.status) out.changed.push({ table: c.table, source: c.source, old: was.status, new: c.status, ...(c.status !== 'ok' ? reason : was.reason !== undefined ? { reason: was.reason } : {}) });
  }
  for (const [k, c] of om) if (!nm.has(k)) out.only_old.push({ table: c.table, source: c.source, old: c.status, new: '', ...(c.reason !== undefined ? { reason: c.reason } : {}) });
  const order = (a: CoverageChange, b: CoverageChange) => (a.table + '\0' + a.source < b.table + '\0' + b.source ? -1 : 1);
  out.changed.sort(order);
  out.only_old.sort(order);
  out.only_new.sort(order);
  return out;
}

/** Compares two sides; pure. Machine text in the result is redacted with the names learnt from both sides. */
export function diffSides(o: Side, n: Side, privacy: DiffPrivacy, lang?: Lang): DiffResult {
  const warnings: DiffWarning[] = [];
  const differs: Extract<DiffWarning, { kind: 'different-machines' }>['differs'] = [];
  const oh = o.report.host;
  const nh = n.report.host;
  if (oh.platform !== nh.platform) differs.push({ what: 'platform', old: oh.platform, new: nh.platform });
  if (oh.arch && nh.arch && oh.arch !== nh.arch) differs.push({ what: 'arch', old: oh.arch, new: nh.arch });
  // host names are compared, never printed (they are redacted by default)
  if (o.hostname && n.hostname && o.hostname.toLowerCase() !== n.hostname.toLowerCase()) differs.push({ what: 'hostname' });
  if (differs.length) warnings.push({ kind: 'different-machines', differs });
  const ot = Date.parse(o.report.collected_at);
  const nt = Date.parse(n.report.collected_at);
  if (Number.isFinite(ot) && Number.isFinite(nt) && nt < ot) warnings.push({ kind: 'new-is-older', old: o.report.collected_at, new: n.report.collected_at });
  if (o.report.rules.digest !== n.report.rules.digest) warnings.push({ kind: 'different-rules', old: o.report.rules.digest, new: n.report.rules.digest });

  const products = section(productsOf(o.report), productsOf(n.report), checkedTables(o.report), checkedTables(n.report));
  const behaviours = section(behavioursOf(o.report, lang), behavioursOf(n.report, lang), checkedTables(o.report), checkedTables(n.report));
  const coverage = coverageDiff(o.report, n.report);
  // scan's rule: any product finding counts, behaviours only from medium confidence
  const rose = (c: Changed, min: Confidence) => c.confidence !== undefined && RANK[c.confidence.new] > RANK[c.confidence.old] && RANK[c.confidence.new] >= RANK[min];
  const increased =
    products.appeared.length > 0 ||
    products.changed.some((c) => rose(c, 'low')) ||
    behaviours.appeared.some((b) => b.confidence !== 'low') ||
    behaviours.changed.some((c) => rose(c, 'medium'));

  const result: DiffResult = {
    format: 'bosswatch-diff',
    version: 1,
    old: info(o),
    new: info(n),
    warnings,
    products,
    behaviours,
    coverage,
    monitoring_increased: increased,
    privacy: { identifiers: privacy.includeIdentifiers ? 'included' : 'redacted' },
  };
  return redactResult(result, o, n, privacy);
}

function info(s: Side): SideInfo {
  return { file: s.file, kind: s.kind, platform: s.report.host.platform, os_version: s.report.host.os_version, collected_at: s.report.collected_at };
}

/** Each side is already redacted as its report would be; names one side learnt are also removed from the other's text. */
function redactResult(r: DiffResult, o: Side, n: Side, privacy: DiffPrivacy): DiffResult {
  const text = privacy.includeIdentifiers
    ? privacy.redactTenant
      ? tenantRedactor(privacy.tenantSuffixes)
      : undefined
    : makeRedactor([], { users: [...o.names.users, ...n.names.users], hostnames: [...o.names.hostnames, ...n.names.hostnames] }, privacy).text;
  if (!text) return r;
  // only machine text: evidence items, coverage reasons, the OS version (ids, names from the rules and words stay)
  const ev = (e: EvidenceRef) => ({ table: e.table, item: text(e.item) });
  const sec = (s: Section): Section => ({ ...s, changed: s.changed.map((c) => ({ ...c, evidence: { added: c.evidence.added.map(ev), removed: c.evidence.removed.map(ev), unseen: c.evidence.unseen.map(ev) } })) });
  const cov = (c: CoverageChange) => (c.reason !== undefined ? { ...c, reason: text(c.reason) } : c);
  return {
    ...r,
    old: { ...r.old, os_version: text(r.old.os_version) },
    new: { ...r.new, os_version: text(r.new.os_version) },
    products: sec(r.products),
    behaviours: sec(r.behaviours),
    coverage: { changed: r.coverage.changed.map(cov), only_old: r.coverage.only_old.map(cov), only_new: r.coverage.only_new.map(cov) },
  };
}
