import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { englishIn } from './english.js';

const SRC = new URL('../../src/', import.meta.url).pathname;
const BIN = new URL('../../bin/bosswatch.js', import.meta.url).pathname;
const EXAMPLE = new URL('../../examples/snapshots/ubuntu-clean.json', import.meta.url).pathname;

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

/** The argument text of every `new UsageError(…)` / `new InputError(…)` in the source, found by balancing brackets. */
function throwSites(): { where: string; args: string }[] {
  const out: { where: string; args: string }[] = [];
  for (const f of files(SRC)) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/new (UsageError|InputError)\(/g)) {
      let depth = 1;
      let i = m.index! + m[0].length;
      let quote: string | undefined;
      for (; i < text.length && depth > 0; i++) {
        const ch = text[i];
        if (quote) {
          if (ch === '\\') i++;
          else if (ch === quote) quote = undefined;
        } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
        else if ('([{'.includes(ch)) depth++;
        else if (')]}'.includes(ch)) depth--;
      }
      out.push({ where: `${f.slice(SRC.length)}:${text.slice(0, m.index).split('\n').length}`, args: text.slice(m.index! + m[0].length, i - 1) });
    }
  }
  return out;
}

function run(args: string[], env: Record<string, string> = { LANG: 'es_ES.UTF-8' }) {
  const base = { ...process.env };
  for (const k of ['LC_ALL', 'LC_MESSAGES', 'LANG']) delete base[k];
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...base, NO_COLOR: '1', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('known errors in the user\'s language', () => {
  it('every UsageError and InputError the source throws carries a catalogue message', () => {
    const sites = throwSites();
    expect(sites.length).toBeGreaterThan(40);
    // the English message first, then { key: … } (or a variable holding one)
    expect(sites.filter((s) => !/\{\s*key:/.test(s.args)).map((s) => s.where)).toEqual([]);
  });

  it('errors a user meets are Spanish, one line, exit 2, with what they typed quoted as typed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-err-'));
    writeFileSync(join(dir, 'notjson.json'), '{ nope');
    writeFileSync(join(dir, 'other.json'), '{"format":"something-else"}');
    writeFileSync(join(dir, 'old.json'), '{"format":"bosswatch-snapshot","version":0}');
    writeFileSync(join(dir, 'pack.json'), '{"format":"nope"}');
    writeFileSync(join(dir, 'full'), 'x');
    const cases: [string[], RegExp][] = [
      [['scan', '--snapshot', join(dir, 'missing.json')], /no se puede leer el inventario .*missing\.json: no existe ese archivo/],
      [['scan', '--snapshot', join(dir, 'notjson.json')], /notjson\.json no es un inventario JSON: /],
      [['scan', '--snapshot', join(dir, 'other.json')], /other\.json no es un inventario de bosswatch \(se esperaba "format": "bosswatch-snapshot"\)/],
      [['scan', '--snapshot', join(dir, 'old.json')], /old\.json es un inventario de la versión 0; este bosswatch lee la versión/],
      [['scan', '--snapshot', EXAMPLE, '--rules', join(dir, 'nope')], /no se encuentra la carpeta de reglas: /],
      [['scan', '--snapshot', EXAMPLE, '--rules', join(dir, 'pack.json')], /pack\.json no es un paquete de reglas de bosswatch/],
      [['scan', '--snapshot', EXAMPLE, '--output', join(dir, 'full', 'r.json')], /no se puede escribir .*r\.json: /],
      [['explain', 'zzzz'], /no hay ningún producto "zzzz" en las reglas; mira bosswatch rules list/],
      [['explain', 'tera'], /no hay ningún producto "tera" en las reglas; ¿querías decir: .*teramind/],
      [['rules', 'list', '--category', 'spies'], /categoría desconocida "spies"/],
      [['rules', 'list', '--platform', 'bsd'], /sistema desconocido "bsd"/],
      [['rules', 'build', dir, '--output', join(dir, 'x.yaml')], /debe terminar en \.json/],
      [['letter', '--report', join(dir, 'notjson.json')], /no se puede leer el informe .*notjson\.json: /],
      [['letter', '--report', join(dir, 'other.json')], /other\.json no es un informe de bosswatch \(versión 2\)/],
      [['verify', join(dir, 'missing.json')], /no existe ese archivo/],
      [['collect', '--raw', join(dir, 'full')], /--raw .*full: no es una carpeta/],
      [['collect', '--raw', dir], /--raw .*: la carpeta no está vacía/],
    ];
    for (const [args, re] of cases) {
      const r = run(args);
      expect(r.code, `${args.join(' ')}\n${r.err}`).toBe(2);
      expect(r.err, args.join(' ')).toMatch(new RegExp(`^bosswatch: .*?${re.source}`));
      expect(r.err.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(englishIn(r.err), r.err).toEqual([]);
      // the same error in English still says it in English
      expect(run(args, {}).err, args.join(' ')).toMatch(/^bosswatch: /);
    }
  });
});
