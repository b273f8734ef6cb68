import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/bosswatch.js', import.meta.url).pathname;
const FIX = (name: string) => new URL(`../fixtures/snapshots/${name}`, import.meta.url).pathname;

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'bw-cli-'));

describe('bosswatch scan --snapshot', () => {
  it('recognises x11vnc with high confidence and exits 1', () => {
    const r = run(['scan', '--snapshot', FIX('linux-x11vnc.json'), '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.format).toBe('bosswatch-report');
    expect(report.version).toBe(2);
    const f = report.findings.find((x: { rule: string }) => x.rule === 'x11vnc');
    expect(f).toMatchObject({ name: 'x11vnc', category: 'remote-access', confidence: 'high' });
    expect(f.evidence.map((e: { table: string; item: string }) => `${e.table}:${e.item}`)).toEqual(
      expect.arrayContaining(['processes:/usr/bin/x11vnc', 'packages:x11vnc']),
    );
    expect(f.capabilities[0]).toHaveProperty('source');
    expect(report.rules.count).toBeGreaterThan(15);
    expect(report.rules.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('leaves the host name and user names out of the report unless asked', () => {
    const hidden = run(['scan', '--snapshot', FIX('linux-x11vnc.json'), '--format', 'json']).out;
    expect(hidden).not.toContain('alice');
    const shown = run(['scan', '--snapshot', FIX('linux-x11vnc.json'), '--format', 'json', '--include-identifiers']).out;
    expect(JSON.parse(shown).host.hostname).toBe('alice-laptop');
  });

  it('prints a plain terminal report without colour when piped, and escapes control characters from the machine', () => {
    const r = run(['scan', '--snapshot', FIX('linux-x11vnc.json')]);
    expect(r.code).toBe(1);
    expect(r.out).not.toContain('\u001b');
    expect(r.out).toContain('x11vnc');
    expect(r.out).toMatch(/● x11vnc · Remote access \/ remote management · high confidence/);
    expect(r.out).toContain('evil\\x1b[2Jname');
    expect(r.out).toContain('What could not be checked');
    expect(r.out).not.toMatch(/\bclean\b/i);
  });

  it('never colours a pipe, even when FORCE_COLOR is set (option handling itself: tests/report)', () => {
    expect(run(['scan', '--snapshot', FIX('linux-x11vnc.json'), '--no-color'], { FORCE_COLOR: '1' }).out).not.toContain('\u001b[');
    expect(run(['scan', '--snapshot', FIX('linux-x11vnc.json')], { NO_COLOR: '1', FORCE_COLOR: '1' }).out).not.toContain('\u001b[');
  });

  it('writes only the requested output file', () => {
    const dir = tmp();
    const out = join(dir, 'report.json');
    const r = run(['scan', '--snapshot', FIX('linux-x11vnc.json'), '--format', 'json', '--output', out]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).findings.length).toBeGreaterThan(0);
  });

  it('refuses malformed snapshots with one line and exit 2', () => {
    const dir = tmp();
    const cases: [string, RegExp][] = [
      ['not json', /is not a JSON snapshot/],
      ['{"format":"other"}', /is not a bosswatch snapshot/],
      ['{"format":"bosswatch-snapshot","version":2}', /snapshot version 2; this bosswatch reads version 1/],
      ['{"format":"bosswatch-snapshot","version":1,"collected_at":"2026-11-23T10:00:00Z","host":{"platform":"linux","os_version":"x"},"processes":[{"pid":"one","name":"x"}],"coverage":[]}', /processes\[0\]\.pid/],
    ];
    for (const [text, msg] of cases) {
      const f = join(dir, 's.json');
      writeFileSync(f, text);
      const r = run(['scan', '--snapshot', f]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    expect(run(['scan', '--snapshot', join(dir, 'missing.json')]).err).toMatch(/no such file/);
  });

  it('exits 0 and says so plainly when nothing is recognised', () => {
    const dir = tmp();
    const f = join(dir, 's.json');
    writeFileSync(f, JSON.stringify({ format: 'bosswatch-snapshot', version: 1, collected_at: '2026-11-23T10:00:00Z', host: { platform: 'linux', os_version: 'x' }, processes: [], coverage: [], extra_table: [1] }));
    const r = run(['scan', '--snapshot', f]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('No known monitoring product or behaviour was recognised in what could be');
    expect(r.out).toContain('That is not proof that nothing watches this computer');
  });
});

describe('usage errors', () => {
  it('exits 2 on unknown options, formats and commands', () => {
    expect(run(['scan', '--bogus']).code).toBe(2);
    expect(run(['scan', '--format', 'xml']).code).toBe(2);
    expect(run(['frobnicate']).code).toBe(2);
    expect(run(['explain', 'no-such-product-xyz']).code).toBe(2);
  });

  it('exits 0 for --help and --version', () => {
    expect(run(['--help']).code).toBe(0);
    expect(run(['--version']).out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('rules and explain', () => {
  it('validates the built-in rules', () => {
    const r = run(['rules', 'validate']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\d+ rules valid/);
  });

  it('reports invalid rules with file and key and exits 2', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bad.yaml'), 'id: bad\nname: Bad\n');
    const r = run(['rules', 'validate', dir]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/bad\.yaml: vendor: /);
    const scan = run(['scan', '--snapshot', FIX('linux-x11vnc.json'), '--rules', dir]);
    expect(scan.code).toBe(2);
    expect(scan.err).toMatch(/^bosswatch: invalid rule: .*bad\.yaml: /);
  });

  it('loads an extra rules directory next to the built-in rules', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'union-pack-agent.yaml'), `id: union-pack-agent
name: Union Pack Agent
vendor: Example
category: employee-monitoring
website: https://example.org/
summary: A product only a union's own pack knows.
capabilities: []
hidden_mode: { supported: unknown }
platforms: { linux: { source: https://example.org/ } }
indicators:
  linux: { packages: [x11vnc] }
references: [{ url: https://example.org/ }]
last_reviewed: 2026-11-23
tests:
  positive: [{ platform: linux, snapshot: { packages: [{ name: x11vnc }] } }]
  negative: [{ platform: linux, snapshot: { packages: [{ name: x11vnc-data }] } }]
`);
    const r = run(['scan', '--snapshot', FIX('linux-x11vnc.json'), '--rules', dir, '--format', 'json']);
    expect(JSON.parse(r.out).findings.map((f: { rule: string }) => f.rule)).toContain('union-pack-agent');
  });

  it('explains a product with capabilities, sources and indicators', () => {
    const r = run(['explain', 'x11vnc']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('What it can capture');
    expect(r.out).toContain('source: https://');
    expect(r.out).toContain('Linux:');
    expect(r.out).toContain('Can it run hidden?');
  });

  it('lists rules by category and platform, shows one, and prints stats', () => {
    const list = run(['rules', 'list', '--category', 'remote-access', '--platform', 'linux']);
    expect(list.out).toMatch(/^x11vnc\s/m);
    expect(list.out).not.toMatch(/employee-monitoring/);
    expect(run(['rules', 'show', 'x11vnc']).out).toContain('id: x11vnc');
    const stats = JSON.parse(run(['rules', 'stats', '--format', 'json']).out);
    expect(stats.by_category['remote-access']).toBeGreaterThan(0);
  });
});

describe('bosswatch collect', () => {
  it.runIf(process.platform === 'linux')('writes this machine\'s snapshot to the requested file and nothing else', () => {
    const dir = tmp();
    const out = join(dir, 'snap.json');
    const r = run(['collect', '--output', out]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    const snap = JSON.parse(readFileSync(out, 'utf8'));
    expect(snap).toMatchObject({ format: 'bosswatch-snapshot', version: 1, host: { platform: 'linux' } });
    expect(snap.processes.length).toBeGreaterThan(0);
    const again = run(['scan', '--snapshot', out, '--format', 'json']);
    expect([0, 1]).toContain(again.code);
    expect(JSON.parse(again.out).checked.processes).toBe(snap.processes.length);
  });
});
