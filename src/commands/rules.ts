import { EXIT, UsageError } from '../errors.js';
import type { RuntimeRule } from '../match/types.js';
import { escapeMarkdown as md, escapeTerminal, escapeTerminal as esc, jsonText } from '../report/escape.js';
import { translator } from '../i18n/index.js';
import { checkCases } from '../rules/cases.js';
import { formatProblem, loadRuleDirs } from '../rules/load.js';
import { BUILTIN_RULES_DIR, loadRuleSet } from '../rules/ruleset.js';
import { ARTEFACT_KINDS, type ArtefactKind, platformStats } from '../rules/stats.js';
import { CATEGORIES } from '../rules/vocabulary.js';
import { PLATFORMS, type Platform } from '../snapshot/constants.js';
import { findRule, type TextFormat } from './explain.js';
import type { Io } from './io.js';

export const platformsOf = (r: RuntimeRule) => PLATFORMS.filter((p) => r.indicators[p]);

export async function rulesList(opts: { category?: string; platform?: string; rules?: string[]; format?: TextFormat }, io: Io): Promise<number> {
  if (opts.category && !Object.hasOwn(CATEGORIES, opts.category))
    throw new UsageError(`unknown category "${opts.category}" (one of: ${Object.keys(CATEGORIES).join(', ')})`, { key: 'err.rules.unknown-category', params: { category: opts.category, categories: Object.keys(CATEGORIES).join(', ') } });
  if (opts.platform && !PLATFORMS.includes(opts.platform as never))
    throw new UsageError(`unknown platform "${opts.platform}" (one of: ${PLATFORMS.join(', ')})`, { key: 'err.rules.unknown-platform', params: { platform: opts.platform, platforms: PLATFORMS.join(', ') } });
  const { rules } = await loadRuleSet({ extraDirs: opts.rules });
  const { t } = translator(io.lang);
  const shown = rules
    .filter((r) => !opts.category || r.category === opts.category)
    .filter((r) => !opts.platform || r.indicators[opts.platform as (typeof PLATFORMS)[number]])
    .sort((a, b) => a.id.localeCompare(b.id));
  const rows = shown.map((r) => ({ id: r.id, name: r.name, category: r.category, category_label: t(`category.${r.category}`), platforms: platformsOf(r) }));
  if (opts.format === 'json') {
    io.out(jsonText(rows, 2) + '\n');
    return EXIT.nothingFound;
  }
  if (opts.format === 'markdown') {
    io.out(`| id | ${md(t('matrix.product'))} | ${md(t('csv.category'))} | ${md(t('rules.platforms'))} |\n|---|---|---|---|\n`);
    for (const r of rows) io.out(`| ${md(r.id)} | ${md(r.name)} | ${md(r.category_label)} | ${r.platforms.map((p) => t(`platform.${p}`)).join(', ') || md(t('rules.network-only'))} |\n`);
    io.err(`${t('rules.count', { shown: shown.length, total: rules.length })}\n`);
    return EXIT.nothingFound;
  }
  const w = Math.max(2, ...shown.map((r) => r.id.length));
  const nw = Math.min(40, Math.max(4, ...shown.map((r) => r.name.length)));
  for (const r of shown) io.out(`${esc(r.id).padEnd(w)}  ${esc(r.name).slice(0, 40).padEnd(nw)}  ${r.category.padEnd(20)}  ${platformsOf(r).join(',') || t('rules.network-only')}\n`);
  io.err(`${t('rules.count', { shown: shown.length, total: rules.length })}\n`);
  return EXIT.nothingFound;
}

/** One rule as bosswatch understood it: rendered from the parsed rule (never the file's own bytes), escaped. */
export async function rulesShow(id: string, opts: { rules?: string[]; format?: TextFormat }, io: Io): Promise<number> {
  const { rules } = await loadRuleSet({ extraDirs: opts.rules });
  const rule = findRule(rules, id);
  const { tests: _tests, ...shown } = rule;
  if (opts.format === 'json') {
    io.out(jsonText(shown, 2) + '\n');
    return EXIT.nothingFound;
  }
  const { stringify } = await import('yaml');
  const text = stringify(shown, { lineWidth: 0 });
  if (opts.format === 'markdown') {
    // a fence longer than any run of backticks in the text, so nothing in it can close the block
    const fence = '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
    io.out(`# ${md(rule.name)} (${md(rule.id)})\n\n${fence}yaml\n${text.split('\n').map(escapeTerminal).join('\n')}${fence}\n`);
    return EXIT.nothingFound;
  }
  io.out(`# ${esc(rule.id)}\n${text.split('\n').map(escapeTerminal).join('\n')}`);
  return EXIT.nothingFound;
}

export async function rulesValidate(dir: string | undefined, io: Io): Promise<number> {
  const loaded = await loadRuleDirs([dir ?? BUILTIN_RULES_DIR]);
  const problems = [...loaded.problems];
  for (const r of loaded.rules) problems.push(...checkCases(r, loaded.fileOf.get(r.id)!));
  for (const p of problems) io.out(`${esc(formatProblem(p))}\n`);
  if (problems.length) {
    io.err(`${translator(io.lang).n('validate.problems', problems.length, { files: loaded.files })}\n`);
    return EXIT.usage;
  }
  io.out(`${translator(io.lang).t('validate.ok', { n: loaded.rules.length })}\n`);
  return EXIT.nothingFound;
}

/** Where a source URL comes from: the vendor's own site, the LOLRMM catalogue, or a third party. */
export function sourceType(url: string, rule: RuntimeRule): 'vendor' | 'lolrmm' | 'third-party' {
  if (/github\.com\/magicsword-io\/LOLRMM/i.test(url)) return 'lolrmm';
  const host = (u: string) => {
    try {
      return new URL(u).hostname.toLowerCase().replace(/^www\./, '');
    } catch {
      return '';
    }
  };
  const h = host(url);
  const site = host(rule.website);
  const registrable = (d: string) => d.split('.').slice(-2).join('.');
  if (site && (h === site || registrable(h) === registrable(site))) return 'vendor';
  const vendorish = (rule.indicators.website_domains ?? []).map((d) => registrable(d.replace(/^\*\./, '').toLowerCase()));
  if (vendorish.includes(registrable(h))) return 'vendor';
  return 'third-party';
}

export async function rulesStats(opts: { rules?: string[]; format?: string }, io: Io): Promise<number> {
  const { rules } = await loadRuleSet({ extraDirs: opts.rules });
  const count = (keys: string[][]) => {
    const m = new Map<string, number>();
    for (const ks of keys) for (const k of ks) m.set(k, (m.get(k) ?? 0) + 1);
    return Object.fromEntries([...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
  };
  const stats = {
    rules: rules.length,
    generated: rules.filter((r) => r.generated_by).length,
    hand_written: rules.filter((r) => !r.generated_by).length,
    by_category: count(rules.map((r) => [r.category])),
    by_platform: count(rules.map((r) => {
      const p: string[] = platformsOf(r);
      return p.length ? p : ['network-only'];
    })),
    by_capability: count(rules.map((r) => r.capabilities.map((c) => c.id))),
    capability_sources_by_type: count(rules.map((r) => r.capabilities.map((c) => sourceType(c.source, r)))),
    hidden_mode: count(rules.map((r) => [r.hidden_mode.supported])),
    non_remote_access: rules.filter((r) => r.category !== 'remote-access').length,
    platforms: platformStats(rules),
  };
  if (opts.format === 'json') {
    io.out(jsonText(stats, 2) + '\n');
    return EXIT.nothingFound;
  }
  const c = io.color;
  const tr = translator(io.lang);
  io.out(`${c.bold(tr.t('stats.rules', { n: stats.rules }))} ${tr.t('stats.summary', { hand: stats.hand_written, generated: stats.generated, outside: stats.non_remote_access })}\n`);
  // ids stay as they are (they are what --category and rule files use); words get translated
  const word = (k: string): string =>
    k === 'network-only' ? tr.t('rules.network-only')
    : (PLATFORMS as readonly string[]).includes(k) ? tr.t(`platform.${k as Platform}`)
    : k === 'vendor' || k === 'lolrmm' || k === 'third-party' ? tr.t(`stats.source.${k}`)
    : k;
  const hidden = (k: string): string => (k === 'yes' || k === 'no' || k === 'unknown' ? tr.t(`stats.hidden.${k}`) : k);
  for (const [title, m, label] of [
    [tr.t('stats.by-category'), stats.by_category, (k: string) => k],
    [tr.t('stats.by-platform'), stats.by_platform, word],
    [tr.t('stats.by-capability'), stats.by_capability, (k: string) => k],
    [tr.t('stats.sources'), stats.capability_sources_by_type, word],
    [tr.t('stats.hidden'), stats.hidden_mode, hidden],
  ] as const) {
    io.out(`\n${c.bold(title)}\n`);
    for (const [k, v] of Object.entries(m)) io.out(`  ${label(k).padEnd(28)} ${String(v).padStart(5)}\n`);
  }
  const ps = stats.platforms;
  io.out(`\n${c.bold(tr.t('stats.kinds'))}\n`);
  io.out(`  ${''.padEnd(36)}${PLATFORMS.map((p) => tr.t(`platform.${p}`).padStart(9)).join('')}\n`);
  io.out(`  ${tr.t('stats.products').padEnd(36)}${PLATFORMS.map((p) => String(ps.products[p]).padStart(9)).join('')}\n`);
  for (const k of Object.keys(ARTEFACT_KINDS) as ArtefactKind[]) {
    io.out(`  ${tr.t(`stats.kind.${k}`).padEnd(36)}${PLATFORMS.map((p) => String(ps.artefacts[p][k]).padStart(9)).join('')}\n`);
  }
  io.out(`\n${c.bold(tr.t('stats.gaps', { n: ps.gaps.length }))}\n`);
  for (const g of ps.gaps) io.out(`  ${esc(g.rule)} (${tr.t(`platform.${g.platform}`)}): ${esc(g.gap)}\n`);
  if (ps.undeclared.length) io.out(`\n${c.bold(tr.t('stats.undeclared'))}\n  ${ps.undeclared.map(esc).join(', ')}\n`);
  return EXIT.nothingFound;
}

/** `rules build DIR... --output FILE`: validates the folders as `rules validate` does, then writes one rule pack. */
export async function rulesBuild(dirs: string[], opts: { output?: string }, io: Io): Promise<number> {
  if (!opts.output) throw new UsageError('rules build needs --output FILE.json (bosswatch writes nothing it was not asked to)', { key: 'err.rules.build-output' });
  if (!opts.output.endsWith('.json')) throw new UsageError('a rule pack file name must end in .json, so that --rules can tell it from a folder', { key: 'err.rules.build-json' });
  const loaded = await loadRuleDirs(dirs);
  const problems = [...loaded.problems];
  for (const r of loaded.rules) problems.push(...checkCases(r, loaded.fileOf.get(r.id)!));
  for (const p of problems) io.out(`${esc(formatProblem(p))}\n`);
  if (problems.length) {
    io.err(`${translator(io.lang).n('build.problems', problems.length, { files: loaded.files })}\n`);
    return EXIT.usage;
  }
  const builtin = new Set((await loadRuleSet()).rules.map((r) => r.id));
  const clash = loaded.rules.find((r) => builtin.has(r.id));
  if (clash) throw new UsageError(`rule id "${clash.id}" is already a built-in rule; give it another id`, { key: 'err.rules.duplicate-builtin', params: { id: clash.id } });
  const { digestOf, stripTests } = await import('../rules/ruleset.js');
  const { makePack } = await import('../rules/pack.js');
  const { writeFileAtomic } = await import('./io.js');
  const { TOOL_VERSION } = await import('../version.js');
  const rules = stripTests(loaded.rules);
  writeFileAtomic(opts.output, JSON.stringify(makePack(rules, await digestOf(rules), TOOL_VERSION)));
  io.err(`${translator(io.lang).t('build.wrote', { n: rules.length, file: esc(opts.output) })}\n`);
  return EXIT.nothingFound;
}

/** `rules export --format osquery|fleet`: the rules as an osquery query pack or Fleet YAML (src/export). */
export async function rulesExport(opts: { format?: string; output?: string; rules?: string[] }, io: Io): Promise<number> {
  return (await import('../export/command.js')).rulesExport(opts, io);
}
