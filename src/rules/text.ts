// The one place that picks a rule's text (summary, capability and hidden_mode notes) by report language.
import type { Lang } from '../i18n/index.js';
import type { Rule } from './schema.js';

type TextOf = Pick<Rule, 'summary' | 'capabilities' | 'hidden_mode' | 'translations'>;

export interface RuleText {
  summary: string;
  /** Capability id -> note, only for capabilities that have a note. */
  capabilities: Record<string, string>;
  hidden_mode?: string;
}

/** A rule's text in lang; each field the translation leaves out stays English. */
export function ruleText(rule: TextOf, lang: Lang = 'en'): RuleText {
  const tr = lang === 'en' ? undefined : rule.translations?.[lang];
  const capabilities: Record<string, string> = {};
  for (const c of rule.capabilities) {
    const note = tr?.capabilities?.[c.id] ?? c.note;
    if (note !== undefined) capabilities[c.id] = note;
  }
  const hidden = rule.hidden_mode.note === undefined ? undefined : (tr?.hidden_mode ?? rule.hidden_mode.note);
  return { summary: tr?.summary ?? rule.summary, capabilities, ...(hidden === undefined ? {} : { hidden_mode: hidden }) };
}
