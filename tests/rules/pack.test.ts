import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/bosswatch.js', import.meta.url).pathname;
const EXAMPLE = new URL('../../examples/snapshots/ubuntu-monitored.json', import.meta.url).pathname;
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

function copyRule(dir: string, from: string, id: string) {
  writeFileSync(join(dir, `${id}.yaml`), readFileSync(new URL(`../../rules/${from}.yaml`, import.meta.url), 'utf8').replace(new RegExp(`^id: ${from}$`, 'm'), `id: ${id}`));
}

describe('rule packs', () => {
  it('rules build validates a folder and writes a pack that --rules loads like the folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-pack-'));
    copyRule(dir, 'x11vnc', 'x11vnc-copy');
    const pack = `${dir}.json`;
    expect(run(['rules', 'build', dir, '--output', pack]).code).toBe(0);
    expect(JSON.parse(readFileSync(pack, 'utf8'))).toMatchObject({ format: 'bosswatch-rule-pack', version: 1, count: 1 });
    const fromPack = JSON.parse(run(['scan', '--snapshot', EXAMPLE, '--format', 'json', '--rules', pack]).out);
    const fromDir = JSON.parse(run(['scan', '--snapshot', EXAMPLE, '--format', 'json', '--rules', dir]).out);
    expect(fromPack.findings.map((f: { rule: string }) => f.rule)).toContain('x11vnc-copy');
    expect(fromPack.findings).toEqual(fromDir.findings);
  });

  it('a pack changed after it was built, or not a pack at all, is refused with one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-pack-'));
    copyRule(dir, 'x11vnc', 'x11vnc-copy');
    const pack = `${dir}.json`;
    run(['rules', 'build', dir, '--output', pack]);
    writeFileSync(pack, readFileSync(pack, 'utf8').replace('"x11vnc-copy"', '"x11vnc-edited"'));
    const tampered = run(['scan', '--snapshot', EXAMPLE, '--rules', pack]);
    expect(tampered.code).toBe(2);
    expect(tampered.err).toMatch(/was changed after it was built/);
    writeFileSync(pack, '{"format":"something-else"}');
    expect(run(['scan', '--snapshot', EXAMPLE, '--rules', pack]).err).toMatch(/is not a bosswatch rule pack/);
    writeFileSync(pack, JSON.stringify({ format: 'bosswatch-rule-pack', version: 1, digest: 'x', rules: [{ id: 1 }] }));
    const bad = run(['scan', '--snapshot', EXAMPLE, '--rules', pack]);
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
  });

  it('an invalid folder writes no pack', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-pack-'));
    writeFileSync(join(dir, 'broken.yaml'), 'id: broken\nname: [\n');
    const pack = `${dir}.json`;
    const r = run(['rules', 'build', dir, '--output', pack]);
    expect(r.code).toBe(2);
    expect(existsSync(pack)).toBe(false);
  });
});
