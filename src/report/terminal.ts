import type { ChalkInstance } from 'chalk';
import type { TableName } from '../snapshot/schema.js';
import { translator } from '../i18n/index.js';
import type { CapabilityId, Category } from '../rules/vocabulary.js';
import { escapeTerminal as esc } from './escape.js';
import { behavioursHeading } from '../detect/messages.js';
import type { RenderOptions, Report, ReportBehaviour, ReportFinding } from './types.js';
import { own } from '../util/own.js';

const PLATFORM: Record<string, string> = { windows: 'Windows', macos: 'macOS', linux: 'Linux' };

const en = translator('en');
export const TABLE_LABEL = Object.fromEntries(
  (['processes', 'services', 'packages', 'apps', 'autostart', 'drivers', 'files', 'registry', 'browser_extensions', 'permissions', 'network', 'device_access', 'input_devices', 'settings', 'certificates', 'event_taps'] as const).map((t) => [t, en.t(`table.${t}`)]),
) as Record<TableName, string>;

/** The label of a table named by input (a coverage row): own keys only, so `constructor` or `__proto__` stay text. */
export function tableLabel(t: string): string | undefined {
  return Object.hasOwn(TABLE_LABEL, t) ? TABLE_LABEL[t as TableName] : undefined;
}

const CONFIDENCE_TEXT = { high: en.t('confidence.high.means'), medium: en.t('confidence.medium.means'), low: en.t('confidence.low.means') };

function confidence(c: ChalkInstance, level: ReportFinding['confidence']): string {
  const label = `${level.toUpperCase()} confidence`;
  return level === 'high' ? c.red.bold(label) : level === 'medium' ? c.yellow.bold(label) : c.cyan(label);
}

function finding(f: ReportFinding, o: RenderOptions): string[] {
  const c = o.color;
  const tr = translator(o.lang);
  const lines = [`${c.bold(`● ${esc(f.name)}`)}  ${c.dim(tr.t(`category.${f.category as Category}`))}  ${confidence(c, f.confidence)}`];
  lines.push(`  ${c.dim(`${esc(f.vendor)} · ${esc(f.website)} · more: bosswatch explain ${esc(f.rule)}`)}`);
  lines.push(`  ${esc(f.summary.trim())}`);
  lines.push(`  ${c.dim(`Confidence ${f.confidence}: ${CONFIDENCE_TEXT[f.confidence]}.`)}`);
  if (f.capabilities.length) {
    lines.push('  What it can collect:');
    for (const cap of f.capabilities) {
      lines.push(`    • ${tr.t(`capability.${cap.id as CapabilityId}`)} ${c.dim(`(${tr.t(`default.${cap.default}`)})`)}`);
      if (o.verbose) lines.push(`      ${c.dim(`source: ${esc(cap.source)}`)}`);
    }
  } else lines.push('  What it can collect: not documented in our rules.');
  if (f.hidden_mode.supported === 'yes') lines.push(`  ${c.yellow('Can run hidden')}: the vendor offers a mode without icon or program-list entry.${o.verbose && f.hidden_mode.source ? c.dim(` (source: ${esc(f.hidden_mode.source)})`) : ''}`);
  lines.push('  How it was recognised:');
  // one line per item on this computer, with its most specific indicator; --verbose lists every match
  const seen = new Set<string>();
  const distinct = o.verbose ? f.evidence : f.evidence.filter((e) => !seen.has(`${e.table}\0${e.item}`) && seen.add(`${e.table}\0${e.item}`));
  const shown = o.verbose ? distinct : distinct.slice(0, 4);
  for (const e of shown) {
    const rule = e.indicator.value === e.item ? '' : c.dim(` (rule: ${esc(e.indicator.value)})`);
    lines.push(`    • ${e.what}: ${esc(e.item)}${rule} ${c.dim(`[${e.strength}]`)}`);
  }
  if (shown.length < f.evidence.length) lines.push(`    ${c.dim(`… ${f.evidence.length - shown.length} more matches (use --verbose)`)}`);
  if (f.behaviours?.length) {
    lines.push(`  ${behavioursHeading(o.lang).explained}:`);
    for (const b of f.behaviours) lines.push(`    ◆ ${esc(b.title)}: ${esc(behaviourSubject(b))} ${c.dim(`(bosswatch explain ${esc(b.id)})`)}`);
  }
  return lines;
}

/** What a behaviour's program or setting is, in one line. */
export function behaviourSubject(b: ReportBehaviour): string {
  const s = b.subject;
  if (s.kind === 'process') return `${s.name}${s.pid !== undefined ? ` (pid ${s.pid})` : ''}${s.path && s.path !== s.name ? ` ${s.path}` : ''}`;
  return [s.file, s.key, s.value].filter(Boolean).join(': ');
}

function behaviour(b: ReportBehaviour, o: RenderOptions): string[] {
  const c = o.color;
  const lines = [`${c.bold(`◆ ${esc(b.title)}`)}  ${confidence(c, b.confidence)}`];
  lines.push(`  ${esc(behaviourSubject(b))}`);
  lines.push(`  ${esc(b.means)}`);
  lines.push(`  ${c.dim(`${esc(b.not_proof)} More: bosswatch explain ${esc(b.id)}`)}`);
  if (b.capabilities.length) lines.push(`  ${c.dim('Allows:')} ${b.capabilities.map((id) => esc(translator(o.lang).t(`capability.${id as CapabilityId}`))).join(' ')}`);
  const shown = o.verbose ? b.evidence : b.evidence.slice(0, 3);
  for (const e of shown) lines.push(`    • ${esc(e.what)}: ${esc(e.item)}`);
  if (shown.length < b.evidence.length) lines.push(`    ${c.dim(`… ${b.evidence.length - shown.length} more (use --verbose)`)}`);
  return lines;
}

/** The human report: findings grouped by product, then what could not be checked, then an honest footer. */
export function renderTerminal(r: Report, o: RenderOptions): string {
  const c = o.color;
  const out: string[] = [];
  const when = r.collected_at.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  out.push(c.bold(`bosswatch ${esc(r.tool.version)} — ${own(PLATFORM, r.host.platform) ?? esc(r.host.platform)} computer (${esc(r.host.os_version)}), inventory of ${esc(when)}`));
  out.push(c.dim(`Rules: ${r.rules.count} products (${r.rules.digest.slice(0, 19)}…)`));
  out.push('');
  const n = r.findings.length;
  if (n === 0) {
    out.push(c.bold('No known monitoring agent was recognised in what could be checked.'));
  } else {
    const high = r.findings.filter((f) => f.confidence === 'high').length;
    out.push(c.bold(`${n} monitoring ${n === 1 ? 'product' : 'products'} recognised`) + (high ? ` (${high} with high confidence)` : ''));
  }
  out.push('');
  for (const f of r.findings) out.push(...finding(f, o), '');

  const behaviours = r.behaviours ?? [];
  if (behaviours.length) {
    const heading = behavioursHeading(o.lang);
    out.push(c.bold(heading.title));
    out.push(c.dim(`  ${heading.intro}`));
    for (const b of behaviours) out.push(...behaviour(b, o), '');
  }

  out.push(c.bold('What was checked'));
  const checked = Object.entries(r.checked) as [TableName, number][];
  out.push(`  ${checked.map(([t, count]) => `${tableLabel(t) ?? esc(t)} (${count})`).join(', ') || 'nothing'}.`);
  const notOk = r.coverage.filter((cv) => cv.status !== 'ok');
  const notes = r.coverage.filter((cv) => cv.status === 'ok' && cv.reason);
  if (notOk.length) {
    out.push('');
    out.push(c.bold('What could not be checked (fully)'));
    for (const cv of notOk) out.push(`  • ${tableLabel(cv.table) ?? esc(cv.table)} — ${cv.status}: ${esc(cv.reason ?? 'no reason given')}`);
  }
  if (notes.length && o.verbose) {
    out.push('');
    for (const cv of notes) out.push(c.dim(`  note on ${tableLabel(cv.table) ?? esc(cv.table)}: ${esc(cv.reason!)}`));
  }
  out.push('');
  out.push(c.dim('bosswatch only recognises the products in its rules, and only on this computer. Monitoring can also run on'));
  out.push(c.dim('the network or on company servers, where no scan of this computer can see it: no finding is not proof of no'));
  out.push(c.dim('monitoring. A finding is not proof of wrongdoing either: many of these tools are installed openly for IT support or security.'));
  out.push(c.dim('Next: read `bosswatch explain <id>` for sources; ask your employer or works council which tools are used and'));
  out.push(c.dim('what they collect; keep `bosswatch scan --format json --output report.json` as a record (names are redacted).'));
  return out.join('\n') + '\n';
}
