import { spawnSync } from 'node:child_process';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, localError } from '../../src/cli.js';
import { translator } from '../../src/i18n/index.js';
import { ENGLISH_PHRASES, englishIn } from './english.js';

const BIN = new URL('../../bin/bosswatch.js', import.meta.url).pathname;

function run(args: string[], env: Record<string, string> = {}) {
  const base = { ...process.env };
  for (const k of ['LC_ALL', 'LC_MESSAGES', 'LANG']) delete base[k];
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...base, NO_COLOR: '1', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// every command path of the real program: [], ['scan'], ['rules', 'list'], …
const paths = (cmd: Command, prefix: string[] = []): string[][] => [prefix, ...cmd.commands.flatMap((c) => paths(c, [...prefix, c.name()]))];
const COMMANDS = paths(buildProgram({ out: () => {}, err: () => {}, lang: 'en' }, () => {}));

describe('--help in Spanish', () => {
  it('the English catalogue gives enough phrases to look for', () => {
    expect(ENGLISH_PHRASES.length).toBeGreaterThan(300);
    expect(COMMANDS.length).toBeGreaterThan(12);
  });

  it.each(COMMANDS.map((c) => [c.join(' ') || '(bosswatch)', c]))('%s --help is Spanish with LANG=es_ES.UTF-8 and with --lang es', (_name, cmd) => {
    for (const r of [run([...(cmd as string[]), '--help'], { LANG: 'es_ES.UTF-8' }), run(['--lang', 'es', ...(cmd as string[]), '--help'])]) {
      expect(r.code).toBe(0);
      expect(englishIn(r.out), r.out).toEqual([]);
      expect(r.out).toMatch(/^Uso: bosswatch/);
      expect(r.out).not.toMatch(/\b(Usage|Options|Commands|Arguments|choices|default):|\[options\]|\[command\]|display help|output the version/);
    }
  });

  it('in English, --help is what it was', () => {
    const r = run(['scan', '--help']);
    expect(r.out).toMatch(/^Usage: bosswatch scan \[options\]/);
    expect(r.out).toContain('report format (default: from the --output');
    expect(r.out).toContain('(choices: "terminal"');
    expect(r.out).toContain('Before you scan: quiet is not invisible.');
    expect(run(['scan', '--help', '--lang', 'es']).out).toContain('Antes de analizar: discreto no es invisible.');
  });

  it('usage mistakes are told in Spanish, with what was typed quoted, and still exit 2', () => {
    const cases: [string[], RegExp][] = [
      [['scan', '--formt', 'x'], /^error: opción desconocida «--formt»\n\(¿Querías decir --format\?\)\n\(usa --help/],
      [['scan', '--format', 'pdf'], /^error: el valor «pdf» de la opción «--format <format>» no es válido\. Valores posibles: terminal, json/],
      [['explain'], /^error: falta el argumento obligatorio «product»/],
      [['explain', 'a', 'b'], /^error: demasiados argumentos para «explain»\. Se esperaba 1 argumento y se recibieron 2\./],
      [['scn'], /^error: orden desconocida «scn»\n\(¿Querías decir scan\?\)/],
      [['scan', '--output'], /^error: a la opción «--output <file>» le falta su valor/],
      [['rules', 'build', 'x'], /^error: falta la opción obligatoria «--output <file>»/],
    ];
    for (const [args, re] of cases) {
      const r = run(args, { LANG: 'es_ES.UTF-8' });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(re);
      expect(run(args).err, args.join(' ')).toMatch(/^error: /);
    }
    expect(run(['scan', '--formt', 'x']).err).toMatch(/^error: unknown option '--formt'\n\(Did you mean --format\?\)\n\(run with --help for usage\)/);
  });

  it('an English message commander words differently is passed through rather than lost', () => {
    expect(localError(translator('es'), 'error: something new', 'commander.unknownOption')).toBe('error: something new');
  });
});
