import type { ChalkInstance } from 'chalk';
import { EXIT, UsageError } from '../errors.js';
import type { RuntimeRule } from '../match/types.js';
import { escapeTerminal as esc } from '../report/escape.js';
import { loadRuleSet } from '../rules/ruleset.js';
import type { PlatformIndicators, Pattern } from '../rules/schema.js';
import { CAPABILITIES, CATEGORIES } from '../rules/vocabulary.js';
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
  throw new UsageError(`no product "${query}" in the rules${hint}`);
}

const PLATFORM_LABEL = { windows: 'Windows', macos: 'macOS', linux: 'Linux' } as const;
const KIND_LABEL: Record<keyof PlatformIndicators, string> = {
  processes: 'program',
  services: 'service',
  packages: 'package',
  paths: 'folder or file',
  registry: 'registry key',
  drivers: 'driver',
  autostart: 'starts automatically as',
  browser_extensions: 'browser extension id',
  bundle_ids: 'bundle id',
  launchd: 'launchd job',
  signers: 'signed by',
};

const pat = (p: Pattern) => (typeof p === 'string' ? p : `${p.glob} (pattern)`);

export function explainText(r: RuntimeRule, c: ChalkInstance): string {
  const out: string[] = [];
  out.push(c.bold(`${esc(r.name)} — ${CATEGORIES[r.category]}`));
  out.push(`Vendor: ${esc(r.vendor)} · ${esc(r.website)}`);
  if (r.aliases?.length) out.push(`Also known as: ${r.aliases.map(esc).join(', ')}`);
  out.push('', esc(r.summary.trim()), '');
  out.push(c.bold('What it can collect'));
  if (!r.capabilities.length) out.push('  Nothing documented in public sources that we could cite.');
  for (const cap of r.capabilities) {
    out.push(`  • ${CAPABILITIES[cap.id]} ${c.dim(`(${cap.default === 'on' ? 'on by default' : 'if the employer turns it on'})`)}`);
    if (cap.note) out.push(`    ${esc(cap.note)}`);
    out.push(c.dim(`    source: ${esc(cap.source)}`));
  }
  out.push('', c.bold('Can it run hidden?'));
  const hidden = { yes: 'Yes: the vendor offers a mode without icon, window or entry in the program list.', no: 'No: the vendor documents it as visible to the user.', unknown: 'Unknown: we found no public source either way.' }[r.hidden_mode.supported];
  out.push(`  ${hidden}`);
  if (r.hidden_mode.note) out.push(`  ${esc(r.hidden_mode.note)}`);
  if (r.hidden_mode.source) out.push(c.dim(`  source: ${esc(r.hidden_mode.source)}`));
  out.push('', c.bold('How to recognise it'));
  for (const p of ['windows', 'macos', 'linux'] as const) {
    const ind = r.indicators[p];
    if (!ind) continue;
    out.push(`  ${PLATFORM_LABEL[p]}:`);
    for (const [kind, items] of Object.entries(ind) as [keyof PlatformIndicators, unknown[]][]) {
      for (const item of items ?? []) {
        const text =
          kind === 'processes'
            ? (() => {
                const pr = item as { name?: string; path?: string; path_glob?: string };
                const where = pr.path ?? pr.path_glob;
                return pr.name && where ? `${pr.name} at ${where}` : (pr.name ?? where!);
              })()
            : typeof item === 'string'
              ? item
              : pat(item as Pattern);
        out.push(`    ${KIND_LABEL[kind]}: ${esc(text)}`);
      }
    }
  }
  if (r.indicators.agent_domains) out.push(`  Agent servers: ${r.indicators.agent_domains.map(esc).join(', ')}`);
  if (r.indicators.website_domains) out.push(`  Website (a visit alone proves nothing): ${r.indicators.website_domains.map(esc).join(', ')}`);
  out.push('', c.bold('References'));
  for (const ref of r.references) out.push(`  • ${ref.title ? `${esc(ref.title)} — ` : ''}${esc(ref.url)}`);
  out.push('', c.dim(`Last reviewed: ${r.last_reviewed}. Rule id: ${r.id}.`));
  return out.join('\n') + '\n';
}

export async function explainCommand(product: string, opts: { rules?: string[] }, io: Io): Promise<number> {
  const behaviours = await import('../detect/explain.js');
  const behaviour = behaviours.behaviourIdOf(product);
  if (behaviour) {
    io.out(behaviours.explainBehaviourText(behaviour, io.color, io.lang));
    return EXIT.nothingFound;
  }
  const { rules } = await loadRuleSet({ extraDirs: opts.rules });
  io.out(explainText(findRule(rules, product), io.color));
  return EXIT.nothingFound;
}
