import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { coverageReason } from '../../src/report/reason.js';
import { englishIn } from './english.js';

// "A Spanish scan is fully Spanish": every format of a live scan and of every example snapshot, with --lang es, holds
// no phrase of the English catalogue; every coverage reason of those snapshots is translated from its code.
const BIN = new URL('../../bin/bosswatch.js', import.meta.url).pathname;
const EXAMPLES = new URL('../../examples/snapshots/', import.meta.url).pathname;
const FORMATS = ['terminal', 'html', 'markdown', 'sarif', 'csv', 'json'] as const;

function run(args: string[], env: Record<string, string> = {}) {
  const base = { ...process.env };
  for (const k of ['LC_ALL', 'LC_MESSAGES', 'LANG']) delete base[k];
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...base, NO_COLOR: '1', ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'bw-es-'));
const live = join(dir, 'live.json');
const SNAPSHOTS = [...readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).map((f) => join(EXAMPLES, f)), live];

/** What a reader of the JSON report sees in their language: everything but the data kept in English on purpose. */
function jsonText(out: string): string {
  // `reason` is the English detail for older readers (code and params are translated by renderers); rule descriptions are rule data
  return JSON.stringify(JSON.parse(out), (k, v) => (k === 'reason' || k === 'description' ? undefined : v));
}

describe('a Spanish scan is fully Spanish', () => {
  it('collects this computer for the live case', () => {
    const r = run(['collect', '--output', live]);
    expect(r.code, r.err).toBe(0);
  });

  it.each(SNAPSHOTS.map((f) => [f.slice(f.lastIndexOf('/') + 1), f]))('%s: every coverage reason has Spanish words (from its code, or its English template)', (_n, file) => {
    const snap = JSON.parse(readFileSync(file, 'utf8')) as { coverage: { reason?: string; code?: string }[] };
    const tr = translator('es');
    const untranslated = snap.coverage.filter((c) => c.reason && coverageReason(tr, c as never)?.machine).map((c) => c.reason);
    expect(untranslated).toEqual([]);
  });

  it.each(SNAPSHOTS.flatMap((f) => FORMATS.map((fmt) => [`${f.slice(f.lastIndexOf('/') + 1)} --format ${fmt}`, f, fmt])))('%s', (_n, file, fmt) => {
    const r = run(['scan', '--snapshot', file, '--format', fmt, '--lang', 'es']);
    expect([0, 1], r.err).toContain(r.code);
    expect(r.err).toBe('');
    const text = fmt === 'json' ? jsonText(r.out) : r.out;
    expect(englishIn(text), text).toEqual([]);
    // no coverage reason fell back to the system's untranslated words
    expect(text).not.toContain(translator('es').t('coverage.source'));
  });

  it('a live scan (no snapshot) in Spanish, with LANG=es_ES.UTF-8, in every format', () => {
    for (const fmt of FORMATS) {
      const r = run(['scan', '--format', fmt], { LANG: 'es_ES.UTF-8' });
      expect([0, 1], r.err).toContain(r.code);
      const text = fmt === 'json' ? jsonText(r.out) : r.out;
      expect(englishIn(text), `${fmt}\n${text}`).toEqual([]);
    }
  });

  it('explain, letter, fleet, verify and the rules commands in Spanish', () => {
    const monitored = join(EXAMPLES, 'macos-monitored.json');
    const report = join(dir, 'report.json');
    expect(run(['scan', '--snapshot', monitored, '--format', 'json', '--output', report]).code).toBe(1);
    const evidence = join(dir, 'evidence');
    run(['scan', '--snapshot', monitored, '--evidence', evidence, '--lang', 'es']);
    const cases: string[][] = [
      ['explain', 'teramind'],
      ['explain', 'teramind', '--format', 'markdown'],
      ['explain', 'device.managed'],
      ['letter', '--report', report],
      ['letter', '--report', report, '--template', 'gdpr'],
      ['fleet', EXAMPLES],
      ['fleet', EXAMPLES, '--format', 'markdown'],
      ['fleet', EXAMPLES, '--format', 'html', '--min-group', '2'],
      ['fleet', EXAMPLES, '--format', 'csv'],
      ['verify', evidence],
      ['verify', report, '--snapshot', monitored],
      ['rules', 'list'],
      ['rules', 'list', '--format', 'markdown'],
      ['rules', 'stats'],
      ['rules', 'validate'],
    ];
    for (const args of cases) {
      const r = run([...args, '--lang', 'es']);
      expect(r.code, `${args.join(' ')}\n${r.err}`).toBeLessThan(2);
      expect(englishIn(r.out + r.err), `${args.join(' ')}\n${r.out}${r.err}`).toEqual([]);
    }
  });

  it('the check finds English: the same scan in English is full of catalogue phrases', () => {
    const r = run(['scan', '--snapshot', join(EXAMPLES, 'macos-monitored.json'), '--format', 'html']);
    expect(englishIn(r.out).length).toBeGreaterThan(40);
  });

  it('the same snapshot collected in English reads in Spanish: the code decides, not the English words', () => {
    const tr = translator('es');
    expect(coverageReason(tr, { reason: 'lsof is not available on this Mac, so this part was skipped.', code: 'tool-missing', params: { tool: 'lsof' } })).toEqual({
      text: 'lsof no está disponible en este Mac, así que esta parte no se revisó.',
      machine: false,
    });
    // an older snapshot without a code: its English is recognised by the template
    expect(coverageReason(tr, { reason: 'lsof is not available on this Mac, so this part was skipped.' })?.machine).toBe(false);
    // text that is no template of ours is the system's, shown as it is and flagged
    expect(coverageReason(tr, { reason: 'EIO: i/o error, read' })).toEqual({ text: 'EIO: i/o error, read', machine: true });
    // several notes in one row, each translated
    expect(coverageReason(tr, { reason: 'x', code: 'profiles-need-sudo', more: [{ code: 'tool-timeout', params: { tool: 'profiles' } }] })?.text).toBe(
      'los perfiles de configuración de todo el equipo solo se listan cuando bosswatch se ejecuta con sudo. profiles no respondió a tiempo y se detuvo; vuelve a hacer el análisis.',
    );
  });
});

describe('Windows coverage reasons, recognised from their English', () => {
  const tr = translator('es');
  it.each([
    ['Windows did not allow bosswatch to start PowerShell (probably an application-control policy set by your organisation), so the running programs could not be read', 'Windows no dejó que bosswatch iniciara PowerShell (seguramente por una política de control de aplicaciones de tu organización), así que bosswatch no pudo leer los programas en ejecución'],
    ['PowerShell did not finish within 120 seconds, so the open network connections could not be read; the computer may be very busy, try again later', 'PowerShell no terminó en 120 segundos, así que bosswatch no pudo leer las conexiones de red abiertas; puede que el equipo esté muy ocupado, inténtalo más tarde'],
    ['the installed drivers could not be read: PowerShell stopped before reaching this step (it did not finish within 120 seconds)', 'bosswatch no pudo leer los controladores instalados: PowerShell se detuvo antes de llegar a este paso (no terminó en 120 segundos)'],
  ])('%s', (english, spanish) => {
    expect(coverageReason(tr, { reason: english })).toEqual({ text: spanish, machine: false });
  });

  it('a template whose {what} is not one of the inventory parts is not taken for one', () => {
    expect(coverageReason(tr, { reason: 'something else could not be read: EIO' })?.machine).toBe(true);
  });
});

describe('a helper command whose answer was not understood', () => {
  it('reads in Spanish, the sample quoted as printed', () => {
    const tr = translator('es');
    expect(coverageReason(tr, { reason: '2 of 9 line(s) rpm printed did not have the expected layout and were skipped (first: "garbage")' })).toEqual({
      text: '2 de las 9 líneas que mostró rpm no tenían la forma esperada y se saltaron (primera: "garbage")',
      machine: false,
    });
  });
});
