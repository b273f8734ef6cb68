import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWindowsInventory } from '../../../src/collectors/windows/inventory.js';
import { buildIndex } from '../../../src/match/index.js';
import { match } from '../../../src/match/match.js';
import { BUILTIN_RULES_DIR } from '../../../src/rules/ruleset.js';
import { loadRuleDirs } from '../../../src/rules/load.js';
import { Snapshot } from '../../../src/snapshot/schema.js';

// examples/snapshots/windows-*.json are the parser's output on the machine fixtures; regenerate them with
// UPDATE_EXAMPLES=1 npx vitest run tests/collectors/windows/examples.test.ts
const root = join(import.meta.dirname, '../../..');

function snapshotOf(fixture: string): Snapshot {
  const res = parseWindowsInventory(readFileSync(join(root, 'tests/fixtures/windows/machines', fixture)));
  return {
    format: 'bosswatch-snapshot',
    version: 1,
    collected_at: '2026-11-20T09:14:12Z',
    host: { platform: 'windows', os_version: '', ...res.host },
    ...res.tables,
    coverage: res.coverage,
  };
}

describe.each([
  ['windows-clean.json', 'clean.inventory.json'],
  ['windows-monitored.json', 'monitored.inventory.json'],
])('examples/snapshots/%s', (example, fixture) => {
  const snap = snapshotOf(fixture);
  const file = join(root, 'examples/snapshots', example);
  if (process.env.UPDATE_EXAMPLES) {
    mkdirSync(join(root, 'examples/snapshots'), { recursive: true });
    writeFileSync(file, `${JSON.stringify(snap, null, 2)}\n`);
  }

  it('is valid against the snapshot schema', () => {
    expect(Snapshot.safeParse(snap).success).toBe(true);
  });

  it('matches the parser output on its fixture', () => {
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(snap)));
  });
});

describe('example snapshots against the rules', () => {
  it('finds nothing on the clean machine and the installed agents on the monitored one', async () => {
    const { rules } = await loadRuleDirs([BUILTIN_RULES_DIR]);
    const ix = buildIndex(rules, 'windows');
    expect(match(snapshotOf('clean.inventory.json'), ix).map((f) => f.rule.id)).toEqual([]);
    const found = match(snapshotOf('monitored.inventory.json'), ix);
    const ids = found.map((f) => f.rule.id);
    expect(ids).toEqual(expect.arrayContaining(['teramind', 'proofpoint-itm', 'insightful']));
    expect(ids).not.toContain('os-component-impersonation');
    const teramind = found.find((f) => f.rule.id === 'teramind')!;
    expect(teramind.confidence).toBe('high');
    expect(teramind.evidence.map((e) => e.item)).toEqual(
      expect.arrayContaining(['C:\\ProgramData\\{4CEC2908-5CE4-48F0-A717-8FC833D8017A}\\dwm.exe', 'tsvchst', 'contoso.teramind.co']),
    );
    expect(teramind.evidence.some((e) => e.item === 'C:\\Windows\\System32\\dwm.exe')).toBe(false);
  });
});
