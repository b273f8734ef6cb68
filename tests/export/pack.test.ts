import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOsqueryExport, osqueryPack, type OsqueryPack } from '../../src/export/osquery.js';
import { loadRuleSet } from '../../src/rules/ruleset.js';
import type { RuntimeRule } from '../../src/match/types.js';
import type { Snapshot } from '../../src/snapshot/schema.js';
import { osqueryDatabase, osqueryRows, osqPlatformOf, runQueries } from './snapshot-rows.js';
import { OSQUERY_TABLES, type OsqPlatform } from './osquery-schema.js';

// The pack of the built-in rules, run in a real SQLite engine (sql.js) over osquery's own table columns.
const BIN = new URL('../../bin/bosswatch.js', import.meta.url).pathname;
const EXAMPLE = (name: string) => new URL(`../../examples/snapshots/${name}`, import.meta.url).pathname;
const EXAMPLES = ['windows-clean.json', 'windows-monitored.json', 'macos-clean.json', 'macos-monitored.json', 'ubuntu-clean.json', 'ubuntu-monitored.json'];

let rules: RuntimeRule[];
let pack: OsqueryPack;
beforeAll(async () => {
  rules = (await loadRuleSet()).rules;
  pack = osqueryPack(buildOsqueryExport(rules));
});

const queriesOf = (p: OsqueryPack) => Object.entries(p.queries).map(([name, q]) => ({ name, ...q }));

describe('every generated query', () => {
  it.each(['windows', 'darwin', 'linux'] as const)('parses and runs in SQLite against osquery\'s %s tables', async (platform: OsqPlatform) => {
    const db = await osqueryDatabase(platform);
    const mine = queriesOf(pack).filter((q) => q.platform === platform);
    expect(mine.length).toBeGreaterThan(10);
    for (const q of mine) {
      // prepare fails on an unknown table or column and on any syntax error
      expect(() => db.exec(q.query), q.name).not.toThrow();
    }
    db.close();
  });

  it('only names tables osquery has on the query\'s platform', () => {
    for (const q of queriesOf(pack)) {
      for (const m of q.query.matchAll(/\b(?:FROM|JOIN) (\w+)/g)) expect(OSQUERY_TABLES[m[1]]?.platforms, `${q.name}: ${m[1]}`).toContain(q.platform);
    }
  });
});

const products = (rows: { bosswatch_rule: unknown }[]) => {
  const fam = new Map(rules.map((r) => [r.id, r.family ?? r.id]));
  return [...new Set(rows.map((r) => fam.get(String(r.bosswatch_rule)) ?? String(r.bosswatch_rule)))].sort();
};

describe.each(EXAMPLES)('example snapshot %s', (name) => {
  it('the pack finds the same products as bosswatch scan --snapshot', async () => {
    const snap = JSON.parse(readFileSync(EXAMPLE(name), 'utf8')) as Snapshot;
    const platform = osqPlatformOf(snap);
    const db = await osqueryDatabase(platform, osqueryRows(snap));
    const found = products(runQueries(db, queriesOf(pack), platform) as { bosswatch_rule: unknown }[]);
    db.close();
    const r = spawnSync(process.execPath, [BIN, 'scan', '--snapshot', EXAMPLE(name), '--format', 'json'], { encoding: 'utf8' });
    const report = JSON.parse(r.stdout) as { findings: { rule: string; evidence: { table: string; indicator: { kind: string } }[] }[] };
    const bosswatch = report.findings.map((f) => f.rule).sort();
    expect(found).toEqual(bosswatch);
    if (name.includes('monitored')) expect(found.length).toBeGreaterThan(1);
    console.log(`${name}: pack finds [${found.join(', ')}], bosswatch finds [${bosswatch.join(', ')}]`);
  });
});
