import { describe, expect, it } from 'vitest';
import { runCase } from '../../src/rules/cases.js';
import { formatProblem, loadRuleDirs } from '../../src/rules/load.js';
import { BUILTIN_RULES_DIR } from '../../src/rules/ruleset.js';

const loaded = await loadRuleDirs([BUILTIN_RULES_DIR]);

describe('rules database', () => {
  it('every rule file is valid (schema, precision guards, id = file name, unique ids)', () => {
    expect(loaded.problems.map(formatProblem)).toEqual([]);
    expect(loaded.rules.length).toBe(loaded.files);
  });

  it('every rule has positive and negative test cases', () => {
    const missing = loaded.rules.filter((r) => !r.tests?.positive.length || !r.tests?.negative.length).map((r) => r.id);
    expect(missing).toEqual([]);
  });
});

describe.each(loaded.rules.map((r) => [r.id, r] as const))('rule %s', (_id, rule) => {
  it.each(rule.tests.positive.map((c, i) => [i, c] as const))('positive case %i matches', (_i, c) => {
    const f = runCase(rule, c);
    expect(f, c.description).toBeDefined();
    if (c.expect) expect(f!.confidence).toBe(c.expect);
  });
  it.each(rule.tests.negative.map((c, i) => [i, c] as const))('negative case %i does not match', (_i, c) => {
    expect(runCase(rule, c)?.evidence, c.description).toBeUndefined();
  });
});
