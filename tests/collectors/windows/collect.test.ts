import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CollectContext, ExecOptions, ExecResult } from '../../../src/collectors/types.js';
import { inventoryCollector, INVENTORY_TIMEOUT_MS, POWERSHELL_ARGS, powershellPath, windowsCollectors } from '../../../src/collectors/windows/index.js';
import { SECTION_NAMES } from '../../../src/collectors/windows/inventory.js';
import { buildProgram } from '../../../src/cli.js';

const fx = (p: string) => readFileSync(join(import.meta.dirname, '../../fixtures/windows', p), 'utf8');

interface Call {
  file: string;
  args: readonly string[];
  opts?: ExecOptions;
}

function ctx(handler: (c: Call) => ExecResult, over: Partial<CollectContext> = {}): { ctx: CollectContext; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    ctx: {
      platform: 'windows',
      exec: async (file, args, opts) => {
        const c = { file, args, opts };
        calls.push(c);
        return handler(c);
      },
      rulePaths: { exact: ['C:\\ProgramData\\{4CEC2908-5CE4-48F0-A717-8FC833D8017A}'], globs: [] },
      registryKeys: ['HKLM\\SOFTWARE\\ObserveIT', 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\tsvchst', 'HKU\\*\\Software\\Agent'],
      home: 'C:\\Users\\amartin',
      elevated: false,
      env: { SystemRoot: 'C:\\WINDOWS', COMPUTERNAME: 'LT-CONTOSO-0142' },
      ...over,
    },
  };
}
const out = (stdout: string, code = 0): ExecResult => ({ stdout, stderr: '', code });
const fail = (error: string): ExecResult => ({ stdout: '', stderr: '', code: null, error });

describe('windows inventory collector wiring', () => {
  it('is the one Windows collector and lists the tables it fills', () => {
    expect(windowsCollectors).toEqual([inventoryCollector]);
    expect(inventoryCollector.id).toBe('windows/inventory');
    expect(inventoryCollector.tables).toEqual(['processes', 'services', 'drivers', 'packages', 'autostart', 'files', 'registry', 'browser_extensions', 'network', 'permissions']);
  });

  it('runs one powershell.exe with the script on stdin, a timeout and a large output limit', async () => {
    const { ctx: c, calls } = ctx(() => out(fx('machines/monitored.inventory.json')));
    const res = await inventoryCollector.collect(c);
    expect(calls).toHaveLength(1);
    // by absolute path, never looked up on PATH; no -ExecutionPolicy (it does not apply to standard input)
    expect(calls[0].file).toBe('C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(calls[0].args).toEqual(['-NoProfile', '-NonInteractive', '-Command', '-']);
    expect(calls[0].args).toEqual(POWERSHELL_ARGS);
    expect(calls[0].opts?.timeoutMs).toBe(INVENTORY_TIMEOUT_MS);
    expect(calls[0].opts?.timeoutMs).toBe(120_000);
    expect(calls[0].opts?.maxBuffer).toBeGreaterThanOrEqual(32 * 1024 * 1024);
    expect(calls[0].opts?.input?.startsWith('& {\n')).toBe(true);
    expect(calls[0].opts?.input).toContain('{4CEC2908-5CE4-48F0-A717-8FC833D8017A}');
    expect(calls[0].opts?.input).toContain('ObserveIT');
    expect(res.host?.hostname).toBe('LT-CONTOSO-0142');
    expect(res.coverage.every((r) => r.status === 'ok')).toBe(true);
    expect(res.tables.processes?.filter((p) => p.name === 'dwm.exe').map((p) => p.path)).toEqual([
      'C:\\Windows\\System32\\dwm.exe',
      'C:\\ProgramData\\{4CEC2908-5CE4-48F0-A717-8FC833D8017A}\\dwm.exe',
    ]);
    expect(res.tables.registry).toEqual([{ key: 'HKLM\\SOFTWARE\\ObserveIT' }, { key: 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\tsvchst' }]);
  });

  it('keeps the sections that finished when PowerShell times out', async () => {
    const full = fx('machines/clean.inventory.json').split('\r\n');
    const partial = full.slice(0, 5).join('\r\n') + '\r\n,"class_fil';
    const { ctx: c } = ctx(() => ({ stdout: partial, stderr: '', code: null, error: 'ETIMEDOUT' }));
    const res = await inventoryCollector.collect(c);
    expect(res.tables.processes?.length).toBeGreaterThan(40);
    expect(res.tables.services?.length).toBeGreaterThan(20);
    expect(res.tables.packages).toBeUndefined();
    expect(res.coverage.find((r) => r.source === 'windows/processes')?.status).toBe('ok');
    expect(res.coverage.find((r) => r.source === 'windows/uninstall')).toEqual({
      source: 'windows/uninstall',
      table: 'packages',
      status: 'error',
      reason: 'the installed programs (Apps & Features list) could not be read: PowerShell stopped before reaching this step (it did not finish within 120 seconds)',
      code: 'win-stopped-timeout',
      params: { section: 'packages', seconds: 120 },
    });
  });

  it('asks for Sysnative from a 32-bit Node on 64-bit Windows, so PowerShell sees the 64-bit registry', async () => {
    const { ctx: c, calls } = ctx(() => out(fx('machines/clean.inventory.json')), { env: { SystemRoot: 'D:\\Win\\', PROCESSOR_ARCHITEW6432: 'AMD64' } });
    await inventoryCollector.collect(c);
    expect(calls.map((x) => x.file)).toEqual(['D:\\Win\\Sysnative\\WindowsPowerShell\\v1.0\\powershell.exe']);
    expect(powershellPath({})).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
  });

  it('falls back to reg.exe when PowerShell cannot run, and says so', async () => {
    const reg: Record<string, string> = {
      'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall': fx('uninstall/reg_query_uninstall_s_7zip_2026.txt'),
      'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall': fx('uninstall/reg_query_uninstall_wow6432node_msi_entry_2017.txt'),
      'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\{4D36E96B-E325-11CE-BFC1-08002BE10318}': fx('kbdfilter/reg_query_keyboard_class_UpperFilters_third_party_filter.txt'),
      'HKLM\\SOFTWARE\\Policies': fx('browser-policy/reg_query_policies_s_constructed.txt'),
      'HKCU\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\CapabilityAccessManager\\ConsentStore\\webcam': fx('consentstore/reg_query_consentstore_webcam_microphone_constructed.txt'),
      'HKLM\\SOFTWARE\\ObserveIT': '\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\ObserveIT\r\n    AppSrvUrl    REG_SZ    https://itm.example.com:443/ObserveitApplicationServer\r\n',
      'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run':
        '\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\r\n    OneDrive    REG_SZ    "C:\\Users\\amartin\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe" /background\r\n',
    };
    const { ctx: c, calls } = ctx((call) => {
      if (call.file.toLowerCase().endsWith('powershell.exe')) return fail('EACCES');
      const text = reg[call.args[1]];
      return text === undefined ? { stdout: '', stderr: 'ERROR: The system was unable to find the specified registry key or value.\r\n', code: 1 } : out(text);
    });
    const res = await inventoryCollector.collect(c);
    expect(calls[0].file).toBe('C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(calls.slice(1).every((x) => x.file === 'C:\\WINDOWS\\System32\\reg.exe' && x.args[0] === 'query' && x.opts?.timeoutMs === 15_000)).toBe(true);
    expect(calls.some((x) => x.args.includes('HKU\\*\\Software\\Agent'))).toBe(false);
    expect(res.tables.packages?.map((p) => p.name)).toEqual(['7-Zip 25.01 (x64)', 'Background Helper', 'Microsoft Visual C++ 2013 x86 Additional Runtime - 12.0.21005']);
    expect(res.tables.drivers?.map((d) => d.name)).toEqual(['keyboard', 'kbdclass']);
    expect(res.tables.autostart).toEqual([
      {
        kind: 'registry-run',
        name: 'OneDrive',
        command: '"C:\\Users\\amartin\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe" /background',
        path: 'C:\\Users\\amartin\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe',
        key: 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
      },
    ]);
    expect(res.tables.browser_extensions?.length).toBe(5);
    expect(res.tables.permissions?.length).toBe(6);
    expect(res.tables.registry).toEqual([{ key: 'HKLM\\SOFTWARE\\ObserveIT' }]);
    expect(res.tables.processes).toBeUndefined();
    const cov = Object.fromEntries(res.coverage.map((r) => [r.source, r]));
    expect(res.coverage).toHaveLength(SECTION_NAMES.length);
    expect(cov['windows/processes']).toEqual({
      source: 'windows/processes',
      table: 'processes',
      status: 'denied',
      reason: 'Windows did not allow bosswatch to start PowerShell (probably an application-control policy set by your organisation), so the running programs could not be read',
      code: 'win-powershell-blocked',
      params: { section: 'processes' },
    });
    expect(cov['windows/uninstall'].status).toBe('partial');
    expect(cov['windows/uninstall']).toMatchObject({
      reason: 'PowerShell could not run, so this was read with reg.exe instead. Names with accented or non-Latin letters may be garbled.',
      code: 'win-reg-fallback',
      more: [{ code: 'win-reg-names-garbled' }],
    });
    expect(cov['windows/registry']).toMatchObject({
      reason: 'PowerShell could not run, so this was read with reg.exe instead. 1 rule key with wildcards could not be checked this way.',
      more: [{ code: 'win-reg-wildcard', params: { count: 1 } }],
    });
    expect(res.host).toEqual({ platform: 'windows', hostname: 'LT-CONTOSO-0142' });
  });

  it('reports every table unavailable when neither PowerShell nor reg.exe can start', async () => {
    const { ctx: c, calls } = ctx(() => fail('ENOENT'));
    const res = await inventoryCollector.collect(c);
    expect(calls.map((x) => x.file)).toEqual(['C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'C:\\WINDOWS\\System32\\reg.exe']);
    expect(res.tables).toEqual({});
    expect(res.coverage).toHaveLength(SECTION_NAMES.length);
    expect(new Set(res.coverage.map((r) => r.status))).toEqual(new Set(['unavailable']));
    expect(res.coverage[0].reason).toBe(
      'Windows PowerShell (powershell.exe) was not found, so the running programs could not be read. It is part of Windows; if your organisation removed it, run bosswatch on an account where it is available',
    );
  });

  it('explains a timeout with no output, and PowerShell errors printed instead of data', async () => {
    const t = await inventoryCollector.collect(ctx((call) => (call.file.endsWith('powershell.exe') ? fail('ETIMEDOUT') : fail('ENOENT'))).ctx);
    expect(t.coverage.find((r) => r.source === 'windows/tcp')).toEqual({
      source: 'windows/tcp',
      table: 'network',
      status: 'error',
      reason: 'PowerShell did not finish within 120 seconds, so the open network connections could not be read; the computer may be very busy, try again later',
      code: 'win-powershell-timeout',
      params: { section: 'tcp', seconds: 120 },
    });
    const e = await inventoryCollector.collect(
      ctx((call) => (call.file.endsWith('powershell.exe') ? { stdout: '', stderr: 'Cannot dot-source this command because it was defined in a different language mode.\r\n', code: 1 } : fail('ENOENT'))).ctx,
    );
    expect(e.coverage[0].status).toBe('error');
    expect(e.coverage[0].reason).toBe(
      'PowerShell ran but did not return the inventory (exit code 1: Cannot dot-source this command because it was defined in a different language mode.), so the running programs could not be read',
    );
    // PowerShell's own words are a parameter, quoted as they are in every language
    expect(e.coverage[0]).toMatchObject({ code: 'win-powershell-exit-said', params: { section: 'processes', code: 1, detail: 'Cannot dot-source this command because it was defined in a different language mode.' } });
  });
});

describe('what the user is told about how PowerShell starts', () => {
  const cmd = `${powershellPath({ SystemRoot: '%SystemRoot%' })} ${POWERSHELL_ARGS.join(' ')}`;

  it('scan --help warns that the scan can be seen, and shows the exact command', async () => {
    let help = '';
    const program = buildProgram({ out: (t) => (help += t), err: (t) => (help += t) }, () => {});
    try {
      await program.parseAsync(['node', 'bosswatch', 'scan', '--help']);
    } catch {
      // commander exits through exitOverride after printing help
    }
    expect(help).toContain('quiet is not invisible');
    for (const w of ['4688', 'Sysmon', '4104', 'transcription', 'AMSI', 'screen recording']) expect(help).toContain(w);
    expect(help).toContain(cmd);
  });

  it('the README shows the same command', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');
    expect(readme).toContain(cmd);
    expect(readme).not.toMatch(/ExecutionPolicy Bypass -Command/);
  });
});
