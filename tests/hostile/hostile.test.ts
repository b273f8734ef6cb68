// Hostile inputs and hostile machines: every case here once hung, crashed or printed raw input (issue 11).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/bosswatch.js', import.meta.url).pathname;
const EXAMPLE = (name: string) => new URL(`../../examples/snapshots/${name}`, import.meta.url).pathname;
const tmp = () => mkdtempSync(join(tmpdir(), 'bw-hostile-'));
// raw C0/C1 controls and bidi overrides; tab and newline are allowed in output
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function run(args: string[], opts: { env?: Record<string, string>; timeout?: number } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: opts.timeout ?? 60_000,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout, err: r.stderr, signal: r.signal };
}

const baseSnapshot = () => JSON.parse(readFileSync(EXAMPLE('ubuntu-monitored.json'), 'utf8'));

describe('hostile snapshots', () => {
  it('a coverage row naming an Object.prototype key renders as text in every format', () => {
    const dir = tmp();
    for (const table of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const s = baseSnapshot();
      s.coverage.push({ source: 'x', table, status: 'partial', reason: 'planted' });
      const f = join(dir, `${table}.json`);
      writeFileSync(f, JSON.stringify(s));
      for (const format of ['terminal', 'json', 'html']) {
        const r = run(['scan', '--snapshot', f, '--format', format]);
        expect(r.err, `${table} ${format}`).not.toMatch(/internal error|at .*\.js:\d+/);
        expect([0, 1]).toContain(r.code);
        expect(r.out).not.toContain('[native code]');
      }
    }
  });

  it('raw escape, C1 and bidi characters in a bad snapshot never reach standard error', () => {
    const dir = tmp();
    const bad = ['{"format":"bosswatch-snapshot",\u001b[2J\u009b\u202e}', JSON.stringify({ ...baseSnapshot(), processes: [{ pid: 'one\u001b]0;pwned\u0007', name: 'x' }] })];
    for (const [i, text] of bad.entries()) {
      const f = join(dir, `bad\u001b[31m${i}.json`);
      writeFileSync(f, text);
      const r = run(['scan', '--snapshot', f]);
      expect(r.code).toBe(2);
      expect(r.err).not.toMatch(RAW);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('millions of invalid rows: the first problem and a count, without running out of memory', () => {
    const dir = tmp();
    const s = baseSnapshot();
    s.processes = Array.from({ length: 1_000_000 }, (_, i) => ({ pid: `p${i}`, name: 'x' }));
    const f = join(dir, 'many.json');
    writeFileSync(f, JSON.stringify(s));
    const r = run(['scan', '--snapshot', f], { timeout: 120_000 });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/processes\[0\]\.pid: expected integer, got string \(and 999999 more problems\)/);
  }, 180_000);

  it('a snapshot path that is a FIFO or a device is refused at once', () => {
    const dir = tmp();
    execFileSync('mkfifo', [join(dir, 'fifo.json')]);
    symlinkSync('/dev/zero', join(dir, 'zero.json'));
    for (const f of ['fifo.json', 'zero.json']) {
      const r = run(['scan', '--snapshot', join(dir, f)], { timeout: 20_000 });
      expect(r.signal).toBeNull();
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/not a regular file/);
    }
  });
});

describe('hostile rule packs', () => {
  it('a FIFO, a link to /dev/zero and a 50 MB file in a rules folder give one-line errors, quickly', () => {
    const dir = tmp();
    execFileSync('mkfifo', [join(dir, 'fifo.yaml')]);
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    writeFileSync(join(dir, 'huge.yaml'), `id: huge\nsummary: "${'a'.repeat(50 * 1024 * 1024)}"\n`);
    const r = run(['rules', 'validate', dir], { timeout: 30_000 });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    const all = r.out + r.err;
    expect(all).toMatch(/fifo\.yaml.*not a regular file/);
    expect(all).toMatch(/zero\.yaml.*not a regular file/);
    expect(all).toMatch(/huge\.yaml.*larger than/);
    const scan = run(['scan', '--snapshot', EXAMPLE('ubuntu-clean.json'), '--rules', dir], { timeout: 30_000 });
    expect(scan.signal).toBeNull();
    expect(scan.code).toBe(2);
  });

  it('a rule file name with control characters is escaped in messages', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'x\u001b[2J\u202e.yaml'), 'id: [unclosed\n');
    const r = run(['rules', 'validate', dir]);
    expect(r.code).toBe(2);
    expect(r.out + r.err).not.toMatch(RAW);
  });

  it('JSON output (rules show, rules list, reports, SARIF) carries C1 and bidi characters escaped, with the same value', () => {
    const dir = tmp();
    const name = 'Evil\u009b2J\u202eVNC\u2066';
    const rule = readFileSync(new URL('../../rules/x11vnc.yaml', import.meta.url), 'utf8').replace(/^id: x11vnc$/m, 'id: evil-vnc').replace(/^name: x11vnc$/m, `name: "${name}"`);
    writeFileSync(join(dir, 'evil-vnc.yaml'), rule);
    const runs = [
      ['rules', 'show', 'evil-vnc', '--rules', dir, '--format', 'json'],
      ['rules', 'list', '--rules', dir, '--format', 'json'],
      ['scan', '--snapshot', EXAMPLE('ubuntu-monitored.json'), '--rules', dir, '--format', 'json'],
      ['scan', '--snapshot', EXAMPLE('ubuntu-monitored.json'), '--rules', dir, '--format', 'sarif'],
    ];
    for (const args of runs) {
      const r = run(args);
      expect([0, 1], args.join(' ')).toContain(r.code);
      expect(r.out, args.join(' ')).not.toMatch(RAW);
      expect(r.out).toContain('Evil\\u009b2J\\u202eVNC\\u2066');
      expect(JSON.stringify(JSON.parse(r.out))).toContain(name);
    }
  });
});

describe('output', () => {
  it('--output replaces a symlink instead of writing through it', () => {
    const dir = tmp();
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, join(dir, 'report.json'));
    const r = run(['scan', '--snapshot', EXAMPLE('ubuntu-clean.json'), '--format', 'json', '--output', join(dir, 'report.json')]);
    expect(r.code).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(join(dir, 'report.json')).isSymbolicLink()).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).format).toBe('bosswatch-report');
  });

  it('a full disk on standard output ends with one line, not a stack', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" scan --snapshot "${EXAMPLE('ubuntu-monitored.json')}" > /dev/full`], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/cannot write to standard output: the disk is full/);
  });

  it('a folder as --output is one line', () => {
    const dir = tmp();
    const r = run(['scan', '--snapshot', EXAMPLE('ubuntu-clean.json'), '--output', dir]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});

describe('hostile machine (live scan of this computer)', () => {
  it('FIFOs and /dev/zero links planted in a home folder neither hang nor abort the scan, and coverage says so', () => {
    const home = tmp();
    for (const d of ['.config/autostart', '.config/systemd/user', '.config/google-chrome/Default/Extensions']) mkdirSync(join(home, d), { recursive: true });
    execFileSync('mkfifo', [join(home, '.config/autostart/fifo.desktop')]);
    symlinkSync('/dev/zero', join(home, '.config/autostart/zero.desktop'));
    execFileSync('mkfifo', [join(home, '.config/systemd/user/fifo.service')]);
    symlinkSync('/dev/zero', join(home, '.config/systemd/user/zero.service'));
    const r = run(['collect'], { env: { HOME: home }, timeout: 120_000 });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
    const snap = JSON.parse(r.out);
    const cov = (table: string) => snap.coverage.filter((c: { table: string }) => c.table === table);
    expect(cov('autostart').some((c: { status: string; reason?: string }) => c.status !== 'ok' && /2 autostart and cron files could not be read/.test(c.reason ?? ''))).toBe(true);
    expect(cov('autostart').some((c: { status: string }) => c.status === 'ok')).toBe(false);
    expect(cov('services').some((c: { status: string; reason?: string }) => c.status !== 'ok' && /unit files could not be read/.test(c.reason ?? ''))).toBe(true);
  }, 150_000);

  // as root, the scan runs as nobody (setpriv) over folders and files only root may read; otherwise they are chmod 000
  const asRoot = process.getuid?.() === 0;
  const canDrop = asRoot && spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']).status === 0;
  it.skipIf(process.platform !== 'linux' || (asRoot && !canDrop))('unit, autostart and browser folders or files the user may not read make coverage denied, never ok', () => {
    const home = mkdtempSync(join(tmpdir(), 'bw-hostile-denied-'));
    chmodSync(home, 0o755);
    const hidden = ['.config/autostart', '.config/systemd/user', '.config/google-chrome/Default/Extensions'];
    for (const d of [...hidden, '.config/google-chrome/Default/Extensions/abcdefghijklmnopabcdefghijklmnop', '.mozilla/firefox/p.default']) mkdirSync(join(home, d), { recursive: true });
    const secretFile = join(home, '.mozilla/firefox/p.default/extensions.json');
    writeFileSync(secretFile, '{"addons":[]}');
    const locked = [...hidden.map((d) => join(home, d)), secretFile];
    if (asRoot) {
      execFileSync('chown', ['-R', '65534', home]);
      for (const p of locked) (chownSync(p, 0, 0), chmodSync(p, 0o700));
    } else for (const p of locked) chmodSync(p, 0);
    const cmd = asRoot ? 'setpriv' : process.execPath;
    const args = [...(asRoot ? ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath] : []), BIN, 'collect'];
    const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000, env: { ...process.env, HOME: home, NO_COLOR: '1' } });
    if (!asRoot) for (const p of locked) chmodSync(p, 0o700);
    expect(r.status, r.stderr).toBe(0);
    const cov = JSON.parse(r.stdout).coverage as { table: string; status: string; reason?: string }[];
    for (const [table, what, n] of [['autostart', 'autostart and cron files', 1], ['services', 'unit files', 1], ['browser_extensions', 'browser profile and policy files', 2]] as const) {
      const rows = cov.filter((c) => c.table === table);
      expect(rows.some((c) => c.status === 'ok'), table).toBe(false);
      expect(rows.some((c) => c.status === 'denied' && c.reason?.startsWith(`${n} ${what} could not be read`)), JSON.stringify(rows)).toBe(true);
    }
  }, 150_000);

  it('never counts itself: its own process and the helpers it starts are not in the inventory', async () => {
    // other tests may run bosswatch at the same time: look for this very process by its pid
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [BIN, 'collect'], { env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    await new Promise((done) => child.on('close', done));
    const snap = JSON.parse(out);
    expect(snap.processes.length).toBeGreaterThan(0);
    expect(snap.processes.filter((p: { pid: number; ppid?: number }) => p.pid === child.pid || p.ppid === child.pid)).toEqual([]);
  }, 120_000);
});

describe('withoutSelf', async () => {
  const { withoutSelf } = await import('../../src/collectors/registry.js');
  it('drops the scanning process and every descendant, whatever the order of the rows', () => {
    const snap = {
      format: 'bosswatch-snapshot', version: 1, collected_at: '2026-12-03T10:00:00Z', host: { platform: 'linux', os_version: 'x' }, coverage: [],
      processes: [
        { pid: 12, ppid: 11, name: 'grandchild' },
        { pid: 10, ppid: 1, name: 'node', argv: ['node', '/opt/Upwork/bosswatch/bin/bosswatch.js', 'scan'] },
        { pid: 11, ppid: 10, name: 'ps' },
        { pid: 20, ppid: 1, name: 'upwork', path: '/opt/Upwork/upwork' },
      ],
      device_access: [{ pid: 11, device: '/dev/input/event0', kind: 'input' }, { pid: 20, device: '/dev/input/event1', kind: 'input' }],
      network: [{ pid: 12, address: '1.2.3.4', port: 443, source: 'connection' }, { address: '5.6.7.8', port: 80, source: 'connection' }],
    } as Parameters<typeof withoutSelf>[0];
    const out = withoutSelf(snap, 10);
    expect(out.processes!.map((p) => p.pid)).toEqual([20]);
    expect(out.device_access!.map((d) => d.pid)).toEqual([20]);
    expect(out.network).toHaveLength(1);
  });
});
