import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ldSoPreload, pamTtyAuditLines, parsePemCertificates, preloadFromEnviron, sssdSessionRecording, tlogShellUsers } from '../../src/collectors/linux/config.js';
import { chromiumPolicyRows, claudeManagedRows, firefoxPolicyRows } from '../../src/collectors/shared/policies.js';
import { detectAiUsageExport } from '../../src/detect/ai-usage-export/index.js';
import { detectForcedExtensions } from '../../src/detect/browser-forced-extension/index.js';
import { detectProxy } from '../../src/detect/browser-proxy/index.js';
import { detectReportingConnectors } from '../../src/detect/browser-reporting-connector/index.js';
import { detectUrlLogging } from '../../src/detect/browser-url-logging/index.js';
import { detectManaged } from '../../src/detect/device-managed/index.js';
import { detectLdPreloadEnv } from '../../src/detect/preload-ld-preload-env/index.js';
import { detectLdSoPreload } from '../../src/detect/preload-ld-so-preload/index.js';
import { detectTlog } from '../../src/detect/session-tlog/index.js';
import { detectTtyAudit } from '../../src/detect/session-tty-audit/index.js';
import { detectExtraRootCas } from '../../src/detect/tls-extra-root-ca/index.js';
import type { SettingRow, Snapshot } from '../../src/snapshot/schema.js';

const fx = (name: string) => readFileSync(new URL(`../fixtures/linux/config/${name}`, import.meta.url), 'utf8');
const snap = (tables: Partial<Snapshot>, platform: 'linux' | 'macos' | 'windows' = 'linux'): Snapshot => ({ format: 'bosswatch-snapshot', version: 1, collected_at: '2026-12-03T10:00:00Z', host: { platform, os_version: 'x' }, coverage: [], ...tables });
const pam = (file: string, path: string): SettingRow[] => pamTtyAuditLines(fx(file)).map((value) => ({ source: 'linux/pam', app: 'system', file: path, key: 'pam_tty_audit', value }));

describe('session recording', () => {
  it('finds pam_tty_audit lines; root-only recording is low, everyone high; Debian login has none', () => {
    expect(pamTtyAuditLines(fx('pam.d-login-debian12'))).toEqual([]);
    const settings = [...pam('pam.d-system-auth_RHEL-guide-root-only', '/etc/pam.d/system-auth'), ...pam('pam.d-sshd_tty-audit-all_CONSTRUCTED', '/etc/pam.d/sshd')];
    expect(detectTtyAudit(snap({ settings })).map((b) => [b.subject.kind === 'setting' && b.subject.file, b.confidence])).toEqual([
      ['/etc/pam.d/system-auth', 'low'],
      ['/etc/pam.d/sshd', 'high'],
    ]);
  });

  it('finds tlog as a login shell and SSSD session recording scope', () => {
    expect(tlogShellUsers(fx('passwd-tlog-shell_CONSTRUCTED'))).toEqual(['alice']);
    expect(sssdSessionRecording(fx('sssd-session-recording_man-example.conf'))).toEqual({ scope: 'some', users: 'alice, bob', groups: 'admins' });
    const settings: SettingRow[] = [
      { source: 'linux/tlog', app: 'tlog', file: '/etc/passwd', key: 'login shell tlog-rec-session', value: 'alice' },
      { source: 'linux/tlog', app: 'sssd', file: '/etc/sssd/sssd.conf', key: 'session_recording scope', value: 'some' },
      { source: 'linux/tlog', app: 'sssd', file: '/etc/sssd/conf.d/x.conf', key: 'session_recording scope', value: 'none' },
    ];
    expect(detectTlog(snap({ settings })).map((b) => b.evidence[0].item)).toEqual(['/etc/passwd: login shell tlog-rec-session = alice', '/etc/sssd/sssd.conf: session_recording scope = some']);
  });
});

describe('library preloading', () => {
  it('reads /etc/ld.so.preload (Snoopy) as a high finding', () => {
    const settings = ldSoPreload(fx('ld.so.preload_snoopy')).map((value) => ({ source: 'linux/preload', file: '/etc/ld.so.preload', key: 'ld.so.preload', value }));
    expect(detectLdSoPreload(snap({ settings })).map((b) => [b.confidence, b.subject])).toEqual([['high', { kind: 'setting', file: '/etc/ld.so.preload', key: 'ld.so.preload', value: '/usr/local/lib/libsnoopy.so' }]]);
  });

  it('keeps only LD_PRELOAD/LD_AUDIT from a recorded environ and reports the program, not harmless allocators', () => {
    const vars = preloadFromEnviron(fx('environ-ld-preload-agentx'));
    expect(vars).toEqual([{ name: 'LD_PRELOAD', value: '/opt/agentx/libhook.so' }]);
    const settings: SettingRow[] = [
      { source: 'linux/preload', key: 'LD_PRELOAD', value: vars[0].value, pid: 77 },
      { source: 'linux/preload', key: 'LD_PRELOAD', value: '/usr/lib/x86_64-linux-gnu/libeatmydata.so', pid: 78 },
    ];
    const f = detectLdPreloadEnv(snap({ settings, processes: [{ pid: 77, name: 'sleep', path: '/usr/bin/sleep' }] }));
    expect(f.map((b) => [b.subject, b.evidence.map((e) => e.item)])).toEqual([[{ kind: 'process', pid: 77, name: 'sleep', path: '/usr/bin/sleep' }, ['/usr/bin/sleep', 'linux/preload: LD_PRELOAD = /opt/agentx/libhook.so']]]);
  });
});

describe('browser policies (Chromium policy_definitions and Mozilla policy-templates examples)', () => {
  const chrome = chromiumPolicyRows(fx('chrome-managed-reporting_DERIVED.json'), '/etc/opt/chrome/policies/managed/corp.json', 'chrome', 'linux/browser-policies');
  const direct = chromiumPolicyRows(fx('chrome-managed-direct_DERIVED.json'), '/etc/opt/chrome/policies/managed/direct.json', 'chrome', 'linux/browser-policies');
  const firefox = firefoxPolicyRows(fx('firefox-policies_DERIVED.json'), '/etc/firefox/policies/policies.json', 'linux/browser-policies');
  const s = snap({ settings: [...chrome, ...direct, ...firefox] });

  it('reads one row per policy', () => {
    expect(chrome.map((r) => r.key)).toEqual(['OnSecurityEventEnterpriseConnector', 'OnBulkDataEntryEnterpriseConnector', 'EnterpriseRealTimeUrlCheckMode', 'CloudReportingEnabled', 'ProxyMode', 'ProxyServer', 'ExtensionInstallForcelist']);
    expect(firefox.map((r) => r.key)).toEqual(['Certificates', 'Proxy']);
  });

  it('reports the security-event connector (high) and cloud reporting (low), not an empty connector list', () => {
    expect(detectReportingConnectors(s).map((b) => [b.subject.kind === 'setting' && b.subject.key, b.confidence, b.capabilities])).toEqual([
      ['OnSecurityEventEnterpriseConnector', 'high', ['behavior-alerts', 'web-history']],
      ['CloudReportingEnabled', 'low', ['software-inventory']],
    ]);
  });

  it('reports real-time URL checks, proxies (Chrome fixed servers, Firefox PAC) and Firefox-installed certificates, not direct connections', () => {
    expect(detectUrlLogging(s).map((b) => b.evidence[0].item)).toEqual(['/etc/opt/chrome/policies/managed/corp.json: EnterpriseRealTimeUrlCheckMode = 1']);
    const proxies = detectProxy(s);
    expect(proxies.map((b) => [b.subject.kind === 'setting' && b.subject.file, b.evidence.length])).toEqual([
      ['/etc/opt/chrome/policies/managed/corp.json', 2],
      ['/etc/firefox/policies/policies.json', 1],
    ]);
    expect(detectExtraRootCas(s).map((b) => b.subject.kind === 'setting' && b.subject.key)).toEqual(['Certificates']);
  });

  it('reports force-installed extensions once per browser and id', () => {
    const browser_extensions = [
      { browser: 'chrome', id: 'aapbdbdomjkkjkaonfhkkikfgjllcleb', forced: true },
      { browser: 'chrome', id: 'aapbdbdomjkkjkaonfhkkikfgjllcleb', name: 'Google Translate', forced: true },
      { browser: 'chrome', id: 'ghbmnnjooekpmoecnnnilnnbdlolhkhi', name: 'Google Docs Offline' },
    ];
    const f = detectForcedExtensions(snap({ browser_extensions }));
    expect(f.map((b) => [b.confidence, b.evidence.length])).toEqual([['medium', 2]]);
  });
});

describe('root certificates added to the system store', () => {
  it('parses PEM with node:crypto and reports added CAs, higher for inspection vendors', async () => {
    const certs = await parsePemCertificates(fx('isrg-root-x1.crt'), '/usr/local/share/ca-certificates/corp.crt', 'linux/ca-store', 'system');
    expect(certs).toHaveLength(1);
    expect(certs[0]).toMatchObject({ subject: 'C=US, O=Internet Security Research Group, CN=ISRG Root X1', ca: true, not_after: '2035-06-04T11:04:38.000Z' });
    expect(certs[0].fingerprint).toMatch(/^96:BC:EC:06/);
    const zscaler = { ...certs[0], subject: 'C=US, ST=California, O=Zscaler Inc., OU=Zscaler Inc., CN=Zscaler Root CA', issuer: 'CN=Zscaler Root CA' };
    expect(detectExtraRootCas(snap({ certificates: [certs[0], zscaler] })).map((b) => b.confidence)).toEqual(['medium', 'high']);
  });
});

describe('AI assistant usage export (Claude Code managed settings)', () => {
  const rows = (file: string) => claudeManagedRows(fx(file), `/etc/claude-code/${file}`, 'linux/ai-settings');

  it('reports the documentation example (OTLP export to the organisation) without copying the auth header', () => {
    const settings = rows('claude-managed-settings_docs-example.json');
    expect(settings.find((r) => r.key === 'env.OTEL_EXPORTER_OTLP_HEADERS')!.value).toBe('(set)');
    const f = detectAiUsageExport(snap({ settings }));
    expect(f.map((b) => [b.confidence, b.capabilities, b.subject.kind === 'setting' && b.subject.value])).toEqual([['high', ['app-usage'], 'http://collector.example.com:4317']]);
  });

  it('adds chat when prompts are logged, and says nothing for console-only telemetry', () => {
    expect(detectAiUsageExport(snap({ settings: rows('claude-managed-settings-prompts_CONSTRUCTED.json') }))[0].capabilities).toEqual(['app-usage', 'chat']);
    expect(detectAiUsageExport(snap({ settings: rows('claude-managed-settings-console_CONSTRUCTED.json') }))).toEqual([]);
  });
});

describe('device management', () => {
  it('reports an MDM enrolment row once and a Linux Intune agent package', () => {
    const mac = detectManaged(snap({ packages: [{ name: 'MDM enrollment', source: 'mdm-enrollment', enrolled: true }] }, 'macos'));
    expect(mac.map((b) => b.confidence)).toEqual(['high']);
    const linux = detectManaged(snap({ packages: [{ name: 'intune-portal', version: '1.2405.17', source: 'dpkg' }, { name: 'bash' }] }));
    expect(linux.map((b) => [b.confidence, b.evidence[0].item])).toEqual([['medium', 'intune-portal']]);
  });
});
