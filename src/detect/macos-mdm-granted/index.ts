import type { Snapshot } from '../../snapshot/schema.js';
import { said } from '../lib.js';
import { WHAT } from '../messages.js';
import { WATCHING } from '../macos-privacy-grant/index.js';
import type { BehaviourFinding, Detector } from '../types.js';

/** Watching permissions a configuration profile (PPPC) or an MDM override grants, or TCC rows whose reason is MDM policy. */
export function detectMdmGrants(s: Snapshot): BehaviourFinding[] {
  const byClient = new Map<string, BehaviourFinding>();
  (s.permissions ?? []).forEach((p, row) => {
    const caps = WATCHING[p.service];
    if (!caps) return;
    const fromProfile = p.source === 'pppc-profile' || p.source === 'mdm-overrides';
    const mdmReason = (p.source ?? '').startsWith('tcc-') && (p as { auth_reason?: number }).auth_reason === 6;
    // ScreenCapture/ListenEvent can only be allowed for the user to switch on (AllowStandardUserToSetSystemService)
    const auth = (p as { authorization?: string }).authorization;
    if (!(fromProfile || mdmReason) || (!p.granted && auth !== 'AllowStandardUserToSetSystemService')) return;
    let f = byClient.get(p.client);
    if (!f) {
      f = { id: 'macos.mdm-granted', capabilities: [], confidence: 'medium', subject: p.client.startsWith('/') ? { kind: 'process', name: p.client.slice(p.client.lastIndexOf('/') + 1), path: p.client } : { kind: 'process', name: p.client }, evidence: [] };
      byClient.set(p.client, f);
    }
    if (p.granted) f.confidence = 'high';
    for (const c of caps) if (!f.capabilities.includes(c)) f.capabilities.push(c);
    const profile = (p as { profile?: string }).profile;
    f.evidence.push({ table: 'permissions', row, ...said(p.granted ? 'detect.mdm.allowed' : 'detect.mdm.user-may', { service: p.service, ...(profile ? { profile } : { source: `${p.source}` }) }), what: WHAT.permission });
  });
  return [...byClient.values()];
}

export const mdmGranted: Detector = {
  id: 'macos.mdm-granted',
  platforms: ['macos'],
  capabilities: ['screenshots', 'keystrokes', 'remote-control'],
  sources: ['https://developer.apple.com/documentation/devicemanagement/privacypreferencespolicycontrol', 'https://support.apple.com/guide/deployment/privacy-preferences-policy-control-payload-dep38df53c2a/web'],
  detect: detectMdmGrants,
};
