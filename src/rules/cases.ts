import { buildIndex } from '../match/index.js';
import { match } from '../match/match.js';
import type { Finding, RuntimeRule } from '../match/types.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from '../snapshot/constants.js';
import type { Snapshot } from '../snapshot/schema.js';
import type { RuleCase } from './schema.js';
import type { RuleProblem } from './load.js';

export function caseSnapshot(c: RuleCase): Snapshot {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    collected_at: '2026-01-01T00:00:00Z',
    host: { platform: c.platform, os_version: 'test case' },
    ...c.snapshot,
    coverage: [],
  };
}

export function runCase(rule: RuntimeRule, c: RuleCase): Finding | undefined {
  return match(caseSnapshot(c), buildIndex([rule], c.platform)).find((f) => f.rule.id === rule.id);
}

/** Positive cases must produce this rule's finding (at the expected confidence); negative cases must not. */
export function checkCases(rule: RuntimeRule, file: string): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (!rule.tests?.positive.length) problems.push({ file, key: 'tests.positive', message: 'no positive test case' });
  if (!rule.tests?.negative.length) problems.push({ file, key: 'tests.negative', message: 'no negative test case' });
  rule.tests?.positive.forEach((c, i) => {
    const f = runCase(rule, c);
    if (!f) problems.push({ file, key: `tests.positive[${i}]`, message: `did not match${c.description ? ` (${c.description})` : ''}` });
    else if (c.expect && f.confidence !== c.expect) problems.push({ file, key: `tests.positive[${i}]`, message: `matched with ${f.confidence} confidence, expected ${c.expect}` });
  });
  rule.tests?.negative.forEach((c, i) => {
    const f = runCase(rule, c);
    if (f) problems.push({ file, key: `tests.negative[${i}]`, message: `matched (${f.evidence.map((e) => e.indicator.value).join(', ')}) but must not${c.description ? ` (${c.description})` : ''}` });
  });
  return problems;
}
