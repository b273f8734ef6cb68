import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScutilProxy, proxyCollector, ScutilFormatError, scutilProxyRows } from '../../../src/collectors/macos/proxy.js';
import { parseTrustDump, trustCertificateRows, trustedAsRoot, trustSettingsCollector, TrustDumpFormatError } from '../../../src/collectors/macos/trust.js';
import { detectProxy } from '../../../src/detect/browser-proxy/index.js';
import { detectExtraRootCas } from '../../../src/detect/tls-extra-root-ca/index.js';
import type { PackageRow, Snapshot } from '../../../src/snapshot/schema.js';
import { execTable, fixture, makeCtx } from './helpers.js';

const snap = (tables: Partial<Snapshot>): Snapshot => ({ format: 'bosswatch-snapshot', version: 1, collected_at: '2026-12-03T10:00:00Z', host: { platform: 'macos', os_version: '14.5' }, coverage: [], ...tables });

describe('scutil --proxy (recorded outputs)', () => {
  it('reads a web proxy with its exceptions (drduh guide, Privoxy)', () => {
    const p = parseScutilProxy(fixture('proxy/scutil-proxy_drduh-guide-privoxy.txt'));
    expect(p.values).toMatchObject({ HTTPEnable: '1', HTTPProxy: '127.0.0.1', HTTPPort: '8118', FTPPassive: '1' });
    expect(p.arrays.ExceptionsList).toEqual(['*.local', '169.254/16']);
    expect(scutilProxyRows(p)).toEqual([
      { source: 'macos/proxy', app: 'system-proxy', file: 'scutil --proxy', key: 'HTTPProxy', value: '127.0.0.1:8118', scope: 'machine' },
      { source: 'macos/proxy', app: 'system-proxy', file: 'scutil --proxy', key: 'ExceptionsList', value: '*.local, 169.254/16', scope: 'machine' },
    ]);
  });

  it('reads automatic configuration with a PAC file (httptoolkit#151)', () => {
    expect(scutilProxyRows(parseScutilProxy(fixture('proxy/scutil-proxy_httptoolkit-151-pac-macos10.15.7.txt')))).toEqual([
      { source: 'macos/proxy', app: 'system-proxy', file: 'scutil --proxy', key: 'ProxyAutoConfigURLString', value: 'http://wpad.company.com/wpad.dat', scope: 'machine' },
    ]);
  });

  it('gives no rows when no proxy is on, and leaves disabled entries out', () => {
    expect(scutilProxyRows(parseScutilProxy(fixture('proxy/scutil-proxy_no-proxy_DERIVED.txt')))).toEqual([]);
    const off = fixture('proxy/scutil-proxy_drduh-guide-privoxy.txt').replace('HTTPEnable : 1', 'HTTPEnable : 0');
    expect(scutilProxyRows(parseScutilProxy(off))).toEqual([]);
    const pacOff = fixture('proxy/scutil-proxy_httptoolkit-151-pac-macos10.15.7.txt').replace('ProxyAutoConfigEnable : 1', 'ProxyAutoConfigEnable : 0');
    expect(scutilProxyRows(parseScutilProxy(pacOff))).toEqual([]);
  });

  it('uses the top level only: per-interface __SCOPED__ dictionaries are named, not merged', () => {
    // hand-written nesting in the same format (no verbatim recording with __SCOPED__ was found)
    const nested = ['<dictionary> {', '  HTTPEnable : 0', '  __SCOPED__ : <dictionary> {', '    en0 : <dictionary> {', '      HTTPEnable : 1', '      HTTPProxy : scoped.example', '      HTTPPort : 3128', '      ExceptionsList : <array> {', '        0 : *.local', '      }', '    }', '  }', '}'].join('\n');
    const p = parseScutilProxy(nested);
    expect(p.scoped).toEqual(['en0']);
    expect(p.values.HTTPProxy).toBeUndefined();
    expect(p.arrays).toEqual({});
    expect(scutilProxyRows(p)).toEqual([]);
  });

  it('refuses garbage instead of reading it as "no proxy"', () => {
    for (const bad of ['', 'scutil: command not found', '<dictionary> {\n  HTTPEnable : 1\n', '<dictionary> {\n}\n<dictionary> {\n}', '<dictionary> {\n  ExceptionsList : <array> {\n    1 : *.local\n  }\n}', '<dictionary> {\n  just words\n}']) {
      expect(() => parseScutilProxy(bad), JSON.stringify(bad)).toThrow(ScutilFormatError);
    }
  });

  it('collector: ok with rows, error on garbage, unavailable without scutil; never ok when it could not read', async () => {
    const ok = await proxyCollector.collect(makeCtx(execTable({ '/usr/sbin/scutil --proxy': { stdout: fixture('proxy/scutil-proxy_drduh-guide-privoxy.txt') } })));
    expect(ok.coverage).toEqual([{ source: 'macos/proxy', table: 'settings', status: 'ok' }]);
    expect(ok.tables.settings).toHaveLength(2);
    const bad = await proxyCollector.collect(makeCtx(execTable({ '/usr/sbin/scutil --proxy': { stdout: 'No such key\n' } })));
    expect(bad.coverage[0]).toMatchObject({ status: 'error', reason: expect.stringContaining('did not print a dictionary') });
    expect(bad.tables.settings).toBeUndefined();
    const none = await proxyCollector.collect(makeCtx(execTable({})));
    expect(none.coverage[0].status).toBe('unavailable');
    const failed = await proxyCollector.collect(makeCtx(execTable({ '/usr/sbin/scutil --proxy': { code: 1, stderr: 'scutil: failure\n' } })));
    expect(failed.coverage[0].status).toBe('error');
  });
});

describe('browser.proxy on a Mac', () => {
  it('says plainly where web traffic goes, and that a PAC file decides', () => {
    const settings = [
      ...scutilProxyRows(parseScutilProxy(fixture('proxy/scutil-proxy_drduh-guide-privoxy.txt'))),
    ];
    const f = detectProxy(snap({ settings }));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ id: 'browser.proxy', confidence: 'medium', subject: { kind: 'setting', file: 'scutil --proxy', key: 'HTTPProxy', value: '127.0.0.1:8118' } });
    expect(f[0].evidence.map((e) => e.item)).toEqual([
      'this Mac sends web traffic (HTTP) through a proxy at 127.0.0.1:8118 (scutil --proxy: HTTPProxy)',
      'addresses that bypass the proxy: *.local, 169.254/16 (scutil --proxy: ExceptionsList)',
    ]);
    const pac = detectProxy(snap({ settings: scutilProxyRows(parseScutilProxy(fixture('proxy/scutil-proxy_httptoolkit-151-pac-macos10.15.7.txt'))) }));
    expect(pac[0].evidence[0].item).toBe("a PAC file at http://wpad.company.com/wpad.dat decides which proxy this Mac's web traffic goes through (scutil --proxy: ProxyAutoConfigEnable 1)");
    expect(detectProxy(snap({ settings: scutilProxyRows(parseScutilProxy(fixture('proxy/scutil-proxy_no-proxy_DERIVED.txt'))) }))).toEqual([]);
  });

  it('names the configuration profile that carries a proxy payload', () => {
    const packages: PackageRow[] = [
      { name: 'Defender - Full Disk Access', source: 'profile', payload_types: ['com.apple.TCC.configuration-profile-policy'] },
      { name: 'Corporate Web Proxy', source: 'profile', identifier: 'com.example.proxy', publisher: 'Example Corp', payload_types: ['com.apple.proxy.http.global'] },
    ];
    const f = detectProxy(snap({ packages, settings: scutilProxyRows(parseScutilProxy(fixture('proxy/scutil-proxy_httptoolkit-151-pac-macos10.15.7.txt'))) }));
    expect(f[0].evidence.at(-1)).toMatchObject({ table: 'packages', row: 1, item: 'set by the configuration profile "Corporate Web Proxy" (com.example.proxy) from Example Corp: payload com.apple.proxy.http.global', what: 'policy' });
    // a profile alone, with no proxy in effect, is not a proxy finding
    expect(detectProxy(snap({ packages }))).toEqual([]);
  });
});

describe('security dump-trust-settings (recorded outputs)', () => {
  it('reads the admin listing of package_control#1118: one root trusted, five whose settings could not be read', () => {
    const d = parseTrustDump(fixture('trust/dump-trust-settings-d_package-control-1118_2016.txt'));
    expect(d.count).toBe(6);
    expect(d.certs.map((c) => [c.label, c.results, c.unreadable])).toEqual([
      ['VeriSign Class 3 Secure Server CA - G3', ['kSecTrustSettingsResultTrustAsRoot'], false],
      ['Equifax Secure Certificate Authority', [], true],
      ['GTE CyberTrust Global Root', [], true],
      ['Thawte Premium Server CA', [], true],
      ['Thawte Server CA', [], true],
      ['Class 3 Public Primary Certification Authority', [], true],
    ]);
    expect(trustCertificateRows(d, 'admin')).toEqual([{ source: 'macos/trust-settings', store: 'admin trust settings', subject: 'VeriSign Class 3 Secure Server CA - G3' }]);
  });

  it('does not count an explicitly distrusted root (CNNIC, package_control#1017) as trusted', () => {
    const d = parseTrustDump(fixture('trust/dump-trust-settings-d_package-control-1017_2015_EXCERPT.txt'));
    expect(d.certs[0].results.every((r) => r === 'kSecTrustSettingsResultDeny')).toBe(true);
    expect(trustedAsRoot(d.certs[0])).toBe(false);
    expect(trustCertificateRows(d, 'admin')).toEqual([]);
  });

  it('takes "Number of trust settings : 0" as trusted for everything (Apple: an empty array means always trust)', () => {
    const d = parseTrustDump('Number of trusted certs = 1\nCert 0: Zscaler Root CA\n   Number of trust settings : 0\n');
    expect(trustCertificateRows(d, 'user')).toEqual([{ source: 'macos/trust-settings', store: 'user trust settings', subject: 'Zscaler Root CA' }]);
  });

  it('refuses garbage', () => {
    for (const bad of ['', 'usage: security ...', 'Cert 0: x', 'Number of trusted certs = 2\nCert 1: skipped one']) {
      expect(() => parseTrustDump(bad), bad).toThrow(TrustDumpFormatError);
    }
  });

  const NONE = { stdout: '', stderr: fixture('trust/dump-trust-settings_no-trust-settings.stderr.txt'), code: 1 };
  it('collector: "No Trust Settings were found" (exit 1) is an empty domain, not a failure', async () => {
    const r = await trustSettingsCollector.collect(makeCtx(execTable({ '/usr/bin/security dump-trust-settings -d': NONE, '/usr/bin/security dump-trust-settings': NONE })));
    expect(r.coverage).toEqual([{ source: 'macos/trust-settings', table: 'certificates', status: 'ok' }]);
    expect(r.tables.certificates).toEqual([]);
  });

  it('collector: unreadable settings and a failing domain make it partial, both failing an error, garbage is never ok', async () => {
    // the tool exits non-zero (-1) when it could not read some certificates' settings, and still lists them
    const partial = await trustSettingsCollector.collect(makeCtx(execTable({
      '/usr/bin/security dump-trust-settings -d': { stdout: fixture('trust/dump-trust-settings-d_package-control-1118_2016.txt'), code: 255 },
      '/usr/bin/security dump-trust-settings': NONE,
    })));
    expect(partial.coverage[0]).toMatchObject({ status: 'partial', reason: expect.stringContaining('the trust settings of Equifax Secure Certificate Authority, GTE CyberTrust Global Root') });
    expect(partial.tables.certificates).toHaveLength(1);
    const garbage = await trustSettingsCollector.collect(makeCtx(execTable({
      '/usr/bin/security dump-trust-settings -d': { stdout: '<html>' },
      '/usr/bin/security dump-trust-settings': { code: null, error: 'ETIMEDOUT' },
    })));
    expect(garbage.coverage[0].status).toBe('error');
    expect(garbage.tables.certificates).toBeUndefined();
    const denied = await trustSettingsCollector.collect(makeCtx(execTable({
      '/usr/bin/security dump-trust-settings -d': { code: 1, stderr: 'SecTrustSettingsCopyCertificates: The authorization was denied.\n' },
      '/usr/bin/security dump-trust-settings': NONE,
    })));
    expect(denied.coverage[0]).toMatchObject({ status: 'partial', reason: expect.stringContaining('The authorization was denied') });
  });
});

describe('issuer names from security find-certificate', () => {
  // a real root in PEM (Debian's ca-certificates copy of ISRG Root X1): what `security find-certificate -p` prints per certificate
  const PEM = readFileSync(new URL('../../fixtures/linux/config/isrg-root-x1.crt', import.meta.url), 'utf8');
  const DUMP = 'Number of trusted certs = 2\nCert 0: ISRG Root X1\n   Number of trust settings : 0\nCert 1: Gone CA\n   Number of trust settings : 0\n';
  it('adds subject, issuer, SHA-256, end date and the CA flag for the certificate with that name', async () => {
    const exec = execTable({
      '/usr/bin/security dump-trust-settings -d': { stdout: DUMP },
      '/usr/bin/security dump-trust-settings': { stdout: '', stderr: 'SecTrustSettingsCopyCertificates: No Trust Settings were found.\n', code: 1 },
      '/usr/bin/security find-certificate -a -c ISRG Root X1 -p': { stdout: PEM },
      '/usr/bin/security find-certificate -a -c Gone CA -p': { stdout: '', stderr: 'security: SecKeychainSearchCopyNext: The specified item could not be found in the keychain.\n', code: 44 },
    });
    const r = await trustSettingsCollector.collect(makeCtx(exec));
    expect(r.tables.certificates).toEqual([
      {
        source: 'macos/trust-settings', store: 'admin trust settings', subject: 'C=US, O=Internet Security Research Group, CN=ISRG Root X1', issuer: 'C=US, O=Internet Security Research Group, CN=ISRG Root X1',
        fingerprint: '96:BC:EC:06:26:49:76:F3:74:60:77:9A:CF:28:C5:A7:CF:E8:A3:C0:AA:E1:1A:8F:FC:EE:05:C0:BD:DF:08:C6', not_after: '2035-06-04T11:04:38.000Z', ca: true,
      },
      { source: 'macos/trust-settings', store: 'admin trust settings', subject: 'Gone CA' },
    ]);
    expect(r.coverage[0]).toMatchObject({ status: 'partial', reason: expect.stringContaining('the issuer of Gone CA could not be looked up') });
    expect(exec.calls.filter((c) => c.args[0] === 'find-certificate').map((c) => c.args)).toEqual([['find-certificate', '-a', '-c', 'ISRG Root X1', '-p'], ['find-certificate', '-a', '-c', 'Gone CA', '-p']]);
  });
});

describe('tls.extra-root-ca on a Mac', () => {
  it('reports a root trusted by admin trust settings, high for an inspection vendor', () => {
    const rows = trustCertificateRows(parseTrustDump(fixture('trust/dump-trust-settings-d_package-control-1118_2016.txt')), 'admin');
    const f = detectExtraRootCas(snap({ certificates: rows }));
    expect(f.map((x) => [x.confidence, x.evidence[0].item])).toEqual([['medium', 'admin trust settings: VeriSign Class 3 Secure Server CA - G3']]);
    const z = detectExtraRootCas(snap({ certificates: trustCertificateRows(parseTrustDump('Number of trusted certs = 1\nCert 0: Zscaler Root CA\n   Number of trust settings : 0\n'), 'admin') }));
    expect(z[0].confidence).toBe('high');
  });

  it('reports a configuration profile with a root-certificate payload, and not one without', () => {
    const packages: PackageRow[] = [
      { name: 'MDM Profile', source: 'profile', publisher: 'Example Corp', identifier: '00000000-0000-0000-A000-4A414D460003', payload_types: ['com.apple.mdm', 'com.apple.security.root'] },
      { name: 'Wi-Fi', source: 'profile', payload_types: ['com.apple.wifi.managed'] },
    ];
    const f = detectExtraRootCas(snap({ packages }));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ confidence: 'medium', subject: { kind: 'setting', key: 'configuration profile', value: 'MDM Profile' } });
    expect(f[0].evidence[0].item).toBe('the configuration profile "MDM Profile" (00000000-0000-0000-A000-4A414D460003) from Example Corp installs a trusted root certificate (payload com.apple.security.root)');
  });
});
