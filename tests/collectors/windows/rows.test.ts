import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  dnsCacheRows,
  driverRows,
  fileRows,
  firefoxExtensionRows,
  hostsRows,
  listenRows,
  ownerMap,
  packageRows,
  processRows,
  profileExtensionRows,
  proxyRows,
  registryRows,
  runKeyRows,
  scheduledTaskRows,
  serviceRows,
  signerMap,
  signerName,
  startupFolderRows,
  tcpRows,
} from '../../../src/collectors/windows/rows.js';
import { decodeText } from '../../../src/collectors/windows/util.js';

const fx = (p: string) => readFileSync(join(import.meta.dirname, '../../fixtures/windows', p));
const json = (p: string): unknown => JSON.parse(decodeText(fx(p)));

describe('processRows on real Win32_Process JSON (Windows 11 26200, PowerShell 5.1)', () => {
  it('array form: quoted and unquoted argv[0], trailing spaces', () => {
    const rows = processRows(json('process/win32_process_array_ps51_win11-26200.json'));
    expect(rows).toHaveLength(9);
    expect(rows[0]).toEqual({
      pid: 21248,
      name: 'terminal64.exe',
      path: 'C:\\MT5PortableGoldMission\\terminal64.exe',
      cmdline: '"C:\\MT5PortableGoldMission\\terminal64.exe" /portable /config:C:\\MT5PortableGoldMission\\Config\\phase1_dry_run_startup.ini',
      argv: ['C:\\MT5PortableGoldMission\\terminal64.exe', '/portable', '/config:C:\\MT5PortableGoldMission\\Config\\phase1_dry_run_startup.ini'],
    });
    expect(rows[7]).toEqual({
      pid: 17676,
      name: 'terminal64.exe',
      path: 'C:\\Program Files\\MetaTrader 5\\terminal64.exe',
      cmdline: '"C:\\Program Files\\MetaTrader 5\\terminal64.exe"',
      argv: ['C:\\Program Files\\MetaTrader 5\\terminal64.exe'],
    });
    expect(rows[5].argv?.[0]).toBe('C:\\MT5PortableTier1PathObserver\\terminal64.exe');
  });

  it('single-object form with a "\\/Date(...)\\/" CreationDate and no CommandLine', () => {
    expect(processRows(json('process/win32_process_single_object_ps51_win11-26200.json'))).toEqual([
      {
        pid: 16828,
        ppid: 20256,
        name: 'Notepad.exe',
        path: 'C:\\Program Files\\WindowsApps\\Microsoft.WindowsNotepad_11.2607.14.0_x64__8wekyb3d8bbwe\\Notepad\\Notepad.exe',
        started_at: '2026-09-22T11:46:11.033Z',
      },
    ]);
  });

  it('owners from Get-Process -IncludeUserName; missing names and pids are skipped', () => {
    const owners = ownerMap([{ Id: 4, UserName: 'NT AUTHORITY\\SYSTEM' }, { Id: 8, UserName: '' }, { UserName: 'x' }]);
    expect([...owners]).toEqual([[4, 'NT AUTHORITY\\SYSTEM']]);
    expect(processRows([{ ProcessId: 4, Name: 'System', ExecutablePath: null, CommandLine: null }, { ProcessId: 9 }], owners)).toEqual([{ pid: 4, name: 'System', user: 'NT AUTHORITY\\SYSTEM' }]);
    expect(processRows(null)).toEqual([]);
    expect(processRows([{ ProcessId: 77, ExecutablePath: 'C:\\x\\a b.exe' }])).toEqual([{ pid: 77, name: 'a b.exe', path: 'C:\\x\\a b.exe' }]);
  });
});

describe('serviceRows on Win32_Service JSON', () => {
  it('single object without PathName (inspec sample)', () => {
    expect(serviceRows(json('service/win32_service_dhcp_single_object_ps51.json'))).toEqual([{ name: 'Dhcp', state: 'Running', start: 'Auto', account: 'LocalSystem' }]);
  });

  it('per-user service with StartName null and extra properties (BluGenie sample)', () => {
    expect(serviceRows(json('service/win32_service_wpnuserservice_blugenie_excerpt.json'))).toEqual([
      {
        name: 'WpnUserService_9faea',
        display_name: 'Windows Push Notifications User Service_9faea',
        path: 'C:\\WINDOWS\\system32\\svchost.exe',
        state: 'Running',
        start: 'Auto',
        command: 'C:\\WINDOWS\\system32\\svchost.exe -k UnistackSvcGroup',
        pid: 1388,
        service_type: 'Unknown',
      },
    ]);
  });

  it('German display names with umlauts', () => {
    const rows = serviceRows(json('service/win32_service_array_de_ps51.json'));
    expect(rows.map((r) => [r.name, r.display_name, r.path, r.pid ?? null])).toEqual([
      ['BITS', 'Intelligenter Hintergrundübertragungsdienst', 'C:\\WINDOWS\\System32\\svchost.exe', null],
      ['Spooler', 'Druckwarteschlange', 'C:\\WINDOWS\\System32\\spoolsv.exe', 2652],
      ['W32Time', 'Windows-Zeitgeber', 'C:\\WINDOWS\\system32\\svchost.exe', 3120],
    ]);
  });

  it('French single object with PowerShell 5.1 \\u0027 escaping', () => {
    expect(serviceRows(json('service/win32_service_single_object_fr_ps51.json'))).toEqual([
      {
        name: 'Spooler',
        display_name: "Spouleur d'impression",
        path: 'C:\\WINDOWS\\System32\\spoolsv.exe',
        state: 'Running',
        start: 'Auto',
        command: 'C:\\WINDOWS\\System32\\spoolsv.exe',
        account: 'LocalSystem',
        pid: 2652,
        service_type: 'Own Process',
      },
    ]);
  });

  it('Japanese display names from a UTF-16LE file with BOM (Out-File in PowerShell 5.1)', () => {
    const rows = serviceRows(json('service/win32_service_array_ja_ps51_utf16le.json'));
    expect(rows.map((r) => r.display_name)).toEqual(['Windows イベント ログ', 'ネットワーク リスト サービス', 'ネットワーク上の場所の認知']);
    expect(rows[1].account).toBe('NT AUTHORITY\\LocalService');
  });
});

describe('packageRows on real Get-ItemProperty Uninstall JSON (Windows 10, 2017)', () => {
  const utf8 = packageRows(json('uninstall/get-itemproperty_uninstall_convertto-json_ps51_win10-2017_utf8.json'));
  const utf16 = packageRows(json('uninstall/get-itemproperty_uninstall_convertto-json_ps51_win10-2017_utf16le.json'));
  it('UTF-8 and UTF-16LE+BOM copies give the same rows; null entries are skipped', () => {
    expect(utf8).toHaveLength(182);
    expect(utf16).toEqual(utf8);
    expect(utf8[0]).toEqual({ name: 'Android SDK Tools', source: 'windows-uninstall', version: '1.16', publisher: 'Google Inc.' });
  });
  it('keeps non-ASCII names and entries without version or publisher', () => {
    expect(utf8.find((p) => p.name.startsWith('Skype'))).toEqual({ name: 'Skype™ 7.39', source: 'windows-uninstall', version: '7.39.102', publisher: 'Skype Technologies S.A.' });
    expect(utf8.filter((p) => p.name.includes('(čeština)'))).toHaveLength(6);
    expect(utf8.find((p) => p.name === 'PilotEdit Lite 10.8.0')).toEqual({ name: 'PilotEdit Lite 10.8.0', source: 'windows-uninstall' });
  });
  it('flags SystemComponent=1 as hidden and keeps the key name and scope', () => {
    expect(
      packageRows(
        { DisplayName: 'Hidden Agent', SystemComponent: 1, InstallLocation: '"C:\\Program Files\\Agent"', PSChildName: '{GUID}', DisplayVersion: null, Publisher: null },
        'machine',
      ),
    ).toEqual([{ name: 'Hidden Agent', source: 'windows-uninstall', install_location: 'C:\\Program Files\\Agent', hidden: true, scope: 'machine', uninstall_key: '{GUID}' }]);
  });
});

describe('driverRows (Win32_SystemDriver)', () => {
  it('normalises \\??\\ and \\SystemRoot\\ paths and tells file-system drivers apart', () => {
    expect(
      driverRows([
        { Name: 'WinVerbs', DisplayName: 'WinVerbs', PathName: '\\??\\C:\\WINDOWS\\system32\\drivers\\winverbs.sys', State: 'Stopped', StartMode: 'Manual', ServiceType: 'Kernel Driver' },
        { Name: 'WdFilter', DisplayName: 'Microsoft Defender Antivirus Mini-Filter Driver', PathName: '\\SystemRoot\\system32\\drivers\\wd\\WdFilter.sys', State: 'Running', StartMode: 'Boot', ServiceType: 'File System Driver' },
        { Name: null },
      ]),
    ).toEqual([
      { name: 'WinVerbs', kind: 'kernel-driver', path: 'C:\\WINDOWS\\system32\\drivers\\winverbs.sys', state: 'Stopped', start: 'Manual' },
      {
        name: 'WdFilter',
        kind: 'filesystem-driver',
        path: 'C:\\Windows\\system32\\drivers\\wd\\WdFilter.sys',
        display_name: 'Microsoft Defender Antivirus Mini-Filter Driver',
        state: 'Running',
        start: 'Boot',
      },
    ]);
  });
});

describe('autostart rows', () => {
  const env = { SystemRoot: 'C:\\WINDOWS', windir: 'C:\\WINDOWS', LOCALAPPDATA: 'C:\\Users\\amartin\\AppData\\Local' };
  it('Run keys: value name is the entry, quoted and unquoted commands, RunOnce kind, default value skipped', () => {
    expect(
      runKeyRows(
        [
          { key: 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run', values: { OneDrive: '"C:\\Users\\amartin\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe" /background', '(default)': '', Bad: 5 } },
          { key: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\RunOnce', values: { Setup: 'C:\\Program Files\\Vendor App\\setup.exe /resume' } },
        ],
        env,
      ),
    ).toEqual([
      {
        kind: 'registry-run',
        name: 'OneDrive',
        command: '"C:\\Users\\amartin\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe" /background',
        path: 'C:\\Users\\amartin\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe',
        key: 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
      },
      {
        kind: 'registry-runonce',
        name: 'Setup',
        command: 'C:\\Program Files\\Vendor App\\setup.exe /resume',
        path: 'C:\\Program Files\\Vendor App\\setup.exe',
        key: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\RunOnce',
      },
    ]);
  });

  it('scheduled tasks: unexpanded %variables%, several actions, COM handler, single object', () => {
    const rows = scheduledTaskRows(
      [
        {
          TaskName: 'OneDrive Standalone Update Task-S-1-5-21-1',
          TaskPath: '\\',
          State: 'Ready',
          Author: '',
          Actions: { Execute: '%localappdata%\\Microsoft\\OneDrive\\OneDriveStandaloneUpdater.exe', Arguments: '', WorkingDirectory: '', ClassId: '' },
        },
        {
          TaskName: 'Two Actions',
          TaskPath: '\\Vendor\\',
          State: 'Disabled',
          Author: 'Vendor',
          Actions: [
            { Execute: 'C:\\Program Files\\Vendor\\a.exe', Arguments: '-x', ClassId: '' },
            { Execute: '"C:\\Program Files\\Vendor\\b.exe"', Arguments: '', ClassId: '' },
          ],
        },
        { TaskName: 'Com Task', TaskPath: '\\Microsoft\\Windows\\Example\\', State: 'Ready', Actions: [{ Execute: '', ClassId: '{00000000-0000-0000-0000-000000000000}' }] },
        { TaskName: 'No Actions', TaskPath: '\\', State: 'Ready', Actions: null },
      ],
      env,
    );
    expect(rows).toEqual([
      {
        kind: 'scheduled-task',
        name: 'OneDrive Standalone Update Task-S-1-5-21-1',
        command: '%localappdata%\\Microsoft\\OneDrive\\OneDriveStandaloneUpdater.exe',
        path: 'C:\\Users\\amartin\\AppData\\Local\\Microsoft\\OneDrive\\OneDriveStandaloneUpdater.exe',
        folder: '\\',
        state: 'Ready',
      },
      { kind: 'scheduled-task', name: 'Two Actions', command: '"C:\\Program Files\\Vendor\\a.exe" -x', path: 'C:\\Program Files\\Vendor\\a.exe', folder: '\\Vendor\\', state: 'Disabled', author: 'Vendor' },
      { kind: 'scheduled-task', name: 'Two Actions', command: '"C:\\Program Files\\Vendor\\b.exe"', path: 'C:\\Program Files\\Vendor\\b.exe', folder: '\\Vendor\\', state: 'Disabled', author: 'Vendor' },
      { kind: 'scheduled-task', name: 'Com Task', com_class_id: '{00000000-0000-0000-0000-000000000000}', folder: '\\Microsoft\\Windows\\Example\\', state: 'Ready' },
      { kind: 'scheduled-task', name: 'No Actions', folder: '\\', state: 'Ready' },
    ]);
  });

  it('startup folder: shortcut target, plain file, shortcut not resolved', () => {
    expect(
      startupFolderRows([
        { scope: 'user', file: 'C:\\Users\\a\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\Agent.lnk', name: 'Agent.lnk', target: 'C:\\ProgramData\\Agent\\agent.exe', arguments: '-hide' },
        { scope: 'common', file: 'C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\StartUp\\run.bat', name: 'run.bat', target: null, arguments: null },
        { scope: 'user', file: 'C:\\Users\\a\\Start\\x.lnk', name: 'x.lnk', target: '', arguments: '' },
      ]),
    ).toEqual([
      {
        kind: 'startup-folder',
        name: 'Agent',
        path: 'C:\\ProgramData\\Agent\\agent.exe',
        command: '"C:\\ProgramData\\Agent\\agent.exe" -hide',
        file: 'C:\\Users\\a\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\Agent.lnk',
        scope: 'user',
      },
      { kind: 'startup-folder', name: 'run.bat', path: 'C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\StartUp\\run.bat', file: 'C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\StartUp\\run.bat', scope: 'common' },
      { kind: 'startup-folder', name: 'x', file: 'C:\\Users\\a\\Start\\x.lnk', scope: 'user' },
    ]);
  });
});

describe('files, registry, extensions, network', () => {
  it('files: rule matches first, listing entries deduplicated case-insensitively', () => {
    expect(
      fileRows(
        { path: 'C:\\ProgramData\\{4CEC2908-5CE4-48F0-A717-8FC833D8017A}', dir: true, hidden: true, src: 'x' },
        [
          { path: 'C:\\ProgramData\\{4cec2908-5ce4-48f0-a717-8fc833d8017a}', dir: true, hidden: true },
          { path: 'C:\\Program Files\\Veyon', dir: true, hidden: false },
          { path: null },
        ],
      ),
    ).toEqual([
      { path: 'C:\\ProgramData\\{4CEC2908-5CE4-48F0-A717-8FC833D8017A}', type: 'dir', hidden: true, via: 'rule' },
      { path: 'C:\\Program Files\\Veyon', type: 'dir', via: 'listing' },
    ]);
  });

  it('registry: WOW6432Node hits are reported as the rule key with the real key alongside', () => {
    expect(
      registryRows([
        { key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Veyon Solutions', src: 'HKLM\\SOFTWARE\\Veyon Solutions' },
        { key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Veyon Solutions', src: 'HKLM\\SOFTWARE\\Veyon Solutions' },
        { key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Foo', src: 'HKLM\\SOFTWARE\\WOW6432Node\\Foo' },
        { key: 'HKEY_USERS\\S-1-5-21-1-2-3-1001\\Software\\Bar', src: 'HKU\\*\\Software\\Bar' },
      ]),
    ).toEqual([
      { key: 'HKLM\\SOFTWARE\\Veyon Solutions', actual_key: 'HKLM\\SOFTWARE\\WOW6432Node\\Veyon Solutions' },
      { key: 'HKLM\\SOFTWARE\\Veyon Solutions' },
      { key: 'HKLM\\SOFTWARE\\WOW6432Node\\Foo' },
      { key: 'HKU\\S-1-5-21-1-2-3-1001\\Software\\Bar' },
    ]);
  });

  it('Chromium profile extensions: unresolved __MSG_ names are dropped', () => {
    expect(
      profileExtensionRows([
        { browser: 'chrome', profile: 'Default', id: 'ghbmnnjooekpmoecnnnilnnbdlolhkhi', name: 'Google Docs Offline', version: '1.86.1' },
        { browser: 'edge', profile: 'Profile 1', id: 'abcdefghijklmnopabcdefghijklmnop', name: '__MSG_appName__', version: '2.0' },
        { browser: 'chrome', id: null },
      ]),
    ).toEqual([
      { browser: 'chrome', id: 'ghbmnnjooekpmoecnnnilnnbdlolhkhi', name: 'Google Docs Offline', version: '1.86.1', profile: 'Default', source: 'profile' },
      { browser: 'edge', id: 'abcdefghijklmnopabcdefghijklmnop', version: '2.0', profile: 'Profile 1', source: 'profile' },
    ]);
  });

  it('Firefox extensions.json add-ons; enterprise-policy installs are forced', () => {
    expect(
      firefoxExtensionRows({ profile: 'k2x9.default-release', id: 'uBlock0@raymondhill.net', name: 'uBlock Origin', version: '1.60.0', location: 'app-profile', active: true, install_source: 'enterprise-policy' }),
    ).toEqual([
      { browser: 'firefox', id: 'uBlock0@raymondhill.net', name: 'uBlock Origin', forced: true, version: '1.60.0', profile: 'k2x9.default-release', location: 'app-profile', active: true, source: 'profile' },
    ]);
  });

  it('DNS cache: addresses per name, CNAME targets, NoRecords entries, trailing dots', () => {
    expect(
      dnsCacheRows([
        { Entry: 'ocsp.digicert.com', Name: 'ocsp.digicert.com', Type: 5, Status: 0, Section: 1, Data: 'ocsp.edge.digicert.com' },
        { Entry: 'ocsp.digicert.com', Name: 'fp2e7a.wpc.phicdn.net', Type: 1, Status: 0, Section: 1, Data: '192.229.211.108' },
        { Entry: 'nexus-websocket-a.intercom.io', Name: '', Type: 28, Status: 9501, Section: 0, Data: null },
        { Entry: 'WWW.GSTATIC.COM.', Name: 'www.gstatic.com', Type: 1, Status: 0, Section: 1, Data: '216.58.221.67' },
        { Entry: 'win10.ipv6.microsoft.com', Name: 'win10.ipv6.microsoft.com', Type: 'CNAME', Status: 0, Section: 1, Data: 'windows.ipv6.microsoft.com.akadns.net' },
      ]),
    ).toEqual([
      { host: 'ocsp.edge.digicert.com', source: 'dns-cache', cname_of: 'ocsp.digicert.com' },
      { host: 'ocsp.digicert.com', address: '192.229.211.108', source: 'dns-cache' },
      { host: 'nexus-websocket-a.intercom.io', source: 'dns-cache' },
      { host: 'www.gstatic.com', address: '216.58.221.67', source: 'dns-cache' },
      { host: 'win10.ipv6.microsoft.com', source: 'dns-cache' },
      { host: 'windows.ipv6.microsoft.com.akadns.net', source: 'dns-cache', cname_of: 'win10.ipv6.microsoft.com' },
    ]);
  });

  it('TCP connections', () => {
    expect(tcpRows({ LocalAddress: '192.168.1.23', LocalPort: 50233, RemoteAddress: '172.66.155.133', RemotePort: 443, OwningProcess: 3420 })).toEqual([
      { address: '172.66.155.133', source: 'connection', state: 'established', protocol: 'tcp', port: 443, pid: 3420, local_port: 50233 },
    ]);
    expect(tcpRows(null)).toEqual([]);
  });

  it('listening ports, with the program behind each (recorded Get-NetTCPConnection -State Listen table)', () => {
    const text = readFileSync(join(import.meta.dirname, '../../fixtures/windows/dns-net/get-nettcpconnection_listen_table_winserver.txt'), 'utf8');
    const items = text
      .split(/\r?\n/)
      .filter((l) => /^\S+\s+\d+\s+\S+\s+0\s+Listen\s+\d+\s*$/.test(l))
      .map((l) => l.trim().split(/\s+/))
      .map((c) => ({ LocalAddress: c[0], LocalPort: Number(c[1]), OwningProcess: Number(c[5]) }));
    expect(items).toHaveLength(20);
    const rows = listenRows(items, [{ pid: 4, name: 'System' }, { pid: 1008, name: 'svchost.exe', path: 'C:\\Windows\\System32\\svchost.exe' }]);
    expect(rows).toHaveLength(20);
    expect(rows.find((r) => r.local_port === 3389 && r.local_address === '0.0.0.0')).toEqual({
      source: 'connection',
      state: 'listen',
      protocol: 'tcp',
      local_port: 3389,
      local_address: '0.0.0.0',
      pid: 1008,
      process: 'svchost.exe',
      path: 'C:\\Windows\\System32\\svchost.exe',
    });
    expect(rows.find((r) => r.local_port === 139)).toEqual({ source: 'connection', state: 'listen', protocol: 'tcp', local_port: 139, local_address: '10.10.172.32', pid: 4, process: 'System' });
  });

  it('the hosts file: comments and the stock examples ignored, each name with its address (recorded file)', () => {
    const lines = readFileSync(join(import.meta.dirname, '../../fixtures/windows/hosts/hosts_pmat_flarevm_edited.txt'), 'utf8').split(/\r?\n/);
    expect(hostsRows(lines)).toEqual([{ host: 'bonus2.corporatebonusapplication.local', address: '127.0.0.1', source: 'hosts' }]);
    expect(hostsRows(['0.0.0.0 a.example  B.example. # blocked', '::1 localhost', 'not-an-ip x', ''])).toEqual([
      { host: 'a.example', address: '0.0.0.0', source: 'hosts' },
      { host: 'b.example', address: '0.0.0.0', source: 'hosts' },
      { host: 'localhost', address: '::1', source: 'hosts' },
    ]);
  });

  it('proxy settings as registry rows', () => {
    expect(
      proxyRows([
        { key: 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings', values: { ProxyEnable: 1, ProxyServer: 'proxy.example:8080', ProxyOverride: '<local>' } },
        { key: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections', values: { WinHttpSettings: '1800000000000000010000000000000000000000' } },
      ]),
    ).toEqual([
      { key: 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings', name: 'ProxyEnable', value: '1' },
      { key: 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings', name: 'ProxyServer', value: 'proxy.example:8080' },
      { key: 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings', name: 'ProxyOverride', value: '<local>' },
      { key: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections', name: 'WinHttpSettings', value: '1800000000000000010000000000000000000000' },
    ]);
  });

  it('signer names from Authenticode subjects (recorded Get-AuthenticodeSignature output), tampered files get none', () => {
    const text = readFileSync(join(import.meta.dirname, '../../fixtures/windows/signature/get-authenticodesignature_format-list_sos_js7.txt'), 'utf8');
    const subjects = [...text.matchAll(/\[Subject\]\s*\n\s*(.+)/g)].map((m) => m[1].trim());
    expect(subjects.map(signerName)).toEqual(['SOS Software- und Organisations-Service GmbH', 'Sectigo RSA Time Stamping Signer #4']);
    expect(signerName('O="Example, Inc.", C=US')).toBe('Example, Inc.');
    const m = signerMap([
      { path: 'C:\\A\\a.exe', status: 'Valid', subject: subjects[0] },
      { path: 'C:\\B\\b.exe', status: 'HashMismatch', subject: subjects[0] },
      { path: 'C:\\C\\c.exe', status: 'NotSigned', subject: null },
    ]);
    expect([...m]).toEqual([['c:\\a\\a.exe', 'SOS Software- und Organisations-Service GmbH']]);
  });
});
