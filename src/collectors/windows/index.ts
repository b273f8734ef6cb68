import type { CoverageRow, TableName } from '../../snapshot/schema.js';
import type { CollectContext, Collector, CollectorResult, ExecResult, Tables } from '../types.js';
import { parseWindowsInventory, SECTION_NAMES, SECTIONS, type CutShort, type SectionName } from './inventory.js';
import { readRegQuery, type RegKeyDump } from './regquery.js';
import { judgeAnswer } from '../shared/answer.js';
import { joinReasons, reason, why, type CodedReason, type Reason } from '../shared/reason.js';
import { classFilterRows, consentRows, KEYBOARD_CLASS, MOUSE_CLASS, packageRowsFromKeys, policyExtensionRows, registryRows, runKeyRows } from './rows.js';
import { buildInventoryScript } from './script.js';
import { DEFAULT_ENV, type WinEnv } from './util.js';

export { parseWindowsInventory } from './inventory.js';
export { parseRegQuery } from './regquery.js';
export { buildInventoryScript } from './script.js';

// No -ExecutionPolicy: it governs script files, never a script read from standard input. No -WindowStyle: Node
// starts the child with windowsHide, so no console window appears in the first place.
export const POWERSHELL_ARGS = ['-NoProfile', '-NonInteractive', '-Command', '-'] as const;
export const INVENTORY_TIMEOUT_MS = 120_000;
const MAX_OUTPUT = 64 * 1024 * 1024;
const REG_TIMEOUT_MS = 15_000;

const TABLES: TableName[] = [...new Set(SECTION_NAMES.map((s) => SECTIONS[s].table as TableName))];

function failureReason(r: ExecResult, section: SectionName): Pick<CoverageRow, 'status'> & CodedReason {
  const said = (r.stderr || r.stdout).trim().split(/\r?\n/)[0]?.slice(0, 200);
  switch (r.error) {
    case 'ENOENT':
      return { status: 'unavailable', ...reason('win-no-powershell', { section }) };
    case 'EACCES':
    case 'EPERM':
      return { status: 'denied', ...reason('win-powershell-blocked', { section }) };
    case 'ETIMEDOUT':
      return { status: 'error', ...reason('win-powershell-timeout', { section, seconds: INVENTORY_TIMEOUT_MS / 1000 }) };
    case 'EMAXBUFFER':
      return { status: 'error', ...reason('win-powershell-too-much', { section, mb: MAX_OUTPUT / 1024 / 1024 }) };
    default:
      // r.error is Node's code for a start failure (E2BIG, …); said is PowerShell's own first line, quoted
      if (r.error) return { status: 'error', ...reason('win-powershell-no-inventory', { section, detail: said ? `${r.error}: ${said}` : r.error }) };
      return { status: 'error', ...(said ? reason('win-powershell-exit-said', { section, code: r.code ?? '?', detail: said }) : reason('win-powershell-exit', { section, code: r.code ?? '?' })) };
  }
}

/**
 * Windows PowerShell 5.1 by absolute path, never looked up on PATH (a folder earlier on PATH could hold another
 * powershell.exe). A 32-bit Node on 64-bit Windows asks for Sysnative, or Windows would hand it the 32-bit PowerShell
 * and its 32-bit view of the registry.
 */
export function powershellPath(env: NodeJS.ProcessEnv): string {
  const root = (env.SystemRoot ?? env.SYSTEMROOT ?? env.windir ?? 'C:\\Windows').replace(/\\+$/, '');
  const sys = env.PROCESSOR_ARCHITEW6432 ? 'Sysnative' : 'System32';
  return `${root}\\${sys}\\WindowsPowerShell\\v1.0\\powershell.exe`;
}

function runPowerShell(ctx: CollectContext, script: string): Promise<ExecResult> {
  const total = SECTION_NAMES.length;
  let done = 0;
  let tail = '';
  ctx.progress?.step('starting Windows PowerShell to list what is installed and running');
  const onStdout = ctx.progress
    ? (chunk: string) => {
        // each finished section is one line starting with ,"name":
        const lines = (tail + chunk).split('\n');
        tail = lines.pop() ?? '';
        for (const l of lines) {
          const m = /^,"(\w+)":/.exec(l.trimStart());
          const i = m ? SECTION_NAMES.indexOf(m[1] as SectionName) : -1;
          if (i < 0) continue;
          done = Math.max(done, i + 1);
          const next = SECTION_NAMES[i + 1];
          ctx.progress?.step(next ? `reading ${SECTIONS[next].what}` : 'finishing', done, total);
        }
      }
    : undefined;
  return ctx.exec(powershellPath(ctx.env), POWERSHELL_ARGS, { input: script, timeoutMs: INVENTORY_TIMEOUT_MS, maxBuffer: MAX_OUTPUT, onStdout });
}

/** Runs the one inventory script and parses it; when PowerShell cannot run, falls back to reg.exe for registry facts. */
export async function collectInventory(ctx: CollectContext): Promise<CollectorResult> {
  let script: string;
  try {
    script = buildInventoryScript(ctx.rulePaths, ctx.registryKeys);
  } catch (e) {
    // an internal error of bosswatch (a rule path it cannot pass safely): its message is the detail
    const coded = reason('win-script-unprepared', { detail: (e as Error).message });
    return { tables: {}, coverage: SECTION_NAMES.map((s) => ({ source: SECTIONS[s].source, table: SECTIONS[s].table, status: 'error', ...coded })) };
  }
  const r = await runPowerShell(ctx, script);
  ctx.progress?.done();
  if (r.stdout.includes('"format":"bosswatch-windows-inventory"')) {
    const cut: CutShort | undefined = r.error === 'ETIMEDOUT' ? { why: 'timeout', seconds: INVENTORY_TIMEOUT_MS / 1000 } : r.error === 'EMAXBUFFER' ? { why: 'too-large' } : undefined;
    const res = parseWindowsInventory(r.stdout, { cutShort: cut, elevated: ctx.elevated });
    return { tables: res.tables, coverage: res.coverage, host: res.host };
  }
  const fallback = await regFallback(ctx);
  const coverage: CoverageRow[] = [];
  for (const s of SECTION_NAMES) {
    const info = SECTIONS[s];
    const fb = fallback.coverage.get(s);
    if (fb) coverage.push({ source: info.source, table: info.table, ...fb });
    else coverage.push({ source: info.source, table: info.table, ...failureReason(r, s) });
  }
  const host: CollectorResult['host'] = { platform: 'windows' };
  const hostname = ctx.env.COMPUTERNAME;
  if (hostname) host.hostname = hostname;
  return { tables: fallback.tables, coverage, host };
}

type FallbackCoverage = Pick<CoverageRow, 'status'> & CodedReason;

/** Uninstall, Run, input-filter, browser-policy, camera/microphone and rule keys read with reg.exe. */
export async function regFallback(ctx: CollectContext): Promise<{ tables: Tables; coverage: Map<SectionName, FallbackCoverage> }> {
  const env: WinEnv = { ...DEFAULT_ENV, ...ctx.env };
  const tables: Tables = {};
  const coverage = new Map<SectionName, FallbackCoverage>();
  let regMissing: string | undefined;
  // like powershell.exe, by absolute path rather than a PATH lookup
  const regPath = powershellPath(ctx.env).replace(/WindowsPowerShell\\v1\.0\\powershell\.exe$/, 'reg.exe');
  const run = async (args: string[]): Promise<ExecResult | undefined> => {
    if (regMissing) return undefined;
    const r = await ctx.exec(regPath, ['query', ...args], { timeoutMs: REG_TIMEOUT_MS });
    if (r.error === 'ENOENT' || r.error === 'EACCES' || r.error === 'EPERM') {
      regMissing = r.error;
      return undefined;
    }
    return r;
  };
  // what reg.exe printed for the section being read: answers, and those that were not reg query output
  let asked = 0;
  let garbled = 0;
  let garbledWhy: Reason | undefined;
  // reg.exe exits 1 when the key does not exist: an empty result, not an error
  const query = async (args: string[]): Promise<RegKeyDump[]> => {
    const r = await run(args);
    if (!r || r.code !== 0) return [];
    asked++;
    const a = readRegQuery(r.stdout);
    const v = judgeAnswer('reg.exe', a);
    if (v) {
      garbled++;
      garbledWhy ??= v.why;
    }
    return v?.status === 'error' ? [] : a.rows;
  };
  const done = (s: SectionName, extra?: Reason) => {
    const bad = garbled && garbledWhy ? [why('win-reg-unread', { count: garbled, total: asked }), garbledWhy] : [];
    // every answer garbled: nothing was read
    coverage.set(s, { status: garbled && garbled === asked ? 'error' : 'partial', ...joinReasons([why('win-reg-fallback'), ...(extra ? [extra] : []), ...bad]) });
    asked = 0;
    garbled = 0;
    garbledWhy = undefined;
  };

  const scopes: [string, string][] = [
    ['machine', 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall'],
    ['machine-32bit', 'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall'],
    ['user', 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall'],
  ];
  tables.packages = [];
  for (const [scope, key] of scopes) {
    tables.packages.push(...packageRowsFromKeys(await query([key, '/s']), scope));
  }
  done('packages', why('win-reg-names-garbled'));

  const runKeys: RegKeyDump[] = [];
  for (const key of [
    'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run',
    'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\RunOnce',
    'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Run',
    'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\RunOnce',
    'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer\\Run',
    'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
    'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\RunOnce',
    'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer\\Run',
  ]) {
    runKeys.push(...(await query([key])));
  }
  tables.autostart = runKeyRows(runKeys, env);
  done('run_keys');

  const classKeys: RegKeyDump[] = [];
  for (const g of [KEYBOARD_CLASS, MOUSE_CLASS]) classKeys.push(...(await query([`HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\${g}`, '/v', 'UpperFilters'])));
  tables.drivers = classFilterRows(classKeys);
  done('class_filters');

  const policyKeys: RegKeyDump[] = [];
  for (const hive of ['HKLM', 'HKCU']) policyKeys.push(...(await query([`${hive}\\SOFTWARE\\Policies`, '/s'])));
  tables.browser_extensions = policyExtensionRows(policyKeys);
  done('browser_policies');

  const consent: RegKeyDump[] = [];
  for (const hive of ['HKCU', 'HKLM']) {
    for (const cap of ['webcam', 'microphone']) {
      consent.push(...(await query([`${hive}\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\CapabilityAccessManager\\ConsentStore\\${cap}`, '/s'])));
    }
  }
  tables.permissions = consentRows(consent);
  done('consent_store');

  const found: { key: string; src: string }[] = [];
  let skipped = 0;
  for (const src of ctx.registryKeys) {
    if (/[*?]/.test(src)) {
      skipped++;
      continue;
    }
    const variants = [src];
    const m = /^HKLM\\SOFTWARE\\(?!WOW6432Node\\)(.+)$/i.exec(src);
    if (m) variants.push(`HKLM\\SOFTWARE\\WOW6432Node\\${m[1]}`);
    for (const key of variants) {
      const r = await run([key]);
      if (!r || r.code !== 0) continue;
      asked++;
      // exit 0 alone is not proof the key exists: reg query prints it
      const v = judgeAnswer('reg.exe', readRegQuery(r.stdout));
      if (v?.status === 'error') {
        garbled++;
        garbledWhy ??= v.why;
      } else found.push({ key, src });
    }
  }
  tables.registry = registryRows(found);
  done('registry', skipped ? why(skipped === 1 ? 'win-reg-wildcard' : 'win-reg-wildcards', { count: skipped }) : undefined);

  if (regMissing) return { tables: {}, coverage: new Map() };
  return { tables, coverage };
}

export const inventoryCollector: Collector = {
  id: 'windows/inventory',
  tables: TABLES,
  collect: collectInventory,
};

export const windowsCollectors: Collector[] = [inventoryCollector];
