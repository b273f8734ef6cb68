import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { langOfArgv } from '../../src/cli.js';

const BIN = new URL('../../bin/bosswatch.js', import.meta.url).pathname;
const EXAMPLE = new URL('../../examples/snapshots/ubuntu-monitored.json', import.meta.url).pathname;

function run(args: string[], env: Record<string, string> = {}) {
  const base = { ...process.env };
  for (const k of ['LC_ALL', 'LC_MESSAGES', 'LANG']) delete base[k];
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...base, NO_COLOR: '1', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('--lang and the environment choose the language', () => {
  it('--lang es before or after the command, or LANG=es_ES.UTF-8, gives Spanish; LC_ALL wins over LANG', () => {
    const spanish = 'Hace fotos de tu pantalla';
    expect(run(['--lang', 'es', 'scan', '--snapshot', EXAMPLE]).out).toContain(spanish);
    expect(run(['scan', '--snapshot', EXAMPLE, '--lang', 'es']).out).toContain(spanish);
    expect(run(['scan', '--snapshot', EXAMPLE], { LANG: 'es_ES.UTF-8' }).out).toContain(spanish);
    expect(run(['scan', '--snapshot', EXAMPLE], { LANG: 'es_ES.UTF-8', LC_ALL: 'en_US.UTF-8' }).out).not.toContain(spanish);
    expect(run(['scan', '--snapshot', EXAMPLE], { LANG: 'de_DE.UTF-8' }).out).toContain('Takes pictures of your screen');
    expect(run(['scan', '--snapshot', EXAMPLE, '--lang', 'en'], { LANG: 'es_ES.UTF-8' }).out).toContain('Takes pictures of your screen');
  });

  it('an unknown --lang is a usage error (exit 2)', () => {
    const r = run(['--lang', 'fr', 'scan', '--snapshot', EXAMPLE]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('en, es');
  });

  it('finds --lang anywhere before --, in both spellings', () => {
    expect(langOfArgv(['scan', '--lang=es'], {})).toBe('es');
    expect(langOfArgv(['--lang', 'es', 'scan'], { LANG: 'en_US' })).toBe('es');
    expect(langOfArgv(['scan', '--', '--lang', 'es'], {})).toBe('en');
    expect(langOfArgv(['scan'], { LANG: 'es_ES.UTF-8' })).toBe('es');
  });
});

describe('--output chooses the format from its extension', () => {
  it('writes HTML to report.html, Markdown to .md, SARIF to .sarif, CSV to .csv, text to .txt', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'bw-out-'));
    const expectations: Record<string, RegExp> = { 'r.html': /^<!doctype html>/, 'r.md': /^# bosswatch report/, 'r.sarif': /"version": "2\.1\.0"/, 'r.csv': /^\ufeffproduct,rule,/, 'r.txt': /^Found on this computer/, 'r.json': /"format": "bosswatch-report"/ };
    for (const [file, re] of Object.entries(expectations)) {
      const r = run(['scan', '--snapshot', EXAMPLE, '--output', join(dir, file)]);
      expect(r.code, r.err).toBe(1);
      expect(r.out).toBe('');
      expect(readFileSync(join(dir, file), 'utf8'), file).toMatch(re);
    }
    const bad = run(['scan', '--snapshot', EXAMPLE, '--output', join(dir, 'r.pdf')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^bosswatch: cannot tell the format/);
    expect(run(['scan', '--snapshot', EXAMPLE, '--output', join(dir, 'r.pdf'), '--lang', 'es']).err).toMatch(/^bosswatch: no se sabe qué formato/);
  });
});
