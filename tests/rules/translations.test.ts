import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadRuleDirs } from '../../src/rules/load.js';
import { ruleText } from '../../src/rules/text.js';

const rule = (translations: string, hidden = 'hidden_mode: { supported: unknown, note: Not documented. }') => `id: t
name: Example
vendor: Example Inc.
category: employee-monitoring
website: https://example.com/
summary: An example agent.
capabilities:
  - { id: screenshots, default: configurable, source: https://example.com/docs, note: Every 5 minutes. }
  - { id: keystrokes, default: on, source: https://example.com/docs }
${hidden}
${translations}
platforms: { windows: { source: https://example.com/download } }
indicators:
  windows: { services: [ExampleSvc] }
references: [{ url: https://example.com/docs }]
last_reviewed: 2026-12-05
tests:
  positive: [{ platform: windows, snapshot: { services: [{ name: ExampleSvc }] } }]
  negative: [{ platform: windows, snapshot: { services: [{ name: OtherSvc }] } }]
`;

async function load(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'bw-tr-'));
  writeFileSync(join(dir, 't.yaml'), text);
  const loaded = await loadRuleDirs([dir], dir);
  return { rules: loaded.rules, problems: loaded.problems.map(formatProblem) };
}

const es = `translations:
  es:
    summary: Un agente de ejemplo.
    capabilities:
      screenshots: Cada 5 minutos.
    hidden_mode: No documentado.`;

describe('rule translations', () => {
  it('accepts a Spanish block and ruleText picks it field by field', async () => {
    const { rules, problems } = await load(rule(es));
    expect(problems).toEqual([]);
    const r = rules[0]!;
    expect(ruleText(r, 'es')).toEqual({ summary: 'Un agente de ejemplo.', capabilities: { screenshots: 'Cada 5 minutos.' }, hidden_mode: 'No documentado.' });
    expect(ruleText(r, 'en')).toEqual({ summary: 'An example agent.', capabilities: { screenshots: 'Every 5 minutes.' }, hidden_mode: 'Not documented.' });
  });

  it('falls back to English for each field the translation leaves out', async () => {
    const { rules, problems } = await load(rule('translations:\n  es:\n    summary: Un agente de ejemplo.'));
    expect(problems).toEqual([]);
    expect(ruleText(rules[0]!, 'es')).toEqual({ summary: 'Un agente de ejemplo.', capabilities: { screenshots: 'Every 5 minutes.' }, hidden_mode: 'Not documented.' });
  });

  it('is English everywhere without a translations block', async () => {
    const { rules } = await load(rule(''));
    expect(ruleText(rules[0]!, 'es').summary).toBe('An example agent.');
  });

  it('requires a summary when es is present', async () => {
    const { problems } = await load(rule('translations:\n  es:\n    capabilities: { screenshots: Cada 5 minutos. }'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/t\.yaml: translations\.es\.summary/);
  });

  it('rejects a language other than es', async () => {
    const { problems } = await load(rule('translations:\n  fr:\n    summary: Un agent.'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/t\.yaml: translations.*fr/);
  });

  it('rejects a note for a capability the rule does not list, or one without an English note, with file and key', async () => {
    const { problems } = await load(rule('translations:\n  es:\n    summary: Un agente.\n    capabilities:\n      mind-reading: Lee la mente.\n      keystrokes: Todas las teclas.'));
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/t\.yaml: translations\.es\.capabilities\.mind-reading: capability mind-reading is not one of this rule's capabilities/),
        expect.stringMatching(/t\.yaml: translations\.es\.capabilities\.keystrokes: capability keystrokes has no English note/),
      ]),
    );
  });

  it('rejects a Spanish hidden_mode note when the rule has no English one', async () => {
    const { problems } = await load(rule(es, 'hidden_mode: { supported: unknown }'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/t\.yaml: translations\.es\.hidden_mode: /);
  });
});
