import { CATALOGUES, translator, type Lang, type MessageKey } from '../i18n/index.js';
import type { Finding } from '../match/types.js';
import type { CapabilityId, Category } from '../rules/vocabulary.js';
import { TABLE_NAMES } from '../snapshot/constants.js';
import { digestJson, sha256 } from '../evidence/canonical.js';
import { coverageSplit, reportDigestOf } from '../evidence/manifest.js';
import { redactPath, redactSnapshot, redactedCanonicalJson, snapshotRedactor, type SnapshotPrivacy } from '../privacy/redact.js';
import type { Snapshot } from '../snapshot/schema.js';
import { codesOfReason } from './reason.js';
import { FINDING_GROUPS } from './types.js';
import { attachBehaviours, detectBehaviours, type BehaviourFinding } from '../detect/index.js';
import { behaviourText, whatText } from '../detect/messages.js';
import { REPORT_FORMAT, REPORT_VERSION, type FindingGroup, type Report, type ReportBehaviour, type ReportEvidence } from './types.js';

const WHAT_WORDS = new Map(Object.entries(CATALOGUES.en).filter(([k]) => k.startsWith('what.')).map(([k, v]) => [v as string, k as MessageKey]));

// Redaction lives in src/privacy/redact.ts (one module for reports, snapshots and raw captures).
export { redactPath };

export interface BuildOptions {
  tool: { name: string; version: string };
  rules: { count: number; digest: string };
  includeIdentifiers: boolean;
  /** Language of the plain-text fields (category_label, capability text); English when not given. */
  lang?: Lang;
  /** Behaviour findings of this snapshot; detected here when not given. */
  behaviours?: readonly BehaviourFinding[];
  /** Replace the tenant label in agent hosts (`<tenant>.teramind.co`); the suffixes come from the rules. */
  redactTenant?: boolean;
  tenantSuffixes?: readonly string[];
  /** More user and host names to redact (the account that ran the scan, this computer's name). */
  users?: readonly string[];
  hostnames?: readonly string[];
  /** Rules from --rules folders were added (verify cannot compare the digest with the built-in rules). */
  extraRules?: boolean;
  /** When the report is made; now when not given. */
  now?: Date;
}

/** A behaviour as the report shows it: texts from the shared messages, machine values redacted like evidence. */
export function reportBehaviour(b: BehaviourFinding, hide: (s: string) => string, explainedBy?: string, lang?: Lang): ReportBehaviour {
  const text = behaviourText(b.id, lang);
  const subject: ReportBehaviour['subject'] =
    b.subject.kind === 'process'
      ? { kind: 'process', name: hide(b.subject.name), ...(b.subject.pid !== undefined ? { pid: b.subject.pid } : {}), ...(b.subject.path ? { path: hide(b.subject.path) } : {}) }
      : {
          kind: 'setting',
          ...(b.subject.file ? { file: hide(b.subject.file) } : {}),
          ...(b.subject.key ? { key: hide(b.subject.key) } : {}),
          ...(b.subject.value !== undefined ? { value: hide(b.subject.value) } : {}),
        };
  return {
    id: b.id,
    title: text.title,
    capabilities: [...b.capabilities],
    confidence: b.confidence,
    subject,
    evidence: b.evidence.map((e) => ({
      table: e.table,
      item: hide(e.item),
      what: whatText(e.what, lang),
      ...(e.key ? { key: e.key, params: Object.fromEntries(Object.entries(e.params ?? {}).map(([k, v]) => [k, typeof v === 'string' ? hide(v) : v])) } : {}),
    })),
    means: text.means,
    not_proof: text.not_proof,
    ...(explainedBy ? { explained_by: explainedBy } : {}),
  };
}

// Capabilities that record what the person does (as opposed to managing or protecting the computer).
const RECORDS: ReadonlySet<CapabilityId> = new Set<CapabilityId>([
  'keystrokes', 'keystroke-counts', 'mouse-activity', 'screenshots', 'screen-recording', 'live-screen-view', 'webcam',
  'microphone', 'app-usage', 'web-history', 'email', 'chat', 'clipboard', 'screen-ocr', 'productivity-score',
]);
const RECORDING_CATEGORIES: ReadonlySet<Category> = new Set<Category>([
  'employee-monitoring', 'keylogger-spyware', 'time-tracking', 'task-mining', 'classroom-monitoring', 'parental-control', 'suspicious',
]);

/** What a product means for the person: it records what you do, it opens your screen to someone, or it is IT's agent. */
export function groupOf(category: Category, capabilities: readonly { id: CapabilityId }[]): FindingGroup {
  if (RECORDING_CATEGORIES.has(category)) return 'records-activity';
  if (category === 'remote-access') return 'remote-screen';
  // data-loss prevention that records activity (screenshots, keystrokes, mail) is monitoring in all but name
  if (category === 'insider-threat-dlp' && capabilities.some((c) => RECORDS.has(c.id))) return 'records-activity';
  return 'it-management';
}

// How much a capability reaches into the person's life; orders findings inside a group.
const WEIGHT: Partial<Record<CapabilityId, number>> = {
  keystrokes: 6, webcam: 6, microphone: 6, 'screen-recording': 5, screenshots: 5, 'live-screen-view': 5, 'remote-control': 5,
  'screen-ocr': 4, clipboard: 4, email: 4, chat: 4, 'web-history': 3, 'app-usage': 3, files: 3, location: 3,
};
const invasiveness = (caps: readonly { id: CapabilityId }[]) => caps.reduce((n, c) => n + (WEIGHT[c.id] ?? 1), 0);
const CONF = { high: 0, medium: 1, low: 2 } as const;

/** digestJson(redactSnapshot(...)), without the redacted copy when the snapshot is redacted (the default). */
function snapshotDigest(snapshot: Snapshot, privacy: SnapshotPrivacy, redactor: ReturnType<typeof snapshotRedactor> | undefined): string {
  const canonical = redactedCanonicalJson(snapshot, privacy, redactor);
  return canonical === undefined ? digestJson(redactSnapshot(snapshot, privacy, redactor)) : sha256(canonical);
}

export function buildReport(snapshot: Snapshot, findings: readonly Finding[], opts: BuildOptions): Report {
  const privacy: SnapshotPrivacy = { includeIdentifiers: opts.includeIdentifiers, redactTenant: opts.redactTenant, tenantSuffixes: opts.tenantSuffixes, users: opts.users, hostnames: opts.hostnames };
  const redactor = opts.includeIdentifiers && !opts.redactTenant ? undefined : snapshotRedactor(snapshot, privacy);
  const hide = redactor ? redactor.text : (s: string) => s;
  // known host fields only: a field this version does not know could be a serial number
  const sh = snapshot.host;
  const host: Report['host'] = {
    platform: sh.platform,
    os_version: hide(sh.os_version),
    ...(sh.arch !== undefined ? { arch: sh.arch } : {}),
    ...(sh.elevated !== undefined ? { elevated: sh.elevated } : {}),
    ...(sh.language_mode !== undefined ? { language_mode: sh.language_mode } : {}),
    ...(opts.includeIdentifiers && sh.hostname ? { hostname: sh.hostname } : {}),
  };
  const checked: Report['checked'] = {};
  const tables = snapshot as unknown as Record<string, unknown>;
  for (const t of TABLE_NAMES) {
    const rows = tables[t];
    if (Array.isArray(rows)) checked[t] = rows.length;
  }
  const { unexplained, explained } = attachBehaviours(snapshot, findings, opts.behaviours ?? detectBehaviours(snapshot));
  const byRule = new Map<string, ReportBehaviour[]>();
  for (const e of explained) byRule.set(e.rule, [...(byRule.get(e.rule) ?? []), reportBehaviour(e.behaviour, hide, e.rule, opts.lang)]);
  const tr = translator(opts.lang);
  const permissions = snapshot.permissions ?? [];
  // one line per distinct item on this computer, its most specific indicator first (the matcher's order)
  // src/match says what an evidence row is in English: the same words from the catalogue in the report's language
  const whatIn = (what: string) => (tr.lang !== 'en' && WHAT_WORDS.has(what) ? tr.t(WHAT_WORDS.get(what)!) : what);
  const evidenceOf = (f: Finding): ReportEvidence[] => {
    const byItem = new Map<string, ReportEvidence>();
    for (const e of f.evidence) {
      const item = hide(e.item);
      const perm = e.table === 'permissions' ? permissions[e.row] : undefined;
      // one permission record per permission: Screen Recording and Accessibility for the same program are two facts
      const key = `${e.table}\0${item}\0${perm ? `${perm.service}\0${perm.granted}` : ''}`;
      const seen = byItem.get(key);
      if (seen) {
        if (!(seen.indicator.kind === e.indicator.kind && seen.indicator.value === e.indicator.value)) (seen.also ??= []).push({ ...e.indicator });
        continue;
      }
      const ev: ReportEvidence = { table: e.table, item, what: whatIn(e.what), indicator: { ...e.indicator }, strength: e.strength };
      if (perm) ev.permission = { service: hide(perm.service), granted: perm.granted };
      byItem.set(key, ev);
    }
    // "a file is present" says nothing more when the same path is already a running program, a service or an app
    const all = [...byItem.values()];
    const elsewhere = new Set(all.filter((e) => e.table !== 'files').map((e) => e.item));
    return all.filter((e) => {
      if (e.table !== 'files' || !elsewhere.has(e.item)) return true;
      const host = all.find((x) => x.table !== 'files' && x.item === e.item)!;
      (host.also ??= []).push({ ...e.indicator });
      return false;
    });
  };
  const findingsOut = findings.map((f) => ({
    rule: f.rule.id,
    name: f.rule.name,
    vendor: f.rule.vendor,
    category: f.rule.category,
    category_label: tr.t(`category.${f.rule.category}`),
    group: groupOf(f.rule.category, f.rule.capabilities),
    confidence: f.confidence,
    running: f.evidence.some((e) => e.table === 'processes'),
    summary: f.rule.summary,
    website: f.rule.website,
    capabilities: f.rule.capabilities.map((c) => ({ id: c.id, text: tr.t(`capability.${c.id}`), default: c.default, source: c.source, ...(c.note ? { note: c.note } : {}) })),
    hidden_mode: f.rule.hidden_mode,
    evidence: evidenceOf(f),
    references: f.rule.references,
    ...(byRule.has(f.rule.id) ? { behaviours: byRule.get(f.rule.id)! } : {}),
  }));
  // most invasive first: by group, then what the product can capture, then how sure we are
  const score = new Map(findingsOut.map((f) => [f, invasiveness(f.capabilities)]));
  findingsOut.sort(
    (a, b) =>
      FINDING_GROUPS.indexOf(a.group) - FINDING_GROUPS.indexOf(b.group) ||
      Number(b.hidden_mode.supported === 'yes') - Number(a.hidden_mode.supported === 'yes') ||
      score.get(b)! - score.get(a)! ||
      CONF[a.confidence] - CONF[b.confidence] ||
      a.name.localeCompare(b.name),
  );
  const hideParams = (p: Readonly<Record<string, string | number>>) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, typeof v === 'string' ? hide(v) : v]));
  const coverage = snapshot.coverage.map((c) => ({
    source: c.source,
    table: c.table,
    status: c.status,
    ...(c.reason !== undefined ? { reason: hide(c.reason) } : {}),
    ...(c.code !== undefined ? { code: c.code } : {}),
    ...(c.params !== undefined ? { params: hideParams(c.params) } : {}),
    ...(c.more !== undefined ? { more: c.more.map((m) => ({ code: m.code, ...(m.params ? { params: hideParams(m.params) } : {}) })) } : {}),
  }));
  const body: Omit<Report, 'manifest'> = {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    tool: opts.tool,
    rules: opts.rules,
    host,
    collected_at: snapshot.collected_at,
    findings: findingsOut,
    behaviours: unexplained.map((b) => reportBehaviour(b, hide, undefined, opts.lang)),
    coverage,
    checked,
    privacy: { identifiers: opts.includeIdentifiers ? 'included' : 'redacted' },
  };
  const createdAt = (opts.now ?? new Date()).toISOString();
  // the manifest digests the whole redacted snapshot (~10 ms on a live scan): made when first read, which the
  // terminal, Markdown, CSV and SARIF reports never do; a report is not changed after it is built
  let manifest: Report['manifest'] | undefined;
  const report = { ...body } as Report;
  Object.defineProperty(report, 'manifest', {
    enumerable: true,
    configurable: true,
    get: () => {
      if (manifest === undefined) {
        manifest = {
          tool: opts.tool,
          created_at: createdAt,
          platform: snapshot.host.platform,
          rules: { count: opts.rules.count, digest: opts.rules.digest, extra: opts.extraRules ?? false },
          snapshot: {
            digest: snapshotDigest(snapshot, privacy, redactor),
            collected_at: snapshot.collected_at,
            identifiers: opts.includeIdentifiers ? 'included' : 'redacted',
            tenant: opts.redactTenant ? 'redacted' : 'kept',
          },
          ...coverageSplit(coverage, codesOfReason),
          report_digest: '',
        };
        manifest.report_digest = reportDigestOf({ ...body, manifest });
      }
      return manifest;
    },
  });
  return report;
}
