import { escapeMarkdown as md } from './escape.js';
import type { RenderOptions, Report } from './types.js';
import { buildView, type Cell, type FindingView, type ReportView } from './view.js';

// For pasting into an issue tracker, an email or a newsletter: plain CommonMark, machine text escaped.
const MARK: Record<Cell, string> = { on: '●', configurable: '○', none: ' ' };
const bullets = (lines: readonly string[]) => lines.map((l) => `- ${l}`).join('\n');
// a URL inside <…> is a link in CommonMark; < > and spaces cannot be inside it
const url = (u: string) => `<${encodeURI(decodeURI(u.replace(/[<>\s]/g, '')))}>`;
const safeUrl = (u: string) => {
  try {
    return url(u);
  } catch {
    return md(u);
  }
};

function finding(v: FindingView, o: RenderOptions, tr: ReportView['t']): string {
  const f = v.f;
  const out = [`### ${md(f.name)} — ${md(v.confidence)}`, ''];
  out.push(`${md(v.category)} · ${md(v.running)} · ${md(v.hidden)} · ${md(f.vendor)} · ${safeUrl(f.website)}`, '');
  out.push(`${md(tr.t('finding.about'))} ${md(f.summary.trim())}`, '');
  out.push(`_${md(v.confidenceMeans)}_`, '');
  out.push(`**${md(tr.t('finding.capabilities'))}**`, '');
  out.push(v.capabilities.length ? bullets(v.capabilities.map((c) => `${md(c.text)} (${md(c.when)}; ${md(tr.t('finding.source.link'))}: ${safeUrl(c.source)})`)) : md(tr.t('finding.capabilities.none')), '');
  if (f.hidden_mode.supported === 'yes') out.push(`**${md(tr.t('finding.hidden'))}**`, '');
  out.push(`**${md(tr.t('finding.evidence'))}**`, '');
  out.push(
    v.evidence
      .map((e) => `- ${md(e.text)}${o.verbose ? `\n${e.technical.map((d) => `  - ${md(d)}`).join('\n')}` : ''}`)
      .join('\n'),
    '',
  );
  if (v.behaviours.length) out.push(`**${md(tr.t('behaviours.explained'))}**`, '', bullets(v.behaviours.map((b) => `${md(b.title)} (${md(b.confidence)}): ${md(b.means)}`)), '');
  out.push(md(tr.t('finding.more', { rule: f.rule })), '');
  return out.join('\n');
}

export function renderMarkdown(r: Report, o: RenderOptions): string {
  const v = buildView(r, o.lang);
  const tr = v.t;
  const out: string[] = [`# ${md(v.title)}`, '', `**${md(v.headline)}**`, ''];
  if (v.summary.length || v.behaviourSummary.length) {
    out.push(bullets([...v.summary.map((f) => `**${md(f.f.name)}** — ${md(tr.t('summary.detail', { category: f.category, captures: f.captures, running: f.running, hidden: f.hidden }))} **${md(f.confidence)}**`), ...v.behaviourSummary.map((b) => `**${md(b.summaryTitle)}** — ${md(tr.t('summary.behaviour.detail', { captures: b.captures }))} **${md(b.confidence)}**`)]), '');
  }
  if (v.summary.length) {
    out.push(`## ${md(v.matrix.title)}`, '', md(v.matrix.legend), '');
    out.push(`| ${md(v.matrix.product)} | ${v.matrix.labels.map(md).join(' | ')} |`);
    out.push(`|---|${v.matrix.labels.map(() => ':-:').join('|')}|`);
    for (const f of v.summary) out.push(`| ${md(f.f.name)} | ${f.cells.map((c) => MARK[c]).join(' | ')} |`);
    out.push('');
  }
  for (const g of v.groups) {
    out.push(`## ${md(g.title)}`, '', `_${md(g.means)}_`, '');
    for (const f of g.findings) out.push(finding(f, o, tr));
  }
  if (v.behaviours.items.length) {
    out.push(`## ${md(v.behaviours.title)}`, '', `_${md(v.behaviours.means)}_`, '');
    for (const b of v.behaviours.items) {
      out.push(`### ${md(b.title)} — ${md(b.confidence)}`, '', md(b.subject), '', md(b.means), '', md(b.notProof), '');
      if (b.evidence.length) out.push(bullets(b.evidence.map(md)), '');
      out.push(md(b.more), '');
    }
  }
  out.push(`## ${md(v.checked.title)}`, '', `${md(v.checked.text)}.`, '');
  if (v.notChecked.lines.length) out.push(`## ${md(v.notChecked.title)}`, '', bullets(v.notChecked.lines.map(md)), '');
  if (o.verbose && v.notChecked.notes.length) out.push(bullets(v.notChecked.notes.map(md)), '');
  out.push(`## ${md(v.limits.title)}`, '', bullets(v.limits.lines.map(md)), '');
  out.push(`## ${md(v.next.title)}`, '', bullets(v.next.lines.map(md)), '');
  out.push(`## ${md(v.about.title)}`, '', v.about.lines.map(md).join('  \n'), '');
  return out.join('\n');
}
