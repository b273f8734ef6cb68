// Collector fault tests: every helper command replaced by one that is missing, timed out, flooded, failing or
// printing garbage. The scan must finish, and no table that depends on the broken command may claim `ok`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { collectSnapshot } from '../../src/collectors/registry.js';
import type { CollectContext, Collector, Exec, ExecOptions, ExecResult } from '../../src/collectors/types.js';
import type { CoverageRow } from '../../src/snapshot/schema.js';
import { loadRuleSet } from '../../src/rules/ruleset.js';

const FAULTS: Record<string, ExecResult> = {
  missing: { stdout: '', stderr: '', code: null, error: 'ENOENT' },
  hangs: { stdout: '', stderr: '', code: null, error: 'ETIMEDOUT' },
  floods: { stdout: 'x'.repeat(1000), stderr: '', code: null, error: 'EMAXBUFFER' },
  'exits non-zero': { stdout: '', stderr: 'something went wrong\n', code: 1 },
  'prints garbage': { stdout: '\u0000\u001b[2J{{{ not the expected output <<<\n\u00ff\u00fe', stderr: '', code: 0 },
};

// tables that only a helper command can fill on each platform (files and folders are read directly)
const COMMAND_TABLES: Record<'macos' | 'windows', string[]> = {
  macos: ['processes'],
  windows: ['processes', 'services', 'packages', 'autostart', 'drivers', 'registry'],
};

describe('collectors under broken helper commands', async () => {
  const { rules } = await loadRuleSet();
  for (const platform of ['macos', 'windows'] as const) {
    for (const [fault, result] of Object.entries(FAULTS)) {
      it(`${platform}: a command that ${fault} gives a finished scan whose coverage says so`, async () => {
        const calls: string[] = [];
        const exec: Exec = async (file) => {
          calls.push(file);
          return result;
        };
        const snap = await collectSnapshot({ rules, platform, exec, selfPid: -1 });
        expect(calls.length).toBeGreaterThan(0);
        for (const table of COMMAND_TABLES[platform]) {
          const rows = snap.coverage.filter((c) => c.table === table);
          expect(rows.length, `${table} has coverage`).toBeGreaterThan(0);
          expect(rows.every((c) => c.status !== 'ok'), `${table}: ${JSON.stringify(rows)}`).toBe(true);
        }
        for (const c of snap.coverage) if (c.status !== 'ok') expect(c.reason, `${c.source} ${c.table}`).toBeTruthy();
      });
    }
  }

  it('linux: a failing or garbled rpm or systemctl never makes their table ok through them', async () => {
    const exec: Exec = async () => FAULTS['prints garbage'];
    const snap = await collectSnapshot({ rules, platform: 'linux', exec, selfPid: -1 });
    for (const c of snap.coverage.filter((c) => c.source === 'linux/rpm')) expect(c.status).not.toBe('ok');
    expect(snap.coverage.length).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Garbage with exit 0, one helper command at a time. The commands are not listed by hand: each platform's collectors
// are run with a recording exec (and again with each command missing, to find fallbacks such as kextstat), and every
// command found must have a recorded real answer below. Each is then given garbage while every other command answers
// with its real output, and the collector must add a coverage row that is not `ok`.

const RANDOM = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 167 + 13) % 256)).toString('utf8');
const HTML_PAGE = '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><h1>Bad Gateway</h1><p>The proxy server received an invalid response.</p></body></html>\n';
const JUNK_ROWS = 'x\u001b[2J{{{ not the expected output <<<\n\u0000\u00ff\u00fe\n';

interface Recorded {
  stdout?: string;
  stderr?: string;
  code?: number;
  /** The stream the tool answers on (codesign writes its answer to standard error). */
  stream?: 'stdout' | 'stderr';
  /** Empty output is a real answer (a query with no rows). */
  emptyIsAnswer?: boolean;
}

const GARBAGE: Record<string, (valid: Recorded) => ExecResult | undefined> = {
  'random bytes': (v) => on(v, RANDOM),
  'an HTML error page': (v) => on(v, HTML_PAGE),
  'the right first line with junk rows': (v) => {
    const first = (v.stream === 'stderr' ? v.stderr : v.stdout)?.split('\n').find((l) => l.trim());
    return first === undefined ? undefined : on(v, `${first}\n${JUNK_ROWS}`);
  },
  'empty output': (v) => (v.emptyIsAnswer ? undefined : { stdout: '', stderr: '', code: 0 }),
  'only an error message on the other stream': (v) =>
    v.stream === 'stderr' ? { stdout: 'error: something went wrong\n', stderr: '', code: 0 } : { stdout: '', stderr: 'error: something went wrong\n', code: 0 },
};
function on(v: Recorded, text: string): ExecResult {
  return v.stream === 'stderr' ? { stdout: '', stderr: text, code: 0 } : { stdout: text, stderr: '', code: 0 };
}

/** One name per helper command: paths, databases and SQL become placeholders. */
function commandKey(file: string, args: readonly string[]): string {
  const norm = args.map((a, i) => (args[0] === 'find-certificate' && args[i - 1] === '-c' ? '<name>' : a.startsWith('file:') ? '<db>' : /^(SELECT|PRAGMA) /.test(a) ? a.split(' ')[0] : a.length > 200 ? '<script>' : /^\/[^/]+\//.test(a) ? '<path>' : a));
  return [file, ...norm].join(' ');
}

const FX = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const fx = (rel: string) => readFileSync(path.join(FX, rel), 'utf8');
// the shell prompt line some recordings start with is not the tool's output
const printedFx = (rel: string) => fx(rel).replace(/^[$%#] [^\n]*\n/, '');

const MAC_HOME = '/Users/alex';
const TAP = '{"format":"bosswatch-event-taps","version":1,"taps":[{"id":1,"tap_point":0,"options":1,"mask_lo":7168,"mask_hi":0,"tapping_pid":512,"target_pid":0,"enabled":true,"name":"Example","path":"/Applications/Example.app/Contents/MacOS/Example","bundle_id":"com.example"}]}\n';
const MAC_ANSWERS: Record<string, Recorded> = {
  '/bin/ps -axww -o pid=,ppid=,user=,args=': { stdout: fx('macos/example/clean/ps_args.txt') },
  '/bin/ps -axww -o pid=,comm=': { stdout: fx('macos/example/clean/ps_comm.txt') },
  '/usr/bin/codesign -dv --verbose=2 <path>': { stderr: fx('macos/codesign/codesign_dv_microsoft_word_yo-yo-yo-jbo_2023.txt'), stream: 'stderr' },
  '/bin/launchctl list': { stdout: fx('macos/example/clean/launchctl_list.txt') },
  '/bin/launchctl print-disabled system': { stdout: fx('macos/launchd/launchctl_print-disabled_user501_ninehills_issue85_2021.txt') },
  '/usr/bin/systemextensionsctl list': { stdout: fx('macos/example/monitored/systemextensionsctl_list.txt') },
  '/usr/bin/kmutil showloaded --list-only': { stdout: fx('macos/example/clean/kmutil_showloaded.txt') },
  '/usr/sbin/kextstat -l': { stdout: printedFx('macos/kext/kextstat_head_macos14_sonoma.txt') },
  '/usr/sbin/pkgutil --pkgs': { stdout: fx('macos/example/clean/pkgutil_pkgs.txt') },
  '/usr/bin/profiles status -type enrollment': { stdout: fx('macos/example/monitored/profiles_status.txt') },
  '/usr/bin/profiles show -output stdout-xml': { stdout: fx('macos/profiles/profiles_show_output_stdout-xml_authentik_2025.plist') },
  '/usr/sbin/lsof -nP -i': { stdout: fx('macos/network/lsof_established_aditagrawal_real.txt') },
  '/usr/bin/sfltool dumpbtm': { stdout: fx('macos/btm/sfltool_dumpbtm_macos27_udeck_fixture.txt') },
  // our own script's JSON (not an OS format), as the stub-bridge test in tests/detect/macos.test.ts produces it
  '/usr/bin/osascript -l JavaScript -e <script>': { stdout: TAP },
  '/usr/sbin/scutil --proxy': { stdout: fx('macos/proxy/scutil-proxy_drduh-guide-privoxy.txt') },
  '/usr/bin/security dump-trust-settings -d': { stdout: fx('macos/trust/dump-trust-settings-d_package-control-1118_2016.txt') },
  // a real root in PEM (Debian's copy of ISRG Root X1), what `security find-certificate -p` prints per certificate
  '/usr/bin/security find-certificate -a -c <name> -p': { stdout: fx('linux/config/isrg-root-x1.crt') },
  // "no trust settings" is said on standard error with exit 1
  '/usr/bin/security dump-trust-settings': { stderr: fx('macos/trust/dump-trust-settings_no-trust-settings.stderr.txt'), code: 1 },
  // answered by the real sqlite3 on a TCC.db built from a recorded schema (below)
  '/usr/bin/sqlite3 -readonly -json <db> PRAGMA': {},
  '/usr/bin/sqlite3 -readonly -json <db> SELECT': { emptyIsAnswer: true },
};
// commands whose answer feeds no table: garbage there cannot make a coverage row wrong
const NO_TABLE: Record<string, string> = {
  '/usr/sbin/sysctl -n hw.optional.arm64': 'host: only the exact answer "1" changes the architecture (Rosetta), anything else keeps what Node reports',
};

interface Harness {
  collectors: Collector[];
  ctx: Omit<CollectContext, 'exec'>;
  answer: (key: string, file: string, args: readonly string[], options?: ExecOptions) => Promise<ExecResult | undefined>;
  answers: Record<string, Recorded>;
}

async function macHarness(): Promise<Harness> {
  const { createBtmCollector, BTM_DIR } = await import('../../src/collectors/macos/btm.js');
  const { createTccCollector, SYSTEM_TCC_DB, userTccDb } = await import('../../src/collectors/macos/tcc.js');
  const { macosCollectors } = await import('../../src/collectors/macos/index.js');
  const { memFs, realExec } = await import('./macos/helpers.js');
  // the TCC databases sqlite3 reads: the recorded Sonoma schema with the example rows
  const root = mkdtempSync(path.join(tmpdir(), 'bw-faults-'));
  roots.push(root);
  const dbFor: Record<string, string> = {};
  for (const [db, rows] of [
    [SYSTEM_TCC_DB, fx('macos/example/clean/tcc_system.sql')],
    [userTccDb(MAC_HOME), fx('macos/example/clean/tcc_user.sql')],
  ] as const) {
    const file = path.join(root, `${Object.keys(dbFor).length}.db`);
    execFileSync('sqlite3', [file], { input: `${fx('macos/tcc/schema/schema_macos14_sonoma_access_tccutil_pr66.sql')};\n${rows}` });
    dbFor[db] = file;
  }
  // the two collectors that only run a command when a file is there get an in-memory tree with it
  const withFs: Record<string, () => Collector> = {
    'macos/btm': () => createBtmCollector({ fs: memFs({ [`${BTM_DIR}/`]: '' }) }),
    'macos/tcc': () => createTccCollector({ fs: memFs({ [SYSTEM_TCC_DB]: 'sqlite', [userTccDb(MAC_HOME)]: 'sqlite' }) }),
  };
  return {
    collectors: macosCollectors.map((c) => withFs[c.id]?.() ?? c),
    ctx: { platform: 'macos', rulePaths: { exact: [], globs: [] }, registryKeys: [], home: MAC_HOME, elevated: true, env: {} },
    answers: MAC_ANSWERS,
    async answer(key, file, args, options) {
      if (file === '/usr/bin/sqlite3') {
        const uri = args[2];
        const db = Object.keys(dbFor).find((p) => decodeURIComponent(uri.slice(5).split('?')[0]) === p);
        if (!db) return undefined;
        return realExec(file, [...args.slice(0, 2), `file:${dbFor[db]}?${uri.split('?')[1]}`, ...args.slice(3)], options);
      }
      if (NO_TABLE[key] !== undefined) return { stdout: '1\n', stderr: '', code: 0 };
      const a = MAC_ANSWERS[key];
      return a && { stdout: a.stdout ?? '', stderr: a.stderr ?? '', code: a.code ?? 0 };
    },
  };
}

const REG_FOUND: Record<string, string> = {
  'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall': 'windows/uninstall/reg_query_uninstall_s_7zip_2026.txt',
  'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall': 'windows/uninstall/reg_query_uninstall_wow6432node_msi_entry_2017.txt',
  'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\{4D36E96B-E325-11CE-BFC1-08002BE10318}': 'windows/kbdfilter/reg_query_keyboard_class_UpperFilters_third_party_filter.txt',
  'HKLM\\SOFTWARE\\Policies': 'windows/browser-policy/reg_query_policies_s_constructed.txt',
  'HKCU\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\CapabilityAccessManager\\ConsentStore\\webcam': 'windows/consentstore/reg_query_consentstore_webcam_microphone_constructed.txt',
};
// reg.exe's answer for a key that does not exist (exit 1, message on standard error)
const REG_NOT_FOUND: Recorded = { stderr: 'ERROR: The system was unable to find the specified registry key or value.\r\n', code: 1 };

async function windowsHarness(): Promise<Harness> {
  const { windowsCollectors } = await import('../../src/collectors/windows/index.js');
  const answers: Record<string, Recorded> = {};
  const answerFor = (key: string, file: string, args: readonly string[]): Recorded | undefined => {
    if (/powershell\.exe$/i.test(file)) return { stdout: fx('windows/machines/clean.inventory.json') };
    if (/reg\.exe$/i.test(file) && args[0] === 'query') {
      const rel = REG_FOUND[args[1]];
      return rel ? { stdout: fx(rel) } : REG_NOT_FOUND;
    }
    return undefined;
  };
  return {
    collectors: windowsCollectors,
    ctx: {
      platform: 'windows',
      rulePaths: { exact: [], globs: [] },
      registryKeys: ['HKLM\\SOFTWARE\\ObserveIT'],
      home: 'C:\\Users\\amartin',
      elevated: true,
      env: { SystemRoot: 'C:\\WINDOWS', COMPUTERNAME: 'LT-CONTOSO-0142' },
    },
    answers: new Proxy(answers, {
      get: (t, k: string) => t[k],
    }),
    async answer(key, file, args) {
      const a = answerFor(key, file, args);
      if (a) answers[key] = a;
      return a && { stdout: a.stdout ?? '', stderr: a.stderr ?? '', code: a.code ?? 0 };
    },
  };
}

const RPM_ROWS = 'falcon-sensor\t7.10.0-16303\tCrowdStrike, Inc.\nbash\t5.2.26-3.fc40\t(none)\n';
const SYSTEMCTL_ROWS = '[{"unit":"x11vnc.service","load":"loaded","active":"active","sub":"running","description":"VNC"}]\n';
const LINUX_ANSWERS: Record<string, Recorded> = {
  'pw-dump': { stdout: fx('linux/pipewire/pw-dump-video-stream-and-audio-capture.json') },
  // asked only on machines with an RPM database or a running systemd (the same rows as the parser tests)
  [`rpm -qa --qf %{NAME}\\t%{VERSION}-%{RELEASE}\\t%{VENDOR}\\n`]: { stdout: RPM_ROWS },
  'systemctl list-units --all --output=json --no-pager': { stdout: SYSTEMCTL_ROWS },
};

async function linuxHarness(): Promise<Harness> {
  const { linuxCollectors } = await import('../../src/collectors/linux/index.js');
  const { createPipewireCollector } = await import('../../src/collectors/linux/pipewire.js');
  // a real Unix socket where a PipeWire session's is, so that pw-dump is asked (rpm and systemctl run only where
  // their databases exist on this machine; their answers are tested through rpmResult and systemctlStates below)
  const base = mkdtempSync(path.join(tmpdir(), 'bw-faults-run-'));
  roots.push(base);
  mkdirSync(path.join(base, '1000'));
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(path.join(base, '1000', 'pipewire-0'), resolve));
  servers.push(srv);
  return {
    collectors: linuxCollectors.map((c) => (c.id === createPipewireCollector().id ? createPipewireCollector({ runtimeBase: base }) : c)),
    ctx: { platform: 'linux', rulePaths: { exact: [], globs: [] }, registryKeys: [], home: tmpdir(), elevated: false, env: {} },
    answers: LINUX_ANSWERS,
    async answer(key) {
      const a = LINUX_ANSWERS[key];
      return a && { stdout: a.stdout ?? '', stderr: a.stderr ?? '', code: a.code ?? 0 };
    },
  };
}

const roots: string[] = [];
const servers: Server[] = [];
afterAll(() => {
  servers.forEach((s) => s.close());
  roots.forEach((r) => rmSync(r, { recursive: true, force: true }));
});

type Override = Map<string, ExecResult>;

async function runCollector(h: Harness, c: Collector, override: Override, seen?: Set<string>): Promise<CoverageRow[]> {
  const exec: Exec = async (file, args, options) => {
    const key = commandKey(file, args);
    seen?.add(key);
    const o = override.get(key);
    if (o) return o;
    return (await h.answer(key, file, args, options)) ?? { stdout: '', stderr: '', code: null, error: 'ENOENT' };
  };
  const r = await c.collect({ ...h.ctx, exec });
  return r.coverage;
}

/** Every command a collector runs, with the commands that must be missing for it to run (fallbacks). */
async function discover(h: Harness, c: Collector): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const queue: string[][] = [[]];
  while (queue.length) {
    const missing = queue.shift()!;
    const seen = new Set<string>();
    await runCollector(h, c, new Map(missing.map((k) => [k, { stdout: '', stderr: '', code: null, error: 'ENOENT' }])), seen);
    for (const k of seen) {
      if (found.has(k) || missing.includes(k)) continue;
      found.set(k, missing);
      if (missing.length < 2) queue.push([...missing, k]);
    }
  }
  return found;
}

const SQLITE_OK = (() => {
  try {
    execFileSync('sqlite3', ['-version']);
    return true;
  } catch {
    return false;
  }
})();

describe('garbage with exit 0 from any one helper command is never ok', () => {
  for (const [platform, make] of [
    ['macos', macHarness],
    ['windows', windowsHarness],
    ['linux', linuxHarness],
  ] as const) {
    it(`${platform}: every command the collectors run, each garbled in turn, adds a coverage row that is not ok`, { timeout: 240_000, skip: platform === 'macos' && !SQLITE_OK }, async () => {
      const h = await make();
      const checked: string[] = [];
      for (const c of h.collectors) {
        const commands = await discover(h, c);
        for (const [key, missing] of commands) {
          if (NO_TABLE[key] !== undefined) continue;
          const recorded = h.answers[key];
          expect(recorded, `${c.id} runs "${key}": add its recorded real answer to this test`).toBeDefined();
          const base = new Map(missing.map((k) => [k, { stdout: '', stderr: '', code: null, error: 'ENOENT' } as ExecResult]));
          const baseline = new Set((await runCollector(h, c, base)).map((r) => JSON.stringify(r)));
          for (const [kind, make] of Object.entries(GARBAGE)) {
            const g = make(recorded!);
            if (!g) continue;
            const rows = await runCollector(h, c, new Map([...base, [key, g]]));
            const changed = rows.filter((r) => !baseline.has(JSON.stringify(r)));
            expect(changed.length, `${c.id}: "${key}" printing ${kind} changed no coverage row: ${JSON.stringify(rows)}`).toBeGreaterThan(0);
            for (const r of changed) {
              expect(r.status, `${c.id}: "${key}" printing ${kind}: ${JSON.stringify(r)}`).not.toBe('ok');
              expect(r.reason, `${c.id}: "${key}" printing ${kind}`).toBeTruthy();
            }
          }
          checked.push(key);
        }
      }
      // the walk really reached the commands (a broken harness would check nothing)
      expect(checked.length).toBeGreaterThanOrEqual({ macos: 20, windows: 20, linux: 1 }[platform]);
    });
  }

  it('linux: rpm and systemctl answers that are garbage or empty are never ok; real-shaped ones are', async () => {
    const { rpmResult } = await import('../../src/collectors/linux/packages.js');
    const { systemctlStates } = await import('../../src/collectors/linux/units.js');
    const rpmValid: Recorded = { stdout: RPM_ROWS };
    const sysValid: Recorded = { stdout: SYSTEMCTL_ROWS };
    expect(rpmResult({ stdout: rpmValid.stdout!, stderr: '', code: 0 }).coverage.status).toBe('ok');
    expect(systemctlStates({ stdout: sysValid.stdout!, stderr: '', code: 0 }).problem).toBeUndefined();
    for (const [kind, make] of Object.entries(GARBAGE)) {
      const r = make(rpmValid);
      if (r) expect(rpmResult(r).coverage.status, `rpm: ${kind}`).not.toBe('ok');
      const s = make(sysValid);
      if (s) expect(systemctlStates(s).problem, `systemctl: ${kind}`).toBeTruthy();
    }
    // part garbage: the rows that parse are kept, coverage says how many did not
    const mixed = rpmResult({ stdout: `${rpmValid.stdout}${JUNK_ROWS}`, stderr: '', code: 0 });
    expect(mixed.packages).toHaveLength(2);
    expect(mixed.coverage).toMatchObject({ status: 'partial', reason: expect.stringMatching(/^2 of 4 line\(s\)/) });
    expect(systemctlStates({ stdout: '[{"unit":"a.service","active":"active","sub":"running"},{"oops":1}]', stderr: '', code: 0 })).toMatchObject({ partial: true });
    expect(systemctlStates({ stdout: sysValid.stdout!, stderr: 'Failed to connect to bus\n', code: 1 }).problem).toMatch(/^exit code 1/);
  });

  it('no collector runs a command this file does not know about (new collectors cannot escape the tests above)', () => {
    // every exec call site in the collectors: `exec(FIRST_ARGUMENT,` (RegExp#exec takes one argument, so no comma)
    const sites: string[] = [];
    const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/collectors');
    for (const sub of ['macos', 'linux', 'windows', 'shared']) {
      for (const f of readdirSync(path.join(dir, sub)).filter((n) => n.endsWith('.ts'))) {
        const text = readFileSync(path.join(dir, sub, f), 'utf8');
        for (const m of text.matchAll(/\bexec\(\s*([A-Za-z_$'][\w$.'()/-]*)\s*,/g)) sites.push(`${sub}/${f}: ${m[1]}`);
      }
    }
    // how each is covered: the walks above find their commands by running the collectors; Linux runs rpm and
    // systemctl only where their databases exist, so their answers are tested through rpmResult and systemctlStates
    expect(sites.sort()).toEqual(
      [
        'linux/packages.ts: \'rpm\'',
        'linux/pipewire.ts: PW_DUMP',
        'linux/units.ts: \'systemctl\'',
        'macos/btm.ts: SFLTOOL',
        'macos/codesign.ts: CODESIGN',
        'macos/drivers.ts: KEXTSTAT',
        'macos/drivers.ts: KMUTIL',
        'macos/drivers.ts: SYSTEMEXTENSIONSCTL',
        'macos/eventtaps.ts: OSASCRIPT',
        'macos/host.ts: SYSCTL',
        'macos/launchd.ts: LAUNCHCTL',
        'macos/launchd.ts: LAUNCHCTL',
        'macos/network.ts: LSOF',
        'macos/pkgutil.ts: PKGUTIL',
        'macos/processes.ts: PS',
        'macos/processes.ts: PS',
        'macos/profiles.ts: PROFILES',
        'macos/profiles.ts: PROFILES',
        'macos/proxy.ts: SCUTIL',
        'macos/tcc.ts: SQLITE3',
        'macos/trust.ts: SECURITY',
        'macos/trust.ts: SECURITY',
        'shared/raw.ts: file',
        'windows/index.ts: powershellPath(ctx.env)',
        'windows/index.ts: regPath',
      ].sort(),
    );
  });
});
