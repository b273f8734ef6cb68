import type { ChalkInstance } from 'chalk';
import { translator, type MessageKey } from '../i18n/index.js';
import { escapeTerminal as esc } from './escape.js';
import { TABLE_NAMES } from '../snapshot/constants.js';
import type { TableName } from '../snapshot/schema.js';
import type { RenderOptions, Report, ReportBehaviour } from './types.js';
import { buildView, type Cell, type FindingView } from './view.js';
import { visibleLength, wrap } from './wrap.js';

// Evidence lines shown per product without --verbose
const EVIDENCE_SHOWN = 6;
const MARK: Record<Cell, string> = { on: '●', configurable: '○', none: ' ' };

const confColor = (c: ChalkInstance, level: string) => (level === 'high' ? c.red.bold : level === 'medium' ? c.yellow.bold : c.cyan);

/** The human report: the answer first (summary, matrix), then the products by what they mean, then the limits. */
export function renderTerminal(r: Report, o: RenderOptions): string {
  const v = buildView(r, o.lang);
  const c = o.color;
  const width = Math.max(40, Math.floor(o.width ?? 80));
  const out: string[] = [];
  const para = (text: string, indent = '', hang = indent) => out.push(...wrap(text, width, indent, hang));
  const bullet = (text: string, level = 1, mark = '•') => para(text, `${'  '.repeat(level)}${mark} `, `${'  '.repeat(level)}  `);
  const heading = (text: string) => out.push(c.bold(esc(text)));
  const blank = () => out.push('');

  // 1. the answer
  para(c.bold(esc(v.headline)));
  if (v.summary.length || v.behaviourSummary.length) blank();
  for (const f of v.summary) bullet(esc(f.summaryLine), 1, confColor(c, f.f.confidence)('●'));
  for (const b of v.behaviourSummary) bullet(esc(b.summaryLine), 1, confColor(c, b.b.confidence)('◆'));

  // 2. the matrix
  if (v.summary.length) {
    blank();
    heading(v.matrix.title);
    para(c.dim(esc(v.matrix.legend)), '  ');
    out.push(...matrix(v.summary, v.matrix.short, width));
  }

  // 3. the findings, grouped by what they mean for the person
  for (const g of v.groups) {
    blank();
    out.push(c.bold(`━━ ${esc(g.title)} ━━`));
    para(esc(g.means));
    for (const f of g.findings) {
      blank();
      out.push(...finding(f, o, width));
    }
  }

  if (v.behaviours.items.length) {
    blank();
    out.push(c.bold(`━━ ${esc(v.behaviours.title)} ━━`));
    para(esc(v.behaviours.means));
    for (const b of v.behaviours.items) {
      blank();
      para(c.bold(`◆ ${esc(b.title)}`) + ` ${c.dim('·')} ${confColor(c, b.b.confidence)(esc(b.confidence))}`);
      para(esc(b.subject), '  ');
      para(esc(b.means), '  ');
      para(esc(b.notProof), '  ');
      for (const e of b.evidence) bullet(esc(e), 2);
      para(c.dim(esc(b.more)), '  ');
    }
  }

  // 4. what was not checked, the limits, what to do next
  blank();
  heading(v.checked.title);
  para(`${esc(v.checked.text)}.`, '  ');
  if (v.notChecked.lines.length) {
    blank();
    heading(v.notChecked.title);
    for (const l of v.notChecked.lines) bullet(esc(l));
  }
  if (o.verbose && v.notChecked.notes.length) {
    blank();
    for (const l of v.notChecked.notes) para(c.dim(esc(l)), '  ');
  }
  blank();
  heading(v.limits.title);
  for (const l of v.limits.lines) bullet(esc(l));
  blank();
  heading(v.next.title);
  for (const l of v.next.lines) bullet(esc(l));
  blank();
  for (const l of v.about.lines) para(c.dim(esc(l)));
  return out.join('\n') + '\n';
}

function finding(v: FindingView, o: RenderOptions, width: number): string[] {
  const c = o.color;
  const tr = translator(o.lang);
  const t = (k: MessageKey) => esc(tr.t(k));
  const out: string[] = [];
  const para = (text: string, indent = '', hang = indent) => out.push(...wrap(text, width, indent, hang));
  const bullet = (text: string, level: number) => para(text, `${'  '.repeat(level)}• `, `${'  '.repeat(level)}  `);
  const f = v.f;
  para(`${c.bold(`● ${esc(f.name)}`)} ${c.dim(`· ${esc(v.category)} ·`)} ${confColor(c, f.confidence)(esc(v.confidence))}`, '', '  ');
  para(c.dim(`${esc(f.vendor)} · ${esc(f.website)} · ${esc(tr.t('finding.more', { rule: f.rule }))}`), '  ');
  para(`${t('finding.about')} ${esc(f.summary.trim())}`, '  ');
  para(c.dim(esc(v.confidenceMeans)), '  ');
  para(`${t('finding.capabilities')}:`, '  ');
  if (!v.capabilities.length) para(t('finding.capabilities.none'), '    ');
  for (const cap of v.capabilities) {
    bullet(`${esc(cap.text)} ${c.dim(`(${esc(cap.when)})`)}`, 2);
    if (o.verbose && cap.note) para(c.dim(esc(tr.t('finding.capability.note', { note: cap.note }))), '      ');
    if (o.verbose) para(c.dim(esc(tr.t('finding.source', { url: cap.source }))), '      ');
  }
  if (f.hidden_mode.supported === 'yes') {
    para(c.yellow(t('finding.hidden')) + (o.verbose && f.hidden_mode.source ? c.dim(` (${esc(tr.t('finding.source', { url: f.hidden_mode.source }))})`) : ''), '  ', '    ');
  }
  para(`${t('finding.evidence')}:`, '  ');
  const shown = o.verbose ? v.evidence : v.evidence.slice(0, EVIDENCE_SHOWN);
  for (const e of shown) {
    bullet(esc(e.text), 2);
    if (o.verbose) for (const d of e.technical) para(c.dim(esc(d)), '      ', '        ');
  }
  if (shown.length < v.evidence.length) para(c.dim(esc(tr.n('finding.evidence.more', v.evidence.length - shown.length))), '    ');
  if (v.behaviours.length) {
    para(`${t('behaviours.explained')}:`, '  ');
    for (const b of v.behaviours) {
      bullet(`${esc(b.title)} (${esc(b.confidence)})`, 2);
      para(esc(b.means), '      ');
    }
  }
  return out;
}

/** Products x capability families as a grid; a list when the terminal is too narrow for the grid. */
function matrix(rows: readonly FindingView[], short: readonly string[], width: number): string[] {
  const colW = short.map((s) => Math.max(3, visibleLength(s)) + 1);
  const grid = colW.reduce((a, b) => a + b, 0);
  const nameW = Math.min(Math.max(...rows.map((r) => visibleLength(r.f.name))), width - grid - 2);
  if (nameW < 8) {
    return rows.flatMap((r) => wrap(`${esc(r.f.name)}: ${r.cells.map((cell, i) => (cell === 'none' ? '' : `${esc(short[i])} ${MARK[cell]}`)).filter(Boolean).join(', ')}`, width, '  ', '    '));
  }
  const fit = (s: string) => (visibleLength(s) <= nameW ? s + ' '.repeat(nameW - visibleLength(s)) : `${[...s].slice(0, nameW - 1).join('')}…`);
  const centre = (s: string, w: number) => {
    const pad = w - visibleLength(s);
    return ' '.repeat(Math.floor(pad / 2)) + s + ' '.repeat(Math.ceil(pad / 2));
  };
  const lines = [`  ${' '.repeat(nameW)}${short.map((s, i) => centre(esc(s), colW[i])).join('')}`.trimEnd()];
  for (const r of rows) lines.push(`  ${fit(esc(r.f.name))}${r.cells.map((cell, i) => centre(MARK[cell], colW[i])).join('')}`.trimEnd());
  return lines;
}

export const TABLE_LABEL = Object.fromEntries(
  TABLE_NAMES.map((t) => [t, translator('en').t(`table.${t}` as MessageKey)]),
) as Record<TableName, string>;

/** The English label of a table named by input (a coverage row): own keys only, so `constructor` or `__proto__` stay text. */
export function tableLabel(t: string): string | undefined {
  return Object.hasOwn(TABLE_LABEL, t) ? TABLE_LABEL[t as TableName] : undefined;
}

/** What a behaviour's program or setting is, in one line. */
export function behaviourSubject(b: ReportBehaviour): string {
  const s = b.subject;
  if (s.kind === 'process') return `${s.name}${s.pid !== undefined ? ` (pid ${s.pid})` : ''}${s.path && s.path !== s.name ? ` ${s.path}` : ''}`;
  return [...new Set([s.file, s.key, s.value].filter(Boolean))].join(': ');
}
