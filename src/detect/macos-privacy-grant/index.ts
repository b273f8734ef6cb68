import type { CapabilityId } from '../../rules/vocabulary.js';
import type { Snapshot } from '../../snapshot/schema.js';
import { said } from '../lib.js';
import { WHAT } from '../messages.js';
import { isApple } from '../macos-lib.js';
import type { BehaviourFinding, Detector } from '../types.js';

export const WATCHING: Record<string, CapabilityId[]> = {
  'screen-capture': ['screenshots', 'screen-recording'],
  'input-monitoring': ['keystrokes', 'mouse-activity'],
  accessibility: ['keystrokes', 'screen-ocr', 'remote-control'],
  'post-event': ['remote-control'],
  automation: ['app-usage'],
};

// Apps people commonly allow themselves for calls, screen sharing, browsing and passwords: not a finding on their own.
const COMMON = new Set([
  'us.zoom.xos', 'com.microsoft.teams', 'com.microsoft.teams2', 'com.tinyspeck.slackmacgap', 'com.google.chrome', 'org.mozilla.firefox',
  'com.microsoft.edgemac', 'com.brave.browser', 'com.hnc.discord', 'com.cisco.webexmeetingsapp', 'com.webex.meetingmanager', 'com.1password.1password',
  'com.agilebits.onepassword7', 'com.googlecode.iterm2', 'com.microsoft.vscode', 'com.obsproject.obs-studio', 'com.raycast.macos', 'com.loom.desktop',
]);

const MDM_REASON = 6; // TCC auth_reason "MDM policy"

/** TCC grants of watching permissions to apps that are not Apple's or common call/browser apps, granted by the person. */
export function detectPrivacyGrants(s: Snapshot): BehaviourFinding[] {
  const out: BehaviourFinding[] = [];
  (s.permissions ?? []).forEach((p, row) => {
    const caps = WATCHING[p.service];
    if (!caps || !p.granted || !(p.source ?? '').startsWith('tcc-')) return;
    if (isApple(p.client) || COMMON.has(p.client.toLowerCase())) return;
    const reason = (p as { auth_reason?: number }).auth_reason;
    if (reason === MDM_REASON) return; // reported as macos.mdm-granted
    const byUser = reason === 2 || reason === 3;
    out.push({
      id: 'macos.privacy-grant',
      capabilities: caps,
      confidence: byUser ? 'low' : 'medium',
      subject: p.client.startsWith('/') ? { kind: 'process', name: p.client.slice(p.client.lastIndexOf('/') + 1), path: p.client } : { kind: 'process', name: p.client },
      evidence: [{ table: 'permissions', row, ...said('detect.permission', { service: p.service, client: p.client, source: `${p.source}` }), what: WHAT.permission }],
    });
  });
  return out;
}

export const privacyGrant: Detector = {
  id: 'macos.privacy-grant',
  platforms: ['macos'],
  capabilities: ['screenshots', 'screen-recording', 'keystrokes', 'remote-control'],
  sources: ['https://www.rainforestqa.com/blog/macos-tcc-db-deep-dive', 'https://support.apple.com/guide/mac-help/control-access-to-screen-and-system-audio-recording-mchld6aa7d23/mac'],
  detect: detectPrivacyGrants,
};
