// Guard: every coverage reason a collector writes carries a message code (src/i18n/coverage.en.ts), so that a scan
// read in Spanish says in Spanish why a part was not (fully) checked; a reason without a code is English forever.
// Two nets: the collectors are run on their recorded answers and with every helper command missing, failing or
// printing garbage (the fault harness), and the collectors' source may not build a reason from a literal string.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { collectSnapshot } from '../../src/collectors/registry.js';
import { joinReasons, type Reason } from '../../src/collectors/shared/reason.js';
import type { Exec, ExecResult } from '../../src/collectors/types.js';
import { parseWindowsInventory } from '../../src/collectors/windows/inventory.js';
import { coverageEn } from '../../src/i18n/coverage.en.js';
import { loadRuleSet } from '../../src/rules/ruleset.js';
import type { CoverageRow } from '../../src/snapshot/schema.js';
import { cleanupHarnesses, discover, FAULTS, GARBAGE, fx, linuxHarness, macHarness, RPM_ROWS, runCollector, SQLITE_OK, windowsHarness, type Harness } from './harness.js';

afterAll(cleanupHarnesses);

const known = (code: string | undefined) => code !== undefined && Object.hasOwn(coverageEn, `reason.${code}`);

/** What is wrong with one row's reason, or undefined when it is coded (and its English is its code's). */
function uncoded(row: CoverageRow): string | undefined {
  if (row.status === 'ok' && !row.reason && !row.code) return undefined;
  if (!row.code) return `no code: "${row.reason ?? '(no reason)'}"`;
  if (!known(row.code)) return `unknown code ${row.code}`;
  const bad = (row.more ?? []).find((m) => !known(m.code));
  if (bad) return `unknown code ${bad.code} in more`;
  const english = joinReasons([{ code: row.code, params: row.params } as Reason, ...((row.more ?? []) as Reason[])]).reason;
  if (row.reason !== english) return `reason is not its codes' English: "${row.reason}" vs "${english}"`;
  return undefined;
}

function expectCoded(rows: readonly CoverageRow[], where: string, seen: Map<string, string>): void {
  for (const r of rows) {
    const why = uncoded(r);
    if (why) seen.set(`${r.source} ${r.table} ${r.status}: ${why}`, where);
    if (r.code) seen.set(`code ${r.code}`, '');
  }
}

function report(problems: Map<string, string>): string[] {
  return [...problems].filter(([k]) => !k.startsWith('code ')).map(([k, where]) => `${k}  [${where}]`);
}

const HARNESSES = { macos: macHarness, windows: windowsHarness, linux: linuxHarness } as const;
// platforms whose collectors are still being given codes (this guard is switched on for each as it lands)
const PENDING = new Set<string>([]);

describe('every coverage reason a collector writes has a code', () => {
  for (const [platform, make] of Object.entries(HARNESSES)) {
    it(`${platform}: recorded answers, each command missing, failing or garbled`, { timeout: 240_000, skip: PENDING.has(platform) || (platform === 'macos' && !SQLITE_OK) }, async () => {
      const h: Harness = await make();
      const seen = new Map<string, string>();
      let runs = 0;
      for (const c of h.collectors) {
        expectCoded(await runCollector(h, c, new Map()), `${c.id}: recorded answers`, seen);
        const commands = await discover(h, c);
        for (const [key, missing] of commands) {
          const base = new Map(missing.map((k) => [k, FAULTS.missing]));
          const recorded = h.answers[key] ?? {};
          const broken: [string, ExecResult | undefined][] = [
            ...Object.entries(FAULTS),
            ...Object.entries(GARBAGE).map(([k, g]) => [k, g(recorded)] as [string, ExecResult | undefined]),
            // exit 1 with the recorded rows printed (lsof does that when one of the things asked for was not found)
            ['exit 1 with its rows', { stdout: recorded.stdout ?? '', stderr: recorded.stderr ?? '', code: 1 }],
            ['denied', { stdout: '', stderr: '', code: null, error: 'EACCES' }],
            ['an odd start failure', { stdout: '', stderr: '', code: null, error: 'E2BIG' }],
          ];
          for (const [kind, result] of broken) {
            if (!result) continue;
            expectCoded(await runCollector(h, c, new Map([...base, [key, result]])), `${c.id}: "${key}" ${kind}`, seen);
            runs++;
          }
        }
      }
      expect(report(seen)).toEqual([]);
      expect(runs).toBeGreaterThan(platform === 'linux' ? 5 : 100);
    });
  }

  it('every platform: the whole scan with every command broken one way', async () => {
    const { rules } = await loadRuleSet();
    const seen = new Map<string, string>();
    for (const platform of (['macos', 'windows', 'linux'] as const).filter((p) => !PENDING.has(p))) {
      for (const [fault, result] of Object.entries(FAULTS)) {
        const exec: Exec = async () => result;
        const snap = await collectSnapshot({ rules, platform, exec, selfPid: -1 });
        expectCoded(snap.coverage, `${platform} scan, every command ${fault}`, seen);
      }
    }
    expect(report(seen)).toEqual([]);
  });

  it('windows: the recorded inventories, cut short, and with sections failed, denied, misshapen or noted', { skip: PENDING.has('windows') }, () => {
    const seen = new Map<string, string>();
    const machines = ['windows/machines/clean.inventory.json', 'windows/machines/monitored.inventory.json'];
    for (const m of machines) {
      const text = fx(m);
      expectCoded(parseWindowsInventory(text).coverage, m, seen);
      expectCoded(parseWindowsInventory(text.slice(0, Math.floor(text.length / 2))).coverage, `${m} cut`, seen);
      expectCoded(parseWindowsInventory(text.slice(0, Math.floor(text.length / 2)), { cutShort: { why: 'timeout', seconds: 120 } }).coverage, `${m} cut with a reason`, seen);
      const doc = JSON.parse(text) as Record<string, unknown>;
      const sections = Object.keys(doc).filter((k) => k !== 'format' && k !== 'meta' && k !== 'host');
      const variants: [string, (s: Record<string, unknown>) => unknown][] = [
        ['failed', () => ({ error: 'The RPC server is unavailable.' })],
        ['denied', () => ({ error: 'Access is denied.', error_category: 'PermissionDenied' })],
        ['misshapen', () => ({ data: { nothing: [] } })],
        ['neither data nor error', () => ({})],
        ['with denials and warnings', (s) => ({ ...s, denied_count: 2, denied_paths: ['C:\\Users\\bob\\AppData', 'Registry::HKEY_USERS\\S-1-5-21-1\\Software'], warning_count: 5, warnings: ['The network path was not found.'] })],
      ];
      for (const [kind, make] of variants) {
        const changed = Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, sections.includes(k) && v && typeof v === 'object' ? make(v as Record<string, unknown>) : v]));
        expectCoded(parseWindowsInventory(JSON.stringify(changed)).coverage, `${m}: every section ${kind}`, seen);
      }
      // a normal account, a 32-bit PowerShell, a restricted language mode, unreadable profiles and rule paths
      const meta = { ...(doc.meta as Record<string, unknown>), elevated: false, is64_os: true, is64_process: false, config_error: 'Cannot convert value', language_mode: 'ConstrainedLanguage' };
      const odd = { ...doc, meta, profiles: { error: 'Access is denied.' } };
      expectCoded(parseWindowsInventory(JSON.stringify(odd)).coverage, `${m}: normal account, 32-bit, constrained`, seen);
    }
    // the behaviour facts section (absent from the recorded machines): failed, denied, misshapen, WMI failed or denied
    const base = JSON.parse(fx(machines[0])) as Record<string, unknown>;
    const facts: [string, unknown][] = [
      ['failed', { error: 'Invalid class' }],
      ['denied', { error: 'Access is denied.' }],
      ['neither data nor error', { ms: 1 }],
      ['WMI failed', { data: { keys: [], certificates: [], files: [], wmi: { error: 'Invalid namespace' } } }],
      ['WMI denied', { data: { keys: [], certificates: [], files: [], wmi: { error: 'Access denied 0x80041003' } } }],
    ];
    for (const [kind, bf] of facts) expectCoded(parseWindowsInventory(JSON.stringify({ ...base, behaviour_facts: bf })).coverage, `behaviour facts ${kind}`, seen);
    expectCoded(parseWindowsInventory('not an inventory at all').coverage, 'not an inventory', seen);
    expect(report(seen)).toEqual([]);
  });

  it('the collectors never build a coverage reason from a literal string', () => {
    const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/collectors');
    const hits: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) {
          if (!PENDING.has(e.name)) walk(p);
        }
        else if (e.name.endsWith('.ts') && p !== path.join(dir, 'shared', 'reason.ts')) {
          readFileSync(p, 'utf8')
            .split('\n')
            .forEach((line, i) => {
              // `reason: 'text'`, `reason: \`text\``, `reason = 'text'` and fields typed `reason: string`
              if (/\breason\??\s*[:=]\s*(['"`]|string\b)/.test(line)) hits.push(`${path.relative(dir, p)}:${i + 1}: ${line.trim()}`);
            });
        }
      }
    };
    walk(dir);
    // known and left: sqlite3 and security failures inside tcc.ts and trust.ts are still English text that reaches the
    // report as the {detail} of tcc-unread / tcc-some-rows / trust-unread (coded, but those words are not translated)
    const KNOWN = /^macos\/(tcc|trust)\.ts:/;
    expect(hits.filter((h) => !KNOWN.test(h))).toEqual([]);
  });

  it('linux: rpm and systemctl answers (asked only where their databases exist) are coded whatever they print', async () => {
    const { rpmResult } = await import('../../src/collectors/linux/packages.js');
    const { systemctlStates } = await import('../../src/collectors/linux/units.js');
    const seen = new Map<string, string>();
    const answers: [string, ExecResult][] = [
      ...Object.entries(FAULTS),
      ['garbage rows', { stdout: `${RPM_ROWS}x\u001b[2J{{{ not the expected output\n`, stderr: '', code: 0 }],
      ['exit 1 silently', { stdout: '', stderr: '', code: 1 }],
    ];
    for (const [kind, r] of answers) {
      expectCoded([rpmResult(r).coverage], `rpm ${kind}`, seen);
      const s = systemctlStates(r);
      if (s.why) expectCoded([{ source: 'linux/systemd', table: 'services', status: 'partial', ...joinReasons(s.why) }], `systemctl ${kind}`, seen);
      else expect(s.problem, `systemctl ${kind}`).toBeUndefined();
    }
    expect(report(seen)).toEqual([]);
  });
});
