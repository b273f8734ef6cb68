import type { ChalkInstance } from 'chalk';
import { escapeTerminal as esc } from '../report/escape.js';
import { CAPABILITIES } from '../rules/vocabulary.js';
import { DETECTORS } from './index.js';
import { BEHAVIOURS, type BehaviourId } from './messages.js';

const PLATFORM_LABEL = { windows: 'Windows', macos: 'macOS', linux: 'Linux' } as const;

/** `bosswatch explain <behaviour-id>`: what the behaviour means, what it does not prove, how it is found, sources. */
export function explainBehaviourText(id: BehaviourId, c: ChalkInstance): string {
  const t = BEHAVIOURS[id];
  const d = DETECTORS.find((x) => x.id === id);
  const out = [c.bold(`${t.title} — behaviour ${id}`), '', t.means, c.dim(t.not_proof), ''];
  if (d) {
    out.push(c.bold('What it allows'));
    for (const cap of d.capabilities) out.push(`  • ${CAPABILITIES[cap]}`);
    out.push('', c.bold('How bosswatch looks for it'), `  ${esc(t.how)}`, `  Platforms: ${d.platforms.map((p) => PLATFORM_LABEL[p]).join(', ')}`);
    out.push('', c.bold('Sources'));
    for (const s of d.sources) out.push(`  • ${esc(s)}`);
  } else out.push(c.bold('How bosswatch looks for it'), `  ${esc(t.how)}`);
  return out.join('\n') + '\n';
}

export function behaviourIdOf(query: string): BehaviourId | undefined {
  const q = query.trim().toLowerCase();
  return q in BEHAVIOURS ? (q as BehaviourId) : undefined;
}
