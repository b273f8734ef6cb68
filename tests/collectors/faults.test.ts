// Collector fault tests: every helper command replaced by one that is missing, timed out, flooded, failing or
// printing garbage. The scan must finish, and no table that depends on the broken command may claim `ok`.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { collectSnapshot } from '../../src/collectors/registry.js';
import type { Exec, ExecResult } from '../../src/collectors/types.js';
import { loadRuleSet } from '../../src/rules/ruleset.js';
import { cleanupHarnesses, discover, FAULTS, GARBAGE, JUNK_ROWS, linuxHarness, macHarness, NO_TABLE, RPM_ROWS, runCollector, SQLITE_OK, SYSTEMCTL_ROWS, windowsHarness, type Recorded } from './harness.js';

afterAll(cleanupHarnesses);

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
