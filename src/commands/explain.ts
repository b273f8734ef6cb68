import type { ChalkInstance } from 'chalk';
import { EXIT, UsageError } from '../errors.js';
import type { RuntimeRule } from '../match/types.js';
import { escapeMarkdown as md, escapeTerminal as esc } from '../report/escape.js';
import { translator, type Lang, type MessageKey } from '../i18n/index.js';
import { loadRuleSet } from '../rules/ruleset.js';
import type { PlatformIndicators, Pattern } from '../rules/schema.js';
import type { Io } from './io.js';

export function findRule(rules: readonly RuntimeRule[], query: string): RuntimeRule {
  const q = query.trim().toLowerCase();
  const byId = rules.find((r) => r.id === q);
  if (byId) return byId;
  const names = (r: RuntimeRule) => [r.name, ...(r.aliases ?? [])].map((n) => n.toLowerCase());
  const byName = rules.filter((r) => names(r).includes(q));
  if (byName.length === 1) return byName[0];
  const partial = rules.filter((r) => r.id.includes(q) || names(r).some((n) => n.includes(q)));
  if (partial.length === 1) return partial[0];
  const hint = partial.length ? `; did you mean: ${partial.slice(0, 8).map((r) => r.id).join(', ')}` : '; see bosswatch rules list';
  const ids = partial.slice(0, 8).map((r) => r.id).join(', ');
  throw new UsageError(`no product "${query}" in the rules${hint}`, {
    key: 'err.explain.no-product',
    params: { query },
    parts: { hint: partial.length ? { key: 'err.explain.did-you-mean', params: { ids } } : { key: 'err.explain.see-list' } },
  });
}

const pat = (p: Pattern) => (typeof p === 'string' ? p : `${p.glob} (pattern)`);

/** The explanation of a product as headed sections of lines (unescaped); terminal and Markdown lay it out. */
function explainDoc(r: RuntimeRule, lang: Lang): { title: string; lead: string[]; sections: { heading: string; lines: { text: string; dim?: boolean; level?: number }[] }[]; foot: string } {
  const { t } = translator(lang);
  const lead = [t('explain.vendor', { vendor: r.vendor, website: r.website })];
  if (r.aliases?.length) lead.push(t('explain.aliases', { names: r.aliases.join(', ') }));
  lead.push('', `${lang === 'en' ? '' : `${t('finding.about')} `}${r.summary.trim()}`);
  const caps = r.capabilities.length
    ? r.capabilities.flatMap((cap) => [
        { text: `${t(`capability.${cap.id}`)} (${t(`default.${cap.default}`)})`, level: 1 },
        ...(cap.note ? [{ text: cap.note, level: 2 }] : []),
        { text: t('finding.source', { url: cap.source }), dim: true, level: 2 },
      ])
    : [{ text: t('explain.capabilities.none'), level: 1 }];
  const hidden = [{ text: t(`hidden.${r.hidden_mode.supported}`), level: 1 }];
  if (r.hidden_mode.note) hidden.push({ text: r.hidden_mode.note, level: 1 });
  if (r.hidden_mode.source) hidden.push({ text: t('finding.source', { url: r.hidden_mode.source }), level: 1 });
  const how: { text: string; level?: number }[] = [];
  for (const p of ['windows', 'macos', 'linux'] as const) {
    const ind = r.indicators[p];
    if (!ind) continue;
    how.push({ text: `${t(`platform.${p}`)}:`, level: 1 });
    for (const [kind, items] of Object.entries(ind) as [keyof PlatformIndicators, unknown[]][]) {
      for (const item of items ?? []) {
        const text =
          kind === 'processes'
            ? (() => {
                const pr = item as { name?: string; path?: string; path_glob?: string };
                const where = pr.path ?? pr.path_glob;
                return pr.name && where ? t('explain.program-at', { name: pr.name, path: where }) : (pr.name ?? where!);
              })()
            : typeof item === 'string'
              ? item
              : pat(item as Pattern);
        how.push({ text: `${t(`explain.kind.${kind}` as MessageKey)}: ${text}`, level: 2 });
      }
    }
  }
  if (r.indicators.agent_domains) how.push({ text: t('explain.agent-servers', { hosts: r.indicators.agent_domains.join(', ') }), level: 1 });
  if (r.indicators.website_domains) how.push({ text: t('explain.website-domains', { hosts: r.indicators.website_domains.join(', ') }), level: 1 });
  return {
    title: `${r.name} — ${t(`category.${r.category}`)}`,
    lead,
    sections: [
      { heading: t('finding.capabilities'), lines: caps },
      { heading: t('explain.hidden'), lines: hidden },
      { heading: t('explain.how'), lines: how },
      { heading: t('finding.references'), lines: r.references.map((ref) => ({ text: ref.title ? `${ref.title} — ${ref.url}` : ref.url, level: 1 })) },
    ],
    foot: t('explain.reviewed', { date: r.last_reviewed, id: r.id }),
  };
}

export function explainText(r: RuntimeRule, c: ChalkInstance, lang: Lang = 'en'): string {
  const d = explainDoc(r, lang);
  const out = [c.bold(esc(d.title)), ...d.lead.map(esc)];
  for (const s of d.sections) {
    out.push('', c.bold(esc(s.heading)));
    for (const l of s.lines) {
      const text = `${'  '.repeat(l.level ?? 1)}${(l.level ?? 1) === 1 && s.lines.length > 1 && s.heading !== d.sections[2].heading ? '• ' : ''}${esc(l.text)}`;
      out.push(l.dim ? c.dim(text) : text);
    }
  }
  out.push('', c.dim(esc(d.foot)));
  return out.join('\n') + '\n';
}

export function explainMarkdown(r: RuntimeRule, lang: Lang = 'en'): string {
  const d = explainDoc(r, lang);
  const out = [`# ${md(d.title)}`, '', ...d.lead.map(md)];
  for (const s of d.sections) {
    out.push('', `## ${md(s.heading)}`, '');
    for (const l of s.lines) out.push(`${'  '.repeat((l.level ?? 1) - 1)}- ${md(l.text)}`);
  }
  out.push('', `_${md(d.foot)}_`, '');
  return out.join('\n');
}

/** The rule as data, with the capability words in the chosen language. */
export function explainJson(r: RuntimeRule, lang: Lang = 'en'): string {
  const { t } = translator(lang);
  const { tests: _tests, ...rule } = r;
  return (
    JSON.stringify(
      {
        ...rule,
        category_label: t(`category.${r.category}`),
        capabilities: r.capabilities.map((c) => ({ ...c, text: t(`capability.${c.id}`), default_label: t(`default.${c.default}`) })),
        hidden_mode: { ...r.hidden_mode, text: t(`hidden.${r.hidden_mode.supported}`) },
      },
      null,
      2,
    ) + '\n'
  );
}

export const TEXT_FORMATS = ['terminal', 'json', 'markdown'] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];

export async function explainCommand(product: string, opts: { rules?: string[]; format?: TextFormat }, io: Io): Promise<number> {
  const format = opts.format ?? 'terminal';
  const behaviours = await import('../detect/explain.js');
  const behaviour = behaviours.behaviourIdOf(product);
  if (behaviour) {
    const { t } = translator(io.lang);
    const text = (part: string) => t(`behaviour.${behaviour}.${part}` as MessageKey);
    if (format === 'json') io.out(JSON.stringify({ id: behaviour, title: text('title'), means: text('means'), not_proof: text('not_proof'), how: text('how') }, null, 2) + '\n');
    else if (format === 'markdown') io.out(`# ${md(text('title'))}\n\n${md(text('means'))}\n\n${md(text('not_proof'))}\n\n${md(text('how'))}\n`);
    else io.out(behaviours.explainBehaviourText(behaviour, io.color, io.lang));
    return EXIT.nothingFound;
  }
  const { rules } = await loadRuleSet({ extraDirs: opts.rules });
  const rule = findRule(rules, product);
  io.out(format === 'json' ? explainJson(rule, io.lang) : format === 'markdown' ? explainMarkdown(rule, io.lang) : explainText(rule, io.color, io.lang));
  return EXIT.nothingFound;
}
