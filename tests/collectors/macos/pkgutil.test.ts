import { describe, expect, it } from 'vitest';
import { createPkgutilCollector, parsePkgutilPkgs, parseReceiptPlist } from '../../../src/collectors/macos/pkgutil.js';
import { execTable, fixture, fixtureBuf, makeCtx, memFs } from './helpers.js';

const PKGS = fixture('pkgutil/pkgutil_pkgs_macos14-15_one_per_line_DERIVED.txt');

describe('parsePkgutilPkgs', () => {
  it('reads one receipt id per line (macOS 14/15 sample)', () => {
    const ids = parsePkgutilPkgs(PKGS);
    expect(ids).toHaveLength(32);
    expect(ids.slice(0, 2)).toEqual(['com.apple.pkg.CLTools_SDK_macOS13', 'com.apple.pkg.CLTools_SDK_macOS12']);
    expect(ids).toContain('org.pqrs.Karabiner-DriverKit-VirtualHIDDevice');
    expect(ids.at(-1)).toBe('com.logi.installer.pluginservice.package');
  });

  it('copes with the pasted copy whose newlines were lost, ignoring the prompt', () => {
    expect(parsePkgutilPkgs(fixture('pkgutil/pkgutil_pkgs_macos14-15_as_pasted_space_joined.txt'))).toEqual(parsePkgutilPkgs(PKGS));
  });

  it('empty output and CRLF', () => {
    expect(parsePkgutilPkgs('')).toEqual([]);
    expect(parsePkgutilPkgs('com.a.b\r\ncom.c.d\r\n')).toEqual(['com.a.b', 'com.c.d']);
  });
});

describe('parseReceiptPlist', () => {
  it('binary receipt: version, install prefix made absolute, install date', () => {
    expect(parseReceiptPlist(fixtureBuf('pkgutil/receipts/us.zoom.pkg.videomeeting.plist'), 'us.zoom.pkg.videomeeting')).toEqual({
      name: 'us.zoom.pkg.videomeeting',
      source: 'pkgutil',
      version: '6.0.11.35001',
      install_location: '/Applications',
      install_date: '2024-05-02T09:14:03.000Z',
      package_file: 'zoomusInstallerFull.pkg',
    });
  });

  it('empty prefix means the volume root; XML receipts work too', () => {
    expect(parseReceiptPlist(fixtureBuf('pkgutil/receipts/com.apple.pkg.RosettaUpdateAuto.plist'), 'x').install_location).toBe('/');
    expect(parseReceiptPlist(fixtureBuf('pkgutil/receipts/com.redhat.podman.plist'), 'com.redhat.podman')).toMatchObject({ version: '5.0.3', install_location: '/opt/podman' });
  });
});

describe('pkgutilCollector', () => {
  it('runs pkgutil --pkgs and enriches each id from /var/db/receipts', async () => {
    const files: Record<string, Buffer | { error: string }> = {};
    for (const id of ['us.zoom.pkg.videomeeting', 'io.tailscale.ipn.macos', 'com.apple.pkg.RosettaUpdateAuto', 'com.redhat.podman']) {
      files[`/var/db/receipts/${id}.plist`] = fixtureBuf(`pkgutil/receipts/${id}.plist`);
    }
    files['/var/db/receipts/com.bitwarden.desktop.plist'] = { error: 'EACCES' };
    const exec = execTable({ '/usr/sbin/pkgutil --pkgs': { stdout: PKGS } });
    const r = await createPkgutilCollector({ fs: memFs(files) }).collect(makeCtx(exec));
    expect(exec.calls).toEqual([{ file: '/usr/sbin/pkgutil', args: ['--pkgs'], options: { timeoutMs: 20000 } }]);
    expect(r.tables.packages).toHaveLength(32);
    expect(r.tables.packages?.find((p) => p.name === 'io.tailscale.ipn.macos')).toMatchObject({ version: '1.66.4', install_location: '/Applications' });
    expect(r.tables.packages?.find((p) => p.name === 'net.shinyfrog.bear')).toEqual({ name: 'net.shinyfrog.bear', source: 'pkgutil' });
    expect(r.coverage).toEqual([
      { source: 'macos/pkgutil', table: 'packages', status: 'partial', reason: '1 installer receipt(s) in /var/db/receipts could not be read, so their versions are missing.', code: 'receipts-unreadable', params: { count: 1, dir: '/var/db/receipts' } },
    ]);
  });

  it('coverage for a missing or failing pkgutil', async () => {
    expect((await createPkgutilCollector({ fs: memFs({}) }).collect(makeCtx(execTable({})))).coverage[0].status).toBe('unavailable');
    const r = await createPkgutilCollector({ fs: memFs({}) }).collect(makeCtx(execTable({ '/usr/sbin/pkgutil --pkgs': { code: 1, stderr: 'Error: something\n' } })));
    expect(r).toMatchObject({ tables: {}, coverage: [{ source: 'macos/pkgutil', table: 'packages', status: 'error', reason: 'pkgutil failed (exit code 1): Error: something.' }] });
  });
});
