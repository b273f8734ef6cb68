// bosswatch diff OLD NEW, end to end through bin/bosswatch.js, on the example snapshots and changed copies of them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/bosswatch.js', import.meta.url).pathname;
const EXAMPLES = new URL('../../examples/snapshots/', import.meta.url).pathname;
const ex = (f: string) => path.join(EXAMPLES, f);
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', NO_COLOR: '1' } });
const dir = mkdtempSync(path.join(tmpdir(), 'bw-diff-'));
const write = (name: string, v: unknown) => {
  const f = path.join(dir, name);
  writeFileSync(f, typeof v === 'string' ? v : JSON.stringify(v, null, 2));
  return f;
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Snap = any;
const load = (f: string): Snap => JSON.parse(readFileSync(ex(f), 'utf8'));
const json = (...args: string[]) => {
  const r = run('diff', ...args, '--format', 'json');
  return { ...r, d: r.stdout ? JSON.parse(r.stdout) : undefined };
};
const ids = (xs: { id: string }[]) => xs.map((x) => x.id).sort();

/** windows-monitored with Insightful's folder gone, one Teramind process gone and the services check denied. */
function changedWindows(): Snap {
  const s = load('windows-monitored.json');
  s.files = s.files.filter((f: { path: string }) => !/workpuls-agent/i.test(f.path));
  s.processes = s.processes.filter((p: { path?: string }) => !/\\clm\.exe$/i.test(p.path ?? ''));
  // ObserveIT is seen through services, packages and registry: services can no longer be read, the rest is gone too
  s.services = [];
  s.packages = s.packages.filter((p: { name: string }) => !/ObserveIT/i.test(p.name));
  s.registry = s.registry.filter((r: { key: string }) => !/ObserveIT/i.test(r.key));
  const svc = s.coverage.find((c: { source: string }) => c.source === 'windows/services');
  svc.status = 'denied';
  svc.reason = 'Access is denied reading C:\\Users\\amartin\\NTUSER.DAT on LT-CONTOSO-0142';
  s.collected_at = '2026-11-27T10:00:00Z';
  return s;
}

describe('bosswatch diff', () => {
  it('clean → monitored of the same OS: what appeared, exit 1; the other way: no longer found, exit 0', () => {
    for (const os of ['windows', 'macos', 'ubuntu']) {
      const scan = JSON.parse(run('scan', '--snapshot', ex(`${os}-monitored.json`), '--format', 'json').stdout);
      const up = json(ex(`${os}-clean.json`), ex(`${os}-monitored.json`));
      expect(up.status, os).toBe(1);
      expect(ids(up.d.products.appeared), os).toEqual(scan.findings.map((f: { rule: string }) => f.rule).sort());
      expect(up.d.products.disappeared, os).toEqual([]);
      expect(up.d.monitoring_increased).toBe(true);
      const down = json(ex(`${os}-monitored.json`), ex(`${os}-clean.json`));
      expect(down.status, os).toBe(0);
      expect(ids(down.d.products.disappeared), os).toEqual(scan.findings.map((f: { rule: string }) => f.rule).sort());
      expect(down.d.products.appeared).toEqual([]);
      expect(down.d.format).toBe('bosswatch-diff');
      expect(down.d.version).toBe(1);
    }
  });

  it('monitored → monitored with one product removed, one losing evidence, one unseen because its check was denied', () => {
    const r = json(ex('windows-monitored.json'), write('changed.json', changedWindows()));
    expect(r.status).toBe(0);
    const d = r.d;
    expect(d.products.appeared).toEqual([]);
    const gone = Object.fromEntries(d.products.disappeared.map((p: { id: string }) => [p.id, p]));
    // its folder was checked in both files: not found
    expect(gone.insightful).toMatchObject({ name: 'Insightful', status: 'not-found', new_not_checked: [] });
    // services could not be read in the new file: not claimed as removed
    expect(gone['proofpoint-itm']).toMatchObject({ status: 'not-checked', new_not_checked: ['services'] });
    const tm = d.products.changed.find((c: { id: string }) => c.id === 'teramind');
    // the program no longer runs (processes were read): removed; its service is not seen because services were not
    expect(tm.evidence.removed).toEqual([{ table: 'processes', item: expect.stringMatching(/clm\.exe$/) }]);
    expect(tm.evidence.unseen.map((e: { table: string }) => e.table)).toEqual(['services', 'services']);
    expect(tm.evidence.added).toEqual([{ table: 'files', item: expect.stringMatching(/clm\.exe$/) }]);
    expect(tm.running).toBeUndefined();
    expect(d.coverage.changed).toEqual([{ table: 'services', source: 'windows/services', old: 'ok', new: 'denied', reason: 'Access is denied reading C:\\Users\\<user>\\NTUSER.DAT on <host>' }]);
    const t = run('diff', ex('windows-monitored.json'), path.join(dir, 'changed.json'));
    expect(t.status).toBe(0);
    expect(t.stdout).toContain('- Insightful (insightful, Time tracking): was high confidence');
    expect(t.stdout).toContain('checked in both files: not found in the new one');
    expect(t.stdout).toContain('not seen, but the new file could not fully check services and background jobs: it may still be there');
    expect(t.stdout).toContain('services and background jobs (windows/services): read → not allowed');
    expect(t.stdout).toMatch(/removed: C:\\ProgramData\\\{[0-9A-F-]+\}\\clm\.exe \(running programs\)/);
    expect(t.stdout).toContain('not seen, but the new file could not fully check where it was: tsvchst (services and background jobs)');
    expect(t.stdout).toContain('~ Teramind (teramind, Employee monitoring): evidence: 1 added, 1 removed, 2 not seen where the new file could not check');
    expect(t.stdout).toContain('No monitoring appeared or rose in confidence (exit code 0).');
  });

  it('confidence that rose counts as an increase (exit 1); a program that started running is shown', () => {
    // the old file: the clean machine with only the agent's server in its DNS cache (one weaker sign, medium)
    const old = load('windows-clean.json');
    const mon = load('windows-monitored.json');
    old.network = [...(old.network ?? []), ...mon.network.filter((n: { host: string }) => n.host === 'rt.teramind.co')];
    const r = json(write('hint.json', old), ex('windows-monitored.json'));
    const tm = r.d.products.changed.find((c: { id: string }) => c.id === 'teramind');
    expect(tm.confidence).toEqual({ old: 'medium', new: 'high' });
    expect(tm.running).toEqual({ old: false, new: true });
    expect(r.status).toBe(1);
    // and falling back to the hint is not an increase
    expect(json(ex('windows-monitored.json'), path.join(dir, 'hint.json')).status).toBe(0);
  });

  it('reads a report and a snapshot in any mix: a report of the same snapshot shows no change', () => {
    const rep = write('report.json', run('scan', '--snapshot', ex('macos-monitored.json'), '--format', 'json').stdout);
    for (const [a, b] of [[rep, ex('macos-monitored.json')], [ex('macos-monitored.json'), rep], [rep, rep]]) {
      const r = json(a, b);
      expect(r.status, `${a} ${b}`).toBe(0);
      expect(r.d.products).toEqual({ appeared: [], disappeared: [], changed: [] });
      expect(r.d.behaviours).toEqual({ appeared: [], disappeared: [], changed: [] });
      expect(r.d.coverage).toEqual({ changed: [], only_old: [], only_new: [] });
    }
    expect(json(rep, ex('macos-monitored.json')).d.old.kind).toBe('report');
    const t = run('diff', rep, ex('macos-monitored.json'));
    expect(t.stdout).toContain('No monitoring product or behaviour appeared, disappeared or changed between the two files.');
    expect(t.stdout).not.toMatch(/\bclean\b/i);
    // a report of the clean machine against the monitored snapshot
    const cleanRep = write('clean-report.json', run('scan', '--snapshot', ex('macos-clean.json'), '--format', 'json').stdout);
    const up = json(cleanRep, ex('macos-monitored.json'));
    expect(up.status).toBe(1);
    expect(up.d.products.appeared.length).toBeGreaterThan(0);
  });

  it('warns in one line when the files look like different machines or NEW is older', () => {
    const r = run('diff', ex('windows-monitored.json'), ex('ubuntu-monitored.json'), '--format', 'json');
    const d = JSON.parse(r.stdout);
    expect(d.warnings[0]).toEqual({ kind: 'different-machines', differs: [{ what: 'platform', old: 'windows', new: 'linux' }, { what: 'hostname' }] });
    // the Ubuntu example was also collected earlier: one line per warning
    expect(d.warnings[1]).toEqual({ kind: 'new-is-older', old: '2026-11-20T09:14:12Z', new: '2026-11-16T09:52:03+01:00' });
    expect(r.stderr.trim().split('\n')).toHaveLength(2);
    expect(r.stderr).toMatch(/look like different machines \(platform windows \/ linux; host name\)/);
    // same OS, another host name (compared, never printed)
    const other = load('windows-monitored.json');
    other.host.hostname = 'LT-OTHER-9';
    const h = json(ex('windows-monitored.json'), write('other-host.json', other));
    expect(h.d.warnings).toEqual([{ kind: 'different-machines', differs: [{ what: 'hostname' }] }]);
    expect(h.stdout + h.stderr).not.toContain('LT-OTHER-9');
    expect(h.stdout + h.stderr).not.toContain('LT-CONTOSO-0142');
    // a report made with other rules than the snapshot is matched with
    const rep = JSON.parse(run('scan', '--snapshot', ex('windows-monitored.json'), '--format', 'json').stdout);
    rep.rules.digest = 'sha256:' + '0'.repeat(64);
    const w = run('diff', write('old-rules.json', rep), ex('windows-monitored.json'), '--format', 'json');
    expect(JSON.parse(w.stdout).warnings).toEqual([{ kind: 'different-rules', old: rep.rules.digest, new: expect.stringMatching(/^sha256:/) }]);
    expect(w.stderr).toMatch(/^bosswatch: warning: the two files were matched with different rules \(sha256:000000000000… \/ sha256:[0-9a-f]{12}…\); a change may come from the rules, not from the machine\n$/);
    // the changed copy is a week later: given the other way round, NEW is older
    const o = run('diff', write('later.json', changedWindows()), ex('windows-monitored.json'));
    expect(o.stdout).toContain('warning: the new file (2026-11-20T09:14:12Z) is older than the old one (2026-11-27T10:00:00Z)');
    expect(o.stderr).toBe('');
  });

  it('refuses what is not a bosswatch file with one escaped line and exit 2', () => {
    const cases: [string, string][] = [
      ['not-json\u001b[2J.json', '{"format": "bosswatch-snapshot", '],
      ['other.json', '{"hello": 1}'],
      ['array.json', '[]'],
      ['bad-report.json', '{"format": "bosswatch-report", "version": 2}'],
      ['bad-snapshot.json', '{"format": "bosswatch-snapshot", "version": 1, "host": {"platform": "plan9"}}'],
    ];
    for (const [name, text] of cases) {
      const f = write(name, text);
      for (const args of [[f, ex('windows-clean.json')], [ex('windows-clean.json'), f]]) {
        const r = run('diff', ...args);
        expect(r.status, name).toBe(2);
        expect(r.stdout, name).toBe('');
        expect(r.stderr.trim().split('\n'), name).toHaveLength(1);
        expect(r.stderr, name).toMatch(/^bosswatch: /);
        expect(r.stderr, name).not.toContain('\u001b');
        expect(r.stderr, name).not.toMatch(/at .*\.js:\d+/);
      }
    }
    expect(run('diff', path.join(dir, 'not-json\u001b[2J.json'), ex('windows-clean.json')).stderr).toContain('not-json\\x1b[2J.json');
    expect(run('diff', path.join(dir, 'missing.json'), ex('windows-clean.json')).status).toBe(2);
    expect(run('diff', ex('windows-clean.json')).status).toBe(2);
    expect(run('diff', ex('windows-clean.json'), ex('windows-clean.json'), '--format', 'html').status).toBe(2);
    expect(run('diff', ex('windows-clean.json'), ex('windows-clean.json'), '--output', path.join(dir, 'x.sarif')).status).toBe(2);
  });

  it('escapes hostile text from the files in every format', () => {
    const s = changedWindows();
    s.coverage.find((c: { source: string }) => c.source === 'windows/services').reason = 'boom \u001b[31mred\u001b[0m \u202eevil | *bold* <b>x</b> [l](http://x) @all #1\nnext';
    const f = write('hostile.json', s);
    const t = run('diff', ex('windows-monitored.json'), f);
    expect(t.stdout).not.toMatch(/[\u001b\u202e]/);
    expect(t.stdout).toContain('boom \\x1b[31mred\\x1b[0m \\u202eevil');
    const m = run('diff', ex('windows-monitored.json'), f, '--format', 'markdown');
    expect(m.stdout).not.toMatch(/[\u001b\u202e]/);
    expect(m.stdout).toContain('\\| \\*bold\\* \\<b\\>x\\</b\\> \\[l\\](http://x) \\@all \\#1 next');
    const j = run('diff', ex('windows-monitored.json'), f, '--format', 'json');
    expect(JSON.parse(j.stdout).coverage.changed[0].reason).toContain('\u001b[31m');
  });

  it('is redacted by default like reports; --include-identifiers keeps names', () => {
    const f = write('changed2.json', changedWindows());
    for (const format of ['terminal', 'markdown', 'json']) {
      const r = run('diff', ex('windows-monitored.json'), f, '--format', format);
      expect(r.stdout, format).not.toContain('amartin');
      expect(r.stdout, format).not.toContain('LT-CONTOSO-0142');
    }
    const d = json(ex('windows-monitored.json'), f, '--include-identifiers').d;
    expect(d.privacy).toEqual({ identifiers: 'included' });
    expect(d.coverage.changed[0].reason).toContain('amartin');
    // a report written with identifiers is redacted again when diffed without the option
    const rep = write('with-ids.json', run('scan', '--snapshot', f, '--format', 'json', '--include-identifiers').stdout);
    expect(readFileSync(rep, 'utf8')).toContain('amartin');
    const r = run('diff', ex('windows-monitored.json'), rep, '--format', 'json');
    expect(r.stdout).not.toContain('amartin');
    expect(r.stdout).not.toContain('LT-CONTOSO-0142');
  });

  it('--output and --format like scan, --lang es, colour only on request', () => {
    const out = path.join(dir, 'd.md');
    const r = run('diff', ex('ubuntu-clean.json'), ex('ubuntu-monitored.json'), '--output', out);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toMatch(/^# bosswatch diff\n/);
    run('diff', ex('ubuntu-clean.json'), ex('ubuntu-monitored.json'), '--output', path.join(dir, 'd.json'));
    expect(JSON.parse(readFileSync(path.join(dir, 'd.json'), 'utf8')).format).toBe('bosswatch-diff');
    const es = run('--lang', 'es', 'diff', ex('ubuntu-clean.json'), ex('ubuntu-monitored.json'));
    expect(es.stdout).toContain('Productos de vigilancia que han aparecido');
    expect(es.stdout).toContain('Ha aparecido vigilancia o ha subido su confianza (código de salida 1).');
    expect(es.stdout).not.toContain('\u001b');
  });
});

describe('diff renderer', () => {
  it('colours the terminal text only with the chalk it is given, machine text still escaped', async () => {
    const { Chalk } = await import('chalk');
    const { renderDiff } = await import('../../src/diff/render.js');
    const r = JSON.parse(run('diff', ex('windows-monitored.json'), write('hostile2.json', (() => {
      const s = changedWindows();
      s.coverage.find((c: { source: string }) => c.source === 'windows/services').reason = 'x\u001b]0;title\u0007y';
      return s;
    })()), '--format', 'json').stdout);
    const coloured = renderDiff(r, 'terminal', { color: new Chalk({ level: 1 }) });
    expect(coloured).toContain('\u001b[32m- Insightful');
    expect(coloured).toContain('x\\x1b]0;title\\x07y');
    expect(coloured).not.toContain('\u001b]0;');
    const plain = renderDiff(r, 'terminal', { color: new Chalk({ level: 0 }) });
    expect(plain).not.toContain('\u001b');
  });
});
