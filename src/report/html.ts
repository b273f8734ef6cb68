import { escapeHtml as h } from './escape.js';
import { behavioursHeading } from '../detect/messages.js';
import { CAPABILITIES, type CapabilityId } from '../rules/vocabulary.js';
import { behaviourSubject, tableLabel } from './terminal.js';
import type { Report, ReportBehaviour, ReportFinding } from './types.js';
import { own } from '../util/own.js';

// One self-contained page (no scripts, no remote resources) that can be printed or shared as a file.
const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}.f{border:1px solid #ccc;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
.high{color:#b00020}.medium{color:#8a5a00}.low{color:#005a8a}code{background:#f4f4f4;padding:0 .2rem;word-break:break-all}
.dim{color:#666;font-size:.9rem}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left}`;

function finding(f: ReportFinding): string {
  const caps = f.capabilities.length
    ? `<ul>${f.capabilities.map((c) => `<li>${h(c.text)} <span class="dim">(${c.default === 'on' ? 'on by default' : 'if the employer turns it on'}; <a href="${h(c.source)}">source</a>)</span></li>`).join('')}</ul>`
    : '<p>Nothing documented in our rules.</p>';
  const evidence = f.evidence
    .map((e) => `<tr><td>${h(e.what)}</td><td><code>${h(e.item)}</code></td><td><code>${h(e.indicator.value)}</code></td><td>${e.strength}</td></tr>`)
    .join('');
  return `<section class="f"><h3>${h(f.name)} <span class="dim">${h(f.category_label)}</span> — <span class="${f.confidence}">${f.confidence} confidence</span></h3>
<p class="dim">${h(f.vendor)} · <a href="${h(f.website)}">${h(f.website)}</a>${f.running ? ' · running now' : ''}</p>
<p>${h(f.summary.trim())}</p><h4>What it can collect</h4>${caps}
${f.hidden_mode.supported === 'yes' ? '<p><strong>Can run hidden:</strong> the vendor offers a mode without icon or program-list entry.</p>' : ''}
<h4>How it was recognised</h4><table><tr><th>what</th><th>on this computer</th><th>rule indicator</th><th>strength</th></tr>${evidence}</table>
${f.behaviours?.length ? `<h4>${h(behavioursHeading().explained)}</h4><ul>${f.behaviours.map((b) => `<li>${h(b.title)}: <code>${h(behaviourSubject(b))}</code></li>`).join('')}</ul>` : ''}</section>`;
}

function behaviour(b: ReportBehaviour): string {
  const caps = b.capabilities.map((id) => `<li>${h(own(CAPABILITIES, id) ?? id)}</li>`).join('');
  const ev = b.evidence.map((e) => `<tr><td>${h(e.what)}</td><td><code>${h(e.item)}</code></td></tr>`).join('');
  return `<section class="f"><h3>${h(b.title)} — <span class="${b.confidence}">${b.confidence} confidence</span></h3>
<p><code>${h(behaviourSubject(b))}</code></p><p>${h(b.means)}</p><p class="dim">${h(b.not_proof)} More: <code>bosswatch explain ${h(b.id)}</code></p>
${caps ? `<ul>${caps}</ul>` : ''}<table>${ev}</table></section>`;
}

export function renderHtml(r: Report): string {
  const notOk = r.coverage.filter((c) => c.status !== 'ok');
  const checked = Object.entries(r.checked).map(([t, n]) => `${h(tableLabel(t) ?? t)} (${n})`).join(', ');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bosswatch report</title><style>${STYLE}</style></head><body>
<h1>bosswatch report</h1>
<p class="dim">bosswatch ${h(r.tool.version)} · ${h(r.host.platform)} (${h(r.host.os_version)}) · inventory of ${h(r.collected_at)} · ${r.rules.count} rules (${h(r.rules.digest)})</p>
<h2>${r.findings.length ? `${r.findings.length} monitoring product${r.findings.length === 1 ? '' : 's'} recognised` : 'No known monitoring agent was recognised in what could be checked'}</h2>
${r.findings.map(finding).join('\n')}
${r.behaviours?.length ? `<h2>${h(behavioursHeading().title)}</h2><p class="dim">${h(behavioursHeading().intro)}</p>${r.behaviours.map(behaviour).join('\n')}` : ''}
<h2>What was checked</h2><p>${checked || 'nothing'}.</p>
${notOk.length ? `<h2>What could not be checked (fully)</h2><ul>${notOk.map((c) => `<li>${h(tableLabel(c.table) ?? c.table)} — ${c.status}: ${h(c.reason ?? 'no reason given')}</li>`).join('')}</ul>` : ''}
<p class="dim">bosswatch only recognises the products in its rules, and only on this computer; monitoring can also run on the network or on company servers. No finding is not proof of no monitoring, and a finding is not proof of wrongdoing. Host and user names are ${r.privacy.identifiers}.</p>
</body></html>
`;
}
