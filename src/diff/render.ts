import type { ChalkInstance } from 'chalk';
import { translator, type Lang, type MessageKey } from '../i18n/index.js';
import { escapeMarkdown as md, escapeTerminal as esc } from '../report/escape.js';
import type { Appeared, Changed, CoverageChange, DiffResult, DiffWarning, Disappeared, EvidenceRef, Section } from './diff.js';

export const DIFF_FORMATS = ['terminal', 'markdown', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

// evidence items listed per change; the rest are counted (json lists them all)
const SHOWN_ITEMS = 3;

/** One line per warning, in the user's language (machine values escaped by the caller's format). */
export function warningText(w: DiffWarning, r: DiffResult, lang?: Lang): string {
  const tr = translator(lang);
  if (w.kind === 'new-is-older') return tr.t('diff.warn.older', { old_time: w.old, new_time: w.new });
  if (w.kind === 'different-rules') return tr.t('diff.warn.rules', { old: w.old.slice(0, 19), new: w.new.slice(0, 19) });
  const what = w.differs.map((d) => tr.t(`diff.warn.${d.what}` as MessageKey, { old: d.old ?? '', new: d.new ?? '' })).join('; ');
  return tr.t('diff.warn.different', { old: r.old.file, new: r.new.file, what });
}

interface Line {
  /** what kind of line: colours in the terminal */
  tone: 'up' | 'down' | 'change' | 'plain';
  text: string;
  sub: string[];
}

interface Block {
  title: string;
  lines: Line[];
}

/** The words of the comparison, format-neutral: every format escapes them its own way. */
function blocks(r: DiffResult, lang?: Lang): { head: string[]; sections: Block[]; tail: string[] } {
  const tr = translator(lang);
  const conf = (c: string) => tr.t(`confidence.${c}` as MessageKey);
  const cat = (c?: string) => (c ? `, ${tr.t(`category.${c}` as MessageKey) ?? c}` : '');
  const tables = (ts: string[]) => ts.map((t) => tr.t(`table.${t}` as MessageKey) ?? t).join(', ');
  const items = (es: EvidenceRef[]) => {
    const shown = es.slice(0, SHOWN_ITEMS).map((e) => `${e.item} (${tables([e.table])})`).join('; ');
    return es.length > SHOWN_ITEMS ? `${shown} ${tr.t('diff.and-more', { n: es.length - SHOWN_ITEMS })}` : shown;
  };
  const appeared = (a: Appeared): Line => ({
    tone: 'up',
    text: `+ ${a.name} (${a.id}${cat(a.category)}): ${conf(a.confidence)}${a.running ? `, ${tr.t('diff.running')}` : ''}; ${tr.n('diff.evidence', a.evidence)}`,
    sub: a.old_not_checked.length ? [tr.t('diff.maybe-before', { tables: tables(a.old_not_checked) })] : [],
  });
  const gone = (d: Disappeared): Line => ({
    tone: 'down',
    text: `- ${d.name} (${d.id}${cat(d.category)}): ${tr.t('diff.was', { confidence: conf(d.confidence) })}`,
    sub: [d.status === 'not-found' ? tr.t('diff.not-found') : tr.t('diff.not-checked', { tables: tables(d.new_not_checked) })],
  });
  const changed = (c: Changed): Line => {
    const parts: string[] = [];
    if (c.confidence) parts.push(tr.t('diff.confidence', { old: conf(c.confidence.old), new: conf(c.confidence.new) }));
    if (c.running) parts.push(tr.t(c.running.new ? 'diff.now-running' : 'diff.no-longer-running'));
    const { added, removed, unseen } = c.evidence;
    if (added.length || removed.length || unseen.length) {
      const counts = tr.t('diff.evidence-change', { added: added.length, removed: removed.length });
      parts.push(unseen.length ? `${counts}, ${tr.t('diff.evidence-unseen-count', { n: unseen.length })}` : counts);
    }
    const up = (c.confidence && ['low', 'medium', 'high'].indexOf(c.confidence.new) > ['low', 'medium', 'high'].indexOf(c.confidence.old)) || c.running?.new === true;
    return {
      tone: up ? 'up' : 'change',
      text: `~ ${c.name} (${c.id}${cat(c.category)}): ${parts.join('; ')}`,
      sub: [
        ...(added.length ? [tr.t('diff.evidence-added', { items: items(added) })] : []),
        ...(removed.length ? [tr.t('diff.evidence-removed', { items: items(removed) })] : []),
        ...(unseen.length ? [tr.t('diff.evidence-unseen', { items: items(unseen) })] : []),
      ],
    };
  };
  const status = (s: string) => (s ? tr.t(`coverage.${s}` as MessageKey) ?? s : tr.t('diff.not-in-file'));
  const cov = (c: CoverageChange): Line => ({
    tone: c.new === 'ok' ? 'down' : c.old === 'ok' ? 'up' : 'change',
    text: `${tr.t(`table.${c.table}` as MessageKey) ?? c.table} (${c.source}): ${status(c.old)} → ${status(c.new)}`,
    sub: c.reason ? [c.reason] : [],
  });
  const of = (s: Section, kind: 'products' | 'behaviours'): Block[] =>
    [
      { title: tr.t(`diff.${kind}.appeared`), lines: s.appeared.map(appeared) },
      { title: tr.t(`diff.${kind}.disappeared`), lines: s.disappeared.map(gone) },
      { title: tr.t(`diff.${kind}.changed`), lines: s.changed.map(changed) },
    ].filter((b) => b.lines.length);
  const kind = (k: 'report' | 'snapshot') => tr.t(`diff.kind.${k}`);
  const head = [
    tr.t('diff.sides', {
      old: r.old.file, old_kind: kind(r.old.kind), old_platform: tr.t(`platform.${r.old.platform}` as MessageKey), old_time: r.old.collected_at,
      new: r.new.file, new_kind: kind(r.new.kind), new_platform: tr.t(`platform.${r.new.platform}` as MessageKey), new_time: r.new.collected_at,
    }),
    ...r.warnings.map((w) => warningText(w, r, lang)),
  ];
  const monitoring = [...of(r.products, 'products'), ...of(r.behaviours, 'behaviours')];
  const coverage = [
    { title: tr.t('diff.coverage.changed'), lines: r.coverage.changed.map(cov) },
    { title: tr.t('diff.coverage.only-old'), lines: r.coverage.only_old.map(cov) },
    { title: tr.t('diff.coverage.only-new'), lines: r.coverage.only_new.map(cov) },
  ].filter((b) => b.lines.length);
  const count = (s: Section) => ({ appeared: s.appeared.length, disappeared: s.disappeared.length, changed: s.changed.length });
  const p = count(r.products);
  const b = count(r.behaviours);
  const tail = [
    ...(monitoring.length ? [] : [tr.t('diff.none')]),
    ...(coverage.length ? [] : [tr.t('diff.no-coverage-change')]),
    tr.t('diff.summary', {
      p_appeared: p.appeared, p_disappeared: p.disappeared, p_changed: p.changed,
      b_appeared: b.appeared, b_disappeared: b.disappeared, b_changed: b.changed,
      coverage: r.coverage.changed.length + r.coverage.only_old.length + r.coverage.only_new.length,
    }),
    tr.t(r.monitoring_increased ? 'diff.increased' : 'diff.not-increased'),
    tr.t('diff.privacy', { privacy: tr.t(r.privacy.identifiers === 'included' ? 'privacy.included' : 'privacy.redacted') }),
  ];
  return { head, sections: [...monitoring, ...coverage], tail };
}

export function renderDiff(r: DiffResult, format: DiffFormat, opts: { color: ChalkInstance; lang?: Lang }): string {
  if (format === 'json') return JSON.stringify(r, null, 2) + '\n';
  const tr = translator(opts.lang);
  const { head, sections, tail } = blocks(r, opts.lang);
  if (format === 'markdown') {
    const out = [`# ${md(tr.t('diff.title'))}`, '', ...head.map((l) => `${md(l)}  `), ''];
    for (const s of sections) {
      out.push(`## ${md(s.title)}`, '');
      for (const l of s.lines) {
        // the +, - and ~ markers are ours; a list item must not start with them
        out.push(`- ${md(l.text.replace(/^[+~-] /, ''))}`, ...l.sub.map((x) => `  - ${md(x)}`));
      }
      out.push('');
    }
    out.push(...tail.map((l) => `${md(l)}  `), '');
    return out.join('\n');
  }
  const c = opts.color;
  const tone = (l: Line) => (l.tone === 'up' ? c.red(esc(l.text)) : l.tone === 'down' ? c.green(esc(l.text)) : l.tone === 'change' ? c.yellow(esc(l.text)) : esc(l.text));
  const out = [c.bold(tr.t('diff.title')), ...head.map((l, i) => (i ? c.yellow(esc(l)) : esc(l))), ''];
  for (const s of sections) {
    out.push(c.bold(esc(s.title)));
    for (const l of s.lines) out.push(`  ${tone(l)}`, ...l.sub.map((x) => `      ${c.dim(esc(x))}`));
    out.push('');
  }
  out.push(...tail.map(esc), '');
  return out.join('\n');
}
