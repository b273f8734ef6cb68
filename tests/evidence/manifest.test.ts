import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson, digestJson } from '../../src/evidence/canonical.js';
import { reportDigestOf } from '../../src/evidence/manifest.js';
import { ReportSchema } from '../../src/report/schema.js';

const BIN = new URL('../../bin/bosswatch.js', import.meta.url).pathname;
const EXAMPLE = (name: string) => new URL(`../../examples/snapshots/${name}`, import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
const tmp = () => mkdtempSync(path.join(tmpdir(), 'bw-ev-'));

describe('canonical JSON', () => {
  it('sorts keys recursively, keeps array order, has no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 'é' }], c: null }, u: undefined })).toBe('{"a":{"c":null,"d":[3,{"y":"é","z":1}]},"b":1}');
    expect(digestJson({ a: 1, b: 2 })).toBe(digestJson(JSON.parse('{ "b": 2,\n "a": 1 }')));
    expect(digestJson({ a: 1 })).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('manifest and verify', () => {
  it('every report carries a manifest whose digests verify, and verify catches a changed finding', () => {
    const r = run('scan', '--snapshot', EXAMPLE('windows-monitored.json'), '--format', 'json');
    const report = JSON.parse(r.stdout);
    expect(ReportSchema.safeParse(report).success).toBe(true);
    expect(report.manifest).toMatchObject({ platform: 'windows', tool: { name: 'bosswatch' }, rules: { extra: false }, snapshot: { identifiers: 'redacted', tenant: 'kept' } });
    expect(report.manifest.rules.digest).toBe(report.rules.digest);
    expect(report.manifest.report_digest).toBe(reportDigestOf(report));
    expect(Array.isArray(report.manifest.checked) && Array.isArray(report.manifest.not_checked)).toBe(true);
    const dir = tmp();
    const file = path.join(dir, 'r.json');
    writeFileSync(file, r.stdout);
    const ok = run('verify', file);
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim().split('\n')).toHaveLength(1);
    expect(ok.stdout).toMatch(/^all checked digests match: report content matches its digest; rules match the built-in rules/);
    report.findings[0].confidence = 'low';
    writeFileSync(file, JSON.stringify(report));
    const bad = run('verify', file);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/^MISMATCH: report content does NOT match/);
    // the Spanish line
    expect(run('verify', file, '--lang', 'es').stdout).toMatch(/^NO COINCIDE: el contenido del informe NO coincide/);
  });

  it('checks the snapshot digest, and refuses what is not a report with exit 2', () => {
    const dir = tmp();
    // the snapshot as bosswatch writes it (redacted, as collect does by default) is the one the digest names
    const ev = path.join(dir, 'ev');
    run('scan', '--snapshot', EXAMPLE('ubuntu-monitored.json'), '--evidence', ev);
    const snapFile = path.join(dir, 's.json');
    const snap = JSON.parse(readFileSync(path.join(ev, 'snapshot.json'), 'utf8'));
    writeFileSync(snapFile, JSON.stringify(snap, null, 1));
    const report = path.join(dir, 'r.json');
    writeFileSync(report, run('scan', '--snapshot', snapFile, '--format', 'json').stdout);
    expect(run('verify', report, '--snapshot', snapFile).stdout).toContain('snapshot s.json matches');
    snap.processes.pop();
    writeFileSync(snapFile, JSON.stringify(snap));
    const bad = run('verify', report, '--snapshot', snapFile);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('snapshot s.json does NOT match');
    writeFileSync(path.join(dir, 'x.json'), '{"format":"something-else"}');
    expect(run('verify', path.join(dir, 'x.json')).status).toBe(2);
    writeFileSync(path.join(dir, 'y.json'), '{not json');
    const y = run('verify', path.join(dir, 'y.json'));
    expect(y.status).toBe(2);
    expect(y.stderr.trim().split('\n')).toHaveLength(1);
    expect(run('verify', path.join(dir, 'missing.json')).status).toBe(2);
  });
});

describe('scan --evidence', () => {
  it('writes the four files into a new folder, and verify of the folder checks them all', () => {
    const dir = path.join(tmp(), 'case-1');
    const r = run('scan', '--snapshot', EXAMPLE('macos-monitored.json'), '--evidence', dir);
    expect(r.status).toBe(1);
    const man = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(Object.keys(man.files).sort()).toEqual(['report.html', 'report.json', 'snapshot.json']);
    expect(readFileSync(path.join(dir, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/);
    const snap = JSON.parse(readFileSync(path.join(dir, 'snapshot.json'), 'utf8'));
    expect(snap.host.hostname).toBeUndefined();
    const v = run('verify', dir);
    expect(v.status, v.stdout + v.stderr).toBe(0);
    expect(v.stdout).toContain('snapshot snapshot.json matches; folder files match manifest.json');
    writeFileSync(path.join(dir, 'report.html'), 'changed');
    const bad = run('verify', dir);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('files that do NOT match manifest.json: report.html');
  });

  it('refuses a folder that is not empty, writing nothing', () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'sub'));
    const r = run('scan', '--snapshot', EXAMPLE('ubuntu-clean.json'), '--evidence', dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not empty/);
  });
});
