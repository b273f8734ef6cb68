// The fault harness shared by faults.test.ts and coded-reasons.test.ts: every platform's collectors driven by an exec
// that answers each helper command with its recorded real output, or with a fault or garbage in its place.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CollectContext, Collector, Exec, ExecOptions, ExecResult } from '../../src/collectors/types.js';
import type { CoverageRow } from '../../src/snapshot/schema.js';
export const FAULTS: Record<string, ExecResult> = {
  missing: { stdout: '', stderr: '', code: null, error: 'ENOENT' },
  hangs: { stdout: '', stderr: '', code: null, error: 'ETIMEDOUT' },
  floods: { stdout: 'x'.repeat(1000), stderr: '', code: null, error: 'EMAXBUFFER' },
  'exits non-zero': { stdout: '', stderr: 'something went wrong\n', code: 1 },
  'prints garbage': { stdout: '\u0000\u001b[2J{{{ not the expected output <<<\n\u00ff\u00fe', stderr: '', code: 0 },
};


const RANDOM = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 167 + 13) % 256)).toString('utf8');
const HTML_PAGE = '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><h1>Bad Gateway</h1><p>The proxy server received an invalid response.</p></body></html>\n';
export const JUNK_ROWS = 'x\u001b[2J{{{ not the expected output <<<\n\u0000\u00ff\u00fe\n';

export interface Recorded {
  stdout?: string;
  stderr?: string;
  code?: number;
  /** The stream the tool answers on (codesign writes its answer to standard error). */
  stream?: 'stdout' | 'stderr';
  /** Empty output is a real answer (a query with no rows). */
  emptyIsAnswer?: boolean;
}

export const GARBAGE: Record<string, (valid: Recorded) => ExecResult | undefined> = {
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
export function commandKey(file: string, args: readonly string[]): string {
  const norm = args.map((a, i) => (args[0] === 'find-certificate' && args[i - 1] === '-c' ? '<name>' : a.startsWith('file:') ? '<db>' : /^(SELECT|PRAGMA) /.test(a) ? a.split(' ')[0] : a.length > 200 ? '<script>' : /^\/[^/]+\//.test(a) ? '<path>' : a));
  return [file, ...norm].join(' ');
}

export const FX = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
export const fx = (rel: string) => readFileSync(path.join(FX, rel), 'utf8');
// the shell prompt line some recordings start with is not the tool's output
const printedFx = (rel: string) => fx(rel).replace(/^[$%#] [^\n]*\n/, '');

const MAC_HOME = '/Users/alex';
const TAP = '{"format":"bosswatch-event-taps","version":1,"taps":[{"id":1,"tap_point":0,"options":1,"mask_lo":7168,"mask_hi":0,"tapping_pid":512,"target_pid":0,"enabled":true,"name":"Example","path":"/Applications/Example.app/Contents/MacOS/Example","bundle_id":"com.example"}]}\n';
export const MAC_ANSWERS: Record<string, Recorded> = {
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
export const NO_TABLE: Record<string, string> = {
  '/usr/sbin/sysctl -n hw.optional.arm64': 'host: only the exact answer "1" changes the architecture (Rosetta), anything else keeps what Node reports',
};

export interface Harness {
  collectors: Collector[];
  ctx: Omit<CollectContext, 'exec'>;
  answer: (key: string, file: string, args: readonly string[], options?: ExecOptions) => Promise<ExecResult | undefined>;
  answers: Record<string, Recorded>;
}

export async function macHarness(): Promise<Harness> {
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

export async function windowsHarness(): Promise<Harness> {
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

export const RPM_ROWS = 'falcon-sensor\t7.10.0-16303\tCrowdStrike, Inc.\nbash\t5.2.26-3.fc40\t(none)\n';
export const SYSTEMCTL_ROWS = '[{"unit":"x11vnc.service","load":"loaded","active":"active","sub":"running","description":"VNC"}]\n';
export const LINUX_ANSWERS: Record<string, Recorded> = {
  'pw-dump': { stdout: fx('linux/pipewire/pw-dump-video-stream-and-audio-capture.json') },
  // asked only on machines with an RPM database or a running systemd (the same rows as the parser tests)
  [`rpm -qa --qf %{NAME}\\t%{VERSION}-%{RELEASE}\\t%{VENDOR}\\n`]: { stdout: RPM_ROWS },
  'systemctl list-units --all --output=json --no-pager': { stdout: SYSTEMCTL_ROWS },
};

export async function linuxHarness(): Promise<Harness> {
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
/** Closes the sockets and removes the folders the harnesses made: call from afterAll. */
export function cleanupHarnesses(): void {
  servers.forEach((s) => s.close());
  roots.forEach((r) => rmSync(r, { recursive: true, force: true }));
}

type Override = Map<string, ExecResult>;

export async function runCollector(h: Harness, c: Collector, override: Override, seen?: Set<string>): Promise<CoverageRow[]> {
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
export async function discover(h: Harness, c: Collector): Promise<Map<string, string[]>> {
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

export const SQLITE_OK = (() => {
  try {
    execFileSync('sqlite3', ['-version']);
    return true;
  } catch {
    return false;
  }
})();
