import { buildIndex } from '../../src/match/index.js';
import { match } from '../../src/match/match.js';
import type { RuntimeRule } from '../../src/match/types.js';
import type { Platform, Snapshot } from '../../src/snapshot/schema.js';

// The smallest valid rule and snapshot the matcher tests build their cases from.
export function rule(id: string, indicators: RuntimeRule['indicators'], category = 'employee-monitoring'): RuntimeRule {
  return {
    id, name: id, vendor: 'v', category, website: 'https://example.com/', summary: 's',
    capabilities: [], hidden_mode: { supported: 'unknown' }, indicators, references: [{ url: 'https://example.com/' }], last_reviewed: '2026-11-23',
  } as RuntimeRule;
}

export const snap = (platform: Platform, tables: Partial<Snapshot>): Snapshot => ({
  format: 'bosswatch-snapshot', version: 1, collected_at: '2026-11-23T00:00:00Z', host: { platform, os_version: 't' }, coverage: [], ...tables,
});

export const run = (rules: RuntimeRule[], s: Snapshot) => match(s, buildIndex(rules, s.host.platform));
