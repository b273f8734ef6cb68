import type { Snapshot } from '../../snapshot/schema.js';
import { settingEvidence, settingRows, settingSubject } from '../lib.js';
import type { BehaviourFinding, Detector } from '../types.js';

// Shadow policy values: 1 full control with consent, 2 full control without, 3 view with consent, 4 view without.
export function detectRdpShadow(s: Snapshot): BehaviourFinding[] {
  return settingRows(s, (r) => r.source === 'windows/behaviour-facts' && /\\Policies\\Microsoft\\Windows NT\\Terminal Services$/i.test(r.file ?? '') && r.key === 'Shadow' && (r.value === '2' || r.value === '4')).map(({ r, row }) => ({
    id: 'windows.rdp-shadow-no-consent',
    capabilities: r.value === '2' ? ['live-screen-view', 'remote-control'] : ['live-screen-view'],
    confidence: 'high',
    subject: settingSubject(r),
    evidence: [settingEvidence(r, row, 'policy')],
  }));
}

export const rdpShadow: Detector = {
  id: 'windows.rdp-shadow-no-consent',
  platforms: ['windows'],
  capabilities: ['live-screen-view', 'remote-control'],
  sources: ['https://learn.microsoft.com/en-us/windows/win32/termserv/win32-tsremotecontrolsetting-setremotecontrol', 'https://admx.help/?Category=Windows_10_2016&Policy=Microsoft.Policies.TerminalServer::TS_RemoteControl_1'],
  detect: detectRdpShadow,
};
