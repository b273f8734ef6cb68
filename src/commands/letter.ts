import { readFileSync } from 'node:fs';
import { InputError, UsageError } from '../errors.js';
import { translator, type MessageKey } from '../i18n/index.js';
import { escapeTerminal } from '../report/escape.js';
import { buildView } from '../report/view.js';
import type { Report } from '../report/types.js';
import { emit, type Io } from './io.js';

export const TEMPLATES = ['generic', 'gdpr'] as const;
export type Template = (typeof TEMPLATES)[number];
export const GDPR_URL = 'https://eur-lex.europa.eu/eli/reg/2016/679/oj';

export interface LetterOptions {
  report?: string;
  template?: string;
  name?: string;
  employer?: string;
  output?: string;
  rules?: string[];
}

/** A saved JSON report, checked against the report schema. */
async function readReport(file: string): Promise<Report> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`cannot read the report ${file}: ${(e as Error).message}`, { key: 'err.letter.unreadable', params: { file, detail: (e as Error).message } });
  }
  const { ReportSchema } = await import('../report/schema.js');
  const parsed = ReportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${file} is not a bosswatch report (version 2): ${issue.path.join('.') || '(top)'}: ${issue.message}`, {
      key: 'err.letter.not-report',
      params: { file, path: issue.path.join('.') || '(top)', detail: issue.message },
    });
  }
  return parsed.data;
}

/** A scan of this computer, as `bosswatch scan` makes it. */
async function scanReport(rules: string[] | undefined, io: Io): Promise<Report> {
  const { loadRuleSet } = await import('../rules/ruleset.js');
  const { collectSnapshot } = await import('../collectors/registry.js');
  const { buildIndex } = await import('../match/index.js');
  const { match } = await import('../match/match.js');
  const { buildReport } = await import('../report/build.js');
  const { TOOL_NAME, TOOL_VERSION } = await import('../version.js');
  const ruleSet = await loadRuleSet({ extraDirs: rules });
  const snapshot = await collectSnapshot({ rules: ruleSet.rules });
  const findings = match(snapshot, buildIndex(ruleSet.rules, snapshot.host.platform));
  return buildReport(snapshot, findings, { tool: { name: TOOL_NAME, version: TOOL_VERSION }, rules: { count: ruleSet.rules.length, digest: ruleSet.digest }, includeIdentifiers: false, lang: io.lang });
}

/** The request to the employer or its data-protection officer, in plain text; personal details only when given. */
export function letterText(r: Report, template: Template, lang: Io['lang'], who: { name?: string; employer?: string } = {}): string {
  const v = buildView(r, lang);
  const { t } = translator(lang);
  const out: string[] = [];
  out.push(t('letter.to', { employer: who.employer?.trim() || t('letter.employer.placeholder') }));
  out.push(t(template === 'gdpr' ? 'letter.subject.gdpr' : 'letter.subject.generic'), '');
  out.push(t('letter.greeting'), '');
  const date = r.collected_at.slice(0, 10);
  if (v.nothingFound) out.push(t('letter.found.none', { date }));
  else {
    out.push(t('letter.found', { date }), '');
    for (const f of v.summary) out.push(`- ${t('letter.product', { name: f.f.name, category: f.category, captures: f.captures, running: f.running })}`);
    // one line per kind of behaviour: two extra root certificates are one question to the employer, not two identical lines
    const kinds = new Map<string, { title: string; captures: string; count: number }>();
    for (const b of v.behaviourSummary) {
      const key = `${b.title}\u0000${b.captures}`;
      const k = kinds.get(key);
      if (k) k.count++;
      else kinds.set(key, { title: b.title, captures: b.captures, count: 1 });
    }
    for (const k of kinds.values()) out.push(`- ${t(k.count > 1 ? 'letter.behaviour.many' : 'letter.behaviour', k)}`);
  }
  out.push('', t('letter.limits'), '', t('letter.ask'), '');
  const questions: MessageKey[] = ['letter.q.tools', 'letter.q.data', 'letter.q.why', 'letter.q.retention', 'letter.q.who', 'letter.q.basis', 'letter.q.decisions', 'letter.q.policy'];
  if (template === 'gdpr') questions.push('letter.q.copy');
  questions.forEach((q, i) => out.push(`${i + 1}. ${t(q)}`));
  out.push('');
  if (template === 'gdpr') out.push(t('letter.gdpr', { url: GDPR_URL }), '');
  out.push(t('letter.closing'), who.name?.trim() || t('letter.name.placeholder'), '');
  out.push(t('letter.footer', { version: r.tool.version }));
  // names in a saved report are machine text: control characters are made visible
  return out.map(escapeTerminal).join('\n') + '\n';
}

export async function letterCommand(opts: LetterOptions, io: Io): Promise<number> {
  const template = (opts.template ?? 'generic') as Template;
  if (!TEMPLATES.includes(template)) throw new UsageError(`unknown template "${opts.template}" (use ${TEMPLATES.join(' or ')})`, { key: 'error.unknown-template', params: { template: String(opts.template) } });
  const report = opts.report ? await readReport(opts.report) : await scanReport(opts.rules, io);
  emit(io, letterText(report, template, io.lang, { name: opts.name, employer: opts.employer }), opts.output);
  return 0;
}
