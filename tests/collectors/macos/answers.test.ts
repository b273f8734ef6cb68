// Every macOS reader on the real recorded outputs (nothing rejected) and on the garbage cases of issue #11: random
// bytes, an HTML error page, a truncated line, the right header with junk rows, and empty output where the tool
// always prints something. Garbage is never an empty answer.
import { describe, expect, it } from 'vitest';
import { judgeAnswer, sampleOf, type Answer } from '../../../src/collectors/shared/answer.js';
import { readCodesign } from '../../../src/collectors/macos/codesign.js';
import { readDumpBtm } from '../../../src/collectors/macos/btm.js';
import { readLoadedKexts, readSystemExtensions } from '../../../src/collectors/macos/drivers.js';
import { readLaunchctlList, readPrintDisabled } from '../../../src/collectors/macos/launchd.js';
import { readLsof } from '../../../src/collectors/macos/network.js';
import { readPkgutilPkgs } from '../../../src/collectors/macos/pkgutil.js';
import { readEnrollmentStatus, readProfilesShow } from '../../../src/collectors/macos/profiles.js';
import { readPsArgs, readPsComm } from '../../../src/collectors/macos/processes.js';
import { readSqliteOutput } from '../../../src/collectors/macos/tcc.js';
import { fixture, printed } from './helpers.js';

// deterministic "random bytes": every byte value, shuffled, as a string the way exec decodes it
const RANDOM = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 167 + 13) % 256)).toString('utf8');
const HTML = '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><h1>Bad Gateway</h1><p>The proxy server received an invalid response.</p></body></html>\n';
const JUNK = 'x\u001b[2J{{{ not the expected output <<<\n\u0000\u00ff\u00fe\n';

type Reader = (s: string) => Answer<unknown>;
interface Case {
  name: string;
  read: Reader;
  /** Real outputs: every line understood. */
  real: string[];
  /** Whether empty output is an answer (a query with no rows) or impossible (the tool always prints a header or a row). */
  emptyIsAnswer: boolean;
}

const tccCols = ['service', 'client', 'auth_value'];
const CASES: Case[] = [
  { name: 'ps args', read: readPsArgs, real: [fixture('ps/ps_pid_ppid_user_args_DERIVED.txt'), fixture('ps/ps_args_spaces_CONSTRUCTED.txt'), fixture('example/clean/ps_args.txt')], emptyIsAnswer: false },
  { name: 'ps comm', read: readPsComm, real: [fixture('ps/ps_pid_comm_DERIVED.txt'), fixture('ps/ps_comm_spaces_CONSTRUCTED.txt'), fixture('example/clean/ps_comm.txt')], emptyIsAnswer: false },
  {
    name: 'launchctl list',
    read: readLaunchctlList,
    real: [printed('launchd/launchctl_list_excerpt_korean_blog_macos10.15-era.txt'), fixture('launchd/launchctl_list_user_domain_macos26_2026-07.txt'), fixture('example/clean/launchctl_list.txt')],
    emptyIsAnswer: false,
  },
  { name: 'launchctl print-disabled', read: readPrintDisabled, real: [fixture('launchd/launchctl_print-disabled_user501_ninehills_issue85_2021.txt')], emptyIsAnswer: false },
  {
    name: 'systemextensionsctl list',
    read: readSystemExtensions,
    real: [
      'sysext/systemextensionsctl_list_kdrive_faq_spaces.txt',
      'sysext/systemextensionsctl_list_real_2026-08_agentsh.txt',
      'sysext/systemextensionsctl_list_real_macos26_2026-07_defender.txt',
      'sysext/systemextensionsctl_list_real_uninstalled-apps_avg_malwarebytes.txt',
      'sysext/systemextensionsctl_list_upgrade_transient_agentsh.txt',
      'sysext/systemextensionsctl_list_waiting_for_user_agentsh.txt',
      'example/clean/systemextensionsctl_list.txt',
      'example/monitored/systemextensionsctl_list.txt',
    ].map(printed),
    emptyIsAnswer: false,
  },
  { name: 'kmutil / kextstat', read: readLoadedKexts, real: [printed('kext/kextstat_head_macos14_sonoma.txt'), printed('kext/kextstat_via_kmutil_showloaded_macos11.4_bigsur.txt'), fixture('example/clean/kmutil_showloaded.txt')], emptyIsAnswer: false },
  { name: 'pkgutil --pkgs', read: readPkgutilPkgs, real: [fixture('pkgutil/pkgutil_pkgs_macos14-15_one_per_line_DERIVED.txt'), fixture('example/clean/pkgutil_pkgs.txt')], emptyIsAnswer: false },
  { name: 'profiles status', read: (s) => readEnrollmentStatus(s).answer, real: [fixture('example/clean/profiles_status.txt'), fixture('example/monitored/profiles_status.txt')], emptyIsAnswer: false },
  {
    name: 'profiles show',
    read: (s) => readProfilesShow(s).answer,
    real: [fixture('profiles/profiles_show_output_stdout-xml_authentik_2025.plist'), fixture('profiles/profiles_show_with_pppc_CONSTRUCTED.plist'), fixture('example/clean/profiles_show.txt')],
    emptyIsAnswer: false,
  },
  {
    name: 'lsof -nP -i',
    read: (s) => readLsof(s, true),
    real: [fixture('network/lsof_established_aditagrawal_real.txt'), fixture('network/lsof_iTCP_sTCP_LISTEN_macos26_2026-07.txt')],
    emptyIsAnswer: false,
  },
  { name: 'sfltool dumpbtm', read: readDumpBtm, real: [fixture('btm/sfltool_dumpbtm_captured_trimmed_autocad_docker.txt'), fixture('btm/sfltool_dumpbtm_macos27_udeck_fixture.txt')], emptyIsAnswer: false },
  {
    name: 'sqlite3 -json',
    read: (s) => readSqliteOutput(s, 'json', tccCols),
    real: ['[{"service":"kTCCServiceScreenCapture","client":"com.example.app","auth_value":2}]\n'],
    emptyIsAnswer: true,
  },
  {
    name: 'sqlite3 -ascii',
    read: (s) => readSqliteOutput(s, 'ascii', tccCols),
    real: ['kTCCServiceScreenCapture\x1fcom.example.app\x1f2\x1e'],
    emptyIsAnswer: true,
  },
];

const firstLine = (s: string) => s.split('\n').find((l) => l.trim())!;

describe('macOS readers: real answers are read whole, garbage is never an empty answer', () => {
  for (const c of CASES) {
    it(`${c.name}: every recorded output is understood`, () => {
      for (const real of c.real) {
        const a = c.read(real);
        expect(judgeAnswer(c.name, a), firstLine(real)).toBeUndefined();
        expect(a.bad, firstLine(real)).toBe(0);
      }
    });

    it(`${c.name}: random bytes, an HTML page and junk lines are an error`, () => {
      for (const g of [RANDOM, HTML, JUNK]) expect(judgeAnswer(c.name, c.read(g))?.status, JSON.stringify(g.slice(0, 30))).toBe('error');
    });

    it(`${c.name}: the real first line followed by junk rows is not ok`, () => {
      const real = c.real[0];
      const a = c.read(`${firstLine(real)}\n${JUNK}`);
      expect(judgeAnswer(c.name, a)).toBeDefined();
    });

    it(`${c.name}: a real answer with junk rows added is partial, with counts`, () => {
      const real = c.real.find((r) => c.read(r).rows.length > 1) ?? c.real[0];
      const junkRows = c.name.startsWith('sqlite3 -json') ? real.replace(/\]\s*$/, ',"junk",[1]]') : c.name === 'sqlite3 -ascii' ? `${real}junk\x1e` : c.name === 'profiles show' ? undefined : `${real.trimEnd()}\n${JUNK}`;
      if (junkRows === undefined) return; // a plist with junk appended is not a plist: covered by the error cases
      const v = judgeAnswer(c.name, c.read(junkRows));
      expect(v?.status).toBe('partial');
      expect(v?.note).toMatch(/^\d+ of (the )?\d+ line/);
    });

    it(`${c.name}: empty output is ${c.emptyIsAnswer ? 'an empty answer' : 'not an answer'}`, () => {
      for (const empty of ['', '\n', '  \n\n']) {
        const v = judgeAnswer(c.name, c.read(empty));
        if (c.emptyIsAnswer) expect(v).toBeUndefined();
        else expect(v?.status).toBe('error');
      }
    });
  }

  it('a truncated line is caught where the layout allows: JSON, plists, counted listings, fixed columns', () => {
    const cut = (s: string) => s.slice(0, Math.floor(s.length * 0.6));
    expect(judgeAnswer('sqlite3', readSqliteOutput(cut('[{"service":"kTCCServiceCamera","client":"a","auth_value":2},{"service":"kTCCServiceMicrophone","client":"b","auth_value":0}]'), 'json', tccCols))?.status).toBe('error');
    expect(judgeAnswer('sqlite3', readSqliteOutput('kTCCServiceCamera\x1fa\x1f2\x1ekTCCServiceMicrophone\x1fb', 'ascii', tccCols))?.status).toBe('partial');
    expect(judgeAnswer('profiles show', readProfilesShow(cut(fixture('profiles/profiles_show_output_stdout-xml_authentik_2025.plist'))).answer)?.status).toBe('error');
    // "4 extension(s)" announced, the listing stops after two rows
    const avg = fixture('sysext/systemextensionsctl_list_real_uninstalled-apps_avg_malwarebytes.txt').split('\n').slice(0, 5).join('\n');
    expect(judgeAnswer('systemextensionsctl', readSystemExtensions(avg))).toMatchObject({ status: 'partial' });
    const kext = fixture('example/clean/kmutil_showloaded.txt');
    const lastRow = kext.trimEnd().split('\n').pop()!;
    expect(judgeAnswer('kmutil', readLoadedKexts(`${kext.trimEnd().slice(0, -lastRow.length)}${lastRow.slice(0, 30)}\n`))?.status).toBe('partial');
  });

  it('the real empty answers stay empty and ok', () => {
    expect(judgeAnswer('systemextensionsctl', readSystemExtensions('0 extension(s)\n'))).toBeUndefined();
    expect(judgeAnswer('launchctl list', readLaunchctlList('PID\tStatus\tLabel\n'))).toBeUndefined();
    for (const s of ['There are no configuration profiles installed in the system domain\n', "There are no configuration profiles installed for user 'alex'\n", 'There are no configuration profiles installed\n']) {
      const r = readProfilesShow(s);
      expect(judgeAnswer('profiles show', r.answer)).toBeUndefined();
      expect(r.answer.rows).toEqual([]);
    }
    // the sentence may come on standard error with nothing on standard output
    expect(judgeAnswer('profiles show', readProfilesShow('', 'There are no configuration profiles installed in the system domain\n').answer)).toBeUndefined();
    expect(judgeAnswer('profiles show', readProfilesShow('', 'profiles: error\n').answer)?.status).toBe('error');
    expect(judgeAnswer('sqlite3', readSqliteOutput('', 'json', tccCols))).toBeUndefined();
    expect(judgeAnswer('sfltool dumpbtm', readDumpBtm('========================\n Records for UID 501 : 11112222-3333-4444-5555-666677778888\n========================\n\n Items:\n\n'))).toBeUndefined();
  });

  it('coverage samples are short and escaped: no control, bidi or raw non-ASCII characters', () => {
    const s = sampleOf('\u0000\u001b[2J\u202eevil\u00ff and a long tail that goes on and on and on');
    expect(s.startsWith('\\x00\\x1b[2J\\u{202e}evil\\xff and a long')).toBe(true);
    expect(s.length).toBeLessThanOrEqual(41);
    expect(s).not.toMatch(/[^\x20-\x7e…]/);
    const v = judgeAnswer('pkgutil', readPkgutilPkgs(RANDOM));
    expect(v?.note).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
  });
});

describe('codesign answers (codesign(1): exit 0 success, 1 failure; "not signed at all" is the unsigned answer)', () => {
  it('signed, ad-hoc and unsigned code are answers', () => {
    expect(readCodesign({ stderr: fixture('codesign/codesign_dv_verbose4_developer_id_git-credential-manager.txt'), stdout: '', code: 0 })).toMatchObject({ kind: 'signed', signature: { team_id: 'UBF8T346G9' } });
    expect(readCodesign({ stderr: fixture('codesign/codesign_dv_verbose4_adhoc_python3.12.txt'), stdout: '', code: 0 })).toMatchObject({ kind: 'signed', signature: { adhoc: true } });
    expect(readCodesign({ stderr: fixture('codesign/codesign_not_signed_libpython.txt'), stdout: '', code: 1 })).toEqual({ kind: 'unsigned' });
  });

  it('another exit 1 (file gone), garbage, HTML, stdout-only and empty output are not', () => {
    expect(readCodesign({ stderr: '/Applications/X.app: No such file or directory\n', stdout: '', code: 1 })).toMatchObject({ kind: 'unreadable', why: expect.stringContaining('exit code 1') });
    for (const r of [
      { stderr: RANDOM, stdout: '', code: 0 },
      { stderr: HTML, stdout: '', code: 0 },
      { stderr: 'TeamIdentifier=UBF8T346G9\n', stdout: '', code: 0 },
      { stderr: '', stdout: fixture('codesign/codesign_dv_microsoft_word_yo-yo-yo-jbo_2023.txt'), code: 0 },
      { stderr: '', stdout: '', code: 0 },
    ]) {
      expect(readCodesign(r).kind).toBe('unreadable');
    }
  });
});

describe('collectors turn those answers into coverage (exit codes from the tools\' manuals)', () => {
  it('lsof: exit 1 with nothing printed is "no sockets"; exit 1 with a message, exit 0 with nothing, or no header is not', async () => {
    const { createNetworkCollector } = await import('../../../src/collectors/macos/network.js');
    const { execTable, makeCtx, memFs } = await import('./helpers.js');
    const run = async (r: { stdout?: string; stderr?: string; code?: number }) =>
      (await createNetworkCollector({ fs: memFs({}) }).collect(makeCtx(execTable({ '/usr/sbin/lsof -nP -i': r }), { elevated: true }))).coverage[0];
    expect(await run({ code: 1 })).toEqual({ source: 'macos/network', table: 'network', status: 'ok' });
    expect((await run({ code: 1, stderr: 'lsof: WARNING: can\'t stat() nfs file system /Volumes/x\n' })).status).toBe('error');
    expect((await run({ code: 0 })).status).toBe('error');
    expect((await run({ code: 0, stdout: fixture('network/sudo_lsof_i_P_n_grep80_macbook_air_2022-12.txt') })).reason).toMatch(/no "COMMAND PID USER …" header/);
    expect((await run({ code: 0, stdout: `${fixture('network/lsof_established_aditagrawal_real.txt')}${JUNK}` })).status).toBe('partial');
  });

  it('codesign: unsigned code is checked, an answer nobody understands is counted; all unreadable is an error', async () => {
    const { readSignatures, signatureCoverage } = await import('../../../src/collectors/macos/codesign.js');
    const { fakeExec, makeCtx } = await import('./helpers.js');
    const mixed = fakeExec((_f, args) => (args[2] === '/Applications/A.app' ? { stderr: fixture('codesign/codesign_not_signed_libpython.txt'), code: 1 } : { stderr: HTML }));
    const r = await readSignatures(makeCtx(mixed), ['/Applications/A.app', '/Applications/B.app'], { maxCount: 10, maxTotalMs: 10_000 });
    expect(r).toMatchObject({ checked: 2, unreadable: 1 });
    expect(signatureCoverage('apps', 'apps', r)).toMatchObject({ status: 'partial', reason: expect.stringContaining('1 gave no answer bosswatch understands') });
    const all = await readSignatures(makeCtx(fakeExec(() => ({ stderr: RANDOM }))), ['/Applications/B.app'], { maxCount: 10, maxTotalMs: 10_000 });
    expect(signatureCoverage('apps', 'apps', all).status).toBe('error');
  });

  it('pkgutil, systemextensionsctl, kmutil, launchctl: empty output with exit 0 is an error, never "nothing installed"', async () => {
    const { createPkgutilCollector } = await import('../../../src/collectors/macos/pkgutil.js');
    const { kextsCollector, systemExtensionsCollector } = await import('../../../src/collectors/macos/drivers.js');
    const { execTable, makeCtx, memFs } = await import('./helpers.js');
    const empty = execTable({ '/usr/sbin/pkgutil --pkgs': { stdout: '' }, '/usr/bin/systemextensionsctl list': { stdout: '' }, '/usr/bin/kmutil showloaded --list-only': { stdout: '', stderr: 'No variant specified, falling back to release\n' } });
    for (const c of [createPkgutilCollector({ fs: memFs({}) }), systemExtensionsCollector, kextsCollector]) {
      const r = await c.collect(makeCtx(empty));
      expect(r.coverage[0].status, c.id).toBe('error');
      expect(r.tables.packages ?? r.tables.drivers, c.id).toBeUndefined();
    }
  });
});

describe('one line not understood', () => {
  it('is said in the singular, in English and Spanish', async () => {
    const { translator } = await import('../../../src/i18n/index.js');
    const none = judgeAnswer('rpm', { rows: [], bad: 1, total: 1, sample: 'junk' });
    expect(none?.status).toBe('error');
    expect(none?.note).toBe('the one line rpm printed did not have the expected layout (it was: "junk")');
    expect(translator('es').t(`reason.${none!.why.code}`, none!.why.params)).toBe('la única línea que mostró rpm no tenía la forma esperada (era: "junk")');
    const some = judgeAnswer('rpm', { rows: [1, 2], bad: 1, total: 3 });
    expect(some?.status).toBe('partial');
    expect(some?.note).toBe('1 of the 3 lines rpm printed did not have the expected layout and was skipped');
    expect(translator('es').t(`reason.${some!.why.code}`, some!.why.params)).toBe('1 de las 3 líneas que mostró rpm no tenía la forma esperada y se saltó');
  });
});
