import { jsonText } from './escape.js';
import type { RenderOptions, Report, ReportEvidence, ReportFinding } from './types.js';
import { buildView, type FindingView } from './view.js';

// SARIF 2.1.0 (OASIS) for auditors' tools: one result per finding (and per behaviour no product explains).
const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const PROJECT_URL = 'https://github.com/bosswatch/bosswatch';

type Level = 'error' | 'warning' | 'note';

/** How loudly a finding is reported: what records the person is a warning, IT's own agents a note. */
function levelOf(f: ReportFinding): Level {
  if (f.confidence === 'low') return 'note';
  return f.group === 'it-management' ? 'note' : 'warning';
}

/** A file URI for an absolute path on Windows, macOS or Linux; undefined when the item is not a path. */
export function fileUri(item: string): string | undefined {
  const enc = (segs: string[]) => segs.map((s) => encodeURIComponent(s)).join('/');
  if (/^[A-Za-z]:\\/.test(item)) return `file:///${item.slice(0, 2)}/${enc(item.slice(3).split('\\'))}`;
  if (item.startsWith('/')) return `file:///${enc(item.slice(1).split('/'))}`;
  return undefined;
}

function location(e: ReportEvidence, text: string) {
  const uri = fileUri(e.item);
  const message = { text };
  if (uri) return { physicalLocation: { artifactLocation: { uri } }, message };
  // services, packages, bundle ids, registry keys and host names are not files
  return { logicalLocations: [{ name: e.item, fullyQualifiedName: `${e.table}/${e.item}`, kind: e.table === 'registry' ? 'object' : 'resource' }], message };
}

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function renderSarif(r: Report, o: RenderOptions): string {
  const v = buildView(r, o.lang);
  const tr = v.t;
  const rules: object[] = [];
  const index = new Map<string, number>();
  const ruleFor = (f: FindingView) => {
    if (index.has(f.f.rule)) return index.get(f.f.rule)!;
    index.set(f.f.rule, rules.length);
    rules.push({
      id: f.f.rule,
      name: f.f.name,
      shortDescription: { text: `${f.f.name} (${f.category})` },
      fullDescription: { text: f.f.summary.trim() },
      ...(/^https?:\/\//.test(f.f.website) ? { helpUri: f.f.website } : {}),
      help: { text: [f.f.summary.trim(), ...f.capabilities.map((c) => `- ${c.text} (${c.when}; ${c.source})`)].join('\n') },
      defaultConfiguration: { level: levelOf(f.f) },
      properties: {
        tags: ['bosswatch', f.f.category, f.f.group],
        vendor: f.f.vendor,
        category: f.f.category,
        group: f.f.group,
        capabilities: f.f.capabilities.map((c) => ({ id: c.id, default: c.default, source: c.source })),
        hidden_mode: f.f.hidden_mode,
        references: f.f.references,
      },
    });
    return rules.length - 1;
  };
  const results: object[] = v.summary.map((f) => {
    const ruleIndex = ruleFor(f);
    return {
      ruleId: f.f.rule,
      ruleIndex,
      kind: 'review',
      level: levelOf(f.f),
      message: {
        text: tr.t('sarif.message', {
          name: f.f.name,
          category: f.category,
          confidence: f.confidence,
          captures: f.captures,
          running: sentence(f.running),
          hidden: f.hidden,
        }),
      },
      locations: f.f.evidence.map((e, i) => location(e, f.evidence[i].text)),
      properties: { confidence: f.f.confidence, running: f.f.running, group: f.f.group },
    };
  });
  for (const b of v.behaviourSummary) {
    const id = `behaviour/${b.b.id}`;
    if (!index.has(id)) {
      index.set(id, rules.length);
      rules.push({ id, name: b.title, shortDescription: { text: b.title }, fullDescription: { text: b.means }, defaultConfiguration: { level: 'warning' }, properties: { tags: ['bosswatch', 'behaviour'] } });
    }
    results.push({
      ruleId: id,
      ruleIndex: index.get(id),
      kind: 'review',
      level: b.b.confidence === 'low' ? 'note' : 'warning',
      message: { text: tr.t('sarif.behaviour', { title: b.title, confidence: b.confidence, means: b.means }) },
      locations: b.b.evidence.map((e, i) => location({ table: e.table as ReportEvidence['table'], item: b.items[i], what: e.what, indicator: { kind: '', value: '' }, strength: b.b.confidence }, b.evidence[i])),
      properties: { confidence: b.b.confidence, capabilities: b.b.capabilities },
    });
  }
  const notifications = r.coverage
    .filter((c) => c.status !== 'ok')
    .map((c, i) => ({ message: { text: v.notChecked.lines[i] ?? c.table }, level: c.status === 'partial' ? 'note' : 'warning', properties: { source: c.source, table: c.table, status: c.status } }));
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: r.tool.name,
            version: r.tool.version,
            semanticVersion: r.tool.version,
            informationUri: PROJECT_URL,
            rules,
            properties: { rules: r.rules },
          },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        language: v.lang,
        results,
        properties: {
          collected_at: r.collected_at,
          host: r.host,
          checked: r.checked,
          privacy: r.privacy,
          summary: v.headline,
          limits: v.limits.lines,
        },
      },
    ],
  };
  return jsonText(log, 2) + '\n';
}
