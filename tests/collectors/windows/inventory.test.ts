import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument, parseWindowsInventory, SECTION_LISTS, SECTION_NAMES } from '../../../src/collectors/windows/inventory.js';

const fx = (p: string) => readFileSync(join(import.meta.dirname, '../../fixtures/windows', p));

/** A document in the script's line-per-section layout. */
function doc(meta: Record<string, unknown>, sections: Record<string, unknown>, end = true): string {
  const lines = [`{"format":"bosswatch-windows-inventory","version":1,"meta":${JSON.stringify(meta)}`];
  for (const [k, v] of Object.entries(sections)) lines.push(`,"${k}":${JSON.stringify(v)}`);
  if (end) lines.push(',"end":{"finished":"2026-11-20T09:14:12.4000000Z"}', '}');
  return lines.join('\r\n');
}
const ok = (data: unknown) => ({ data, ms: 5 });
// each section as the script writes it when it found nothing: its lists present and empty
const allOk = () => Object.fromEntries(SECTION_NAMES.map((s) => [s, ok(Object.fromEntries(SECTION_LISTS[s].map((f) => [f, []])))]));

describe('parseWindowsInventory on a whole machine (clean fixture)', () => {
  const res = parseWindowsInventory(fx('machines/clean.inventory.json'));
  it('reads the host', () => {
    expect(res.complete).toBe(true);
    expect(res.host).toEqual({
      platform: 'windows',
      os_version: 'Microsoft Windows 11 Pro 23H2 (10.0.22631.4460)',
      hostname: 'LT-CONTOSO-0142',
      arch: 'x64',
      os_build: '10.0.22631.4460',
      os_name: 'Microsoft Windows 11 Pro',
      os_display_version: '23H2',
      elevated: true,
      language_mode: 'FullLanguage',
    });
  });
  it('reports every section as ok', () => {
    expect(res.coverage.map((c) => [c.source, c.table, c.status])).toEqual([
      ['windows/processes', 'processes', 'ok'],
      ['windows/services', 'services', 'ok'],
      ['windows/signers', 'processes', 'ok'],
      ['windows/drivers', 'drivers', 'ok'],
      ['windows/input-filters', 'drivers', 'ok'],
      ['windows/uninstall', 'packages', 'ok'],
      ['windows/run-keys', 'autostart', 'ok'],
      ['windows/scheduled-tasks', 'autostart', 'ok'],
      ['windows/startup-folders', 'autostart', 'ok'],
      ['windows/files', 'files', 'ok'],
      ['windows/registry', 'registry', 'ok'],
      ['windows/browser-policies', 'browser_extensions', 'ok'],
      ['windows/chromium-profiles', 'browser_extensions', 'ok'],
      ['windows/firefox-profiles', 'browser_extensions', 'ok'],
      ['windows/dns-cache', 'network', 'ok'],
      ['windows/tcp', 'network', 'ok'],
      ['windows/listening', 'network', 'ok'],
      ['windows/hosts-file', 'network', 'ok'],
      ['windows/proxy', 'registry', 'ok'],
      ['windows/consent-store', 'permissions', 'ok'],
    ]);
  });
  it('fills the tables', () => {
    const t = res.tables;
    expect(t.processes!.find((p) => p.name === 'dwm.exe')).toEqual({
      pid: 1440,
      ppid: 964,
      name: 'dwm.exe',
      path: 'C:\\Windows\\System32\\dwm.exe',
      cmdline: '"dwm.exe"',
      argv: ['dwm.exe'],
      user: 'Window Manager\\DWM-1',
      started_at: '2026-11-20T07:02:16.000Z',
      session_id: 1,
    });
    expect(t.services!.find((s) => s.name === 'WinDefend')?.path).toBe('C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\MsMpEng.exe');
    expect(t.drivers!.filter((d) => d.kind === 'keyboard-filter' || d.kind === 'mouse-filter')).toEqual([
      { name: 'kbdclass', kind: 'keyboard-filter', path: 'C:\\WINDOWS\\system32\\drivers\\kbdclass.sys', standard: true, position: 0 },
      { name: 'mouclass', kind: 'mouse-filter', path: 'C:\\WINDOWS\\system32\\drivers\\mouclass.sys', standard: true, position: 0 },
    ]);
    expect(t.packages!.filter((p) => p.hidden).map((p) => p.name)).toEqual([
      'Microsoft Visual C++ 2022 X64 Minimum Runtime - 14.40.33810',
      'Microsoft Visual C++ 2022 X64 Additional Runtime - 14.40.33810',
    ]);
    expect(t.autostart!.find((a) => a.name === 'OneDrive Standalone Update Task-S-1-5-21-3623811015-3361044348-30300820-1013')?.path).toBe(
      'C:\\Users\\amartin\\AppData\\Local\\Microsoft\\OneDrive\\OneDriveStandaloneUpdater.exe',
    );
    expect(t.autostart!.find((a) => a.name === 'ScheduledDefrag')?.path).toBe('C:\\WINDOWS\\system32\\defrag.exe');
    expect(t.files!.every((f) => f.via === 'listing')).toBe(true);
    expect(t.registry).toEqual([]);
    expect(t.browser_extensions!.map((b) => b.name)).toContain('1Password – Password Manager');
    expect(t.network!.filter((n) => n.source === 'dns-cache').map((n) => n.host)).toContain('wpad');
    expect(t.permissions!.filter((p) => p.client.endsWith('Zoom.exe')).map((p) => p.service)).toEqual(['camera', 'microphone']);
  });
});

describe('document recovery and failures', () => {
  it('recovers the finished sections of a run cut short, and says what is missing', () => {
    const text = doc({ elevated: true }, { processes: ok({ items: [{ ProcessId: 4, Name: 'System' }] }), services: ok({ items: [] }) }, false) + '\r\n,"drivers":{"data":{"items":[{"Na';
    expect(parseDocument(text)?.complete).toBe(false);
    const res = parseWindowsInventory(text, { cutShort: { why: 'timeout', seconds: 120 } });
    expect(res.complete).toBe(false);
    expect(res.tables.processes).toEqual([{ pid: 4, name: 'System' }]);
    expect(res.tables.services).toEqual([]);
    expect(res.tables.drivers).toBeUndefined();
    const drivers = res.coverage.find((c) => c.source === 'windows/drivers')!;
    expect(drivers).toEqual({
      source: 'windows/drivers',
      table: 'drivers',
      status: 'error',
      reason: 'the installed drivers could not be read: PowerShell stopped before reaching this step (it did not finish within 120 seconds)',
      code: 'win-stopped-timeout',
      params: { section: 'drivers', seconds: 120 },
    });
    expect(res.coverage).toHaveLength(SECTION_NAMES.length);
  });

  it('turns a section error into error or denied coverage and leaves the table out', () => {
    const res = parseWindowsInventory(
      doc({ elevated: false }, { ...allOk(), dns_cache: { error: 'Access denied ', error_id: 'HRESULT 0x80041003,Get-DnsClientCache', ms: 3 }, scheduled_tasks: { error: 'The term \'Get-ScheduledTask\' is not recognized', ms: 1 } }),
    );
    expect(res.coverage.find((c) => c.source === 'windows/dns-cache')).toEqual({
      source: 'windows/dns-cache',
      table: 'network',
      status: 'denied',
      // a normal account is told what to do about it
      reason: 'the DNS cache (recently contacted server names) could not be read: Access denied. Run bosswatch from an elevated prompt (right-click Terminal or PowerShell, "Run as administrator") to see them.',
      code: 'win-section-failed',
      params: { section: 'dns_cache', detail: 'Access denied' },
      more: [{ code: 'win-elevate' }],
    });
    expect(res.coverage.find((c) => c.source === 'windows/scheduled-tasks')?.status).toBe('error');
    expect(res.tables.network).toEqual([]);
    expect(res.tables.autostart).toEqual([]);
  });

  it('marks processes partial for a normal account and counts the hidden paths', () => {
    const res = parseWindowsInventory(
      doc({ elevated: false }, { ...allOk(), processes: ok({ items: [{ ProcessId: 4, Name: 'System' }, { ProcessId: 900, Name: 'svchost.exe' }, { ProcessId: 5000, Name: 'explorer.exe', ExecutablePath: 'C:\\Windows\\explorer.exe' }], owners: null, owners_error: 'The \'IncludeUserName\' parameter requires elevated user rights.' }) }),
    );
    const row = res.coverage.find((c) => c.source === 'windows/processes')!;
    expect(row.status).toBe('partial');
    expect(row.reason).toBe(
      'The program path, command line and user of processes that run as another account or as a Windows service are hidden from a normal account (1 of 3 processes had no path). Run bosswatch from an elevated prompt (right-click Terminal or PowerShell, "Run as administrator") to see them.',
    );
    expect(row).toMatchObject({ code: 'win-processes-hidden-count', params: { count: 1, total: 3 }, more: [{ code: 'win-elevate' }] });
  });

  it('reports unreadable items as partial coverage', () => {
    const res = parseWindowsInventory(doc({ elevated: false }, { ...allOk(), files: { data: { matches: [], listing: [] }, warnings: ["Access to the path 'C:\\Users\\bob' is denied."], warning_count: 3, ms: 9 } }));
    expect(res.coverage.find((c) => c.source === 'windows/files')?.reason).toBe(
      '3 items could not be read (e.g. Access to the path \'C:\\Users\\bob\' is denied.). Run bosswatch from an elevated prompt (right-click Terminal or PowerShell, "Run as administrator") to see them.',
    );
  });

  it('counts localised permission errors by their category', () => {
    const res = parseWindowsInventory(
      doc({ elevated: false }, { ...allOk(), files: { data: { matches: [], listing: [] }, warnings: ['Der Zugriff auf den Pfad "C:\\Users\\bob" wurde verweigert.'], warning_count: 1, denied_count: 1, ms: 9 } }),
    );
    expect(res.coverage.find((c) => c.source === 'windows/files')?.reason).toBe(
      '1 place (folders or files) could not be checked because Windows denied access, so what is there is not known. Run bosswatch from an elevated prompt (right-click Terminal or PowerShell, "Run as administrator") to see them.',
    );
    expect(res.coverage.find((c) => c.source === 'windows/files')).toMatchObject({ code: 'win-denied-place', params: { count: 1 } });
  });

  it('notes a 32-bit PowerShell on 64-bit Windows and a config that could not be read', () => {
    const res = parseWindowsInventory(doc({ elevated: true, is64_os: true, is64_process: false, config_error: 'Invalid JSON primitive' }, allOk()));
    expect(res.coverage.find((c) => c.source === 'windows/uninstall')?.status).toBe('partial');
    expect(res.coverage.find((c) => c.source === 'windows/files')?.reason).toBe('The rule paths could not be passed to PowerShell: Invalid JSON primitive');
    expect(res.coverage.find((c) => c.source === 'windows/services')?.status).toBe('ok');
  });

  it('uses the caller\'s elevation when the script could not tell', () => {
    const res = parseWindowsInventory(doc({ elevated: null }, { ...allOk(), processes: ok({ items: [] }) }), { elevated: false });
    expect(res.meta.elevated).toBe(false);
    expect(res.coverage.find((c) => c.source === 'windows/processes')?.status).toBe('partial');
  });

  it('accepts UTF-8 and UTF-16 output with a BOM, and single objects where arrays are expected', () => {
    const text = doc({ elevated: true }, { ...allOk(), processes: ok({ items: { ProcessId: 8, Name: 'x.exe' }, owners: { Id: 8, UserName: 'PC\\me' } }) });
    for (const raw of [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])]) {
      expect(parseWindowsInventory(raw).tables.processes).toEqual([{ pid: 8, name: 'x.exe', user: 'PC\\me' }]);
    }
  });

  it('returns error coverage for every section on output that is not the inventory', () => {
    const res = parseWindowsInventory('At line:1 char:1\r\n+ & {\r\nMissing closing \'}\' in statement block');
    expect(res.tables).toEqual({});
    expect(res.coverage).toHaveLength(SECTION_NAMES.length);
    expect(new Set(res.coverage.map((c) => c.status))).toEqual(new Set(['error']));
  });
});
