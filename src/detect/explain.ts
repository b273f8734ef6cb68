import type { ChalkInstance } from 'chalk';
import { translator, type Lang, type MessageKey } from '../i18n/index.js';
import { escapeTerminal as esc } from '../report/escape.js';
import { DETECTORS } from './index.js';
import { BEHAVIOUR_IDS, behaviourText, type BehaviourId } from './messages.js';

/** `bosswatch explain <behaviour-id>`: what the behaviour means, what it does not prove, how it is found, sources. */
export function explainBehaviourText(id: BehaviourId, c: ChalkInstance, lang?: Lang): string {
  const { t } = translator(lang);
  const text = behaviourText(id, lang);
  const d = DETECTORS.find((x) => x.id === id);
  const out = [c.bold(`${text.title} — ${id}`), '', text.means, c.dim(text.not_proof), ''];
  if (d?.capabilities.length) {
    out.push(c.bold(t('behaviours.explain.allows')));
    for (const cap of d.capabilities) out.push(`  • ${t(`capability.${cap}` as MessageKey)}`);
    out.push('');
  }
  out.push(c.bold(t('behaviours.explain.how')), `  ${esc(text.how)}`);
  if (d) {
    out.push(`  ${d.platforms.map((p) => t(`platform.${p}` as MessageKey)).join(', ')}`, '', c.bold(t('behaviours.explain.sources')));
    for (const s of d.sources) out.push(`  • ${esc(s)}`);
  }
  return out.join('\n') + '\n';
}

export function behaviourIdOf(query: string): BehaviourId | undefined {
  const q = query.trim().toLowerCase();
  return (BEHAVIOUR_IDS as readonly string[]).includes(q) ? (q as BehaviourId) : undefined;
}
