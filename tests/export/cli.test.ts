import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { osqueryRows, osqueryDatabase } from './snapshot-rows.js';

// The built CLI, as a user runs it.
const BIN = new URL('../../bin/bosswatch.js', import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, LANG: 'C' } });
const dir = mkdtempSync(join(tmpdir(), 'bosswatch-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bosswatch rules export', () => {
  it('--format osquery prints osquery\'s pack JSON: queries by name with query, interval, description, platform', () => {
    const r = run('rules', 'export', '--format', 'osquery');
    expect(r.status).toBe(0);
    const pack = JSON.parse(r.stdout) as { queries: Record<string, { query: string; interval: number; description: string; platform: string }> };
    const names = Object.keys(pack.queries);
    expect(names.length).toBeGreaterThan(300);
    for (const [name, q] of Object.entries(pack.queries)) {
      expect(name).toMatch(/^bosswatch_[a-z0-9_]+_(windows|darwin|linux)$/);
      expect(Object.keys(q).sort()).toEqual(['description', 'interval', 'platform', 'query', 'removed']);
      expect(q.platform).toBe(name.split('_').pop());
      expect(q.query.endsWith(';')).toBe(true);
    }
    expect(pack.queries.bosswatch_teramind_windows.query).toContain("'teramind' AS bosswatch_rule");
    // what is not exported is said on standard error, not hidden
    expect(r.stderr).toMatch(/queries for \d+ rules/);
    expect(r.stderr).toMatch(/do not check .*signers \d+/);
  });

  it('--format fleet prints Fleet YAML: kind query and kind policy documents with Fleet\'s keys', () => {
    const r = run('rules', 'export', '--format', 'fleet');
    expect(r.status).toBe(0);
    const docs = jsyaml.loadAll(r.stdout) as { apiVersion: string; kind: string; spec: Record<string, unknown> }[];
    const queries = docs.filter((d) => d.kind === 'query');
    const policies = docs.filter((d) => d.kind === 'policy');
    expect(queries.length).toBeGreaterThan(300);
    expect(policies.length).toBe(queries.length);
    for (const d of docs) expect(d.apiVersion).toBe('v1');
    for (const q of queries) {
      expect(Object.keys(q.spec).sort()).toEqual(['automations_enabled', 'description', 'discard_data', 'interval', 'logging', 'name', 'observer_can_run', 'platform', 'query']);
      expect(['windows', 'darwin', 'linux']).toContain(q.spec.platform);
    }
    for (const p of policies) {
      expect(Object.keys(p.spec).sort()).toEqual(['description', 'name', 'platform', 'query', 'resolution']);
      expect(String(p.spec.query)).toMatch(/^SELECT 1 WHERE NOT EXISTS \(/);
    }
    expect(new Set(policies.map((p) => p.spec.name)).size).toBe(policies.length);
  });

  it('a Fleet policy passes on a host without the product and fails on one with it', async () => {
    const docs = jsyaml.loadAll(run('rules', 'export', '--format', 'fleet').stdout) as { kind: string; spec: { name: string; query: string } }[];
    const policy = docs.find((d) => d.kind === 'policy' && d.spec.name.includes('bosswatch veyon') && d.spec.name.endsWith('Linux'))!;
    const snap = JSON.parse(readFileSync(new URL('../../examples/snapshots/ubuntu-monitored.json', import.meta.url), 'utf8'));
    const clean = JSON.parse(readFileSync(new URL('../../examples/snapshots/ubuntu-clean.json', import.meta.url), 'utf8'));
    for (const [s, rows] of [[snap, 0], [clean, 1]] as const) {
      const db = await osqueryDatabase('linux', osqueryRows(s));
      expect(db.exec(policy.spec.query)[0]?.values.length ?? 0).toBe(rows);
      db.close();
    }
  });

  it('--output writes the file (never through a symlink) and --rules adds a rule folder', () => {
    const rules = join(dir, 'rules');
    mkdirSync(rules);
    const src = readFileSync(new URL('../../rules/veyon.yaml', import.meta.url), 'utf8').replace(/^id: veyon$/m, 'id: veyon-copy');
    writeFileSync(join(rules, 'veyon-copy.yaml'), src);
    const target = join(dir, 'elsewhere.json');
    writeFileSync(target, 'keep');
    const link = join(dir, 'pack.json');
    symlinkSync(target, link);
    const r = run('rules', 'export', '--format', 'osquery', '--rules', rules, '--output', link);
    expect(r.stderr).toContain('wrote');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(target, 'utf8')).toBe('keep');
    const pack = JSON.parse(readFileSync(link, 'utf8'));
    expect(Object.keys(pack.queries)).toContain('bosswatch_veyon_copy_linux');
  });

  it('usage and input errors are one line with exit code 2', () => {
    for (const args of [['rules', 'export'], ['rules', 'export', '--format', 'sigma'], ['rules', 'export', '--format', 'osquery', '--output', join(dir, 'no', 'such', 'x.json')], ['rules', 'export', '--format', 'fleet', '--rules', join(dir, 'missing')]]) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n').filter((l) => !l.startsWith('(run with')).length, r.stderr).toBe(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });

  it('speaks Spanish with --lang es', () => {
    const r = run('--lang', 'es', 'rules', 'export', '--format', 'osquery');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/consultas para \d+ reglas/);
  });
});
