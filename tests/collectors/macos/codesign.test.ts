import { describe, expect, it } from 'vitest';
import { isApplePlatformPath, parseCodesign, readSignatures, signatureCoverage } from '../../../src/collectors/macos/codesign.js';
import { processesCollector, PS_ARGS_ARGV, PS_COMM_ARGV } from '../../../src/collectors/macos/processes.js';
import { buildIndex } from '../../../src/match/index.js';
import { match } from '../../../src/match/match.js';
import { loadRuleDirs } from '../../../src/rules/load.js';
import { BUILTIN_RULES_DIR } from '../../../src/rules/ruleset.js';
import { fakeExec, fixture, makeCtx } from './helpers.js';

const DEV_ID = fixture('codesign/codesign_dv_verbose4_developer_id_git-credential-manager.txt');
const ADHOC = fixture('codesign/codesign_dv_verbose4_adhoc_python3.12.txt');
const UNSIGNED = fixture('codesign/codesign_not_signed_libpython.txt');
const WORD = fixture('codesign/codesign_dv_microsoft_word_yo-yo-yo-jbo_2023.txt');

describe('parseCodesign (recorded codesign -dv outputs, standard error)', () => {
  it('Developer ID: Team ID, identifier and the signing authority', () => {
    expect(parseCodesign(DEV_ID)).toEqual({ team_id: 'UBF8T346G9', identifier: 'git-credential-manager', authority: 'Developer ID Application: Microsoft Corporation (UBF8T346G9)' });
    expect(parseCodesign(WORD)).toEqual({ team_id: 'UBF8T346G9', identifier: 'com.microsoft.Word' });
  });

  it('ad-hoc ("TeamIdentifier=not set") and unsigned code have no Team ID', () => {
    expect(parseCodesign(ADHOC)).toEqual({ identifier: 'python3.12', adhoc: true });
    expect(parseCodesign(UNSIGNED)).toBeUndefined();
  });
});

describe('readSignatures (bounded)', () => {
  const answer = fakeExec((file, args) => (file === '/usr/bin/codesign' ? { stderr: args[2].includes('Word') ? WORD : ADHOC } : undefined));

  it('skips Apple platform paths, relative names and duplicates; one call per distinct path', async () => {
    const exec = fakeExec((file) => (file === '/usr/bin/codesign' ? { stderr: WORD } : undefined));
    const r = await readSignatures(makeCtx(exec), ['/System/Library/CoreServices/Finder.app/Contents/MacOS/Finder', '/usr/libexec/logd', 'autofsd', '/Applications/Microsoft Word.app', '/Applications/Microsoft Word.app'], { maxCount: 10, maxTotalMs: 10_000 });
    expect(exec.calls.map((c) => c.args)).toEqual([['-dv', '--verbose=2', '/Applications/Microsoft Word.app']]);
    expect(exec.calls[0].options?.timeoutMs).toBeGreaterThan(0);
    expect(r.byPath.get('/Applications/Microsoft Word.app')?.team_id).toBe('UBF8T346G9');
    expect(signatureCoverage('apps', 'installed non-Apple apps', r)).toEqual({ source: 'macos/codesign', table: 'apps', status: 'ok' });
    expect(isApplePlatformPath('/usr/local/bin/x')).toBe(false);
  });

  it('stops at the count limit and at the time limit, and says how many were left out', async () => {
    const paths = Array.from({ length: 20 }, (_, i) => `/Applications/App${String(i).padStart(2, '0')}.app`);
    const counted = await readSignatures(makeCtx(answer), paths, { maxCount: 5, maxTotalMs: 60_000 });
    expect(counted.checked).toBe(5);
    expect(counted.skipped).toBe(15);
    const cov = signatureCoverage('apps', 'installed non-Apple apps', counted);
    expect(cov.status).toBe('partial');
    expect(cov.reason).toBe('Team IDs (who signed the program) were read for 5 of 20 installed non-Apple apps. 15 were left out to keep the scan short.');
    let t = 0;
    const timed = await readSignatures(makeCtx(answer), paths, { maxCount: 100, maxTotalMs: 1_000 }, () => (t += 300));
    expect(timed.checked).toBeLessThan(20);
    expect(timed.skipped).toBe(20 - timed.checked);
  });

  it('a Mac without codesign: unavailable, not ok', async () => {
    const r = await readSignatures(makeCtx(fakeExec(() => undefined)), ['/Applications/X.app'], { maxCount: 5, maxTotalMs: 1_000 });
    expect(signatureCoverage('processes', 'running non-Apple programs', r).status).toBe('unavailable');
  });
});

describe('Team IDs on running programs reach the rules (signers)', () => {
  it('a running Kandji agent signed by its Team ID is matched through the process row', { timeout: 60_000 }, async () => {
    const kandji = '/Library/Kandji/Kandji Agent.app/Contents/MacOS/Kandji Agent';
    const exec = fakeExec((file, args) => {
      const cmd = [file, ...args].join(' ');
      if (cmd === ['/bin/ps', ...PS_ARGS_ARGV].join(' ')) return { stdout: `  812     1 root             ${kandji} --daemon\n` };
      if (cmd === ['/bin/ps', ...PS_COMM_ARGV].join(' ')) return { stdout: `  812 ${kandji}\n` };
      // the recorded Developer ID output with Kandji's Team ID in place of Microsoft's
      if (file === '/usr/bin/codesign') return { stderr: DEV_ID.replace(/UBF8T346G9/g, 'P3FGV63VK7') };
      return undefined;
    });
    const r = await processesCollector.collect(makeCtx(exec));
    expect(r.tables.processes?.[0]).toMatchObject({ name: 'Kandji Agent', team_id: 'P3FGV63VK7' });
    const { rules } = await loadRuleDirs([BUILTIN_RULES_DIR]);
    // the process name alone would not be evidence enough; the Team ID is
    const findings = match({ format: 'bosswatch-snapshot', version: 1, collected_at: '2026-12-03T00:00:00Z', host: { platform: 'macos', os_version: 'macOS 14.5' }, processes: [{ pid: 812, name: 'x', team_id: 'P3FGV63VK7' }], coverage: [] }, buildIndex(rules, 'macos'));
    const f = findings.find((x) => x.rule.id === 'kandji');
    expect(f?.evidence.map((e) => [e.table, e.indicator.kind, e.indicator.value])).toEqual([['processes', 'signers', 'P3FGV63VK7']]);
  });
});
