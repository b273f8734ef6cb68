import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRegValue, parseRegQuery } from '../../../src/collectors/windows/regquery.js';
import { classFilterRows, consentRows, packageRowsFromKeys, policyExtensionRows } from '../../../src/collectors/windows/rows.js';

const fx = (p: string) => readFileSync(join(import.meta.dirname, '../../fixtures/windows', p));

describe('decodeRegValue', () => {
  it('decodes the reg.exe value types', () => {
    expect(decodeRegValue('REG_DWORD', '0x1')).toBe(1);
    expect(decodeRegValue('REG_DWORD', '0xffffffff')).toBe(4294967295);
    expect(decodeRegValue('REG_QWORD', '0x1dd267290343486')).toBe('134305837378450566');
    expect(decodeRegValue('REG_QWORD', '0x0')).toBe('0');
    expect(decodeRegValue('REG_MULTI_SZ', 'keyboard\\0kbdclass')).toEqual(['keyboard', 'kbdclass']);
    expect(decodeRegValue('REG_MULTI_SZ', '')).toEqual([]);
    expect(decodeRegValue('REG_SZ', '')).toBe('');
    expect(decodeRegValue('REG_EXPAND_SZ', '%SystemRoot%\\x')).toBe('%SystemRoot%\\x');
    expect(decodeRegValue('REG_BINARY', '0102')).toBeNull();
  });
});

describe('parseRegQuery on real reg.exe output', () => {
  it('keyboard class UpperFilters: clean and with a third-party filter', () => {
    const clean = parseRegQuery(fx('kbdfilter/reg_query_keyboard_class_UpperFilters_clean.txt'));
    expect(clean).toEqual([{ key: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\{4d36e96b-e325-11ce-bfc1-08002be10318}', values: { UpperFilters: ['kbdclass'] } }]);
    expect(classFilterRows(clean)).toEqual([{ name: 'kbdclass', kind: 'keyboard-filter', standard: true, position: 0 }]);

    const third = parseRegQuery(fx('kbdfilter/reg_query_keyboard_class_UpperFilters_third_party_filter.txt'));
    expect(classFilterRows(third, [{ name: 'keyboard', path: 'C:\\WINDOWS\\system32\\drivers\\keyboard.sys', kind: 'kernel-driver' }])).toEqual([
      { name: 'keyboard', kind: 'keyboard-filter', path: 'C:\\WINDOWS\\system32\\drivers\\keyboard.sys', standard: false, position: 0 },
      { name: 'kbdclass', kind: 'keyboard-filter', standard: true, position: 1 },
    ]);
  });

  it('ConsentStore dump: keys, QWORD times, empty LastUsedTimeStop', () => {
    const keys = parseRegQuery(fx('consentstore/reg_query_consentstore_graphicsCaptureWithoutBorder_win11.txt'));
    expect(keys).toHaveLength(6);
    expect(keys[5]).toEqual({
      key: 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\CapabilityAccessManager\\ConsentStore\\graphicsCaptureWithoutBorder\\NonPackaged\\C:#Program Files#obs-studio#bin#64bit#obs64.exe',
      values: { LastUsedTimeStart: BigInt('0x1dd2765f6df20ec').toString(), LastUsedTimeStop: '0', PersistedInDatabase: 1 },
    });
    // screen capture consent is not a camera or microphone record
    expect(consentRows(keys)).toEqual([]);
  });

  it('uninstall /s: 7-Zip and a SystemComponent helper kept as hidden, empty legacy keys skipped', () => {
    const keys = parseRegQuery(fx('uninstall/reg_query_uninstall_s_7zip_2026.txt'));
    expect(keys.map((k) => k.key.split('\\').pop())).toEqual(['7-Zip', 'AddressBook', '{HiddenHelper}']);
    expect(packageRowsFromKeys(keys, 'machine')).toEqual([
      {
        name: '7-Zip 25.01 (x64)',
        source: 'windows-uninstall',
        version: '25.01',
        publisher: '<PUBLISHER-PERSON>',
        install_location: 'C:\\Program Files\\7-Zip\\',
        scope: 'machine',
        uninstall_key: '7-Zip',
      },
      { name: 'Background Helper', source: 'windows-uninstall', hidden: true, scope: 'machine', uninstall_key: '{HiddenHelper}' },
    ]);
  });

  it('uninstall /s from a Windows 10 machine: REG_SZ with no data, REG_EXPAND_SZ, MSI entries', () => {
    const keys = parseRegQuery(fx('uninstall/reg_query_uninstall_s_win10-2021_appium.txt'));
    const net = keys.find((k) => k.key.endsWith('{12B6D916-FD64-471C-8EF7-C04443A75F8D}'))!;
    expect(net.values.Comments).toBe('');
    expect(net.values.ModifyPath).toBe('MsiExec.exe /X{12B6D916-FD64-471C-8EF7-C04443A75F8D}');
    expect(net.values.Language).toBe(0x409);
    const rows = packageRowsFromKeys(keys);
    expect(rows.map((r) => [r.name, r.version, r.hidden])).toEqual([
      ['Microsoft .NET Host - 5.0.7 (x64)', '40.28.30105', true],
      ['Windows Application Driver', '1.2.99.0', true],
    ]);
  });

  it('a WOW6432Node MSI entry keeps its key path and is hidden', () => {
    const keys = parseRegQuery(fx('uninstall/reg_query_uninstall_wow6432node_msi_entry_2017.txt'));
    expect(keys[0].key).toBe('HKLM\\Software\\Wow6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{F8CFEB22-A2E7-3971-9EDA-4B11EDEFC185}');
    expect(packageRowsFromKeys(keys, 'machine-32bit')).toEqual([
      {
        name: 'Microsoft Visual C++ 2013 x86 Additional Runtime - 12.0.21005',
        source: 'windows-uninstall',
        version: '12.0.21005',
        publisher: 'Microsoft Corporation',
        hidden: true,
        scope: 'machine-32bit',
        uninstall_key: '{F8CFEB22-A2E7-3971-9EDA-4B11EDEFC185}',
      },
    ]);
  });

  it('browser policy keys (French admin guide output): only the forcelist forces an install', () => {
    const keys = parseRegQuery(fx('browser-policy/reg_query_chrome_extension_policies_expected_output_fr_doc.txt'));
    expect(keys.map((k) => k.key)).toEqual([
      'HKLM\\SOFTWARE\\Policies\\Google\\Chrome\\ExtensionInstallBlocklist',
      'HKLM\\SOFTWARE\\Policies\\Google\\Chrome\\ExtensionInstallAllowlist',
      'HKLM\\SOFTWARE\\Policies\\Google\\Chrome\\ExtensionInstallForcelist',
    ]);
    expect(policyExtensionRows(keys)).toEqual([
      {
        browser: 'chrome',
        id: 'exampleidchrome123456789012345678',
        forced: true,
        source: 'policy',
        policy: 'ExtensionInstallForcelist',
        scope: 'machine',
        update_url: 'https://clients2.google.com/service/update2/crx',
      },
    ]);
  });

  it('policies /s: forcelist entries with and without update URL, Chrome and Firefox ExtensionSettings', () => {
    const rows = policyExtensionRows(parseRegQuery(fx('browser-policy/reg_query_policies_s_constructed.txt')));
    expect(rows.map((r) => [r.browser, r.id, r.policy, r.update_url ?? null, r.installation_mode ?? null])).toEqual([
      ['chrome', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'ExtensionSettings', 'https://clients2.google.com/service/update2/crx', 'force_installed'],
      ['chrome', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'ExtensionInstallForcelist', 'https://clients2.google.com/service/update2/crx', null],
      ['chrome', 'abcdefghijklmnopabcdefghijklmnop', 'ExtensionInstallForcelist', null, null],
      ['edge', 'gbchcmhmhahfdphkhkmpfmihenigjmpp', 'ExtensionInstallForcelist', 'https://edge.microsoft.com/extensionwebstorebase/v1/crx', null],
      ['firefox', 'uBlock0@raymondhill.net', 'ExtensionSettings', 'https://addons.mozilla.org/firefox/downloads/latest/ublock-origin/latest.xpi', 'force_installed'],
    ]);
    expect(rows.every((r) => r.forced === true)).toBe(true);
  });

  it('camera and microphone consent: packaged apps, #-encoded paths, inherited values, in-use', () => {
    const rows = consentRows(parseRegQuery(fx('consentstore/reg_query_consentstore_webcam_microphone_constructed.txt')));
    expect(rows).toEqual([
      {
        service: 'camera',
        client: 'Microsoft.WindowsCamera_8wekyb3d8bbwe',
        granted: true,
        source: 'consent-store',
        value: 'Allow',
        last_used_start: '2026-11-18T10:02:11.000Z',
        last_used_stop: '2026-11-18T10:41:57.000Z',
        packaged: true,
        scope: 'user',
      },
      { service: 'camera', client: 'MSTeams_8wekyb3d8bbwe', granted: false, source: 'consent-store', value: 'Deny', packaged: true, scope: 'user' },
      {
        service: 'camera',
        client: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
        granted: true,
        source: 'consent-store',
        value: 'Allow',
        last_used_start: '2026-09-01T12:00:00.000Z',
        last_used_stop: '2026-09-01T12:00:00.000Z',
        packaged: false,
        scope: 'user',
      },
      {
        service: 'camera',
        client: 'C:\\Users\\田中\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe',
        granted: true,
        source: 'consent-store',
        value: 'Allow',
        last_used_start: '2026-11-20T08:59:30.000Z',
        in_use: true,
        packaged: false,
        scope: 'user',
      },
      {
        service: 'microphone',
        client: 'C:\\Program Files\\obs-studio\\bin\\64bit\\obs64.exe',
        granted: false,
        source: 'consent-store',
        value: 'Deny',
        last_used_start: '2026-11-19T16:20:05.000Z',
        last_used_stop: '2026-11-19T16:22:40.000Z',
        packaged: false,
        scope: 'user',
      },
      {
        service: 'microphone',
        client: 'C:\\ProgramData\\Vendor\\rec.exe',
        granted: true,
        source: 'consent-store',
        value: 'Allow',
        last_used_start: '2026-11-02T07:45:00.000Z',
        in_use: true,
        packaged: false,
        scope: 'user',
      },
    ]);
  });

  it('ignores error lines and blank input', () => {
    expect(parseRegQuery('ERROR: The system was unable to find the specified registry key or value.\r\n')).toEqual([]);
    expect(parseRegQuery('')).toEqual([]);
  });
});
