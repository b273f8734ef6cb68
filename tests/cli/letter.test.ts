import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/bosswatch.js', import.meta.url).pathname;
const EXAMPLE = (n: string) => new URL(`../../examples/snapshots/${n}`, import.meta.url).pathname;
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('bosswatch letter', () => {
  let report: string;
  let clean: string;
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-letter-'));
    report = join(dir, 'report.json');
    clean = join(dir, 'clean.json');
    expect(run(['scan', '--snapshot', EXAMPLE('windows-monitored.json'), '--output', report]).code).toBe(1);
    expect(run(['scan', '--snapshot', EXAMPLE('ubuntu-clean.json'), '--output', clean]).code).toBe(0);
  });

  it('asks the questions a person has a right to ask, about the products found, with no personal details unless given', () => {
    const r = run(['letter', '--report', report]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^To: \[employer or its data-protection officer\]\n/);
    expect(r.out).toContain('- Teramind (Employee monitoring): can capture keystrokes');
    expect(r.out).toContain('- Proofpoint Insider Threat Management (ITM)');
    for (const q of ['What information about me they collect', 'Why it is collected', 'How long it is kept', 'Who can see it', 'On what legal basis']) expect(r.out).toContain(q);
    expect(r.out).toContain('[your name]');
    expect(r.out).not.toContain('Article 15');
    expect(r.out).not.toMatch(/<user>|C:\\Users/);
  });

  it('gdpr: cites Article 15 with its source and asks for a copy; fills in name and employer when given', () => {
    const r = run(['letter', '--report', report, '--template', 'gdpr', '--name', 'Ana Ruiz', '--employer', 'ACME DPO']);
    expect(r.out).toContain('Article 15 of the General Data Protection Regulation');
    expect(r.out).toContain('https://eur-lex.europa.eu/eli/reg/2016/679/oj');
    expect(r.out).toContain('send me a copy of the personal data');
    expect(r.out).toMatch(/^To: ACME DPO\n/);
    expect(r.out).toContain('\nAna Ruiz\n');
  });

  it('in Spanish, from a report with nothing found, says so honestly', () => {
    const r = spawnSync(process.execPath, [BIN, 'letter', '--report', clean, '--template', 'gdpr', '--lang', 'es'], { encoding: 'utf8' });
    expect(r.stdout).toContain('no reconoció ningún producto de vigilancia conocido');
    expect(r.stdout).toContain('artículo 15 del Reglamento General de Protección de Datos');
    expect(r.stdout).not.toMatch(/\bclean\b|limpio/i);
  });

  it('refuses a file that is not a report, in one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-letter-'));
    writeFileSync(join(dir, 'x.json'), '{"format":"bosswatch-snapshot"}');
    const r = run(['letter', '--report', join(dir, 'x.json')]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/is not a bosswatch report/);
  });
});

describe('explain and rules take --format json|markdown', () => {
  it('explain', () => {
    const j = JSON.parse(run(['explain', 'teramind', '--format', 'json']).out);
    expect(j).toMatchObject({ id: 'teramind', category: 'employee-monitoring' });
    expect(j.capabilities[0].text).toMatch(/\.$/);
    const md = run(['explain', 'teramind', '--format', 'markdown']).out;
    expect(md).toMatch(/^# Teramind — Employee monitoring\n/);
    expect(md).toContain('## What it can capture');
    const es = spawnSync(process.execPath, [BIN, 'explain', 'teramind', '--lang', 'es'], { encoding: 'utf8' }).stdout;
    expect(es).toContain('¿Puede funcionar oculto?');
    expect(es).toContain('Registra las teclas que pulsas');
  });

  it('rules list and rules show (rendered from the parsed rule, never the raw file)', () => {
    const list = JSON.parse(run(['rules', 'list', '--format', 'json']).out);
    expect(list.length).toBeGreaterThan(100);
    expect(list.find((r: { id: string }) => r.id === 'teramind')).toMatchObject({ name: 'Teramind', platforms: expect.arrayContaining(['windows']) });
    expect(run(['rules', 'list', '--format', 'markdown']).out).toMatch(/^\| id \| Product \|/);
    const show = run(['rules', 'show', 'teramind']).out;
    expect(show).toMatch(/^# teramind\nid: teramind\n/);
    expect(show).not.toContain('\u001b');
    expect(JSON.parse(run(['rules', 'show', 'teramind', '--format', 'json']).out).id).toBe('teramind');
    expect(run(['rules', 'show', 'teramind', '--format', 'markdown']).out).toMatch(/^# Teramind \(teramind\)\n\n```yaml\n/);
  });

  it('says a behaviour found twice (two extra root certificates) once, with how many', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-letter-'));
    const mac = join(dir, 'mac.json');
    run(['scan', '--snapshot', EXAMPLE('macos-monitored.json'), '--output', mac]);
    const saved = JSON.parse(readFileSync(mac, 'utf8'));
    const ca = saved.behaviours.find((b: { id: string }) => b.id === 'tls.extra-root-ca');
    saved.behaviours.push(structuredClone(ca));
    const twice = join(dir, 'twice.json');
    writeFileSync(twice, JSON.stringify(saved));
    const en = run(['letter', '--report', twice]).out;
    expect(en.split('\n').filter((l) => l.startsWith(`- ${ca.title}`))).toEqual([`- ${ca.title} (found 2 times): can capture network traffic.`]);
    const es = run(['--lang', 'es', 'letter', '--report', twice]).out;
    expect(es).toMatch(/\(2 casos\): puede captar tráfico de red\./);
  });
});

