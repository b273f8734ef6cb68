import { describe, expect, it } from 'vitest';
import { kextsCollector, parseLoadedKexts, parseSystemExtensions, systemExtensionsCollector } from '../../../src/collectors/macos/drivers.js';
import { execTable, fixture, makeCtx, printed } from './helpers.js';

describe('parseSystemExtensions (real systemextensionsctl list outputs)', () => {
  it('Microsoft Defender sample: two categories, active-but-not-enabled rows, team id', () => {
    expect(parseSystemExtensions(fixture('sysext/systemextensionsctl_list_real_macos26_2026-07_defender.txt'))).toEqual([
      {
        name: 'com.microsoft.wdav.netext',
        kind: 'system-extension',
        version: '101.26062.0009',
        team_id: 'UBF8T346G9',
        display_name: 'Microsoft Defender Network Extension',
        category: 'network_extension',
        state: 'activated waiting for user',
        enabled: false,
        active: true,
      },
      {
        name: 'com.microsoft.wdav.epsext',
        kind: 'system-extension',
        version: '101.26062.0009',
        team_id: 'UBF8T346G9',
        display_name: 'Microsoft Defender Endpoint Security Extension',
        category: 'endpoint_security',
        state: 'activated enabled',
        enabled: true,
        active: true,
      },
      {
        name: 'com.<PERSON>.APOmegaOS.APOmegaEndpoint',
        kind: 'system-extension',
        version: '1.0',
        build: '1',
        team_id: '9ZM26YJTP4',
        display_name: 'APOmegaEndpoint',
        category: 'endpoint_security',
        state: 'activated waiting for user',
        enabled: false,
        active: true,
      },
    ]);
  });

  it('name with spaces and parentheses, empty enabled/active columns, terminated state', () => {
    const rows = parseSystemExtensions(fixture('sysext/systemextensionsctl_list_real_uninstalled-apps_avg_malwarebytes.txt'));
    expect(rows.map((r) => [r.name, r.display_name, r.state, r.enabled, r.active, r.category])).toEqual([
      ['com.avg.Antivirus.SystemExtension', 'AVG Antivirus', 'terminated waiting to uninstall on reboot', false, false, 'network_extension'],
      ['ch.protonvpn.mac.WireGuard-Extension', 'Proton VPN WireGuard', 'activated enabled', true, true, 'network_extension'],
      ['ch.protonvpn.mac.Transparent-Proxy', 'Proton VPN Split Tunneling (experimental)', 'activated enabled', true, true, 'network_extension'],
      ['com.malwarebytes.mbam.engine.sys.ext', 'Malwarebytes Engine', 'terminated waiting to uninstall on reboot', false, false, 'endpoint_security'],
    ]);
    expect(rows[1]).toMatchObject({ version: '6.5.1', build: '3106797.2605011144', team_id: 'J6S6Q257EK' });
  });

  it('display name equal to the bundle id is not repeated; two versions of one extension stay two rows', () => {
    const rows = parseSystemExtensions(fixture('sysext/systemextensionsctl_list_upgrade_transient_agentsh.txt'));
    expect(rows.map((r) => [r.name, r.version, r.build, r.state, r.display_name])).toEqual([
      ['ai.canyonroad.agentsh.SysExt', '1.0', '13', 'terminated waiting to uninstall on reboot', undefined],
      ['ai.canyonroad.agentsh.SysExt', '1.0', '14', 'activated enabled', undefined],
    ]);
    expect(parseSystemExtensions(fixture('sysext/systemextensionsctl_list_real_2026-08_agentsh.txt')).map((r) => r.display_name)).toEqual([
      undefined,
      'Beacon System Extension',
    ]);
    expect(parseSystemExtensions(fixture('sysext/systemextensionsctl_list_waiting_for_user_agentsh.txt'))[0]).toMatchObject({ state: 'activated waiting for user', enabled: false, active: false });
  });

  it('copied text whose tabs became spaces (kDrive FAQ)', () => {
    expect(parseSystemExtensions(fixture('sysext/systemextensionsctl_list_kdrive_faq_spaces.txt'))).toEqual([
      {
        name: 'com.infomaniak.drive.desktopclient.LiteSyncExt',
        kind: 'system-extension',
        version: '3.5.0',
        build: '1',
        team_id: '864VDCS2QY',
        display_name: 'kDrive LiteSync Extension',
        category: 'endpoint_security',
        state: 'activated enabled',
        enabled: true,
        active: true,
      },
    ]);
  });

  it('no extensions', () => {
    expect(parseSystemExtensions('0 extension(s)\n')).toEqual([]);
  });
});

describe('parseLoadedKexts', () => {
  it('reads kextstat-through-kmutil output on Big Sur (banner lines, UUID, linked-against)', () => {
    const rows = parseLoadedKexts(fixture('kext/kextstat_via_kmutil_showloaded_macos11.4_bigsur.txt'));
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual({ name: 'com.apple.kpi.bsd', kind: 'kext', version: '20.5.0', loaded: true, uuid: '52A1E876-863E-38E3-AC80-09BBAB13B752' });
    expect(rows[9]).toEqual({ name: 'com.apple.kec.corecrypto', kind: 'kext', version: '11.1', loaded: true, uuid: 'F5F1255F-6552-3CF4-A9DB-D60EFDEB4A9A' });
  });

  it('reads the Sonoma kextstat excerpt without UUIDs', () => {
    expect(parseLoadedKexts(fixture('kext/kextstat_head_macos14_sonoma.txt'))).toEqual([
      { name: 'com.apple.kpi.bsd', kind: 'kext', version: '23.2.0', loaded: true },
      { name: 'com.apple.kpi.dsep', kind: 'kext', version: '23.2.0', loaded: true },
      { name: 'com.apple.kpi.iokit', kind: 'kext', version: '23.2.0', loaded: true },
      { name: 'com.apple.kpi.kasan', kind: 'kext', version: '23.2.0', loaded: true },
    ]);
  });
});

describe('drivers collectors', () => {
  it('systemextensionsctl list: argv, timeout, rows', async () => {
    const exec = execTable({ '/usr/bin/systemextensionsctl list': { stdout: fixture('sysext/systemextensionsctl_list_real_macos26_2026-07_defender.txt') } });
    const r = await systemExtensionsCollector.collect(makeCtx(exec));
    expect(exec.calls).toEqual([{ file: '/usr/bin/systemextensionsctl', args: ['list'], options: { timeoutMs: 20000 } }]);
    expect(r.tables.drivers).toHaveLength(3);
    expect(r.coverage).toEqual([{ source: 'macos/system-extensions', table: 'drivers', status: 'ok' }]);
  });

  it('systemextensionsctl missing (macOS 10.14) is unavailable; unknown output is an error; timeouts are errors', async () => {
    expect((await systemExtensionsCollector.collect(makeCtx(execTable({})))).coverage[0].status).toBe('unavailable');
    const odd = await systemExtensionsCollector.collect(makeCtx(execTable({ '/usr/bin/systemextensionsctl list': { stdout: 'something new\n' } })));
    expect(odd.coverage[0].status).toBe('error');
    const slow = await systemExtensionsCollector.collect(makeCtx(execTable({ '/usr/bin/systemextensionsctl list': { code: null, error: 'ETIMEDOUT' } })));
    expect(slow.coverage[0]).toMatchObject({ status: 'error', reason: 'systemextensionsctl did not answer in time and was stopped; run the scan again.' });
  });

  it('kexts: kmutil first, kextstat -l when kmutil is missing', async () => {
    const bigsur = printed('kext/kextstat_via_kmutil_showloaded_macos11.4_bigsur.txt');
    const k = execTable({ '/usr/bin/kmutil showloaded --list-only': { stdout: bigsur } });
    const r1 = await kextsCollector.collect(makeCtx(k));
    expect(k.calls.map((c) => [c.file, c.args])).toEqual([['/usr/bin/kmutil', ['showloaded', '--list-only']]]);
    expect(r1.tables.drivers).toHaveLength(10);
    const old = execTable({ '/usr/sbin/kextstat -l': { stdout: bigsur } });
    const r2 = await kextsCollector.collect(makeCtx(old));
    expect(old.calls.map((c) => c.file)).toEqual(['/usr/bin/kmutil', '/usr/sbin/kextstat']);
    expect(r2.coverage).toEqual([{ source: 'macos/kexts', table: 'drivers', status: 'ok' }]);
    const none = await kextsCollector.collect(makeCtx(execTable({})));
    expect(none.coverage[0]).toMatchObject({ status: 'unavailable', reason: 'kextstat is not available on this Mac, so this part was skipped.' });
  });
});
