// The Windows collector's coverage reasons read in Spanish: every row of a faulted collection (PowerShell failing,
// reg.exe in its place, sections cut short, failed, denied, misshapen or read in part, behaviour facts and WMI) is
// said from its code, with no English catalogue phrase left; PowerShell's own words stay quoted as they came.
import { describe, expect, it } from 'vitest';
import { inventoryCollector } from '../../../src/collectors/windows/index.js';
import { parseWindowsInventory } from '../../../src/collectors/windows/inventory.js';
import type { CollectContext, ExecResult } from '../../../src/collectors/types.js';
import { coverageEn } from '../../../src/i18n/coverage.en.js';
import { translator } from '../../../src/i18n/index.js';
import { coverageReason } from '../../../src/report/reason.js';
import type { CoverageRow } from '../../../src/snapshot/schema.js';
import { englishIn } from '../../i18n/english.js';
import { fx } from '../harness.js';

const es = translator('es');
const clean = fx('windows/machines/clean.inventory.json');
const doc = JSON.parse(clean) as Record<string, unknown>;
const SECTIONS = Object.keys(doc).filter((k) => !['format', 'meta', 'host'].includes(k));

// every section broken one way, on a normal account with a 32-bit PowerShell in Constrained Language mode, or elevated
const FAULTS: [string, (s: Record<string, unknown>) => unknown][] = [
  ['failed', () => ({ error: 'The RPC server is unavailable.' })],
  ['denied', () => ({ error: 'Access is denied.', error_category: 'PermissionDenied' })],
  ['without its list', () => ({ data: { nothing: [] } })],
  ['with only wrong items', () => ({ data: { items: ['x'], keys: ['x'], sources: ['x'], matches: ['x'], listing: ['x'], lines: [1] } })],
  ['with some wrong items', (s) => ({ ...s, data: Object.fromEntries(Object.entries((s.data ?? {}) as Record<string, unknown>).map(([k, v]) => [k, Array.isArray(v) && v.length ? [...v, k === 'lines' ? 1 : 'x'] : v])) })],
  ['denied in places, with an example', (s) => ({ ...s, denied_count: 2, denied_paths: ['C:\\Users\\bob\\AppData'], warning_count: 5, warnings: ['The network path was not found.'] })],
  ['denied once, with an example', (s) => ({ ...s, denied_count: 1, denied_paths: ['Registry::HKEY_USERS\\S-1-5-21-1\\Software'], warning_count: 1 })],
  ['denied in places', (s) => ({ ...s, denied_count: 2, warning_count: 3 })],
  ['denied once', (s) => ({ ...s, denied_count: 1, warning_count: 2, warnings: ['Access is denied.'] })],
  ['one unread item', (s) => ({ ...s, warning_count: 1 })],
  ['unread items', (s) => ({ ...s, warning_count: 4, warnings: ['Access is denied.'] })],
  ['unread items, without an example', (s) => ({ ...s, warning_count: 3 })],
  ['missing', () => undefined],
];
const NORMAL = { elevated: false, is64_os: true, is64_process: false, config_error: 'Cannot convert value', language_mode: 'ConstrainedLanguage' };
function machines(): [string, string][] {
  const out: [string, string][] = [];
  for (const [meta, who] of [[NORMAL, 'normal account'], [{ elevated: true }, 'elevated']] as const) {
    for (const [kind, make] of FAULTS) {
      const m: Record<string, unknown> = { ...doc, meta: { ...(doc.meta as object), ...meta }, profiles: { error: 'Access is denied.' } };
      for (const n of SECTIONS) m[n] = make(m[n] as Record<string, unknown>);
      out.push([`${who}, every section ${kind}`, JSON.stringify(m)]);
    }
    // signers cut off by the limit, the processes' users unread, Startup shortcuts unread in Constrained Language mode
    const data = (n: string) => (doc[n] as { data: Record<string, unknown> }).data;
    const notes = {
      ...doc,
      meta: { ...(doc.meta as object), ...meta },
      processes: { data: { ...data('processes'), owners: null, owners_error: "The 'IncludeUserName' parameter requires elevated user rights." } },
      signers: { data: { ...data('signers'), skipped: 12, candidates: 212 } },
      startup_folders: { data: { items: [{ folder: 'C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\StartUp', file: 'Agent.lnk' }], language_mode: 'ConstrainedLanguage' } },
    };
    out.push([`${who}, notes`, JSON.stringify(notes)]);
    // every process with its path: a normal account is still told what it cannot see
    out.push([`${who}, processes with paths`, JSON.stringify({ ...notes, processes: { data: { items: [{ ProcessId: 5000, Name: 'explorer.exe', ExecutablePath: 'C:\\Windows\\explorer.exe' }] } } })]);
  }
  return out;
}

const withFacts = (bf: unknown) => JSON.stringify({ ...doc, behaviour_facts: bf });

function ctx(answer: (file: string, args: readonly string[]) => ExecResult, registryKeys = ['HKLM\\SOFTWARE\\ObserveIT', 'HKU\\*\\Software\\X']): CollectContext {
  return { platform: 'windows', rulePaths: { exact: [], globs: [] }, registryKeys, home: 'C:\\Users\\amartin', elevated: false, env: { SystemRoot: 'C:\\WINDOWS' }, exec: async (f, a) => answer(f, a) };
}
const PS = /powershell\.exe$/i;
const fail = (error: string): ExecResult => ({ stdout: '', stderr: '', code: null, error });
const regFound = fx('windows/uninstall/reg_query_uninstall_s_7zip_2026.txt');

async function faulted(): Promise<[string, CoverageRow[]][]> {
  const out: [string, CoverageRow[]][] = [
    ...machines().map(([name, text]) => [name, parseWindowsInventory(text).coverage] as [string, CoverageRow[]]),
    ['cut by the timeout', parseWindowsInventory(clean.slice(0, clean.length / 2), { cutShort: { why: 'timeout', seconds: 120 } }).coverage],
    ['cut by the size limit', parseWindowsInventory(clean.slice(0, clean.length / 2), { cutShort: { why: 'too-large' } }).coverage],
    ['cut', parseWindowsInventory(clean.slice(0, clean.length / 3)).coverage],
    ['not an inventory', parseWindowsInventory('<html>502</html>').coverage],
    ['behaviour facts failed', parseWindowsInventory(withFacts({ error: 'Access is denied.' })).coverage],
    ['behaviour facts misshapen', parseWindowsInventory(withFacts({ ms: 1 })).coverage],
    ['WMI denied', parseWindowsInventory(withFacts({ data: { keys: [], certificates: [], files: [], wmi: { error: 'Access denied 0x80041003' } } })).coverage],
    ['WMI failed', parseWindowsInventory(withFacts({ data: { keys: [], certificates: [], files: [], wmi: { error: 'Invalid namespace' } } })).coverage],
  ];
  for (const [name, r] of [
    ['PowerShell missing', fail('ENOENT')],
    ['PowerShell hung', fail('ETIMEDOUT')],
    ['PowerShell flooding', fail('EMAXBUFFER')],
    ['PowerShell not starting', fail('E2BIG')],
    ['PowerShell exit 1 with a message', { stdout: '', stderr: 'Der Befehl ist unbekannt.\r\n', code: 1 }],
    ['PowerShell exit 1 silently', { stdout: '', stderr: '', code: 1 }],
  ] as const) {
    out.push([name, (await inventoryCollector.collect(ctx((f) => (PS.test(f) ? r : fail('ENOENT'))))).coverage]);
  }
  // reg.exe in PowerShell's place: one key answered, one with an HTML page, the rest not found
  const reg = (f: string, a: readonly string[]): ExecResult =>
    PS.test(f) ? fail('EACCES') : a[1].includes('WOW6432Node') || a[1] === 'HKLM\\SOFTWARE\\ObserveIT' ? { stdout: '<html>502</html>\n', stderr: '', code: 0 } : a[1].endsWith('\\Uninstall') ? { stdout: regFound, stderr: '', code: 0 } : { stdout: '', stderr: 'ERROR: not found\r\n', code: 1 };
  out.push(['reg.exe fallback', (await inventoryCollector.collect(ctx(reg))).coverage]);
  out.push(['reg.exe fallback, wildcard keys', (await inventoryCollector.collect(ctx(reg, ['HKU\\*\\A', 'HKU\\*\\B']))).coverage]);
  return out;
}

describe('Windows coverage reasons in Spanish', () => {
  it('every faulted row is said from its code, with no English catalogue phrase', async () => {
    const codes = new Set<string>();
    const problems: string[] = [];
    for (const [name, rows] of await faulted()) {
      for (const row of rows.filter((r) => r.reason)) {
        codes.add(row.code ?? '-');
        for (const m of row.more ?? []) codes.add(m.code);
        const said = coverageReason(es, row);
        if (!said || said.machine) problems.push(`${name}: ${row.source}: not from a code: ${row.reason}`);
        else if (englishIn(said.text).length) problems.push(`${name}: ${row.source}: ${englishIn(said.text).join(', ')} in "${said.text}"`);
      }
    }
    expect(problems).toEqual([]);
    // the faults above reach every Windows code but the internal script-preparation failure
    // every Windows code is reached but the internal script-preparation failure and win-unexpected-shape, which only
    // reads older snapshots
    const all = Object.keys(coverageEn).filter((k) => k.startsWith('reason.win-')).map((k) => k.slice('reason.'.length));
    expect(all.filter((c) => !codes.has(c))).toEqual(['win-unexpected-shape', 'win-script-unprepared']);
  });

  it("keeps PowerShell's own words quoted as they came", async () => {
    const rows = parseWindowsInventory(machines()[0][1]).coverage;
    const drivers = rows.find((r) => r.source === 'windows/drivers')!;
    expect(coverageReason(es, drivers)?.text).toBe('bosswatch no pudo leer los controladores instalados: The RPC server is unavailable.');
  });
});
