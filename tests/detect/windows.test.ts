import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { behaviourFactRows } from '../../src/collectors/windows/behaviour-facts.js';
import { parseRegQuery } from '../../src/collectors/windows/regquery.js';
import { classFilterRows, consentRows } from '../../src/collectors/windows/rows.js';
import { detectBehaviours } from '../../src/detect/index.js';
import { detectAppInit } from '../../src/detect/windows-appinit-dlls/index.js';
import { detectCameraMicUse } from '../../src/detect/windows-camera-mic-use/index.js';
import { detectHiddenServices } from '../../src/detect/windows-hidden-program-service/index.js';
import { detectInputFilters } from '../../src/detect/windows-input-filter-driver/index.js';
import { detectOsNameImpersonation } from '../../src/detect/windows-os-name-impersonation/index.js';
import { detectRdpShadow } from '../../src/detect/windows-rdp-shadow-no-consent/index.js';
import { detectRecall } from '../../src/detect/windows-recall-enabled/index.js';
import { detectWmiSubscriptions } from '../../src/detect/windows-wmi-subscription/index.js';
import type { Snapshot } from '../../src/snapshot/schema.js';

const fx = (name: string) => readFileSync(new URL(`../fixtures/windows/${name}`, import.meta.url), 'utf8');
const snap = (tables: Partial<Snapshot>): Snapshot => ({ format: 'bosswatch-snapshot', version: 1, collected_at: '2026-12-03T10:00:00Z', host: { platform: 'windows', os_version: 'Windows 11' }, coverage: [], ...tables });

describe('Windows input filters and camera/microphone use (recorded reg.exe outputs)', () => {
  it('reports a third-party keyboard filter ahead of kbdclass, not kbdclass itself', () => {
    const drivers = classFilterRows(parseRegQuery(fx('kbdfilter/reg_query_keyboard_class_UpperFilters_third_party_filter.txt')));
    expect(detectInputFilters(snap({ drivers })).map((b) => [b.confidence, b.subject])).toEqual([['high', { kind: 'setting', key: 'Keyboard class UpperFilters', value: 'keyboard' }]]);
    expect(detectInputFilters(snap({ drivers: classFilterRows(parseRegQuery(fx('kbdfilter/reg_query_keyboard_class_UpperFilters_clean.txt'))) }))).toEqual([]);
  });

  it('reports the program using the camera or microphone now (no stop time)', () => {
    const permissions = consentRows(parseRegQuery(fx('consentstore/reg_query_consentstore_webcam_microphone_constructed.txt')));
    const f = detectCameraMicUse(snap({ permissions }));
    expect(f.length).toBeGreaterThan(0);
    expect(f[0]).toMatchObject({ id: 'windows.camera-mic-use', confidence: 'high', capabilities: ['webcam'], subject: { kind: 'process', name: 'Zoom.exe' } });
  });
});

describe('behaviour_facts section of the inventory script', () => {
  const facts = behaviourFactRows(JSON.parse(fx('behaviour-facts/behaviour_facts_section_CONSTRUCTED.json')));
  const s = snap({ settings: facts.settings, certificates: facts.certificates });

  it('turns registry values, certificates, the Claude Code file and WMI consumers into rows', () => {
    expect(facts.settings.filter((r) => r.app === 'system-proxy').map((r) => r.key)).toEqual(['AutoConfigURL']);
    expect(facts.settings.find((r) => r.key === 'ProviderID')).toMatchObject({ app: 'mdm-enrollment', value: 'MS DM Server', file: 'HKLM\\SOFTWARE\\Microsoft\\Enrollments\\6F6B9C8A-21B4-4C2E-9C1D-3B0E5E1F2A77' });
    expect(facts.certificates[0]).toMatchObject({ store: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\Root\\Certificates', fingerprint: 'D72F47D87420E7F4A1F2E6F0B8B2A3C1D0E9F8A7' });
    expect(facts.coverage).toEqual([{ source: 'windows/wmi-subscriptions', table: 'settings', status: 'ok' }]);
  });

  it('finds AppInit_DLLs (only where LoadAppInit_DLLs=1), Recall, shadowing without consent and the WMI command', () => {
    expect(detectAppInit(s).map((b) => [b.confidence, b.subject.kind === 'setting' && b.subject.value])).toEqual([['high', 'C:\\PROGRA~1\\Agent\\hook64.dll']]);
    expect(detectRecall(s).map((b) => [b.confidence, b.evidence.length])).toEqual([['high', 2]]);
    expect(detectRdpShadow(s).map((b) => b.capabilities)).toEqual([['live-screen-view']]);
    const wmi = detectWmiSubscriptions(s);
    expect(wmi.map((b) => [b.confidence, b.evidence.length, b.subject.kind === 'setting' && b.subject.value])).toEqual([['high', 2, 'C:\\Users\\Public\\upd.exe -silent']]);
  });

  it('runs the shared detectors on Windows rows too: URL checks, connectors, PAC proxy, pushed root, enrolment, AI telemetry', () => {
    const ids = detectBehaviours(s).map((b) => `${b.id}:${b.confidence}`).sort();
    expect(ids).toEqual([
      'ai.usage-export:high',
      'browser.proxy:medium',
      'browser.reporting-connector:high',
      'browser.url-logging:high',
      'device.managed:high',
      'tls.extra-root-ca:high',
      'windows.appinit-dlls:high',
      'windows.rdp-shadow-no-consent:high',
      'windows.recall-enabled:high',
      'windows.wmi-subscription:high',
    ]);
  });

  it('reports a WMI error as denied coverage', () => {
    const r = behaviourFactRows({ wmi: { error: 'Access denied ' } });
    expect(r.coverage[0]).toMatchObject({ status: 'denied' });
  });
});

describe('OS-named programs and hidden programs with a service', () => {
  it('reports dwm.exe outside System32, not the real one nor a \\??\\ path', () => {
    const processes = [
      { pid: 1, name: 'svchost.exe', path: 'C:\\Windows\\System32\\svchost.exe' },
      { pid: 2, name: 'explorer.exe', path: 'C:\\Windows\\explorer.exe' },
      { pid: 3, name: 'svchost.exe', path: 'C:\\Users\\Public\\svchost.exe' },
      { pid: 4, name: 'dwm.exe', path: 'C:\\ProgramData\\{4CEC2908-5CE4-48F0-A717-8FC833D8017A}\\dwm.exe' },
      { pid: 5, name: 'csrss.exe', path: '\\??\\C:\\Windows\\system32\\csrss.exe' },
    ];
    expect(detectOsNameImpersonation(snap({ processes })).map((b) => b.subject.kind === 'process' && b.subject.pid)).toEqual([3, 4]);
  });

  it('matches a SystemComponent=1 entry to the service that runs from its folder', () => {
    const packages = [
      { name: 'Agent Core', hidden: true, install_location: 'C:\\Program Files\\Agent\\' },
      { name: 'Visible', install_location: 'C:\\Program Files\\Visible' },
      { name: 'Runtime', hidden: true, install_location: 'C:\\Program Files' },
    ];
    const services = [{ name: 'agentsvc', path: 'C:\\Program Files\\Agent\\bin\\agentsvc.exe' }, { name: 'vis', path: 'C:\\Program Files\\Visible\\v.exe' }];
    const f = detectHiddenServices(snap({ packages, services }));
    expect(f.map((b) => b.evidence.map((e) => e.item))).toEqual([['Agent Core — C:\\Program Files\\Agent\\', 'agentsvc: C:\\Program Files\\Agent\\bin\\agentsvc.exe']]);
  });
});
