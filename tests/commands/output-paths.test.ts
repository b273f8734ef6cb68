import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Every place bosswatch writes (--output, --evidence, --raw, rules build/export) given a path it cannot use:
// the answer is one escaped line and exit 2, never a stack trace, whatever the errno.
const ROOT = new URL('../..', import.meta.url).pathname;
const BIN = path.join(ROOT, 'bin/bosswatch.js');
const SNAP = path.join(ROOT, 'examples/snapshots/ubuntu-monitored.json');

interface Result {
  code: number | null;
  out: string;
  err: string;
}

const run = (argv: string[], opts: { prefix?: string[]; cwd?: string } = {}) => spawnCmd([...(opts.prefix ?? []), process.execPath, BIN, ...argv], opts.cwd);

function spawnCmd(cmd: string[], cwd?: string): Promise<Result> {
  return new Promise((resolve) => {
    const p = spawn(cmd[0], cmd.slice(1), { cwd, env: { ...process.env, NO_COLOR: '1', LANG: 'C' } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => resolve({ code, out, err }));
  });
}

let base: string;
let report: string;
let ruleDir: string;

/** The commands that write to a path the user gives, each with that path put in. */
const WRITERS: Record<string, (p: string) => string[]> = {
  'scan --output': (p) => ['scan', '--snapshot', SNAP, '--output', p],
  'scan --evidence': (p) => ['scan', '--snapshot', SNAP, '--evidence', p],
  'collect --output': (p) => ['collect', '--output', p],
  'collect --raw': (p) => ['collect', '--raw', p, '--output', path.join(base, 'raw-snapshot.json')],
  'letter --output': (p) => ['letter', '--report', report, '--output', p],
  'fleet --output': (p) => ['fleet', report, '--output', p],
  'diff --output': (p) => ['diff', report, report, '--output', p],
  'rules build --output': (p) => ['rules', 'build', ruleDir, '--output', `${p}.json`],
  'rules export --output': (p) => ['rules', 'export', '--format', 'osquery', '--output', p],
};

function expectOneLine(r: Result, why: RegExp) {
  expect(r.code, r.err).toBe(2);
  expect(r.err).not.toMatch(/internal error|\n\s+at /);
  expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  expect(r.err).toMatch(/^bosswatch: /);
  expect(r.err).toMatch(why);
  // the path's escape character is shown, never sent to the terminal
  expect(r.err).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
}

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-outpaths-'));
  fs.chmodSync(base, 0o755);
  fs.writeFileSync(path.join(base, 'file\u001b[31m'), 'a regular file\n');
  fs.symlinkSync('loop', path.join(base, 'loop'));
  report = path.join(base, 'report.json');
  const r = spawnSync(process.execPath, [BIN, 'scan', '--snapshot', SNAP, '--format', 'json', '--output', report]);
  expect(r.status).toBe(1);
  fs.chmodSync(report, 0o644);
  ruleDir = path.join(base, 'rules');
  fs.mkdirSync(ruleDir);
  const x = fs.readFileSync(path.join(ROOT, 'rules/x11vnc.yaml'), 'utf8').replace(/^id: x11vnc$/m, 'id: x11vnc-copy');
  fs.writeFileSync(path.join(ruleDir, 'x11vnc-copy.yaml'), x);
  fs.chmodSync(ruleDir, 0o755);
  fs.chmodSync(path.join(ruleDir, 'x11vnc-copy.yaml'), 0o644);
});

afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

describe.concurrent('a path under a regular file, a name too long, a symlink loop', () => {
  for (const [name, argv] of Object.entries(WRITERS)) {
    it(`${name}: each is one escaped line, exit 2`, async () => {
      const [under, long, loop] = await Promise.all([
        run(argv(path.join(base, 'file\u001b[31m', 'sub'))),
        run(argv(path.join(base, 'a'.repeat(300)))),
        run(argv(path.join(base, 'loop', 'x'))),
      ]);
      expectOneLine(under, /file\\x1b\[31m.*(not a folder|a part of the path is a file)/);
      expectOneLine(long, /the name is too long/);
      expectOneLine(loop, /too many levels of symbolic links/);
    });
  }
});

describe('a long but valid file name', () => {
  it('is written (the temporary file beside it does not make the name too long)', async () => {
    const file = path.join(base, `${'b'.repeat(250)}.txt`);
    const r = await run(['scan', '--snapshot', SNAP, '--output', file]);
    expect(r.code, r.err).toBe(1);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/monitoring/);
  });
});

const AS_NOBODY = ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'];
const nobodySkip = (() => {
  if (process.getuid?.() !== 0) return 'not root, so cannot run as nobody';
  if (spawnSync('setpriv', ['--version']).status !== 0) return 'setpriv is not installed';
  const r = spawnSync(AS_NOBODY[0], [...AS_NOBODY.slice(1), process.execPath, BIN, '--version']);
  return r.status === 0 ? '' : 'user nobody cannot run bosswatch from this checkout';
})();

describe.concurrent('as a user without permission', () => {
  it.skipIf(nobodySkip !== '')(`a folder nobody may not write or read gives one line, exit 2 ${nobodySkip ? `(skipped: ${nobodySkip})` : ''}`, async () => {
    const locked = path.join(base, 'locked');
    const unreadable = path.join(base, 'unreadable');
    fs.mkdirSync(locked, { mode: 0o555 });
    fs.mkdirSync(unreadable, { mode: 0o333 });
    fs.chmodSync(locked, 0o555);
    fs.chmodSync(unreadable, 0o333);
    const results = await Promise.all(Object.values(WRITERS).map((argv) => run(argv(path.join(locked, 'x')), { prefix: AS_NOBODY, cwd: '/' })));
    for (const r of results) expectOneLine(r, /permission denied/);
    for (const opt of ['--evidence', '--raw']) {
      const argv = opt === '--raw' ? WRITERS['collect --raw'] : WRITERS['scan --evidence'];
      expectOneLine(await run(argv(unreadable), { prefix: AS_NOBODY, cwd: '/' }), /permission denied/);
    }
    expect(fs.readdirSync(locked)).toEqual([]);
  });
});

const tmpfsSkip = (() => {
  if (process.getuid?.() !== 0) return 'not root';
  const r = spawnSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o size=64k none /mnt']);
  return r.status === 0 ? '' : 'cannot mount a tmpfs in a mount namespace (unshare -m)';
})();

describe.concurrent('a full or read-only disk', () => {
  // a private mount namespace: the small tmpfs exists only for the one command
  const inTmpfs = (mountOpts: string, argv: string[], fill: boolean) => {
    const mnt = path.join(base, `mnt-${mountOpts.replace(/\W/g, '')}-${Math.random().toString(36).slice(2)}`);
    fs.mkdirSync(mnt);
    const quoted = [process.execPath, BIN, ...argv].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const script = `mount -t tmpfs -o ${mountOpts} none '${mnt}' && ${fill ? `(head -c 100000 /dev/zero > '${mnt}/filler' 2>/dev/null; true) && ` : ''}exec ${quoted.replaceAll('@MNT@', mnt)}`;
    return spawnCmd(['unshare', '-m', 'sh', '-c', script]);
  };
  for (const [name, argv] of Object.entries(WRITERS)) {
    it.skipIf(tmpfsSkip !== '')(`${name}: the disk is full / read-only ${tmpfsSkip ? `(skipped: ${tmpfsSkip})` : ''}`, async () => {
      const [full, ro] = await Promise.all([inTmpfs('size=64k', argv('@MNT@/out'), true), inTmpfs('ro,size=64k', argv('@MNT@/out'), false)]);
      expectOneLine(full, /the disk is full/);
      expectOneLine(ro, /the file system is read-only/);
    });
  }
});
