import type { Snapshot } from '../../snapshot/schema.js';
import { said, settingEvidence, settingRows, settingSubject } from '../lib.js';
import { WHAT } from '../messages.js';
import type { BehaviourFinding, Detector } from '../types.js';

/** The name src/collectors/macos/profiles.ts gives the enrolment row (profiles status -type enrollment). */
const MDM_ROW = 'MDM enrollment';
// Linux management agents by package name (Microsoft Intune, Canonical Landscape, Red Hat Satellite, JumpCloud, Jamf).
const LINUX_AGENTS = new Set(['intune-portal', 'microsoft-identity-broker', 'landscape-client', 'rhsm', 'katello-host-tools', 'jumpcloud-agent', 'jamf-protect']);

/** One finding: the device is enrolled in management (macOS MDM, Windows MDM enrolment, a Linux management agent). */
export function detectManaged(s: Snapshot): BehaviourFinding[] {
  const out: BehaviourFinding[] = [];
  (s.packages ?? []).forEach((p, row) => {
    const mdm = p.source === 'mdm-enrollment' && (p as { enrolled?: boolean }).enrolled !== false;
    const agent = s.host.platform === 'linux' && LINUX_AGENTS.has(p.name);
    if (!mdm && !agent) return;
    out.push({
      id: 'device.managed',
      capabilities: ['remote-software', 'device-configuration'],
      confidence: mdm ? 'high' : 'medium',
      subject: { kind: 'setting', key: mdm ? 'MDM enrollment' : 'management agent', value: p.publisher ? `${p.name} (${p.publisher})` : p.name },
      // macOS's enrolment row is named by us ("MDM enrollment"): said in the reader's words; an agent's package by its name
      evidence: [{ table: 'packages', row, ...(mdm && p.name === MDM_ROW ? said('detect.mdm-enrolled', {}) : said('detect.value', { value: p.name })), what: WHAT.enrolment }],
    });
  });
  // Windows: HKLM\SOFTWARE\Microsoft\Enrollments\<GUID> with a ProviderID (MS DM Server = Intune)
  for (const { r, row } of settingRows(s, (x) => x.app === 'mdm-enrollment' && (x.name ?? x.key) === 'ProviderID' && !!x.value)) {
    out.push({ id: 'device.managed', capabilities: ['remote-software', 'device-configuration'], confidence: 'high', subject: settingSubject(r), evidence: [settingEvidence(r, row, 'enrolment')] });
  }
  // the same enrolment seen twice (e.g. two Enrollments keys of one provider) is one finding
  const seen = new Set<string>();
  return out.filter((f) => {
    const k = f.subject.kind === 'setting' ? `${f.subject.value}` : '';
    return !seen.has(k) && seen.add(k);
  });
}

export const deviceManaged: Detector = {
  id: 'device.managed',
  platforms: ['linux', 'macos', 'windows'],
  capabilities: ['remote-software', 'device-configuration'],
  sources: [
    'https://support.apple.com/guide/deployment/intro-to-mdm-profiles-depc0aadd3fe/web',
    'https://learn.microsoft.com/en-us/windows/client-management/mdm/dmclient-csp',
    'https://learn.microsoft.com/en-us/mem/intune/user-help/microsoft-intune-app-linux',
    'https://ubuntu.com/landscape/docs',
  ],
  detect: detectManaged,
};
