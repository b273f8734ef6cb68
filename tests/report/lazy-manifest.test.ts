// The manifest is made when first read (the terminal report never reads it): it must be the one an eager build
// made, read once, kept as a plain JSON member, and its report digest must check out against the report.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportDigestOf } from '../../src/evidence/manifest.js';
import { digestJson } from '../../src/evidence/canonical.js';
import { buildIndex } from '../../src/match/index.js';
import { match } from '../../src/match/match.js';
import { redactSnapshot } from '../../src/privacy/redact.js';
import { buildReport } from '../../src/report/build.js';
import { loadRuleSet } from '../../src/rules/ruleset.js';

describe('the report manifest', () => {
  it('is made on first read, once, and digests what the report and the redacted snapshot hold', async () => {
    const snapshot = JSON.parse(readFileSync(new URL('../../examples/snapshots/ubuntu-monitored.json', import.meta.url), 'utf8'));
    const { rules, digest } = await loadRuleSet();
    const report = buildReport(snapshot, match(snapshot, buildIndex(rules, 'linux')), { tool: { name: 'bosswatch', version: 't' }, rules: { count: rules.length, digest }, includeIdentifiers: false, now: new Date(0) });
    expect(Object.keys(report).at(-1)).toBe('manifest');
    expect(report.manifest).toBe(report.manifest);
    const copy = JSON.parse(JSON.stringify(report));
    expect(copy.manifest.created_at).toBe('1970-01-01T00:00:00.000Z');
    expect(copy.manifest.snapshot.digest).toBe(digestJson(redactSnapshot(snapshot, { includeIdentifiers: false })));
    expect(copy.manifest.report_digest).toBe(reportDigestOf(copy));
    expect({ ...report }.manifest).toEqual(copy.manifest);
  });
});
