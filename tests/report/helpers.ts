import { readdirSync, readFileSync } from 'node:fs';
import { buildIndex } from '../../src/match/index.js';
import { match } from '../../src/match/match.js';
import { buildReport } from '../../src/report/build.js';
import type { Report } from '../../src/report/types.js';
import { loadRuleSet } from '../../src/rules/ruleset.js';
import type { Snapshot } from '../../src/snapshot/schema.js';
import type { Lang } from '../../src/i18n/index.js';

export const EXAMPLES_DIR = new URL('../../examples/snapshots/', import.meta.url).pathname;
export const EXAMPLES = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json')).sort();

/** The report bosswatch builds for a snapshot, exactly as `scan` does. */
export async function reportOf(snapshot: Snapshot, lang: Lang = 'en'): Promise<Report> {
  const ruleSet = await loadRuleSet({});
  const findings = match(snapshot, buildIndex(ruleSet.rules, snapshot.host.platform));
  return buildReport(snapshot, findings, { tool: { name: 'bosswatch', version: '0.1.0' }, rules: { count: ruleSet.rules.length, digest: ruleSet.digest }, includeIdentifiers: false, lang });
}

export async function exampleReport(name: string, lang: Lang = 'en'): Promise<Report> {
  return reportOf(JSON.parse(readFileSync(EXAMPLES_DIR + name, 'utf8')) as Snapshot, lang);
}
