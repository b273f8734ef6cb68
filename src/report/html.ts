import { escapeHtml as h } from './escape.js';
import type { RenderOptions, Report } from './types.js';
import { buildView, type BehaviourView, type Cell, type FindingView, type ReportView } from './view.js';

// One self-contained page (no scripts, no remote resources) that reads on a phone, prints, and can be sent as a file.
const STYLE = `*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:56rem;margin:0 auto;padding:1rem;color:#1d1d1f;background:#fff;overflow-wrap:anywhere}
h1{font-size:1.35rem;margin:.2rem 0 .6rem}h2{font-size:1.2rem;margin:2rem 0 .4rem;padding-top:.6rem;border-top:2px solid #ddd}
h3{font-size:1.05rem;margin:0 0 .3rem}h4{font-size:.95rem;margin:.9rem 0 .2rem}
p,ul{margin:.35rem 0}ul{padding-left:1.3rem}li{margin:.15rem 0}
.answer{font-size:1.1rem;font-weight:600;margin:.3rem 0 .7rem}
.summary li{margin:.35rem 0}
.badge{display:inline-block;font-size:.8rem;font-weight:600;padding:0 .4rem;border-radius:.6rem;border:1px solid currentColor;white-space:nowrap}
.high{color:#a50016}.medium{color:#7a4d00}.low{color:#00507a}
.means{color:#333}.dim{color:#555;font-size:.9rem}
.f{border:1px solid #ccc;border-radius:8px;padding:.7rem .9rem;margin:.9rem 0}
.warn{color:#7a4d00;font-weight:600}
code{font:.88em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f3f3f3;padding:0 .2rem;border-radius:3px;overflow-wrap:anywhere;word-break:break-word}
details{margin:.4rem 0}summary{cursor:pointer;color:#333}
.scroll{overflow-x:auto;max-width:100%;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;font-size:.9rem}th,td{border:1px solid #ddd;padding:.25rem .45rem;text-align:left;vertical-align:top}
.matrix th,.matrix td{overflow-wrap:normal;word-break:normal}.matrix thead th{font-size:.85rem;vertical-align:bottom}.matrix td.c{text-align:center;min-width:2.2rem;font-size:1.05rem}.matrix th.p,.matrix td.p{min-width:7rem}
.short{display:none}
@media (max-width:40rem){body{padding:.75rem;font-size:15px}.matrix th.p,.matrix td.p{min-width:0;font-size:.85rem}
.matrix thead th:not(.p){writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;text-align:left;padding:.4rem .15rem}
.matrix td.c{min-width:1.7rem;padding:.2rem .1rem}}
@media print{body{max-width:none;padding:0;font-size:11pt}h2{break-after:avoid}.f{break-inside:avoid}details>summary{display:none}
details:not([open])>*{display:block}.scroll{overflow:visible}a{color:inherit}}
@media (prefers-color-scheme:dark){body{color:#e8e8e8;background:#161616}.means{color:#ccc}.dim{color:#aaa}code{background:#2a2a2a}
.f,th,td{border-color:#444}h2{border-color:#444}summary{color:#ccc}.high{color:#ff7b86}.medium{color:#f0b54a}.low{color:#6fc3f0}.warn{color:#f0b54a}}`;

const MARK: Record<Cell, string> = { on: '●', configurable: '○', none: '' };

const conf = (level: string, text: string) => `<span class="badge ${h(level)}">${h(text)}</span>`;
const list = (items: readonly string[]) => (items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '');

function matrix(v: ReportView): string {
  const head = v.matrix.labels
    .map((l, i) => `<th scope="col"><span class="long">${h(l)}</span><span class="short" title="${h(l)}">${h(v.matrix.short[i])}</span></th>`)
    .join('');
  const rows = v.summary
    .map((f) => `<tr><th scope="row" class="p">${h(f.f.name)}</th>${f.cells.map((c, i) => `<td class="c" title="${h(`${v.matrix.labels[i]}: ${v.matrix.cellText[c]}`)}">${MARK[c]}</td>`).join('')}</tr>`)
    .join('');
  return `<h2 id="matrix">${h(v.matrix.title)}</h2><p class="dim">${h(v.matrix.legend)}</p>
<div class="scroll"><table class="matrix"><thead><tr><th scope="col" class="p">${h(v.matrix.product)}</th>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

function behaviour(b: BehaviourView, i: number): string {
  return `<section class="f" id="b-${i}-${h(b.b.id)}"><h3>${h(b.title)} ${conf(b.b.confidence, b.confidence)}</h3>
<p><code>${h(b.subject)}</code></p><p>${h(b.means)}</p><p class="means">${h(b.notProof)}</p>${list(b.evidence.map((e) => h(e)))}<p class="dim"><code>${h(b.more)}</code></p></section>`;
}

function finding(v: FindingView, o: RenderOptions, tr: ReportView['t']): string {
  const f = v.f;
  const caps = v.capabilities.length
    ? list(v.capabilities.map((c) => `${h(c.text)} <span class="dim">(${h(c.when)}; <a href="${h(c.source)}">${h(tr.t('finding.source.link'))}</a>)</span>${c.note ? `<br><span class="dim">${h(tr.t('finding.capability.note', { note: c.note }))}</span>` : ''}`))
    : `<p>${h(tr.t('finding.capabilities.none'))}</p>`;
  const evidence = list(v.evidence.map((e) => h(e.text)));
  const technical = v.evidence.flatMap((e) => e.technical.map((t) => `<li><code>${h(t)}</code></li>`)).join('');
  const explained = v.behaviours.length
    ? `<h4>${h(tr.t('behaviours.explained'))}</h4>${list(v.behaviours.map((b) => `${h(b.title)} ${conf(b.b.confidence, b.confidence)}<br><span class="dim">${h(b.means)}</span>`))}`
    : '';
  return `<section class="f" id="f-${h(f.rule)}"><h3>${h(f.name)}</h3>
<p>${conf(f.confidence, v.confidence)} <span class="dim">${h(v.category)} · ${h(v.running)}</span></p>
<p class="dim">${h(f.vendor)} · <a href="${h(f.website)}">${h(tr.t('finding.website'))}</a> · <code>${h(tr.t('finding.more', { rule: f.rule }))}</code></p>
<p>${h(tr.t('finding.about'))} ${h(f.summary.trim())}</p>
<p class="dim">${h(v.confidenceMeans)}</p>
<h4>${h(tr.t('finding.capabilities'))}</h4>${caps}
${f.hidden_mode.supported === 'yes' ? `<p class="warn">${h(tr.t('finding.hidden'))}${f.hidden_mode.source ? ` <a href="${h(f.hidden_mode.source)}">${h(tr.t('finding.source.link'))}</a>` : ''}</p>` : ''}
<h4>${h(tr.t('finding.evidence'))}</h4>${evidence}
<details><summary>${h(tr.t('finding.technical'))}</summary><ul>${technical}</ul>
${f.references.length ? `<p>${h(tr.t('finding.references'))}:</p>${list(f.references.map((r) => `<a href="${h(r.url)}">${h(r.title ?? r.url)}</a>`))}` : ''}</details>${explained}</section>`;
}

export function renderHtml(r: Report, o: RenderOptions = { verbose: false, color: undefined as never }): string {
  const v = buildView(r, o.lang);
  const tr = v.t;
  const summary = [
    ...v.summary.map((f) => `<a href="#f-${h(f.f.rule)}">${h(f.f.name)}</a> ${conf(f.f.confidence, f.confidence)}<br>${h(tr.t('summary.detail', { category: f.category, captures: f.captures, running: f.running, hidden: f.hidden }))}`),
    ...v.behaviourSummary.map((b, i) => `<a href="#b-${i}-${h(b.b.id)}">${h(b.summaryTitle)}</a> ${conf(b.b.confidence, b.confidence)}<br>${h(tr.t('summary.behaviour.detail', { captures: b.captures }))}`),
  ];
  const groups = v.groups
    .map((g) => `<h2 id="g-${g.id}">${h(g.title)}</h2><p class="means">${h(g.means)}</p>${g.findings.map((f) => finding(f, o, tr)).join('\n')}`)
    .join('\n');
  const behaviours = v.behaviours.items.length
    ? `<h2 id="behaviours">${h(v.behaviours.title)}</h2><p class="means">${h(v.behaviours.means)}</p>${v.behaviours.items.map(behaviour).join('\n')}`
    : '';
  return `<!doctype html>
<html lang="${v.lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${h(v.title)}</title><style>${STYLE}</style></head><body>
<header id="summary"><h1>${h(v.title)}</h1>
<p class="answer">${h(v.headline)}</p>
${summary.length ? `<ul class="summary">${summary.map((s) => `<li>${s}</li>`).join('')}</ul>` : ''}</header>
${v.summary.length ? matrix(v) : ''}
${groups}
${behaviours}
<h2>${h(v.checked.title)}</h2><p>${h(v.checked.text)}.</p>
${v.notChecked.lines.length ? `<h2>${h(v.notChecked.title)}</h2>${list(v.notChecked.lines.map((l) => h(l)))}` : ''}
${v.notChecked.notes.length ? `<details><summary>${h(tr.t('finding.technical'))}</summary>${list(v.notChecked.notes.map((l) => h(l)))}</details>` : ''}
<h2>${h(v.limits.title)}</h2>${list(v.limits.lines.map((l) => h(l)))}
<h2>${h(v.next.title)}</h2>${list(v.next.lines.map((l) => h(l)))}
<footer><h2>${h(v.about.title)}</h2>${v.about.lines.map((l) => `<p class="dim">${h(l)}</p>`).join('')}</footer>
</body></html>
`;
}
