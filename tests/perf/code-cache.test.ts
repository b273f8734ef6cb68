// The V8 code cache `npm run build` writes beside the bundle's chunks (dist/bundle/*.cache): this Node takes it, a
// Node with other V8 flags rejects it and compiles the source (same output), and a scan writes no cache of its own.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const BUNDLE = `${ROOT}dist/bundle/`;
const BIN = `${ROOT}bin/bosswatch.js`;
const EXAMPLE = `${ROOT}examples/snapshots/ubuntu-monitored.json`;

/** Loads the bundle the way bin/bosswatch.js does, with the given node flags; which chunks' caches V8 rejected. */
function rejected(flags: string[]): Record<string, boolean> {
  const code = `const { load, scripts } = require(${JSON.stringify(`${BUNDLE}load.cjs`)}); load(${JSON.stringify(`${BUNDLE}cli.cjs`)});
process.stdout.write(JSON.stringify(Object.fromEntries([...scripts].map(([f, s]) => [f.split('/').pop(), s.cachedDataRejected]))));`;
  return JSON.parse(execFileSync(process.execPath, [...flags, '-e', code], { encoding: 'utf8' }));
}

describe('the code cache of the bundle', () => {
  it('is written by the build for every chunk a scan loads, and this Node takes it', () => {
    const r = rejected([]);
    expect(Object.keys(r).sort()).toEqual(readdirSync(BUNDLE).filter((f) => f.endsWith('.cjs.cache')).map((f) => f.slice(0, -'.cache'.length)).sort());
    expect(Object.keys(r).length).toBeGreaterThanOrEqual(2);
    expect(Object.values(r).every((x) => x === false)).toBe(true);
  });

  it('is rejected under other V8 flags, and the scan then compiles the source and says the same', () => {
    expect(Object.values(rejected(['--no-opt'])).every((x) => x === true)).toBe(true);
    const run = (flags: string[]) => spawnSync(process.execPath, [...flags, BIN, 'scan', '--snapshot', EXAMPLE, '--format', 'json'], { encoding: 'utf8' });
    const plain = run([]);
    const other = run(['--no-opt']);
    expect(other.status).toBe(plain.status);
    expect(other.stderr).toBe('');
    const strip = (s: string) => s.replace(/"created_at": "[^"]*"/, '').replace(/"report_digest": "[^"]*"/, '');
    expect(strip(other.stdout)).toBe(strip(plain.stdout));
    expect(JSON.parse(plain.stdout).findings.length).toBeGreaterThan(0);
  });

  it('does not carry the path of the folder it was built in', () => {
    for (const f of readdirSync(BUNDLE).filter((n) => n.endsWith('.cache'))) expect(readFileSync(`${BUNDLE}${f}`).includes(ROOT)).toBe(false);
  });

  it('is never written at run time: a scan leaves dist/bundle/ as the build left it', () => {
    const before = readdirSync(BUNDLE).map((f) => `${f} ${statSync(`${BUNDLE}${f}`).mtimeMs}`);
    spawnSync(process.execPath, [BIN, 'scan', '--snapshot', EXAMPLE], { encoding: 'utf8' });
    expect(readdirSync(BUNDLE).map((f) => `${f} ${statSync(`${BUNDLE}${f}`).mtimeMs}`)).toEqual(before);
  });
});
