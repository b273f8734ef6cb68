import { translator, type Lang, type MessageKey } from '../i18n/index.js';
import { csvField, escapeHtml as h, escapeMarkdown as md, escapeTerminal as esc } from '../report/escape.js';
import { PLATFORMS } from '../snapshot/constants.js';
import type { Cell, FleetRow, FleetSummary } from './summary.js';

export const FLEET_FORMATS = ['terminal', 'markdown', 'html', 'csv', 'json'] as const;
export type FleetFormat = (typeof FLEET_FORMATS)[number];

function cellText(c: Cell, lang?: Lang): string {
  const tr = translator(lang);
  if (typeof c === 'number') return String(c);
  return 'fewer_than' in c ? tr.t('fleet.fewer-than', { n: c.fewer_than }) : tr.t('fleet.withheld');
}

interface Table {
  title: string;
  rows: string[][];
}

function tables(s: FleetSummary, lang?: Lang): { head: string[]; intro: string[]; sections: Table[]; skipped: string[] } {
  const tr = translator(lang);
  const plat = PLATFORMS.map((p) => tr.t(`platform.${p}` as MessageKey));
  const head = [tr.t('fleet.col.name'), tr.t('fleet.col.machines'), ...plat, tr.t('fleet.col.capabilities')];
  const row = (r: FleetRow) => [
    r.kind === 'product' && r.category ? `${r.name} (${tr.t(`category.${r.category}` as MessageKey) ?? r.category})` : r.kind === 'capability' ? tr.t(`capability.${r.id}` as MessageKey) ?? r.id : r.name,
    cellText(r.machines, lang),
    ...PLATFORMS.map((p) => cellText(r.by_platform[p], lang)),
    r.capabilities.join(', '),
  ];
  const intro = [
    tr.t('fleet.used', { used: s.inputs.used, given: s.inputs.given, reports: s.inputs.reports, snapshots: s.inputs.snapshots, skipped: s.inputs.skipped }),
    tr.t('fleet.machines', { total: s.machines.total, ...Object.fromEntries(PLATFORMS.map((p) => [p, cellText(s.machines.by_platform[p], lang)])) }),
    tr.t('fleet.min-group', { n: s.min_group }),
  ];
  const sections: Table[] = [
    { title: tr.t('fleet.products'), rows: s.products.map(row) },
    { title: tr.t('fleet.behaviours'), rows: s.behaviours.map(row) },
    { title: tr.t('fleet.capabilities'), rows: s.capabilities.map((r) => row(r).slice(0, -1)) },
  ];
  const skipped = s.inputs.skipped_files.map((f) => `${f.file}: ${f.why}`);
  if (s.inputs.skipped > s.inputs.skipped_files.length) skipped.push(tr.t('fleet.skipped.more', { n: s.inputs.skipped - s.inputs.skipped_files.length }));
  return { head, intro, sections, skipped };
}

export function renderFleet(s: FleetSummary, format: FleetFormat, lang?: Lang): string {
  const tr = translator(lang);
  if (format === 'json') return JSON.stringify(s, null, 2) + '\n';
  const { head, intro, sections, skipped } = tables(s, lang);
  const none = tr.t('fleet.none');
  if (format === 'csv') {
    const lines = [['section', ...head].map(csvField).join(',')];
    for (const t of sections) for (const r of t.rows) lines.push([t.title, ...r].map(csvField).join(','));
    return lines.join('\r\n') + '\r\n';
  }
  if (format === 'markdown') {
    const out = [`# ${md(tr.t('fleet.title'))}`, '', ...intro.map((l) => `${md(l)}  `), ''];
    for (const t of sections) {
      const cols = t === sections[2] ? head.slice(0, -1) : head;
      out.push(`## ${md(t.title)}`, '');
      if (!t.rows.length) out.push(md(none), '');
      else out.push(`| ${cols.map(md).join(' | ')} |`, `|${cols.map(() => '---').join('|')}|`, ...t.rows.map((r) => `| ${r.map((c) => md(c).replace(/\|/g, '\\|')).join(' | ')} |`), '');
    }
    if (skipped.length) out.push(`## ${md(tr.t('fleet.skipped'))}`, '', ...skipped.map((l) => `- ${md(l)}`), '');
    return out.join('\n');
  }
  if (format === 'html') {
    const table = (t: Table, cols: string[]) =>
      t.rows.length ? `<table><tr>${cols.map((c) => `<th>${h(c)}</th>`).join('')}</tr>${t.rows.map((r) => `<tr>${r.map((c) => `<td>${h(c)}</td>`).join('')}</tr>`).join('')}</table>` : `<p>${h(none)}</p>`;
    return `<!doctype html><html lang="${lang ?? 'en'}"><head><meta charset="utf-8"><title>${h(tr.t('fleet.title'))}</title><style>body{font:15px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left}</style></head><body>
<h1>${h(tr.t('fleet.title'))}</h1>${intro.map((l) => `<p>${h(l)}</p>`).join('')}
${sections.map((t, i) => `<h2>${h(t.title)}</h2>${table(t, i === 2 ? head.slice(0, -1) : head)}`).join('\n')}
${skipped.length ? `<h2>${h(tr.t('fleet.skipped'))}</h2><ul>${skipped.map((l) => `<li>${h(l)}</li>`).join('')}</ul>` : ''}
</body></html>
`;
  }
  // terminal
  const out = [tr.t('fleet.title'), ...intro.map(esc), ''];
  for (const [i, t] of sections.entries()) {
    const cols = i === 2 ? head.slice(0, -1) : head;
    out.push(esc(t.title));
    if (!t.rows.length) {
      out.push(`  ${none}`, '');
      continue;
    }
    const rows = t.rows.map((r) => r.map(esc));
    const widths = cols.slice(0, -1).map((c, j) => Math.max(c.length, ...rows.map((r) => r[j].length)));
    const line = (r: string[]) => `  ${r.map((c, j) => (j < widths.length ? (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j])) : c)).join('  ')}`.trimEnd();
    out.push(line(cols), ...rows.map(line), '');
  }
  if (skipped.length) out.push(tr.t('fleet.skipped'), ...skipped.map((l) => `  - ${esc(l)}`), '');
  return out.join('\n');
}
