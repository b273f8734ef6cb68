import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCases } from '../../src/rules/cases.js';
import { formatProblem, loadRuleDirs } from '../../src/rules/load.js';

const base = `name: Example
vendor: Example Inc.
category: employee-monitoring
website: https://example.com/
summary: An example.
capabilities:
  - { id: screenshots, default: configurable, source: https://example.com/docs }
hidden_mode: { supported: unknown }
platforms: { windows: { source: https://example.com/download } }
references: [{ url: https://example.com/docs }]
last_reviewed: 2026-11-23
`;
const noPlat = base.replace(/^platforms:.*\n/m, '');
const tests = `tests:
  positive: [{ platform: windows, snapshot: { services: [{ name: ExampleSvc }] } }]
  negative: [{ platform: windows, snapshot: { services: [{ name: OtherSvc }] } }]
`;

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bw-rules-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function problems(files: Record<string, string>) {
  const dir = dirWith(files);
  const loaded = await loadRuleDirs([dir], dir);
  return [...loaded.problems, ...loaded.rules.flatMap((r) => checkCases(r, r.id))].map(formatProblem);
}

describe('rules validate', () => {
  it('accepts a well-formed rule', async () => {
    expect(await problems({ 'ok.yaml': `id: ok\n${base}indicators:\n  windows: { services: [ExampleSvc] }\n${tests}` })).toEqual([]);
  });

  it('rejects a bare OS process name, with file and key', async () => {
    const p = await problems({ 'bad.yaml': `id: bad\n${base}indicators:\n  windows:\n    processes: [{ name: dwm.exe }]\n    services: [ExampleSvc]\n${tests}` });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/bad\.yaml: indicators\.windows\.processes\[0\]\.name: "dwm\.exe" is a common or OS name/);
  });

  it('accepts the same OS name when a path qualifies it', async () => {
    const p = await problems({ 'q.yaml': `id: q\n${base}indicators:\n  windows:\n    processes: [{ name: dwm.exe, path: 'C:\\ProgramData\\{X}\\dwm.exe' }]\n    services: [ExampleSvc]\n${tests}` });
    expect(p).toEqual([]);
  });

  it('rejects unknown capabilities, missing sources, id/file mismatch and duplicates', async () => {
    const p = await problems({
      'a.yaml': `id: a\n${base.replace('id: screenshots', 'id: mind-reading')}indicators:\n  windows: { services: [ExampleSvc] }\n${tests}`,
      'b.yaml': `id: b\n${base.replace(', source: https://example.com/docs', '')}indicators:\n  windows: { services: [ExampleSvc] }\n${tests}`,
      'c.yaml': `id: not-c\n${base}indicators:\n  windows: { services: [ExampleSvc] }\n${tests}`,
      'd.yaml': `id: ok\n${base}indicators:\n  windows: { services: [ExampleSvc] }\n${tests}`,
      'e.yaml': `id: ok\n${base}indicators:\n  windows: { services: [ExampleSvc] }\n${tests}`,
    });
    expect(p.find((x) => x.startsWith('a.yaml: capabilities[0].id'))).toBeDefined();
    expect(p.find((x) => x.startsWith('b.yaml: capabilities[0].source'))).toBeDefined();
    expect(p.find((x) => x.startsWith('c.yaml: id: id "not-c" must equal the file name "c"'))).toBeDefined();
    expect(p.find((x) => x.startsWith('d.yaml: id: id "ok" must equal'))).toBeDefined();
  });

  it('rejects a rule without test cases and reports failing cases', async () => {
    const noTests = await problems({ 'n.yaml': `id: n\n${base}indicators:\n  windows: { services: [ExampleSvc] }\n` });
    expect(noTests).toEqual(['n.yaml: tests: missing: every rule needs tests.positive and tests.negative cases']);
    const wrong = await problems({ 'w.yaml': `id: w\n${base}indicators:\n  windows: { services: [OtherSvc2] }\n${tests}` });
    expect(wrong).toEqual(['w: tests.positive[0]: did not match']);
  });

  it('rejects globs the matcher cannot index, and YAML syntax errors with a line', async () => {
    const p = await problems({
      'g.yaml': `id: g\n${base}indicators:\n  windows:\n    paths: [{ glob: 'C:\\Users\\*\\AppData\\*' }]\n    services: [ExampleSvc]\n${tests}`,
      'y.yaml': `id: y\nname: [unclosed\n`,
    });
    expect(p.find((x) => x.startsWith('g.yaml: indicators.windows.paths[0].glob'))).toBeDefined();
    expect(p.find((x) => /^y\.yaml: line \d+:/.test(x))).toBeDefined();
  });

  it('accepts a platforms declaration and rejects a malformed one with its key', async () => {
    const ok = `id: pl\n${noPlat}platforms:\n  windows: { source: https://example.com/download }\n  linux: { source: https://example.com/download, gap: no public source names its files }\nindicators:\n  windows: { services: [ExampleSvc] }\n${tests}`;
    expect(await problems({ 'pl.yaml': ok })).toEqual([]);
    const bad = await problems({
      'pb.yaml': `id: pb\n${noPlat}platforms:\n  windows: { source: not-a-url }\n  beos: { source: https://example.com/ }\nindicators:\n  windows: { services: [ExampleSvc] }\n${tests}`,
    });
    expect(bad.find((x) => x.startsWith('pb.yaml: platforms.windows.source'))).toBeDefined();
    expect(bad.find((x) => x.startsWith('pb.yaml: platforms'))).toBeDefined();
    expect(bad.some((x) => x.includes('beos'))).toBe(true);
  });

  it('a test case row with an undeclared field (pth: for path:) fails with file and key', async () => {
    const t = tests.replace('{ services: [{ name: OtherSvc }] }', "{ files: [{ pth: 'C:\\\\X' }] }");
    const p = await problems({ 't.yaml': `id: t\n${base}indicators:\n  windows: { services: [ExampleSvc] }\n${t}` });
    expect(p.some((x) => x.startsWith('t.yaml: tests.negative[0].snapshot.files[0]') && /pth/.test(x))).toBe(true);
  });

  it('enforces declared platforms: an installed artefact unless a gap is given, nothing undeclared', async () => {
    const p = await problems({
      'na.yaml': `id: na\n${base}indicators:\n  windows: { processes: [{ name: ExampleAgent.exe }] }\n  agent_domains: [api.example.com]\n${tests.replace(/services: \[\{ name: ExampleSvc \}\]/, 'processes: [{ pid: 1, name: ExampleAgent.exe }]')}`,
      'ud.yaml': `id: ud\n${base}indicators:\n  windows: { services: [ExampleSvc2] }\n  linux: { services: [example.service] }\n${tests.replace(/ExampleSvc\b/, 'ExampleSvc2')}`,
      'gp.yaml': `id: gp\n${noPlat}platforms:\n  windows: { source: https://example.com/d }\n  macos: { source: https://example.com/d, gap: no source names its files }\nindicators:\n  windows: { services: [ExampleSvc3] }\n${tests.replace(/ExampleSvc\b/, 'ExampleSvc3')}`,
      'np.yaml': `id: np\n${noPlat}indicators:\n  windows: { services: [ExampleSvc4] }\n${tests.replace(/ExampleSvc\b/, 'ExampleSvc4')}`,
    });
    expect(p.find((x) => x.startsWith('na.yaml: platforms.windows: windows is declared without a gap'))).toBeDefined();
    expect(p.find((x) => x.startsWith('ud.yaml: indicators.linux: indicators for linux, but platforms does not declare linux'))).toBeDefined();
    expect(p.filter((x) => x.startsWith('gp.yaml'))).toEqual([]);
    expect(p.find((x) => x.startsWith('np.yaml: platforms'))).toBeDefined();
  });

  it('rejects two rules sharing an exact installed artefact unless they are one family', async () => {
    const rule = (id: string, extra = '') => `id: ${id}\n${base}${extra}indicators:\n  windows:\n    services: [ExampleSvc]\n    processes: [{ path: 'C:\\Program Files\\Ex\\ex.exe' }]\n${tests}`;
    const dup = await problems({ 'a1.yaml': rule('a1'), 'a2.yaml': rule('a2') });
    expect(dup.filter((x) => x.startsWith('a2.yaml: indicators.windows: service "ExampleSvc" is also an indicator of rule a1'))).toHaveLength(1);
    expect(dup.some((x) => x.includes('program path'))).toBe(true);
    const fam = await problems({ 'b1.yaml': rule('b1'), 'b2.yaml': rule('b2', 'family: b1\n') });
    expect(fam).toEqual([]);
    const bad = await problems({ 'c1.yaml': rule('c1', 'family: nobody\n') });
    expect(bad.find((x) => x.startsWith('c1.yaml: family: family "nobody" names no other rule'))).toBeDefined();
  });

  it('bounds wildcards in globs, with file and key', async () => {
    const many = `C:\\ProgramData\\Example\\${'*a'.repeat(9)}`;
    const deep = 'C:\\**\\x\\**\\y\\**\\z\\**\\Example\\a.exe';
    const p = await problems({ 'w.yaml': `id: w\n${base}indicators:\n  windows:\n    services: [ExampleSvc]\n    paths: [{ glob: '${many}' }, { glob: '${deep}' }]\n${tests}` });
    expect(p.find((x) => x.startsWith('w.yaml: indicators.windows.paths[0].glob: glob') && x.includes('9 *'))).toBeDefined();
    expect(p.find((x) => x.startsWith('w.yaml: indicators.windows.paths[1].glob: glob') && x.includes('4 **'))).toBeDefined();
  });
});
