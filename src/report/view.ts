// What every human-readable format says, in the order it says it; renderers only lay it out and escape it.
import { CATALOGUES, translator, type Lang, type MessageKey, type Translator } from '../i18n/index.js';
import type { CapabilityId, Category } from '../rules/vocabulary.js';
import type { TableName } from '../snapshot/schema.js';
import { evidenceText as detectEvidenceText, isDetectKey } from '../detect/messages.js';
import { coverageReason } from './reason.js';
import { FINDING_GROUPS } from './types.js';
import type { FindingGroup, Report, ReportBehaviour, ReportEvidence, ReportFinding } from './types.js';

/** Capability families: the columns of the products x capabilities matrix. */
export const FAMILIES = {
  keys: ['keystrokes', 'keystroke-counts', 'clipboard'],
  screen: ['screenshots', 'screen-recording', 'live-screen-view', 'screen-ocr'],
  camera: ['webcam', 'microphone'],
  web: ['web-history', 'network-traffic'],
  apps: ['app-usage', 'idle-time', 'mouse-activity', 'productivity-score', 'login-activity', 'location'],
  messages: ['email', 'chat'],
  files: ['files', 'printing', 'usb', 'file-transfer'],
  control: ['remote-control', 'remote-shell', 'remote-software', 'remote-wipe', 'device-configuration', 'content-blocking'],
  it: ['software-inventory', 'security-telemetry', 'behavior-alerts'],
} as const satisfies Record<string, readonly CapabilityId[]>;
export type Family = keyof typeof FAMILIES;
export const FAMILY_IDS = Object.keys(FAMILIES) as Family[];
export type Cell = 'on' | 'configurable' | 'none';

// Order of capabilities in the one-line summary: what reaches furthest into a person's life first.
const SUMMARY_ORDER: CapabilityId[] = [
  'keystrokes', 'screen-recording', 'screenshots', 'live-screen-view', 'webcam', 'microphone', 'remote-control', 'screen-ocr',
  'clipboard', 'email', 'chat', 'web-history', 'app-usage', 'files', 'location', 'keystroke-counts', 'mouse-activity',
  'productivity-score', 'idle-time', 'login-activity', 'printing', 'usb', 'remote-shell', 'file-transfer', 'network-traffic',
  'remote-software', 'device-configuration', 'remote-wipe', 'content-blocking', 'behavior-alerts', 'security-telemetry',
  'software-inventory',
];
const SUMMARY_MAX = 6;

// macOS TCC service names (raw and as the collectors normalise them) and Windows ConsentStore ones
const PERMISSION: Record<string, string> = {
  'screen-capture': 'screen-capture', kTCCServiceScreenCapture: 'screen-capture',
  'input-monitoring': 'input-monitoring', kTCCServiceListenEvent: 'input-monitoring',
  accessibility: 'accessibility', kTCCServiceAccessibility: 'accessibility', kTCCServicePostEvent: 'accessibility',
  camera: 'camera', webcam: 'camera', kTCCServiceCamera: 'camera',
  microphone: 'microphone', kTCCServiceMicrophone: 'microphone',
  'full-disk-access': 'full-disk-access', kTCCServiceSystemPolicyAllFiles: 'full-disk-access',
  automation: 'automation', kTCCServiceAppleEvents: 'automation',
};

export interface EvidenceView {
  /** The evidence in plain words, machine text included (unescaped). */
  text: string;
  /** Table, indicator and strength, for the folded technical detail. */
  technical: string[];
}

export interface FindingView {
  f: ReportFinding;
  category: string;
  summaryLine: string;
  captures: string;
  running: string;
  hidden: string;
  confidence: string;
  confidenceMeans: string;
  capabilities: { text: string; when: string; source: string; note?: string }[];
  evidence: EvidenceView[];
  cells: Cell[];
  behaviours: BehaviourView[];
}

export interface BehaviourView {
  b: ReportBehaviour;
  title: string;
  /** The title in the summary: with what it is about when the behaviour is found more than once. */
  summaryTitle: string;
  summaryLine: string;
  captures: string;
  confidence: string;
  subject: string;
  means: string;
  notProof: string;
  /** Each evidence line's item in the report's language (what the row is, without the "what:" label). */
  items: string[];
  evidence: string[];
  more: string;
}

export interface GroupView {
  id: FindingGroup;
  title: string;
  means: string;
  findings: FindingView[];
}

export interface ReportView {
  t: Translator;
  lang: Lang;
  title: string;
  headline: string;
  nothingFound: boolean;
  summary: FindingView[];
  behaviourSummary: BehaviourView[];
  matrix: { title: string; families: Family[]; labels: string[]; short: string[]; legend: string; product: string; cellText: Record<Cell, string> };
  groups: GroupView[];
  behaviours: { title: string; means: string; items: BehaviourView[] };
  checked: { title: string; text: string };
  notChecked: { title: string; lines: string[]; notes: string[] };
  limits: { title: string; lines: string[] };
  next: { title: string; lines: string[] };
  about: { title: string; lines: string[] };
}

const has = (lang: Lang, key: string): key is MessageKey => Object.hasOwn(CATALOGUES[lang], key);

// Intl.ListFormat takes 10-40 ms to start (ICU data) in every run: English and Spanish lists are joined here as
// ICU joins them (a test compares the two), except a Spanish list ending in an i- or hi- word ("y" may become "e").
// Names that keep their capital inside a sentence (words with inner capitals, like PowerShell or MDM, keep theirs anyway).
const PROPER = new Set(['Windows', 'Linux', 'Team', 'Apple', 'Mac', 'Ubuntu', 'Debian', 'Fedora', 'Microsoft', 'Defender', 'Gatekeeper', 'Intune', 'Chrome', 'Chromium', 'Firefox', 'Safari', 'Wayland', 'Flatpak', 'Snap', 'Spotlight', 'Finder', 'Sysmon', 'I']);

/** A reason that opens a sentence ("No root access…", "Sin root…") made to read after a colon: its first, ordinary word in lower case. */
export function afterColon(reason: string): string {
  const word = /^[\p{Lu}][\p{Ll}']*(?=[\s,.;:]|$)/u.exec(reason)?.[0];
  return word && !PROPER.has(word) ? reason[0]!.toLowerCase() + reason.slice(1) : reason;
}

export function listOf(lang: Lang, items: readonly string[]): string {
  const n = items.length;
  const last = items[n - 1] ?? '';
  if (n >= 2 && (lang === 'en' || (lang === 'es' && !/^[hH]?[iIíÍìÌîÎïÏ]/.test(last)))) {
    const and = lang === 'en' ? (n === 2 ? ' and ' : ', and ') : ' y ';
    return `${items.slice(0, -1).join(', ')}${and}${last}`;
  }
  if (n === 1) return items[0];
  return new Intl.ListFormat(lang, { type: 'conjunction', style: 'long' }).format(items);
}

function captures(tr: Translator, ids: readonly string[]): string {
  const sorted = [...new Set(ids)].sort((a, b) => SUMMARY_ORDER.indexOf(a as CapabilityId) - SUMMARY_ORDER.indexOf(b as CapabilityId));
  if (!sorted.length) return tr.t('summary.captures.none');
  const names = sorted.map((id) => (has(tr.lang, `capshort.${id}`) ? tr.t(`capshort.${id}` as MessageKey) : id));
  if (names.length <= SUMMARY_MAX) return listOf(tr.lang, names);
  return tr.t('summary.captures.more', { list: names.slice(0, SUMMARY_MAX - 1).join(', '), n: names.length - (SUMMARY_MAX - 1) });
}

export function cellsOf(caps: readonly { id: string; default: string }[]): Cell[] {
  return FAMILY_IDS.map((fam) => {
    const mine = caps.filter((c) => (FAMILIES[fam] as readonly string[]).includes(c.id));
    return mine.some((c) => c.default === 'on') ? 'on' : mine.length ? 'configurable' : 'none';
  });
}

export function permissionName(tr: Translator, service: string): string {
  const id = PERMISSION[service];
  return id ? tr.t(`permission.${id}` as MessageKey) : tr.t('permission.unknown', { service });
}

export function evidenceText(tr: Translator, product: string, e: ReportEvidence): string {
  if (e.permission) {
    const permission = permissionName(tr, e.permission.service);
    return tr.t(e.permission.granted ? 'evidence.permission.granted' : 'evidence.permission.denied', { permission, item: e.item });
  }
  if (e.table === 'network' && e.indicator.kind === 'website_domains') return tr.t('evidence.network.website', { product, item: e.item });
  const key = `evidence.${e.table}`;
  return has(tr.lang, key) ? tr.t(key, { product, item: e.item }) : `${e.what}: ${e.item}`;
}

/** An indicator's strength (high, medium, low) in the report's language; an unknown one as it is. */
export const strengthLabel = (tr: Translator, strength: string): string => (has(tr.lang, `strength.${strength}`) ? tr.t(`strength.${strength}` as MessageKey) : strength);

function evidenceView(tr: Translator, f: ReportFinding, e: ReportEvidence): EvidenceView {
  const strength = strengthLabel(tr, e.strength);
  const technical = [tr.t('evidence.technical', { table: e.table, kind: e.indicator.kind, value: e.indicator.value, strength })];
  for (const a of e.also ?? []) technical.push(tr.t('evidence.also', { kind: a.kind, value: a.value }));
  return { text: evidenceText(tr, f.name, e), technical };
}

/** A behaviour's evidence line in the report's language, from its key and params; the English item when the key is unknown (older reports). */
export function behaviourItem(lang: Lang, e: ReportBehaviour['evidence'][number]): string {
  return e.key && isDetectKey(e.key) ? detectEvidenceText(e.key, e.params ?? {}, lang) : e.item;
}

// the fixed names detectors give a subject that is no program or file ("MDM enrollment"), by their English words
const SUBJECT_WORDS = new Map(Object.entries(CATALOGUES.en).filter(([k]) => k.startsWith('subject.')).map(([k, v]) => [v as string, k as MessageKey]));
const subjectWord = (tr: Translator, s: string | undefined) => (s !== undefined && SUBJECT_WORDS.has(s) ? tr.t(SUBJECT_WORDS.get(s)!) : s);

/** A behaviour's words: the catalogue's when it has them (behaviour.<id>.title …), else the report's own. */
function behaviourView(tr: Translator, b: ReportBehaviour): BehaviourView {
  const own = (part: 'title' | 'means' | 'not_proof', fallback: string) => {
    const key = `behaviour.${b.id}.${part}`;
    return has(tr.lang, key) ? tr.t(key) : fallback;
  };
  const title = own('title', b.title);
  const items = b.evidence.map((e) => behaviourItem(tr.lang, e));
  const caps = captures(tr, b.capabilities);
  const confidence = tr.t(`confidence.${b.confidence}`);
  const s = b.subject;
  const subject =
    s.kind === 'process'
      ? tr.t('behaviour.subject.process', { name: `${s.name}${s.pid !== undefined ? ` (pid ${s.pid})` : ''}${s.path && s.path !== s.name ? ` ${s.path}` : ''}` })
      // a macOS enrolment names its key and its value alike ("MDM enrollment"): say it once
      : tr.t('behaviour.subject.setting', { name: [...new Set([s.file, subjectWord(tr, s.key), subjectWord(tr, s.value)].filter(Boolean))].join(' ') });
  return {
    b,
    title,
    captures: caps,
    confidence,
    subject,
    summaryTitle: title,
    summaryLine: tr.t('summary.behaviour', { title, captures: caps, confidence }),
    means: tr.t('behaviour.means', { text: own('means', b.means) }),
    notProof: tr.t('behaviour.not_proof', { text: own('not_proof', b.not_proof) }),
    items,
    evidence: b.evidence.map((e, i) => tr.t('behaviour.evidence', { what: e.what, item: items[i] })),
    more: tr.t('finding.more', { rule: b.id }),
  };
}

function findingView(tr: Translator, f: ReportFinding): FindingView {
  const category = tr.t(`category.${f.category as Category}`);
  const caps = captures(tr, f.capabilities.map((c) => c.id));
  const running = tr.t(f.running ? 'running.yes' : 'running.no');
  const hidden = tr.t(`hiding.${f.hidden_mode.supported}`);
  const confidence = tr.t(`confidence.${f.confidence}`);
  return {
    f,
    category,
    captures: caps,
    running,
    hidden,
    confidence,
    confidenceMeans: tr.t('finding.confidence', { level: confidence, means: tr.t(`confidence.${f.confidence}.means`) }),
    summaryLine: tr.t('summary.line', { name: f.name, category, captures: caps, running, hidden, confidence }),
    capabilities: f.capabilities.map((c) => ({
      text: tr.t(`capability.${c.id as CapabilityId}`),
      when: tr.t(`default.${c.default}`),
      source: c.source,
      ...(c.note ? { note: c.note } : {}),
    })),
    evidence: f.evidence.map((e) => evidenceView(tr, f, e)),
    cells: cellsOf(f.capabilities),
    behaviours: (f.behaviours ?? []).map((b) => behaviourView(tr, b)),
  };
}

const tableLabel = (tr: Translator, t: string) => (has(tr.lang, `table.${t}`) ? tr.t(`table.${t}` as MessageKey) : t);

export function buildView(r: Report, lang: Lang = 'en'): ReportView {
  const tr = translator(lang);
  const findings = r.findings.map((f) => findingView(tr, f));
  const behaviours = (r.behaviours ?? []).map((b) => behaviourView(tr, b));
  // two findings of one behaviour (two added root certificates) would read as the same line twice: name what each is about
  const titles = new Map<string, number>();
  for (const v of behaviours) titles.set(v.title, (titles.get(v.title) ?? 0) + 1);
  for (const v of behaviours) {
    if (titles.get(v.title)! < 2) continue;
    const s = v.b.subject;
    const about = s.kind === 'process' ? s.name : (subjectWord(tr, s.value ?? s.key) ?? s.file ?? '');
    if (!about) continue;
    v.summaryTitle = tr.t('summary.behaviour.about', { title: v.title, about });
    v.summaryLine = tr.t('summary.behaviour', { title: v.summaryTitle, captures: v.captures, confidence: v.confidence });
  }
  const high = r.findings.filter((f) => f.confidence === 'high').length;
  const nothingFound = !findings.length && !behaviours.length;
  const headline = nothingFound
    ? tr.t('summary.none')
    : tr.t('summary.found', {
        products: tr.n('summary.products', findings.length),
        high: tr.n('summary.high', high),
        behaviours: tr.n('summary.behaviours', behaviours.length),
      });
  const groups = FINDING_GROUPS.map((id) => ({
    id,
    title: tr.t(`group.${id}.title`),
    means: tr.t(`group.${id}.means`),
    findings: findings.filter((v) => v.f.group === id),
  })).filter((g) => g.findings.length);

  const checkedItems = Object.entries(r.checked).map(([t, n]) => tr.t('checked.item', { table: tableLabel(tr, t), n }));
  const notOk = r.coverage.filter((c) => c.status !== 'ok');
  // reasons come from their code; a collector's own words (no code, no template) say whose words they are outside English
  const reason = (c: (typeof r.coverage)[number]) => {
    const said = coverageReason(tr, c);
    return !said ? tr.t('coverage.noreason') : said.machine && lang !== 'en' ? `${said.text} ${tr.t('coverage.source')}` : said.text;
  };
  const when = r.collected_at.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  const platform = has(lang, `platform.${r.host.platform}`) ? tr.t(`platform.${r.host.platform}` as MessageKey) : r.host.platform;
  const firstRule = r.findings[0]?.rule ?? '<id>';
  return {
    t: tr,
    lang,
    title: tr.t('report.title'),
    headline,
    nothingFound,
    summary: findings,
    behaviourSummary: behaviours,
    matrix: {
      title: tr.t('matrix.title'),
      families: FAMILY_IDS,
      labels: FAMILY_IDS.map((f) => tr.t(`family.${f}`)),
      short: FAMILY_IDS.map((f) => tr.t(`family.${f}.short`)),
      legend: tr.t('matrix.legend'),
      product: tr.t('matrix.product'),
      cellText: { on: tr.t('matrix.on'), configurable: tr.t('matrix.configurable'), none: tr.t('matrix.none') },
    },
    groups,
    behaviours: { title: tr.t('behaviours.title'), means: tr.t('behaviours.intro'), items: behaviours },
    checked: { title: tr.t('checked.title'), text: checkedItems.length ? listOf(lang, checkedItems) : tr.t('checked.nothing') },
    notChecked: {
      title: tr.t('notchecked.title'),
      lines: notOk.map((c) => tr.t('notchecked.line', { table: tableLabel(tr, c.table), status: tr.t(`coverage.${c.status}`), reason: afterColon(reason(c)) })),
      notes: r.coverage.filter((c) => c.status === 'ok' && c.reason).map((c) => tr.t('coverage.note', { table: tableLabel(tr, c.table), reason: afterColon(reason(c)) })),
    },
    limits: {
      title: tr.t('limits.title'),
      lines: [tr.t('limits.rules', { n: r.rules.count }), tr.t('limits.network'), tr.t('limits.notproof'), tr.t('limits.moment')],
    },
    next: {
      title: tr.t('next.title'),
      lines: [
        ...(nothingFound ? [] : [tr.t('next.explain', { rule: firstRule })]),
        tr.t('next.ask'),
        tr.t('next.letter'),
        tr.t('next.keep'),
        ...(nothingFound ? [] : [tr.t('next.careful')]),
      ],
    },
    about: {
      title: tr.t('about.title'),
      lines: [
        tr.t('about.line', { version: r.tool.version, platform, os: r.host.os_version, when, rules: r.rules.count, digest: r.rules.digest }),
        tr.t(r.privacy.identifiers === 'included' ? 'about.privacy.included' : 'about.privacy.redacted'),
        ...(lang === 'en' ? [] : [tr.t('about.lang')]),
      ],
    },
  };
}
