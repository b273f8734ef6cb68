import type { Snapshot } from '../../snapshot/schema.js';
import { browserPolicies } from '../browser-policies.js';
import { settingEvidence, settingSubject } from '../lib.js';
import type { BehaviourFinding, Detector } from '../types.js';

/** EnterpriseRealTimeUrlCheckMode = 1: every visited address is sent to the organisation's URL-check service. */
export function detectUrlLogging(s: Snapshot): BehaviourFinding[] {
  return browserPolicies(s)
    .filter((p) => p.policy === 'EnterpriseRealTimeUrlCheckMode' && (p.value === 1 || p.value === '1'))
    .map((p) => ({ id: 'browser.url-logging', capabilities: ['web-history'], confidence: 'high', subject: settingSubject(p.r), evidence: [settingEvidence(p.r, p.row, 'policy')] }));
}

export const urlLogging: Detector = {
  id: 'browser.url-logging',
  platforms: ['linux', 'macos', 'windows'],
  capabilities: ['web-history'],
  sources: ['https://chromeenterprise.google/policies/#EnterpriseRealTimeUrlCheckMode'],
  detect: detectUrlLogging,
};
