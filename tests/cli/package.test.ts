import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('a package people can trust', () => {
  it('carries its licence, credits and where to find and report it', () => {
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/Apache License\s+Version 2\.0, January 2004[\s\S]*END OF TERMS AND CONDITIONS/);
    const notice = readFileSync(join(ROOT, 'NOTICE'), 'utf8');
    expect(notice).toMatch(/LOLRMM[\s\S]*Apache License, Version 2\.0/);
    expect(notice).toMatch(/stalkerware-indicators[\s\S]*CC BY 4\.0/);
    expect(pkg.license).toBe('Apache-2.0');
    expect(pkg.files).toEqual(expect.arrayContaining(['LICENSE', 'NOTICE', 'bin', 'dist', 'rules']));
    expect(pkg.repository.url).toMatch(/^git\+https:\/\/github\.com\//);
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.bugs.url).toMatch(/^https:\/\/.*\/issues$/);
  });

  it('builds when packed and before a scan from a clone, never on install from the registry', () => {
    expect(pkg.scripts.prepare).toBeUndefined();
    expect(pkg.scripts.prepack).toBe('npm run build');
    expect(pkg.scripts.prescan).toMatch(/build-if-stale/);
    expect(pkg.scripts.pretest).toBe('npm run build');
  });

  it('run from a clone before npm install, prints one line saying what to run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-clone-'));
    mkdirSync(join(dir, 'bin'));
    copyFileSync(join(ROOT, 'bin/bosswatch.js'), join(dir, 'bin/bosswatch.js'));
    copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
    const r = spawnSync(process.execPath, [join(dir, 'bin/bosswatch.js'), 'scan'], { encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('bosswatch: not installed in this folder yet; run `npm install`, then `npm run scan` (or `npm run build`)\n');
    expect(r.stdout).toBe('');
    const es = spawnSync(process.execPath, [join(dir, 'bin/bosswatch.js'), 'scan'], { encoding: 'utf8', env: { ...process.env, LANG: 'es_ES.UTF-8', LC_ALL: '' } });
    expect(es.stderr).toMatch(/^bosswatch: todavía no está instalado/);
    for (const args of [['--lang', 'es', 'scan'], ['scan', '--lang=es']]) {
      const asked = spawnSync(process.execPath, [join(dir, 'bin/bosswatch.js'), ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '' } });
      expect(asked.stderr, args.join(' ')).toMatch(/^bosswatch: todavía no está instalado/);
    }
    const en = spawnSync(process.execPath, [join(dir, 'bin/bosswatch.js'), '--lang', 'en', 'scan'], { encoding: 'utf8', env: { ...process.env, LANG: 'es_ES.UTF-8', LC_ALL: '' } });
    expect(en.stderr).toMatch(/^bosswatch: not installed/);
  });
});
