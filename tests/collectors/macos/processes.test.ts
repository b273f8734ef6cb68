import { describe, expect, it } from 'vitest';
import { buildProcesses, decodePsVis, parsePsArgs, parsePsComm, processesCollector, PS_ARGS_ARGV, PS_COMM_ARGV, PS_ENV } from '../../../src/collectors/macos/processes.js';
import { execTable, fixture, makeCtx } from './helpers.js';

const ARGS = fixture('ps/ps_pid_ppid_user_args_DERIVED.txt');
const COMM = fixture('ps/ps_pid_comm_DERIVED.txt');

describe('ps parsers (real macOS 26 sample)', () => {
  it('the real `ps -axo …,comm,args` sample shows why comm must be the last column: it is cut to 16 characters', () => {
    const lines = fixture('ps/ps_axo_pid_ppid_user_comm_args_macos26_2026-07.txt').split('\n');
    expect(lines[3]).toContain('/usr/libexec/Use /usr/libexec/UserEventAgent (System)');
  });

  it('parses pid, ppid, user and the full command line', () => {
    const rows = parsePsArgs(ARGS);
    expect(rows).toHaveLength(33);
    expect(rows[0]).toEqual({ pid: 1, ppid: 0, user: 'root', args: '/sbin/launchd' });
    expect(rows.find((r) => r.pid === 113)).toEqual({ pid: 113, ppid: 1, user: 'root', args: '/usr/libexec/UserEventAgent (System)' });
    expect(rows.find((r) => r.pid === 134)?.user).toBe('_corespeechd');
    expect(rows.find((r) => r.pid === 166)?.args).toBe('/usr/sbin/distnoted daemon');
  });

  it('joins comm by pid: name is the executable basename, path only when comm is absolute', () => {
    const procs = buildProcesses(parsePsArgs(ARGS), parsePsComm(COMM));
    expect(procs.find((p) => p.pid === 115)).toEqual({
      pid: 115,
      ppid: 1,
      name: 'fseventsd',
      path: '/System/Library/Frameworks/CoreServices.framework/Versions/A/Frameworks/FSEvents.framework/Versions/A/Support/fseventsd',
      cmdline: '/System/Library/Frameworks/CoreServices.framework/Versions/A/Frameworks/FSEvents.framework/Versions/A/Support/fseventsd',
      user: 'root',
    });
    // autofsd runs with a bare argv[0]: no path can be claimed
    expect(procs.find((p) => p.pid === 161)).toEqual({ pid: 161, ppid: 1, name: 'autofsd', cmdline: 'autofsd', user: 'root' });
    expect(procs.find((p) => p.pid === 156)?.name).toBe('usbmuxd');
  });

  it('keeps spaces, parentheses and non-ASCII in paths, and strips the login-shell dash', () => {
    const procs = buildProcesses(parsePsArgs(fixture('ps/ps_args_spaces_CONSTRUCTED.txt')), parsePsComm(fixture('ps/ps_comm_spaces_CONSTRUCTED.txt')));
    expect(procs.map((p) => [p.pid, p.name, p.path])).toEqual([
      [612, 'Google Chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
      [
        640,
        'Google Chrome Helper (Renderer)',
        '/Applications/Google Chrome.app/Contents/Frameworks/Google Chrome Framework.framework/Versions/124.0.6367.119/Helpers/Google Chrome Helper (Renderer).app/Contents/MacOS/Google Chrome Helper (Renderer)',
      ],
      [702, 'zsh', undefined],
      [733, 'Übersicht', '/Applications/Übersicht.app/Contents/MacOS/Übersicht'],
      [745, 'mdworker_shared', '/System/Library/Frameworks/CoreServices.framework/Frameworks/Metadata.framework/Versions/A/Support/mdworker_shared'],
    ]);
    expect(procs[1].cmdline).toMatch(/Google Chrome Helper \(Renderer\) --type=renderer --lang=de$/);
  });

  it('falls back to the first word of the command line when comm is missing', () => {
    const procs = buildProcesses(parsePsArgs('  42     1 root             /usr/sbin/cfprefsd daemon\n'), new Map());
    expect(procs).toEqual([{ pid: 42, ppid: 1, name: 'cfprefsd', user: 'root', cmdline: '/usr/sbin/cfprefsd daemon' }]);
  });

  it('ignores headers and blank lines; empty output gives nothing', () => {
    expect(parsePsArgs('')).toEqual([]);
    expect(parsePsArgs('  PID  PPID USER ARGS\n\n')).toEqual([]);
    expect(parsePsComm('  PID COMM\n')).toEqual(new Map());
  });
});

describe('processesCollector', () => {
  it('runs /bin/ps twice with argv arrays and timeouts, and reports ok', async () => {
    const exec = execTable({ [['/bin/ps', ...PS_ARGS_ARGV].join(' ')]: { stdout: ARGS }, [['/bin/ps', ...PS_COMM_ARGV].join(' ')]: { stdout: COMM } });
    const r = await processesCollector.collect(makeCtx(exec));
    expect(exec.calls.map((c) => [c.file, c.args])).toEqual([
      ['/bin/ps', ['-axww', '-o', 'pid=,ppid=,user=,args=']],
      ['/bin/ps', ['-axww', '-o', 'pid=,comm=']],
    ]);
    for (const c of exec.calls) expect(c.options?.timeoutMs).toBeGreaterThan(0);
    // a UTF-8 locale, or ps escapes every non-ASCII byte of a path
    for (const c of exec.calls) expect(c.options?.env).toEqual({ LC_ALL: 'en_US.UTF-8' });
    expect(r.tables.processes).toHaveLength(33);
    expect(r.tables.processes?.[1]).toMatchObject({ pid: 111, name: 'logd', path: '/usr/libexec/logd' });
    // every sample process is Apple's own: no codesign call is needed, and none is made
    expect(r.coverage).toEqual([
      { source: 'macos/processes', table: 'processes', status: 'ok' },
      { source: 'macos/codesign', table: 'processes', status: 'ok' },
    ]);
  });

  it('is partial (names only) when the comm call times out', async () => {
    const exec = execTable({ [['/bin/ps', ...PS_ARGS_ARGV].join(' ')]: { stdout: ARGS }, [['/bin/ps', ...PS_COMM_ARGV].join(' ')]: { code: null, error: 'ETIMEDOUT' } });
    const r = await processesCollector.collect(makeCtx(exec));
    expect(r.tables.processes?.[0]).toEqual({ pid: 1, ppid: 0, name: 'launchd', user: 'root', cmdline: '/sbin/launchd' });
    expect(r.coverage[0]).toMatchObject({ status: 'partial' });
    expect(r.coverage[0].reason).toMatch(/did not answer in time/);
  });

  it('reports unavailable when ps is missing and error on unrecognised output', async () => {
    const missing = await processesCollector.collect(makeCtx(execTable({})));
    expect(missing).toMatchObject({ tables: {}, coverage: [{ source: 'macos/processes', table: 'processes', status: 'unavailable', reason: 'ps is not available on this Mac, so this part was skipped.' }] });
    const garbage = await processesCollector.collect(makeCtx(execTable({ [['/bin/ps', ...PS_ARGS_ARGV].join(' ')]: { stdout: 'ps: illegal option\n' }, [['/bin/ps', ...PS_COMM_ARGV].join(' ')]: { stdout: '' } })));
    expect(garbage.coverage[0]).toMatchObject({ status: 'error' });
  });

  it('reports the exit code and message when ps fails', async () => {
    const r = await processesCollector.collect(makeCtx(execTable({ [['/bin/ps', ...PS_ARGS_ARGV].join(' ')]: { code: 1, stderr: 'ps: keyword not found\n' } })));
    expect(r.coverage).toMatchObject([{ source: 'macos/processes', table: 'processes', status: 'error', reason: 'ps failed (exit code 1): ps: keyword not found.' }]);
  });
});

// Real measurement of what Apple's ps prints for each byte in the C locale (macOS 26.6.2): see SOURCES.md.
const VIS = JSON.parse(fixture('ps/ps_vis_bytes_LC_ALL_C_macos26.6.2_subfleet.json')) as { bytes: Record<string, string> };
/** What ps printed in the C locale for these bytes, one byte at a time, from the recorded table. */
const asPsPrintedInC = (text: string) => [...Buffer.from(text, 'utf8')].map((b) => VIS.bytes[b.toString(16).toUpperCase().padStart(2, '0')]).join('');

describe('non-ASCII paths (ps in the C locale escapes them)', () => {
  it('the recorded table shows the problem: /Users/José prints as /Users/JosM-CM-)', () => {
    expect(asPsPrintedInC('/Users/José/Applications/Übersicht.app')).toBe('/Users/JosM-CM-)/Applications/M-CM^\\bersicht.app');
    expect(PS_ENV).toEqual({ LC_ALL: 'en_US.UTF-8' });
  });

  it('decodes escaped UTF-8 characters back to text when the UTF-8 locale did not take', () => {
    for (const text of ['/Users/José/Library/agent', '/Applications/Übersicht.app/Contents/MacOS/Übersicht', '/Users/山田/bin/tool', '/tmp/café résumé', '/Users/x/😀', 'ñandú\u00a0x']) {
      expect(decodePsVis(asPsPrintedInC(text))).toBe(text);
    }
  });

  it('leaves ASCII, UTF-8 output and escapes that are not a whole character as printed', () => {
    expect(decodePsVis('/Applications/M-Audio/driver --vol=M-5')).toBe('/Applications/M-Audio/driver --vol=M-5');
    expect(decodePsVis('/Users/José/x')).toBe('/Users/José/x');
    expect(decodePsVis(asPsPrintedInC('a\u0001b\u007fc'))).toBe('a^Ab^?c');
  });

  it('parses a C-locale ps line with a non-ASCII home into the real path', () => {
    const args = `  733     1 jose             ${asPsPrintedInC('/Users/José/Applications/Übersicht.app/Contents/MacOS/Übersicht')}\n`;
    const comm = `  733 ${asPsPrintedInC('/Users/José/Applications/Übersicht.app/Contents/MacOS/Übersicht')}\n`;
    const [p] = buildProcesses(parsePsArgs(args), parsePsComm(comm));
    expect(p).toMatchObject({ name: 'Übersicht', path: '/Users/José/Applications/Übersicht.app/Contents/MacOS/Übersicht' });
  });
});
