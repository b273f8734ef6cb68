import { Chalk } from 'chalk';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlist } from '../../src/collectors/macos/plist.js';
import { collectSnapshot } from '../../src/collectors/registry.js';
import { asCollector, recordFileRead, recordingExec, startRawCapture, stopRawCapture } from '../../src/collectors/shared/raw.js';
import type { Exec } from '../../src/collectors/types.js';
import { makeRedactor, writeRawDir } from '../../src/commands/raw.js';

const FIX = (rel: string) => readFileSync(new URL(`../fixtures/macos/${rel}`, import.meta.url));
const tmp = () => mkdtempSync(path.join(tmpdir(), 'bw-raw-'));

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? allFiles(p) : [p];
  });
}

describe('raw capture hook (shared by every platform)', () => {
  const fake: Exec = async (file, args) => ({ stdout: `${file} ${args.join(' ')}\n`, stderr: '', code: 0 });

  it('records each command (argv, env, exit, output) and file read, attributed to its collector, only while started', async () => {
    const exec = recordingExec(fake);
    await exec('/bin/ps', ['-axww'], { env: { LC_ALL: 'en_US.UTF-8' } });
    const cap = startRawCapture();
    try {
      await asCollector('macos/processes', () => exec('/bin/ps', ['-axww'], { env: { LC_ALL: 'en_US.UTF-8' }, input: 'abc' }));
      await asCollector('macos/host', async () => recordFileRead('/System/Library/CoreServices/SystemVersion.plist', 'x'));
      recordFileRead('/etc/missing', undefined, 'ENOENT');
    } finally {
      stopRawCapture();
    }
    await exec('/bin/ps', ['-axww']);
    expect(cap.entries).toEqual([
      { n: 1, kind: 'command', collector: 'macos/processes', file: '/bin/ps', args: ['-axww'], env: { LC_ALL: 'en_US.UTF-8' }, stdin_bytes: 3, code: 0, stdout: '/bin/ps -axww\n', stderr: '' },
      { n: 2, kind: 'file', collector: 'macos/host', path: '/System/Library/CoreServices/SystemVersion.plist', content: 'x' },
      { n: 3, kind: 'file', path: '/etc/missing', error: 'ENOENT' },
    ]);
  });

  it('collectSnapshot keeps what the macOS collectors ran (through the injected exec)', async () => {
    const cap = startRawCapture();
    try {
      await collectSnapshot({ rules: [], platform: 'macos', exec: fake });
    } finally {
      stopRawCapture();
    }
    const ps = cap.entries.filter((e) => e.kind === 'command' && e.file === '/bin/ps');
    expect(ps).toHaveLength(2);
    expect(ps[0]).toMatchObject({ collector: 'macos/processes', env: { LC_ALL: 'en_US.UTF-8' } });
    expect(cap.entries.some((e) => e.kind === 'command' && e.file === '/bin/launchctl' && e.collector === 'macos/launchd')).toBe(true);
  });
});

describe('writeRawDir', () => {
  const psOut = '  501     1 alex             /Users/alex/Applications/Agent.app/Contents/MacOS/Agent --host Alexs-MacBook-Pro.local\n';

  it('writes index, outputs and a redacted snapshot only inside DIR; user and host names redacted', () => {
    const dir = path.join(tmp(), 'raw');
    const cap = startRawCapture();
    stopRawCapture();
    cap.add({ kind: 'command', collector: 'macos/processes', file: '/bin/ps', args: ['-axww', '-o', 'pid=,ppid=,user=,args='], code: 0, stdout: psOut, stderr: '' });
    cap.add({ kind: 'file', collector: 'macos/apps', path: '/Users/alex/Applications/Agent.app/Contents/Info.plist', content: '<plist><dict><key>Home</key><string>/Users/alex</string></dict></plist>' });
    cap.add({ kind: 'file', path: '/Library/x/../../../../etc/evil', content: 'x' });
    const { files } = writeRawDir(dir, cap, '{"host":{"hostname":"Alexs-MacBook-Pro.local"}}\n', { hostnames: ['Alexs-MacBook-Pro.local'], users: [] });
    const written = allFiles(dir);
    expect(written).toHaveLength(files);
    for (const f of written) expect(realpathSync(f).startsWith(realpathSync(dir) + path.sep)).toBe(true);
    const all = written.map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(all).not.toMatch(/alex|Alexs-MacBook/i);
    const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8'));
    expect(index.entries[0]).toEqual({
      n: 1,
      collector: 'macos/processes',
      command: ['/bin/ps', '-axww', '-o', 'pid=,ppid=,user=,args='],
      exit_code: 0,
      stdout: 'commands/0001-ps.stdout.txt',
    });
    expect(readFileSync(path.join(dir, 'commands/0001-ps.stdout.txt'), 'utf8')).toBe(
      '  501     1 <user>             /Users/<user>/Applications/Agent.app/Contents/MacOS/Agent --host <host>\n',
    );
    expect(index.entries[1].file).toBe('/Users/<user>/Applications/Agent.app/Contents/Info.plist');
    expect(index.entries[2]).toEqual({ n: 3, file: '/Library/x/../../../../etc/evil', content: 'files/0003-Library_x_.._.._.._.._etc_evil' });
    expect(readFileSync(path.join(dir, 'snapshot.json'), 'utf8')).toBe('{"host":{"hostname":"<host>"}}\n');
  });

  it('masks names inside a binary plist without changing its length, so it still parses', () => {
    const bin = FIX('launchd/LaunchDaemon_com.google.santad.binary.plist');
    const r = makeRedactor(['/Users/santad/x'], { hostnames: [], users: [] });
    const masked = r.bytes(bin);
    expect(masked.length).toBe(bin.length);
    expect(JSON.stringify(parsePlist(masked))).not.toContain('santad');
    expect(JSON.stringify(parsePlist(masked))).toContain('com.google.xxxxxx');
  });

  it('refuses a folder that is not empty, a file, or a symlink, so nothing is overwritten', () => {
    const base = tmp();
    const cap = startRawCapture();
    stopRawCapture();
    writeFileSync(path.join(base, 'keep.txt'), 'mine');
    expect(() => writeRawDir(base, cap, '{}', { hostnames: [], users: [] })).toThrow(/not empty/);
    expect(() => writeRawDir(path.join(base, 'keep.txt'), cap, '{}', { hostnames: [], users: [] })).toThrow(/not a folder/);
    mkdirSync(path.join(base, 'empty'));
    symlinkSync(path.join(base, 'empty'), path.join(base, 'link'));
    expect(() => writeRawDir(path.join(base, 'link'), cap, '{}', { hostnames: [], users: [] })).toThrow(/not a folder/);
    expect(readFileSync(path.join(base, 'keep.txt'), 'utf8')).toBe('mine');
  });
});

describe('bosswatch collect --raw DIR (real run on this Linux machine)', () => {
  // in this process: a second `bosswatch.js collect` process would show up in other tests' live inventories
  it('writes every file read beside the snapshot and says where', async () => {
    const dir = path.join(tmp(), 'raw');
    const err: string[] = [];
    const out: string[] = [];
    const { collectCommand } = await import('../../src/commands/collect.js');
    const code = await collectCommand({ raw: dir }, { out: (t) => out.push(t), err: (t) => err.push(t), color: new Chalk({ level: 0 }), lang: 'en' });
    expect(code).toBe(0);
    expect(err.join('')).toContain(`to ${dir}`);
    const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8'));
    expect(index.entries.some((e: { file?: string }) => e.file === '/proc/modules')).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir, 'snapshot.json'), 'utf8')).format).toBe('bosswatch-snapshot');
    expect(JSON.parse(out.join('')).format).toBe('bosswatch-snapshot');
  }, 60_000);
});
